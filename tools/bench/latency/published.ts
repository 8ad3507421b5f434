/**
 * The latency model against published end-to-end results (docs/latency-model.md, section 6): builds
 * the suite's models as structure-only ONNX files (weights are never needed to profile), profiles
 * each, estimates every published point of published-data.ts on its device preset with its runtime
 * and precision, and prints the table with the error of each point, MAPE and the worst error of the
 * fitting and held-out sets, and Spearman's rank correlation across the models of each held-out
 * device. Node only, no GPU.
 *
 * `--fit` refits the GPU constants (GPU_PHYSICS in packages/core/src/hardware/gpu.ts) on the fitting
 * set only, by coordinate descent on the squared log error, prints them, and scores both sets with
 * them; copy the values into gpu.ts to adopt them. The held-out points never enter the fit.
 *
 * Usage: npx tsx tools/bench/latency/published.ts [--fit] [--json out.json] [--device id]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { estimateLatency, findHardware, GPU_PHYSICS, groupKernels, runtimeOf, spearman, type GpuPhysics, type Kernel, type LatencyOptions, type Report } from '@modelcost/core';
import { openFileSource } from '@modelcost/onnx/node';
import { profileModel } from '@modelcost/report';
// @ts-expect-error: a JavaScript module without types (shared with tools/bench/onnx).
import { bertBase, writeModel } from '../onnx/build-models.mjs';
import { mobilenetV1 } from './models.js';
import { PUBLISHED, type PublishedPoint } from './published-data.js';

const { values } = parseArgs({ options: { fit: { type: 'boolean' }, json: { type: 'string' }, device: { type: 'string' } } });
const root = resolve(import.meta.dirname, '../../..');
const dir = join(root, '.bench/published');
mkdirSync(dir, { recursive: true });
const TORCH = join(root, 'packages/onnx/test/fixtures/torch');

/** The suite: committed torch.onnx.export fixtures, and generated BERT / MobileNet v1 topologies. */
const MODELS: Readonly<Record<string, () => string>> = {
  resnet50: () => join(TORCH, 'resnet50_opset17.onnx'),
  'mobilenet-v2': () => join(TORCH, 'mobilenet_v2_opset13.onnx'),
  'mobilenet-v3-small': () => join(TORCH, 'zoo/mobilenet_v3_small.onnx'),
  'mobilenet-v1': () => build('mobilenet-v1.onnx', () => mobilenetV1(), 17),
  'bert-base': () => build('bert-base.onnx', () => bertBase(), 20),
  'bert-large': () => build('bert-large.onnx', () => bertBase({ H: 1024, heads: 16, layers: 24, ff: 4096, name: 'bert_large' }), 20),
};

function build(file: string, make: () => unknown, opset: number): string {
  const path = join(dir, file);
  // Structure only: initializers point into an external file that is never written.
  if (!existsSync(path)) writeModel(path, make(), opset, { externalData: true });
  return path;
}

const reports = new Map<string, Report>();
function reportFor(p: PublishedPoint): Report {
  const key = `${p.model} ${JSON.stringify(p.dims)} b${p.batch}`;
  const hit = reports.get(key);
  if (hit) return hit;
  const file = MODELS[p.model]!();
  const src = openFileSource(file);
  try {
    const r = profileModel(src, { file, dims: { ...p.dims, batch: p.batch } });
    if (Object.keys(r.coverage.unsupported).length) throw new Error(`${p.model}: unsupported ops ${JSON.stringify(r.coverage.unsupported)}`);
    reports.set(key, r);
    return r;
  } finally {
    src.close();
  }
}

type Physics = Readonly<Record<keyof GpuPhysics, number>>;
const points = PUBLISHED.filter((p) => !values.device || p.device === values.device);
const profiles = new Map(points.map((p) => [p.device, findHardware([p.device])[0]!]));

const kernelCache = new Map<PublishedPoint, Kernel[]>();
/** The model's figure for a point: ms at the batch, or samples/s at the best batch. */
function estimate(p: PublishedPoint, physics?: Physics): number {
  const options: LatencyOptions = { precision: p.precision, runtime: p.runtime, throughput: p.metric === 'throughput', ...(p.deviceOnly ? { deviceOnly: true } : {}), ...(physics ? { gpuPhysics: physics } : {}) };
  const hw = profiles.get(p.device)!;
  const report = reportFor(p);
  const kernels = kernelCache.get(p) ?? kernelCache.set(p, groupKernels(report, runtimeOf(hw, options).fusion)).get(p)!;
  const l = estimateLatency(report, hw, options, kernels);
  return p.metric === 'throughput' ? l.throughput!.samplesPerSec : l.ms;
}

/** Error of an estimate (positive: the estimate is slower than published). */
function error(p: PublishedPoint, est: number): number {
  return p.metric === 'throughput' ? p.value / est - 1 : est / p.value - 1;
}

