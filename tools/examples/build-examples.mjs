/**
 * Writes the small sample models under examples/models/ that the README demo profiles (committed;
 * regenerate with `node tools/examples/build-examples.mjs`). Weights are zeros: cost needs structure only.
 *   tiny-cnn.onnx       a 3-conv image classifier, 1x3x64x64
 *   tiny-encoder.onnx   a 2-layer transformer encoder (hidden 64) with dynamic [batch, seq] axes
 *   ../pr/tiny-cnn.onnx the same CNN as a pull request would change it (wider: 24, 48, 96 channels),
 *                       what `npm run demo` diffs against the committed one
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bertBase, GraphBuilder, writeModel } from '../bench/onnx/build-models.mjs';

const FLOAT = 1;

/** A small CNN; `widths` are the conv channels (the PR variant widens it). */
export function tinyCnn(widths = [16, 32, 64]) {
  const g = new GraphBuilder('tiny_cnn');
  let x = g.input('image', FLOAT, [1, 3, 64, 64]);
  let cin = 3;
  for (const cout of widths) {
    x = g.node('Relu', [g.node('Conv', [x, g.weight([cout, cin, 3, 3]), g.weight([cout])], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] })]);
    x = g.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
    cin = cout;
  }
  x = g.node('Flatten', [g.node('GlobalAveragePool', [x])], { axis: 1 });
  x = g.node('Gemm', [x, g.weight([10, cin]), g.weight([10])], { transB: 1 });
  g.output(x, FLOAT, [1, 10]);
  return g;
}

export const tinyEncoder = () => bertBase({ H: 64, heads: 4, layers: 2, vocab: 1000, ff: 256, name: 'tiny_encoder' });

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = resolve(import.meta.dirname, '../../examples/models');
  mkdirSync(out, { recursive: true });
  writeModel(join(out, 'tiny-cnn.onnx'), tinyCnn(), 17);
  writeModel(join(out, 'tiny-encoder.onnx'), tinyEncoder(), 20);
  const pr = resolve(import.meta.dirname, '../../examples/pr');
  mkdirSync(pr, { recursive: true });
  writeModel(join(pr, 'tiny-cnn.onnx'), tinyCnn([24, 48, 96]), 17);
  console.log(`wrote ${out}/tiny-cnn.onnx and tiny-encoder.onnx`);
}
