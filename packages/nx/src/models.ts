/**
 * Which `.modelcost.yml` governs a project and which of the project's files it selects. Shared by the
 * inferred-target plugin (which needs the list to compute cache inputs) and the executor (which
 * profiles it), so both agree file for file: globs are picomatch globs relative to the config file's
 * directory, and `node_modules`, `.git`, `dist` and `.nx` are skipped. (`modelcost check` takes git's
 * file list instead, .gitignore deciding, so it also checks models committed under such folders.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { compileGlob, parseConfig, type ModelcostConfig } from '@modelcost/report';
import picomatch from 'picomatch';

/** The config file name looked for at and above a project root. */
export const CONFIG_FILE = '.modelcost.yml';

/** Folders never searched for models (`modelcost check` lets .gitignore decide instead). */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', '.nx']);

/** Normalize a workspace-relative path: `/`-separated, no leading `./`, `''` for the root. */
export function normalizeRel(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return p === '.' ? '' : p;
}

/** `dir/name`, or `name` when `dir` is the workspace root. */
export function joinRel(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Whether `path` is `dir` or lies under it (both workspace-relative, normalized; `''` is the root). */
export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/**
 * The workspace-relative path of the config governing `projectRoot`: `explicit` when given, else the
 * nearest `.modelcost.yml` at or above the project root (up to the workspace root), else undefined.
 */
export function findConfig(workspaceRoot: string, projectRoot: string, explicit?: string): string | undefined {
  if (explicit) return normalizeRel(explicit);
  let dir = normalizeRel(projectRoot);
  for (;;) {
    const candidate = joinRel(dir, CONFIG_FILE);
    if (existsSync(join(workspaceRoot, candidate))) return candidate;
    if (dir === '') return undefined;
    const up = posix.dirname(dir);
    dir = up === '.' ? '' : up;
  }
}

/** Why a config could not be used: its path and every problem found. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join(`; `)}`);
  }
}

/** Parse the config at workspace-relative `path`. Throws {@link ConfigError} when missing or invalid. */
export function loadConfig(workspaceRoot: string, path: string): { config: ModelcostConfig; warnings: string[] } {
  const full = join(workspaceRoot, path);
  if (!existsSync(full)) throw new ConfigError(path, ['no such file']);
  const parsed = parseConfig(readFileSync(full, 'utf8'), path);
  if (!parsed.value) throw new ConfigError(path, parsed.errors);
  return { config: parsed.value, warnings: parsed.warnings };
}

/** The directory of a workspace-relative config path (`''` for the root). */
export function configDir(configPath: string): string {
  const d = posix.dirname(normalizeRel(configPath));
  return d === '.' ? '' : d;
}

/**
 * A predicate on workspace-relative paths: true for files the config's `models` globs select
 * (matched relative to the config's directory, as `modelcost check` does) outside skipped folders.
 */
export function modelMatcher(configPath: string, globs: readonly string[]): (path: string) => boolean {
  const base = configDir(configPath);
  // The same linear-time matcher as the review and `modelcost check` (no regex backtracking).
  const isMatch = compileGlob(globs);
  return (path) => {
    if (!isUnder(path, base)) return false;
    const rel = base ? path.slice(base.length + 1) : path;
    if (rel.split('/').some((seg) => SKIP_DIRS.has(seg))) return false;
    return isMatch(rel);
  };
}

/**
 * Model files of the project at `projectRoot` (workspace-relative, sorted): files under the root
 * that `matches`, excluding files under `nestedRoots` (projects nested inside this one own those).
 */
export function listProjectModels(workspaceRoot: string, projectRoot: string, matches: (path: string) => boolean, nestedRoots: readonly string[] = []): string[] {
  const root = normalizeRel(projectRoot);
  const nested = new Set(nestedRoots.map(normalizeRel).filter((r) => r !== root && isUnder(r, root)));
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(join(workspaceRoot, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = joinRel(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !nested.has(rel)) walk(rel);
      } else if (e.isFile() && matches(rel)) out.push(rel);
    }
  };
  walk(root);
  return out.sort();
}

