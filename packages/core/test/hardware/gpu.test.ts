/**
 * The GPU kernel model (tiles, waves, split-K, L2), runtimes, graph fusion and throughput, each
 * against hand-derived values.
 */
import { describe, expect, it } from 'vitest';
import {
  atBatch,
  countNumber,
  DEFAULT_RUNTIME,
  estimateLatency,
  findHardware,
  findRuntime,
  gemmSeconds,
  GPU_PHYSICS,
  groupKernels,
  hardwareCatalog,
  HARDWARE_PRESETS,
  parseUserHardware,
  resolveProfile,
  runtimeFor,
  runtimeOf,
  RUNTIMES,
  runtimeValues,
  type GpuSpec,
  type Report,
  type ReportNode,
} from '../../src/index.js';
import { node, report } from './helpers.js';

/** `layers` 3x3 convolutions of `c` channels at h x w, each followed by a Relu, fp32 as exported. */
function convNet(h: number, w: number, c = 128, layers = 6): Report {
  const nodes: ReportNode[] = [];
  const act = c * h * w * 4;
  const params = c * c * 9 + c;
  let x = 'x';
  for (let i = 0; i < layers; i++) {
    const macs = h * w * c * c * 9;
    nodes.push(node(`conv${i}`, 'Conv', [x, `w${i}`, `b${i}`], { name: `c${i}`, shape: [1, c, h, w] }, { params, macs, flops: 2 * macs, bytesRead: act + params * 4, bytesWritten: act }));
    nodes.push(node(`relu${i}`, 'Relu', [`c${i}`], { name: `r${i}`, shape: [1, c, h, w] }, { flops: h * w * c, bytesRead: act, bytesWritten: act }));
    x = `r${i}`;
  }
  return report(nodes, [{ name: 'x', shape: [1, c, h, w], dtype: 'float32' }], [{ name: x, shape: [1, c, h, w], dtype: 'float32' }], { params: layers * params, weightBytes: layers * params * 4, peakMemoryBytes: 2 * act });
}

