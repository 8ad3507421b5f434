/**
 * Hardware profiles are data: dense peak throughput per dtype, memory bandwidth and size, the
 * device's structure (SMs, clock and L2 of a GPU; cores, vector width, cache and matrix units of a
 * CPU), the runtime it usually runs, a per-kernel overhead and efficiency factors, every value with
 * where it came from. Presets are written in the units their sources use (TFLOPS, GB/s, GB, MiB,
 * GHz); {@link resolveProfile} turns a preset (or a user's profile, possibly extending a preset)
 * into a {@link HardwareProfile} in base units.
 */
import { ARCH_SPECS, type GpuArch, type GpuSpec } from './gpu.js';
import { DEFAULT_RUNTIME } from './runtime.js';

/** Where a value comes from. */
export type Provenance = 'datasheet' | 'derived' | 'measured' | 'estimate';

/** A number with its provenance and a citation (document, URL, or the measurement that produced it). */
export interface Sourced {
  readonly value: number;
  readonly provenance: Provenance;
  /** Non-empty: a profile value without a source is a bug (a meta-test checks every preset). */
  readonly source: string;
}

/** Element types with their own peak rates. */
export type PeakDType = 'fp32' | 'tf32' | 'fp16' | 'bf16' | 'fp8' | 'int8' | 'int4';

/** All {@link PeakDType}s, widest first. */
export const PEAK_DTYPES: readonly PeakDType[] = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'];

/** Device classes; they pick the default overhead and efficiency factors. */
export type HardwareKind = 'cpu' | 'gpu' | 'npu';

/**
 * Roofline efficiency factors. Achieved compute rate for a kernel of `f` FLOPs is
 * `peak * computeMax * f / (f + peak * computeHalfSec)`: a kernel that would take `computeHalfSec`
 * at peak runs at half of `computeMax` (small kernels run far below peak). Likewise memory.
 */
export interface EfficiencyFactors {
  /** Share of the dense peak a large contraction reaches (0..1]. */
  readonly computeMax: Sourced;
  /** Peak-time size (seconds) at which a kernel reaches half of `computeMax`. */
  readonly computeHalfSec: Sourced;
  /**
   * Share of the dense peak that kernels without a contraction (activations, pooling, softmax,
   * normalisation) reach: they run on vector units without FMA pairing, with transcendental
   * functions costing many instructions per counted FLOP.
   */
  readonly vectorMax: Sourced;
  /** Share of peak bandwidth a large streaming kernel reaches (0..1]. */
  readonly memoryMax: Sourced;
  /** Peak-time size (seconds) at which a kernel's transfers reach half of `memoryMax`. */
  readonly memoryHalfSec: Sourced;
  /**
   * Bytes of on-chip cache that keep activations between kernels: a kernel whose activation traffic
   * fits moves it at `cacheSpeedup` times the DRAM rate (weights always come from DRAM).
   */
  readonly cacheBytes: Sourced;
  /** How much faster cache-resident activation traffic is than DRAM traffic (>= 1). */
  readonly cacheSpeedup: Sourced;
  /** GEMM rows (M) at which a matrix product reaches half of `computeMax` (0: no row effect). */
  readonly rowsHalf: Sourced;
  /** Fixed seconds per time step of a recurrent op (LSTM/GRU/RNN step loop). */
  readonly recurrentStepSec: Sourced;
  /**
   * Threads the runtime splits a kernel over (ONNX Runtime's intra-op threads). The peaks are the
   * device's, reached with all of them; 1 means every kernel is taken to use the whole device.
   */
  readonly threads: Sourced;
  /**
   * Smallest single-thread work (seconds) a runtime hands to another thread: a kernel is split into at
   * most `work / parallelGrainSec` tasks (ONNX Runtime's cost-based ParallelFor, MLAS's per-thread
   * GEMM complexity), so a small kernel runs on one thread at 1/threads of the device's rate.
   */
  readonly parallelGrainSec: Sourced;
  /** Cost of one parallel section when a kernel is split over every thread (waking and joining them). */
  readonly parallelSyncSec: Sourced;
}