/** One `models` glob split into the literal folder it starts from and the pattern below it. */
interface SplitGlob {
  /** Workspace-relative literal folder (`''` for the root). */
  readonly base: string;
  /** The pattern below `base` (`''` for a literal file, which then is `base`). */
  readonly rest: string;
  readonly negated: boolean;
}

function splitGlob(configPath: string, glob: string): SplitGlob {
  const s = picomatch.scan(glob);
  const dir = configDir(configPath);
  if (!s.isGlob) return { base: joinRel(dir, normalizeRel(s.base)), rest: '', negated: s.negated };
  return { base: joinRel(dir, normalizeRel(s.base)), rest: s.glob, negated: s.negated };
}

/**
 * Folders to search for the project's models: for each glob, the deeper of its literal base and the
 * project root, when one contains the other (a glob whose base lies elsewhere cannot match here).
 * A negated glob searches the whole project root.
 */
export function searchRoots(configPath: string, globs: readonly string[], projectRoot: string): string[] {
  const root = normalizeRel(projectRoot);
  const dirs = new Set<string>();
  for (const g of globs) {
    const s = splitGlob(configPath, g);
    const base = s.rest === '' && !s.negated ? posix.dirname(s.base) : s.base;
    const b = base === '.' ? '' : base;
    if (s.negated || isUnder(root, b)) dirs.add(root);
    else if (isUnder(b, root)) dirs.add(b);
  }
  const sorted = [...dirs].sort((a, b) => a.length - b.length);
  return sorted.filter((d, i) => !sorted.slice(0, i).some((a) => isUnder(d, a))).sort();
}

/** Like {@link listProjectModels}, searching only the folders the globs can match in. */
export function findProjectModels(workspaceRoot: string, configPath: string, globs: readonly string[], projectRoot: string, nestedRoots: readonly string[] = []): string[] {
  const matches = modelMatcher(configPath, globs);
  const root = normalizeRel(projectRoot);
  const nested = nestedRoots.map(normalizeRel).filter((r) => r !== root && isUnder(r, root));
  const out = new Set<string>();
  for (const dir of searchRoots(configPath, globs, root)) {
    if (nested.some((n) => isUnder(dir, n))) continue;
    for (const f of listProjectModels(workspaceRoot, dir, matches, nested)) out.add(f);
  }
  return [...out].sort();
}

/**
 * Nx file-set inputs covering exactly the project's files that the globs select: a project-scoped
 * glob (`{projectRoot}/models/**\/*.onnx`) when the config glob translates to one exactly, else the
 * matched files one by one (`models` is the current list, so a glob that cannot be translated still
 * yields correct inputs; the plugin re-runs when files are added).
 */
export function modelInputs(configPath: string, globs: readonly string[], projectRoot: string, models: readonly string[]): string[] {
  const root = normalizeRel(projectRoot);
  const local = (p: string): string => (root === '' ? p : p === root ? '' : p.slice(root.length + 1));
  const inputs: string[] = [];
  for (const g of globs) {
    const s = splitGlob(configPath, g);
    let input: string | undefined;
    if (s.negated || s.rest.includes('{') || s.base.includes('{')) input = undefined;
    else if (s.rest === '') input = isUnder(s.base, root) && s.base !== root ? `{projectRoot}/${local(s.base)}` : '';
    else if (isUnder(s.base, root)) input = s.base === root ? `{projectRoot}/${s.rest}` : `{projectRoot}/${local(s.base)}/${s.rest}`;
    else if (isUnder(root, s.base)) {
      if (s.rest === '**' || s.rest === '**/*') input = '{projectRoot}/**/*';
      else if (s.rest.startsWith('**/') && !s.rest.slice(3).includes('/')) input = `{projectRoot}/${s.rest}`;
    } else input = ''; // cannot match inside this project
    if (input === undefined) return models.map((m) => `{projectRoot}/${local(m)}`);
    if (input !== '') inputs.push(input);
  }
  return [...new Set(inputs)];
}