describe('implicit GEMM on tiles and waves', () => {
  // A 10-SM GPU at 1 GHz with 2048 int8 MACs per SM per clock: 4.096 TOPS per SM, 40.96 in all;
  // an L2 so fast that operand streaming never binds.
  const gpu: GpuSpec = { arch: 'ampere', sms: 10, clockHz: 1e9, l2Bytes: 40 * 2 ** 20, l2BytesPerSec: 1e15 };

  it('takes the fastest tile and split-K: a 256x128x1024 int8 GEMM on 10 SMs is 8 tiles of 64x64 in one wave', () => {
    const t = gemmSeconds({ batch: 1, m: 256, n: 128, k: 1024 }, 8, 40.96e12, gpu, 1);
    // One 256x128 tile would hold the whole output on one SM: 2*256*128*1024 / 4.096e12 = 16.4 us
    // while 9 SMs idle. Eight 64x64 tiles (or one 256x128 split 8 ways along K) fill 8 of 10 SMs in
    // one wave: 2*64*64*1024 / 4.096e12 = 2.048 us each, 80% of the ideal 1.638 us; the 64x64 tiling
    // wins the tie because split-K also sums 8 fp32 partial outputs through L2.
    expect(t.tile).toEqual([64, 64]);
    expect(t.splitK).toBe(1);
    expect(t.tiles).toBe(8);
    expect(t.waves).toBe(1);
    expect(t.sec).toBeCloseTo((2 * 64 * 64 * 1024) / 4.096e12, 15);
  });

  it('splits K when even the smallest tiling leaves SMs idle: 32x32x8192 is one tile, split 8 ways', () => {
    const t = gemmSeconds({ batch: 1, m: 32, n: 32, k: 8192 }, 8, 40.96e12, gpu, 1);
    // Unsplit, one SM does it all: 2*32*32*8192 / 4.096e12 = 4.1 us. Split-K 8: 8 tiles of K = 1024
    // in one wave, 0.512 us, plus writing and summing 8 fp32 32x32 partials through L2. Split 12 or
    // 16 need a second wave (0.70 and 0.51 us of compute; 16 sums more partials).
    expect(t.tile).toEqual([32, 32]);
    expect(t.splitK).toBe(8);
    expect(t.tiles).toBe(8);
    expect(t.waves).toBe(1);
    expect(t.sec).toBeCloseTo((2 * 32 * 32 * 1024) / 4.096e12 + (2 * 8 * 32 * 32 * 4) / 1e15, 15);
  });

  it('quantises into waves and does not split K when the tiles fill the SMs', () => {
    const t = gemmSeconds({ batch: 1, m: 2048, n: 2048, k: 512 }, 8, 40.96e12, gpu, 1);
    // 4.29e9 ops over 10 SMs at 4.096 TOPS: 104.86 us of work. 128x128 tiles: 256 tiles, 26 waves of
    // 4.096 us = 106.5 us; 64x32 tiles: 2048 tiles, 205 waves of 0.512 us = 104.96 us: finer tiles
    // waste less of the last wave while L2 (here unbounded) keeps up.
    expect(t.splitK).toBe(1);
    expect(t.tile).toEqual([64, 32]);
    expect(t.waves).toBe(205);
    expect(t.sec).toBeCloseTo(205 * ((2 * 64 * 32 * 512) / 4.096e12), 15);
  });

  it('caps a small tile by shared-memory bandwidth: 32x32 int8 tiles need 128 B/clock at 4096 MACs/clock', () => {
    // Twice the MAC rate (8192 int8 ops per SM per clock): a 32x32 tile reads (32+32) bytes per k for
    // 1024 MACs, so 4096 MACs/clock need 256 B/clock; shared memory gives 128: half the rate.
    const fast = { ...gpu, sms: 1 };
    const t = gemmSeconds({ batch: 1, m: 32, n: 32, k: 64 }, 8, 8.192e12, fast, 1);
    // All tiles bigger than the output waste work; the 32x32 tile does 2*32*32*64 ops at 4.096 TOPS.
    expect(t.tile).toEqual([32, 32]);
    expect(t.sec).toBeCloseTo((2 * 32 * 32 * 64) / 4.096e12, 15);
  });

  it('reads convolution and attention GEMMs from the report: depthwise runs as a direct convolution', () => {
    const x = { name: 'x', shape: [1, 32, 56, 56], dtype: 'float32' };
    const r = report(
      [
        // Dense 3x3: K = 32*9 = 288 >= Cin: an implicit GEMM of M = 56*56, N = 64.
        node('dense', 'Conv', ['x', 'w1'], { name: 'a', shape: [1, 64, 56, 56] }, { macs: 56 * 56 * 64 * 288, flops: 2 * 56 * 56 * 64 * 288 }),
        // Depthwise 3x3 on 64 channels: K = 9 < 64 input channels: no GEMM.
        node('dw', 'Conv', ['a', 'w2'], { name: 'b', shape: [1, 64, 56, 56] }, { macs: 56 * 56 * 64 * 9, flops: 2 * 56 * 56 * 64 * 9 }),
        // Grouped like ResNeXt's 32x8d: 8 channels per group, K = 72 >= 64: 8 groups of GEMMs with N = 8.
        node('grouped', 'Conv', ['b', 'w3'], { name: 'c', shape: [1, 64, 56, 56] }, { macs: 56 * 56 * 64 * 72, flops: 2 * 56 * 56 * 64 * 72 }),
      ],
      [x],
      [{ name: 'c', shape: [1, 64, 56, 56], dtype: 'float32' }],
    );
    const [dense, dw, grouped] = groupKernels(r, 'none');
    expect(dense!.gemm).toEqual({ batch: 1, m: 3136, n: 64, k: 288 });
    expect(dw!.gemm).toBeUndefined();
    expect(grouped!.gemm).toEqual({ batch: 8, m: 3136, n: 8, k: 72 });
  });
});

