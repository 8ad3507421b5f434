/**
 * The latency benchmark's models: 21 cases over 20 ONNX graphs of different kinds (CNNs large and
 * small, depthwise nets, MLPs at three batch sizes, a transformer encoder at two sequence lengths,
 * LSTMs and GRUs at two sizes, an int8 QLinearConv net, pointwise and elementwise-heavy graphs at three sizes),
 * written with random weights so onnxruntime runs them for real.
 */
// @ts-expect-error: a JavaScript module without types (shared with tools/bench/onnx).
import { bertBase, GraphBuilder, mobilenetV2, resnet50 } from '../onnx/build-models.mjs';
// @ts-expect-error: a JavaScript module without types.
import { tinyCnn } from '../../examples/build-examples.mjs';

const FLOAT = 1;
const UINT8 = 2;
const INT32 = 6;

/* eslint-disable @typescript-eslint/no-explicit-any */
type G = any;

function conv(g: G, x: string, cin: number, cout: number, k: number, s = 1, groups = 1, act: 'relu' | 'none' = 'relu'): string {
  const p = (k - 1) >> 1;
  const c = g.node('Conv', [x, g.weight([cout, cin / groups, k, k]), g.weight([cout])], { kernel_shape: [k, k], strides: [s, s], pads: [p, p, p, p], group: groups });
  return act === 'relu' ? g.node('Relu', [c]) : c;
}

function head(g: G, x: string, c: number, classes = 1000): string {
  x = g.node('Flatten', [g.node('GlobalAveragePool', [x])], { axis: 1 });
  return g.node('Gemm', [x, g.weight([classes, c]), g.weight([classes])], { transB: 1 });
}

/** torchvision ResNet-18 topology (BN folded). */
function resnet18(): G {
  const g = new GraphBuilder('resnet18');
  let x = g.input('input', FLOAT, [1, 3, 224, 224]);
  x = g.node('MaxPool', [conv(g, x, 3, 64, 7, 2)], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let cin = 64;
  for (const [c, s] of [[64, 1], [128, 2], [256, 2], [512, 2]] as const) {
    for (let i = 0; i < 2; i++) {
      const stride = i === 0 ? s : 1;
      const y = conv(g, conv(g, x, cin, c, 3, stride), c, c, 3, 1, 1, 'none');
      const sc = stride !== 1 || cin !== c ? conv(g, x, cin, c, 1, stride, 1, 'none') : x;
      x = g.node('Relu', [g.node('Add', [y, sc])]);
      cin = c;
    }
  }
  g.output(head(g, x, 512), FLOAT, [1, 1000]);
  return g;
}

/** MobileNet v1 (width 1.0, 224): depthwise-separable blocks. */
export function mobilenetV1(): G {
  const g = new GraphBuilder('mobilenet_v1');
  let x = conv(g, g.input('input', FLOAT, [1, 3, 224, 224]), 3, 32, 3, 2);
  let cin = 32;
  for (const [c, s] of [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1]] as const) {
    x = conv(g, conv(g, x, cin, cin, 3, s, cin), cin, c, 1);
    cin = c;
  }
  g.output(head(g, x, 1024), FLOAT, [1, 1000]);
  return g;
}

/** A VGG-style conv stack (default: 112x112, widths 32-256; compute-heavy 3x3 convolutions). */
function vggSmall(size = 112, widths: readonly number[] = [32, 64, 128, 256], name = 'vgg_small'): G {
  const g = new GraphBuilder(name);
  let x = g.input('input', FLOAT, [1, 3, size, size]);
  let cin = 3;
  for (const c of widths) {
    x = conv(g, conv(g, x, cin, c, 3), c, c, 3);
    x = g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
    cin = c;
  }
  g.output(head(g, x, cin, 100), FLOAT, [1, 100]);
  return g;
}

