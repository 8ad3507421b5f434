/**
 * What counts as a parameter. A PyTorch user compares with `sum(p.numel() for p in model.parameters())`;
 * the exporter writes parameters (and persistent buffers) as initializers, and everything else it
 * knows at export time (masks, sinusoidal tables, shape arithmetic) as Constant nodes. So:
 *
 * - an initializer (or a weight a ConstantOfShape generates from a constant shape, Caffe2's way) is a
 *   param where a node reads it as data, unless it is integer shape data (int64 / int32 / bool /
 *   string: shape arithmetic, indices, labels) that reaches no weight input (int64, bool and string
 *   never count; int32 does at a weight input, where it is a quantized bias);
 * - a Constant node's tensor is a param only where it reaches a weight input of a contraction
 *   (`OpRule.weightInputs`: Conv / Gemm / MatMul weights, embedding tables, RNN weights...), directly
 *   or through ops that only re-type or re-lay data (Cast, Transpose, Reshape, DequantizeLinear...);
 * - every other constant tensor is a constant, reported as `constantElements`.
 *
 * Each weight counts once, at the first node that makes it a param. docs/cost-conventions.md states the rule.
 */
import { numElements, Poly, type Weight } from '@modelcost/core';
import type { OpRule } from './rule.js';
import { isTensor, type Val } from './values.js';

/** Element types of shape arithmetic, indices and labels: never a param. */
const NEVER_PARAM_DTYPES: ReadonlySet<string> = new Set(['int64', 'uint64', 'bool', 'string']);
/**
 * Element types that are shape data unless they reach a weight input: 32-bit integers are TensorFlow's
 * shape type, and also the type of quantized biases (QLinearConv's, a DequantizeLinear'd Conv bias).
 */
const SHAPE_DTYPES: ReadonlySet<string> = new Set([...NEVER_PARAM_DTYPES, 'int32', 'uint32']);

/**
 * Ops whose output is their input re-typed or re-laid (same values): a Constant flowing through them
 * into a weight input is still that weight. Position of the data input per op.
 */
const RELAYOUT: Readonly<Record<string, number>> = {
  Cast: 0,
  CastLike: 0,
  DequantizeLinear: 0,
  Flatten: 0,
  Identity: 0,
  Reshape: 0,
  Squeeze: 0,
  Transpose: 0,
  Unsqueeze: 0,
};

/** True when `op` (in `domain`) only re-types or re-lays its data input, so its output may carry a weight (see {@link ParamLedger.carry}). */
export function carriesWeight(op: string, domain: string): boolean {
  return domain === '' && RELAYOUT[op] !== undefined;
}

/** How a weight came to be. */
export type WeightOrigin = 'initializer' | 'constant-node' | 'generated';

/** The params / constants account of one model. */
export class ParamLedger {
  private readonly origin = new Map<Weight, WeightOrigin>();
  private readonly labels = new Map<Weight, string>();
  private readonly order: Weight[] = [];
  private readonly counted = new Set<Weight>();
  private readonly consumed = new Set<Weight>();
  private readonly params: Weight[] = [];
  /** Weights a re-layout op's output carries (the value is that weight, re-typed or re-laid). */
  private readonly carried = new WeakMap<Val, Weight>();

  /**
   * Note a weight as it appears (an initializer of any scope, a Constant's or ConstantOfShape's
   * tensor). `label` names it in messages: a Constant's tensor usually has no name of its own, so
   * the engine passes the value it produces.
   */
  created(w: Weight, origin: WeightOrigin, label = w.name): void {
    if (this.origin.has(w)) return;
    this.origin.set(w, origin);
    this.labels.set(w, w.name || label);
    this.order.push(w);
  }

  /** The name of a weight for messages (its value's name when the tensor has none). */
  label(w: Weight): string {
    return this.labels.get(w) || w.name || '(unnamed)';
  }

  /** The weight a value is (directly, or re-typed / re-laid), if any. */
  weightOf(v: Val | undefined): Weight | undefined {
    if (!isTensor(v)) return undefined;
    return v.weight ?? this.carried.get(v);
  }

  /**
   * Params a node adds by reading `ins` under `rule` (undefined: no rule, an unsupported op). Each
   * weight counts once in the model.
   */
  charge(rule: OpRule | undefined, ins: readonly (Val | undefined)[]): Poly {
    let params = Poly.ZERO;
    const nonParam = rule?.nonParamInputs ?? [];
    const weightAt = rule?.weightInputs ?? [];
    ins.forEach((v, i) => {
      if (!isTensor(v)) return;
      if (v.weight) this.consumed.add(v.weight);
      const w = this.weightOf(v);
      if (!w || this.counted.has(w) || nonParam.includes(i)) return;
      const origin = this.origin.get(w) ?? 'initializer';
      // At a weight input, any weight that is not shape data by type; read as data elsewhere, an
      // initializer of a weight type (not a Constant's tensor, and not through a re-layout).
      const param = weightAt.includes(i) ? !NEVER_PARAM_DTYPES.has(w.dtype) : !SHAPE_DTYPES.has(w.dtype) && v.weight !== undefined && origin !== 'constant-node';
      if (!param) return;
      this.counted.add(w);
      this.params.push(w);
      params = params.add(numElements(w.dims));
    });
    return params;
  }

  /** After a node ran: a re-layout op's output carries the weight its data input is. */
  carry(op: string, domain: string, ins: readonly (Val | undefined)[], outs: readonly (Val | undefined)[]): void {
    if (domain !== '') return;
    const at = RELAYOUT[op];
    if (at === undefined) return;
    const w = this.weightOf(ins[at]);
    const out = outs[0];
    if (w && isTensor(out) && !out.weight) this.carried.set(out, w);
  }

  /**
   * The account once every node ran: params (in the order counted, then stored weights no node
   * reads that are params by the rule), constants, and the weights no node reads.
   */
  finish(): { readonly params: readonly Weight[]; readonly constants: readonly Weight[]; readonly unused: readonly Weight[] } {
    const unused = this.order.filter((w) => !this.consumed.has(w));
    const params = [...this.params];
    const counted = new Set(this.counted);
    // A stored weight no node reads still ships and loads: a param unless it is shape data or a Constant's.
    for (const w of unused)
      if (!counted.has(w) && this.origin.get(w) !== 'constant-node' && !SHAPE_DTYPES.has(w.dtype)) {
        counted.add(w);
        params.push(w);
      }
    const constants = this.order.filter((w) => !counted.has(w));
    return { params, constants, unused };
  }
}