describe('runtimes', () => {
  it('every runtime value has a provenance and a source, and is a non-negative number', () => {
    for (const r of RUNTIMES) {
      expect(r.kinds.length).toBeGreaterThan(0);
      for (const { path, value } of runtimeValues(r)) {
        expect(value.value, `${r.id}.${path}`).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(value.value)).toBe(true);
        expect(value.source.length, `${r.id}.${path}`).toBeGreaterThan(10);
      }
    }
    expect(DEFAULT_RUNTIME).toEqual({ gpu: 'tensorrt', cpu: 'onnxruntime-cpu', npu: 'npu-compiler' });
    // Every preset names a runtime that runs on it.
    for (const p of HARDWARE_PRESETS) expect(() => runtimeOf(resolveProfile(p)), p.id).not.toThrow();
    expect(resolveProfile(HARDWARE_PRESETS.find((p) => p.id === 'amd-mi300x')!).runtime).toBe('migraphx');
  });

  it('refuses a runtime on a device class or vendor it does not run on, naming both', () => {
    expect(() => findRuntime('tf-serving')).toThrow('unknown runtime "tf-serving"; expected one of tensorrt, onnxruntime-cuda');
    expect(() => runtimeFor('tensorrt', 'cpu', 'rpi5-cpu')).toThrow('runtime "tensorrt" does not run on cpu hardware ("rpi5-cpu"); it runs on gpu');
    const [mi300] = findHardware(['amd-mi300x']);
    expect(() => runtimeOf(mi300!, { runtime: 'tensorrt' })).toThrow('runtime "tensorrt" does not run on AMD hardware ("amd-mi300x"); it runs on NVIDIA devices');
  });

  it('PyTorch eager at batch 1 is host-bound: the host issues 20 us per op, the GPU finishes sooner', () => {
    const [l4] = findHardware(['nvidia-l4']);
    const r = convNet(56, 56);
    const eager = estimateLatency(r, l4!, { precision: 'fp16', runtime: 'pytorch-eager', throughput: false });
    const trt = estimateLatency(r, l4!, { precision: 'fp16', throughput: false });
    // Eager runs the 12 ops (6 Conv, 6 Relu) as 12 kernels; each costs the host 20 us to issue, and
    // the GPU runs behind it: 12 x 20 = 240 us of host time exceeds the GPU's sum, so the model is
    // host-bound: 240 us + the per-call 50 us + the fp16 input and output copies over PCIe Gen4
    // (2 x 128*56*56*2 bytes at 32 GB/s = 50.2 us).
    expect(eager.kernels).toBe(12);
    expect(eager.ms).toBeCloseTo((12 * 20 + 50) / 1e3 + (2 * 128 * 56 * 56 * 2) / 32e9 * 1e3, 9);
    // TensorRT: 6 fused Conv+Relu kernels replayed from a CUDA graph, no host cost per kernel: 0.20 ms against 0.34.
    expect(trt.kernels).toBe(6);
    expect(trt.ms).toBeLessThan(eager.ms * 0.6);
  });

  it('uses a CPU matrix unit only with a runtime that has kernels for it (AMX int8 on Sapphire Rapids)', () => {
    const [spr] = findHardware(['intel-xeon-8480plus']);
    const r = convNet(56, 56, 256, 4);
    const amx = estimateLatency(r, spr!, { precision: 'int8', runtime: 'openvino', throughput: false });
    const xnn = estimateLatency(r, spr!, { precision: 'int8', runtime: 'tflite-xnnpack', throughput: false });
    // AMX: 229.4 int8 TOPS against VNNI's 28.7: the convolutions run ~8x faster.
    expect(xnn.ms / amx.ms).toBeGreaterThan(3);
  });
});

describe('a conv net at batch 1 on a GPU: doubling the work moves the estimate by what the physics says', () => {
  it('L4, int8 TensorRT: 6 convs 128->128 3x3 at 56x56, then at 56x112 (exactly twice the MACs): +60%, not +100% nor +5%', () => {
    const [l4] = findHardware(['nvidia-l4']);
    const base = estimateLatency(convNet(56, 56), l4!, { precision: 'int8', throughput: false });
    const wide = estimateLatency(convNet(56, 112), l4!, { precision: 'int8', throughput: false });
    // The L4: 58 SMs at 2.04 GHz, 242.5 int8 TOPS = 4.181 TOPS per SM; a mainloop reaches
    // tensorEfficiency 0.538 of it (fitted on the fitting set): 2.249e12 ops/s per SM.
    const perSm = (242.5e12 / 58) * GPU_PHYSICS.tensorEfficiency.value;
    // Each conv is a GEMM of M = pixels, N = 128, K = 128 * 9 = 1152.
    // 56x56: M = 3136 -> 25 x 2 = 50 tiles of 128x64 on 58 SMs: one wave of
    //   2*128*64*1152 ops / perSm = 8.39 us (operands stream from L2 in 7.4 us: compute binds).
    const t1 = (2 * 128 * 64 * 1152) / perSm;
    // 56x112: M = 6272 -> 49 tiles of 128x128: still one wave, each twice the work: 16.8 us.
    const t2 = (2 * 128 * 128 * 1152) / perSm;
    expect(base.top![0]!.detail).toBe('GEMM 3136x128x1152 int8: 128x64 tiles, 50 tiles in 1 wave');
    expect(wide.top![0]!.detail).toBe('GEMM 6272x128x1152 int8: 128x128 tiles, 49 tiles in 1 wave');
    // What does not grow with the work: each kernel's ramp-up and drain (8502 cycles = 4.17 us at
    // 2.04 GHz) and TensorRT's 1 us gap between graph-launched kernels, and the 20 us per call.
    // What does: the input and output copies (int8, 128 x pixels bytes each way, at 32 GB/s).
    const fixed = GPU_PHYSICS.kernelCycles.value / 2.04e9 + 1e-6;
    const io = (px: number): number => (2 * 128 * px) / 32e9;
    // The fused Relu's 128 x pixels ops run on the CUDA cores (30.3 fp32 TFLOPS x 4 for 8-bit dp4a-class ALUs): a few ns.
    const relu = (px: number): number => (128 * px) / (30.3e12 * 4 * GPU_PHYSICS.vectorEfficiency.value);
    const expected = (t: number, px: number): number => (6 * (t + relu(px) + fixed) + 20e-6 + io(px)) * 1e3;
    expect(base.ms).toBeCloseTo(expected(t1, 56 * 56), 6);
    expect(wide.ms).toBeCloseTo(expected(t2, 56 * 112), 6);
    // 0.126 ms -> 0.202 ms: +60%. The weights (0.9 MB at int8) stay in the 48 MB L2 and the
    // activations fit its share, so no kernel is memory-bound and only the compute (and the copies)
    // doubled; a model that charged a fixed ~26 us per kernel would have shown a few percent.
    expect(wide.ms / base.ms - 1).toBeGreaterThan(0.55);
    expect(wide.ms / base.ms - 1).toBeLessThan(0.63);
  });
});