/** An MLP 1024-4096-4096-1000 at a given batch (batch 1 is weight-bandwidth-bound, 64 compute-bound). */
function mlp(batch: number): G {
  const g = new GraphBuilder(`mlp_b${batch}`);
  let x = g.input('input', FLOAT, [batch, 1024]);
  let cin = 1024;
  for (const c of [4096, 4096]) {
    x = g.node('Relu', [g.node('Gemm', [x, g.weight([c, cin]), g.weight([c])], { transB: 1 })]);
    cin = c;
  }
  x = g.node('Gemm', [x, g.weight([1000, cin]), g.weight([1000])], { transB: 1 });
  g.output(x, FLOAT, [batch, 1000]);
  return g;
}

/** A 2-layer LSTM (default: input 128, hidden 256, 64 steps). */
function lstm(steps = 64, cin0 = 128, H = 256, name = 'lstm'): G {
  const g = new GraphBuilder(name);
  let x = g.input('input', FLOAT, [steps, 1, cin0]);
  let cin = cin0;
  for (let l = 0; l < 2; l++) {
    const [y] = g.node('LSTM', [x, g.weight([1, 4 * H, cin]), g.weight([1, 4 * H, H]), g.weight([1, 8 * H])], { hidden_size: H }, 3);
    x = g.node('Squeeze', [y, g.ints([1])]);
    cin = H;
  }
  g.output(x, FLOAT, [steps, 1, H]);
  return g;
}

/** An int8 (uint8) CNN of QLinearConv layers on 56x56, as onnxruntime's static quantizer writes it. */
function int8Cnn(): G {
  const g = new GraphBuilder('int8_cnn');
  const inp = g.input('input', FLOAT, [1, 32, 56, 56]);
  const scale = (): string => g.floats([], [0.02]);
  const zp = (): string => g.typed([], UINT8, [128]);
  let x = g.node('QuantizeLinear', [inp, scale(), zp()]);
  let cin = 32;
  for (const [c, s] of [[64, 1], [64, 1], [128, 2], [128, 1], [256, 2], [256, 1]] as const) {
    x = g.node('QLinearConv', [x, scale(), zp(), g.weight([c, cin, 3, 3], 'w', UINT8), scale(), zp(), scale(), zp(), g.weight([c], 'b', INT32)], { kernel_shape: [3, 3], strides: [s, s], pads: [1, 1, 1, 1] });
    cin = c;
  }
  x = g.node('DequantizeLinear', [x, scale(), zp()]);
  g.output(x, FLOAT, [1, 256, 14, 14]);
  return g;
}

/** Pointwise-heavy: 1x1 convolutions on 28x28x512 (large GEMMs with little reuse per weight). */
function pointwise(): G {
  const g = new GraphBuilder('pointwise');
  let x = g.input('input', FLOAT, [1, 512, 28, 28]);
  for (let i = 0; i < 6; i++) x = conv(g, x, 512, 512, 1);
  g.output(x, FLOAT, [1, 512, 28, 28]);
  return g;
}

/** Elementwise-heavy: a chain of Mul/Add/Sigmoid on [1, C, H, H] (memory-bound). */
function elementwise(c = 256, h = 56, name = 'elementwise'): G {
  const g = new GraphBuilder(name);
  let x = g.input('input', FLOAT, [1, c, h, h]);
  for (let i = 0; i < 8; i++) {
    const s = g.node('Sigmoid', [x]);
    x = g.node('Add', [g.node('Mul', [x, s]), g.weight([c, 1, 1])]);
  }
  g.output(x, FLOAT, [1, c, h, h]);
  return g;
}

/** A 2-layer GRU (default: input 64, hidden 128, 100 steps). */
function gru(steps = 100, cin0 = 64, H = 128, name = 'gru'): G {
  const g = new GraphBuilder(name);
  let x = g.input('input', FLOAT, [steps, 1, cin0]);
  let cin = cin0;
  for (let l = 0; l < 2; l++) {
    const [y] = g.node('GRU', [x, g.weight([1, 3 * H, cin]), g.weight([1, 3 * H, H]), g.weight([1, 6 * H])], { hidden_size: H, linear_before_reset: 1 }, 2);
    x = g.node('Squeeze', [y, g.ints([1])]);
    cin = H;
  }
  g.output(x, FLOAT, [steps, 1, H]);
  return g;
}

