/**
 * Generator `@modelcost/nx:init` (also what `nx add @modelcost/nx` runs): registers the plugin in
 * nx.json and writes a starter `.modelcost.yml` at the workspace root when there is none.
 */
import { formatFiles, readNxJson, updateNxJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { CONFIG_FILE } from '../../models.js';

/** Options of the generator (schema: schemas/init.json). */
export interface InitGeneratorOptions {
  /** Name of the inferred target, default `modelcost`. */
  readonly targetName?: string;
  /** Model globs for the starter config, default `**\/*.onnx`. */
  readonly models?: readonly string[];
  readonly skipFormat?: boolean;
}

/** The package name under which the plugin is registered. */
export const PLUGIN_NAME = '@modelcost/nx';

/** The starter `.modelcost.yml`. */
export function starterConfig(models: readonly string[]): string {
  return [
    '# modelcost configuration: which files are models, the dims to bind and the budgets that fail a check.',
    '# The @modelcost/nx plugin adds a cached `modelcost` target to every project holding a selected model.',
    `models: [${models.map((m) => JSON.stringify(m)).join(', ')}]`,
    'dims: { batch: 1 }',
    '# budgets:',
    '#   - match: "**/*.onnx"',
    '#     max: { params: 25M, flops: 10G }',
    '#     maxIncrease: { flops: 5% }',
    '',
  ].join('\n');
}

export default async function initGenerator(tree: Tree, options: InitGeneratorOptions = {}): Promise<GeneratorCallback | void> {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const registered = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (!registered) {
    const targetName = options.targetName && options.targetName !== 'modelcost' ? options.targetName : undefined;
    plugins.push(targetName ? { plugin: PLUGIN_NAME, options: { targetName } } : PLUGIN_NAME);
    nxJson.plugins = plugins;
    updateNxJson(tree, nxJson);
  }
  if (!tree.exists(CONFIG_FILE)) tree.write(CONFIG_FILE, starterConfig(options.models?.length ? options.models : ['**/*.onnx']));
  if (!options.skipFormat) await formatFiles(tree);
}