describe('graph fusion (TensorRT) on a transformer layer', () => {
  // x -> Q, K, V projections (MatMul + bias, reshaped and transposed per head) -> QK^T -> scale ->
  // Softmax -> x V -> transpose back -> output projection.
  const S = 128;
  const H = 256;
  const hd = 64;
  const heads = 4;
  const act = (shape: number[]): number => shape.reduce((a, b) => a * b, 1) * 4;
  const proj = (p: string, out: string): ReportNode[] => [
    node(`${p}_mm`, 'MatMul', ['x', `${p}_w`], { name: `${p}_m`, shape: [1, S, H] }, { params: H * H, macs: S * H * H, flops: 2 * S * H * H, bytesRead: act([S, H]) + H * H * 4, bytesWritten: act([S, H]) }),
    node(`${p}_add`, 'Add', [`${p}_m`, `${p}_b`], { name: `${p}_a`, shape: [1, S, H] }, { flops: S * H, bytesRead: act([S, H]), bytesWritten: act([S, H]) }),
    node(`${p}_rs`, 'Reshape', [`${p}_a`, 'shape'], { name: `${p}_r`, shape: [1, S, heads, hd] }),
    node(`${p}_tr`, 'Transpose', [`${p}_r`], { name: out, shape: p === 'k' ? [1, heads, hd, S] : [1, heads, S, hd] }, { bytesRead: act([S, H]), bytesWritten: act([S, H]) }),
  ];
  const r = report(
    [
      ...proj('q', 'q'),
      ...proj('k', 'k'),
      ...proj('v', 'v'),
      node('qk', 'MatMul', ['q', 'k'], { name: 's', shape: [1, heads, S, S] }, { macs: heads * S * S * hd, flops: 2 * heads * S * S * hd, bytesRead: 2 * act([S, H]), bytesWritten: act([heads, S, S]) }),
      node('scale', 'Div', ['s', 'd'], { name: 'sd', shape: [1, heads, S, S] }, { flops: heads * S * S, bytesRead: act([heads, S, S]), bytesWritten: act([heads, S, S]) }),
      node('sm', 'Softmax', ['sd'], { name: 'p', shape: [1, heads, S, S] }, { flops: 5 * heads * S * S, bytesRead: act([heads, S, S]), bytesWritten: act([heads, S, S]) }),
      node('pv', 'MatMul', ['p', 'v'], { name: 'c', shape: [1, heads, S, hd] }, { macs: heads * S * S * hd, flops: 2 * heads * S * S * hd, bytesRead: act([heads, S, S]) + act([S, H]), bytesWritten: act([S, H]) }),
      node('ct', 'Transpose', ['c'], { name: 'ctx', shape: [1, S, heads, hd] }, { bytesRead: act([S, H]), bytesWritten: act([S, H]) }),
    ],
    [{ name: 'x', shape: [1, S, H], dtype: 'float32' }],
    [{ name: 'ctx', shape: [1, S, heads, hd], dtype: 'float32' }],
  );

  it('runs Q/K/V as one GEMM, attention as one kernel, and no transpose kernels', () => {
    const ks = groupKernels(r, 'graph');
    expect(ks.map((k) => k.nodes.map((n) => n.op).join('+'))).toEqual(['MatMul+Add+Transpose+MatMul+Add+Transpose+MatMul+Add+Transpose', 'MatMul+Div+Softmax+MatMul+Transpose']);
    // Horizontal fusion: one GEMM of N = 3 x 256 that reads x once (two fewer 128x256 fp32 reads).
    expect(ks[0]!.gemm).toEqual({ batch: 1, m: S, n: 3 * H, k: H });
    // Flash-style attention: per (head, query block) both products; the S x S scores never leave the chip.
    expect(ks[1]!.gemm).toEqual({ batch: heads, m: S, n: hd, k: 2 * S });
    // batch x M x N x K = the MACs of both products: 4 x 128 x 64 x 256 = 2 x 4 x 128 x 128 x 64.
    expect(heads * S * hd * 2 * S).toBe(ks[1]!.macs);
    expect(ks[1]!.gemmScales).toBe('batch');
    // Reads Q, K, V (3 x 128 KiB) and writes the context (128 KiB); the scores stay on chip.
    expect(ks[1]!.bytes).toBe(4 * act([S, H]));
    // ONNX Runtime's providers run them apart: 3 GEMMs with their bias, 4 transposes, QK^T with its
    // scale (FusedMatMul's alpha), Softmax, and the scores x V product: 10 kernels.
    expect(groupKernels(r, 'contraction').length).toBe(10);
    // PyTorch eager: every op (views excepted) is a kernel.
    expect(groupKernels(r, 'none').length).toBe(14);
  });

  it('scales attention by more products, not taller ones, when the batch grows', () => {
    const att = groupKernels(r, 'graph')[1]!;
    expect(atBatch(att, 8).gemm).toEqual({ batch: 8 * heads, m: S, n: hd, k: 2 * S });
    const qkv = groupKernels(r, 'graph')[0]!;
    expect(atBatch(qkv, 8).gemm).toEqual({ batch: 1, m: 8 * S, n: 3 * H, k: H });
    // Weights do not scale with the batch; activations do.
    expect(atBatch(qkv, 8).bytes - atBatch(qkv, 8).activationBytes).toBe(qkv.bytes - qkv.activationBytes);
    expect(atBatch(qkv, 8).activationBytes).toBe(8 * qkv.activationBytes);
  });
});

