/**
 * A full garbage collection between the phases of a big profile. V8 lets its heap grow while a
 * program allocates fast, so the garbage of inference on a 10^6-node graph (about 300 MB) is still
 * there when the report is built beside the inference result, and the process peaks near 1.2 GB;
 * collected in between, it peaks under 0.9 GB for about 0.2 s of collection. `gc` is obtained as Jest
 * does for `--logHeapUsage`: the `--expose-gc` flag set at run time, then read from a new context.
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

/** `collectGarbage` for a graph of `nodes` nodes, when it is big enough to be worth it. */
export function collectAfterBigGraph(nodes: number): void {
  if (nodes >= COLLECT_FROM_NODES) collectGarbage();
}
