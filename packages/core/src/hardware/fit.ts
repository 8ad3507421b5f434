/**
 * Calibration: fit a profile's efficiency factors and kernel overhead to measured latencies.
 * The measured runs come from the caller (the CLI times models with onnxruntime-node); this module
 * is pure arithmetic: minimise the squared log error of estimate vs measured over the samples.
 */
import type { Report } from '../report/report.js';
import { groupKernels, kernelSeconds, runtimeOf, timeModelOf, type Kernel, type LatencyOptions, type TimeModel } from './estimate.js';
import type { HardwarePreset, HardwareProfile, Sourced } from './profile.js';

/** One timed model. */
export interface CalibrationSample {
  /** A label for messages (the model path). */
  readonly name: string;
  readonly report: Report;
  /** Median measured latency in milliseconds. */
  readonly measuredMs: number;
}

/** Prepared sample: kernels grouped once. */
interface Prepared {
  readonly kernels: readonly Kernel[];
  readonly measuredSec: number;
}

/** The roofline model's time of a sample (calibration fits CPUs, timed with onnxruntime-node). */
function modelSeconds(p: Prepared, hw: HardwareProfile, m: TimeModel, options: LatencyOptions): number {
  const runtime = runtimeOf(hw, options);
  let t = 0;
  for (const k of p.kernels) t += kernelSeconds(k, hw, m, options, runtime).t.total;
  return t;
}

/** Group every sample's kernels once, with the fusion of the profile's runtime. */
function prepare(hw: HardwareProfile, samples: readonly CalibrationSample[]): Prepared[] {
  const fusion = runtimeOf(hw).fusion;
  return samples.map((s) => ({ kernels: groupKernels(s.report, fusion), measuredSec: s.measuredMs / 1e3 }));
}

const PARAMS = ['computeMax', 'computeHalfSec', 'vectorMax', 'memoryMax', 'cacheSpeedup', 'rowsHalf', 'stepSec', 'overheadSec', 'grainSec', 'syncSec'] as const;
/** Parameters that only act when kernels are split over several threads (see parallelTime). */
const THREAD_PARAMS: ReadonlySet<string> = new Set(['grainSec', 'syncSec']);

/** The parameters a fit searches: the thread ones only when the profile runs on several threads. */
function searched(m: TimeModel): readonly (typeof PARAMS)[number][] {
  return m.threads > 1 ? PARAMS : PARAMS.filter((k) => !THREAD_PARAMS.has(k));
}
/** Search bounds: efficiencies may pass 1 when a preset's peak understates the machine (turbo clocks). */
const BOUNDS: Readonly<Record<(typeof PARAMS)[number], readonly [number, number]>> = {
  computeMax: [0.02, 2],
  computeHalfSec: [0, 500e-6],
  vectorMax: [0.002, 2],
  memoryMax: [0.02, 2],
  cacheSpeedup: [1, 20],
  rowsHalf: [0, 256],
  stepSec: [0, 100e-6],
  overheadSec: [0, 200e-6],
  grainSec: [0, 1e-3],
  syncSec: [0, 200e-6],
};

function loss(samples: readonly Prepared[], hw: HardwareProfile, m: TimeModel, options: LatencyOptions): number {
  let s = 0;
  for (const p of samples) {
    const r = Math.log(modelSeconds(p, hw, m, options) / p.measuredSec);
    s += r * r;
  }
  return s;
}

/**
 * Fit {@link TimeModel} parameters to samples by coordinate search in shrinking multiplicative steps
 * (deterministic; ten parameters, eight at one thread, and a dozen or two models need no more).
 * Returns the fitted model.
 */
export function fitTimeModel(hw: HardwareProfile, samples: readonly CalibrationSample[], options: LatencyOptions = {}): TimeModel {
  return fitPrepared(hw, prepare(hw, samples), options);
}

function fitPrepared(hw: HardwareProfile, prepared: readonly Prepared[], options: LatencyOptions): TimeModel {
  let best: TimeModel = timeModelOf(hw);
  let bestLoss = loss(prepared, hw, best, options);
  const params = searched(best);
  for (let step = 2; step > 1.001; step = Math.sqrt(step)) {
    for (let improved = true, rounds = 0; improved && rounds < 50; rounds++) {
      improved = false;
      for (const k of params) {
        const [lo, hi] = BOUNDS[k];
        const cur = best[k];
        // From 0 a multiplicative step goes nowhere: try small absolute values; towards 0, try 0 itself.
        const tries = cur === 0 ? [1e-6, 1e-5] : lo === 0 ? [cur * step, cur / step, 0] : [cur * step, cur / step];
        for (const v of tries) {
          const x = Math.min(hi, Math.max(lo, v));
          if (x === cur) continue;
          const cand = { ...best, [k]: x };
          const l = loss(prepared, hw, cand, options);
          if (l < bestLoss - 1e-12) {
            best = cand;
            bestLoss = l;
            improved = true;
          }
        }
      }
    }
  }
  return best;
}

