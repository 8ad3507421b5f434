/**
 * End to end: a real git repository in a temp dir with two commits changing models; `modelcost pr`
 * renders the comment for the range and `modelcost check` gates on budgets.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNameStatus } from '../src/commands/pr.js';
import { runCli, type CliRun } from './support/cli.js';

const EX = resolve(import.meta.dirname, '../../../examples');

const cli = (argv: string[], cwd: string): Promise<CliRun> => runCli(argv, cwd);

function gitRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-pr-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  mkdirSync(join(dir, 'models'));
  copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'models/cnn.onnx'));
  copyFileSync(join(EX, 'models/tiny-encoder.onnx'), join(dir, 'models/encoder.onnx'));
  copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'models/old-name.onnx'));
  writeFileSync(join(dir, 'README.md'), 'not a model\n');
  writeFileSync(join(dir, '.modelcost.yml'), 'models: ["models/**/*.onnx"]\nbudgets:\n  - name: cnn\n    match: "models/cnn.onnx"\n    max: { params: 50K }\n    maxIncrease: { flops: 10% }\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  // The change: widen the CNN, delete the encoder, rename a model, touch a non-model file.
  copyFileSync(join(EX, 'pr/tiny-cnn.onnx'), join(dir, 'models/cnn.onnx'));
  rmSync(join(dir, 'models/encoder.onnx'));
  renameSync(join(dir, 'models/old-name.onnx'), join(dir, 'models/new-name.onnx'));
  writeFileSync(join(dir, 'README.md'), 'still not a model\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  return dir;
}

describe('modelcost pr on a real git range', () => {
  const dir = gitRepo();

  it('renders the comment for HEAD~1...HEAD and fails on the breached budget', async () => {
    const r = await cli(['pr', '--base', 'HEAD~1'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('<!-- modelcost:report key=default -->');
    // cnn: params 24,234 -> 53,626 > 50K; FLOPs +112.6% > 10%
    expect(lines[1]).toBe('❌ **modelcost**: 2 budget breaches in 2 changed models');
    expect(r.out).toContain('- ❌ `models/cnn.onnx`: cnn: params 53.6 K exceeds max 50 K');
    expect(r.out).toContain('- ❌ `models/cnn.onnx`: cnn: flops grew 112.6%, more than the allowed 10.0%');
    expect(r.out).toContain('| `models/cnn.onnx` | 24.2 K → 53.6 K (+29.4 K, +121.3%) 🔺 |');
    expect(r.out).toContain('| `models/encoder.onnx` | removed (was 197 K) |');
    // The renamed model has identical bytes: unchanged, so not a row; README.md is not a model.
    expect(r.out).not.toContain('new-name.onnx');
    expect(r.out).not.toContain('README');
    expect(r.out).toMatch(/<sub>base [0-9a-f]{12} → head [0-9a-f]{12}/);
  });

  it('modelcost check gates the head on budgets: exit 1 on the widened CNN', async () => {
    const r = await cli(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('breach: models/cnn.onnx: cnn: params 53.6 K exceeds max 50 K');
  });

  it('--reports reuses stored reports by content hash for models no budget covers; --trust-reports for the others too', async () => {
    // A stored report for the head CNN's bytes, doctored (params 12,345) to prove it is used, not recomputed.
    const headBytes = readFileSync(join(EX, 'pr/tiny-cnn.onnx'));
    const sha256 = createHash('sha256').update(headBytes).digest('hex');
    const profiled = JSON.parse((await cli(['profile', join(EX, 'pr/tiny-cnn.onnx'), '--json'], dir)).out).reports[0];
    const stored = { ...profiled, totals: { ...profiled.totals, params: 12345 } };
    const reports = join(dir, 'dist/modelcost/models');
    mkdirSync(reports, { recursive: true });
    writeFileSync(join(reports, 'cnn.onnx.json'), JSON.stringify(stored));
    writeFileSync(join(reports, 'index.json'), JSON.stringify({ schemaVersion: 1, reports: [{ path: 'models/cnn.onnx', report: 'cnn.onnx.json', sha256 }] }));
    // The cnn budget covers models/cnn.onnx: a stored report (which the change itself may have written) does not decide it.
    const r = await cli(['pr', '--base', 'HEAD~1', '--reports', 'dist/modelcost'], dir);
    expect(r.err).toBe(
      'modelcost: 1 stored report from dist/modelcost; other models are profiled here (and so are the models a budget covers: pass --trust-reports when the reports come from a job that ran no code of the change)\n' +
        'modelcost: models/cnn.onnx: a budget covers it, so it is profiled here rather than taken from the stored report\n',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('| `models/cnn.onnx` | 24.2 K → 53.6 K (+29.4 K, +121.3%)');
    const trusted = await cli(['pr', '--base', 'HEAD~1', '--reports', 'dist/modelcost', '--trust-reports'], dir);
    expect(trusted.err).toBe('modelcost: 1 stored report from dist/modelcost; other models are profiled here\n');
    expect(trusted.out).toContain('| `models/cnn.onnx` | 24.2 K → 12.3 K (-11.9 K, -49.1%)');
    // The base side and the removed encoder were profiled here.
    expect(r.out).toContain('| `models/encoder.onnx` | removed (was 197 K) |');
    const bad = await cli(['pr', '--base', 'HEAD~1', '--reports', 'nope'], dir);
    expect(bad.err).toContain('modelcost: --reports: ');
    expect(bad.err).toContain('nope: no such directory');
  });

  it('a range without model changes says so and passes', async () => {
    const r = await cli(['pr', '--base', 'HEAD', '--head', 'HEAD'], dir);
    expect([r.code, r.out.split('\n')[1]]).toEqual([0, '**modelcost**: no model cost changed']);
  });

  it('a bad ref is an input error naming git', async () => {
    const r = await cli(['pr', '--base', 'no-such-ref'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^modelcost: git: git rev-parse no-such-ref\^\{commit\} failed: /);
  });
});

describe('parseNameStatus', () => {
  it('reads adds, deletes, modifications and renames (-z form)', () => {
    expect(parseNameStatus('A\0a.onnx\0D\0b.onnx\0M\0c.onnx\0R087\0old.onnx\0new.onnx\0')).toEqual([
      { path: 'a.onnx', status: 'added' },
      { path: 'b.onnx', status: 'removed' },
      { path: 'c.onnx', status: 'modified' },
      { path: 'new.onnx', status: 'renamed', previousPath: 'old.onnx' },
    ]);
  });
});
