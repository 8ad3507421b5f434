import { describe, expect, it } from 'vitest';
import {
  countNumber,
  accuracy,
  estimateLatency,
  findHardware,
  fitTimeModel,
  groupKernels,
  hardwareCatalog,
  HARDWARE_PRESETS,
  HardwareError,
  parallelTime,
  resolveProfile,
  timeModelOf,
  sourcedValues,
  spearman,
  withLatency,
  type HardwarePreset,
  type Report,
  type ReportNode,
} from '../../src/index.js';
import { node, report } from './helpers.js';

const PROVENANCE = new Set(['datasheet', 'derived', 'measured', 'estimate']);

describe('hardware presets', () => {
  it('ships at least 30 presets with unique ids, positive values and a source for every value', () => {
    expect(HARDWARE_PRESETS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(HARDWARE_PRESETS.map((p) => p.id)).size).toBe(HARDWARE_PRESETS.length);
    for (const p of HARDWARE_PRESETS) {
      expect(Object.keys(p.peakTflops).length, p.id).toBeGreaterThan(0);
      const values = sourcedValues(p);
      for (const { path, value } of values) {
        expect(value.source.trim().length, `${p.id}.${path} has no source`).toBeGreaterThan(10);
        expect(PROVENANCE.has(value.provenance), `${p.id}.${path} provenance ${value.provenance}`).toBe(true);
        expect(value.value, `${p.id}.${path}`).toBeGreaterThan(0);
      }
      // The class defaults that fill the rest carry sources too.
      const r = resolveProfile(p);
      for (const v of [r.kernelOverheadSec, ...Object.values(r.efficiency)]) expect(v.source.length).toBeGreaterThan(10);
    }
  });

  it('covers datacenter and desktop GPUs, Jetson, Apple silicon, Raspberry Pi, phones, server CPUs and a CI runner', () => {
    const ids = HARDWARE_PRESETS.map((p) => p.id).join(' ');
    for (const want of ['nvidia-a100', 'nvidia-h100', 'rtx-4090', 'jetson-orin-nano', 'apple-m2', 'rpi5', 'snapdragon-8gen3-cpu', 'intel-xeon', 'amd-epyc', 'github-ubuntu-4vcpu'])
      expect(ids).toContain(want);
  });

  it('keeps spot-checked datasheet numbers (A100 SXM 80GB: 312 TFLOPS fp16 dense, 2039 GB/s; T4: 65 fp16, 320 GB/s)', () => {
    const [a100, t4] = findHardware(['nvidia-a100-sxm-80gb', 'nvidia-t4']);
    expect(a100!.peakFlopsPerSec.fp16!.value).toBe(312e12);
    expect(a100!.memoryBandwidthBytesPerSec.value).toBe(2039e9);
    expect(t4!.peakFlopsPerSec.fp16!.value).toBe(65e12);
    expect(t4!.memoryBandwidthBytesPerSec.value).toBe(320e9);
    // Orin Nano 8GB fp32, derived: 1024 CUDA cores x 2 FLOP x 0.625 GHz = 1.28 TFLOPS.
    expect(findHardware(['jetson-orin-nano-8gb'])[0]!.peakFlopsPerSec.fp32!.value).toBeCloseTo(1024 * 2 * 0.625e9, -9);
  });

  it('merges user profiles: extends a preset, overrides a field, rejects an incomplete one', () => {
    const cat = hardwareCatalog([{ id: 'my-orin', extends: 'jetson-orin-nano-8gb', bandwidthGBps: { value: 60, provenance: 'measured', source: 'our bench' } }]);
    const [mine] = findHardware(['my-orin'], cat);
    expect(mine!.memoryBandwidthBytesPerSec.value).toBe(60e9);
    expect(mine!.peakFlopsPerSec.fp16!.value).toBeCloseTo(10.2e12, -6);
    expect(() => hardwareCatalog([{ id: 'x', extends: 'nope' }])).toThrow('hardware profile "x" extends unknown profile "nope"');
    expect(() => hardwareCatalog([{ id: 'x', name: 'X' }])).toThrow('hardware profile "x" lacks kind, bandwidthGBps, peakTflops');
    expect(() => findHardware(['nvidia-a1000'])).toThrow(HardwareError);
    expect(() => findHardware(['nvidia-a1000'])).toThrow(/unknown hardware "nvidia-a1000"; did you mean nvidia-h100-sxm/);
  });
});

