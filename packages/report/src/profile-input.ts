/**
 * Profiling one input in the current thread: bytes in memory, or a file read at offsets (so a 1.5 GiB
 * model costs a few MB of I/O and never crosses to a worker as a copy). Shared by the in-process
 * profiler and the worker.
 */
import { bytesSource, type ByteSource, type Report } from '@modelcost/core';
import { openFileSource } from '@modelcost/onnx/node';
import { addLatency, type LatencyPlan } from './latency.js';
import { ModelReadError, profileModel, type ProfileModelOptions } from './profile-model.js';

/** What to profile: bytes in memory, or a file read lazily at offsets (weights are never read). */
export type ModelInput = Uint8Array | { readonly file: string };

/**
 * What to do with the report where it was made, before it crosses back: a report of 10^6 nodes is a
 * few hundred MB that a copy to the main thread would double.
 */
export interface ProfileFinish {
  /** Estimate latency for this plan (as `addLatency`) beside the profile. */
  readonly latency?: LatencyPlan;
  /**
   * Return the report without its nodes and module tree (`nodes: []`; totals, latency, coverage and
   * diagnostics kept): for callers that read the totals only, like `modelcost check`.
   */
  readonly summaryOnly?: boolean;
}

/** The report as `finish` asks for it. */
export function finishReport(report: Report, finish: ProfileFinish | undefined): Report {
  if (!finish) return report;
  const r = finish.latency ? addLatency(report, finish.latency) : report;
  if (!finish.summaryOnly) return r;
  const { modules: _modules, ...rest } = r;
  return { ...rest, nodes: [] };
}

/**
 * Profile an input in this thread (a file source is closed afterwards), finished as `finish` asks.
 * Throws what profileModel throws (and Node's own error when the file cannot be opened).
 */
export function profileInput(input: ModelInput, options: ProfileModelOptions, finish?: ProfileFinish): Report {
  if (input instanceof Uint8Array) return finishReport(profileModel(bytesSource(input), options), finish);
  let src: (ByteSource & { close(): void }) | undefined;
  try {
    src = openFileSource(input.file);
  } catch (e) {
    throw new ModelReadError(options.file, 'unreadable', `cannot open: ${(e as Error).message}`);
  }
  try {
    return finishReport(profileModel(src, options), finish);
  } finally {
    src.close();
  }
}