/** Mean absolute percentage error and Spearman rank correlation of estimates vs measurements. */
export function accuracy(pairs: readonly { estimatedMs: number; measuredMs: number }[]): { mape: number; spearman: number } {
  const mape = pairs.reduce((s, p) => s + Math.abs(p.estimatedMs - p.measuredMs) / p.measuredMs, 0) / Math.max(1, pairs.length);
  return { mape, spearman: spearman(pairs.map((p) => p.estimatedMs), pairs.map((p) => p.measuredMs)) };
}

/** Average ranks (ties share the mean rank). */
function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) r[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson over ranks). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/**
 * A preset carrying fitted factors (provenance `measured`, the source naming the samples), ready to
 * be written as JSON and used with `--hardware ./file.json`.
 */
export function calibratedPreset(base: HardwarePreset, fitted: TimeModel, id: string, note: string): HardwarePreset {
  const measured = (value: number, what: string): Sourced => ({ value, provenance: 'measured', source: `modelcost calibrate: ${what} fitted to ${note}` });
  return {
    ...base,
    id,
    name: `${base.name} (calibrated)`,
    kernelOverheadUs: measured(fitted.overheadSec * 1e6, 'per-kernel overhead'),
    efficiency: {
      ...(base.efficiency ?? {}),
      computeMax: measured(fitted.computeMax, 'compute efficiency'),
      computeHalfSec: measured(fitted.computeHalfSec, 'compute half-efficiency size'),
      vectorMax: measured(fitted.vectorMax, 'vector (non-contraction) efficiency'),
      memoryMax: measured(fitted.memoryMax, 'memory efficiency'),
      cacheSpeedup: measured(fitted.cacheSpeedup, 'cache speed-up of activation traffic'),
      rowsHalf: measured(fitted.rowsHalf, 'GEMM rows at half efficiency'),
      recurrentStepSec: measured(fitted.stepSec, 'recurrent step cost'),
      threads: { value: fitted.threads, provenance: 'measured', source: `modelcost calibrate: the intra-op threads of ${note}` },
      // At one thread the split is never taken and these were not fitted: the base's values stand.
      ...(fitted.threads > 1
        ? { parallelGrainSec: measured(fitted.grainSec, 'smallest work split over threads'), parallelSyncSec: measured(fitted.syncSec, 'parallel section cost') }
        : {}),
    },
  };
}

/**
 * The profile as run with `threads` intra-op threads (what `modelcost calibrate --threads` timed): its
 * kernels are split over that many threads as far as their size allows.
 */
export function atThreads(hw: HardwareProfile, threads: number): HardwareProfile {
  return { ...hw, efficiency: { ...hw.efficiency, threads: { value: threads, provenance: 'measured', source: `onnxruntime intra-op threads when timed (${threads})` } } };
}

/** Estimate of one report under a time model, in milliseconds. */
export function estimateWith(hw: HardwareProfile, m: TimeModel, report: Report, options: LatencyOptions = {}): number {
  return modelSeconds(prepare(hw, [{ name: '', report, measuredMs: 1 }])[0]!, hw, m, options) * 1e3;
}

/**
 * Leave-one-out validation: each sample is estimated with a model fitted on all the others, so no
 * sample is scored on a fit that saw it. Needs at least 3 samples.
 */
export function leaveOneOut(hw: HardwareProfile, samples: readonly CalibrationSample[], options: LatencyOptions = {}): { name: string; estimatedMs: number; measuredMs: number }[] {
  if (samples.length < 3) throw new RangeError(`leave-one-out needs at least 3 samples, got ${samples.length}`);
  const prepared = prepare(hw, samples);
  return samples.map((s, i) => {
    const m = fitPrepared(hw, prepared.filter((_, j) => j !== i), options);
    return { name: s.name, estimatedMs: modelSeconds(prepared[i]!, hw, m, options) * 1e3, measuredMs: s.measuredMs };
  });
}