/** A report over a small conv net: Conv -> BatchNormalization -> Relu -> Reshape -> Gemm -> Softmax. */
function smallReport(): Report {
  const act = 64 * 56 * 56 * 4; // [1,64,56,56] fp32 = 802816 bytes
  return report(
    [
      node('conv', 'Conv', ['x', 'w', 'b'], { name: 'c', shape: [1, 64, 56, 56] }, { macs: 1e8, flops: 2e8, bytesRead: 602112 + 37632, bytesWritten: act }),
      node('bn', 'BatchNormalization', ['c', 's', 'o', 'm', 'v'], { name: 'n', shape: [1, 64, 56, 56] }, { flops: 2 * 200704, bytesRead: act + 1024, bytesWritten: act }),
      node('relu', 'Relu', ['n'], { name: 'r', shape: [1, 64, 56, 56] }, { flops: 200704, bytesRead: act, bytesWritten: act }),
      node('flat', 'Reshape', ['r', 'shape'], { name: 'f', shape: [1, 200704] }),
      node('fc', 'Gemm', ['f', 'W', 'B'], { name: 'g', shape: [1, 10] }, { macs: 2007040, flops: 4014080 + 10, bytesRead: act + 8028160 + 40, bytesWritten: 40 }),
      node('sm', 'Softmax', ['g'], { name: 'p', shape: [1, 10] }, { flops: 50, bytesRead: 40, bytesWritten: 40 }),
    ],
    [{ name: 'x', shape: [1, 3, 224, 224], dtype: 'float32' }],
    [{ name: 'p', shape: [1, 10], dtype: 'float32' }],
  );
}

