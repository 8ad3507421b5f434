/**
 * The plugin with Danger's DSL objects (unit), and end to end: `danger local` run as a child process on
 * a real two-commit repository with a Dangerfile that requires the built plugin (its CommonJS bundle,
 * which the Nx test target builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelcost, type DangerLike } from '../src/index.js';

const EX = resolve(import.meta.dirname, '../../../examples');
const ROOT = resolve(import.meta.dirname, '../../..');

/** A repository with the example CNN at base and its widened version at head. */
function repo(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-danger-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  mkdirSync(join(dir, 'models'));
  copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'models/cnn.onnx'));
  if (config) writeFileSync(join(dir, '.modelcost.yml'), config);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  copyFileSync(join(EX, 'pr/tiny-cnn.onnx'), join(dir, 'models/cnn.onnx'));
  writeFileSync(join(dir, 'models/broken.onnx'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 3\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  return dir;
}

function dsl(): DangerLike & { out: { markdown: string[]; fail: string[]; warn: string[] } } {
  const out = { markdown: [] as string[], fail: [] as string[], warn: [] as string[] };
  return {
    out,
    danger: { git: { created_files: ['models/broken.onnx'], modified_files: ['models/cnn.onnx', 'README.md'], deleted_files: [], base: 'HEAD~1', head: 'HEAD' } },
    markdown: (t) => void out.markdown.push(t),
    fail: (t) => void out.fail.push(t),
    warn: (t) => void out.warn.push(t),
  };
}

describe('modelcost() with Danger DSL objects', () => {
  it('posts the cost table, fails per breach, warns on unreadable models', async () => {
    const dir = repo('budgets:\n  - name: cnn\n    match: "models/cnn.onnx"\n    max: { params: 50K }\n');
    const d = dsl();
    const r = await modelcost({ cwd: dir }, d);
    expect(r.failed).toBe(true);
    expect(d.out.markdown[0]).toContain('| `models/cnn.onnx` | 24.2 K → 53.6 K (+29.4 K, +121.3%) 🔺 |');
    // `danger local` passes refs (HEAD~1, HEAD), not SHAs: the footer shows the commits they name.
    const sha = (ref: string) => execFileSync('git', ['rev-parse', ref], { cwd: dir, encoding: 'utf8' }).trim().slice(0, 12);
    expect(d.out.markdown[0]).toContain(`<sub>base ${sha('HEAD~1')} → head ${sha('HEAD')} · `);
    expect(d.out.fail).toEqual(['modelcost: cnn: params 53.6 K exceeds max 50 K']);
    // Danger renders messages as markdown: the path is a code span, the reason escaped text.
    expect(d.out.warn).toEqual(['modelcost: `models/broken.onnx`: Git LFS pointer, not the model: check out with LFS (actions/checkout \\`lfs: true\\`, or \\`git lfs pull\\`)']);
  });
  it('failOnBudget: false turns breaches into warnings', async () => {
    const d = dsl();
    await modelcost({ cwd: repo('budgets:\n  - max: { params: 50K }\n'), failOnBudget: false }, d);
    expect(d.out.fail).toEqual([]);
    // The rule covers every model: the LFS pointer, which cannot be profiled, breaches it too.
    expect(d.out.warn.slice(0, 2)).toEqual([expect.stringMatching(/^modelcost: budgets\\\[0\\\]: the model could not be profiled, so its budget cannot pass \(Git LFS pointer/), 'modelcost: budgets\\[0\\]: params 53.6 K exceeds max 50 K']);
  });
  it('Keras as users save it: an .h5 with a nested backbone and a frozen-base JSON get cost rows, a weights-only .h5 a warning', async () => {
    // Issue 18's patterns through the plugin. Params are tfjs-layers' countParams()
    // (packages/keras/test/fixtures/nested/expected.json): 565 for the nested backbone, 1,171 frozen base.
    const KERAS = join(ROOT, 'packages/keras/test/fixtures');
    const dir = mkdtempSync(join(tmpdir(), 'modelcost-danger-keras-'));
    const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'CI');
    writeFileSync(join(dir, '.modelcost.yml'), 'models: ["models/**/*.h5", "keras/**/*.json"]\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'keras'));
    copyFileSync(join(KERAS, 'h5/transfer_learning_keras2.15_model.h5'), join(dir, 'models/tl.h5'));
    copyFileSync(join(KERAS, 'h5/transfer_learning_keras2.15_save_weights.h5'), join(dir, 'models/weights.h5'));
    copyFileSync(join(KERAS, 'nested/frozen_base.keras2.json'), join(dir, 'keras/frozen.json'));
    git('add', '-A');
    git('commit', '-q', '-m', 'head');
    const d = dsl();
    const r = await modelcost({ cwd: dir }, { ...d, danger: { git: { created_files: ['models/tl.h5', 'models/weights.h5', 'keras/frozen.json'], modified_files: [], deleted_files: [], base: 'HEAD~1', head: 'HEAD' } } });
    expect(r.failed).toBe(false);
    expect(d.out.markdown[0]).toContain('| `models/tl.h5` | new: 565 |');
    expect(d.out.markdown[0]).toContain('| `keras/frozen.json` | new: 1.17 K |');
    expect(d.out.warn).toEqual([expect.stringMatching(/^modelcost: `models\/weights\.h5`: .*weights/)]);
  });
  it('an invalid config fails with its dot-path message', async () => {
    const d = dsl();
    await modelcost({ cwd: repo('budgets: 3\n') }, d);
    expect(d.out.fail).toEqual(['modelcost: .modelcost.yml (base): budgets: expected a list of rules, got 3']);
  });
  it('under danger ci on GitHub, reads blobs through the contents API (raw media type, base and head shas)', async () => {
    const { readFileSync } = await import('node:fs');
    const blobs: Record<string, Uint8Array> = { 'B:models/cnn.onnx': readFileSync(join(EX, 'models/tiny-cnn.onnx')), 'H:models/cnn.onnx': readFileSync(join(EX, 'pr/tiny-cnn.onnx')) };
    const calls: string[] = [];
    const d = dsl();
    const withGitHub: DangerLike = {
      ...d,
      danger: {
        ...d.danger,
        git: { ...d.danger.git, created_files: [] },
        github: {
          thisPR: { owner: 'o', repo: 'r' },
          pr: { base: { sha: 'B' }, head: { sha: 'H' } },
          api: {
            repos: {
              getContent: async (p) => {
                calls.push(`${p.owner}/${p.repo} ${p.ref}:${p.path} ${p.mediaType?.format}`);
                const b = blobs[`${p.ref}:${p.path}`];
                if (!b) throw Object.assign(new Error('Not Found'), { status: 404 });
                return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) };
              },
            },
          },
        },
      },
    };
    await modelcost({ cwd: mkdtempSync(join(tmpdir(), 'modelcost-danger-gh-')) }, withGitHub);
    // The configs at both shas (absent here), then the model at base and head.
    expect(calls).toEqual(['o/r B:.modelcost.yml raw', 'o/r H:.modelcost.yml raw', 'o/r B:models/cnn.onnx raw', 'o/r H:models/cnn.onnx raw']);
    expect(d.out.markdown[0]).toContain('24.2 K → 53.6 K');
  });

  it('outside a Dangerfile it says so', async () => {
    await expect(modelcost()).rejects.toThrow('call modelcost() from a Dangerfile');
  });
});

