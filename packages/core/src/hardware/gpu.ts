/**
 * GPU kernels from first principles, in the manner of NeuSight (Lee et al., ASPLOS 2025): a
 * contraction is an implicit GEMM (M, N, K, batch) cut into output tiles; each streaming
 * multiprocessor (SM) runs one tile at a time, bounded by its share of the tensor-core (or CUDA-core)
 * peak and by how fast the tile's operands stream in from L2; tiles run in waves of one per SM, so a
 * kernel takes `waves * tile time`, and a GEMM too small to fill the SMs is split along K (split-K /
 * stream-K) when that is faster. Like TensorRT's tactic timing or cuBLAS's heuristics, the estimate
 * takes the fastest tile shape and split. Other kernels (elementwise, normalisation, pooling,
 * depthwise and few-channel grouped convolutions) run on the CUDA cores and are bound by memory. On
 * top of either bound, a kernel pays a fixed ramp-up and drain measured in SM clock cycles.
 * docs/latency-model.md derives each term; the constants below say where they come from.
 */
import type { Sourced } from './profile.js';

/** GPU architecture families; they decide the tile shapes and the CUDA-core rates of narrow types. */
export type GpuArch = 'maxwell' | 'volta' | 'turing' | 'ampere' | 'ada' | 'hopper' | 'blackwell' | 'cdna3' | 'apple';

/** All {@link GpuArch}s. */
export const GPU_ARCHS: readonly GpuArch[] = ['maxwell', 'volta', 'turing', 'ampere', 'ada', 'hopper', 'blackwell', 'cdna3', 'apple'];

/** One implicit GEMM: `batch` independent products of an M x K by a K x N matrix. */
export interface GemmShape {
  readonly batch: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

/** What the GEMM model needs of a GPU, in base units. */
export interface GpuSpec {
  readonly arch: GpuArch;
  readonly sms: number;
  /** SM clock, Hz (the boost clock the peaks are quoted at). */
  readonly clockHz: number;
  /** L2 (last on-chip level) bytes. */
  readonly l2Bytes: number;
  /** L2 bandwidth, bytes per second. */
  readonly l2BytesPerSec: number;
}

/** Architecture constants. */
export interface ArchSpec {
  /** Output tile shapes (rows x cols) the GEMM libraries ship for tensor-core kernels. */
  readonly tiles: readonly (readonly [number, number])[];
  /** Shared-memory bytes each SM delivers per clock (operands of the tile's mainloop). */
  readonly smemBytesPerClock: number;
  /** L2 bandwidth as a multiple of DRAM bandwidth, when a preset gives no L2 bandwidth. */
  readonly l2OverDram: number;
  /** CUDA-core (non-tensor) throughput of 16-bit and 8-bit arithmetic relative to fp32. */
  readonly vector16: number;
  readonly vector8: number;
  readonly source: string;
}

const TILES_SM70: readonly (readonly [number, number])[] = [[256, 128], [128, 256], [128, 128], [128, 64], [64, 128], [64, 64], [64, 32], [32, 64], [32, 32]];
const TILES_SM90: readonly (readonly [number, number])[] = [[256, 128], [128, 256], [128, 128], [128, 64], [64, 128], [64, 64], [64, 32]];
const CUTLASS = 'CUTLASS default threadblock tiles (128x256 ... 32x32, include/cutlass/gemm/device/default_gemm_configuration.h; Hopper warpgroup tiles are 64 rows or more)';
const SMEM = 'shared memory delivers 128 bytes per clock per SM (32 banks x 4 bytes; CUDA C++ Programming Guide, "Shared Memory")';
const VEC = 'CUDA C++ Programming Guide, "Arithmetic Instructions" throughput table: 16-bit FMA at 2x (half2) the 32-bit rate; 8-bit dot products (dp4a) at 4x';

/** Per-architecture constants. */
export const ARCH_SPECS: Readonly<Record<GpuArch, ArchSpec>> = {
  maxwell: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 2, vector16: 2, vector8: 1, source: `${CUTLASS}; ${SMEM}; sm_53 has half2 but no dp4a` },
  volta: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 2.4, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; L2/DRAM 2155/900 GB/s (Jia et al., "Dissecting the NVIDIA Volta GPU Architecture via Microbenchmarking", 2018)` },
  turing: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 3.5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; T4 L2 ~1.1 TB/s vs 320 GB/s DRAM (Jia et al., "Dissecting the NVidia Turing T4 GPU via Microbenchmarking", 2019)` },
  ampere: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 3, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; A100 whitepaper: L2 read bandwidth 2.3x V100's (~5 TB/s vs 1.6-2 TB/s HBM2e)` },
  ada: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; Ada's large L2 (48-96 MB) is fed at ~5 TB/s on AD102 vs ~1 TB/s GDDR6X (NVIDIA Ada architecture whitepaper; chipsandcheese.com RTX 4090 microbenchmarks)` },
  hopper: { tiles: TILES_SM90, smemBytesPerClock: 128, l2OverDram: 2.5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; H100 L2 ~7-8 TB/s vs 3.35 TB/s HBM3 (chipsandcheese.com "Nvidia's H100: Funny L2 and Tons of Bandwidth", 2023)` },
  blackwell: { tiles: TILES_SM90, smemBytesPerClock: 128, l2OverDram: 2.5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; L2/DRAM ratio taken as Hopper's (no public measurement yet)` },
  cdna3: { tiles: TILES_SM90, smemBytesPerClock: 128, l2OverDram: 3, vector16: 2, vector8: 4, source: 'AMD CDNA3 ISA: LDS 128 bytes/clock per CU; MFMA tiles 16x16 and 32x32 per wave, 64-256 per workgroup in hipBLASLt; Infinity Cache 17 TB/s vs 5.3 TB/s HBM3 (AMD MI300X launch material, servethehome.com)' },
  apple: { tiles: [[64, 64], [64, 32], [32, 32]], smemBytesPerClock: 64, l2OverDram: 2, vector16: 2, vector8: 1, source: 'Apple GPUs have no tensor cores before M5: simdgroup_matrix 8x8 tiles in Metal Performance Shaders; threadgroup memory and SLC figures not published (estimate)' },
};

