/**
 * Tensor dimensions: a non-negative integer, or a symbolic {@link Poly} (`batch`, `seq*2`,
 * `floor((h - 1)/2) + 1`). Unknown dims are fresh symbols named `unk__N` (the convention of
 * onnxruntime's symbolic shape inference), so every dim takes part in the same algebra and costs
 * stay polynomials until symbols are bound.
 *
 * Invariant: a `Poly` used as a Dim is never constant; {@link dim} normalises.
 */
import { maxOf } from '../util/arrays.js';
import { Poly, type Bindings } from './poly.js';

/** A dimension: concrete number or non-constant polynomial. */
export type Dim = number | Poly;

/** A shape: one Dim per axis. */
export type Shape = readonly Dim[];

/** Prefix of the names given to dims nothing could infer. */
export const UNKNOWN_PREFIX = 'unk__';

/** Normalise a Poly or number to a Dim (constant polys become numbers). */
export function dim(v: Poly | number | bigint): Dim {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return v.isConst ? Number(v.constValue) : v;
}

/** A Dim as a Poly. */
export function dimPoly(d: Dim): Poly {
  return typeof d === 'number' ? Poly.const(d) : d;
}

/** A named symbolic dim. */
export function symDim(name: string): Dim {
  return Poly.sym(name);
}

/** True when the dim is a concrete number. */
export function isConcrete(d: Dim): d is number {
  return typeof d === 'number';
}

/** True when every dim of the shape is concrete. */
export function isConcreteShape(s: Shape): s is readonly number[] {
  return s.every((d) => typeof d === 'number');
}

/** True for a dim that is a lone `unk__N` symbol. */
export function isUnknownDim(d: Dim): boolean {
  if (typeof d === 'number' || d.terms.length !== 1) return false;
  const t = d.terms[0]!;
  return t.coeff === 1n && t.factors.length === 1 && t.factors[0]![1] === 1 && t.factors[0]![0].kind === 'sym' && t.factors[0]![0].name.startsWith(UNKNOWN_PREFIX);
}

/** Makes fresh unknown dims (`unk__0`, `unk__1`, ...). One per inference run keeps names deterministic. */
export class UnknownDims {
  private next = 0;
  constructor(private readonly prefix = UNKNOWN_PREFIX) {}
  fresh(): Dim {
    return Poly.sym(`${this.prefix}${this.next++}`);
  }
}

/** `a + b`, exact: numbers stay numbers, otherwise a polynomial. */
export function dimAdd(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  return dim(dimPoly(a).add(dimPoly(b)));
}

/** `a - b`, exact: numbers stay numbers, otherwise a polynomial. */
export function dimSub(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return dim(dimPoly(a).sub(dimPoly(b)));
}

/** `a * b`, exact: a product past Number.MAX_SAFE_INTEGER becomes a constant polynomial (bigint), never a rounded number. */
export function dimMul(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r;
    return dim(Poly.const(a).mul(b));
  }
  return dim(dimPoly(a).mul(dimPoly(b)));
}

/** `floor(a / b)`; throws RangeError on a numeric division by zero. */
export function dimFloorDiv(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) throw new RangeError('division by zero');
    return Math.floor(a / b);
  }
  return dim(dimPoly(a).floorDiv(dimPoly(b)));
}

/** `ceil(a / b)`; throws RangeError on a numeric division by zero. */
export function dimCeilDiv(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) throw new RangeError('division by zero');
    return Math.ceil(a / b);
  }
  return dim(dimPoly(a).ceilDiv(dimPoly(b)));
}

/** `a mod b` with the sign of `b` (Python's %, as ONNX shape arithmetic uses). */
export function dimMod(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return ((a % b) + b) % b;
  return dim(dimPoly(a).mod(dimPoly(b)));
}

/** `min(a, b)`; symbolic when either side is. */
export function dimMin(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return Math.min(a, b);
  return dim(dimPoly(a).min(dimPoly(b)));
}

/** `max(a, b)`; symbolic when either side is. */
export function dimMax(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return Math.max(a, b);
  return dim(dimPoly(a).max(dimPoly(b)));
}

/** Structural equality (symbolic dims are equal when their canonical forms are). */
export function dimEq(a: Dim, b: Dim): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a.equals(b);
}

/** Shapes equal axis by axis. */
export function shapeEq(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => dimEq(d, b[i]!));
}

/** Product of dims (element count), as a Poly. */
export function numElements(shape: Shape): Poly {
  let n = 1;
  let p: Poly | undefined;
  for (const d of shape) {
    if (typeof d === 'number' && p === undefined) {
      const next = n * d;
      if (Number.isSafeInteger(next)) {
        n = next;
        continue;
      }
      p = Poly.const(n).mul(d);
      continue;
    }
    p = (p ?? Poly.const(n)).mul(dimPoly(d));
  }
  return p ?? Poly.const(n);
}

