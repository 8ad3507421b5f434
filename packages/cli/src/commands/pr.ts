/**
 * `modelcost pr --base <ref> [--head <ref>]`: the pull-request comment for a local git range, so any CI
 * (GitLab, Jenkins, a laptop) can produce it. Changed files come from `git diff --name-status -M
 * <base>...<head>` (the merge base, as a PR sees it); blobs are read with `git show <ref>:<path>`.
 * Exit 1 when a budget is breached.
 */
import type { execFileSync as execFileSyncType } from 'node:child_process';
import { resolve } from 'node:path';
import type { FileChange } from '@modelcost/report';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { Command } from './index.js';
import { SHARED_HELP } from './options.js';

type ExecFileSync = typeof execFileSyncType;

/** A `git` runner over `execFileSync` (node:child_process is loaded by `pr` only, not at start-up). */
function gitRunner(execFileSync: ExecFileSync): (cwd: string, args: string[]) => Buffer {
  return (cwd, args) => {
    try {
      return execFileSync('git', args, { cwd, maxBuffer: 4 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      throw new InputError('git', `git ${args.join(' ')} failed: ${err.stderr?.toString().trim().split('\n')[0] || err.message}`);
    }
  };
}

/** Parse `git diff --name-status -M -z` output. */
export function parseNameStatus(out: string): FileChange[] {
  const f = out.split('\0').filter((x) => x !== '');
  const changes: FileChange[] = [];
  for (let i = 0; i < f.length; ) {
    const code = f[i++]!;
    if (code.startsWith('R')) {
      const from = f[i++]!;
      const to = f[i++]!;
      changes.push({ path: to, status: 'renamed', previousPath: from });
    } else if (code.startsWith('C')) {
      i++;
      changes.push({ path: f[i++]!, status: 'added' });
    } else {
      const path = f[i++]!;
      changes.push({ path, status: code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified' });
    }
  }
  return changes;
}

/** Largest config read from a commit, in bytes (a real one is a few KB). */
const MAX_CONFIG_BYTES = 1 << 20;

export const prCommand: Command = {
  summary: 'The pull-request comment for a local git range (base...head); exit 1 on a budget breach.',
  usage: 'modelcost pr --base <git-ref> [--head <git-ref>] [--config .modelcost.yml] [--config-from base|head] [--runtime tensorrt|hw=runtime,...] [--key name] [--reports <dir>] [--trust-reports]',
  examples: [
    'modelcost pr --base origin/main',
    'modelcost pr --base HEAD~1 --head HEAD --key detector',
    'nx affected -t modelcost && modelcost pr --base origin/main --reports dist/modelcost   # reuse the Nx-made reports',
  ],
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    config: { type: 'string' },
    runtime: { type: 'string' },
    'config-from': { type: 'string' },
    key: { type: 'string' },
    reports: { type: 'string' },
    'trust-reports': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  optionHelp: {
    base: { arg: 'git-ref', text: 'The base of the range (required); models are compared at the merge base of base and head, as a pull request sees them.' },
    head: { arg: 'git-ref', text: 'The head of the range (default: HEAD).' },
    config: { arg: 'path', text: 'Path of the config inside the repository, read from git at both commits (default: .modelcost.yml).' },
    runtime: SHARED_HELP.runtime,
    'config-from': { arg: 'base|head', text: "Whose config decides budgets and waivers: base (default; the head may only add rules for new models) or head." },
    key: { arg: 'name', text: "Names this review in the comment's hidden marker, to tell several reviews of one pull request apart (default: default)." },
    reports: { arg: 'dir', text: 'A folder of reports made ahead of time (e.g. dist/modelcost from the Nx target): models whose bytes match one are not profiled again.' },
    'trust-reports': { text: 'Let --reports stand for models a budget covers too: only when a job that ran no code of the change made them.' },
    help: SHARED_HELP.help,
  },
  async run(args, io: CliIO) {
    const base = args.values.base as string | undefined;
    if (!base) throw new UsageError('pr: --base <git-ref> is required');
    const head = (args.values.head as string | undefined) ?? 'HEAD';
    const trust = (args.values['config-from'] as string | undefined) ?? 'base';
    if (trust !== 'base' && trust !== 'head') throw new UsageError(`--config-from ${JSON.stringify(trust)}: expected base (the default: budgets and waivers from the base commit) or head`);
    const key = (args.values.key as string | undefined) ?? 'default';
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(key)) throw new UsageError(`--key ${JSON.stringify(key.slice(0, 40))}: expected 1-64 letters, digits, '.', '_' or '-'`);
    // Loaded on demand: the YAML parser and review code stay out of `profile`'s start-up.
    const { loadReportsDir, parseConfig, readGitBlob, renderComment, review, term, trustedConfig } = await import('@modelcost/report');
    const { execFileSync } = await import('node:child_process');
    const git = gitRunner(execFileSync);
    const root = git(io.cwd, ['rev-parse', '--show-toplevel']).toString().trim();
    const baseSha = git(root, ['rev-parse', `${base}^{commit}`]).toString().trim();
    const headSha = git(root, ['rev-parse', `${head}^{commit}`]).toString().trim();
    const changes = parseNameStatus(git(root, ['diff', '--name-status', '-M', '-z', `${baseSha}...${headSha}`]).toString());
    const mergeBase = git(root, ['merge-base', baseSha, headSha]).toString().trim();
    const gitBlob = (sha: string, path: string, maxBytes?: number) => readGitBlob((a) => git(root, [...a]), sha, path, maxBytes);
    // The config at both sides, from git objects (a link is never followed, the size is capped).
    const configPath = ((args.values.config as string | undefined) ?? '.modelcost.yml').replace(/^(\.\/)+/, '');
    const readConfig = (sha: string, side: string) => {
      const blob = gitBlob(sha, configPath, MAX_CONFIG_BYTES);
      if (blob === undefined) return undefined;
      const label = `${configPath} (${side})`;
      if (typeof blob === 'string') throw new InputError(label, blob);
      const parsed = parseConfig(new TextDecoder().decode(blob), label);
      for (const w of parsed.warnings) io.stderr.write(`modelcost: ${term(label)}: warning: ${term(w, 400)}\n`);
      if (!parsed.value) throw new InputError(label, parsed.errors.map((e) => term(e, 400)).join(`\nmodelcost: ${label}: `));
      return parsed.value;
    };
    const baseConfig = readConfig(mergeBase, 'base') ?? parseConfig('').value!;
    let headConfig;
    try {
      headConfig = readConfig(headSha, 'head');
    } catch (e) {
      // With budgets from the base, the change's own config cannot stop the review: say what is wrong with it and go on.
      if (trust === 'head' || !(e instanceof InputError)) throw e;
      io.stderr.write(`modelcost: ${term(e.file)}: ${term(e.message, 2000)} (the base's config decides this review)\n`);
    }
    const { config: trusted, changes: configChanges } = trustedConfig(baseConfig, headConfig, trust);
    // --runtime (the CI job's own choice) overrides the config's runtime.
    const { withRuntimeFlag } = await import('../config.js');
    const config = await withRuntimeFlag(trusted, args.values.runtime as string | undefined);
    let reports;
    const reportsDir = args.values.reports as string | undefined;
    if (reportsDir !== undefined) {
      const stored = loadReportsDir(resolve(io.cwd, reportsDir));
      for (const e of stored.errors) io.stderr.write(`modelcost: --reports: ${term(e, 400)}\n`);
      reports = stored.reports;
      io.stderr.write(`modelcost: ${stored.reports.size} stored report${stored.reports.size === 1 ? '' : 's'} from ${term(reportsDir)}; other models are profiled here${args.values['trust-reports'] ? '' : ' (and so are the models a budget covers: pass --trust-reports when the reports come from a job that ran no code of the change)'}\n`);
    }
    const result = await review(changes, async (side, path) => gitBlob(side === 'base' ? mergeBase : headSha, path), config, {
      ...(reports ? { reports } : {}),
      trustReports: args.values['trust-reports'] === true,
      log: (m) => io.stderr.write(`modelcost: ${term(m, 400)}\n`),
    });
    io.stdout.write(renderComment(result.models, { key, baseSha: mergeBase, headSha, breaches: result.breaches, configChanges, settings: trust === 'head' ? ['budgets from the head (--config-from head)'] : [] }));
    return result.failed ? EXIT.budgetBreached : EXIT.ok;
  },
};
