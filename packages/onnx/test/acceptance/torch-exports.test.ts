/**
 * Issue 3 acceptance on real torch.onnx.export output (PyTorch 1.13, torchvision 0.14, Debian's
 * packages), written by tools/fixtures/torch_exports.py. Each file keeps the exporter's graph as
 * written, with every initializer over 64 bytes moved to an external-data file that was then deleted:
 * profiling reads the files from disk and would fail on any weight read.
 *
 * Published references: torchvision ResNet-50 25,557,032 params / 4.09 GMACs; MobileNetV2 3,504,872
 * params / 0.30 GMACs (torchvision's model docs). The exporter folds BatchNormalization into the
 * preceding Conv in eval mode: the BN scale and shift (2 per channel) become a per-channel Conv bias
 * (1 per channel), so ResNet-50 loses its 26,560 BN channels once and MobileNetV2 its 17,056.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileOnnx } from '../../src/index.js';
import { withFileSource } from '../../src/node/file-source.js';

const DIR = resolve(import.meta.dirname, '../fixtures/torch');
const profile = (file: string, dims: Record<string, number> = {}) => withFileSource(resolve(DIR, file), (src) => profileOnnx(src, { file, dims }));

describe('torch.onnx.export output (PyTorch 1.13)', () => {
  it('ResNet-50, opset 17, trained-like weights: 25.5M params, 4.09 GMACs, batch symbolic', () => {
    const r = profile('resnet50_opset17.onnx', { batch: 1 });
    // 25,557,032 - 26,560 folded BN channels = 25,530,472
    expect(r.totals.params).toBe(25530472);
    // Conv and Gemm MACs at 224x224: 4,089,184,256 (4.09 G; ptflops' 4.12 G adds BN and ReLU).
    expect(r.totals.macs).toBe(4089184256);
    expect(r.symbolic?.macs).toBe('4089184256*batch');
    expect(r.coverage).toEqual({ nodes: 122, supported: 122, unsupported: {} });
    expect(r.outputs[0]!.shape).toEqual(['batch', 1000]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('ResNet-50, opset 11, torchvision initialisation: equal initializers stored once are counted once', () => {
    const r = profile('resnet50_opset11.onnx', { batch: 1 });
    // BN is the identity at initialisation, so every folded Conv bias is zeros and the exporter keeps
    // one zero vector per channel count, shared through Identity nodes: 64+128+256+512+1024+2048 =
    // 4,032 bias elements instead of 26,560. Conv and Gemm weights: 25,557,032 - 2*26,560 BN = 25,503,912.
    expect(r.totals.params).toBe(25503912 + 4032);
    expect(r.totals.macs).toBe(4089184256);
    expect(r.coverage.unsupported).toEqual({});
    expect(r.coverage.nodes).toBe(169);
  });

  it('MobileNetV2, opset 13: 3.5M params, 0.30 GMACs', () => {
    const r = profile('mobilenet_v2_opset13.onnx', { batch: 1 });
    // 3,504,872 - 17,056 folded BN channels = 3,487,816, plus 35 ReLU6 exported as Clip with two scalar
    // bounds each (Constant nodes consumed as data, counted like expected.json does) = 3,487,886.
    expect(r.totals.params).toBe(3487886);
    expect(r.totals.macs).toBe(300774272);
    expect(r.symbolic?.macs).toBe('300774272*batch');
    expect(r.coverage.unsupported).toEqual({});
  });

  it('a TransformerEncoder with dynamic batch and sequence axes: MACs a polynomial in both', () => {
    const r = profile('transformer_encoder_opset17.onnx', { batch: 1, seq: 128 });
    // d_model 256, 4 heads, FF 1024, 2 layers. Per layer per token: Q, K, V and output projections
    // 4*256^2 = 262,144 plus FF 2*256*1024 = 524,288 -> 786,432; 2 layers: 1,572,864*batch*seq.
    // Attention: QK^T and AV each seq*256 per token per layer -> 2*2*256 = 1,024*batch*seq^2.
    expect(r.symbolic?.macs).toBe('1024*batch*seq^2 + 1572864*batch*seq');
    expect(r.totals.macs).toBe(1024 * 128 * 128 + 1572864 * 128);
    // Per layer: in_proj 3*256*256 + 768, out_proj 256*256 + 256, linear1 256*1024 + 1024,
    // linear2 1024*256 + 256, two LayerNorms 4*256 = 789,760; 2 layers = 1,579,520; plus 8 scalar
    // Constant nodes per layer that the exporter feeds to Div/Mul/Add as data (head-size arithmetic
    // and the 1/sqrt(64) scale), counted as expected.json counts Constant nodes: 1,579,536.
    expect(r.totals.params).toBe(1579536);
    expect(r.outputs[0]!.shape).toEqual(['batch', 'seq', 256]);
    expect(r.coverage.unsupported).toEqual({});
  });
});