function score(ps: readonly PublishedPoint[], ests: readonly number[]): { mape: number; worst: number } {
  const errs = ps.map((p, i) => Math.abs(error(p, ests[i]!)));
  return { mape: errs.reduce((a, b) => a + b, 0) / Math.max(1, errs.length), worst: Math.max(0, ...errs) };
}

/** Fit the GPU constants on the fitting set's GPU points: coordinate descent in shrinking multiplicative steps. */
function fit(): Physics {
  const fitPoints = points.filter((p) => p.set === 'fit' && profiles.get(p.device)!.kind === 'gpu');
    // Physical ranges: no kernel beats the peaks; STREAM-like kernels reach at most ~95% of DRAM bandwidth.
  const bounds: Record<keyof GpuPhysics, [number, number]> = { tensorEfficiency: [0.3, 1], vectorEfficiency: [0.05, 1], memoryEfficiency: [0.3, 0.95], kernelCycles: [500, 20000], l2ActivationShare: [0.5, 0.5] };
  let best = Object.fromEntries(Object.keys(bounds).map((k) => [k, GPU_PHYSICS[k as keyof GpuPhysics].value])) as Physics;
  const loss = (ph: Physics): number => fitPoints.reduce((s, p) => s + Math.log(1 + error(p, estimate(p, ph))) ** 2, 0);
  let bestLoss = loss(best);
  for (let step = 1.5; step > 1.002; step = Math.sqrt(step)) {
    for (let improved = true, rounds = 0; improved && rounds < 30; rounds++) {
      improved = false;
      for (const k of Object.keys(bounds) as (keyof GpuPhysics)[]) {
        for (const v of [best[k] * step, best[k] / step]) {
          const x = Math.min(bounds[k][1], Math.max(bounds[k][0], v));
          if (x === best[k]) continue;
          const cand = { ...best, [k]: x };
          const l = loss(cand);
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

const physics = values.fit ? fit() : undefined;
if (physics) console.log(`fitted on ${points.filter((p) => p.set === 'fit').length} points: ${Object.entries(physics).map(([k, v]) => `${k} ${v.toPrecision(4)}`).join(', ')}`);

const ests = points.map((p) => estimate(p, physics));
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const label = (p: PublishedPoint): string => `${p.model}${p.dims.seq ? `@${p.dims.seq}` : ''} b${p.metric === 'throughput' ? 'est' : p.batch} ${p.precision}`;
const rows = points.map((p, i) => [p.set, p.device, p.runtime, label(p), p.metric === 'throughput' ? `${p.value.toFixed(0)}/s` : `${p.value.toPrecision(4)} ms`, p.metric === 'throughput' ? `${ests[i]!.toFixed(0)}/s` : `${ests[i]!.toPrecision(4)} ms`, pct(error(p, ests[i]!))]);
const head = ['set', 'device', 'runtime', 'model', 'published', 'estimate', 'error'];
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
console.log([head, ...rows].map((r) => r.map((x, c) => (c >= 4 ? x.padStart(widths[c]!) : x.padEnd(widths[c]!))).join('  ')).join('\n'));

const summary: Record<string, unknown> = {};
for (const set of ['fit', 'held-out'] as const) {
  const idx = points.map((p, i) => [p, i] as const).filter(([p]) => p.set === set);
  if (idx.length === 0) continue;
  const s = score(idx.map(([p]) => p), idx.map(([, i]) => ests[i]!));
  const within40 = idx.filter(([p, i]) => Math.abs(error(p, ests[i]!)) <= 0.4).length;
  console.log(`\n${set}: ${idx.length} points, MAPE ${(s.mape * 100).toFixed(1)}%, worst ${(s.worst * 100).toFixed(1)}%, within +-40%: ${within40}/${idx.length}`);
  summary[set] = { points: idx.length, mape: s.mape, worst: s.worst, within40 };
}
// Spearman across models (latency points) on each device with at least three of them.
const devices = [...new Set(points.map((p) => p.device))];
const rank: Record<string, number> = {};
for (const d of devices) {
  const idx = points.map((p, i) => [p, i] as const).filter(([p]) => p.device === d && p.metric === 'latency');
  if (idx.length < 3) continue;
  rank[d] = spearman(idx.map(([, i]) => ests[i]!), idx.map(([p]) => p.value));
  console.log(`Spearman on ${d} (${points.find((p) => p.device === d)!.set}, ${idx.length} latency points): ${rank[d]!.toFixed(3)}`);
}
console.log('targets on the held-out set: MAPE <= 25%, every point within +-40%, Spearman >= 0.9 across models on one device');
if (values.json) writeFileSync(values.json, `${JSON.stringify({ physics: physics ?? null, points: points.map((p, i) => ({ ...p, estimate: ests[i], error: error(p, ests[i]!) })), summary, spearman: rank }, null, 2)}\n`);
