/**
 * `modelcost check [--config .modelcost.yml]`: profile every model the config selects and check its
 * budgets. Exit 1 when a budget is breached (a waived breach is printed, not failed), 2 when the
 * config is invalid or a model cannot be read, 0 otherwise.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Count } from '@modelcost/core';
import type { Breach } from '@modelcost/report';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { paint } from '../color.js';
import type { Command } from './index.js';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.nx']);

/** Files under `root` (relative, `/`-separated) matching any glob, skipping dependency and build folders. */
export async function findModels(root: string, globs: readonly string[]): Promise<string[]> {
  // Loaded here, not at start-up: only `check` matches globs (with the review's linear-time matcher).
  const { compileGlob } = await import('@modelcost/report');
  const isMatch = compileGlob(globs);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name));
      } else if (e.isFile() || e.isSymbolicLink()) {
        // A link is listed too, so that it gets its own row (refused when it leads out of the root) rather than vanishing.
        const rel = relative(root, join(dir, e.name)).split(sep).join('/');
        if (isMatch(rel)) out.push(rel);
      }
    }
  };
  walk(root);
  return out.sort();
}

export const checkCommand: Command = {
  summary: 'Check every model selected by .modelcost.yml against its budgets (exit 1 on a breach).',
  usage: 'modelcost check [--config .modelcost.yml] [--runtime tensorrt|hw=runtime,...] [--json]',
  examples: ['modelcost check', 'modelcost check --config ci/.modelcost.yml --json'],
  options: {
    config: { type: 'string' },
    runtime: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  async run(args, io: CliIO) {
    if (args.positionals.length) throw new UsageError('check: takes no positional arguments (models come from the config)');
    // Loaded on demand: the YAML parser and budget code stay out of `profile`'s start-up.
    const { createIsolatedProfiler, evaluateBudgets, human, InternalProfileError, latencyKey, latencyPlan, ModelReadError, term, unprofiledBreaches } = await import('@modelcost/report');
    const { loadConfig, withRuntimeFlag } = await import('../config.js');
    const configPath = args.values.config as string | undefined;
    const config = await withRuntimeFlag(loadConfig(io, io.cwd, configPath, true), args.values.runtime as string | undefined);
    const full = resolve(io.cwd, configPath ?? '.modelcost.yml');
    const root = resolve(full, '..');
    const models = await findModels(root, config.models);
    const plan = latencyPlan(config);
    const breaches: Breach[] = [];
    const rows: { path: string; params?: Count; flops?: Count; latencyMs?: Record<string, number>; error?: string }[] = [];
    const progress = io.stderr.isTTY === true && models.length > 1;
    // Each model in its own worker with a heap and time limit: one hostile or broken file is its own row.
    const profiler = createIsolatedProfiler();
    try {
      for (const [i, path] of models.entries()) {
        // Long runs over many models show where they are, on an interactive terminal only.
        if (progress) io.stderr.write(`\r\x1b[K[${i + 1}/${models.length}] ${term(path, 80)}`);
        try {
          const file = insideRoot(root, path);
          // Latency is estimated in the worker and only the totals come back: check reads nothing else.
          const report = await profiler.profile({ file }, { file: path, dims: { ...config.dims } }, { latency: plan, summaryOnly: true });
          const latencyMs = Object.fromEntries(report.latency.map((l) => [latencyKey(l), l.ms]));
          rows.push({ path, params: report.totals.params, flops: report.totals.flops, ...(report.latency.length ? { latencyMs } : {}) });
          breaches.push(...evaluateBudgets(config, path, report));
        } catch (e) {
          const reason =
            e instanceof InputError ? e.message : e instanceof ModelReadError ? e.reason : e instanceof InternalProfileError ? `internal error while profiling (a bug in modelcost; please report it): ${e.detail}` : (e as Error).message;
          rows.push({ path, error: reason });
          // A model a budget covers and that cannot be profiled fails that budget.
          breaches.push(...unprofiledBreaches(config, path, reason));
        }
      }
    } finally {
      await profiler.close();
    }
    if (progress) io.stderr.write('\r\x1b[K');
    const failed = breaches.filter((b) => !b.waived);
    if (args.values.json) io.stdout.write(`${JSON.stringify({ models: rows, breaches }, null, 2)}\n`);
    else {
      if (rows.length === 0) io.stdout.write(`no model matches ${term(config.models.join(', '), 400)}\n`);
      const c = paint(io);
      for (const r of rows) io.stdout.write(r.error ? `${c.red('✗')} ${term(r.path)}: ${term(r.error, 600)}\n` : `${breaches.some((b) => b.path === r.path && !b.waived) ? c.red('✗') : c.green('✓')} ${term(r.path)}: params ${human(r.params!)}, FLOPs ${human(r.flops!)}${Object.entries(r.latencyMs ?? {}).map(([k, v]) => `, ${v.toPrecision(3)} ms on ${term(k, 60)}`).join('')}\n`);
      for (const b of breaches) io.stdout.write(`  ${b.waived ? c.yellow('waived') : c.red('breach')}: ${term(b.path)}: ${term(b.message, 600)}${b.waived ? ` (${term(b.waived, 200)})` : ''}\n`);
      io.stdout.write(`${rows.length} model${rows.length === 1 ? '' : 's'} checked, ${failed.length} budget breach${failed.length === 1 ? '' : 'es'}\n`);
    }
    if (failed.length) return EXIT.budgetBreached;
    return rows.some((r) => r.error) ? EXIT.inputError : EXIT.ok;
  },
};

/**
 * The model's real path, when it is a regular file inside the repository root (a symbolic link that
 * leads outside, or to something not a file, is refused: a pull request may commit such links).
 */
function insideRoot(root: string, rel: string): string {
  const full = join(root, rel);
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    throw new InputError(rel, 'no such file');
  }
  const r = relative(realpathSync(root), real);
  if (r === '' || r.startsWith(`..${sep}`) || r === '..' || isAbsolute(r)) throw new InputError(rel, 'a symbolic link that leads out of the repository (not followed)');
  if (!statSync(real).isFile()) throw new InputError(rel, 'not a file');
  return real;
}
