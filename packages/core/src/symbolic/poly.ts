/**
 * Polynomials with exact integer (bigint) coefficients over atoms.
 *
 * An atom is a named symbol (`batch`, `seq`, `unk__3`) or an opaque integer function of polynomials
 * that cannot be expanded further (`floor((h - 1)/2)`, `ceil(w/32)`, `min(seq, 512)`, `max(a, b)`,
 * `mod(n, 8)`). Dims, element counts and costs are all `Poly` values, so symbolic shapes flow straight
 * into symbolic costs (`2359296*batch*seq`) and are evaluated exactly once symbols are bound.
 *
 * Polys are immutable and canonical: two polys are equal exactly when their `key` strings are equal.
 */

/** The integer functions an atom may stand for. All operate on integers. */
export type AtomFn = 'floor' | 'ceil' | 'min' | 'max' | 'mod';

/** A symbol, or an unexpandable integer function of polynomials. */
export type Atom =
  | { readonly kind: 'sym'; readonly name: string; readonly key: string }
  | { readonly kind: 'fn'; readonly fn: AtomFn; readonly args: readonly Poly[]; readonly key: string };

/** One term: `coeff * prod(atom^exp)`. `factors` is sorted by atom key. */
export interface Term {
  readonly coeff: bigint;
  readonly factors: readonly (readonly [atom: Atom, exp: number])[];
  /** Canonical monomial key (`''` for the constant term). */
  readonly mono: string;
}

/** The result of {@link Poly.compare}. */
export type PolyOrder = 'lt' | 'le' | 'eq' | 'ge' | 'gt';

/**
 * A closed integer interval; an absent end is unbounded (`{ lo: 0n }` is `[0, +inf)`).
 * Used by {@link Poly.bounds} for what is known of a value's range.
 */
export interface Interval {
  readonly lo?: bigint;
  readonly hi?: bigint;
}

/**
 * The range each symbol may take, for {@link Poly.bounds} and {@link Poly.compare}. Symbols stand
 * for sizes, so the default ({@link SIZE_RANGE}) is `[0, +inf)`; a range must never include negatives.
 */
export type SymbolRange = (name: string) => Interval;

const NON_NEGATIVE: Interval = Object.freeze({ lo: 0n });
/** Every symbol is a size: `[0, +inf)`. */
export const SIZE_RANGE: SymbolRange = () => NON_NEGATIVE;

/** Values for symbols, for {@link Poly.substitute} and {@link Poly.evaluate}. */
export type Bindings = ReadonlyMap<string, number | bigint> | Readonly<Record<string, number | bigint>>;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function symKey(name: string): string {
  // Quote names that are not identifiers so printing round-trips and never collides with fn atoms.
  return IDENT.test(name) ? name : JSON.stringify(name);
}

function monoKey(factors: readonly (readonly [Atom, number])[]): string {
  return factors.map(([a, e]) => (e === 1 ? a.key : `${a.key}^${e}`)).join('*');
}

