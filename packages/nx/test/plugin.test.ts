import { rmSync } from 'node:fs';
import type { CreateNodesContext, TargetConfiguration } from '@nx/devkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodes, createNodesV2 } from '../src/index.js';
import { findConfig, findProjectModels, modelInputs, searchRoots } from '../src/models.js';
import { tempTree, TINY_CNN, TINY_ENCODER } from './helpers.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function tree(files: Parameters<typeof tempTree>[0]): string {
  const r = tempTree(files);
  roots.push(r);
  return r;
}

const ctx = (workspaceRoot: string): CreateNodesContext => ({ workspaceRoot, nxJsonConfiguration: {} });

/** Run the plugin over `files` and return root -> targets. */
async function infer(workspaceRoot: string, files: string[], options?: { targetName?: string; config?: string }): Promise<Record<string, Record<string, TargetConfiguration>>> {
  const results = await createNodesV2[1](files, options, ctx(workspaceRoot));
  const out: Record<string, Record<string, TargetConfiguration>> = {};
  for (const [, r] of results) for (const [root, p] of Object.entries(r.projects ?? {})) out[root] = p.targets ?? {};
  return out;
}

describe('createNodesV2', () => {
  it('is exported under both names with the project-file glob', () => {
    expect(createNodes).toBe(createNodesV2);
    expect(createNodesV2[0]).toBe('**/{project.json,package.json}');
  });

  it('infers a cached target for each project holding a model the root config selects', async () => {
    const ws = tree({
      'package.json': '{"name":"ws"}',
      '.modelcost.yml': 'models: ["**/*.onnx"]\n',
      'libs/a/project.json': '{"name":"a"}',
      'libs/a/tiny-cnn.onnx': { copy: TINY_CNN },
      'libs/b/package.json': '{"name":"b"}',
      'libs/b/models/enc.onnx': { copy: TINY_ENCODER },
      'libs/c/project.json': '{"name":"c"}',
      'libs/c/readme.md': 'no models here',
    });
    const nodes = await infer(ws, ['package.json', 'libs/a/project.json', 'libs/b/package.json', 'libs/c/project.json']);
    expect(Object.keys(nodes).sort()).toEqual(['libs/a', 'libs/b']);
    expect(nodes['libs/a']!.modelcost).toEqual({
      executor: '@modelcost/nx:profile',
      cache: true,
      inputs: ['{projectRoot}/**/*.onnx', '{workspaceRoot}/.modelcost.yml'],
      outputs: ['{workspaceRoot}/dist/modelcost/{projectRoot}'],
      options: { config: '.modelcost.yml' },
      metadata: { description: 'Profile 1 model (params, MACs, FLOPs, bytes) selected by .modelcost.yml', technologies: ['modelcost'] },
    });
  });

  it('hashes @modelcost/nx as an external dependency only when it is installed under node_modules with a lockfile', async () => {
    // This temp workspace cannot resolve @modelcost/nx (and the monorepo's copy is a symlink to the
    // source), so the input is left out; the e2e test covers the installed case.
    const ws = tree({ 'package-lock.json': '{}', '.modelcost.yml': 'models: ["**/*.onnx"]\n', 'p/project.json': '{}', 'p/m.onnx': { copy: TINY_CNN } });
    const nodes = await infer(ws, ['p/project.json']);
    expect(nodes['p']!.modelcost!.inputs).not.toContainEqual({ externalDependencies: ['@modelcost/nx'] });
  });

  it('uses the nearest config, honours targetName and skips projects outside the globs', async () => {
    const ws = tree({
      '.modelcost.yml': 'models: ["models/**/*.onnx"]\n',
      'apps/x/project.json': '{}',
      'apps/x/models/m.onnx': { copy: TINY_CNN },
      'apps/x/other/ignored.onnx': { copy: TINY_CNN },
      'apps/y/project.json': '{}',
      'apps/y/.modelcost.yml': 'models: ["nets/*.onnx"]\n',
      'apps/y/nets/n.onnx': { copy: TINY_CNN },
    });
    const nodes = await infer(ws, ['apps/x/project.json', 'apps/y/project.json'], { targetName: 'cost' });
    // Root glob `models/**` is relative to the root: apps/x/models is not under it.
    expect(nodes['apps/x']).toBeUndefined();
    expect(nodes['apps/y']!.cost!.inputs).toEqual(['{projectRoot}/nets/*.onnx', '{workspaceRoot}/apps/y/.modelcost.yml']);
    expect(nodes['apps/y']!.cost!.options).toEqual({ config: 'apps/y/.modelcost.yml' });
  });

  it('leaves files of a nested project to that project, and the root package.json alone unless it is a project', async () => {
    const ws = tree({
      'package.json': '{"name":"ws"}',
      '.modelcost.yml': 'models: ["**/*.onnx"]\n',
      'top.onnx': { copy: TINY_CNN },
      'outer/project.json': '{}',
      'outer/a.onnx': { copy: TINY_CNN },
      'outer/inner/project.json': '{}',
      'outer/inner/b.onnx': { copy: TINY_CNN },
    });
    expect(findProjectModels(ws, '.modelcost.yml', ['**/*.onnx'], 'outer', ['outer', 'outer/inner', ''])).toEqual(['outer/a.onnx']);
    const nodes = await infer(ws, ['package.json', 'outer/project.json', 'outer/inner/project.json']);
    expect(Object.keys(nodes).sort()).toEqual(['outer', 'outer/inner']);
    const ws2 = tree({ 'package.json': '{"name":"ws","nx":{}}', '.modelcost.yml': 'models: ["*.onnx"]\n', 'top.onnx': { copy: TINY_CNN } });
    expect(Object.keys(await infer(ws2, ['package.json']))).toEqual(['.']);
  });

  it('reports an invalid config with its path', async () => {
    const ws = tree({ '.modelcost.yml': 'models: 3\n', 'p/project.json': '{}', 'p/m.onnx': { copy: TINY_CNN } });
    const error = await infer(ws, ['p/project.json']).then(
      () => undefined,
      (e: unknown) => e as { errors: [string, Error][] },
    );
    expect(error!.errors.map(([file, e]) => [file, e.message])).toEqual([['p/project.json', expect.stringMatching(/^\.modelcost\.yml: models: /)]]);
  });
});

