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
import { ExactSum, Poly, type Weight } from '@modelcost/core';
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

/** The property a ledger writes its entry number under, on the weights it accounts (not enumerable by JSON or Object.keys). */
const ENTRY: unique symbol = Symbol('modelcost.ledgerEntry');
type Tagged = { [ENTRY]?: number };

/** Flags of a ledger entry. */
const CREATED = 1;
const COUNTED = 2;
const CONSUMED = 4;
/** Origins by code (an entry's flags >> ORIGIN_SHIFT); code 0 is an entry read before it was created. */
const ORIGINS: readonly (WeightOrigin | undefined)[] = [undefined, 'initializer', 'constant-node', 'generated'];
const ORIGIN_SHIFT = 3;
const originOf = (flags: number): WeightOrigin | undefined => ORIGINS[flags >> ORIGIN_SHIFT];

/** Elements of a weight (exact: a decoder refuses tensors of 2^53 elements or more). */
function elementsOf(w: Weight): number {
  let n = 1;
  for (const d of w.dims) n *= d;
  return n;
}

/** Elements of all `weights`, exact (one poly, not one per weight). */
export function sumElements(weights: readonly Weight[]): Poly {
  const sum = new ExactSum();
  for (const w of weights) sum.add(elementsOf(w));
  return Poly.const(sum.value);
}

/**
 * The params / constants account of one model. Each weight gets an entry number once, written on
 * the weight itself (see `entry`); what the account knows of it lives in arrays by that number, so a
 * model of 10^6 initializers costs no map of them, where it cost five maps and sets.
 */
export class ParamLedger {
  private readonly index = new Map<Weight, number>();
  private readonly weights: Weight[] = [];
  /** Per entry its flags (CREATED, COUNTED, CONSUMED) and, above them, its origin's code (ORIGINS; 0 none yet): one list, one push per weight. */
  private readonly flags: number[] = [];
  /** Labels of entries whose weight has no name of its own. */
  private readonly labels = new Map<number, string>();
  /** Entries in the order their weights were created. */
  private readonly order: number[] = [];
  private readonly params: Weight[] = [];
  /** Weights a re-layout op's output carries (the value is that weight, re-typed or re-laid). */
  private readonly carried = new WeakMap<Val, Weight>();

  /**
   * The entry of `w`, made when new (a weight may be read before it is created: see `created`). An
   * untagged weight gets this ledger's number written on it and no map entry.
   */
  private entry(w: Weight): number {
    let i = this.find(w);
    if (i === undefined) {
      // New to this ledger: tagged when it carries no other ledger's number and can be, else mapped.
      const taggable = (w as Tagged)[ENTRY] === undefined && Object.isExtensible(w);
      i = this.weights.length;
      this.weights.push(w);
      this.flags.push(0);
      if (taggable) (w as Tagged)[ENTRY] = i;
      else this.index.set(w, i);
    }
    return i;
  }

  /**
   * The entry of `w` if it has one: the number this ledger wrote on it (no map lookup, which on 10^6
   * weights was most of the account's time), else the map's (a weight another ledger tagged, having
   * profiled the same decoded model, or one that cannot be tagged).
   */
  private find(w: Weight): number | undefined {
    const tagged = (w as Tagged)[ENTRY];
    if (tagged !== undefined && this.weights[tagged] === w) return tagged;
    return this.index.get(w);
  }

  /**
   * Note a weight as it appears (an initializer of any scope, a Constant's or ConstantOfShape's
   * tensor). `label` names it in messages: a Constant's tensor usually has no name of its own, so
   * the engine passes the value it produces.
   */
  created(w: Weight, origin: WeightOrigin, label = w.name): void {
    const i = this.entry(w);
    if (this.flags[i]! & CREATED) return;
    this.flags[i]! |= CREATED | (ORIGINS.indexOf(origin) << ORIGIN_SHIFT);
    if (!w.name && label) this.labels.set(i, label);
    this.order.push(i);
  }

  /** The name of a weight for messages (its value's name when the tensor has none). */
  label(w: Weight): string {
    const i = this.find(w);
    return (i !== undefined ? this.labels.get(i) : undefined) || w.name || '(unnamed)';
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
    const nonParam = rule?.nonParamInputs ?? [];
    const weightAt = rule?.weightInputs ?? [];
    let sum: ExactSum | undefined;
    for (let i = 0; i < ins.length; i++) {
      const v = ins[i];
      if (!isTensor(v)) continue;
      const direct = v.weight;
      const d = direct ? this.entry(direct) : -1;
      if (direct) this.flags[d]! |= CONSUMED;
      const w = direct ?? this.carried.get(v);
      if (!w) continue;
      const e = w === direct ? d : this.entry(w);
      if (this.flags[e]! & COUNTED || nonParam.includes(i)) continue;
      const origin = originOf(this.flags[e]!) ?? 'initializer';
      // At a weight input, any weight that is not shape data by type; read as data elsewhere, an
      // initializer of a weight type (not a Constant's tensor, and not through a re-layout).
      const param = weightAt.includes(i) ? !NEVER_PARAM_DTYPES.has(w.dtype) : !SHAPE_DTYPES.has(w.dtype) && v.weight !== undefined && origin !== 'constant-node';
      if (!param) continue;
      this.flags[e]! |= COUNTED;
      this.params.push(w);
      (sum ??= new ExactSum()).add(elementsOf(w));
    }
    return sum ? Poly.const(sum.value) : Poly.ZERO;
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
    const unused: Weight[] = [];
    const params = [...this.params];
    const flags = this.flags.slice();
    // A stored weight no node reads still ships and loads: a param unless it is shape data or a Constant's.
    for (const i of this.order) {
      if (flags[i]! & CONSUMED) continue;
      const w = this.weights[i]!;
      unused.push(w);
      if (!(flags[i]! & COUNTED) && originOf(flags[i]!) !== 'constant-node' && !SHAPE_DTYPES.has(w.dtype)) {
        flags[i]! |= COUNTED;
        params.push(w);
      }
    }
    const constants: Weight[] = [];
    for (const i of this.order) if (!(flags[i]! & COUNTED)) constants.push(this.weights[i]!);
    return { params, constants, unused };
  }
}