describe('latency estimator', () => {
  const cpu: HardwarePreset = {
    id: 'test-cpu',
    name: 'test CPU',
    kind: 'cpu',
    peakTflops: { fp32: { value: 1, provenance: 'estimate', source: 'test: 1 TFLOPS' } },
    bandwidthGBps: { value: 100, provenance: 'estimate', source: 'test: 100 GB/s' },
    kernelOverheadUs: { value: 5, provenance: 'estimate', source: 'test: 5 us' },
    efficiency: {
      computeMax: { value: 0.5, provenance: 'estimate', source: 'test: 50%' },
      computeHalfSec: { value: 0, provenance: 'estimate', source: 'test: no size effect' },
      vectorMax: { value: 0.5, provenance: 'estimate', source: 'test: 50%, like contractions' },
      memoryMax: { value: 1, provenance: 'estimate', source: 'test: 100%' },
      memoryHalfSec: { value: 0, provenance: 'estimate', source: 'test: no size effect' },
      cacheBytes: { value: 1, provenance: 'estimate', source: 'test: no cache' },
      cacheSpeedup: { value: 1, provenance: 'estimate', source: 'test: no cache' },
      rowsHalf: { value: 0, provenance: 'estimate', source: 'test: no row effect' },
    },
  };

  it('fuses conv+bn+relu, skips the reshape view, and keeps Gemm and Softmax as their own kernels', () => {
    const k = groupKernels(smallReport(), 'contraction');
    expect(k.map((x) => x.nodes.map((n) => n.op).join('+'))).toEqual(['Conv+BatchNormalization+Relu', 'Gemm', 'Softmax']);
    const act = 802816;
    // Conv+BN+Relu: reads x + conv weights + BN params, writes r; the c and n intermediates stay on chip:
    // (639744 + act) + (act + 1024 + act) + (act + act) - 2 * 2 * act = 640768 + act.
    expect(k[0]!.bytes).toBe(639744 + 1024 + act);
    expect(k[0]!.flops).toBe(2e8 + 3 * 200704);
  });

  it('a kernel that fuses 100 nodes lists its first 64 in the top kernels, with the count of all', () => {
    // 100 Relus in a chain fuse into one kernel under `pointwise` (each reads the one before, alone).
    const nodes: ReportNode[] = [];
    for (let i = 0; i < 100; i++) nodes.push(node(`r${i}`, 'Relu', [i ? `v${i - 1}` : 'x'], { name: `v${i}`, shape: [1, 8] }, { flops: 8, bytesRead: 32, bytesWritten: 32 }));
    const r = report(nodes, [{ name: 'x', shape: [1, 8], dtype: 'float32' }], [{ name: 'v99', shape: [1, 8], dtype: 'float32' }]);
    expect(groupKernels(r, 'pointwise').map((k) => k.nodes.length)).toEqual([100]);
    const [hw] = findHardware(['test-cpu'], hardwareCatalog([cpu]));
    const est = estimateLatency(r, hw!, {}, groupKernels(r, 'pointwise'));
    const top = est.top![0]!;
    expect(top.nodes).toEqual(nodes.slice(0, 64).map((n) => n.name));
    expect(top.nodeCount).toBe(100);
    expect(top.ops).toBe(`${Array<string>(64).fill('Relu').join('+')}+...`);
    // All 100 nodes' FLOPs are the kernel's: 100 x 8.
    expect(top.flops).toBe(800);
  });

  it('fuses elementwise chains only under the pointwise policy (GPUs), and times a recurrent layer per step', () => {
    const r = smallReport();
    // Softmax -> Relu -> Sigmoid after the Gemm: a CPU runs them apart, a GPU as one kernel.
    const extra: ReportNode[] = [
      node('r2', 'Relu', ['p'], { name: 'q', shape: [1, 10] }, { flops: 10, bytesRead: 40, bytesWritten: 40 }),
      node('s2', 'Sigmoid', ['q'], { name: 'z', shape: [1, 10] }, { flops: 40, bytesRead: 40, bytesWritten: 40 }),
    ];
    const r2 = { ...r, outputs: [{ name: 'z', shape: [1, 10], dtype: 'float32' }], nodes: [...r.nodes, ...extra] };
    expect(groupKernels(r2, 'contraction').map((k) => k.nodes.length)).toEqual([3, 1, 1, 1, 1]);
    expect(groupKernels(r2, 'pointwise').map((k) => k.nodes.length)).toEqual([3, 1, 3]);
    // ONNX LSTM input [seq=64, batch, in]: 64 launches.
    const lstm = { ...r, inputs: [{ name: 'x', shape: [64, 1, 128], dtype: 'float32' }], nodes: [node('l', 'LSTM', ['x', 'W', 'R', 'B'], { name: 'y', shape: [64, 1, 1, 256] }, { macs: 1, flops: 2 })] };
    expect(groupKernels(lstm)[0]!.launches).toBe(64);
  });

  it('a recurrent op: one dispatch, weights re-read per step, a fixed cost per step (hand-derived)', () => {
    const rnn: HardwarePreset = { ...cpu, id: 'test-rnn', efficiency: { ...cpu.efficiency, recurrentStepSec: { value: 2e-6, provenance: 'estimate', source: 'test: 2 us' } } };
    const [hw] = findHardware(['test-rnn'], hardwareCatalog([rnn]));
    const r = smallReport();
    // x [64, 1, 128] fp32 = 32768 bytes in, y [64, 1, 1, 256] = 65536 bytes out, 1e6 bytes of weights.
    const lstm: Report = {
      ...r,
      inputs: [{ name: 'x', shape: [64, 1, 128], dtype: 'float32' }],
      outputs: [{ name: 'y', shape: [64, 1, 1, 256], dtype: 'float32' }],
      nodes: [node('l', 'LSTM', ['x', 'W', 'R', 'B'], { name: 'y', shape: [64, 1, 1, 256] }, { macs: 1e6, flops: 2e6, bytesRead: 32768 + 1e6, bytesWritten: 65536 })],
    };
    // 64 steps. Per step: bytes = weights 1e6 + activations (32768 + 65536) / 64 = 1001536 -> 10.01536 us
    // (no cache: cacheBytes 1); compute 2e6 / 64 / 5e11 = 0.0625 us. Memory wins: 64 * 10.01536 = 640.98304 us,
    // + 64 steps * 2 us + 5 us overhead once = 773.98304 us.
    expect(estimateLatency(lstm, hw!).ms).toBeCloseTo(773.98304 / 1e3, 9);
  });

  it('a matrix product with few rows runs at rows / (rows + rowsHalf) of the peak', () => {
    const rowsy: HardwarePreset = { ...cpu, id: 'test-rows', efficiency: { ...cpu.efficiency, rowsHalf: { value: 4, provenance: 'estimate', source: 'test: 4 rows' } } };
    const [hw] = findHardware(['test-rows'], hardwareCatalog([rowsy]));
    const lat = estimateLatency(smallReport(), hw!, { precision: 'int8' });
    // As the int8 case above, but the Gemm ([1, 10] out: 1 row) computes at 1 / (1 + 4) of the peak:
    // 4014090 / (1e12 * 0.5 / 5) = 40.1409 us > its int8 memory time 88.31056 / 4 = 22.07764 us.
    expect(lat.ms).toBeCloseTo((401.204224 + 40.1409 + 0.0008 / 4 + 15) / 1e3, 9);
  });

  it('activation traffic that fits the cache moves at cacheSpeedup times the DRAM rate; weights do not', () => {
    const cached: HardwarePreset = {
      ...cpu,
      id: 'test-cache',
      efficiency: { ...cpu.efficiency, cacheBytes: { value: 2_000_000, provenance: 'estimate', source: 'test: 2 MB' }, cacheSpeedup: { value: 4, provenance: 'estimate', source: 'test: 4x' } },
    };
    const [hw] = findHardware(['test-cache'], hardwareCatalog([cached]));
    const k = groupKernels(smallReport(), 'contraction');
    const act = 802816;
    // Conv+BN+Relu: activations = input x (602112) + output r (act); weights = 37632 + 1024.
    expect(k[0]!.activationBytes).toBe(602112 + act);
    // Gemm: activations = its input f (act, the Reshape's output is the Relu's tensor) + output 40; weights 8028160 + 40.
    expect(k[1]!.activationBytes).toBe(act + 40);
    // GEMM rows: the Gemm's output [1, 10] has 1 row; the convolution kernel has none (Infinity).
    expect([k[0]!.rows, k[1]!.rows]).toEqual([Infinity, 1]);
    const lat = estimateLatency(smallReport(), hw!);
    // Kernel 1 stays compute-bound: 401.204224 + 5 us. Kernel 2: memory (8028200 + 802856 / 4) / 1e11 = 82.29 us
    // (instead of 88.31056) -> + 5 us. Kernel 3: (80 / 4) / 1e11 = 0.0002 us vs compute 0.0001 us -> + 5 us.
    expect(lat.ms).toBeCloseTo((401.204224 + 5 + (8028200 + 802856 / 4) / 1e5 + 5 + 0.0002 + 5) / 1e3, 9);
  });

  it('fuses what ONNX Runtime\'s CPU provider fuses: x * Sigmoid(x) and the erf GELU, not the Add after them', () => {
    const r = smallReport();
    const e = { flops: 1, bytesRead: 40, bytesWritten: 40 };
    const t = (name: string): { name: string; shape: number[] } => ({ name, shape: [1, 10] });
    // p -> Sigmoid -> Mul(p, s) -> Add(bias): QuickGelu (SiLU) is one kernel, the Add another.
    // Then Div -> Erf -> Add -> Mul(x) -> Mul(0.5): GELU, one kernel.
    const extra: ReportNode[] = [
      node('sig', 'Sigmoid', ['p'], t('sg'), e),
      node('swish', 'Mul', ['p', 'sg'], t('w'), e),
      node('bias', 'Add', ['w', 'b1'], t('a'), e),
      node('div', 'Div', ['a', 'sqrt2'], t('d'), e),
      node('erf', 'Erf', ['d'], t('er'), e),
      node('one', 'Add', ['er', 'c1'], t('on'), e),
      node('mx', 'Mul', ['a', 'on'], t('mx'), e),
      node('half', 'Mul', ['mx', 'c05'], t('z'), e),
    ];
    const r2 = { ...r, outputs: [{ name: 'z', shape: [1, 10], dtype: 'float32' }], nodes: [...r.nodes, ...extra] };
    const ops = groupKernels(r2, 'contraction').map((k) => k.nodes.map((n) => n.op).join('+'));
    expect(ops.slice(3)).toEqual(['Sigmoid+Mul', 'Add', 'Div+Erf+Add+Mul+Mul']);
  });

  it('splits a kernel over threads only as far as its size allows, and pays the parallel section (hand-derived)', () => {
    const threaded: HardwarePreset = {
      ...cpu,
      id: 'test-threads',
      efficiency: {
        ...cpu.efficiency,
        threads: { value: 2, provenance: 'estimate', source: 'test: 2 threads' },
        parallelGrainSec: { value: 10e-6, provenance: 'estimate', source: 'test: 10 us' },
        parallelSyncSec: { value: 4e-6, provenance: 'estimate', source: 'test: 4 us' },
      },
    };
    const [hw] = findHardware(['test-threads'], hardwareCatalog([threaded]));
    const m = timeModelOf(hw!);
    // 100 us at the full device's rate = 200 us on one thread: 20 grains, both threads, + 4 us sync.
    expect(parallelTime(100e-6, m)).toBeCloseTo(104e-6, 12);
    // 3 us = 6 us on one thread, under one grain: it stays on one thread, no sync.
    expect(parallelTime(3e-6, m)).toBeCloseTo(6e-6, 12);
    // 7.5 us = 15 us on one thread = 1.5 grains: 15 / 1.5 = 10 us + 4 us * (1.5 - 1) / (2 - 1) = 12 us.
    expect(parallelTime(7.5e-6, m)).toBeCloseTo(12e-6, 12);
    // One thread: unchanged.
    expect(parallelTime(7.5e-6, { ...m, threads: 1 })).toBe(7.5e-6);
    // The small report on it: kernel 1 (401.204224 us) and kernel 2 (88.31056 us) split, + 4 us each;
    // kernel 3 (0.0008 us, 0.0016 us on one thread) does not. Each + 5 us overhead.
    expect(estimateLatency(smallReport(), hw!).ms).toBeCloseTo((401.204224 + 4 + 88.31056 + 4 + 0.0016 + 15) / 1e3, 9);
  });

  it('times each kernel as max(compute, memory) + overhead (hand-derived)', () => {
    const [hw] = findHardware(['test-cpu'], hardwareCatalog([cpu]));
    const lat = estimateLatency(smallReport(), hw!);
    // Kernel 1: compute (2e8 + 602112) / (1e12 * 0.5) = 401.204224 us; memory (640768 + 802816) / 1e11 = 14.43584 us -> compute + 5 us.
    // Kernel 2 (Gemm): compute 4014090 / 5e11 = 8.02818 us; memory (802816 + 8028160 + 40 + 40) / 1e11 = 88.31056 us -> memory + 5 us.
    // Kernel 3 (Softmax): compute 50 / 5e11 = 0.0001 us; memory 80 / 1e11 = 0.0008 us -> memory + 5 us.
    const k1 = 401.204224 + 5;
    const k2 = 88.31056 + 5;
    const k3 = 0.0008 + 5;
    expect(lat.ms).toBeCloseTo((k1 + k2 + k3) / 1e3, 9);
    expect(lat.boundBy.compute).toBeCloseTo(k1 / (k1 + k2 + k3), 9);
    expect(lat.kernels).toBe(3);
    expect(lat.top![0]!.ops).toBe('Conv+BatchNormalization+Relu');
    expect(lat.top![1]!.boundBy).toBe('memory');
  });

  it('what-if precision: fp16 halves float bytes and uses the fp16 peak; int8 falls back to fp32 when the device has no int8 peak', () => {
    const gpuPreset: HardwarePreset = { ...cpu, id: 'test-gpu', peakTflops: { fp32: cpu.peakTflops.fp32!, fp16: { value: 4, provenance: 'estimate', source: 'test: 4 TFLOPS fp16' } } };
    const [hw] = findHardware(['test-gpu'], hardwareCatalog([gpuPreset]));
    const lat = estimateLatency(smallReport(), hw!, { precision: 'fp16' });
    // Kernel 1: compute 200602112 / (4e12 * 0.5) = 100.301056 us; memory 1443584 / 2 / 1e11 = 7.21792 us.
    // Kernel 2: compute 4014090 / 2e12 = 2.007045 us; memory 8831056 / 2 / 1e11 = 44.15528 us.
    // Kernel 3: memory 40 / 1e11 = 0.0004 us.
    expect(lat.ms).toBeCloseTo((100.301056 + 44.15528 + 0.0004 + 15) / 1e3, 9);
    expect(lat.precision).toBe('fp16');
    const [c] = findHardware(['test-cpu'], hardwareCatalog([cpu]));
    const int8 = estimateLatency(smallReport(), c!, { precision: 'int8' });
    // int8 on a device without an int8 peak runs at the fp32 peak; bytes are a quarter.
    expect(int8.ms).toBeCloseTo((401.204224 + 88.31056 / 4 + 0.0008 / 4 + 15) / 1e3, 9);
  });

  it('withLatency fills one entry per profile and leaves the report otherwise unchanged', () => {
    const r = withLatency(smallReport(), findHardware(['nvidia-t4', 'rpi5-cpu']));
    expect(r.latency.map((l) => l.hardware)).toEqual(['nvidia-t4', 'rpi5-cpu']);
    expect(r.latency[1]!.ms).toBeGreaterThan(r.latency[0]!.ms);
    expect(r.nodes).toEqual(smallReport().nodes);
  });
});

