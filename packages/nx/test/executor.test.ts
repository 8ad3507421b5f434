import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import profileExecutor, { type ProfileExecutorOptions, type ReportsIndex } from '../src/executors/profile/executor.js';
import { tempTree, TINY_CNN, TINY_ENCODER } from './helpers.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function context(root: string, projects: Record<string, string>, projectName: string): ExecutorContext {
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName,
    targetName: 'modelcost',
    projectsConfigurations: { version: 2, projects: Object.fromEntries(Object.entries(projects).map(([name, r]) => [name, { root: r }])) },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  } as ExecutorContext;
}

async function run(ws: string, options: ProfileExecutorOptions, projects: Record<string, string>, name: string): Promise<{ success: boolean; log: string; err: string }> {
  const log: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: string) => void log.push(m));
  vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
  vi.spyOn(console, 'warn').mockImplementation((m: string) => void err.push(m));
  const { success } = await profileExecutor(options, context(ws, projects, name));
  vi.restoreAllMocks();
  return { success, log: log.join('\n'), err: err.join('\n') };
}

const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('@modelcost/nx:profile', () => {
  it('writes one report per model (path mirrored, .json appended) and index.json', async () => {
    const ws = tempTree({
      '.modelcost.yml': 'models: ["**/*.onnx"]\ndims: { batch: 1, seq: 128 }\n',
      'libs/a/project.json': '{}',
      'libs/a/cnn.onnx': { copy: TINY_CNN },
      'libs/a/nets/enc.onnx': { copy: TINY_ENCODER },
      'libs/a/inner/project.json': '{}',
      'libs/a/inner/other.onnx': { copy: TINY_CNN },
    });
    roots.push(ws);
    const r = await run(ws, { config: '.modelcost.yml' }, { a: 'libs/a', inner: 'libs/a/inner' }, 'a');
    expect(r.err).toBe('');
    expect(r.success).toBe(true);
    expect(r.log).toContain('✓ libs/a/cnn.onnx: params 24.2 K');
    const out = join(ws, 'dist/modelcost/libs/a');
    const index = json<ReportsIndex>(join(out, 'index.json'));
    const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(index).toEqual({
      schemaVersion: 1,
      reports: [
        { path: 'libs/a/cnn.onnx', report: 'cnn.onnx.json', sha256: sha(TINY_CNN) },
        { path: 'libs/a/nets/enc.onnx', report: 'nets/enc.onnx.json', sha256: sha(TINY_ENCODER) },
      ],
    });
    const cnn = json<{ schemaVersion: number; model: { path: string }; totals: { params: number; flops: number } }>(join(out, 'cnn.onnx.json'));
    expect(cnn.schemaVersion).toBe(2);
    expect(cnn.model.path).toBe('libs/a/cnn.onnx');
    // `modelcost profile examples/models/tiny-cnn.onnx --json`: params 24234, flops 22619392.
    expect(cnn.totals).toMatchObject({ params: 24234, flops: 22619392 });
    // The config's dims reach the profiler (seq bound to 128, not the default 1).
    const enc = json<{ dims: Record<string, number>; totals: { params: number; flops: number } }>(join(out, 'nets/enc.onnx.json'));
    expect(enc.dims).toEqual({ batch: 1, seq: 128 });
    // 196,866: the four int64 shape-vector initializers fed to Concat are constants, not params.
    expect(enc.totals).toMatchObject({ params: 196866, flops: 35187200 });
  });

  it('lets options override dims and convention, and removes reports of models that are gone', async () => {
    const ws = tempTree({ '.modelcost.yml': 'models: ["**/*.onnx"]\ndims: { seq: 128 }\n', 'p/project.json': '{}', 'p/a.onnx': { copy: TINY_CNN }, 'p/b.onnx': { copy: TINY_ENCODER } });
    roots.push(ws);
    expect((await run(ws, {}, { p: 'p' }, 'p')).success).toBe(true);
    expect(existsSync(join(ws, 'dist/modelcost/p/b.onnx.json'))).toBe(true);
    rmSync(join(ws, 'p/b.onnx'));
    const r = await run(ws, { dims: { seq: 64 }, convention: 'exact' }, { p: 'p' }, 'p');
    expect(r.success).toBe(true);
    expect(existsSync(join(ws, 'dist/modelcost/p/b.onnx.json'))).toBe(false);
    const a = json<{ convention: string }>(join(ws, 'dist/modelcost/p/a.onnx.json'));
    expect(a.convention).toBe('exact');
    expect(json<ReportsIndex>(join(ws, 'dist/modelcost/p/index.json')).reports.map((e) => e.path)).toEqual(['p/a.onnx']);
  });

  it('fails naming the file when a model is unreadable, and still writes the others', async () => {
    const ws = tempTree({ '.modelcost.yml': 'models: ["**/*.onnx"]\n', 'p/project.json': '{}', 'p/a.onnx': { copy: TINY_CNN }, 'p/bad.onnx': 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n' });
    roots.push(ws);
    const r = await run(ws, {}, { p: 'p' }, 'p');
    expect(r.success).toBe(false);
    expect(r.err).toMatch(/^✗ p\/bad\.onnx: /);
    expect(json<ReportsIndex>(join(ws, 'dist/modelcost/p/index.json')).reports.map((e) => e.path)).toEqual(['p/a.onnx']);
  });

  it('fails with a message when there is no config, the config is invalid or an option is wrong', async () => {
    const none = tempTree({ 'p/project.json': '{}', 'p/a.onnx': { copy: TINY_CNN } });
    const bad = tempTree({ '.modelcost.yml': 'models: 3\n', 'p/project.json': '{}' });
    roots.push(none, bad);
    const r1 = await run(none, {}, { p: 'p' }, 'p');
    expect(r1).toMatchObject({ success: false, err: expect.stringContaining('no .modelcost.yml at or above p') });
    const r2 = await run(bad, {}, { p: 'p' }, 'p');
    expect(r2).toMatchObject({ success: false, err: expect.stringMatching(/^modelcost: \.modelcost\.yml: models: /) });
    const r3 = await run(bad, { convention: 'fast' as never }, { p: 'p' }, 'p');
    expect(r3).toMatchObject({ success: false, err: expect.stringContaining('option "convention"') });
  });
});
