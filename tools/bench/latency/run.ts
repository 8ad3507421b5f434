/**
 * Latency estimator validation: build the benchmark models (random weights), time each with
 * onnxruntime-node on this machine (median of runs after warm-up, at 1 and 2 threads, each model in a
 * fresh process), and print
 * estimate vs measured for
 *   - the uncalibrated generic CPU profile (cloud-2vcpu-avx512, its class defaults), and
 *   - the calibrated local profile, scored leave-one-out: each model is estimated by a fit on the
 *     other models only, so no model is scored on a fit that saw it;
 * with the mean absolute percentage error and Spearman's rank correlation of each.
 * Targets (issue 8): calibrated MAPE < 20 %, Spearman > 0.95.
 *
 * Usage: npx tsx tools/bench/latency/run.ts [--runs 10] [--warmup 3] [--threads 1,2] [--cases a,b] [--json out.json]
 * Models are written to .bench/latency/ (not committed) and reused when present.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { accuracy, estimateLatency, findHardware, leaveOneOut, type CalibrationSample, type Report } from '@modelcost/core';
import { openFileSource } from '@modelcost/onnx/node';
import { profileModel } from '@modelcost/report';
// @ts-expect-error: a JavaScript module without types.
import { writeModel } from '../onnx/build-models.mjs';
import { CASES } from './models.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, warmup: { type: 'string', default: '3' }, threads: { type: 'string', default: '1,2' }, cases: { type: 'string' }, json: { type: 'string' } },
});
const root = resolve(import.meta.dirname, '../../..');
const dir = join(root, '.bench/latency');
mkdirSync(dir, { recursive: true });
const cases = values.cases ? CASES.filter((c) => values.cases!.split(',').includes(c.name)) : CASES;
const GENERIC = 'cloud-2vcpu-avx512';
const [generic] = findHardware([GENERIC]);

for (const c of cases) {
  const path = join(dir, c.file);
  if (!existsSync(path)) writeModel(path, c.build(), c.opset, { fill: 'random' });
}
const reports = new Map<string, Report>();
for (const c of cases) {
  const src = openFileSource(join(dir, c.file));
  try {
    reports.set(c.name, profileModel(src, { file: c.file, dims: c.dims }));
  } finally {
    src.close();
  }
}

/** Median ms of one model at one thread count, timed in a fresh Node process (see time-one.mjs). */
function timeInChild(file: string, threads: number, dims: Record<string, number>): number {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, 'time-one.mjs'), file, String(threads), values.runs, values.warmup, JSON.stringify(dims)], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return (JSON.parse(out.trim().split('\n').pop()!) as { medianMs: number }).medianMs;
}
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const results: Record<string, unknown> = {};
for (const threads of values.threads.split(',').map(Number)) {
  const samples: CalibrationSample[] = [];
  for (const c of cases) {
    const report = reports.get(c.name)!;
    const medianMs = timeInChild(join(dir, c.file), threads, c.dims);
    samples.push({ name: c.name, report, measuredMs: medianMs });
    process.stderr.write(`  ${threads}T ${c.name}: ${medianMs.toFixed(2)} ms\n`);
  }
  const uncal = samples.map((s) => ({ name: s.name, estimatedMs: estimateLatency(s.report, generic!).ms, measuredMs: s.measuredMs }));
  const loo = leaveOneOut(generic!, samples);
  const a = accuracy(uncal);
  const b = accuracy(loo);
  const w = Math.max(...samples.map((s) => s.name.length));
  console.log(`\n${threads} thread${threads > 1 ? 's' : ''}: estimate vs onnxruntime-node (median of ${values.runs} runs after ${values.warmup} warm-up)`);
  console.log(`${'model'.padEnd(w)}   GFLOPs  measured ms   generic ms   err     calibrated (held out) ms   err`);
  samples.forEach((s, i) => {
    const e1 = (uncal[i]!.estimatedMs - s.measuredMs) / s.measuredMs;
    const e2 = (loo[i]!.estimatedMs - s.measuredMs) / s.measuredMs;
    console.log(
      `${s.name.padEnd(w)}  ${(s.report.totals.flops / 1e9).toFixed(2).padStart(7)}  ${s.measuredMs.toFixed(2).padStart(11)}  ${uncal[i]!.estimatedMs.toFixed(2).padStart(11)}  ${pct(e1).padStart(7)}  ${loo[i]!.estimatedMs.toFixed(2).padStart(24)}  ${pct(e2).padStart(7)}`,
    );
  });
  console.log(`uncalibrated ${GENERIC}: MAPE ${pct(a.mape)}, Spearman ${a.spearman.toFixed(3)}`);
  console.log(`calibrated local profile, leave-one-out: MAPE ${pct(b.mape)}, Spearman ${b.spearman.toFixed(3)}   (targets: MAPE < 20%, Spearman > 0.95)`);
  results[`${threads}`] = { samples: samples.map((s, i) => ({ name: s.name, flops: s.report.totals.flops, measuredMs: s.measuredMs, genericMs: uncal[i]!.estimatedMs, heldOutMs: loo[i]!.estimatedMs })), generic: a, calibrated: b };
}
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
