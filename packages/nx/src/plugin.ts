/**
 * The inferred `modelcost` target.
 *
 * Design: the plugin matches project files (`project.json`, `package.json`), not config files. A
 * project gets the target when the `.modelcost.yml` governing it (the nearest one at or above its
 * root, or the one named by the plugin's `config` option) selects at least one file inside it. So a
 * single root config serves every project, a project may carry its own config, and a config in a
 * folder that is no project still works, with the same glob semantics as `modelcost check`
 * (globs relative to the config's folder). Files under a nested project belong to that project.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { createNodesFromFiles, type CreateNodesContext, type CreateNodesResult, type CreateNodesV2, type TargetConfiguration } from '@nx/devkit';
import { ConfigError, findConfig, findProjectModels, loadConfig, modelInputs, normalizeRel } from './models.js';
import type { ModelcostConfig } from '@modelcost/report';

/** Options of the plugin entry in nx.json (`{ "plugin": "@modelcost/nx", "options": {...} }`). */
export interface ModelcostPluginOptions {
  /** Name of the inferred target, default `modelcost`. */
  readonly targetName?: string;
  /** Workspace-relative config path used for every project, default: the nearest `.modelcost.yml`. */
  readonly config?: string;
}

/** Glob of the files that define projects. */
export const PROJECT_FILES_GLOB = '**/{project.json,package.json}';

/** Workspace-relative root of every real project among the matched project files. */
function projectRoots(files: readonly string[], workspaceRoot: string): Set<string> {
  const roots = new Set<string>();
  for (const f of files) {
    const root = normalizeRel(posix.dirname(f));
    const name = posix.basename(f);
    // The workspace's own package.json is a project only when it says so (an "nx" key) or a
    // project.json sits beside it (matched separately).
    if (name === 'package.json' && root === '') {
      try {
        if (!('nx' in JSON.parse(readFileSync(join(workspaceRoot, f), 'utf8')))) continue;
      } catch {
        continue;
      }
    }
    roots.add(root);
  }
  return roots;
}

const LOCKFILES = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/**
 * Whether Nx can hash `@modelcost/nx` as an external dependency: it must be installed from a
 * registry or tarball (not a symlink to a workspace package) and the workspace must have a lockfile,
 * else Nx fails the task with "externalDependency could not be found".
 */
export function pluginIsExternal(workspaceRoot: string): boolean {
  if (!LOCKFILES.some((f) => existsSync(join(workspaceRoot, f)))) return false;
  try {
    const pkg = createRequire(join(workspaceRoot, 'package.json')).resolve('@modelcost/nx/package.json');
    return realpathSync(pkg).split(/[\\/]/).includes('node_modules');
  } catch {
    return false;
  }
}

/** The target for one project, or undefined when no model of it is selected. */
export function modelcostTarget(workspaceRoot: string, projectRoot: string, configPath: string, config: ModelcostConfig, allRoots: readonly string[], hashPlugin = true): TargetConfiguration | undefined {
  const models = findProjectModels(workspaceRoot, configPath, config.models, projectRoot, allRoots);
  if (models.length === 0) return undefined;
  return {
    executor: '@modelcost/nx:profile',
    cache: true,
    inputs: [...modelInputs(configPath, config.models, projectRoot, models), `{workspaceRoot}/${configPath}`, ...(hashPlugin ? [{ externalDependencies: ['@modelcost/nx'] }] : [])],
    outputs: ['{workspaceRoot}/dist/modelcost/{projectRoot}'],
    options: { config: configPath },
    metadata: {
      description: `Profile ${models.length} model${models.length === 1 ? '' : 's'} (params, MACs, FLOPs, bytes) selected by ${configPath}`,
      technologies: ['modelcost'],
    },
  };
}

/**
 * Build the nodes for all matched project files at once (configs are parsed once per run).
 * A config with errors fails only the projects it governs, with the config's path and problems.
 */
export function createModelcostNodes(files: readonly string[], options: ModelcostPluginOptions | undefined, context: CreateNodesContext): Promise<Array<readonly [string, CreateNodesResult]>> {
  const targetName = options?.targetName ?? 'modelcost';
  const roots = projectRoots(files, context.workspaceRoot);
  const allRoots = [...roots];
  const hashPlugin = pluginIsExternal(context.workspaceRoot);
  const configs = new Map<string, ModelcostConfig | ConfigError>();
  const configFor = (path: string): ModelcostConfig => {
    let c = configs.get(path);
    if (!c) {
      try {
        c = loadConfig(context.workspaceRoot, path).config;
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        c = e;
      }
      configs.set(path, c);
    }
    if (c instanceof ConfigError) throw c;
    return c;
  };
  const done = new Set<string>();
  return createNodesFromFiles<ModelcostPluginOptions | undefined>(
    (file) => {
      const root = normalizeRel(posix.dirname(file));
      // One node per root, even when it has both a project.json and a package.json.
      if (!roots.has(root) || done.has(root)) return {};
      done.add(root);
      const configPath = findConfig(context.workspaceRoot, root, options?.config);
      if (!configPath) return {};
      if (options?.config && !existsSync(join(context.workspaceRoot, configPath))) throw new ConfigError(configPath, ['no such file (the @modelcost/nx plugin option "config")']);
      const target = modelcostTarget(context.workspaceRoot, root, configPath, configFor(configPath), allRoots, hashPlugin);
      if (!target) return {};
      return { projects: { [root === '' ? '.' : root]: { targets: { [targetName]: target } } } };
    },
    files,
    options,
    context,
  );
}

/** The Nx plugin hook: infer a cached `modelcost` target for every project holding models. */
export const createNodesV2: CreateNodesV2<ModelcostPluginOptions> = [PROJECT_FILES_GLOB, createModelcostNodes];
