/**
 * Helpers shared by the op rules: the zero-compute cost of pure data movement, concrete index
 * arithmetic for data propagation, and rule factories for the common shapes of ops.
 */
import { isConcreteShape, numElements, Poly, type Dim, type OpCost } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule, RuleCost } from '../infer/rule.js';
import type { TensorData } from '../infer/values.js';

/**
 * Cost of an op that only moves or re-labels data (Reshape, Transpose, Concat, Gather, Cast...):
 * no arithmetic, so 0 macs and 0 flops; its bytes read and written still count toward memory traffic.
 * This is a counted zero, not an unknown: the op is supported.
 */
export const NO_COMPUTE: OpCost = Object.freeze({ macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO });

/** A rule whose cost is {@link NO_COMPUTE}. */
export function dataMovementRule(infer: (ctx: NodeContext) => void, nonParamInputs?: readonly number[]): OpRule {
  return nonParamInputs ? { infer, cost: () => NO_COMPUTE, nonParamInputs } : { infer, cost: () => NO_COMPUTE };
}

/** Elements of output `i`, as a Poly. */
export function outElements(ctx: NodeContext, i = 0): Poly {
  return numElements(ctx.outShape(i));
}

/** Elements of input `i`, as a Poly. */
export function inElements(ctx: NodeContext, i = 0): Poly {
  return numElements(ctx.shape(i));
}

/** Row-major strides of a concrete shape. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** Product of a concrete shape. */
export function prod(shape: readonly number[]): number {
  let p = 1;
  for (const d of shape) p *= d;
  return p;
}

/** True when a concrete shape is small enough that its contents are worth propagating. */
export function propagatable(shape: readonly Dim[] | undefined, limit = 65_536): shape is readonly number[] {
  return shape !== undefined && isConcreteShape(shape) && prod(shape) <= limit;
}

/**
 * Broadcast element-wise combination of known tensor contents (numpy rules).
 * Returns undefined when any shape is not concrete or any input lacks data.
 */
export function broadcastData<T>(
  shapes: readonly (readonly Dim[])[],
  datas: readonly (TensorData | undefined)[],
  outShape: readonly Dim[],
  fn: (args: (Dim | string)[]) => T | undefined,
): T[] | undefined {
  if (!isConcreteShape(outShape) || prod(outShape) > 65_536) return undefined;
  for (const s of shapes) if (!isConcreteShape(s)) return undefined;
  if (datas.some((d) => d === undefined)) return undefined;
  const rank = outShape.length;
  const n = prod(outShape);
  const outStrides = strides(outShape);
  const inStrides = shapes.map((s) => {
    const cs = s as readonly number[];
    const st = strides(cs);
    // Broadcast axes (size 1 or missing) step by 0.
    return outShape.map((_, ax) => {
      const k = ax - (rank - cs.length);
      return k < 0 || cs[k] === 1 ? 0 : st[k]!;
    });
  });
  const out: T[] = new Array<T>(n);
  const args: (Dim | string)[] = new Array<Dim | string>(shapes.length);
  for (let flat = 0; flat < n; flat++) {
    let rem = flat;
    const offs = new Array<number>(shapes.length).fill(0);
    for (let ax = 0; ax < rank; ax++) {
      const idx = Math.floor(rem / outStrides[ax]!);
      rem -= idx * outStrides[ax]!;
      for (let k = 0; k < shapes.length; k++) offs[k]! += idx * inStrides[k]![ax]!;
    }
    for (let k = 0; k < shapes.length; k++) args[k] = datas[k]![offs[k]!]!;
    const v = fn(args);
    if (v === undefined) return undefined;
    out[flat] = v;
  }
  return out;
}

/** Gather rows of known contents along `axis` (for Gather data propagation on shape vectors). */
export function gatherData(data: TensorData, shape: readonly number[], axis: number, indices: readonly number[]): TensorData {
  const outer = prod(shape.slice(0, axis));
  const dimAx = shape[axis]!;
  const inner = prod(shape.slice(axis + 1));
  const out: (Dim | string)[] = [];
  for (let o = 0; o < outer; o++)
    for (const raw of indices) {
      const i = raw < 0 ? raw + dimAx : raw;
      for (let k = 0; k < inner; k++) out.push(data[(o * dimAx + i) * inner + k]!);
    }
  return out;
}

/** Combine a rule's infer with an explicit cost. */
export function rule(infer: (ctx: NodeContext) => void, cost: (ctx: NodeContext) => RuleCost, nonParamInputs?: readonly number[]): OpRule {
  return nonParamInputs ? { infer, cost, nonParamInputs } : { infer, cost };
}
