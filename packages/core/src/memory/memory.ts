/**
 * Memory analysis (docs/memory.md): tensor bytes per dtype (sub-byte types packed per tensor) and
 * peak live activation bytes from a liveness pass over a topological order.
 */
import type { DType } from '../ir/dtype.js';
import { DTYPE_BITS } from '../ir/dtype.js';
import { numElements, type Shape } from '../symbolic/dim.js';
import type { Poly } from '../symbolic/poly.js';
import { toCount, type Count } from '../report/count.js';

/** Bytes of a tensor: ceil(elements * bits / 8), so int4 packs two per byte as ONNX stores it. */
export function tensorBytes(shape: Shape, dtype: DType): Poly {
  return numElements(shape).mul(DTYPE_BITS[dtype]).ceilDiv(8);
}

/** One step of the liveness pass: the values a node reads and the values (with sizes) it writes. */
export interface LivenessStep {
  readonly inputs: readonly string[];
  readonly outputs: readonly { readonly name: string; readonly bytes: number | bigint }[];
}

/** Result of {@link peakLiveBytes}. */
export interface PeakMemory {
  /** Largest sum of live activation bytes at any step (exact: summed as bigint). */
  readonly peakBytes: Count;
  /** Index of the step where the peak occurs (-1 when the graph has no steps). */
  readonly atStep: number;
}

/**
 * Peak live activation bytes. A value is live from the step that writes it (graph inputs: from the
 * start) to its last reader (graph outputs: to the end). Weights are not activations: pass them in
 * `exclude`. The peak is taken after each step's outputs are allocated and before its dead inputs are
 * freed (a node needs its inputs and outputs at once).
 */
export function peakLiveBytes(
  steps: readonly LivenessStep[],
  graphInputs: readonly { readonly name: string; readonly bytes: number | bigint }[],
  graphOutputs: readonly string[],
  exclude: ReadonlySet<string> = new Set(),
): PeakMemory {
  const lastUse = new Map<string, number>();
  steps.forEach((s, i) => s.inputs.forEach((n) => n !== '' && lastUse.set(n, i)));
  for (const o of graphOutputs) lastUse.set(o, Number.POSITIVE_INFINITY);
  const size = new Map<string, bigint>();
  let live = 0n;
  for (const gi of graphInputs) {
    if (exclude.has(gi.name) || size.has(gi.name)) continue;
    const b = BigInt(gi.bytes);
    size.set(gi.name, b);
    live += b;
  }
  let peak = live;
  let atStep = steps.length ? 0 : -1;
  const free = (name: string): void => {
    const b = size.get(name);
    if (b === undefined) return;
    size.delete(name);
    live -= b;
  };
  steps.forEach((s, i) => {
    for (const o of s.outputs) {
      if (o.name === '' || exclude.has(o.name) || size.has(o.name)) continue;
      const b = BigInt(o.bytes);
      size.set(o.name, b);
      live += b;
    }
    if (live > peak) {
      peak = live;
      atStep = i;
    }
    for (const n of s.inputs) if (lastUse.get(n) === i) free(n);
    // Outputs nobody reads die at once.
    for (const o of s.outputs) if (!lastUse.has(o.name)) free(o.name);
  });
  return { peakBytes: toCount(peak), atStep };
}
