/**
 * The review every CI front end runs (CLI `pr`, the GitHub Action, the Danger plugin): from the files a
 * change touched and a way to read bytes at base and head, select the models by config, profile both
 * sides (each distinct blob once), diff, and evaluate budgets. Plain data out; posting is the caller's.
 */
import { createHash } from 'node:crypto';
import type { Report } from '@modelcost/core';
import { bytesSource } from '@modelcost/core';
import picomatch from 'picomatch';
import { evaluateBudgets, type Breach } from './budgets.js';
import type { ModelcostConfig } from './config.js';
import { addLatency, latencyPlan } from './latency.js';
import { ModelReadError, profileModel } from './profile-model.js';
import { modelChange, type ModelChange } from './render.js';

/** One changed file, as git or a pull-request files API reports it. */
export interface FileChange {
  readonly path: string;
  readonly status: 'added' | 'modified' | 'removed' | 'renamed';
  /** The path at base, for renames. */
  readonly previousPath?: string;
}

/** Reads a file's bytes at one side of the change; undefined when it does not exist there. */
export type ReadAt = (side: 'base' | 'head', path: string) => Promise<Uint8Array | undefined>;

/** Options of {@link review}. */
export interface ReviewOptions {
  /** Reports already made, by sha256 of the model bytes (`loadReportsDir`): those blobs are not profiled again. */
  readonly reports?: ReadonlyMap<string, Report>;
}

/** Result of {@link review}. */
export interface ReviewResult {
  readonly models: readonly ModelChange[];
  readonly breaches: readonly Breach[];
  /** True when an unwaived budget breach should fail the check. */
  readonly failed: boolean;
}

/** Profile one blob; Git LFS pointers and unreadable files become a message. */
function profileBlob(bytes: Uint8Array, path: string, config: ModelcostConfig, plan: ReturnType<typeof latencyPlan>): Report | string {
  try {
    return addLatency(profileModel(bytesSource(bytes), { file: path, dims: config.dims }), plan);
  } catch (e) {
    if (e instanceof ModelReadError) {
      if (e.code === 'lfs-pointer') return 'Git LFS pointer, not the model: check out with LFS (actions/checkout `lfs: true`, or `git lfs pull`)';
      return e.reason;
    }
    throw e;
  }
}

/**
 * Review a change: every changed file matching `config.models` is profiled at base and head, diffed,
 * and checked against its budgets (`maxIncrease` against the base). A model that cannot be read gets
 * an error row; the others still report. Identical blobs are profiled once (content-hash cache).
 */
export async function review(changes: readonly FileChange[], readAt: ReadAt, config: ModelcostConfig, options: ReviewOptions = {}): Promise<ReviewResult> {
  const isModel = picomatch([...config.models], { dot: false });
  // Reports made ahead of time (Nx target, job matrix) seed the content-hash cache.
  const cache = new Map<string, Report | string>(options.reports ?? []);
  const plan = latencyPlan(config);
  const profile = (bytes: Uint8Array, path: string): Report | string => {
    const key = createHash('sha256').update(bytes).digest('hex');
    let r = cache.get(key);
    if (r === undefined) {
      r = profileBlob(bytes, path, config, plan);
      cache.set(key, r);
    }
    return typeof r === 'string' ? r : { ...r, model: { ...r.model, path } };
  };
  const models: ModelChange[] = [];
  const breaches: Breach[] = [];
  for (const c of changes) {
    if (!isModel(c.path) && !(c.previousPath && isModel(c.previousPath))) continue;
    const basePath = c.status === 'renamed' ? (c.previousPath ?? c.path) : c.path;
    const baseBytes = c.status === 'added' ? undefined : await readAt('base', basePath);
    const headBytes = c.status === 'removed' ? undefined : await readAt('head', c.path);
    const base = baseBytes ? profile(baseBytes, basePath) : undefined;
    const head = headBytes ? profile(headBytes, c.path) : undefined;
    const error = typeof head === 'string' ? head : typeof base === 'string' ? `base: ${base}` : undefined;
    if (error) {
      models.push({ path: c.path, status: 'error', error });
      continue;
    }
    const change = modelChange(c.path, base as Report | undefined, head as Report | undefined);
    models.push(change);
    if (change.head) breaches.push(...evaluateBudgets(config, c.path, change.head, change.base));
  }
  return { models, breaches, failed: breaches.some((b) => !b.waived) };
}