describe('throughput', () => {
  it('is samples/s at the best batch within 90% of device memory, or at the batch asked for', () => {
    const [orin] = findHardware(['jetson-orin-nano-4gb']);
    const r = convNet(56, 56);
    const l = estimateLatency(r, orin!, { precision: 'int8' });
    const t = l.throughput!;
    expect([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]).toContain(t.batch);
    expect(t.samplesPerSec).toBeCloseTo((t.batch / t.ms) * 1e3, 6);
    // Larger batches amortise the per-kernel ramp: the best is well above batch 1's rate.
    expect(t.samplesPerSec).toBeGreaterThan(1e3 / l.ms);
    const at4 = estimateLatency(r, orin!, { precision: 'int8', throughputBatch: 4 }).throughput!;
    expect(at4.batch).toBe(4);
    // A 4 GB device: 1024 samples of 2 x 1.6 MB peak activations (at int8: 0.4 MB each) fit, 4 GB x 0.9 bounds the search.
    expect(t.batch * countNumber(r.totals.peakMemoryBytes) * 0.25).toBeLessThanOrEqual(4e9 * 0.9);
  });
});

describe('user GPU and CPU structure', () => {
  it('parses gpu, cpu, matrixTflops and runtime, and names what is wrong', () => {
    const ok = parseUserHardware({ id: 'lab-gpu', extends: 'nvidia-l4', runtime: 'onnxruntime-cuda', gpu: { sustainedClockGHz: 1.6 } }, 'hardwareProfiles[0]');
    expect(ok.errors).toEqual([]);
    const [lab] = findHardware(['lab-gpu'], hardwareCatalog([ok.value!]));
    expect(lab!.runtime).toBe('onnxruntime-cuda');
    expect(lab!.gpu!.sms).toBe(58);
    expect(lab!.gpu!.clockHz).toBe(1.6e9);
    expect(lab!.gpu!.peakScale).toBeCloseTo(1.6 / 2.04, 12);
    const bad = parseUserHardware({ id: 'x', runtime: 'tvm', gpu: { arch: 'pascal', warps: 4 }, cpu: 3 }, 'hardwareProfiles[1]');
    expect(bad.errors).toEqual([
      'hardwareProfiles[1].runtime: unknown runtime "tvm"; expected one of tensorrt, onnxruntime-cuda, onnxruntime-cpu, pytorch-eager, pytorch-cuda-graphs, tflite-xnnpack, coreml, openvino, migraphx, npu-compiler',
      'hardwareProfiles[1].gpu.arch: expected one of maxwell, volta, turing, ampere, ada, hopper, blackwell, cdna3, apple, got "pascal"',
      'hardwareProfiles[1].gpu.warps: unknown field; expected one of arch, sms, clockGHz, sustainedClockGHz, l2MiB, l2GBps, hostLinkGBps',
      'hardwareProfiles[1].cpu: expected a mapping of matrixUnit, cores, clockGHz, vectorBits, llcMiB, gemmTileRows, got 3',
    ]);
    expect(() => hardwareCatalog([{ id: 'half', extends: 'rpi5-cpu', kind: 'gpu', gpu: { arch: 'ampere', sms: { value: 2, provenance: 'estimate', source: 'test' } } as never }])).toThrow('hardware profile "half": gpu lacks clockGHz, l2MiB');
    expect(() => hardwareCatalog([{ id: 'pi-trt', extends: 'rpi5-cpu', runtime: 'tensorrt' }])).toThrow('hardware profile "pi-trt": runtime "tensorrt" does not run on cpu hardware ("pi-trt"); it runs on gpu');
  });

  it('takes half the last-level cache as the CPU activation cache, and every GPU preset carries its structure', () => {
    const [spr] = findHardware(['intel-xeon-8480plus']);
    expect(spr!.efficiency.cacheBytes.value).toBe(105 * 2 ** 19);
    for (const p of HARDWARE_PRESETS.filter((x) => x.kind === 'gpu')) {
      expect(p.gpu, p.id).toBeDefined();
      // The fp32 peak is the CUDA-core rate: SMs x 128 (or 64) lanes x 2 x clock, within 5% (Apple: not published per lane).
      if (p.vendor === 'NVIDIA') {
        const lanes = (p.peakTflops.fp32!.value * 1e12) / (2 * p.gpu!.sms.value * p.gpu!.clockGHz.value * 1e9);
        expect([64, 128].some((x) => Math.abs(lanes / x - 1) < 0.05), `${p.id}: ${lanes.toFixed(1)} fp32 lanes per SM`).toBe(true);
      }
    }
  });
});

