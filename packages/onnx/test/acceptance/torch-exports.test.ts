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
import { analyzeOnnx, profileOnnx } from '../../src/index.js';
import type { Val } from '../../src/infer/values.js';
import { withFileSource } from '../../src/node/file-source.js';
import { countNumber, dimToString, PolySum, type Poly } from '@modelcost/core';

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
    // 3,504,872 - 17,056 folded BN channels = 3,487,816: torchvision's parameters() less BN's scales.
    // The 35 ReLU6 are Clips whose two scalar bounds are Constant nodes: constants, not params
    // (docs/cost-conventions.md), 35 * 2 = 70 constant elements.
    expect(r.totals.params).toBe(3487816);
    expect(r.totals.constantElements).toBe(70);
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
    // linear2 1024*256 + 256, two LayerNorms 4*256 = 789,760; 2 layers = 1,579,520, PyTorch's
    // parameters(). The scalars the exporter feeds to Div/Mul/Add (head-size arithmetic, the
    // 1/sqrt(64) scale) are Constant nodes: constants, not params.
    expect(r.totals.params).toBe(1579520);
    expect(r.totals.constantElements).toBeGreaterThan(0);
    expect(r.outputs[0]!.shape).toEqual(['batch', 'seq', 256]);
    expect(r.coverage.unsupported).toEqual({});
  });

  it("DeepLabV3-MobileNetV3 with dynamic batch, height and width: torchvision's 10.452 GMACs at 520x520", () => {
    const r = profile('deeplabv3_mobilenet_v3_large_opset17.onnx', { batch: 1, h: 520, w: 520 });
    // torchvision's `_ops` for DeepLabV3_MobileNet_V3_Large_Weights (its eval size 520, with the aux head).
    expect((countNumber(r.totals.macs) / 1e9).toFixed(3)).toBe('10.452');
    expect(r.outputs.map((o) => o.shape)).toEqual([
      ['batch', 21, 'h', 'w'],
      ['batch', 21, 'h', 'w'],
    ]);
    // Strided convolutions make the cost a polynomial in floor atoms of h and w, and nothing else.
    expect(r.symbolic?.macs).toMatch(/^[0-9a-z*()+/ ]+$/);
    expect(r.symbolic?.macs).not.toMatch(/unk__/);
    expect(r.coverage.unsupported).toEqual({});
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it("R3D-18 with a dynamic clip length: torchvision's 40.697 GMACs at 16 frames", () => {
    const r = profile('r3d_18_opset13.onnx', { batch: 1, t: 16 });
    // Conv3d stem on t frames, then layers at t/2, t/4, t/8 (stride 2 in time from layer2 on).
    expect(r.symbolic?.macs).toBe(
      '1220280320*batch*floor((floor((floor((t + 1)/2) + 1)/2) + 1)/2) + 1220280320*batch*floor((floor((t + 1)/2) + 1)/2) + 1220280320*batch*floor((t + 1)/2) + 1475776512*batch*t + 204800*batch',
    );
    expect((countNumber(r.totals.macs) / 1e9).toFixed(3)).toBe('40.697');
    expect(r.outputs[0]!.shape).toEqual(['batch', 400]);
  });

  it('an LSTM + bidirectional GRU language model: MACs linear in batch*seq, derived by hand', () => {
    const r = profile('lstm_gru_lm_opset14.onnx', { batch: 1, seq: 16 });
    // Per token: LSTM 1 4*256*(128+256) = 393,216; LSTM 2 4*256*(256+256) = 524,288; GRU 2 directions
    // * 3*128*(256+128) = 294,912; head 256*1000 = 256,000: 1,468,416.
    expect(r.symbolic?.macs).toBe('1468416*batch*seq');
    // Embedding 128,000 + LSTM 393,216 + 2*4*256 biases + 524,288 + 2,048 + GRU 2*(147,456 + 6*128) +
    // head 257,000 = 1,603,048, PyTorch's parameters(); the constants the exporter concatenates into
    // the initial-state shapes are constants, not params.
    expect(r.totals.params).toBe(1603048);
    expect(r.outputs[0]!.shape).toEqual(['batch', 'seq', 1000]);
    expect(r.coverage.unsupported).toEqual({});
  });

  it('a causal decoder (pos[:seq], triangular mask): MACs quadratic in seq, no unknown dim', () => {
    const r = profile('causal_lm_opset17.onnx', { batch: 1, seq: 32 });
    // Per token and layer: 4*256^2 + 2*256*1024 = 786,432; 3 layers + head 256*5000 = 3,639,296.
    // Attention: QK^T and AV, seq*256 each per token and layer: 2*256*3 = 1,536*seq^2.
    expect(r.symbolic?.macs).toBe('1536*batch*seq^2 + 3639296*batch*seq');
    expect(r.totals.macs).toBe(1536 * 32 * 32 + 3639296 * 32);
    // Embedding 1,280,000 + positions 512*256 (an nn.Parameter: an initializer, a param although a
    // Slice reads it) + 3 layers * 789,760 + head 1,280,000 = 5,060,352, PyTorch's parameters(). The
    // scalars fed to Div/Mul/Add (head-size arithmetic, the attention scale) are constants.
    expect(r.totals.params).toBe(5060352);
    expect(r.outputs[0]!.shape).toEqual(['batch', 'seq', 5000]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it("SSDlite320-MobileNetV3 (torchvision's whole detection pipeline): torchvision's 0.583 GMACs", () => {
    const r = profile('ssdlite320_mobilenet_v3_large_opset11.onnx');
    // The transform's resize and pad sizes come from ReduceMax / Ceil / Div on the image size; all known,
    // so the backbone and heads are concrete: 583,171,904 MACs (torchvision's `_ops` 0.583).
    expect(r.totals.macs).toBe(583171904);
    expect((countNumber(r.totals.macs) / 1e9).toFixed(3)).toBe('0.583');
    expect(r.symbolic?.macs).toBeUndefined();
    // Detections: at most 300 after NonMaxSuppression, a count known only at run time.
    expect(r.outputs[0]!.shape).toHaveLength(2);
    expect(String(r.outputs[0]!.shape![0])).toMatch(/^min\(300, \w+\)$/);
    expect(r.outputs[0]!.shape![1]).toBe(4);
    expect(r.coverage.unsupported).toEqual({});
  });

  it('Keypoint R-CNN MobileNetV3-320-FPN: the scripted keypoint decoding Loop grows its results by one Concat per detection', () => {
    // box_detections_per_img = 20: the detections are min(20, n) for the n boxes NMS keeps; the
    // keypoint decoding (torchvision's _onnx_heatmaps_to_keypoints_loop) loops over them, appending a
    // [1, 3, 17] and a [1, 17] tensor to carried tensors that start empty. Read from the inference
    // result: the whole report is refused today because a Resize inside the loop loses its sizes
    // (issue 19 item 3) and an ArgMax over them then counts -17 flops.
    const file = 'keypointrcnn_mobilenet_v3_large_320_fpn_opset11.onnx';
    const { result } = withFileSource(resolve(DIR, file), (src) => analyzeOnnx(src, { file }));
    const dims = { If_1341_out0_0: 100 };
    const at = (p: Poly): number => Number(p.evaluate(dims, 1));
    const shape = (v: Val | undefined) => (v?.kind === 'tensor' ? v.shape?.map(dimToString) : undefined);
    const loop = result.nodes.find((n) => n.op === 'Loop')!;
    expect(loop.outputValues.map(shape)).toEqual([
      ['min(20, If_1341_out0_0)', '3', '17'],
      ['min(20, If_1341_out0_0)', '17'],
    ]);
    expect(shape(result.outputs.find((o) => o.name === 'keypoints')!.value)).toEqual(['min(20, If_1341_out0_0)', '17', '3']);
    // With 100 boxes kept, 20 trips. In trip j the carried [j, 3, 17] float32 (204j bytes) is cast
    // and concatenated with the new [1, 3, 17] (204 bytes): the Concat reads
    // sum over j < 20 of 204j + 204 = 204 * 190 + 4,080 = 42,840 bytes; the Cast 204 * 190 = 38,760.
    const node = (suffix: string) => result.nodes.find((n) => n.name === `${loop.name}/body/${suffix}`)!;
    expect([at(node('Concat_1653').cost!.bytesRead), at(node('Concat_1653').multiplicity)]).toEqual([42_840, 1]);
    expect(at(node('Cast_1650').cost!.bytesRead)).toBe(38_760);
    // Work that does not depend on the carried size runs once per detection.
    expect(at(node('Resize_1593').multiplicity)).toBe(20);
    // MACs per detection, hand-derived for the keypoint head on its 14x14 RoIs: a 3x3 conv 256->512
    // (196*512*256*9 = 231,211,008), seven 3x3 convs 512->512 (7 * 462,422,016) and the 4x4 stride-2
    // ConvTranspose to 17 keypoint maps (196*512*17*16 = 27,295,744): 3,495,460,864. Per proposal the box
    // head 256*7*7*1024 + 1024*1024 plus a 2-class predictor 1024*(2 + 8): 13,903,872; backbone, FPN and
    // RPN as in the Faster R-CNN export: 718,998,400.
    const macs = new PolySum();
    for (const n of result.nodes) if (n.cost) macs.add(n.cost.macs, n.multiplicity);
    expect(macs.value.toString()).toBe('13903872*min(150, If_982_out0_0) + 3495460864*min(20, If_1341_out0_0) + 718998400');
    expect(result.nodes.filter((n) => n.status === 'unsupported')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('loop-carried-size');
  });

  it('Faster R-CNN MobileNetV3-320-FPN: a fixed backbone plus a box head per proposal kept by NMS', () => {
    const r = profile('fasterrcnn_mobilenet_v3_large_320_fpn_opset11.onnx');
    // Per RoI: TwoMLPHead 256*7*7*1024 + 1024*1024 = 13,893,632, predictor 1024*(91 + 364) = 465,920:
    // 14,359,552 MACs for each of at most 150 proposals (rpn_post_nms_top_n_test of the 320 model),
    // whose count the RPN's NonMaxSuppression decides at run time.
    expect(r.symbolic?.macs).toMatch(/^14359552\*min\(150, \w+\) \+ 718998400$/);
    expect(String(r.outputs[0]!.shape![0])).toMatch(/^min\(100, \w+\)$/);
    expect(r.coverage.unsupported).toEqual({});
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