/** One benchmark case: a model file to build and the dims to bind (one file may serve two cases). */
export interface BenchCase {
  readonly name: string;
  readonly file: string;
  readonly build: () => G;
  readonly opset: number;
  readonly dims: Record<string, number>;
  /** Added to the suite later (the first suite's figures are printed apart, for comparison). */
  readonly added?: true;
}

const encoder = (): G => bertBase({ H: 256, heads: 4, layers: 4, vocab: 8000, ff: 1024, name: 'encoder_small' });

export const CASES: readonly BenchCase[] = [
  { name: 'tiny-cnn', file: 'tiny-cnn.onnx', build: () => tinyCnn(), opset: 17, dims: {} },
  { name: 'resnet50', file: 'resnet50.onnx', build: resnet50, opset: 17, dims: {} },
  { name: 'resnet18', file: 'resnet18.onnx', build: resnet18, opset: 17, dims: {} },
  { name: 'vgg-small', file: 'vgg-small.onnx', build: () => vggSmall(), opset: 17, dims: {} },
  { name: 'mobilenet-v2', file: 'mobilenet-v2.onnx', build: mobilenetV2, opset: 17, dims: { batch: 1 } },
  { name: 'mobilenet-v1', file: 'mobilenet-v1.onnx', build: mobilenetV1, opset: 17, dims: {} },
  { name: 'mlp-b1', file: 'mlp-b1.onnx', build: () => mlp(1), opset: 17, dims: {} },
  { name: 'mlp-b64', file: 'mlp-b64.onnx', build: () => mlp(64), opset: 17, dims: {} },
  { name: 'encoder-seq32', file: 'encoder.onnx', build: encoder, opset: 20, dims: { batch: 1, seq: 32 } },
  { name: 'encoder-seq256', file: 'encoder.onnx', build: encoder, opset: 20, dims: { batch: 1, seq: 256 } },
  { name: 'lstm', file: 'lstm.onnx', build: () => lstm(), opset: 17, dims: {} },
  { name: 'int8-cnn', file: 'int8-cnn.onnx', build: int8Cnn, opset: 17, dims: {} },
  { name: 'pointwise', file: 'pointwise.onnx', build: pointwise, opset: 17, dims: {} },
  { name: 'elementwise', file: 'elementwise.onnx', build: () => elementwise(), opset: 17, dims: {} },
  { name: 'elementwise-small', file: 'elementwise-small.onnx', build: () => elementwise(64, 28, 'elementwise_small'), opset: 17, dims: {} },
  { name: 'gru', file: 'gru.onnx', build: () => gru(), opset: 17, dims: {} },
  { name: 'mlp-b8', file: 'mlp-b8.onnx', build: () => mlp(8), opset: 17, dims: {} },
  // A second model of each kind that one model alone covered, so that leave-one-out asks "predict a
  // model like the others", not "extrapolate to a kind never timed" (added in session 3; the figures
  // for the first 17 cases are printed separately).
  { name: 'cnn-cifar', file: 'cnn-cifar.onnx', build: () => vggSmall(32, [16, 32, 64], 'cnn_cifar'), opset: 17, dims: {}, added: true },
  { name: 'lstm-small', file: 'lstm-small.onnx', build: () => lstm(32, 64, 128, 'lstm_small'), opset: 17, dims: {}, added: true },
  { name: 'gru-large', file: 'gru-large.onnx', build: () => gru(64, 128, 256, 'gru_large'), opset: 17, dims: {}, added: true },
  { name: 'elementwise-mid', file: 'elementwise-mid.onnx', build: () => elementwise(128, 40, 'elementwise_mid'), opset: 17, dims: {}, added: true },
];
