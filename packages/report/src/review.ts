/**
 * The review every CI front end runs (CLI `pr`, the GitHub Action, the Danger plugin): from the files a
 * change touched and a way to read bytes at base and head, select the models by config, profile both
 * sides (each distinct blob once), diff, and evaluate budgets. Plain data out; posting is the caller's.
 *
 * Everything a pull request wrote is untrusted (shared/DESIGN.md, Trust): each model is profiled under
 * a work bound and in its own worker (./isolate.ts), and fails alone as its own error row; a model a
 * budget covers that cannot be profiled fails that budget; a stored report never decides a budget
 * unless the caller says the reports came from a job that ran no code of the pull request's.
 */
import { createHash } from 'node:crypto';
import type { Report, WorkLimits } from '@modelcost/core';
import { evaluateBudgets, rulesFor, unprofiledBreaches, type Breach } from './budgets.js';
import type { ModelcostConfig } from './config.js';
import { compileGlob } from './glob.js';
import { createIsolatedProfiler, InternalProfileError, type ModelProfiler } from './isolate.js';
import { addLatency, latencyPlan } from './latency.js';
import { ModelReadError } from './profile-model.js';
import { modelChange, type ModelChange } from './render.js';

/** One changed file, as git or a pull-request files API reports it. */
export interface FileChange {
  readonly path: string;
  readonly status: 'added' | 'modified' | 'removed' | 'renamed';
  /** The path at base, for renames. */
  readonly previousPath?: string;
}

/**
 * Reads a file's bytes at one side of the change; undefined when it does not exist there. May return
 * a string instead of bytes to say why the file could not be read as bytes (a symlink, an API that
 * returned text): the model then gets an error row with that reason, never re-encoded bytes.
 */
export type ReadAt = (side: 'base' | 'head', path: string) => Promise<Uint8Array | string | undefined>;

/** Options of {@link review}. */
export interface ReviewOptions {
  /** Reports already made, by sha256 of the model bytes (`loadReportsDir`): those blobs are not profiled again. */
  readonly reports?: ReadonlyMap<string, Report>;
  /**
   * Let stored reports stand for models that budgets cover. Default false: a report folder in the
   * checkout may have been written by the pull request (committed, or made by its build), so for a
   * budgeted model the review profiles the blob itself and uses stored reports only for the others.
   */
  readonly trustReports?: boolean;
  /** How models are profiled. Default: {@link createIsolatedProfiler} (a worker per model, closed after the review). */
  readonly profiler?: ModelProfiler;
  /** Work bounds per model (core's DEFAULT_WORK_LIMITS when absent). */
  readonly limits?: WorkLimits;
  /** Called with a line for the log (stored reports skipped, and the like). */
  readonly log?: (message: string) => void;
}

/** Result of {@link review}. */
export interface ReviewResult {
  readonly models: readonly ModelChange[];
  readonly breaches: readonly Breach[];
  /** True when an unwaived budget breach should fail the check. */
  readonly failed: boolean;
}

/** Why one side of a model could not be profiled. */
interface Problem {
  readonly reason: string;
}

const LFS_REASON = 'Git LFS pointer, not the model: check out with LFS (actions/checkout `lfs: true`, or `git lfs pull`)';

/**
 * Review a change: every changed file matching `config.models` is profiled at base and head, diffed,
 * and checked against its budgets (`maxIncrease` against the base). A model that cannot be read gets
 * an error row (and fails the budgets that cover it); the others still report. Identical blobs are
 * profiled once (content-hash cache). Never rejects because of a model.
 */
export async function review(changes: readonly FileChange[], readAt: ReadAt, config: ModelcostConfig, options: ReviewOptions = {}): Promise<ReviewResult> {
  const isModel = compileGlob(config.models);
  const stored = options.reports ?? new Map<string, Report>();
  const cache = new Map<string, Report | Problem>();
  const plan = latencyPlan(config);
  const ownProfiler = options.profiler === undefined;
  const profiler = options.profiler ?? createIsolatedProfiler();
  const log = options.log ?? (() => undefined);

  const profile = async (bytes: Uint8Array, path: string): Promise<Report | Problem> => {
    const key = createHash('sha256').update(bytes).digest('hex');
    const hit = cache.get(key);
    if (hit) return hit;
    let r: Report | Problem;
    const saved = stored.get(key);
    const budgeted = rulesFor(config, path).length > 0;
    if (saved && (!budgeted || options.trustReports)) r = saved;
    else {
      if (saved) log(`${path}: a budget covers it, so it is profiled here rather than taken from the stored report`);
      try {
        r = addLatency(await profiler.profile(bytes, { file: path, dims: config.dims, ...(options.limits ? { limits: options.limits } : {}) }), plan);
      } catch (e) {
        if (e instanceof ModelReadError) r = { reason: e.code === 'lfs-pointer' ? LFS_REASON : e.reason };
        else if (e instanceof InternalProfileError) r = { reason: `internal error while profiling (a bug in modelcost; please report it): ${e.detail}` };
        else r = { reason: `internal error while profiling (a bug in modelcost; please report it): ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    cache.set(key, r);
    return r;
  };
  const side = async (s: 'base' | 'head', path: string): Promise<Report | Problem | undefined> => {
    let bytes: Uint8Array | string | undefined;
    try {
      bytes = await readAt(s, path);
    } catch (e) {
      return { reason: `could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (bytes === undefined) return undefined;
    if (typeof bytes === 'string') return { reason: bytes };
    const r = await profile(bytes, path);
    return 'reason' in r ? r : { ...r, model: { ...r.model, path } };
  };

  const models: ModelChange[] = [];
  const breaches: Breach[] = [];
  try {
    for (const c of changes) {
      if (!isModel(c.path) && !(c.previousPath && isModel(c.previousPath))) continue;
      const basePath = c.status === 'renamed' ? (c.previousPath ?? c.path) : c.path;
      const base = c.status === 'added' ? undefined : await side('base', basePath);
      const head = c.status === 'removed' ? undefined : await side('head', c.path);
      if (head && 'reason' in head) {
        models.push({ path: c.path, status: 'error', error: head.reason });
        // An unreadable head never passes a budget: every rule that covers it fails (unless waived).
        breaches.push(...unprofiledBreaches(config, c.path, head.reason));
        continue;
      }
      if (base && 'reason' in base) {
        // The base is the branch's own file: its budgets still apply to the head; growth cannot be measured.
        models.push({ path: c.path, status: 'error', error: `base: ${base.reason}` });
        if (head) breaches.push(...evaluateBudgets(config, c.path, head));
        continue;
      }
      const change = modelChange(c.path, base, head);
      models.push(change);
      if (change.head) breaches.push(...evaluateBudgets(config, c.path, change.head, change.base));
    }
  } finally {
    if (ownProfiler) await profiler.close();
  }
  return { models, breaches, failed: breaches.some((b) => !b.waived) };
}
