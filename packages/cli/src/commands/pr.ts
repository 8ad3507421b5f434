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

export const prCommand: Command = {
  summary: 'The pull-request comment for a local git range (base...head); exit 1 on a budget breach.',
  usage: 'modelcost pr --base <git-ref> [--head <git-ref>] [--config .modelcost.yml] [--runtime tensorrt|hw=runtime,...] [--key name] [--reports <dir>]',
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
    key: { type: 'string' },
    reports: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  async run(args, io: CliIO) {
    const base = args.values.base as string | undefined;
    if (!base) throw new UsageError('pr: --base <git-ref> is required');
    const head = (args.values.head as string | undefined) ?? 'HEAD';
    // Loaded on demand: the YAML parser and review code stay out of `profile`'s start-up.
    const { loadReportsDir, renderComment, review } = await import('@modelcost/report');
    const { loadConfig, withRuntimeFlag } = await import('../config.js');
    const { execFileSync } = await import('node:child_process');
    const git = gitRunner(execFileSync);
    const root = git(io.cwd, ['rev-parse', '--show-toplevel']).toString().trim();
    const config = await withRuntimeFlag(loadConfig(io, root, args.values.config as string | undefined, false), args.values.runtime as string | undefined);
    const baseSha = git(root, ['rev-parse', `${base}^{commit}`]).toString().trim();
    const headSha = git(root, ['rev-parse', `${head}^{commit}`]).toString().trim();
    const changes = parseNameStatus(git(root, ['diff', '--name-status', '-M', '-z', `${baseSha}...${headSha}`]).toString());
    const mergeBase = git(root, ['merge-base', baseSha, headSha]).toString().trim();
    let reports;
    const reportsDir = args.values.reports as string | undefined;
    if (reportsDir !== undefined) {
      const stored = loadReportsDir(resolve(io.cwd, reportsDir));
      for (const e of stored.errors) io.stderr.write(`modelcost: --reports: ${e}\n`);
      reports = stored.reports;
      io.stderr.write(`modelcost: ${stored.reports.size} stored report${stored.reports.size === 1 ? '' : 's'} from ${reportsDir}; other models are profiled here\n`);
    }
    const result = await review(
      changes,
      async (side, path) => {
        try {
          return new Uint8Array(execFileSync('git', ['show', `${side === 'base' ? mergeBase : headSha}:${path}`], { cwd: root, maxBuffer: 4 << 30, stdio: ['ignore', 'pipe', 'ignore'] }));
        } catch {
          return undefined;
        }
      },
      config,
      reports ? { reports } : {},
    );
    const key = (args.values.key as string | undefined) ?? 'default';
    io.stdout.write(renderComment(result.models, { key, baseSha: mergeBase, headSha, breaches: result.breaches }));
    return result.failed ? EXIT.budgetBreached : EXIT.ok;
  },
};