/** Bind symbols in a dim. */
export function bindDim(d: Dim, bindings: Bindings): Dim {
  return typeof d === 'number' ? d : dim(d.substitute(bindings));
}

/** Print a dim: numbers as numbers, symbols by their canonical text. */
export function dimToString(d: Dim): string {
  return typeof d === 'number' ? String(d) : d.key;
}

/** Print a shape as `[batch, 3, 224, 224]`. */
export function shapeToString(s: Shape): string {
  return `[${s.map(dimToString).join(', ')}]`;
}

/** JSON form of a dim for the Report contract: number, or the symbol/expression string. */
export function dimToJSON(d: Dim): number | string {
  return typeof d === 'number' ? d : d.key;
}

/** Result of unifying two dims that must be the same size. */
export interface Unified {
  dim: Dim;
  /** Both values when they are provably different numbers (the first is kept). */
  conflict?: readonly [Dim, Dim];
}

/**
 * Unify two dims that must be equal: equal dims stay; a number beats a symbol (it is more specific);
 * a named symbol beats an `unk__` one; two different symbolic dims keep the first. Two different numbers
 * are a conflict, reported with both values.
 */
export function unifyDim(a: Dim, b: Dim): Unified {
  if (dimEq(a, b)) return { dim: a };
  if (typeof a === 'number' && typeof b === 'number') return { dim: a, conflict: [a, b] };
  if (typeof a === 'number') return { dim: a };
  if (typeof b === 'number') return { dim: b };
  if (isUnknownDim(a) && !isUnknownDim(b)) return { dim: b };
  return { dim: a };
}

/** Result of broadcasting two dims under numpy rules. */
export interface Broadcast {
  dim: Dim;
  /** Set when the two dims cannot broadcast (different numbers, neither 1). */
  conflict?: readonly [Dim, Dim];
}

/**
 * Numpy-style broadcast of two dims: 1 yields to the other; equal dims stay; a number other than 1
 * beats a symbol (the symbol must then be that number or 1); different symbols keep the named one.
 */
export function broadcastDim(a: Dim, b: Dim): Broadcast {
  if (a === 1) return { dim: b };
  if (b === 1) return { dim: a };
  // Past the 1s, broadcasting is unification: the sizes must agree.
  return unifyDim(a, b);
}

/**
 * Broadcast shapes under numpy multidirectional rules. Returns the shape and the first axis conflict, if any.
 */
export function broadcastShapes(...shapes: Shape[]): { shape: Dim[]; conflict?: { axis: number; dims: readonly [Dim, Dim] } } {
  return broadcastShapeList(shapes);
}

/** {@link broadcastShapes} of a list (of any length: a model decides how many inputs a merge has). */
export function broadcastShapeList(shapes: readonly Shape[]): { shape: Dim[]; conflict?: { axis: number; dims: readonly [Dim, Dim] } } {
  const rank = Math.max(0, maxOf(shapes.map((s) => s.length)));
  const out: Dim[] = new Array<Dim>(rank).fill(1);
  let conflict: { axis: number; dims: readonly [Dim, Dim] } | undefined;
  for (const s of shapes) {
    const off = rank - s.length;
    for (let i = 0; i < s.length; i++) {
      const r = broadcastDim(out[off + i]!, s[i]!);
      out[off + i] = r.dim;
      if (r.conflict && !conflict) conflict = { axis: off + i, dims: r.conflict };
    }
  }
  return conflict ? { shape: out, conflict } : { shape: out };
}

/**
 * Parse a dim from user text: `128`, `batch`, `seq*2`. Only integers, identifiers, `+ - *` and
 * parentheses; anything else is a symbol named by the whole text.
 */
export function parseDim(text: string): Dim {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  try {
    return dim(parseExpr(t));
  } catch {
    return Poly.sym(t);
  }
}

function parseExpr(src: string): Poly {
  const tokens = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*()]|\S/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const expr = (): Poly => {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++];
      const r = term();
      v = op === '+' ? v.add(r) : v.sub(r);
    }
    return v;
  };
  const term = (): Poly => {
    let v = factor();
    while (peek() === '*') {
      i++;
      v = v.mul(factor());
    }
    return v;
  };
  const factor = (): Poly => {
    const tok = tokens[i++];
    if (tok === undefined) throw new SyntaxError('unexpected end');
    if (tok === '(') {
      const v = expr();
      if (tokens[i++] !== ')') throw new SyntaxError('expected )');
      return v;
    }
    if (tok === '-') return factor().neg();
    if (/^\d+$/.test(tok)) return Poly.const(BigInt(tok));
    if (/^[A-Za-z_]/.test(tok)) return Poly.sym(tok);
    throw new SyntaxError(`unexpected ${tok}`);
  };
  const v = expr();
  if (i !== tokens.length) throw new SyntaxError('trailing input');
  return v;
}
