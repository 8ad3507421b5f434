/**
 * Acceptance: a throwaway Nx workspace installs @modelcost/nx (and core, onnx, report) from this
 * monorepo's packed tarballs plus nx from the registry, then
 *  - `nx run-many -t modelcost` profiles both projects, a second run is a cache hit for each,
 *  - with outputs deleted, a third run restores them from the cache,
 *  - after a model changes, `nx affected -t modelcost --base=HEAD` runs only that project.
 * Takes a minute or so (npm install). Set MODELCOST_SKIP_E2E=1 to skip.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProject, createWorkspace, git, listFiles, packPackages, runNx, tasksIn } from './support/workspace.mjs';
import type { ReportsIndex } from '../src/executors/profile/executor.js';
import { TINY_CNN, TINY_CNN_PR, TINY_ENCODER } from './helpers.js';

// From `node packages/cli/bin/modelcost.cjs profile <model> --json` (totals.params / totals.flops):
const TINY_CNN_PARAMS = 24234; // examples/models/tiny-cnn.onnx
const TINY_CNN_FLOPS = 22619392;
const TINY_CNN_PR_PARAMS = 53626; // examples/pr/tiny-cnn.onnx
// examples/models/tiny-encoder.onnx, --dim batch=1 --dim seq=128. Its four int64 shape-vector initializers fed
// to Concat are constants, not params (docs/cost-conventions.md, "What counts as a parameter").
const TINY_ENCODER_PARAMS = 196866;
const TINY_ENCODER_FLOPS = 35187200;

interface Totals {
  totals: { params: number; flops: number };
  model: { path: string };
}

const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe.skipIf(process.env.MODELCOST_SKIP_E2E === '1')('e2e: @modelcost/nx in a fresh Nx workspace', { timeout: 600_000 }, () => {
  let tmp: string;
  let ws: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'modelcost-nx-e2e-'));
    ws = join(tmp, 'ws');
    const tarballs = packPackages(join(tmp, 'tarballs'));
    createWorkspace(ws, tarballs);
    addProject(ws, 'vision', 'vision', { 'models/tiny-cnn.onnx': readFileSync(TINY_CNN) });
    addProject(ws, 'text', 'text', { 'tiny-encoder.onnx': readFileSync(TINY_ENCODER), 'README.md': 'no model\n' });
    // A repository with its first commit from the start: Nx keys its local cache to the repository,
    // so entries written before `git init` / the first commit are not reused after it.
    git(ws, ['init', '-q', '-b', 'main']);
    git(ws, ['add', '-A']);
    git(ws, ['commit', '-q', '-m', 'initial']);
  }, 600_000);

  afterAll(() => {
    if (tmp && !process.env.MODELCOST_KEEP_E2E) rmSync(tmp, { recursive: true, force: true });
  });

  it('infers the target with the model globs, the config and the plugin as inputs', () => {
    const r = runNx(ws, ['show', 'project', 'vision', '--json']);
    expect(r.status, r.output).toBe(0);
    const project = JSON.parse(r.output.slice(r.output.indexOf('{'))) as { targets: Record<string, unknown> };
    expect(project.targets.modelcost).toMatchObject({
      executor: '@modelcost/nx:profile',
      cache: true,
      inputs: ['{projectRoot}/**/*.onnx', '{workspaceRoot}/.modelcost.yml', { externalDependencies: ['@modelcost/nx'] }],
      outputs: ['{workspaceRoot}/dist/modelcost/{projectRoot}'],
    });
  });

  it('profiles every project, then hits the cache for every project', () => {
    const first = runNx(ws, ['run-many', '-t', 'modelcost', '--output-style=static']);
    expect(first.status, first.output).toBe(0);
    expect(tasksIn(first.output)).toEqual(['text:modelcost', 'vision:modelcost']);
    expect(first.output).not.toMatch(/read the output from the cache/);
    expect(first.output).toContain(`✓ vision/models/tiny-cnn.onnx: params 24.2 K`);

    const out = join(ws, 'dist/modelcost');
    expect(listFiles(out)).toEqual(['text/index.json', 'text/tiny-encoder.onnx.json', 'vision/index.json', 'vision/models/tiny-cnn.onnx.json']);
    const cnn = json<Totals>(join(out, 'vision/models/tiny-cnn.onnx.json'));
    expect(cnn.model.path).toBe('vision/models/tiny-cnn.onnx');
    expect(cnn.totals).toMatchObject({ params: TINY_CNN_PARAMS, flops: TINY_CNN_FLOPS });
    expect(json<Totals>(join(out, 'text/tiny-encoder.onnx.json')).totals).toMatchObject({ params: TINY_ENCODER_PARAMS, flops: TINY_ENCODER_FLOPS });
    const index = json<ReportsIndex>(join(out, 'vision/index.json'));
    expect(index).toEqual({ schemaVersion: 1, reports: [{ path: 'vision/models/tiny-cnn.onnx', report: 'models/tiny-cnn.onnx.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }] });

    const second = runNx(ws, ['run-many', '-t', 'modelcost', '--output-style=static']);
    expect(second.status, second.output).toBe(0);
    // Every task is reported as restored from the cache, none ran (Nx replays the cached log).
    expect(second.output).toMatch(/Nx read the output from the cache instead of running the command for 2 out of 2 tasks/);
    expect(second.output).toMatch(/Cache:\s+2\/2 hit \(100%\)/);
    expect(second.output.match(/^> nx run \S+:modelcost\s+\[(local cache|existing outputs match the cache, left as is)\]$/gm)).toHaveLength(2);
    console.log(`e2e: cold run ${first.ms.toFixed(0)} ms, cached run ${second.ms.toFixed(0)} ms`);

    // Outputs deleted: restored from the cache, still without profiling.
    rmSync(out, { recursive: true, force: true });
    const third = runNx(ws, ['run-many', '-t', 'modelcost', '--output-style=static']);
    expect(third.status, third.output).toBe(0);
    expect(third.output).toMatch(/Nx read the output from the cache instead of running the command for 2 out of 2 tasks/);
    expect(third.output.match(/^> nx run \S+:modelcost\s+\[local cache\]$/gm)).toHaveLength(2);
    expect(json<Totals>(join(out, 'vision/models/tiny-cnn.onnx.json')).totals.params).toBe(TINY_CNN_PARAMS);
  });

  it('runs only the project whose model changed under nx affected', () => {
    const textReport = join(ws, 'dist/modelcost/text/tiny-encoder.onnx.json');
    const before = statSync(textReport).mtimeMs;

    cpSync(TINY_CNN_PR, join(ws, 'vision/models/tiny-cnn.onnx'));
    const affected = runNx(ws, ['affected', '-t', 'modelcost', '--base=HEAD', '--output-style=static']);
    expect(affected.status, affected.output).toBe(0);
    expect(tasksIn(affected.output)).toEqual(['vision:modelcost']);
    expect(affected.output).toMatch(/Successfully ran target modelcost for project vision/);
    expect(affected.output).toContain('✓ vision/models/tiny-cnn.onnx: params 53.6 K');
    expect(json<Totals>(join(ws, 'dist/modelcost/vision/models/tiny-cnn.onnx.json')).totals.params).toBe(TINY_CNN_PR_PARAMS);
    expect(statSync(textReport).mtimeMs).toBe(before);

    // A full run now finds both in the cache: the changed model's report was cached by `affected`.
    const all = runNx(ws, ['run-many', '-t', 'modelcost', '--output-style=static']);
    expect(all.status, all.output).toBe(0);
    expect(all.output).toMatch(/Nx read the output from the cache instead of running the command for 2 out of 2 tasks/);
    // Committed, the change is the base: nothing is affected any more.
    git(ws, ['commit', '-q', '-am', 'bigger cnn']);
    const none = runNx(ws, ['affected', '-t', 'modelcost', '--base=HEAD', '--output-style=static']);
    expect(none.status, none.output).toBe(0);
    expect(tasksIn(none.output)).toEqual([]);
  });
});
