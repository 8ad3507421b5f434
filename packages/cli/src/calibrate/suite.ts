/**
 * The built-in calibration suite: `modelcost calibrate` with no model arguments writes these small
 * ONNX models (random weights, so onnxruntime runs them for real) to a temporary folder and times
 * them. They cover the kernel kinds the CPU time model has factors for: convolutions large and
 * small, depthwise-separable blocks, dense layers at batch 1 and 64 (few and many GEMM rows), a
 * transformer encoder, recurrent layers, an int8 QLinearConv net and elementwise chains at two
 * sizes (cache-resident and not). ONNX protobuf is written with protobufjs over the subset of
 * onnx.proto these graphs use (field numbers from onnx/onnx.proto).
 */
import protobuf from 'protobufjs/light.js';
import { seededRandom } from '@modelcost/core';

const FLOAT = 1;
const UINT8 = 2;
const INT32 = 6;
const INT64 = 7;

/** The part of onnx.proto the suite writes (proto2 field numbers). */
const ONNX_SUBSET = {
  nested: {
    onnx: {
      nested: {
        ModelProto: { fields: { irVersion: { type: 'int64', id: 1 }, producerName: { type: 'string', id: 2 }, graph: { type: 'GraphProto', id: 7 }, opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 } } },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: { fields: { node: { rule: 'repeated', type: 'NodeProto', id: 1 }, name: { type: 'string', id: 2 }, initializer: { rule: 'repeated', type: 'TensorProto', id: 5 }, input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 }, output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 } } },
        NodeProto: { fields: { input: { rule: 'repeated', type: 'string', id: 1 }, output: { rule: 'repeated', type: 'string', id: 2 }, name: { type: 'string', id: 3 }, opType: { type: 'string', id: 4 }, attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 }, domain: { type: 'string', id: 7 } } },
        AttributeProto: { fields: { name: { type: 'string', id: 1 }, f: { type: 'float', id: 2 }, i: { type: 'int64', id: 3 }, s: { type: 'bytes', id: 4 }, ints: { rule: 'repeated', type: 'int64', id: 8, options: { packed: false } }, type: { type: 'int32', id: 20 } } },
        TensorProto: { fields: { dims: { rule: 'repeated', type: 'int64', id: 1, options: { packed: false } }, dataType: { type: 'int32', id: 2 }, name: { type: 'string', id: 8 }, rawData: { type: 'bytes', id: 9 } } },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: { fields: { tensorType: { type: 'TensorTypeProto', id: 1 } } },
        TensorTypeProto: { fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: { fields: { dimValue: { type: 'int64', id: 1 } } },
      },
    },
  },
};

interface Tensor { name: string; dims: number[]; dataType: number; rawData: Uint8Array }

/** A graph under construction, with random weights. */
class Graph {
  readonly nodes: object[] = [];
  readonly initializers: Tensor[] = [];
  readonly inputs: object[] = [];
  readonly outputs: object[] = [];
  private n = 0;
  private readonly random = seededRandom(11);
  constructor(readonly name: string) {}
  private id(p: string): string {
    return `${p}_${this.n++}`;
  }
  /**
   * A weight: float matrices uniform in +-1/sqrt(fan-in), vectors in [0.5, 1) (valid scales),
   * integer tensors uniform over a small range; activations stay finite through every graph.
   */
  weight(dims: number[], dataType = FLOAT): string {
    const name = this.id('w');
    const n = dims.reduce((a, b) => a * b, 1);
    let raw: Uint8Array;
    if (dataType === UINT8) raw = Uint8Array.from({ length: n }, () => Math.floor(this.random() * 256));
    else if (dataType === INT32) raw = new Uint8Array(Int32Array.from({ length: n }, () => Math.floor(this.random() * 200) - 100).buffer);
    else if (dataType === INT64) raw = new Uint8Array(BigInt64Array.from({ length: n }, () => 1n).buffer);
    else {
      const f = new Float32Array(n);
      const a = dims.length >= 2 ? 1 / Math.sqrt(Math.max(1, n / dims[0]!)) : 0;
      for (let i = 0; i < n; i++) f[i] = dims.length >= 2 ? (this.random() * 2 - 1) * a : 0.5 + this.random() * 0.5;
      raw = new Uint8Array(f.buffer);
    }
    this.initializers.push({ name, dims, dataType, rawData: raw });
    return name;
  }
  /** A small initializer with given values. */
  values(dims: number[], dataType: number, values: readonly number[]): string {
    const name = this.id('c');
    const raw = dataType === FLOAT ? new Uint8Array(Float32Array.from(values).buffer) : dataType === INT64 ? new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer) : dataType === UINT8 ? Uint8Array.from(values) : new Uint8Array(Int32Array.from(values).buffer);
    this.initializers.push({ name, dims, dataType, rawData: raw });
    return name;
  }
  node(op: string, inputs: string[], attrs: Record<string, number | number[]> = {}, outputs = 1): string {
    const outs = Array.from({ length: outputs }, () => this.id(op.toLowerCase()));
    const attribute = Object.entries(attrs).map(([name, v]) => (Array.isArray(v) ? { name, type: 7, ints: v } : Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v }));
    this.nodes.push({ name: outs[0], opType: op, input: inputs, output: outs, attribute });
    return outs[0]!;
  }
  input(name: string, dims: number[], elemType = FLOAT): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }
  output(name: string, dims: number[], elemType = FLOAT): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }
}

