/**
 * Seventeen torchvision classifiers exported by torch.onnx.export (PyTorch 1.13) at opsets 9-17,
 * weights stripped (tools/fixtures/torch_exports.py; fixtures/torch/SOURCES.md). Independent
 * references in zoo/expected.json: torchvision's published GMACs for each model (the `_ops` of its
 * weights meta: "GFLOPS" in torchvision's docs, which counts multiply-accumulates), the output shape
 * of a PyTorch forward pass, and torchvision's parameter count.
 *
 * MACs must equal the published figure to its three decimals. Params are checked against
 * torchvision's count less the parameters of modules the eval forward never calls (auxiliary heads,
 * absent from an export): an export folds each BatchNormalization that follows a Conv into the Conv's
 * bias (one param per channel instead of two), keeps a free-standing one with its running statistics
 * (four per channel: DenseNet), and constant-folds index lookups into tables (Swin's and MaxViT's
 * relative position biases), so the file's count sits within a few per mille to ~1 % of it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileOnnx } from '../../src/index.js';
import { withFileSource } from '../../src/node/file-source.js';
import { countNumber } from '@modelcost/core';

const DIR = resolve(import.meta.dirname, '../fixtures/torch/zoo');
interface ZooModel {
  model: string;
  opset: number;
  output: number[];
  published_gmacs: number;
  torchvision_params: number;
  params_unused_in_eval: number;
}
const models = JSON.parse(readFileSync(resolve(DIR, 'expected.json'), 'utf8')).models as Record<string, ZooModel>;

describe('torchvision zoo, torch.onnx.export opsets 9-17', () => {
  it('has the 17 models', () => {
    expect(Object.keys(models)).toHaveLength(17);
  });

  it.each(Object.entries(models))('%s', (file, e) => {
    const r = withFileSource(resolve(DIR, file), (src) => profileOnnx(src, { file, dims: { batch: 1 } }));
    expect(r.model.opsets['ai.onnx'], 'opset').toBe(e.opset);
    expect((countNumber(r.totals.macs) / 1e9).toFixed(3), 'GMACs vs torchvision').toBe(e.published_gmacs.toFixed(3));
    // Linear in the dynamic batch, with the same coefficient.
    expect(r.symbolic?.macs).toBe(`${r.totals.macs}*batch`);
    expect(r.outputs[0]!.shape).toEqual(['batch', ...e.output.slice(1)]);
    expect(r.coverage.unsupported).toEqual({});
    expect(r.coverage.supported).toBe(r.coverage.nodes);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const reference = e.torchvision_params - e.params_unused_in_eval;
    expect(Math.abs(countNumber(r.totals.params) / reference - 1), `params ${r.totals.params} vs ${reference}`).toBeLessThan(0.012);
  });
});
