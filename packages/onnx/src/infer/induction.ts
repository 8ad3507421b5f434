/**
 * Loop-carried sizes that grow by the same amount every iteration (a tensor concatenated onto once
 * per trip, from an empty start): the body is inferred once with a symbol S standing for the size,
 * and this module turns what that run computed into totals over the iterations, where S takes the
 * values `init + j*step` for j = 0 .. trips-1. A cost polynomial q(S) becomes the exact sum
 * Σ_j q(init + j*step), using Faulhaber's formulas for Σ_j j^k (k <= 3), so no unknown leaks into the
 * report.
 */
import { dim, Poly, type Atom } from '@modelcost/core';
import type { Induction } from './context.js';
import { tensorVal, type Val } from './values.js';

/** The iteration index j while summing (a name no ONNX symbol has: it never leaves this module). */
const J = Poly.sym('\u0000j');
const J_NAME = '\u0000j';

/** Highest power of the iteration index summed exactly. */
const MAX_POWER = 3;

/** Σ_{j=0}^{T-1} j^k as an exact integer polynomial in T (floor division is exact here: each sum is an integer). */
function powerSum(k: number, t: Poly): Poly {
  switch (k) {
    case 0:
      return t;
    case 1:
      // T(T-1)/2
      return t.mul(t).sub(t).floorDiv(2);
    case 2:
      // (T-1)T(2T-1)/6 = (2T^3 - 3T^2 + T)/6
      return t.pow(3).mul(2).sub(t.pow(2).mul(3)).add(t).floorDiv(6);
    default:
      // (T(T-1)/2)^2 = (T^4 - 2T^3 + T^2)/4
      return t.pow(4).sub(t.pow(3).mul(2)).add(t.pow(2)).floorDiv(4);
  }
}

/** True when `p` mentions any of the named symbols (inside function atoms included). */
export function mentions(p: Poly, names: ReadonlySet<string>): boolean {
  for (const t of p.terms)
    for (const [a] of t.factors) {
      if (a.kind === 'sym' ? names.has(a.name) : a.args.some((x) => mentions(x, names))) return true;
    }
  return false;
}

/**
 * Replace symbols by polynomials. Undefined when a replaced symbol sits inside a function atom
 * (floor, min...): rebuilding those is not needed by any loop seen so far, so the caller falls back.
 */
export function substitute(p: Poly, by: ReadonlyMap<string, Poly>): Poly | undefined {
  const names = new Set(by.keys());
  if (!mentions(p, names)) return p;
  let out = Poly.ZERO;
  for (const t of p.terms) {
    let term = Poly.const(t.coeff);
    for (const [a, e] of t.factors) {
      let base: Poly;
      if (a.kind === 'sym' && by.has(a.name)) base = by.get(a.name)!;
      else if (a.kind === 'fn' && a.args.some((x) => mentions(x, names))) return undefined;
      else base = Poly.atom(a);
      term = term.mul(base.pow(e));
    }
    out = out.add(term);
  }
  return out;
}

/**
 * Σ_{j=0}^{trips-1} p(S := init + j*step) for every induction symbol S. Undefined when p cannot be
 * summed exactly (see {@link substitute}, or a power of j above 3).
 */
export function sumOverIterations(p: Poly, trips: Poly, induction: ReadonlyMap<string, Induction>): Poly | undefined {
  const names = new Set(induction.keys());
  if (!mentions(p, names)) return p.mul(trips);
  if (mentions(p, new Set([J_NAME]))) return undefined;
  const by = new Map<string, Poly>();
  for (const [s, { init, step }] of induction) by.set(s, init.add(step.mul(J)));
  const q = substitute(p, by);
  if (!q) return undefined;
  // Group q's terms by the power of j: q = Σ_k c_k(other symbols) * j^k.
  const byPower = new Map<number, Poly>();
  for (const t of q.terms) {
    let k = 0;
    let c = Poly.const(t.coeff);
    for (const [a, e] of t.factors) {
      if (a.kind === 'sym' && a.name === J_NAME) k = e;
      else c = c.mul(atomPow(a, e));
    }
    if (k > MAX_POWER) return undefined;
    byPower.set(k, (byPower.get(k) ?? Poly.ZERO).add(c));
  }
  let sum = Poly.ZERO;
  for (const [k, c] of byPower) sum = sum.add(c.mul(powerSum(k, trips)));
  return sum;
}

function atomPow(a: Atom, e: number): Poly {
  return Poly.atom(a).pow(e);
}

/**
 * A value with symbols replaced in its shape (undefined result: not possible, see {@link substitute}).
 * A dim that changes is clamped at 0 (`max(..., 0)`, simplified away where it is known non-negative),
 * so a value that exists in no iteration (a loop of zero trips) never shows a negative size.
 */
export function substituteVal(v: Val | undefined, by: ReadonlyMap<string, Poly>): { value: Val | undefined } | undefined {
  if (!v) return { value: v };
  switch (v.kind) {
    case 'tensor': {
      if (!v.shape) return { value: v };
      const names = new Set(by.keys());
      if (!v.shape.some((d) => typeof d !== 'number' && mentions(d, names))) return { value: v };
      const shape = [];
      for (const d of v.shape) {
        if (typeof d === 'number') {
          shape.push(d);
          continue;
        }
        const s = substitute(d, by);
        if (!s) return undefined;
        shape.push(s === d ? d : dim(s.max(Poly.ZERO)));
      }
      return { value: tensorVal(v.dtype, shape, undefined, v.weight) };
    }
    case 'sequence': {
      const e = substituteVal(v.elem, by);
      if (!e) return undefined;
      if (!v.items) return { value: e.value === v.elem ? v : { kind: 'sequence', elem: e.value } };
      const items: Val[] = [];
      for (const x of v.items) {
        const r = substituteVal(x, by);
        if (!r || !r.value) return undefined;
        items.push(r.value);
      }
      return { value: { kind: 'sequence', elem: e.value, items } };
    }
    case 'optional': {
      const e = substituteVal(v.elem, by);
      return e ? { value: e.value === v.elem ? v : { kind: 'optional', elem: e.value } } : undefined;
    }
    case 'map':
      return { value: v };
  }
}

/** True when a value's shape (or its elements') mentions one of the names. */
export function valMentions(v: Val | undefined, names: ReadonlySet<string>): boolean {
  if (!v) return false;
  switch (v.kind) {
    case 'tensor':
      return v.shape !== undefined && v.shape.some((d) => typeof d !== 'number' && mentions(d, names));
    case 'sequence':
      return valMentions(v.elem, names) || (v.items?.some((x) => valMentions(x, names)) ?? false);
    case 'optional':
      return valMentions(v.elem, names);
    case 'map':
      return valMentions(v.value, names);
  }
}
