/**
 * onnxruntime's graph optimizer output costs what its input costs. Each model is optimized here, at test
 * time, by onnxruntime-node (level "extended": FusedConv, FusedMatMul with the attention Transposes and
 * scale folded in, BiasGelu...) and saved with `optimizedModelFilePath`; the MACs of the saved graph must
 * equal those of the original, exactly and as polynomials. tiny_vit_weights_opset17.onnx is a 2-layer
 * ViT (tools/fixtures/torch_exports.py) whose attention onnxruntime rewrites into FusedMatMul with
 * transBatchA/transBatchB.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, profileOnnx } from '../../src/index.js';
import { countNumber } from '@modelcost/core';

interface Ort {
  InferenceSession: { create(path: string, options: Record<string, unknown>): Promise<{ release(): Promise<void> }> };
}
const ort = createRequire(import.meta.url)('onnxruntime-node') as Ort;
const out = mkdtempSync(join(tmpdir(), 'modelcost-ort-'));
const MODELS = [
  resolve(import.meta.dirname, '../fixtures/torch/tiny_vit_weights_opset17.onnx'),
  resolve(import.meta.dirname, '../../../../examples/models/tiny-cnn.onnx'),
  resolve(import.meta.dirname, '../../../../examples/models/tiny-encoder.onnx'),
];
const dims = { batch: 1, seq: 16 };
const profile = (path: string) => profileOnnx(bytesSource(readFileSync(path)), { file: path, dims });

describe('onnxruntime-optimized graphs (level extended)', () => {
  it.each(MODELS)('%s', async (path) => {
    const optimized = join(out, path.split('/').pop()!);
    const session = await ort.InferenceSession.create(path, { graphOptimizationLevel: 'extended', optimizedModelFilePath: optimized, executionProviders: ['cpu'] });
    await session.release();
    const before = profile(path);
    const after = profile(optimized);
    const fused = after.nodes.filter((n) => n.domain === 'com.microsoft').map((n) => n.op);
    expect(fused.length, 'onnxruntime fused something').toBeGreaterThan(0);
    expect(after.coverage.unsupported).toEqual({});
    expect(after.totals.macs).toBe(before.totals.macs);
    expect(after.symbolic?.macs).toBe(before.symbolic?.macs);
    // FLOPs too, but for the few element ops a fusion folds into constants (a scale, a bias add of zeros):
    // equal for the CNN and the encoder, 131 apart of 2.87 M for the ViT.
    expect(Math.abs(countNumber(after.totals.flops) / countNumber(before.totals.flops) - 1)).toBeLessThan(1e-4);
    expect(after.totals.params).toBeGreaterThan(0);
  });
});
