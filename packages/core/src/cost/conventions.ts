/**
 * The one place where `flops` is derived from multiply-accumulates and element costs, under each
 * counting convention (docs/cost-conventions.md#conventions).
 *
 * - `macs+flops` (default): flops = 2 * macs + element flops. A bias add is folded into the MACs, as
 *   thop / ptflops / fvcore users' "FLOPs = 2 x MACs" does.
 * - `exact`: n products need n - 1 additions, so an output accumulated from n products costs
 *   2n - 1 without bias and 2n with one (the bias add takes the place of the missing addition).
 */
import { Poly } from '../symbolic/poly.js';
import type { Dim } from '../symbolic/dim.js';
import type { KernelOptions } from './types.js';

/** What a kernel returns: exact polynomials (constants for concrete shapes). */
export interface OpCost {
  /** Multiply-accumulates of contractions. */
  readonly macs: Poly;
  /** Operations under the chosen convention. */
  readonly flops: Poly;
  /** Weight elements the op owns (conv kernel + bias, norm scale/shift...). */
  readonly params: Poly;
}

/** A zero cost (no arithmetic). */
export const ZERO_COST: OpCost = Object.freeze({ macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO });

/**
 * Cost of a contraction: `macs` products accumulated into `outputs` elements.
 * @param macs multiply-accumulates
 * @param outputs number of accumulated output elements (for the `exact` convention)
 * @param bias whether a bias is added to every output
 * @param params weight elements
 * @param extraFlops element-wise work beside the contraction (activation, scaling), same in both conventions
 */
export function contractionCost(macs: Poly, outputs: Poly, bias: boolean, params: Poly, opts: KernelOptions = {}, extraFlops: Poly = Poly.ZERO): OpCost {
  const twice = macs.mul(2);
  const flops = opts.convention === 'exact' ? (bias ? twice : twice.sub(outputs)) : twice;
  return { macs, flops: flops.add(extraFlops), params };
}

/** Cost of pure element-wise work: no macs. */
export function elementCost(flops: Poly, params: Poly = Poly.ZERO): OpCost {
  return { macs: Poly.ZERO, flops, params };
}

/** Reject negative or non-integer concrete sizes (symbolic sizes are non-negative by construction). */
export function checkSizes(kernel: string, sizes: Readonly<Record<string, Dim | readonly Dim[] | number | undefined>>): void {
  for (const [name, v] of Object.entries(sizes)) {
    const list = Array.isArray(v) ? v : [v];
    for (const d of list as (Dim | undefined)[]) {
      if (typeof d === 'number' && (!Number.isInteger(d) || d < 0)) throw new RangeError(`${kernel}: ${name} must be a non-negative integer, got ${d}`);
    }
  }
}
