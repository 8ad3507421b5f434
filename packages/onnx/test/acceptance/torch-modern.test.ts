/**
 * Issue 19 acceptance on real torch.onnx.export output of modern architectures (PyTorch 1.13, Debian),
 * written by tools/fixtures/torch_modern.py with weights (and Constant tensors over 64 bytes) moved to
 * an external-data file that was deleted: profiling reads the files from disk and would fail on any
 * weight read. modern/expected.json holds PyTorch's own figures for each model: parameters()
 * count, buffers, and output shapes of forward passes at two sizes. MACs are derived by hand from the
 * modules in the script, with the derivation beside each figure.
 */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { countBig, DimValueError, numElements } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { analyzeOnnx, profileOnnx, type OnnxProfileOptions } from '../../src/index.js';
import { withFileSource } from '../../src/node/file-source.js';

const DIR = resolve(import.meta.dirname, '../fixtures/torch/modern');
const expected = JSON.parse(readFileSync(resolve(DIR, 'expected.json'), 'utf8')).models as Record<
  string,
  { parameters: number; buffers: number; outputs_export: Record<string, number[]>; outputs_probe: Record<string, number[]>; inputs_probe: Record<string, number[]> }
>;
const profile = (file: string, options: OnnxProfileOptions = {}) => withFileSource(resolve(DIR, file), (src) => profileOnnx(src, { file, ...options }));
const analyze = (file: string) => withFileSource(resolve(DIR, file), (src) => analyzeOnnx(src, { file }));
const negative = (r: ReturnType<typeof profile>) => r.nodes.filter((n) => [n.macs, n.flops, n.bytesRead, n.bytesWritten, n.params].some((c) => countBig(c) < 0n));

