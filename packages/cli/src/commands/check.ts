/**
 * `modelcost check [--config .modelcost.yml]`: profile every model the config selects and check its
 * budgets. Exit 1 when a budget is breached (a waived breach is printed, not failed), 2 when the
 * config is invalid or a model cannot be read, 0 otherwise.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Breach } from '@modelcost/report';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { paint } from '../color.js';
import { CLI_JSON_VERSION, jsonText, type CheckJson, type CheckModel, type CheckSkipped } from '../json.js';
import type { Command } from './index.js';
import { SHARED_HELP } from './options.js';

/** Folders the walk (outside a git work tree) does not enter: git's own data and installed dependencies. */
const WALK_SKIP = ['.git', 'node_modules'];

/** What {@link findModels} found: the files to profile, and those matched but left out (with why). */
export interface FoundModels {
  readonly files: string[];
  readonly skipped: CheckSkipped[];
  /** Where the file list came from. */
  readonly source: 'git' | 'walk';
}

/** `git ls-files -z <args>` in `root`, or undefined when git is missing or `root` is not in a work tree. */
async function gitFiles(root: string, args: readonly string[]): Promise<string[] | undefined> {
  const { execFileSync } = await import('node:child_process');
  try {
    const out = execFileSync('git', ['ls-files', '-z', ...args], { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.toString('utf8').split('\0').filter((f) => f !== '');
  } catch {
    return undefined;
  }
}

/**
 * The files under `root` (relative, `/`-separated, sorted) that match any glob. In a git work tree the
 * candidates are git's own list: tracked files and untracked ones that .gitignore does not ignore
 * (`git ls-files -co --exclude-standard`), so a model committed under `dist/` is checked and a build
 * output that git ignores is not; ignored files that match are returned as `skipped`. Outside a work
 * tree: a walk of every folder but `.git` and `node_modules` (listed as skipped when present).
 */
export async function findModels(root: string, globs: readonly string[]): Promise<FoundModels> {
  // Loaded here, not at start-up: only `check` matches globs (with the review's linear-time matcher).
  const { compileGlob } = await import('@modelcost/report');
  const isMatch = compileGlob(globs);
  const listed = await gitFiles(root, ['--cached', '--others', '--exclude-standard']);
  if (listed) {
    const files: string[] = [];
    const skipped: CheckSkipped[] = [];
    for (const rel of new Set(listed)) {
      if (!isMatch(rel)) continue;
      // Tracked but deleted in the working tree: nothing to profile (lstat: a link is still listed, to get its own row).
      if (!exists(join(root, rel))) skipped.push({ path: rel, reason: 'tracked by git but deleted in the working tree' });
      else files.push(rel);
    }
    for (const rel of (await gitFiles(root, ['--others', '--ignored', '--exclude-standard'])) ?? []) {
      if (isMatch(rel)) skipped.push({ path: rel, reason: 'ignored by git (.gitignore); commit it or un-ignore it to check it' });
    }
    return { files: files.sort(), skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), source: 'git' };
  }
  const out: string[] = [];
  const skipped: CheckSkipped[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const rel = relative(root, join(dir, e.name)).split(sep).join('/');
      if (e.isDirectory()) {
        if (!WALK_SKIP.includes(e.name)) walk(join(dir, e.name));
        else if (e.name === 'node_modules') skipped.push({ path: `${rel}/`, reason: 'not searched: installed dependencies (outside a git work tree there is no .gitignore to go by)' });
      } else if ((e.isFile() || e.isSymbolicLink()) && isMatch(rel)) {
        // A link is listed too, so that it gets its own row (refused when it leads out of the root) rather than vanishing.
        out.push(rel);
      }
    }
  };
  walk(root);
  return { files: out.sort(), skipped, source: 'walk' };
}

/** True when something (a file, a folder, a link, even a dangling one) is at `path`. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
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
  optionHelp: {
    config: { arg: 'path', text: 'The config whose models and budgets are checked (default: .modelcost.yml); model globs are relative to its folder.' },
    runtime: SHARED_HELP.runtime,
    json: { text: 'Print one JSON document: {schemaVersion, models, breaches, skipped} (docs/cli-json.md; schema packages/cli/schemas/check.schema.json).' },
    help: SHARED_HELP.help,
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
    const found = await findModels(root, config.models);
    const models = found.files;
    const plan = latencyPlan(config);
    const breaches: Breach[] = [];
    const rows: CheckModel[] = [];
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
    if (args.values.json) io.stdout.write(jsonText({ schemaVersion: CLI_JSON_VERSION, models: rows, breaches, skipped: found.skipped } satisfies CheckJson));
    else {
      if (rows.length === 0) io.stdout.write(`no model matches ${term(config.models.join(', '), 400)}\n`);
      const c = paint(io);
      for (const r of rows) io.stdout.write(r.error ? `${c.red('✗')} ${term(r.path)}: ${term(r.error, 600)}\n` : `${breaches.some((b) => b.path === r.path && !b.waived) ? c.red('✗') : c.green('✓')} ${term(r.path)}: params ${human(r.params!)}, FLOPs ${human(r.flops!)}${Object.entries(r.latencyMs ?? {}).map(([k, v]) => `, ${v.toPrecision(3)} ms on ${term(k, 60)}`).join('')}\n`);
      for (const b of breaches) io.stdout.write(`  ${b.waived ? c.yellow('waived') : c.red('breach')}: ${term(b.path)}: ${term(b.message, 600)}${b.waived ? ` (${term(b.waived, 200)})` : ''}\n`);
      // Matched but not checked: said, never silent (at most 20 listed; --json has them all).
      for (const s of found.skipped.slice(0, 20)) io.stdout.write(`${c.yellow('skipped')} ${term(s.path)}: ${term(s.reason, 300)}\n`);
      if (found.skipped.length > 20) io.stdout.write(`${c.yellow('skipped')} ${found.skipped.length - 20} more (see --json)\n`);
      io.stdout.write(`${rows.length} model${rows.length === 1 ? '' : 's'} checked, ${failed.length} budget breach${failed.length === 1 ? '' : 'es'}${found.skipped.length ? `, ${found.skipped.length} skipped` : ''}\n`);
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
