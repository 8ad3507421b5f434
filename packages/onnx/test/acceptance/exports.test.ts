/**
 * Issue 3 acceptance on exporter-shaped models built by tools/bench/onnx/build-models.mjs (the same
 * topology torch.onnx.export writes in eval mode: BatchNormalization folded into Conv weights and bias).
 * Published references: torchvision ResNet-50 25,557,032 params / 4.09 GMACs; MobileNetV2 3,504,872 /
 * 0.30 GMACs. Folding BN drops the BN scales (ResNet-50: 26,560; MobileNetV2: 17,056) and keeps the
 * shifts as conv biases, so an export has 25,530,472 and 3,487,816 params (+2 Clip bounds in MobileNetV2).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The same generators the benchmarks use (workspace tooling, not a package dependency).
/* eslint-disable @nx/enforce-module-boundaries */
// @ts-expect-error plain ESM workspace script without types
import { bertBase, mobilenetV2, resnet50, writeModel } from '../../../../tools/bench/onnx/build-models.mjs';
/* eslint-enable @nx/enforce-module-boundaries */
import { bytesSource, profileOnnx } from '../../src/index.js';
import { countNumber } from '@modelcost/core';

const dir = mkdtempSync(join(tmpdir(), 'modelcost-exports-'));
function profile(name: string, graph: unknown, opts: { dims?: Record<string, number> } = {}) {
  const path = join(dir, name);
  // Weights as external data that is never written: profiling must not need them.
  writeModel(path, graph, 20, { externalData: true });
  return profileOnnx(bytesSource(readFileSync(path)), { file: name, ...opts });
}

describe('torchvision-style exports', () => {
  it('ResNet-50: 25.5M params, 4.09-4.12 GMACs', () => {
    const r = profile('resnet50.onnx', resnet50());
    // 25,557,032 - 26,560 BN scales folded away = 25,530,472
    expect(r.totals.params).toBe(25530472);
    // 4,089,184,256 conv + fc MACs: 4.09 G as published (ptflops reports 4.12 G counting BN and ReLU too).
    expect(r.totals.macs).toBe(4089184256);
    expect(Math.round(countNumber(r.totals.macs) / 1e7) / 100).toBeGreaterThanOrEqual(4.09);
    expect(Math.round(countNumber(r.totals.macs) / 1e7) / 100).toBeLessThanOrEqual(4.12);
    expect(r.coverage.unsupported).toEqual({});
  });
  it('MobileNetV2: 3.5M params, 0.30 GMACs, MACs linear in the dynamic batch', () => {
    const r = profile('mobilenetv2.onnx', mobilenetV2(), { dims: { batch: 1 } });
    // 3,504,872 - 17,056 BN scales folded away = 3,487,816, plus ReLU6's two Clip bounds (0 and 6) = 3,487,818
    expect(r.totals.params).toBe(3487818);
    expect(r.totals.macs).toBeGreaterThanOrEqual(0.295e9);
    expect(r.totals.macs).toBeLessThanOrEqual(0.305e9);
    expect(r.symbolic?.macs).toBe(`${r.totals.macs}*batch`);
  });
  it('a transformer encoder with dynamic batch and sequence axes reports MACs as a polynomial in both', () => {
    // BERT-base: per layer per token 4*768^2 (Q, K, V, output) + 2*768*3072 (FFN) = 7,077,888 MACs;
    // 12 layers = 84,934,656 per token. Attention: QK^T and AV each 12 heads * seq * 64 per token =
    // 1,536*seq per token per layer -> 18,432*batch*seq^2 over 12 layers.
    const r = profile('bert.onnx', bertBase(), { dims: { batch: 1, seq: 128 } });
    expect(r.symbolic?.macs).toBe('18432*batch*seq^2 + 84934656*batch*seq');
    expect(r.totals.macs).toBe(18432 * 128 * 128 + 84934656 * 128);
    expect(r.outputs[0]!.shape).toEqual(['batch', 'seq', 768]);
  });
});
