import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import initGenerator, { starterConfig } from '../src/generators/init/generator.js';
import { parseConfig } from '@modelcost/report';

describe('@modelcost/nx:init', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('registers the plugin once and writes a starter config that parses', async () => {
    await initGenerator(tree, { skipFormat: true });
    await initGenerator(tree, { skipFormat: true });
    const plugins = readJson(tree, 'nx.json').plugins as unknown[];
    expect(plugins.filter((p) => p === '@modelcost/nx')).toHaveLength(1);
    const text = tree.read('.modelcost.yml', 'utf8')!;
    const parsed = parseConfig(text, '.modelcost.yml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.value!.models).toEqual(['**/*.onnx']);
  });

  it('keeps an existing config and an existing plugin entry with options', async () => {
    tree.write('.modelcost.yml', 'models: ["m/*.onnx"]\n');
    const nx = readJson(tree, 'nx.json');
    tree.write('nx.json', JSON.stringify({ ...nx, plugins: [{ plugin: '@modelcost/nx', options: { targetName: 'cost' } }] }));
    await initGenerator(tree, { skipFormat: true });
    expect(tree.read('.modelcost.yml', 'utf8')).toBe('models: ["m/*.onnx"]\n');
    expect(readJson(tree, 'nx.json').plugins).toEqual([{ plugin: '@modelcost/nx', options: { targetName: 'cost' } }]);
  });

  it('takes a target name and model globs', async () => {
    await initGenerator(tree, { targetName: 'cost', models: ['models/**/*.onnx'], skipFormat: true });
    expect(readJson(tree, 'nx.json').plugins).toContainEqual({ plugin: '@modelcost/nx', options: { targetName: 'cost' } });
    expect(parseConfig(tree.read('.modelcost.yml', 'utf8')!, 'x').value!.models).toEqual(['models/**/*.onnx']);
    expect(starterConfig(['a'])).toContain('models: ["a"]');
  });
});
