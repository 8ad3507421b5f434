/**
 * Memory analysis (docs/memory.md): tensor bytes per dtype (sub-byte types packed per tensor) and
 * peak live activation bytes from a liveness pass over a topological order.
 */
import type { DType } from '../ir/dtype.js';
import { DTYPE_BITS } from '../ir/dtype.js';
import { numElements, type Shape } from '../symbolic/dim.js';
import type { Poly } from '../symbolic/poly.js';
import { toCount, type Count } from '../report/count.js';
import { NameTable } from '../util/name-table.js';
import { ExactSum } from '../util/exact-sum.js';

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
  // Each name gets a number once (one map lookup per occurrence); the rest runs on typed arrays.
  const ids = new NameTable();
  const id = (name: string): number => ids.getOrSet(name, ids.size);
  let inIds: Int32Array = new Int32Array(Math.max(16, n * 2));
  let outIds: Int32Array = new Int32Array(Math.max(16, n));
  const inStart = new Int32Array(n + 1);
  const outStart = new Int32Array(n + 1);
  const outBytes: (number | bigint)[] = [];
  let ni = 0;
  let no = 0;
  const grow = (a: Int32Array, need: number): Int32Array => {
    if (need <= a.length) return a;
    const b = new Int32Array(Math.max(need, a.length * 2));
    b.set(a);
    return b;
  };
  const record = (name: string, bytes: number | bigint): void => {
    outIds = grow(outIds, no + 1);
    outIds[no] = id(name);
    outNames[no++] = name;
    outBytes.push(bytes);
  };
  const outNames: string[] = [];
  // Graph inputs and every step's outputs are numbered first: a name that no step and no graph
  // input writes (a weight, or a name produced nowhere) is never live, and is only looked up, never
  // added (10^6 weights read by a few nodes would otherwise fill the table).
  const inputIds = graphInputs.map((g) => id(g.name));
  for (let i = 0; i < n; i++) {
    outStart[i] = no;
    src.outputs(i, record);
  }
  outStart[n] = no;
  for (let i = 0; i < n; i++) {
    inStart[i] = ni;
    const xs = src.inputs(i);
    inIds = grow(inIds, ni + xs.length);
    // The names the step before wrote, for the usual case of a step reading them (a chain): an
    // importer passes the same string objects, so the comparison is quick and the table is not asked.
    const p0 = i > 0 ? outStart[i - 1]! : 0;
    const p1 = i > 0 ? outStart[i]! : 0;
    for (const x of xs) {
      if (x === '') {
        inIds[ni++] = -1;
        continue;
      }
      let k = -1;
      for (let j = p0; j < p1; j++)
        if (outNames[j] === x) {
          k = outIds[j]!;
          break;
        }
      inIds[ni++] = k >= 0 ? k : (ids.get(x) ?? -1);
    }
  }
  inStart[n] = ni;
  const EMPTY = '';
  const emptyId = ids.get(EMPTY) ?? -1;
  // Whether each numbered value is excluded, asked of `exclude` when first needed (a model of 10^6
  // weights and a few nodes asks a few times): 0 not asked, 1 excluded, 2 not.
  const exclusion = new Uint8Array(ids.size + graphOutputs.length + 1);
  const names: string[] = new Array<string>(ids.size);
  ids.forEach((name, i) => {
    names[i] = name;
  });
  const excluded = (i: number): boolean => {
    if (exclusion[i] === 0) exclusion[i] = exclude.has(names[i]!) ? 1 : 2;
    return exclusion[i] === 1;
  };
  // Last step reading each value (-1: never read; graph outputs live to the end).
  const lastUse = new Int32Array(ids.size + graphOutputs.length + 1).fill(-1);
  for (let i = 0; i < n; i++) for (let j = inStart[i]!; j < inStart[i + 1]!; j++) if (inIds[j]! >= 0) lastUse[inIds[j]!] = i;
  for (const o of graphOutputs) {
    const i = ids.get(o);
    if (i !== undefined) lastUse[i] = 0x7fffffff;
  }
  // Bytes of each live value (undefined: not live).
  const size: (number | bigint | undefined)[] = new Array<number | bigint | undefined>(ids.size);
  const live = new ExactSum();
  graphInputs.forEach((gi, k) => {
    const i = inputIds[k]!;
    if (excluded(i) || size[i] !== undefined) return;
    size[i] = gi.bytes;
    live.add(gi.bytes);
  });
  let peak = live.copy();
  let atStep = n ? 0 : -1;
  const free = (i: number): void => {
    const b = size[i];
    if (b === undefined) return;
    size[i] = undefined;
    live.sub(b);
  };
  for (let step = 0; step < n; step++) {
    for (let j = outStart[step]!; j < outStart[step + 1]!; j++) {
      const i = outIds[j]!;
      if (i === emptyId || size[i] !== undefined || excluded(i)) continue;
      size[i] = outBytes[j]!;
      live.add(outBytes[j]!);
    }
    if (live.above(peak)) {
      peak = live.copy();
      atStep = step;
    }
    for (let j = inStart[step]!; j < inStart[step + 1]!; j++) if (inIds[j]! >= 0 && lastUse[inIds[j]!] === step) free(inIds[j]!);
    // Outputs nobody reads die at once.
    for (let j = outStart[step]!; j < outStart[step + 1]!; j++) if (lastUse[outIds[j]!] === -1) free(outIds[j]!);
  }
  return { peakBytes: toCount(peak.value), atStep };
}