/** A GPU's structure: what the tile-and-wave model of its kernels needs (docs/latency-model.md). */
export interface GpuMicroarch {
  /** Architecture family: picks the tile shapes and CUDA-core rates of narrow dtypes. */
  readonly arch: GpuArch;
  /** Streaming multiprocessors (NVIDIA SMs, AMD compute units, Apple GPU cores). */
  readonly sms: Sourced;
  /** The boost clock the peaks are quoted at, GHz. */
  readonly clockGHz: Sourced;
  /**
   * The clock a power- or thermal-capped board holds under sustained tensor-core load, GHz (a 70 W T4
   * cannot hold its boost clock); absent: the boost clock. Compute peaks scale by it.
   */
  readonly sustainedClockGHz?: Sourced;
  /** L2 (last on-chip level: AMD Infinity Cache, Jetson system cache excluded) in MiB. */
  readonly l2MiB: Sourced;
  /** L2 bandwidth in GB/s; default: the architecture's L2/DRAM ratio times the DRAM bandwidth. */
  readonly l2GBps?: Sourced;
  /** Host link (PCIe) bandwidth in GB/s for input and output copies; absent on unified-memory SoCs. */
  readonly hostLinkGBps?: Sourced;
}

/** A CPU's structure. The peaks stay in `peakTflops` (vector units) and `matrixTflops` (AMX, SME). */
export interface CpuMicroarch {
  /** Physical cores the peaks count. */
  readonly cores: Sourced;
  /** Clock the peaks are quoted at, GHz. */
  readonly clockGHz: Sourced;
  /** SIMD width of the FMA units in bits (128 NEON, 256 AVX2, 512 AVX-512). */
  readonly vectorBits: Sourced;
  /** Last-level cache in MiB (L3, or the system-level cache of a phone SoC). */
  readonly llcMiB: Sourced;
  /** The matrix unit behind `matrixTflops`, when there is one (`AMX`, `SME`). */
  readonly matrixUnit?: string;
  /**
   * Rows of the fp32 register tile a micro-kernel GEMM runtime (XNNPACK) picks for this core (its
   * mr: 4 on Cortex-A53/A55/A72, 6 on A75/A76/Neoverse-N1, 8 on Cortex-X3); default: the runtime's
   * `microKernelGemm.rows`. The weights are read once per this many output rows.
   */
  readonly gemmTileRows?: Sourced;
}

/** A preset or user profile as written: source units (TFLOPS, GB/s, GB), optional tuning. */
export interface HardwarePreset {
  readonly id: string;
  readonly name: string;
  readonly kind: HardwareKind;
  readonly vendor?: string;
  /** Dense peak per dtype in TFLOPS (TOPS for integer types); sparsity excluded. */
  readonly peakTflops: Partial<Record<PeakDType, Sourced>>;
  /** Peak DRAM/HBM bandwidth in GB/s (1e9 bytes). */
  readonly bandwidthGBps: Sourced;
  /** Memory size in GB (1e9 bytes), when the device has its own. */
  readonly memoryGB?: Sourced;
  /** Dense peaks of a CPU's matrix unit (AMX on Xeon 4th-6th gen, SME on Apple M4) in TFLOPS / TOPS. */
  readonly matrixTflops?: Partial<Record<PeakDType, Sourced>>;
  /** GPU structure; without it a GPU is estimated by the class-default roofline. */
  readonly gpu?: GpuMicroarch;
  /** CPU structure. */
  readonly cpu?: CpuMicroarch;
  /** The runtime this device usually runs (a `RUNTIMES` id); default by kind. */
  readonly runtime?: string;
  /** Fixed cost per kernel launch / operator dispatch in microseconds (default by kind). */
  readonly kernelOverheadUs?: Sourced;
  /** Efficiency factors (default by kind). */
  readonly efficiency?: Partial<EfficiencyFactors>;
  readonly notes?: string;
}