describe('calibration', () => {
  it('recovers the efficiency and overhead that generated the measurements', () => {
    const truth: HardwarePreset = {
      id: 'truth',
      name: 'truth',
      kind: 'cpu',
      peakTflops: { fp32: { value: 1, provenance: 'estimate', source: 'test peak' } },
      bandwidthGBps: { value: 100, provenance: 'estimate', source: 'test bandwidth' },
      kernelOverheadUs: { value: 12, provenance: 'estimate', source: 'test overhead' },
      efficiency: { computeMax: { value: 0.3, provenance: 'estimate', source: 'test' }, computeHalfSec: { value: 40e-6, provenance: 'estimate', source: 'test' } },
    };
    const [hw] = findHardware(['truth'], hardwareCatalog([truth]));
    // Models of different sizes: scale the small report's costs.
    const samples = [0.05, 0.3, 1, 3, 10, 30].map((s, i) => {
      const r = smallReport();
      const scaled = { ...r, nodes: r.nodes.map((n) => ({ ...n, flops: countNumber(n.flops) * s, bytesRead: countNumber(n.bytesRead) * Math.sqrt(s), bytesWritten: countNumber(n.bytesWritten) * Math.sqrt(s) })) };
      return { name: `m${i}`, report: scaled, measuredMs: estimateLatency(scaled, hw!).ms };
    });
    const [start] = findHardware(['test-start'], hardwareCatalog([{ ...truth, id: 'test-start', kernelOverheadUs: undefined, efficiency: undefined } as HardwarePreset]));
    const fitted = fitTimeModel(start!, samples);
    const estimates = samples.map((s) => {
      const [f] = findHardware(['f'], hardwareCatalog([{ ...truth, id: 'f', kernelOverheadUs: { value: fitted.overheadSec * 1e6, provenance: 'measured', source: 'fit' }, efficiency: { computeMax: { value: fitted.computeMax, provenance: 'measured', source: 'fit' }, computeHalfSec: { value: fitted.computeHalfSec, provenance: 'measured', source: 'fit' }, memoryMax: { value: fitted.memoryMax, provenance: 'measured', source: 'fit' } } }]));
      return { estimatedMs: estimateLatency(s.report, f!).ms, measuredMs: s.measuredMs };
    });
    const acc = accuracy(estimates);
    expect(acc.mape).toBeLessThan(0.01);
    expect(acc.spearman).toBe(1);
  });

  it('computes Spearman with ties (hand-checked)', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(spearman([1, 2, 3, 4], [40, 30, 20, 10])).toBe(-1);
    // ranks a = [1, 2.5, 2.5, 4], b = [1, 2, 3, 4]: r = 0.9486832980505138 (scipy.stats.spearmanr).
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9486832980505138, 12);
  });
});
