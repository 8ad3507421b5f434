/**
 * Which files `modelcost check` takes: git's list of the config folder's files (tracked, and untracked
 * but not ignored), so a model committed under dist/ is checked; matched files it leaves out are said.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo } from './support/git-repo.js';
import { runCli, type CliRun } from './support/cli.js';

const PKG = resolve(import.meta.dirname, '..');
const ROOT = resolve(PKG, '../..');
const EX = join(ROOT, 'examples');

const cli = (argv: string[], cwd = ROOT): Promise<CliRun> => runCli(argv, cwd);

describe('check: which files it takes', () => {
  const config = 'models: ["**/*.onnx"]\n';
  it('in a git repository: a model committed under dist/ is checked; an ignored one is said to be skipped', async () => {
    const dir = gitRepo({ 'dist/model.onnx': join(EX, 'models/tiny-cnn.onnx'), 'models/a.onnx': join(EX, 'models/tiny-cnn.onnx'), '.gitignore': 'build/\n' }, config);
    mkdirSync(join(dir, 'build'));
    copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'build/out.onnx'));
    // Untracked and not ignored: checked too (a model about to be committed).
    copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'models/new.onnx'));
    const r = await cli(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ dist/model.onnx: params 24.2 K');
    expect(r.out).toContain('✓ models/new.onnx: params 24.2 K');
    expect(r.out).toContain('skipped build/out.onnx: ignored by git (.gitignore); commit it or un-ignore it to check it\n');
    expect(r.out.trim().split('\n').at(-1)).toBe('3 models checked, 0 budget breaches, 1 skipped');
  });
  it('keeps refusing a committed link that leads out of the repository', async () => {
    const dir = gitRepo({ 'models/a.onnx': join(EX, 'models/tiny-cnn.onnx') }, config);
    symlinkSync('/etc/hostname', join(dir, 'models/evil.onnx'));
    execFileSync('git', ['add', '-A'], { cwd: dir });
    const r = await cli(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('models/evil.onnx: a symbolic link that leads out of the repository (not followed)');
  });
  it('outside a git work tree: walks every folder but node_modules, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelcost-walk-'));
    for (const d of ['dist', 'node_modules/pkg']) mkdirSync(join(dir, d), { recursive: true });
    copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'dist/model.onnx'));
    copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'node_modules/pkg/model.onnx'));
    writeFileSync(join(dir, '.modelcost.yml'), config);
    const r = await cli(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ dist/model.onnx');
    expect(r.out).toContain('skipped node_modules/: not searched: installed dependencies');
    expect(r.out.trim().split('\n').at(-1)).toBe('1 model checked, 0 budget breaches, 1 skipped');
  });
});