const est = (value: number, source: string): Sourced => ({ value, provenance: 'estimate', source });
const fitted = (value: number, source: string): Sourced => ({ value, provenance: 'derived', source });
const FIT = 'fitted to the fitting set of published results by `npx tsx tools/bench/latency/published.ts --fit` (docs/latency-model.md, section 6); held-out devices never enter the fit';

/**
 * The few GPU constants that are fitted rather than taken from a datasheet: how close a well-tuned
 * GEMM mainloop gets to the tensor peak, how close CUDA-core kernels get to their peak, the share of
 * DRAM bandwidth streaming kernels reach, and the fixed cycles of a kernel's ramp-up and drain.
 */
export interface GpuPhysics {
  /** Share of an SM's tensor (or FMA) peak a GEMM tile's mainloop sustains. */
  readonly tensorEfficiency: Sourced;
  /** Share of the CUDA-core peak elementwise, reduction and depthwise kernels sustain. */
  readonly vectorEfficiency: Sourced;
  /** Share of DRAM bandwidth a streaming kernel reaches. */
  readonly memoryEfficiency: Sourced;
  /** SM clock cycles every kernel pays to ramp up (launch, first loads) and drain (last stores, completion). */
  readonly kernelCycles: Sourced;

  /** Share of L2 that keeps activations between kernels (the rest holds weights in flight and other traffic). */
  readonly l2ActivationShare: Sourced;
}

