/**
 * Profiling each model so that one cannot take the others down. A review profiles files a pull
 * request chose; the importers bound their own work (core's WorkBudget: nodes, time, constant data,
 * nesting), and this module adds what a budget inside the process cannot: a worker thread per model
 * slot with its own heap limit and a wall-clock deadline. A model that runs out of memory or time ends
 * its worker, becomes that model's error, and the next model gets a fresh worker.
 *
 * Every failure comes back as a {@link ModelReadError} (the file's fault: unreadable, too costly) or
 * an {@link InternalProfileError} (a bug in modelcost), never as a rejection of the whole review.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_WORK_LIMITS, type Report } from '@modelcost/core';
import { ModelReadError, type ProfileModelOptions } from './profile-model.js';
import { profileInput, type ModelInput, type ProfileFinish } from './profile-input.js';
import type { WorkerRequest, WorkerResponse } from './profile-worker.js';

/** Profiling failed because of a bug in modelcost (not the file): the model gets an error row, the review goes on. */
export class InternalProfileError extends Error {
  override readonly name = 'InternalProfileError';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: internal error while profiling (a bug in modelcost; please report it): ${detail}`);
  }
}

/** Profiles models; rejects with {@link ModelReadError} or {@link InternalProfileError} only. */
export interface ModelProfiler {
  /**
   * Profile bytes, or a file (`{ file }`, read lazily at offsets). `options` and `finish` must be plain
   * data (they cross to a worker).
   */
  profile(input: ModelInput, options: ProfileModelOptions, finish?: ProfileFinish): Promise<Report>;
  /** Stops the workers (call once done). */
  close(): Promise<void>;
}

/** Options of {@link createIsolatedProfiler}. */
export interface IsolationOptions {
  /** Heap limit of a worker, in MB. Default 768: with the main thread, a review stays near 1 GB. */
  readonly maxHeapMb?: number;
  /** Wall-clock limit per model, in ms. Default: the model's `limits.maxMs` (core default 8 s) plus 2 s for start-up and transfer. */
  readonly timeoutMs?: number;
  /** The worker script (the built ./profile-worker.js beside this module by default). */
  readonly workerUrl?: URL;
}

/** In-process profiling: the importers' work budgets only (the CLI's `profile` of files the user named). */
export function inProcessProfiler(): ModelProfiler {
  return {
    profile: async (input, options, finish) => {
      try {
        return profileInput(input, options, finish);
      } catch (e) {
        if (e instanceof ModelReadError) throw e;
        throw new InternalProfileError(options.file, e instanceof Error ? e.message : String(e));
      }
    },
    close: async () => undefined,
  };
}

/** Where the worker script is: beside this module when built; from the sources (tests), the built copy in dist/. */
export function defaultWorkerUrl(): URL | undefined {
  let here: URL;
  try {
    here = new URL('./profile-worker.js', import.meta.url);
  } catch {
    // A CommonJS bundle has no import.meta.url.
    return undefined;
  }
  if (here.protocol === 'file:' && existsSync(fileURLToPath(here))) return here;
  const built = new URL('../dist/profile-worker.js', import.meta.url);
  return built.protocol === 'file:' && existsSync(fileURLToPath(built)) ? built : undefined;
}

/**
 * A profiler that runs each model in a worker thread (one at a time, the worker reused while it is
 * healthy). Falls back to {@link inProcessProfiler} when the worker script cannot be found (a bundle
 * that does not ship it), so a review never fails for want of isolation.
 */
export function createIsolatedProfiler(options: IsolationOptions = {}): ModelProfiler {
  const url = options.workerUrl ?? defaultWorkerUrl();
  if (!url) return inProcessProfiler();
  const maxHeapMb = options.maxHeapMb ?? 768;
  let worker: Worker | undefined;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): Worker => {
    const w = new Worker(url, { workerData: { modelcostProfileWorker: true }, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 }, stdout: false, stderr: false });
    w.unref();
    return w;
  };

  const runOne = (input: ModelInput, opts: ProfileModelOptions, then: ProfileFinish | undefined): Promise<Report> =>
    new Promise<Report>((resolve, reject) => {
      const w = (worker ??= start());
      const id = nextId++;
      const timeoutMs = options.timeoutMs ?? (opts.limits?.maxMs ?? DEFAULT_WORK_LIMITS.maxMs) + 2000;
      let done = false;
      const finish = (f: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        f();
      };
      const retire = (): void => {
        if (worker === w) worker = undefined;
        void w.terminate();
      };
      const timer = setTimeout(() => {
        retire();
        finish(() => reject(new ModelReadError(opts.file, 'work-limit', `work limit reached: profiling took more than ${timeoutMs / 1000} s; the model was not profiled`)));
      }, timeoutMs);
      const onMessage = (m: WorkerResponse): void => {
        if (m.id !== id) return;
        if ('report' in m) finish(() => resolve(m.report as Report));
        else if ('readError' in m) finish(() => reject(new ModelReadError(opts.file, m.readError.code, m.readError.reason)));
        else finish(() => reject(new InternalProfileError(opts.file, m.internalError)));
      };
      const onError = (e: Error): void => {
        retire();
        const oom = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        finish(() =>
          reject(oom ? new ModelReadError(opts.file, 'work-limit', `work limit reached: profiling needed more than ${maxHeapMb} MB of memory; the model was not profiled`) : new InternalProfileError(opts.file, e.message)),
        );
      };
      const onExit = (code: number): void => {
        if (worker === w) worker = undefined;
        finish(() => reject(new InternalProfileError(opts.file, `the profiling worker exited with code ${code}`)));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      // A copy, not a transfer: the caller keeps its bytes (it hashes them and may profile the other side).
      w.postMessage({ id, input, options: opts, ...(then ? { finish: then } : {}) } satisfies WorkerRequest);
    });

  return {
    profile(input, opts, finish) {
      const run = queue.then(() => runOne(input, opts, finish));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