function valueInfo(name: string, elemType: number, dims: number[]): object {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } };
}

/** The model's bytes (ONNX IR 8, default-domain opset `opset`). */
export function encodeModel(g: Graph, opset = 17): Uint8Array {
  const root = protobuf.Root.fromJSON(ONNX_SUBSET);
  const Model = root.lookupType('onnx.ModelProto');
  const msg = { irVersion: 8, producerName: 'modelcost-calibrate', opsetImport: [{ domain: '', version: opset }], graph: { name: g.name, node: g.nodes, initializer: g.initializers, input: g.inputs, output: g.outputs } };
  return Model.encode(Model.fromObject(msg)).finish();
}

function conv(g: Graph, x: string, cin: number, cout: number, k: number, s = 1, groups = 1, relu = true): string {
  const p = (k - 1) >> 1;
  const c = g.node('Conv', [x, g.weight([cout, cin / groups, k, k]), g.weight([cout])], { kernel_shape: [k, k], strides: [s, s], pads: [p, p, p, p], group: groups });
  return relu ? g.node('Relu', [c]) : c;
}

function classifier(g: Graph, x: string, c: number, classes: number): string {
  x = g.node('Flatten', [g.node('GlobalAveragePool', [x])], { axis: 1 });
  return g.node('Gemm', [x, g.weight([classes, c]), g.weight([classes])], { transB: 1 });
}

/** A VGG-style stack: 3x3 convolutions and max pooling. */
function cnn(name: string, size: number, widths: readonly number[]): Graph {
  const g = new Graph(name);
  let x = g.input('input', [1, 3, size, size]);
  let cin = 3;
  for (const c of widths) {
    x = conv(g, conv(g, x, cin, c, 3), c, c, 3);
    x = g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
    cin = c;
  }
  g.output(classifier(g, x, cin, 100), [1, 100]);
  return g;
}

/** ResNet-style residual blocks at 112x112 (widths 32-256). */
function resnetSmall(): Graph {
  const g = new Graph('resnet_small');
  let x = g.node('MaxPool', [conv(g, g.input('input', [1, 3, 224, 224]), 3, 32, 7, 2)], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let cin = 32;
  for (const [c, s] of [[32, 1], [64, 2], [128, 2], [256, 2]] as const) {
    const y = conv(g, conv(g, x, cin, c, 3, s), c, c, 3, 1, 1, false);
    const sc = s !== 1 || cin !== c ? conv(g, x, cin, c, 1, s, 1, false) : x;
    x = g.node('Relu', [g.node('Add', [y, sc])]);
    cin = c;
  }
  g.output(classifier(g, x, cin, 1000), [1, 1000]);
  return g;
}

/** MobileNet-style depthwise-separable blocks. */
function depthwise(): Graph {
  const g = new Graph('depthwise');
  let x = conv(g, g.input('input', [1, 3, 160, 160]), 3, 32, 3, 2);
  let cin = 32;
  for (const [c, s] of [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2]] as const) {
    x = conv(g, conv(g, x, cin, cin, 3, s, cin), cin, c, 1);
    cin = c;
  }
  g.output(classifier(g, x, cin, 1000), [1, 1000]);
  return g;
}

/** An MLP 1024-2048-2048-1000 at a batch: few GEMM rows at 1, many at 64. */
function mlp(batch: number): Graph {
  const g = new Graph(`mlp_b${batch}`);
  let x = g.input('input', [batch, 1024]);
  let cin = 1024;
  for (const c of [2048, 2048]) {
    x = g.node('Relu', [g.node('Gemm', [x, g.weight([c, cin]), g.weight([c])], { transB: 1 })]);
    cin = c;
  }
  g.output(g.node('Gemm', [x, g.weight([1000, cin]), g.weight([1000])], { transB: 1 }), [batch, 1000]);
  return g;
}