describe('model selection helpers', () => {
  it('finds the nearest config at or above the project root', () => {
    const ws = tree({ '.modelcost.yml': '', 'a/b/.modelcost.yml': '', 'a/b/c/x': '' });
    expect(findConfig(ws, 'a/b/c')).toBe('a/b/.modelcost.yml');
    expect(findConfig(ws, 'a')).toBe('.modelcost.yml');
    expect(findConfig(ws, 'a', 'cfg/x.yml')).toBe('cfg/x.yml');
    const empty = tree({ 'a/x': '' });
    expect(findConfig(empty, 'a')).toBeUndefined();
  });

  it('searches only folders the globs can match in', () => {
    expect(searchRoots('.modelcost.yml', ['models/**/*.onnx'], 'models/det')).toEqual(['models/det']);
    expect(searchRoots('.modelcost.yml', ['libs/a/models/**/*.onnx', 'libs/a/x/*.onnx'], 'libs/a')).toEqual(['libs/a/models', 'libs/a/x']);
    expect(searchRoots('.modelcost.yml', ['other/**/*.onnx'], 'libs/a')).toEqual([]);
    expect(searchRoots('.modelcost.yml', ['libs/a/m.onnx'], 'libs/a')).toEqual(['libs/a']);
  });

  it('translates config globs into project-scoped Nx inputs, else lists the files', () => {
    const files = ['libs/a/m/x.onnx'];
    expect(modelInputs('.modelcost.yml', ['**/*.onnx'], 'libs/a', files)).toEqual(['{projectRoot}/**/*.onnx']);
    expect(modelInputs('.modelcost.yml', ['libs/a/m/**/*.onnx', 'other/*.onnx'], 'libs/a', files)).toEqual(['{projectRoot}/m/**/*.onnx']);
    expect(modelInputs('libs/.modelcost.yml', ['a/m/*.onnx'], 'libs/a', files)).toEqual(['{projectRoot}/m/*.onnx']);
    expect(modelInputs('.modelcost.yml', ['libs/a/m/x.onnx'], 'libs/a', files)).toEqual(['{projectRoot}/m/x.onnx']);
    expect(modelInputs('.modelcost.yml', ['libs/a/**'], 'libs/a', files)).toEqual(['{projectRoot}/**']);
    // Not expressible as one project-scoped glob: the matched files one by one.
    expect(modelInputs('.modelcost.yml', ['*/a/m/*.onnx'], 'libs/a', files)).toEqual(['{projectRoot}/m/x.onnx']);
    expect(modelInputs('.modelcost.yml', ['**/m/*.onnx'], 'libs/a', files)).toEqual(['{projectRoot}/m/x.onnx']);
    expect(modelInputs('.modelcost.yml', ['{libs,apps}/**/*.onnx'], 'libs/a', files)).toEqual(['{projectRoot}/m/x.onnx']);
  });
});
