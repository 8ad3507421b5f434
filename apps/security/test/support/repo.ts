/**
 * Throwaway git repositories with a base and a head commit, as a pull request makes them, and the
 * built `modelcost` bin run in them as a child process (as CI runs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A file's content, or a symbolic link to `link`, or (in the head) `null` to delete it. */
export type Entry = Uint8Array | string | { readonly link: string } | null;

export const ROOT = resolve(import.meta.dirname, '../../../..');
export const BIN = join(ROOT, 'packages/cli/bin/modelcost.cjs');

function put(dir: string, files: Readonly<Record<string, Entry>>): void {
  for (const [path, e] of Object.entries(files)) {
    const full = join(dir, path);
    rmSync(full, { force: true });
    if (e === null) continue;
    mkdirSync(dirname(full), { recursive: true });
    if (typeof e === 'object' && !(e instanceof Uint8Array)) symlinkSync(e.link, full);
    else writeFileSync(full, e);
  }
}

/** A repository with `base` committed, then `head` applied and committed. Returns its folder and a git runner. */
export function gitRepo(base: Readonly<Record<string, Entry>>, head: Readonly<Record<string, Entry>>): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-attack-'));
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'attacker@example.com');
  git('config', 'user.name', 'Attacker');
  git('config', 'core.quotepath', 'false');
  put(dir, base);
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'base');
  put(dir, head);
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'head');
  return { dir, git };
}

/** Result of {@link modelcost}. */
export interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

/** Run the built CLI in `cwd` (20 s at most: a run that hangs fails its test with code null). */
export function modelcost(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Run {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, maxBuffer: 64 << 20, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - started };
}