/** A 2-layer transformer encoder (hidden 256, 4 heads, FF 1024) at sequence 64. */
function encoder(): Graph {
  const g = new Graph('encoder');
  const S = 64;
  const H = 256;
  const heads = 4;
  let x = g.input('input', [1, S, H]);
  const dense = (t: string, i: number, o: number): string => g.node('Add', [g.node('MatMul', [t, g.weight([i, o])]), g.weight([o])]);
  const ln = (t: string): string => g.node('LayerNormalization', [t, g.weight([H]), g.weight([H])], { axis: -1 });
  const split = g.values([4], INT64, [1, S, heads, H / heads]);
  const merge = g.values([3], INT64, [1, S, H]);
  for (let l = 0; l < 2; l++) {
    const q = g.node('Transpose', [g.node('Reshape', [dense(x, H, H), split])], { perm: [0, 2, 1, 3] });
    const k = g.node('Transpose', [g.node('Reshape', [dense(x, H, H), split])], { perm: [0, 2, 3, 1] });
    const v = g.node('Transpose', [g.node('Reshape', [dense(x, H, H), split])], { perm: [0, 2, 1, 3] });
    const scores = g.node('Softmax', [g.node('Div', [g.node('MatMul', [q, k]), g.values([1], FLOAT, [8])])], { axis: -1 });
    const ctx = g.node('Reshape', [g.node('Transpose', [g.node('MatMul', [scores, v])], { perm: [0, 2, 1, 3] }), merge]);
    x = ln(g.node('Add', [dense(ctx, H, H), x]));
    x = ln(g.node('Add', [dense(g.node('Relu', [dense(x, H, 1024)]), 1024, H), x]));
  }
  g.output(x, [1, S, H]);
  return g;
}

/** A 2-layer LSTM or GRU over `steps` time steps. */
function recurrent(op: 'LSTM' | 'GRU', steps: number, cin0: number, H: number): Graph {
  const g = new Graph(`${op.toLowerCase()}_${H}`);
  const gates = op === 'LSTM' ? 4 : 3;
  let x = g.input('input', [steps, 1, cin0]);
  let cin = cin0;
  for (let l = 0; l < 2; l++) {
    const y = g.node(op, [x, g.weight([1, gates * H, cin]), g.weight([1, gates * H, H]), g.weight([1, 2 * gates * H])], { hidden_size: H, ...(op === 'GRU' ? { linear_before_reset: 1 } : {}) }, op === 'LSTM' ? 3 : 2);
    x = g.node('Squeeze', [y, g.values([1], INT64, [1])]);
    cin = H;
  }
  g.output(x, [steps, 1, H]);
  return g;
}

/** An int8 (uint8) CNN of QLinearConv layers, as onnxruntime's static quantizer writes it. */
function int8Cnn(): Graph {
  const g = new Graph('int8_cnn');
  const scale = (): string => g.values([], FLOAT, [0.02]);
  const zp = (): string => g.values([], UINT8, [128]);
  let x = g.node('QuantizeLinear', [g.input('input', [1, 32, 56, 56]), scale(), zp()]);
  let cin = 32;
  for (const [c, s] of [[64, 1], [128, 2], [128, 1], [256, 2]] as const) {
    x = g.node('QLinearConv', [x, scale(), zp(), g.weight([c, cin, 3, 3], UINT8), scale(), zp(), scale(), zp(), g.weight([c], INT32)], { kernel_shape: [3, 3], strides: [s, s], pads: [1, 1, 1, 1] });
    cin = c;
  }
  g.output(g.node('DequantizeLinear', [x, scale(), zp()]), [1, 256, 14, 14]);
  return g;
}

/** An elementwise chain (x * Sigmoid(x) + bias, 8 times) on [1, c, h, h]: memory-bound. */
function elementwise(c: number, h: number): Graph {
  const g = new Graph(`elementwise_${c}x${h}`);
  let x = g.input('input', [1, c, h, h]);
  for (let i = 0; i < 8; i++) x = g.node('Add', [g.node('Mul', [x, g.node('Sigmoid', [x])]), g.weight([c, 1, 1])]);
  g.output(x, [1, c, h, h]);
  return g;
}

/** One model of the suite: a file name and its bytes. */
export interface SuiteModel {
  readonly file: string;
  readonly bytes: () => Uint8Array;
}

/** The built-in calibration suite (13 models, ~14 MB of random weights in all). */
export const CALIBRATION_SUITE: readonly SuiteModel[] = [
  { file: 'cnn-cifar.onnx', bytes: () => encodeModel(cnn('cnn_cifar', 32, [16, 32, 64])) },
  { file: 'cnn-112.onnx', bytes: () => encodeModel(cnn('cnn_112', 112, [16, 32, 64, 128])) },
  { file: 'resnet-small.onnx', bytes: () => encodeModel(resnetSmall()) },
  { file: 'depthwise.onnx', bytes: () => encodeModel(depthwise()) },
  { file: 'mlp-b1.onnx', bytes: () => encodeModel(mlp(1)) },
  { file: 'mlp-b64.onnx', bytes: () => encodeModel(mlp(64)) },
  { file: 'encoder.onnx', bytes: () => encodeModel(encoder(), 17) },
  { file: 'lstm.onnx', bytes: () => encodeModel(recurrent('LSTM', 32, 64, 128)) },
  { file: 'gru.onnx', bytes: () => encodeModel(recurrent('GRU', 64, 64, 128)) },
  { file: 'lstm-large.onnx', bytes: () => encodeModel(recurrent('LSTM', 64, 128, 256)) },
  { file: 'int8-cnn.onnx', bytes: () => encodeModel(int8Cnn()) },
  { file: 'elementwise-small.onnx', bytes: () => encodeModel(elementwise(64, 28)) },
  { file: 'elementwise-large.onnx', bytes: () => encodeModel(elementwise(256, 56)) },
];