/** The GPU constants in use (see {@link GpuPhysics}). */
export const GPU_PHYSICS: GpuPhysics = {
  tensorEfficiency: fitted(0.538, `${FIT}; cuBLAS/CUTLASS reach 70-90% of dense tensor peak on large GEMMs (NVIDIA "Matrix Multiplication Background User's Guide")`),
  vectorEfficiency: fitted(1, `${FIT}; elementwise kernels issue a load, a few FMAs and a store per element`),
  memoryEfficiency: fitted(0.95, `${FIT}; bandwidth tests reach 75-90% of HBM/GDDR peak (NVIDIA "GPU Performance Background User's Guide")`),
  kernelCycles: fitted(8502, `${FIT}; an empty kernel takes ~2-3 us end to end at ~1.5 GHz (launch, block scheduling, completion)`),
  l2ActivationShare: est(0.5, 'half of L2 holds activations between kernels; the rest serves weights streaming through and output write-back'),
};

/** What {@link gemmSeconds} found: the time and the tiling that gives it. */
export interface GemmTiming {
  readonly sec: number;
  readonly tile: readonly [number, number];
  readonly splitK: number;
  readonly tiles: number;
  readonly waves: number;
}

const SPLITS = [1, 2, 3, 4, 6, 8, 12, 16];

/**
 * Compute time of an implicit GEMM on a GPU's tensor cores (or FMA units): the fastest over the
 * architecture's tile shapes and split-K factors of `waves * max(tile compute, tile operand
 * streaming)`, plus the split-K reduction.
 *
 * - K is padded to the MMA instruction's K (256 bits of operands: 16 fp16, 32 int8 values);
 * - a tile's mainloop reaches `tensorEfficiency` of the SM's peak, less when shared memory cannot
 *   feed it: a tm x tn tile reads (tm + tn) operands per k for tm * tn MACs;
 * - all SMs of a wave stream their tiles' operands from L2 at once, sharing its bandwidth;
 * - split-K cuts K into `s` slices (only while each keeps at least 64 of K): `s` times the tiles,
 *   each 1/s of the work, and the partial fp32 outputs written and summed once more through L2.
 *
 * `peakOps` is the whole device's peak for the dtype (ops/s); `bits` the operand width.
 */
export function gemmSeconds(g: GemmShape, bits: number, peakOps: number, gpu: GpuSpec, tensorEfficiency: number): GemmTiming {
  const spec = ARCH_SPECS[gpu.arch];
  const perSm = peakOps / gpu.sms;
  const macsPerClock = perSm / (2 * gpu.clockHz);
  const bytes = bits / 8;
  const kAlign = Math.max(8, 256 / bits);
  const kPad = Math.ceil(g.k / kAlign) * kAlign;
  let best: GemmTiming | undefined;
  for (const [tm, tn] of spec.tiles) {
    const need = ((tm + tn) / (tm * tn)) * macsPerClock * bytes;
    const eff = tensorEfficiency * Math.min(1, spec.smemBytesPerClock / need);
    const tilesMN = g.batch * Math.ceil(g.m / tm) * Math.ceil(g.n / tn);
    for (const s of SPLITS) {
      // Splitting pays only while the tiles do not fill the SMs (up to two waves, as stream-K balances).
      if (s > 1 && (kPad / s < 64 || tilesMN * s > 2 * gpu.sms)) break;
      const tiles = tilesMN * s;
      const waves = Math.ceil(tiles / gpu.sms);
      const kPer = Math.ceil(kPad / s / kAlign) * kAlign;
      const compute = (2 * tm * tn * kPer) / (perSm * eff);
      const active = Math.min(tiles, gpu.sms);
      const stream = ((tm + tn) * kPer * bytes * active) / gpu.l2BytesPerSec;
      const reduce = s > 1 ? (2 * s * g.batch * g.m * g.n * 4) / gpu.l2BytesPerSec : 0;
      const sec = waves * Math.max(compute, stream) + reduce;
      if (!best || sec < best.sec) best = { sec, tile: [tm, tn], splitK: s, tiles, waves };
    }
  }
  return best!;
}

/** Fixed ramp-up and drain of one kernel, seconds: `kernelCycles` at the SM clock. */
export function kernelFixedSeconds(gpu: GpuSpec, kernelCycles: number): number {
  return kernelCycles / gpu.clockHz;
}