describe('modern torch.onnx.export output (issue 19)', () => {
  it('Conformer block with relative position encoding: the 2T - 1 positions are a polynomial, not unk__N', () => {
    const file = 'conformer_relpos_opset17.onnx';
    const r = profile(file);
    // d 144, 4 heads of 36, FF 576, depthwise kernel 15. Per frame (batch*time): two half-step FFNs
    // 2 * 2*144*576 = 331,776; q, k, v, out 4*144^2 = 82,944; conv module pointwise 144*288 = 41,472,
    // depthwise 144*15 = 2,160, pointwise 144^2 = 20,736: 479,088. Attention: QK^T 4*36*T and AV
    // 4*36*T per frame = 288*T^2; the relative term (q + v) P^T over 2T - 1 positions 144*(2T - 1) per
    // frame = 288*T^2 - 144*T. So 576*batch*T^2 + (479,088 - 144)*batch*T. The position projection
    // runs once on the table slice, without batch: (2T - 1)*144*144 = 41,472*T - 20,736.
    expect(r.symbolic?.macs).toBe('576*batch*time^2 + 478944*batch*time + 41472*time - 20736');
    expect(r.symbolic?.macs).not.toMatch(/unk__/);
    expect(r.nodes.find((n) => n.name === '/pe/Slice')!.outputs[0]!.shape).toEqual([1, '2*time - 1', 144]);
    // The start 512 - time is taken as >= 0 (the table holds 512 frames each way), said and kept:
    expect(r.diagnostics.filter((d) => d.code === 'slice-bound-assumed').map((d) => d.node)).toEqual(['/pe/Slice']);
    // At PyTorch's probe size (2, 100): 576*2*100^2 + 478,944*200 + 41,472*100 - 20,736 = 111,435,264.
    const probe = profile(file, { dims: { batch: 2, time: 100 } });
    expect(probe.totals.macs).toBe(111435264);
    expect(probe.outputs[0]!.shape).toEqual(['batch', 'time', 144]);
    expect(expected[file]!.outputs_probe.encoded).toEqual([2, 100, 144]);
    // Params: PyTorch's 504,432 less the BatchNorm's weight and bias (2*144), folded into the depthwise
    // conv's bias (which it already had) in eval mode: 504,144. The sinusoidal table is a plain tensor,
    // a Constant in the file: a constant, 1*1023*144 elements.
    expect(expected[file]!.parameters - 288).toBe(504144);
    expect(r.totals.params).toBe(504144);
    const a = analyze(file);
    expect(a.result.constantWeights.some((w) => w.dims.join('x') === '1x1023x144')).toBe(true);
    expect(r.totals.constantElements).toBeGreaterThanOrEqual(1023 * 144);
    expect(negative(r)).toEqual([]);
  });

  it('Whisper-like decoder: the causal-mask buffer is a constant, not 200 K params', () => {
    const file = 'whisper_decoder_opset17.onnx';
    const r = profile(file);
    // d 384, 6 heads, 2 layers, MLP 1536, vocab 1000. Per token and layer: self-attention q, k, v, out
    // 4*384^2 = 589,824; cross-attention q and out 2*384^2 = 294,912; MLP 2*384*1536 = 1,179,648: 2,064,384;
    // 2 layers 4,128,768 + the tied head 384*1000 = 4,512,768*seq. Cross-attention k, v on the audio:
    // 2*384^2*2 layers = 589,824*frames. Attention cores: 2*384*seq (self) and 2*384*frames (cross) per
    // token and layer: 1,536*seq^2 + 1,536*seq*frames.
    expect(r.symbolic?.macs).toBe('1536*batch*frames*seq + 1536*batch*seq^2 + 589824*batch*frames + 4512768*batch*seq');
    // PyTorch: 5,288,448 parameters; the mask is a non-persistent buffer (200,704 = 448^2 elements).
    // The file stores the tied output projection twice: token_embedding.weight [1000, 384] for the
    // lookup and its transpose [384, 1000] that constant folding wrote for the final MatMul: +384,000.
    expect(expected[file]!.parameters).toBe(5288448);
    expect(expected[file]!.buffers).toBe(448 * 448);
    expect(r.totals.params).toBe(5288448 + 384000);
    const a = analyze(file);
    const mask = a.result.constantWeights.find((w) => w.dims.join('x') === '448x448');
    expect(mask && Number(numElements(mask.dims).constValue)).toBe(200704);
    expect(a.result.paramWeights.some((w) => w.dims.join('x') === '448x448')).toBe(false);
    const probe = profile(file, { dims: { batch: 2, seq: 12, frames: 40 } });
    expect(probe.outputs[0]!.shape).toEqual(['batch', 'seq', 1000]);
    expect(expected[file]!.outputs_probe.logits).toEqual([2, 12, 1000]);
  });

  it('wav2vec2 feature encoder: samples defaults to 400 (one frame), never to a negative size', () => {
    const file = 'wav2vec2_feature_encoder_opset17.onnx';
    const r = profile(file);
    // Receptive field 400 samples: the smallest input that gives every conv a frame. At 1 sample
    // (the old default) conv0 had floor((1 - 10)/5) + 1 = -1 frames and MACs were -4.6 M.
    expect(r.dims).toEqual({ batch: 1, samples: 400 });
    expect(r.diagnostics.find((d) => d.code === 'default-raised')!.message).toMatch(/^symbolic dim samples has no value and 1 makes .* impossible: counted as 400,/);
    // Frames at 400 samples: 79, 39, 19, 9, 4, 2, 1. MACs: conv0 512*10*79 = 404,480; conv1-4
    // 512*512*3*(39 + 19 + 9 + 4) = 55,836,672; conv5-6 512*512*2*(2 + 1) = 1,572,864; projection
    // 512*768*1 = 393,216: 58,207,232.
    expect(r.totals.macs).toBe(58207232);
    expect(r.outputs[0]!.shape).toEqual(['batch', expect.any(String), 768]);
    expect(expected[file]!.outputs_probe.features).toEqual([1, 1, 768]);
    expect(negative(r)).toEqual([]);
    // One second at 16 kHz: frames 3199, 1599, 799, 399, 199, 99, 49 (PyTorch: 49). MACs 5,120*3,199 +
    // 786,432*(1,599 + 799 + 399 + 199) + 524,288*(99 + 49) + 393,216*49 = 2,469,391,360.
    const sec = profile(file, { dims: { batch: 1, samples: 16000 } });
    expect(sec.totals.macs).toBe(2469391360);
    expect(expected[file]!.outputs_export.features).toEqual([1, 49, 768]);
    // PyTorch's 4,595,456 parameters exactly: GroupNorm(512, 512) exports as InstanceNormalization fed
    // Constant ones and zeros (constants) and a Mul / Add by the GroupNorm's weight and bias (params).
    expect(r.totals.params).toBe(expected[file]!.parameters);
    expect(r.totals.constantElements).toBeGreaterThanOrEqual(2 * 512);
    // A value that leaves no frame is refused, naming the smallest valid one.
    expect(() => profile(file, { dims: { samples: 100 } })).toThrow(DimValueError);
    expect(() => profile(file, { dims: { samples: 100 } })).toThrow(/^--dim samples=100 makes a size impossible: node \/convs\.4\/Conv output .* = 0 \(at least 1 needed\); the smallest valid value is samples=400$/);
  });

  it('KV-cache decoder: --input past_key_0=2x2x511x64 binds batch and past for every input', () => {
    const file = 'kv_decoder_opset17.onnx';
    const r = profile(file);
    // d 128, 2 heads of 64, FF 512, 2 layers, vocab 2000. Per new token and layer: qkv 128*384 = 49,152,
    // out 128^2 = 16,384, FF 2*128*512 = 131,072: 196,608; 2 layers + head 128*2000 = 649,216*seq.
    // Attention over past + seq keys: 2*128*(past + seq) per token and layer, 2 layers: 512*(past + seq)*seq.
    expect(r.symbolic?.macs).toBe('512*batch*past*seq + 512*batch*seq^2 + 649216*batch*seq');
    expect(r.totals.params).toBe(expected[file]!.parameters);
    const bound = profile(file, { inputs: { past_key_0: [2, 2, 511, 64] } });
    expect(bound.dims).toEqual({ batch: 2, past: 511, seq: 1 });
    expect(bound.inputs.map((i) => i.shape)).toEqual([[2, 'seq'], [2, 2, 511, 64], [2, 2, 511, 64], [2, 2, 511, 64], [2, 2, 511, 64]]);
    // 2*(512*511 + 512 + 649,216) = 1,822,720 at seq 1; PyTorch's presents at this size are [2, 2, 512, 64].
    expect(bound.totals.macs).toBe(1822720);
    expect(bound.outputs[1]!.shape).toEqual([2, 2, 'seq + 511', 64]);
    expect(expected[file]!.outputs_probe.present_key_0).toEqual([2, 2, 512, 64]);
    expect(() => profile(file, { inputs: { past_key_0: [2, 2, 511, 64], past_value_1: [2, 2, 500, 64] } })).toThrow(
      '--input past_key_0 and --input past_value_1 disagree on "past": past_key_0 gives 511, past_value_1 gives 500; both inputs declare that dim as "past", so give them the same size',
    );
  });

  it('segmentation head: Resize sizes from Concat(Shape(x)[0:2], computed values) keep [batch, 5, ., .]', () => {
    const file = 'seg_resize_sizes_opset13.onnx';
    const r = profile(file);
    const logits = r.outputs[0]!.shape!;
    expect(logits.slice(0, 2)).toEqual(['batch', 5]);
    expect(logits).toHaveLength(4);
    expect(r.outputs[1]!.shape).toHaveLength(3);
    expect(expected[file]!.outputs_probe.logits).toEqual([2, 5, 22, 15]);
    // Bilinear over the 2 resized axes: 2^2 taps, 7 flops per output element, 5 channels: 35 per pixel
    // (over all 4 axes, as when the leading dims were lost, it was 31 per element).
    const resize = r.nodes.find((n) => n.op === 'Resize')!;
    const a = analyze(file);
    const out = a.result.nodes.find((n) => n.op === 'Resize')!;
    const pixels = out.outputs[0]!.value!.kind === 'tensor' ? out.outputs[0]!.value!.shape!.slice(2).map(String) : [];
    expect(out.cost!.flops.toString()).toBe(`35*batch*${pixels.join('*')}`);
    expect(resize.flops).toBe(35);
    expect(negative(r)).toEqual([]);
  });
});
