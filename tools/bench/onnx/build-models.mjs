/**
 * Generators for the ONNX benchmark models (written to .bench/onnx/, never committed):
 *   resnet50.onnx    torchvision ResNet-50 topology, fp32 inline weights (~102 MB)
 *   bert-base.onnx   BERT-base encoder (12 layers, hidden 768), dynamic [batch, seq] axes, inline weights (~436 MB)
 *   nodes-100k.onnx  a synthetic graph of 100,000 nodes
 *   big-1p5g.onnx    an MLP with 1.5 GiB of inline fp32 weights
 *   chain-1m.onnx    a chain of 1,000,000 nodes (issue 16's honest scale)
 *   initializers-1m.onnx  1,000,000 small initializers read by 1,000 Sum nodes
 *   cycles-50k.onnx  50,000 two-node cycles (an invalid graph, reported in linear time)
 * Weights are streamed to disk as zeros: profiling never reads them, and the files stay cheap to make.
 * Usage: node tools/bench/onnx/build-models.mjs [outDir]
 */
import { closeSync, mkdirSync, openSync, writeSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '@modelcost/core';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = 1;
const INT64 = 7;

/** Protobuf varint bytes. */
function varint(n) {
  const out = [];
  let v = BigInt(n);
  while (v >= 0x80n) {
    out.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}
const tag = (field, wire) => varint((field << 3) | wire);

/** A graph under construction: nodes, small initializers (encoded by protobufjs) and big ones (streamed). */
export class GraphBuilder {
  constructor(name) {
    this.name = name;
    this.nodes = [];
    this.small = [];
    this.big = []; // { name, dims, bytes }
    this.inputs = [];
    this.outputs = [];
    this.n = 0;
  }
  id(p) {
    return `${p}_${this.n++}`;
  }
  /** A weight tensor (float32 by default; `dataType` 2 = uint8, 3 = int8, 6 = int32 for quantized graphs). */
  weight(dims, prefix = 'w', dataType = FLOAT) {
    const name = this.id(prefix);
    const bytes = dims.reduce((a, b) => a * b, 1) * (dataType === 2 || dataType === 3 ? 1 : 4);
    this.big.push({ name, dims, bytes, dataType });
    return name;
  }
  /** A small float32 initializer with given values (scales, clip bounds). */
  floats(dims, values, prefix = 'f') {
    const name = this.id(prefix);
    this.small.push({ name, dims, dataType: FLOAT, floatData: values });
    return name;
  }
  /** A small initializer of another type with given values (`int32Data` carries uint8/int8/int32). */
  typed(dims, dataType, values, prefix = 'q') {
    const name = this.id(prefix);
    this.small.push({ name, dims, dataType, int32Data: values });
    return name;
  }
  ints(values, prefix = 'c') {
    const name = this.id(prefix);
    this.small.push({ name, dims: [values.length], dataType: INT64, int64Data: values });
    return name;
  }
  /** An int64 scalar (rank 0), as Range and scalar Gather indices require. */
  scalar(value, prefix = 'c') {
    const name = this.id(prefix);
    this.small.push({ name, dims: [], dataType: INT64, int64Data: [value] });
    return name;
  }
  node(op, inputs, attrs = {}, nOut = 1) {
    const outputs = Array.from({ length: nOut }, () => this.id(op.toLowerCase()));
    const attribute = Object.entries(attrs).map(([k, v]) => {
      if (Array.isArray(v)) return { name: k, type: 7, ints: v };
      if (typeof v === 'string') return { name: k, type: 3, s: Buffer.from(v) };
      if (Number.isInteger(v)) return { name: k, type: 2, i: v };
      return { name: k, type: 1, f: v };
    });
    this.nodes.push({ name: outputs[0], opType: op, input: inputs, output: outputs, attribute });
    return nOut === 1 ? outputs[0] : outputs;
  }
  input(name, elemType, dims) {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }
  output(name, elemType, dims) {
    this.outputs.push(valueInfo(name, elemType, dims));
  }
}

function valueInfo(name, elemType, dims) {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

const random = seededRandom(7);

/**
 * Random weights that keep activations finite: float matrices uniform in +-1/sqrt(fan-in) (fan-in =
 * elements / first dim), vectors and scalars in [0.5, 1) (positive, so BatchNormalization variances
 * and scales stay valid), integer tensors uniform over their range.
 */
function randomWeights(t) {
  const n = t.dims.reduce((a, b) => a * b, 1);
  if (t.dataType === 2 || t.dataType === 3) return Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  if (t.dataType === 6) return new Uint8Array(Int32Array.from({ length: n }, () => Math.floor(random() * 200) - 100).buffer);
  const out = new Float32Array(n);
  if (t.dims.length >= 2) {
    const a = 1 / Math.sqrt(Math.max(1, n / t.dims[0]));
    for (let i = 0; i < n; i++) out[i] = (random() * 2 - 1) * a;
  } else for (let i = 0; i < n; i++) out[i] = 0.5 + random() * 0.5;
  return new Uint8Array(out.buffer);
}

/**
 * Write the model: protobufjs encodes the structure, big initializers' raw_data is streamed as zeros
 * (`fill: 'random'`: random values, for models that are run, as the latency benchmark does).
 * With `externalData`, big initializers point into an external file that is never written (profiling
 * never opens it), so a BERT-sized topology costs a few hundred KB on disk.
 */
export function writeModel(path, g, opset = 17, { externalData = false, fill = 'zeros' } = {}) {
  if (externalData) {
    let offset = 0;
    const ext = g.big.map((t) => {
      const e = { name: t.name, dims: t.dims, dataType: t.dataType ?? FLOAT, dataLocation: 1, externalData: [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(t.bytes) }] };
      offset += t.bytes;
      return e;
    });
    g = Object.assign(Object.create(Object.getPrototypeOf(g)), g, { small: [...g.small, ...ext], big: [] });
  }
  const graphHead = onnx.GraphProto.encode({ name: g.name, node: g.nodes, initializer: g.small, input: g.inputs, output: g.outputs }).finish();
  const tensors = g.big.map((t) => {
    const head = onnx.TensorProto.encode({ name: t.name, dims: t.dims, dataType: t.dataType ?? FLOAT }).finish();
    const rawTag = Uint8Array.from([...tag(9, 2), ...varint(t.bytes)]);
    const len = head.length + rawTag.length + t.bytes;
    return { t, head, rawTag, prefix: Uint8Array.from([...tag(5, 2), ...varint(len)]), len };
  });
  const graphLen = graphHead.length + tensors.reduce((s, x) => s + x.prefix.length + x.len, 0);
  const modelHead = onnx.ModelProto.encode({ irVersion: 8, producerName: 'modelcost-bench', opsetImport: [{ domain: '', version: opset }] }).finish();
  const fd = openSync(path, 'w');
  const zeros = new Uint8Array(16 << 20);
  try {
    writeSync(fd, modelHead);
    writeSync(fd, Uint8Array.from([...tag(7, 2), ...varint(graphLen)]));
    writeSync(fd, graphHead);
    for (const x of tensors) {
      writeSync(fd, x.prefix);
      writeSync(fd, x.head);
      writeSync(fd, x.rawTag);
      if (fill === 'random') writeSync(fd, randomWeights(x.t));
      else for (let left = x.t.bytes; left > 0; left -= zeros.length) writeSync(fd, zeros, 0, Math.min(left, zeros.length));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * torchvision ResNet-50 as torch.onnx.export writes it in eval mode: BatchNormalization folded into
 * each Conv's weights and bias (the exporter's default constant folding).
 */
export function resnet50() {
  const g = new GraphBuilder('resnet50');
  let x = g.input('input', FLOAT, [1, 3, 224, 224]);
  const conv = (inp, cin, cout, k, s, p, relu = true) => {
    const c = g.node('Conv', [inp, g.weight([cout, cin, k, k]), g.weight([cout])], { kernel_shape: [k, k], strides: [s, s], pads: [p, p, p, p] });
    return relu ? g.node('Relu', [c]) : c;
  };
  x = conv(x, 3, 64, 7, 2, 3);
  x = g.node('MaxPool', [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let cin = 64;
  for (const [width, blocks, stride] of [[64, 3, 1], [128, 4, 2], [256, 6, 2], [512, 3, 2]]) {
    for (let b = 0; b < blocks; b++) {
      const s = b === 0 ? stride : 1;
      const out = width * 4;
      let y = conv(x, cin, width, 1, 1, 0);
      y = conv(y, width, width, 3, s, 1);
      y = conv(y, width, out, 1, 1, 0, false);
      const short = b === 0 ? conv(x, cin, out, 1, s, 0, false) : x;
      x = g.node('Relu', [g.node('Add', [y, short])]);
      cin = out;
    }
  }
  x = g.node('GlobalAveragePool', [x]);
  x = g.node('Flatten', [x], { axis: 1 });
  x = g.node('Gemm', [x, g.weight([1000, 2048]), g.weight([1000])], { transB: 1 });
  g.output(x, FLOAT, [1, 1000]);
  return g;
}

/** torchvision MobileNetV2 (width 1.0, 224x224) as exported in eval mode: BN folded, ReLU6 as Clip. */
export function mobilenetV2() {
  const g = new GraphBuilder('mobilenet_v2');
  let x = g.input('input', FLOAT, ['batch', 3, 224, 224]);
  const six = g.weight([]);
  const zero = g.weight([]);
  const conv = (inp, cin, cout, k, s, groups = 1, relu6 = true) => {
    const p = (k - 1) / 2;
    const c = g.node('Conv', [inp, g.weight([cout, cin / groups, k, k]), g.weight([cout])], { kernel_shape: [k, k], strides: [s, s], pads: [p, p, p, p], group: groups });
    return relu6 ? g.node('Clip', [c, zero, six]) : c;
  };
  x = conv(x, 3, 32, 3, 2);
  let cin = 32;
  for (const [t, c, n, s] of [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]]) {
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      const hidden = cin * t;
      let y = t === 1 ? x : conv(x, cin, hidden, 1, 1);
      y = conv(y, hidden, hidden, 3, stride, hidden);
      y = conv(y, hidden, c, 1, 1, 1, false);
      x = stride === 1 && cin === c ? g.node('Add', [x, y]) : y;
      cin = c;
    }
  }
  x = conv(x, 320, 1280, 1, 1);
  x = g.node('GlobalAveragePool', [x]);
  x = g.node('Flatten', [x], { axis: 1 });
  x = g.node('Gemm', [x, g.weight([1000, 1280]), g.weight([1000])], { transB: 1 });
  g.output(x, FLOAT, ['batch', 1000]);
  return g;
}

/** A BERT-style encoder with dynamic [batch, seq] axes; defaults are BERT-base. */
export function bertBase({ H = 768, heads = 12, layers = 12, vocab = 30522, ff = 3072, name = 'bert_base' } = {}) {
  const g = new GraphBuilder(name);
  const ids = g.input('input_ids', INT64, ['batch', 'seq']);
  let x = g.node('Gather', [g.weight([vocab, H]), ids]);
  const pos = g.node('Gather', [g.weight([512, H]), g.node('Range', [g.scalar(0), g.node('Gather', [g.node('Shape', [ids]), g.scalar(1)]), g.scalar(1)])]);
  x = g.node('Add', [x, pos]);
  const ln = (inp) => g.node('LayerNormalization', [inp, g.weight([H]), g.weight([H])], { axis: -1 });
  const dense = (inp, i, o) => g.node('Add', [g.node('MatMul', [inp, g.weight([i, o])]), g.weight([o])]);
  x = ln(x);
  const shapeX = g.node('Shape', [x]);
  const bs = g.node('Slice', [shapeX, g.ints([0]), g.ints([2])]);
  const headShape = g.node('Concat', [bs, g.ints([heads, H / heads])], { axis: 0 });
  for (let l = 0; l < layers; l++) {
    const split = (t) => g.node('Transpose', [g.node('Reshape', [t, headShape])], { perm: [0, 2, 1, 3] });
    const q = split(dense(x, H, H));
    const k = g.node('Transpose', [g.node('Reshape', [dense(x, H, H), headShape])], { perm: [0, 2, 3, 1] });
    const v = split(dense(x, H, H));
    const scores = g.node('Softmax', [g.node('Div', [g.node('MatMul', [q, k]), g.weight([1])])], { axis: -1 });
    const ctx = g.node('Reshape', [g.node('Transpose', [g.node('MatMul', [scores, v])], { perm: [0, 2, 1, 3] }), g.node('Concat', [bs, g.ints([H])], { axis: 0 })]);
    x = ln(g.node('Add', [dense(ctx, H, H), x]));
    const f = dense(g.node('Gelu', [dense(x, H, ff)]), ff, H);
    x = ln(g.node('Add', [f, x]));
  }
  g.output(x, FLOAT, ['batch', 'seq', H]);
  return g;
}

/** A chain of `pairs` Add + Relu pairs over a [batch, 64] activation (2 * pairs nodes). */
function chain(name, pairs) {
  const g = new GraphBuilder(name);
  let x = g.input('x', FLOAT, ['batch', 64]);
  const b = g.weight([64]);
  for (let i = 0; i < pairs; i++) x = g.node('Relu', [g.node('Add', [x, b])]);
  g.output(x, FLOAT, ['batch', 64]);
  return g;
}

function big1p5g() {
  const g = new GraphBuilder('big_mlp');
  let x = g.input('x', FLOAT, ['batch', 8192]);
  // 12 layers of 8192x4096 fp32 = 12 * 128 MiB = 1.5 GiB of inline weights.
  for (let i = 0; i < 12; i++) x = g.node('Relu', [g.node('MatMul', [x, g.weight(i % 2 === 0 ? [8192, 4096] : [4096, 8192])])]);
  g.output(x, FLOAT, ['batch', 8192]);
  return g;
}

/** 1,000,000 small initializers (a [4] float each) summed in 1,000 Sum nodes of 1,000 inputs, then 999 Adds. */
function initializers1m() {
  const g = new GraphBuilder('initializers_1m');
  const x = g.input('x', FLOAT, ['batch', 4]);
  let acc = x;
  for (let i = 0; i < 1000; i++) {
    const ws = Array.from({ length: 1000 }, () => g.floats([4], [0, 0, 0, 0], 'w'));
    acc = g.node('Add', [acc, g.node('Sum', ws)]);
  }
  g.output(acc, FLOAT, ['batch', 4]);
  return g;
}

/**
 * 50,000 two-node cycles (a_i = Add(x, b_i), b_i = Relu(a_i)): an invalid graph that must still be
 * reported (each cycle broken in file order, with a diagnostic) in time linear in its size.
 */
function cycles50k() {
  const g = new GraphBuilder('cycles_50k');
  const x = g.input('x', FLOAT, ['batch', 64]);
  for (let i = 0; i < 50_000; i++) {
    g.nodes.push({ name: `a_${i}`, opType: 'Add', input: [x, `b_${i}`], output: [`a_${i}`], attribute: [] });
    g.nodes.push({ name: `b_${i}`, opType: 'Relu', input: [`a_${i}`], output: [`b_${i}`], attribute: [] });
  }
  g.output('b_49999', FLOAT, ['batch', 64]);
  return g;
}

export const MODELS = {
  'resnet50.onnx': resnet50,
  'bert-base.onnx': () => bertBase(),
  'nodes-100k.onnx': () => chain('nodes_100k', 50_000),
  'big-1p5g.onnx': big1p5g,
  // 10^6 nodes: an unrolled graph's size (issue 16).
  'chain-1m.onnx': () => chain('chain_1m', 500_000),
  'initializers-1m.onnx': initializers1m,
  'cycles-50k.onnx': cycles50k,
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? join(process.cwd(), '.bench/onnx');
  mkdirSync(out, { recursive: true });
  for (const [file, make] of Object.entries(MODELS)) {
    const path = join(out, file);
    if (existsSync(path)) {
      console.log(`${file}: exists (${(statSync(path).size / 2 ** 20).toFixed(1)} MiB)`);
      continue;
    }
    const t = performance.now();
    writeModel(path, make(), 20);
    console.log(`${file}: ${(statSync(path).size / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}
