/**
 * Executor `@modelcost/nx:profile`: profile every model of the project that `.modelcost.yml`
 * selects and write one JSON Report per model plus an `index.json`, under
 * `dist/modelcost/<projectRoot>/` (the target's cached output).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import type { Convention } from '@modelcost/core';
import { addLatency, human, latencyPlan, ModelReadError, profileModel, term, type ReportsIndexEntry } from '@modelcost/report';
import { openFileSource } from '@modelcost/onnx/node';
import { ConfigError, findConfig, findProjectModels, loadConfig, normalizeRel } from '../../models.js';

/** Options of the executor (schema: schemas/profile.json). */
export interface ProfileExecutorOptions {
  /** Workspace-relative path of the config, default: the nearest `.modelcost.yml` at or above the project root. */
  readonly config?: string;
  /** Values for symbolic dims, merged over the config's `dims`. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Counting convention, default `macs+flops`. */
  readonly convention?: Convention;
}

/** `index.json`: the reports written for one project (read back by `loadReportsDir` in @modelcost/report). */
export interface ReportsIndex {
  readonly schemaVersion: 1;
  readonly reports: ReportsIndexEntry[];
}

/** Name of the index file in the output folder. */
export const INDEX_FILE = 'index.json';

/** Workspace-relative output folder of a project: `dist/modelcost/<projectRoot>`. */
export function outputDir(projectRoot: string): string {
  const root = normalizeRel(projectRoot);
  return root ? `dist/modelcost/${root}` : 'dist/modelcost';
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Remove the files a previous run listed in its index (not the whole folder: nested projects write below it). */
function removePrevious(outAbs: string): void {
  const indexPath = join(outAbs, INDEX_FILE);
  if (!existsSync(indexPath)) return;
  try {
    const old = JSON.parse(readFileSync(indexPath, 'utf8')) as Partial<ReportsIndex>;
    for (const r of old.reports ?? []) if (typeof r.report === 'string' && !r.report.split('/').includes('..')) rmSync(join(outAbs, r.report), { force: true });
  } catch {
    // An unreadable index is replaced below.
  }
  rmSync(indexPath, { force: true });
}

const CONVENTIONS: readonly string[] = ['macs+flops', 'exact'];

/** Run the executor. Succeeds when every selected model was profiled. */
export default async function profileExecutor(options: ProfileExecutorOptions, context: ExecutorContext): Promise<{ success: boolean }> {
  const projectName = context.projectName;
  const project = projectName ? context.projectsConfigurations?.projects[projectName] : undefined;
  if (!projectName || !project) {
    console.error('modelcost: the profile executor must run on a project');
    return { success: false };
  }
  if (options.convention && !CONVENTIONS.includes(options.convention)) {
    console.error(`modelcost: option "convention": expected one of ${CONVENTIONS.join(', ')}, got ${JSON.stringify(options.convention)}`);
    return { success: false };
  }
  const ws = context.root;
  const projectRoot = normalizeRel(project.root);
  const configPath = findConfig(ws, projectRoot, options.config);
  if (!configPath) {
    console.error(`modelcost: no .modelcost.yml at or above ${projectRoot || 'the workspace root'}; run \`nx g @modelcost/nx:init\` or pass --config`);
    return { success: false };
  }
  let config;
  try {
    const loaded = loadConfig(ws, configPath);
    for (const w of loaded.warnings) console.warn(`modelcost: ${configPath}: warning: ${term(w, 400)}`);
    config = loaded.config;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const p of e.problems) console.error(`modelcost: ${configPath}: ${term(p, 400)}`);
    return { success: false };
  }
  const allRoots = Object.values(context.projectsConfigurations.projects).map((p) => p.root);
  const models = findProjectModels(ws, configPath, config.models, projectRoot, allRoots);
  const dims = { ...config.dims, ...(options.dims ?? {}) };
  const convention = options.convention ?? 'macs+flops';
  // Latency on the config's hardware, as the review would estimate it, so stored reports can stand in for it.
  const plan = latencyPlan(config);
  const out = outputDir(projectRoot);
  const outAbs = join(ws, out);
  mkdirSync(outAbs, { recursive: true });
  removePrevious(outAbs);

  const entries: ReportsIndexEntry[] = [];
  let failed = 0;
  for (const path of models) {
    const local = projectRoot ? path.slice(projectRoot.length + 1) : path;
    const reportRel = `${local}.json`;
    const abs = join(ws, path);
    let report;
    const source = openFileSource(abs);
    try {
      report = addLatency(profileModel(source, { file: path, dims, convention }), plan);
    } catch (e) {
      if (!(e instanceof ModelReadError)) throw e;
      console.error(`✗ ${term(path)}: ${term(e.reason, 600)}`);
      failed++;
      continue;
    } finally {
      source.close();
    }
    const reportAbs = join(outAbs, reportRel);
    mkdirSync(dirname(reportAbs), { recursive: true });
    writeFileSync(reportAbs, `${JSON.stringify(report, null, 2)}\n`);
    entries.push({ path, report: posix.normalize(reportRel), sha256: await sha256File(abs) });
    console.log(`✓ ${term(path)}: params ${human(report.totals.params)}, FLOPs ${human(report.totals.flops)}`);
  }
  const index: ReportsIndex = { schemaVersion: 1, reports: entries };
  writeFileSync(join(outAbs, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`modelcost: ${entries.length} report${entries.length === 1 ? '' : 's'} in ${out}${failed ? `, ${failed} model${failed === 1 ? '' : 's'} unreadable` : ''}`);
  return { success: failed === 0 };
}
