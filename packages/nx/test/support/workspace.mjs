/* global process */
// Throwaway Nx workspaces that install @modelcost/nx from this monorepo's own packed tarballs, shared
// by the e2e test (packages/nx/test/e2e.test.ts) and the benchmark (tools/bench/nx/run.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Packages packed into the workspace, in dependency order. */
export const PACKAGES = ['core', 'onnx', 'keras', 'report', 'nx'];
/** The Nx version installed into the workspace. */
export const NX_VERSION = '23.2.1';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * `npm pack` the packages into `dest`; returns tarball paths keyed by package name. Builds any
 * package whose dist is missing.
 */
export function packPackages(dest, { log = () => {} } = {}) {
  mkdirSync(dest, { recursive: true });
  const out = {};
  for (const name of PACKAGES) {
    const dir = join(REPO_ROOT, 'packages', name);
    // Nx's test target depends on every package's build; build here only what is missing (a bare vitest run).
    if (!existsSync(join(dir, 'dist', 'index.js'))) {
      log(`building packages/${name}`);
      execFileSync(npx, ['tsc', '-p', 'tsconfig.lib.json'], { cwd: dir, stdio: 'pipe' });
    }
    const json = execFileSync(npm, ['pack', '--json', '--pack-destination', dest], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    const [info] = JSON.parse(json);
    out[info.name] = join(dest, info.filename);
  }
  return out;
}

/**
 * Create an Nx workspace at `dir` (package.json, nx.json registering the plugin, .gitignore,
 * `.modelcost.yml` with `config`) and `npm install` the tarballs plus nx from the registry.
 */
export function createWorkspace(dir, tarballs, { config = 'models: ["**/*.onnx"]\ndims: { batch: 1, seq: 128 }\n', log = () => {} } = {}) {
  mkdirSync(dir, { recursive: true });
  const dependencies = Object.fromEntries(Object.entries(tarballs).map(([name, path]) => [name, `file:${path}`]));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'modelcost-nx-e2e', private: true, devDependencies: { nx: NX_VERSION, ...dependencies } }, null, 2)}\n`);
  writeFileSync(join(dir, 'nx.json'), `${JSON.stringify({ plugins: ['@modelcost/nx'], neverConnectToCloud: true }, null, 2)}\n`);
  writeFileSync(join(dir, '.gitignore'), 'node_modules\ndist\n.nx\n');
  writeFileSync(join(dir, '.modelcost.yml'), config);
  log(`npm install in ${dir}`);
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm install failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Add a project (folder with project.json) holding `files` (relative path -> Buffer or string). */
export function addProject(dir, root, name, files) {
  mkdirSync(join(dir, root), { recursive: true });
  writeFileSync(join(dir, root, 'project.json'), `${JSON.stringify({ name, $schema: '../node_modules/nx/schemas/project-schema.json' }, null, 2)}\n`);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, root, rel)), { recursive: true });
    writeFileSync(join(dir, root, rel), content);
  }
}

/** Run the workspace's nx with the daemon and cloud off; returns {status, output, ms}. */
export function runNx(dir, args, { env = {} } = {}) {
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', 'nx', 'package.json'), 'utf8'));
  const bin = join(dir, 'node_modules', 'nx', typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.nx);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The parent's NX_* settings (CI runs with NX_SKIP_NX_CACHE=true) must not leak into the throwaway workspace.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_'))), NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true', FORCE_COLOR: '0', NX_VERBOSE_LOGGING: 'false', ...env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { status: r.status, output: `${r.stdout}${r.stderr}`, ms };
}

/** Run git in the workspace (identity and signing set per call, nothing global). */
export function git(dir, args) {
  return execFileSync('git', ['-c', 'user.name=modelcost-e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Names of the tasks Nx ran or restored in `output` (lines like `> nx run a:modelcost ...`). */
export function tasksIn(output) {
  return [...output.matchAll(/^> nx run (\S+)/gm)].map((m) => m[1]).sort();
}

/** Every file under `dir`, relative and sorted (for assertions). */
export function listFiles(dir, base = dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(p.slice(base.length + 1).split('\\').join('/'));
  }
  return out.sort();
}
