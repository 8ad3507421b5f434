/**
 * `modelcost calibrate [<model.onnx>...]`: time real models with onnxruntime-node on this machine and
 * fit a profile's efficiency factors and per-kernel overhead to them. Without model arguments it
 * times a built-in suite of generated models (calibrate/suite.ts), written to a temporary folder and
 * removed afterwards. Writes a profile file that `--hardware ./file.json` (or `.modelcost.yml`
 * hardwareProfiles) uses. Reports how well the fit predicts models it did not see (leave-one-out),
 * not just the ones it was fitted on.
 */
import { basename, isAbsolute, resolve } from 'node:path';
import { accuracy, atThreads, calibratedPreset, estimateWith, fitTimeModel, leaveOneOut, resolveProfile, timeModelOf, type CalibrationSample } from '@modelcost/core';
import { parseDimFlags } from '../args.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { profileModelFile } from '../models.js';
import type { Command } from './index.js';
import { SHARED_HELP } from './options.js';

/** The preset calibration starts from unless `--base` names another. */
export const DEFAULT_CALIBRATION_BASE = 'cloud-2vcpu-avx512';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export const calibrateCommand: Command = {
  summary: 'Time models with onnxruntime-node on this machine and fit a hardware profile to them.',
  usage: 'modelcost calibrate [<model.onnx>...] [--base <preset>] [--id local] [--out local-profile.json] [--threads n] [--runs 10] [--warmup 3] [--dim k=v]... [--json]',
  examples: [
    'modelcost calibrate --out ci-runner.json                  # the built-in suite of generated models',
    'modelcost calibrate models/*.onnx --out ci-runner.json',
    'modelcost calibrate a.onnx b.onnx c.onnx --base rpi5-cpu --threads 4 --id our-pi',
    'modelcost profile model.onnx --hardware ./ci-runner.json',
  ],
  options: {
    base: { type: 'string' },
    id: { type: 'string' },
    out: { type: 'string' },
    threads: { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    dim: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  optionHelp: {
    base: { arg: 'preset', text: `The preset whose structure is fitted (default: ${DEFAULT_CALIBRATION_BASE}); \`modelcost hardware list\` shows them.` },
    id: { arg: 'id', text: 'Id of the fitted profile (default: local).' },
    out: { arg: 'file.json', text: 'Write the fitted profile to this file, for --hardware ./file.json or the config\'s hardwareProfiles.' },
    threads: { arg: 'n', text: "Threads onnxruntime runs each model with while timing (default: every core)." },
    runs: { arg: 'n', text: 'Timed runs per model; the median is used (default: 10).' },
    warmup: { arg: 'n', text: 'Untimed runs per model before timing (default: 3).' },
    dim: SHARED_HELP.dim,
    json: { text: 'Print JSON: {schemaVersion, profile, models, accuracy} (docs/cli-json.md).' },
    help: SHARED_HELP.help,
  },
  async run(args, io: CliIO) {
    let files = args.positionals;
    if (files.length > 0 && files.length < 3) throw new UsageError('calibrate: give at least 3 ONNX models (more, and of different kinds, fit better), or none for the built-in suite');
    let suiteDir: string | undefined;
    if (files.length === 0) {
      // The built-in suite: small generated models with random weights, removed when done.
      const { CALIBRATION_SUITE } = await import('../calibrate/suite.js');
      const { mkdtempSync, writeFileSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      suiteDir = mkdtempSync(join(tmpdir(), 'modelcost-calibrate-'));
      files = CALIBRATION_SUITE.map((m) => {
        const path = join(suiteDir!, m.file);
        writeFileSync(path, m.bytes());
        return path;
      });
      io.stderr.write(`calibrate: no models given; timing the built-in suite of ${files.length} generated models (${suiteDir})\n`);
    }
    try {
      return await calibrate(files, suiteDir !== undefined, args, io);
    } finally {
      if (suiteDir) (await import('node:fs')).rmSync(suiteDir, { recursive: true, force: true });
    }
  },
};

/** Time `files`, fit the base profile to them and print (or write) the result. */
async function calibrate(files: readonly string[], builtIn: boolean, args: Parameters<Command['run']>[0], io: CliIO): Promise<number> {
  const int = (name: string, dflt: number, min: number): number => {
    const v = args.values[name] as string | undefined;
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} ${JSON.stringify(v)}: expected an integer >= ${min}`);
    return Number(v);
  };
  const threads = int('threads', (await import('node:os')).availableParallelism(), 1);
  const runs = int('runs', 10, 1);
  const warmup = int('warmup', 3, 0);
  const baseId = (args.values.base as string | undefined) ?? DEFAULT_CALIBRATION_BASE;
  const { hardwareCatalog } = await import('@modelcost/core/hardware');
  const catalog = hardwareCatalog();
  const basePreset = catalog.find((p) => p.id === baseId);
  if (!basePreset) throw new UsageError(`--base: unknown hardware ${JSON.stringify(baseId)} (\`modelcost hardware list\` shows them all)`);
  // The base device run with the threads being timed: its kernels split over them as far as their size allows.
  const base = atThreads(resolveProfile(basePreset), threads);
  const dims = parseDimFlags(args.values.dim as string[] | undefined);
  // Loaded only here: onnxruntime-node is optional.
  const { loadOrt, OrtMissingError, timeModel } = await import('../calibrate/ort.js');
  let ort;
  try {
    ort = await loadOrt();
  } catch (e) {
    if (e instanceof OrtMissingError) {
      io.stderr.write(`modelcost: calibrate: ${e.message}\n`);
      return EXIT.inputError;
    }
    throw e;
  }
  const samples: CalibrationSample[] = [];
  for (const [i, file] of files.entries()) {
    const report = await profileModelFile(file, { dims, inputs: {}, convention: 'macs+flops' }, io);
    io.stderr.write(`[${i + 1}/${files.length}] timing ${file} (${threads} thread${threads > 1 ? 's' : ''}, ${warmup} warm-up + ${runs} runs)\n`);
    let t;
    try {
      t = await timeModel(ort, isAbsolute(file) ? file : resolve(io.cwd, file), report, { threads, runs, warmup });
    } catch (e) {
      throw new InputError(file, `onnxruntime could not run it: ${(e as Error).message.split('\n')[0]}`);
    }
    samples.push({ name: builtIn ? basename(file) : file, report, measuredMs: t.medianMs });
  }
  const fitted = fitTimeModel(base, samples);
  const id = (args.values.id as string | undefined) ?? 'local';
  const note = `${samples.length} models timed with onnxruntime-node (${threads} threads, median of ${runs}) on ${new Date().toISOString().slice(0, 10)}: ${samples.map((s) => s.name).join(', ')}`;
  const preset = { ...calibratedPreset(basePreset, fitted, id, note), notes: `Calibrated from ${baseId} at ${threads} threads. ${basePreset.notes ?? ''}`.trim() };
  const before = samples.map((s) => ({ name: s.name, estimatedMs: estimateWith(base, timeModelOf(base), s.report), measuredMs: s.measuredMs }));
  const inSample = samples.map((s) => ({ name: s.name, estimatedMs: estimateWith(base, fitted, s.report), measuredMs: s.measuredMs }));
  const loo = leaveOneOut(base, samples);
  const summary = { base: accuracy(before), fitted: accuracy(inSample), leaveOneOut: accuracy(loo) };
  if (args.values.out) {
    const out = args.values.out as string;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(resolve(io.cwd, out), `${JSON.stringify({ profiles: [preset] }, null, 2)}\n`);
  }
  if (args.values.json) {
    io.stdout.write(`${JSON.stringify({ schemaVersion: 1, profile: preset, models: samples.map((s, i) => ({ path: s.name, measuredMs: s.measuredMs, baseMs: before[i]!.estimatedMs, fittedMs: inSample[i]!.estimatedMs, leaveOneOutMs: loo[i]!.estimatedMs })), accuracy: summary }, null, 2)}\n`);
    return EXIT.ok;
  }
  const w = Math.max(5, ...samples.map((s) => s.name.length));
  const lines = [`${'model'.padEnd(w)}  measured   ${baseId} (uncalibrated)   calibrated   held out`];
  samples.forEach((s, i) =>
    lines.push(`${s.name.padEnd(w)}  ${s.measuredMs.toFixed(2).padStart(8)}   ${before[i]!.estimatedMs.toFixed(2).padStart(10)}${''.padEnd(baseId.length + 5)}  ${inSample[i]!.estimatedMs.toFixed(2).padStart(10)}   ${loo[i]!.estimatedMs.toFixed(2).padStart(8)}`),
  );
  lines.push(
    '',
    `MAPE: uncalibrated ${pct(summary.base.mape)}, calibrated ${pct(summary.fitted.mape)} (fitted models), ${pct(summary.leaveOneOut.mape)} held out (leave-one-out)`,
    `Spearman: uncalibrated ${summary.base.spearman.toFixed(3)}, held out ${summary.leaveOneOut.spearman.toFixed(3)}`,
    `fitted: computeMax ${fitted.computeMax.toFixed(3)}, computeHalfSec ${(fitted.computeHalfSec * 1e6).toFixed(1)} us, vectorMax ${fitted.vectorMax.toFixed(3)}, memoryMax ${fitted.memoryMax.toFixed(3)}, cacheSpeedup ${fitted.cacheSpeedup.toFixed(2)}, rowsHalf ${fitted.rowsHalf.toFixed(1)}, recurrent step ${(fitted.stepSec * 1e6).toFixed(2)} us, overhead ${(fitted.overheadSec * 1e6).toFixed(2)} us per kernel${threads > 1 ? `, parallel grain ${(fitted.grainSec * 1e6).toFixed(1)} us, parallel sync ${(fitted.syncSec * 1e6).toFixed(1)} us` : ''}`,
    args.values.out ? `wrote profile "${id}" to ${args.values.out as string}; use it with --hardware ./${args.values.out as string}` : 'give --out <file.json> to save the profile',
  );
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