/** A profile ready for the estimator, in base units. */
export interface HardwareProfile {
  readonly id: string;
  readonly name: string;
  readonly kind: HardwareKind;
  readonly vendor: string;
  /** Dense peak per dtype, operations per second. */
  readonly peakFlopsPerSec: Partial<Record<PeakDType, Sourced>>;
  readonly memoryBandwidthBytesPerSec: Sourced;
  readonly memoryBytes?: Sourced;
  /** Dense peaks of a CPU matrix unit, operations per second. */
  readonly matrixFlopsPerSec: Partial<Record<PeakDType, Sourced>>;
  /** GPU structure in base units, when the profile carries it. */
  readonly gpu?: GpuSpec & { readonly hostLinkBytesPerSec?: number; /** Sustained over boost clock: compute peaks scale by it. */ readonly peakScale: number };
  /**
   * CPU structure in base units, when the profile carries it: the cores a runtime that uses them all
   * (XNNPACK's thread pool) runs on, and the last-level cache they share.
   */
  readonly cpu?: { readonly cores: number; readonly llcBytes: number; /** See {@link CpuMicroarch.gemmTileRows}. */ readonly gemmTileRows?: number };
  /** The runtime used unless the caller names another. */
  readonly runtime: string;
  readonly kernelOverheadSec: Sourced;
  readonly efficiency: EfficiencyFactors;
  readonly notes?: string;
}

const est = (value: number, source: string): Sourced => ({ value, provenance: 'estimate', source });

/**
 * Defaults by device class, used when a profile does not carry its own (docs/latency-model.md
 * explains each; `modelcost calibrate` replaces them with fitted values for the local machine).
 */
