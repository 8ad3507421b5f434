/**
 * Memory of one profiling thread (the CLI's main thread, the review's profiling worker): full garbage
 * collections between the phases of a big profile, and the work budget's memory probe. Node only.
 *
 * V8 lets its heap grow while a program allocates fast, so the garbage of one phase of a 10^6-node
 * profile (the decoded file, the inference records) is still there when the next phase allocates
 * beside it; collected in between, a 10^6-node chain peaks at 0.84 GB. `gc` is obtained as Jest does
 * for `--logHeapUsage`: the `--expose-gc` flag set at run time, then read from a new context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Graphs from this many nodes on get a collection between phases (below, the collection costs more than it saves). */
export const COLLECT_FROM_NODES = 100_000;

let gc: (() => void) | undefined | null = null;

/** Run a full collection now, when this Node allows it (else nothing). */
export function collectGarbage(): void {
  if (gc === null) {
    try {
      setFlagsFromString('--expose-gc');
      const f = runInNewContext('typeof gc === "function" ? gc : undefined') as unknown;
      gc = typeof f === 'function' ? (f as () => void) : undefined;
    } catch {
      gc = undefined;
    }
  }
  gc?.();
}

/** Heap in use after the last collection made here (0: none yet). */
let heapAfterLast = 0;

/**
 * `collectGarbage` for a graph of `nodes` nodes, when it is big enough to be worth it and the heap
 * has grown by a quarter since the last collection made here (else there is little to collect, and
 * marking a heap of 10^6 nodes costs a quarter of a second all the same).
 */
export function collectAfterBigGraph(nodes: number): void {
  if (nodes < COLLECT_FROM_NODES) return;
  if (heapAfterLast > 0 && inUse() < heapAfterLast * 1.25) return;
  collectAndMeasure();
}

/** Collect now, and note (and return) what is still in use. */
function collectAndMeasure(): number {
  collectGarbage();
  heapAfterLast = inUse();
  return heapAfterLast;
}

/** Growth of the heap past the last collection that the memory probe lets by before collecting again. */
const PROBE_SLACK = 64 * 2 ** 20;

/**
 * The work budget's memory probe (core's `MemoryProbe`): the JavaScript heap and array buffers in use. A reading over
 * `limit` is taken again after a full collection (garbage is not in use), unless the heap has grown
 * by less than 64 MiB since the last collection made here, in which case what was alive then is the
 * answer: a graph near the limit does not pay a collection at every check, and the heap never
 * passes the limit by more than that slack and the young generation.
 */
export function heapInUse(limit: number): number {
  const used = inUse();
  if (used <= limit) return used;
  if (heapAfterLast > 0 && used < heapAfterLast + PROBE_SLACK) return heapAfterLast;
  return collectAndMeasure();
}

/** The JavaScript heap in use plus array buffers (typed arrays live outside the heap: an engine plan of 5 * 10^6 nodes holds 100 MB of them). */
function inUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Full collections between the phases of a big profile (graphs of 10^5 nodes and more): once
 * inference is done, before the report is built beside its records (the decoded file and
 * inference's garbage go first), and once the report's nodes are made and the inference records let
 * go (on a 10^6-node graph those dead records would take the process past 1 GB). Each is skipped
 * when the heap has grown by less than a quarter since the last one. One after decoding cost 0.3 s
 * on a 10^6-node chain and lowered no peak.
 */
export function collectBetweenPhases(phase: 'decoded' | 'inferred' | 'reported', size: number): void {
  if (phase !== 'decoded') collectAfterBigGraph(size);
}

