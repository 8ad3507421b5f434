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
 * Steps given by index, for callers with many nodes: no step object per node (a report of 10^6
 * nodes would build and drop 10^6 of them, and their output lists).
 */
export interface LivenessSource {
  readonly length: number;
  /** The names step `i` reads. */
  inputs(i: number): readonly string[];
  /** Calls `write(name, bytes)` for each value step `i` writes. */
  outputs(i: number, write: (name: string, bytes: number | bigint) => void): void;
}

/** Bytes summed as a number while the sum is exact, as a bigint beyond 2^53 (no bigint per step on real models). */
class ExactSum {
  private n = 0;
  private big: bigint | undefined;
  add(b: number | bigint): void {
    if (this.big === undefined && typeof b === 'number') {
      const s = this.n + b;
      if (Number.isSafeInteger(s)) {
        this.n = s;
        return;
      }
    }
    this.big = (this.big ?? BigInt(this.n)) + BigInt(b);
  }
  sub(b: number | bigint): void {
    if (this.big === undefined && typeof b === 'number') this.n -= b;
    else this.big = (this.big ?? BigInt(this.n)) - BigInt(b);
  }
  get value(): bigint {
    return this.big ?? BigInt(this.n);
  }
  /** True when this sum is above `other`. */
  above(other: ExactSum): boolean {
    return this.big === undefined && other.big === undefined ? this.n > other.n : this.value > other.value;
  }
  copy(): ExactSum {
    const c = new ExactSum();
    c.n = this.n;
    c.big = this.big;
    return c;
  }
}

/**
 * Peak live activation bytes. A value is live from the step that writes it (graph inputs: from the
 * start) to its last reader (graph outputs: to the end). Weights are not activations: pass them in
 * `exclude`. The peak is taken after each step's outputs are allocated and before its dead inputs are
 * freed (a node needs its inputs and outputs at once).
 */
export function peakLiveBytes(
  steps: readonly LivenessStep[] | LivenessSource,
  graphInputs: readonly { readonly name: string; readonly bytes: number | bigint }[],
  graphOutputs: readonly string[],
  exclude: ReadonlySet<string> = new Set(),
): PeakMemory {
  const src: LivenessSource = Array.isArray(steps)
    ? {
        length: steps.length,
        inputs: (i) => (steps as readonly LivenessStep[])[i]!.inputs,
        outputs: (i, write) => {
          for (const o of (steps as readonly LivenessStep[])[i]!.outputs) write(o.name, o.bytes);
        },
      }
    : (steps as LivenessSource);
  const n = src.length;
  const lastUse = new Map<string, number>();
  for (let i = 0; i < n; i++) for (const x of src.inputs(i)) if (x !== '') lastUse.set(x, i);
  for (const o of graphOutputs) lastUse.set(o, Number.POSITIVE_INFINITY);
  const size = new Map<string, number | bigint>();
  const live = new ExactSum();
  for (const gi of graphInputs) {
    if (exclude.has(gi.name) || size.has(gi.name)) continue;
    size.set(gi.name, gi.bytes);
    live.add(gi.bytes);
  }
  let peak = live.copy();
  let atStep = n ? 0 : -1;
  const free = (name: string): void => {
    const b = size.get(name);
    if (b === undefined) return;
    size.delete(name);
    live.sub(b);
  };
  let step = 0;
  const written: string[] = [];
  const write = (name: string, bytes: number | bigint): void => {
    written.push(name);
    if (name === '' || exclude.has(name) || size.has(name)) return;
    size.set(name, bytes);
    live.add(bytes);
  };
  for (; step < n; step++) {
    written.length = 0;
    src.outputs(step, write);
    if (live.above(peak)) {
      peak = live.copy();
      atStep = step;
    }
    for (const x of src.inputs(step)) if (lastUse.get(x) === step) free(x);
    // Outputs nobody reads die at once.
    for (const o of written) if (!lastUse.has(o)) free(o);
  }
  return { peakBytes: toCount(peak.value), atStep };
}
