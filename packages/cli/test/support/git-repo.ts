/** Throwaway git repositories for tests of the commands that read git (`check`). */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A git repository with `files` (path -> a file to copy, or text) and a config, all committed. */
export function gitRepo(files: Record<string, string>, config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-conv-'));
  for (const [path, from] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    if (existsSync(from)) copyFileSync(from, join(dir, path));
    else writeFileSync(join(dir, path), from);
  }
  writeFileSync(join(dir, '.modelcost.yml'), config);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'models');
  return dir;
}