export const KIND_DEFAULTS: Readonly<Record<HardwareKind, { kernelOverheadUs: Sourced; efficiency: EfficiencyFactors }>> = {
  cpu: {
    // ONNX Runtime's CPU EP: a node's dispatch plus the thread-pool hand-off is a few microseconds.
    kernelOverheadUs: est(4, 'default for CPUs: ONNX Runtime CPU operator dispatch + thread-pool sync, a few microseconds (docs/latency-model.md)'),
    efficiency: {
      // MLAS/oneDNN SGEMM reach 60-80% of the FMA peak on large GEMMs; convolutions via im2col a little less.
      computeMax: est(0.6, 'default for CPUs: large SGEMM/conv reach ~60-80% of FMA peak (MLAS, oneDNN benchmarks)'),
      computeHalfSec: est(20e-6, 'default for CPUs: kernels under ~20 us of peak work are dominated by packing and threading (docs/latency-model.md)'),
      vectorMax: est(0.05, 'default for CPUs: ONNX Runtime MLAS activations (exp/logistic/tanh) run at a few GFLOP-equivalents per core, ~5% of FMA peak'),
      memoryMax: est(0.7, 'default for CPUs: STREAM triad reaches ~70% of theoretical DRAM bandwidth'),
      memoryHalfSec: est(2e-6, 'default for CPUs: transfers under ~2 us are latency-bound'),
      cacheBytes: est(8 * 2 ** 20, 'default for CPUs: an 8 MiB share of the last-level cache (desktop/server L3 is 16-96 MiB, phone SoCs 8-12 MiB)'),
      cacheSpeedup: est(3, 'default for CPUs: L3 bandwidth per core is ~3x a core\'s share of DRAM bandwidth'),
      rowsHalf: est(4, 'default for CPUs: SGEMM micro-kernels tile 4-12 rows (MLAS, oneDNN); fewer rows leave the tile part empty'),
      recurrentStepSec: est(1e-6, 'default for CPUs: one thread-pool round trip per time step, about a microsecond'),
      threads: est(1, 'default: kernels are taken to use the whole device; `modelcost calibrate --threads n` records the thread count it timed'),
      parallelGrainSec: est(10e-6, 'default for CPUs: ONNX Runtime splits an op into tasks of ~10 us or more (Eigen cost model in its thread pool; MLAS SGEMM 64K MACs per thread)'),
      parallelSyncSec: est(5e-6, 'default for CPUs: waking and joining a pool thread costs a few microseconds (more in VMs)'),
    },
  },
  gpu: {
    kernelOverheadUs: est(6, 'default for GPUs: CUDA kernel launch + framework dispatch, ~5-10 us per kernel'),
    efficiency: {
      computeMax: est(0.5, 'default for GPUs: cuDNN/cuBLAS reach ~40-70% of dense tensor-core peak on real layers'),
      computeHalfSec: est(10e-6, 'default for GPUs: a kernel must fill every SM for ~10 us to approach peak'),
      vectorMax: est(0.1, 'default for GPUs: elementwise/reduction kernels run on CUDA cores, not tensor cores: ~10% of the tensor peak'),
      memoryMax: est(0.75, 'default for GPUs: bandwidth tests reach ~75-90% of HBM/GDDR peak'),
      memoryHalfSec: est(3e-6, 'default for GPUs: transfers under a few us do not saturate the memory system'),
      cacheBytes: est(4 * 2 ** 20, 'default for GPUs: L2 of 4-6 MiB on T4/RTX/Jetson-class parts (A100 40 MiB, H100 50 MiB)'),
      cacheSpeedup: est(2, 'default for GPUs: L2 bandwidth is ~2-3x HBM/GDDR bandwidth'),
      rowsHalf: est(16, 'default for GPUs: tensor-core tiles are 16+ rows; GEMV-like shapes use a fraction of them'),
      recurrentStepSec: est(5e-6, 'default for GPUs: cuDNN RNNs launch (or synchronise) per step, a few microseconds'),
      threads: est(1, 'default for GPUs: one stream; filling the SMs is what computeHalfSec models'),
      parallelGrainSec: est(0, 'default for GPUs: not used (threads 1)'),
      parallelSyncSec: est(0, 'default for GPUs: not used (threads 1)'),
    },
  },
  npu: {
    kernelOverheadUs: est(20, 'default for NPUs: per-layer scheduling on edge accelerators is tens of microseconds'),
    efficiency: {
      computeMax: est(0.3, 'default for NPUs: vendor TOPS are marketing peaks; real CNNs reach ~20-40%'),
      computeHalfSec: est(20e-6, 'default for NPUs: small layers run far below peak'),
      vectorMax: est(0.05, 'default for NPUs: non-MAC layers run on a small vector unit or fall back to the CPU'),
      memoryMax: est(0.6, 'default for NPUs: shared LPDDR with the SoC'),
      memoryHalfSec: est(5e-6, 'default for NPUs'),
      cacheBytes: est(2 * 2 ** 20, 'default for NPUs: a few MiB of on-chip SRAM'),
      cacheSpeedup: est(2, 'default for NPUs: on-chip SRAM vs shared LPDDR'),
      rowsHalf: est(16, 'default for NPUs: MAC arrays are 16-64 wide'),
      recurrentStepSec: est(5e-6, 'default for NPUs: per-step scheduling'),
      threads: est(1, 'default for NPUs: one compiled graph; filling the MAC array is what computeHalfSec models'),
      parallelGrainSec: est(0, 'default for NPUs: not used (threads 1)'),
      parallelSyncSec: est(0, 'default for NPUs: not used (threads 1)'),
    },
  },
};

const scale = (s: Sourced, k: number): Sourced => ({ ...s, value: s.value * k });

const toBase = (peaks: Partial<Record<PeakDType, Sourced>> | undefined): Partial<Record<PeakDType, Sourced>> => {
  const out: Partial<Record<PeakDType, Sourced>> = {};
  for (const t of PEAK_DTYPES) {
    const v = peaks?.[t];
    if (v) out[t] = scale(v, 1e12);
  }
  return out;
};