function absBig(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function gcdBig(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Floor division on bigints (rounds toward negative infinity, like Python `//`). */
export function floorDivBig(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Ceiling division on bigints. */
export function ceilDivBig(a: bigint, b: bigint): bigint {
  return -floorDivBig(-a, b);
}

/** Constants 0 .. SMALL-1 are shared instances (see Poly.const). */
const SMALL = 4096;
const SMALL_BIG = BigInt(SMALL);

function toBig(v: number | bigint): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isInteger(v)) throw new RangeError(`not an integer: ${v}`);
  return BigInt(v);
}

/** An immutable polynomial with bigint coefficients. Build with {@link Poly.const}, {@link Poly.sym} and the arithmetic methods. */
export class Poly {
  /** Terms sorted canonically (higher degree first, then by monomial key); no zero coefficients. */
  readonly terms: readonly Term[];
  private cachedKey: string | undefined;

  private constructor(terms: Term[], sorted = false) {
    if (!sorted && terms.length > 1) terms.sort(compareTerms);
    this.terms = terms;
  }

  /** Canonical printed form; equal polys have equal keys. Built on first use. */
  get key(): string {
    return (this.cachedKey ??= formatTerms(this.terms, (c) => c.toString()));
  }

  static readonly ZERO = new Poly([]);
  static readonly ONE = new Poly([{ coeff: 1n, factors: [], mono: '' }]);

  /** Shared instances of the constants 2..SMALL-1 (dims, strides, dtype sizes): polys are immutable. */
  private static readonly small: Poly[] = [];

  /** A constant. Throws on a non-integer number. */
  static const(v: number | bigint): Poly {
    // Small numbers skip the bigint conversion.
    if (typeof v === 'number' && v >= 0 && v < SMALL && Number.isInteger(v)) return Poly.smallConst(v);
    const b = toBig(v);
    if (b >= 0n && b < SMALL_BIG) return Poly.smallConst(Number(b));
    return new Poly([{ coeff: b, factors: [], mono: '' }]);
  }

  private static smallConst(i: number): Poly {
    if (i === 0) return Poly.ZERO;
    if (i === 1) return Poly.ONE;
    return (Poly.small[i] ??= new Poly([{ coeff: BigInt(i), factors: [], mono: '' }]));
  }

  /** A named symbol such as `batch` or `seq`. */
  static sym(name: string): Poly {
    const atom: Atom = { kind: 'sym', name, key: symKey(name) };
    return Poly.atom(atom);
  }

  /** @internal Wrap an atom; use {@link Poly.sym} or the arithmetic methods instead. */
  static atom(atom: Atom): Poly {
    return new Poly([{ coeff: 1n, factors: [[atom, 1]], mono: atom.key }]);
  }

  private static fromMap(map: Map<string, Term>): Poly {
    const terms: Term[] = [];
    for (const t of map.values()) if (t.coeff !== 0n) terms.push(t);
    if (terms.length === 0) return Poly.ZERO;
    if (terms.length === 1 && terms[0]!.mono === '' && terms[0]!.coeff === 1n) return Poly.ONE;
    return new Poly(terms);
  }

  /** True when the poly has no symbols. */
  get isConst(): boolean {
    return this.terms.length === 0 || (this.terms.length === 1 && this.terms[0]!.mono === '');
  }

  /** The constant value; throws when the poly has symbols (check {@link isConst} first). */
  get constValue(): bigint {
    if (!this.isConst) throw new RangeError(`not a constant: ${this.key}`);
    return this.terms.length === 0 ? 0n : this.terms[0]!.coeff;
  }

  /** The constant term (0n when absent). */
  get constantTerm(): bigint {
    const last = this.terms[this.terms.length - 1];
    return last && last.mono === '' ? last.coeff : 0n;
  }

  /** Names of every symbol that occurs, including inside function atoms, sorted. */
  symbols(): string[] {
    const out = new Set<string>();
    const visit = (p: Poly): void => {
      for (const t of p.terms)
        for (const [a] of t.factors) {
          if (a.kind === 'sym') out.add(a.name);
          else a.args.forEach(visit);
        }
    };
    visit(this);
    return [...out].sort();
  }

  /** Total degree of the highest term (0 for constants). */
  get degree(): number {
    let d = 0;
    for (const t of this.terms) d = Math.max(d, t.factors.reduce((s, [, e]) => s + e, 0));
    return d;
  }

  equals(other: Poly): boolean {
    if (this === other) return true;
    if (this.terms.length !== other.terms.length) return false;
    for (let i = 0; i < this.terms.length; i++) {
      const a = this.terms[i]!;
      const b = other.terms[i]!;
      if (a.coeff !== b.coeff || a.mono !== b.mono) return false;
    }
    return true;
  }

  add(other: Poly | number | bigint): Poly {
    const o = asPoly(other);
    if (o.terms.length === 0) return this;
    if (this.terms.length === 0) return o;
    // Concrete shapes make most sums constant + constant: no term map for those.
    if (this.isConst && o.isConst) return Poly.const(this.terms[0]!.coeff + o.terms[0]!.coeff);
    // Both term lists are in canonical order: merge them (no term map, no sort; a graph's costs are
    // summed 10^6 times).
    const a = this.terms;
    const b = o.terms;
    const out: Term[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      const c = compareTerms(x, y);
      if (c < 0) {
        out.push(x);
        i++;
      } else if (c > 0) {
        out.push(y);
        j++;
      } else {
        const coeff = x.coeff + y.coeff;
        if (coeff !== 0n) out.push({ ...x, coeff });
        i++;
        j++;
      }
    }
    while (i < a.length) out.push(a[i++]!);
    while (j < b.length) out.push(b[j++]!);
    if (out.length === 0) return Poly.ZERO;
    if (out.length === 1 && out[0]!.mono === '' && out[0]!.coeff === 1n) return Poly.ONE;
    return new Poly(out, true);
  }

  neg(): Poly {
    return this.terms.length === 0 ? this : this.scale(-1n);
  }

  sub(other: Poly | number | bigint): Poly {
    return this.add(asPoly(other).neg());
  }

  mul(other: Poly | number | bigint): Poly {
    const o = asPoly(other);
    if (this.terms.length === 0 || o.terms.length === 0) return Poly.ZERO;
    if (o === Poly.ONE) return this;
    if (this === Poly.ONE) return o;
    // A constant factor scales coefficients and keeps monomials and their order: no term map.
    if (o.isConst) return this.scale(o.terms[0]!.coeff);
    if (this.isConst) return o.scale(this.terms[0]!.coeff);
    const map = new Map<string, Term>();
    for (const a of this.terms)
      for (const b of o.terms) {
        const t = mulTerms(a, b);
        const prev = map.get(t.mono);
        map.set(t.mono, prev ? { ...prev, coeff: prev.coeff + t.coeff } : t);
      }
    return Poly.fromMap(map);
  }

  /** `this * c` for a non-zero constant c: same monomials in the same order. */
  private scale(c: bigint): Poly {
    if (c === 1n) return this;
    if (this.isConst) return Poly.const(this.terms[0]!.coeff * c);
    return new Poly(
      this.terms.map((t) => ({ coeff: t.coeff * c, factors: t.factors, mono: t.mono })),
      true,
    );
  }

  /** `this^n` for a non-negative integer n. */
  pow(n: number): Poly {
    let out: Poly = Poly.ONE;
    for (let i = 0; i < n; i++) out = out.mul(this);
    return out;
  }

  /** Greatest common divisor of all coefficients (0n for the zero poly). */
  contentGcd(): bigint {
    let g = 0n;
    for (const t of this.terms) g = gcdBig(g, t.coeff);
    return g;
  }

  /** Exact division by an integer that divides every coefficient; undefined otherwise. */
  divExact(d: bigint): Poly | undefined {
    if (d === 0n) return undefined;
    if (d === 1n) return this;
    const map = new Map<string, Term>();
    for (const t of this.terms) {
      if (t.coeff % d !== 0n) return undefined;
      map.set(t.mono, { ...t, coeff: t.coeff / d });
    }
    return Poly.fromMap(map);
  }

  /** `floor(this / d)`: exact when possible, else an opaque `floor` atom. */
  floorDiv(d: Poly | number | bigint): Poly {
    return integerDiv(this, asPoly(d), 'floor');
  }

  /** `ceil(this / d)`: exact when possible, else an opaque `ceil` atom. */
  ceilDiv(d: Poly | number | bigint): Poly {
    return integerDiv(this, asPoly(d), 'ceil');
  }

  /** `this mod d` (result has the sign of d, as Python). */
  mod(d: Poly | number | bigint): Poly {
    const o = asPoly(d);
    if (this.isConst && o.isConst) {
      const b = o.constValue;
      return Poly.const(this.constValue - floorDivBig(this.constValue, b) * b);
    }
    if (o.isConst) {
      const exact = this.divExact(o.constValue);
      if (exact) return Poly.ZERO;
    }
    return fnAtom('mod', [this, o]);
  }

  /**
   * How `this` compares with `other` for every value of the symbols, which stand for sizes
   * (non-negative integers): `'eq'`, `'lt'` / `'gt'` when strictly known, `'le'` / `'ge'` when only
   * that is known, undefined when it depends on the values. `n + 1` vs `-1` is `'gt'`; `n` vs `0` is
   * `'ge'`; `n` vs `m` is undefined.
   */
  compare(other: Poly | number | bigint, range: SymbolRange = SIZE_RANGE): PolyOrder | undefined {
    const d = this.sub(asPoly(other));
    if (d.isConst) {
      const v = d.constValue;
      return v === 0n ? 'eq' : v > 0n ? 'gt' : 'lt';
    }
    if (nonNegative(d)) return d.constantTerm > 0n ? 'gt' : 'ge';
    const n = d.neg();
    if (nonNegative(n)) return n.constantTerm > 0n ? 'lt' : 'le';
    // Interval arithmetic decides what the sign pattern of the terms cannot: `512 - min(t, 512)`,
    // `floor(n/2) - n - 1`, or `t - 1` when the range says t >= 1.
    const b = d.bounds(range);
    if (b.lo !== undefined && b.lo >= 0n) return b.lo > 0n ? 'gt' : 'ge';
    if (b.hi !== undefined && b.hi <= 0n) return b.hi < 0n ? 'lt' : 'le';
    return undefined;
  }

  /**
   * The interval the poly's value lies in when every symbol lies in its `range` (default: sizes,
   * `[0, +inf)`), by interval arithmetic over terms and atoms (min, max, floor, ceil and mod narrow it).
   * Sound, not tight: the true range may be smaller.
   */
  bounds(range: SymbolRange = SIZE_RANGE): Interval {
    let out: Interval = { lo: 0n, hi: 0n };
    const cache = new Map<string, Interval>();
    for (const t of this.terms) {
      let term: Interval = { lo: t.coeff, hi: t.coeff };
      for (const [a, e] of t.factors) {
        let iv = cache.get(a.key);
        if (!iv) {
          iv = atomBounds(a, range);
          cache.set(a.key, iv);
        }
        term = ivMul(term, ivPow(iv, e));
      }
      out = ivAdd(out, term);
    }
    return out;
  }

  min(other: Poly | number | bigint): Poly {
    return minMax(this, asPoly(other), 'min');
  }

  max(other: Poly | number | bigint): Poly {
    return minMax(this, asPoly(other), 'max');
  }

  /**
   * Replace bound symbols by values (other symbols stay). Function atoms whose arguments become
   * constant are computed exactly.
   */
  substitute(bindings: Bindings): Poly {
    const get = bindingGetter(bindings);
    const cache = new Map<string, Poly>();
    const atomValue = (a: Atom): Poly => {
      const hit = cache.get(a.key);
      if (hit) return hit;
      let v: Poly;
      if (a.kind === 'sym') {
        const b = get(a.name);
        v = b === undefined ? Poly.atom(a) : Poly.const(b);
      } else {
        const args = a.args.map((p) => p.substitute(bindings));
        v = applyFn(a.fn, args);
      }
      cache.set(a.key, v);
      return v;
    };
    let out = Poly.ZERO;
    for (const t of this.terms) {
      let term = Poly.const(t.coeff);
      for (const [a, e] of t.factors) term = term.mul(atomValue(a).pow(e));
      out = out.add(term);
    }
    return out;
  }

  /**
   * Evaluate to an exact integer. Unbound symbols take `defaultValue` when given (and are reported to
   * `onDefault`), else this throws naming them. Computes on bigints directly, without building polys.
   */
  evaluate(bindings: Bindings = {}, defaultValue?: number | bigint, onDefault?: (symbol: string) => void): bigint {
    const get = bindingGetter(bindings);
    const dflt = defaultValue === undefined ? undefined : toBig(defaultValue);
    const lookup = (name: string): bigint | undefined => {
      const v = get(name);
      if (v !== undefined || dflt === undefined) return v;
      onDefault?.(name);
      return dflt;
    };
    const r = evalTerms(this, lookup);
    if (r !== undefined) return r;
    const rest = this.substitute(bindings);
    throw new RangeError(`unbound symbols in ${rest.key}: ${rest.symbols().join(', ')}`);
  }

  /** Exact canonical form, e.g. `2359296*batch*seq + 768`. */
  toString(): string {
    return this.key;
  }

  /** Human form with SI-abbreviated coefficients, e.g. `1.5M*seq^2 + 22.3M*seq`. */
  toHuman(digits = 3): string {
    return formatTerms(this.terms, (c) => humanInt(c, digits));
  }

  toJSON(): string {
    return this.key;
  }
}

/** Sum of terms on bigints; undefined when a symbol has no value. */
function evalTerms(p: Poly, lookup: (name: string) => bigint | undefined): bigint | undefined {
  let sum = 0n;
  for (const t of p.terms) {
    let v = t.coeff;
    for (const [a, e] of t.factors) {
      const x = evalAtom(a, lookup);
      if (x === undefined) return undefined;
      v *= e === 1 ? x : x ** BigInt(e);
    }
    sum += v;
  }
  return sum;
}

function evalAtom(a: Atom, lookup: (name: string) => bigint | undefined): bigint | undefined {
  if (a.kind === 'sym') return lookup(a.name);
  const args: bigint[] = [];
  for (const x of a.args) {
    const v = evalTerms(x, lookup);
    if (v === undefined) return undefined;
    args.push(v);
  }
  const [x, y] = args as [bigint, bigint];
  switch (a.fn) {
    case 'floor':
      return floorDivBig(x, y);
    case 'ceil':
      return ceilDivBig(x, y);
    case 'mod':
      return x - floorDivBig(x, y) * y;
    case 'min':
      return x < y ? x : y;
    case 'max':
      return x > y ? x : y;
  }
}

/**
 * Accumulates a sum of polys in place (one map of terms), for totals over many nodes: adding n polys
 * one by one with {@link Poly.add} copies the running sum n times.
 */
export class PolySum {
  /** Running coefficient per monomial, with the first term seen for its factors (mutated in place). */
  private readonly map = new Map<string, { coeff: bigint; readonly term: Term }>();
  /** Add `p` (times the constant or poly `times`). */
  add(p: Poly, times?: Poly): this {
    const q = times === undefined || times === Poly.ONE ? p : p.mul(times);
    for (const t of q.terms) {
      const prev = this.map.get(t.mono);
      if (prev) prev.coeff += t.coeff;
      else this.map.set(t.mono, { coeff: t.coeff, term: t });
    }
    return this;
  }
  /** The sum so far. */
  get value(): Poly {
    let out = Poly.ZERO;
    for (const { coeff, term } of this.map.values()) if (coeff !== 0n) out = out.add(termPoly({ ...term, coeff }));
    return out;
  }
}

function asPoly(v: Poly | number | bigint): Poly {
  return v instanceof Poly ? v : Poly.const(v);
}

function bindingGetter(b: Bindings): (name: string) => bigint | undefined {
  if (b instanceof Map) {
    return (n) => {
      const v = (b as ReadonlyMap<string, number | bigint>).get(n);
      return v === undefined ? undefined : toBig(v);
    };
  }
  const rec = b as Readonly<Record<string, number | bigint>>;
  return (n) => (Object.prototype.hasOwnProperty.call(rec, n) ? toBig(rec[n]!) : undefined);
}

function compareTerms(a: Term, b: Term): number {
  const da = a.factors.reduce((s, [, e]) => s + e, 0);
  const db = b.factors.reduce((s, [, e]) => s + e, 0);
  if (da !== db) return db - da;
  return a.mono < b.mono ? -1 : a.mono > b.mono ? 1 : 0;
}

function mulTerms(a: Term, b: Term): Term {
  if (a.factors.length === 0) return { coeff: a.coeff * b.coeff, factors: b.factors, mono: b.mono };
  if (b.factors.length === 0) return { coeff: a.coeff * b.coeff, factors: a.factors, mono: a.mono };
  const m = new Map<string, [Atom, number]>();
  for (const [atom, e] of a.factors) m.set(atom.key, [atom, e]);
  for (const [atom, e] of b.factors) {
    const prev = m.get(atom.key);
    m.set(atom.key, [atom, (prev ? prev[1] : 0) + e]);
  }
  const factors = [...m.values()].sort((x, y) => (x[0].key < y[0].key ? -1 : x[0].key > y[0].key ? 1 : 0));
  return { coeff: a.coeff * b.coeff, factors, mono: monoKey(factors) };
}

function fnAtom(fn: AtomFn, args: Poly[]): Poly {
  const key = fn === 'floor' || fn === 'ceil' ? `${fn}(${wrap(args[0]!)}/${wrap(args[1]!)})` : `${fn}(${args.map((a) => a.key).join(', ')})`;
  const atom: Atom = { kind: 'fn', fn, args, key };
  return Poly.atom(atom);
}

function wrap(p: Poly): string {
  return p.terms.length > 1 || (p.terms.length === 1 && p.terms[0]!.coeff < 0n) ? `(${p.key})` : p.key;
}

function applyFn(fn: AtomFn, args: Poly[]): Poly {
  switch (fn) {
    case 'floor':
      return args[0]!.floorDiv(args[1]!);
    case 'ceil':
      return args[0]!.ceilDiv(args[1]!);
    case 'mod':
      return args[0]!.mod(args[1]!);
    case 'min':
      return args[0]!.min(args[1]!);
    case 'max':
      return args[0]!.max(args[1]!);
  }
}

function integerDiv(n: Poly, d: Poly, fn: 'floor' | 'ceil'): Poly {
  if (d.isConst) {
    const dv = d.constValue;
    if (dv === 0n) throw new RangeError(`division by zero: ${n.key}/0`);
    if (n.isConst) return Poly.const(fn === 'floor' ? floorDivBig(n.constValue, dv) : ceilDivBig(n.constValue, dv));
    if (dv === 1n) return n;
    const exact = n.divExact(dv);
    if (exact) return exact;
    // Pull out the part of the numerator that divides exactly: floor((d*q + r)/d) = q + floor(r/d).
    let q = Poly.ZERO;
    let r = Poly.ZERO;
    for (const t of n.terms) {
      const single = Poly.ZERO.add(termPoly(t));
      const qc = floorDivBig(t.coeff, dv);
      if (t.mono !== '' && t.coeff % dv === 0n) q = q.add(single.divExact(dv)!);
      else if (t.mono === '') {
        // Keep the constant's residue inside the atom so results stay canonical.
        q = q.add(Poly.const(qc));
        r = r.add(Poly.const(t.coeff - qc * dv));
      } else r = r.add(single);
    }
    if (r.isConst) return q.add(Poly.const(fn === 'floor' ? floorDivBig(r.constValue, dv) : ceilDivBig(r.constValue, dv)));
    return q.add(fnAtom(fn, [r, d]));
  }
  if (n.equals(d)) return Poly.ONE;
  // Symbolic divisor: exact when n is d times a polynomial with a single term ratio.
  if (d.terms.length === 1 && n.terms.length >= 1) {
    const dt = d.terms[0]!;
    const out: Term[] = [];
    let ok = true;
    for (const t of n.terms) {
      const r = divTerm(t, dt);
      if (!r) {
        ok = false;
        break;
      }
      out.push(r);
    }
    if (ok) {
      let p = Poly.ZERO;
      for (const t of out) p = p.add(termPoly(t));
      return p;
    }
  }
  return fnAtom(fn, [n, d]);
}

function termPoly(t: Term): Poly {
  let p = Poly.const(t.coeff);
  for (const [a, e] of t.factors) p = p.mul(Poly.atom(a).pow(e));
  return p;
}

function divTerm(n: Term, d: Term): Term | undefined {
  if (n.coeff % d.coeff !== 0n) return undefined;
  const m = new Map<string, [Atom, number]>();
  for (const [a, e] of n.factors) m.set(a.key, [a, e]);
  for (const [a, e] of d.factors) {
    const prev = m.get(a.key);
    if (!prev || prev[1] < e) return undefined;
    if (prev[1] === e) m.delete(a.key);
    else m.set(a.key, [a, prev[1] - e]);
  }
  const factors = [...m.values()].sort((x, y) => (x[0].key < y[0].key ? -1 : x[0].key > y[0].key ? 1 : 0));
  return { coeff: n.coeff / d.coeff, factors, mono: monoKey(factors) };
}

function minMax(a: Poly, b: Poly, fn: 'min' | 'max'): Poly {
  if (a.equals(b)) return a;
  const diff = a.sub(b);
  if (diff.isConst) {
    const aBigger = diff.constValue > 0n;
    return fn === 'max' ? (aBigger ? a : b) : aBigger ? b : a;
  }
  // Sizes are never negative: when every term of a - b is a non-negative multiple of symbols, a >= b.
  if (nonNegative(diff)) return fn === 'max' ? a : b;
  if (nonNegative(diff.neg())) return fn === 'max' ? b : a;
  const range = diff.bounds();
  if (range.lo !== undefined && range.lo >= 0n) return fn === 'max' ? a : b;
  if (range.hi !== undefined && range.hi <= 0n) return fn === 'max' ? b : a;
  // Order arguments canonically so min(a, b) and min(b, a) are the same atom.
  const [x, y] = a.key <= b.key ? [a, b] : [b, a];
  return fnAtom(fn, [x, y]);
}

/**
 * True when p >= 0 for every non-negative value of its symbols: non-negative coefficients over atoms
 * that are never negative (symbols; min / max of such; floor / ceil of such over a positive constant;
 * mod by a positive constant).
 */
function nonNegative(p: Poly): boolean {
  return p.terms.every((t) => t.coeff >= 0n && t.factors.every(([a]) => nonNegativeAtom(a)));
}

function nonNegativeAtom(a: Atom): boolean {
  if (a.kind === 'sym') return true;
  const [x, y] = a.args as [Poly, Poly];
  const positiveConst = y.isConst && y.constValue > 0n;
  switch (a.fn) {
    case 'min':
    case 'max':
      return a.args.every(nonNegative);
    case 'floor':
    case 'ceil':
      return positiveConst && nonNegative(x);
    case 'mod':
      return positiveConst;
  }
}

// ---- interval arithmetic (undefined ends are unbounded) ----

function ivAdd(a: Interval, b: Interval): Interval {
  return { lo: a.lo === undefined || b.lo === undefined ? undefined : a.lo + b.lo, hi: a.hi === undefined || b.hi === undefined ? undefined : a.hi + b.hi };
}

function ivMul(a: Interval, b: Interval): Interval {
  const finite = (i: Interval): i is { lo: bigint; hi: bigint } => i.lo !== undefined && i.hi !== undefined;
  if (finite(a) && finite(b)) {
    const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
    return { lo: p.reduce((x, y) => (y < x ? y : x)), hi: p.reduce((x, y) => (y > x ? y : x)) };
  }
  // One end unbounded: exact only when both factors are non-negative, or one is a non-negative constant.
  const nonNeg = (i: Interval): boolean => i.lo !== undefined && i.lo >= 0n;
  if (nonNeg(a) && nonNeg(b)) return { lo: a.lo! * b.lo!, hi: a.hi === undefined || b.hi === undefined ? (a.hi === 0n || b.hi === 0n ? 0n : undefined) : a.hi * b.hi };
  const point = (i: Interval): bigint | undefined => (i.lo !== undefined && i.lo === i.hi ? i.lo : undefined);
  const c = point(a) ?? point(b);
  if (c !== undefined) {
    const o = point(a) !== undefined ? b : a;
    if (c === 0n) return { lo: 0n, hi: 0n };
    const lo = o.lo === undefined ? undefined : o.lo * c;
    const hi = o.hi === undefined ? undefined : o.hi * c;
    return c > 0n ? { lo, hi } : { lo: hi, hi: lo };
  }
  return {};
}

function ivPow(a: Interval, e: number): Interval {
  if (e === 1) return a;
  let out: Interval = { lo: 1n, hi: 1n };
  for (let i = 0; i < e; i++) out = ivMul(out, a);
  // An even power is never negative, whatever the base.
  if (e % 2 === 0 && (out.lo === undefined || out.lo < 0n)) return { lo: 0n, hi: out.hi };
  return out;
}

function atomBounds(a: Atom, range: SymbolRange): Interval {
  if (a.kind === 'sym') return range(a.name);
  const [x, y] = a.args.map((p) => p.bounds(range)) as [Interval, Interval];
  const yc = a.args[1]!.isConst ? a.args[1]!.constValue : undefined;
  switch (a.fn) {
    case 'min':
      return { lo: x.lo === undefined || y.lo === undefined ? undefined : x.lo < y.lo ? x.lo : y.lo, hi: x.hi === undefined ? y.hi : y.hi === undefined ? x.hi : x.hi < y.hi ? x.hi : y.hi };
    case 'max':
      return { lo: x.lo === undefined ? y.lo : y.lo === undefined ? x.lo : x.lo > y.lo ? x.lo : y.lo, hi: x.hi === undefined || y.hi === undefined ? undefined : x.hi > y.hi ? x.hi : y.hi };
    case 'floor':
    case 'ceil': {
      const div = a.fn === 'floor' ? floorDivBig : ceilDivBig;
      if (yc !== undefined && yc > 0n) return { lo: x.lo === undefined ? undefined : div(x.lo, yc), hi: x.hi === undefined ? undefined : div(x.hi, yc) };
      if (yc !== undefined && yc < 0n) return { lo: x.hi === undefined ? undefined : div(x.hi, yc), hi: x.lo === undefined ? undefined : div(x.lo, yc) };
      // A non-negative numerator over a divisor >= 1 stays in [0, numerator].
      if (x.lo !== undefined && x.lo >= 0n && y.lo !== undefined && y.lo >= 1n) return { lo: 0n, hi: x.hi };
      return {};
    }
    case 'mod':
      if (yc !== undefined && yc > 0n) return { lo: 0n, hi: yc - 1n };
      if (y.lo !== undefined && y.lo >= 1n) return { lo: 0n, hi: y.hi === undefined ? undefined : y.hi - 1n };
      return {};
  }
}

function formatTerms(terms: readonly Term[], coeffText: (c: bigint) => string): string {
  if (terms.length === 0) return '0';
  let s = '';
  terms.forEach((t, i) => {
    const neg = t.coeff < 0n;
    const mag = absBig(t.coeff);
    let body: string;
    if (t.mono === '') body = coeffText(mag);
    else body = mag === 1n ? t.mono : `${coeffText(mag)}*${t.mono}`;
    if (i === 0) s = neg ? `-${body}` : body;
    else s += neg ? ` - ${body}` : ` + ${body}`;
  });
  return s;
}

const SI: readonly [bigint, string][] = [
  [1_000_000_000_000_000n, 'P'],
  [1_000_000_000_000n, 'T'],
  [1_000_000_000n, 'G'],
  [1_000_000n, 'M'],
  [1_000n, 'K'],
];

/** Abbreviate a non-negative integer with an SI suffix and `digits` significant digits (`22300000n` -> `22.3M`). */
export function humanInt(v: bigint, digits = 3): string {
  const neg = v < 0n;
  const m = neg ? -v : v;
  for (const [scale, suffix] of SI) {
    if (m >= scale) {
      const num = Number(m) / Number(scale);
      const text = Number(num.toPrecision(digits)).toString();
      return `${neg ? '-' : ''}${text}${suffix}`;
    }
  }
  return v.toString();
}
