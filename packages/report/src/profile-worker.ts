/**
 * The worker side of {@link createIsolatedProfiler} (./isolate.ts): profiles one model per message and
 * answers with the Report or with why it could not. It runs in a worker thread with its own heap
 * limit, so a model that exhausts memory ends this worker, not the review.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { profileInput, type ModelInput, type ProfileFinish } from './profile-input.js';
import { ModelReadError, type ProfileModelOptions } from './profile-model.js';
import { collectBetweenPhases, heapInUse } from './heap.js';

/** A request to the worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly input: ModelInput;
  readonly options: ProfileModelOptions;
  readonly finish?: ProfileFinish;
}

/** The worker's answer. */
export type WorkerResponse =
  | { readonly id: number; readonly report: unknown }
  | { readonly id: number; readonly readError: { readonly code: string; readonly reason: string } }
  | { readonly id: number; readonly internalError: string };

// Only in a worker that ./isolate.ts started (it marks workerData): never answer another thread pool's messages.
const port = parentPort;
if (port && (workerData as { modelcostProfileWorker?: boolean } | null)?.modelcostProfileWorker === true) {
  port.on('message', (m: WorkerRequest) => {
    let res: WorkerResponse;
    try {
      // The worker's own memory management: collections between phases, and the budget's memory probe
      // (functions do not cross to a worker; the parent's options cannot carry them).
      res = { id: m.id, report: profileInput(m.input, { ...m.options, memory: heapInUse, onPhase: collectBetweenPhases }, m.finish) };
    } catch (e) {
      res = e instanceof ModelReadError ? { id: m.id, readError: { code: e.code, reason: e.reason } } : { id: m.id, internalError: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(res);
  });
}