/** A preset or user profile in base units, with the class defaults filled in. */
export function resolveProfile(p: HardwarePreset): HardwareProfile {
  const d = KIND_DEFAULTS[p.kind];
  const g = p.gpu;
  // A CPU's last-level cache sets the share that keeps activations between kernels (half of it).
  const cache = p.cpu && !p.efficiency?.cacheBytes ? { cacheBytes: { value: p.cpu.llcMiB.value * 2 ** 19, provenance: 'derived' as const, source: `half the last-level cache (${p.cpu.llcMiB.value} MiB: ${p.cpu.llcMiB.source})` } } : {};
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    vendor: p.vendor ?? '',
    peakFlopsPerSec: toBase(p.peakTflops),
    memoryBandwidthBytesPerSec: scale(p.bandwidthGBps, 1e9),
    ...(p.memoryGB ? { memoryBytes: scale(p.memoryGB, 1e9) } : {}),
    matrixFlopsPerSec: toBase(p.matrixTflops),
    ...(g
      ? {
          gpu: {
            arch: g.arch,
            sms: g.sms.value,
            clockHz: (g.sustainedClockGHz ?? g.clockGHz).value * 1e9,
            peakScale: g.sustainedClockGHz ? g.sustainedClockGHz.value / g.clockGHz.value : 1,
            l2Bytes: g.l2MiB.value * 2 ** 20,
            l2BytesPerSec: g.l2GBps ? g.l2GBps.value * 1e9 : ARCH_SPECS[g.arch].l2OverDram * p.bandwidthGBps.value * 1e9,
            ...(g.hostLinkGBps ? { hostLinkBytesPerSec: g.hostLinkGBps.value * 1e9 } : {}),
          },
        }
      : {}),
    ...(p.cpu ? { cpu: { cores: p.cpu.cores.value, llcBytes: p.cpu.llcMiB.value * 2 ** 20, ...(p.cpu.gemmTileRows ? { gemmTileRows: p.cpu.gemmTileRows.value } : {}) } } : {}),
    runtime: p.runtime ?? DEFAULT_RUNTIME[p.kind],
    kernelOverheadSec: scale(p.kernelOverheadUs ?? d.kernelOverheadUs, 1e-6),
    efficiency: { ...d.efficiency, ...cache, ...p.efficiency },
    ...(p.notes ? { notes: p.notes } : {}),
  };
}

/** Every {@link Sourced} value of a preset with its dot path (for the source meta-test and `hardware show`). */
export function sourcedValues(p: HardwarePreset): { path: string; value: Sourced }[] {
  const out: { path: string; value: Sourced }[] = [];
  for (const t of PEAK_DTYPES) {
    const v = p.peakTflops[t];
    if (v) out.push({ path: `peakTflops.${t}`, value: v });
  }
  out.push({ path: 'bandwidthGBps', value: p.bandwidthGBps });
  if (p.memoryGB) out.push({ path: 'memoryGB', value: p.memoryGB });
  for (const t of PEAK_DTYPES) {
    const v = p.matrixTflops?.[t];
    if (v) out.push({ path: `matrixTflops.${t}`, value: v });
  }
  for (const [k, v] of Object.entries(p.gpu ?? {})) if (typeof v === 'object') out.push({ path: `gpu.${k}`, value: v as Sourced });
  for (const [k, v] of Object.entries(p.cpu ?? {})) if (typeof v === 'object') out.push({ path: `cpu.${k}`, value: v as Sourced });
  if (p.kernelOverheadUs) out.push({ path: 'kernelOverheadUs', value: p.kernelOverheadUs });
  for (const [k, v] of Object.entries(p.efficiency ?? {})) if (v) out.push({ path: `efficiency.${k}`, value: v });
  return out;
}