describe('the CommonJS bundle Danger require()s', () => {
  it('profiles each model in a worker thread (dist/profile-worker.js beside it), as the ESM entry does', () => {
    // Danger loads a Dangerfile through require(): the `require` condition's bundle must keep the
    // review's isolation (a model that exhausts memory ends its worker, not the Danger run).
    const dir = repo();
    const script = `
      const wt = require('node:worker_threads');
      let started = 0;
      const W = wt.Worker;
      wt.Worker = class extends W { constructor(...a) { started++; super(...a); } };
      const { modelcost } = require(${JSON.stringify(join(ROOT, 'packages/danger-plugin/dist/index.cjs'))});
      const out = { markdown: [], fail: [], warn: [] };
      const d = { danger: { git: { created_files: [], modified_files: ['models/cnn.onnx'], deleted_files: [], base: 'HEAD~1', head: 'HEAD' } },
        markdown: (t) => out.markdown.push(t), fail: (t) => out.fail.push(t), warn: (t) => out.warn.push(t) };
      modelcost({ cwd: ${JSON.stringify(dir)} }, d).then(() => console.log(JSON.stringify({ started, row: out.markdown[0].includes('| \`models/cnn.onnx\` | 24.2 K → 53.6 K') })));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ started: 1, row: true });
  });
});

describe('danger local end to end', () => {
  function dangerLocal(dir: string) {
    writeFileSync(join(dir, 'dangerfile.js'), `const { modelcost } = require(${JSON.stringify(join(ROOT, 'packages/danger-plugin/dist/index.cjs'))});\nschedule(modelcost());\n`);
    const r = spawnSync(join(ROOT, 'node_modules/.bin/danger'), ['local', '--base', 'HEAD~1', '--outputJSON', '--failOnErrors'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (r.stdout.indexOf('{') !== 0) throw new Error(`danger local printed no JSON (exit ${r.status}): ${r.stdout.slice(0, 400)} ${r.stderr.slice(0, 400)}`);
    const json = JSON.parse(r.stdout);
    return { code: r.status, json };
  }
  it('carries the cost table with the right numbers; a breach fails the run', () => {
    const ok = dangerLocal(repo());
    expect(ok.code).toBe(0);
    expect(ok.json.markdowns[0].message).toContain('24.2 K → 53.6 K (+29.4 K, +121.3%)');
    const bad = dangerLocal(repo('budgets:\n  - name: cnn\n    max: { params: 50K }\n'));
    expect(bad.code).not.toBe(0);
    // The rule has no match, so it covers every model: the LFS pointer, which cannot be profiled, fails it too.
    expect(bad.json.fails.map((f: { message: string }) => f.message)).toEqual([
      'modelcost: cnn: the model could not be profiled, so its budget cannot pass (Git LFS pointer, not the model: check out with LFS (actions/checkout \\`lfs: true\\`, or \\`git lfs pull\\`))',
      'modelcost: cnn: params 53.6 K exceeds max 50 K',
    ]);
  }, 240_000);
});