describe('hostile counts', () => {
  it('keeps every reported figure finite and non-negative when counts are beyond 2^53', () => {
    const huge = '9'.repeat(400); // a count string far beyond Number.MAX_VALUE: countNumber saturates
    const r = report(
      [
        node('a', 'MatMul', ['x', 'w'], { name: 'y', shape: [1, 4096, 4096] }, { macs: huge, flops: huge, bytesRead: huge, bytesWritten: huge }),
        node('b', 'Relu', ['y'], { name: 'z', shape: [1, 4096, 4096] }, { flops: huge, bytesRead: huge, bytesWritten: huge }),
      ],
      [{ name: 'x', shape: [1, 4096, 4096], dtype: 'float32' }],
      [{ name: 'z', shape: [1, 4096, 4096], dtype: 'float32' }],
      { weightBytes: huge, peakMemoryBytes: huge },
    );
    for (const id of ['nvidia-h100-sxm', 'intel-xeon-8480plus', 'apple-m4-ane']) {
      const [hw] = findHardware([id]);
      const l = estimateLatency(r, hw!);
      const figures = [l.ms, l.boundBy.compute, l.boundBy.memory, ...(l.top ?? []).flatMap((k) => [k.ms, k.flops, k.bytes]), ...(l.throughput ? [l.throughput.samplesPerSec, l.throughput.ms] : [])];
      for (const v of figures) {
        expect(Number.isFinite(v), `${id}: ${v}`).toBe(true);
        expect(v, id).toBeGreaterThanOrEqual(0);
      }
      expect(l.ms).toBeGreaterThan(0);
    }
  });
});
