import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// ../../packages/report/dist/profile-worker.js
import { parentPort, workerData } from "node:worker_threads";

// ../../packages/core/dist/symbolic/poly.js
var NON_NEGATIVE = Object.freeze({ lo: 0n });
var SIZE_RANGE = () => NON_NEGATIVE;
var IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function symKey(name) {
  return IDENT.test(name) ? name : JSON.stringify(name);
}
function monoKey(factors) {
  return factors.map(([a, e2]) => e2 === 1 ? a.key : `${a.key}^${e2}`).join("*");
}
function absBig(v) {
  return v < 0n ? -v : v;
}
function gcdBig(a, b) {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n)
    [a, b] = [b, a % b];
  return a;
}
function floorDivBig(a, b) {
  if (b === 0n)
    throw new RangeError("division by zero");
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
function ceilDivBig(a, b) {
  return -floorDivBig(-a, b);
}
var SMALL = 4096;
var SMALL_BIG = BigInt(SMALL);
function toBig(v) {
  if (typeof v === "bigint")
    return v;
  if (!Number.isInteger(v))
    throw new RangeError(`not an integer: ${v}`);
  return BigInt(v);
}
var Poly = class _Poly {
  /** Terms sorted canonically (higher degree first, then by monomial key); no zero coefficients. */
  terms;
  cachedKey;
  constructor(terms, sorted = false) {
    if (!sorted && terms.length > 1)
      terms.sort(compareTerms);
    this.terms = terms;
  }
  /** Canonical printed form; equal polys have equal keys. Built on first use. */
  get key() {
    return this.cachedKey ??= formatTerms(this.terms, (c) => c.toString());
  }
  static ZERO = new _Poly([]);
  static ONE = new _Poly([{ coeff: 1n, factors: [], mono: "" }]);
  /** Shared instances of the constants 2..SMALL-1 (dims, strides, dtype sizes): polys are immutable. */
  static small = [];
  /** A constant. Throws on a non-integer number. */
  static const(v) {
    if (typeof v === "number" && v >= 0 && v < SMALL && Number.isInteger(v))
      return _Poly.smallConst(v);
    const b = toBig(v);
    if (b >= 0n && b < SMALL_BIG)
      return _Poly.smallConst(Number(b));
    return new _Poly([{ coeff: b, factors: [], mono: "" }]);
  }
  static smallConst(i2) {
    if (i2 === 0)
      return _Poly.ZERO;
    if (i2 === 1)
      return _Poly.ONE;
    return _Poly.small[i2] ??= new _Poly([{ coeff: BigInt(i2), factors: [], mono: "" }]);
  }
  /** A named symbol such as `batch` or `seq`. */
  static sym(name) {
    const atom = { kind: "sym", name, key: symKey(name) };
    return _Poly.atom(atom);
  }
  /** @internal Wrap an atom; use {@link Poly.sym} or the arithmetic methods instead. */
  static atom(atom) {
    return new _Poly([{ coeff: 1n, factors: [[atom, 1]], mono: atom.key }]);
  }
  static fromMap(map) {
    const terms = [];
    for (const t of map.values())
      if (t.coeff !== 0n)
        terms.push(t);
    if (terms.length === 0)
      return _Poly.ZERO;
    if (terms.length === 1 && terms[0].mono === "" && terms[0].coeff === 1n)
      return _Poly.ONE;
    return new _Poly(terms);
  }
  /** True when the poly has no symbols. */
  get isConst() {
    return this.terms.length === 0 || this.terms.length === 1 && this.terms[0].mono === "";
  }
  /** The constant value; throws when the poly has symbols (check {@link isConst} first). */
  get constValue() {
    if (!this.isConst)
      throw new RangeError(`not a constant: ${this.key}`);
    return this.terms.length === 0 ? 0n : this.terms[0].coeff;
  }
  /** The constant term (0n when absent). */
  get constantTerm() {
    const last2 = this.terms[this.terms.length - 1];
    return last2 && last2.mono === "" ? last2.coeff : 0n;
  }
  /** Names of every symbol that occurs, including inside function atoms, sorted. */
  symbols() {
    const out = /* @__PURE__ */ new Set();
    const visit = (p) => {
      for (const t of p.terms)
        for (const [a] of t.factors) {
          if (a.kind === "sym")
            out.add(a.name);
          else
            a.args.forEach(visit);
        }
    };
    visit(this);
    return [...out].sort();
  }
  /** Total degree of the highest term (0 for constants). */
  get degree() {
    let d = 0;
    for (const t of this.terms)
      d = Math.max(d, t.factors.reduce((s, [, e2]) => s + e2, 0));
    return d;
  }
  equals(other) {
    if (this === other)
      return true;
    if (this.terms.length !== other.terms.length)
      return false;
    for (let i2 = 0; i2 < this.terms.length; i2++) {
      const a = this.terms[i2];
      const b = other.terms[i2];
      if (a.coeff !== b.coeff || a.mono !== b.mono)
        return false;
    }
    return true;
  }
  add(other) {
    const o = asPoly(other);
    if (o.terms.length === 0)
      return this;
    if (this.terms.length === 0)
      return o;
    if (this.isConst && o.isConst)
      return _Poly.const(this.terms[0].coeff + o.terms[0].coeff);
    const a = this.terms;
    const b = o.terms;
    const out = [];
    let i2 = 0;
    let j = 0;
    while (i2 < a.length && j < b.length) {
      const x2 = a[i2];
      const y = b[j];
      const c = compareTerms(x2, y);
      if (c < 0) {
        out.push(x2);
        i2++;
      } else if (c > 0) {
        out.push(y);
        j++;
      } else {
        const coeff = x2.coeff + y.coeff;
        if (coeff !== 0n)
          out.push({ ...x2, coeff });
        i2++;
        j++;
      }
    }
    while (i2 < a.length)
      out.push(a[i2++]);
    while (j < b.length)
      out.push(b[j++]);
    if (out.length === 0)
      return _Poly.ZERO;
    if (out.length === 1 && out[0].mono === "" && out[0].coeff === 1n)
      return _Poly.ONE;
    return new _Poly(out, true);
  }
  neg() {
    return this.terms.length === 0 ? this : this.scale(-1n);
  }
  sub(other) {
    return this.add(asPoly(other).neg());
  }
  mul(other) {
    const o = asPoly(other);
    if (this.terms.length === 0 || o.terms.length === 0)
      return _Poly.ZERO;
    if (o === _Poly.ONE)
      return this;
    if (this === _Poly.ONE)
      return o;
    if (o.isConst)
      return this.scale(o.terms[0].coeff);
    if (this.isConst)
      return o.scale(this.terms[0].coeff);
    const map = /* @__PURE__ */ new Map();
    for (const a of this.terms)
      for (const b of o.terms) {
        const t = mulTerms(a, b);
        const prev = map.get(t.mono);
        map.set(t.mono, prev ? { ...prev, coeff: prev.coeff + t.coeff } : t);
      }
    return _Poly.fromMap(map);
  }
  /** `this * c` for a non-zero constant c: same monomials in the same order. */
  scale(c) {
    if (c === 1n)
      return this;
    if (this.isConst)
      return _Poly.const(this.terms[0].coeff * c);
    return new _Poly(this.terms.map((t) => ({ coeff: t.coeff * c, factors: t.factors, mono: t.mono })), true);
  }
  /** `this^n` for a non-negative integer n. */
  pow(n) {
    let out = _Poly.ONE;
    for (let i2 = 0; i2 < n; i2++)
      out = out.mul(this);
    return out;
  }
  /** Greatest common divisor of all coefficients (0n for the zero poly). */
  contentGcd() {
    let g = 0n;
    for (const t of this.terms)
      g = gcdBig(g, t.coeff);
    return g;
  }
  /** Exact division by an integer that divides every coefficient; undefined otherwise. */
  divExact(d) {
    if (d === 0n)
      return void 0;
    if (d === 1n)
      return this;
    const map = /* @__PURE__ */ new Map();
    for (const t of this.terms) {
      if (t.coeff % d !== 0n)
        return void 0;
      map.set(t.mono, { ...t, coeff: t.coeff / d });
    }
    return _Poly.fromMap(map);
  }
  /** `floor(this / d)`: exact when possible, else an opaque `floor` atom. */
  floorDiv(d) {
    return integerDiv(this, asPoly(d), "floor");
  }
  /** `ceil(this / d)`: exact when possible, else an opaque `ceil` atom. */
  ceilDiv(d) {
    return integerDiv(this, asPoly(d), "ceil");
  }
  /** `this mod d` (result has the sign of d, as Python). */
  mod(d) {
    const o = asPoly(d);
    if (this.isConst && o.isConst) {
      const b = o.constValue;
      return _Poly.const(this.constValue - floorDivBig(this.constValue, b) * b);
    }
    if (o.isConst) {
      const exact = this.divExact(o.constValue);
      if (exact)
        return _Poly.ZERO;
    }
    return fnAtom("mod", [this, o]);
  }
  /**
   * How `this` compares with `other` for every value of the symbols, which stand for sizes
   * (non-negative integers): `'eq'`, `'lt'` / `'gt'` when strictly known, `'le'` / `'ge'` when only
   * that is known, undefined when it depends on the values. `n + 1` vs `-1` is `'gt'`; `n` vs `0` is
   * `'ge'`; `n` vs `m` is undefined.
   */
  compare(other, range = SIZE_RANGE) {
    const d = this.sub(asPoly(other));
    if (d.isConst) {
      const v = d.constValue;
      return v === 0n ? "eq" : v > 0n ? "gt" : "lt";
    }
    if (nonNegative(d))
      return d.constantTerm > 0n ? "gt" : "ge";
    const n = d.neg();
    if (nonNegative(n))
      return n.constantTerm > 0n ? "lt" : "le";
    const b = d.bounds(range);
    if (b.lo !== void 0 && b.lo >= 0n)
      return b.lo > 0n ? "gt" : "ge";
    if (b.hi !== void 0 && b.hi <= 0n)
      return b.hi < 0n ? "lt" : "le";
    return void 0;
  }
  /**
   * The interval the poly's value lies in when every symbol lies in its `range` (default: sizes,
   * `[0, +inf)`), by interval arithmetic over terms and atoms (min, max, floor, ceil and mod narrow it).
   * Sound, not tight: the true range may be smaller.
   */
  bounds(range = SIZE_RANGE) {
    let out = { lo: 0n, hi: 0n };
    const cache = /* @__PURE__ */ new Map();
    for (const t of this.terms) {
      let term = { lo: t.coeff, hi: t.coeff };
      for (const [a, e2] of t.factors) {
        let iv = cache.get(a.key);
        if (!iv) {
          iv = atomBounds(a, range);
          cache.set(a.key, iv);
        }
        term = ivMul(term, ivPow(iv, e2));
      }
      out = ivAdd(out, term);
    }
    return out;
  }
  min(other) {
    return minMax(this, asPoly(other), "min");
  }
  max(other) {
    return minMax(this, asPoly(other), "max");
  }
  /**
   * Replace bound symbols by values (other symbols stay). Function atoms whose arguments become
   * constant are computed exactly.
   */
  substitute(bindings) {
    const get = bindingGetter(bindings);
    const cache = /* @__PURE__ */ new Map();
    const atomValue = (a) => {
      const hit = cache.get(a.key);
      if (hit)
        return hit;
      let v;
      if (a.kind === "sym") {
        const b = get(a.name);
        v = b === void 0 ? _Poly.atom(a) : _Poly.const(b);
      } else {
        const args = a.args.map((p) => p.substitute(bindings));
        v = applyFn(a.fn, args);
      }
      cache.set(a.key, v);
      return v;
    };
    let out = _Poly.ZERO;
    for (const t of this.terms) {
      let term = _Poly.const(t.coeff);
      for (const [a, e2] of t.factors)
        term = term.mul(atomValue(a).pow(e2));
      out = out.add(term);
    }
    return out;
  }
  /**
   * Evaluate to an exact integer. Unbound symbols take `defaultValue` when given (and are reported to
   * `onDefault`), else this throws naming them. Computes on bigints directly, without building polys.
   */
  evaluate(bindings = {}, defaultValue, onDefault) {
    const get = bindingGetter(bindings);
    const dflt = defaultValue === void 0 ? void 0 : toBig(defaultValue);
    const lookup2 = (name) => {
      const v = get(name);
      if (v !== void 0 || dflt === void 0)
        return v;
      onDefault?.(name);
      return dflt;
    };
    const r = evalTerms(this, lookup2);
    if (r !== void 0)
      return r;
    const rest = this.substitute(bindings);
    throw new RangeError(`unbound symbols in ${rest.key}: ${rest.symbols().join(", ")}`);
  }
  /** Exact canonical form, e.g. `2359296*batch*seq + 768`. */
  toString() {
    return this.key;
  }
  /** Human form with SI-abbreviated coefficients, e.g. `1.5M*seq^2 + 22.3M*seq`. */
  toHuman(digits = 3) {
    return formatTerms(this.terms, (c) => humanInt(c, digits));
  }
  toJSON() {
    return this.key;
  }
};
function evalTerms(p, lookup2) {
  let sum2 = 0n;
  for (const t of p.terms) {
    let v = t.coeff;
    for (const [a, e2] of t.factors) {
      const x2 = evalAtom(a, lookup2);
      if (x2 === void 0)
        return void 0;
      v *= e2 === 1 ? x2 : x2 ** BigInt(e2);
    }
    sum2 += v;
  }
  return sum2;
}
function evalAtom(a, lookup2) {
  if (a.kind === "sym")
    return lookup2(a.name);
  const args = [];
  for (const x3 of a.args) {
    const v = evalTerms(x3, lookup2);
    if (v === void 0)
      return void 0;
    args.push(v);
  }
  const [x2, y] = args;
  switch (a.fn) {
    case "floor":
      return floorDivBig(x2, y);
    case "ceil":
      return ceilDivBig(x2, y);
    case "mod":
      return x2 - floorDivBig(x2, y) * y;
    case "min":
      return x2 < y ? x2 : y;
    case "max":
      return x2 > y ? x2 : y;
  }
}
var PolySum = class {
  /** Running coefficient per monomial, with the first term seen for its factors (mutated in place). */
  map = /* @__PURE__ */ new Map();
  /** Add `p` (times the constant or poly `times`). */
  add(p, times) {
    const q = times === void 0 || times === Poly.ONE ? p : p.mul(times);
    for (const t of q.terms) {
      const prev = this.map.get(t.mono);
      if (prev)
        prev.coeff += t.coeff;
      else
        this.map.set(t.mono, { coeff: t.coeff, term: t });
    }
    return this;
  }
  /** The sum so far. */
  get value() {
    let out = Poly.ZERO;
    for (const { coeff, term } of this.map.values())
      if (coeff !== 0n)
        out = out.add(termPoly({ ...term, coeff }));
    return out;
  }
};
function asPoly(v) {
  return v instanceof Poly ? v : Poly.const(v);
}
function bindingGetter(b) {
  if (b instanceof Map) {
    return (n) => {
      const v = b.get(n);
      return v === void 0 ? void 0 : toBig(v);
    };
  }
  const rec = b;
  return (n) => Object.prototype.hasOwnProperty.call(rec, n) ? toBig(rec[n]) : void 0;
}
function compareTerms(a, b) {
  const da = a.factors.reduce((s, [, e2]) => s + e2, 0);
  const db = b.factors.reduce((s, [, e2]) => s + e2, 0);
  if (da !== db)
    return db - da;
  return a.mono < b.mono ? -1 : a.mono > b.mono ? 1 : 0;
}
function mulTerms(a, b) {
  if (a.factors.length === 0)
    return { coeff: a.coeff * b.coeff, factors: b.factors, mono: b.mono };
  if (b.factors.length === 0)
    return { coeff: a.coeff * b.coeff, factors: a.factors, mono: a.mono };
  const m2 = /* @__PURE__ */ new Map();
  for (const [atom, e2] of a.factors)
    m2.set(atom.key, [atom, e2]);
  for (const [atom, e2] of b.factors) {
    const prev = m2.get(atom.key);
    m2.set(atom.key, [atom, (prev ? prev[1] : 0) + e2]);
  }
  const factors = [...m2.values()].sort((x2, y) => x2[0].key < y[0].key ? -1 : x2[0].key > y[0].key ? 1 : 0);
  return { coeff: a.coeff * b.coeff, factors, mono: monoKey(factors) };
}
function fnAtom(fn, args) {
  const key = fn === "floor" || fn === "ceil" ? `${fn}(${wrap(args[0])}/${wrap(args[1])})` : `${fn}(${args.map((a) => a.key).join(", ")})`;
  const atom = { kind: "fn", fn, args, key };
  return Poly.atom(atom);
}
function wrap(p) {
  return p.terms.length > 1 || p.terms.length === 1 && p.terms[0].coeff < 0n ? `(${p.key})` : p.key;
}
function applyFn(fn, args) {
  switch (fn) {
    case "floor":
      return args[0].floorDiv(args[1]);
    case "ceil":
      return args[0].ceilDiv(args[1]);
    case "mod":
      return args[0].mod(args[1]);
    case "min":
      return args[0].min(args[1]);
    case "max":
      return args[0].max(args[1]);
  }
}
function integerDiv(n, d, fn) {
  if (d.isConst) {
    const dv = d.constValue;
    if (dv === 0n)
      throw new RangeError(`division by zero: ${n.key}/0`);
    if (n.isConst)
      return Poly.const(fn === "floor" ? floorDivBig(n.constValue, dv) : ceilDivBig(n.constValue, dv));
    if (dv === 1n)
      return n;
    const exact = n.divExact(dv);
    if (exact)
      return exact;
    let q = Poly.ZERO;
    let r = Poly.ZERO;
    for (const t of n.terms) {
      const single = Poly.ZERO.add(termPoly(t));
      const qc = floorDivBig(t.coeff, dv);
      if (t.mono !== "" && t.coeff % dv === 0n)
        q = q.add(single.divExact(dv));
      else if (t.mono === "") {
        q = q.add(Poly.const(qc));
        r = r.add(Poly.const(t.coeff - qc * dv));
      } else
        r = r.add(single);
    }
    if (r.isConst)
      return q.add(Poly.const(fn === "floor" ? floorDivBig(r.constValue, dv) : ceilDivBig(r.constValue, dv)));
    return q.add(fnAtom(fn, [r, d]));
  }
  if (n.equals(d))
    return Poly.ONE;
  if (d.terms.length === 1 && n.terms.length >= 1) {
    const dt = d.terms[0];
    const out = [];
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
      for (const t of out)
        p = p.add(termPoly(t));
      return p;
    }
  }
  return fnAtom(fn, [n, d]);
}
function termPoly(t) {
  let p = Poly.const(t.coeff);
  for (const [a, e2] of t.factors)
    p = p.mul(Poly.atom(a).pow(e2));
  return p;
}
function divTerm(n, d) {
  if (n.coeff % d.coeff !== 0n)
    return void 0;
  const m2 = /* @__PURE__ */ new Map();
  for (const [a, e2] of n.factors)
    m2.set(a.key, [a, e2]);
  for (const [a, e2] of d.factors) {
    const prev = m2.get(a.key);
    if (!prev || prev[1] < e2)
      return void 0;
    if (prev[1] === e2)
      m2.delete(a.key);
    else
      m2.set(a.key, [a, prev[1] - e2]);
  }
  const factors = [...m2.values()].sort((x2, y) => x2[0].key < y[0].key ? -1 : x2[0].key > y[0].key ? 1 : 0);
  return { coeff: n.coeff / d.coeff, factors, mono: monoKey(factors) };
}
function minMax(a, b, fn) {
  if (a.equals(b))
    return a;
  const diff = a.sub(b);
  if (diff.isConst) {
    const aBigger = diff.constValue > 0n;
    return fn === "max" ? aBigger ? a : b : aBigger ? b : a;
  }
  if (nonNegative(diff))
    return fn === "max" ? a : b;
  if (nonNegative(diff.neg()))
    return fn === "max" ? b : a;
  const range = diff.bounds();
  if (range.lo !== void 0 && range.lo >= 0n)
    return fn === "max" ? a : b;
  if (range.hi !== void 0 && range.hi <= 0n)
    return fn === "max" ? b : a;
  const [x2, y] = a.key <= b.key ? [a, b] : [b, a];
  return fnAtom(fn, [x2, y]);
}
function nonNegative(p) {
  return p.terms.every((t) => t.coeff >= 0n && t.factors.every(([a]) => nonNegativeAtom(a)));
}
function nonNegativeAtom(a) {
  if (a.kind === "sym")
    return true;
  const [x2, y] = a.args;
  const positiveConst = y.isConst && y.constValue > 0n;
  switch (a.fn) {
    case "min":
    case "max":
      return a.args.every(nonNegative);
    case "floor":
    case "ceil":
      return positiveConst && nonNegative(x2);
    case "mod":
      return positiveConst;
  }
}
function ivAdd(a, b) {
  return { lo: a.lo === void 0 || b.lo === void 0 ? void 0 : a.lo + b.lo, hi: a.hi === void 0 || b.hi === void 0 ? void 0 : a.hi + b.hi };
}
function ivMul(a, b) {
  const finite2 = (i2) => i2.lo !== void 0 && i2.hi !== void 0;
  if (finite2(a) && finite2(b)) {
    const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
    return { lo: p.reduce((x2, y) => y < x2 ? y : x2), hi: p.reduce((x2, y) => y > x2 ? y : x2) };
  }
  const nonNeg = (i2) => i2.lo !== void 0 && i2.lo >= 0n;
  if (nonNeg(a) && nonNeg(b))
    return { lo: a.lo * b.lo, hi: a.hi === void 0 || b.hi === void 0 ? a.hi === 0n || b.hi === 0n ? 0n : void 0 : a.hi * b.hi };
  const point = (i2) => i2.lo !== void 0 && i2.lo === i2.hi ? i2.lo : void 0;
  const c = point(a) ?? point(b);
  if (c !== void 0) {
    const o = point(a) !== void 0 ? b : a;
    if (c === 0n)
      return { lo: 0n, hi: 0n };
    const lo = o.lo === void 0 ? void 0 : o.lo * c;
    const hi = o.hi === void 0 ? void 0 : o.hi * c;
    return c > 0n ? { lo, hi } : { lo: hi, hi: lo };
  }
  return {};
}
function ivPow(a, e2) {
  if (e2 === 1)
    return a;
  let out = { lo: 1n, hi: 1n };
  for (let i2 = 0; i2 < e2; i2++)
    out = ivMul(out, a);
  if (e2 % 2 === 0 && (out.lo === void 0 || out.lo < 0n))
    return { lo: 0n, hi: out.hi };
  return out;
}
function atomBounds(a, range) {
  if (a.kind === "sym")
    return range(a.name);
  const [x2, y] = a.args.map((p) => p.bounds(range));
  const yc = a.args[1].isConst ? a.args[1].constValue : void 0;
  switch (a.fn) {
    case "min":
      return { lo: x2.lo === void 0 || y.lo === void 0 ? void 0 : x2.lo < y.lo ? x2.lo : y.lo, hi: x2.hi === void 0 ? y.hi : y.hi === void 0 ? x2.hi : x2.hi < y.hi ? x2.hi : y.hi };
    case "max":
      return { lo: x2.lo === void 0 ? y.lo : y.lo === void 0 ? x2.lo : x2.lo > y.lo ? x2.lo : y.lo, hi: x2.hi === void 0 || y.hi === void 0 ? void 0 : x2.hi > y.hi ? x2.hi : y.hi };
    case "floor":
    case "ceil": {
      const div = a.fn === "floor" ? floorDivBig : ceilDivBig;
      if (yc !== void 0 && yc > 0n)
        return { lo: x2.lo === void 0 ? void 0 : div(x2.lo, yc), hi: x2.hi === void 0 ? void 0 : div(x2.hi, yc) };
      if (yc !== void 0 && yc < 0n)
        return { lo: x2.hi === void 0 ? void 0 : div(x2.hi, yc), hi: x2.lo === void 0 ? void 0 : div(x2.lo, yc) };
      if (x2.lo !== void 0 && x2.lo >= 0n && y.lo !== void 0 && y.lo >= 1n)
        return { lo: 0n, hi: x2.hi };
      return {};
    }
    case "mod":
      if (yc !== void 0 && yc > 0n)
        return { lo: 0n, hi: yc - 1n };
      if (y.lo !== void 0 && y.lo >= 1n)
        return { lo: 0n, hi: y.hi === void 0 ? void 0 : y.hi - 1n };
      return {};
  }
}
function formatTerms(terms, coeffText) {
  if (terms.length === 0)
    return "0";
  let s = "";
  terms.forEach((t, i2) => {
    const neg = t.coeff < 0n;
    const mag = absBig(t.coeff);
    let body2;
    if (t.mono === "")
      body2 = coeffText(mag);
    else
      body2 = mag === 1n ? t.mono : `${coeffText(mag)}*${t.mono}`;
    if (i2 === 0)
      s = neg ? `-${body2}` : body2;
    else
      s += neg ? ` - ${body2}` : ` + ${body2}`;
  });
  return s;
}
var SI = [
  [1000000000000000n, "P"],
  [1000000000000n, "T"],
  [1000000000n, "G"],
  [1000000n, "M"],
  [1000n, "K"]
];
function humanInt(v, digits = 3) {
  const neg = v < 0n;
  const m2 = neg ? -v : v;
  for (const [scale, suffix] of SI) {
    if (m2 >= scale) {
      const num4 = Number(m2) / Number(scale);
      const text = Number(num4.toPrecision(digits)).toString();
      return `${neg ? "-" : ""}${text}${suffix}`;
    }
  }
  return v.toString();
}

// ../../packages/core/dist/util/arrays.js
function pushAll(target, items) {
  for (const x2 of items)
    target.push(x2);
  return target;
}
function maxOf(values) {
  let m2 = Number.NEGATIVE_INFINITY;
  for (const v of values)
    if (v > m2)
      m2 = v;
  return m2;
}

// ../../packages/core/dist/symbolic/dim.js
var UNKNOWN_PREFIX = "unk__";
function dim(v) {
  if (typeof v === "number")
    return v;
  if (typeof v === "bigint")
    return Number(v);
  return v.isConst ? Number(v.constValue) : v;
}
function dimPoly(d) {
  return typeof d === "number" ? Poly.const(d) : d;
}
function symDim(name) {
  return Poly.sym(name);
}
function isConcreteShape(s) {
  return s.every((d) => typeof d === "number");
}
function isUnknownDim(d) {
  if (typeof d === "number" || d.terms.length !== 1)
    return false;
  const t = d.terms[0];
  return t.coeff === 1n && t.factors.length === 1 && t.factors[0][1] === 1 && t.factors[0][0].kind === "sym" && t.factors[0][0].name.startsWith(UNKNOWN_PREFIX);
}
var UnknownDims = class {
  prefix;
  next = 0;
  constructor(prefix2 = UNKNOWN_PREFIX) {
    this.prefix = prefix2;
  }
  fresh() {
    return Poly.sym(`${this.prefix}${this.next++}`);
  }
};
function dimAdd(a, b) {
  if (typeof a === "number" && typeof b === "number")
    return a + b;
  return dim(dimPoly(a).add(dimPoly(b)));
}
function dimSub(a, b) {
  if (typeof a === "number" && typeof b === "number")
    return a - b;
  return dim(dimPoly(a).sub(dimPoly(b)));
}
function dimMul(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r))
      return r;
    return dim(Poly.const(a).mul(b));
  }
  return dim(dimPoly(a).mul(dimPoly(b)));
}
function dimFloorDiv(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0)
      throw new RangeError("division by zero");
    return Math.floor(a / b);
  }
  return dim(dimPoly(a).floorDiv(dimPoly(b)));
}
function dimCeilDiv(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0)
      throw new RangeError("division by zero");
    return Math.ceil(a / b);
  }
  return dim(dimPoly(a).ceilDiv(dimPoly(b)));
}
function dimEq(a, b) {
  if (typeof a === "number" || typeof b === "number")
    return a === b;
  return a.equals(b);
}
function numElements(shape) {
  let n = 1;
  let p;
  for (const d of shape) {
    if (typeof d === "number" && p === void 0) {
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
function bindDim(d, bindings) {
  return typeof d === "number" ? d : dim(d.substitute(bindings));
}
function dimToString(d) {
  return typeof d === "number" ? String(d) : d.key;
}
function shapeToString(s) {
  return `[${s.map(dimToString).join(", ")}]`;
}
function dimToJSON(d) {
  return typeof d === "number" ? d : d.key;
}
function unifyDim(a, b) {
  if (dimEq(a, b))
    return { dim: a };
  if (typeof a === "number" && typeof b === "number")
    return { dim: a, conflict: [a, b] };
  if (typeof a === "number")
    return { dim: a };
  if (typeof b === "number")
    return { dim: b };
  if (isUnknownDim(a) && !isUnknownDim(b))
    return { dim: b };
  return { dim: a };
}
function broadcastDim(a, b) {
  if (a === 1)
    return { dim: b };
  if (b === 1)
    return { dim: a };
  return unifyDim(a, b);
}
function broadcastShapes(...shapes) {
  return broadcastShapeList(shapes);
}
function broadcastShapeList(shapes) {
  const rank = Math.max(0, maxOf(shapes.map((s) => s.length)));
  const out = new Array(rank).fill(1);
  let conflict;
  for (const s of shapes) {
    const off = rank - s.length;
    for (let i2 = 0; i2 < s.length; i2++) {
      const r = broadcastDim(out[off + i2], s[i2]);
      out[off + i2] = r.dim;
      if (r.conflict && !conflict)
        conflict = { axis: off + i2, dims: r.conflict };
    }
  }
  return conflict ? { shape: out, conflict } : { shape: out };
}
function parseDim(text) {
  const t = text.trim();
  if (/^-?\d+$/.test(t))
    return Number(t);
  try {
    return dim(parseExpr(t));
  } catch {
    return Poly.sym(t);
  }
}
function parseExpr(src2) {
  const tokens = src2.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*()]|\S/g) ?? [];
  let i2 = 0;
  const peek = () => tokens[i2];
  const expr = () => {
    let v2 = term();
    while (peek() === "+" || peek() === "-") {
      const op = tokens[i2++];
      const r = term();
      v2 = op === "+" ? v2.add(r) : v2.sub(r);
    }
    return v2;
  };
  const term = () => {
    let v2 = factor();
    while (peek() === "*") {
      i2++;
      v2 = v2.mul(factor());
    }
    return v2;
  };
  const factor = () => {
    const tok = tokens[i2++];
    if (tok === void 0)
      throw new SyntaxError("unexpected end");
    if (tok === "(") {
      const v2 = expr();
      if (tokens[i2++] !== ")")
        throw new SyntaxError("expected )");
      return v2;
    }
    if (tok === "-")
      return factor().neg();
    if (/^\d+$/.test(tok))
      return Poly.const(BigInt(tok));
    if (/^[A-Za-z_]/.test(tok))
      return Poly.sym(tok);
    throw new SyntaxError(`unexpected ${tok}`);
  };
  const v = expr();
  if (i2 !== tokens.length)
    throw new SyntaxError("trailing input");
  return v;
}

// ../../packages/core/dist/symbolic/defaults.js
var LIMIT = 1n << 40n;
var ROUNDS_PER_SYMBOL = 64;
function chooseDefaults(constraints, bound, start = 1n) {
  const isBound = bindingTest(bound);
  const values = /* @__PURE__ */ new Map();
  const rules = constraints.map((c) => ({ c, free: c.poly.symbols().filter((s) => !isBound(s)) }));
  for (const r of rules)
    for (const s of r.free)
      if (!values.has(s))
        values.set(s, start);
  const env = () => mergeBindings(bound, values);
  const maxRounds = ROUNDS_PER_SYMBOL * Math.max(1, values.size);
  for (let round = 0; round <= maxRounds; round++) {
    const at = env();
    const bad = rules.find((r) => r.c.poly.evaluate(at, start) < r.c.min);
    if (!bad)
      return { ok: true, values };
    const raised = bad.free.find((s) => raise(bad.c, s, values, bound));
    if (raised === void 0 || round === maxRounds)
      return { ok: false, constraint: bad.c, symbols: bad.free, value: bad.c.poly.evaluate(at, start), values };
  }
  throw new Error("unreachable");
}
function raise(c, s, values, bound) {
  const from = values.get(s);
  const holds = (v) => {
    const trial = new Map(values).set(s, v);
    return c.poly.evaluate(mergeBindings(bound, trial)) >= c.min;
  };
  let lo = from;
  let step = 1n;
  let hi = from + step;
  while (!holds(hi)) {
    if (hi >= LIMIT)
      return false;
    lo = hi;
    step *= 2n;
    hi = from + step > LIMIT ? LIMIT : from + step;
  }
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (holds(mid))
      hi = mid;
    else
      lo = mid;
  }
  values.set(s, hi);
  return true;
}
function bindingTest(b) {
  if (b instanceof Map)
    return (n) => b.has(n);
  const rec = b;
  return (n) => Object.prototype.hasOwnProperty.call(rec, n);
}
function mergeBindings(bound, extra) {
  const out = new Map(bound instanceof Map ? bound : Object.entries(bound));
  for (const [k, v] of extra)
    out.set(k, v);
  return out;
}

// ../../packages/core/dist/symbolic/facts.js
var SizeFacts = class {
  bound;
  hi = /* @__PURE__ */ new Map();
  lo = /* @__PURE__ */ new Map();
  seen = /* @__PURE__ */ new Set();
  recorded = [];
  constructor(bound = {}) {
    this.bound = bound;
  }
  /** Conditions assumed so far (each `poly >= 0`), in the order they were made. */
  get conditions() {
    return this.recorded;
  }
  /** Symbol ranges under the facts: `[max(minSize, assumed lower), assumed upper]`. */
  range(minSize = 0n) {
    return (name) => {
      const l = this.lo.get(name);
      const h = this.hi.get(name);
      const lo = l !== void 0 && l > minSize ? l : minSize;
      return h === void 0 ? { lo } : { lo, hi: h };
    };
  }
  /**
   * Record the assumption `p >= 0` (described by `what` in messages). A condition on one symbol
   * (`512 - T >= 0`) also narrows that symbol's range for later decisions.
   */
  assume(p, what) {
    if (p.isConst)
      return;
    if (this.seen.has(p.key))
      return;
    this.seen.add(p.key);
    this.recorded.push({ poly: p, min: 0n, what });
    const linear = p.terms.filter((t2) => t2.mono !== "");
    if (linear.length !== 1)
      return;
    const t = linear[0];
    if (t.factors.length !== 1 || t.factors[0][1] !== 1 || t.factors[0][0].kind !== "sym")
      return;
    const name = t.factors[0][0].name;
    const c = p.constantTerm;
    const a = t.coeff;
    if (a > 0n) {
      const l = ceilDivBig(-c, a);
      const prev = this.lo.get(name);
      if (prev === void 0 || l > prev)
        this.lo.set(name, l);
    } else {
      const h = floorDivBig(c, -a);
      const prev = this.hi.get(name);
      if (prev === void 0 || h < prev)
        this.hi.set(name, h);
    }
  }
  /**
   * Whether `p >= 0`: true or false when known, recording any assumption it rests on (`what` names
   * the value in messages); undefined when nothing decides it.
   */
  nonNegative(p, what) {
    if (p.isConst)
      return p.constValue >= 0n;
    const o = p.compare(0, this.range());
    if (o === "gt" || o === "ge" || o === "eq")
      return true;
    if (o === "lt")
      return false;
    const syms = p.symbols();
    if (syms.every((s) => Object.prototype.hasOwnProperty.call(this.bound, s))) {
      const v = p.evaluate(this.bound);
      if (v >= 0n)
        this.assume(p, `${what} (taken at the given values)`);
      else
        this.assume(p.neg().sub(1), `${what.replace(/>= 0$/, "< 0")} (taken at the given values)`);
      return v >= 0n;
    }
    const pos = p.compare(0, this.range(1n));
    if (pos === "gt" || pos === "ge" || pos === "eq") {
      this.assume(p, `${what} (sizes >= 1)`);
      return true;
    }
    if (pos === "lt") {
      this.assume(p.neg().sub(1), `${what.replace(/>= 0$/, "< 0")} (sizes >= 1)`);
      return false;
    }
    return void 0;
  }
};

// ../../packages/core/dist/ir/dtype.js
var DTYPE_BITS = {
  float32: 32,
  float16: 16,
  bfloat16: 16,
  float64: 64,
  float8e4m3fn: 8,
  float8e4m3fnuz: 8,
  float8e5m2: 8,
  float8e5m2fnuz: 8,
  float8e8m0: 8,
  float4e2m1: 4,
  int4: 4,
  uint4: 4,
  int2: 2,
  uint2: 2,
  int8: 8,
  uint8: 8,
  int16: 16,
  uint16: 16,
  int32: 32,
  uint32: 32,
  int64: 64,
  uint64: 64,
  bool: 8,
  string: 64,
  complex64: 64,
  complex128: 128,
  unknown: 32
};
function isIntDType(t) {
  return /^u?int\d+$/.test(t);
}

// ../../packages/core/dist/cost/conventions.js
var ZERO_COST = Object.freeze({ macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO });
function contractionCost(macs, outputs, bias, params, opts = {}, extraFlops = Poly.ZERO) {
  const twice = macs.mul(2);
  const flops = opts.convention === "exact" ? bias ? twice : twice.sub(outputs) : twice;
  return { macs, flops: flops.add(extraFlops), params };
}
function elementCost(flops, params = Poly.ZERO) {
  return { macs: Poly.ZERO, flops, params };
}
function checkSizes(kernel, sizes) {
  for (const [name, v] of Object.entries(sizes)) {
    const list2 = Array.isArray(v) ? v : [v];
    for (const d of list2) {
      if (typeof d === "number" && (!Number.isInteger(d) || d < 0))
        throw new RangeError(`${kernel}: ${name} must be a non-negative integer, got ${d}`);
    }
  }
}

// ../../packages/core/dist/cost/conv.js
function convOutputDim(inDim, kernel, stride = 1, padBegin = 0, padEnd = 0, dilation = 1, ceilMode = false) {
  if (stride <= 0)
    throw new RangeError(`stride must be positive, got ${stride}`);
  if (typeof inDim === "number" && typeof kernel === "number" && smallInts(inDim, kernel, stride, padBegin, padEnd, dilation)) {
    const span2 = inDim + padBegin + padEnd - ((kernel - 1) * dilation + 1);
    if (!ceilMode)
      return Math.floor(span2 / stride) + 1;
    const out2 = Math.ceil(span2 / stride) + 1;
    return (out2 - 1) * stride >= inDim + padBegin ? out2 - 1 : out2;
  }
  const effK = dimPoly(kernel).sub(1).mul(dilation).add(1);
  const span = dimPoly(inDim).add(padBegin + padEnd).sub(effK);
  if (!ceilMode)
    return dim(span.floorDiv(stride).add(1));
  let out = span.ceilDiv(stride).add(1);
  const lastStart = out.sub(1).mul(stride);
  const limit = dimPoly(inDim).add(padBegin);
  const over = lastStart.sub(limit);
  if (over.isConst && over.constValue >= 0n)
    out = out.sub(1);
  return dim(out);
}
function smallInts(...xs) {
  for (const x2 of xs)
    if (!Number.isInteger(x2) || Math.abs(x2) >= 2 ** 31)
      return false;
  return true;
}
function convCost(p, opts = {}) {
  const g = p.groups ?? 1;
  checkGroups("convCost", p, g);
  const cinPerGroup = dimPoly(p.inChannels).floorDiv(g);
  const k = numElements(p.kernel);
  const outputs = numElements([p.batch, p.outChannels, ...p.outSpatial]);
  const macs = outputs.mul(cinPerGroup).mul(k);
  const params = dimPoly(p.outChannels).mul(cinPerGroup).mul(k).add(p.bias ? dimPoly(p.outChannels) : Poly.ZERO);
  return contractionCost(macs, outputs, p.bias, params, opts);
}
function checkGroups(kernel, p, g) {
  checkSizes(kernel, { batch: p.batch, inChannels: p.inChannels, outChannels: p.outChannels, outSpatial: p.outSpatial, kernel: p.kernel });
  if (!Number.isInteger(g) || g < 1)
    throw new RangeError(`${kernel}: groups must be a positive integer, got ${g}`);
  for (const [name, c] of [["inChannels", p.inChannels], ["outChannels", p.outChannels]])
    if (typeof c === "number" && c % g !== 0)
      throw new RangeError(`${kernel}: ${name} ${c} is not divisible by groups ${g}`);
}
function convTransposeCost(p, _opts = {}) {
  const g = p.groups ?? 1;
  checkGroups("convTransposeCost", p, g);
  checkSizes("convTransposeCost", { inSpatial: p.inSpatial });
  const coutPerGroup = dimPoly(p.outChannels).floorDiv(g);
  const k = numElements(p.kernel);
  const macs = numElements([p.batch, p.inChannels, ...p.inSpatial]).mul(coutPerGroup).mul(k);
  const outputs = numElements([p.batch, p.outChannels, ...p.outSpatial]);
  const params = dimPoly(p.inChannels).mul(coutPerGroup).mul(k).add(p.bias ? dimPoly(p.outChannels) : Poly.ZERO);
  const flops = macs.mul(2).add(p.bias ? outputs : Poly.ZERO);
  return { macs, flops, params };
}
function windowFlops(kind, k) {
  switch (kind) {
    case "max":
      return k.sub(1);
    case "avg":
      return k;
    case "lp":
      return k.mul(2);
  }
}
function poolCost(p, _opts = {}) {
  if (p.kernel.length === 0)
    throw new RangeError("poolCost: kernel must have at least one axis");
  checkSizes("poolCost", { batch: p.batch, channels: p.channels, outSpatial: p.outSpatial, kernel: p.kernel });
  const outputs = numElements([p.batch, p.channels, ...p.outSpatial]);
  return elementCost(outputs.mul(windowFlops(p.kind, numElements(p.kernel))));
}
function globalPoolCost(p, _opts = {}) {
  const outputs = numElements([p.batch, p.channels]);
  return elementCost(outputs.mul(windowFlops(p.kind, numElements(p.inSpatial))));
}

// ../../packages/core/dist/cost/matmul.js
function matmulCost(p, opts = {}) {
  if (p.a.length === 0 || p.b.length === 0)
    throw new RangeError("matmul operands must have rank >= 1");
  const A = p.a.length === 1 ? [1, p.a[0]] : p.a;
  const B = p.b.length === 1 ? [p.b[0], 1] : p.b;
  const m2 = A[A.length - 2];
  const k = A[A.length - 1];
  const n = B[B.length - 1];
  const batch = broadcastShapes(A.slice(0, -2), B.slice(0, -2)).shape;
  const outputs = numElements([...batch, m2, n]);
  return contractionCost(outputs.mul(dimPoly(k)), outputs, false, Poly.ZERO, opts);
}
function gemmCost(p, opts = {}) {
  checkSizes("gemmCost", { m: p.m, k: p.k, n: p.n, batch: p.batch });
  const outputs = numElements([p.batch ?? 1, p.m, p.n]);
  const params = dimPoly(p.k).mul(dimPoly(p.n)).add(p.bias ? dimPoly(p.n) : Poly.ZERO);
  return contractionCost(outputs.mul(dimPoly(p.k)), outputs, p.bias, params, opts);
}
function einsumCost(equation, shapes, opts = {}) {
  const eq = equation.replace(/\s+/g, "");
  const [lhs, rhs] = eq.split("->");
  const terms = lhs.split(",");
  if (terms.length !== shapes.length)
    throw new RangeError(`einsumCost: equation ${JSON.stringify(equation)} has ${terms.length} operands, got ${shapes.length} shapes`);
  const sizes = /* @__PURE__ */ new Map();
  let ellipsis = [];
  terms.forEach((t, i2) => {
    const s = shapes[i2] ?? [];
    const letters = t.replace("...", "");
    const ellRank = t.includes("...") ? s.length - letters.length : 0;
    let axis = 0;
    for (let j = 0; j < t.length; j++) {
      if (t.startsWith("...", j)) {
        const e2 = s.slice(axis, axis + ellRank);
        ellipsis = broadcastShapes(ellipsis, e2).shape;
        axis += ellRank;
        j += 2;
        continue;
      }
      const d = s[axis++];
      const prev = sizes.get(t[j]);
      if (d !== void 0 && (prev === void 0 || prev === 1))
        sizes.set(t[j], d);
    }
  });
  const all = numElements([...sizes.values(), ...ellipsis]);
  const outLetters = rhs ?? [...sizes.keys()].filter((c) => lhs.split(c).length - 1 === 1).join("");
  const outDims = [...outLetters.replace("...", "")].map((c) => sizes.get(c) ?? 1);
  const outputs = numElements([...outDims, ...ellipsis]);
  if (terms.length === 1)
    return { macs: Poly.ZERO, flops: all.sub(outputs), params: Poly.ZERO };
  return contractionCost(all, outputs, false, Poly.ZERO, opts);
}

// ../../packages/core/dist/cost/elementwise.js
var ELEMENT_FLOPS = {
  // Arithmetic: one operation.
  Add: 1,
  Sub: 1,
  Mul: 1,
  Div: 1,
  Mod: 1,
  Neg: 1,
  Abs: 1,
  Reciprocal: 1,
  Sign: 1,
  // Pow is one library call (1), like the other transcendental functions.
  Pow: 1,
  Sqrt: 1,
  Exp: 1,
  Log: 1,
  Erf: 1,
  Sin: 1,
  Cos: 1,
  Tan: 1,
  Asin: 1,
  Acos: 1,
  Atan: 1,
  Sinh: 1,
  Cosh: 1,
  Asinh: 1,
  Acosh: 1,
  Atanh: 1,
  Floor: 1,
  Ceil: 1,
  Round: 1,
  // Comparisons, logic, bitwise and select: one operation each.
  Equal: 1,
  Less: 1,
  LessOrEqual: 1,
  Greater: 1,
  GreaterOrEqual: 1,
  And: 1,
  Or: 1,
  Xor: 1,
  Not: 1,
  BitShift: 1,
  BitwiseAnd: 1,
  BitwiseOr: 1,
  BitwiseXor: 1,
  BitwiseNot: 1,
  IsNaN: 1,
  IsInf: 1,
  Where: 1,
  // Variadic ops are costed per pairwise operation by the caller: (n - 1) * elements.
  Sum: 1,
  Max: 1,
  Min: 1,
  // Mean of n inputs: (n - 1) additions + 1 division; callers pass n * elements.
  Mean: 1,
  // Relu = max(x, 0): 1 comparison. ThresholdedRelu: 1 comparison.
  Relu: 1,
  ThresholdedRelu: 1,
  // LeakyRelu / PRelu: comparison + multiply = 2.
  LeakyRelu: 2,
  PRelu: 2,
  // Clip: 2 comparisons (min and max). Shrink: 2 comparisons and an add/sub on the kept branch = 3.
  Clip: 2,
  Shrink: 3,
  // Sigmoid = 1 / (1 + exp(-x)): neg, exp, add, div = 4.
  Sigmoid: 4,
  // Tanh is one transcendental call.
  Tanh: 1,
  // HardSigmoid = max(0, min(1, a*x + b)): mul, add, 2 comparisons = 4. HardSwish = x * HardSigmoid(x) = 5.
  HardSigmoid: 4,
  HardSwish: 5,
  // Swish / SiLU = x * sigmoid(x) = 4 + 1 = 5.
  Swish: 5,
  SiLU: 5,
  // Elu = x < 0 ? a*(exp(x) - 1) : x: comparison, exp, sub, mul = 4. Selu = gamma * Elu = 5.
  Elu: 4,
  Selu: 5,
  // Celu = max(0, x) + min(0, a*(exp(x/a) - 1)): div, exp, sub, mul, min, max, add = 7.
  Celu: 7,
  // Softplus = log(1 + exp(x)) = 3. Softsign = x / (1 + |x|) = 3.
  Softplus: 3,
  Softsign: 3,
  // Mish = x * tanh(softplus(x)) = 3 + 1 + 1 = 5.
  Mish: 5,
  // Gelu (erf form) = 0.5 * x * (1 + erf(x / sqrt 2)): div, erf, add, mul, mul = 5.
  Gelu: 5,
  // Gelu (tanh approximation) = 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))): x^3 (2), mul, add, mul, tanh, add, mul, mul = 9.
  GeluTanh: 9,
  // QuickGelu = x * sigmoid(1.702x): mul + sigmoid (4) + mul = 6.
  QuickGelu: 6,
  // LpNormalization (p = 2): square + add per element for the norm, then 1 division = 3.
  LpNormalization: 3,
  // MeanVarianceNormalization: mean (add), variance (sub, square, add), normalise (sub, div) = 6.
  MeanVarianceNormalization: 6,
  // LRN with the default size 5: 5 squares + 4 adds for the window sum, then mul, add, pow, div = 13.
  LRN: 13
};
function hasElementwiseRule(op) {
  return Object.prototype.hasOwnProperty.call(ELEMENT_FLOPS, op);
}
var UnknownElementwiseOpError = class extends Error {
  op;
  name = "UnknownElementwiseOpError";
  constructor(op) {
    super(`no element-wise cost rule for ${op}`);
    this.op = op;
  }
};
function elementwiseCost(op, elements2, _opts = {}) {
  const per = ELEMENT_FLOPS[op];
  if (per === void 0 || !hasElementwiseRule(op))
    throw new UnknownElementwiseOpError(op);
  return elementCost(elements2.mul(per));
}

// ../../packages/core/dist/cost/layers.js
function normalizationCost(p, _opts = {}) {
  checkSizes("normalizationCost", { channels: p.channels, normalizedSize: p.normalizedSize });
  const groups = p.groups === void 0 ? Poly.ZERO : p.groups instanceof Poly ? p.groups : dimPoly(p.groups);
  switch (p.kind) {
    case "batch": {
      const c = dimPoly(p.channels ?? 1);
      return elementCost(p.elements.mul(2), c.mul(4));
    }
    case "layer":
    case "instance":
    case "group": {
      const size = p.normalizedSize ?? p.channels;
      const params = p.affine === false || size === void 0 ? Poly.ZERO : dimPoly(size).mul(p.bias === false ? 1 : 2);
      return elementCost(p.elements.mul(8).add(groups.mul(4)), params);
    }
    case "rms": {
      const size = p.normalizedSize ?? p.channels;
      const params = p.affine === false || size === void 0 ? Poly.ZERO : dimPoly(size);
      return elementCost(p.elements.mul(4).add(groups.mul(4)), params);
    }
    default:
      throw new RangeError(`normalizationCost: unknown kind ${JSON.stringify(p.kind)}`);
  }
}
function softmaxCost(p, _opts = {}) {
  const op = p.op ?? "Softmax";
  if (op === "Hardmax")
    return elementCost(p.elements);
  if (op === "LogSoftmax" && p.axisSize !== void 0) {
    const axis = p.axisSize instanceof Poly ? p.axisSize : dimPoly(p.axisSize);
    return elementCost(p.elements.mul(5).add(axis.isConst && axis.constValue > 0n ? p.elements.floorDiv(axis) : Poly.ZERO));
  }
  return elementCost(p.elements.mul(5));
}
function reduceCost(p, _opts = {}) {
  const { inElements: i2, outElements: o } = p;
  switch (p.op) {
    case "ReduceSum":
    case "ReduceMax":
    case "ReduceMin":
    case "ReduceProd":
    case "ArgMax":
    case "ArgMin":
      return elementCost(i2.sub(o));
    case "ReduceMean":
    case "ReduceLogSum":
      return elementCost(i2);
    case "ReduceSumSquare":
    case "ReduceL1":
      return elementCost(i2.mul(2).sub(o));
    case "ReduceL2":
    case "ReduceLogSumExp":
      return elementCost(i2.mul(2));
    default:
      throw new RangeError(`no reduction cost rule for ${p.op}`);
  }
}
function resizeCost(p, _opts = {}) {
  if (!Number.isInteger(p.spatialRank) || p.spatialRank < 0)
    throw new RangeError(`resizeCost: spatialRank must be a non-negative integer, got ${p.spatialRank}`);
  if (p.mode === "nearest")
    return elementCost(Poly.ZERO);
  const taps = (p.mode === "linear" ? 2 : 4) ** p.spatialRank;
  return elementCost(p.outElements.mul(2 * taps - 1));
}
function attentionCost(p, opts = {}) {
  checkSizes("attentionCost", { batch: p.batch, heads: p.heads, seqQ: p.seqQ, seqK: p.seqK, headDim: p.headDim, headDimV: p.headDimV });
  const scores = numElements([p.batch, p.heads, p.seqQ, p.seqK]);
  const qk = scores.mul(dimPoly(p.headDim));
  const av = scores.mul(dimPoly(p.headDimV ?? p.headDim));
  const outputs = scores.add(numElements([p.batch, p.heads, p.seqQ, p.headDimV ?? p.headDim]));
  return contractionCost(qk.add(av), outputs, false, Poly.ZERO, opts, scores.mul(6));
}
var GATES = { lstm: 4, gru: 3, rnn: 1 };
var CELL_FLOPS = { lstm: 18, gru: 13, rnn: 1 };
function rnnCost(p, opts = {}) {
  const g = GATES[p.cell];
  const dirs = p.directions ?? 1;
  if (dirs !== 1 && dirs !== 2)
    throw new RangeError(`rnnCost: directions must be 1 or 2, got ${dirs}`);
  checkSizes("rnnCost", { seqLen: p.seqLen, batch: p.batch, inputSize: p.inputSize, hiddenSize: p.hiddenSize });
  const bv = p.biasVectors ?? 1;
  const h = dimPoly(p.hiddenSize);
  const steps = numElements([p.seqLen, p.batch]).mul(dirs);
  const perStepMacs = h.mul(g).mul(dimPoly(p.inputSize).add(h));
  const macs = steps.mul(perStepMacs);
  const outputs = steps.mul(h.mul(g));
  const extra = steps.mul(h.mul(CELL_FLOPS[p.cell] + g * bv));
  const params = h.mul(g).mul(dimPoly(p.inputSize).add(h).add(bv)).mul(dirs);
  return contractionCost(macs, outputs, true, params, opts, extra);
}
function quantizeCost(elements2, _opts = {}) {
  return elementCost(elements2.mul(5));
}
function dequantizeCost(elements2, _opts = {}) {
  return elementCost(elements2.mul(2));
}

// ../../packages/core/dist/report/count.js
var MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
function toCount(v) {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
}
var DIGITS = /^-?\d+$/;
function countBig(c) {
  if (typeof c === "bigint")
    return c;
  if (typeof c === "number") {
    if (!Number.isSafeInteger(c))
      throw new RangeError(`not an exact count: ${c}`);
    return BigInt(c);
  }
  if (!DIGITS.test(c))
    throw new RangeError(`not an exact count: ${JSON.stringify(c.slice(0, 40))}`);
  return BigInt(c);
}
function countNumber(c) {
  if (typeof c === "number")
    return c;
  const n = Number(c);
  return Number.isFinite(n) ? n : n > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

// ../../packages/core/dist/util/name-table.js
var MAX_PROBES = 64;
var EMPTY = -1;
function nameHash(s) {
  let h = 2166136261;
  for (let i2 = 0; i2 < s.length; i2++)
    h = Math.imul(h ^ s.charCodeAt(i2), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  return h ^ h >>> 16;
}
var NameTable = class {
  keys = [];
  vals = [];
  /** Per bucket, its entry (EMPTY when free) and that entry's hash; a power of two of buckets, at least twice the entries. */
  buckets = new Int32Array(32).fill(EMPTY);
  fallback;
  /** Number of distinct keys. */
  get size() {
    return this.fallback ? this.fallback.size : this.keys.length;
  }
  /** The value of `key`, or undefined. */
  get(key) {
    if (!this.fallback) {
      const e2 = this.find(key, nameHash(key));
      if (e2 >= 0)
        return this.vals[e2];
      if (!this.fallback)
        return void 0;
    }
    return this.fallback.get(key);
  }
  has(key) {
    return this.get(key) !== void 0;
  }
  /** Set `key` to `value` (replacing an earlier value). Returns this table. */
  set(key, value2) {
    if (!this.fallback) {
      const h = nameHash(key);
      const e2 = this.find(key, h);
      if (e2 >= 0) {
        this.vals[e2] = value2;
        return this;
      }
      if (!this.fallback) {
        this.append(key, value2, h);
        return this;
      }
    }
    this.fallback.set(key, value2);
    return this;
  }
  /** The value of `key`; when it has none, `value`, which it is given (one hash where get-then-set takes two). */
  getOrSet(key, value2) {
    if (!this.fallback) {
      const h = nameHash(key);
      const e2 = this.find(key, h);
      if (e2 >= 0)
        return this.vals[e2];
      if (!this.fallback) {
        this.append(key, value2, h);
        return value2;
      }
    }
    const v = this.fallback.get(key);
    if (v !== void 0)
      return v;
    this.fallback.set(key, value2);
    return value2;
  }
  append(key, value2, h) {
    const n = this.keys.length;
    this.keys.push(key);
    this.vals.push(value2);
    if ((n + 1) * 2 > this.buckets.length / 2)
      this.rehash(this.buckets.length);
    if (!this.fallback && !this.place(n, h))
      this.toMap();
  }
  /**
   * Make room for `n` keys in all: the buckets are sized once instead of doubling their way there
   * (each doubling leaves the old table as garbage: 24 MB on the way to 10^6 names).
   */
  reserve(n) {
    if (this.fallback)
      return;
    let buckets = this.buckets.length / 2;
    while (n * 2 > buckets)
      buckets *= 2;
    if (buckets > this.buckets.length / 2)
      this.rehash(buckets);
  }
  /** Remove every key. */
  clear() {
    this.keys = [];
    this.vals = [];
    this.buckets = new Int32Array(32).fill(EMPTY);
    this.fallback = void 0;
  }
  /** Call `fn` with every key and its value, in insertion order (no pair per entry, unlike `entries`). */
  forEach(fn) {
    if (this.fallback) {
      for (const [k, v] of this.fallback)
        fn(k, v);
      return;
    }
    for (let i2 = 0; i2 < this.keys.length; i2++)
      fn(this.keys[i2], this.vals[i2]);
  }
  /** True once a long probe sequence moved the table onto a Map (for tests and benchmarks). */
  get onMap() {
    return this.fallback !== void 0;
  }
  /** Every key with its value, in insertion order. */
  *entries() {
    if (this.fallback) {
      yield* this.fallback.entries();
      return;
    }
    for (let i2 = 0; i2 < this.keys.length; i2++)
      yield [this.keys[i2], this.vals[i2]];
  }
  /** Entry index of `key` (hash `h`), or -1: absent, or the table just moved onto `fallback` (ask it). */
  find(key, h) {
    const b = this.buckets;
    const mask = b.length / 2 - 1;
    let p = h & mask;
    for (let probes = 0; ; probes++) {
      const e2 = b[2 * p];
      if (e2 === EMPTY)
        return -1;
      if (b[2 * p + 1] === h && this.keys[e2] === key)
        return e2;
      if (probes >= MAX_PROBES) {
        this.toMap();
        return -1;
      }
      p = p + 1 & mask;
    }
  }
  /** Put entry `e` in the first free bucket of its sequence; false when that took over MAX_PROBES steps. */
  place(e2, h) {
    const b = this.buckets;
    const mask = b.length / 2 - 1;
    let p = h & mask;
    for (let probes = 0; b[2 * p] !== EMPTY; probes++) {
      if (probes >= MAX_PROBES)
        return false;
      p = p + 1 & mask;
    }
    b[2 * p] = e2;
    b[2 * p + 1] = h;
    return true;
  }
  /** Move every entry into `buckets` buckets (each entry's hash is the one its bucket holds). */
  rehash(buckets) {
    const old = this.buckets;
    this.buckets = new Int32Array(2 * buckets).fill(EMPTY);
    for (let p = 0; p < old.length; p += 2)
      if (old[p] !== EMPTY && !this.place(old[p], old[p + 1])) {
        this.toMap();
        return;
      }
  }
  /** Give up this table's hashing: every entry into a Map, which answers from now on. */
  toMap() {
    const m2 = /* @__PURE__ */ new Map();
    for (let i2 = 0; i2 < this.keys.length; i2++)
      m2.set(this.keys[i2], this.vals[i2]);
    this.fallback = m2;
    this.keys = [];
    this.vals = [];
    this.buckets = new Int32Array(32).fill(EMPTY);
  }
};

// ../../packages/core/dist/util/exact-sum.js
var ExactSum = class _ExactSum {
  n = 0;
  big;
  add(b) {
    if (this.big === void 0 && typeof b === "number") {
      const s = this.n + b;
      if (Number.isSafeInteger(s)) {
        this.n = s;
        return;
      }
    }
    this.big = (this.big ?? BigInt(this.n)) + BigInt(b);
  }
  sub(b) {
    if (this.big === void 0 && typeof b === "number")
      this.n -= b;
    else
      this.big = (this.big ?? BigInt(this.n)) - BigInt(b);
  }
  /** The sum, exact. */
  get value() {
    return this.big ?? BigInt(this.n);
  }
  /** True when this sum is above `other`. */
  above(other) {
    return this.big === void 0 && other.big === void 0 ? this.n > other.n : this.value > other.value;
  }
  copy() {
    const c = new _ExactSum();
    c.n = this.n;
    c.big = this.big;
    return c;
  }
};

// ../../packages/core/dist/memory/memory.js
function tensorBytes(shape, dtype) {
  return numElements(shape).mul(DTYPE_BITS[dtype]).ceilDiv(8);
}
function peakLiveBytes(steps, graphInputs, graphOutputs, exclude = /* @__PURE__ */ new Set()) {
  const src2 = Array.isArray(steps) ? {
    length: steps.length,
    inputs: (i2) => steps[i2].inputs,
    outputs: (i2, write) => {
      for (const o of steps[i2].outputs)
        write(o.name, o.bytes);
    }
  } : steps;
  const n = src2.length;
  const ids2 = new NameTable();
  const id = (name) => ids2.getOrSet(name, ids2.size);
  let inIds = new Int32Array(Math.max(16, n * 2));
  let outIds = new Int32Array(Math.max(16, n));
  const inStart = new Int32Array(n + 1);
  const outStart = new Int32Array(n + 1);
  const outBytes = [];
  let ni = 0;
  let no = 0;
  const grow = (a, need) => {
    if (need <= a.length)
      return a;
    const b = new Int32Array(Math.max(need, a.length * 2));
    b.set(a);
    return b;
  };
  const record2 = (name, bytes) => {
    outIds = grow(outIds, no + 1);
    outIds[no] = id(name);
    outNames[no++] = name;
    outBytes.push(bytes);
  };
  const outNames = [];
  const inputIds = graphInputs.map((g) => id(g.name));
  for (let i2 = 0; i2 < n; i2++) {
    outStart[i2] = no;
    src2.outputs(i2, record2);
  }
  outStart[n] = no;
  for (let i2 = 0; i2 < n; i2++) {
    inStart[i2] = ni;
    const xs = src2.inputs(i2);
    inIds = grow(inIds, ni + xs.length);
    const p0 = i2 > 0 ? outStart[i2 - 1] : 0;
    const p1 = i2 > 0 ? outStart[i2] : 0;
    for (const x2 of xs) {
      if (x2 === "") {
        inIds[ni++] = -1;
        continue;
      }
      let k = -1;
      for (let j = p0; j < p1; j++)
        if (outNames[j] === x2) {
          k = outIds[j];
          break;
        }
      inIds[ni++] = k >= 0 ? k : ids2.get(x2) ?? -1;
    }
  }
  inStart[n] = ni;
  const EMPTY4 = "";
  const emptyId = ids2.get(EMPTY4) ?? -1;
  const exclusion = new Uint8Array(ids2.size + graphOutputs.length + 1);
  const names = new Array(ids2.size);
  ids2.forEach((name, i2) => {
    names[i2] = name;
  });
  const excluded = (i2) => {
    if (exclusion[i2] === 0)
      exclusion[i2] = exclude.has(names[i2]) ? 1 : 2;
    return exclusion[i2] === 1;
  };
  const lastUse = new Int32Array(ids2.size + graphOutputs.length + 1).fill(-1);
  for (let i2 = 0; i2 < n; i2++)
    for (let j = inStart[i2]; j < inStart[i2 + 1]; j++)
      if (inIds[j] >= 0)
        lastUse[inIds[j]] = i2;
  for (const o of graphOutputs) {
    const i2 = ids2.get(o);
    if (i2 !== void 0)
      lastUse[i2] = 2147483647;
  }
  const size = new Array(ids2.size);
  const live = new ExactSum();
  graphInputs.forEach((gi, k) => {
    const i2 = inputIds[k];
    if (excluded(i2) || size[i2] !== void 0)
      return;
    size[i2] = gi.bytes;
    live.add(gi.bytes);
  });
  let peak = live.copy();
  let atStep = n ? 0 : -1;
  const free = (i2) => {
    const b = size[i2];
    if (b === void 0)
      return;
    size[i2] = void 0;
    live.sub(b);
  };
  for (let step = 0; step < n; step++) {
    for (let j = outStart[step]; j < outStart[step + 1]; j++) {
      const i2 = outIds[j];
      if (i2 === emptyId || size[i2] !== void 0 || excluded(i2))
        continue;
      size[i2] = outBytes[j];
      live.add(outBytes[j]);
    }
    if (live.above(peak)) {
      peak = live.copy();
      atStep = step;
    }
    for (let j = inStart[step]; j < inStart[step + 1]; j++)
      if (inIds[j] >= 0 && lastUse[inIds[j]] === step)
        free(inIds[j]);
    for (let j = outStart[step]; j < outStart[step + 1]; j++)
      if (lastUse[outIds[j]] === -1)
        free(outIds[j]);
  }
  return { peakBytes: toCount(peak.value), atStep };
}

// ../../packages/core/dist/util/text.js
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function groupDigits(v) {
  if (typeof v === "number") {
    if (!Number.isInteger(v) || Math.abs(v) >= 1e21)
      return v.toLocaleString("en-US");
    if (Object.is(v, -0))
      return "-0";
  }
  const s = String(v);
  if (!/^-?\d+$/.test(s))
    return s;
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// ../../packages/core/dist/util/dict.js
function dict(entries) {
  const d = /* @__PURE__ */ Object.create(null);
  if (entries)
    for (const [k, v] of entries)
      d[k] = v;
  return d;
}
function own(obj, key) {
  return obj !== void 0 && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : void 0;
}

// ../../packages/core/dist/io/import-error.js
var ModelImportError = class extends Error {
};
var ModelOptionsError = class extends Error {
};

// ../../packages/core/dist/report/dims.js
var DimValueError = class extends ModelOptionsError {
  name = "DimValueError";
};
var ImpossibleSizeError = class extends ModelImportError {
  file;
  name = "ImpossibleSizeError";
  code = "impossible-size";
  constructor(file, reason) {
    super(`${file ? `${file}: ` : ""}${reason}`);
    this.file = file;
  }
};
function sizeConstraints(input) {
  const seen = [/* @__PURE__ */ new Set(), /* @__PURE__ */ new Set()];
  const out = [];
  const recent2 = [[], []];
  const add = (p, min, owner, field, name = "", axis = -1, node = false) => {
    if (!p || p.isConst)
      return;
    const last2 = recent2[Number(min)];
    if (last2.includes(p))
      return;
    if (last2.length >= 8)
      last2.shift();
    last2.push(p);
    const set = seen[Number(min)];
    if (set.has(p.key))
      return;
    set.add(p.key);
    const who = node ? `node ${owner}` : owner;
    out.push({ poly: p, min, what: axis < 0 ? `${who} ${field}` : `${who}${field} ${name} axis ${axis}` });
  };
  const sizes = (v, owner, field = "", node = false) => {
    const shape = v.shape;
    if (!shape)
      return;
    for (let i2 = 0; i2 < shape.length; i2++) {
      const d = shape[i2];
      if (typeof d !== "number")
        add(d, 1n, owner, field, v.name, i2, node);
    }
  };
  for (const c of input.conditions ?? []) {
    if (c.poly.isConst || seen[c.min === 1n ? 1 : 0].has(c.poly.key))
      continue;
    seen[c.min === 1n ? 1 : 0].add(c.poly.key);
    out.push(c);
  }
  for (const v of input.inputs)
    sizes(v, "input");
  const nodes = nodeSource(input.nodes);
  for (let i2 = 0; i2 < nodes.length; i2++) {
    const n = nodes.at(i2);
    const m2 = n.multiplicity;
    if (m2 && m2.isConst && m2.constValue === 0n)
      continue;
    const owner = n.name;
    add(m2, 0n, owner, "run count", "", -1, true);
    for (const o of n.outputs)
      sizes(o, owner, " output", true);
    const c = n.cost;
    if (c) {
      add(c.macs, 0n, owner, "macs", "", -1, true);
      add(c.flops, 0n, owner, "flops", "", -1, true);
      add(c.params, 0n, owner, "params", "", -1, true);
      add(c.bytesRead, 0n, owner, "bytesRead", "", -1, true);
      add(c.bytesWritten, 0n, owner, "bytesWritten", "", -1, true);
    }
  }
  for (const v of input.outputs)
    sizes(v, "output");
  return out;
}
function resolveDims(input, file) {
  const constraints = sizeConstraints(input);
  const user = input.dims;
  const choice = chooseDefaults(constraints, user);
  if (!choice.ok) {
    const reason = refusal(constraints, user, choice.constraint, choice.symbols, choice.value);
    const userAtFault = choice.symbols.length === 0 && choice.constraint.poly.symbols().some((s) => Object.prototype.hasOwnProperty.call(user, s));
    throw userAtFault ? new DimValueError(reason) : new ImpossibleSizeError(file, reason);
  }
  const values = dict(Object.entries(user));
  const atOne = [];
  const raised = [];
  for (const [s, v] of [...choice.values].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    values[s] = Number(v);
    if (v === 1n)
      atOne.push(s);
    else {
      const because = constraints.find((c) => c.poly.symbols().includes(s) && c.poly.evaluate({ ...user, [s]: 1 }, 1) < c.min);
      raised.push(because ? { symbol: s, value: Number(v), because } : { symbol: s, value: Number(v) });
    }
  }
  return { values, atOne, raised };
}
function unboundDiagnostics(r, extra = []) {
  const out = [];
  const one = [.../* @__PURE__ */ new Set([...r.atOne, ...extra])].sort();
  if (one.length)
    out.push({ severity: "warning", code: "unbound-symbol", message: `symbolic dims ${one.join(", ")} have no value: counted as 1. Bind them with ${one.map((s) => `--dim ${s}=N`).join(" ")}` });
  for (const x2 of r.raised)
    out.push({
      severity: "warning",
      code: "default-raised",
      message: `symbolic dim ${x2.symbol} has no value and 1 makes ${x2.because ? `${x2.because.what} (${x2.because.poly.toString()}) impossible` : "a size impossible"}: counted as ${x2.value}, the smallest value that keeps every size positive. Bind it with --dim ${x2.symbol}=N`
    });
  return out;
}
function refusal(constraints, user, c, free, value2) {
  const kind = c.min === 1n ? "a size" : "a count";
  const at = `${c.what} = ${c.poly.toString()} = ${value2}`;
  const boundHere = c.poly.symbols().filter((s) => Object.prototype.hasOwnProperty.call(user, s));
  if (free.length === 0 && boundHere.length) {
    const fixes = boundHere.map((s) => {
      const rest = { ...user };
      delete rest[s];
      const alt = chooseDefaults(constraints, rest);
      const lo = alt.ok ? alt.values.get(s) : void 0;
      if (lo === void 0)
        return `no value of ${s} fixes it`;
      const given = BigInt(user[s]);
      if (given < lo)
        return `the smallest valid value is ${s}=${lo}`;
      const holds = (v) => {
        const at2 = new Map([...Object.entries(rest), ...alt.ok ? alt.values : []]).set(s, v);
        return constraints.every((k) => k.poly.evaluate(at2, 1) >= k.min);
      };
      let [ok, bad] = [lo, given];
      while (bad - ok > 1n) {
        const mid = (ok + bad) / 2n;
        if (holds(mid))
          ok = mid;
        else
          bad = mid;
      }
      return `valid values are ${s}=${lo} to ${ok}`;
    });
    return `${boundHere.map((s) => `--dim ${s}=${user[s]}`).join(" ")} makes ${kind} impossible: ${at} (at least ${c.min} needed); ${fixes.join("; ")}`;
  }
  const names = free.length ? free : c.poly.symbols();
  return `no value of ${names.join(", ")} up to 2^40 makes ${kind} possible: ${at} (at least ${c.min} needed); the model's sizes contradict each other, its totals are refused`;
}

// ../../packages/core/dist/report/modules.js
var MAX_MODULE_DEPTH = 32;
var MAX_MODULES = 1e5;
var MAX_MODULE_NAME = 200;
var MAX_MODULE_PATH = 600;
var MAX_MODULE_IO = 4;
var TF_WRAPPER = /^(?:Stateful)?PartitionedCall(?:_\d+)?$/;
function scopeFromName(name) {
  const semi = name.indexOf(";");
  const t = semi >= 0 ? name.slice(0, semi) : name;
  if (!t.includes("/"))
    return void 0;
  const parts = t.split("/").filter((p) => p !== "");
  parts.pop();
  let i2 = 0;
  while (i2 < parts.length && TF_WRAPPER.test(parts[i2]))
    i2++;
  return i2 ? parts.slice(i2) : parts;
}
var MAX_SAFE2 = Number.MAX_SAFE_INTEGER;
var ExactSums = class {
  small;
  big;
  constructor(n) {
    this.small = new Float64Array(n);
  }
  spill(m2, v) {
    (this.big ??= [])[m2] = (this.big[m2] ?? 0n) + v;
  }
  /** Add `v * mult` to module m's sum. */
  add(m2, v, mult) {
    if (typeof v === "number" && mult === 1) {
      if (v === 0)
        return;
      const s = this.small[m2] + v;
      if (s <= MAX_SAFE2) {
        this.small[m2] = s;
        return;
      }
    }
    this.spill(m2, countBig(v) * countBig(mult));
  }
  /** Add module c's sum to module p's. */
  addModule(p, c) {
    const s = this.small[p] + this.small[c];
    if (s <= MAX_SAFE2)
      this.small[p] = s;
    else
      this.spill(p, BigInt(this.small[c]));
    const b = this.big?.[c];
    if (b !== void 0)
      this.spill(p, b);
  }
  count(m2) {
    const b = this.big?.[m2];
    return b === void 0 ? this.small[m2] : toCount(BigInt(this.small[m2]) + b);
  }
};
var OVERFLOW = null;
var cut = (s, max2) => s.length > max2 ? `${s.slice(0, max2)}\u2026` : s;
function isShapeLike(t) {
  return t.shape !== null && t.shape.length <= 1 && (t.dtype === "int64" || t.dtype === "int32");
}
function buildModuleTree(nodes, scopeOf, inputs, outputs) {
  const names = [""];
  const paths = [""];
  const parents = [-1];
  const depths = [0];
  const types = [void 0];
  const children = [void 0];
  const firstCall = [void 0];
  const callSets = [void 0];
  let overflow = false;
  const child = (cur, raw) => {
    const name = cut(raw, MAX_MODULE_NAME);
    let m2 = children[cur];
    const found = m2?.get(name);
    if (found !== void 0)
      return found;
    if (names.length >= MAX_MODULES) {
      overflow = true;
      return cur;
    }
    if (!m2)
      children[cur] = m2 = /* @__PURE__ */ new Map();
    const i2 = names.length;
    m2.set(name, i2);
    names.push(name);
    paths.push(cut(paths[cur] ? `${paths[cur]}.${name}` : name, MAX_MODULE_PATH));
    parents.push(cur);
    depths.push(depths[cur] + 1);
    types.push(void 0);
    children.push(void 0);
    firstCall.push(void 0);
    callSets.push(void 0);
    return i2;
  };
  const noteCall = (m2, id) => {
    const first = firstCall[m2];
    if (first === void 0)
      firstCall[m2] = id;
    else if (first !== id)
      (callSets[m2] ??= /* @__PURE__ */ new Set([first])).add(id);
  };
  const resolve = (s) => {
    let cur = 0;
    for (let i2 = 0; i2 < s.names.length && depths[cur] < MAX_MODULE_DEPTH; i2++) {
      const raw = s.names[i2];
      if (s.literal) {
        if (raw !== "")
          cur = child(cur, raw);
      } else {
        const prev = i2 > 0 ? s.names[i2 - 1] : "";
        const p = paths[cur];
        const local = prev && raw.startsWith(`${prev}.`) ? raw.slice(prev.length + 1) : p && raw.startsWith(`${p}.`) ? raw.slice(p.length + 1) : raw === p || raw === prev ? "" : raw;
        for (const piece of local.split("."))
          if (piece !== "" && depths[cur] < MAX_MODULE_DEPTH)
            cur = child(cur, piece);
      }
      const type = s.types?.[i2];
      if (type !== void 0 && types[cur] === void 0 && cur !== 0)
        types[cur] = cut(type, MAX_MODULE_NAME);
      const call = s.calls?.[i2];
      if (call !== void 0 && cur !== 0)
        noteCall(cur, call);
    }
    return cur;
  };
  const n = nodes.length;
  const moduleOf = new Int32Array(n);
  const byNameScope = /* @__PURE__ */ new Map();
  let rootType;
  let scoped = 0;
  for (let i2 = 0; i2 < n; i2++) {
    const hint = scopeOf(i2);
    if (hint === null) {
      moduleOf[i2] = -1;
      continue;
    }
    if (hint) {
      rootType ??= hint.rootType;
      moduleOf[i2] = resolve(hint);
      scoped++;
      continue;
    }
    const name = nodes[i2].name;
    const semi = name.indexOf(";");
    const key = name.slice(0, name.lastIndexOf("/", semi >= 0 ? semi : name.length) + 1);
    const cached = key === "" ? void 0 : byNameScope.get(key);
    if (cached !== void 0) {
      moduleOf[i2] = cached;
      scoped++;
      continue;
    }
    const s = scopeFromName(name);
    if (!s) {
      moduleOf[i2] = -1;
      continue;
    }
    const m2 = resolve({ names: s });
    byNameScope.set(key, m2);
    moduleOf[i2] = m2;
    scoped++;
  }
  if (scoped === 0 || names.length === 1)
    return void 0;
  const lca = (a, b) => {
    while (depths[a] > depths[b])
      a = parents[a];
    while (depths[b] > depths[a])
      b = parents[b];
    while (a !== b) {
      a = parents[a];
      b = parents[b];
    }
    return a;
  };
  for (let i2 = 0; i2 < n; ) {
    if (moduleOf[i2] !== -1) {
      i2++;
      continue;
    }
    let j = i2;
    while (j < n && moduleOf[j] === -1)
      j++;
    const before = i2 > 0 ? moduleOf[i2 - 1] : -1;
    const after = j < n ? moduleOf[j] : -1;
    const target = before >= 0 && after >= 0 ? lca(before, after) : 0;
    moduleOf.fill(target, i2, j);
    i2 = j;
  }
  const count = names.length;
  const order = [];
  const stack = [0];
  while (stack.length) {
    const m2 = stack.pop();
    order.push(m2);
    const c = children[m2];
    if (c) {
      const list2 = [...c.values()];
      for (let k = list2.length - 1; k >= 0; k--)
        stack.push(list2[k]);
    }
  }
  const newIndex = new Int32Array(count);
  order.forEach((old, i2) => newIndex[old] = i2);
  const params = new ExactSums(count);
  const macs = new ExactSums(count);
  const flops = new ExactSums(count);
  const bytes = new ExactSums(count);
  const nodeCount = new Array(count).fill(0);
  const unsupported = new Array(count).fill(0);
  const lastOp = new Array(count);
  for (let i2 = 0; i2 < n; i2++) {
    const node = nodes[i2];
    const m2 = moduleOf[i2];
    const mult = node.multiplicity ?? 1;
    params.add(m2, node.params, 1);
    macs.add(m2, node.macs, mult);
    flops.add(m2, node.flops, mult);
    bytes.add(m2, node.bytesRead, mult);
    bytes.add(m2, node.bytesWritten, mult);
    nodeCount[m2]++;
    if (node.status === "unsupported")
      unsupported[m2]++;
    lastOp[m2] = node.op;
  }
  for (let m2 = count - 1; m2 > 0; m2--) {
    const p = parents[m2];
    params.addModule(p, m2);
    macs.addModule(p, m2);
    flops.addModule(p, m2);
    bytes.addModule(p, m2);
    nodeCount[p] += nodeCount[m2];
    unsupported[p] += unsupported[m2];
    if (nodeCount[m2] > 0)
      lastOp[p] = lastOp[m2];
  }
  const ins = new Array(count);
  const outs = new Array(count);
  const add = (lists, m2, t) => {
    const l = lists[m2];
    if (l === OVERFLOW)
      return;
    if (l === void 0) {
      lists[m2] = [t];
      return;
    }
    for (const x2 of l)
      if (x2.name === t.name)
        return;
    if (l.length >= MAX_MODULE_IO)
      lists[m2] = OVERFLOW;
    else
      l.push(t);
  };
  const producer = /* @__PURE__ */ new Map();
  for (let i2 = 0; i2 < n; i2++)
    for (const o of nodes[i2].outputs)
      if (o.name !== "")
        producer.set(o.name, i2);
  const graphInputs = /* @__PURE__ */ new Map();
  for (const t of inputs)
    graphInputs.set(t.name, t);
  const tensorOf = (p, name) => {
    for (const o of nodes[p].outputs)
      if (o.name === name)
        return o;
    return void 0;
  };
  for (let i2 = 0; i2 < n; i2++) {
    const node = nodes[i2];
    const a0 = moduleOf[i2];
    for (const name of node.inputs) {
      if (name === "")
        continue;
      const p = producer.get(name);
      let t;
      let b = -1;
      if (p === void 0) {
        t = graphInputs.get(name);
        if (!t)
          continue;
      } else {
        if (p >= i2 || nodes[p].op === "Constant")
          continue;
        b = moduleOf[p];
        if (b === a0)
          continue;
        t = tensorOf(p, name);
      }
      if (!t || isShapeLike(t))
        continue;
      let a = a0;
      if (b === -1) {
        for (; a !== -1; a = parents[a])
          add(ins, a, t);
        continue;
      }
      while (depths[a] > depths[b]) {
        add(ins, a, t);
        a = parents[a];
      }
      while (depths[b] > depths[a]) {
        add(outs, b, t);
        b = parents[b];
      }
      while (a !== b) {
        add(ins, a, t);
        add(outs, b, t);
        a = parents[a];
        b = parents[b];
      }
    }
  }
  for (const o of outputs) {
    const p = producer.get(o.name);
    if (p === void 0)
      continue;
    const t = tensorOf(p, o.name) ?? o;
    for (let b = moduleOf[p]; b !== -1; b = parents[b])
      add(outs, b, t);
  }
  const modules = order.map((old) => {
    const calls = callSets[old]?.size ?? 1;
    const i2 = ins[old];
    const o = outs[old];
    const type = old === 0 ? rootType : types[old];
    return {
      path: paths[old],
      name: names[old],
      ...old === 0 ? {} : { parent: newIndex[parents[old]] },
      depth: depths[old],
      ...type !== void 0 ? { type: cut(type, MAX_MODULE_NAME) } : {},
      ...nodeCount[old] === 1 && lastOp[old] !== void 0 ? { op: lastOp[old] } : {},
      ...calls > 1 ? { calls } : {},
      nodes: nodeCount[old],
      ...unsupported[old] > 0 ? { unsupported: unsupported[old] } : {},
      params: params.count(old),
      macs: macs.count(old),
      flops: flops.count(old),
      bytesMoved: bytes.count(old),
      // No output read outside it: the edges out are not visible (a function body's renamed values), so neither boundary is shown.
      ...i2 === OVERFLOW || !o ? {} : { inputs: i2 ?? [] },
      ...!o ? {} : { outputs: o }
    };
  });
  const nodeModules = new Int32Array(n);
  for (let i2 = 0; i2 < n; i2++)
    nodeModules[i2] = newIndex[moduleOf[i2]];
  return {
    modules,
    nodeModules,
    ...overflow ? { diagnostic: { severity: "warning", code: "module-limit", message: `more than ${MAX_MODULES} modules: the nodes of the rest are counted in their deepest module already listed` } } : {}
  };
}

// ../../packages/core/dist/report/build.js
function nodeSource(nodes) {
  return Array.isArray(nodes) ? { length: nodes.length, at: (i2) => nodes[i2] } : nodes;
}
var SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
var InvalidCountError = class extends ModelImportError {
  file;
  where;
  value;
  name = "InvalidCountError";
  code = "invalid-count";
  constructor(file, where, value2) {
    const what = typeof value2 === "bigint" ? `is negative (${value2})` : `is not an exact count (${value2})`;
    super(`${file ? `${file}: ` : ""}${where} ${what}: the model's sizes are inconsistent (a negative dim, or a size the shapes make impossible); the model was not profiled`);
    this.file = file;
    this.where = where;
    this.value = value2;
  }
};
var Recent = class {
  keys = new Array(16);
  values = new Array(16);
  next = 0;
  get(k) {
    for (let i2 = 0; i2 < 16; i2++)
      if (this.keys[i2] === k)
        return this.values[i2];
    return void 0;
  }
  set(k, v) {
    this.keys[this.next] = k;
    this.values[this.next] = v;
    this.next = this.next + 1 & 15;
  }
};
function buildReport(input) {
  const resolved = resolveDims(input, input.model.path || void 0);
  const bindings = Object.assign(/* @__PURE__ */ Object.create(null), resolved.values);
  const unbound = /* @__PURE__ */ new Set();
  const noteUnbound = (s) => {
    unbound.add(s);
  };
  const evaluated = new Recent();
  const evaluate = (p, owner, field) => {
    let e2 = evaluated.get(p);
    if (e2 === void 0) {
      e2 = { value: p.isConst ? p.constValue : p.evaluate(bindings, 1, noteUnbound) };
      evaluated.set(p, e2);
    }
    if (e2.value < 0n)
      throw new InvalidCountError(input.model.path, owner === void 0 ? field : `node ${JSON.stringify(owner)} ${field}`, e2.value);
    return e2;
  };
  const evalBig = (p, owner, field) => evaluate(p, owner, field).value;
  const evalPoly = (p, owner, field) => {
    const e2 = evaluate(p, owner, field);
    return e2.count ??= toCount(e2.value);
  };
  const shapes = new Recent();
  const jsonShape = (s) => {
    let j = shapes.get(s);
    if (j === void 0)
      shapes.set(s, j = s.map(dimToJSON));
    return j;
  };
  const tensor = (v) => ({ name: v.name, shape: v.shape ? jsonShape(v.shape) : null, dtype: v.dtype });
  const macsSum = new PolySum();
  const flopsSum = new PolySum();
  const paramsSum = new PolySum();
  const movedSum = new PolySum();
  const activationsSum = new PolySum();
  const unsupported = dict();
  const unknown = dict();
  let supported = 0;
  const source = nodeSource(input.nodes);
  const outBytes = [];
  const outStart = new Int32Array(source.length + 1);
  const scopes = new Array(source.length);
  const nodes = new Array(source.length);
  for (let i2 = 0; i2 < source.length; i2++) {
    outStart[i2] = outBytes.length;
    const n = source.at(i2);
    scopes[i2] = n.scope;
    nodes[i2] = reportNode(n);
    source.release?.(i2);
  }
  outStart[source.length] = outBytes.length;
  function reportNode(n) {
    const mult = n.multiplicity ?? Poly.ONE;
    const c = n.cost;
    if (n.status === "unsupported")
      unsupported[n.op] = (own(unsupported, n.op) ?? 0) + 1;
    else if (n.status !== void 0)
      unknown[n.op] = (own(unknown, n.op) ?? 0) + 1;
    else
      supported++;
    for (const o of n.outputs) {
      activationsSum.add(o.bytes);
      outBytes.push(evalBig(o.bytes, o.name, "bytes"));
    }
    const outs = n.outputs;
    let outputs;
    if (outs.length === 1)
      outputs = [tensor(outs[0])];
    else {
      outputs = new Array(outs.length);
      for (let j = 0; j < outs.length; j++)
        outputs[j] = tensor(outs[j]);
    }
    const out = {
      name: n.name,
      op: n.op,
      domain: n.domain,
      layer: n.layer,
      // The importer's list, not a copy: the report is plain data nobody changes.
      inputs: n.inputs,
      outputs,
      params: 0,
      macs: 0,
      flops: 0,
      bytesRead: 0,
      bytesWritten: 0,
      multiplicity: void 0,
      status: void 0,
      module: void 0
    };
    if (c) {
      macsSum.add(c.macs, mult);
      flopsSum.add(c.flops, mult);
      paramsSum.add(c.params);
      movedSum.add(c.bytesRead, mult).add(c.bytesWritten, mult);
      out.params = evalPoly(c.params, n.name, "params");
      out.macs = evalPoly(c.macs, n.name, "macs");
      out.flops = evalPoly(c.flops, n.name, "flops");
      out.bytesRead = evalPoly(c.bytesRead, n.name, "bytesRead");
      out.bytesWritten = evalPoly(c.bytesWritten, n.name, "bytesWritten");
    }
    if (!c && n.params) {
      paramsSum.add(n.params);
      out.params = evalPoly(n.params, n.name, "params");
    }
    if (!mult.equals(Poly.ONE))
      out.multiplicity = evalPoly(mult, n.name, "multiplicity");
    if (n.status)
      out.status = n.status;
    return out;
  }
  const macs = macsSum.value;
  const flops = flopsSum.value;
  const moved = movedSum.value;
  const activations = activationsSum.value;
  const params = input.params ?? paramsSum.value;
  let weightNames;
  if (input.weights.length <= nodes.length + input.inputs.length)
    weightNames = new Set(input.weights.map((w) => w.name));
  else {
    const written = new Set(input.inputs.map((v) => v.name));
    for (const n of nodes)
      for (const o of n.outputs)
        written.add(o.name);
    weightNames = /* @__PURE__ */ new Set();
    for (const w of input.weights)
      if (written.has(w.name))
        weightNames.add(w.name);
  }
  const peak = peakLiveBytes({
    length: nodes.length,
    inputs: (i2) => nodes[i2].inputs,
    outputs: (i2, write) => {
      const outs = nodes[i2].outputs;
      for (let j = 0; j < outs.length; j++)
        write(outs[j].name, outBytes[outStart[i2] + j]);
    }
  }, input.inputs.map((v) => ({ name: v.name, bytes: evalBig(v.bytes, v.name, "bytes") })), input.outputs.map((v) => v.name), weightNames);
  const weightBytes = new ExactSum();
  for (const w of input.weights) {
    if (!Number.isSafeInteger(w.byteLength))
      throw new InvalidCountError(input.model.path, `weight ${JSON.stringify(w.name)} byte length`, w.byteLength);
    if (w.byteLength < 0)
      throw new InvalidCountError(input.model.path, `weight ${JSON.stringify(w.name)} byte length`, BigInt(w.byteLength));
    weightBytes.add(w.byteLength);
  }
  const totals = {
    params: evalPoly(params, void 0, "params"),
    ...input.trainableParams ? { trainableParams: evalPoly(input.trainableParams, void 0, "trainableParams") } : {},
    macs: evalPoly(macs, void 0, "macs"),
    flops: evalPoly(flops, void 0, "flops"),
    ...input.constantElements ? { constantElements: evalPoly(input.constantElements, void 0, "constantElements") } : {},
    weightBytes: toCount(weightBytes.value),
    activationBytes: evalPoly(activations, void 0, "activationBytes"),
    peakMemoryBytes: peak.peakBytes,
    bytesMoved: evalPoly(moved, void 0, "bytesMoved")
  };
  const symbolic = {};
  for (const [k, p] of Object.entries({ params, macs, flops, activationBytes: activations, bytesMoved: moved }))
    if (!p.isConst)
      symbolic[k] = p.toString();
  const reportInputs = input.inputs.map(tensor);
  const reportOutputs = input.outputs.map(tensor);
  const tree = buildModuleTree(nodes, (i2) => scopes[i2], reportInputs, reportOutputs);
  if (tree)
    for (let i2 = 0; i2 < nodes.length; i2++)
      nodes[i2].module = tree.nodeModules[i2];
  const diagnostics = [...input.diagnostics];
  if (tree?.diagnostic)
    diagnostics.push(tree.diagnostic);
  for (const s of unbound)
    bindings[s] = 1;
  pushAll(diagnostics, unboundDiagnostics(resolved, unbound));
  diagnostics.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.code, b.code) || compareText(a.node ?? "", b.node ?? ""));
  return {
    schemaVersion: 2,
    tool: { ...input.tool },
    model: input.model,
    convention: input.convention,
    dims: Object.fromEntries(Object.entries(bindings).sort(([a], [b]) => compareText(a, b))),
    inputs: reportInputs,
    outputs: reportOutputs,
    totals,
    ...Object.keys(symbolic).length ? { symbolic } : {},
    nodes,
    ...tree ? { modules: tree.modules } : {},
    latency: [],
    coverage: { nodes: nodes.length, supported, unsupported, ...Object.keys(unknown).length ? { unknown } : {} },
    diagnostics
  };
}

// ../../packages/core/dist/io/byte-source.js
function bytesSource(bytes) {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, offset + length)
  };
}

// ../../packages/core/dist/hardware/gpu.js
var TILES_SM70 = [[256, 128], [128, 256], [128, 128], [128, 64], [64, 128], [64, 64], [64, 32], [32, 64], [32, 32]];
var TILES_SM90 = [[256, 128], [128, 256], [128, 128], [128, 64], [64, 128], [64, 64], [64, 32]];
var CUTLASS = "CUTLASS default threadblock tiles (128x256 ... 32x32, include/cutlass/gemm/device/default_gemm_configuration.h; Hopper warpgroup tiles are 64 rows or more)";
var SMEM = 'shared memory delivers 128 bytes per clock per SM (32 banks x 4 bytes; CUDA C++ Programming Guide, "Shared Memory")';
var VEC = 'CUDA C++ Programming Guide, "Arithmetic Instructions" throughput table: 16-bit FMA at 2x (half2) the 32-bit rate; 8-bit dot products (dp4a) at 4x';
var ARCH_SPECS = {
  maxwell: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 2, vector16: 2, vector8: 1, source: `${CUTLASS}; ${SMEM}; sm_53 has half2 but no dp4a` },
  volta: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 2.4, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; L2/DRAM 2155/900 GB/s (Jia et al., "Dissecting the NVIDIA Volta GPU Architecture via Microbenchmarking", 2018)` },
  turing: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 3.5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; T4 L2 ~1.1 TB/s vs 320 GB/s DRAM (Jia et al., "Dissecting the NVidia Turing T4 GPU via Microbenchmarking", 2019)` },
  ampere: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 3, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; A100 whitepaper: L2 read bandwidth 2.3x V100's (~5 TB/s vs 1.6-2 TB/s HBM2e)` },
  ada: { tiles: TILES_SM70, smemBytesPerClock: 128, l2OverDram: 5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; Ada's large L2 (48-96 MB) is fed at ~5 TB/s on AD102 vs ~1 TB/s GDDR6X (NVIDIA Ada architecture whitepaper; chipsandcheese.com RTX 4090 microbenchmarks)` },
  hopper: { tiles: TILES_SM90, smemBytesPerClock: 128, l2OverDram: 2.5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; H100 L2 ~7-8 TB/s vs 3.35 TB/s HBM3 (chipsandcheese.com "Nvidia's H100: Funny L2 and Tons of Bandwidth", 2023)` },
  blackwell: { tiles: TILES_SM90, smemBytesPerClock: 128, l2OverDram: 2.5, vector16: 2, vector8: 4, source: `${CUTLASS}; ${SMEM}; ${VEC}; L2/DRAM ratio taken as Hopper's (no public measurement yet)` },
  cdna3: { tiles: TILES_SM90, smemBytesPerClock: 128, l2OverDram: 3, vector16: 2, vector8: 4, source: "AMD CDNA3 ISA: LDS 128 bytes/clock per CU; MFMA tiles 16x16 and 32x32 per wave, 64-256 per workgroup in hipBLASLt; Infinity Cache 17 TB/s vs 5.3 TB/s HBM3 (AMD MI300X launch material, servethehome.com)" },
  apple: { tiles: [[64, 64], [64, 32], [32, 32]], smemBytesPerClock: 64, l2OverDram: 2, vector16: 2, vector8: 1, source: "Apple GPUs have no tensor cores before M5: simdgroup_matrix 8x8 tiles in Metal Performance Shaders; threadgroup memory and SLC figures not published (estimate)" }
};
var est = (value2, source) => ({ value: value2, provenance: "estimate", source });
var fitted = (value2, source) => ({ value: value2, provenance: "derived", source });
var FIT = "fitted to the fitting set of published results by `npx tsx tools/bench/latency/published.ts --fit` (docs/latency-model.md, section 6); held-out devices never enter the fit";
var GPU_PHYSICS = {
  tensorEfficiency: fitted(0.538, `${FIT}; cuBLAS/CUTLASS reach 70-90% of dense tensor peak on large GEMMs (NVIDIA "Matrix Multiplication Background User's Guide")`),
  vectorEfficiency: fitted(1, `${FIT}; elementwise kernels issue a load, a few FMAs and a store per element`),
  memoryEfficiency: fitted(0.95, `${FIT}; bandwidth tests reach 75-90% of HBM/GDDR peak (NVIDIA "GPU Performance Background User's Guide")`),
  kernelCycles: fitted(8502, `${FIT}; an empty kernel takes ~2-3 us end to end at ~1.5 GHz (launch, block scheduling, completion)`),
  l2ActivationShare: est(0.5, "half of L2 holds activations between kernels; the rest serves weights streaming through and output write-back")
};
var SPLITS = [1, 2, 3, 4, 6, 8, 12, 16];
function gemmSeconds(g, bits2, peakOps, gpu, tensorEfficiency) {
  const spec = ARCH_SPECS[gpu.arch];
  const perSm = peakOps / gpu.sms;
  const macsPerClock = perSm / (2 * gpu.clockHz);
  const bytes = bits2 / 8;
  const kAlign = Math.max(8, 256 / bits2);
  const kPad = Math.ceil(g.k / kAlign) * kAlign;
  let best;
  for (const [tm, tn] of spec.tiles) {
    const need = (tm + tn) / (tm * tn) * macsPerClock * bytes;
    const eff = tensorEfficiency * Math.min(1, spec.smemBytesPerClock / need);
    const tilesMN = g.batch * Math.ceil(g.m / tm) * Math.ceil(g.n / tn);
    for (const s of SPLITS) {
      if (s > 1 && (kPad / s < 64 || tilesMN * s > 2 * gpu.sms))
        break;
      const tiles = tilesMN * s;
      const waves = Math.ceil(tiles / gpu.sms);
      const kPer = Math.ceil(kPad / s / kAlign) * kAlign;
      const compute = 2 * tm * tn * kPer / (perSm * eff);
      const active = Math.min(tiles, gpu.sms);
      const stream = (tm + tn) * kPer * bytes * active / gpu.l2BytesPerSec;
      const reduce2 = s > 1 ? 2 * s * g.batch * g.m * g.n * 4 / gpu.l2BytesPerSec : 0;
      const sec = waves * Math.max(compute, stream) + reduce2;
      if (!best || sec < best.sec)
        best = { sec, tile: [tm, tn], splitK: s, tiles, waves };
    }
  }
  return best;
}
function kernelFixedSeconds(gpu, kernelCycles) {
  return kernelCycles / gpu.clockHz;
}

// ../../packages/core/dist/hardware/runtime.js
var src = (value2, provenance, source) => ({ value: value2, provenance, source });
var ORT_CPU_DISPATCH = "ONNX Runtime CPU EP: a node's dispatch is a virtual Compute() call plus the thread-pool hand-off, a few microseconds (onnxruntime docs \"Performance: tune performance\"; the profile of tools/bench/latency's elementwise graph: 16 kernels of ~18 us at 50k floats); the CPU time model fits it per machine (`kernelOverheadUs`)";
var RUNTIMES = [
  {
    id: "tensorrt",
    vendors: ["NVIDIA"],
    name: "TensorRT",
    kinds: ["gpu"],
    fusion: "graph",
    hostLaunchUs: src(0, "datasheet", "TensorRT engines are replayed as CUDA graphs by the deployment harnesses (MLPerf Inference NVIDIA code: use_graphs=True for SingleStream/MultiStream, closed/NVIDIA/configs/resnet50/MultiStream); `trtexec --useCudaGraph`"),
    deviceGapUs: src(1, "estimate", 'NVIDIA "Getting Started with CUDA Graphs" (developer.nvidia.com/blog/cuda-graphs): a graph launches back-to-back kernels about 1 us apart, against 3-4 us for stream launches (recalled, not re-read this session)'),
    inferenceUs: src(20, "estimate", "one cudaGraphLaunch + cudaStreamSynchronize + the result copy: ~10-30 us per inference on a discrete GPU (MLPerf SingleStream ResNet-50 min vs mean latency spread on L4: 333-346 us)"),
    dtypes: ["fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4"],
    tf32: true,
    matrixUnits: false,
    notes: "TF32 is enabled by default for fp32 layers (TensorRT developer guide, BuilderFlag.TF32). Kernel selection times every tactic and keeps the fastest: the estimator does the same over tile shapes."
  },
  {
    id: "onnxruntime-cuda",
    vendors: ["NVIDIA"],
    name: "ONNX Runtime CUDA",
    kinds: ["gpu"],
    fusion: "contraction",
    hostLaunchUs: src(8, "estimate", "ONNX Runtime CUDA EP: per node a kernel Compute() call, allocator and cudaLaunchKernel (~3 us) on the host, ~5-10 us in all (onnxruntime issue threads on CUDA EP CPU overhead; the CUDA graph option enable_cuda_graph exists to remove it)"),
    deviceGapUs: src(2, "estimate", "stream launches leave ~1-3 us between dependent kernels (NVIDIA CUDA graphs blog; recalled)"),
    inferenceUs: src(40, "estimate", "session.Run: input binding, H2D copy issue, synchronisation and output copy, tens of microseconds"),
    dtypes: ["fp32", "tf32", "fp16", "bf16", "int8"],
    tf32: true,
    matrixUnits: false,
    notes: "CUDA EP option use_tf32 defaults to 1 (onnxruntime CUDA EP docs). Fuses Conv+Add+Relu (FusedConv), Gemm/MatMul+bias, BiasGelu, SkipLayerNormalization at graph optimisation."
  },
  {
    id: "onnxruntime-cpu",
    name: "ONNX Runtime CPU",
    kinds: ["cpu", "npu"],
    fusion: "contraction",
    hostLaunchUs: src(0, "derived", "on a CPU the dispatch runs on the device itself: it is the profile's kernelOverheadUs, not a host cost"),
    deviceGapUs: src(0, "derived", "part of the profile's kernelOverheadUs (fitted by `modelcost calibrate`)"),
    inferenceUs: src(0, "derived", ORT_CPU_DISPATCH),
    dtypes: ["fp32", "fp16", "bf16", "int8", "int4"],
    tf32: false,
    matrixUnits: true,
    notes: "MLAS uses AMX for int8 GEMM on Sapphire Rapids and later (onnxruntime 1.16 release notes); fp16 runs at the fp32 rate where the CPU has no fp16 arithmetic."
  },
  {
    id: "pytorch-eager",
    name: "PyTorch eager",
    kinds: ["gpu", "cpu"],
    fusion: "none",
    hostLaunchUs: src(20, "estimate", 'PyTorch eager: Python nn.Module call + ATen dispatcher + cudaLaunchKernel is ~10-30 us of host time per op (PyTorch blog "Accelerating PyTorch with CUDA Graphs", 2021: CPU launch overhead dominates small batches); NVIDIA DeepLearningExamples ResNet-50 v1.5 PyTorch inference: 10.7 ms at batch 1 vs 12.8 ms at batch 4 on T4 (host-bound)'),
    deviceGapUs: src(2, "estimate", "stream launches leave ~1-3 us between dependent kernels (NVIDIA CUDA graphs blog; recalled)"),
    inferenceUs: src(50, "estimate", "torch.no_grad context, input copy and torch.cuda.synchronize per call, tens of microseconds"),
    dtypes: ["fp32", "tf32", "fp16", "bf16", "int8"],
    tf32: true,
    matrixUnits: true,
    notes: "cuDNN convolutions use TF32 by default (torch.backends.cudnn.allow_tf32 = True); matmuls do not unless set (torch.backends.cuda.matmul.allow_tf32, default False since 1.12): modelled as TF32 for both. BatchNormalization is not folded in eager mode, but ONNX exports fold it."
  },
  {
    id: "pytorch-cuda-graphs",
    vendors: ["NVIDIA"],
    name: "PyTorch CUDA graphs",
    kinds: ["gpu"],
    fusion: "pointwise",
    hostLaunchUs: src(0, "datasheet", 'torch.compile(mode="reduce-overhead") / torch.cuda.CUDAGraph replay the captured kernels with one launch (PyTorch docs, CUDA Graphs)'),
    deviceGapUs: src(1, "estimate", "graph replay launches back-to-back kernels about 1 us apart (NVIDIA CUDA graphs blog; recalled)"),
    inferenceUs: src(20, "estimate", "graph replay + synchronisation, ~10-30 us"),
    dtypes: ["fp32", "tf32", "fp16", "bf16", "fp8", "int8"],
    tf32: true,
    matrixUnits: false,
    notes: "TorchInductor fuses pointwise ops and reductions into Triton kernels and into matmul epilogues (max-autotune)."
  },
  {
    id: "tflite-xnnpack",
    name: "TFLite XNNPACK",
    kinds: ["cpu"],
    fusion: "clamp",
    hostLaunchUs: src(0, "derived", "XNNPACK runs on the CPU it is dispatched from: the dispatch is the profile's kernelOverheadUs"),
    deviceGapUs: src(0, "derived", "part of the profile's kernelOverheadUs"),
    inferenceUs: src(0, "derived", "Interpreter::Invoke fixed cost is part of the per-op dispatch"),
    dtypes: ["fp32", "fp16", "int8"],
    tf32: false,
    matrixUnits: false,
    microKernelGemm: {
      rows: src(4, "datasheet", "google/XNNPACK src/init.c at commit 74427b5 (the February 2020 Raspberry Pi table, AArch32): Cortex-A57/A72/A73 get xnn_f32_gemm_ukernel_4x8__aarch32_neon_pld_cortex_a75, A53/A55 4x8__aarch32_neon_cortex_a53, other NEON cores 4x8__neon_lane_ld128 (mr = 4, nr = 8); src/configs/gemm-config.c at HEAD keeps 4x8 for AArch64 Cortex-A53/A55/A72 (6x8 on A75/A76: a profile gives its own as cpu.gemmTileRows); src/convolution-nhwc.c xnn_compute_gemm runs one micro-kernel call per mr rows over the full K and all nc columns of the packed weights"),
      tilesPerThread: src(5, "datasheet", "google/XNNPACK src/convolution-nhwc.c (commit 74427b5): target_tiles_per_thread = 5; nc = output channels unless channels x row tiles < threads x 5, when the columns are split too; pthreadpool_parallelize_2d_tile_2d hands each thread a contiguous range of (row tile, column tile) indices")
    },
    notes: "XNNPACK fuses only clamps (output_min / output_max) into its operators: the February 2020 end2end models (google/XNNPACK models/mobilenet-v2.cc, mobilenet-v3-small.cc at commit 74427b5) run residual adds as add_nc, HardSwish as hardswish_nc and the squeeze-excite product as multiply_nd operators; TFLite folds BatchNorm into the convolution weights. fp16 inference on ARMv8.2-FP16 cores."
  },
  {
    id: "coreml",
    name: "Core ML",
    kinds: ["npu", "gpu", "cpu"],
    fusion: "graph",
    hostLaunchUs: src(0, "derived", "Core ML compiles the model to one program per compute unit: no per-layer host launch"),
    deviceGapUs: src(0, "derived", "the per-layer cost on the ANE is the profile's kernelOverheadUs"),
    inferenceUs: src(100, "estimate", "MLModel.prediction fixed cost, ~0.1 ms (Apple ml-ane-transformers README reports end-to-end latencies of a few ms for distilbert; recalled)"),
    dtypes: ["fp32", "fp16", "int8"],
    tf32: false,
    matrixUnits: true,
    notes: "The ANE computes in fp16: fp32 models run as fp16 on it."
  },
  {
    id: "openvino",
    name: "OpenVINO",
    kinds: ["cpu", "gpu", "npu"],
    fusion: "graph",
    hostLaunchUs: src(0, "derived", "on a CPU the dispatch runs on the device itself: the profile's kernelOverheadUs"),
    deviceGapUs: src(0, "derived", "part of the profile's kernelOverheadUs"),
    inferenceUs: src(10, "estimate", "InferRequest.infer fixed cost, ~10 us"),
    dtypes: ["fp32", "bf16", "fp16", "int8"],
    tf32: false,
    matrixUnits: true,
    notes: 'OpenVINO CPU plugin runs bf16 and int8 on AMX on Sapphire Rapids and later (OpenVINO docs, "CPU device: supported inference data types").'
  },
  {
    id: "migraphx",
    name: "MIGraphX",
    vendors: ["AMD"],
    kinds: ["gpu"],
    fusion: "graph",
    hostLaunchUs: src(5, "estimate", "MIGraphX runs its compiled program by launching each kernel with hipModuleLaunchKernel, ~5 us of host time per launch on ROCm (ROCm HIP performance guide: launch latency higher than CUDA's)"),
    deviceGapUs: src(2, "estimate", "stream launches leave ~1-3 us between dependent kernels"),
    inferenceUs: src(30, "estimate", "program.eval: argument binding and synchronisation, tens of microseconds"),
    dtypes: ["fp32", "fp16", "bf16", "fp8", "int8"],
    tf32: false,
    matrixUnits: false,
    notes: "AMD's graph compiler for ROCm: fuses pointwise ops, attention and normalisations (MIGraphX docs)."
  },
  {
    id: "npu-compiler",
    name: "NPU compiler",
    kinds: ["npu"],
    fusion: "pointwise",
    hostLaunchUs: src(0, "derived", "a compiled NPU graph runs without per-layer host launches"),
    deviceGapUs: src(0, "derived", "the per-layer scheduling cost is the profile's kernelOverheadUs"),
    inferenceUs: src(100, "estimate", "submitting one inference to an NPU driver and waiting for it, ~0.1 ms (QNN / NNAPI / Core ML)"),
    dtypes: ["fp16", "int8", "int4"],
    tf32: false,
    matrixUnits: false,
    notes: "A generic vendor NPU toolchain (QNN, Hailo, RKNN): fp32 models run in fp16."
  }
];
var RUNTIME_IDS = RUNTIMES.map((r) => r.id);
var DEFAULT_RUNTIME = { gpu: "tensorrt", cpu: "onnxruntime-cpu", npu: "npu-compiler" };
var RuntimeError = class extends Error {
  name = "RuntimeError";
};
function findRuntime(id) {
  const r = RUNTIMES.find((x2) => x2.id === id);
  if (!r)
    throw new RuntimeError(`unknown runtime ${JSON.stringify(id)}; expected one of ${RUNTIME_IDS.join(", ")}`);
  return r;
}
function runtimeFor(id, kind, hardwareId, vendor) {
  const r = findRuntime(id);
  if (!r.kinds.includes(kind))
    throw new RuntimeError(`runtime ${JSON.stringify(id)} does not run on ${kind} hardware (${JSON.stringify(hardwareId)}); it runs on ${r.kinds.join(", ")}`);
  if (r.vendors && vendor && !r.vendors.some((v) => vendor.includes(v)))
    throw new RuntimeError(`runtime ${JSON.stringify(id)} does not run on ${vendor} hardware (${JSON.stringify(hardwareId)}); it runs on ${r.vendors.join(", ")} devices`);
  return r;
}

// ../../packages/core/dist/hardware/estimate.js
var FREE_OPS = /* @__PURE__ */ new Set([
  "Constant",
  "Shape",
  "Size",
  "Identity",
  "Reshape",
  "Flatten",
  "Squeeze",
  "Unsqueeze",
  "Dropout",
  "Optional",
  "InputLayer",
  "SpatialDropout1D",
  "SpatialDropout2D",
  "SpatialDropout3D",
  "GaussianNoise",
  "GaussianDropout",
  "AlphaDropout",
  "ActivityRegularization"
]);
var FUSABLE_OPS = /* @__PURE__ */ new Set([
  "Add",
  "Sub",
  "Mul",
  "Div",
  "Relu",
  "LeakyRelu",
  "PRelu",
  "Clip",
  "Sigmoid",
  "HardSigmoid",
  "HardSwish",
  "Tanh",
  "Elu",
  "Selu",
  "Celu",
  "Gelu",
  "FastGelu",
  "BiasGelu",
  "Erf",
  "Exp",
  "Log",
  "Sqrt",
  "Pow",
  "Neg",
  "Abs",
  "Softplus",
  "Softsign",
  "Mish",
  "ThresholdedRelu",
  "BatchNormalization",
  "Cast",
  "QuantizeLinear",
  "DequantizeLinear",
  "Where",
  "Max",
  "Min",
  "Sum",
  "Mean",
  // Keras layers that are elementwise.
  "Activation",
  "ReLU",
  "LeakyReLU",
  "PReLU",
  "ELU",
  "ThresholdedReLU",
  "Subtract",
  "Multiply",
  "Average",
  "Maximum",
  "Minimum",
  "Rescaling"
]);
var CLAMP_OPS = /* @__PURE__ */ new Set(["Relu", "Clip", "ReLU"]);
var LAYOUT_OPS = /* @__PURE__ */ new Set(["Transpose"]);
var NORM_OPS = /* @__PURE__ */ new Set(["LayerNormalization", "SkipLayerNormalization", "SimplifiedLayerNormalization", "SkipSimplifiedLayerNormalization", "RMSNormalization", "GroupNormalization", "InstanceNormalization"]);
var CPU_FUSED_SEQUENCES = [
  ["Sigmoid", "Mul"],
  ["Div", "Erf", "Add", "Mul", "Mul"],
  ["Mul", "Erf", "Add", "Mul", "Mul"]
];
function cpuFusedActivation(ops, op) {
  return CPU_FUSED_SEQUENCES.some((seq) => seq.length > ops.length && seq[ops.length] === op && ops.every((n, i2) => n.op === seq[i2]));
}
var MATMUL_OPS = /* @__PURE__ */ new Set(["MatMul", "Gemm", "FusedMatMul", "FusedGemm", "QLinearMatMul", "MatMulInteger", "MatMulIntegerToFloat", "DynamicQuantizeMatMul", "QGemm", "MatMulNBits", "Dense", "EinsumDense"]);
var SECOND_OPERAND = { QLinearMatMul: 3, QGemm: 3 };
var CONV_OPS = /* @__PURE__ */ new Set([
  "Conv",
  "FusedConv",
  "QLinearConv",
  "ConvInteger",
  "NhwcConv",
  "NhwcFusedConv",
  "ConvTranspose",
  "QLinearConvTranspose",
  "Conv1D",
  "Conv2D",
  "Conv3D",
  "SeparableConv1D",
  "SeparableConv2D",
  "Conv1DTranspose",
  "Conv2DTranspose",
  "Conv3DTranspose",
  "Convolution1D",
  "Convolution2D"
]);
var DEPTHWISE_OPS = /* @__PURE__ */ new Set(["DepthwiseConv1D", "DepthwiseConv2D"]);
var MIN_TENSOR_K = 64;
var INT8_OPS = /* @__PURE__ */ new Set(["QLinearConv", "QLinearMatMul", "ConvInteger", "MatMulInteger", "QGemm", "QAttention", "DynamicQuantizeMatMul", "MatMulIntegerToFloat", "QLinearAdd", "QLinearMul"]);
var RECURRENT = {
  LSTM: { onnx: 0, keras: 1, gates: 4 },
  GRU: { onnx: 0, keras: 1, gates: 3 },
  RNN: { onnx: 0, keras: 1, gates: 1 },
  SimpleRNN: { onnx: 0, keras: 1, gates: 1 },
  ConvLSTM2D: { onnx: 0, keras: 1, gates: 4 }
};
var FLOAT_BITS = { float32: 32, float16: 16, bfloat16: 16, float64: 64 };
function dtypeOf(n) {
  if (INT8_OPS.has(n.op))
    return "int8";
  const t = n.outputs[0]?.dtype ?? "float32";
  if (t === "float16")
    return "fp16";
  if (t === "bfloat16")
    return "bf16";
  if (t.startsWith("float8"))
    return "fp8";
  if (t === "int8" || t === "uint8")
    return "int8";
  if (t === "int4" || t === "uint4")
    return "int4";
  return "fp32";
}
function boundShape(t, dims) {
  return t.shape?.map((d) => typeof d === "number" ? d : Number(dimPoly(parseDim(d)).evaluate(dims, 1)));
}
function reportTensorBytes(t, dims) {
  const shapeKey = t.shape;
  if (shapeKey) {
    for (let i2 = 0; i2 < BYTES_WAYS; i2++)
      if (bytesShapes[i2] === shapeKey && bytesDtypes[i2] === t.dtype && bytesDims[i2] === dims)
        return bytesValues[i2];
  }
  const shape = boundShape(t, dims);
  const b = shape ? Number(tensorBytes(shape, t.dtype in DTYPE_BITS ? t.dtype : "unknown").constValue) : 0;
  if (shapeKey) {
    bytesShapes[bytesNext] = shapeKey;
    bytesDtypes[bytesNext] = t.dtype;
    bytesDims[bytesNext] = dims;
    bytesValues[bytesNext] = b;
    bytesNext = (bytesNext + 1) % BYTES_WAYS;
  }
  return b;
}
var BYTES_WAYS = 8;
var bytesShapes = new Array(BYTES_WAYS);
var bytesDtypes = new Array(BYTES_WAYS);
var bytesDims = new Array(BYTES_WAYS);
var bytesValues = new Array(BYTES_WAYS).fill(0);
var bytesNext = 0;
var prod = (xs) => xs.reduce((a, b) => a * b, 1);
function gemmOf(n, tensors, activations, dims) {
  const out = n.outputs[0] ? boundShape(n.outputs[0], dims) : void 0;
  const macs = countNumber(n.macs);
  if (!out || out.length === 0 || macs <= 0)
    return void 0;
  const elems = prod(out);
  if (!(elems > 0))
    return void 0;
  if (DEPTHWISE_OPS.has(n.op))
    return void 0;
  if (CONV_OPS.has(n.op)) {
    const channelsLast = n.domain === "keras" || n.op.startsWith("Nhwc");
    const cout = out.length >= 2 ? out[channelsLast ? out.length - 1 : 1] : 1;
    const m3 = elems / cout;
    const k = macs / (m3 * cout);
    const x2 = tensors.get(n.inputs[0] ?? "");
    const xs = x2 ? boundShape(x2, dims) : void 0;
    const cin = xs && xs.length >= 2 ? xs[channelsLast ? xs.length - 1 : 1] : k;
    if (k < MIN_TENSOR_K && k < cin)
      return void 0;
    let groups = 1;
    if (k % cin !== 0) {
      for (const area of [9, 1, 25, 49, 3, 5, 7, 27]) {
        const g = cin * area / k;
        if (Number.isInteger(g) && g > 1 && cin % g === 0 && cout % g === 0) {
          groups = g;
          break;
        }
      }
    }
    return { batch: groups, m: m3, n: cout / groups, k };
  }
  const cols = out[out.length - 1];
  if (MATMUL_OPS.has(n.op) && out.length >= 2) {
    const rows2 = out[out.length - 2];
    const lead = prod(out.slice(0, -2));
    const second = n.inputs[SECOND_OPERAND[n.op] ?? 1];
    const activationProduct2 = n.domain !== "keras" && second !== void 0 && activations.has(second);
    const batch = activationProduct2 ? lead : 1;
    const m3 = activationProduct2 ? rows2 : rows2 * lead;
    return { batch, m: m3, n: cols, k: macs / (batch * m3 * cols) };
  }
  const m2 = elems / cols;
  return { batch: 1, m: m2, n: cols, k: macs / (m2 * cols) };
}
function activationProduct(n, activations) {
  if (!(n.op === "MatMul" || n.op === "FusedMatMul") || countNumber(n.macs) === 0)
    return false;
  return n.inputs.length >= 2 && activations.has(n.inputs[0]) && activations.has(n.inputs[1]);
}
function groupKernels(report, fusion = "pointwise") {
  const ids2 = new NameTable();
  const readers = [];
  const tensorAt = [];
  const activation2 = [];
  const id = (name) => {
    const i2 = ids2.getOrSet(name, readers.length);
    if (i2 === readers.length) {
      readers.push(0);
      tensorAt.push(void 0);
      activation2.push(false);
    }
    return i2;
  };
  for (const t of report.inputs) {
    const i2 = id(t.name);
    tensorAt[i2] = t;
    activation2[i2] = true;
  }
  for (const n of report.nodes) {
    for (const x2 of n.inputs)
      readers[id(x2)]++;
    for (const o of n.outputs) {
      const i2 = id(o.name);
      tensorAt[i2] = o;
      if (n.op !== "Constant")
        activation2[i2] = true;
    }
  }
  for (const o of report.outputs)
    readers[id(o.name)]++;
  const consumers = { get: (name) => {
    const i2 = ids2.get(name);
    return i2 === void 0 ? void 0 : readers[i2];
  } };
  const tensors = { get: (name) => {
    const i2 = ids2.get(name);
    return i2 === void 0 ? void 0 : tensorAt[i2];
  } };
  const produced = { has: (name) => {
    const i2 = ids2.get(name);
    return i2 !== void 0 && activation2[i2];
  } };
  const groups = [];
  const byTail = /* @__PURE__ */ new Map();
  const elementwise = (n) => FUSABLE_OPS.has(n.op) && countNumber(n.macs) === 0;
  const joins = (g, n) => {
    const first = g.nodes[0];
    if (fusion === "none")
      return false;
    if (elementwise(n)) {
      if (fusion === "contraction")
        return countNumber(first.macs) > 0 || cpuFusedActivation(g.nodes, n.op);
      if (fusion === "clamp")
        return CLAMP_OPS.has(n.op) || n.op === "BatchNormalization" && countNumber(first.macs) > 0 && g.nodes.length === 1;
      return true;
    }
    if (LAYOUT_OPS.has(n.op))
      return fusion === "pointwise" || fusion === "graph";
    if (fusion !== "graph")
      return false;
    const rest = g.nodes.slice(1);
    if (NORM_OPS.has(n.op))
      return g.nodes.every(elementwise);
    const attention2 = activationProduct(first, produced) && rest.every((x2) => elementwise(x2) || x2.op === "Softmax");
    if (n.op === "Softmax")
      return attention2 && !rest.some((x2) => x2.op === "Softmax");
    if (activationProduct(n, produced))
      return attention2 && g.nodes[g.nodes.length - 1].op === "Softmax";
    return false;
  };
  for (const n of report.nodes) {
    if (n.status === "unsupported" || countNumber(n.multiplicity ?? 1) === 0)
      continue;
    if (FREE_OPS.has(n.op)) {
      const src2 = n.inputs[0];
      const g2 = src2 !== void 0 ? byTail.get(src2) : void 0;
      if (g2 && consumers.get(src2) === 1 && n.outputs.length === 1) {
        byTail.delete(src2);
        byTail.set(n.outputs[0].name, g2);
      }
      continue;
    }
    if (countNumber(n.flops) === 0 && n.outputs.every((o) => o.dtype === "int64" || o.dtype === "int32"))
      continue;
    let joined;
    if (n.outputs.length === 1) {
      for (const i2 of n.inputs) {
        const g2 = byTail.get(i2);
        if (g2 && consumers.get(i2) === 1 && joins(g2, n)) {
          joined = g2;
          byTail.delete(i2);
          const out = tensors.get(i2);
          if (out)
            g2.internal += reportTensorBytes(out, report.dims);
          break;
        }
      }
    }
    const g = joined ?? { nodes: [], internal: 0, tail: "" };
    if (!joined)
      groups.push(g);
    g.nodes.push(n);
    if (n.outputs.length === 1) {
      g.tail = n.outputs[0].name;
      byTail.set(g.tail, g);
    }
  }
  const kernels = groups.map((g) => kernelOf(g.nodes, g.internal, report, tensors, produced));
  return fusion === "graph" ? mergeSiblings(kernels, report, tensors) : kernels;
}
function mergeSiblings(kernels, report, tensors) {
  const key = (k) => {
    const a = k.nodes[0];
    if (!k.gemm || k.gemmScales !== "m" || !MATMUL_OPS.has(a.op) || k.launches > 1)
      return void 0;
    return `${a.inputs[0]} ${k.gemm.batch} ${k.gemm.m} ${k.gemm.k} ${k.dtype} ${k.multiplicity}`;
  };
  const byKey = /* @__PURE__ */ new Map();
  for (const k of kernels) {
    const id = key(k);
    if (id !== void 0)
      byKey.set(id, [...byKey.get(id) ?? [], k]);
  }
  const merged = /* @__PURE__ */ new Map();
  for (const group of byKey.values()) {
    if (group.length < 2)
      continue;
    const input = tensors.get(group[0].nodes[0].inputs[0]);
    const shared2 = (input ? reportTensorBytes(input, report.dims) : 0) * group[0].multiplicity * (group.length - 1);
    const sum2 = (f) => finite(group.reduce((s, k) => s + f(k), 0));
    const first = group[0];
    const one = {
      ...first,
      nodes: group.flatMap((k) => k.nodes),
      flops: sum2((k) => k.flops),
      macs: sum2((k) => k.macs),
      bytes: Math.max(0, sum2((k) => k.bytes) - shared2),
      activationBytes: Math.max(0, sum2((k) => k.activationBytes) - shared2),
      gemm: { ...first.gemm, n: sum2((k) => k.gemm.n) }
    };
    merged.set(first, one);
    for (const k of group.slice(1))
      merged.set(k, null);
  }
  return kernels.flatMap((k) => {
    const m2 = merged.get(k);
    return m2 === void 0 ? [k] : m2 === null ? [] : [m2];
  });
}
function finite(x2) {
  return Number.isNaN(x2) || x2 < 0 ? 0 : Math.min(x2, Number.MAX_VALUE);
}
function kernelOf(nodes, internal, report, tensors, produced) {
  const mult = countNumber(nodes[0].multiplicity ?? 1);
  let flops = 0;
  let macs = 0;
  let moved = 0;
  let act = 0;
  for (const n of nodes) {
    flops += countNumber(n.flops);
    macs += countNumber(n.macs);
    moved += countNumber(n.bytesRead) + countNumber(n.bytesWritten);
    act += countNumber(n.bytesWritten);
    for (const i2 of n.inputs)
      if (produced.has(i2))
        act += reportTensorBytes(tensors.get(i2), report.dims);
  }
  const bytes = Math.max(0, moved - 2 * internal);
  const anchor = nodes.reduce((a, b) => countNumber(b.flops) > countNumber(a.flops) ? b : a, nodes[0]);
  const floatBits = FLOAT_BITS[anchor.outputs[0]?.dtype ?? ""] ?? 0;
  const rec = RECURRENT[anchor.op];
  let launches = 1;
  let gemm2;
  let gemmScales = "m";
  if (rec) {
    const x2 = tensors.get(anchor.inputs[0] ?? "");
    const xs = x2 ? boundShape(x2, report.dims) : void 0;
    const steps = xs?.[anchor.domain === "keras" ? rec.keras : rec.onnx];
    launches = steps !== void 0 && steps > 0 ? steps : 1;
    const y = anchor.outputs[0] ? boundShape(anchor.outputs[0], report.dims) : void 0;
    const hidden = y?.[y.length - 1] ?? 0;
    const batch = xs ? (anchor.domain === "keras" ? xs[0] : xs[1]) ?? 1 : 1;
    const cols = hidden * rec.gates;
    const anchorMacs = countNumber(anchor.macs);
    if (cols > 0 && batch > 0 && anchorMacs > 0)
      gemm2 = { batch: 1, m: batch, n: cols, k: anchorMacs / launches / (batch * cols) };
  } else if (macs > 0) {
    const first = nodes[0];
    const second = nodes.find((n, i2) => i2 > 0 && activationProduct(n, produced));
    if (second && activationProduct(first, produced)) {
      const a = gemmOf(first, tensors, produced, report.dims);
      const b = gemmOf(second, tensors, produced, report.dims);
      if (a && b)
        gemm2 = { batch: a.batch, m: a.m, n: b.n, k: macs / (a.batch * a.m * b.n) };
      gemmScales = "batch";
    } else {
      const top = nodes.reduce((x2, y) => countNumber(y.macs) > countNumber(x2.macs) ? y : x2, nodes[0]);
      const one = gemmOf(top, tensors, produced, report.dims);
      if (activationProduct(top, produced))
        gemmScales = "batch";
      if (one)
        gemm2 = { ...one, k: one.k * macs / countNumber(top.macs) };
    }
  }
  let rows2 = Infinity;
  for (const n of nodes) {
    if (!MATMUL_OPS.has(n.op) || countNumber(n.macs) === 0)
      continue;
    const shape = n.outputs[0] ? boundShape(n.outputs[0], report.dims) : void 0;
    const cols = shape?.[shape.length - 1] ?? 0;
    const elems = shape?.reduce((a, b) => a * b, 1) ?? 0;
    if (cols > 0 && elems > 0)
      rows2 = Math.min(rows2, elems / cols);
  }
  const valid = gemm2 && [gemm2.batch, gemm2.m, gemm2.n, gemm2.k].every((v) => Number.isFinite(v) && v > 0);
  return {
    nodes,
    rows: rows2,
    // Saturated, never Infinity: a hostile file's counts beyond Number.MAX_VALUE stay finite through the sums.
    flops: finite(flops * mult),
    macs: finite(macs * mult),
    bytes: finite(bytes * mult),
    activationBytes: finite(Math.min(bytes, Math.max(0, act - 2 * internal)) * mult),
    dtype: dtypeOf(anchor),
    floatBits,
    multiplicity: mult,
    contraction: macs > 0,
    launches,
    ...valid ? { gemm: { ...gemm2, batch: gemm2.batch * (rec ? 1 : mult) }, gemmScales } : {}
  };
}
var PEAK_FALLBACK = {
  fp32: ["fp32", "tf32", "fp16", "bf16"],
  tf32: ["tf32", "fp32", "fp16"],
  fp16: ["fp16", "bf16", "fp32"],
  bf16: ["bf16", "fp16", "fp32"],
  fp8: ["fp8", "fp16", "bf16", "fp32"],
  int8: ["int8", "fp16", "fp32"],
  int4: ["int4", "int8", "fp16", "fp32"]
};
function peakFor(hw, dtype, matrixUnits = false) {
  for (const t of PEAK_FALLBACK[dtype]) {
    const m2 = matrixUnits ? hw.matrixFlopsPerSec?.[t] : void 0;
    const v = hw.peakFlopsPerSec[t];
    const best = Math.max(m2?.value ?? 0, v?.value ?? 0);
    if (best > 0)
      return best;
  }
  return 0;
}
function timeModelOf(hw) {
  const e2 = hw.efficiency;
  return { computeMax: e2.computeMax.value, computeHalfSec: e2.computeHalfSec.value, vectorMax: e2.vectorMax.value, memoryMax: e2.memoryMax.value, memoryHalfSec: e2.memoryHalfSec.value, cacheBytes: e2.cacheBytes.value, cacheSpeedup: e2.cacheSpeedup.value, rowsHalf: e2.rowsHalf.value, stepSec: e2.recurrentStepSec.value, overheadSec: hw.kernelOverheadSec.value, threads: e2.threads.value, grainSec: e2.parallelGrainSec.value, syncSec: e2.parallelSyncSec.value };
}
function kernelTime(flops, bytes, peak, bandwidth, m2, contraction = true, activationBytes = 0, samples = 1) {
  const cached = activationBytes > 0 && activationBytes / samples <= m2.cacheBytes ? Math.min(activationBytes, bytes) : 0;
  const effective = bytes - cached + cached / m2.cacheSpeedup;
  const compute = flops > 0 && peak > 0 ? contraction ? flops / (peak * m2.computeMax) + m2.computeHalfSec / m2.computeMax : flops / (peak * m2.vectorMax) : 0;
  const memory = bytes > 0 && bandwidth > 0 ? effective / (bandwidth * m2.memoryMax) + m2.memoryHalfSec / m2.memoryMax : 0;
  return { compute, memory, total: parallelTime(Math.max(compute, memory), m2) + m2.overheadSec };
}
function parallelTime(t, m2) {
  const T = m2.threads;
  if (T <= 1 || t <= 0)
    return t;
  const single = t * T;
  const n = Math.min(T, Math.max(1, m2.grainSec > 0 ? single / m2.grainSec : T));
  return single / n + m2.syncSec * (n - 1) / (T - 1);
}
function rowEfficiency(rows2, m2) {
  return Number.isFinite(rows2) && m2.rowsHalf > 0 ? rows2 / (rows2 + m2.rowsHalf) : 1;
}
function launchesTime(k, bytes, peak, bandwidth, m2, activationBytes = 0) {
  const L = k.launches;
  if (L <= 1) {
    return kernelTime(k.flops, bytes, peak * rowEfficiency(k.rows, m2), bandwidth, m2, k.contraction, activationBytes, k.samples ?? 1);
  }
  const weights = Math.max(0, bytes - activationBytes);
  const stepAct = activationBytes / L;
  const cached = (weights <= m2.cacheBytes ? weights : 0) + (stepAct <= m2.cacheBytes ? stepAct : 0);
  const stepBytes = weights + stepAct;
  const stepMemory = (stepBytes - cached + cached / m2.cacheSpeedup) / (bandwidth * m2.memoryMax);
  const stepCompute = peak > 0 ? k.flops / L / (peak * m2.computeMax) : 0;
  const compute = parallelTime(stepCompute, m2) * L + m2.computeHalfSec / m2.computeMax;
  const memory = parallelTime(stepMemory, m2) * L + m2.memoryHalfSec / m2.memoryMax;
  return { compute, memory, total: Math.max(compute, memory) + L * m2.stepSec + m2.overheadSec };
}
function kernelSeconds(k, hw, m2, options = {}, runtime) {
  const { dtype, bytes, activationBytes } = kernelAt(k, options.precision, runtime);
  const weights = bytes - activationBytes;
  const reread = weightRereads(k, weights, activationBytes, hw.cpu?.llcBytes ?? 2 * m2.cacheBytes, hw.cpu?.cores ?? 1, runtime, hw.cpu?.gemmTileRows);
  const t = launchesTime(k, bytes + reread.bytes, peakFor(hw, dtype, runtime?.matrixUnits ?? false), hw.memoryBandwidthBytesPerSec.value, m2, activationBytes);
  if (reread.bytes === 0)
    return { t, bytes, dtype };
  const { m: rows2, n, k: depth } = k.gemm;
  const mib = (x2) => `${(x2 / 2 ** 20).toPrecision(2)} MiB`;
  const how = reread.shared ? "the threads sweep them together" : "columns split over the threads";
  return { t, bytes, dtype, detail: `GEMM ${Math.round(rows2)}x${Math.round(n)}x${Math.round(depth)} ${dtype}: ${mib(weights)} of weights do not stay in the ${mib(hw.cpu?.llcBytes ?? 2 * m2.cacheBytes)} cache, read ${reread.passes}x from DRAM (${reread.rows}-row tiles, ${how})` };
}
function weightRereads(k, weightBytes, activationBytes, llcBytes, cores, runtime, tileRows) {
  const mk = runtime?.microKernelGemm;
  const none = { bytes: 0, passes: 1, rows: 0, shared: false };
  if (!mk || !k.gemm || k.gemm.batch !== 1 || k.launches > 1 || !(weightBytes > 0))
    return none;
  const rows2 = Math.max(1, tileRows ?? mk.rows.value);
  const tiles = Math.ceil(k.gemm.m / rows2);
  const threads = Math.max(1, Math.round(cores));
  if (weightBytes + activationBytes * Math.min(threads, tiles) / tiles <= llcBytes)
    return none;
  const shared2 = threads > 1 && tiles >= mk.tilesPerThread.value * threads;
  const passes = shared2 ? Math.ceil(tiles / threads) : tiles;
  return { bytes: finite((passes - 1) * weightBytes), passes, rows: rows2, shared: shared2 };
}
var PEAK_BITS = { fp32: 32, tf32: 32, fp16: 16, bf16: 16, fp8: 8, int8: 8, int4: 4 };
function kernelAt(k, precision, runtime) {
  const wanted = precision && k.floatBits !== 0 ? precision : k.dtype;
  const dtype = runtime ? PEAK_FALLBACK[wanted].find((t) => runtime.dtypes.includes(t)) ?? wanted : wanted;
  if (k.floatBits === 0 || dtype === k.dtype && !precision)
    return { dtype, bytes: k.bytes, activationBytes: k.activationBytes };
  const f = PEAK_BITS[dtype] / k.floatBits;
  return { dtype, bytes: k.bytes * f, activationBytes: k.activationBytes * f };
}
function physicsOf(options) {
  const o = options.gpuPhysics ?? {};
  const v = (k) => o[k] ?? GPU_PHYSICS[k].value;
  return { tensorEfficiency: v("tensorEfficiency"), vectorEfficiency: v("vectorEfficiency"), memoryEfficiency: v("memoryEfficiency"), kernelCycles: v("kernelCycles"), l2ActivationShare: v("l2ActivationShare") };
}
function gpuKernelSeconds(k, hw, ctx, options) {
  const { gpu, runtime } = ctx;
  const phys = physicsOf(options);
  const { dtype, bytes, activationBytes } = kernelAt(k, options.precision, runtime);
  const spec = ARCH_SPECS[gpu.arch];
  const bits2 = PEAK_BITS[dtype];
  const fp32 = (hw.peakFlopsPerSec.fp32?.value ?? peakFor(hw, "fp32")) * gpu.peakScale;
  const vectorPeak = fp32 * (bits2 <= 8 ? spec.vector8 : bits2 <= 16 ? spec.vector16 : 1) * phys.vectorEfficiency;
  const steps = Math.max(1, k.launches);
  let compute = 0;
  let detail;
  if (k.gemm) {
    const tensorType = dtype === "fp32" && runtime.tf32 && hw.peakFlopsPerSec.tf32 ? "tf32" : dtype;
    const peak = peakFor(hw, tensorType) * gpu.peakScale;
    const g = gemmSeconds(k.gemm, bits2, peak, gpu, phys.tensorEfficiency);
    const rest = k.flops > 2 * k.macs ? (k.flops - 2 * k.macs) / steps : 0;
    compute = (g.sec + rest / vectorPeak) * steps;
    const { batch, m: m2, n, k: kk } = k.gemm;
    detail = `GEMM ${batch > 1 ? `${batch}x ` : ""}${Math.round(m2)}x${Math.round(n)}x${Math.round(kk)} ${tensorType}: ${g.tile[0]}x${g.tile[1]} tiles${g.splitK > 1 ? `, split-K ${g.splitK}` : ""}, ${g.tiles} tiles in ${g.waves} wave${g.waves > 1 ? "s" : ""}${steps > 1 ? `, ${steps} steps` : ""}`;
  } else {
    compute = k.flops / vectorPeak;
  }
  const weights = Math.max(0, bytes - activationBytes);
  const l2Activations = gpu.l2Bytes * phys.l2ActivationShare;
  const stepWeights = steps > 1 && weights <= gpu.l2Bytes ? 0 : weights * (steps - 1);
  const dram = weights * (1 - ctx.weightsResident) + stepWeights + Math.max(0, activationBytes - l2Activations);
  const l2 = bytes + weights * (steps - 1);
  const memory = Math.max(dram / (hw.memoryBandwidthBytesPerSec.value * phys.memoryEfficiency), l2 / gpu.l2BytesPerSec);
  const stepCost = steps > 1 ? (steps - 1) * hw.efficiency.recurrentStepSec.value : 0;
  const total = Math.max(compute, memory) + kernelFixedSeconds(gpu, phys.kernelCycles) + stepCost;
  return { t: { compute, memory, total }, bytes, dtype, ...detail ? { detail } : {} };
}
function runtimeOf(hw, options = {}) {
  const r = options.runtime;
  const id = typeof r === "string" ? r : r?.[hw.id] ?? hw.runtime ?? DEFAULT_RUNTIME[hw.kind];
  return runtimeFor(id, hw.kind, hw.id, hw.vendor);
}
function atBatch(k, batch) {
  if (batch === 1)
    return k;
  const weights = k.bytes - k.activationBytes;
  const gemm2 = k.gemm ? k.gemmScales === "batch" ? { ...k.gemm, batch: k.gemm.batch * batch } : { ...k.gemm, m: k.gemm.m * batch } : void 0;
  return { ...k, flops: k.flops * batch, macs: k.macs * batch, activationBytes: k.activationBytes * batch, bytes: weights + k.activationBytes * batch, rows: k.rows * batch, samples: (k.samples ?? 1) * batch, ...gemm2 ? { gemm: gemm2 } : {} };
}
function timeKernels(kernels, hw, runtime, options, weightsResident) {
  const m2 = timeModelOf(hw);
  const gap = runtime.deviceGapUs.value * 1e-6;
  const host = runtime.hostLaunchUs.value * 1e-6;
  const gpu = hw.kind === "gpu" && hw.gpu ? { gpu: hw.gpu, runtime, weightsResident } : void 0;
  let device = 0;
  let hostSum = 0;
  const timed = kernels.map((k) => {
    const t = gpu ? gpuKernelSeconds(k, hw, gpu, options) : kernelSeconds(k, hw, m2, options, runtime);
    const sec = hw.kind === "gpu" ? t.t.total + gap : t.t.total + gap + host;
    device += sec;
    hostSum += host;
    return { ...t, kernel: k, sec };
  });
  return { sec: hw.kind === "gpu" ? Math.max(device, hostSum) : device, timed };
}
var PRECISION_SCALE = (options, report) => {
  const bits2 = { fp32: 32, fp16: 16, bf16: 16, int8: 8 };
  const own2 = FLOAT_BITS[report.inputs[0]?.dtype ?? ""] ?? 32;
  return options.precision ? bits2[options.precision] / own2 : 1;
};
function samplesOf(report) {
  const x2 = report.inputs[0];
  const s = x2 ? boundShape(x2, report.dims) : void 0;
  return s && s.length > 1 && s[0] > 0 ? s[0] : 1;
}
function throughputOf(report, kernels, hw, runtime, options) {
  const samples = samplesOf(report);
  const scale = PRECISION_SCALE(options, report);
  const weights = countNumber(report.totals.weightBytes) * scale;
  const activations = countNumber(report.totals.peakMemoryBytes) * scale;
  const limit = hw.memoryBytes ? hw.memoryBytes.value * 0.9 : Infinity;
  const batches = options.throughputBatch ? [options.throughputBatch] : [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
  let best = { batch: 1, samplesPerSec: 0, ms: 0 };
  for (const b of batches) {
    if (b > 1 && weights + activations * b > limit && !options.throughputBatch)
      break;
    const t = timeKernels(kernels.map((k) => atBatch(k, b)), hw, runtime, options, 0).sec;
    const sps = t > 0 ? b * samples / t : 0;
    if (sps > best.samplesPerSec * 1.0001)
      best = { batch: b * samples, samplesPerSec: sps, ms: finite(t * 1e3) };
  }
  return best;
}
function estimateLatency(report, hw, options = {}, kernels) {
  const runtime = runtimeOf(hw, options);
  const ks = kernels ?? groupKernels(report, runtime.fusion);
  const scale = PRECISION_SCALE(options, report);
  const weightBytes = countNumber(report.totals.weightBytes) * scale;
  const weightsResident = hw.gpu && weightBytes > 0 ? Math.min(1, hw.gpu.l2Bytes * (1 - physicsOf(options).l2ActivationShare) / weightBytes) : 0;
  const { sec: deviceSec, timed } = timeKernels(ks, hw, runtime, options, weightsResident);
  const link = hw.gpu?.hostLinkBytesPerSec;
  const io = link && !options.deviceOnly ? [...report.inputs, ...report.outputs].reduce((s, t) => s + reportTensorBytes(t, report.dims) * (FLOAT_BITS[t.dtype] ? scale : 1), 0) / link : 0;
  const total = deviceSec + (options.deviceOnly ? 0 : runtime.inferenceUs.value * 1e-6) + io;
  let computeTime = 0;
  let memoryTime = 0;
  const ms = timed.map(({ t, sec }) => {
    if (t.compute >= t.memory)
      computeTime += sec;
    else
      memoryTime += sec;
    return finite(sec * 1e3);
  });
  const top = ms.map((_, i2) => i2).sort((a, b) => ms[b] - ms[a]).slice(0, 5).map((i2) => {
    const { t, bytes, dtype, detail, kernel } = timed[i2];
    const shown = kernel.nodes.length > MAX_KERNEL_NODES ? kernel.nodes.slice(0, MAX_KERNEL_NODES) : kernel.nodes;
    const more = kernel.nodes.length > MAX_KERNEL_NODES;
    return {
      nodes: shown.map((n) => n.name),
      ...more ? { nodeCount: kernel.nodes.length } : {},
      ops: shown.map((n) => n.op).join("+") + (more ? "+..." : ""),
      ms: ms[i2],
      boundBy: t.compute >= t.memory ? "compute" : "memory",
      flops: finite(kernel.flops),
      bytes: finite(Math.round(bytes)),
      dtype,
      ...detail ? { detail } : {}
    };
  });
  const modules = report.modules ? moduleMs(report.modules, ks, ms) : void 0;
  if (modules?.length)
    modules[0] = Math.round((modules[0] + Math.max(0, total * 1e3 - ms.reduce((s, r) => s + r, 0))) * 1e6) / 1e6;
  const kernelSum = computeTime + memoryTime;
  const throughput = options.throughput === false ? { batch: 0, samplesPerSec: 0, ms: 0 } : throughputOf(report, ks, hw, runtime, options);
  return {
    hardware: hw.id,
    runtime: runtime.id,
    ms: finite(total * 1e3),
    boundBy: { compute: kernelSum > 0 ? computeTime / kernelSum : 0, memory: kernelSum > 0 ? memoryTime / kernelSum : 0 },
    ...options.precision ? { precision: options.precision } : {},
    kernels: ks.length,
    top,
    ...modules ? { modules } : {},
    ...throughput.samplesPerSec > 0 && Number.isFinite(throughput.samplesPerSec) ? { throughput: { batch: throughput.batch, samplesPerSec: throughput.samplesPerSec, ms: throughput.ms } } : {}
  };
}
var MAX_KERNEL_NODES = 64;
function moduleMs(modules, kernels, timed) {
  const ms = new Array(modules.length).fill(0);
  kernels.forEach((k, i2) => {
    const m2 = k.nodes[0]?.module;
    if (m2 !== void 0 && m2 >= 0 && m2 < ms.length)
      ms[m2] += timed[i2];
  });
  for (let i2 = ms.length - 1; i2 > 0; i2--) {
    const p = modules[i2].parent;
    if (p !== void 0 && p >= 0 && p < i2)
      ms[p] += ms[i2];
  }
  return ms.map((v) => Math.round(v * 1e6) / 1e6);
}
function withLatency(report, profiles, options = {}) {
  if (profiles.length === 0)
    return report;
  const byFusion = /* @__PURE__ */ new Map();
  const kernelsFor = (f) => byFusion.get(f) ?? byFusion.set(f, groupKernels(report, f)).get(f);
  const sets = Array.isArray(options) ? options : [options];
  return { ...report, latency: sets.flatMap((o) => profiles.map((hw) => estimateLatency(report, hw, o, kernelsFor(runtimeOf(hw, o).fusion)))) };
}

// ../../packages/core/dist/io/hdf5-signature.js
var HDF5_SIGNATURE = [137, 72, 68, 70, 13, 10, 26, 10];
function isHdf5Signature(bytes) {
  return bytes.length >= 8 && HDF5_SIGNATURE.every((b, i2) => bytes[i2] === b);
}
function hdf5SuperblockOffset(source) {
  for (let at = 0; at + 8 <= source.size; at = at === 0 ? 512 : at * 2) {
    if (isHdf5Signature(source.read(at, 8)))
      return at;
  }
  return -1;
}

// ../../packages/core/dist/io/lfs.js
var PREFIXES = ["version https://git-lfs.github.com/spec/", "version https://hawser.github.com/spec/"];
function isGitLfsPointer(head, size = head.length) {
  if (size > 1024)
    return false;
  return PREFIXES.some((p) => head.length >= p.length && [...p].every((ch, i2) => head[i2] === ch.charCodeAt(0)));
}

// ../../packages/core/dist/io/work-budget.js
var DEFAULT_WORK_LIMITS = {
  maxNodes: 4e6,
  maxMs: 8e3,
  maxDataElements: 16e6,
  maxDepth: 200,
  // A 10^6-node graph holds about 360 MB once inferred (its report about as much again, made as the
  // inference records go), and reads up to 630 MB, garbage included, near the end of inference:
  // 700 MiB leaves it one collection fewer; a file refused at this limit peaks under 1 GB (40 MB of
  // 5 * 10^6 tiny nodes: 0.85-0.88 GB, tools/bench/onnx/hostile.ts).
  maxMemoryBytes: 700 * 2 ** 20
};
var WorkLimitError = class _WorkLimitError extends ModelImportError {
  file;
  limit;
  value;
  where;
  name = "WorkLimitError";
  code = "work-limit";
  constructor(file, limit, value2, where) {
    super(`${file ? `${file}: ` : ""}${_WorkLimitError.describe(limit, value2)}${where ? ` (at ${where})` : ""}`);
    this.file = file;
    this.limit = limit;
    this.value = value2;
    this.where = where;
  }
  /** The message without the file and place. */
  static describe(limit, value2) {
    switch (limit) {
      case "nodes":
        return `work limit reached: more than ${groupDigits(value2)} nodes to infer (sub-graphs and calls included); the model was not profiled`;
      case "time":
        return `work limit reached: profiling took more than ${value2 / 1e3} s; the model was not profiled`;
      case "data":
        return `work limit reached: more than ${groupDigits(value2)} tensor elements of constant data to propagate; the model was not profiled`;
      case "depth":
        return `work limit reached: nested more than ${value2} levels deep; the model was not profiled`;
      case "memory":
        return `work limit reached: more than ${Math.round(value2 / 2 ** 20)} MiB of memory in use while reading and inferring the model; the model was not profiled`;
    }
  }
};
var CLOCK_EVERY = 256;
var MEMORY_EVERY = 16384;
var WorkBudget = class {
  file;
  clock;
  memory;
  /** The limits in force (defaults filled in). */
  limits;
  start;
  nodes = 0;
  elements = 0;
  depth = 0;
  sinceClock = 0;
  sinceMemory = 0;
  constructor(limits = {}, file, clock = Date.now, memory) {
    this.file = file;
    this.clock = clock;
    this.memory = memory;
    this.limits = {
      maxNodes: limits.maxNodes ?? DEFAULT_WORK_LIMITS.maxNodes,
      maxMs: limits.maxMs ?? DEFAULT_WORK_LIMITS.maxMs,
      maxDataElements: limits.maxDataElements ?? DEFAULT_WORK_LIMITS.maxDataElements,
      maxDepth: limits.maxDepth ?? DEFAULT_WORK_LIMITS.maxDepth,
      maxMemoryBytes: limits.maxMemoryBytes ?? DEFAULT_WORK_LIMITS.maxMemoryBytes
    };
    this.start = clock();
  }
  /** Nodes charged so far. */
  get nodesUsed() {
    return this.nodes;
  }
  /** Data elements charged so far. */
  get dataUsed() {
    return this.elements;
  }
  /** Charge `n` nodes (default 1); checks the clock every few hundred. */
  node(n = 1, where) {
    this.nodes += n;
    if (this.nodes > this.limits.maxNodes)
      throw new WorkLimitError(this.file, "nodes", this.limits.maxNodes, where);
    this.every(n, where);
  }
  /** Count `n` more units of work toward the next clock and memory checks, and run those that are due. */
  every(n, where) {
    this.sinceClock += n;
    if (this.sinceClock >= CLOCK_EVERY) {
      this.sinceClock = 0;
      this.time(where);
    }
    if (this.memory) {
      this.sinceMemory += n;
      if (this.sinceMemory >= MEMORY_EVERY) {
        this.sinceMemory = 0;
        this.checkMemory(where);
      }
    }
  }
  /**
   * `n` entries of the file read (decoded nodes, tensors, value infos): charges no node, but checks
   * the clock and the memory as `node` does, so reading a huge file ends within the limits too.
   */
  tick(where, n = 1) {
    this.every(n, where);
  }
  /** Ask the memory probe now (nothing without one). */
  checkMemory(where) {
    if (!this.memory)
      return;
    const limit = this.limits.maxMemoryBytes;
    if (this.memory(limit) > limit)
      throw new WorkLimitError(this.file, "memory", limit, where);
  }
  /** Charge `elements` tensor elements of materialised data (a non-finite or negative count is refused as over the limit). */
  data(elements2, where) {
    if (!(elements2 >= 0) || !Number.isFinite(elements2))
      throw new WorkLimitError(this.file, "data", this.limits.maxDataElements, where);
    this.elements += elements2;
    if (this.elements > this.limits.maxDataElements)
      throw new WorkLimitError(this.file, "data", this.limits.maxDataElements, where);
  }
  /** Check the clock now. */
  time(where) {
    if (this.clock() - this.start > this.limits.maxMs)
      throw new WorkLimitError(this.file, "time", this.limits.maxMs, where);
  }
  /** Go one level deeper (pair with {@link leave}, in a `finally`). */
  enter(where) {
    if (++this.depth > this.limits.maxDepth) {
      this.depth--;
      throw new WorkLimitError(this.file, "depth", this.limits.maxDepth, where);
    }
  }
  /** Come back up one level. */
  leave() {
    if (this.depth > 0)
      this.depth--;
  }
  /** Run `f` one level deeper. */
  nested(where, f) {
    this.enter(where);
    try {
      return f();
    } finally {
      this.leave();
    }
  }
};

// ../../packages/onnx/dist/node/file-source.js
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
function openFileSource(path) {
  const fd2 = openSync(path, "r");
  let size;
  try {
    size = fstatSync(fd2).size;
  } catch (e2) {
    closeSync(fd2);
    throw e2;
  }
  let open = true;
  let bytesRead = 0;
  let reads = 0;
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    get reads() {
      return reads;
    },
    read(offset, length) {
      const buf = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd2, buf, got, length - got, offset + got);
        if (n === 0)
          break;
        got += n;
      }
      reads++;
      bytesRead += got;
      return got === length ? buf : buf.subarray(0, got);
    },
    close() {
      if (open) {
        open = false;
        closeSync(fd2);
      }
    }
  };
}

// ../../packages/report/dist/latency.js
function addLatency(report, plan) {
  const common = { ...plan.runtime ? { runtime: plan.runtime } : {}, ...plan.throughputBatch ? { throughputBatch: plan.throughputBatch } : {} };
  return withLatency(report, plan.profiles, plan.precisions.map((p) => p ? { ...common, precision: p } : common));
}

// ../../packages/keras/dist/errors.js
var KerasImportError = class extends ModelImportError {
  file;
  code;
  offset;
  name = "KerasImportError";
  /**
   * @param file label of the file (its path, or `input`)
   * @param code machine-readable reason
   * @param message full message, starting with `<file>: `
   * @param offset byte offset of the problem, when known
   */
  constructor(file, code, message, offset) {
    super(message);
    this.file = file;
    this.code = code;
    this.offset = offset;
  }
};

// ../../packages/keras/dist/messages.js
var DEFAULT_FILE_LABEL = "input";
var WEIGHTS_ONLY_OP = "weights-only";
var MAX_CONFIG_BYTES = 64 * 1024 * 1024;
function list(names) {
  return names.length ? `${names.slice(0, 8).map((n) => quote(n, 30)).join(", ")}${names.length > 8 ? ", ..." : ""}` : "none";
}
function quote(text, max2 = 40) {
  const cut2 = text.length > max2 ? `${text.slice(0, max2)}...` : text;
  return JSON.stringify(cut2);
}
var EXPECTED_KEYS = 'a Keras model config ({"class_name": "Sequential" | "Functional" | "Model", "config": {...}}, from model.to_json()) or a tf.js model.json ({"modelTopology": ...})';
var MESSAGES = {
  empty: (file) => `${file}: the file is empty (0 bytes), so it holds no Keras model. Check that it was written completely.`,
  invalidJson: (file, reason, line, column, offset) => `${file}: invalid JSON at line ${line}, column ${column} (byte ${offset}): ${reason}. Export the model again with model.to_json().`,
  notKerasJson: (file, got) => `${file}: not a Keras model config: ${got}; expected ${EXPECTED_KEYS}.`,
  notKerasBinary: (file, what) => `${file}: not a Keras model config: ${what}. modelcost reads Keras model JSON (model.to_json()), tf.js model.json, .keras archives and Keras .h5 files.`,
  binary: () => "it is binary data, not JSON text",
  zipNoEocd: (file) => `${file}: truncated or damaged zip archive: no end-of-central-directory record. Fetch or save the .keras file again.`,
  zipTruncated: (file, what, offset, size) => `${file}: truncated or damaged zip archive: ${what} at byte ${offset} lies beyond the end of the file (${size} bytes). Fetch or save the .keras file again.`,
  zipBadSignature: (file, what, offset) => `${file}: damaged zip archive: no ${what} signature at byte ${offset}. Fetch or save the .keras file again.`,
  zipNoConfig: (file, members) => `${file}: zip archive without a config.json member, so it is not a .keras model (members: ${members.slice(0, 8).map((m2) => quote(m2)).join(", ") || "none"}${members.length > 8 ? ", ..." : ""}).`,
  zipTooLarge: (file, declaredOrActual, size) => `${file}: config.json ${declaredOrActual} ${size} bytes, over the ${MAX_CONFIG_BYTES} byte limit; refusing to inflate it (a zip bomb or not a Keras archive).`,
  zipMethod: (file, method) => `${file}: config.json uses zip compression method ${method}; only stored (0) and deflate (8) are supported.`,
  zipEncrypted: (file) => `${file}: config.json is encrypted; modelcost cannot read it.`,
  zipInflate: (file, reason) => `${file}: config.json is damaged: ${reason}. Fetch or save the .keras file again.`,
  hdf5Damaged: (file, reason) => `${file}: truncated or damaged HDF5 file: ${reason}. Fetch or save the .h5 file again.`,
  hdf5Unsupported: (file, reason) => `${file}: HDF5 file modelcost cannot read: ${reason}.`,
  hdf5ConfigNotString: (file) => `${file}: the HDF5 attribute model_config is not a single string, so it holds no Keras model config (Keras writes json.dumps(model.get_config()) there).`,
  hdf5NotKeras: (file, attrs, groups) => `${file}: an HDF5 file, but not a Keras model: its root has no model_config attribute and no Keras weights layout (root attributes: ${list(attrs)}; groups: ${list(groups)}). modelcost reads Keras model.save('m.h5') files (and, with --weights-only-ok, weights files).`,
  weightsOnly: (file, layout) => `${file}: the file holds Keras weights (${layout === "keras2" ? "model.save_weights('w.h5')" : "Keras 3 model.save_weights('m.weights.h5')"}) but no architecture (no model_config), so its shapes and MACs cannot be known. Save the whole model with model.save('m.keras') or model.save('m.h5'), or export model.to_json(); or pass --weights-only-ok for a params-only report from the weight shapes.`,
  io: (file, offset, length, got) => `${file}: read of ${length} bytes at byte ${offset} returned ${got} bytes (I/O error or file changed while reading).`,
  noLayers: (file, where) => `${file}: ${where} has no \`layers\` list, so it is not a Keras model config.`,
  badLayer: (file, where, reason) => `${file}: ${where}: ${reason}.`,
  unknownRef: (file, layer, ref) => `${file}: layer ${quote(layer)} reads ${ref}, which no layer of the model produces.`,
  cycle: (file, layer) => `${file}: layer ${quote(layer)} depends on its own output (a cycle in inbound_nodes).`,
  badInputOption: (file, name, inputs) => `${file}: --input ${name}: the model has no input named ${quote(name)}; its inputs are ${inputs.map((n) => quote(n)).join(", ") || "none"}.`,
  // Diagnostics (analysis goes on).
  unsupportedLayer: (className, name) => `layer ${quote(name)} of class ${className} has no modelcost rule (a Lambda, custom or unknown layer): its output shape and cost are unknown, and layers that depend on it are profiled without shapes.`,
  unknownShape: (name) => `layer ${quote(name)}: an input shape is unknown (it depends on an unsupported layer), so its output shape and cost are unknown.`,
  paramsUnknown: (name) => `layer ${quote(name)}: its weights depend on an unknown input shape, so its params are not counted.`,
  shapeError: (className, name, reason) => `(${className} ${quote(name)}) ${reason}`,
  unknownActivation: (name, activation2) => `layer ${quote(name)}: activation ${quote(activation2)} has no element cost rule; its flops are not counted.`,
  noInputShape: (name) => `input ${quote(name)} has no shape in the config (a Sequential model built without an input shape); pass --input ${name}=... to profile it.`,
  unknownDType: (name, dtype) => `layer ${quote(name)}: dtype ${quote(dtype)} is not known; counted as float32.`,
  weightsOnlyReport: (layers) => `params-only report of a weights file (no architecture): params are the elements of its ${layers} layers' weight datasets (their shapes; no data read). MACs, FLOPs, shapes and activations are unknown, not counted: each layer is a "${WEIGHTS_ONLY_OP}" node without a cost rule, and the trainable split is not known.`,
  nestedReused: (call, model, first) => `${call}: model ${quote(model)} called again on inputs of the same shapes as ${first}, so its analysis is reused: the call is one node holding the nested model's whole cost (its layers are listed once, under ${first}).`
};

// ../../packages/keras/dist/layers/rule.js
var ShapeError = class extends Error {
  name = "ShapeError";
};
var UnknownShapeError = class extends Error {
  name = "UnknownShapeError";
};
function num(cfg, key, def) {
  const v = cfg[key];
  return typeof v === "number" ? v : def;
}
function bool(cfg, key, def) {
  const v = cfg[key];
  return typeof v === "boolean" ? v : def;
}
function str(cfg, key, def) {
  const v = cfg[key];
  return typeof v === "string" ? v : def;
}
function tuple(cfg, key, n, def) {
  const v = cfg[key] ?? def;
  if (typeof v === "number")
    return new Array(n).fill(v);
  if (Array.isArray(v) && v.every((x2) => typeof x2 === "number")) {
    const list2 = v;
    if (list2.length === n)
      return [...list2];
    if (list2.length === 1)
      return new Array(n).fill(list2[0]);
  }
  throw new ShapeError(`config ${key} = ${JSON.stringify(v)}: expected an integer or a list of ${n} integers`);
}
function channelsFirst(cfg) {
  return cfg["data_format"] === "channels_first";
}
function nested(cfg, key) {
  const v = cfg[key];
  if (!v || typeof v !== "object" || Array.isArray(v))
    return void 0;
  const o = v;
  if (typeof o["class_name"] !== "string")
    return void 0;
  const inner = o["config"];
  return { className: o["class_name"], config: inner && typeof inner === "object" && !Array.isArray(inner) ? inner : {} };
}
function inShape(c, i2 = 0) {
  const t = c.inputs[i2];
  if (!t)
    throw new ShapeError(`expected at least ${i2 + 1} input tensor${i2 ? "s" : ""}, got ${c.inputs.length}`);
  if (!t.shape)
    throw new UnknownShapeError(`input ${i2} of ${c.name} has an unknown shape`);
  return t.shape;
}
function inRank(c, rank, what, i2 = 0) {
  const s = inShape(c, i2);
  const ranks = typeof rank === "number" ? [rank] : rank;
  if (!ranks.includes(s.length))
    throw new ShapeError(`input ${i2}: expected rank ${ranks.join(" or ")} (${what}), got rank ${s.length} ${shapeToString(s)}`);
  return s;
}
function last(s) {
  return s[s.length - 1];
}
var fmt = dimToString;
function normAxis(axis, rank) {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    throw new ShapeError(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}
function windowOut(inDim, k, stride, padding, dilation = 1) {
  const eff = (k - 1) * dilation + 1;
  if (padding === "same" || padding === "causal")
    return dimCeilDiv(inDim, stride);
  if (padding === "full")
    return dimCeilDiv(dim(dimPoly(inDim).add(eff - 1)), stride);
  if (typeof inDim === "number") {
    const out = Math.floor((inDim - eff) / stride) + 1;
    if (out <= 0)
      throw new ShapeError(`input size ${inDim} is smaller than the window ${eff} (padding valid)`);
    return out;
  }
  return dimCeilDiv(dim(dimPoly(inDim).sub(eff - 1)), stride);
}
function elements(s) {
  return numElements(s);
}
var ACTIVATION_OPS = {
  linear: 0,
  relu: "Relu",
  relu6: "Clip",
  sigmoid: "Sigmoid",
  tanh: "Tanh",
  elu: "Elu",
  selu: "Selu",
  softplus: "Softplus",
  softsign: "Softsign",
  swish: "Swish",
  silu: "SiLU",
  gelu: "Gelu",
  hard_sigmoid: "HardSigmoid",
  hard_swish: "HardSwish",
  hard_silu: "HardSwish",
  exponential: "Exp",
  leaky_relu: "LeakyRelu",
  mish: "Mish",
  celu: "Celu",
  // Softmax: max, subtract, exp, sum, divide = 5 per element (docs/cost-conventions.md#softmax).
  softmax: 5,
  // LogSoftmax: 5 per element plus one log per row, approximated per element (upper bound +1).
  log_softmax: 6
};
function activationName(v) {
  if (v === void 0 || v === null)
    return void 0;
  if (typeof v === "string")
    return v;
  if (typeof v === "object" && !Array.isArray(v)) {
    const o = v;
    if (typeof o["config"] === "string")
      return o["config"];
    if (typeof o["class_name"] === "string")
      return o["class_name"];
  }
  return JSON.stringify(v);
}
function activationFlops(c, act, n) {
  const name = activationName(act);
  if (name === void 0)
    return Poly.ZERO;
  const key = name.toLowerCase();
  const op = ACTIVATION_OPS[key] ?? ACTIVATION_OPS[name];
  if (op === void 0) {
    c.diag("warning", "unknown-activation", MESSAGES.unknownActivation(c.name, name));
    return Poly.ZERO;
  }
  if (typeof op === "number")
    return n.mul(op);
  if (!hasElementwiseRule(op))
    return Poly.ZERO;
  return elementwiseCost(op, n).flops;
}
function withActivation(c, cost, out) {
  const extra = activationFlops(c, c.config["activation"], elements(out));
  return extra.terms.length === 0 ? cost : { ...cost, flops: cost.flops.add(extra) };
}
function flopsOnly(flops) {
  return { macs: Poly.ZERO, flops, params: Poly.ZERO };
}
function sumCosts(...costs) {
  let macs = Poly.ZERO;
  let flops = Poly.ZERO;
  let params = Poly.ZERO;
  for (const k of costs) {
    macs = macs.add(k.macs);
    flops = flops.add(k.flops);
    params = params.add(k.params);
  }
  return { macs, flops, params };
}

// ../../packages/keras/dist/layers/attention.js
function qkv(c) {
  const pick = (i2, kw) => c.inputs[i2] ?? c.kwargInputs[kw]?.[0];
  const q = inShape(c, 0);
  const vt = pick(1, "value");
  if (!vt)
    throw new ShapeError("expected a value tensor (second input or value=)");
  const kt = pick(2, "key") ?? vt;
  if (!vt.shape || !kt.shape)
    return { q, v: inShape({ ...c, inputs: [vt] }, 0), k: inShape({ ...c, inputs: [kt] }, 0) };
  return { q, v: vt.shape, k: kt.shape };
}
function mhaDims(c) {
  const { q, v, k } = qkv(c);
  if (q.length < 3)
    throw new ShapeError(`query: expected rank >= 3 ([batch, ..., features]), got rank ${q.length}`);
  const heads = num(c.config, "num_heads", 1);
  const keyDim = num(c.config, "key_dim", 0);
  const valueDim = num(c.config, "value_dim", keyDim);
  const os = c.config["output_shape"];
  const outDims = typeof os === "number" ? [os] : Array.isArray(os) ? os : [last(q)];
  return { q, v, k, heads, keyDim, valueDim, outDims, batch: q[0], seqQ: dim(numElements(q.slice(1, -1))), seqK: dim(numElements(k.slice(1, -1))) };
}
var multiHeadAttention = {
  outputs(c) {
    const d = mhaDims(c);
    const out = [[...d.q.slice(0, -1), ...d.outDims]];
    if (c.kwargs["return_attention_scores"] === true)
      out.push([d.batch, d.heads, d.seqQ, d.seqK]);
    return out;
  },
  outputCount: (c) => c.kwargs["return_attention_scores"] === true ? 2 : 1,
  weights(c) {
    const d = mhaDims(c);
    const bias = bool(c.config, "use_bias", true);
    const dense2 = (name, kernel, b) => [
      { name: `${name}/kernel`, shape: kernel, trainable: true },
      ...bias ? [{ name: `${name}/bias`, shape: b, trainable: true }] : []
    ];
    return [
      ...dense2("query", [last(d.q), d.heads, d.keyDim], [d.heads, d.keyDim]),
      ...dense2("key", [last(d.k), d.heads, d.keyDim], [d.heads, d.keyDim]),
      ...dense2("value", [last(d.v), d.heads, d.valueDim], [d.heads, d.valueDim]),
      ...dense2("attention_output", [d.heads, d.valueDim, ...d.outDims], d.outDims)
    ];
  },
  cost(c) {
    const d = mhaDims(c);
    const bias = bool(c.config, "use_bias", true);
    const opts = { convention: c.convention };
    const rowsQ = numElements([d.batch, d.seqQ]);
    const rowsK = numElements([d.batch, d.seqK]);
    const hk = d.heads * d.keyDim;
    const hv = d.heads * d.valueDim;
    return sumCosts(
      // Projections: rows x features x heads*dim each.
      gemmCost({ m: dim(rowsQ), k: last(d.q), n: hk, bias }, opts),
      gemmCost({ m: dim(rowsK), k: last(d.k), n: hk, bias }, opts),
      gemmCost({ m: dim(rowsK), k: last(d.v), n: hv, bias }, opts),
      // QK^T and AV per head, scaling and softmax per score.
      attentionCost({ batch: d.batch, heads: d.heads, seqQ: d.seqQ, seqK: d.seqK, headDim: d.keyDim, headDimV: d.valueDim }, opts),
      gemmCost({ m: dim(rowsQ), k: hv, n: dim(numElements(d.outDims)), bias }, opts)
    );
  }
};
function pair(c) {
  const d = qkv(c);
  if (d.q.length !== 3 || d.v.length !== 3)
    throw new ShapeError(`expected query and value of rank 3 ([batch, steps, features]), got ranks ${d.q.length} and ${d.v.length}`);
  return d;
}
function scoreCount(q, v) {
  return numElements([q[0], q[1], v[1]]);
}
var dotAttention = {
  outputs(c) {
    const { q, v } = pair(c);
    const out = [[q[0], q[1], v[2]]];
    if (c.kwargs["return_attention_scores"] === true)
      out.push([q[0], q[1], v[1]]);
    return out;
  },
  outputCount: (c) => c.kwargs["return_attention_scores"] === true ? 2 : 1,
  weights(c) {
    const w = [];
    if (bool(c.config, "use_scale", false))
      w.push({ name: "scale", shape: [], trainable: true });
    if (str(c.config, "score_mode", "dot") === "concat")
      w.push({ name: "concat_score_weight", shape: [], trainable: true });
    return w;
  },
  cost(c) {
    const { q, v } = pair(c);
    const scores = scoreCount(q, v);
    const macs = scores.mul(q[2]).add(scores.mul(v[2]));
    const scale = bool(c.config, "use_scale", false) ? 1 : 0;
    return { macs, flops: macs.mul(2).add(scores.mul(5 + scale)), params: Poly.ZERO };
  }
};
var additiveAttention = {
  outputs: dotAttention.outputs,
  outputCount: dotAttention.outputCount,
  weights(c) {
    const { q } = pair(c);
    return bool(c.config, "use_scale", true) ? [{ name: "scale", shape: [q[2]], trainable: true }] : [];
  },
  cost(c) {
    const { q, v } = pair(c);
    const scores = scoreCount(q, v);
    const qk = scores.mul(q[2]);
    const macs = qk.add(scores.mul(v[2]));
    return { macs, flops: macs.mul(2).add(qk.mul(2)).add(scores.mul(5)), params: Poly.ZERO };
  }
};
var ATTENTION_RULES = {
  AdditiveAttention: additiveAttention,
  Attention: dotAttention,
  MultiHeadAttention: multiHeadAttention
};

// ../../packages/keras/dist/layers/conv.js
function splitChannels(c, rank) {
  const names = rank === 1 ? "steps" : rank === 2 ? "rows, cols" : "dim1, dim2, dim3";
  const first = channelsFirst(c.config);
  const s = inRank(c, rank + 2, first ? `[batch, channels, ${names}]` : `[batch, ${names}, channels]`);
  return first ? { batch: s[0], spatial: s.slice(2), channels: s[1] } : { batch: s[0], spatial: s.slice(1, -1), channels: s[s.length - 1] };
}
function joinChannels(c, batch, spatial, channels) {
  return channelsFirst(c.config) ? [batch, channels, ...spatial] : [batch, ...spatial, channels];
}
function geometry(c, rank) {
  const padding = str(c.config, "padding", "valid").toLowerCase();
  if (!["valid", "same", "causal"].includes(padding))
    throw new ShapeError(`config padding ${JSON.stringify(padding)}: expected "valid", "same" or "causal"`);
  return {
    kernel: tuple(c.config, "kernel_size", rank, 1),
    strides: tuple(c.config, "strides", rank, 1),
    dilation: tuple(c.config, "dilation_rate", rank, 1),
    padding
  };
}
function outSpatial(spatial, g) {
  return spatial.map((d, i2) => windowOut(d, g.kernel[i2], g.strides[i2], g.padding, g.dilation[i2]));
}
function filtersOutput(c, rank) {
  const { batch, spatial } = splitChannels(c, rank);
  return [joinChannels(c, batch, outSpatial(spatial, geometry(c, rank)), num(c.config, "filters", 0))];
}
function conv(rank) {
  return {
    outputs: (c) => filtersOutput(c, rank),
    weights(c) {
      const { channels } = splitChannels(c, rank);
      const groups = num(c.config, "groups", 1);
      if (typeof channels === "number" && channels % groups !== 0)
        throw new ShapeError(`input channels ${channels} are not divisible by groups ${groups}`);
      const filters = num(c.config, "filters", 0);
      const w = [{ name: "kernel", shape: [...geometry(c, rank).kernel, dim(dimPoly(channels).floorDiv(groups)), filters], trainable: true }];
      if (bool(c.config, "use_bias", true))
        w.push({ name: "bias", shape: [filters], trainable: true });
      return w;
    },
    cost(c, [out]) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const g = geometry(c, rank);
      const cost = convCost({ batch, inChannels: channels, outChannels: num(c.config, "filters", 0), outSpatial: outSpatial(spatial, g), kernel: g.kernel, groups: num(c.config, "groups", 1), bias: bool(c.config, "use_bias", true) }, { convention: c.convention });
      return withActivation(c, cost, out);
    }
  };
}
function deconvLength(inDim, k, s, padding, outputPadding, dilation) {
  const eff = k + (k - 1) * (dilation - 1);
  if (outputPadding === void 0) {
    if (padding === "same")
      return dimMul(inDim, s);
    return dim(dimPoly(inDim).mul(s).add(Math.max(eff - s, 0)));
  }
  const pad2 = padding === "same" ? Math.floor(eff / 2) : 0;
  return dim(dimPoly(inDim).sub(1).mul(s).add(eff - 2 * pad2 + outputPadding));
}
function convTranspose(rank) {
  const shapes = (c) => {
    const { batch, spatial, channels } = splitChannels(c, rank);
    const g = geometry(c, rank);
    const op = c.config["output_padding"];
    const outPad = op === null || op === void 0 ? void 0 : tuple(c.config, "output_padding", rank, 0);
    const out = spatial.map((d, i2) => deconvLength(d, g.kernel[i2], g.strides[i2], g.padding, outPad?.[i2], g.dilation[i2]));
    return { batch, spatial, channels, out, g };
  };
  return {
    outputs(c) {
      const { batch, out } = shapes(c);
      return [joinChannels(c, batch, out, num(c.config, "filters", 0))];
    },
    weights(c) {
      const { channels, g } = shapes(c);
      const filters = num(c.config, "filters", 0);
      const w = [{ name: "kernel", shape: [...g.kernel, filters, channels], trainable: true }];
      if (bool(c.config, "use_bias", true))
        w.push({ name: "bias", shape: [filters], trainable: true });
      return w;
    },
    cost(c, [o]) {
      const { batch, spatial, channels, out, g } = shapes(c);
      const cost = convTransposeCost({ batch, inChannels: channels, outChannels: num(c.config, "filters", 0), inSpatial: spatial, outSpatial: out, kernel: g.kernel, bias: bool(c.config, "use_bias", true) }, { convention: c.convention });
      return withActivation(c, cost, o);
    }
  };
}
function depthwiseCost(c, batch, channels, dm, out, kernel, bias) {
  const outputs = numElements([batch, dimMul(channels, dm), ...out]);
  const k = numElements(kernel);
  const params = dimPoly(channels).mul(dm).mul(k).add(bias ? dimPoly(channels).mul(dm) : Poly.ZERO);
  return contractionCost(outputs.mul(k), outputs, bias, params, { convention: c.convention });
}
function depthwise(rank) {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      return [joinChannels(c, batch, outSpatial(spatial, geometry(c, rank)), dimMul(channels, num(c.config, "depth_multiplier", 1)))];
    },
    weights(c) {
      const { channels } = splitChannels(c, rank);
      const dm = num(c.config, "depth_multiplier", 1);
      const w = [{ name: "depthwise_kernel", shape: [...geometry(c, rank).kernel, channels, dm], trainable: true }];
      if (bool(c.config, "use_bias", true))
        w.push({ name: "bias", shape: [dimMul(channels, dm)], trainable: true });
      return w;
    },
    cost(c, [o]) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const g = geometry(c, rank);
      return withActivation(c, depthwiseCost(c, batch, channels, num(c.config, "depth_multiplier", 1), outSpatial(spatial, g), g.kernel, bool(c.config, "use_bias", true)), o);
    }
  };
}
function separable(rank) {
  return {
    outputs: (c) => filtersOutput(c, rank),
    weights(c) {
      const { channels } = splitChannels(c, rank);
      const dm = num(c.config, "depth_multiplier", 1);
      const filters = num(c.config, "filters", 0);
      const w = [
        { name: "depthwise_kernel", shape: [...geometry(c, rank).kernel, channels, dm], trainable: true },
        { name: "pointwise_kernel", shape: [...new Array(rank).fill(1), dimMul(channels, dm), filters], trainable: true }
      ];
      if (bool(c.config, "use_bias", true))
        w.push({ name: "bias", shape: [filters], trainable: true });
      return w;
    },
    cost(c, [o]) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const g = geometry(c, rank);
      const out = outSpatial(spatial, g);
      const dm = num(c.config, "depth_multiplier", 1);
      const dw = depthwiseCost(c, batch, channels, dm, out, g.kernel, false);
      const pw = convCost({ batch, inChannels: dimMul(channels, dm), outChannels: num(c.config, "filters", 0), outSpatial: out, kernel: new Array(rank).fill(1), bias: bool(c.config, "use_bias", true) }, { convention: c.convention });
      return withActivation(c, sumCosts(dw, pw), o);
    }
  };
}
var CONV_RULES = {
  Conv1D: conv(1),
  Conv1DTranspose: convTranspose(1),
  Conv2D: conv(2),
  Conv2DTranspose: convTranspose(2),
  Conv3D: conv(3),
  Conv3DTranspose: convTranspose(3),
  DepthwiseConv1D: depthwise(1),
  DepthwiseConv2D: depthwise(2),
  SeparableConv1D: separable(1),
  SeparableConv2D: separable(2)
};

// ../../packages/keras/dist/layers/core.js
var identity = {
  outputs: (c) => [inShape(c)]
};
var dense = {
  outputs(c) {
    const s = inShape(c);
    if (s.length < 2)
      throw new ShapeError(`input 0: expected rank >= 2 ([batch, ..., features]), got rank ${s.length}`);
    return [[...s.slice(0, -1), num(c.config, "units", 0)]];
  },
  weights(c) {
    const units = num(c.config, "units", 0);
    const w = [{ name: "kernel", shape: [last(inShape(c)), units], trainable: true }];
    if (bool(c.config, "use_bias", true))
      w.push({ name: "bias", shape: [units], trainable: true });
    return w;
  },
  cost(c, [out]) {
    const s = inShape(c);
    const cost = gemmCost({ m: dim(numElements(s.slice(0, -1))), k: last(s), n: num(c.config, "units", 0), bias: bool(c.config, "use_bias", true) }, { convention: c.convention });
    return withActivation(c, cost, out);
  }
};
function splitEquation(eq) {
  const m2 = /^([a-zA-Z.]+),([a-zA-Z]+)->([a-zA-Z.]+)$/.exec(eq.replace(/\s+/g, ""));
  if (!m2)
    throw new ShapeError(`config equation ${JSON.stringify(eq)}: expected the form "ab,bc->ac"`);
  return { input: m2[1], kernel: m2[2], output: m2[3] };
}
function einsumSizes(c) {
  const split2 = splitEquation(String(c.config["equation"] ?? ""));
  const s = inShape(c);
  const inLetters = split2.input.replace("...", "");
  const ellRank = split2.input.includes("...") ? s.length - inLetters.length : 0;
  if (s.length !== inLetters.length + ellRank)
    throw new ShapeError(`input 0: equation ${split2.input} needs rank ${inLetters.length}, got rank ${s.length}`);
  const sizes = /* @__PURE__ */ new Map();
  const leftEll = split2.input.startsWith("...");
  const ellipsis = split2.input.includes("...") ? leftEll ? s.slice(0, ellRank) : s.slice(s.length - ellRank) : [];
  const letterDims = leftEll ? s.slice(ellRank) : s.slice(0, s.length - ellRank);
  [...inLetters].forEach((l, i2) => sizes.set(l, letterDims[i2]));
  const rawOut = c.config["output_shape"];
  const outShape = typeof rawOut === "number" ? [rawOut] : Array.isArray(rawOut) ? rawOut : [];
  const outLetters = split2.output.replace("...", "");
  const fromShape = split2.output.includes("...") ? [...outLetters] : [...outLetters].slice(1);
  fromShape.forEach((l, i2) => {
    const v = outShape[i2];
    if (!sizes.has(l) && typeof v === "number")
      sizes.set(l, v);
  });
  for (const l of outLetters)
    if (!sizes.has(l))
      throw new ShapeError(`output axis ${l} has no size (output_shape ${JSON.stringify(rawOut)})`);
  const outDims = [...outLetters].map((l) => sizes.get(l));
  const out = split2.output.startsWith("...") ? [...ellipsis, ...outDims] : split2.output.includes("...") ? [...outDims, ...ellipsis] : outDims;
  return { sizes, ellipsis, split: split2, out };
}
var einsumDense = {
  outputs: (c) => [einsumSizes(c).out],
  weights(c) {
    const { sizes, split: split2 } = einsumSizes(c);
    const kernel = [...split2.kernel].map((l) => sizes.get(l) ?? 1);
    const w = [{ name: "kernel", shape: kernel, trainable: true }];
    const biasAxes = typeof c.config["bias_axes"] === "string" ? c.config["bias_axes"] : "";
    if (biasAxes)
      w.push({ name: "bias", shape: [...biasAxes].map((l) => sizes.get(l) ?? 1), trainable: true });
    return w;
  },
  cost(c, [out]) {
    const { sizes, split: split2 } = einsumSizes(c);
    const kernel = [...split2.kernel].map((l) => sizes.get(l) ?? 1);
    const cost = einsumCost(`${split2.input},${split2.kernel}->${split2.output}`, [inShape(c), kernel], { convention: c.convention });
    return withActivation(c, cost, out);
  }
};
var embedding = {
  outputs: (c) => [[...inShape(c), num(c.config, "output_dim", 0)]],
  weights: (c) => [{ name: "embeddings", shape: [num(c.config, "input_dim", 0), num(c.config, "output_dim", 0)], trainable: true }]
};
function perElement(flopsPerElement, weights) {
  return {
    outputs: (c) => [inShape(c)],
    cost: (c, [out]) => flopsOnly(elements(out).mul(flopsPerElement(c.config))),
    ...weights ? { weights } : {}
  };
}
var activation = {
  outputs: (c) => [inShape(c)],
  cost: (c, [out]) => flopsOnly(activationFlops(c, c.config["activation"], elements(out)))
};
function preluWeights(c) {
  const s = inShape(c).slice(1);
  const raw = c.config["shared_axes"];
  const shared2 = typeof raw === "number" ? [raw] : Array.isArray(raw) ? raw : [];
  return [{ name: "alpha", shape: s.map((d, i2) => shared2.includes(i2 + 1) ? 1 : d), trainable: true }];
}
var flatten = {
  outputs(c) {
    const s = inShape(c);
    return [[s[0], dim(numElements(s.slice(1)))]];
  }
};
var reshape = {
  outputs(c) {
    const s = inShape(c);
    const target = Array.isArray(c.config["target_shape"]) ? c.config["target_shape"] : [];
    const total = numElements(s.slice(1));
    const known = target.filter((d) => typeof d === "number" && d >= 0).reduce((a, b) => a * b, 1);
    const free = target.filter((d) => d === -1 || d === null).length;
    if (free > 1)
      throw new ShapeError(`target_shape ${JSON.stringify(target)} has more than one -1`);
    let fill = 1;
    if (free === 1) {
      if (known === 0)
        throw new ShapeError(`target_shape ${JSON.stringify(target)} has a 0 and a -1`);
      fill = dimFloorDiv(dim(total), known);
      if (total.isConst && Number(total.constValue) % known !== 0)
        throw new ShapeError(`cannot reshape ${fmt(dim(total))} elements per sample into ${JSON.stringify(target)}`);
    } else if (total.isConst && Number(total.constValue) !== known)
      throw new ShapeError(`cannot reshape ${fmt(dim(total))} elements per sample into ${JSON.stringify(target)} (${known} elements)`);
    return [[s[0], ...target.map((d) => d === -1 || d === null ? fill : d)]];
  }
};
var permute = {
  outputs(c) {
    const s = inShape(c);
    const dims = Array.isArray(c.config["dims"]) ? c.config["dims"] : [];
    if (dims.length !== s.length - 1 || !dims.every((d) => d >= 1 && d < s.length))
      throw new ShapeError(`dims ${JSON.stringify(dims)} is not a permutation of 1..${s.length - 1}`);
    return [[s[0], ...dims.map((d) => s[d])]];
  }
};
var repeatVector = {
  outputs(c) {
    const s = inShape(c);
    if (s.length !== 2)
      throw new ShapeError(`input 0: expected rank 2 ([batch, features]), got rank ${s.length}`);
    return [[s[0], num(c.config, "n", 1), s[1]]];
  }
};
var masking = perElement(() => 3);
function reluFlops(cfg) {
  const cap = typeof cfg["max_value"] === "number" ? 1 : 0;
  const slope = typeof cfg["negative_slope"] === "number" && cfg["negative_slope"] !== 0 ? 1 : 0;
  return 1 + cap + slope;
}
var CORE_RULES = {
  Activation: activation,
  ActivityRegularization: identity,
  AlphaDropout: identity,
  Dense: dense,
  Dropout: identity,
  // ELU: comparison, exp, sub, mul = 4.
  ELU: perElement(() => 4),
  EinsumDense: einsumDense,
  Embedding: embedding,
  Flatten: flatten,
  GaussianDropout: identity,
  GaussianNoise: identity,
  Identity: identity,
  // LeakyReLU: comparison + multiply = 2.
  LeakyReLU: perElement(() => 2),
  Masking: masking,
  Permute: permute,
  // PReLU: comparison + multiply = 2.
  PReLU: perElement(() => 2, preluWeights),
  ReLU: perElement(reluFlops),
  RepeatVector: repeatVector,
  Reshape: reshape,
  // Softmax: max, subtract, exp, sum, divide = 5 (docs/cost-conventions.md#softmax).
  Softmax: perElement(() => 5),
  SpatialDropout1D: identity,
  SpatialDropout2D: identity,
  SpatialDropout3D: identity,
  // ThresholdedReLU: one comparison.
  ThresholdedReLU: perElement(() => 1)
};
var NO_COST = { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };

// ../../packages/keras/dist/layers/merge.js
function allShapes(c, min = 2) {
  if (c.inputs.length < min)
    throw new ShapeError(`expected at least ${min} inputs, got ${c.inputs.length}`);
  return c.inputs.map((_, i2) => inShape(c, i2));
}
function broadcastAll(c) {
  const shapes = allShapes(c);
  const r = broadcastShapeList(shapes);
  if (r.conflict)
    throw new ShapeError(`inputs do not match: ${shapes.map((s) => `[${s.map(fmt).join(", ")}]`).join(" vs ")} (axis ${r.conflict.axis}: ${fmt(r.conflict.dims[0])} vs ${fmt(r.conflict.dims[1])})`);
  return r.shape;
}
function elementMerge(perElement3, exactly) {
  return {
    outputs(c) {
      if (exactly !== void 0 && c.inputs.length !== exactly)
        throw new ShapeError(`expected exactly ${exactly} inputs, got ${c.inputs.length}`);
      return [broadcastAll(c)];
    },
    cost: (c, [out]) => flopsOnly(elements(out).mul(perElement3(c.inputs.length)))
  };
}
function concatShape(c, axisValue) {
  const shapes = allShapes(c, 1);
  const rank = shapes[0].length;
  const axis = normAxis(axisValue, rank);
  const out = [...shapes[0]];
  for (const s of shapes.slice(1)) {
    if (s.length !== rank)
      throw new ShapeError(`inputs have different ranks: ${shapes.map((x2) => x2.length).join(", ")}`);
    for (let i2 = 0; i2 < rank; i2++) {
      if (i2 === axis)
        out[i2] = dimAdd(out[i2], s[i2]);
      else {
        const u = unifyDim(out[i2], s[i2]);
        if (u.conflict)
          throw new ShapeError(`inputs do not match on axis ${i2} (concatenating on axis ${axis}): ${fmt(u.conflict[0])} vs ${fmt(u.conflict[1])}`);
        out[i2] = u.dim;
      }
    }
  }
  return out;
}
var concatenate = { outputs: (c) => [concatShape(c, num(c.config, "axis", -1))] };
function dotAxes(c, key, ranks) {
  const raw = c.config[key] ?? -1;
  const list2 = typeof raw === "number" ? [raw, raw] : Array.isArray(raw) ? raw : [-1, -1];
  return [normAxis(list2[0], ranks[0]), normAxis(list2[1] ?? list2[0], ranks[1])];
}
function dotShape(c, key) {
  const [x2, y] = allShapes(c, 2);
  if (c.inputs.length !== 2)
    throw new ShapeError(`expected exactly 2 inputs, got ${c.inputs.length}`);
  const [a, b] = dotAxes(c, key, [x2.length, y.length]);
  if (a === 0 || b === 0)
    throw new ShapeError("cannot contract over the batch axis");
  const u = unifyDim(x2[a], y[b]);
  if (u.conflict)
    throw new ShapeError(`contracted axes differ: ${fmt(x2[a])} (input 0 axis ${a}) vs ${fmt(y[b])} (input 1 axis ${b})`);
  const out = [...x2.filter((_, i2) => i2 !== a), ...y.filter((_, i2) => i2 !== 0 && i2 !== b)];
  return { out: out.length === 1 ? [out[0], 1] : out, contracted: u.dim };
}
function dotRule(key, normalizeKey) {
  return {
    outputs: (c) => [dotShape(c, key).out],
    cost(c) {
      const { out, contracted } = dotShape(c, key);
      const macs = numElements(out).mul(contracted);
      const norm = normalizeKey(c) ? elements(inShape(c, 0)).add(elements(inShape(c, 1))).mul(3) : Poly.ZERO;
      return { macs, flops: macs.mul(2).add(norm), params: Poly.ZERO };
    }
  };
}
var dot = dotRule("axes", (c) => bool(c.config, "normalize", false));
var MERGE_MODES = {
  sum: elementMerge((n) => n - 1),
  mul: elementMerge((n) => n - 1),
  ave: elementMerge((n) => n),
  max: elementMerge((n) => n - 1),
  concat: { outputs: (c) => [concatShape(c, num(c.config, "concat_axis", -1))] },
  dot: dotRule("dot_axes", () => false),
  cos: dotRule("dot_axes", () => true)
};
function mergeRule(c) {
  const mode = str(c.config, "mode", "");
  const r = own(MERGE_MODES, mode);
  if (!r)
    throw new ShapeError(`Merge mode ${JSON.stringify(c.config["mode"])} is not supported (a Python function, or not one of ${Object.keys(MERGE_MODES).join(", ")})`);
  return r;
}
var merge = {
  outputs: (c) => mergeRule(c).outputs(c),
  cost: (c, out) => mergeRule(c).cost?.(c, out) ?? flopsOnly(Poly.ZERO)
};
var MERGE_RULES = {
  Add: elementMerge((n) => n - 1),
  Average: elementMerge((n) => n),
  Concatenate: concatenate,
  Dot: dot,
  Maximum: elementMerge((n) => n - 1),
  Merge: merge,
  Minimum: elementMerge((n) => n - 1),
  Multiply: elementMerge((n) => n - 1),
  Subtract: elementMerge(() => 1, 2)
};

// ../../packages/keras/dist/layers/normalization.js
function axesOf(c, rank, def = -1) {
  const raw = c.config["axis"] ?? def;
  const list2 = typeof raw === "number" ? [raw] : Array.isArray(raw) ? raw : [def];
  return list2.map((a) => normAxis(a, rank));
}
function featureShape(s, axes) {
  return axes.map((a) => s[a]);
}
function affine(c, shape) {
  const w = [];
  if (bool(c.config, "scale", true))
    w.push({ name: "gamma", shape, trainable: true });
  if (bool(c.config, "center", true))
    w.push({ name: "beta", shape, trainable: true });
  return w;
}
var batchNorm = {
  outputs: (c) => [inShape(c)],
  weights(c) {
    const s = inShape(c);
    const shape = featureShape(s, axesOf(c, s.length));
    return [...affine(c, shape), { name: "moving_mean", shape, trainable: false }, { name: "moving_variance", shape, trainable: false }];
  },
  cost(c, [out]) {
    const s = inShape(c);
    return normalizationCost({ kind: "batch", elements: elements(out), channels: dim(numElements(featureShape(s, axesOf(c, s.length)))) });
  }
};
var layerNorm = {
  outputs: (c) => [inShape(c)],
  weights(c) {
    const s = inShape(c);
    const w = affine(c, featureShape(s, axesOf(c, s.length)));
    return bool(c.config, "rms_scaling", false) ? w.filter((x2) => x2.name === "gamma") : w;
  },
  cost(c, [out]) {
    const s = inShape(c);
    const size = numElements(featureShape(s, axesOf(c, s.length)));
    const n = elements(out);
    return normalizationCost({ kind: bool(c.config, "rms_scaling", false) ? "rms" : "layer", elements: n, groups: n.floorDiv(size) });
  }
};
var groupNorm = {
  outputs(c) {
    const s = inShape(c);
    const ch = s[axesOf(c, s.length)[0]];
    const g = num(c.config, "groups", 32);
    if (typeof ch === "number" && g !== -1 && ch % g !== 0)
      throw new ShapeError(`channels ${ch} are not divisible by groups ${g}`);
    return [s];
  },
  weights(c) {
    const s = inShape(c);
    return affine(c, featureShape(s, axesOf(c, s.length)));
  },
  cost(c, [out]) {
    const s = inShape(c);
    const g = num(c.config, "groups", 32);
    const groups = numElements([s[0], g === -1 ? s[axesOf(c, s.length)[0]] : g]);
    return normalizationCost({ kind: "group", elements: elements(out), groups });
  }
};
var unitNorm = {
  outputs: (c) => [inShape(c)],
  cost: (_c, [out]) => flopsOnly(elements(out).mul(3))
};
var NORMALIZATION_RULES = {
  BatchNormalization: batchNorm,
  GroupNormalization: groupNorm,
  LayerNormalization: layerNorm,
  UnitNormalization: unitNorm
};

// ../../packages/keras/dist/layers/pooling.js
function poolGeometry(c, rank) {
  const pool3 = tuple(c.config, "pool_size", rank, 2);
  const strides2 = c.config["strides"] === null || c.config["strides"] === void 0 ? pool3 : tuple(c.config, "strides", rank, pool3);
  const padding = str(c.config, "padding", "valid").toLowerCase();
  if (padding !== "valid" && padding !== "same")
    throw new ShapeError(`config padding ${JSON.stringify(padding)}: expected "valid" or "same"`);
  return { pool: pool3, strides: strides2, padding };
}
function pool(kind, rank) {
  const shapes = (c) => {
    const { batch, spatial, channels } = splitChannels(c, rank);
    const g = poolGeometry(c, rank);
    return { batch, channels, pool: g.pool, out: spatial.map((d, i2) => windowOut(d, g.pool[i2], g.strides[i2], g.padding)) };
  };
  return {
    outputs(c) {
      const { batch, channels, out } = shapes(c);
      return [joinChannels(c, batch, out, channels)];
    },
    cost(c) {
      const { batch, channels, out, pool: k } = shapes(c);
      return poolCost({ kind, batch, channels, outSpatial: out, kernel: k }, { convention: c.convention });
    }
  };
}
function globalPool(kind, rank) {
  return {
    outputs(c) {
      const { batch, channels } = splitChannels(c, rank);
      if (bool(c.config, "keepdims", false))
        return [joinChannels(c, batch, new Array(rank).fill(1), channels)];
      return [[batch, channels]];
    },
    cost(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      return globalPoolCost({ kind, batch, channels, inSpatial: spatial }, { convention: c.convention });
    }
  };
}
var POOLING_RULES = {
  AveragePooling1D: pool("avg", 1),
  AveragePooling2D: pool("avg", 2),
  AveragePooling3D: pool("avg", 3),
  GlobalAveragePooling1D: globalPool("avg", 1),
  GlobalAveragePooling2D: globalPool("avg", 2),
  GlobalAveragePooling3D: globalPool("avg", 3),
  GlobalMaxPooling1D: globalPool("max", 1),
  GlobalMaxPooling2D: globalPool("max", 2),
  GlobalMaxPooling3D: globalPool("max", 3),
  MaxPooling1D: pool("max", 1),
  MaxPooling2D: pool("max", 2),
  MaxPooling3D: pool("max", 3)
};

// ../../packages/keras/dist/layers/preprocessing.js
var normalization = {
  outputs: (c) => [inShape(c)],
  weights(c) {
    if (c.config["mean"] !== null && c.config["mean"] !== void 0)
      return [];
    const s = inShape(c);
    const shape = axesOf(c, s.length).map((a) => s[a]);
    return [
      { name: "mean", shape, trainable: false },
      { name: "variance", shape, trainable: false },
      { name: "count", shape: [], trainable: false, dtype: "int64" }
    ];
  },
  // subtract, divide (the square root is folded into the stored statistics) = 2 per element.
  cost: (_c, [out]) => flopsOnly(elements(out).mul(2))
};
var rescaling = {
  outputs: (c) => [inShape(c)],
  cost: (_c, [out]) => flopsOnly(elements(out).mul(2))
};
function toSize(c) {
  const { batch, channels } = splitChannels(c, 2);
  return joinChannels(c, batch, [num(c.config, "height", 0), num(c.config, "width", 0)], channels);
}
var resizing = {
  outputs: (c) => [toSize(c)],
  cost(c, [out]) {
    const interp = str(c.config, "interpolation", "bilinear");
    return resizeCost({ mode: interp === "nearest" ? "nearest" : interp === "bicubic" ? "cubic" : "linear", outElements: elements(out), spatialRank: 2 });
  }
};
var crop = { outputs: (c) => [toSize(c)] };
var PREPROCESSING_RULES = {
  CenterCrop: crop,
  Normalization: normalization,
  RandomBrightness: identity,
  RandomContrast: identity,
  RandomCrop: crop,
  RandomFlip: identity,
  RandomHeight: identity,
  RandomRotation: identity,
  RandomTranslation: identity,
  RandomWidth: identity,
  RandomZoom: identity,
  Rescaling: rescaling,
  Resizing: resizing
};

// ../../packages/keras/dist/layers/reshaping.js
function pairs(c, key, rank, def) {
  const v = c.config[key] ?? def;
  if (typeof v === "number")
    return new Array(rank).fill(0).map(() => [v, v]);
  if (Array.isArray(v)) {
    if (rank === 1 && v.length === 2 && v.every((x2) => typeof x2 === "number"))
      return [[v[0], v[1]]];
    if (v.length === rank)
      return v.map((x2) => {
        if (typeof x2 === "number")
          return [x2, x2];
        if (Array.isArray(x2) && x2.length === 2 && x2.every((y) => typeof y === "number"))
          return [x2[0], x2[1]];
        throw new ShapeError(`config ${key} = ${JSON.stringify(v)}: expected integers or pairs of integers`);
      });
    if (v.length === 1 && typeof v[0] === "number")
      return new Array(rank).fill(0).map(() => [v[0], v[0]]);
  }
  throw new ShapeError(`config ${key} = ${JSON.stringify(v)}: expected an integer, ${rank} integers or ${rank} pairs`);
}
function cropping(rank) {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const p = pairs(c, "cropping", rank, 0);
      const out = spatial.map((d, i2) => {
        const cut2 = p[i2][0] + p[i2][1];
        if (typeof d === "number" && d - cut2 <= 0)
          throw new ShapeError(`cropping ${cut2} from axis of size ${fmt(d)} leaves nothing`);
        return dim(dimPoly(d).sub(cut2));
      });
      return [joinChannels(c, batch, out, channels)];
    }
  };
}
function zeroPadding(rank) {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const p = pairs(c, "padding", rank, 1);
      return [joinChannels(c, batch, spatial.map((d, i2) => dim(dimPoly(d).add(p[i2][0] + p[i2][1]))), channels)];
    }
  };
}
function upSampling(rank) {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const size = tuple(c.config, rank === 1 ? "size" : "size", rank, 2);
      return [joinChannels(c, batch, spatial.map((d, i2) => dimMul(d, size[i2])), channels)];
    },
    cost(c, [out]) {
      const interp = str(c.config, "interpolation", "nearest");
      return resizeCost({ mode: interp === "nearest" ? "nearest" : interp === "bicubic" ? "cubic" : "linear", outElements: elements(out), spatialRank: rank });
    }
  };
}
var RESHAPING_RULES = {
  Cropping1D: cropping(1),
  Cropping2D: cropping(2),
  Cropping3D: cropping(3),
  UpSampling1D: upSampling(1),
  UpSampling2D: upSampling(2),
  UpSampling3D: upSampling(3),
  ZeroPadding1D: zeroPadding(1),
  ZeroPadding2D: zeroPadding(2),
  ZeroPadding3D: zeroPadding(3)
};

// ../../packages/keras/dist/layers/rnn.js
function resetAfter(c) {
  return bool(c.config, "reset_after", !c.legacy);
}
var CELLS = {
  LSTM: { cell: "lstm", gates: 4, states: 2, biasVectors: (c) => bool(c.config, "use_bias", true) ? 1 : 0 },
  GRU: { cell: "gru", gates: 3, states: 1, biasVectors: (c) => bool(c.config, "use_bias", true) ? resetAfter(c) ? 2 : 1 : 0 },
  SimpleRNN: { cell: "rnn", gates: 1, states: 1, biasVectors: (c) => bool(c.config, "use_bias", true) ? 1 : 0 },
  CuDNNLSTM: { cell: "lstm", gates: 4, states: 2, biasVectors: () => 2 },
  CuDNNGRU: { cell: "gru", gates: 3, states: 1, biasVectors: () => 2 }
};
function recurrent(spec) {
  return {
    outputs(c) {
      const [batch, steps] = inRank(c, 3, "[batch, timesteps, features]");
      const units = num(c.config, "units", 0);
      const y = bool(c.config, "return_sequences", false) ? [batch, steps, units] : [batch, units];
      const states = bool(c.config, "return_state", false) ? new Array(spec.states).fill(0).map(() => [batch, units]) : [];
      return [y, ...states];
    },
    outputCount: (c) => 1 + (bool(c.config, "return_state", false) ? spec.states : 0),
    weights(c) {
      const s = inRank(c, 3, "[batch, timesteps, features]");
      const units = num(c.config, "units", 0);
      const g = spec.gates * units;
      const w = [
        { name: "kernel", shape: [s[2], g], trainable: true },
        { name: "recurrent_kernel", shape: [units, g], trainable: true }
      ];
      const bv = spec.biasVectors(c);
      if (bv)
        w.push({ name: "bias", shape: bv === 1 ? [g] : [bv, g], trainable: true });
      return w;
    },
    cost(c) {
      const [batch, steps, features2] = inRank(c, 3, "[batch, timesteps, features]");
      return rnnCost({ cell: spec.cell, seqLen: steps, batch, inputSize: features2, hiddenSize: num(c.config, "units", 0), biasVectors: spec.biasVectors(c) }, { convention: c.convention });
    }
  };
}
function convLstm(rank) {
  const shapes = (c) => {
    const first = channelsFirst(c.config);
    const s = inRank(c, rank + 3, first ? "[batch, time, channels, ...spatial]" : "[batch, time, ...spatial, channels]");
    const spatial = first ? s.slice(3) : s.slice(2, -1);
    const channels = first ? s[2] : s[s.length - 1];
    const kernel = tuple(c.config, "kernel_size", rank, 1);
    const strides2 = tuple(c.config, "strides", rank, 1);
    const dilation = tuple(c.config, "dilation_rate", rank, 1);
    const padding = str(c.config, "padding", "valid");
    const out = spatial.map((d, i2) => windowOut(d, kernel[i2], strides2[i2], padding, dilation[i2]));
    return { batch: s[0], steps: s[1], channels, kernel, out };
  };
  return {
    outputs(c) {
      const { batch, steps, out } = shapes(c);
      const f = num(c.config, "filters", 0);
      const frame = joinChannels(c, batch, out, f);
      const y = bool(c.config, "return_sequences", false) ? [frame[0], steps, ...frame.slice(1)] : frame;
      return bool(c.config, "return_state", false) ? [y, frame, frame] : [y];
    },
    outputCount: (c) => bool(c.config, "return_state", false) ? 3 : 1,
    weights(c) {
      const { channels, kernel } = shapes(c);
      const f = num(c.config, "filters", 0);
      const w = [
        { name: "kernel", shape: [...kernel, channels, 4 * f], trainable: true },
        { name: "recurrent_kernel", shape: [...kernel, f, 4 * f], trainable: true }
      ];
      if (bool(c.config, "use_bias", true))
        w.push({ name: "bias", shape: [4 * f], trainable: true });
      return w;
    },
    cost(c) {
      const { batch, steps, channels, kernel, out } = shapes(c);
      const f = num(c.config, "filters", 0);
      const bias = bool(c.config, "use_bias", true);
      const perStep = sumCosts(
        convCost({ batch, inChannels: channels, outChannels: 4 * f, outSpatial: out, kernel, bias }, { convention: c.convention }),
        // The recurrent convolution runs with 'same' padding and stride 1 over the output grid.
        convCost({ batch, inChannels: f, outChannels: 4 * f, outSpatial: out, kernel, bias: false }, { convention: c.convention })
      );
      const cell = numElements([batch, f, ...out]).mul(18);
      return { macs: perStep.macs.mul(steps), flops: perStep.flops.add(cell).mul(steps), params: perStep.params };
    }
  };
}
var RNN_RULES = {
  ConvLSTM1D: convLstm(1),
  ConvLSTM2D: convLstm(2),
  ConvLSTM3D: convLstm(3),
  CuDNNGRU: recurrent(CELLS["CuDNNGRU"]),
  CuDNNLSTM: recurrent(CELLS["CuDNNLSTM"]),
  GRU: recurrent(CELLS["GRU"]),
  LSTM: recurrent(CELLS["LSTM"]),
  SimpleRNN: recurrent(CELLS["SimpleRNN"])
};

// ../../packages/keras/dist/layers/wrappers.js
function innerCall(c, key, inputs = c.inputs) {
  const spec = nested(c.config, key);
  if (!spec)
    throw new ShapeError(`config ${key} is missing: expected the wrapped layer's {class_name, config}`);
  const rule = c.rule(spec.className);
  if (!rule)
    throw new ShapeError(`wrapped layer class ${spec.className} has no modelcost rule`);
  return { call: { ...c, className: spec.className, config: spec.config, inputs }, rule };
}
function folded(c) {
  const s = inShape(c);
  if (s.length < 3)
    throw new ShapeError(`input 0: expected rank >= 3 ([batch, time, ...]), got rank ${s.length}`);
  const inner = innerCall(c, "layer", [{ shape: [dimMul(s[0], s[1]), ...s.slice(2)], dtype: c.inputs[0].dtype }]);
  return { ...inner, batch: s[0], steps: s[1] };
}
var timeDistributed = {
  outputs(c) {
    const { call, rule, batch, steps } = folded(c);
    return rule.outputs(call).map((o) => [batch, steps, ...o.slice(1)]);
  },
  weights(c) {
    const { call, rule } = folded(c);
    return rule.weights?.(call) ?? [];
  },
  cost(c) {
    const { call, rule } = folded(c);
    const outs = rule.outputs(call);
    return rule.cost?.(call, outs) ?? { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
  }
};
function directions(c) {
  const fwd = innerCall(c, "layer", c.inputs.slice(0, 1));
  const bwd = nested(c.config, "backward_layer") ? innerCall(c, "backward_layer", c.inputs.slice(0, 1)) : fwd;
  return { fwd, bwd };
}
var MERGE_FLOPS = { concat: 0, sum: 1, mul: 1, ave: 2, none: 0 };
function mergeMode(c) {
  const m2 = c.config["merge_mode"];
  const mode = m2 === null ? "none" : str(c.config, "merge_mode", "concat");
  if (!(mode in MERGE_FLOPS))
    throw new ShapeError(`merge_mode ${JSON.stringify(m2)}: expected concat, sum, mul, ave or null`);
  return mode;
}
var bidirectional = {
  outputs(c) {
    const { fwd, bwd } = directions(c);
    const [yf, ...sf] = fwd.rule.outputs(fwd.call);
    const [yb, ...sb] = bwd.rule.outputs(bwd.call);
    const mode = mergeMode(c);
    if (mode === "none")
      return [yf, yb, ...sf, ...sb];
    if (mode === "concat")
      return [[...yf.slice(0, -1), dimMulAdd(yf, yb)], ...sf, ...sb];
    return [yf, ...sf, ...sb];
  },
  outputCount(c) {
    const { fwd, bwd } = directions(c);
    const n = (d) => d.rule.outputCount?.(d.call) ?? 1;
    return n(fwd) + n(bwd) - (mergeMode(c) === "none" ? 0 : 1);
  },
  weights(c) {
    const { fwd, bwd } = directions(c);
    const tag = (prefix2, ws) => ws.map((w) => ({ ...w, name: `${prefix2}/${w.name}` }));
    return [...tag("forward", fwd.rule.weights?.(fwd.call) ?? []), ...tag("backward", bwd.rule.weights?.(bwd.call) ?? [])];
  },
  cost(c, outs) {
    const { fwd, bwd } = directions(c);
    const one = (d) => d.rule.cost?.(d.call, d.rule.outputs(d.call)) ?? { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
    const mode = mergeMode(c);
    const y = mode === "none" ? void 0 : outs[0];
    const merge2 = y && MERGE_FLOPS[mode] ? elements(y).mul(MERGE_FLOPS[mode]) : Poly.ZERO;
    const both = sumCosts(one(fwd), one(bwd));
    return { ...both, flops: both.flops.add(merge2) };
  }
};
function dimMulAdd(a, b) {
  return dimAdd(a[a.length - 1], b[b.length - 1]);
}
var WRAPPER_RULES = {
  Bidirectional: bidirectional,
  TimeDistributed: timeDistributed
};

// ../../packages/keras/dist/layers/index.js
var LAYER_RULES = {
  Activation: CORE_RULES["Activation"],
  ActivityRegularization: CORE_RULES["ActivityRegularization"],
  Add: MERGE_RULES["Add"],
  AdditiveAttention: ATTENTION_RULES["AdditiveAttention"],
  AlphaDropout: CORE_RULES["AlphaDropout"],
  AtrousConvolution1D: CONV_RULES["Conv1D"],
  // Keras 1
  AtrousConvolution2D: CONV_RULES["Conv2D"],
  // Keras 1
  Attention: ATTENTION_RULES["Attention"],
  Average: MERGE_RULES["Average"],
  AveragePooling1D: POOLING_RULES["AveragePooling1D"],
  AveragePooling2D: POOLING_RULES["AveragePooling2D"],
  AveragePooling3D: POOLING_RULES["AveragePooling3D"],
  AvgPool1D: POOLING_RULES["AveragePooling1D"],
  AvgPool2D: POOLING_RULES["AveragePooling2D"],
  AvgPool3D: POOLING_RULES["AveragePooling3D"],
  BatchNormalization: NORMALIZATION_RULES["BatchNormalization"],
  Bidirectional: WRAPPER_RULES["Bidirectional"],
  CenterCrop: PREPROCESSING_RULES["CenterCrop"],
  Concatenate: MERGE_RULES["Concatenate"],
  Conv1D: CONV_RULES["Conv1D"],
  Conv1DTranspose: CONV_RULES["Conv1DTranspose"],
  Conv2D: CONV_RULES["Conv2D"],
  Conv2DTranspose: CONV_RULES["Conv2DTranspose"],
  Conv3D: CONV_RULES["Conv3D"],
  Conv3DTranspose: CONV_RULES["Conv3DTranspose"],
  ConvLSTM1D: RNN_RULES["ConvLSTM1D"],
  ConvLSTM2D: RNN_RULES["ConvLSTM2D"],
  ConvLSTM3D: RNN_RULES["ConvLSTM3D"],
  Convolution1D: CONV_RULES["Conv1D"],
  // Keras 1
  Convolution2D: CONV_RULES["Conv2D"],
  // Keras 1
  Convolution2DTranspose: CONV_RULES["Conv2DTranspose"],
  Convolution3D: CONV_RULES["Conv3D"],
  // Keras 1
  Cropping1D: RESHAPING_RULES["Cropping1D"],
  Cropping2D: RESHAPING_RULES["Cropping2D"],
  Cropping3D: RESHAPING_RULES["Cropping3D"],
  CuDNNGRU: RNN_RULES["CuDNNGRU"],
  CuDNNLSTM: RNN_RULES["CuDNNLSTM"],
  Deconvolution2D: CONV_RULES["Conv2DTranspose"],
  // Keras 1
  Deconvolution3D: CONV_RULES["Conv3DTranspose"],
  // Keras 1
  Dense: CORE_RULES["Dense"],
  DepthwiseConv1D: CONV_RULES["DepthwiseConv1D"],
  DepthwiseConv2D: CONV_RULES["DepthwiseConv2D"],
  Dot: MERGE_RULES["Dot"],
  Dropout: CORE_RULES["Dropout"],
  ELU: CORE_RULES["ELU"],
  EinsumDense: CORE_RULES["EinsumDense"],
  Embedding: CORE_RULES["Embedding"],
  Flatten: CORE_RULES["Flatten"],
  GRU: RNN_RULES["GRU"],
  GaussianDropout: CORE_RULES["GaussianDropout"],
  GaussianNoise: CORE_RULES["GaussianNoise"],
  GlobalAveragePooling1D: POOLING_RULES["GlobalAveragePooling1D"],
  GlobalAveragePooling2D: POOLING_RULES["GlobalAveragePooling2D"],
  GlobalAveragePooling3D: POOLING_RULES["GlobalAveragePooling3D"],
  GlobalAvgPool1D: POOLING_RULES["GlobalAveragePooling1D"],
  GlobalAvgPool2D: POOLING_RULES["GlobalAveragePooling2D"],
  GlobalAvgPool3D: POOLING_RULES["GlobalAveragePooling3D"],
  GlobalMaxPool1D: POOLING_RULES["GlobalMaxPooling1D"],
  GlobalMaxPool2D: POOLING_RULES["GlobalMaxPooling2D"],
  GlobalMaxPool3D: POOLING_RULES["GlobalMaxPooling3D"],
  GlobalMaxPooling1D: POOLING_RULES["GlobalMaxPooling1D"],
  GlobalMaxPooling2D: POOLING_RULES["GlobalMaxPooling2D"],
  GlobalMaxPooling3D: POOLING_RULES["GlobalMaxPooling3D"],
  GroupNormalization: NORMALIZATION_RULES["GroupNormalization"],
  Identity: CORE_RULES["Identity"],
  LSTM: RNN_RULES["LSTM"],
  LayerNormalization: NORMALIZATION_RULES["LayerNormalization"],
  LeakyReLU: CORE_RULES["LeakyReLU"],
  Masking: CORE_RULES["Masking"],
  MaxPool1D: POOLING_RULES["MaxPooling1D"],
  MaxPool2D: POOLING_RULES["MaxPooling2D"],
  MaxPool3D: POOLING_RULES["MaxPooling3D"],
  MaxPooling1D: POOLING_RULES["MaxPooling1D"],
  MaxPooling2D: POOLING_RULES["MaxPooling2D"],
  MaxPooling3D: POOLING_RULES["MaxPooling3D"],
  Maximum: MERGE_RULES["Maximum"],
  Merge: MERGE_RULES["Merge"],
  // Keras 1
  Minimum: MERGE_RULES["Minimum"],
  MultiHeadAttention: ATTENTION_RULES["MultiHeadAttention"],
  Multiply: MERGE_RULES["Multiply"],
  Normalization: PREPROCESSING_RULES["Normalization"],
  PReLU: CORE_RULES["PReLU"],
  Permute: CORE_RULES["Permute"],
  RandomBrightness: PREPROCESSING_RULES["RandomBrightness"],
  RandomContrast: PREPROCESSING_RULES["RandomContrast"],
  RandomCrop: PREPROCESSING_RULES["RandomCrop"],
  RandomFlip: PREPROCESSING_RULES["RandomFlip"],
  RandomHeight: PREPROCESSING_RULES["RandomHeight"],
  RandomRotation: PREPROCESSING_RULES["RandomRotation"],
  RandomTranslation: PREPROCESSING_RULES["RandomTranslation"],
  RandomWidth: PREPROCESSING_RULES["RandomWidth"],
  RandomZoom: PREPROCESSING_RULES["RandomZoom"],
  ReLU: CORE_RULES["ReLU"],
  RepeatVector: CORE_RULES["RepeatVector"],
  Rescaling: PREPROCESSING_RULES["Rescaling"],
  Reshape: CORE_RULES["Reshape"],
  Resizing: PREPROCESSING_RULES["Resizing"],
  SeparableConv1D: CONV_RULES["SeparableConv1D"],
  SeparableConv2D: CONV_RULES["SeparableConv2D"],
  SeparableConvolution1D: CONV_RULES["SeparableConv1D"],
  SeparableConvolution2D: CONV_RULES["SeparableConv2D"],
  // Keras 1
  SimpleRNN: RNN_RULES["SimpleRNN"],
  Softmax: CORE_RULES["Softmax"],
  SpatialDropout1D: CORE_RULES["SpatialDropout1D"],
  SpatialDropout2D: CORE_RULES["SpatialDropout2D"],
  SpatialDropout3D: CORE_RULES["SpatialDropout3D"],
  Subtract: MERGE_RULES["Subtract"],
  ThresholdedReLU: CORE_RULES["ThresholdedReLU"],
  TimeDistributed: WRAPPER_RULES["TimeDistributed"],
  UnitNormalization: NORMALIZATION_RULES["UnitNormalization"],
  UpSampling1D: RESHAPING_RULES["UpSampling1D"],
  UpSampling2D: RESHAPING_RULES["UpSampling2D"],
  UpSampling3D: RESHAPING_RULES["UpSampling3D"],
  ZeroPadding1D: RESHAPING_RULES["ZeroPadding1D"],
  ZeroPadding2D: RESHAPING_RULES["ZeroPadding2D"],
  ZeroPadding3D: RESHAPING_RULES["ZeroPadding3D"]
};
function ruleFor(className) {
  return Object.prototype.hasOwnProperty.call(LAYER_RULES, className) ? LAYER_RULES[className] : void 0;
}

// ../../packages/keras/dist/graph.js
var KERAS_DTYPES = {
  float16: "float16",
  float32: "float32",
  float64: "float64",
  bfloat16: "bfloat16",
  half: "float16",
  float: "float32",
  double: "float64",
  int8: "int8",
  int16: "int16",
  int32: "int32",
  int64: "int64",
  uint8: "uint8",
  uint16: "uint16",
  uint32: "uint32",
  uint64: "uint64",
  bool: "bool",
  string: "string",
  complex64: "complex64",
  complex128: "complex128"
};
function parsePolicy(v) {
  let name = v;
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const cfg = v["config"];
    name = cfg && typeof cfg === "object" ? cfg["name"] : void 0;
  }
  if (typeof name !== "string")
    return void 0;
  const mixed = /^mixed_(\w+)$/.exec(name);
  if (mixed)
    return { compute: mixed[1], variable: "float32" };
  return { compute: name, variable: name };
}
function dtypeBits(dtype) {
  return DTYPE_BITS[own(KERAS_DTYPES, dtype) ?? "float32"];
}
function bytesOf(elements2, dtype) {
  const bits2 = dtypeBits(dtype);
  return bits2 % 8 === 0 ? elements2.mul(bits2 / 8) : elements2.mul(bits2).ceilDiv(8);
}
function tensorBytes2(t) {
  return t.bytes ?? (t.shape ? bytesOf(numElements(t.shape), t.dtype) : Poly.ZERO);
}
var isFloat = (d) => d.startsWith("float") || d === "bfloat16" || d === "half" || d === "double";
function symbolName(s) {
  const t = s.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(t) ? t : `_${t}`;
}
var NO_KWARGS = Object.freeze({});
var ZERO_COST2 = { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
var unknownTensor = (name) => ({ name, shape: void 0, dtype: "float32" });
var STATUS_RANK = { ok: 0, "unknown-shape": 1, error: 2, unsupported: 3 };
var Walker = class {
  opts;
  calls = [];
  nestedMemo = /* @__PURE__ */ new Map();
  ruleCache = /* @__PURE__ */ new Map();
  budget;
  weights = [];
  diagnostics = [];
  layerWeights = /* @__PURE__ */ new Map();
  callCounts = /* @__PURE__ */ new Map();
  usedInputOptions = /* @__PURE__ */ new Set();
  topInputs = [];
  constructor(opts) {
    this.opts = opts;
    this.budget = opts.budget ?? new WorkBudget({}, opts.file);
  }
  diag(severity, code, message, node) {
    this.diagnostics.push({ severity, code, ...node !== void 0 ? { node } : {}, message });
  }
  result(outputs) {
    const known = this.topInputs.map((t) => t.name);
    for (const name of Object.keys(this.opts.inputs ?? {}))
      if (!this.usedInputOptions.has(name))
        throw new KerasImportError(this.opts.file, "bad-option", MESSAGES.badInputOption(this.opts.file, name, known));
    return { inputs: this.topInputs, outputs, calls: this.calls, weights: this.weights, diagnostics: this.diagnostics };
  }
  /** A top-level input from its InputLayer config (`batch_input_shape` / `batch_shape`); nulls become symbols. */
  inputTensor(layer) {
    const override = this.opts.inputs?.[layer.name];
    const policy = parsePolicy(layer.config["dtype"]);
    const dtype = policy?.compute ?? "float32";
    if (override) {
      this.usedInputOptions.add(layer.name);
      return { name: layer.name, shape: [...override], dtype };
    }
    const raw = layer.config["batch_input_shape"] ?? layer.config["batch_shape"] ?? layer.config["batchInputShape"];
    if (!Array.isArray(raw)) {
      this.diag("warning", "no-input-shape", MESSAGES.noInputShape(layer.name), layer.name);
      return { name: layer.name, shape: void 0, dtype };
    }
    const shape = raw.map((d, i2) => typeof d === "number" && d >= 0 ? d : i2 === 0 ? symDim("batch") : symDim(`${symbolName(layer.name)}_dim${i2}`));
    return { name: layer.name, shape, dtype };
  }
  /** Run a model on bound inputs (nested) or on its own InputLayers (top level). */
  runModel(model, bound, prefix2, trainable) {
    const file = this.opts.file;
    const first = /* @__PURE__ */ new Map();
    const later = /* @__PURE__ */ new Map();
    const get = (t) => t.index === 0 ? first.get(t.layer) : later.get(t.layer)?.[t.index];
    const set = (t, outs) => {
      if (t.index === 0) {
        first.set(t.layer, outs);
        return;
      }
      let list2 = later.get(t.layer);
      if (!list2)
        later.set(t.layer, list2 = []);
      list2[t.index] = outs;
    };
    const byName = new Map(model.layers.map((l) => [l.name, l]));
    const isSource = (l) => l.className === "InputLayer" && l.calls.length === 0;
    const target = (r, io, who) => {
      const layer = byName.get(r.layer);
      if (!layer)
        throw new KerasImportError(file, "bad-config", MESSAGES.unknownRef(file, who, `[${quote(r.layer)}, ${r.node}, ${r.tensor}]`));
      if (isSource(layer))
        return { layer, index: 0 };
      const offset = (io ? layer.callOffset?.io : layer.callOffset?.inbound) ?? 0;
      const index = r.node - offset;
      if (!layer.calls[index])
        throw new KerasImportError(file, "bad-config", MESSAGES.unknownRef(file, who, `call ${r.node} of layer ${quote(r.layer)} (it has ${layer.calls.length}${offset ? `, numbered from ${offset}` : ""})`));
      return { layer, index };
    };
    if (bound) {
      if (bound.length !== model.inputs.length)
        this.diag("error", "nested-inputs", `model ${quote(model.name)} takes ${model.inputs.length} inputs, called with ${bound.length}`, prefix2.replace(/\/$/, ""));
      model.inputs.forEach((r, i2) => set(target(r, true, "input_layers"), [bound[i2]]));
    } else {
      for (const r of model.inputs) {
        const t = target(r, true, "input_layers");
        if (!get(t)) {
          const x2 = this.inputTensor(t.layer);
          this.topInputs.push(x2);
          set(t, [x2]);
        }
      }
    }
    const stack = [];
    const waitKey = /* @__PURE__ */ new Map();
    const isWaiting = (t) => waitKey.get(t.layer)?.has(t.index) === true;
    const wait = (t, on) => {
      let w = waitKey.get(t.layer);
      if (!on) {
        w?.delete(t.index);
        return;
      }
      if (!w)
        waitKey.set(t.layer, w = /* @__PURE__ */ new Set());
      w.add(t.index);
    };
    const produce = (start) => {
      stack.push(start);
      while (stack.length) {
        const top = stack[stack.length - 1];
        if (get(top)) {
          stack.pop();
          continue;
        }
        if (isSource(top.layer)) {
          const x2 = this.inputTensor(top.layer);
          if (!bound)
            this.topInputs.push(x2);
          set(top, [x2]);
          stack.pop();
          continue;
        }
        const call = top.layer.calls[top.index];
        let pending = false;
        for (const r of call.args)
          pending = this.push(stack, target(r, false, top.layer.name), get, isWaiting, top, file) || pending;
        for (const rs of Object.values(call.kwargRefs))
          for (const r of rs)
            pending = this.push(stack, target(r, false, top.layer.name), get, isWaiting, top, file) || pending;
        if (pending) {
          wait(top, true);
          continue;
        }
        const resolve = (r) => get(target(r, false, top.layer.name))[r.tensor];
        const args = call.args.map(resolve);
        const kw = dict();
        for (const [name, rs] of Object.entries(call.kwargRefs))
          kw[name] = rs.map(resolve);
        set(top, this.runCall(top.layer, call, args, kw, prefix2, trainable));
        wait(top, false);
        stack.pop();
      }
      return get(start);
    };
    for (const l of model.layers) {
      if (isSource(l))
        continue;
      for (let i2 = 0; i2 < l.calls.length; i2++)
        produce({ layer: l, index: i2 });
    }
    return model.outputs.map((r) => {
      const t = produce(target(r, true, "output_layers"))[r.tensor];
      return t ?? { name: `${prefix2}${r.layer}:${r.tensor}`, shape: void 0, dtype: "float32" };
    });
  }
  /** Push `dep` when it has not run yet; a dependency that is itself waiting (or the caller) is a cycle. */
  push(stack, dep, get, isWaiting, from, file) {
    if (get(dep))
      return false;
    if (isWaiting(dep) || dep.layer === from.layer && dep.index === from.index)
      throw new KerasImportError(file, "bad-config", MESSAGES.cycle(file, from.layer.name));
    stack.push(dep);
    return true;
  }
  /**
   * A call of a nested model. Its first call on inputs of given shapes and dtypes expands its layers
   * (`call/layer` nodes); a later call on inputs of the same signature reuses that analysis: one node
   * holding its whole cost (its layers were built by the first call, so it adds no weights). Work is
   * then proportional to the file, not to the unrolled program (a model reusing a nested model 10
   * times per level over 9 levels would otherwise expand 10^9 layer calls).
   */
  runNested(layer, model, args, nodeName, trainable) {
    const signature = args.map((t) => `${t.dtype}${t.shape ? `[${t.shape.map((d) => dimToString(d)).join(",")}]` : "?"}`).join(";");
    let memos = this.nestedMemo.get(model);
    if (!memos)
      this.nestedMemo.set(model, memos = /* @__PURE__ */ new Map());
    const hit = memos.get(signature);
    if (hit) {
      if (!hit.reported) {
        hit.reported = true;
        this.diag("info", "nested-call-reused", MESSAGES.nestedReused(nodeName, model.name, hit.first), nodeName);
      }
      const outputs = hit.outputs.map((t, i2) => ({ name: i2 === 0 ? nodeName : `${nodeName}:${i2}`, shape: t?.shape, dtype: t?.dtype ?? "float32" }));
      this.calls.push({
        name: nodeName,
        layer: layer.name,
        className: layer.className,
        inputs: args,
        outputs,
        weights: [],
        params: Poly.ZERO,
        bytesRead: hit.bytesRead,
        bytesWritten: hit.bytesWritten,
        cost: { macs: hit.macs, flops: hit.flops, params: Poly.ZERO },
        status: hit.status
      });
      return outputs;
    }
    const start = this.calls.length;
    const outs = this.budget.nested(`nested model ${nodeName}`, () => this.runModel(model, args, `${nodeName}/`, trainable));
    const memo = { first: nodeName, outputs: outs, macs: Poly.ZERO, flops: Poly.ZERO, bytesRead: Poly.ZERO, bytesWritten: Poly.ZERO, status: "ok", reported: false };
    const macs = new PolySum();
    const flops = new PolySum();
    const read = new PolySum();
    const written = new PolySum();
    for (let i2 = start; i2 < this.calls.length; i2++) {
      const c = this.calls[i2];
      if (c.cost) {
        macs.add(c.cost.macs);
        flops.add(c.cost.flops);
        read.add(c.bytesRead);
        written.add(c.bytesWritten);
      }
      if (STATUS_RANK[c.status] > STATUS_RANK[memo.status])
        memo.status = c.status;
    }
    memo.macs = macs.value;
    memo.flops = flops.value;
    memo.bytesRead = read.value;
    memo.bytesWritten = written.value;
    memos.set(signature, memo);
    return outs;
  }
  runCall(layer, call, rawArgs, rawKw, prefix2, trainable) {
    const args = rawArgs.every((t) => t !== void 0) ? rawArgs : rawArgs.map((t, i2) => t ?? unknownTensor(`?${i2}`));
    let kwargInputs = NO_KWARGS;
    let inputsAll = args;
    for (const k in rawKw) {
      if (kwargInputs === NO_KWARGS)
        kwargInputs = dict();
      kwargInputs[k] = rawKw[k].map((t, i2) => t ?? unknownTensor(`?${k}${i2}`));
    }
    if (kwargInputs !== NO_KWARGS)
      inputsAll = [...args, ...Object.values(kwargInputs).flat()];
    const base = prefix2 ? `${prefix2}${layer.name}` : layer.name;
    let count = 0;
    if (layer.calls.length > 1) {
      count = this.callCounts.get(base) ?? 0;
      this.callCounts.set(base, count + 1);
    }
    const nodeName = count === 0 ? base : `${base}#${count + 1}`;
    const layerTrainable = trainable && layer.config["trainable"] !== false;
    this.budget.node(1, nodeName);
    if (layer.model)
      return this.runNested(layer, layer.model, args, nodeName, layerTrainable && layer.model.trainable);
    const policy = layer.config["dtype"] === void 0 ? void 0 : parsePolicy(layer.config["dtype"]);
    const inDtype = args[0]?.dtype ?? "float32";
    const computeDtype = policy?.compute ?? (isFloat(inDtype) ? inDtype : "float32");
    const variableDtype = policy?.variable ?? "float32";
    if (policy && !(policy.compute in KERAS_DTYPES))
      this.diag("warning", "unknown-dtype", MESSAGES.unknownDType(nodeName, policy.compute), nodeName);
    const rule = ruleFor(layer.className);
    const ctx = {
      className: layer.className,
      name: nodeName,
      config: layer.config,
      inputs: args,
      kwargInputs,
      kwargs: call.kwargs,
      convention: this.opts.convention,
      legacy: this.opts.legacy,
      rule: ruleFor,
      diag: (severity, code, message) => this.diag(severity, code, message, nodeName)
    };
    const site = { layer, nodeName, computeDtype, inputs: inputsAll };
    if (!rule) {
      this.diag("warning", "unsupported-layer", MESSAGES.unsupportedLayer(layer.className, layer.name), nodeName);
      return this.record(site, { outputs: this.outTensors(site, [void 0]), weights: [], params: void 0, status: "unsupported" });
    }
    const built = this.layerWeights.has(layer);
    const key = this.ruleKey(layer, call, inputsAll, kwargInputs);
    const hit = key === void 0 ? void 0 : this.ruleCache.get(key);
    if (hit && (built || hit.weights))
      return this.reuseRule(site, hit, base, layerTrainable, built);
    const diagnosticsBefore = this.diagnostics.length;
    let weights = [];
    let specs = [];
    let params = Poly.ZERO;
    if (!built) {
      try {
        specs = rule.weights?.(ctx) ?? [];
        weights = specs.map((w) => this.weight(base, w, variableDtype, layerTrainable));
        for (const w of weights)
          params = params.add(w.elements);
      } catch (e2) {
        if (e2 instanceof UnknownShapeError) {
          params = void 0;
          this.diag("warning", "params-unknown", MESSAGES.paramsUnknown(nodeName), nodeName);
        } else if (e2 instanceof ShapeError) {
          params = void 0;
          this.diag("error", "shape-mismatch", MESSAGES.shapeError(layer.className, nodeName, e2.message), nodeName);
          return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: "error" });
        } else
          throw e2;
      }
    }
    if (inputsAll.some((t) => !t.shape)) {
      this.diag("info", "unknown-shape", MESSAGES.unknownShape(nodeName), nodeName);
      return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: "unknown-shape" });
    }
    try {
      const shapes = rule.outputs(ctx);
      const cost = rule.cost?.(ctx, shapes) ?? ZERO_COST2;
      const outputs = this.outTensors(site, shapes);
      const recorded = this.record(site, { outputs, weights, params, cost: { macs: cost.macs, flops: cost.flops, params: params ?? Poly.ZERO }, status: "ok" });
      if (key !== void 0 && params !== void 0 && this.diagnostics.length === diagnosticsBefore && !this.ruleCache.has(key)) {
        const c = this.calls[this.calls.length - 1];
        this.ruleCache.set(key, {
          shapes,
          outBytes: outputs.map((t) => t.bytes ?? Poly.ZERO),
          macs: cost.macs,
          flops: cost.flops,
          io: { read: c.bytesRead, written: c.bytesWritten },
          ...built ? {} : { weights: weights.map((w, i2) => ({ name: specs[i2].name, shape: w.shape, dtype: w.dtype, specTrainable: specs[i2].trainable, elements: w.elements, bytes: w.bytes })), params }
        });
      }
      return recorded;
    } catch (e2) {
      if (e2 instanceof ShapeError || e2 instanceof RangeError) {
        this.diag("error", "shape-mismatch", MESSAGES.shapeError(layer.className, nodeName, e2.message), nodeName);
        return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: "error" });
      }
      if (e2 instanceof UnknownShapeError) {
        this.diag("info", "unknown-shape", MESSAGES.unknownShape(nodeName), nodeName);
        return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: "unknown-shape" });
      }
      throw e2;
    }
  }
  /**
   * The key under which a call's rule result is kept: class, config but for its name, input dtypes
   * and shapes, keyword tensors' names and the other keyword arguments. Undefined when an input
   * shape is unknown (such calls are not kept).
   */
  ruleKey(layer, call, inputs, kwargInputs) {
    let sig = "";
    for (const t of inputs) {
      if (!t.shape)
        return void 0;
      sig += `${t.dtype}[${t.shape.map((d) => typeof d === "number" ? String(d) : dimToString(d)).join(",")}]`;
    }
    const { name: _name, ...config } = layer.config;
    let kw = "";
    for (const k in kwargInputs)
      kw += `${k},`;
    for (const _k in call.kwargs) {
      kw += JSON.stringify(call.kwargs);
      break;
    }
    return `${layer.className}\0${JSON.stringify(config)}\0${sig}\0${kw}`;
  }
  /** A call whose rule result is kept: the same shapes and cost, this layer's own weights (when not built). */
  reuseRule(site, hit, base, layerTrainable, built) {
    const weights = built ? [] : hit.weights.map((w) => ({ name: `${base}/${w.name}`, layer: base, shape: w.shape, dtype: w.dtype, trainable: w.specTrainable && layerTrainable, elements: w.elements, bytes: w.bytes }));
    const params = built ? Poly.ZERO : hit.params;
    const outputs = hit.shapes.map((s, i2) => ({ name: i2 === 0 ? site.nodeName : `${site.nodeName}:${i2}`, shape: s, dtype: site.computeDtype, bytes: hit.outBytes[i2] }));
    return this.record(site, { outputs, weights, params, cost: { macs: hit.macs, flops: hit.flops, params }, status: "ok" }, hit.io);
  }
  /** The output tensors of a call, each with its bytes computed once. */
  outTensors(site, shapes) {
    return shapes.map((s, i2) => ({ name: i2 === 0 ? site.nodeName : `${site.nodeName}:${i2}`, shape: s, dtype: site.computeDtype, bytes: s ? bytesOf(numElements(s), site.computeDtype) : Poly.ZERO }));
  }
  unknownOutputs(site, rule, ctx) {
    return this.outTensors(site, new Array(safeCount(rule, ctx)).fill(void 0));
  }
  /**
   * Record a call: bytes read (inputs, then the layer's weights), bytes written, its weights once.
   * `io` gives both byte counts when a kept rule result already has them.
   */
  record(site, r, io) {
    let read;
    let written;
    if (io)
      ({ read, written } = io);
    else {
      read = Poly.ZERO;
      for (const w of this.layerWeights.get(site.layer) ?? r.weights)
        read = read.add(w.bytes);
      for (const t of site.inputs)
        read = read.add(tensorBytes2(t));
      written = Poly.ZERO;
      for (const t of r.outputs)
        written = written.add(tensorBytes2(t));
    }
    this.calls.push({
      name: site.nodeName,
      layer: site.layer.name,
      className: site.layer.className,
      inputs: site.inputs,
      bytesRead: read,
      bytesWritten: written,
      outputs: r.outputs,
      weights: r.weights,
      params: r.params,
      ...r.cost ? { cost: r.cost } : {},
      status: r.status
    });
    for (const w of r.weights)
      this.weights.push(w);
    if (!this.layerWeights.has(site.layer))
      this.layerWeights.set(site.layer, r.weights);
    return r.outputs;
  }
  weight(layer, w, variableDtype, layerTrainable) {
    const elements2 = numElements(w.shape);
    const dtype = w.dtype ?? variableDtype;
    return { name: `${layer}/${w.name}`, layer, shape: w.shape, dtype, trainable: w.trainable && layerTrainable, elements: elements2, bytes: bytesOf(elements2, dtype) };
  }
};
function safeCount(rule, ctx) {
  try {
    return rule.outputCount?.(ctx) ?? 1;
  } catch {
    return 1;
  }
}
function walkModel(model, opts) {
  const w = new Walker(opts);
  const outputs = w.runModel(model, void 0, "", model.trainable);
  return w.result(outputs);
}

// ../../packages/keras/dist/modules.js
var stripCall = (s) => s.replace(/#\d+$/, "");
function nestedClasses(model) {
  const out = /* @__PURE__ */ new Map();
  const walk = (m2, prefix2, depth) => {
    if (depth >= MAX_MODULE_DEPTH)
      return;
    for (const l of m2.layers) {
      if (!l.model)
        continue;
      const path = `${prefix2}${l.name}`;
      out.set(path, l.className);
      walk(l.model, `${path}/`, depth + 1);
    }
  };
  walk(model, "", 0);
  return out;
}
function kerasScopes(model) {
  const classes = nestedClasses(model);
  return (name, className) => {
    const raw = name.split("/");
    const names = raw.map(stripCall);
    const calls = [];
    const types = [];
    let call = "";
    let path = "";
    raw.forEach((r, i2) => {
      call = i2 ? `${call}/${r}` : r;
      path = i2 ? `${path}/${names[i2]}` : names[i2];
      calls.push(call);
      types.push(i2 === raw.length - 1 ? classes.get(path) ?? className : classes.get(path));
    });
    return { names, types, calls, literal: true, rootType: model.className };
  };
}

// ../../packages/keras/dist/read/json-error.js
var Fail = class extends Error {
  offset;
  reason;
  constructor(offset, reason) {
    super(reason);
    this.offset = offset;
    this.reason = reason;
  }
};
function findJsonError(text) {
  let i2 = 0;
  const n = text.length;
  const ws = () => {
    while (i2 < n && (text[i2] === " " || text[i2] === "	" || text[i2] === "\n" || text[i2] === "\r"))
      i2++;
  };
  const show = (c) => JSON.stringify(c);
  const unexpected = () => {
    if (i2 >= n)
      throw new Fail(i2, "unexpected end of input");
    throw new Fail(i2, `unexpected character ${show(text[i2])}`);
  };
  const literal = (word) => {
    for (let k = 0; k < word.length; k++, i2++)
      if (text[i2] !== word[k])
        unexpected();
  };
  const string = () => {
    const start = i2++;
    while (i2 < n) {
      const c = text.charCodeAt(i2);
      if (c === 34) {
        i2++;
        return;
      }
      if (c === 92) {
        const e2 = text[i2 + 1];
        if (e2 === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i2 + 2, i2 + 6)))
            throw new Fail(i2, "invalid \\u escape in string");
          i2 += 6;
        } else if (e2 !== void 0 && '"\\/bfnrt'.includes(e2))
          i2 += 2;
        else
          throw new Fail(i2, `invalid escape ${show(`\\${e2 ?? ""}`)} in string`);
        continue;
      }
      if (c < 32)
        throw new Fail(i2, "control character in string (newlines must be escaped as \\n)");
      i2++;
    }
    throw new Fail(start, "unterminated string");
  };
  const number = () => {
    const m2 = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i2, i2 + 400));
    if (!m2 || m2[0] === "-" || m2[0] === "")
      unexpected();
    i2 += m2[0].length;
  };
  const value2 = (depth) => {
    if (depth > 1e3)
      throw new Fail(i2, "nesting deeper than 1000 levels");
    ws();
    const c = text[i2];
    if (c === "{") {
      i2++;
      ws();
      if (text[i2] === "}") {
        i2++;
        return;
      }
      for (; ; ) {
        ws();
        if (text[i2] !== '"') {
          if (text[i2] === "}")
            throw new Fail(i2, 'trailing comma before "}"');
          throw i2 >= n ? new Fail(i2, "unexpected end of input") : new Fail(i2, `expected a property name in double quotes, got ${show(text[i2])}`);
        }
        string();
        ws();
        if (text[i2] !== ":")
          throw i2 >= n ? new Fail(i2, "unexpected end of input") : new Fail(i2, `expected ":" after a property name, got ${show(text[i2])}`);
        i2++;
        value2(depth + 1);
        ws();
        if (text[i2] === ",") {
          i2++;
          continue;
        }
        if (text[i2] === "}") {
          i2++;
          return;
        }
        throw i2 >= n ? new Fail(i2, "unexpected end of input") : new Fail(i2, `expected "," or "}" in an object, got ${show(text[i2])}`);
      }
    }
    if (c === "[") {
      i2++;
      ws();
      if (text[i2] === "]") {
        i2++;
        return;
      }
      for (; ; ) {
        ws();
        if (text[i2] === "]")
          throw new Fail(i2, 'trailing comma before "]"');
        value2(depth + 1);
        ws();
        if (text[i2] === ",") {
          i2++;
          continue;
        }
        if (text[i2] === "]") {
          i2++;
          return;
        }
        throw i2 >= n ? new Fail(i2, "unexpected end of input") : new Fail(i2, `expected "," or "]" in an array, got ${show(text[i2])}`);
      }
    }
    if (c === '"')
      return string();
    if (c === "t")
      return literal("true");
    if (c === "f")
      return literal("false");
    if (c === "n")
      return literal("null");
    if (c === "-" || c !== void 0 && c >= "0" && c <= "9")
      return number();
    if (c === "N" || c === "I")
      throw new Fail(i2, "NaN and Infinity are not JSON (Python json.dump(allow_nan=True) wrote them)");
    unexpected();
  };
  try {
    value2(0);
    ws();
    if (i2 < n)
      throw new Fail(i2, `unexpected ${show(text[i2])} after the end of the JSON value`);
    return void 0;
  } catch (e2) {
    if (e2 instanceof Fail)
      return { offset: e2.offset, reason: e2.reason };
    throw e2;
  }
}

// ../../packages/keras/dist/read/hdf5/cursor.js
var Hdf5Error = class extends Error {
  kind;
  offset;
  name = "Hdf5Error";
  constructor(kind, message, offset) {
    super(message);
    this.kind = kind;
    this.offset = offset;
  }
};
var UNDEF = -1;
var TWO32 = 2 ** 32;
var Cursor = class _Cursor {
  bytes;
  at;
  what;
  pos = 0;
  constructor(bytes, at, what) {
    this.bytes = bytes;
    this.at = at;
    this.what = what;
  }
  /** Absolute file offset of the current position. */
  get abs() {
    return this.at + this.pos;
  }
  get left() {
    return this.bytes.length - this.pos;
  }
  damaged(reason, at = this.abs) {
    return new Hdf5Error("damaged", `${this.what} at byte ${this.at}: ${reason}`, at);
  }
  need(n, field) {
    if (n < 0 || this.pos + n > this.bytes.length)
      throw this.damaged(`${field} runs past the end of the block (${this.bytes.length} bytes)`);
  }
  skip(n, field = "field") {
    this.need(n, field);
    this.pos += n;
  }
  u8(field = "field") {
    this.need(1, field);
    return this.bytes[this.pos++];
  }
  u16(field = "field") {
    this.need(2, field);
    const b = this.bytes;
    const v = b[this.pos] | b[this.pos + 1] << 8;
    this.pos += 2;
    return v;
  }
  u32(field = "field") {
    this.need(4, field);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | b[p + 1] << 8 | b[p + 2] << 16 | b[p + 3] << 24) >>> 0;
  }
  /** An unsigned integer of `size` bytes (1..8). Values beyond 2^53 are damage. */
  uint(size, field = "field") {
    if (size < 1 || size > 8)
      throw this.damaged(`${field}: field width ${size} bytes is not 1 to 8`);
    this.need(size, field);
    let lo = 0;
    let hi = 0;
    const b = this.bytes;
    for (let i2 = 0; i2 < size; i2++) {
      if (i2 < 4)
        lo += b[this.pos + i2] * 2 ** (8 * i2);
      else
        hi += b[this.pos + i2] * 2 ** (8 * (i2 - 4));
    }
    this.pos += size;
    if (hi >= 2 ** 21)
      throw this.damaged(`${field} = ${hi} * 2^32 + ${lo} is beyond 2^53`, this.abs - size);
    return hi * TWO32 + lo;
  }
  /** An address of `size` bytes; {@link UNDEF} when every bit is set. */
  addr(size, field = "address") {
    this.need(size, field);
    let all = true;
    for (let i2 = 0; i2 < size; i2++)
      if (this.bytes[this.pos + i2] !== 255)
        all = false;
    if (all) {
      this.pos += size;
      return UNDEF;
    }
    return this.uint(size, field);
  }
  take(n, field = "field") {
    this.need(n, field);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** A sub-cursor over the next `n` bytes (the position moves past them). */
  sub(n, what, field = what) {
    const at = this.abs;
    return new _Cursor(this.take(n, field), at, what);
  }
  /** Check a 4-character ASCII signature. */
  signature(sig) {
    this.need(4, `${sig} signature`);
    for (let i2 = 0; i2 < 4; i2++)
      if (this.bytes[this.pos + i2] !== sig.charCodeAt(i2))
        throw this.damaged(`no ${sig} signature`);
    this.pos += 4;
  }
  /** Align the position to a multiple of `n` bytes from the block start. */
  align(n) {
    const r = this.pos % n;
    if (r)
      this.pos = Math.min(this.bytes.length, this.pos + n - r);
  }
};
function log2floor(n) {
  let r = 0;
  while (n >= 2) {
    n = Math.floor(n / 2);
    r++;
  }
  return r;
}
function limitEncSize(n) {
  return Math.floor(log2floor(Math.max(1, n)) / 8) + 1;
}
function isPow2(n) {
  return n >= 1 && Number.isInteger(n) && 2 ** log2floor(n) === n;
}

// ../../packages/keras/dist/read/hdf5/btrees.js
var MAX_BTREE_DEPTH = 32;
function symbolTableEntries(r, btreeAddr) {
  const O = r.sizeOfOffsets;
  const L = r.sizeOfLengths;
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const stack = [{ addr: btreeAddr, level: -1 }];
  while (stack.length) {
    const { addr, level } = stack.pop();
    if (addr === UNDEF)
      continue;
    if (seen.has(addr))
      throw new Hdf5Error("damaged", `group B-tree: node at address ${addr} is reached twice (a cycle)`);
    seen.add(addr);
    r.charge("group B-tree node");
    const head = r.read(addr, 8 + 2 * O, "group B-tree node");
    head.signature("TREE");
    const type = head.u8("node type");
    if (type !== 0)
      throw head.damaged(`node type ${type}: expected 0 (group nodes)`);
    const nodeLevel = head.u8("node level");
    if (level >= 0 && nodeLevel !== level)
      throw head.damaged(`node level ${nodeLevel}: expected ${level}`);
    if (nodeLevel > MAX_BTREE_DEPTH)
      throw head.damaged(`node level ${nodeLevel} is deeper than ${MAX_BTREE_DEPTH}`);
    const entries = head.u16("entries used");
    const body2 = r.read(addr + 8 + 2 * O, entries * (L + O) + L, "group B-tree node");
    for (let i2 = 0; i2 < entries; i2++) {
      body2.skip(L, "key");
      const child = body2.addr(O, "child address");
      if (nodeLevel > 0)
        stack.push({ addr: child, level: nodeLevel - 1 });
      else
        pushAll(out, symbolTableNode(r, child, seen));
    }
  }
  return out;
}
function symbolTableNode(r, addr, seen) {
  const O = r.sizeOfOffsets;
  if (addr === UNDEF)
    return [];
  if (seen.has(addr))
    throw new Hdf5Error("damaged", `group B-tree: symbol table node at address ${addr} is reached twice (a cycle)`);
  seen.add(addr);
  r.charge("symbol table node");
  const head = r.read(addr, 8, "symbol table node");
  head.signature("SNOD");
  const version = head.u8("version");
  if (version !== 1)
    throw head.damaged(`version ${version}: expected 1`);
  head.skip(1);
  const n = head.u16("number of symbols");
  const entrySize = 2 * O + 24;
  const c = r.read(addr + 8, n * entrySize, "symbol table node");
  const out = [];
  for (let i2 = 0; i2 < n; i2++) {
    const nameOffset = c.uint(O, "link name offset");
    const objectAddr = c.addr(O, "object header address");
    c.skip(24, "cache type and scratch pad");
    out.push({ nameOffset, objectAddr });
  }
  return out;
}
function v2Records(r, headerAddr, type) {
  const O = r.sizeOfOffsets;
  r.charge("v2 B-tree header");
  const c = r.read(headerAddr, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + O + 2 + r.sizeOfLengths + 4, "v2 B-tree header");
  c.signature("BTHD");
  const version = c.u8("version");
  if (version !== 0)
    throw c.damaged(`version ${version}: expected 0`);
  const h = {
    type: c.u8("type"),
    nodeSize: c.u32("node size"),
    recordSize: c.u16("record size"),
    depth: c.u16("depth"),
    root: (c.skip(2, "split and merge percent"), c.addr(O, "root node address")),
    rootRecords: c.u16("number of records in root node")
  };
  if (h.type !== type)
    throw c.damaged(`B-tree type ${h.type}: expected ${type}`);
  if (h.depth > MAX_BTREE_DEPTH)
    throw c.damaged(`depth ${h.depth} is deeper than ${MAX_BTREE_DEPTH}`);
  if (h.recordSize < 1 || h.nodeSize < 16 || h.nodeSize > 1 << 26)
    throw c.damaged(`node size ${h.nodeSize} or record size ${h.recordSize} is not usable`);
  if (h.root === UNDEF || h.rootRecords === 0)
    return [];
  const maxLeaf = Math.floor((h.nodeSize - 10) / h.recordSize);
  const nrecSize = limitEncSize(maxLeaf);
  const cumMax = [maxLeaf];
  const cumSize = [0];
  for (let d = 1; d <= h.depth; d++) {
    const ptr = O + nrecSize + (d > 1 ? cumSize[d - 1] : 0);
    const maxNrec = Math.floor((h.nodeSize - 10 - ptr) / (h.recordSize + ptr));
    if (maxNrec < 1)
      throw c.damaged(`node size ${h.nodeSize} holds no record at depth ${d}`);
    const cum = (maxNrec + 1) * cumMax[d - 1] + maxNrec;
    if (!Number.isSafeInteger(cum))
      throw new Hdf5Error("unsupported", `v2 B-tree at address ${headerAddr}: depth ${h.depth} is too large to index`);
    cumMax.push(cum);
    cumSize.push(limitEncSize(cum));
  }
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const stack = [{ addr: h.root, nrec: h.rootRecords, depth: h.depth }];
  while (stack.length) {
    const node = stack.pop();
    if (seen.has(node.addr))
      throw new Hdf5Error("damaged", `v2 B-tree: node at address ${node.addr} is reached twice (a cycle)`);
    seen.add(node.addr);
    r.charge("v2 B-tree node");
    const n = r.read(node.addr, h.nodeSize, node.depth > 0 ? "v2 B-tree internal node" : "v2 B-tree leaf node");
    n.signature(node.depth > 0 ? "BTIN" : "BTLF");
    n.skip(1, "version");
    const t = n.u8("type");
    if (t !== type)
      throw n.damaged(`B-tree type ${t}: expected ${type}`);
    for (let i2 = 0; i2 < node.nrec; i2++)
      out.push(n.sub(h.recordSize, "v2 B-tree record"));
    if (node.depth === 0)
      continue;
    for (let i2 = 0; i2 <= node.nrec; i2++) {
      const addr = n.addr(O, "child node address");
      const nrec = n.uint(nrecSize, "number of records in child node");
      if (node.depth > 1)
        n.skip(cumSize[node.depth - 1], "total number of records in child node");
      if (addr !== UNDEF)
        stack.push({ addr, nrec, depth: node.depth - 1 });
    }
  }
  return out;
}

// ../../packages/keras/dist/read/utf8.js
function utf8(bytes) {
  const s = new TextDecoder("utf-8").decode(bytes);
  return s.charCodeAt(0) === 65279 ? s.slice(1) : s;
}

// ../../packages/keras/dist/read/hdf5/heaps.js
var MAX_HEAP_BLOCK_BYTES = 256 * 1024 * 1024;
function localHeap(r, addr) {
  const L = r.sizeOfLengths;
  r.charge("local heap");
  const c = r.read(addr, 8 + 2 * L + r.sizeOfOffsets, "local heap");
  c.signature("HEAP");
  const version = c.u8("version");
  if (version !== 0)
    throw c.damaged(`version ${version}: expected 0`);
  c.skip(3);
  const size = c.uint(L, "data segment size");
  c.skip(L, "free list offset");
  const data = c.addr(r.sizeOfOffsets, "data segment address");
  if (size > MAX_HEAP_BLOCK_BYTES)
    throw c.damaged(`data segment of ${size} bytes is over ${MAX_HEAP_BLOCK_BYTES}`);
  return r.read(data, size, "local heap data segment");
}
function heapString(seg, offset) {
  if (offset >= seg.bytes.length)
    throw seg.damaged(`name offset ${offset} is past the data segment (${seg.bytes.length} bytes)`);
  let end = offset;
  while (end < seg.bytes.length && seg.bytes[end] !== 0)
    end++;
  return seg.bytes.subarray(offset, end);
}
var GlobalHeaps = class {
  r;
  collections = /* @__PURE__ */ new Map();
  constructor(r) {
    this.r = r;
  }
  /** Object `index` of the collection at `addr`. */
  object(addr, index) {
    let objects = this.collections.get(addr);
    if (!objects) {
      objects = this.load(addr);
      this.collections.set(addr, objects);
    }
    const o = objects.get(index);
    if (!o)
      throw new Hdf5Error("damaged", `global heap collection at address ${addr} has no object ${index}`);
    return o;
  }
  load(addr) {
    const L = this.r.sizeOfLengths;
    this.r.charge("global heap collection");
    const h = this.r.read(addr, 8 + L, "global heap collection");
    h.signature("GCOL");
    const version = h.u8("version");
    if (version !== 1)
      throw h.damaged(`version ${version}: expected 1`);
    h.skip(3);
    const size = h.uint(L, "collection size");
    if (size < 8 + L)
      throw h.damaged(`collection size ${size} is smaller than its header`);
    if (size > MAX_HEAP_BLOCK_BYTES)
      throw new Hdf5Error("unsupported", `global heap collection at address ${addr} is ${size} bytes, over the ${MAX_HEAP_BLOCK_BYTES} byte limit`);
    const c = this.r.read(addr, size, "global heap collection");
    c.skip(8 + L);
    const out = /* @__PURE__ */ new Map();
    while (c.left >= 8 + L) {
      const index = c.u16("object index");
      if (index === 0)
        break;
      c.skip(6);
      const n = c.uint(L, "object size");
      out.set(index, c.take(n, `global heap object ${index}`));
      c.align(8);
      this.r.charge("global heap object");
    }
    return out;
  }
};
var FractalHeap = class {
  r;
  h;
  huge;
  constructor(r, addr) {
    this.r = r;
    const O = r.sizeOfOffsets;
    const L = r.sizeOfLengths;
    r.charge("fractal heap header");
    const c = r.read(addr, 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 8 * L + 2 + 2 * L + 2 + 2 + O + 2, "fractal heap header");
    c.signature("FRHP");
    const version = c.u8("version");
    if (version !== 0)
      throw c.damaged(`version ${version}: expected 0`);
    const idLength = c.u16("heap ID length");
    const filterLength = c.u16("I/O filters encoded length");
    const flags = c.u8("flags");
    const maxManagedSize = c.u32("maximum size of managed objects");
    c.skip(L, "next huge object ID");
    const hugeBtree = c.addr(O, "v2 B-tree address of huge objects");
    c.skip(L + O + 8 * L, "free space and object counts");
    const width = c.u16("table width");
    const startBlock = c.uint(L, "starting block size");
    const maxDirectBlock = c.uint(L, "maximum direct block size");
    const maxHeapBits = c.u16("maximum heap size");
    c.skip(2, "starting number of rows in root indirect block");
    const rootAddr = c.addr(O, "address of root block");
    const rootRows = c.u16("current number of rows in root indirect block");
    if (filterLength > 0)
      throw new Hdf5Error("unsupported", `fractal heap at address ${addr} is filtered (compressed); modelcost does not read filtered heaps`);
    if (!isPow2(width) || !isPow2(startBlock) || !isPow2(maxDirectBlock) || maxDirectBlock < startBlock || maxHeapBits < 1 || maxHeapBits > 64 || idLength < 2)
      throw c.damaged(`doubling table (width ${width}, blocks ${startBlock}..${maxDirectBlock}, heap bits ${maxHeapBits}, ID length ${idLength}) is not valid`);
    this.h = {
      addr,
      idLength,
      maxManagedSize,
      hugeBtree,
      width,
      startBlock,
      maxDirectBlock,
      maxHeapBits,
      rootAddr,
      rootRows,
      checksummedDirect: (flags & 2) !== 0,
      offsetBytes: Math.ceil(maxHeapBits / 8),
      lengthBytes: Math.min(Math.ceil(log2floor(maxDirectBlock) / 8), limitEncSize(maxManagedSize)),
      maxDirectRows: log2floor(maxDirectBlock) - log2floor(startBlock) + 2
    };
  }
  /** Heap ID length in bytes. */
  get idLength() {
    return this.h.idLength;
  }
  /** The object a heap ID names (III.G, "Fractal Heap ID"). */
  object(id) {
    const h = this.h;
    const c = new Cursor(id, -1, `fractal heap ID (heap at address ${h.addr})`);
    const flags = c.u8("ID flags");
    const type = flags >> 4 & 3;
    if (flags >> 6 !== 0)
      throw c.damaged(`heap ID version ${flags >> 6}: expected 0`);
    if (type === 0) {
      const offset = c.uint(h.offsetBytes, "managed object offset");
      const length = c.uint(h.lengthBytes, "managed object length");
      return this.managed(offset, length);
    }
    if (type === 2) {
      const extended = h.idLength > 18;
      const length = (extended ? (flags & 15) << 8 | c.u8("tiny length") : flags & 15) + 1;
      return c.take(length, "tiny object");
    }
    if (type === 1) {
      const O = this.r.sizeOfOffsets;
      const L = this.r.sizeOfLengths;
      if (h.idLength - 1 >= O + L) {
        const addr = c.addr(O, "huge object address");
        const length = c.uint(L, "huge object length");
        return this.block(addr, length);
      }
      const key = c.uint(Math.min(h.idLength - 1, 8), "huge object ID");
      const found = this.hugeObjects().get(key);
      if (!found)
        throw new Hdf5Error("damaged", `fractal heap at address ${h.addr}: no huge object with ID ${key}`);
      return this.block(found.addr, found.length);
    }
    throw c.damaged(`heap ID type ${type} is not managed, huge or tiny`);
  }
  block(addr, length) {
    if (length > MAX_HEAP_BLOCK_BYTES)
      throw new Hdf5Error("unsupported", `fractal heap at address ${this.h.addr}: an object of ${length} bytes is over the ${MAX_HEAP_BLOCK_BYTES} byte limit`);
    this.r.charge("huge heap object");
    return this.r.read(addr, length, "huge heap object").bytes;
  }
  hugeObjects() {
    if (this.huge)
      return this.huge;
    const O = this.r.sizeOfOffsets;
    const L = this.r.sizeOfLengths;
    const map = /* @__PURE__ */ new Map();
    if (this.h.hugeBtree !== UNDEF) {
      for (const rec of v2Records(this.r, this.h.hugeBtree, 1)) {
        const addr = rec.addr(O, "huge object address");
        const length = rec.uint(L, "huge object length");
        map.set(rec.uint(L, "huge object ID"), { addr, length });
      }
    }
    this.huge = map;
    return map;
  }
  /** Block size of row `row` of a doubling table (rows 0 and 1: the starting size, then doubling). */
  rowSize(row) {
    return row === 0 ? this.h.startBlock : this.h.startBlock * 2 ** (row - 1);
  }
  /** Heap-space offset where row `row` starts, within an indirect block. */
  rowStart(row) {
    return row === 0 ? 0 : this.h.width * this.h.startBlock * 2 ** (row - 1);
  }
  /**
   * A managed object: walk the doubling table from the root (iteratively) to the direct block that
   * holds heap offset `offset`, then take `length` bytes at `offset - blockOffset` of that block.
   */
  managed(offset, length) {
    const h = this.h;
    const O = this.r.sizeOfOffsets;
    if (h.rootAddr === UNDEF)
      throw new Hdf5Error("damaged", `fractal heap at address ${h.addr} has no root block but an object at offset ${offset}`);
    let addr = h.rootAddr;
    let blockOffset = 0;
    let rows2 = h.rootRows;
    let size = h.startBlock;
    for (let depth = 0; rows2 > 0; depth++) {
      if (depth > 64)
        throw new Hdf5Error("damaged", `fractal heap at address ${h.addr}: indirect blocks nest more than 64 deep`);
      this.r.charge("fractal heap indirect block");
      const rel = offset - blockOffset;
      let row = 0;
      while (row + 1 < rows2 && this.rowStart(row + 1) <= rel)
        row++;
      const col = Math.floor((rel - this.rowStart(row)) / this.rowSize(row));
      if (rel < 0 || col >= h.width)
        throw new Hdf5Error("damaged", `fractal heap at address ${h.addr}: object offset ${offset} is outside its indirect block`);
      const header2 = 4 + 1 + O + h.offsetBytes;
      const ib = this.r.read(addr, header2 + (row * h.width + col + 1) * O, "fractal heap indirect block");
      ib.signature("FHIB");
      ib.skip(1 + O, "version and heap header address");
      const declared2 = ib.uint(h.offsetBytes, "block offset");
      if (declared2 !== blockOffset)
        throw ib.damaged(`block offset ${declared2}: expected ${blockOffset}`);
      ib.skip((row * h.width + col) * O, "child block addresses");
      const child = ib.addr(O, "child block address");
      if (child === UNDEF)
        throw ib.damaged(`no block holds heap offset ${offset}`);
      addr = child;
      blockOffset += this.rowStart(row) + col * this.rowSize(row);
      size = this.rowSize(row);
      rows2 = row < h.maxDirectRows ? 0 : log2floor(size) - log2floor(h.startBlock * h.width) + 1;
    }
    this.r.charge("fractal heap direct block");
    const header = 4 + 1 + O + h.offsetBytes + (h.checksummedDirect ? 4 : 0);
    const db = this.r.read(addr, Math.min(size, header), "fractal heap direct block");
    db.signature("FHDB");
    db.skip(1 + O, "version and heap header address");
    const declared = db.uint(h.offsetBytes, "block offset");
    if (declared !== blockOffset)
      throw db.damaged(`block offset ${declared}: expected ${blockOffset}`);
    const at = offset - blockOffset;
    if (at < header || at + length > size)
      throw db.damaged(`object at heap offset ${offset} (${length} bytes) is outside the block (${size} bytes at heap offset ${blockOffset})`);
    return this.r.read(addr + at, length, "fractal heap object").bytes;
  }
};

// ../../packages/keras/dist/read/hdf5/file.js
var MSG = {
  dataspace: 1,
  linkInfo: 2,
  datatype: 3,
  link: 6,
  attribute: 12,
  continuation: 16,
  symbolTable: 17,
  attributeInfo: 21
};
var DT = { fixedPoint: 0, floatingPoint: 1, string: 3, variableLength: 9 };
function body(m2, what) {
  return new Cursor(m2.data.bytes, m2.data.at, what);
}
function elementCount(s) {
  return s.kind === "null" ? 0 : s.kind === "scalar" ? 1 : s.dims.reduce((a, b) => a * b, 1);
}
var MAX_MESSAGES = 1e5;
var MAX_DIMS = 32;
function readSuperblock(c) {
  c.skip(8, "signature");
  const version = c.u8("superblock version");
  if (version > 3)
    throw new Hdf5Error("unsupported", `superblock version ${version} (modelcost reads versions 0 to 3)`, c.at + 8);
  let sizeOfOffsets;
  let sizeOfLengths;
  if (version <= 1) {
    c.skip(4, "free space, root group and shared header versions");
    sizeOfOffsets = c.u8("size of offsets");
    sizeOfLengths = c.u8("size of lengths");
    c.skip(1 + 2 + 2 + 4 + (version === 1 ? 4 : 0), "group K values and flags");
  } else {
    sizeOfOffsets = c.u8("size of offsets");
    sizeOfLengths = c.u8("size of lengths");
    c.skip(1, "file consistency flags");
  }
  for (const [name, v] of [["offsets", sizeOfOffsets], ["lengths", sizeOfLengths]])
    if (![2, 4, 8].includes(v))
      throw c.damaged(`size of ${name} is ${v}: expected 2, 4 or 8`);
  const O = sizeOfOffsets;
  const base = c.uint(O, "base address");
  c.skip(O, version <= 1 ? "free space address" : "superblock extension address");
  const eof = c.addr(O, "end of file address");
  c.skip(version <= 1 ? 2 * O : 0, "driver information address and root link name offset");
  const root = c.addr(O, "root group object header address");
  if (root === UNDEF)
    throw c.damaged("the root group has no object header address");
  return { version, sizeOfOffsets, sizeOfLengths, base, root, eof };
}
var Hdf5File = class _Hdf5File {
  src;
  budget;
  sizeOfOffsets;
  sizeOfLengths;
  /** Object header address of the root group. */
  root;
  /** Superblock version (0 to 3). */
  version;
  base;
  headers = /* @__PURE__ */ new Map();
  linkCache = /* @__PURE__ */ new Map();
  globals;
  constructor(src2, budget, superblock) {
    this.src = src2;
    this.budget = budget;
    this.globals = new GlobalHeaps(this);
    const wanted = 8 + 16 + 4 * 8 + 40;
    const c = new Cursor(src2.read(superblock, Math.min(src2.size - superblock, wanted)), superblock, "superblock");
    try {
      const sb = readSuperblock(c);
      this.version = sb.version;
      this.sizeOfOffsets = sb.sizeOfOffsets;
      this.sizeOfLengths = sb.sizeOfLengths;
      this.base = sb.base;
      this.root = sb.root;
      if (sb.eof !== UNDEF && sb.eof > src2.size)
        throw new Hdf5Error("damaged", `the superblock says the file ends at byte ${sb.eof}, but it has ${src2.size} bytes (it was cut short)`, src2.size);
    } catch (e2) {
      if (e2 instanceof Hdf5Error && c.bytes.length < wanted && e2.kind === "damaged")
        throw new Hdf5Error("damaged", `the file ends at byte ${src2.size}, inside the superblock that starts at byte ${superblock}`, src2.size);
      throw e2;
    }
  }
  /** Open the HDF5 file in `src` (its signature at byte 0, 512, 1024, ...). Throws {@link Hdf5Error}. */
  static open(src2, options) {
    const at = hdf5SuperblockOffset(src2);
    if (at < 0)
      throw new Hdf5Error("damaged", "no HDF5 signature at byte 0, 512, 1024, ...");
    return new _Hdf5File(src2, options.budget, at);
  }
  charge(what) {
    this.budget.node(1, `HDF5 ${what}`);
  }
  read(addr, length, what) {
    if (addr === UNDEF)
      throw new Hdf5Error("damaged", `${what}: the address is undefined`);
    const abs = this.base + addr;
    if (length > MAX_HEAP_BLOCK_BYTES)
      throw new Hdf5Error("unsupported", `${what} at byte ${abs}: ${length} bytes, over the ${MAX_HEAP_BLOCK_BYTES} byte limit`, abs);
    if (addr < 0 || length < 0 || abs + length > this.src.size)
      throw new Hdf5Error("damaged", `${what} at byte ${abs} (${length} bytes) lies beyond the end of the file (${this.src.size} bytes): the file is truncated or damaged`, abs);
    const bytes = this.src.read(abs, length);
    if (bytes.length !== length)
      throw new Hdf5Error("damaged", `read of ${length} bytes at byte ${abs} returned ${bytes.length} (I/O error or file changed while reading)`, abs);
    return new Cursor(bytes, abs, what);
  }
  /** The messages of the object header at `addr`, continuation blocks followed (cached). */
  messages(addr) {
    const cached = this.headers.get(addr);
    if (cached)
      return cached;
    this.charge("object header");
    const O = this.sizeOfOffsets;
    const L = this.sizeOfLengths;
    const out = [];
    const first = this.read(addr, 4, "object header");
    const v2 = first.bytes[0] === 79 && first.bytes[1] === 72 && first.bytes[2] === 68 && first.bytes[3] === 82;
    let chunks;
    let trackOrder = false;
    if (v2) {
      const c = this.read(addr, Math.min(4 + 2 + 16 + 4 + 8, this.src.size - this.base - addr), "object header");
      c.skip(4);
      const version = c.u8("version");
      if (version !== 2)
        throw c.damaged(`version ${version}: expected 2`);
      const flags = c.u8("flags");
      trackOrder = (flags & 4) !== 0;
      if (flags & 32)
        c.skip(16, "times");
      if (flags & 16)
        c.skip(4, "attribute phase change values");
      const size = c.uint(1 << (flags & 3), "size of chunk #0");
      chunks = [{ addr: addr + c.pos, length: size }];
    } else {
      const c = this.read(addr, 16, "object header");
      const version = c.u8("version");
      if (version !== 1)
        throw c.damaged(`version ${version}: expected 1 (or an OHDR signature)`);
      c.skip(7);
      chunks = [{ addr: addr + 16, length: c.u32("object header size") }];
    }
    const seen = /* @__PURE__ */ new Set([addr]);
    for (let i2 = 0; i2 < chunks.length; i2++) {
      const { addr: at, length } = chunks[i2];
      if (i2 > 0)
        this.charge("object header continuation block");
      let c = this.read(at, length, i2 ? "object header continuation block" : "object header");
      if (v2 && i2 > 0) {
        c.signature("OCHK");
        c = c.sub(c.left - 4, "object header continuation block", "messages");
      }
      const headerSize = v2 ? 4 + (trackOrder ? 2 : 0) : 8;
      while (c.left >= headerSize) {
        const type = v2 ? c.u8("message type") : c.u16("message type");
        const size = c.u16("message size");
        const flags = c.u8("message flags");
        c.skip(headerSize - (v2 ? 4 : 5));
        const data = c.sub(size, `object header message type ${type}`, `message type ${type} data`);
        if (!v2)
          c.align(8);
        if (out.length >= MAX_MESSAGES)
          throw c.damaged(`more than ${MAX_MESSAGES} messages`);
        if (type === MSG.continuation) {
          const next = data.addr(O, "continuation offset");
          const len = data.uint(L, "continuation length");
          if (seen.has(next))
            throw data.damaged(`continuation block at address ${next} is reached twice (a cycle)`);
          seen.add(next);
          chunks.push({ addr: next, length: len });
        } else
          out.push({ type, flags, data });
      }
    }
    this.headers.set(addr, out);
    return out;
  }
  datatype(c) {
    const b0 = c.u8("datatype class and version");
    const cls = b0 & 15;
    const b1 = c.u8("class bit field");
    const b2 = c.u8("class bit field");
    c.skip(1, "class bit field");
    const size = c.u32("datatype size");
    if (cls === DT.fixedPoint)
      return { cls, size, signed: (b1 & 8) !== 0 };
    if (cls === DT.string)
      return { cls, size, padding: b1 & 15 };
    if (cls === DT.variableLength)
      return { cls, size, vlenString: (b1 & 15) === 1, padding: b1 >> 4 };
    void b2;
    return { cls, size };
  }
  dataspace(c) {
    const version = c.u8("dataspace version");
    const rank = c.u8("dimensionality");
    c.skip(1, "dataspace flags");
    let kind = "simple";
    if (version === 1) {
      c.skip(5, "reserved");
      if (rank === 0)
        kind = "scalar";
    } else if (version === 2) {
      const t = c.u8("dataspace type");
      kind = t === 0 ? "scalar" : t === 2 ? "null" : "simple";
    } else
      throw c.damaged(`dataspace version ${version}: expected 1 or 2`);
    if (rank > MAX_DIMS)
      throw c.damaged(`dataspace rank ${rank} is over ${MAX_DIMS}`);
    const dims = [];
    for (let i2 = 0; i2 < rank; i2++)
      dims.push(c.uint(this.sizeOfLengths, "dimension size"));
    return { kind, dims: kind === "simple" ? dims : [] };
  }
  /** IV.A.2.m: attribute message versions 1 (8-byte padded fields), 2 and 3 (name encoding byte). */
  attribute(c) {
    const version = c.u8("attribute message version");
    if (version < 1 || version > 3)
      throw c.damaged(`attribute message version ${version}: expected 1, 2 or 3`);
    const flags = c.u8("attribute flags");
    if (version >= 2 && flags & 3)
      throw new Hdf5Error("unsupported", `attribute at byte ${c.at}: its datatype or dataspace is shared (committed); modelcost does not read shared messages`, c.at);
    const nameSize = c.u16("name size");
    const typeSize = c.u16("datatype size");
    const spaceSize = c.u16("dataspace size");
    if (version === 3)
      c.skip(1, "name character set");
    const pad2 = (n2) => version === 1 ? Math.ceil(n2 / 8) * 8 : n2;
    const nameBytes = c.take(pad2(nameSize), "attribute name");
    const nul = nameBytes.indexOf(0);
    const name = utf8(nameBytes.subarray(0, nul >= 0 ? Math.min(nul, nameSize) : nameSize));
    const type = this.datatype(c.sub(pad2(typeSize), "attribute datatype"));
    const space = this.dataspace(c.sub(pad2(spaceSize), "attribute dataspace"));
    const n = elementCount(space) * type.size;
    if (!Number.isSafeInteger(n))
      throw c.damaged(`attribute ${JSON.stringify(name)} declares ${n} bytes of data`);
    return { name, type, space, data: c.sub(n, `attribute ${JSON.stringify(name)} value`) };
  }
  /** The attributes of the object at `addr`, compact and dense (IV.A.2.m, IV.A.2.v). */
  attributes(addr) {
    const out = /* @__PURE__ */ new Map();
    for (const m2 of this.messages(addr)) {
      if (m2.type === MSG.attribute) {
        if (m2.flags & 2)
          throw new Hdf5Error("unsupported", `object header at address ${addr}: a shared attribute message; modelcost does not read shared messages`);
        const a = this.attribute(body(m2, "attribute message"));
        out.set(a.name, a);
      } else if (m2.type === MSG.attributeInfo) {
        const c = body(m2, "attribute info message");
        c.skip(1, "version");
        const flags = c.u8("flags");
        if (flags & 1)
          c.skip(2, "maximum creation index");
        const heapAddr = c.addr(this.sizeOfOffsets, "fractal heap address");
        const nameIndex = c.addr(this.sizeOfOffsets, "attribute name v2 B-tree address");
        if (heapAddr === UNDEF || nameIndex === UNDEF)
          continue;
        const heap = new FractalHeap(this, heapAddr);
        for (const rec of v2Records(this, nameIndex, 8)) {
          const id = rec.take(heap.idLength, "attribute heap ID");
          const msgFlags = rec.u8("message flags");
          if (msgFlags & 2)
            throw new Hdf5Error("unsupported", `object header at address ${addr}: a shared dense attribute; modelcost does not read shared messages`);
          const bytes = heap.object(id);
          const a = this.attribute(new Cursor(bytes, -1, `dense attribute of the object at address ${addr}`));
          out.set(a.name, a);
        }
      }
    }
    return out;
  }
  /** The hard links of the group at `addr`, name -> object header address (IV.A.2.g, IV.A.2.c, IV.A.2.r). */
  links(addr) {
    const cached = this.linkCache.get(addr);
    if (cached)
      return cached;
    const out = /* @__PURE__ */ new Map();
    this.linkCache.set(addr, out);
    const O = this.sizeOfOffsets;
    for (const m2 of this.messages(addr)) {
      if (m2.type === MSG.symbolTable) {
        const c = body(m2, "symbol table message");
        const btree = c.addr(O, "v1 B-tree address");
        const heap = localHeap(this, c.addr(O, "local heap address"));
        for (const e2 of symbolTableEntries(this, btree))
          if (e2.objectAddr !== UNDEF)
            out.set(utf8(heapString(heap, e2.nameOffset)), e2.objectAddr);
      } else if (m2.type === MSG.link) {
        const l = this.link(body(m2, "link message"));
        if (l)
          out.set(l.name, l.addr);
      } else if (m2.type === MSG.linkInfo) {
        const c = body(m2, "link info message");
        c.skip(1, "version");
        const flags = c.u8("flags");
        if (flags & 1)
          c.skip(8, "maximum creation index");
        const heapAddr = c.addr(O, "fractal heap address");
        const nameIndex = c.addr(O, "name index v2 B-tree address");
        if (heapAddr === UNDEF || nameIndex === UNDEF)
          continue;
        const heap = new FractalHeap(this, heapAddr);
        for (const rec of v2Records(this, nameIndex, 5)) {
          rec.skip(4, "name hash");
          const bytes = heap.object(rec.take(heap.idLength, "link heap ID"));
          const l = this.link(new Cursor(bytes, -1, `dense link of the group at address ${addr}`));
          if (l)
            out.set(l.name, l.addr);
        }
      }
    }
    return out;
  }
  /** A link message; undefined for soft and external links (not followed). */
  link(c) {
    const version = c.u8("link message version");
    if (version !== 1)
      throw c.damaged(`link message version ${version}: expected 1`);
    const flags = c.u8("link flags");
    const type = flags & 8 ? c.u8("link type") : 0;
    if (flags & 4)
      c.skip(8, "creation order");
    if (flags & 16)
      c.skip(1, "link name character set");
    const nameLength = c.uint(1 << (flags & 3), "length of link name");
    const name = utf8(c.take(nameLength, "link name"));
    if (type !== 0)
      return void 0;
    return { name, addr: c.addr(this.sizeOfOffsets, "hard link address") };
  }
  /** Dataspace and datatype of the object at `addr` when it is a dataset; undefined for groups. */
  dataset(addr) {
    let space;
    let type;
    for (const m2 of this.messages(addr)) {
      if (m2.type === MSG.dataspace)
        space = this.dataspace(body(m2, "dataspace message"));
      else if (m2.type === MSG.datatype) {
        if (m2.flags & 2)
          throw new Hdf5Error("unsupported", `dataset at address ${addr} has a shared (committed) datatype; modelcost does not read shared messages`);
        type = this.datatype(body(m2, "datatype message"));
      }
    }
    return space && type ? { dims: space.kind === "simple" ? space.dims : [], type } : void 0;
  }
  /**
   * The strings of a string attribute (fixed-length or variable-length), one per element; an
   * attribute with no elements gives []; undefined when the attribute is not a string. A string
   * longer than `maxBytes` is refused before it is decoded.
   */
  strings(a, maxBytes = MAX_HEAP_BLOCK_BYTES) {
    const tooLong = (n2) => new Hdf5Error("unsupported", `attribute ${JSON.stringify(a.name)} holds a string of ${n2} bytes, over the ${maxBytes} byte limit`, a.data.at);
    const n = elementCount(a.space);
    if (n === 0)
      return [];
    const c = new Cursor(a.data.bytes, a.data.at, a.data.what);
    const out = [];
    if (a.type.cls === DT.string) {
      if (a.type.size > maxBytes)
        throw tooLong(a.type.size);
      for (let i2 = 0; i2 < n; i2++) {
        const raw = c.take(a.type.size, "string element");
        let end = raw.length;
        if (a.type.padding === 2)
          while (end > 0 && raw[end - 1] === 32)
            end--;
        else {
          const nul = raw.indexOf(0);
          if (nul >= 0)
            end = nul;
        }
        out.push(utf8(raw.subarray(0, end)));
      }
      return out;
    }
    if (a.type.cls === DT.variableLength && a.type.vlenString) {
      for (let i2 = 0; i2 < n; i2++) {
        const length = c.u32("string length");
        if (length > maxBytes)
          throw tooLong(length);
        const collection = c.addr(this.sizeOfOffsets, "global heap collection address");
        const index = c.u32("global heap object index");
        if (length === 0 || collection === UNDEF) {
          out.push("");
          continue;
        }
        const obj = this.globals.object(collection, index);
        if (length > obj.length)
          throw c.damaged(`string of ${length} bytes, but its global heap object has ${obj.length}`);
        out.push(utf8(obj.subarray(0, length)));
      }
      return out;
    }
    return void 0;
  }
  /** Follow `path` (link names) from the group at `from`; undefined when a name is missing. */
  resolve(from, path) {
    let at = from;
    for (const name of path) {
      const next = this.links(at).get(name);
      if (next === void 0)
        return void 0;
      at = next;
    }
    return at;
  }
};

// ../../packages/keras/dist/read/keras-h5.js
function dtypeName(t) {
  if (t.cls === DT.floatingPoint)
    return t.size === 2 ? "float16" : t.size === 8 ? "float64" : "float32";
  if (t.cls === DT.fixedPoint)
    return `${t.signed ? "int" : "uint"}${t.size * 8}`;
  return `hdf5-class-${t.cls}`;
}
function stringList(h, attrs, name) {
  const whole = attrs.get(name);
  if (whole)
    return h.strings(whole);
  if (!attrs.has(`${name}0`))
    return void 0;
  const out = [];
  for (let i2 = 0; attrs.has(`${name}${i2}`); i2++)
    pushAll(out, h.strings(attrs.get(`${name}${i2}`)) ?? []);
  return out;
}
function oneString(h, a, maxBytes) {
  if (!a)
    return void 0;
  const s = h.strings(a, maxBytes);
  return s && s.length === 1 ? s[0] : void 0;
}
var Reader = class {
  h;
  file;
  constructor(h, file) {
    this.h = h;
    this.file = file;
  }
  damaged(reason) {
    return new KerasImportError(this.file, "hdf5-damaged", MESSAGES.hdf5Damaged(this.file, reason));
  }
  weight(addr, path) {
    const ds = this.h.dataset(addr);
    if (!ds)
      throw this.damaged(`${JSON.stringify(path)} is a group, expected a weight dataset`);
    return { path, dims: ds.dims, dtype: dtypeName(ds.type), elementBytes: ds.type.size };
  }
  /** Keras 2 save_weights_to_hdf5_group under the group at `at` (`prefix` names it in paths). */
  keras2(at, prefix2, layerNames) {
    const h = this.h;
    const out = [];
    const groups = [...layerNames, ...h.links(at).has("top_level_model_weights") ? ["top_level_model_weights"] : []];
    for (const name of groups) {
      const g = h.links(at).get(name);
      if (g === void 0)
        throw this.damaged(`layer_names lists ${JSON.stringify(name)} but ${JSON.stringify(prefix2 || "/")} has no such group`);
      const names = stringList(h, h.attributes(g), "weight_names") ?? [];
      const weights = names.map((w) => {
        const addr = h.resolve(g, w.split("/"));
        const path = `${prefix2}${name}/${w}`;
        if (addr === void 0)
          throw this.damaged(`weight_names of ${JSON.stringify(name)} lists ${JSON.stringify(w)} but there is no dataset ${JSON.stringify(path)}`);
        return this.weight(addr, path);
      });
      if (weights.length)
        out.push({ name: name === "top_level_model_weights" ? "(model)" : name, weights });
    }
    return out;
  }
  /** Keras 3 H5IOStore: every `vars` group under `layers` (or `_layer_checkpoint_dependencies`), depth first by name. */
  keras3(root) {
    const h = this.h;
    const out = [];
    const top = h.links(root);
    const own2 = top.get("vars");
    if (own2 !== void 0)
      this.vars(own2, "vars", "(model)", out);
    const byName = (m2) => [...m2].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    const containers = (links, path, name) => ["layers", "_layer_checkpoint_dependencies"].flatMap((k) => links.has(k) ? [{ container: true, addr: links.get(k), path: path ? `${path}/${k}` : k, name }] : []);
    const stack = containers(top, "", "").reverse();
    const seen = /* @__PURE__ */ new Set();
    while (stack.length) {
      const e2 = stack.pop();
      if (seen.has(e2.addr))
        continue;
      seen.add(e2.addr);
      this.h.charge("Keras 3 weights group");
      if (e2.container) {
        for (const [child, addr] of byName(h.links(e2.addr)).reverse())
          stack.push({ container: false, addr, path: `${e2.path}/${child}`, name: e2.name ? `${e2.name}/${child}` : child });
        continue;
      }
      const links = h.links(e2.addr);
      const v = links.get("vars");
      if (v !== void 0)
        this.vars(v, `${e2.path}/vars`, e2.name, out);
      pushAll(stack, containers(links, e2.path, e2.name).reverse());
    }
    return out;
  }
  vars(addr, path, layer, out) {
    const entries = [...this.h.links(addr)].sort(([a], [b]) => Number(a) - Number(b) || (a < b ? -1 : 1));
    const weights = entries.map(([n, a]) => this.weight(a, `${path}/${n}`));
    if (weights.length)
      out.push({ name: layer, weights });
  }
};
function readKerasH5(src2, options) {
  const file = options.file;
  try {
    const h = Hdf5File.open(src2, { budget: options.budget });
    const r = new Reader(h, file);
    const attrs = h.attributes(h.root);
    const kerasVersion = oneString(h, attrs.get("keras_version"));
    const backend = oneString(h, attrs.get("backend"));
    const meta = { ...kerasVersion !== void 0 ? { kerasVersion } : {}, ...backend !== void 0 ? { backend } : {} };
    const mc = attrs.get("model_config");
    if (mc) {
      const config = oneString(h, mc, MAX_CONFIG_BYTES);
      if (config === void 0)
        throw new KerasImportError(file, "hdf5-damaged", MESSAGES.hdf5ConfigNotString(file));
      return { kind: "model", config, ...meta };
    }
    const layerNames = stringList(h, attrs, "layer_names");
    const top = h.links(h.root);
    const keras3 = top.has("layers") || top.has("_layer_checkpoint_dependencies") || top.has("vars") && top.size <= 4;
    if (layerNames === void 0 && !keras3)
      throw new KerasImportError(file, "not-keras", MESSAGES.hdf5NotKeras(file, [...attrs.keys()], [...top.keys()]));
    if (!options.weights)
      throw new KerasImportError(file, "weights-only", MESSAGES.weightsOnly(file, layerNames !== void 0 ? "keras2" : "keras3"));
    const layers = layerNames !== void 0 ? r.keras2(h.root, "", layerNames) : r.keras3(h.root);
    return { kind: "weights", layout: layerNames !== void 0 ? "keras2" : "keras3", ...meta, layers };
  } catch (e2) {
    if (e2 instanceof Hdf5Error)
      throw new KerasImportError(file, e2.kind === "damaged" ? "hdf5-damaged" : "hdf5-unsupported", e2.kind === "damaged" ? MESSAGES.hdf5Damaged(file, e2.message) : MESSAGES.hdf5Unsupported(file, e2.message), e2.offset);
    throw e2;
  }
}

// ../../node_modules/fflate/esm/index.mjs
import { createRequire } from "module";
var require2 = createRequire("/");
var Worker;
try {
  Worker = require2("worker_threads").Worker;
} catch (e2) {
}
var u8 = Uint8Array;
var u16 = Uint16Array;
var i32 = Int32Array;
var fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]);
var fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]);
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
var freb = function(eb, start) {
  var b = new u16(31);
  for (var i2 = 0; i2 < 31; ++i2) {
    b[i2] = start += 1 << eb[i2 - 1];
  }
  var r = new i32(b[30]);
  for (var i2 = 1; i2 < 30; ++i2) {
    for (var j = b[i2]; j < b[i2 + 1]; ++j) {
      r[j] = j - b[i2] << 5 | i2;
    }
  }
  return { b, r };
};
var _a = freb(fleb, 2);
var fl = _a.b;
var revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0);
var fd = _b.b;
var revfd = _b.r;
var rev = new u16(32768);
for (i = 0; i < 32768; ++i) {
  x = (i & 43690) >> 1 | (i & 21845) << 1;
  x = (x & 52428) >> 2 | (x & 13107) << 2;
  x = (x & 61680) >> 4 | (x & 3855) << 4;
  rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
}
var x;
var i;
var hMap = (function(cd, mb, r) {
  var s = cd.length;
  var i2 = 0;
  var l = new u16(mb);
  for (; i2 < s; ++i2) {
    if (cd[i2])
      ++l[cd[i2] - 1];
  }
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2) {
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  }
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        var sv = i2 << 4 | cd[i2];
        var r_1 = mb - cd[i2];
        var v = le[cd[i2] - 1]++ << r_1;
        for (var m2 = v | (1 << r_1) - 1; v <= m2; ++v) {
          co[rev[v] >> rvb] = sv;
        }
      }
    }
  } else {
    co = new u16(s);
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2];
      }
    }
  }
  return co;
});
var flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i;
var fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i;
var flrm = /* @__PURE__ */ hMap(flt, 9, 1);
var fdrm = /* @__PURE__ */ hMap(fdt, 5, 1);
var max = function(a) {
  var m2 = a[0];
  for (var i2 = 1; i2 < a.length; ++i2) {
    if (a[i2] > m2)
      m2 = a[i2];
  }
  return m2;
};
var bits = function(d, p, m2) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8) >> (p & 7) & m2;
};
var bits16 = function(d, p) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8 | d[o + 2] << 16) >> (p & 7);
};
var shft = function(p) {
  return (p + 7) / 8 | 0;
};
var slc = function(v, s, e2) {
  if (s == null || s < 0)
    s = 0;
  if (e2 == null || e2 > v.length)
    e2 = v.length;
  return new u8(v.subarray(s, e2));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
];
var err = function(ind, msg, nt) {
  var e2 = new Error(msg || ec[ind]);
  e2.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e2, err);
  if (!nt)
    throw e2;
  return e2;
};
var inflt = function(dat, st, buf, dict2) {
  var sl = dat.length, dl = dict2 ? dict2.length : 0;
  if (!sl || st.f && !st.l)
    return buf || new u8(0);
  var noBuf = !buf;
  var resize2 = noBuf || st.i != 2;
  var noSt = st.i;
  if (noBuf)
    buf = new u8(sl * 3);
  var cbuf = function(l2) {
    var bl = buf.length;
    if (l2 > bl) {
      var nbuf = new u8(Math.max(bl * 2, l2));
      nbuf.set(buf);
      buf = nbuf;
    }
  };
  var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
  var tbts = sl * 8;
  do {
    if (!lm) {
      final = bits(dat, pos, 1);
      var type = bits(dat, pos + 1, 3);
      pos += 3;
      if (!type) {
        var s = shft(pos) + 4, l = dat[s - 4] | dat[s - 3] << 8, t = s + l;
        if (t > sl) {
          if (noSt)
            err(0);
          break;
        }
        if (resize2)
          cbuf(bt + l);
        buf.set(dat.subarray(s, t), bt);
        st.b = bt += l, st.p = pos = t * 8, st.f = final;
        continue;
      } else if (type == 1)
        lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
      else if (type == 2) {
        var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
        var tl = hLit + bits(dat, pos + 5, 31) + 1;
        pos += 14;
        var ldt = new u8(tl);
        var clt = new u8(19);
        for (var i2 = 0; i2 < hcLen; ++i2) {
          clt[clim[i2]] = bits(dat, pos + i2 * 3, 7);
        }
        pos += hcLen * 3;
        var clb = max(clt), clbmsk = (1 << clb) - 1;
        var clm = hMap(clt, clb, 1);
        for (var i2 = 0; i2 < tl; ) {
          var r = clm[bits(dat, pos, clbmsk)];
          pos += r & 15;
          var s = r >> 4;
          if (s < 16) {
            ldt[i2++] = s;
          } else {
            var c = 0, n = 0;
            if (s == 16)
              n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i2 - 1];
            else if (s == 17)
              n = 3 + bits(dat, pos, 7), pos += 3;
            else if (s == 18)
              n = 11 + bits(dat, pos, 127), pos += 7;
            while (n--)
              ldt[i2++] = c;
          }
        }
        var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
        lbt = max(lt);
        dbt = max(dt);
        lm = hMap(lt, lbt, 1);
        dm = hMap(dt, dbt, 1);
      } else
        err(1);
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
    }
    if (resize2)
      cbuf(bt + 131072);
    var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
    var lpos = pos;
    for (; ; lpos = pos) {
      var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
      pos += c & 15;
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
      if (!c)
        err(2);
      if (sym < 256)
        buf[bt++] = sym;
      else if (sym == 256) {
        lpos = pos, lm = null;
        break;
      } else {
        var add = sym - 254;
        if (sym > 264) {
          var i2 = sym - 257, b = fleb[i2];
          add = bits(dat, pos, (1 << b) - 1) + fl[i2];
          pos += b;
        }
        var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
        if (!d)
          err(3);
        pos += d & 15;
        var dt = fd[dsym];
        if (dsym > 3) {
          var b = fdeb[dsym];
          dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
        }
        if (pos > tbts) {
          if (noSt)
            err(0);
          break;
        }
        if (resize2)
          cbuf(bt + 131072);
        var end = bt + add;
        if (bt < dt) {
          var shift = dl - dt, dend = Math.min(dt, end);
          if (shift + bt < 0)
            err(3);
          for (; bt < dend; ++bt)
            buf[bt] = dict2[shift + bt];
        }
        for (; bt < end; ++bt)
          buf[bt] = buf[bt - dt];
      }
    }
    st.l = lm, st.p = lpos, st.b = bt, st.f = final;
    if (lm)
      final = 1, st.m = lbt, st.d = dm, st.n = dbt;
  } while (!final);
  return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
var et = /* @__PURE__ */ new u8(0);
var Inflate = /* @__PURE__ */ (function() {
  function Inflate2(opts, cb) {
    if (typeof opts == "function")
      cb = opts, opts = {};
    this.ondata = cb;
    var dict2 = opts && opts.dictionary && opts.dictionary.subarray(-32768);
    this.s = { i: 0, b: dict2 ? dict2.length : 0 };
    this.o = new u8(32768);
    this.p = new u8(0);
    if (dict2)
      this.o.set(dict2);
  }
  Inflate2.prototype.e = function(c) {
    if (!this.ondata)
      err(5);
    if (this.d)
      err(4);
    if (!this.p.length)
      this.p = c;
    else if (c.length) {
      var n = new u8(this.p.length + c.length);
      n.set(this.p), n.set(c, this.p.length), this.p = n;
    }
  };
  Inflate2.prototype.c = function(final) {
    this.s.i = +(this.d = final || false);
    var bts = this.s.b;
    var dt = inflt(this.p, this.s, this.o);
    this.ondata(slc(dt, bts, this.s.b), this.d);
    this.o = slc(dt, this.s.b - 32768), this.s.b = this.o.length;
    this.p = slc(this.p, this.s.p / 8 | 0), this.s.p &= 7;
  };
  Inflate2.prototype.push = function(chunk, final) {
    this.e(chunk), this.c(final);
  };
  return Inflate2;
})();
var td = typeof TextDecoder != "undefined" && /* @__PURE__ */ new TextDecoder();
var tds = 0;
try {
  td.decode(et, { stream: true });
  tds = 1;
} catch (e2) {
}

// ../../packages/keras/dist/read/inflate.js
var InflateError = class extends Error {
  overLimit;
  name = "InflateError";
  constructor(message, overLimit = false) {
    super(message);
    this.overLimit = overLimit;
  }
};
var SLICE = 1024;
function inflateRaw(data, maxBytes) {
  const chunks = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes)
      throw new InflateError(`more than ${maxBytes} bytes`, true);
    chunks.push(chunk);
    if (final)
      done = true;
  });
  try {
    for (let i2 = 0; i2 < data.length || i2 === 0 && data.length === 0; i2 += SLICE)
      inflater.push(data.subarray(i2, i2 + SLICE), i2 + SLICE >= data.length);
  } catch (e2) {
    if (e2 instanceof InflateError)
      throw e2;
    throw new InflateError(e2.message || "invalid DEFLATE data");
  }
  if (!done)
    throw new InflateError("the compressed data ends before the DEFLATE stream does");
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ../../packages/keras/dist/read/zip.js
var EOCD_SIG = 101010256;
var ZIP64_LOCATOR_SIG = 117853008;
var ZIP64_EOCD_SIG = 101075792;
var CDIR_SIG = 33639248;
var LOCAL_SIG = 67324752;
function looksLikeZip(head) {
  return head.length >= 4 && head[0] === 80 && head[1] === 75 && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}
var u162 = (b, o) => b[o] | b[o + 1] << 8;
var u32 = (b, o) => (b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24) >>> 0;
var u64 = (b, o) => u32(b, o) + u32(b, o + 4) * 2 ** 32;
function readExact(src2, file, offset, length, what) {
  if (offset < 0 || offset + length > src2.size)
    throw new KerasImportError(file, "zip-damaged", MESSAGES.zipTruncated(file, what, offset, src2.size), offset);
  const b = src2.read(offset, length);
  if (b.length !== length)
    throw new KerasImportError(file, "io", MESSAGES.io(file, offset, length, b.length), offset);
  return b;
}
function listZip(src2, file) {
  let tail = readExact(src2, file, Math.max(0, src2.size - 22), Math.min(src2.size, 22), "end of archive");
  let eocd = tail.length === 22 && u32(tail, 0) === EOCD_SIG ? 0 : -1;
  if (eocd < 0) {
    const tailLen = Math.min(src2.size, 22 + 65535);
    tail = readExact(src2, file, src2.size - tailLen, tailLen, "end of archive");
    for (let i2 = tail.length - 22; i2 >= 0; i2--) {
      if (u32(tail, i2) === EOCD_SIG) {
        eocd = i2;
        break;
      }
    }
  }
  if (eocd < 0)
    throw new KerasImportError(file, "zip-damaged", MESSAGES.zipNoEocd(file));
  let count = u162(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  const eocdAbs = src2.size - tail.length + eocd;
  if ((count === 65535 || cdSize === 4294967295 || cdOffset === 4294967295) && eocdAbs >= 20) {
    const loc = readExact(src2, file, eocdAbs - 20, 20, "zip64 locator");
    if (u32(loc, 0) === ZIP64_LOCATOR_SIG) {
      const z64 = u64(loc, 8);
      const rec = readExact(src2, file, z64, 56, "zip64 end-of-central-directory record");
      if (u32(rec, 0) !== ZIP64_EOCD_SIG)
        throw new KerasImportError(file, "zip-damaged", MESSAGES.zipBadSignature(file, "zip64 end-of-central-directory", z64), z64);
      count = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
  }
  const cd = readExact(src2, file, cdOffset, cdSize, "central directory");
  const entries = [];
  let p = 0;
  for (let i2 = 0; i2 < count; i2++) {
    if (p + 46 > cd.length || u32(cd, p) !== CDIR_SIG)
      throw new KerasImportError(file, "zip-damaged", MESSAGES.zipBadSignature(file, "central-directory entry", cdOffset + p), cdOffset + p);
    const flags = u162(cd, p + 8);
    const method = u162(cd, p + 10);
    let compressedSize = u32(cd, p + 20);
    let uncompressedSize = u32(cd, p + 24);
    const nameLen = u162(cd, p + 28);
    const extraLen = u162(cd, p + 30);
    const commentLen = u162(cd, p + 32);
    let localHeaderOffset = u32(cd, p + 42);
    if (p + 46 + nameLen + extraLen > cd.length)
      throw new KerasImportError(file, "zip-damaged", MESSAGES.zipTruncated(file, "central-directory entry", cdOffset + p, src2.size));
    const name = utf8(cd.subarray(p + 46, p + 46 + nameLen));
    for (let e2 = p + 46 + nameLen; e2 + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u162(cd, e2);
      const len = u162(cd, e2 + 2);
      if (id === 1) {
        let q = e2 + 4;
        if (uncompressedSize === 4294967295) {
          uncompressedSize = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 4294967295) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localHeaderOffset === 4294967295)
          localHeaderOffset = u64(cd, q);
      }
      e2 += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}
function readZipMember(src2, file, entry) {
  if (entry.flags & 1)
    throw new KerasImportError(file, "zip-unsupported", MESSAGES.zipEncrypted(file));
  if (entry.uncompressedSize > MAX_CONFIG_BYTES)
    throw new KerasImportError(file, "zip-too-large", MESSAGES.zipTooLarge(file, "declares", entry.uncompressedSize));
  const lh = readExact(src2, file, entry.localHeaderOffset, 30, "local header of config.json");
  if (u32(lh, 0) !== LOCAL_SIG)
    throw new KerasImportError(file, "zip-damaged", MESSAGES.zipBadSignature(file, "local header", entry.localHeaderOffset), entry.localHeaderOffset);
  const dataStart = entry.localHeaderOffset + 30 + u162(lh, 26) + u162(lh, 28);
  const data = readExact(src2, file, dataStart, entry.compressedSize, "compressed data of config.json");
  if (entry.method === 0)
    return data;
  if (entry.method !== 8)
    throw new KerasImportError(file, "zip-unsupported", MESSAGES.zipMethod(file, entry.method));
  try {
    return inflateRaw(data, MAX_CONFIG_BYTES);
  } catch (e2) {
    if (e2 instanceof InflateError) {
      if (e2.overLimit)
        throw new KerasImportError(file, "zip-too-large", MESSAGES.zipTooLarge(file, "inflates to more than", MAX_CONFIG_BYTES));
      throw new KerasImportError(file, "zip-damaged", MESSAGES.zipInflate(file, e2.message));
    }
    throw e2;
  }
}
function readKerasArchiveConfig(src2, file) {
  const entries = listZip(src2, file);
  const entry = entries.find((e2) => e2.name === "config.json") ?? entries.find((e2) => e2.name.endsWith("/config.json"));
  if (!entry)
    throw new KerasImportError(file, "zip-no-config", MESSAGES.zipNoConfig(file, entries.map((e2) => e2.name)));
  return readZipMember(src2, file, entry);
}

// ../../packages/keras/dist/read/json.js
function checkJsonDepth(value2, limit, file) {
  if (typeof value2 !== "object" || value2 === null)
    return;
  const values = [value2];
  const depths = [1];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop();
    if (depth > limit)
      throw new WorkLimitError(file, "depth", limit, "nesting of the model config JSON");
    if (Array.isArray(v)) {
      for (const child of v)
        if (typeof child === "object" && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
    } else
      for (const k in v) {
        const child = v[k];
        if (typeof child === "object" && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
  }
}
function lineColumn(text, offset) {
  let line = 1;
  let start = 0;
  for (let i2 = 0; i2 < offset && i2 < text.length; i2++) {
    if (text.charCodeAt(i2) === 10) {
      line++;
      start = i2 + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
function byteOffset(text, chars) {
  let n = 0;
  for (let i2 = 0; i2 < chars && i2 < text.length; i2++) {
    const c = text.charCodeAt(i2);
    if (c < 128)
      n += 1;
    else if (c < 2048)
      n += 2;
    else if (c >= 55296 && c < 56320) {
      n += 4;
      i2++;
    } else
      n += 3;
  }
  return n;
}
function parseJson(text, file, where = "", maxDepth) {
  let value2;
  try {
    value2 = JSON.parse(text);
  } catch (e2) {
    const found = findJsonError(text);
    const pos = found?.offset ?? text.length;
    const reason = (found?.reason ?? (e2 instanceof Error ? e2.message : String(e2))) + where;
    const { line, column } = lineColumn(text, pos);
    const offset = byteOffset(text, pos);
    throw new KerasImportError(file, "invalid-json", MESSAGES.invalidJson(file, reason, line, column, offset), offset);
  }
  if (maxDepth !== void 0)
    checkJsonDepth(value2, maxDepth, file);
  return value2;
}
function readRawConfig(source, ctx) {
  const { file, budget } = ctx;
  const depth = budget.limits.maxDepth;
  if (source.size === 0)
    throw new KerasImportError(file, "empty", MESSAGES.empty(file));
  const head = source.read(0, Math.min(source.size, 16));
  if (looksLikeZip(head))
    return { kind: "config", root: parseJson(utf8(readKerasArchiveConfig(source, file)), file, " (in config.json)", depth), container: "keras-zip" };
  if (hdf5SuperblockOffset(source) >= 0) {
    const h5 = readKerasH5(source, { file, budget, weights: ctx.weightsOnlyOk === true });
    if (h5.kind === "weights")
      return { kind: "weights", container: "hdf5", weights: h5 };
    const modelConfig = parseJson(h5.config, file, " (in the HDF5 attribute model_config)", depth);
    return {
      kind: "config",
      root: { model_config: modelConfig, ...h5.kerasVersion !== void 0 ? { keras_version: h5.kerasVersion } : {}, ...h5.backend !== void 0 ? { backend: h5.backend } : {} },
      container: "hdf5"
    };
  }
  const bytes = source.read(0, source.size);
  if (bytes.length !== source.size)
    throw new KerasImportError(file, "io", MESSAGES.io(file, 0, source.size, bytes.length));
  if (bytes.subarray(0, 4096).includes(0))
    throw new KerasImportError(file, "not-keras", MESSAGES.notKerasBinary(file, MESSAGES.binary()));
  const text = utf8(bytes);
  const root = parseJson(text, file, "", depth);
  if (typeof root === "string") {
    const inner = root.trimStart();
    if (inner.startsWith("{"))
      return { kind: "config", root: parseJson(root, file, " (inside the JSON string that holds the model JSON)", depth), container: "json-string" };
  }
  return { kind: "config", root, container: "json" };
}

// ../../packages/keras/dist/read/keras1.js
var KERAS1_KEYS = ["nb_filter", "border_mode", "subsample", "dim_ordering", "output_dim", "W_regularizer", "init", "nb_row", "input_dtype", "subsample_length", "pool_length"];
function isKeras1Config(config) {
  return KERAS1_KEYS.some((k) => k in config);
}
function move(out, from, to, map = (v) => v) {
  if (from in out) {
    const v = out[from];
    delete out[from];
    if (!(to in out))
      out[to] = map(v);
  }
}
var dataFormat = (v) => v === "th" ? "channels_first" : v === "tf" ? "channels_last" : v;
function translateKeras1(className, config) {
  const out = { ...config };
  move(out, "dim_ordering", "data_format", dataFormat);
  move(out, "border_mode", "padding");
  move(out, "subsample", "strides");
  move(out, "nb_filter", "filters");
  move(out, "bias", "use_bias");
  move(out, "input_dtype", "dtype");
  move(out, "atrous_rate", "dilation_rate");
  move(out, "p", "rate");
  if ("nb_row" in out && "nb_col" in out) {
    out["kernel_size"] = [out["nb_row"], out["nb_col"]];
    delete out["nb_row"];
    delete out["nb_col"];
  }
  if ("kernel_dim1" in out) {
    out["kernel_size"] = [out["kernel_dim1"], out["kernel_dim2"], out["kernel_dim3"]];
    delete out["kernel_dim1"];
    delete out["kernel_dim2"];
    delete out["kernel_dim3"];
  }
  move(out, "filter_length", "kernel_size");
  move(out, "subsample_length", "strides");
  move(out, "pool_length", "pool_size");
  move(out, "stride", "strides");
  if (className !== "Embedding")
    move(out, "output_dim", "units");
  if (!("batch_input_shape" in out) && className !== "Embedding" && typeof out["input_dim"] === "number") {
    out["batch_input_shape"] = "input_length" in out ? [null, out["input_length"] ?? null, out["input_dim"]] : [null, out["input_dim"]];
  }
  if (className === "Embedding" && !("batch_input_shape" in out) && "input_length" in out)
    out["batch_input_shape"] = [null, out["input_length"] ?? null];
  if (className === "Deconvolution2D" || className === "Deconvolution3D")
    delete out["output_shape"];
  if (className === "GRU" && !("reset_after" in out))
    out["reset_after"] = false;
  for (const k of ["layer", "backward_layer"]) {
    const inner = out[k];
    if (inner && typeof inner === "object" && typeof inner["class_name"] === "string" && inner["config"] && typeof inner["config"] === "object")
      out[k] = { ...inner, config: translateKeras1(inner["class_name"], inner["config"]) };
  }
  return out;
}

// ../../packages/keras/dist/read/formats.js
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var MODEL_CLASSES = /* @__PURE__ */ new Set(["Sequential", "Model", "Functional"]);
function describe(v) {
  if (Array.isArray(v))
    return "it is a JSON array";
  if (v === null)
    return "it is JSON null";
  if (!isObj(v))
    return `it is a JSON ${typeof v}`;
  const keys = Object.keys(v);
  return keys.length ? `it is a JSON object with keys ${keys.slice(0, 8).map((k) => quote(k, 30)).join(", ")}${keys.length > 8 ? ", ..." : ""}` : "it is an empty JSON object";
}
function isModelJson(j) {
  const cfg = j["config"];
  if (Array.isArray(cfg))
    return j["class_name"] === "Sequential";
  return isObj(cfg) && Array.isArray(cfg["layers"]) && (MODEL_CLASSES.has(String(j["class_name"])) || "input_layers" in cfg);
}
function refFromList(v) {
  if (Array.isArray(v) && v.length >= 1 && typeof v[0] === "string") {
    return { layer: v[0], node: typeof v[1] === "number" ? v[1] : 0, tensor: typeof v[2] === "number" ? v[2] : 0 };
  }
  return void 0;
}
function kerasTensors(v) {
  if (Array.isArray(v))
    return v.flatMap(kerasTensors);
  if (!isObj(v))
    return [];
  if (v["class_name"] === "__keras_tensor__" && isObj(v["config"])) {
    const r = refFromList(v["config"]["keras_history"]);
    return r ? [r] : [];
  }
  if ("class_name" in v)
    return [];
  return Object.values(v).flatMap(kerasTensors);
}
function legacyKwargRefs(v) {
  if (Array.isArray(v) && v.length >= 3 && v.length <= 4 && typeof v[0] === "string" && typeof v[1] === "number" && typeof v[2] === "number")
    return [refFromList(v)];
  if (Array.isArray(v) && v.length > 0 && v.every((x2) => legacyKwargRefs(x2)?.length === 1))
    return v.map((x2) => refFromList(x2));
  return void 0;
}
var EMPTY2 = Object.freeze({});
function shared(o) {
  for (const _k in o)
    return o;
  return EMPTY2;
}
function parseCalls(raw, ctx, where) {
  if (raw === void 0 || raw === null)
    return [];
  if (!Array.isArray(raw))
    throw new KerasImportError(ctx.file, "bad-config", MESSAGES.badLayer(ctx.file, where(), "inbound_nodes is not a list"));
  return raw.map((node) => {
    if (Array.isArray(node)) {
      const args = node.map((r) => {
        const ref = refFromList(r);
        if (!ref)
          throw new KerasImportError(ctx.file, "bad-config", MESSAGES.badLayer(ctx.file, where(), `inbound node entry ${JSON.stringify(r).slice(0, 60)} is not [layer, node, tensor]`));
        return ref;
      });
      const first = node[0];
      const kw = Array.isArray(first) && isObj(first[3]) ? first[3] : {};
      const kwargs = {};
      const kwargRefs = dict();
      for (const [k, v] of Object.entries(kw)) {
        const refs = legacyKwargRefs(v);
        if (refs)
          kwargRefs[k] = refs;
        else
          kwargs[k] = v;
      }
      return { args, kwargs: shared(kwargs), kwargRefs: shared(kwargRefs) };
    }
    if (isObj(node)) {
      const kwargs = {};
      const kwargRefs = dict();
      for (const [k, v] of Object.entries(isObj(node["kwargs"]) ? node["kwargs"] : {})) {
        const refs = kerasTensors(v);
        if (refs.length)
          kwargRefs[k] = refs;
        else
          kwargs[k] = v;
      }
      return { args: kerasTensors(node["args"]), kwargs: shared(kwargs), kwargRefs: shared(kwargRefs) };
    }
    throw new KerasImportError(ctx.file, "bad-config", MESSAGES.badLayer(ctx.file, where(), "an inbound node is neither a list nor {args, kwargs}"));
  });
}
function parseRefs(raw) {
  const single = refFromList(raw);
  if (single && !Array.isArray(raw[0]))
    return [single];
  if (Array.isArray(raw))
    return raw.map(refFromList).filter((r) => r !== void 0);
  if (isObj(raw))
    return Object.values(raw).flatMap(parseRefs);
  return [];
}
function layerName(j, cfg) {
  return typeof j["name"] === "string" ? j["name"] : typeof cfg["name"] === "string" ? cfg["name"] : "";
}
function buildLayer(j, ctx, where, index) {
  if (!isObj(j) || typeof j["class_name"] !== "string")
    throw new KerasImportError(ctx.file, "bad-config", MESSAGES.badLayer(ctx.file, `${where} layer ${index}`, "expected an object with class_name and config"));
  const className = j["class_name"];
  const rawCfg = isObj(j["config"]) ? j["config"] : {};
  const name = layerName(j, rawCfg) || `${className.toLowerCase()}_${index}`;
  const here = () => `${where} layer ${quote(name)}`;
  const calls = parseCalls(j["inbound_nodes"], ctx, here);
  if (isModelJson(j)) {
    const model = buildModel(j, ctx, here());
    return { className, name, config: { ...rawCfg, name }, calls, model };
  }
  const config = ctx.keras1 || isKeras1Config(rawCfg) ? translateKeras1(className, rawCfg) : rawCfg;
  return { className, name, config, calls };
}
function declaredShape(j, model) {
  const cfg = isObj(j["config"]) ? j["config"] : {};
  for (const k of ["batch_input_shape", "batch_shape", "batchInputShape"])
    if (Array.isArray(cfg[k]))
      return cfg[k];
  if (Array.isArray(cfg["input_shape"]))
    return [null, ...cfg["input_shape"]];
  if (typeof cfg["input_dim"] === "number" && j["class_name"] !== "Embedding")
    return cfg["input_length"] !== void 0 ? [null, cfg["input_length"], cfg["input_dim"]] : [null, cfg["input_dim"]];
  if (j["class_name"] === "Embedding" && cfg["input_length"] !== void 0)
    return [null, cfg["input_length"]];
  const bc = isObj(j["build_config"]) ? j["build_config"] : void 0;
  if (bc && Array.isArray(bc["input_shape"]))
    return bc["input_shape"];
  if (isModelJson(j)) {
    const inner = Array.isArray(cfg) ? cfg : cfg["layers"];
    const first = inner[0];
    if (isObj(first))
      return declaredShape(first);
  }
  if (model && isObj(model["build_config"]) && Array.isArray(model["build_config"]["input_shape"]))
    return model["build_config"]["input_shape"];
  return void 0;
}
function declaredDtype(j) {
  const cfg = isObj(j["config"]) ? j["config"] : {};
  return cfg["dtype"] ?? cfg["input_dtype"];
}
function buildSequential(j, list2, ctx, where, name, trainable) {
  if (list2.length === 0)
    throw new KerasImportError(ctx.file, "bad-config", MESSAGES.badLayer(ctx.file, where, "the Sequential model has no layers"));
  const built = list2.map((l, i2) => buildLayer(l, ctx, where, i2));
  let input;
  let rest;
  if (built[0].className === "InputLayer") {
    input = built[0];
    rest = built.slice(1);
  } else {
    const first = list2[0];
    const shape = declaredShape(first, j);
    const dtype = declaredDtype(first);
    input = {
      className: "InputLayer",
      name: `${built[0].name}_input`,
      config: { ...shape ? { batch_input_shape: shape } : {}, ...typeof dtype === "string" ? { dtype } : {}, name: `${built[0].name}_input` },
      calls: []
    };
    rest = built;
  }
  let prev = input.name;
  const chained = rest.map((l) => {
    const call = { args: [{ layer: prev, node: 0, tensor: 0 }], kwargs: EMPTY2, kwargRefs: EMPTY2 };
    prev = l.name;
    return { ...l, calls: [call] };
  });
  return {
    className: String(j["class_name"]),
    name,
    trainable,
    layers: [input, ...chained],
    inputs: [{ layer: input.name, node: 0, tensor: 0 }],
    outputs: [{ layer: prev, node: 0, tensor: 0 }]
  };
}
function buildModel(j, ctx, where) {
  const cfg = j["config"];
  const trainable = !(isObj(cfg) && cfg["trainable"] === false) && j["trainable"] !== false;
  if (Array.isArray(cfg))
    return buildSequential(j, cfg, ctx, where, typeof j["name"] === "string" ? j["name"] : "sequential", trainable);
  if (!isObj(cfg) || !Array.isArray(cfg["layers"]))
    throw new KerasImportError(ctx.file, "bad-config", MESSAGES.noLayers(ctx.file, where || "the model config"));
  const name = typeof cfg["name"] === "string" ? cfg["name"] : typeof j["name"] === "string" ? j["name"] : "model";
  if (j["class_name"] === "Sequential" || !("input_layers" in cfg))
    return buildSequential(j, cfg["layers"], ctx, where, name, trainable);
  const layerJson = cfg["layers"];
  const inner = { ...ctx, style: callStyle(layerJson, ctx.style) };
  const built = layerJson.map((l, i2) => buildLayer(l, inner, where || `model ${quote(name)}`, i2));
  const inputs = parseRefs(cfg["input_layers"]);
  const outputs = parseRefs(cfg["output_layers"]);
  const layers = built.map((l, i2) => l.model ? { ...l, callOffset: nestedCallOffset(l, layerJson[i2], built, [...inputs, ...outputs], inner) } : l);
  return { className: String(j["class_name"]), name, trainable, layers, inputs, outputs };
}
function callStyle(layers, inherited) {
  for (const l of layers) {
    const nodes = isObj(l) ? l["inbound_nodes"] : void 0;
    if (Array.isArray(nodes) && nodes.length)
      return Array.isArray(nodes[0]) ? "list" : isObj(nodes[0]) ? "dict" : inherited;
  }
  return inherited;
}
function nestedCallOffset(l, j, layers, io, ctx) {
  const cfg = j["config"];
  const functional = isObj(cfg) && "input_layers" in cfg && j["class_name"] !== "Sequential";
  const ioRefs = io.filter((r) => r.layer === l.name);
  if (ctx.style === "dict")
    return { inbound: 0, io: functional && !ioRefs.some((r) => r.node === 0) ? 1 : 0 };
  const list2 = Array.isArray(cfg) ? cfg : isObj(cfg) && Array.isArray(cfg["layers"]) ? cfg["layers"] : [];
  const first = list2[0];
  const withInput = isObj(first) && first["class_name"] === "InputLayer";
  if (functional || withInput || ctx.tfjsWriter || ctx.keras1)
    return { inbound: 1, io: 1 };
  const refs = [...ioRefs];
  for (const other of layers)
    for (const c of other.calls)
      for (const r of [...c.args, ...Object.values(c.kwargRefs).flat()])
        if (r.layer === l.name)
          refs.push(r);
  const offset = refs.some((r) => r.node === 0) ? 0 : 1;
  return { inbound: offset, io: offset };
}
function majorOf(version) {
  const m2 = version ? /(\d+)\./.exec(version) : null;
  return m2 ? Number(m2[1]) : void 0;
}
function normalizeConfig(root, file, maxDepth) {
  let cfg = root;
  let version;
  let producer;
  let flavour = "keras";
  if (isObj(root) && isObj(root["modelTopology"])) {
    flavour = "tfjs";
    const topo = root["modelTopology"];
    cfg = topo["model_config"] ?? topo;
    if (typeof topo["keras_version"] === "string")
      version = topo["keras_version"];
    const gen = root["generatedBy"];
    if (typeof gen === "string") {
      const m2 = /tfjs-layers\s+v?([\d.]+)/i.exec(gen) ?? /v?(\d+\.\d+\.\d+)/.exec(gen);
      if (m2)
        producer = `tfjs-layers ${m2[1]}`;
    }
  } else if (isObj(root) && "model_config" in root) {
    cfg = root["model_config"];
    if (typeof root["keras_version"] === "string")
      version = root["keras_version"];
  }
  if (typeof cfg === "string")
    cfg = parseJson(cfg, file, " (in model_config)", maxDepth);
  if (!isObj(cfg) || typeof cfg["class_name"] !== "string" || !("config" in cfg))
    throw new KerasImportError(file, "not-keras", MESSAGES.notKerasJson(file, describe(cfg)));
  if (typeof cfg["keras_version"] === "string")
    version ??= cfg["keras_version"];
  if (!isModelJson(cfg) && !Array.isArray(cfg["config"]))
    throw new KerasImportError(file, "not-keras", MESSAGES.notKerasJson(file, `class_name ${quote(cfg["class_name"])} with no \`layers\` list (a single layer or a subclassed model)`));
  const tfjsVersion = version && /^tfjs-layers/.test(version) ? /([\d.]+)/.exec(version)?.[1] : void 0;
  if (tfjsVersion)
    producer ??= `tfjs-layers ${tfjsVersion}`;
  const kerasMajor = tfjsVersion ? void 0 : majorOf(version) ?? ("module" in cfg ? 3 : void 0);
  const keras1 = kerasMajor === 1;
  const minor = version && !tfjsVersion ? Number(/^\d+\.(\d+)/.exec(version)?.[1] ?? 99) : 99;
  const legacy = keras1 || tfjsVersion !== void 0 || kerasMajor === 2 && minor < 3;
  producer ??= version ? `keras ${version}` : kerasMajor ? `keras ${kerasMajor}` : "keras";
  const model = buildModel(cfg, { file, keras1, tfjsWriter: tfjsVersion !== void 0 }, "");
  return { model, producer, ...kerasMajor !== void 0 ? { kerasMajor } : {}, legacy, flavour };
}

// ../../packages/keras/dist/weights-only.js
function major(version) {
  const m2 = version ? /^(\d+)\./.exec(version) : null;
  return m2 ? Number(m2[1]) : void 0;
}
function weightsOnlyAnalysis(w, file, inputs) {
  const names = Object.keys(inputs ?? {});
  if (names.length)
    throw new KerasImportError(file, "bad-option", MESSAGES.badInputOption(file, names[0], []));
  const calls = [];
  const weights = [];
  let params = Poly.ZERO;
  for (const layer of w.layers) {
    const own2 = layer.weights.map((d) => {
      const shape = [...d.dims];
      const elements2 = numElements(shape);
      return { name: d.path, layer: layer.name, shape, dtype: d.dtype, trainable: true, elements: elements2, bytes: elements2.mul(d.elementBytes) };
    });
    const layerParams = own2.reduce((p, x2) => p.add(x2.elements), Poly.ZERO);
    params = params.add(layerParams);
    weights.push(...own2);
    calls.push({
      name: layer.name,
      layer: layer.name,
      className: WEIGHTS_ONLY_OP,
      inputs: [],
      outputs: [],
      weights: own2,
      params: layerParams,
      bytesRead: own2.reduce((p, x2) => p.add(x2.bytes), Poly.ZERO),
      bytesWritten: Poly.ZERO,
      status: "unsupported"
    });
  }
  const result = {
    inputs: [],
    outputs: [],
    calls,
    weights,
    diagnostics: [{ severity: "warning", code: "weights-only", message: MESSAGES.weightsOnlyReport(w.layers.length) }]
  };
  const kerasMajor = major(w.kerasVersion);
  const model = {
    model: { className: WEIGHTS_ONLY_OP, name: "", trainable: true, layers: [], inputs: [], outputs: [] },
    producer: w.kerasVersion ? `keras ${w.kerasVersion}` : w.layout === "keras3" ? "keras 3" : "keras",
    ...kerasMajor !== void 0 ? { kerasMajor } : w.layout === "keras3" ? { kerasMajor: 3 } : {},
    legacy: false,
    flavour: "keras"
  };
  return { config: void 0, container: "hdf5", file: model, result, params, trainableParams: void 0, weightsOnly: true };
}

// ../../packages/keras/dist/profile.js
var KERAS_TOOL = { name: "modelcost", version: "0.1.0" };
function analyze(source, options, keepConfig) {
  const file = options.file ?? DEFAULT_FILE_LABEL;
  const budget = options.budget ?? new WorkBudget(options.limits ?? {}, file, Date.now, options.memory);
  let raw = readRawConfig(source, { file, budget, weightsOnlyOk: options.weightsOnlyOk === true });
  if (raw.kind === "weights")
    return weightsOnlyAnalysis(raw.weights, file, options.inputs);
  const model = normalizeConfig(raw.root, file, budget.limits.maxDepth);
  const { container } = raw;
  const config = keepConfig ? raw.root : void 0;
  raw = void 0;
  const result = walkModel(model.model, {
    file,
    convention: options.convention ?? "macs+flops",
    legacy: model.legacy,
    budget,
    ...options.inputs ? { inputs: options.inputs } : {}
  });
  let params = Poly.ZERO;
  let trainableParams = Poly.ZERO;
  for (const w of result.weights) {
    params = params.add(w.elements);
    if (w.trainable)
      trainableParams = trainableParams.add(w.elements);
  }
  budget.time(file);
  return { config, container, file: model, result, params, trainableParams, weightsOnly: false };
}
function value(t) {
  return { name: t.name, dtype: t.dtype, shape: t.shape, bytes: tensorBytes2(t) };
}
function profileKeras(source, options = {}) {
  const a = analyze(source, options, false);
  const evalDims = options.dims ?? {};
  const scopeOf = kerasScopes(a.file.model);
  const nodes = a.result.calls.map((c) => ({
    scope: scopeOf(c.name, c.className),
    name: c.name,
    op: c.className,
    domain: "keras",
    layer: c.layer,
    inputs: c.inputs.map((t) => t.name),
    outputs: c.outputs.map(value),
    ...c.cost ? { cost: { macs: c.cost.macs, flops: c.cost.flops, params: c.params ?? Poly.ZERO, bytesRead: c.bytesRead, bytesWritten: c.bytesWritten } } : c.params ? { params: c.params } : {},
    ...c.status === "ok" ? {} : { status: c.status }
  }));
  return buildReport({
    tool: KERAS_TOOL,
    model: { path: options.file ?? "", format: "keras", producer: a.file.producer, opsets: a.file.kerasMajor !== void 0 ? { keras: a.file.kerasMajor } : {} },
    convention: options.convention ?? "macs+flops",
    dims: evalDims,
    inputs: a.result.inputs.map(value),
    outputs: a.result.outputs.map(value),
    nodes,
    weights: a.result.weights.map((w) => ({ name: w.name, byteLength: Number(w.bytes.isConst ? w.bytes.constValue : w.bytes.evaluate(evalDims, 1)) })),
    ...a.trainableParams ? { trainableParams: a.trainableParams } : {},
    params: a.params,
    diagnostics: a.result.diagnostics
  });
}

// ../../packages/onnx/dist/decode/errors.js
var OnnxImportError = class extends ModelImportError {
  name = "OnnxImportError";
  code;
  /** The file label given by the caller (`options.file`), if any. */
  file;
  /** Absolute byte offset in the input where the problem was found, when it has one. */
  offset;
  constructor(code, message, file, offset) {
    super(message);
    this.code = code;
    this.file = file;
    this.offset = offset;
  }
};
var OnnxEmptyFileError = class extends OnnxImportError {
  name = "OnnxEmptyFileError";
  constructor(message, file) {
    super("empty", message, file, 0);
  }
};
var OnnxLfsPointerError = class extends OnnxImportError {
  oid;
  lfsSize;
  name = "OnnxLfsPointerError";
  constructor(message, file, oid, lfsSize) {
    super("lfs-pointer", message, file, 0);
    this.oid = oid;
    this.lfsSize = lfsSize;
  }
};
var OnnxNotOnnxError = class extends OnnxImportError {
  detected;
  name = "OnnxNotOnnxError";
  constructor(message, file, detected, offset) {
    super("not-onnx", message, file, offset);
    this.detected = detected;
  }
};
var OnnxTruncatedError = class extends OnnxImportError {
  name = "OnnxTruncatedError";
  constructor(message, file, offset) {
    super("truncated", message, file, offset);
  }
};
var OnnxCorruptError = class extends OnnxImportError {
  where;
  expected;
  name = "OnnxCorruptError";
  constructor(message, file, offset, where, expected) {
    super("corrupt", message, file, offset);
    this.where = where;
    this.expected = expected;
  }
};
var OnnxTooDeepError = class extends OnnxImportError {
  name = "OnnxTooDeepError";
  constructor(message, file, offset) {
    super("too-deep", message, file, offset);
  }
};
var OnnxTooLargeError = class extends OnnxImportError {
  name = "OnnxTooLargeError";
  constructor(message, file, offset) {
    super("too-large", message, file, offset);
  }
};
var OnnxIoError = class extends OnnxImportError {
  name = "OnnxIoError";
  constructor(message, file, offset) {
    super("io", message, file, offset);
  }
};

// ../../packages/onnx/dist/messages.js
var DEFAULT_FILE_LABEL2 = "input";
var fmtBytes = (n) => {
  if (n < 1024)
    return `${n} bytes`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
};
function quote2(text, max2 = 40) {
  const cut2 = text.length > max2 ? `${text.slice(0, max2)}...` : text;
  return JSON.stringify(cut2);
}
var MESSAGES2 = {
  empty: (file) => `${file}: the file is empty (0 bytes), so it holds no ONNX model. Check that it was written completely, or export it again.`,
  lfsPointer: (file, oid, size) => `${file}: this is a Git LFS pointer, not the model itself` + (size !== void 0 || oid !== void 0 ? ` (it stands for ${size !== void 0 ? fmtBytes(size) : "a file"}${oid !== void 0 ? ` with oid ${oid.slice(0, 19)}...` : ""})` : "") + ". Fetch the real file with `git lfs pull` (in CI: check out with `lfs: true`) and run again.",
  /** `what` says what the bytes look like instead, e.g. `it looks like JSON text`. */
  notOnnx: (file, what) => `${file}: not an ONNX model: ${what}. modelcost reads ONNX files (a serialized onnx.ModelProto); export the model to ONNX first.`,
  notOnnxJson: () => "it is JSON text (a Keras model config or tf.js model.json is read by the Keras importer, not this one)",
  notOnnxText: (start) => `it is text, starting with ${quote2(start)}`,
  notOnnxZip: () => "it is a zip archive (a .keras file, a PyTorch .pt/.pth checkpoint or an .npz, not an .onnx model)",
  notOnnxHdf5: () => "it is an HDF5 file (a Keras .h5 model, not an .onnx model)",
  notOnnxPickle: () => "it is a Python pickle (a PyTorch checkpoint, not an .onnx model)",
  notOnnxTflite: () => "it is a TensorFlow Lite flatbuffer (.tflite)",
  notOnnxOrt: () => "it is an ONNX Runtime .ort flatbuffer, not an .onnx protobuf; convert from the original .onnx file",
  notOnnxGguf: () => "it is a GGUF file (llama.cpp weights)",
  notOnnxSafetensors: () => "it is a safetensors weight file (weights only, no graph)",
  notOnnxGzip: () => "it is gzip-compressed; decompress it first",
  notOnnxFirstTag: (offset, field, wireType, expected) => `its first protobuf field (field ${field}, wire type ${wireType}, at byte ${offset}) is not a ModelProto field (expected ${expected})`,
  notOnnxWireType: (offset, field, wireType, expected) => `it is a protobuf message, but not a ModelProto: field ${field} at byte ${offset} has wire type ${wireType} (expected ${expected})`,
  notOnnxNoGraph: () => "it is a protobuf message without a graph (ModelProto field 7): perhaps a TensorProto test-data file or another protobuf format",
  notOnnxBinary: () => "its first bytes are not a protobuf field",
  /** `what`: `a varint`, `a 32-bit float`, `a string of 12 bytes`... */
  truncated: (file, offset, what, size) => `${file}: the file is truncated: ${what} at byte ${offset} runs past its end (byte ${size}). The download or export was probably cut short; fetch or export the model again.`,
  /** `field`: `field 7 (graph) of ModelProto`. */
  truncatedField: (file, offset, field, declared, remaining, size) => `${file}: the file is truncated: ${field} at byte ${offset} declares ${declared} bytes, but only ${remaining} remain (the file ends at byte ${size}). The download or export was probably cut short; fetch or export the model again.`,
  corrupt: (file, offset, where, expected, got) => `${file}: corrupt protobuf at byte ${offset} in ${where}: expected ${expected}, got ${got}. The file is damaged or is not an ONNX model; fetch or export it again.`,
  tooDeep: (file, offset, limit) => `${file}: messages nest more than ${limit} levels deep at byte ${offset} (subgraphs inside subgraphs). No real model nests this deep; the file is damaged or built to exhaust the reader.`,
  tooLarge: (file, offset, what, limit) => `${file}: ${what} at byte ${offset} holds more than ${groupDigits(limit)} entries, over modelcost's limit; the file is damaged or built to exhaust the reader.`,
  /** `what`: `a tensor's dims (TensorProto field 1)`, `a tensor type's shape (TensorShapeProto)`. */
  tooManyDims: (file, offset, what, limit) => `${file}: ${what} at byte ${offset} lists more than ${groupDigits(limit)} dims, a rank no real tensor has; the file is damaged or built to exhaust the reader.`,
  hugeTensor: (file, offset, tensor, dims) => `${file}: tensor ${quote2(tensor)} at byte ${offset} has dims [${dims.slice(0, 8).join(", ")}${dims.length > 8 ? ", ..." : ""}], more than 2^53 elements or bytes; no file holds such a tensor: it is damaged or built to exhaust the reader.`,
  io: (file, offset, wanted, got) => `${file}: could not read ${wanted} bytes at byte ${offset} (got ${got}); the file changed or shrank while it was being read.`,
  valueKind: (file, expected, got) => `${file}: expected a serialized ${expected}, but the bytes decode as ${got}.`,
  // Non-fatal decode warnings (collected in OnnxModel.warnings, surfaced as diagnostics later).
  warnDataSize: (tensor, field, gotBytes, dims, dtype, wantBytes) => `tensor ${quote2(tensor)}: ${field} holds ${gotBytes} bytes, but dims [${dims.join(", ")}] of ${dtype} need ${wantBytes}; its values are not used`,
  warnDataCount: (tensor, field, got, want) => `tensor ${quote2(tensor)}: ${field} holds ${got} elements, but its dims need ${want}; its values are not used`,
  warnNegativeDim: (tensor, dims) => `tensor ${quote2(tensor)}: dims [${dims.join(", ")}] contain a negative size; counted as 0 elements`,
  warnDuplicateAttribute: (node, attr) => `node ${quote2(node)}: attribute ${quote2(attr)} appears twice; the last one is used`,
  inputNotFound: (name, inputs) => `--input ${name}: the model has no input named ${JSON.stringify(name)}; its inputs are ${inputs.map((n) => JSON.stringify(n)).join(", ") || "none"}`,
  inputBindingConflict: (symbol, a, b) => `--input ${a.input} and --input ${b.input} disagree on ${quote2(symbol)}: ${a.input} gives ${a.value}, ${b.input} gives ${b.value}; both inputs declare that dim as ${quote2(symbol)}, so give them the same size`,
  inputDimConflict: (symbol, input, value2, dimValue) => `--input ${input} gives ${quote2(symbol)} = ${value2}, but --dim ${symbol}=${dimValue}; give one value`,
  warnUnknownDataType: (tensor, code) => `tensor ${quote2(tensor)}: unknown data_type ${code}; its size is counted as 4 bytes per element`
};
var WIRE_NAMES = ["varint", "64-bit", "length-delimited", "start-group", "end-group", "32-bit", "invalid 6", "invalid 7"];
var PARTS = {
  wire: (wt) => `wire type ${wt} (${WIRE_NAMES[wt] ?? "invalid"})`,
  /** ` (op_type)` when the field is known, else nothing. */
  fieldName: (name) => name === void 0 ? "" : ` (${name})`,
  fieldWithWire: (field, name, wire) => `field ${field}${PARTS.fieldName(name)} with ${wire}`,
  fieldOf: (field, name, message) => `field ${field}${PARTS.fieldName(name)} of ${message}`,
  fitInParent: (field, name, room) => `field ${field}${PARTS.fieldName(name)} to fit in its parent (at most ${room} bytes)`,
  aLength: (n) => `a length of ${n} bytes`,
  tagNumber: "a field tag with a field number of at least 1",
  tag: (t) => `tag ${t}`,
  endGroupFor: (field) => `an end-group tag for group field ${field}`,
  endGroupOf: (field) => `the end-group tag of field ${field}`,
  endOfMessage: "the end of the message",
  validWireType: "a field with wire type 0, 1, 2, 3 or 5",
  wireOnField: (wt, field) => `${PARTS.wire(wt)} on field ${field}`,
  endWithin: (end) => `the field to end within its message (at byte ${end})`,
  runningTo: (pos) => `a field running to byte ${pos}`,
  shortVarint: "a varint of at most 10 bytes",
  longVarint: "more than 10 bytes with the continuation bit set",
  packedEnd: (field, stop) => `packed field ${field} to end at byte ${stop}`,
  varintRunningTo: (pos) => `a varint running to byte ${pos}`,
  packedFloats: (field) => `packed floats in field ${field} (a multiple of 4 bytes)`,
  bytes: (n) => `${n} bytes`,
  varint: "a varint",
  float32: "a 32-bit float",
  float64: "a 64-bit float",
  fixed: (bits2) => `a ${bits2}-bit value`,
  string: (n) => `a string of ${n} bytes`,
  tensorData: (n) => `${n} bytes of tensor data`,
  modelFirstField: "field 1 (ir_version) as a varint, or another ModelProto field",
  tensorDims: "a tensor's dims (TensorProto field 1)",
  sparseDims: "a sparse tensor's dims (SparseTensorProto field 3)",
  shapeDims: "a tensor type's shape (TensorShapeProto)",
  modelField: (field, name) => `ModelProto field ${field}${PARTS.fieldName(name)}`
};
var INFER_MESSAGES = {
  /** `chain`: the functions from the first call of the recursing one back to it (`local.A -> local.B -> local.A`). */
  recursiveFunction: (op, node, chain) => `(op ${op}, node ${node}) function ${chain[0]} calls itself (${chain.join(" -> ")}): an ONNX function cannot be recursive, so the cost of this model cannot be known; it was not profiled`,
  callVariants: (fn, max2) => `function ${fn} was inferred for ${max2} different known inputs (calls fanned out over computed values): later calls are inferred from their inputs' shapes alone, and what their known contents would have decided is unknown`,
  loopSizeUnknown: (sizes) => `a loop-carried size changes with every iteration (${sizes}) in a way not summed exactly: after the loop it is unknown, and the body's costs are those of the first iteration times the trip count`
};

// ../../packages/onnx/dist/decode/reader.js
var WT_VARINT = 0;
var WT_I64 = 1;
var WT_LEN = 2;
var WT_SGROUP = 3;
var WT_EGROUP = 4;
var WT_I32 = 5;
var wireName = PARTS.wire;
var DEFAULT_LIMITS = { maxDepth: 100, maxListEntries: 5e7 };
var MIN_CHUNK = 4096;
var MAX_CHUNK = 1 << 20;
var EMPTY3 = new Uint8Array(0);
var TWO322 = 4294967296;
var utf82 = (() => {
  const TD = globalThis.TextDecoder;
  if (!TD)
    throw new Error("TextDecoder is not available in this runtime");
  return new TD("utf-8");
})();
var SHORT = 32;
var scratch = Array.from({ length: SHORT + 1 }, (_, n) => new Array(n).fill(0));
var RECENT_BITS = 12;
var recent = new Array(1 << RECENT_BITS);
function decodeUtf8(b, start, end) {
  const len = end - start;
  if (len <= SHORT) {
    let h = len;
    for (let i2 = start; i2 < end; i2++) {
      const c = b[i2];
      if (c >= 128)
        return utf82.decode(b.subarray(start, end));
      h = Math.imul(h, 31) + c | 0;
    }
    const slot = (h ^ h >>> RECENT_BITS) & (1 << RECENT_BITS) - 1;
    const hit = recent[slot];
    if (hit !== void 0 && hit.length === len) {
      let i2 = 0;
      while (i2 < len && hit.charCodeAt(i2) === b[start + i2])
        i2++;
      if (i2 === len)
        return hit;
    }
    const a = scratch[len];
    for (let i2 = 0; i2 < len; i2++)
      a[i2] = b[start + i2];
    const s = String.fromCharCode.apply(null, a);
    recent[slot] = s;
    return s;
  }
  return utf82.decode(b.subarray(start, end));
}
function int64From(lo, hi) {
  if (hi & 2147483648) {
    const nlo = ~lo + 1 >>> 0;
    const nhi = ~hi + (nlo === 0 ? 1 : 0) >>> 0;
    if (nhi < 2097152)
      return -(nhi * TWO322 + nlo);
    return BigInt.asIntN(64, BigInt(hi >>> 0) << 32n | BigInt(lo >>> 0));
  }
  if (hi < 2097152)
    return hi * TWO322 + (lo >>> 0);
  return BigInt(hi >>> 0) << 32n | BigInt(lo >>> 0);
}
function uint64From(lo, hi) {
  hi >>>= 0;
  if (hi < 2097152)
    return hi * TWO322 + (lo >>> 0);
  return BigInt(hi) << 32n | BigInt(lo >>> 0);
}
var ProtoReader = class {
  source;
  size;
  file;
  label;
  limits;
  /**
   * How many length-delimited messages enclose the read position (0 in the root message). Only a
   * field of the root can run past the end of the file because the file was cut short; deeper
   * down, every parent was already checked to fit in the file, so an overrun there is damage.
   */
  level = 0;
  /** Scratch halves of the last 64-bit varint. */
  lo = 0;
  hi = 0;
  buf = EMPTY3;
  view = new DataView(new ArrayBuffer(0));
  /** Absolute offset of buf[0]. */
  base = 0;
  /** Read position inside buf. */
  off = 0;
  chunk = MIN_CHUNK;
  /** The message whose field is being read, for errors raised below the field level (bad varints). */
  current = { name: "the top-level message", fields: {} };
  constructor(source, file, limits = DEFAULT_LIMITS) {
    this.source = source;
    this.size = source.size;
    this.file = file;
    this.label = file ?? DEFAULT_FILE_LABEL2;
    this.limits = limits;
  }
  /** Absolute read position. */
  get pos() {
    return this.base + this.off;
  }
  /** Move to an absolute position; no I/O until something is read there. */
  seek(abs) {
    const rel = abs - this.base;
    if (rel >= 0 && rel <= this.buf.length) {
      this.off = rel;
    } else {
      this.base = abs;
      this.buf = EMPTY3;
      this.off = 0;
    }
  }
  /** Make `n` bytes at the read position available in the window (reads when they are not). */
  ensure(n, what) {
    if (this.off + n <= this.buf.length)
      return;
    const abs = this.base + this.off;
    if (abs + n > this.size)
      throw this.truncated(abs, what);
    const sequential = abs >= this.base && abs <= this.base + this.buf.length && this.buf.length > 0;
    this.chunk = sequential ? Math.min(this.chunk * 2, MAX_CHUNK) : MIN_CHUNK;
    const len = Math.min(this.size - abs, Math.max(n, this.chunk));
    const got = this.source.read(abs, len);
    if (got.length < len)
      throw new OnnxIoError(MESSAGES2.io(this.label, abs, len, got.length), this.file, abs);
    this.buf = got.length === len ? got : got.subarray(0, len);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.base = abs;
    this.off = 0;
  }
  /**
   * The bytes `[abs, abs + len)` without moving the window: a view when they are already in it,
   * else a fresh read. Used to decode the values of small tensors after their message is walked.
   */
  bytesAt(abs, len) {
    const rel = abs - this.base;
    if (rel >= 0 && rel + len <= this.buf.length)
      return this.buf.subarray(rel, rel + len);
    if (abs + len > this.size)
      throw this.truncated(abs, PARTS.tensorData(len));
    const got = this.source.read(abs, len);
    if (got.length < len)
      throw new OnnxIoError(MESSAGES2.io(this.label, abs, len, got.length), this.file, abs);
    return got.length === len ? got : got.subarray(0, len);
  }
  /** Next byte of a varint that started at `start` (named in the error when the file ends inside it). */
  byte(start) {
    if (this.off >= this.buf.length) {
      if (this.base + this.off >= this.size)
        throw this.truncated(start, PARTS.varint);
      this.ensure(1, PARTS.varint);
    }
    return this.buf[this.off++];
  }
  /**
   * An unsigned varint as a number (exact up to 2^53, which covers tags, lengths, enums and
   * counts). More than 10 bytes is corrupt.
   */
  varint() {
    const b = this.buf;
    let i2 = this.off;
    if (i2 < b.length) {
      const c = b[i2];
      if (c < 128) {
        this.off = i2 + 1;
        return c;
      }
    }
    if (i2 + 10 <= b.length) {
      let v2 = 0;
      let mul2 = 1;
      for (let n = 0; n < 10; n++) {
        const c = b[i2++];
        v2 += (c & 127) * mul2;
        if (c < 128) {
          this.off = i2;
          return v2;
        }
        mul2 *= 128;
      }
      throw this.badVarint(this.base + this.off);
    }
    const at = this.pos;
    let v = 0;
    let mul = 1;
    for (let n = 0; n < 10; n++) {
      const c = this.byte(at);
      v += (c & 127) * mul;
      if (c < 128)
        return v;
      mul *= 128;
    }
    throw this.badVarint(at);
  }
  /** A 64-bit varint into `lo`/`hi`. */
  varint64() {
    const at = this.pos;
    let lo = 0;
    let hi = 0;
    let c = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      c = this.byte(at);
      lo |= (c & 127) << shift;
      if (c < 128) {
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    c = this.byte(at);
    lo |= (c & 15) << 28;
    hi = (c & 127) >> 4;
    if (c < 128) {
      this.lo = lo >>> 0;
      this.hi = hi;
      return;
    }
    for (let shift = 3; shift <= 31; shift += 7) {
      c = this.byte(at);
      hi |= (c & 127) << shift;
      if (c < 128) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw this.badVarint(at);
  }
  /** int64 field: number when exact, else bigint. */
  int64() {
    this.varint64();
    return int64From(this.lo, this.hi);
  }
  /** int64 field as a number (dims, versions: values beyond 2^53 lose precision, never wrap). */
  int64Number() {
    this.varint64();
    const v = int64From(this.lo, this.hi);
    return typeof v === "number" ? v : Number(v);
  }
  /** uint64 field. */
  uint64() {
    this.varint64();
    return uint64From(this.lo, this.hi);
  }
  /** int32/enum field (negative values are sign-extended to 10 bytes on the wire). */
  int32() {
    this.varint64();
    return this.lo | 0;
  }
  float32() {
    this.ensure(4, PARTS.float32);
    const v = this.view.getFloat32(this.off, true);
    this.off += 4;
    return v;
  }
  float64() {
    this.ensure(8, PARTS.float64);
    const v = this.view.getFloat64(this.off, true);
    this.off += 8;
    return v;
  }
  /** UTF-8 text of `len` bytes at the read position. */
  string(len) {
    if (len === 0)
      return "";
    this.ensure(len, PARTS.string(len));
    const s = decodeUtf8(this.buf, this.off, this.off + len);
    this.off += len;
    return s;
  }
  /** Step over `len` bytes without reading them. */
  skip(len) {
    this.seek(this.pos + len);
  }
  /**
   * Read the length prefix of a length-delimited field whose tag was at `at`, check that the
   * payload fits in the file and in its parent (which ends at `end`), and return the length.
   */
  len(end, msg, field, at) {
    const n = this.varint();
    const start = this.pos;
    if (start + n > end && (this.level > 0 || end < this.size)) {
      throw this.corrupt(at, msg, PARTS.fitInParent(field, msg.fields[field], Math.max(0, end - start)), PARTS.aLength(n));
    }
    if (start + n > this.size) {
      const what = PARTS.fieldOf(field, msg.fields[field], msg.name);
      throw new OnnxTruncatedError(MESSAGES2.truncatedField(this.label, at, what, n, Math.max(0, this.size - start), this.size), this.file, at);
    }
    return n;
  }
  /** Throw `corrupt` unless the field at `at` has wire type `want`. */
  expect(wt, want, msg, field, at) {
    if (wt !== want) {
      throw this.corrupt(at, msg, PARTS.fieldWithWire(field, msg.fields[field], wireName(want)), wireName(wt));
    }
  }
  /** A string field (wire type 2). */
  stringField(wt, end, msg, field, at) {
    this.expect(wt, WT_LEN, msg, field, at);
    return this.string(this.len(end, msg, field, at));
  }
  /** Read a tag; field number 0 is corrupt. Returns the tag value (field * 8 + wire type). */
  tag(msg) {
    this.current = msg;
    const at = this.pos;
    const t = this.varint();
    if (t < 8)
      throw this.corrupt(at, msg, PARTS.tagNumber, PARTS.tag(t));
    return t;
  }
  /** Skip one field of any wire type (groups included, depth-bounded). */
  skipField(wt, field, end, msg, at, depth) {
    switch (wt) {
      case WT_VARINT: {
        this.varint64();
        break;
      }
      case WT_I64:
        this.skipFixed(8, end, msg, at);
        break;
      case WT_LEN:
        this.skip(this.len(end, msg, field, at));
        break;
      case WT_I32:
        this.skipFixed(4, end, msg, at);
        break;
      case WT_SGROUP: {
        this.checkDepth(depth + 1, at);
        for (; ; ) {
          if (this.pos >= end)
            throw this.corrupt(at, msg, PARTS.endGroupFor(field), PARTS.endOfMessage);
          const innerAt = this.pos;
          const t = this.tag(msg);
          const f = Math.floor(t / 8);
          const w = t & 7;
          if (w === WT_EGROUP) {
            if (f !== field)
              throw this.corrupt(innerAt, msg, PARTS.endGroupOf(field), PARTS.endGroupOf(f));
            break;
          }
          this.skipField(w, f, end, msg, innerAt, depth + 1);
        }
        break;
      }
      default:
        throw this.corrupt(at, msg, PARTS.validWireType, PARTS.wireOnField(wt, field));
    }
    if (this.pos > end)
      throw this.overrun(at, msg, end);
  }
  skipFixed(n, end, msg, at) {
    const p = this.pos;
    if (p + n > this.size)
      throw this.truncated(at, PARTS.fixed(n * 8));
    if (p + n > end)
      throw this.overrun(at, msg, end);
    this.skip(n);
  }
  /** Throw when the last field ran past the end of its message. */
  endMessage(end, msg, lastAt) {
    if (this.pos !== end)
      throw this.overrun(lastAt, msg, end);
  }
  checkDepth(depth, at) {
    if (depth > this.limits.maxDepth) {
      throw new OnnxTooDeepError(MESSAGES2.tooDeep(this.label, at, this.limits.maxDepth), this.file, at);
    }
  }
  checkCount(count, what, at) {
    if (count > this.limits.maxListEntries) {
      throw new OnnxTooLargeError(MESSAGES2.tooLarge(this.label, at, what, this.limits.maxListEntries), this.file, at);
    }
  }
  truncated(at, what) {
    return new OnnxTruncatedError(MESSAGES2.truncated(this.label, at, what, this.size), this.file, at);
  }
  corrupt(at, msg, expected, got) {
    return new OnnxCorruptError(MESSAGES2.corrupt(this.label, at, msg.name, expected, got), this.file, at, msg.name, expected);
  }
  overrun(at, msg, end) {
    return this.corrupt(at, msg, PARTS.endWithin(end), PARTS.runningTo(this.pos));
  }
  badVarint(at) {
    return this.corrupt(at, this.current, PARTS.shortVarint, PARTS.longVarint);
  }
};

// ../../packages/onnx/dist/decode/schema.js
var m = (name, fields) => ({ name, fields });
var MODEL = m("ModelProto", {
  1: "ir_version",
  2: "producer_name",
  3: "producer_version",
  4: "domain",
  5: "model_version",
  6: "doc_string",
  7: "graph",
  8: "opset_import",
  14: "metadata_props",
  20: "training_info",
  25: "functions",
  26: "configuration"
});
var GRAPH = m("GraphProto", {
  1: "node",
  2: "name",
  5: "initializer",
  10: "doc_string",
  11: "input",
  12: "output",
  13: "value_info",
  14: "quantization_annotation",
  15: "sparse_initializer",
  16: "metadata_props"
});
var NODE = m("NodeProto", {
  1: "input",
  2: "output",
  3: "name",
  4: "op_type",
  5: "attribute",
  6: "doc_string",
  7: "domain",
  8: "overload",
  9: "metadata_props",
  10: "device_configurations"
});
var ATTRIBUTE = m("AttributeProto", {
  1: "name",
  2: "f",
  3: "i",
  4: "s",
  5: "t",
  6: "g",
  7: "floats",
  8: "ints",
  9: "strings",
  10: "tensors",
  11: "graphs",
  13: "doc_string",
  14: "tp",
  15: "type_protos",
  20: "type",
  21: "ref_attr_name",
  22: "sparse_tensor",
  23: "sparse_tensors"
});
var TENSOR = m("TensorProto", {
  1: "dims",
  2: "data_type",
  3: "segment",
  4: "float_data",
  5: "int32_data",
  6: "string_data",
  7: "int64_data",
  8: "name",
  9: "raw_data",
  10: "double_data",
  11: "uint64_data",
  12: "doc_string",
  13: "external_data",
  14: "data_location",
  16: "metadata_props"
});
var SEGMENT = m("TensorProto.Segment", { 1: "begin", 2: "end" });
var SPARSE_TENSOR = m("SparseTensorProto", { 1: "values", 2: "indices", 3: "dims" });
var VALUE_INFO = m("ValueInfoProto", { 1: "name", 2: "type", 3: "doc_string", 4: "metadata_props" });
var TYPE = m("TypeProto", {
  1: "tensor_type",
  4: "sequence_type",
  5: "map_type",
  6: "denotation",
  7: "opaque_type",
  8: "sparse_tensor_type",
  9: "optional_type"
});
var TYPE_TENSOR = m("TypeProto.Tensor", { 1: "elem_type", 2: "shape" });
var TYPE_SPARSE = m("TypeProto.SparseTensor", { 1: "elem_type", 2: "shape" });
var TYPE_SEQUENCE = m("TypeProto.Sequence", { 1: "elem_type" });
var TYPE_MAP = m("TypeProto.Map", { 1: "key_type", 2: "value_type" });
var TYPE_OPTIONAL = m("TypeProto.Optional", { 1: "elem_type" });
var TYPE_OPAQUE = m("TypeProto.Opaque", { 1: "domain", 2: "name" });
var SHAPE = m("TensorShapeProto", { 1: "dim" });
var DIMENSION = m("TensorShapeProto.Dimension", { 1: "dim_value", 2: "dim_param", 3: "denotation" });
var OPSET = m("OperatorSetIdProto", { 1: "domain", 2: "version" });
var STRING_ENTRY = m("StringStringEntryProto", { 1: "key", 2: "value" });
var TENSOR_ANNOTATION = m("TensorAnnotation", { 1: "tensor_name", 2: "quant_parameter_tensor_names" });
var TRAINING_INFO = m("TrainingInfoProto", {
  1: "initialization",
  2: "algorithm",
  3: "initialization_binding",
  4: "update_binding"
});
var FUNCTION = m("FunctionProto", {
  1: "name",
  4: "input",
  5: "output",
  6: "attribute",
  7: "node",
  8: "doc_string",
  9: "opset_import",
  10: "domain",
  11: "attribute_proto",
  12: "value_info",
  13: "overload",
  14: "metadata_props"
});
var DEVICE_CONFIGURATION = m("DeviceConfigurationProto", { 1: "name", 2: "num_devices", 3: "device" });
var NODE_DEVICE_CONFIGURATION = m("NodeDeviceConfigurationProto", {
  1: "configuration_id",
  2: "sharding_spec",
  3: "pipeline_stage"
});
var SHARDING_SPEC = m("ShardingSpecProto", {
  1: "tensor_name",
  2: "device",
  3: "index_to_device_group_map",
  4: "sharded_dim"
});
var INT_INT_LIST_ENTRY = m("IntIntListEntryProto", { 1: "key", 2: "value" });
var SHARDED_DIM = m("ShardedDimProto", { 1: "axis", 2: "simple_sharding" });
var SIMPLE_SHARDED_DIM = m("SimpleShardedDimProto", { 1: "dim_value", 2: "dim_param", 3: "num_shards" });
var SEQUENCE = m("SequenceProto", {
  1: "name",
  2: "elem_type",
  3: "tensor_values",
  4: "sparse_tensor_values",
  5: "sequence_values",
  6: "map_values",
  7: "optional_values"
});
var MAP = m("MapProto", { 1: "name", 2: "key_type", 3: "keys", 4: "string_keys", 5: "values" });
var OPTIONAL = m("OptionalProto", {
  1: "name",
  2: "elem_type",
  3: "tensor_value",
  4: "sparse_tensor_value",
  5: "sequence_value",
  6: "map_value",
  7: "optional_value"
});

// ../../packages/onnx/dist/decode/context.js
var DEFAULT_MAX_VALUE_ELEMENTS = 4096;
var DEFAULT_MAX_RANK = 1024;
var DEFAULT_MAX_FLOAT_VALUE_ELEMENTS = 256;
var DecodeContext = class {
  r;
  maxIntValues;
  maxFloatValues;
  maxRank;
  warnings = [];
  onWarning;
  constructor(source, options = {}) {
    this.r = new ProtoReader(source, options.file, {
      maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
      maxListEntries: options.maxListEntries ?? DEFAULT_LIMITS.maxListEntries
    });
    this.maxIntValues = options.maxValueElements ?? DEFAULT_MAX_VALUE_ELEMENTS;
    this.maxFloatValues = options.maxFloatValueElements ?? DEFAULT_MAX_FLOAT_VALUE_ELEMENTS;
    this.maxRank = options.maxRank ?? DEFAULT_MAX_RANK;
    this.onWarning = options.onWarning;
    this.budget = options.budget;
  }
  /** The caller's work budget, ticked per entry read (see OnnxDecodeOptions.budget). */
  budget;
  /**
   * One string object per distinct op type, domain, attribute name or dim symbol: a 100k-node
   * graph repeats a few dozen of them, and each decoded copy would otherwise be kept.
   */
  intern(s) {
    const hit = this.strings.get(s);
    if (hit !== void 0)
      return hit;
    if (this.strings.size < 65536)
      this.strings.set(s, s);
    return s;
  }
  strings = /* @__PURE__ */ new Map();
  /** The error for a dims list longer than {@link maxRank}; `what` names the list. */
  tooManyDims(what, at) {
    return new OnnxTooLargeError(MESSAGES2.tooManyDims(this.r.label, at, what, this.maxRank), this.r.file, at);
  }
  warn(code, message, offset) {
    const w = { code, message, offset };
    this.warnings.push(w);
    this.onWarning?.(w);
  }
};
function nested2(c, wt, end, parent, field, at, depth, decode) {
  const r = c.r;
  r.expect(wt, WT_LEN, parent, field, at);
  const len = r.len(end, parent, field, at);
  r.checkDepth(depth + 1, at);
  r.level++;
  const value2 = decode(c, r.pos + len, depth + 1);
  r.level--;
  return value2;
}
var RECORD_PROTO = Object.freeze(/* @__PURE__ */ Object.create(null));
function record() {
  return Object.create(RECORD_PROTO);
}
var EMPTY_RECORD = Object.freeze(record());
var EMPTY_LIST = Object.freeze([]);
function compact(list2) {
  return list2.length <= 16 ? prefix(list2, list2.length) : list2;
}
function prefix(list2, n) {
  switch (n) {
    case 0:
      return EMPTY_LIST;
    case 1:
      return [list2[0]];
    case 2:
      return [list2[0], list2[1]];
    case 3:
      return [list2[0], list2[1], list2[2]];
    case 4:
      return [list2[0], list2[1], list2[2], list2[3]];
    default:
      return list2.slice(0, n);
  }
}
function stringEntry(c, wt, end, parent, field, at, depth, into) {
  const r = c.r;
  r.expect(wt, WT_LEN, parent, field, at);
  const len = r.len(end, parent, field, at);
  r.checkDepth(depth + 1, at);
  const subEnd = r.pos + len;
  r.level++;
  let key = "";
  let value2 = "";
  let last2 = r.pos;
  while (r.pos < subEnd) {
    last2 = r.pos;
    const tag = r.tag(STRING_ENTRY);
    const f = Math.floor(tag / 8);
    const w = tag & 7;
    if (f === 1)
      key = r.stringField(w, subEnd, STRING_ENTRY, 1, last2);
    else if (f === 2)
      value2 = r.stringField(w, subEnd, STRING_ENTRY, 2, last2);
    else
      r.skipField(w, f, subEnd, STRING_ENTRY, last2, depth + 1);
  }
  r.endMessage(subEnd, STRING_ENTRY, last2);
  r.level--;
  into[key] = value2;
}
function repeatedVarint(c, wt, end, msg, field, at, out, read, cap) {
  const r = c.r;
  const limit = cap ? Math.min(cap.max, r.limits.maxListEntries) : r.limits.maxListEntries;
  const over = () => {
    if (cap && out.length >= cap.max)
      throw cap.error();
    r.checkCount(out.length + 1, PARTS.fieldOf(field, msg.fields[field], msg.name), at);
  };
  if (wt === WT_VARINT) {
    if (out.length >= limit)
      over();
    out.push(read(r));
    return;
  }
  r.expect(wt, WT_LEN, msg, field, at);
  const len = r.len(end, msg, field, at);
  const stop = r.pos + len;
  while (r.pos < stop) {
    if (out.length >= limit)
      over();
    out.push(read(r));
  }
  if (r.pos !== stop)
    throw r.corrupt(at, msg, PARTS.packedEnd(field, stop), PARTS.varintRunningTo(r.pos));
}
var readInt64 = (r) => r.int64();
var readInt64Number = (r) => r.int64Number();
function repeatedInt64(c, wt, end, msg, field, at, out) {
  repeatedVarint(c, wt, end, msg, field, at, out, readInt64);
}
function repeatedInt64Number(c, wt, end, msg, field, at, out, cap) {
  repeatedVarint(c, wt, end, msg, field, at, out, readInt64Number, cap);
}
function repeatedFloat(c, wt, end, msg, field, at, out) {
  const r = c.r;
  if (wt === WT_I32) {
    if (out.length >= r.limits.maxListEntries)
      r.checkCount(out.length + 1, PARTS.fieldOf(field, msg.fields[field], msg.name), at);
    out.push(r.float32());
    return;
  }
  r.expect(wt, WT_LEN, msg, field, at);
  const len = r.len(end, msg, field, at);
  if (len % 4 !== 0)
    throw r.corrupt(at, msg, PARTS.packedFloats(field), PARTS.bytes(len));
  r.checkCount(out.length + len / 4, PARTS.fieldOf(field, msg.fields[field], msg.name), at);
  for (let i2 = 0; i2 < len; i2 += 4)
    out.push(r.float32());
}
function int64Field(c, wt, msg, field, at) {
  c.r.expect(wt, WT_VARINT, msg, field, at);
  return c.r.int64();
}
function int64NumberField(c, wt, msg, field, at) {
  c.r.expect(wt, WT_VARINT, msg, field, at);
  return c.r.int64Number();
}
function int32Field(c, wt, msg, field, at) {
  c.r.expect(wt, WT_VARINT, msg, field, at);
  return c.r.int32();
}
var DEFAULT_DOMAIN = "ai.onnx";
function normalizeDomain(domain) {
  return domain === "" ? DEFAULT_DOMAIN : domain;
}

// ../../packages/onnx/dist/decode/dtype.js
var ONNX_DATA_TYPE = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26
};
var BY_CODE = [
  "unknown",
  "float32",
  "uint8",
  "int8",
  "uint16",
  "int16",
  "int32",
  "int64",
  "string",
  "bool",
  "float16",
  "float64",
  "uint32",
  "uint64",
  "complex64",
  "complex128",
  "bfloat16",
  "float8e4m3fn",
  "float8e4m3fnuz",
  "float8e5m2",
  "float8e5m2fnuz",
  "uint4",
  "int4",
  "float4e2m1",
  "float8e8m0",
  "uint2",
  "int2"
];
var BITS_BY_CODE = [
  32,
  32,
  8,
  8,
  16,
  16,
  32,
  64,
  64,
  8,
  16,
  64,
  32,
  64,
  64,
  128,
  16,
  8,
  8,
  8,
  8,
  4,
  4,
  4,
  8,
  2,
  2
];
function onnxDType(code) {
  return BY_CODE[code] ?? "unknown";
}
function isKnownDataType(code) {
  return code >= 1 && code < BY_CODE.length;
}
function onnxDTypeBits(code) {
  return BITS_BY_CODE[code] ?? 32;
}
function tensorByteLength(code, elements2) {
  return Math.ceil(elements2 * onnxDTypeBits(code) / 8);
}

// ../../packages/onnx/dist/decode/tensor.js
var DATA_FIELD_NAMES = {
  4: "float_data",
  5: "int32_data",
  6: "string_data",
  7: "int64_data",
  10: "double_data",
  11: "uint64_data"
};
var UNPACKED_WT = { 4: WT_I32, 5: WT_VARINT, 7: WT_VARINT, 10: WT_I64, 11: WT_VARINT };
var FLOAT_CODES = /* @__PURE__ */ new Set([ONNX_DATA_TYPE.FLOAT, ONNX_DATA_TYPE.FLOAT16, ONNX_DATA_TYPE.BFLOAT16, ONNX_DATA_TYPE.DOUBLE]);
var INT_CODES = /* @__PURE__ */ new Set([
  ONNX_DATA_TYPE.UINT8,
  ONNX_DATA_TYPE.INT8,
  ONNX_DATA_TYPE.UINT16,
  ONNX_DATA_TYPE.INT16,
  ONNX_DATA_TYPE.INT32,
  ONNX_DATA_TYPE.INT64,
  ONNX_DATA_TYPE.BOOL,
  ONNX_DATA_TYPE.UINT32,
  ONNX_DATA_TYPE.UINT64,
  ONNX_DATA_TYPE.UINT4,
  ONNX_DATA_TYPE.INT4,
  ONNX_DATA_TYPE.UINT2,
  ONNX_DATA_TYPE.INT2
]);
function decodeTensor(c, end, depth) {
  const r = c.r;
  const start = r.pos;
  const dims = [];
  let dataType = 0;
  let name = "";
  let docString = "";
  let dataLocation = 0;
  let segment;
  let externalData;
  let metadata;
  let rawOffset = -1;
  let rawLength = 0;
  let fields;
  const keep = Math.max(c.maxIntValues, c.maxFloatValues) + 1;
  let last2 = start;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TENSOR);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        repeatedInt64Number(c, wt, end, TENSOR, 1, last2, dims, { max: c.maxRank, error: () => c.tooManyDims(PARTS.tensorDims, last2) });
        break;
      case 2:
        dataType = int32Field(c, wt, TENSOR, 2, last2);
        break;
      case 3:
        segment = nested2(c, wt, end, TENSOR, 3, last2, depth, decodeSegment);
        break;
      case 4:
      case 5:
      case 7:
      case 10:
      case 11:
      case 6: {
        fields ??= {};
        const fd2 = fields[f] ??= { first: -1, last: -1, runs: [], items: [], count: 0, overflow: false };
        if (wt === WT_LEN) {
          const len = r.len(end, TENSOR, f, last2);
          const p = r.pos;
          if (fd2.first < 0)
            fd2.first = p;
          fd2.last = p + len;
          if (f === 6)
            fd2.count++;
          if (fd2.runs.length < 2 * keep)
            fd2.runs.push(p, len);
          else
            fd2.overflow = true;
          r.skip(len);
        } else if (f !== 6 && wt === UNPACKED_WT[f]) {
          const p = r.pos;
          if (fd2.first < 0)
            fd2.first = p;
          const v = readUnpacked(c, f);
          fd2.last = r.pos;
          fd2.count++;
          if (fd2.items.length < keep)
            fd2.items.push(v);
          else
            fd2.overflow = true;
          if (fd2.count > r.limits.maxListEntries)
            r.checkCount(fd2.count, PARTS.fieldOf(f, TENSOR.fields[f], TENSOR.name), last2);
        } else {
          r.expect(wt, f === 6 ? WT_LEN : UNPACKED_WT[f], TENSOR, f, last2);
        }
        break;
      }
      case 8:
        name = r.stringField(wt, end, TENSOR, 8, last2);
        break;
      case 9: {
        r.expect(wt, WT_LEN, TENSOR, 9, last2);
        rawLength = r.len(end, TENSOR, 9, last2);
        rawOffset = r.pos;
        r.skip(rawLength);
        break;
      }
      case 12:
        docString = r.stringField(wt, end, TENSOR, 12, last2);
        break;
      case 13:
        externalData ??= record();
        stringEntry(c, wt, end, TENSOR, 13, last2, depth, externalData);
        break;
      case 14:
        dataLocation = int32Field(c, wt, TENSOR, 14, last2);
        break;
      case 16:
        stringEntry(c, wt, end, TENSOR, 16, last2, depth, metadata ??= record());
        break;
      default:
        r.skipField(wt, f, end, TENSOR, last2, depth);
    }
  }
  r.endMessage(end, TENSOR, last2);
  let elementCount2 = 1;
  for (const d2 of dims)
    elementCount2 *= d2;
  if (elementCount2 < 0 || dims.some((d2) => d2 < 0)) {
    c.warn("negative-dim", MESSAGES2.warnNegativeDim(name, dims), start);
    elementCount2 = 0;
  } else if (dims.includes(0))
    elementCount2 = 0;
  if (dataType !== 0 && !isKnownDataType(dataType)) {
    c.warn("unknown-data-type", MESSAGES2.warnUnknownDataType(name, dataType), start);
  }
  const dtype = onnxDType(dataType);
  const byteLength = tensorByteLength(dataType, elementCount2);
  if (!Number.isSafeInteger(elementCount2) || !Number.isSafeInteger(byteLength))
    throw new OnnxTooLargeError(MESSAGES2.hugeTensor(r.label, start, name, dims), r.file, start);
  let storage = "none";
  let location = { kind: "none" };
  let values;
  let strings;
  const hasExternalLocation = externalData !== void 0 && externalData["location"] !== void 0;
  const typed = fields === void 0 ? void 0 : pickField(fields, dataType);
  if (dataLocation === 1 || hasExternalLocation && rawOffset < 0 && typed === void 0) {
    storage = "external";
    const ext = externalData ?? record();
    location = {
      kind: "external",
      file: ext["location"] ?? "",
      offset: parseCount(ext["offset"]) ?? 0,
      length: parseCount(ext["length"]) ?? byteLength
    };
  } else if (rawOffset >= 0) {
    storage = "raw_data";
    location = { kind: "inline", offset: rawOffset, length: rawLength };
    if (wantValues(c, dataType, elementCount2)) {
      if (rawLength !== byteLength) {
        c.warn("data-size", MESSAGES2.warnDataSize(name, "raw_data", rawLength, dims, dtype, byteLength), start);
      } else {
        values = decodeRaw(r.bytesAt(rawOffset, rawLength), dataType, elementCount2);
      }
    }
  } else if (typed !== void 0) {
    const [f, fd2] = typed;
    storage = DATA_FIELD_NAMES[f];
    location = { kind: "inline", offset: fd2.first, length: fd2.last - fd2.first };
    if (f === 6) {
      if (dataType === ONNX_DATA_TYPE.STRING && elementCount2 <= c.maxIntValues && !fd2.overflow) {
        if (fd2.count !== elementCount2) {
          c.warn("data-count", MESSAGES2.warnDataCount(name, "string_data", fd2.count, elementCount2), start);
        } else {
          strings = [];
          for (let i2 = 0; i2 < fd2.runs.length; i2 += 2) {
            const b = r.bytesAt(fd2.runs[i2], fd2.runs[i2 + 1]);
            strings.push(decodeUtf8(b, 0, b.length));
          }
        }
      }
    } else if (wantValues(c, dataType, elementCount2) && !fd2.overflow) {
      const elems = typedElements(c, f, fd2);
      const want = typedCount(dataType, elementCount2);
      if (elems.length !== want) {
        c.warn("data-count", MESSAGES2.warnDataCount(name, storage, elems.length, want), start);
      } else {
        values = fromTyped(elems, dataType, elementCount2);
      }
    }
  }
  const d = compact(dims);
  const m2 = metadata ?? EMPTY_RECORD;
  const tensor = values !== void 0 ? { name, dtype, dims: d, byteLength, location, dataType, elementCount: elementCount2, storage, docString, metadata: m2, offset: start, values: compact(values) } : { name, dtype, dims: d, byteLength, location, dataType, elementCount: elementCount2, storage, docString, metadata: m2, offset: start };
  if (strings !== void 0)
    tensor.strings = strings;
  if (externalData !== void 0)
    tensor.externalData = externalData;
  if (segment !== void 0)
    tensor.segment = segment;
  return tensor;
}
function decodeSegment(c, end, depth) {
  const r = c.r;
  let begin = 0;
  let stop = 0;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(SEGMENT);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      begin = int64NumberField(c, wt, SEGMENT, 1, last2);
    else if (f === 2)
      stop = int64NumberField(c, wt, SEGMENT, 2, last2);
    else
      r.skipField(wt, f, end, SEGMENT, last2, depth);
  }
  r.endMessage(end, SEGMENT, last2);
  return { begin, end: stop };
}
function decodeSparseTensor(c, end, depth) {
  const r = c.r;
  let values;
  let indices;
  const dims = [];
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(SPARSE_TENSOR);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      values = nested2(c, wt, end, SPARSE_TENSOR, 1, last2, depth, decodeTensor);
    else if (f === 2)
      indices = nested2(c, wt, end, SPARSE_TENSOR, 2, last2, depth, decodeTensor);
    else if (f === 3)
      repeatedInt64Number(c, wt, end, SPARSE_TENSOR, 3, last2, dims, { max: c.maxRank, error: () => c.tooManyDims(PARTS.sparseDims, last2) });
    else
      r.skipField(wt, f, end, SPARSE_TENSOR, last2, depth);
  }
  r.endMessage(end, SPARSE_TENSOR, last2);
  return {
    name: values?.name ?? "",
    dtype: values?.dtype ?? "unknown",
    dims,
    values,
    indices,
    byteLength: (values?.byteLength ?? 0) + (indices?.byteLength ?? 0)
  };
}
function readUnpacked(c, f) {
  const r = c.r;
  switch (f) {
    case 4:
      return r.float32();
    case 5:
      return r.int32();
    case 7:
      return r.int64();
    case 10:
      return r.float64();
    default:
      return r.uint64();
  }
}
function pickField(fields, dataType) {
  const preferred = fieldForType(dataType);
  const fd2 = fields[preferred];
  if (fd2 !== void 0)
    return [preferred, fd2];
  for (const f of [4, 5, 6, 7, 10, 11]) {
    const other = fields[f];
    if (other !== void 0)
      return [f, other];
  }
  return void 0;
}
function fieldForType(dataType) {
  switch (dataType) {
    case ONNX_DATA_TYPE.FLOAT:
    case ONNX_DATA_TYPE.COMPLEX64:
      return 4;
    case ONNX_DATA_TYPE.STRING:
      return 6;
    case ONNX_DATA_TYPE.INT64:
      return 7;
    case ONNX_DATA_TYPE.DOUBLE:
    case ONNX_DATA_TYPE.COMPLEX128:
      return 10;
    case ONNX_DATA_TYPE.UINT32:
    case ONNX_DATA_TYPE.UINT64:
      return 11;
    default:
      return 5;
  }
}
function wantValues(c, dataType, n) {
  if (!Number.isSafeInteger(n))
    return false;
  if (INT_CODES.has(dataType))
    return n <= c.maxIntValues;
  if (FLOAT_CODES.has(dataType))
    return n <= c.maxFloatValues;
  return false;
}
function typedCount(dataType, n) {
  if (dataType === ONNX_DATA_TYPE.INT4 || dataType === ONNX_DATA_TYPE.UINT4)
    return Math.ceil(n / 2);
  if (dataType === ONNX_DATA_TYPE.INT2 || dataType === ONNX_DATA_TYPE.UINT2)
    return Math.ceil(n / 4);
  return n;
}
function typedElements(c, f, fd2) {
  const r = c.r;
  const out = [];
  const cap = Math.max(c.maxIntValues, c.maxFloatValues) + 1;
  for (let i2 = 0; i2 < fd2.runs.length && out.length <= cap; i2 += 2) {
    const b = r.bytesAt(fd2.runs[i2], fd2.runs[i2 + 1]);
    if (f === 4 || f === 10) {
      const w = f === 4 ? 4 : 8;
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      if (b.length % w !== 0)
        return [];
      for (let o = 0; o < b.length && out.length <= cap; o += w)
        out.push(w === 4 ? dv.getFloat32(o, true) : dv.getFloat64(o, true));
    } else {
      let o = 0;
      while (o < b.length && out.length <= cap) {
        let lo = 0;
        let hi = 0;
        let shift = 0;
        let byte = 0;
        let n = 0;
        do {
          if (o >= b.length || n >= 10)
            return [];
          byte = b[o++];
          if (shift < 28)
            lo |= (byte & 127) << shift;
          else if (shift === 28) {
            lo |= (byte & 15) << 28;
            hi |= (byte & 127) >> 4;
          } else
            hi |= (byte & 127) << shift - 32;
          shift += 7;
          n++;
        } while (byte >= 128);
        if (f === 5)
          out.push(lo | 0);
        else if (f === 7)
          out.push(int64From(lo >>> 0, hi >>> 0));
        else
          out.push(uint64From(lo >>> 0, hi >>> 0));
      }
    }
  }
  for (const v of fd2.items)
    out.push(v);
  return out;
}
var f32 = new Float32Array(1);
var u322 = new Uint32Array(f32.buffer);
function halfToNumber(h) {
  const sign = h & 32768 ? -1 : 1;
  const e2 = h >> 10 & 31;
  const m2 = h & 1023;
  if (e2 === 0)
    return sign * m2 * 2 ** -24;
  if (e2 === 31)
    return m2 === 0 ? sign * Infinity : NaN;
  return sign * (1 + m2 / 1024) * 2 ** (e2 - 15);
}
function bfloat16ToNumber(h) {
  u322[0] = (h & 65535) << 16;
  return f32[0];
}
function fromTyped(elems, dataType, n) {
  switch (dataType) {
    case ONNX_DATA_TYPE.FLOAT16:
      return elems.map((e2) => halfToNumber(Number(e2) & 65535));
    case ONNX_DATA_TYPE.BFLOAT16:
      return elems.map((e2) => bfloat16ToNumber(Number(e2) & 65535));
    case ONNX_DATA_TYPE.BOOL:
      return elems.map((e2) => e2 === 0 || e2 === 0n ? 0 : 1);
    case ONNX_DATA_TYPE.INT4:
    case ONNX_DATA_TYPE.UINT4:
    case ONNX_DATA_TYPE.INT2:
    case ONNX_DATA_TYPE.UINT2: {
      const bytes = new Uint8Array(elems.length);
      for (let i2 = 0; i2 < elems.length; i2++)
        bytes[i2] = Number(elems[i2]) & 255;
      return unpackSubByte(bytes, dataType, n);
    }
    case ONNX_DATA_TYPE.UINT32:
      return elems.map((e2) => Number(e2) >>> 0);
    default:
      return elems;
  }
}
function unpackSubByte(b, dataType, n) {
  const out = new Array(n);
  if (dataType === ONNX_DATA_TYPE.INT4 || dataType === ONNX_DATA_TYPE.UINT4) {
    const signed = dataType === ONNX_DATA_TYPE.INT4;
    for (let i2 = 0; i2 < n; i2++) {
      const v = b[i2 >> 1] >> (i2 & 1) * 4 & 15;
      out[i2] = signed && v >= 8 ? v - 16 : v;
    }
  } else {
    const signed = dataType === ONNX_DATA_TYPE.INT2;
    for (let i2 = 0; i2 < n; i2++) {
      const v = b[i2 >> 2] >> (i2 & 3) * 2 & 3;
      out[i2] = signed && v >= 2 ? v - 4 : v;
    }
  }
  return out;
}
function decodeRaw(b, dataType, n) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Array(n);
  switch (dataType) {
    case ONNX_DATA_TYPE.FLOAT:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = dv.getFloat32(i2 * 4, true);
      return out;
    case ONNX_DATA_TYPE.DOUBLE:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = dv.getFloat64(i2 * 8, true);
      return out;
    case ONNX_DATA_TYPE.FLOAT16:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = halfToNumber(dv.getUint16(i2 * 2, true));
      return out;
    case ONNX_DATA_TYPE.BFLOAT16:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = bfloat16ToNumber(dv.getUint16(i2 * 2, true));
      return out;
    case ONNX_DATA_TYPE.UINT8:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = b[i2];
      return out;
    case ONNX_DATA_TYPE.BOOL:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = b[i2] === 0 ? 0 : 1;
      return out;
    case ONNX_DATA_TYPE.INT8:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = dv.getInt8(i2);
      return out;
    case ONNX_DATA_TYPE.UINT16:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = dv.getUint16(i2 * 2, true);
      return out;
    case ONNX_DATA_TYPE.INT16:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = dv.getInt16(i2 * 2, true);
      return out;
    case ONNX_DATA_TYPE.INT32:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = dv.getInt32(i2 * 4, true);
      return out;
    case ONNX_DATA_TYPE.UINT32:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = dv.getUint32(i2 * 4, true);
      return out;
    case ONNX_DATA_TYPE.INT64:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = int64From(dv.getUint32(i2 * 8, true), dv.getUint32(i2 * 8 + 4, true));
      return out;
    case ONNX_DATA_TYPE.UINT64:
      for (let i2 = 0; i2 < n; i2++)
        out[i2] = uint64From(dv.getUint32(i2 * 8, true), dv.getUint32(i2 * 8 + 4, true));
      return out;
    default:
      return unpackSubByte(b, dataType, n);
  }
}
function parseCount(s) {
  if (s === void 0 || !/^\s*\d+\s*$/.test(s))
    return void 0;
  return Number(s);
}

// ../../packages/onnx/dist/decode/types-proto.js
function decodeValueInfo(c, end, depth) {
  const r = c.r;
  let name = "";
  let type;
  let docString = "";
  let metadata;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(VALUE_INFO);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = r.stringField(wt, end, VALUE_INFO, 1, last2);
        break;
      case 2:
        type = nested2(c, wt, end, VALUE_INFO, 2, last2, depth, decodeType);
        break;
      case 3:
        docString = r.stringField(wt, end, VALUE_INFO, 3, last2);
        break;
      case 4:
        stringEntry(c, wt, end, VALUE_INFO, 4, last2, depth, metadata ??= record());
        break;
      default:
        r.skipField(wt, f, end, VALUE_INFO, last2, depth);
    }
  }
  r.endMessage(end, VALUE_INFO, last2);
  return { name, type, docString, metadata: metadata ?? EMPTY_RECORD };
}
function decodeType(c, end, depth) {
  const r = c.r;
  let denotation = "";
  let value2;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TYPE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        value2 = nested2(c, wt, end, TYPE, 1, last2, depth, decodeTensorType);
        break;
      case 4:
        value2 = nested2(c, wt, end, TYPE, 4, last2, depth, decodeSequenceType);
        break;
      case 5:
        value2 = nested2(c, wt, end, TYPE, 5, last2, depth, decodeMapType);
        break;
      case 6:
        denotation = r.stringField(wt, end, TYPE, 6, last2);
        break;
      case 7:
        value2 = nested2(c, wt, end, TYPE, 7, last2, depth, decodeOpaqueType);
        break;
      case 8:
        value2 = nested2(c, wt, end, TYPE, 8, last2, depth, decodeSparseTensorType);
        break;
      case 9:
        value2 = nested2(c, wt, end, TYPE, 9, last2, depth, decodeOptionalType);
        break;
      default:
        r.skipField(wt, f, end, TYPE, last2, depth);
    }
  }
  r.endMessage(end, TYPE, last2);
  if (value2 === void 0)
    return { kind: "unset", denotation };
  return denotation === "" ? value2 : { ...value2, denotation };
}
function decodeTensorLike(c, end, depth, kind) {
  const r = c.r;
  const msg = kind === "tensor" ? TYPE_TENSOR : TYPE_SPARSE;
  let code = 0;
  let shape;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(msg);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      code = int32Field(c, wt, msg, 1, last2);
    else if (f === 2)
      shape = nested2(c, wt, end, msg, 2, last2, depth, decodeShape);
    else
      r.skipField(wt, f, end, msg, last2, depth);
  }
  r.endMessage(end, msg, last2);
  const base = { elemType: onnxDType(code), elemTypeCode: code, shape: shape?.dims, denotation: "" };
  const withDen = shape?.denotations !== void 0 ? { ...base, dimDenotations: shape.denotations } : base;
  return kind === "tensor" ? { kind: "tensor", ...withDen } : { kind: "sparse_tensor", ...withDen };
}
function decodeTensorType(c, end, depth) {
  return decodeTensorLike(c, end, depth, "tensor");
}
function decodeSparseTensorType(c, end, depth) {
  return decodeTensorLike(c, end, depth, "sparse_tensor");
}
function decodeShape(c, end, depth) {
  const r = c.r;
  const dims = [];
  let denotations;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(SHAPE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) {
      r.expect(wt, WT_LEN, SHAPE, 1, last2);
      const len = r.len(end, SHAPE, 1, last2);
      r.checkDepth(depth + 1, last2);
      if (dims.length >= c.maxRank)
        throw c.tooManyDims(PARTS.shapeDims, last2);
      const dimEnd = r.pos + len;
      r.level++;
      let value2 = null;
      let denotation = "";
      let dl = r.pos;
      while (r.pos < dimEnd) {
        dl = r.pos;
        const t = r.tag(DIMENSION);
        const df = Math.floor(t / 8);
        const dw = t & 7;
        if (df === 1) {
          r.expect(dw, WT_VARINT, DIMENSION, 1, dl);
          value2 = r.int64Number();
        } else if (df === 2) {
          value2 = c.intern(r.stringField(dw, dimEnd, DIMENSION, 2, dl));
        } else if (df === 3) {
          denotation = r.stringField(dw, dimEnd, DIMENSION, 3, dl);
        } else {
          r.skipField(dw, df, dimEnd, DIMENSION, dl, depth + 1);
        }
      }
      r.endMessage(dimEnd, DIMENSION, dl);
      r.level--;
      if (denotation !== "" && denotations === void 0)
        denotations = dims.map(() => "");
      denotations?.push(denotation);
      dims.push(value2);
    } else {
      r.skipField(wt, f, end, SHAPE, last2, depth);
    }
  }
  r.endMessage(end, SHAPE, last2);
  return { dims: compact(dims), denotations };
}
function decodeSequenceType(c, end, depth) {
  const r = c.r;
  let elemType;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TYPE_SEQUENCE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      elemType = nested2(c, wt, end, TYPE_SEQUENCE, 1, last2, depth, decodeType);
    else
      r.skipField(wt, f, end, TYPE_SEQUENCE, last2, depth);
  }
  r.endMessage(end, TYPE_SEQUENCE, last2);
  return { kind: "sequence", elemType, denotation: "" };
}
function decodeOptionalType(c, end, depth) {
  const r = c.r;
  let elemType;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TYPE_OPTIONAL);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      elemType = nested2(c, wt, end, TYPE_OPTIONAL, 1, last2, depth, decodeType);
    else
      r.skipField(wt, f, end, TYPE_OPTIONAL, last2, depth);
  }
  r.endMessage(end, TYPE_OPTIONAL, last2);
  return { kind: "optional", elemType, denotation: "" };
}
function decodeMapType(c, end, depth) {
  const r = c.r;
  let keyTypeCode = 0;
  let valueType;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TYPE_MAP);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      keyTypeCode = int32Field(c, wt, TYPE_MAP, 1, last2);
    else if (f === 2)
      valueType = nested2(c, wt, end, TYPE_MAP, 2, last2, depth, decodeType);
    else
      r.skipField(wt, f, end, TYPE_MAP, last2, depth);
  }
  r.endMessage(end, TYPE_MAP, last2);
  return { kind: "map", keyType: onnxDType(keyTypeCode), keyTypeCode, valueType, denotation: "" };
}
function decodeOpaqueType(c, end, depth) {
  const r = c.r;
  let domain = "";
  let name = "";
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TYPE_OPAQUE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      domain = r.stringField(wt, end, TYPE_OPAQUE, 1, last2);
    else if (f === 2)
      name = r.stringField(wt, end, TYPE_OPAQUE, 2, last2);
    else
      r.skipField(wt, f, end, TYPE_OPAQUE, last2, depth);
  }
  r.endMessage(end, TYPE_OPAQUE, last2);
  return { kind: "opaque", domain, name, denotation: "" };
}

// ../../packages/onnx/dist/decode/graph.js
function decodeGraph(c, end, depth) {
  const r = c.r;
  let name = "";
  let docString = "";
  const nodes = [];
  const initializers = [];
  const sparseInitializers = [];
  const inputs = [];
  const outputs = [];
  const valueInfo = [];
  const quantizationAnnotations = [];
  const metadata = record();
  const budget = c.budget;
  let entries = 0;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    if (++entries === 256) {
      entries = 0;
      budget?.tick("reading the graph", 256);
    }
    const tag = r.tag(GRAPH);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        nodes.push(nested2(c, wt, end, GRAPH, 1, last2, depth, decodeNode));
        break;
      case 2:
        name = r.stringField(wt, end, GRAPH, 2, last2);
        break;
      case 5:
        initializers.push(nested2(c, wt, end, GRAPH, 5, last2, depth, decodeTensor));
        break;
      case 10:
        docString = r.stringField(wt, end, GRAPH, 10, last2);
        break;
      case 11:
        inputs.push(nested2(c, wt, end, GRAPH, 11, last2, depth, decodeValueInfo));
        break;
      case 12:
        outputs.push(nested2(c, wt, end, GRAPH, 12, last2, depth, decodeValueInfo));
        break;
      case 13:
        valueInfo.push(nested2(c, wt, end, GRAPH, 13, last2, depth, decodeValueInfo));
        break;
      case 14:
        quantizationAnnotations.push(nested2(c, wt, end, GRAPH, 14, last2, depth, decodeTensorAnnotation));
        break;
      case 15:
        sparseInitializers.push(nested2(c, wt, end, GRAPH, 15, last2, depth, decodeSparseTensor));
        break;
      case 16:
        stringEntry(c, wt, end, GRAPH, 16, last2, depth, metadata);
        break;
      default:
        r.skipField(wt, f, end, GRAPH, last2, depth);
    }
  }
  r.endMessage(end, GRAPH, last2);
  return { name, docString, nodes, initializers, sparseInitializers, inputs, outputs, valueInfo, quantizationAnnotations, metadata };
}
function decodeTensorAnnotation(c, end, depth) {
  const r = c.r;
  let tensorName = "";
  const quantParameterTensorNames = record();
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TENSOR_ANNOTATION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      tensorName = r.stringField(wt, end, TENSOR_ANNOTATION, 1, last2);
    else if (f === 2)
      stringEntry(c, wt, end, TENSOR_ANNOTATION, 2, last2, depth, quantParameterTensorNames);
    else
      r.skipField(wt, f, end, TENSOR_ANNOTATION, last2, depth);
  }
  r.endMessage(end, TENSOR_ANNOTATION, last2);
  return { tensorName, quantParameterTensorNames };
}
var NAME_SCRATCH = [];
function takeNames(scratch2, n) {
  const out = prefix(scratch2, n);
  if (scratch2.length > 64)
    scratch2.length = 0;
  else
    scratch2.fill("", 0, n);
  return out;
}
function decodeNode(c, end, depth) {
  const r = c.r;
  const start = r.pos;
  const inputs = NAME_SCRATCH[2 * depth] ??= [];
  const outputs = NAME_SCRATCH[2 * depth + 1] ??= [];
  let nIn = 0;
  let nOut = 0;
  let name = "";
  let opType = "";
  let domain = "";
  let overload = "";
  let docString = "";
  let attributes;
  let metadata;
  let deviceConfigurations;
  let last2 = start;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(NODE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        if (nIn >= r.limits.maxListEntries)
          r.checkCount(nIn + 1, PARTS.fieldOf(1, NODE.fields[1], NODE.name), last2);
        inputs[nIn++] = r.stringField(wt, end, NODE, 1, last2);
        break;
      case 2:
        if (nOut >= r.limits.maxListEntries)
          r.checkCount(nOut + 1, PARTS.fieldOf(2, NODE.fields[2], NODE.name), last2);
        outputs[nOut++] = r.stringField(wt, end, NODE, 2, last2);
        break;
      case 3:
        name = r.stringField(wt, end, NODE, 3, last2);
        break;
      case 4:
        opType = c.intern(r.stringField(wt, end, NODE, 4, last2));
        break;
      case 5: {
        const a = nested2(c, wt, end, NODE, 5, last2, depth, decodeAttribute);
        attributes ??= record();
        if (Object.hasOwn(attributes, a.name))
          c.warn("duplicate-attribute", MESSAGES2.warnDuplicateAttribute(name, a.name), last2);
        attributes[a.name] = a;
        break;
      }
      case 6:
        docString = r.stringField(wt, end, NODE, 6, last2);
        break;
      case 7:
        domain = c.intern(r.stringField(wt, end, NODE, 7, last2));
        break;
      case 8:
        overload = r.stringField(wt, end, NODE, 8, last2);
        break;
      case 9:
        stringEntry(c, wt, end, NODE, 9, last2, depth, metadata ??= record());
        break;
      case 10:
        (deviceConfigurations ??= []).push(nested2(c, wt, end, NODE, 10, last2, depth, decodeNodeDeviceConfiguration));
        break;
      default:
        r.skipField(wt, f, end, NODE, last2, depth);
    }
  }
  r.endMessage(end, NODE, last2);
  return {
    name,
    opType,
    domain: normalizeDomain(domain),
    overload,
    inputs: takeNames(inputs, nIn),
    outputs: takeNames(outputs, nOut),
    attributes: attributes ?? EMPTY_RECORD,
    docString,
    metadata: metadata ?? EMPTY_RECORD,
    deviceConfigurations: deviceConfigurations ?? EMPTY_LIST
  };
}
var ATTRIBUTE_TYPES = [
  "undefined",
  "float",
  "int",
  "string",
  "tensor",
  "graph",
  "floats",
  "ints",
  "strings",
  "tensors",
  "graphs",
  "sparse_tensor",
  "sparse_tensors",
  "type_proto",
  "type_protos"
];
function decodeAttribute(c, end, depth) {
  const r = c.r;
  let name = "";
  let docString = "";
  let refAttrName = "";
  let typeCode = -1;
  let f322;
  let i64;
  let s;
  let t;
  let g;
  let sparse;
  let tp;
  let floats;
  let ints;
  let strings;
  let tensors;
  let graphs;
  let sparseTensors;
  let typeProtos;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(ATTRIBUTE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = c.intern(r.stringField(wt, end, ATTRIBUTE, 1, last2));
        break;
      case 2:
        r.expect(wt, WT_I32, ATTRIBUTE, 2, last2);
        f322 = r.float32();
        break;
      case 3:
        i64 = int64Field(c, wt, ATTRIBUTE, 3, last2);
        break;
      case 4:
        s = r.stringField(wt, end, ATTRIBUTE, 4, last2);
        break;
      case 5:
        t = nested2(c, wt, end, ATTRIBUTE, 5, last2, depth, decodeTensor);
        break;
      case 6:
        g = nested2(c, wt, end, ATTRIBUTE, 6, last2, depth, decodeGraph);
        break;
      case 7:
        repeatedFloat(c, wt, end, ATTRIBUTE, 7, last2, floats ??= []);
        break;
      case 8:
        repeatedInt64(c, wt, end, ATTRIBUTE, 8, last2, ints ??= []);
        break;
      case 9:
        strings ??= [];
        if (strings.length >= r.limits.maxListEntries)
          r.checkCount(strings.length + 1, PARTS.fieldOf(9, ATTRIBUTE.fields[9], ATTRIBUTE.name), last2);
        strings.push(r.stringField(wt, end, ATTRIBUTE, 9, last2));
        break;
      case 10:
        (tensors ??= []).push(nested2(c, wt, end, ATTRIBUTE, 10, last2, depth, decodeTensor));
        break;
      case 11:
        (graphs ??= []).push(nested2(c, wt, end, ATTRIBUTE, 11, last2, depth, decodeGraph));
        break;
      case 13:
        docString = r.stringField(wt, end, ATTRIBUTE, 13, last2);
        break;
      case 14:
        tp = nested2(c, wt, end, ATTRIBUTE, 14, last2, depth, decodeType);
        break;
      case 15:
        (typeProtos ??= []).push(nested2(c, wt, end, ATTRIBUTE, 15, last2, depth, decodeType));
        break;
      case 20:
        typeCode = int32Field(c, wt, ATTRIBUTE, 20, last2);
        break;
      case 21:
        refAttrName = r.stringField(wt, end, ATTRIBUTE, 21, last2);
        break;
      case 22:
        sparse = nested2(c, wt, end, ATTRIBUTE, 22, last2, depth, decodeSparseTensor);
        break;
      case 23:
        (sparseTensors ??= []).push(nested2(c, wt, end, ATTRIBUTE, 23, last2, depth, decodeSparseTensor));
        break;
      default:
        r.skipField(wt, f, end, ATTRIBUTE, last2, depth);
    }
  }
  r.endMessage(end, ATTRIBUTE, last2);
  let type = typeCode > 0 ? ATTRIBUTE_TYPES[typeCode] : void 0;
  if (refAttrName !== "")
    return { name, docString, type: "ref", refAttrName, refType: type ?? "undefined" };
  type ??= f322 !== void 0 ? "float" : i64 !== void 0 ? "int" : s !== void 0 ? "string" : t !== void 0 ? "tensor" : g !== void 0 ? "graph" : sparse !== void 0 ? "sparse_tensor" : tp !== void 0 ? "type_proto" : floats !== void 0 ? "floats" : ints !== void 0 ? "ints" : strings !== void 0 ? "strings" : tensors !== void 0 ? "tensors" : graphs !== void 0 ? "graphs" : sparseTensors !== void 0 ? "sparse_tensors" : typeProtos !== void 0 ? "type_protos" : "undefined";
  switch (type) {
    case "float":
      return { name, docString, type, value: f322 ?? 0 };
    case "int":
      return { name, docString, type, value: i64 ?? 0 };
    case "string":
      return { name, docString, type, value: s ?? "" };
    case "tensor":
      return t === void 0 ? { name, docString, type: "undefined" } : { name, docString, type, value: t };
    case "graph":
      return g === void 0 ? { name, docString, type: "undefined" } : { name, docString, type, value: g };
    case "sparse_tensor":
      return sparse === void 0 ? { name, docString, type: "undefined" } : { name, docString, type, value: sparse };
    case "type_proto":
      return tp === void 0 ? { name, docString, type: "undefined" } : { name, docString, type, value: tp };
    case "floats":
      return { name, docString, type, value: compact(floats ?? []) };
    case "ints":
      return { name, docString, type, value: compact(ints ?? []) };
    case "strings":
      return { name, docString, type, value: strings ?? [] };
    case "tensors":
      return { name, docString, type, value: tensors ?? [] };
    case "graphs":
      return { name, docString, type, value: graphs ?? [] };
    case "sparse_tensors":
      return { name, docString, type, value: sparseTensors ?? [] };
    case "type_protos":
      return { name, docString, type, value: typeProtos ?? [] };
    default:
      return { name, docString, type: "undefined" };
  }
}
function decodeOpset(c, end, depth) {
  const r = c.r;
  let domain = "";
  let version = 0;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(OPSET);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      domain = r.stringField(wt, end, OPSET, 1, last2);
    else if (f === 2)
      version = int64NumberField(c, wt, OPSET, 2, last2);
    else
      r.skipField(wt, f, end, OPSET, last2, depth);
  }
  r.endMessage(end, OPSET, last2);
  return { domain: normalizeDomain(domain), version };
}
function decodeFunction(c, end, depth) {
  const r = c.r;
  let name = "";
  let domain = "";
  let overload = "";
  let docString = "";
  const inputs = [];
  const outputs = [];
  const attributes = [];
  const attributeDefaults = record();
  const nodes = [];
  const opsets = [];
  const valueInfo = [];
  const metadata = record();
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(FUNCTION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = r.stringField(wt, end, FUNCTION, 1, last2);
        break;
      case 4:
        inputs.push(r.stringField(wt, end, FUNCTION, 4, last2));
        break;
      case 5:
        outputs.push(r.stringField(wt, end, FUNCTION, 5, last2));
        break;
      case 6:
        attributes.push(r.stringField(wt, end, FUNCTION, 6, last2));
        break;
      case 7:
        nodes.push(nested2(c, wt, end, FUNCTION, 7, last2, depth, decodeNode));
        break;
      case 8:
        docString = r.stringField(wt, end, FUNCTION, 8, last2);
        break;
      case 9:
        opsets.push(nested2(c, wt, end, FUNCTION, 9, last2, depth, decodeOpset));
        break;
      case 10:
        domain = r.stringField(wt, end, FUNCTION, 10, last2);
        break;
      case 11: {
        const a = nested2(c, wt, end, FUNCTION, 11, last2, depth, decodeAttribute);
        attributeDefaults[a.name] = a;
        break;
      }
      case 12:
        valueInfo.push(nested2(c, wt, end, FUNCTION, 12, last2, depth, decodeValueInfo));
        break;
      case 13:
        overload = r.stringField(wt, end, FUNCTION, 13, last2);
        break;
      case 14:
        stringEntry(c, wt, end, FUNCTION, 14, last2, depth, metadata);
        break;
      default:
        r.skipField(wt, f, end, FUNCTION, last2, depth);
    }
    if (inputs.length + outputs.length + attributes.length > r.limits.maxListEntries) {
      r.checkCount(inputs.length + outputs.length + attributes.length, PARTS.fieldOf(f, FUNCTION.fields[f], FUNCTION.name), last2);
    }
  }
  r.endMessage(end, FUNCTION, last2);
  return {
    name,
    domain: normalizeDomain(domain),
    overload,
    inputs,
    outputs,
    attributes,
    attributeDefaults,
    nodes,
    opsets,
    valueInfo,
    docString,
    metadata
  };
}
function decodeNodeDeviceConfiguration(c, end, depth) {
  const r = c.r;
  let configurationId = "";
  const shardingSpecs = [];
  let pipelineStage;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(NODE_DEVICE_CONFIGURATION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      configurationId = r.stringField(wt, end, NODE_DEVICE_CONFIGURATION, 1, last2);
    else if (f === 2)
      shardingSpecs.push(nested2(c, wt, end, NODE_DEVICE_CONFIGURATION, 2, last2, depth, decodeShardingSpec));
    else if (f === 3)
      pipelineStage = int32Field(c, wt, NODE_DEVICE_CONFIGURATION, 3, last2);
    else
      r.skipField(wt, f, end, NODE_DEVICE_CONFIGURATION, last2, depth);
  }
  r.endMessage(end, NODE_DEVICE_CONFIGURATION, last2);
  return { configurationId, shardingSpecs, pipelineStage };
}
function decodeShardingSpec(c, end, depth) {
  const r = c.r;
  let tensorName = "";
  const devices = [];
  const indexToDeviceGroupMap = [];
  const shardedDims = [];
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(SHARDING_SPEC);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      tensorName = r.stringField(wt, end, SHARDING_SPEC, 1, last2);
    else if (f === 2)
      repeatedInt64Number(c, wt, end, SHARDING_SPEC, 2, last2, devices);
    else if (f === 3)
      indexToDeviceGroupMap.push(nested2(c, wt, end, SHARDING_SPEC, 3, last2, depth, decodeIntIntListEntry));
    else if (f === 4)
      shardedDims.push(nested2(c, wt, end, SHARDING_SPEC, 4, last2, depth, decodeShardedDim));
    else
      r.skipField(wt, f, end, SHARDING_SPEC, last2, depth);
  }
  r.endMessage(end, SHARDING_SPEC, last2);
  return { tensorName, devices, indexToDeviceGroupMap, shardedDims };
}
function decodeIntIntListEntry(c, end, depth) {
  const r = c.r;
  let key = 0;
  const value2 = [];
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(INT_INT_LIST_ENTRY);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      key = int64NumberField(c, wt, INT_INT_LIST_ENTRY, 1, last2);
    else if (f === 2)
      repeatedInt64Number(c, wt, end, INT_INT_LIST_ENTRY, 2, last2, value2);
    else
      r.skipField(wt, f, end, INT_INT_LIST_ENTRY, last2, depth);
  }
  r.endMessage(end, INT_INT_LIST_ENTRY, last2);
  return { key, value: value2 };
}
function decodeShardedDim(c, end, depth) {
  const r = c.r;
  let axis = 0;
  const simpleSharding = [];
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(SHARDED_DIM);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      axis = int64NumberField(c, wt, SHARDED_DIM, 1, last2);
    else if (f === 2)
      simpleSharding.push(nested2(c, wt, end, SHARDED_DIM, 2, last2, depth, decodeSimpleShardedDim));
    else
      r.skipField(wt, f, end, SHARDED_DIM, last2, depth);
  }
  r.endMessage(end, SHARDED_DIM, last2);
  return { axis, simpleSharding };
}
function decodeSimpleShardedDim(c, end, depth) {
  const r = c.r;
  let dim2 = null;
  let numShards = 0;
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(SIMPLE_SHARDED_DIM);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      dim2 = int64NumberField(c, wt, SIMPLE_SHARDED_DIM, 1, last2);
    else if (f === 2)
      dim2 = r.stringField(wt, end, SIMPLE_SHARDED_DIM, 2, last2);
    else if (f === 3)
      numShards = int64NumberField(c, wt, SIMPLE_SHARDED_DIM, 3, last2);
    else
      r.skipField(wt, f, end, SIMPLE_SHARDED_DIM, last2, depth);
  }
  r.endMessage(end, SIMPLE_SHARDED_DIM, last2);
  return { dim: dim2, numShards };
}

// ../../packages/onnx/dist/decode/sniff.js
var MODEL_WIRE = {
  1: WT_VARINT,
  2: WT_LEN,
  3: WT_LEN,
  4: WT_LEN,
  5: WT_VARINT,
  6: WT_LEN,
  7: WT_LEN,
  8: WT_LEN,
  14: WT_LEN,
  20: WT_LEN,
  25: WT_LEN,
  26: WT_LEN
};
var HEAD_BYTES = 512;
function sniffOnnx(source, options = {}) {
  const file = options.file;
  const label = file ?? DEFAULT_FILE_LABEL2;
  const size = source.size;
  const head = readHead(source, file, label);
  const other = detectOtherFormat(head, size, file, label);
  if (other)
    throw other;
  const first = firstTag(head);
  if (first === void 0)
    throw new OnnxNotOnnxError(MESSAGES2.notOnnx(label, MESSAGES2.notOnnxBinary()), file, "binary", 0);
  const wantFirst = MODEL_WIRE[first.field];
  if (wantFirst !== first.wt) {
    const expected = wantFirst === void 0 ? PARTS.modelFirstField : PARTS.fieldWithWire(first.field, MODEL.fields[first.field], wireName(wantFirst));
    throw new OnnxNotOnnxError(MESSAGES2.notOnnx(label, MESSAGES2.notOnnxFirstTag(0, first.field, first.wt, expected)), file, "protobuf", 0);
  }
  const r = new ProtoReader(source, file);
  let irVersion;
  let graph;
  while (r.pos < size) {
    const at = r.pos;
    const tag = r.tag(MODEL);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    const want = MODEL_WIRE[f];
    if (want !== void 0 && want !== wt) {
      if (graph === void 0) {
        const what = MESSAGES2.notOnnxWireType(at, f, wt, `${wireName(want)} for ${PARTS.modelField(f, MODEL.fields[f])}`);
        throw new OnnxNotOnnxError(MESSAGES2.notOnnx(label, what), file, "protobuf", at);
      }
      r.expect(wt, want, MODEL, f, at);
    }
    if (f === 1) {
      irVersion = r.int64Number();
    } else if (f === 7) {
      const len = r.len(size, MODEL, 7, at);
      graph = { offset: r.pos, length: len };
      r.skip(len);
    } else {
      r.skipField(wt, f, size, MODEL, at, 1);
    }
  }
  if (graph === void 0)
    throw new OnnxNotOnnxError(MESSAGES2.notOnnx(label, MESSAGES2.notOnnxNoGraph()), file, "protobuf", 0);
  return { irVersion, graph, sizeBytes: size };
}
function readHead(source, file, label) {
  if (source.size === 0)
    throw new OnnxEmptyFileError(MESSAGES2.empty(label), file);
  const n = Math.min(source.size, HEAD_BYTES);
  const head = source.read(0, n);
  if (head.length < n)
    throw new OnnxIoError(MESSAGES2.io(label, 0, n, head.length), file, 0);
  return head.length === n ? head : head.subarray(0, n);
}
var ascii = (b, start, text) => {
  if (b.length < start + text.length)
    return false;
  for (let i2 = 0; i2 < text.length; i2++)
    if (b[start + i2] !== text.charCodeAt(i2))
      return false;
  return true;
};
function lfsPointerError(head, size, file, label) {
  if (!isGitLfsPointer(head, size))
    return void 0;
  let text = "";
  for (const c of head)
    text += String.fromCharCode(c);
  const oid = /^oid ([^\s]+)$/m.exec(text)?.[1];
  const sizeText = /^size (\d+)$/m.exec(text)?.[1];
  const lfsSize = sizeText === void 0 ? void 0 : Number(sizeText);
  return new OnnxLfsPointerError(MESSAGES2.lfsPointer(label, oid, lfsSize), file, oid, lfsSize);
}
function detectOtherFormat(head, size, file, label) {
  const lfs = lfsPointerError(head, size, file, label);
  if (lfs)
    return lfs;
  const not = (detected, what) => new OnnxNotOnnxError(MESSAGES2.notOnnx(label, what), file, detected, 0);
  const b0 = head[0];
  const b1 = head[1];
  if (ascii(head, 0, "PK") || ascii(head, 0, "PK") || ascii(head, 0, "PK\x07\b"))
    return not("zip", MESSAGES2.notOnnxZip());
  if (ascii(head, 0, "\x89HDF\r\n\n"))
    return not("hdf5", MESSAGES2.notOnnxHdf5());
  if (b0 === 31 && b1 === 139)
    return not("gzip", MESSAGES2.notOnnxGzip());
  if (ascii(head, 0, "GGUF"))
    return not("gguf", MESSAGES2.notOnnxGguf());
  if (ascii(head, 4, "TFL3"))
    return not("tflite", MESSAGES2.notOnnxTflite());
  if (ascii(head, 4, "ORTM"))
    return not("ort", MESSAGES2.notOnnxOrt());
  if (b0 === 128 && b1 !== void 0 && b1 >= 2 && b1 <= 5)
    return not("pickle", MESSAGES2.notOnnxPickle());
  if (head.length >= 9 && head[8] === 123) {
    const n = head[0] + head[1] * 2 ** 8 + head[2] * 2 ** 16 + head[3] * 2 ** 24 + head[4] * 2 ** 32 + head[5] * 2 ** 40;
    if (head[6] === 0 && head[7] === 0 && n > 1 && n + 8 <= size)
      return not("safetensors", MESSAGES2.notOnnxSafetensors());
  }
  let text = true;
  for (const c of head) {
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 || c === 127) {
      text = false;
      break;
    }
  }
  if (text) {
    let i2 = ascii(head, 0, "\xEF\xBB\xBF") ? 3 : 0;
    while (i2 < head.length && (head[i2] === 32 || head[i2] === 9 || head[i2] === 10 || head[i2] === 13))
      i2++;
    if (head[i2] === 123 || head[i2] === 91)
      return not("json", MESSAGES2.notOnnxJson());
    let start = "";
    for (let j = 0; j < Math.min(head.length, 40); j++)
      start += String.fromCharCode(head[j]);
    return not("text", MESSAGES2.notOnnxText(start));
  }
  return void 0;
}
function firstTag(head) {
  let v = 0;
  let mul = 1;
  for (let i2 = 0; i2 < Math.min(head.length, 5); i2++) {
    const c = head[i2];
    v += (c & 127) * mul;
    if (c < 128) {
      const field = Math.floor(v / 8);
      const wt = v & 7;
      if (field === 0 || wt === WT_EGROUP || wt > WT_I32)
        return void 0;
      return { field, wt };
    }
    mul *= 128;
  }
  return void 0;
}

// ../../packages/onnx/dist/decode/model.js
function decodeModel(source, options = {}) {
  sniffOnnx(source, options);
  const c = new DecodeContext(source, options);
  return decodeModelProto(c, source.size);
}
function decodeModelProto(c, end) {
  const r = c.r;
  const depth = 1;
  let irVersion = 0;
  let producerName = "";
  let producerVersion = "";
  let domain = "";
  let modelVersion = 0;
  let docString = "";
  let graph;
  const opsets = [];
  const metadata = record();
  const trainingInfo = [];
  const functions = [];
  const deviceConfigurations = [];
  let last2 = 0;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(MODEL);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        irVersion = int64NumberField(c, wt, MODEL, 1, last2);
        break;
      case 2:
        producerName = r.stringField(wt, end, MODEL, 2, last2);
        break;
      case 3:
        producerVersion = r.stringField(wt, end, MODEL, 3, last2);
        break;
      case 4:
        domain = r.stringField(wt, end, MODEL, 4, last2);
        break;
      case 5:
        modelVersion = int64Field(c, wt, MODEL, 5, last2);
        break;
      case 6:
        docString = r.stringField(wt, end, MODEL, 6, last2);
        break;
      case 7:
        graph = nested2(c, wt, end, MODEL, 7, last2, depth, decodeGraph);
        break;
      case 8:
        opsets.push(nested2(c, wt, end, MODEL, 8, last2, depth, decodeOpset));
        break;
      case 14:
        stringEntry(c, wt, end, MODEL, 14, last2, depth, metadata);
        break;
      case 20:
        trainingInfo.push(nested2(c, wt, end, MODEL, 20, last2, depth, decodeTrainingInfo));
        break;
      case 25:
        functions.push(nested2(c, wt, end, MODEL, 25, last2, depth, decodeFunction));
        break;
      case 26:
        deviceConfigurations.push(nested2(c, wt, end, MODEL, 26, last2, depth, decodeDeviceConfiguration));
        break;
      default:
        r.skipField(wt, f, end, MODEL, last2, depth);
    }
  }
  r.endMessage(end, MODEL, last2);
  return {
    irVersion,
    opsets,
    producer: { name: producerName, version: producerVersion },
    domain,
    modelVersion,
    docString,
    // sniffOnnx guarantees a graph field; an empty one decodes to an empty graph.
    graph: graph ?? emptyGraph(),
    functions,
    metadata,
    trainingInfo,
    deviceConfigurations,
    warnings: c.warnings,
    sizeBytes: r.size
  };
}
function emptyGraph() {
  return {
    name: "",
    docString: "",
    nodes: [],
    initializers: [],
    sparseInitializers: [],
    inputs: [],
    outputs: [],
    valueInfo: [],
    quantizationAnnotations: [],
    metadata: record()
  };
}
function decodeTrainingInfo(c, end, depth) {
  const r = c.r;
  let initialization;
  let algorithm;
  const initializationBinding = record();
  const updateBinding = record();
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(TRAINING_INFO);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      initialization = nested2(c, wt, end, TRAINING_INFO, 1, last2, depth, decodeGraph);
    else if (f === 2)
      algorithm = nested2(c, wt, end, TRAINING_INFO, 2, last2, depth, decodeGraph);
    else if (f === 3)
      stringEntry(c, wt, end, TRAINING_INFO, 3, last2, depth, initializationBinding);
    else if (f === 4)
      stringEntry(c, wt, end, TRAINING_INFO, 4, last2, depth, updateBinding);
    else
      r.skipField(wt, f, end, TRAINING_INFO, last2, depth);
  }
  r.endMessage(end, TRAINING_INFO, last2);
  return { initialization, algorithm, initializationBinding, updateBinding };
}
function decodeDeviceConfiguration(c, end, depth) {
  const r = c.r;
  let name = "";
  let numDevices = 0;
  const devices = [];
  let last2 = r.pos;
  while (r.pos < end) {
    last2 = r.pos;
    const tag = r.tag(DEVICE_CONFIGURATION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1)
      name = r.stringField(wt, end, DEVICE_CONFIGURATION, 1, last2);
    else if (f === 2)
      numDevices = int32Field(c, wt, DEVICE_CONFIGURATION, 2, last2);
    else if (f === 3)
      devices.push(r.stringField(wt, end, DEVICE_CONFIGURATION, 3, last2));
    else
      r.skipField(wt, f, end, DEVICE_CONFIGURATION, last2, depth);
  }
  r.endMessage(end, DEVICE_CONFIGURATION, last2);
  return { name, numDevices, devices };
}

// ../../packages/onnx/dist/infer/model.js
function normDomain(d) {
  return d === void 0 || d === "ai.onnx" ? "" : d;
}

// ../../packages/onnx/dist/infer/adapt.js
function toModelDef(m2) {
  const opsets = /* @__PURE__ */ new Map();
  for (const o of m2.opsets)
    opsets.set(normDomain(o.domain), o.version);
  if (!opsets.has(""))
    opsets.set("", 1);
  return {
    irVersion: m2.irVersion,
    opsets,
    producer: [m2.producer.name, m2.producer.version].filter(Boolean).join(" "),
    graph: toGraphDef(m2.graph),
    functions: m2.functions.map(toFunctionDef)
  };
}
function toTypeInfo(t) {
  if (!t)
    return void 0;
  switch (t.kind) {
    case "tensor":
    case "sparse_tensor":
      return { kind: t.kind, elemType: t.elemType, shape: t.shape };
    case "sequence":
      return { kind: "sequence", elem: toTypeInfo(t.elemType) };
    case "map":
      return { kind: "map", keyType: t.keyType, value: toTypeInfo(t.valueType) };
    case "optional":
      return { kind: "optional", elem: toTypeInfo(t.elemType) };
    case "opaque":
    case "unset":
      return void 0;
  }
}
function toValueInfo(v) {
  return { name: v.name, type: toTypeInfo(v.type) };
}
function sparseWeight(s) {
  return { name: s.name, dtype: s.dtype, dims: s.dims, byteLength: s.byteLength, location: { kind: "none" } };
}
function num2(v) {
  return typeof v === "bigint" ? Number(v) : v;
}
function toAttr(a) {
  switch (a.type) {
    case "float":
    case "string":
    case "floats":
    case "strings":
      return a;
    case "int":
      return { type: "int", value: num2(a.value) };
    case "ints":
      return { type: "ints", value: a.value.map(num2) };
    case "tensor":
      return { type: "tensor", value: a.value };
    case "tensors":
      return { type: "tensors", value: a.value };
    case "sparse_tensor":
      return { type: "sparse_tensor", value: sparseWeight(a.value) };
    case "graph":
      return { type: "graph", value: toGraphDef(a.value) };
    case "graphs":
      return { type: "graphs", value: a.value.map(toGraphDef) };
    case "type_proto":
      return { type: "type", value: toTypeInfo(a.value) };
    case "type_protos":
      return { type: "types", value: a.value.map(toTypeInfo) };
    case "ref":
      return { type: "ref", ref: a.refAttrName };
    case "sparse_tensors":
    case "undefined":
      return void 0;
  }
}
var NO_ATTRS = Object.freeze(/* @__PURE__ */ Object.create(null));
function toAttrs(attrs) {
  let any = false;
  for (const _ in attrs) {
    any = true;
    break;
  }
  if (!any)
    return NO_ATTRS;
  const out = dict();
  for (const [k, a] of Object.entries(attrs)) {
    const v = toAttr(a);
    if (v)
      out[k] = v;
  }
  return out;
}
function toNodeDef(n) {
  if (n.attributes === EMPTY_RECORD && n.metadata === EMPTY_RECORD)
    return n;
  const def = { name: n.name, opType: n.opType, domain: normDomain(n.domain), inputs: n.inputs, outputs: n.outputs, attributes: toAttrs(n.attributes) };
  return Object.keys(n.metadata).length ? { ...def, metadata: n.metadata } : def;
}
function toGraphDef(g) {
  return {
    name: g.name,
    nodes: g.nodes.map(toNodeDef),
    inputs: g.inputs.map(toValueInfo),
    outputs: g.outputs.map(toValueInfo),
    valueInfo: g.valueInfo.map(toValueInfo),
    initializers: [...g.initializers, ...g.sparseInitializers.map(sparseWeight)]
  };
}
function toFunctionDef(f) {
  const opsets = /* @__PURE__ */ new Map();
  for (const o of f.opsets)
    opsets.set(normDomain(o.domain), o.version);
  const defaults = dict();
  for (const [k, a] of Object.entries(f.attributeDefaults)) {
    const v = toAttr(a);
    if (v)
      defaults[k] = v;
  }
  return {
    name: f.name,
    domain: normDomain(f.domain),
    ...f.overload ? { overload: f.overload } : {},
    inputs: f.inputs,
    outputs: f.outputs,
    attributes: f.attributes,
    attributeDefaults: defaults,
    nodes: f.nodes.map(toNodeDef),
    opsets
  };
}

// ../../packages/onnx/dist/infer/errors.js
var InferenceError = class extends Error {
  input;
  code;
  name = "InferenceError";
  constructor(message, input, code = "shape-error") {
    super(message);
    this.input = input;
    this.code = code;
  }
};

// ../../packages/onnx/dist/infer/values.js
var MAX_DATA_ELEMENTS = 65536;
function tensorVal(dtype, shape, data, weight) {
  const keep = data !== void 0 && data.length <= MAX_DATA_ELEMENTS;
  if (weight)
    return keep ? { kind: "tensor", dtype, shape, data, weight } : { kind: "tensor", dtype, shape, weight };
  return keep ? { kind: "tensor", dtype, shape, data } : { kind: "tensor", dtype, shape };
}
var ids = /* @__PURE__ */ new WeakMap();
var nextId = 0;
function identityId(o) {
  let id = ids.get(o);
  if (id === void 0)
    ids.set(o, id = nextId++);
  return id;
}
var SIGNATURE_DATA = 256;
function valSignature(v, data = true) {
  if (!v)
    return "-";
  switch (v.kind) {
    case "tensor": {
      let s = `${v.dtype}[${v.shape ? v.shape.map(dimKey).join(",") : "?"}]`;
      if (data && v.data)
        s += v.data.length <= SIGNATURE_DATA ? `=${v.data.map(dataKey).join(",")}` : `=#${identityId(v.data)}`;
      if (v.weight)
        s += `@${identityId(v.weight)}`;
      return s;
    }
    case "sequence":
      return `seq(${valSignature(v.elem, data)})${v.items ? `{${v.items.map((x2) => valSignature(x2, data)).join(";")}}` : ""}`;
    case "optional":
      return `opt(${valSignature(v.elem, data)})`;
    case "map":
      return `map(${v.keyType},${valSignature(v.value, data)})`;
  }
}
function dimKey(d) {
  return typeof d === "number" ? String(d) : d.key;
}
function dataKey(x2) {
  return typeof x2 === "string" ? JSON.stringify(x2) : typeof x2 === "number" ? String(x2) : `(${x2.key})`;
}
function isTensor(v) {
  return v !== void 0 && v.kind === "tensor";
}
function valToString(v) {
  if (!v)
    return "missing";
  switch (v.kind) {
    case "tensor":
      return `${v.dtype}${v.shape ? `[${v.shape.map((d) => typeof d === "number" ? String(d) : d.key).join(", ")}]` : "[?]"}`;
    case "sequence":
      return `seq(${valToString(v.elem)})`;
    case "map":
      return `map(${v.keyType}, ${valToString(v.value)})`;
    case "optional":
      return `optional(${valToString(v.elem)})`;
  }
}

// ../../packages/onnx/dist/infer/context.js
var UnknownRank = class extends Error {
  name = "UnknownRank";
};
var MAX_FRESH_PER_NODE = 4096;
var NodeContext = class {
  node;
  opset;
  ins;
  engine;
  outs;
  freshCount = 0;
  constructor(node, opset, ins, engine) {
    this.node = node;
    this.opset = opset;
    this.ins = ins;
    this.engine = engine;
    this.outs = new Array(node.outputs.length).fill(void 0);
  }
  get name() {
    return this.node.name;
  }
  /** Options to pass to core cost kernels (counting convention). */
  get kernelOptions() {
    return this.engine.kernelOptions;
  }
  /** Number of declared inputs, trailing omitted ones included. */
  get inputCount() {
    return this.node.inputs.length;
  }
  get outputCount() {
    return this.node.outputs.length;
  }
  /** True when input `i` is present (declared and not `''`). */
  hasInput(i2) {
    const n = this.node.inputs[i2];
    return n !== void 0 && n !== "";
  }
  /** True when output `i` is requested (declared and not `''`). */
  hasOutput(i2) {
    const n = this.node.outputs[i2];
    return n !== void 0 && n !== "";
  }
  /** The value of input `i`, undefined when omitted. */
  input(i2) {
    return this.hasInput(i2) ? this.ins[i2] : void 0;
  }
  /** Positions of the inputs that are present (declared and not `''`). */
  presentInputs() {
    const out = [];
    for (let i2 = 0; i2 < this.node.inputs.length; i2++)
      if (this.hasInput(i2))
        out.push(i2);
    return out;
  }
  /** All present inputs' values (omitted ones and unknown values skipped). */
  inputs() {
    const out = [];
    for (let i2 = 0; i2 < this.node.inputs.length; i2++) {
      const v = this.input(i2);
      if (v)
        out.push(v);
    }
    return out;
  }
  /** Input `i` as a tensor; fails when missing or not a tensor. */
  tensor(i2) {
    const v = this.input(i2);
    if (!this.hasInput(i2))
      this.fail(`input ${i2} is required but missing`, i2);
    if (!v)
      throw new UnknownRank(`input ${i2} (${this.node.inputs[i2]}) has no known value`);
    if (!isTensor(v))
      this.fail(`input ${i2}: expected a tensor, got ${valToString(v)}`, i2);
    return v;
  }
  /** Input `i` as a tensor, or undefined when omitted. */
  optTensor(i2) {
    return this.hasInput(i2) ? this.tensor(i2) : void 0;
  }
  /** Shape of tensor input `i`; throws {@link UnknownRank} when the rank is unknown. */
  shape(i2) {
    const t = this.tensor(i2);
    if (!t.shape)
      throw new UnknownRank(`input ${i2} (${this.node.inputs[i2]}) has unknown rank`);
    return t.shape;
  }
  /** Rank of tensor input `i`. */
  rank(i2) {
    return this.shape(i2).length;
  }
  /** Element type of tensor input `i`. */
  dtype(i2) {
    return this.tensor(i2).dtype;
  }
  /** Known contents of input `i`, if any. */
  data(i2) {
    const v = this.input(i2);
    return isTensor(v) ? v.data : void 0;
  }
  /** Known integer contents of input `i` as dims (symbolic entries allowed). */
  dims(i2) {
    const d = this.data(i2);
    if (!d)
      return void 0;
    const out = [];
    for (const x2 of d) {
      if (typeof x2 === "string")
        return void 0;
      if (typeof x2 === "number" && !Number.isInteger(x2))
        return void 0;
      out.push(x2);
    }
    return out;
  }
  /** Known concrete integer contents of input `i`. */
  ints(i2) {
    const d = this.dims(i2);
    if (!d || d.some((x2) => typeof x2 !== "number"))
      return void 0;
    return d;
  }
  /** Known numeric contents of input `i` (floats included). */
  numbers(i2) {
    const d = this.data(i2);
    if (!d || d.some((x2) => typeof x2 !== "number"))
      return void 0;
    return d;
  }
  // ---- attributes ----
  attr(name) {
    return this.node.attributes[name];
  }
  hasAttr(name) {
    return this.node.attributes[name] !== void 0;
  }
  typed(name, type) {
    const a = this.node.attributes[name];
    if (a === void 0)
      return void 0;
    if (a.type !== type) {
      if (type === "float" && a.type === "int")
        return { type: "float", value: a.value };
      if (type === "int" && a.type === "float" && Number.isInteger(a.value))
        return { type: "int", value: a.value };
      if (type === "ints" && a.type === "int")
        return { type: "ints", value: [a.value] };
      if (type === "floats" && a.type === "ints")
        return { type: "floats", value: a.value };
      this.fail(`attribute ${name}: expected ${type}, got ${a.type}`);
    }
    return a;
  }
  attrInt(name, dflt) {
    return this.typed(name, "int")?.value ?? dflt;
  }
  attrFloat(name, dflt) {
    return this.typed(name, "float")?.value ?? dflt;
  }
  attrString(name, dflt) {
    return this.typed(name, "string")?.value ?? dflt;
  }
  attrInts(name, dflt) {
    return this.typed(name, "ints")?.value ?? dflt;
  }
  attrFloats(name) {
    return this.typed(name, "floats")?.value;
  }
  attrStrings(name) {
    return this.typed(name, "strings")?.value;
  }
  attrGraph(name) {
    return this.typed(name, "graph")?.value;
  }
  attrType(name) {
    return this.typed(name, "type")?.value;
  }
  // ---- outputs ----
  /** Set output `i`. */
  setOutput(i2, v) {
    if (i2 < this.outs.length)
      this.outs[i2] = v;
  }
  /** Set output `i` to a tensor. */
  output(i2, dtype, shape, data) {
    this.setOutput(i2, tensorVal(dtype, shape, data));
  }
  /** Output values set so far. */
  outputs() {
    return this.outs;
  }
  /** Output `i` as set by `infer` (for `cost`). */
  out(i2) {
    const v = this.outs[i2];
    if (!isTensor(v))
      throw new UnknownRank(`output ${i2} has no tensor value`);
    return v;
  }
  /** Shape of output `i` (for `cost`); throws {@link UnknownRank} when unknown. */
  outShape(i2) {
    const s = this.out(i2).shape;
    if (!s)
      throw new UnknownRank(`output ${i2} has unknown rank`);
    return s;
  }
  // ---- helpers ----
  /** The value of any tensor visible from this node, by name (Gradient's `xs`). */
  valueOf(name) {
    return this.engine.lookupValue(name);
  }
  /** A fresh unknown dim (`unk__N`). Fails past {@link MAX_FRESH_PER_NODE} in one node (a rank read from a hostile size). */
  fresh() {
    if (++this.freshCount > MAX_FRESH_PER_NODE)
      this.fail(`asks for more than ${MAX_FRESH_PER_NODE} unknown sizes: a rank beyond any real tensor`);
    return this.engine.freshDim();
  }
  /** How many stepped loop iterations enclose this node (1 outside any stepped loop). */
  get unrolled() {
    return this.engine.unrolled;
  }
  /** A named symbol for a size that depends on input values (NonZero count, Unique length). */
  dataDependent(tag) {
    if (++this.freshCount > MAX_FRESH_PER_NODE)
      this.fail(`asks for more than ${MAX_FRESH_PER_NODE} unknown sizes: a rank beyond any real tensor`);
    return this.engine.dataDependentDim(this.node.name || this.node.opType, tag);
  }
  /** Normalise an axis in [-rank, rank) to [0, rank). */
  axis(a, rank, what = "axis") {
    if (!Number.isInteger(a) || a < -rank || a >= rank)
      this.fail(`${what} ${a} is out of range for rank ${rank}: expected [${-rank}, ${rank - 1}]`);
    return a < 0 ? a + rank : a;
  }
  /** Numpy multidirectional broadcast of shapes; fails naming the axis and both sizes on conflict. */
  broadcast(...shapes) {
    return this.broadcastList(shapes);
  }
  /** {@link broadcast} of a list (a variadic node's inputs: a file may give one 200,000 of them, too many to spread as arguments). */
  broadcastList(shapes) {
    const rank = Math.max(0, maxOf(shapes.map((s) => s.length)));
    const out = new Array(rank).fill(1);
    shapes.forEach((s, k) => {
      const off = rank - s.length;
      for (let i2 = 0; i2 < s.length; i2++) {
        const r = broadcastDim(out[off + i2], s[i2]);
        if (r.conflict)
          this.fail(`input ${k}: dim ${dimToString(s[i2])} does not broadcast with ${dimToString(out[off + i2])} at axis ${off + i2}`, k);
        out[off + i2] = r.dim;
      }
    });
    return out;
  }
  /** Record a warning diagnostic about this node. */
  warn(code, message) {
    this.engine.warn(code, message);
  }
  /** Record an info diagnostic about this node. */
  note(code, message) {
    this.engine.note(code, message);
  }
  /**
   * Whether `p >= 0`, from what is known (sizes >= 0, earlier assumptions, the user's `--dim`
   * values, sizes >= 1), recording what the decision rests on; undefined when nothing decides it.
   * `what` describes the value in messages.
   */
  nonNegative(p, what) {
    return this.engine.facts.nonNegative(p, `node ${this.node.name || this.node.opType}: ${what}`);
  }
  /** Assume `p >= 0` (recorded: a binding that breaks it is refused), described by `what`. */
  assume(p, what) {
    this.engine.facts.assume(p, `node ${this.node.name || this.node.opType}: ${what}`);
  }
  /** Infer a sub-graph (see {@link EngineServices.inferSubgraph}). */
  subgraph(graph, inputs, label, multiplicity = Poly.ONE, options) {
    return this.engine.inferSubgraph(graph, inputs, label, multiplicity, options);
  }
  /** Throw an {@link InferenceError} about this node. */
  fail(message, input) {
    throw new InferenceError(message, input);
  }
};

// ../../packages/onnx/dist/infer/intern.js
var WAYS = 8;
var Recent2 = class {
  equal;
  ring = new Array(WAYS);
  next = 0;
  constructor(equal) {
    this.equal = equal;
  }
  /** The kept value equal to `v`, or `v` itself (then kept). */
  intern(v) {
    const ring = this.ring;
    for (let i2 = 0; i2 < WAYS; i2++) {
      const x2 = ring[i2];
      if (x2 !== void 0 && (x2 === v || this.equal(x2, v)))
        return x2;
    }
    ring[this.next] = v;
    this.next = (this.next + 1) % WAYS;
    return v;
  }
};
function polyRecent() {
  return new Recent2((a, b) => a.equals(b));
}
function valRecent() {
  return new Recent2((a, b) => {
    if (a.dtype !== b.dtype || a.data !== void 0 || b.data !== void 0 || a.weight !== void 0 || b.weight !== void 0)
      return false;
    const x2 = a.shape;
    const y = b.shape;
    if (x2 === y)
      return true;
    if (!x2 || !y || x2.length !== y.length)
      return false;
    for (let i2 = 0; i2 < x2.length; i2++)
      if (x2[i2] !== y[i2])
        return false;
    return true;
  });
}
function shareable(v) {
  return v !== void 0 && v.kind === "tensor" && v.data === void 0 && v.weight === void 0;
}

// ../../packages/onnx/dist/infer/induction.js
var J = Poly.sym("\0j");
var J_NAME = "\0j";
var MAX_POWER = 3;
function powerSum(k, t) {
  switch (k) {
    case 0:
      return t;
    case 1:
      return t.mul(t).sub(t).floorDiv(2);
    case 2:
      return t.pow(3).mul(2).sub(t.pow(2).mul(3)).add(t).floorDiv(6);
    default:
      return t.pow(4).sub(t.pow(3).mul(2)).add(t.pow(2)).floorDiv(4);
  }
}
function mentions(p, names) {
  for (const t of p.terms)
    for (const [a] of t.factors) {
      if (a.kind === "sym" ? names.has(a.name) : a.args.some((x2) => mentions(x2, names)))
        return true;
    }
  return false;
}
function substitute(p, by) {
  const names = new Set(by.keys());
  if (!mentions(p, names))
    return p;
  let out = Poly.ZERO;
  for (const t of p.terms) {
    let term = Poly.const(t.coeff);
    for (const [a, e2] of t.factors) {
      let base;
      if (a.kind === "sym" && by.has(a.name))
        base = by.get(a.name);
      else if (a.kind === "fn" && a.args.some((x2) => mentions(x2, names)))
        return void 0;
      else
        base = Poly.atom(a);
      term = term.mul(base.pow(e2));
    }
    out = out.add(term);
  }
  return out;
}
function sumOverIterations(p, trips, induction) {
  const names = new Set(induction.keys());
  if (!mentions(p, names))
    return p.mul(trips);
  if (mentions(p, /* @__PURE__ */ new Set([J_NAME])))
    return void 0;
  const by = /* @__PURE__ */ new Map();
  for (const [s, { init, step }] of induction)
    by.set(s, init.add(step.mul(J)));
  const q = substitute(p, by);
  if (!q)
    return void 0;
  const byPower = /* @__PURE__ */ new Map();
  for (const t of q.terms) {
    let k = 0;
    let c = Poly.const(t.coeff);
    for (const [a, e2] of t.factors) {
      if (a.kind === "sym" && a.name === J_NAME)
        k = e2;
      else
        c = c.mul(atomPow(a, e2));
    }
    if (k > MAX_POWER)
      return void 0;
    byPower.set(k, (byPower.get(k) ?? Poly.ZERO).add(c));
  }
  let sum2 = Poly.ZERO;
  for (const [k, c] of byPower)
    sum2 = sum2.add(c.mul(powerSum(k, trips)));
  return sum2;
}
function atomPow(a, e2) {
  return Poly.atom(a).pow(e2);
}
function substituteVal(v, by) {
  if (!v)
    return { value: v };
  switch (v.kind) {
    case "tensor": {
      if (!v.shape)
        return { value: v };
      const names = new Set(by.keys());
      if (!v.shape.some((d) => typeof d !== "number" && mentions(d, names)))
        return { value: v };
      const shape = [];
      for (const d of v.shape) {
        if (typeof d === "number") {
          shape.push(d);
          continue;
        }
        const s = substitute(d, by);
        if (!s)
          return void 0;
        shape.push(s === d ? d : dim(s.max(Poly.ZERO)));
      }
      return { value: tensorVal(v.dtype, shape, void 0, v.weight) };
    }
    case "sequence": {
      const e2 = substituteVal(v.elem, by);
      if (!e2)
        return void 0;
      if (!v.items)
        return { value: e2.value === v.elem ? v : { kind: "sequence", elem: e2.value } };
      const items = [];
      for (const x2 of v.items) {
        const r = substituteVal(x2, by);
        if (!r || !r.value)
          return void 0;
        items.push(r.value);
      }
      return { value: { kind: "sequence", elem: e2.value, items } };
    }
    case "optional": {
      const e2 = substituteVal(v.elem, by);
      return e2 ? { value: e2.value === v.elem ? v : { kind: "optional", elem: e2.value } } : void 0;
    }
    case "map":
      return { value: v };
  }
}
function valMentions(v, names) {
  if (!v)
    return false;
  switch (v.kind) {
    case "tensor":
      return v.shape !== void 0 && v.shape.some((d) => typeof d !== "number" && mentions(d, names));
    case "sequence":
      return valMentions(v.elem, names) || (v.items?.some((x2) => valMentions(x2, names)) ?? false);
    case "optional":
      return valMentions(v.elem, names);
    case "map":
      return valMentions(v.value, names);
  }
}

// ../../packages/onnx/dist/infer/params.js
var NEVER_PARAM_DTYPES = /* @__PURE__ */ new Set(["int64", "uint64", "bool", "string"]);
var SHAPE_DTYPES = /* @__PURE__ */ new Set([...NEVER_PARAM_DTYPES, "int32", "uint32"]);
var RELAYOUT = {
  Cast: 0,
  CastLike: 0,
  DequantizeLinear: 0,
  Flatten: 0,
  Identity: 0,
  Reshape: 0,
  Squeeze: 0,
  Transpose: 0,
  Unsqueeze: 0
};
function carriesWeight(op, domain) {
  return domain === "" && RELAYOUT[op] !== void 0;
}
var ENTRY = /* @__PURE__ */ Symbol("modelcost.ledgerEntry");
var CREATED = 1;
var COUNTED = 2;
var CONSUMED = 4;
var ORIGINS = [void 0, "initializer", "constant-node", "generated"];
var ORIGIN_SHIFT = 3;
var originOf = (flags) => ORIGINS[flags >> ORIGIN_SHIFT];
function elementsOf(w) {
  let n = 1;
  for (const d of w.dims)
    n *= d;
  return n;
}
function sumElements(weights) {
  const sum2 = new ExactSum();
  for (const w of weights)
    sum2.add(elementsOf(w));
  return Poly.const(sum2.value);
}
var ParamLedger = class {
  index = /* @__PURE__ */ new Map();
  weights = [];
  /** Per entry its flags (CREATED, COUNTED, CONSUMED) and, above them, its origin's code (ORIGINS; 0 none yet): one list, one push per weight. */
  flags = [];
  /** Labels of entries whose weight has no name of its own. */
  labels = /* @__PURE__ */ new Map();
  /** Entries in the order their weights were created. */
  order = [];
  params = [];
  /** Weights a re-layout op's output carries (the value is that weight, re-typed or re-laid). */
  carried = /* @__PURE__ */ new WeakMap();
  /**
   * The entry of `w`, made when new (a weight may be read before it is created: see `created`). An
   * untagged weight gets this ledger's number written on it and no map entry.
   */
  entry(w) {
    let i2 = this.find(w);
    if (i2 === void 0) {
      const taggable = w[ENTRY] === void 0 && Object.isExtensible(w);
      i2 = this.weights.length;
      this.weights.push(w);
      this.flags.push(0);
      if (taggable)
        w[ENTRY] = i2;
      else
        this.index.set(w, i2);
    }
    return i2;
  }
  /**
   * The entry of `w` if it has one: the number this ledger wrote on it (no map lookup, which on 10^6
   * weights was most of the account's time), else the map's (a weight another ledger tagged, having
   * profiled the same decoded model, or one that cannot be tagged).
   */
  find(w) {
    const tagged = w[ENTRY];
    if (tagged !== void 0 && this.weights[tagged] === w)
      return tagged;
    return this.index.get(w);
  }
  /**
   * Note a weight as it appears (an initializer of any scope, a Constant's or ConstantOfShape's
   * tensor). `label` names it in messages: a Constant's tensor usually has no name of its own, so
   * the engine passes the value it produces.
   */
  created(w, origin, label = w.name) {
    const i2 = this.entry(w);
    if (this.flags[i2] & CREATED)
      return;
    this.flags[i2] |= CREATED | ORIGINS.indexOf(origin) << ORIGIN_SHIFT;
    if (!w.name && label)
      this.labels.set(i2, label);
    this.order.push(i2);
  }
  /** The name of a weight for messages (its value's name when the tensor has none). */
  label(w) {
    const i2 = this.find(w);
    return (i2 !== void 0 ? this.labels.get(i2) : void 0) || w.name || "(unnamed)";
  }
  /** The weight a value is (directly, or re-typed / re-laid), if any. */
  weightOf(v) {
    if (!isTensor(v))
      return void 0;
    return v.weight ?? this.carried.get(v);
  }
  /**
   * Params a node adds by reading `ins` under `rule` (undefined: no rule, an unsupported op). Each
   * weight counts once in the model.
   */
  charge(rule, ins) {
    const nonParam = rule?.nonParamInputs ?? [];
    const weightAt = rule?.weightInputs ?? [];
    let sum2;
    for (let i2 = 0; i2 < ins.length; i2++) {
      const v = ins[i2];
      if (!isTensor(v))
        continue;
      const direct = v.weight;
      const d = direct ? this.entry(direct) : -1;
      if (direct)
        this.flags[d] |= CONSUMED;
      const w = direct ?? this.carried.get(v);
      if (!w)
        continue;
      const e2 = w === direct ? d : this.entry(w);
      if (this.flags[e2] & COUNTED || nonParam.includes(i2))
        continue;
      const origin = originOf(this.flags[e2]) ?? "initializer";
      const param = weightAt.includes(i2) ? !NEVER_PARAM_DTYPES.has(w.dtype) : !SHAPE_DTYPES.has(w.dtype) && v.weight !== void 0 && origin !== "constant-node";
      if (!param)
        continue;
      this.flags[e2] |= COUNTED;
      this.params.push(w);
      (sum2 ??= new ExactSum()).add(elementsOf(w));
    }
    return sum2 ? Poly.const(sum2.value) : Poly.ZERO;
  }
  /** After a node ran: a re-layout op's output carries the weight its data input is. */
  carry(op, domain, ins, outs) {
    if (domain !== "")
      return;
    const at = RELAYOUT[op];
    if (at === void 0)
      return;
    const w = this.weightOf(ins[at]);
    const out = outs[0];
    if (w && isTensor(out) && !out.weight)
      this.carried.set(out, w);
  }
  /**
   * The account once every node ran: params (in the order counted, then stored weights no node
   * reads that are params by the rule), constants, and the weights no node reads.
   */
  finish() {
    const unused = [];
    const params = [...this.params];
    const flags = this.flags.slice();
    for (const i2 of this.order) {
      if (flags[i2] & CONSUMED)
        continue;
      const w = this.weights[i2];
      unused.push(w);
      if (!(flags[i2] & COUNTED) && originOf(flags[i2]) !== "constant-node" && !SHAPE_DTYPES.has(w.dtype)) {
        flags[i2] |= COUNTED;
        params.push(w);
      }
    }
    const constants = [];
    for (const i2 of this.order)
      if (!(flags[i2] & COUNTED))
        constants.push(this.weights[i2]);
    return { params, constants, unused };
  }
};

// ../../packages/onnx/dist/infer/engine.js
var RuleTable = class {
  /** Domain -> op type -> entries, newest first (two map lookups per node, no key string built). */
  byDomain = /* @__PURE__ */ new Map();
  constructor(entries) {
    for (const e2 of entries) {
      const d = normDomain(e2.domain);
      let ops = this.byDomain.get(d);
      if (!ops)
        this.byDomain.set(d, ops = /* @__PURE__ */ new Map());
      const list2 = ops.get(e2.op) ?? [];
      list2.push(e2);
      ops.set(e2.op, list2);
    }
    for (const ops of this.byDomain.values())
      for (const list2 of ops.values())
        list2.sort((a, b) => b.since - a.since);
  }
  /** The rule for `op` in `domain` at opset `version`, or undefined. */
  find(domain, op, version) {
    const list2 = this.byDomain.get(normDomain(domain))?.get(op);
    if (!list2)
      return void 0;
    for (const e2 of list2)
      if (e2.since <= version && (e2.until === void 0 || version <= e2.until))
        return e2.rule;
    return list2[list2.length - 1].rule;
  }
  /** Every registered (domain, op) key, as `domain::op`. */
  keys() {
    const out = [];
    for (const [d, ops] of this.byDomain)
      for (const op of ops.keys())
        out.push(`${d}::${op}`);
    return out;
  }
};
var UNSET = /* @__PURE__ */ Symbol("unset");
var Scope = class {
  parent;
  opsets;
  path;
  valueInfo;
  enclosing;
  names = new NameTable();
  slots = [];
  /** The name of each slot. */
  slotNames = [];
  constructor(parent, opsets, path, valueInfo, enclosing) {
    this.parent = parent;
    this.opsets = opsets;
    this.path = path;
    this.valueInfo = valueInfo;
    this.enclosing = enclosing;
  }
  /** The slot of `name`, made (unset) when new. */
  slot(name) {
    const i2 = this.names.getOrSet(name, this.slots.length);
    if (i2 === this.slots.length) {
      this.slots.push(UNSET);
      this.slotNames.push(name);
    }
    return i2;
  }
  /** Give `name` a new slot holding `v` (a name defined again: the later definition wins, as a map write would). */
  set(name, v) {
    this.names.set(name, this.slots.length);
    this.slots.push(v);
    this.slotNames.push(name);
  }
  /** True when `name` has a value here (not looking at enclosing scopes). */
  has(name) {
    const i2 = this.names.get(name);
    return i2 !== void 0 && this.slots[i2] !== UNSET;
  }
};
function enclosed(scope, e2) {
  return scope.enclosing ? [...scope.enclosing, e2] : [e2];
}
function metadataOf(node) {
  const m2 = node.metadata;
  if (m2)
    for (const _ in m2)
      return m2;
  return void 0;
}
function enclosingOf(node, fn) {
  const metadata = metadataOf(node);
  return { name: node.name, op: node.opType, ...fn ? { fn } : {}, ...metadata ? { metadata } : {} };
}
function lookup(scope, name) {
  for (let s = scope; s; s = s.parent) {
    const i2 = s.names.get(name);
    if (i2 === void 0)
      continue;
    const v = s.slots[i2];
    if (v !== UNSET)
      return { found: true, value: v };
  }
  return { found: false, value: void 0 };
}
var BYTES_WAYS2 = 16;
var bytesVals = new Array(BYTES_WAYS2);
var bytesPolys = new Array(BYTES_WAYS2);
var bytesNext2 = 0;
function valBytes(v) {
  if (!v)
    return Poly.ZERO;
  for (let i2 = 0; i2 < BYTES_WAYS2; i2++)
    if (bytesVals[i2] === v)
      return bytesPolys[i2];
  let b;
  switch (v.kind) {
    case "tensor": {
      if (!v.shape)
        b = Poly.ZERO;
      else {
        const bits2 = DTYPE_BITS[v.dtype];
        const n = numElements(v.shape);
        b = bits2 % 8 === 0 ? n.mul(bits2 / 8) : n.mul(bits2).ceilDiv(8);
      }
      break;
    }
    case "sequence":
      b = (v.items ?? []).reduce((s, x2) => s.add(valBytes(x2)), Poly.ZERO);
      break;
    case "optional":
      b = valBytes(v.elem);
      break;
    case "map":
      b = Poly.ZERO;
  }
  bytesVals[bytesNext2] = v;
  bytesPolys[bytesNext2] = b;
  bytesNext2 = (bytesNext2 + 1) % BYTES_WAYS2;
  return b;
}
function typeToVal(t, fresh) {
  if (!t)
    return void 0;
  switch (t.kind) {
    case "tensor":
    case "sparse_tensor":
      return tensorVal(t.elemType, t.shape?.map((d) => typeof d === "number" && d >= 0 ? d : typeof d === "string" && d !== "" ? Poly.sym(d) : fresh()));
    case "sequence":
      return { kind: "sequence", elem: typeToVal(t.elem, fresh) };
    case "map":
      return { kind: "map", keyType: t.keyType, value: typeToVal(t.value, fresh) };
    case "optional":
      return { kind: "optional", elem: typeToVal(t.elem, fresh) };
  }
}
function inferModel(model, rules, options = {}) {
  return new Engine(model, rules, options).run();
}
var NodeRecord = class {
  name;
  op;
  domain;
  inputNames;
  outputNames;
  vals;
  cost;
  rule;
  status;
  scope;
  enclosing;
  metadata;
  multiplicity = Poly.ONE;
  /** Runs per run of its frame: 1, or the trip count summed into the cost (see SubgraphResult.sumOver). */
  times = Poly.ONE;
  /** Set when the model is flattened: weights are counted once, in report order, over the nodes kept. */
  params = Poly.ZERO;
  constructor(name, op, domain, inputNames, outputNames, vals, cost, rule, status, scope, enclosing, metadata) {
    this.name = name;
    this.op = op;
    this.domain = domain;
    this.inputNames = inputNames;
    this.outputNames = outputNames;
    this.vals = vals;
    this.cost = cost;
    this.rule = rule;
    this.status = status;
    this.scope = scope;
    this.enclosing = enclosing;
    this.metadata = metadata;
  }
  get inputValues() {
    return this.vals.slice(0, this.inputNames.length);
  }
  get outputValues() {
    return this.vals.slice(this.inputNames.length);
  }
  /** True when an input is a weight (initializer or Constant tensor). */
  get readsWeight() {
    for (let i2 = 0; i2 < this.inputNames.length; i2++) {
      const v = this.vals[i2];
      if (v !== void 0 && v.kind === "tensor" && v.weight !== void 0)
        return true;
    }
    return false;
  }
  get inputs() {
    return this.inputNames.map((name, i2) => {
      const value2 = this.inputValues[i2];
      return { name, value: value2, isWeight: isTensor(value2) && value2.weight !== void 0 };
    });
  }
  get outputs() {
    return this.outputNames.map((name, i2) => ({ name, value: this.outputValues[i2] }));
  }
};
var Frame = class {
  path;
  entries = [];
  diagnostics = [];
  /** The initializers of the graph this frame inferred. */
  initializers = [];
  /** Live references to this frame (the root has one from the model). */
  refs = 0;
  /** Its key in the memo table, when it is there. */
  key;
  constructor(path) {
    this.path = path;
  }
};
function nodeRecord(name, op, domain, inputNames, outputNames, vals, cost, rule, status, scope, enclosing, metadata) {
  return {
    __proto__: NodeRecord.prototype,
    multiplicity: Poly.ONE,
    times: Poly.ONE,
    params: Poly.ZERO,
    name,
    op,
    domain,
    inputNames,
    outputNames,
    vals,
    cost,
    rule,
    status,
    scope,
    enclosing,
    metadata
  };
}
function valSlots(n) {
  switch (n) {
    case 1:
      return [void 0];
    case 2:
      return [void 0, void 0];
    case 3:
      return [void 0, void 0, void 0];
    case 4:
      return [void 0, void 0, void 0, void 0];
    case 5:
      return [void 0, void 0, void 0, void 0, void 0];
    default:
      return new Array(n);
  }
}
function isRef(e2) {
  return !(e2 instanceof NodeRecord);
}
var MAX_CALL_VARIANTS = 256;
function withoutData(v) {
  if (!v)
    return v;
  if (v.kind === "tensor")
    return v.data === void 0 ? v : tensorVal(v.dtype, v.shape, void 0, v.weight);
  if (v.kind === "sequence")
    return { kind: "sequence", elem: withoutData(v.elem) };
  if (v.kind === "optional")
    return { kind: "optional", elem: withoutData(v.elem) };
  return v;
}
var MAX_CYCLE_DIAGNOSTICS = 10;
function attrSignature(a) {
  if (!a)
    return "-";
  switch (a.type) {
    case "tensor":
    case "sparse_tensor":
    case "graph":
      return `${a.type}#${identityId(a.value)}`;
    case "tensors":
    case "graphs":
      return `${a.type}#${a.value.map((x2) => identityId(x2)).join(",")}`;
    case "ref":
      return `ref:${a.ref}`;
    default:
      return `${a.type}:${JSON.stringify(a.value)}`;
  }
}
var NodeServices = class {
  engine;
  scope;
  name;
  node;
  /**
   * Set when the rule asked for anything beyond the node and its input values (names, fresh or
   * data-dependent dims, diagnostics, size facts, sub-graphs): its result is then not a function of
   * the inputs alone, and is not reused for the next node (see NodeMemo).
   */
  touched = false;
  constructor(engine, scope, name, node) {
    this.engine = engine;
    this.scope = scope;
    this.name = name;
    this.node = node;
  }
  get kernelOptions() {
    return this.engine.kernelOptions;
  }
  get unrolled() {
    return this.engine.unrolled;
  }
  lookupValue(n) {
    this.touched = true;
    return lookup(this.scope, n).value;
  }
  freshDim() {
    this.touched = true;
    return this.engine.unknown.fresh();
  }
  dataDependentDim(nodeName, tag) {
    this.touched = true;
    return this.engine.dataDependentDim(nodeName, tag);
  }
  warn(code, message) {
    this.touched = true;
    this.engine.diag("warning", code, message, this.name);
  }
  note(code, message) {
    this.touched = true;
    this.engine.diag("info", code, message, this.name);
  }
  get facts() {
    this.touched = true;
    return this.engine.facts;
  }
  inferSubgraph(graph, inputs, label, multiplicity, options) {
    this.touched = true;
    return this.engine.inferSubgraph(graph, inputs, `${this.name}/${label}`, this.scope, multiplicity, options, enclosed(this.scope, enclosingOf(this.node)));
  }
};
var MEMO_WAYS = 8;
function noAttributes(node) {
  for (const _ in node.attributes)
    return false;
  return true;
}
var Engine = class {
  model;
  rules;
  options;
  unknown = new UnknownDims();
  /** Params and constants: every weight that appeared (initializers of all scopes, Constant-made tensors), charged when the model is flattened. */
  ledger = new ParamLedger();
  /** Set once a re-layout node carries a weight: from then on every node's inputs are asked of the ledger. */
  anyCarried = false;
  facts;
  functions = /* @__PURE__ */ new Map();
  dataDependentNames = /* @__PURE__ */ new Set();
  budget;
  root = new Frame("");
  /** The frame being inferred: nodes and diagnostics go here. */
  frame = this.root;
  /** Frames in the order their inference completed (children before the frames that use them). */
  completed = [];
  memo = /* @__PURE__ */ new Map();
  /** Keys of the functions being inferred, outermost first (recursion shows here). */
  calling = [];
  freeInputsCache = /* @__PURE__ */ new WeakMap();
  /** Distinct inferences of each function so far (see MAX_CALL_VARIANTS). */
  variants = /* @__PURE__ */ new Map();
  /** Function bodies resolved against call attributes (see resolvedBody). */
  resolved = /* @__PURE__ */ new Map();
  /** Product of the stepped loop iterations enclosing the node being inferred. */
  unrolled = 1;
  currentNode = "";
  kernelOptions;
  /** Recent output values and cost polys, shared with equal ones (see intern.ts). */
  vals = valRecent();
  polys = polyRecent();
  /**
   * The last few nodes' inferences, reused by a node of the same op whose inputs are the same value
   * objects (values are shared, see intern.ts): a chain of 10^6 Add and Relu nodes, the repeated
   * blocks of a transformer. Only results that depend on nothing but those inputs are kept.
   */
  nodeMemo = new Array(MEMO_WAYS);
  nodeMemoNext = 0;
  /** Costs made of the same (shared) polys are one object. */
  costs = new Recent2((a, b) => a.macs === b.macs && a.flops === b.flops && a.params === b.params && a.bytesRead === b.bytesRead && a.bytesWritten === b.bytesWritten);
  constructor(model, rules, options) {
    this.model = model;
    this.rules = rules;
    this.options = options;
    this.budget = options.budget ?? new WorkBudget(options.limits, options.file);
    this.facts = new SizeFacts(options.dims);
    this.kernelOptions = { convention: options.convention ?? "macs+flops" };
    for (const f of model.functions)
      this.functions.set(`${normDomain(f.domain)}::${f.name}`, f);
    this.root.refs = 1;
  }
  run() {
    const g = this.model.graph;
    const scope = new Scope(void 0, this.model.opsets, "", valueInfoMap(g));
    const weights = [];
    scope.names.reserve(g.initializers.length + g.inputs.length + g.nodes.length);
    for (const w of g.initializers) {
      scope.set(w.name, weightVal(w));
      weights.push(w);
    }
    this.root.initializers = g.initializers;
    const inputs = [];
    for (const vi of g.inputs) {
      if (scope.has(vi.name))
        continue;
      let v = this.options.inputValues?.get(vi.name) ?? typeToVal(vi.type, () => this.unknown.fresh());
      const override = this.options.inputShapes?.get(vi.name);
      if (override) {
        if (isTensor(v)) {
          if (v.shape && v.shape.length !== override.length)
            this.diag("warning", "input-override-rank", `--input ${vi.name}: rank ${override.length} given, the model declares rank ${v.shape.length}`);
          v = tensorVal(v.dtype, override, v.data);
        } else
          v = tensorVal("float32", override);
      } else if (this.options.inputBindings?.size && isTensor(v) && v.shape) {
        const bind = this.options.inputBindings;
        v = tensorVal(v.dtype, v.shape.map((d) => bindDim(d, bind)), v.data);
      }
      scope.set(vi.name, v);
      inputs.push({ name: vi.name, value: v });
    }
    this.runGraph(g, scope);
    const outputs = g.outputs.map((o) => {
      const inferred = lookup(scope, o.name).value;
      return { name: o.name, value: this.crossCheck(o.name, inferred, o.type) };
    });
    this.completed.push(this.root);
    const { nodes, diagnostics } = this.flatten();
    const account = this.ledger.finish();
    const unused = account.unused;
    const asParams = unused.length ? new Set(account.params) : /* @__PURE__ */ new Set();
    if (unused.length) {
      const list2 = unused.slice(0, 5).map((w) => `${this.ledger.label(w)} (${asParams.has(w) ? "param" : "constant"})`);
      diagnostics.push({ severity: "info", code: "unused-initializer", message: `${unused.length} weight${unused.length === 1 ? "" : "s"} read by no node, still stored: ${list2.join(", ")}${unused.length > 5 ? ", ..." : ""}` });
    }
    return {
      nodes,
      inputs,
      outputs,
      diagnostics,
      paramWeights: account.params,
      constantWeights: account.constants,
      conditions: this.facts.conditions,
      weights,
      unusedParams: unused.filter((w) => asParams.has(w))
    };
  }
  /**
   * Every recorded node once, in inference order (a node before the bodies it ran), with its
   * multiplicity: the sum over the frame's references of the referencing frame's total times the
   * reference's count, times the node's own count. Frames complete after the frames they use, so in
   * reverse completion order every frame's total is final before it is passed on. Weights are
   * counted here, in the same order, over the nodes kept: a trial inference left out of the report
   * takes no weight with it.
   */
  flatten() {
    const total = /* @__PURE__ */ new Map([[this.root, Poly.ONE]]);
    for (let i2 = this.completed.length - 1; i2 >= 0; i2--) {
      const f = this.completed[i2];
      const t = total.get(f);
      if (t === void 0 || f.refs === 0)
        continue;
      for (const e2 of f.entries) {
        if (!isRef(e2) || e2.dropped)
          continue;
        const add = t.mul(e2.times);
        const prev = total.get(e2.frame);
        total.set(e2.frame, prev === void 0 ? add : prev.add(add));
      }
    }
    const nodes = [];
    const diagnostics = [];
    const emitted = /* @__PURE__ */ new Set();
    const emit = (f) => {
      emitted.add(f);
      const t = total.get(f);
      for (const d of f.diagnostics)
        diagnostics.push(d);
      for (const w of f.initializers)
        this.ledger.created(w, "initializer");
      for (const e2 of f.entries) {
        if (isRef(e2)) {
          if (!e2.dropped && !emitted.has(e2.frame) && total.has(e2.frame))
            emit(e2.frame);
          continue;
        }
        e2.multiplicity = e2.times === Poly.ONE ? t : t.mul(e2.times);
        const nIn = e2.inputNames.length;
        for (let i2 = nIn; i2 < e2.vals.length; i2++) {
          const v = e2.vals[i2];
          if (isTensor(v) && v.weight)
            this.ledger.created(v.weight, e2.op === "Constant" ? "constant-node" : "generated", e2.outputNames[i2 - nIn]);
        }
        let params = Poly.ZERO;
        const ins = e2.readsWeight || this.anyCarried || carriesWeight(e2.op, e2.domain) ? e2.inputValues : void 0;
        if (ins) {
          const outs = e2.outputValues;
          this.ledger.carry(e2.op, e2.domain, ins, outs);
          if (!this.anyCarried && carriesWeight(e2.op, e2.domain) && this.ledger.weightOf(outs[0]) !== void 0)
            this.anyCarried = true;
          params = this.ledger.charge(e2.rule, ins);
        }
        if (params !== Poly.ZERO) {
          e2.params = params;
          if (e2.cost)
            e2.cost = { ...e2.cost, params };
        }
        nodes.push(e2);
      }
    };
    emit(this.root);
    return { nodes, diagnostics };
  }
  diag(severity, code, message, node) {
    const d = node !== void 0 && node !== "" ? { severity, code, node, message } : { severity, code, message };
    this.frame.diagnostics.push(d);
  }
  /** Merge an inferred value with a declared type: declared info fills unknowns; different numbers are a conflict. */
  crossCheck(name, inferred, declared) {
    if (!declared)
      return inferred;
    const decl = typeToVal(declared, () => this.unknown.fresh());
    if (!inferred)
      return decl;
    if (!isTensor(inferred) || !isTensor(decl))
      return inferred;
    if (!inferred.shape)
      return decl && isTensor(decl) ? tensorVal(inferred.dtype, decl.shape, inferred.data, inferred.weight) : inferred;
    if (!decl.shape)
      return inferred;
    if (decl.shape.length !== inferred.shape.length) {
      this.diag("warning", "value-info-conflict", `${name}: inferred ${valToString(inferred)}, the file declares ${valToString(decl)}`, this.currentNode);
      return inferred;
    }
    let changed = false;
    const merged = inferred.shape.map((d, i2) => {
      const u = unifyDim(d, decl.shape[i2]);
      if (u.conflict) {
        this.diag("warning", "value-info-conflict", `${name}: axis ${i2} inferred ${dimToString(d)}, the file declares ${dimToString(decl.shape[i2])}`, this.currentNode);
        return d;
      }
      if (u.dim !== d)
        changed = true;
      return u.dim;
    });
    return changed ? tensorVal(inferred.dtype, merged, inferred.data, inferred.weight) : inferred;
  }
  runGraph(g, scope) {
    this.runNodes(g.nodes, scope);
  }
  runNodes(nodes, scope) {
    const plan = this.plan(nodes, scope);
    for (const i2 of plan.order)
      this.runNode(nodes[i2], scope, plan, i2);
  }
  /**
   * Give every name the graph's nodes write a slot (a name written twice: one slot, readers see the
   * last writer, and a warning), resolve each input to its slot, and order the nodes so each comes
   * after the producers of its inputs (exporters such as OnnxMLTools and PyTorch 1.x write unsorted
   * graphs). Implicit inputs of sub-graphs count as dependencies. Cycles are reported (10 per graph,
   * then one line for the rest) and broken in file order.
   */
  plan(nodes, scope) {
    const n = nodes.length;
    if (n >= 65536)
      this.budget.checkMemory("planning the graph");
    let nOut = 0;
    let nIn = 0;
    for (const node of nodes) {
      nOut += node.outputs.length;
      nIn += node.inputs.length;
    }
    const outSlots = new Int32Array(nOut);
    const outStart = new Int32Array(n + 1);
    const producer = new Int32Array(scope.slots.length + nOut).fill(-1);
    const names = scope.names;
    const slots = scope.slots;
    const before = names.size;
    let fresh = 0;
    let k = 0;
    const budget = this.budget;
    for (let i2 = 0; i2 < n; i2++) {
      outStart[i2] = k;
      if ((i2 & 255) === 255)
        budget.tick("planning the graph", 256);
      for (const o of nodes[i2].outputs) {
        if (o === "") {
          outSlots[k++] = -1;
          continue;
        }
        const slot = slots.length;
        names.set(o, slot);
        slots.push(UNSET);
        scope.slotNames.push(o);
        producer[slot] = i2;
        outSlots[k++] = slot;
        fresh++;
      }
    }
    outStart[n] = k;
    if (names.size !== before + fresh) {
      names.clear();
      for (let i2 = 0; i2 < slots.length - fresh; i2++)
        names.set(scope.slotNames[i2], i2);
      slots.length -= fresh;
      scope.slotNames.length = slots.length;
      producer.fill(-1);
      k = 0;
      for (let i2 = 0; i2 < n; i2++) {
        const node = nodes[i2];
        for (const o of node.outputs) {
          if (o === "") {
            k++;
            continue;
          }
          const slot = scope.slot(o);
          if (producer[slot] >= 0)
            this.diag("warning", "duplicate-output", `value '${o}' is produced by more than one node: readers see the last one`, node.name || node.opType);
          producer[slot] = i2;
          outSlots[k++] = slot;
        }
      }
    }
    const inSlots = new Int32Array(nIn);
    const inStart = new Int32Array(n + 1);
    let sorted = true;
    k = 0;
    for (let i2 = 0; i2 < n; i2++) {
      inStart[i2] = k;
      const node = nodes[i2];
      for (const x2 of node.inputs) {
        if (x2 === "") {
          inSlots[k++] = -1;
          continue;
        }
        let slot;
        if (i2 > 0) {
          const prev = nodes[i2 - 1].outputs;
          for (let j = 0; j < prev.length; j++)
            if (prev[j] === x2) {
              slot = outSlots[outStart[i2 - 1] + j];
              break;
            }
        }
        slot ??= names.get(x2);
        inSlots[k++] = slot ?? -1;
        if (slot !== void 0 && producer[slot] >= i2)
          sorted = false;
      }
      if (sorted && hasSubgraph(node))
        for (const g of nodeSubgraphs(node))
          for (const x2 of this.freeInputs(g)) {
            const slot = names.get(x2);
            if (slot !== void 0 && producer[slot] >= i2)
              sorted = false;
          }
    }
    inStart[n] = k;
    if (sorted) {
      const order2 = new Array(n);
      for (let i2 = 0; i2 < n; i2++)
        order2[i2] = i2;
      return { order: order2, inSlots, inStart, outSlots, outStart };
    }
    let cycles = 0;
    const order = sortNodes(nodes, (x2) => {
      const slot = names.get(x2);
      return slot === void 0 ? -1 : producer[slot];
    }, (msg) => {
      if (++cycles <= MAX_CYCLE_DIAGNOSTICS)
        this.diag("warning", "graph-cycle", msg);
    });
    if (cycles > MAX_CYCLE_DIAGNOSTICS)
      this.diag("warning", "graph-cycle", `${cycles - MAX_CYCLE_DIAGNOSTICS} more cycles, each broken in file order`);
    return { order, inSlots, inStart, outSlots, outStart };
  }
  runNode(node, scope, plan, index) {
    const domain = normDomain(node.domain);
    const local = node.name || node.opType;
    const name = scope.path ? `${scope.path}/${local}` : local;
    this.budget.node(1, name);
    this.currentNode = name;
    const nIn = node.inputs.length;
    const ins = valSlots(nIn + node.outputs.length);
    const base = plan.inStart[index];
    for (let i2 = 0; i2 < nIn; i2++) {
      const n = node.inputs[i2];
      if (n === "")
        continue;
      const slot = plan.inSlots[base + i2];
      const v = slot >= 0 ? scope.slots[slot] : UNSET;
      if (v !== UNSET) {
        ins[i2] = v;
        continue;
      }
      const r = lookup(scope.parent, n);
      ins[i2] = r.value;
      if (!r.found)
        this.diag("warning", "missing-input", `input ${i2} '${n}' is produced by no node, graph input or initializer`, name);
    }
    const fn = this.functions.size ? this.functions.get(`${domain}::${node.opType}`) : void 0;
    if (fn) {
      const outs = this.callFunction(fn, node, ins.slice(0, nIn), name, scope);
      this.setOutputs(node, scope, plan, index, name, outs ?? [], ins);
      if (!outs)
        this.frame.entries.push(nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, void 0, void 0, "error", scope.path, scope.enclosing, metadataOf(node)));
      return;
    }
    const version = scope.opsets.get(domain) ?? 1;
    const rule = this.rules.find(domain, node.opType, version);
    if (!rule) {
      this.setOutputs(node, scope, plan, index, name, [], ins);
      this.frame.entries.push(nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, void 0, void 0, "unsupported", scope.path, scope.enclosing, metadataOf(node)));
      this.diag("warning", "unsupported-op", `no rule for ${domain ? `${domain}.` : ""}${node.opType} (opset ${version}): its cost is not counted`, name);
      return;
    }
    const frame = this.frame;
    const memoable = noAttributes(node) && !carriesWeight(node.opType, domain) && !this.declaresOutputs(scope, node);
    const hit = memoable ? this.memoFind(rule, node, domain, version, ins, nIn) : void 0;
    if (hit) {
      this.setOutputs(node, scope, plan, index, name, hit.outs, ins);
      frame.entries.push(nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, hit.cost, rule, "ok", scope.path, scope.enclosing, metadataOf(node)));
      return;
    }
    const services = new NodeServices(this, scope, name, node);
    const ctx = new NodeContext(node, version, ins, services);
    let status = "ok";
    const mark = frame.entries.length;
    const diagnostics = frame.diagnostics.length;
    try {
      rule.infer(ctx);
    } catch (e2) {
      status = this.inferFailure(e2, name, node);
    }
    this.setOutputs(node, scope, plan, index, name, status === "ok" ? ctx.outputs() : [], ins);
    let cost;
    if (status === "ok") {
      try {
        cost = this.nodeCost(rule, ctx, Poly.ZERO, ins, nIn);
      } catch (e2) {
        status = this.inferFailure(e2, name, node);
      }
    }
    if (memoable && cost && !services.touched && frame.entries.length === mark && frame.diagnostics.length === diagnostics)
      this.memoKeep(rule, node, domain, version, ins, nIn, ctx.outputs(), cost);
    const entry = nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, cost, rule, status, scope.path, scope.enclosing, metadataOf(node));
    if (mark === frame.entries.length)
      frame.entries.push(entry);
    else
      frame.entries.splice(mark, 0, entry);
  }
  /** True when the graph declares a type for one of the node's outputs (value_info: merged into the output, see setOutputs). */
  declaresOutputs(scope, node) {
    const info = scope.valueInfo;
    if (!info.size)
      return false;
    for (const o of node.outputs)
      if (info.has(o))
        return true;
    return false;
  }
  memoFind(rule, node, domain, version, ins, nIn) {
    for (let k = 0; k < MEMO_WAYS; k++) {
      const m2 = this.nodeMemo[k];
      if (!m2 || m2.rule !== rule || m2.opType !== node.opType || m2.domain !== domain || m2.version !== version || m2.unrolled !== this.unrolled)
        continue;
      if (m2.ins.length !== nIn || m2.nOut !== node.outputs.length)
        continue;
      let same2 = true;
      for (let i2 = 0; i2 < nIn && same2; i2++)
        same2 = m2.ins[i2] === ins[i2] && m2.node.inputs[i2] === "" === (node.inputs[i2] === "");
      for (let i2 = 0; i2 < m2.nOut && same2; i2++)
        same2 = m2.node.outputs[i2] === "" === (node.outputs[i2] === "");
      if (same2)
        return m2;
    }
    return void 0;
  }
  memoKeep(rule, node, domain, version, ins, nIn, outs, cost) {
    for (const v of outs)
      if (isTensor(v) && v.weight)
        return;
    this.nodeMemo[this.nodeMemoNext] = { rule, node, opType: node.opType, domain, version, unrolled: this.unrolled, ins: ins.slice(0, nIn), nOut: node.outputs.length, outs: outs.slice(), cost };
    this.nodeMemoNext = (this.nodeMemoNext + 1) % MEMO_WAYS;
  }
  /**
   * Bind a node's outputs in its scope (declared value_info cross-checked, plain tensors shared with
   * equal ones), and write them into `out` after the node's inputs.
   */
  setOutputs(node, scope, plan, index, name, vals, out) {
    const nOut = node.outputs.length;
    const at = node.inputs.length;
    const info = scope.valueInfo.size ? scope.valueInfo : void 0;
    const base = plan.outStart[index];
    for (let i2 = 0; i2 < nOut; i2++) {
      const slot = plan.outSlots[base + i2];
      if (slot < 0)
        continue;
      const o = node.outputs[i2];
      let v = info ? this.crossCheck(o, vals[i2], info.get(o)) : vals[i2];
      if (shareable(v) && !carriesWeight(node.opType, normDomain(node.domain)))
        v = this.vals.intern(v);
      scope.slots[slot] = v;
      out[at + i2] = v;
      this.chargeData(v, name);
    }
  }
  /** Charge the budget for the constant data a value carries (shape-data propagation, known contents, sequence items). */
  chargeData(v, where) {
    if (!v)
      return;
    if (v.kind === "tensor") {
      if (v.data)
        this.budget.data(v.data.length, where);
    } else if (v.kind === "sequence" && v.items)
      this.budget.data(v.items.length, where);
  }
  inferFailure(e2, name, node) {
    if (e2 instanceof WorkLimitError || e2 instanceof OnnxImportError)
      throw e2;
    if (e2 instanceof UnknownRank) {
      this.diag("info", "unknown-shape", `(op ${node.opType}, node ${name}) ${e2.message}: output shapes and cost unknown`, name);
      return "unknown-shape";
    }
    if (e2 instanceof InferenceError) {
      this.diag("error", e2.code, `(op ${node.opType}, node ${name}) ${e2.message}`, name);
      return "error";
    }
    if (e2 instanceof RangeError) {
      this.diag("error", "shape-error", `(op ${node.opType}, node ${name}) ${e2.message}`, name);
      return "error";
    }
    this.diag("error", "internal-error", `(op ${node.opType}, node ${name}) internal error, please report: ${e2 instanceof Error ? e2.message : String(e2)}`, name);
    return "error";
  }
  /** Cost of a node whose input values are `vals[0 .. nIn)` and output values the rest. */
  nodeCost(rule, ctx, params, vals, nIn) {
    const rc = rule.cost(ctx);
    let bytesRead = rc.bytesRead;
    if (bytesRead === void 0) {
      bytesRead = Poly.ZERO;
      for (let i2 = 0; i2 < nIn; i2++)
        bytesRead = bytesRead.add(valBytes(vals[i2]));
    }
    let bytesWritten = Poly.ZERO;
    for (let i2 = nIn; i2 < vals.length; i2++)
      bytesWritten = bytesWritten.add(valBytes(vals[i2]));
    const p = this.polys;
    return this.costs.intern({ macs: p.intern(rc.macs), flops: p.intern(rc.flops), params, bytesRead: p.intern(bytesRead), bytesWritten: p.intern(bytesWritten) });
  }
  dataDependentDim(nodeName, tag) {
    const base = `${nodeName}_${tag}`.replace(/[^A-Za-z0-9_]/g, "_");
    let n = base;
    for (let i2 = 1; this.dataDependentNames.has(n); i2++)
      n = `${base}_${i2}`;
    this.dataDependentNames.add(n);
    return Poly.sym(n);
  }
  /** Names a sub-graph reads from enclosing scopes, computed once per graph. */
  freeInputs(g) {
    let free = this.freeInputsCache.get(g);
    if (!free)
      this.freeInputsCache.set(g, free = subgraphFreeInputs(g));
    return free;
  }
  /**
   * Run `infer` as the inference of `frame`, one nesting level deeper. The frame completes (and may be
   * used by later references) only when `infer` returns.
   */
  inFrame(frame, unrolled, where, infer) {
    const saved = { frame: this.frame, unrolled: this.unrolled, node: this.currentNode };
    this.budget.enter(where);
    this.frame = frame;
    this.unrolled = unrolled;
    try {
      return infer();
    } finally {
      this.frame = saved.frame;
      this.unrolled = saved.unrolled;
      this.currentNode = saved.node;
      this.budget.leave();
      this.completed.push(frame);
    }
  }
  /** Reference `hit.frame` from the frame being inferred, and hand the caller its handle on that use. */
  use(hit, times) {
    const ref = { frame: hit.frame, times, dropped: false };
    hit.frame.refs++;
    this.frame.entries.push(ref);
    return {
      outputs: hit.outputs,
      recount: (t) => {
        ref.times = t;
      },
      discard: () => {
        if (ref.dropped)
          return;
        ref.dropped = true;
        this.release(ref.frame);
      },
      sumOver: (trips, induction) => this.sumOver(ref, trips, induction)
    };
  }
  /** One reference to `f` went away: when none is left, it leaves the memo table and lets go of what it used. */
  release(f) {
    if (--f.refs > 0)
      return;
    if (f.key !== void 0)
      this.memo.delete(f.key);
    f.key = void 0;
    for (const e2 of f.entries)
      if (isRef(e2) && !e2.dropped)
        this.release(e2.frame);
    f.entries.length = 0;
    f.diagnostics.length = 0;
  }
  inferSubgraph(graph, inputs, path, parent, times, opts, enclosing) {
    const unrolled = this.unrolled * Math.max(1, opts?.unroll ?? 1);
    let key = `g${identityId(graph)}*${unrolled}`;
    for (const v of inputs)
      key += `|${valSignature(v)}`;
    key += "#";
    for (const n of this.freeInputs(graph))
      key += `|${valSignature(lookup(parent, n).value)}`;
    let hit = this.memo.get(key);
    if (!hit) {
      const frame = new Frame(path);
      const outputs = this.inFrame(frame, unrolled, path, () => {
        const scope = new Scope(parent, parent.opsets, path, valueInfoMap(graph), enclosing);
        for (const w of graph.initializers)
          scope.set(w.name, weightVal(w));
        frame.initializers = graph.initializers;
        graph.inputs.forEach((vi, i2) => {
          const given = inputs[i2];
          scope.set(vi.name, given ?? typeToVal(vi.type, () => this.unknown.fresh()));
        });
        this.runGraph(graph, scope);
        return graph.outputs.map((o) => this.crossCheck(o.name, lookup(scope, o.name).value, o.type));
      });
      hit = { frame, outputs };
      frame.key = key;
      this.memo.set(key, hit);
    }
    return this.use(hit, times);
  }
  /**
   * Infer a call of a model-local function, once per signature of (function, the call's attributes,
   * its inputs). Undefined when the call is recursive (recorded as an error on the call).
   */
  callFunction(fn, call, ins, name, caller) {
    const fnKey = `${normDomain(fn.domain)}::${fn.name}`;
    if (this.calling.includes(fnKey)) {
      const chain = [...this.calling.slice(this.calling.indexOf(fnKey)), fnKey].map(fnLabel);
      throw new OnnxImportError("recursive-function", `${this.options.file ? `${this.options.file}: ` : ""}${INFER_MESSAGES.recursiveFunction(call.opType, name, chain)}`, this.options.file);
    }
    const attrNames = /* @__PURE__ */ new Set([...fn.attributes, ...Object.keys(call.attributes)]);
    let attrKey = `f${JSON.stringify(fnKey)}`;
    for (const a of [...attrNames].sort())
      attrKey += `|${a}=${attrSignature(call.attributes[a] ?? fn.attributeDefaults[a])}`;
    const variants = this.variants.get(fnKey) ?? 0;
    if (variants >= MAX_CALL_VARIANTS) {
      if (variants === MAX_CALL_VARIANTS) {
        this.diag("warning", "call-variants", INFER_MESSAGES.callVariants(fnLabel(fnKey), MAX_CALL_VARIANTS), name);
        this.variants.set(fnKey, variants + 1);
      }
      ins = ins.map(withoutData);
    }
    let key = `${attrKey}*${this.unrolled}#`;
    for (const v of ins)
      key += `|${valSignature(v)}`;
    let hit = this.memo.get(key);
    if (!hit) {
      if (variants < MAX_CALL_VARIANTS)
        this.variants.set(fnKey, variants + 1);
      const frame = new Frame(name);
      this.calling.push(fnKey);
      let outputs;
      try {
        outputs = this.inFrame(frame, this.unrolled, name, () => this.inlineFunction(fn, this.resolvedBody(fn, call, attrKey), ins, name, enclosed(caller, enclosingOf(call, fnKey))));
      } finally {
        this.calling.pop();
      }
      hit = { frame, outputs };
      frame.key = key;
      this.memo.set(key, hit);
    }
    this.use(hit, Poly.ONE);
    return [...hit.outputs];
  }
  inlineFunction(fn, nodes, ins, name, enclosing) {
    const opsets = new Map(this.model.opsets);
    for (const [d, v] of fn.opsets)
      opsets.set(normDomain(d), v);
    const scope = new Scope(void 0, opsets, name, /* @__PURE__ */ new Map(), enclosing);
    fn.inputs.forEach((formal, i2) => scope.set(formal, ins[i2]));
    this.runNodes(nodes, scope);
    return fn.outputs.map((o) => lookup(scope, o).value);
  }
  /**
   * A function's body with its attribute references resolved against a call, made once per function
   * and call attributes (`attrKey`): calls alike share the nodes (and the sub-graphs in them, so those
   * are memoised across calls too). A body without references is used as it is.
   */
  resolvedBody(fn, call, attrKey) {
    if (!hasRefs(fn.nodes))
      return fn.nodes;
    const hit = this.resolved.get(attrKey);
    if (hit)
      return hit;
    const resolve = (attrs) => {
      const out = dict();
      for (const [k, a] of Object.entries(attrs)) {
        if (a.type === "ref") {
          const actual = own(call.attributes, a.ref) ?? own(fn.attributeDefaults, a.ref);
          if (actual)
            out[k] = actual;
        } else if (a.type === "graph")
          out[k] = { type: "graph", value: resolveGraph(a.value) };
        else if (a.type === "graphs")
          out[k] = { type: "graphs", value: a.value.map(resolveGraph) };
        else
          out[k] = a;
      }
      return out;
    };
    const resolveGraph = (g) => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, attributes: resolve(n.attributes) })) });
    const nodes = fn.nodes.map((n) => ({ ...n, attributes: resolve(n.attributes) }));
    this.resolved.set(attrKey, nodes);
    return nodes;
  }
  /** See {@link SubgraphResult.sumOver}. */
  sumOver(ref, trips, induction) {
    const f = ref.frame;
    if (ref.dropped || f.refs !== 1)
      return false;
    const names = new Set(induction.keys());
    for (const e2 of f.entries)
      if (isRef(e2) && !e2.dropped && frameMentions(e2.frame, names))
        return false;
    const last2 = /* @__PURE__ */ new Map();
    for (const [s, { init, step }] of induction)
      last2.set(s, init.add(step.mul(trips.sub(1))));
    const plans = [];
    for (const e2 of f.entries) {
      if (isRef(e2))
        continue;
      let cost = e2.cost;
      let times = trips;
      if (cost && [cost.macs, cost.flops, cost.bytesRead, cost.bytesWritten].some((p) => mentions(p, names))) {
        const sum2 = (p) => sumOverIterations(p, trips, induction);
        const macs = sum2(cost.macs);
        const flops = sum2(cost.flops);
        const bytesRead = sum2(cost.bytesRead);
        const bytesWritten = sum2(cost.bytesWritten);
        if (!macs || !flops || !bytesRead || !bytesWritten)
          return false;
        cost = { macs, flops, params: cost.params, bytesRead, bytesWritten };
        times = Poly.ONE;
      }
      const outs = [];
      for (const v of e2.outputValues) {
        const r = substituteVal(v, last2);
        if (!r)
          return false;
        outs.push(r.value);
      }
      const ins = [];
      for (const v of e2.inputValues) {
        const r = substituteVal(v, last2);
        if (!r)
          return false;
        ins.push(r.value);
      }
      plans.push({ node: e2, cost, times, ins, outs });
    }
    for (const p of plans) {
      p.node.cost = p.cost;
      p.node.times = p.times;
      p.node.vals = [...p.ins, ...p.outs];
    }
    for (const e2 of f.entries)
      if (isRef(e2))
        e2.times = e2.times.mul(trips);
    ref.times = Poly.ONE;
    return true;
  }
};
function frameMentions(f, names) {
  for (const e2 of f.entries) {
    if (isRef(e2)) {
      if (!e2.dropped && frameMentions(e2.frame, names))
        return true;
      continue;
    }
    const c = e2.cost;
    if (c && [c.macs, c.flops, c.bytesRead, c.bytesWritten].some((p) => mentions(p, names)))
      return true;
    if (e2.outputValues.some((v) => valMentions(v, names)))
      return true;
  }
  return false;
}
var refsCache = /* @__PURE__ */ new WeakMap();
function hasRefs(nodes) {
  let r = refsCache.get(nodes);
  if (r === void 0) {
    r = nodes.some((n) => {
      for (const k in n.attributes) {
        const a = n.attributes[k];
        if (a.type === "ref" || a.type === "graph" && hasRefs(a.value.nodes) || a.type === "graphs" && a.value.some((g) => hasRefs(g.nodes)))
          return true;
      }
      return false;
    });
    refsCache.set(nodes, r);
  }
  return r;
}
function fnLabel(key) {
  const [d, n] = key.split("::");
  return d ? `${d}.${n}` : n;
}
function valueInfoMap(g) {
  const m2 = /* @__PURE__ */ new Map();
  for (const v of g.valueInfo)
    m2.set(v.name, v.type);
  return m2;
}
function weightVal(w) {
  const v = w.values;
  const data = v && v.some((x2) => typeof x2 === "bigint") ? v.map((x2) => typeof x2 === "bigint" ? Number(x2) : x2) : v;
  return tensorVal(w.dtype, w.dims, data, w);
}
function sortNodes(nodes, producerOf, onCycle) {
  const deps = nodes.map((n) => {
    const set = /* @__PURE__ */ new Set();
    for (const x2 of nodeReads(n)) {
      if (x2 === "")
        continue;
      const p = producerOf(x2);
      if (p >= 0)
        set.add(p);
    }
    return set;
  });
  const indeg = deps.map((d, i2) => [...d].filter((p) => p !== i2).length);
  const users = nodes.map(() => []);
  deps.forEach((d, i2) => d.forEach((p) => p !== i2 && users[p].push(i2)));
  const heap = new MinHeap();
  indeg.forEach((d, i2) => d === 0 && heap.push(i2));
  const out = [];
  const done = new Uint8Array(nodes.length);
  let firstUndone = 0;
  while (out.length < nodes.length) {
    if (heap.size === 0) {
      while (done[firstUndone])
        firstUndone++;
      const i3 = firstUndone;
      onCycle(`node ${nodes[i3].name || nodes[i3].opType} is part of a cycle: processed in file order`);
      heap.push(i3);
      indeg[i3] = 0;
    }
    const i2 = heap.pop();
    if (done[i2])
      continue;
    done[i2] = 1;
    out.push(i2);
    for (const u of users[i2])
      if (--indeg[u] === 0 && !done[u])
        heap.push(u);
  }
  return out;
}
function hasSubgraph(n) {
  for (const k in n.attributes) {
    const t = n.attributes[k].type;
    if (t === "graph" || t === "graphs")
      return true;
  }
  return false;
}
function nodeReads(n) {
  let extra;
  for (const g of nodeSubgraphs(n))
    pushAll(extra ??= [], subgraphFreeInputs(g));
  return extra ? [...n.inputs, ...extra] : n.inputs;
}
function nodeSubgraphs(n) {
  const out = [];
  for (const k in n.attributes) {
    const a = n.attributes[k];
    if (a.type === "graph")
      out.push(a.value);
    else if (a.type === "graphs")
      pushAll(out, a.value);
  }
  return out;
}
function subgraphFreeInputs(g) {
  const local = /* @__PURE__ */ new Set([...g.inputs.map((i2) => i2.name), ...g.initializers.map((w) => w.name)]);
  for (const n of g.nodes)
    n.outputs.forEach((o) => local.add(o));
  const free = /* @__PURE__ */ new Set();
  for (const n of g.nodes) {
    n.inputs.forEach((x2) => x2 !== "" && !local.has(x2) && free.add(x2));
    for (const a of Object.values(n.attributes)) {
      if (a.type === "graph")
        subgraphFreeInputs(a.value).forEach((x2) => !local.has(x2) && free.add(x2));
      else if (a.type === "graphs")
        a.value.forEach((sg) => subgraphFreeInputs(sg).forEach((x2) => !local.has(x2) && free.add(x2)));
    }
  }
  return [...free];
}
var MinHeap = class {
  a = [];
  get size() {
    return this.a.length;
  }
  push(v) {
    const a = this.a;
    a.push(v);
    let i2 = a.length - 1;
    while (i2 > 0) {
      const p = i2 - 1 >> 1;
      if (a[p] <= v)
        break;
      a[i2] = a[p];
      i2 = p;
    }
    a[i2] = v;
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last2 = a.pop();
    if (a.length > 0) {
      let i2 = 0;
      for (; ; ) {
        const l = 2 * i2 + 1;
        if (l >= a.length)
          break;
        const r = l + 1;
        const c = r < a.length && a[r] < a[l] ? r : l;
        if (a[c] >= last2)
          break;
        a[i2] = a[c];
        i2 = c;
      }
      a[i2] = last2;
    }
    return top;
  }
};

// ../../packages/onnx/dist/modules.js
var NAME_SCOPES_KEY = "pkg.torch.onnx.name_scopes";
var CLASS_HIERARCHY_KEY = "pkg.torch.onnx.class_hierarchy";
var MAX_LIST_TEXT = 64 * 1024;
function parsePyStrList(text, max2 = MAX_MODULE_DEPTH + 2) {
  if (text.length > MAX_LIST_TEXT)
    return void 0;
  const s = text.trim();
  if (!s.startsWith("[") || !s.endsWith("]"))
    return void 0;
  const out = [];
  let i2 = 1;
  const end = s.length - 1;
  const ws = () => {
    while (i2 < end && /\s/.test(s[i2]))
      i2++;
  };
  ws();
  while (i2 < end) {
    const q = s[i2];
    if (q !== "'" && q !== '"')
      return void 0;
    let v = "";
    i2++;
    for (; ; ) {
      if (i2 >= end)
        return void 0;
      const c = s[i2];
      if (c === q)
        break;
      if (c === "\\") {
        const e2 = s[i2 + 1];
        if (e2 === void 0)
          return void 0;
        const simple = { n: "\n", t: "	", r: "\r", "\\": "\\", "'": "'", '"': '"' };
        if (e2 in simple) {
          v += simple[e2];
          i2 += 2;
        } else if (e2 === "x" || e2 === "u" || e2 === "U") {
          const len = e2 === "x" ? 2 : e2 === "u" ? 4 : 8;
          const hex = s.slice(i2 + 2, i2 + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len)
            return void 0;
          const cp = parseInt(hex, 16);
          if (cp > 1114111)
            return void 0;
          v += String.fromCodePoint(cp);
          i2 += 2 + len;
        } else
          return void 0;
        continue;
      }
      v += c;
      i2++;
    }
    i2++;
    if (out.length < max2)
      out.push(v);
    ws();
    if (i2 < end) {
      if (s[i2] !== ",")
        return void 0;
      i2++;
      ws();
    }
  }
  return out;
}
var shortClass = (c) => c.slice(c.lastIndexOf(".") + 1) || c;
function dynamoScope(metadata) {
  const raw = metadata?.[NAME_SCOPES_KEY];
  if (raw === void 0)
    return void 0;
  const scopes = parsePyStrList(raw);
  if (!scopes || scopes.length === 0)
    return void 0;
  const classesRaw = metadata?.[CLASS_HIERARCHY_KEY];
  const classes = classesRaw === void 0 ? void 0 : parsePyStrList(classesRaw);
  const last2 = scopes[scopes.length - 1];
  const prev = scopes.length > 1 ? scopes[scopes.length - 2] : void 0;
  const lastClass = classes?.[scopes.length - 1];
  const ownName = lastClass !== void 0 ? /^(aten|prims|<built-in)/.test(lastClass) || prev !== void 0 && prev !== "" && !last2.startsWith(`${prev}.`) : prev !== void 0 && prev !== "" && !last2.startsWith(`${prev}.`);
  const names = scopes.slice(scopes[0] === "" ? 1 : 0, ownName ? -1 : void 0);
  const offset = scopes[0] === "" ? 1 : 0;
  const types = classes ? names.map((_, i2) => classes[i2 + offset] !== void 0 ? shortClass(classes[i2 + offset]) : void 0) : void 0;
  return {
    names,
    ...types ? { types } : {},
    ...classes?.[0] !== void 0 && offset === 1 ? { rootType: shortClass(classes[0]) } : {}
  };
}
var fnName = (key) => key.slice(key.indexOf("::") + 2);
function enclosingScope(e2) {
  const d = dynamoScope(e2.metadata);
  if (d)
    return d;
  const s = scopeFromName(e2.name);
  return s ? { names: s } : void 0;
}
function onnxNodeScope(n) {
  const enc = n.enclosing;
  if (!enc || enc.length === 0)
    return dynamoScope(n.metadata);
  const outer = enclosingScope(enc[0]);
  const names = [...outer?.names ?? []];
  const types = outer?.types ? [...outer.types] : names.map(() => void 0);
  const calls = names.map(() => void 0);
  let path = "";
  enc.forEach((e2, i2) => {
    path = path ? `${path}/${e2.name || e2.op}` : e2.name || e2.op;
    if (e2.fn === void 0)
      return;
    if (i2 === 0 && names.length > 0 && !dynamoScope(e2.metadata)) {
      types[names.length - 1] = fnName(e2.fn);
      calls[names.length - 1] = path;
    } else {
      names.push(e2.name.slice(e2.name.lastIndexOf("/") + 1) || e2.op);
      types.push(fnName(e2.fn));
      calls.push(path);
    }
  });
  if (names.length === 0)
    return null;
  return { names, types, calls, ...outer?.rootType !== void 0 ? { rootType: outer.rootType } : {} };
}

// ../../packages/onnx/dist/ops/util.js
var NO_COMPUTE = Object.freeze({ macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO });
function dataMovementRule(infer, nonParamInputs) {
  return nonParamInputs ? { infer, cost: () => NO_COMPUTE, nonParamInputs } : { infer, cost: () => NO_COMPUTE };
}
function strides(shape) {
  const s = new Array(shape.length).fill(1);
  for (let i2 = shape.length - 2; i2 >= 0; i2--)
    s[i2] = s[i2 + 1] * shape[i2 + 1];
  return s;
}
function prod2(shape) {
  let p = 1;
  for (const d of shape)
    p *= d;
  return p;
}
function propagatable(shape, limit = 65536) {
  return shape !== void 0 && isConcreteShape(shape) && prod2(shape) <= limit;
}
function broadcastData(shapes, datas, outShape, fn) {
  if (!isConcreteShape(outShape) || prod2(outShape) > 65536)
    return void 0;
  for (const s of shapes)
    if (!isConcreteShape(s))
      return void 0;
  if (datas.some((d) => d === void 0))
    return void 0;
  const rank = outShape.length;
  const n = prod2(outShape);
  const outStrides = strides(outShape);
  const inStrides = shapes.map((s) => {
    const cs = s;
    const st = strides(cs);
    return outShape.map((_, ax) => {
      const k = ax - (rank - cs.length);
      return k < 0 || cs[k] === 1 ? 0 : st[k];
    });
  });
  const out = new Array(n);
  const args = new Array(shapes.length);
  for (let flat = 0; flat < n; flat++) {
    let rem = flat;
    const offs = new Array(shapes.length).fill(0);
    for (let ax = 0; ax < rank; ax++) {
      const idx = Math.floor(rem / outStrides[ax]);
      rem -= idx * outStrides[ax];
      for (let k = 0; k < shapes.length; k++)
        offs[k] += idx * inStrides[k][ax];
    }
    for (let k = 0; k < shapes.length; k++)
      args[k] = datas[k][offs[k]];
    const v = fn(args);
    if (v === void 0)
      return void 0;
    out[flat] = v;
  }
  return out;
}
function gatherData(data, shape, axis, indices) {
  const outer = prod2(shape.slice(0, axis));
  const dimAx = shape[axis];
  const inner = prod2(shape.slice(axis + 1));
  const out = [];
  for (let o = 0; o < outer; o++)
    for (const raw of indices) {
      const i2 = raw < 0 ? raw + dimAx : raw;
      for (let k = 0; k < inner; k++)
        out.push(data[(o * dimAx + i2) * inner + k]);
    }
  return out;
}

// ../../packages/onnx/dist/ops/elementwise.js
function ewCost(op) {
  return (ctx) => elementwiseCost(op, numElements(ctx.outShape(0)), ctx.kernelOptions);
}
function variadicCost(op) {
  return (ctx) => {
    const n = ctx.presentInputs().length;
    return elementwiseCost(op, numElements(ctx.outShape(0)).mul(op === "Mean" ? n : Math.max(1, n - 1)), ctx.kernelOptions);
  };
}
function asNumberOrPoly(x2) {
  return typeof x2 === "string" ? void 0 : x2;
}
function arith(op, a, b, intType) {
  const x2 = asNumberOrPoly(a);
  const y = asNumberOrPoly(b);
  if (x2 === void 0 || y === void 0)
    return void 0;
  if (typeof x2 === "number" && typeof y === "number") {
    switch (op) {
      case "Add":
        return x2 + y;
      case "Sub":
        return x2 - y;
      case "Mul":
        return x2 * y;
      case "Div":
        if (y === 0)
          return void 0;
        return intType ? Math.trunc(x2 / y) : x2 / y;
      case "Mod":
        if (y === 0)
          return void 0;
        return intType ? (x2 % y + y) % y : x2 % y;
      case "Pow":
        return x2 ** y;
      case "Max":
        return Math.max(x2, y);
      case "Min":
        return Math.min(x2, y);
    }
    return void 0;
  }
  if (typeof x2 === "number" && !Number.isInteger(x2) || typeof y === "number" && !Number.isInteger(y)) {
    if (op === "Mul" && typeof y === "number" && y === 1)
      return x2;
    if (op === "Mul" && typeof x2 === "number" && x2 === 1)
      return y;
    return void 0;
  }
  const px = dimPoly(x2);
  const py = dimPoly(y);
  switch (op) {
    case "Add":
      return dim(px.add(py));
    case "Sub":
      return dim(px.sub(py));
    case "Mul":
      return dim(px.mul(py));
    case "Div":
      if (!intType) {
        const ex = py.isConst ? px.divExact(py.constValue) : void 0;
        return ex ? dim(ex) : void 0;
      }
      return dim(px.floorDiv(py));
    case "Mod":
      return intType ? dim(px.mod(py)) : void 0;
    case "Max":
      return dim(px.max(py));
    case "Min":
      return dim(px.min(py));
  }
  return void 0;
}
var SYMBOLIC_COMPARE = {
  Equal: { eq: 1, lt: 0, gt: 0 },
  Less: { lt: 1, eq: 0, ge: 0, gt: 0 },
  LessOrEqual: { lt: 1, le: 1, eq: 1, gt: 0 },
  Greater: { gt: 1, eq: 0, le: 0, lt: 0 },
  GreaterOrEqual: { gt: 1, ge: 1, eq: 1, lt: 0 }
};
function compare(op, a, b) {
  if (typeof a === "string" || typeof b === "string") {
    if (op === "Equal")
      return a === b ? 1 : 0;
    return void 0;
  }
  if (typeof a !== "number" || typeof b !== "number") {
    const order = dimPoly(a).compare(dimPoly(b));
    if (order === void 0)
      return void 0;
    return SYMBOLIC_COMPARE[op]?.[order];
  }
  switch (op) {
    case "Equal":
      return a === b ? 1 : 0;
    case "Less":
      return a < b ? 1 : 0;
    case "LessOrEqual":
      return a <= b ? 1 : 0;
    case "Greater":
      return a > b ? 1 : 0;
    case "GreaterOrEqual":
      return a >= b ? 1 : 0;
  }
  return void 0;
}
function logical(op, a, b) {
  if (typeof a !== "number" || typeof b !== "number")
    return void 0;
  switch (op) {
    case "And":
      return a && b ? 1 : 0;
    case "Or":
      return a || b ? 1 : 0;
    case "Xor":
      return !!a !== !!b ? 1 : 0;
  }
  return void 0;
}
function binary(op, outType, evaluate) {
  return {
    infer(ctx) {
      const a = ctx.tensor(0);
      const b = ctx.tensor(1);
      const shape = ctx.broadcast(ctx.shape(0), ctx.shape(1));
      let data;
      if (evaluate && a.data && b.data)
        data = broadcastData([a.shape, b.shape], [a.data, b.data], shape, ([x2, y]) => evaluate(x2, y, a.dtype));
      ctx.output(0, outType(a.dtype), shape, data);
    },
    cost: ewCost(op)
  };
}
var same = (t) => t;
var bool2 = () => "bool";
function unary(op, evaluate, outType = same) {
  return {
    infer(ctx) {
      const x2 = ctx.tensor(0);
      let data;
      if (evaluate && x2.data) {
        const out = [];
        for (const v of x2.data) {
          const r = evaluate(v, x2.dtype);
          if (r === void 0) {
            data = void 0;
            break;
          }
          out.push(r);
        }
        if (out.length === x2.data.length)
          data = out;
      }
      ctx.output(0, outType(x2.dtype), x2.shape, data);
    },
    cost: ewCost(op)
  };
}
var num3 = (f) => (x2) => typeof x2 === "number" ? f(x2) : void 0;
function variadic(op) {
  return {
    infer(ctx) {
      const idx = ctx.presentInputs();
      if (idx.length === 0)
        ctx.fail("expected at least one input");
      const shapes = idx.map((i2) => ctx.shape(i2));
      const ins = idx.map((i2) => ctx.tensor(i2));
      const shape = ctx.broadcastList(shapes);
      const first = ctx.tensor(0);
      let data;
      if ((op === "Max" || op === "Min" || op === "Sum") && ins.every((v) => v.data)) {
        const datas = ins.map((v) => v.data);
        const inner = op === "Sum" ? "Add" : op;
        data = broadcastData(shapes, datas, shape, (args) => {
          let acc = asNumberOrPoly(args[0]);
          for (let k = 1; k < args.length && acc !== void 0; k++)
            acc = arith(inner, acc, args[k], isIntDType(first.dtype));
          return acc;
        });
      }
      ctx.output(0, first.dtype, shape, data);
    },
    cost: variadicCost(op)
  };
}
var arithmetic = (op) => binary(op, same, (a, b, t) => arith(op, a, b, isIntDType(t)));
var elementwiseRules = {
  Abs: unary("Abs", (x2) => typeof x2 === "number" ? Math.abs(x2) : void 0),
  Acos: unary("Acos"),
  Acosh: unary("Acosh"),
  Add: arithmetic("Add"),
  And: binary("And", bool2, (a, b) => logical("And", a, b)),
  Asin: unary("Asin"),
  Asinh: unary("Asinh"),
  Atan: unary("Atan"),
  Atanh: unary("Atanh"),
  BitShift: binary("BitShift", same),
  BitwiseAnd: binary("BitwiseAnd", same),
  BitwiseNot: unary("BitwiseNot"),
  BitwiseOr: binary("BitwiseOr", same),
  BitwiseXor: binary("BitwiseXor", same),
  Ceil: unary("Ceil", num3(Math.ceil)),
  Celu: unary("Celu"),
  Cos: unary("Cos"),
  Cosh: unary("Cosh"),
  Div: arithmetic("Div"),
  Elu: unary("Elu"),
  Equal: binary("Equal", bool2, (a, b) => compare("Equal", a, b)),
  Erf: unary("Erf"),
  Exp: unary("Exp"),
  Floor: unary("Floor", (x2) => typeof x2 === "number" ? Math.floor(x2) : x2),
  Gelu: unary("Gelu"),
  Greater: binary("Greater", bool2, (a, b) => compare("Greater", a, b)),
  GreaterOrEqual: binary("GreaterOrEqual", bool2, (a, b) => compare("GreaterOrEqual", a, b)),
  HardSigmoid: unary("HardSigmoid"),
  HardSwish: unary("HardSwish"),
  IsInf: unary("IsInf", void 0, bool2),
  IsNaN: unary("IsNaN", void 0, bool2),
  LeakyRelu: unary("LeakyRelu"),
  Less: binary("Less", bool2, (a, b) => compare("Less", a, b)),
  LessOrEqual: binary("LessOrEqual", bool2, (a, b) => compare("LessOrEqual", a, b)),
  Log: unary("Log"),
  Max: variadic("Max"),
  Mean: variadic("Mean"),
  Min: variadic("Min"),
  Mish: unary("Mish"),
  Mod: arithmetic("Mod"),
  Mul: arithmetic("Mul"),
  Neg: unary("Neg", (x2) => typeof x2 === "string" ? void 0 : typeof x2 === "number" ? -x2 : dim(x2.neg())),
  Not: unary("Not", (x2) => typeof x2 === "number" ? x2 ? 0 : 1 : void 0),
  Or: binary("Or", bool2, (a, b) => logical("Or", a, b)),
  Pow: binary("Pow", same, (a, b, t) => arith("Pow", a, b, isIntDType(t))),
  PRelu: binary("PRelu", same),
  Reciprocal: unary("Reciprocal", num3((x2) => 1 / x2)),
  Relu: unary("Relu", num3((x2) => Math.max(0, x2))),
  Round: unary("Round", num3((x2) => {
    const r = Math.round(x2);
    return Math.abs(x2 % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  })),
  Selu: unary("Selu"),
  Shrink: unary("Shrink"),
  Sigmoid: unary("Sigmoid"),
  Sign: unary("Sign", num3(Math.sign)),
  Sin: unary("Sin"),
  Sinh: unary("Sinh"),
  Softplus: unary("Softplus"),
  Softsign: unary("Softsign"),
  Sqrt: unary("Sqrt", num3(Math.sqrt)),
  Sub: arithmetic("Sub"),
  Sum: variadic("Sum"),
  Tan: unary("Tan"),
  Tanh: unary("Tanh"),
  ThresholdedRelu: unary("ThresholdedRelu"),
  Xor: binary("Xor", bool2, (a, b) => logical("Xor", a, b))
};
var whereRule = {
  infer(ctx) {
    const c = ctx.tensor(0);
    const x2 = ctx.tensor(1);
    const y = ctx.tensor(2);
    const shape = ctx.broadcast(ctx.shape(0), ctx.shape(1), ctx.shape(2));
    let data;
    if (c.data && x2.data && y.data)
      data = broadcastData([c.shape, x2.shape, y.shape], [c.data, x2.data, y.data], shape, ([k, a, b]) => typeof k === "number" ? k ? a : b : void 0);
    ctx.output(0, x2.dtype, shape, data);
  },
  cost: ewCost("Where")
};
var clipRule = {
  infer(ctx) {
    const x2 = ctx.tensor(0);
    ctx.output(0, x2.dtype, x2.shape, void 0);
  },
  cost: ewCost("Clip")
};

// ../../packages/onnx/dist/ops/conv.js
function spatialAttrs(ctx, n, kernel) {
  const strides2 = ctx.attrInts("strides") ?? new Array(n).fill(1);
  const dilations = ctx.attrInts("dilations") ?? new Array(n).fill(1);
  const pads = ctx.attrInts("pads") ?? new Array(2 * n).fill(0);
  if (strides2.length !== n)
    ctx.fail(`strides has ${strides2.length} entries, expected ${n} (one per spatial axis)`);
  if (dilations.length !== n)
    ctx.fail(`dilations has ${dilations.length} entries, expected ${n}`);
  if (pads.length !== 2 * n)
    ctx.fail(`pads has ${pads.length} entries, expected ${2 * n} (begin and end per spatial axis)`);
  if (strides2.some((s) => s <= 0))
    ctx.fail(`strides must be positive, got [${strides2.join(", ")}]`);
  return { kernel, strides: strides2, dilations, pads, autoPad: ctx.attrString("auto_pad", "NOTSET"), ceil: ctx.attrInt("ceil_mode", 0) === 1 };
}
function sweep(ctx, input, a) {
  return input.map((d, i2) => {
    const k = a.kernel[i2];
    const s = a.strides[i2];
    const dl = a.dilations[i2];
    switch (a.autoPad) {
      case "SAME_UPPER":
      case "SAME_LOWER":
        return dim(dimPoly(d).ceilDiv(s));
      case "VALID":
        return convOutputDim(d, k, s, 0, 0, dl, a.ceil);
      case "NOTSET":
      case "":
        return convOutputDim(d, k, s, a.pads[i2], a.pads[i2 + input.length], dl, a.ceil);
      default:
        ctx.fail(`auto_pad ${JSON.stringify(a.autoPad)} is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
    }
  });
}
function convRule(xi, wi, bi, outType) {
  return {
    weightInputs: bi === void 0 ? [wi] : [wi, bi],
    infer(ctx) {
      const x2 = ctx.shape(xi);
      const w = ctx.shape(wi);
      if (x2.length < 3)
        ctx.fail(`input ${xi}: expected rank >= 3 ([N, C, spatial...]), got rank ${x2.length}`, xi);
      if (w.length !== x2.length)
        ctx.fail(`input ${wi}: weight rank ${w.length} differs from input rank ${x2.length}`, wi);
      const group = ctx.attrInt("group", 1);
      const n = x2.length - 2;
      const kernel = ctx.attrInts("kernel_shape") ?? w.slice(2);
      const cin = x2[1];
      const cPerGroup = w[1];
      if (typeof cin === "number" && typeof cPerGroup === "number" && cin !== cPerGroup * group)
        ctx.fail(`input channels ${cin} != weight channels ${cPerGroup} x group ${group}`, wi);
      const spatial = sweep(ctx, x2.slice(2), spatialAttrs(ctx, n, kernel));
      ctx.output(0, outType(ctx), [x2[0], w[0], ...spatial]);
    },
    cost(ctx) {
      const x2 = ctx.shape(xi);
      const w = ctx.shape(wi);
      const out = ctx.outShape(0);
      return convCost({ batch: x2[0], inChannels: x2[1], outChannels: w[0], outSpatial: out.slice(2), kernel: w.slice(2), groups: ctx.attrInt("group", 1), bias: bi !== void 0 && ctx.hasInput(bi) }, ctx.kernelOptions);
    }
  };
}
var convTranspose2 = {
  weightInputs: [1, 2],
  infer(ctx) {
    const x2 = ctx.shape(0);
    const w = ctx.shape(1);
    if (x2.length < 3)
      ctx.fail(`input 0: expected rank >= 3 ([N, C, spatial...]), got rank ${x2.length}`, 0);
    const group = ctx.attrInt("group", 1);
    const n = x2.length - 2;
    const kernel = ctx.attrInts("kernel_shape") ?? w.slice(2);
    const a = spatialAttrs(ctx, n, kernel);
    const outPad = ctx.attrInts("output_padding") ?? new Array(n).fill(0);
    const given = ctx.attrInts("output_shape");
    const cout = dimMul(w[1], group);
    let spatial;
    if (given) {
      spatial = given.slice(-n);
    } else {
      spatial = x2.slice(2).map((d, i2) => {
        const k = dimPoly(a.kernel[i2]).sub(1).mul(a.dilations[i2]).add(1);
        const base = dimAdd(dim(dimPoly(dimSub(d, 1)).mul(a.strides[i2]).add(outPad[i2])), dim(k));
        if (a.autoPad === "SAME_UPPER" || a.autoPad === "SAME_LOWER")
          return dimMul(d, a.strides[i2]);
        if (a.autoPad === "VALID")
          return base;
        return dimSub(base, a.pads[i2] + a.pads[i2 + n]);
      });
    }
    ctx.output(0, ctx.dtype(0), [x2[0], cout, ...spatial]);
  },
  cost(ctx) {
    const x2 = ctx.shape(0);
    const w = ctx.shape(1);
    const out = ctx.outShape(0);
    return convTransposeCost({ batch: x2[0], inChannels: x2[1], outChannels: out[1], inSpatial: x2.slice(2), outSpatial: out.slice(2), kernel: w.slice(2), groups: ctx.attrInt("group", 1), bias: ctx.hasInput(2) }, ctx.kernelOptions);
  }
};
function pool2(kind) {
  return {
    infer(ctx) {
      const x2 = ctx.shape(0);
      if (x2.length < 3)
        ctx.fail(`input 0: expected rank >= 3 ([N, C, spatial...]), got rank ${x2.length}`, 0);
      const kernel = ctx.attrInts("kernel_shape");
      if (!kernel)
        ctx.fail("attribute kernel_shape is required");
      const n = x2.length - 2;
      if (kernel.length !== n)
        ctx.fail(`kernel_shape has ${kernel.length} entries for ${n} spatial axes`);
      const spatial = sweep(ctx, x2.slice(2), spatialAttrs(ctx, n, kernel));
      const out = [x2[0], x2[1], ...spatial];
      ctx.output(0, ctx.dtype(0), out);
      if (ctx.outputCount > 1)
        ctx.output(1, "int64", out);
    },
    cost(ctx) {
      const out = ctx.outShape(0);
      return poolCost({ kind, batch: out[0], channels: out[1], outSpatial: out.slice(2), kernel: ctx.attrInts("kernel_shape") }, ctx.kernelOptions);
    }
  };
}
function globalPool2(kind) {
  return {
    infer(ctx) {
      const x2 = ctx.shape(0);
      if (x2.length < 2)
        ctx.fail(`input 0: expected rank >= 2, got ${x2.length}`, 0);
      ctx.output(0, ctx.dtype(0), [x2[0], x2[1], ...x2.slice(2).map(() => 1)]);
    },
    cost(ctx) {
      const x2 = ctx.shape(0);
      return globalPoolCost({ kind, batch: x2[0], channels: x2[1], inSpatial: x2.slice(2) }, ctx.kernelOptions);
    }
  };
}
var maxUnpool = {
  nonParamInputs: [1, 2],
  infer(ctx) {
    const x2 = ctx.shape(0);
    const given = ctx.hasInput(2) ? ctx.dims(2) : void 0;
    if (given) {
      ctx.output(0, ctx.dtype(0), given);
      return;
    }
    const kernel = ctx.attrInts("kernel_shape");
    if (!kernel)
      ctx.fail("attribute kernel_shape is required");
    const n = x2.length - 2;
    const a = spatialAttrs(ctx, n, kernel);
    const spatial = x2.slice(2).map((d, i2) => dimSub(dimAdd(dimMul(dimSub(d, 1), a.strides[i2]), kernel[i2]), a.pads[i2] + a.pads[i2 + n]));
    ctx.output(0, ctx.dtype(0), [x2[0], x2[1], ...spatial]);
  },
  // Scatter of values to their recorded positions: data movement.
  cost: () => NO_COMPUTE
};
var deformConv = {
  weightInputs: [1, 3],
  infer: convRule(0, 1, 3, (ctx) => ctx.dtype(0)).infer,
  cost(ctx) {
    const base = convRule(0, 1, 3, (c) => c.dtype(0)).cost(ctx);
    const taps = numElements(ctx.outShape(0)).mul(numElements(ctx.shape(1).slice(1)));
    return { ...base, flops: base.flops.add(taps.mul(7)) };
  }
};
var convRules = {
  AveragePool: pool2("avg"),
  Conv: convRule(0, 1, 2, (ctx) => ctx.dtype(0)),
  ConvInteger: convRule(0, 1, void 0, () => "int32"),
  ConvTranspose: convTranspose2,
  DeformConv: deformConv,
  GlobalAveragePool: globalPool2("avg"),
  GlobalLpPool: globalPool2("lp"),
  GlobalMaxPool: globalPool2("max"),
  LpPool: pool2("lp"),
  MaxPool: pool2("max"),
  MaxUnpool: maxUnpool,
  // QLinearConv(x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B?): integer macs like Conv.
  QLinearConv: convRule(0, 3, 8, (ctx) => ctx.dtype(7))
};

// ../../packages/onnx/dist/ops/matmul.js
function matmulShape(ctx, a, b, ai = 0, bi = 1) {
  if (a.length === 0 || b.length === 0)
    ctx.fail("MatMul operands must have rank >= 1", a.length === 0 ? ai : bi);
  const A = a.length === 1 ? [1, a[0]] : a;
  const B = b.length === 1 ? [b[0], 1] : b;
  const k1 = A[A.length - 1];
  const k2 = B[B.length - 2];
  if (typeof k1 === "number" && typeof k2 === "number" && k1 !== k2)
    ctx.fail(`inner dims differ: input ${ai} has K=${k1}, input ${bi} has K=${k2}`, bi);
  const batch = ctx.broadcast(A.slice(0, -2), B.slice(0, -2));
  const out = [...batch];
  if (a.length > 1)
    out.push(A[A.length - 2]);
  if (b.length > 1)
    out.push(B[B.length - 1]);
  return out;
}
function matmulLike(ai, bi, outType) {
  return {
    // The right operand is the weight (PyTorch's Linear exports x @ W^T); a constant left operand is data.
    weightInputs: [bi],
    infer(ctx) {
      ctx.output(0, outType(ctx), matmulShape(ctx, ctx.shape(ai), ctx.shape(bi), ai, bi));
    },
    cost(ctx) {
      return matmulCost({ a: ctx.shape(ai), b: ctx.shape(bi) }, ctx.kernelOptions);
    }
  };
}
var gemm = {
  weightInputs: [1, 2],
  infer(ctx) {
    const a = ctx.shape(0);
    const b = ctx.shape(1);
    if (a.length !== 2)
      ctx.fail(`input 0: expected rank 2, got rank ${a.length}`, 0);
    if (b.length !== 2)
      ctx.fail(`input 1: expected rank 2, got rank ${b.length}`, 1);
    const ta = ctx.attrInt("transA", 0) === 1;
    const tb = ctx.attrInt("transB", 0) === 1;
    const m2 = ta ? a[1] : a[0];
    const k1 = ta ? a[0] : a[1];
    const k2 = tb ? b[1] : b[0];
    const n = tb ? b[0] : b[1];
    if (typeof k1 === "number" && typeof k2 === "number" && k1 !== k2)
      ctx.fail(`inner dims differ: A gives K=${k1}, B gives K=${k2}`, 1);
    if (ctx.hasInput(2))
      ctx.broadcast(ctx.shape(2), [m2, n]);
    ctx.output(0, ctx.dtype(0), [m2, n]);
  },
  cost(ctx) {
    const a = ctx.shape(0);
    const ta = ctx.attrInt("transA", 0) === 1;
    const [m2, n] = ctx.outShape(0);
    return gemmCost({ m: m2, k: ta ? a[0] : a[1], n, bias: ctx.hasInput(2) }, ctx.kernelOptions);
  }
};
function einsumShape(ctx, equation, shapes) {
  const eq = equation.replace(/\s+/g, "");
  const [lhs, rhsGiven] = eq.split("->");
  const terms = lhs.split(",");
  if (terms.length !== shapes.length)
    ctx.fail(`equation ${JSON.stringify(equation)} has ${terms.length} operands, the node has ${shapes.length} inputs`);
  const sizes = /* @__PURE__ */ new Map();
  let ellipsis;
  const counts = /* @__PURE__ */ new Map();
  terms.forEach((t, k) => {
    const s = shapes[k];
    const hasEll = t.includes("...");
    const letters = t.replace("...", "").split("");
    const ellRank = hasEll ? s.length - letters.length : 0;
    if (ellRank < 0 || !hasEll && letters.length !== s.length)
      ctx.fail(`operand ${k} has rank ${s.length}, the equation term ${JSON.stringify(t)} expects ${letters.length}`, k);
    let axis = 0;
    for (let i2 = 0; i2 < t.length; i2++) {
      if (t.startsWith("...", i2)) {
        const e2 = s.slice(axis, axis + ellRank);
        ellipsis = ellipsis ? ctx.broadcast(ellipsis, e2) : [...e2];
        axis += ellRank;
        i2 += 2;
        continue;
      }
      const c = t[i2];
      const d = s[axis++];
      const prev = sizes.get(c);
      if (prev === void 0 || prev === 1)
        sizes.set(c, d);
      else if (typeof prev === "number" && typeof d === "number" && d !== 1 && d !== prev)
        ctx.fail(`index ${c}: sizes ${prev} and ${d} differ`, k);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  });
  const rhs = rhsGiven ?? [...counts.entries()].filter(([, n]) => n === 1).map(([c]) => c).sort().join("");
  const out = [];
  if (rhsGiven === void 0 && ellipsis)
    out.push(...ellipsis);
  for (let i2 = 0; i2 < rhs.length; i2++) {
    if (rhs.startsWith("...", i2)) {
      out.push(...ellipsis ?? []);
      i2 += 2;
      continue;
    }
    const d = sizes.get(rhs[i2]);
    if (d === void 0)
      ctx.fail(`output index ${rhs[i2]} appears in no operand`);
    out.push(d);
  }
  return out;
}
var einsum = {
  // Any operand after the first may be a weight ('bij,jk->bik').
  weightInputs: [1, 2, 3, 4, 5, 6, 7],
  infer(ctx) {
    const eq = ctx.attrString("equation");
    if (eq === void 0)
      ctx.fail("attribute equation is required");
    const shapes = ctx.presentInputs().map((i2) => ctx.shape(i2));
    ctx.output(0, ctx.dtype(0), einsumShape(ctx, eq, shapes));
  },
  cost(ctx) {
    return einsumCost(ctx.attrString("equation"), ctx.presentInputs().map((i2) => ctx.shape(i2)), ctx.kernelOptions);
  }
};
var matmulRules = {
  Einsum: einsum,
  Gemm: gemm,
  MatMul: matmulLike(0, 1, (ctx) => ctx.dtype(0)),
  MatMulInteger: matmulLike(0, 1, () => "int32"),
  // QLinearMatMul(a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp): integer macs like MatMul.
  QLinearMatMul: matmulLike(0, 3, (ctx) => ctx.dtype(7))
};

// ../../packages/onnx/dist/ops/contrib.js
function sum(...c) {
  return c.reduce((a, b) => ({ macs: a.macs.add(b.macs), flops: a.flops.add(b.flops), params: a.params.add(b.params) }), { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO });
}
function totalSeq(ctx, pastIndex, axis, fresh) {
  if (!ctx.hasInput(pastIndex))
    return fresh;
  const p = ctx.shape(pastIndex);
  return dim(dimPoly(p[axis]).add(dimPoly(fresh)));
}
var attention = {
  nonParamInputs: [3],
  weightInputs: [1, 2],
  infer(ctx) {
    const x2 = ctx.shape(0);
    const w = ctx.shape(1);
    const heads = ctx.attrInt("num_heads");
    if (!heads)
      ctx.fail("attribute num_heads is required");
    const qkv2 = ctx.attrInts("qkv_hidden_sizes");
    const vHidden = qkv2 ? qkv2[2] : dim(dimPoly(w[w.length - 1]).floorDiv(3));
    const [b, s] = [x2[0], x2[1]];
    ctx.output(0, ctx.dtype(0), [b, s, vHidden]);
    if (ctx.hasOutput(1))
      ctx.output(1, ctx.dtype(0), [2, b, heads, totalSeq(ctx, 4, 3, s), dimPoly(vHidden).floorDiv(heads).isConst ? dim(dimPoly(vHidden).floorDiv(heads)) : ctx.fresh()]);
  },
  cost(ctx) {
    const x2 = ctx.shape(0);
    const w = ctx.shape(1);
    const heads = ctx.attrInt("num_heads");
    const qkv2 = ctx.attrInts("qkv_hidden_sizes");
    const qkHidden = qkv2 ? qkv2[0] : dim(dimPoly(w[w.length - 1]).floorDiv(3));
    const vHidden = qkv2 ? qkv2[2] : qkHidden;
    const proj = matmulCost({ a: x2, b: w }, ctx.kernelOptions);
    const seqK = totalSeq(ctx, 4, 3, x2[1]);
    const core = attentionCost({ batch: x2[0], heads, seqQ: x2[1], seqK, headDim: dim(dimPoly(qkHidden).floorDiv(heads)), headDimV: dim(dimPoly(vHidden).floorDiv(heads)) }, ctx.kernelOptions);
    const bias = ctx.hasInput(2) ? elementwiseCost("Add", numElements([x2[0], x2[1], w[w.length - 1]]), ctx.kernelOptions) : void 0;
    return bias ? sum(proj, core, bias) : sum(proj, core);
  }
};
var multiHeadAttention2 = {
  nonParamInputs: [4],
  weightInputs: [3],
  infer(ctx) {
    const q = ctx.shape(0);
    const heads = ctx.attrInt("num_heads");
    if (!heads)
      ctx.fail("attribute num_heads is required");
    const [b, s] = [q[0], q[1]];
    let l = s;
    let vHidden = q[2];
    if (ctx.hasInput(2)) {
      const v = ctx.shape(2);
      if (v.length === 4) {
        l = v[2];
        vHidden = dim(dimPoly(v[3]).mul(heads));
      } else {
        l = v[1];
        vHidden = v[2];
      }
    } else if (q.length === 5) {
      vHidden = dim(dimPoly(q[4]).mul(heads));
    }
    const headV = dim(dimPoly(vHidden).floorDiv(heads));
    ctx.output(0, ctx.dtype(0), [b, s, vHidden]);
    const present = [b, heads, totalSeq(ctx, 6, 2, l), headV];
    if (ctx.hasOutput(1))
      ctx.output(1, ctx.dtype(0), present);
    if (ctx.hasOutput(2))
      ctx.output(2, ctx.dtype(0), present);
  },
  cost(ctx) {
    const q = ctx.shape(0);
    const o = ctx.outShape(0);
    const heads = ctx.attrInt("num_heads");
    const seqK = ctx.hasOutput(1) ? ctx.outShape(1)[2] : ctx.hasInput(1) ? ctx.shape(1).length === 4 ? ctx.shape(1)[2] : ctx.shape(1)[1] : q[1];
    const headDim = dim(dimPoly(o[2]).floorDiv(heads));
    return attentionCost({ batch: q[0], heads, seqQ: q[1], seqK, headDim }, ctx.kernelOptions);
  }
};
var groupQueryAttention = {
  nonParamInputs: [5, 6],
  infer(ctx) {
    const q = ctx.shape(0);
    const heads = ctx.attrInt("num_heads");
    const kvHeads = ctx.attrInt("kv_num_heads");
    if (!heads || !kvHeads)
      ctx.fail("attributes num_heads and kv_num_heads are required");
    const [b, s] = [q[0], q[1]];
    const packed = !ctx.hasInput(1);
    const headDim = packed ? dim(dimPoly(q[2]).floorDiv(heads + 2 * kvHeads)) : dim(dimPoly(q[2]).floorDiv(heads));
    ctx.output(0, ctx.dtype(0), [b, s, dim(dimPoly(headDim).mul(heads))]);
    const total = ctx.dims(6)?.[0];
    const past = ctx.hasInput(3) ? ctx.shape(3)[2] : 0;
    const presentLen = total !== void 0 ? dim(dimPoly(total).max(dimPoly(past))) : dim(dimPoly(past).add(dimPoly(s)));
    if (ctx.hasOutput(1))
      ctx.output(1, ctx.dtype(0), [b, kvHeads, presentLen, headDim]);
    if (ctx.hasOutput(2))
      ctx.output(2, ctx.dtype(0), [b, kvHeads, presentLen, headDim]);
  },
  cost(ctx) {
    const q = ctx.shape(0);
    const o = ctx.outShape(0);
    const heads = ctx.attrInt("num_heads");
    const seqK = ctx.hasOutput(1) ? ctx.outShape(1)[2] : q[1];
    return attentionCost({ batch: q[0], heads, seqQ: q[1], seqK, headDim: dim(dimPoly(o[2]).floorDiv(heads)) }, ctx.kernelOptions);
  }
};
var rotaryEmbedding = {
  nonParamInputs: [1],
  infer: (ctx) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx) => elementwiseCost("Mul", numElements(ctx.shape(0)).mul(3), ctx.kernelOptions)
};
function skipLayerNorm(kind) {
  return {
    weightInputs: [2, 3, 4],
    infer(ctx) {
      const x2 = ctx.shape(0);
      ctx.output(0, ctx.dtype(0), x2);
      const stat = [...x2.slice(0, -1), 1];
      if (ctx.hasOutput(1))
        ctx.output(1, "float32", stat);
      if (ctx.hasOutput(2))
        ctx.output(2, "float32", stat);
      if (ctx.hasOutput(3))
        ctx.output(3, ctx.dtype(0), x2);
    },
    cost(ctx) {
      const x2 = ctx.shape(0);
      const n = numElements(x2);
      const adds = elementwiseCost("Add", n.mul(ctx.hasInput(4) ? 2 : 1), ctx.kernelOptions);
      return sum(adds, normalizationCost({ kind, elements: n, groups: numElements(x2.slice(0, -1)), affine: true }, ctx.kernelOptions));
    }
  };
}
function contribLayerNorm(kind) {
  return {
    infer(ctx) {
      const x2 = ctx.shape(0);
      ctx.output(0, ctx.dtype(0), x2);
      const axis = ctx.axis(ctx.attrInt("axis", -1), x2.length);
      const stat = x2.map((d, i2) => i2 < axis ? d : 1);
      for (let i2 = 1; i2 < ctx.outputCount; i2++)
        if (ctx.hasOutput(i2))
          ctx.output(i2, "float32", stat);
    },
    cost(ctx) {
      const x2 = ctx.shape(0);
      const axis = ctx.axis(ctx.attrInt("axis", -1), x2.length);
      return normalizationCost({ kind, elements: numElements(x2), groups: numElements(x2.slice(0, axis)), affine: true }, ctx.kernelOptions);
    }
  };
}
var embedLayerNorm = {
  nonParamInputs: [0, 1, 7, 8],
  weightInputs: [2, 3, 4, 5, 6],
  infer(ctx) {
    const ids2 = ctx.shape(0);
    const emb = ctx.shape(2);
    const h = emb[emb.length - 1];
    const t = ctx.dtype(2);
    ctx.output(0, t, [ids2[0], ids2[1], h]);
    if (ctx.hasOutput(1))
      ctx.output(1, "int32", [ids2[0]]);
    if (ctx.hasOutput(2))
      ctx.output(2, t, [ids2[0], ids2[1], h]);
  },
  // Lookups are data movement; the 2 (or 3) embedding sums and the layer norm are arithmetic.
  cost(ctx) {
    const o = ctx.outShape(0);
    const n = numElements(o);
    return sum(elementwiseCost("Add", n.mul(ctx.hasInput(4) ? 2 : 1), ctx.kernelOptions), normalizationCost({ kind: "layer", elements: n, groups: numElements(o.slice(0, -1)), affine: true }, ctx.kernelOptions));
  }
};
function biasActivation(op, biasInput) {
  return {
    infer: (ctx) => ctx.output(0, ctx.dtype(0), biasInput !== void 0 && ctx.hasInput(biasInput) ? ctx.broadcast(ctx.shape(0), ctx.shape(biasInput)) : ctx.shape(0)),
    cost(ctx) {
      const n = numElements(ctx.outShape(0));
      const act = elementwiseCost(op, n, ctx.kernelOptions);
      return biasInput !== void 0 && ctx.hasInput(biasInput) ? sum(act, elementwiseCost("Add", n, ctx.kernelOptions)) : act;
    }
  };
}
var biasAdd = {
  infer: (ctx) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx) => elementwiseCost("Add", numElements(ctx.shape(0)).mul(2), ctx.kernelOptions)
};
var fusedConv = {
  ...convRules.Conv,
  cost(ctx) {
    const conv2 = convRules.Conv.cost(ctx);
    const outputs = numElements(ctx.outShape(0));
    const parts = [conv2];
    if (ctx.hasInput(3))
      parts.push(elementwiseCost("Add", outputs, ctx.kernelOptions));
    const activation2 = ctx.attrString("activation");
    if (activation2) {
      if (!hasElementwiseRule(activation2))
        ctx.fail(`activation ${JSON.stringify(activation2)} has no cost rule`);
      parts.push(elementwiseCost(activation2, outputs, ctx.kernelOptions));
    }
    return sum(...parts);
  }
};
var fusedMatMul = {
  weightInputs: [1],
  infer(ctx) {
    const [a, b] = fusedOperands(ctx);
    ctx.output(0, ctx.dtype(0), matmulShape(ctx, a, b));
  },
  cost(ctx) {
    const [a, b] = fusedOperands(ctx);
    const mm = matmulCost({ a, b }, ctx.kernelOptions);
    const alpha = ctx.attrFloat("alpha", 1);
    return alpha === 1 ? mm : sum(mm, elementwiseCost("Mul", numElements(ctx.outShape(0)), ctx.kernelOptions));
  }
};
function fusedOperands(ctx) {
  const batch = (s, on, i2) => {
    if (!on)
      return [...s];
    if (s.length < 3)
      ctx.fail(`transBatch${i2 === 0 ? "A" : "B"} needs rank >= 3, got rank ${s.length}`, i2);
    return [...s.slice(1, -1), s[0], s[s.length - 1]];
  };
  const t = (s, on) => on && s.length >= 2 ? [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]] : [...s];
  return [
    t(batch(ctx.shape(0), ctx.attrInt("transBatchA", 0) === 1, 0), ctx.attrInt("transA", 0) === 1),
    t(batch(ctx.shape(1), ctx.attrInt("transBatchB", 0) === 1, 1), ctx.attrInt("transB", 0) === 1)
  ];
}
var matMulNBits = {
  weightInputs: [1, 2, 3, 5],
  infer(ctx) {
    const a = ctx.shape(0);
    const n = ctx.attrInt("N");
    const k = ctx.attrInt("K");
    if (n === void 0 || k === void 0)
      ctx.fail("attributes K and N are required");
    const last2 = a[a.length - 1];
    if (typeof last2 === "number" && last2 !== k)
      ctx.fail(`input 0: last dim ${last2} differs from K=${k}`, 0);
    ctx.output(0, ctx.dtype(0), [...a.slice(0, -1), n]);
  },
  // M*N*K macs, plus dequantizing the N*K weights once (2 flops each: subtract zero point, scale).
  cost(ctx) {
    const a = ctx.shape(0);
    const n = ctx.attrInt("N");
    const k = ctx.attrInt("K");
    const mm = matmulCost({ a, b: [k, n] }, ctx.kernelOptions);
    return sum(mm, elementwiseCost("Mul", Poly.const(n * k * 2), ctx.kernelOptions));
  }
};
function quantMatMul(ai, bi) {
  return {
    weightInputs: [bi],
    infer: (ctx) => ctx.output(0, "float32", matmulShape(ctx, ctx.shape(ai), ctx.shape(bi), ai, bi)),
    cost: (ctx) => matmulCost({ a: ctx.shape(ai), b: ctx.shape(bi) }, ctx.kernelOptions)
  };
}
function qlinearBinary(op) {
  return {
    infer: (ctx) => ctx.output(0, ctx.dtype(0), ctx.broadcast(ctx.shape(0), ctx.shape(3))),
    cost: (ctx) => elementwiseCost(op, numElements(ctx.outShape(0)).mul(8), ctx.kernelOptions)
  };
}
function qlinearUnary(op, perElem) {
  return {
    infer: (ctx) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
    cost: (ctx) => elementwiseCost(op, numElements(ctx.shape(0)).mul(perElem + 7), ctx.kernelOptions)
  };
}
var qlinearGlobalAveragePool = {
  infer(ctx) {
    const x2 = ctx.shape(0);
    const last2 = ctx.attrInt("channels_last", 0) === 1;
    ctx.output(0, ctx.dtype(0), last2 ? [x2[0], ...x2.slice(1, -1).map(() => 1), x2[x2.length - 1]] : [x2[0], x2[1], ...x2.slice(2).map(() => 1)]);
  },
  cost: (ctx) => elementwiseCost("Add", numElements(ctx.shape(0)), ctx.kernelOptions)
};
var qlinearConcat = {
  infer(ctx) {
    const idx = [];
    for (let i2 = 2; i2 < ctx.inputCount; i2 += 3)
      idx.push(i2);
    const shapes = idx.map((i2) => ctx.shape(i2));
    const axis = ctx.axis(ctx.attrInt("axis", 0), shapes[0].length);
    const out = [...shapes[0]];
    out[axis] = dim(shapes.reduce((s, sh) => s.add(dimPoly(sh[axis])), Poly.ZERO));
    ctx.output(0, ctx.dtype(2), out);
  },
  cost: () => NO_COMPUTE
};
var contribRules = {
  Attention: attention,
  BiasAdd: biasAdd,
  BiasGelu: biasActivation("Gelu", 1),
  DynamicQuantizeMatMul: quantMatMul(0, 1),
  EmbedLayerNormalization: embedLayerNorm,
  FastGelu: biasActivation("GeluTanh", 1),
  FusedConv: fusedConv,
  FusedMatMul: fusedMatMul,
  Gelu: biasActivation("Gelu", void 0),
  GroupQueryAttention: groupQueryAttention,
  LayerNormalization: contribLayerNorm("layer"),
  MatMulIntegerToFloat: quantMatMul(0, 1),
  MatMulNBits: matMulNBits,
  MultiHeadAttention: multiHeadAttention2,
  NhwcConv: convRules.Conv,
  QLinearAdd: qlinearBinary("Add"),
  QLinearAveragePool: convRules.AveragePool,
  QLinearConv: convRules.QLinearConv,
  QLinearGlobalAveragePool: qlinearGlobalAveragePool,
  QLinearLeakyRelu: qlinearUnary("LeakyRelu", 2),
  QLinearMatMul: matmulRules.QLinearMatMul,
  QLinearMul: qlinearBinary("Mul"),
  QLinearSigmoid: qlinearUnary("Sigmoid", 4),
  QLinearConcat: qlinearConcat,
  QuickGelu: biasActivation("QuickGelu", void 0),
  RotaryEmbedding: rotaryEmbedding,
  SimplifiedLayerNormalization: contribLayerNorm("rms"),
  SkipLayerNormalization: skipLayerNorm("layer"),
  SkipSimplifiedLayerNormalization: skipLayerNorm("rms")
};

// ../../packages/onnx/dist/ops/generation.js
var INPUTS = {
  beam: { maxLength: 1, beams: 3, returns: 4, count: 14 },
  greedy: { maxLength: 1, count: 7 },
  sampling: { maxLength: 1, count: 9 }
};
function control(ctx, i2, name) {
  if (i2 === void 0)
    return 1;
  const v = ctx.hasInput(i2) ? ctx.dims(i2)?.[0] : void 0;
  if (typeof v === "number" && v < 1)
    ctx.fail(`input ${i2} (${name}) is ${v}: expected a positive integer`, i2);
  return v ?? Poly.sym(name);
}
function dimFor(name, r) {
  const n = name.toLowerCase();
  if (n.includes("batch"))
    return r.batch;
  if (n.includes("total"))
    return dim(dimPoly(r.past).add(dimPoly(r.step)));
  if (n.includes("past"))
    return r.past;
  if (n.includes("encode"))
    return r.prompt;
  if (n.includes("seq") || n.includes("length"))
    return r.step;
  return void 0;
}
function runInputs(ctx, g, r) {
  return g.inputs.map((vi) => {
    const t = vi.type;
    if (!t || t.kind !== "tensor" || !t.shape)
      return void 0;
    const shape = t.shape.map((d) => typeof d === "number" && d >= 0 ? d : typeof d === "string" && d !== "" ? dimFor(d, r) ?? Poly.sym(d) : ctx.fresh());
    return tensorVal(t.elemType, shape);
  });
}
function vocabOf(outs) {
  const logits = outs[0];
  return isTensor(logits) && logits.shape && logits.shape.length > 0 ? logits.shape[logits.shape.length - 1] : void 0;
}
var STEPS = /* @__PURE__ */ new WeakMap();
function generationRule(kind) {
  const at = INPUTS[kind];
  return {
    // Every input is a control value, a mask or token ids: none is a weight.
    nonParamInputs: Array.from({ length: at.count }, (_, i2) => i2),
    infer(ctx) {
      const ids2 = ctx.shape(0);
      if (ids2.length !== 2)
        ctx.fail(`input 0 (input_ids): expected rank 2 [batch_size, sequence_length], got rank ${ids2.length}`, 0);
      const decoder = ctx.attrGraph("decoder");
      if (!decoder)
        ctx.fail("attribute decoder (the decoder sub-graph) is required");
      const [batch, prompt] = [ids2[0], ids2[1]];
      const maxLength = control(ctx, at.maxLength, "max_length");
      const beams = control(ctx, at.beams, "num_beams");
      const returns = control(ctx, at.returns, "num_return_sequences");
      const rows2 = dim(dimPoly(batch).mul(dimPoly(beams)));
      const modelType = ctx.attrInt("model_type", 0);
      const m2 = dimPoly(maxLength);
      const longestPast = dim(m2.sub(1));
      let vocab;
      let steps;
      if (modelType === 0) {
        const later = m2.sub(dimPoly(prompt)).sub(1);
        ctx.assume(later, `max_length - sequence_length - 1 >= 0 (the loop generates at least one token)`);
        const first = ctx.attrGraph("init_decoder") ?? decoder;
        const r0 = ctx.subgraph(first, runInputs(ctx, first, { batch: rows2, step: prompt, past: 0, prompt }), first === decoder ? "decoder[prompt]" : "init_decoder", Poly.ONE);
        const r1 = ctx.subgraph(decoder, runInputs(ctx, decoder, { batch: rows2, step: 1, past: longestPast, prompt }), "decoder", later);
        vocab = vocabOf(r0.outputs) ?? vocabOf(r1.outputs);
        steps = later.add(1);
      } else {
        const encoder = ctx.attrGraph("encoder");
        if (!encoder)
          ctx.fail(`attribute encoder is required for model_type ${modelType} (encoder-decoder)`);
        const later = m2.sub(1);
        ctx.assume(m2.sub(2), `max_length - 2 >= 0 (the loop generates at least one token after the start token)`);
        const r0 = ctx.subgraph(encoder, runInputs(ctx, encoder, { batch: rows2, step: 1, past: 0, prompt }), "encoder", Poly.ONE);
        const r1 = ctx.subgraph(decoder, runInputs(ctx, decoder, { batch: rows2, step: 1, past: longestPast, prompt }), "decoder", later);
        vocab = vocabOf(r1.outputs) ?? vocabOf(r0.outputs);
        steps = later;
      }
      const v = ctx.attrInt("vocab_size", -1);
      const vocabSize = v > 0 ? v : vocab ?? ctx.fresh();
      STEPS.set(ctx.node, { rows: dimPoly(rows2), steps, vocab: vocabSize });
      ctx.note("generation-upper-bound", `${ctx.node.opType}: the decoder runs at most ${steps.toString()} times on ${dimPoly(rows2).toString()} rows (the batch times num_beams); runs after the first are each counted at the longest past (${dimPoly(longestPast).toString()} tokens): an upper bound`);
      if (kind === "beam") {
        ctx.output(0, "int32", [batch, returns, maxLength]);
        if (ctx.hasOutput(1))
          ctx.output(1, ctx.tensor(0).dtype === "float16" ? "float16" : "float32", [batch, returns]);
        if (ctx.hasOutput(2))
          ctx.output(2, "float32", [dim(m2.sub(dimPoly(prompt))), batch, beams, vocabSize]);
      } else {
        ctx.output(0, "int32", [batch, maxLength]);
        if (kind === "sampling" && ctx.hasOutput(1))
          ctx.output(1, "float32", [batch, vocabSize]);
      }
    },
    cost(ctx) {
      const s = STEPS.get(ctx.node);
      if (!s)
        ctx.fail("the loop was not inferred: its cost is unknown");
      const elements2 = s.rows.mul(dimPoly(s.vocab)).mul(s.steps);
      return kind === "greedy" ? elementCost(elements2) : softmaxCost({ op: kind === "beam" ? "LogSoftmax" : "Softmax", elements: elements2 }, ctx.kernelOptions);
    }
  };
}
var generationRules = {
  BeamSearch: generationRule("beam"),
  GreedySearch: generationRule("greedy"),
  Sampling: generationRule("sampling")
};

// ../../packages/onnx/dist/ops/shape.js
function axesOf2(ctx, inputIndex, sinceInput) {
  if (ctx.opset >= sinceInput) {
    if (!ctx.hasInput(inputIndex))
      return void 0;
    const v = ctx.ints(inputIndex);
    if (!v)
      ctx.fail(`input ${inputIndex} (axes) must be a constant to infer the output shape`, inputIndex);
    return v;
  }
  return ctx.attrInts("axes");
}
var shapeRule = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const r = s.length;
  const clamp = (v) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
  const start = clamp(ctx.attrInt("start", 0));
  const end = clamp(ctx.attrInt("end", r));
  const part = s.slice(start, Math.max(start, end));
  ctx.output(0, "int64", [part.length], part);
});
var sizeRule = dataMovementRule((ctx) => {
  const n = numElements(ctx.shape(0));
  ctx.output(0, "int64", [], [dim(n)]);
});
function reshapeShape(ctx, input, target, allowZero) {
  const out = target.map((d, i2) => {
    if (d === 0 && !allowZero) {
      if (i2 >= input.length)
        ctx.fail(`shape[${i2}] = 0 copies input axis ${i2}, but the input has rank ${input.length}`, 1);
      return input[i2];
    }
    return d;
  });
  const neg = out.findIndex((d) => d === -1);
  if (out.filter((d) => d === -1).length > 1)
    ctx.fail("shape has more than one -1", 1);
  if (neg >= 0) {
    let known = 1;
    out.forEach((d, i2) => {
      if (i2 !== neg)
        known = dimMul(known, d);
    });
    const total = numElements(input);
    const kp = dimPoly(known);
    if (kp.isConst && kp.constValue === 0n)
      out[neg] = 0;
    else {
      const q = kp.isConst ? total.divExact(kp.constValue) : void 0;
      out[neg] = q ? dim(q) : dimFloorDiv(dim(total), known);
      if (kp.isConst && total.isConst && total.constValue % kp.constValue !== 0n)
        ctx.fail(`cannot reshape ${total.constValue} elements into ${out.map((d, i2) => i2 === neg ? -1 : dimToString(d)).join("x")}`, 1);
    }
  } else {
    const a = numElements(input);
    const b = numElements(out);
    if (a.isConst && b.isConst && a.constValue !== b.constValue)
      ctx.fail(`cannot reshape ${a.constValue} elements into shape [${out.map(dimToString).join(", ")}] (${b.constValue} elements)`, 1);
  }
  for (const [i2, d] of out.entries())
    if (typeof d === "number" && d < 0)
      ctx.fail(`shape[${i2}] = ${d} is invalid (only one -1 is allowed)`, 1);
  return out;
}
var reshapeRule = dataMovementRule((ctx) => {
  const x2 = ctx.tensor(0);
  let target;
  if (ctx.opset < 5)
    target = ctx.attrInts("shape");
  else {
    target = ctx.dims(1);
    if (!target) {
      const s = ctx.shape(1);
      if (s.length === 1 && typeof s[0] === "number") {
        ctx.output(0, x2.dtype, Array.from({ length: s[0] }, () => ctx.fresh()));
        return;
      }
      ctx.output(0, x2.dtype, void 0);
      return;
    }
  }
  if (!target)
    ctx.fail("shape is required");
  if (!x2.shape) {
    ctx.output(0, x2.dtype, target.some((d) => d === -1 || d === 0) ? target.map((d) => d === -1 || d === 0 ? ctx.fresh() : d) : target);
    return;
  }
  const out = reshapeShape(ctx, x2.shape, target, ctx.attrInt("allowzero", 0) === 1);
  ctx.output(0, x2.dtype, out, x2.data);
}, [1]);
var flattenRule = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const axis = ctx.attrInt("axis", 1);
  const a = axis < 0 ? axis + s.length : axis;
  if (a < 0 || a > s.length)
    ctx.fail(`axis ${axis} is out of range for rank ${s.length}`);
  ctx.output(0, ctx.dtype(0), [dim(numElements(s.slice(0, a))), dim(numElements(s.slice(a)))], ctx.data(0));
});
var squeezeRule = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const axesIn = axesOf2(ctx, 1, 13);
  let out;
  if (axesIn === void 0) {
    if (s.some((d) => typeof d !== "number")) {
      ctx.warn("squeeze-symbolic", `Squeeze without axes on ${s.map(dimToString).join("x")}: symbolic dims assumed not to be 1`);
    }
    out = s.filter((d) => d !== 1);
  } else {
    const axes = new Set(axesIn.map((a) => ctx.axis(a, s.length)));
    for (const a of axes)
      if (typeof s[a] === "number" && s[a] !== 1)
        ctx.fail(`cannot squeeze axis ${a} of size ${s[a]}`);
    out = s.filter((_, i2) => !axes.has(i2));
  }
  ctx.output(0, ctx.dtype(0), out, ctx.data(0));
}, [1]);
var unsqueezeRule = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const axesIn = axesOf2(ctx, 1, 13);
  if (!axesIn)
    ctx.fail("axes are required");
  const rank = s.length + axesIn.length;
  const axes = new Set(axesIn.map((a) => ctx.axis(a, rank)));
  if (axes.size !== axesIn.length)
    ctx.fail(`axes [${axesIn.join(", ")}] repeat an axis`);
  const out = [];
  let k = 0;
  for (let i2 = 0; i2 < rank; i2++)
    out.push(axes.has(i2) ? 1 : s[k++]);
  ctx.output(0, ctx.dtype(0), out, ctx.data(0));
}, [1]);
var concatRule = dataMovementRule((ctx) => {
  const idx = ctx.presentInputs();
  if (idx.length === 0)
    ctx.fail("expected at least one input");
  const shapes = idx.map((i2) => ctx.shape(i2));
  const ins = idx.map((i2) => ctx.tensor(i2));
  const rank = shapes[0].length;
  const axisAttr = ctx.attrInt("axis");
  if (axisAttr === void 0 && ctx.opset >= 4)
    ctx.fail("attribute axis is required");
  const axis = ctx.axis(axisAttr ?? 1, rank);
  const out = [...shapes[0]];
  let total = 0;
  shapes.forEach((s, k) => {
    if (s.length !== rank)
      ctx.fail(`input ${k}: rank ${s.length} differs from input 0's rank ${rank}`, k);
    for (let i2 = 0; i2 < rank; i2++) {
      if (i2 === axis)
        continue;
      const a = out[i2];
      const b = s[i2];
      if (typeof a === "number" && typeof b === "number" && a !== b)
        ctx.fail(`input ${k}: dim ${i2} is ${b}, input 0 has ${a}`, k);
      if (typeof a !== "number" && typeof b === "number")
        out[i2] = b;
    }
    total = dim(dimPoly(total).add(dimPoly(s[axis])));
  });
  out[axis] = total;
  let data;
  if (rank === 1 && ins.every((v) => v.data))
    data = ins.flatMap((v) => [...v.data]);
  else if (rank === 1 && isIntDType(ctx.dtype(0)) && ins.some((v) => v.data) && shapes.every((sh, k) => ins[k].data || typeof sh[0] === "number")) {
    data = ins.flatMap((v, k) => v.data ? [...v.data] : Array.from({ length: shapes[k][0] }, () => ctx.fresh()));
  }
  ctx.output(0, ctx.dtype(0), out, data);
});
var gatherRule = {
  nonParamInputs: [1],
  // The table of an embedding lookup.
  weightInputs: [0],
  infer(ctx) {
    const x2 = ctx.tensor(0);
    const s = ctx.shape(0);
    const idx = ctx.shape(1);
    const axis = ctx.axis(ctx.attrInt("axis", 0), s.length);
    const out = [...s.slice(0, axis), ...idx, ...s.slice(axis + 1)];
    let data;
    const ids2 = ctx.ints(1);
    if (x2.data && ids2 && isConcreteShape(s)) {
      for (const i2 of ids2)
        if (i2 < -s[axis] || i2 >= s[axis])
          ctx.fail(`index ${i2} is out of range for axis ${axis} of size ${s[axis]}`, 1);
      data = gatherData(x2.data, s, axis, ids2);
    }
    ctx.output(0, x2.dtype, out, data);
  },
  cost: (ctx) => ({ ...NO_COMPUTE, bytesRead: gatherBytesRead(ctx) })
};
function gatherBytesRead(ctx) {
  const out = ctx.out(0);
  const bits2 = DTYPE_BITS[out.dtype];
  const idxBits = DTYPE_BITS[ctx.dtype(1)];
  return numElements(ctx.outShape(0)).mul(bits2).ceilDiv(8).add(numElements(ctx.shape(1)).mul(idxBits).ceilDiv(8));
}
function sliceDim(ctx, d, start, end, step, axis) {
  if (step === 0)
    ctx.fail("steps must not be 0");
  if (typeof d === "number" && typeof start === "number" && typeof end === "number") {
    const clampS = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
    let s = start < 0 ? start + d : start;
    let e2 = end < 0 ? end + d : end;
    if (step > 0) {
      s = clampS(s, 0, d);
      e2 = clampS(e2, 0, d);
      return Math.max(0, Math.ceil((e2 - s) / step));
    }
    s = clampS(s, -1, d - 1);
    e2 = clampS(e2, -1, d - 1);
    return Math.max(0, Math.ceil((s - e2) / -step));
  }
  const BIG = 2 ** 31;
  const p = dimPoly(d);
  if (step > 0) {
    const s = sliceBound(ctx, p, start, `axis ${axis} start`);
    const e2 = sliceBound(ctx, p, end, `axis ${axis} end`);
    const span = e2.sub(s);
    const len = decideMax(ctx, span, `axis ${axis} length ${span.toString()} >= 0`);
    return dim(step === 1 ? len : len.ceilDiv(step));
  }
  if (typeof start === "number" && typeof end === "number" && (start === -1 || start >= BIG) && end <= -BIG && step === -1)
    return d;
  return ctx.fresh();
}
function sliceBound(ctx, p, v, what) {
  const BIG = 2 ** 31;
  if (typeof v === "number" && v >= BIG)
    return p;
  if (typeof v === "number" && v <= -BIG)
    return Poly.ZERO;
  const vp = dimPoly(v);
  let nonNeg = ctx.nonNegative(vp, `${what} ${vp.toString()} >= 0`);
  if (nonNeg === void 0) {
    ctx.assume(vp, `${what} ${vp.toString()} >= 0 (assumed: the slice stays inside the tensor)`);
    ctx.note("slice-bound-assumed", `${what} ${vp.toString()}: its sign depends on the symbols; taken as >= 0 (inside the tensor), as onnxruntime's symbolic shape inference does. A value that breaks this is refused`);
    nonNeg = true;
  }
  const idx = nonNeg ? vp : decideMax(ctx, p.add(vp), `${what} ${p.add(vp).toString()} >= 0`);
  const inside = ctx.nonNegative(p.sub(idx), `${what} ${idx.toString()} <= ${p.toString()}`);
  return inside === true ? idx : inside === false ? p : idx.min(p);
}
function decideMax(ctx, v, what) {
  const nonNeg = ctx.nonNegative(v, what);
  return nonNeg === true ? v : nonNeg === false ? Poly.ZERO : v.max(0);
}
var sliceRule = {
  nonParamInputs: [1, 2, 3, 4],
  infer(ctx) {
    const x2 = ctx.tensor(0);
    const s = ctx.shape(0);
    let starts;
    let ends;
    let axes;
    let steps;
    if (ctx.opset < 10) {
      starts = ctx.attrInts("starts");
      ends = ctx.attrInts("ends");
      axes = ctx.attrInts("axes");
    } else {
      starts = ctx.ints(1) ?? ctx.dims(1);
      ends = ctx.ints(2) ?? ctx.dims(2);
      axes = ctx.hasInput(3) ? ctx.ints(3) : void 0;
      steps = ctx.hasInput(4) ? ctx.ints(4) : void 0;
      if (!starts || !ends || ctx.hasInput(3) && !axes || ctx.hasInput(4) && !steps) {
        const known = ctx.hasInput(3) ? ctx.ints(3) : void 0;
        const touched = known ? new Set(known.map((a) => ctx.axis(a, s.length))) : void 0;
        ctx.output(0, x2.dtype, s.map((d, i2) => touched && !touched.has(i2) ? d : ctx.fresh()));
        return;
      }
    }
    if (!starts || !ends)
      ctx.fail("starts and ends are required");
    if (starts.length !== ends.length)
      ctx.fail(`starts has ${starts.length} entries, ends has ${ends.length}`);
    const ax = (axes ?? starts.map((_, i2) => i2)).map((a) => ctx.axis(a, s.length));
    const st = steps ?? starts.map(() => 1);
    const out = [...s];
    const params = /* @__PURE__ */ new Map();
    let numericBounds = true;
    ax.forEach((a, i2) => {
      const [b, e2] = [starts[i2], ends[i2]];
      out[a] = sliceDim(ctx, s[a], b, e2, st[i2], a);
      if (typeof b === "number" && typeof e2 === "number")
        params.set(a, [b, e2, st[i2]]);
      else
        numericBounds = false;
    });
    let data;
    if (x2.data && numericBounds && isConcreteShape(s) && isConcreteShape(out))
      data = sliceData(x2.data, s, params);
    ctx.output(0, x2.dtype, out, data);
  },
  cost: () => NO_COMPUTE
};
function sliceData(data, shape, params) {
  const idx = shape.map((d, a) => {
    const p = params.get(a);
    if (!p)
      return Array.from({ length: d }, (_, i2) => i2);
    const [start, end, step] = p;
    const out2 = [];
    let s = start < 0 ? start + d : start;
    let e2 = end < 0 ? end + d : end;
    if (step > 0) {
      s = Math.min(Math.max(s, 0), d);
      e2 = Math.min(Math.max(e2, 0), d);
      for (let i2 = s; i2 < e2; i2 += step)
        out2.push(i2);
    } else {
      s = Math.min(Math.max(s, -1), d - 1);
      e2 = Math.min(Math.max(e2, -1), d - 1);
      for (let i2 = s; i2 > e2; i2 += step)
        out2.push(i2);
    }
    return out2;
  });
  const st = strides(shape);
  const out = [];
  const rec = (a, off) => {
    if (a === shape.length) {
      out.push(data[off]);
      return;
    }
    for (const i2 of idx[a])
      rec(a + 1, off + i2 * st[a]);
  };
  rec(0, 0);
  return out;
}
function onnxTypeCode(ctx, code, what) {
  const t = code === void 0 ? "unknown" : onnxDType(code);
  if (t === "unknown")
    ctx.fail(`${what}: unknown data type code ${code}`);
  return t;
}
function castData(data, to) {
  if (!data)
    return void 0;
  const isInt = /int/.test(to);
  const out = [];
  for (const v of data) {
    if (typeof v === "string") {
      if (to === "string")
        out.push(v);
      else
        return void 0;
    } else if (typeof v === "number") {
      if (to === "string")
        out.push(String(v));
      else if (to === "bool")
        out.push(v ? 1 : 0);
      else
        out.push(isInt ? Math.trunc(v) : v);
    } else
      out.push(to === "string" ? v.key : v);
  }
  return out;
}
var castRule = dataMovementRule((ctx) => {
  const x2 = ctx.tensor(0);
  const to = ctx.opset < 6 ? stringType(ctx, ctx.attrString("to", "")) : onnxTypeCode(ctx, ctx.attrInt("to"), "attribute to");
  ctx.output(0, to, x2.shape, castData(x2.data, to));
});
function stringType(ctx, s) {
  const m2 = { FLOAT: "float32", UINT8: "uint8", INT8: "int8", UINT16: "uint16", INT16: "int16", INT32: "int32", INT64: "int64", STRING: "string", BOOL: "bool", FLOAT16: "float16", DOUBLE: "float64", UINT32: "uint32", UINT64: "uint64" };
  const t = m2[s.toUpperCase()];
  if (!t)
    ctx.fail(`attribute to: unknown type ${JSON.stringify(s)}`);
  return t;
}
var castLikeRule = dataMovementRule((ctx) => {
  const x2 = ctx.tensor(0);
  const to = ctx.dtype(1);
  ctx.output(0, to, x2.shape, castData(x2.data, to));
});
var identityRule = dataMovementRule((ctx) => {
  ctx.setOutput(0, ctx.input(0));
});
var constantRule = dataMovementRule((ctx) => {
  const a = ["value", "sparse_value", "value_float", "value_floats", "value_int", "value_ints", "value_string", "value_strings"].find((k) => ctx.hasAttr(k));
  if (!a)
    ctx.fail("one of value, sparse_value, value_float(s), value_int(s), value_string(s) is required");
  const attr = ctx.attr(a);
  switch (attr.type) {
    case "tensor":
    case "sparse_tensor": {
      const w = attr.value;
      const data = w.values?.map((v) => typeof v === "bigint" ? Number(v) : v);
      ctx.setOutput(0, tensorVal(w.dtype, w.dims, data, w));
      return;
    }
    case "float":
      ctx.output(0, "float32", [], [attr.value]);
      return;
    case "int":
      ctx.output(0, "int64", [], [attr.value]);
      return;
    case "string":
      ctx.output(0, "string", [], [attr.value]);
      return;
    case "floats":
      ctx.output(0, "float32", [attr.value.length], attr.value);
      return;
    case "ints":
      ctx.output(0, "int64", [attr.value.length], attr.value);
      return;
    case "strings":
      ctx.output(0, "string", [attr.value.length], attr.value);
      return;
    default:
      ctx.fail(`attribute ${a} has type ${attr.type}`);
  }
});
var constantOfShapeRule = {
  nonParamInputs: [0],
  infer(ctx) {
    const shape = ctx.dims(0);
    const value2 = ctx.attr("value");
    const dtype = value2 && value2.type === "tensor" ? value2.value.dtype : "float32";
    const fill = value2 && value2.type === "tensor" && value2.value.values?.length ? value2.value.values[0] : 0;
    if (!shape) {
      const s = ctx.shape(0);
      ctx.output(0, dtype, s.length === 1 && typeof s[0] === "number" ? Array.from({ length: s[0] }, () => ctx.fresh()) : void 0);
      return;
    }
    for (const d of shape)
      if (typeof d === "number" && d < 0)
        ctx.fail(`shape has a negative dim ${d}`, 0);
    const data = propagatable(shape) ? new Array(prod2(shape)).fill(typeof fill === "bigint" ? Number(fill) : fill) : void 0;
    const input = ctx.tensor(0);
    if (input.weight && shape.every((d) => typeof d === "number")) {
      const dims = shape;
      const elems = prod2(dims);
      const weight = { name: ctx.node.outputs[0] ?? ctx.name, dtype, dims, byteLength: Math.ceil(elems * DTYPE_BITS[dtype] / 8), location: { kind: "none" } };
      ctx.setOutput(0, tensorVal(dtype, shape, data, weight));
      return;
    }
    ctx.output(0, dtype, shape, data);
  },
  cost: () => NO_COMPUTE
};
var rangeRule = {
  nonParamInputs: [0, 1, 2],
  infer(ctx) {
    const t = ctx.dtype(0);
    const ranks = [0, 1, 2].map((i2) => ctx.tensor(i2).shape?.length);
    const nonScalar = [0, 1, 2].filter((i2) => ranks[i2] !== void 0 && ranks[i2] !== 0);
    if (nonScalar.length)
      ctx.warn("range-non-scalar", `Range inputs must be scalars (rank 0); input${nonScalar.length > 1 ? "s" : ""} ${nonScalar.join(", ")} ha${nonScalar.length > 1 ? "ve" : "s"} rank ${nonScalar.map((i2) => ranks[i2]).join(", ")}. onnxruntime refuses this model`);
    const start = ctx.data(0)?.[0];
    const limit = ctx.data(1)?.[0];
    const delta = ctx.data(2)?.[0];
    if (typeof start === "number" && typeof limit === "number" && typeof delta === "number") {
      if (delta === 0)
        ctx.fail("delta must not be 0", 2);
      const n = Math.max(Math.ceil((limit - start) / delta), 0);
      const data = n <= 65536 ? Array.from({ length: n }, (_, i2) => start + i2 * delta) : void 0;
      ctx.output(0, t, [n], data);
      return;
    }
    if (start !== void 0 && limit !== void 0 && typeof delta === "number" && Number.isInteger(delta) && delta > 0 && typeof start !== "string" && typeof limit !== "string") {
      const span = dimPoly(limit).sub(dimPoly(start));
      ctx.output(0, t, [dim(span.ceilDiv(delta).max(0))]);
      return;
    }
    ctx.output(0, t, [ctx.dataDependent("range")]);
  },
  cost: () => NO_COMPUTE
};
var expandRule = dataMovementRule((ctx) => {
  const x2 = ctx.tensor(0);
  const target = ctx.dims(1);
  if (!target) {
    const s = ctx.shape(1);
    if (s.length === 1 && typeof s[0] === "number") {
      const r = Math.max(s[0], ctx.shape(0).length);
      ctx.output(0, x2.dtype, Array.from({ length: r }, () => ctx.fresh()));
    } else
      ctx.output(0, x2.dtype, void 0);
    return;
  }
  const shape = ctx.broadcast(ctx.shape(0), target);
  let data;
  if (x2.data && propagatable(shape) && isConcreteShape(ctx.shape(0))) {
    const xs = ctx.shape(0);
    const outS = shape;
    const n = prod2(outS);
    const st = strides(xs);
    const ost = strides(outS);
    const out = [];
    for (let f = 0; f < n; f++) {
      let off = 0;
      let rem = f;
      for (let a = 0; a < outS.length; a++) {
        const i2 = Math.floor(rem / ost[a]);
        rem -= i2 * ost[a];
        const k = a - (outS.length - xs.length);
        if (k >= 0 && xs[k] !== 1)
          off += i2 * st[k];
      }
      out.push(x2.data[off]);
    }
    data = out;
  }
  ctx.output(0, x2.dtype, shape, data);
}, [1]);
var transposeRule = dataMovementRule((ctx) => {
  const x2 = ctx.tensor(0);
  const s = ctx.shape(0);
  const perm = ctx.attrInts("perm") ?? s.map((_, i2) => s.length - 1 - i2);
  if (perm.length !== s.length)
    ctx.fail(`perm has ${perm.length} entries for an input of rank ${s.length}`);
  const seen = new Set(perm.map((p) => ctx.axis(p, s.length, "perm entry")));
  if (seen.size !== perm.length)
    ctx.fail(`perm [${perm.join(", ")}] is not a permutation`);
  const out = perm.map((p) => s[p < 0 ? p + s.length : p]);
  let data;
  if (x2.data && isConcreteShape(s)) {
    if (s.length <= 1)
      data = x2.data;
    else {
      const st = strides(s);
      const os = out;
      const n = prod2(os);
      const ost = strides(os);
      const arr = [];
      for (let f = 0; f < n; f++) {
        let rem = f;
        let off = 0;
        for (let a = 0; a < os.length; a++) {
          const i2 = Math.floor(rem / ost[a]);
          rem -= i2 * ost[a];
          off += i2 * st[perm[a]];
        }
        arr.push(x2.data[off]);
      }
      data = arr;
    }
  }
  ctx.output(0, x2.dtype, out, data);
});
var shapeRules = {
  Cast: castRule,
  CastLike: castLikeRule,
  Concat: concatRule,
  Constant: constantRule,
  ConstantOfShape: constantOfShapeRule,
  Expand: expandRule,
  Flatten: flattenRule,
  Gather: gatherRule,
  Identity: identityRule,
  Range: rangeRule,
  Reshape: reshapeRule,
  Shape: shapeRule,
  Size: sizeRule,
  Slice: sliceRule,
  Squeeze: squeezeRule,
  Transpose: transposeRule,
  Unsqueeze: unsqueezeRule
};

// ../../packages/onnx/dist/ops/control-flow.js
function mergeVals(ctx, a, b, differ = () => ctx.fresh()) {
  if (!a)
    return b;
  if (!b)
    return a;
  if (a.kind === "tensor" && b.kind === "tensor") {
    if (!a.shape || !b.shape)
      return tensorVal(a.dtype, void 0);
    if (a.shape.length !== b.shape.length)
      return tensorVal(a.dtype, void 0);
    return tensorVal(a.dtype, a.shape.map((d, i2) => dimEq(d, b.shape[i2]) ? d : differ(i2)));
  }
  if (a.kind === "sequence" && b.kind === "sequence")
    return { kind: "sequence", elem: mergeVals(ctx, a.elem, b.elem, differ) };
  if (a.kind === "optional" && b.kind === "optional")
    return { kind: "optional", elem: mergeVals(ctx, a.elem, b.elem, differ) };
  return a;
}
var ifRule = {
  infer(ctx) {
    const thenG = ctx.attrGraph("then_branch");
    const elseG = ctx.attrGraph("else_branch");
    if (!thenG || !elseG)
      ctx.fail("attributes then_branch and else_branch are required");
    const cond = ctx.data(0)?.[0];
    const known = typeof cond === "number";
    if (!known)
      ctx.warn("if-branch-assumed", "condition unknown before run time: then_branch counted, else_branch shown at multiplicity 0");
    const takeThen = known ? cond !== 0 : true;
    const t = ctx.subgraph(thenG, [], "then_branch", takeThen ? Poly.ONE : Poly.ZERO);
    const e2 = ctx.subgraph(elseG, [], "else_branch", takeThen ? Poly.ZERO : Poly.ONE);
    for (let i2 = 0; i2 < ctx.outputCount; i2++) {
      ctx.setOutput(i2, known ? takeThen ? t.outputs[i2] : e2.outputs[i2] : mergeVals(ctx, t.outputs[i2], e2.outputs[i2], (axis) => ctx.dataDependent(`out${i2}_${axis}`)));
    }
  },
  cost: () => NO_COMPUTE
};
function stacked(v, n, axis = 0) {
  if (!isTensor(v))
    return v;
  if (!v.shape)
    return tensorVal(v.dtype, void 0);
  const s = [...v.shape];
  s.splice(axis < 0 ? axis + s.length + 1 : axis, 0, n);
  return tensorVal(v.dtype, s);
}
var MAX_UNROLL = 64;
var readsIter = /* @__PURE__ */ new WeakMap();
function readsIterationNumber(body2) {
  let r = readsIter.get(body2);
  if (r === void 0) {
    const iter = body2.inputs[0]?.name;
    r = iter !== void 0 && iter !== "" && body2.nodes.some((n) => n.inputs.includes(iter) || nodeSubgraphs2(n).some((g) => subgraphFreeInputs(g).includes(iter)));
    readsIter.set(body2, r);
  }
  return r;
}
function nodeSubgraphs2(n) {
  const out = [];
  for (const a of Object.values(n.attributes)) {
    if (a.type === "graph")
      out.push(a.value);
    else if (a.type === "graphs")
      pushAll(out, a.value);
  }
  return out;
}
function shapeOnly(v) {
  if (!v)
    return v;
  if (v.kind === "tensor")
    return tensorVal(v.dtype, v.shape);
  if (v.kind === "sequence")
    return { kind: "sequence", elem: shapeOnly(v.elem) };
  if (v.kind === "optional")
    return { kind: "optional", elem: shapeOnly(v.elem) };
  return v;
}
function sameVals(a, b, data) {
  return a.length === b.length && a.every((v, i2) => valSignature(v, data) === valSignature(b[i2], data));
}
function stackScans(ctx, perIteration, nScan, n, carried) {
  for (let s = 0; s < nScan; s++) {
    const elem = perIteration.reduce((acc, o) => acc === void 0 ? o[s] : mergeVals(ctx, acc, o[s]), void 0);
    ctx.setOutput(carried + s, stacked(elem, n));
  }
}
function stepLoop(ctx, body2, m2, initial, carried, nScan) {
  const usesIter = readsIterationNumber(body2);
  let state = initial;
  let cond = ctx.hasInput(1) ? ctx.data(1)?.[0] : 1;
  const scans = [];
  let iterations = 0;
  for (let k = 0; k < m2 && cond !== 0; k++) {
    const condVal = tensorVal("bool", [], typeof cond === "number" ? [cond] : void 0);
    const r = ctx.subgraph(body2, [tensorVal("int64", [], usesIter ? [k] : void 0), condVal, ...state], k === 0 ? "body" : `body[${k}]`, Poly.ONE, { unroll: m2 });
    const next = r.outputs.slice(1, 1 + carried);
    const nextCond = isTensor(r.outputs[0]) ? r.outputs[0].data?.[0] : void 0;
    scans.push(r.outputs.slice(1 + carried));
    iterations++;
    if (!usesIter && nextCond === cond && sameVals(state, next, true)) {
      const rest = m2 - k - 1;
      if (rest > 0)
        r.recount(Poly.const(1 + rest));
      iterations += rest;
      state = next;
      break;
    }
    state = next;
    cond = nextCond;
  }
  for (let i2 = 0; i2 < carried; i2++)
    ctx.setOutput(i2, state[i2]);
  stackScans(ctx, scans, nScan, iterations, carried);
}
function wholeLoop(ctx, body2, trips, initial, carried, nScan) {
  const bodyIn = (state) => [tensorVal("int64", []), tensorVal("bool", []), ...state];
  const in0 = initial.map(shapeOnly);
  const r0 = ctx.subgraph(body2, bodyIn(in0), "body", trips);
  const out0 = r0.outputs.slice(1, 1 + carried).map(shapeOnly);
  const finish = (state, scans) => {
    for (let i2 = 0; i2 < carried; i2++)
      ctx.setOutput(i2, state[i2]);
    for (let s = 0; s < nScan; s++)
      ctx.setOutput(carried + s, stacked(scans[s], dim(trips)));
  };
  if (sameVals(in0, out0, false)) {
    finish(out0, r0.outputs.slice(1 + carried));
    return;
  }
  const induced = induce(ctx, body2, trips, in0, out0, carried, bodyIn);
  if (induced) {
    r0.discard();
    finish(induced.state, induced.scans);
    return;
  }
  const changes = [];
  in0.forEach((v, i2) => {
    if (valSignature(v, false) !== valSignature(out0[i2], false))
      changes.push(`state ${i2}: ${valToString(v)} -> ${valToString(out0[i2])}`);
  });
  ctx.warn("loop-carried-size", INFER_MESSAGES.loopSizeUnknown(changes.join(", ")));
  finish(in0.map((v, i2) => mergeVals(ctx, v, out0[i2])), r0.outputs.slice(1 + carried));
}
function induce(ctx, body2, trips, in0, out0, carried, bodyIn) {
  const symbols = /* @__PURE__ */ new Map();
  const in1 = [...in0];
  for (let i2 = 0; i2 < carried; i2++) {
    const a = in0[i2];
    const b = out0[i2];
    if (valSignature(a, false) === valSignature(b, false))
      continue;
    if (!isTensor(a) || !isTensor(b) || !a.shape || !b.shape || a.dtype !== b.dtype || a.shape.length !== b.shape.length)
      return void 0;
    const shape = a.shape.map((d, ax) => {
      if (dimEq(d, b.shape[ax]))
        return d;
      const s = dimPoly(ctx.fresh());
      symbols.set(s.symbols()[0], { poly: s, init: dimPoly(d), at: [i2, ax] });
      return dim(s);
    });
    in1[i2] = tensorVal(a.dtype, shape);
  }
  if (symbols.size === 0)
    return void 0;
  const r1 = ctx.subgraph(body2, bodyIn(in1), "body", trips);
  const out1 = r1.outputs.slice(1, 1 + carried).map(shapeOnly);
  const names = new Set(symbols.keys());
  const induction = /* @__PURE__ */ new Map();
  let ok = true;
  for (const [name, { poly, init, at }] of symbols) {
    const o = out1[at[0]];
    const step = isTensor(o) && o.shape ? dimPoly(o.shape[at[1]]).sub(poly) : void 0;
    const order = step?.compare(Poly.ZERO);
    if (!step || mentions(step, names) || !(order === "eq" || order === "ge" || order === "gt"))
      ok = false;
    else
      induction.set(name, { init, step });
  }
  for (let i2 = 0; ok && i2 < carried; i2++) {
    const a = in1[i2];
    const b = out1[i2];
    if (!isTensor(a) || !a.shape) {
      ok = valSignature(a, false) === valSignature(b, false);
      continue;
    }
    ok = isTensor(b) && b.shape !== void 0 && b.dtype === a.dtype && b.shape.length === a.shape.length && a.shape.every((d, ax) => symbols.has(symbolOf(d) ?? "") || dimEq(d, b.shape[ax]));
  }
  if (!ok || !r1.sumOver(trips, induction)) {
    r1.discard();
    return void 0;
  }
  const after = (d) => {
    const s = symbolOf(d);
    const ind = s === void 0 ? void 0 : induction.get(s);
    return ind ? dim(ind.init.add(trips.mul(ind.step))) : d;
  };
  const state = out1.map((v, i2) => isTensor(in1[i2]) && isTensor(v) && v.shape ? tensorVal(v.dtype, in1[i2].shape.map(after)) : v);
  const scans = r1.outputs.slice(1 + carried).map((v) => isTensor(v) && v.shape && valMentions(v, names) ? tensorVal(v.dtype, v.shape.map((d) => typeof d !== "number" && mentions(d, names) ? ctx.fresh() : d)) : v);
  return { state, scans };
}
function symbolOf(d) {
  if (typeof d === "number")
    return void 0;
  const t = d.terms;
  return t.length === 1 && t[0].coeff === 1n && t[0].factors.length === 1 && t[0].factors[0][1] === 1 && t[0].factors[0][0].kind === "sym" ? t[0].factors[0][0].name : void 0;
}
var loopRule = {
  nonParamInputs: [0, 1],
  infer(ctx) {
    const body2 = ctx.attrGraph("body");
    if (!body2)
      ctx.fail("attribute body is required");
    const carried = ctx.inputCount - 2;
    if (carried < 0)
      ctx.fail("expected inputs M, cond and the loop-carried values");
    const nScan = Math.max(0, ctx.outputCount - carried);
    const initial = [];
    for (let i2 = 0; i2 < carried; i2++)
      initial.push(ctx.input(2 + i2));
    const m2 = ctx.hasInput(0) ? ctx.dims(0)?.[0] : void 0;
    const cond = ctx.hasInput(1) ? ctx.data(1)?.[0] : 1;
    if (typeof m2 === "number" && m2 * ctx.unrolled <= MAX_UNROLL || cond === 0) {
      stepLoop(ctx, body2, typeof m2 === "number" ? m2 : 1, initial, carried, nScan);
      return;
    }
    let trips;
    if (m2 === void 0) {
      const sym = ctx.dataDependent("trips");
      ctx.warn("loop-trip-count", `trip count unknown before run time: body costs are multiplied by the symbol ${dimToString(sym)}`);
      trips = dimPoly(sym);
    } else
      trips = dimPoly(m2).max(Poly.ZERO);
    wholeLoop(ctx, body2, trips, initial, carried, nScan);
  },
  cost: () => NO_COMPUTE
};
var scanRule = {
  infer(ctx) {
    const body2 = ctx.attrGraph("body");
    if (!body2)
      ctx.fail("attribute body is required");
    const numScan = ctx.attrInt("num_scan_inputs");
    if (numScan === void 0)
      ctx.fail("attribute num_scan_inputs is required");
    if (ctx.opset < 9) {
      const states2 = ctx.inputCount - 1 - numScan;
      const stateVals2 = Array.from({ length: states2 }, (_, i2) => ctx.input(1 + i2));
      const scans2 = Array.from({ length: numScan }, (_, i2) => ctx.tensor(1 + states2 + i2));
      const batch = scans2[0]?.shape?.[0] ?? ctx.fresh();
      const seq = scans2[0]?.shape?.[1] ?? ctx.fresh();
      const bodyIn2 = [
        ...stateVals2.map((v) => isTensor(v) && v.shape ? tensorVal(v.dtype, v.shape.slice(1)) : v),
        ...scans2.map((v) => tensorVal(v.dtype, v.shape ? v.shape.slice(2) : void 0))
      ];
      const r2 = ctx.subgraph(body2, bodyIn2, "body", dimPoly(batch).mul(dimPoly(seq)));
      for (let i2 = 0; i2 < states2; i2++)
        ctx.setOutput(i2, stacked(r2.outputs[i2], batch));
      for (let k = states2; k < r2.outputs.length; k++) {
        const v = r2.outputs[k];
        ctx.setOutput(k, isTensor(v) && v.shape ? tensorVal(v.dtype, [batch, seq, ...v.shape]) : v);
      }
      return;
    }
    const states = ctx.inputCount - numScan;
    const inAxes = ctx.attrInts("scan_input_axes") ?? new Array(numScan).fill(0);
    const stateVals = Array.from({ length: states }, (_, i2) => ctx.input(i2));
    const scans = Array.from({ length: numScan }, (_, i2) => ctx.tensor(states + i2));
    let trips;
    const bodyIn = [...stateVals];
    scans.forEach((v, i2) => {
      if (!v.shape) {
        bodyIn.push(tensorVal(v.dtype, void 0));
        return;
      }
      const ax = ctx.axis(inAxes[i2] ?? 0, v.shape.length, "scan_input_axes entry");
      trips ??= v.shape[ax];
      bodyIn.push(tensorVal(v.dtype, v.shape.filter((_, k) => k !== ax)));
    });
    const n = trips ?? ctx.dataDependent("trips");
    const r = ctx.subgraph(body2, bodyIn, "body", dimPoly(n));
    const outAxes = ctx.attrInts("scan_output_axes") ?? [];
    for (let i2 = 0; i2 < states; i2++)
      ctx.setOutput(i2, mergeVals(ctx, stateVals[i2], r.outputs[i2]));
    for (let k = states; k < r.outputs.length; k++)
      ctx.setOutput(k, stacked(r.outputs[k], n, outAxes[k - states] ?? 0));
  },
  cost: () => NO_COMPUTE
};
function seqOf(ctx, i2) {
  const v = ctx.input(i2);
  if (!v)
    return { kind: "sequence", elem: void 0 };
  if (v.kind !== "sequence")
    ctx.fail(`input ${i2}: expected a sequence, got a ${v.kind}`, i2);
  return v;
}
function commonElem(ctx, vals) {
  return vals.reduce((acc, v) => acc === void 0 ? v : mergeVals(ctx, acc, v), void 0);
}
var sequenceConstruct = {
  infer(ctx) {
    const items = ctx.inputs();
    ctx.setOutput(0, { kind: "sequence", elem: commonElem(ctx, items), items });
  },
  cost: () => NO_COMPUTE
};
var sequenceEmpty = {
  infer(ctx) {
    const dtype = ctx.hasAttr("dtype") ? onnxTypeCode(ctx, ctx.attrInt("dtype"), "attribute dtype") : "float32";
    ctx.setOutput(0, { kind: "sequence", elem: tensorVal(dtype, void 0), items: [] });
  },
  cost: () => NO_COMPUTE
};
function position(ctx, i2, len, forInsert) {
  const p = ctx.ints(i2)?.[0];
  if (p === void 0 || len === void 0)
    return void 0;
  const q = p < 0 ? p + len : p;
  if (q < 0 || q > (forInsert ? len : len - 1))
    ctx.fail(`position ${p} is out of range for a sequence of length ${len}`, i2);
  return q;
}
var sequenceAt = {
  nonParamInputs: [1],
  infer(ctx) {
    const s = seqOf(ctx, 0);
    const p = position(ctx, 1, s.items?.length, false);
    ctx.setOutput(0, p !== void 0 && s.items ? s.items[p] : s.elem);
  },
  cost: () => NO_COMPUTE
};
var sequenceInsert = {
  nonParamInputs: [2],
  infer(ctx) {
    const s = seqOf(ctx, 0);
    const t = ctx.input(1);
    const len = s.items?.length;
    let items;
    if (s.items && t) {
      const p = ctx.hasInput(2) ? position(ctx, 2, len, true) : len;
      if (p !== void 0) {
        items = [...s.items];
        items.splice(p, 0, t);
      }
    }
    const elem = s.items && s.items.length === 0 ? t : commonElem(ctx, [s.elem, t]);
    ctx.setOutput(0, items ? { kind: "sequence", elem, items } : { kind: "sequence", elem });
  },
  cost: () => NO_COMPUTE
};
var sequenceErase = {
  nonParamInputs: [1],
  infer(ctx) {
    const s = seqOf(ctx, 0);
    let items;
    if (s.items) {
      const p = ctx.hasInput(1) ? position(ctx, 1, s.items.length, false) : s.items.length - 1;
      if (p !== void 0) {
        items = [...s.items];
        items.splice(p, 1);
      }
    }
    ctx.setOutput(0, items ? { kind: "sequence", elem: s.elem, items } : { kind: "sequence", elem: s.elem });
  },
  cost: () => NO_COMPUTE
};
var sequenceLength = {
  infer(ctx) {
    const s = seqOf(ctx, 0);
    ctx.output(0, "int64", [], s.items ? [s.items.length] : void 0);
  },
  cost: () => NO_COMPUTE
};
var splitToSequence = {
  nonParamInputs: [1],
  infer(ctx) {
    const x2 = ctx.tensor(0);
    const s = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt("axis", 0), s.length);
    const keepdims = ctx.attrInt("keepdims", 1) === 1;
    const d = s[axis];
    if (!ctx.hasInput(1)) {
      const elem = tensorVal(x2.dtype, keepdims ? s.map((v, i2) => i2 === axis ? 1 : v) : s.filter((_, i2) => i2 !== axis));
      const items = typeof d === "number" && d <= MAX_DATA_ELEMENTS ? Array.from({ length: d }, () => elem) : void 0;
      ctx.setOutput(0, items ? { kind: "sequence", elem, items } : { kind: "sequence", elem });
      return;
    }
    const split2 = ctx.dims(1);
    const splitShape = ctx.shape(1);
    if (split2 && splitShape.length === 0) {
      const size = split2[0];
      if (typeof d === "number" && typeof size === "number" && size > 0 && Math.ceil(d / size) <= MAX_DATA_ELEMENTS) {
        const n = Math.ceil(d / size);
        const items = Array.from({ length: n }, (_, i2) => tensorVal(x2.dtype, s.map((v, k) => k === axis ? Math.min(size, d - i2 * size) : v)));
        ctx.setOutput(0, { kind: "sequence", elem: commonElem(ctx, items), items });
        return;
      }
    }
    if (split2 && splitShape.length === 1) {
      const items = split2.map((len) => tensorVal(x2.dtype, s.map((v, k) => k === axis ? len : v)));
      ctx.setOutput(0, { kind: "sequence", elem: commonElem(ctx, items), items });
      return;
    }
    ctx.setOutput(0, { kind: "sequence", elem: tensorVal(x2.dtype, s.map((v, k) => k === axis ? ctx.fresh() : v)) });
  },
  cost: () => NO_COMPUTE
};
var concatFromSequence = {
  infer(ctx) {
    const s = seqOf(ctx, 0);
    const newAxis = ctx.attrInt("new_axis", 0) === 1;
    const axisAttr = ctx.attrInt("axis");
    if (axisAttr === void 0)
      ctx.fail("attribute axis is required");
    const elem = s.elem;
    if (!isTensor(elem) || !elem.shape) {
      ctx.output(0, isTensor(elem) ? elem.dtype : "float32", void 0);
      return;
    }
    const rank = elem.shape.length + (newAxis ? 1 : 0);
    const axis = ctx.axis(axisAttr, rank);
    if (s.items && s.items.every((v) => isTensor(v) && v.shape)) {
      const shapes = s.items.map((v) => v.shape);
      if (newAxis) {
        const out2 = [...shapes[0]];
        out2.splice(axis, 0, shapes.length);
        ctx.output(0, elem.dtype, out2);
      } else {
        const out2 = [...shapes[0]];
        out2[axis] = dim(shapes.reduce((acc, sh) => acc.add(dimPoly(sh[axis])), Poly.ZERO));
        ctx.output(0, elem.dtype, out2);
      }
      return;
    }
    const out = [...elem.shape];
    if (newAxis)
      out.splice(axis, 0, ctx.fresh());
    else
      out[axis] = ctx.fresh();
    ctx.output(0, elem.dtype, out);
  },
  cost: () => NO_COMPUTE
};
var sequenceMap = {
  infer(ctx) {
    const body2 = ctx.attrGraph("body");
    if (!body2)
      ctx.fail("attribute body is required");
    const s = seqOf(ctx, 0);
    const extra = Array.from({ length: ctx.inputCount - 1 }, (_, i2) => ctx.input(1 + i2));
    const elemOf = (v) => v && v.kind === "sequence" ? v.elem : v;
    const n = s.items?.length;
    const argsOf = (item, k) => [item, ...extra.map((v) => v && v.kind === "sequence" && v.items ? v.items[k] : elemOf(v))];
    const distinct = s.items ? new Set(s.items.map((item, k) => argsOf(item, k).map((v) => valSignature(v)).join("|"))).size : 0;
    if (s.items && n !== void 0 && n > 0 && distinct * ctx.unrolled <= MAX_UNROLL) {
      const outs = [];
      s.items.forEach((item, k) => {
        outs.push([...ctx.subgraph(body2, argsOf(item, k), `body[${k}]`, Poly.ONE, { unroll: distinct }).outputs]);
      });
      for (let o = 0; o < ctx.outputCount; o++) {
        const items = outs.map((r2) => r2[o]).filter((v) => v !== void 0);
        ctx.setOutput(o, { kind: "sequence", elem: commonElem(ctx, items), items });
      }
      return;
    }
    const elem = s.items && s.items.length ? commonElem(ctx, s.items) : s.elem;
    const r = ctx.subgraph(body2, [elem, ...extra.map(elemOf)], "body", n === void 0 ? dimPoly(ctx.dataDependent("length")) : Poly.const(n));
    for (let o = 0; o < ctx.outputCount; o++)
      ctx.setOutput(o, { kind: "sequence", elem: r.outputs[o], ...n === 0 ? { items: [] } : {} });
  },
  cost: () => NO_COMPUTE
};
var optionalRule = {
  infer(ctx) {
    if (ctx.hasInput(0)) {
      ctx.setOutput(0, { kind: "optional", elem: ctx.input(0) });
      return;
    }
    const t = ctx.attrType("type");
    const elem = t && (t.kind === "tensor" || t.kind === "sparse_tensor") ? tensorVal(t.elemType, t.shape?.map((d) => typeof d === "number" ? d : ctx.fresh())) : t?.kind === "sequence" ? { kind: "sequence", elem: void 0 } : void 0;
    ctx.setOutput(0, { kind: "optional", elem });
  },
  cost: () => NO_COMPUTE
};
var optionalHasElement = {
  infer(ctx) {
    ctx.output(0, "bool", []);
  },
  cost: () => NO_COMPUTE
};
var optionalGetElement = {
  infer(ctx) {
    const v = ctx.input(0);
    ctx.setOutput(0, v && v.kind === "optional" ? v.elem : v);
  },
  cost: () => NO_COMPUTE
};
var controlFlowRules = {
  ConcatFromSequence: concatFromSequence,
  If: ifRule,
  Loop: loopRule,
  Optional: optionalRule,
  OptionalGetElement: optionalGetElement,
  OptionalHasElement: optionalHasElement,
  Scan: scanRule,
  SequenceAt: sequenceAt,
  SequenceConstruct: sequenceConstruct,
  SequenceEmpty: sequenceEmpty,
  SequenceErase: sequenceErase,
  SequenceInsert: sequenceInsert,
  SequenceLength: sequenceLength,
  SequenceMap: sequenceMap,
  SplitToSequence: splitToSequence
};

// ../../packages/onnx/dist/ops/ml.js
function rows(ctx) {
  const s = ctx.shape(0);
  return s.length >= 2 ? s[0] : 1;
}
function features(ctx) {
  const s = ctx.shape(0);
  return s[s.length - 1];
}
function labelType(ctx) {
  return ctx.attrStrings("classlabels_strings") ? "string" : "int64";
}
function classCount(ctx) {
  return (ctx.attrStrings("classlabels_strings") ?? ctx.attrInts("classlabels_ints") ?? ctx.attrInts("classlabels_int64s") ?? []).length;
}
var linearClassifier = {
  infer(ctx) {
    const n = rows(ctx);
    const classes = classCount(ctx);
    const coef = ctx.attrFloats("coefficients")?.length ?? 0;
    const f = features(ctx);
    const e2 = typeof f === "number" && f > 0 && coef > 0 ? Math.max(coef / f, classes === 2 && coef / f === 1 ? 2 : 0) : classes;
    ctx.output(0, labelType(ctx), [n]);
    ctx.output(1, "float32", [n, e2]);
  },
  // N * F * rows-of-coefficients multiply-adds.
  cost(ctx) {
    const coef = ctx.attrFloats("coefficients")?.length ?? 0;
    const macs = dimPoly(rows(ctx)).mul(coef);
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  }
};
var linearRegressor = {
  infer(ctx) {
    ctx.output(0, "float32", [rows(ctx), ctx.attrInt("targets", 1)]);
  },
  cost(ctx) {
    const macs = dimPoly(rows(ctx)).mul(ctx.attrFloats("coefficients")?.length ?? 0);
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  }
};
var normalizer = {
  infer: (ctx) => ctx.output(0, "float32", ctx.shape(0)),
  // L1/L2/MAX norm per row then a division per element: 3 per element.
  cost: (ctx) => elementwiseCost("LpNormalization", numElements(ctx.shape(0)), ctx.kernelOptions)
};
var scaler = {
  infer: (ctx) => ctx.output(0, "float32", ctx.shape(0)),
  // (x - offset) * scale.
  cost: (ctx) => elementwiseCost("Mul", numElements(ctx.shape(0)).mul(2), ctx.kernelOptions)
};
var arrayFeatureExtractor = {
  nonParamInputs: [1],
  infer(ctx) {
    const x2 = ctx.shape(0);
    const idx = ctx.shape(1);
    const k = numElements(idx);
    ctx.output(0, ctx.dtype(0), x2.length <= 1 ? [1, dim(k)] : [...x2.slice(0, -1), dim(k)]);
  },
  cost: () => NO_COMPUTE
};
var zipMap = {
  infer(ctx) {
    const keyType = ctx.attrStrings("classlabels_strings") ? "string" : "int64";
    ctx.setOutput(0, { kind: "sequence", elem: { kind: "map", keyType, value: { kind: "tensor", dtype: "float32", shape: [] } } });
  },
  cost: () => NO_COMPUTE
};
var dictVectorizer = {
  infer(ctx) {
    const vocab = (ctx.attrStrings("string_vocabulary") ?? ctx.attrInts("int64_vocabulary") ?? []).length;
    const v = ctx.input(0);
    const t = v && v.kind === "map" && v.value && v.value.kind === "tensor" ? v.value.dtype : "float32";
    ctx.output(0, t, [1, vocab]);
  },
  cost: () => NO_COMPUTE
};
function treeCost(ctx) {
  const nodes = (ctx.attrInts("nodes_nodeids") ?? ctx.attrInts("nodes_featureids") ?? []).length;
  const trees = new Set(ctx.attrInts("nodes_treeids") ?? []).size || 1;
  const depth = Math.max(1, Math.ceil(Math.log2(nodes / trees + 1)));
  return elementwiseCost("Less", dimPoly(rows(ctx)).mul(trees * depth), ctx.kernelOptions);
}
var treeRegressor = {
  infer: (ctx) => ctx.output(0, "float32", [rows(ctx), ctx.attrInt("n_targets", 1)]),
  cost: treeCost
};
var treeClassifier = {
  infer(ctx) {
    const n = rows(ctx);
    const c = classCount(ctx);
    ctx.output(0, labelType(ctx), [n]);
    ctx.output(1, "float32", [n, c]);
  },
  cost: treeCost
};
var svm = (classifier) => ({
  infer(ctx) {
    const n = rows(ctx);
    if (classifier) {
      ctx.output(0, labelType(ctx), [n]);
      ctx.output(1, "float32", [n, classCount(ctx)]);
    } else
      ctx.output(0, "float32", [n, 1]);
  },
  // Kernel evaluations: one dot product (F macs) per support vector per sample.
  cost(ctx) {
    const sv = ctx.attrFloats("support_vectors")?.length ?? 0;
    const macs = dimPoly(rows(ctx)).mul(sv);
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  }
});
function sameShape(out, perElem) {
  return {
    infer: (ctx) => ctx.output(0, out ?? ctx.dtype(0), ctx.shape(0)),
    cost: (ctx) => perElem === 0 ? NO_COMPUTE : elementwiseCost("Add", numElements(ctx.shape(0)).mul(perElem), ctx.kernelOptions)
  };
}
var oneHotEncoder = {
  infer(ctx) {
    const cats = (ctx.attrStrings("cats_strings") ?? ctx.attrInts("cats_int64s") ?? []).length;
    ctx.output(0, "float32", [...ctx.shape(0), cats]);
  },
  cost: () => NO_COMPUTE
};
var featureVectorizer = {
  infer(ctx) {
    const dims = ctx.attrInts("inputdimensions") ?? [];
    ctx.output(0, "float32", [rows(ctx), dims.reduce((a, b) => a + b, 0)]);
  },
  cost: () => NO_COMPUTE
};
var mlRules = {
  ArrayFeatureExtractor: arrayFeatureExtractor,
  Binarizer: sameShape(void 0, 1),
  CastMap: sameShape("float32", 0),
  CategoryMapper: sameShape(void 0, 0),
  DictVectorizer: dictVectorizer,
  FeatureVectorizer: featureVectorizer,
  Imputer: sameShape(void 0, 1),
  LabelEncoder: sameShape(void 0, 0),
  LinearClassifier: linearClassifier,
  LinearRegressor: linearRegressor,
  Normalizer: normalizer,
  OneHotEncoder: oneHotEncoder,
  Scaler: scaler,
  SVMClassifier: svm(true),
  SVMRegressor: svm(false),
  TreeEnsembleClassifier: treeClassifier,
  TreeEnsembleRegressor: treeRegressor,
  ZipMap: zipMap
};

// ../../packages/onnx/dist/ops/normalization.js
function passShape(ctx) {
  ctx.output(0, ctx.dtype(0), ctx.shape(0));
}
var batchNorm2 = {
  infer(ctx) {
    passShape(ctx);
    const x2 = ctx.shape(0);
    const c = x2.length > 1 ? [x2[1]] : [1];
    for (let i2 = 1; i2 < ctx.outputCount; i2++)
      if (ctx.hasOutput(i2))
        ctx.output(i2, ctx.hasInput(3) ? ctx.dtype(3) : ctx.dtype(0), c);
  },
  cost(ctx) {
    const x2 = ctx.shape(0);
    return normalizationCost({ kind: "batch", elements: numElements(x2), channels: x2[1] ?? 1 }, ctx.kernelOptions);
  }
};
var instanceNorm = {
  infer: passShape,
  cost(ctx) {
    const x2 = ctx.shape(0);
    return normalizationCost({ kind: "instance", elements: numElements(x2), groups: numElements(x2.slice(0, 2)), channels: x2[1] ?? 1 }, ctx.kernelOptions);
  }
};
var layerNorm2 = {
  infer(ctx) {
    const x2 = ctx.shape(0);
    passShape(ctx);
    const axis = ctx.axis(ctx.attrInt("axis", -1), x2.length);
    const stat = x2.map((d, i2) => i2 < axis ? d : 1);
    const statType = ctx.attrInt("stash_type", 1) === 1 ? "float32" : ctx.dtype(0);
    if (ctx.hasOutput(1))
      ctx.output(1, statType, stat);
    if (ctx.hasOutput(2))
      ctx.output(2, statType, stat);
  },
  cost(ctx) {
    const x2 = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt("axis", -1), x2.length);
    return normalizationCost({ kind: "layer", elements: numElements(x2), groups: numElements(x2.slice(0, axis)), affine: true, bias: ctx.hasInput(2) }, ctx.kernelOptions);
  }
};
var groupNorm2 = {
  infer: passShape,
  cost(ctx) {
    const x2 = ctx.shape(0);
    const g = ctx.attrInt("num_groups", 1);
    return normalizationCost({ kind: "group", elements: numElements(x2), groups: numElements([x2[0], g]), channels: x2[1] ?? 1 }, ctx.kernelOptions);
  }
};
var rmsNorm = {
  infer: passShape,
  cost(ctx) {
    const x2 = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt("axis", -1), x2.length);
    return normalizationCost({ kind: "rms", elements: numElements(x2), groups: numElements(x2.slice(0, axis)), affine: true }, ctx.kernelOptions);
  }
};
function elementwiseNorm(op) {
  return { infer: passShape, cost: (ctx) => elementwiseCost(op, numElements(ctx.shape(0)), ctx.kernelOptions) };
}
function softmaxLike(op) {
  return {
    infer(ctx) {
      const x2 = ctx.shape(0);
      if (x2.length > 0)
        ctx.axis(ctx.attrInt("axis", ctx.opset >= 13 ? -1 : 1), x2.length);
      passShape(ctx);
    },
    cost(ctx) {
      const x2 = ctx.shape(0);
      const axis = x2.length === 0 ? 0 : ctx.axis(ctx.attrInt("axis", ctx.opset >= 13 ? -1 : 1), x2.length);
      const axisSize = ctx.opset >= 13 ? x2[axis] ?? 1 : numElements(x2.slice(axis));
      return softmaxCost({ op, elements: numElements(x2), axisSize }, ctx.kernelOptions);
    }
  };
}
var dropout = {
  nonParamInputs: [1, 2],
  infer(ctx) {
    passShape(ctx);
    if (ctx.hasOutput(1))
      ctx.output(1, ctx.opset >= 12 ? "bool" : ctx.dtype(0), ctx.shape(0));
  },
  // Inference-mode Dropout is the identity (runtimes remove it): no arithmetic.
  cost: () => NO_COMPUTE
};
var normalizationRules = {
  BatchNormalization: batchNorm2,
  Dropout: dropout,
  GroupNormalization: groupNorm2,
  Hardmax: softmaxLike("Hardmax"),
  InstanceNormalization: instanceNorm,
  LayerNormalization: layerNorm2,
  LogSoftmax: softmaxLike("LogSoftmax"),
  LpNormalization: elementwiseNorm("LpNormalization"),
  LRN: elementwiseNorm("LRN"),
  MeanVarianceNormalization: elementwiseNorm("MeanVarianceNormalization"),
  RMSNormalization: rmsNorm,
  Softmax: softmaxLike("Softmax")
};

// ../../packages/onnx/dist/ops/reduce.js
function reducedShape(ctx, x2, axes, keep, noopWithEmpty) {
  if (!axes || axes.length === 0) {
    if (noopWithEmpty)
      return [...x2];
    return keep ? x2.map(() => 1) : [];
  }
  const set = new Set(axes.map((a) => ctx.axis(a, x2.length)));
  const out = [];
  x2.forEach((d, i2) => {
    if (!set.has(i2))
      out.push(d);
    else if (keep)
      out.push(1);
  });
  return out;
}
var FOLDS = {
  ReduceSum: { num: (a, b) => a + b, poly: (a, b) => a.add(b) },
  ReduceProd: { num: (a, b) => a * b, poly: (a, b) => a.mul(b) },
  ReduceMax: { num: (a, b) => Math.max(a, b), poly: (a, b) => a.max(b) },
  ReduceMin: { num: (a, b) => Math.min(a, b), poly: (a, b) => a.min(b) }
};
function reduceAll(op, data) {
  const fold = FOLDS[op];
  if (!fold || data.length === 0 || data.some((v) => typeof v === "string"))
    return void 0;
  const values = data;
  if (values.every((v) => typeof v === "number"))
    return [values.reduce((a, b) => fold.num(a, b))];
  if (values.some((v) => typeof v === "number" && !Number.isInteger(v)))
    return void 0;
  return [dim(values.map(dimPoly).reduce((a, b) => fold.poly(a, b)))];
}
function reduce(op, axesInputSince) {
  return {
    nonParamInputs: [1],
    infer(ctx) {
      const x2 = ctx.tensor(0);
      const s = ctx.shape(0);
      const keep = ctx.attrInt("keepdims", 1) === 1;
      let axes;
      if (ctx.opset >= axesInputSince) {
        if (ctx.hasInput(1)) {
          axes = ctx.ints(1);
          if (!axes) {
            const n = ctx.shape(1)[0];
            ctx.output(0, x2.dtype, keep ? s.map(() => ctx.fresh()) : typeof n === "number" ? Array.from({ length: s.length - n }, () => ctx.fresh()) : void 0);
            return;
          }
        }
      } else
        axes = ctx.attrInts("axes");
      const noop = ctx.opset >= axesInputSince && ctx.attrInt("noop_with_empty_axes", 0) === 1;
      const out = reducedShape(ctx, s, axes, keep, noop);
      const all = !noop && (!axes || axes.length === 0 || new Set(axes.map((a) => ctx.axis(a, s.length))).size === s.length);
      const data = x2.data && all ? reduceAll(op, x2.data) : void 0;
      ctx.output(0, x2.dtype, out, data);
    },
    cost(ctx) {
      return reduceCost({ op, inElements: numElements(ctx.shape(0)), outElements: numElements(ctx.outShape(0)) }, ctx.kernelOptions);
    }
  };
}
function argReduce(op) {
  return {
    infer(ctx) {
      const s = ctx.shape(0);
      const axis = ctx.axis(ctx.attrInt("axis", 0), Math.max(s.length, 1));
      const keep = ctx.attrInt("keepdims", 1) === 1;
      ctx.output(0, "int64", reducedShape(ctx, s, [axis], keep, false));
    },
    cost(ctx) {
      return reduceCost({ op, inElements: numElements(ctx.shape(0)), outElements: numElements(ctx.outShape(0)) }, ctx.kernelOptions);
    }
  };
}
var reduceRules = {
  ArgMax: argReduce("ArgMax"),
  ArgMin: argReduce("ArgMin"),
  ReduceL1: reduce("ReduceL1", 18),
  ReduceL2: reduce("ReduceL2", 18),
  ReduceLogSum: reduce("ReduceLogSum", 18),
  ReduceLogSumExp: reduce("ReduceLogSumExp", 18),
  ReduceMax: reduce("ReduceMax", 18),
  ReduceMean: reduce("ReduceMean", 18),
  ReduceMin: reduce("ReduceMin", 18),
  ReduceProd: reduce("ReduceProd", 18),
  ReduceSum: reduce("ReduceSum", 13),
  ReduceSumSquare: reduce("ReduceSumSquare", 18)
};

// ../../packages/onnx/dist/ops/tensor.js
var sameAsInput = (ctx) => ctx.output(0, ctx.dtype(0), ctx.shape(0));
var gatherElements = dataMovementRule((ctx) => {
  const r = ctx.rank(0);
  ctx.axis(ctx.attrInt("axis", 0), r);
  if (ctx.rank(1) !== r)
    ctx.fail(`input 1: indices rank ${ctx.rank(1)} must equal data rank ${r}`, 1);
  ctx.output(0, ctx.dtype(0), ctx.shape(1));
}, [1]);
var gatherND = dataMovementRule((ctx) => {
  const data = ctx.shape(0);
  const idx = ctx.shape(1);
  const b = ctx.attrInt("batch_dims", 0);
  const last2 = idx[idx.length - 1];
  if (typeof last2 !== "number")
    ctx.fail("input 1: the last dim of indices must be known", 1);
  if (b + last2 > data.length)
    ctx.fail(`indices address ${b + last2} axes of a rank-${data.length} tensor`, 1);
  ctx.output(0, ctx.dtype(0), [...idx.slice(0, -1), ...data.slice(b + last2)]);
}, [1]);
var scatterLike = dataMovementRule(sameAsInput, [1]);
var split = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const axis = ctx.axis(ctx.attrInt("axis", 0), s.length);
  const n = ctx.outputCount;
  let sizes = ctx.opset >= 13 ? ctx.hasInput(1) ? ctx.dims(1) : void 0 : ctx.attrInts("split");
  if (ctx.opset >= 13 && ctx.hasInput(1) && !sizes) {
    for (let i2 = 0; i2 < n; i2++)
      ctx.output(i2, ctx.dtype(0), s.map((d, k) => k === axis ? ctx.fresh() : d));
    return;
  }
  if (!sizes) {
    const d = s[axis];
    const parts = ctx.attrInt("num_outputs") ?? n;
    if (typeof d === "number") {
      const chunk = Math.ceil(d / parts);
      sizes = Array.from({ length: n }, (_, i2) => Math.max(0, Math.min(chunk, d - i2 * chunk)));
      if (ctx.opset < 18 && d % parts !== 0)
        ctx.fail(`axis ${axis} of size ${d} does not split into ${parts} equal parts`);
    } else
      sizes = Array.from({ length: n }, () => dimFloorDiv(d, parts));
  }
  if (sizes.length !== n)
    ctx.fail(`split has ${sizes.length} sizes for ${n} outputs`);
  sizes.forEach((len, i2) => ctx.output(i2, ctx.dtype(0), s.map((d, k) => k === axis ? len : d)));
}, [1]);
var pad = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const pads = ctx.opset >= 11 ? ctx.ints(1) : ctx.attrInts("pads") ?? ctx.attrInts("paddings");
  if (!pads) {
    ctx.output(0, ctx.dtype(0), s.map(() => ctx.fresh()));
    return;
  }
  const axes = ctx.opset >= 18 && ctx.hasInput(3) ? ctx.ints(3)?.map((a) => ctx.axis(a, s.length)) : s.map((_, i2) => i2);
  if (!axes)
    ctx.fail("input 3 (axes) must be a constant");
  if (pads.length !== 2 * axes.length)
    ctx.fail(`pads has ${pads.length} entries, expected ${2 * axes.length}`, 1);
  const out = [...s];
  axes.forEach((a, i2) => {
    out[a] = dim(dimPoly(s[a]).add(pads[i2] + pads[i2 + axes.length]));
  });
  ctx.output(0, ctx.dtype(0), out);
}, [1, 2, 3]);
var tile = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const reps = ctx.opset >= 6 ? ctx.dims(1) : void 0;
  if (!reps) {
    ctx.output(0, ctx.dtype(0), s.map(() => ctx.fresh()));
    return;
  }
  if (reps.length !== s.length)
    ctx.fail(`repeats has ${reps.length} entries for rank ${s.length}`, 1);
  ctx.output(0, ctx.dtype(0), s.map((d, i2) => dimMul(d, reps[i2])));
}, [1]);
function dtypeAttr(ctx, name = "dtype") {
  const code = ctx.attrInt(name);
  return code === void 0 ? ctx.dtype(0) : onnxTypeCode(ctx, code, `attribute ${name}`);
}
function blockRearrange(toSpace) {
  return dataMovementRule((ctx) => {
    if (ctx.rank(0) !== 4)
      ctx.fail(`input 0: expected rank 4, got rank ${ctx.rank(0)}`, 0);
    const [n, c, h, w] = ctx.shape(0);
    const b = ctx.attrInt("blocksize");
    if (!b)
      ctx.fail("attribute blocksize is required");
    const out = toSpace ? [n, dimFloorDiv(c, b * b), dimMul(h, b), dimMul(w, b)] : [n, dimMul(c, b * b), dimFloorDiv(h, b), dimFloorDiv(w, b)];
    ctx.output(0, ctx.dtype(0), out);
  });
}
var depthToSpace = blockRearrange(true);
var spaceToDepth = blockRearrange(false);
var oneHot = dataMovementRule((ctx) => {
  const idx = ctx.shape(0);
  const depthVal = ctx.data(1)?.[0];
  const depth = typeof depthVal === "number" ? Math.floor(depthVal) : depthVal !== void 0 && typeof depthVal !== "string" ? depthVal : ctx.dataDependent("depth");
  const rank = idx.length + 1;
  const axis = ctx.axis(ctx.attrInt("axis", -1), rank);
  const out = [...idx];
  out.splice(axis, 0, depth);
  ctx.output(0, ctx.dtype(2), out);
}, [0, 1]);
var topK = {
  nonParamInputs: [1],
  infer(ctx) {
    const s = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt("axis", -1), s.length);
    const kv = ctx.opset >= 10 ? ctx.dims(1)?.[0] : ctx.attrInt("k");
    const k = kv ?? ctx.dataDependent("k");
    const out = s.map((d, i2) => i2 === axis ? k : d);
    ctx.output(0, ctx.dtype(0), out);
    ctx.output(1, "int64", out);
  },
  // A partial sort: about n * log2(k) comparisons per slice; counted as one comparison per input element per level.
  cost(ctx) {
    const k = ctx.outShape(0)[ctx.axis(ctx.attrInt("axis", -1), ctx.rank(0))];
    const levels = typeof k === "number" ? Math.max(1, Math.ceil(Math.log2(Math.max(2, k)))) : 1;
    return elementwiseCost("Less", numElements(ctx.shape(0)).mul(levels), ctx.kernelOptions);
  }
};
function countNonZero(ctx, i2, tag) {
  const d = ctx.numbers(i2);
  return d ? d.filter((v) => v !== 0).length : ctx.dataDependent(tag);
}
var nonZero = dataMovementRule((ctx) => {
  ctx.output(0, "int64", [ctx.rank(0), countNonZero(ctx, 0, "nonzero")]);
});
var compress = dataMovementRule((ctx) => {
  const s = ctx.shape(0);
  const cond = ctx.numbers(1);
  const axisAttr = ctx.attrInt("axis");
  if (axisAttr === void 0) {
    const n2 = cond ? cond.slice(0, prod2(s.map((d2) => typeof d2 === "number" ? d2 : Infinity))).filter((v) => v !== 0).length : ctx.dataDependent("count");
    ctx.output(0, ctx.dtype(0), [n2]);
    return;
  }
  const axis = ctx.axis(axisAttr, s.length);
  const d = s[axis];
  const n = cond ? cond.slice(0, typeof d === "number" ? d : cond.length).filter((v) => v !== 0).length : ctx.dataDependent("count");
  ctx.output(0, ctx.dtype(0), s.map((x2, i2) => i2 === axis ? n : x2));
}, [1]);
var unique = {
  infer(ctx) {
    const s = ctx.shape(0);
    const x2 = ctx.data(0);
    const axisAttr = ctx.attrInt("axis");
    let u;
    if (x2 && axisAttr === void 0)
      u = new Set(x2.map((v) => typeof v === "object" ? v.key : String(v))).size;
    else if (x2 && axisAttr !== void 0 && s.every((d) => typeof d === "number")) {
      const cs = s;
      const axis = ctx.axis(axisAttr, cs.length);
      const outer = prod2(cs.slice(0, axis));
      const inner = prod2(cs.slice(axis + 1));
      const slices = /* @__PURE__ */ new Set();
      for (let k = 0; k < cs[axis]; k++) {
        const parts = [];
        for (let o = 0; o < outer; o++)
          for (let j = 0; j < inner; j++)
            parts.push(String(x2[(o * cs[axis] + k) * inner + j]));
        slices.add(parts.join(","));
      }
      u = slices.size;
    } else
      u = ctx.dataDependent("unique");
    const n = axisAttr === void 0 ? dim(numElements(s)) : s[ctx.axis(axisAttr, s.length)];
    const y = axisAttr === void 0 ? [u] : s.map((d, i2) => i2 === ctx.axis(axisAttr, s.length) ? u : d);
    ctx.output(0, ctx.dtype(0), y);
    if (ctx.hasOutput(1))
      ctx.output(1, "int64", [u]);
    if (ctx.hasOutput(2))
      ctx.output(2, "int64", [n]);
    if (ctx.hasOutput(3))
      ctx.output(3, "int64", [u]);
  },
  // Sorting-based: about log2(n) comparisons per element; counted as one comparison per element.
  cost: (ctx) => elementwiseCost("Less", numElements(ctx.shape(0)), ctx.kernelOptions)
};
var trilu = dataMovementRule(sameAsInput, [1]);
var eyeLike = dataMovementRule((ctx) => ctx.output(0, dtypeAttr(ctx), ctx.shape(0)));
var reverseSequence = dataMovementRule(sameAsInput, [1]);
var cumSum = {
  nonParamInputs: [1],
  infer: sameAsInput,
  // One addition per element along the axis.
  cost: (ctx) => elementwiseCost("Add", numElements(ctx.shape(0)), ctx.kernelOptions)
};
var tensorRules = {
  Compress: compress,
  CumSum: cumSum,
  DepthToSpace: depthToSpace,
  EyeLike: eyeLike,
  GatherElements: gatherElements,
  GatherND: gatherND,
  NonZero: nonZero,
  OneHot: oneHot,
  Pad: pad,
  ReverseSequence: reverseSequence,
  Scatter: scatterLike,
  ScatterElements: scatterLike,
  ScatterND: scatterLike,
  SpaceToDepth: spaceToDepth,
  Split: split,
  Tile: tile,
  TopK: topK,
  Trilu: trilu,
  Unique: unique
};

// ../../packages/onnx/dist/ops/nn.js
function scaleDim(ctx, d, s) {
  if (s === 1)
    return d;
  if (typeof d === "number")
    return Math.floor(d * s + 1e-9);
  if (Number.isInteger(s))
    return dim(d.mul(s));
  const inv = 1 / s;
  if (Number.isInteger(Math.round(inv)) && Math.abs(Math.round(inv) - inv) < 1e-9)
    return dim(d.floorDiv(Math.round(inv)));
  return ctx.fresh();
}
var resize = {
  nonParamInputs: [1, 2, 3],
  infer(ctx) {
    const s = ctx.shape(0);
    let scales;
    let sizes;
    if (ctx.opset < 11)
      scales = ctx.numbers(1);
    else {
      if (ctx.hasInput(3))
        sizes = ctx.dims(3);
      if (!sizes && ctx.hasInput(2)) {
        const sc = ctx.numbers(2);
        if (sc && sc.length > 0)
          scales = sc;
      }
      if (!sizes && !scales && !(ctx.hasInput(2) && ctx.shape(2)[0] !== 0) && !ctx.hasInput(3))
        ctx.fail("one of scales (input 2) or sizes (input 3) is required");
    }
    const axes = ctx.opset >= 18 && ctx.hasAttr("axes") ? ctx.attrInts("axes").map((a) => ctx.axis(a, s.length)) : s.map((_, i2) => i2);
    const out = [...s];
    if (sizes) {
      if (sizes.length !== axes.length)
        ctx.fail(`sizes has ${sizes.length} entries for ${axes.length} axes`, 3);
      const policy = ctx.attrString("keep_aspect_ratio_policy", "stretch");
      if (policy !== "stretch" && axes.every((a, i2) => typeof s[a] === "number" && typeof sizes[i2] === "number")) {
        const ratios = axes.map((a, i2) => sizes[i2] / s[a]);
        const r = policy === "not_larger" ? Math.min(...ratios) : Math.max(...ratios);
        axes.forEach((a) => out[a] = Math.round(s[a] * r));
      } else
        axes.forEach((a, i2) => out[a] = sizes[i2]);
    } else if (scales) {
      if (scales.length !== axes.length)
        ctx.fail(`scales has ${scales.length} entries for ${axes.length} axes`);
      axes.forEach((a, i2) => out[a] = scaleDim(ctx, s[a], scales[i2]));
    } else {
      axes.forEach((a) => out[a] = ctx.fresh());
    }
    ctx.output(0, ctx.dtype(0), out);
  },
  cost(ctx) {
    const mode = ctx.attrString("mode", "nearest");
    const s = ctx.shape(0);
    const o = ctx.outShape(0);
    const rank = o.filter((d, i2) => s[i2] === void 0 || !dimEq(d, s[i2])).length;
    const m2 = mode === "linear" || mode === "bilinear" ? "linear" : mode === "cubic" ? "cubic" : "nearest";
    return resizeCost({ mode: m2, outElements: numElements(o), spatialRank: Math.max(rank, 1) }, ctx.kernelOptions);
  }
};
var upsample = {
  nonParamInputs: [1],
  infer(ctx) {
    const s = ctx.shape(0);
    const scales = ctx.opset >= 9 ? ctx.numbers(1) : ctx.attrFloats("scales");
    if (!scales) {
      ctx.output(0, ctx.dtype(0), s.map(() => ctx.fresh()));
      return;
    }
    ctx.output(0, ctx.dtype(0), s.map((d, i2) => scaleDim(ctx, d, scales[i2] ?? 1)));
  },
  cost: resize.cost
};
var gridSample = {
  infer(ctx) {
    const x2 = ctx.shape(0);
    const g = ctx.shape(1);
    ctx.output(0, ctx.dtype(0), [x2[0], x2[1], ...g.slice(1, -1)]);
  },
  cost(ctx) {
    const mode = ctx.attrString("mode", ctx.opset >= 20 ? "linear" : "bilinear");
    const o = ctx.outShape(0);
    return resizeCost({ mode: mode === "nearest" ? "nearest" : mode === "cubic" || mode === "bicubic" ? "cubic" : "linear", outElements: numElements(o), spatialRank: o.length - 2 }, ctx.kernelOptions);
  }
};
var roiAlign = {
  nonParamInputs: [1, 2],
  infer(ctx) {
    const x2 = ctx.shape(0);
    const r = ctx.shape(1);
    ctx.output(0, ctx.dtype(0), [r[0], x2[1], ctx.attrInt("output_height", 1), ctx.attrInt("output_width", 1)]);
  },
  // Each output bin averages sampling_ratio^2 bilinear samples (7 flops each); default ratio 2 when adaptive.
  cost(ctx) {
    const ratio = Math.max(1, ctx.attrInt("sampling_ratio", 0) || 2);
    return elementwiseCost("Add", numElements(ctx.outShape(0)).mul(ratio * ratio * 7 + 1), ctx.kernelOptions);
  }
};
var maxRoiPool = {
  nonParamInputs: [1],
  infer(ctx) {
    const x2 = ctx.shape(0);
    const r = ctx.shape(1);
    const ps = ctx.attrInts("pooled_shape");
    if (!ps || ps.length !== 2)
      ctx.fail("attribute pooled_shape [h, w] is required");
    ctx.output(0, ctx.dtype(0), [r[0], x2[1], ps[0], ps[1]]);
  },
  cost: () => NO_COMPUTE
};
var nms = {
  nonParamInputs: [2, 3, 4],
  infer(ctx) {
    ctx.output(0, "int64", [ctx.dataDependent("selected"), 3]);
  },
  // Pairwise IoU of the boxes of each class: about 10 flops per pair (areas, intersection, division).
  cost(ctx) {
    const b = ctx.shape(0);
    const s = ctx.shape(1);
    const n = dimPoly(b[1]);
    return elementwiseCost("Add", numElements([s[0], s[1]]).mul(n).mul(10), ctx.kernelOptions);
  }
};
var GATES2 = { rnn: 1, gru: 3, lstm: 4 };
function recurrent2(cell) {
  return {
    nonParamInputs: [4],
    weightInputs: [1, 2, 3],
    infer(ctx) {
      const x2 = ctx.shape(0);
      const w = ctx.shape(1);
      const layout = ctx.attrInt("layout", 0);
      const dirs = ctx.attrString("direction", "forward") === "bidirectional" ? 2 : 1;
      const hidden = ctx.attrInt("hidden_size") ?? dimPoly(w[1]).floorDiv(GATES2[cell]);
      const [seq, batch] = layout === 0 ? [x2[0], x2[1]] : [x2[1], x2[0]];
      const t = ctx.dtype(0);
      ctx.output(0, t, layout === 0 ? [seq, dirs, batch, hidden] : [batch, seq, dirs, hidden]);
      const state = layout === 0 ? [dirs, batch, hidden] : [batch, dirs, hidden];
      ctx.output(1, t, state);
      if (cell === "lstm")
        ctx.output(2, t, state);
    },
    cost(ctx) {
      const x2 = ctx.shape(0);
      const w = ctx.shape(1);
      const layout = ctx.attrInt("layout", 0);
      const dirs = ctx.attrString("direction", "forward") === "bidirectional" ? 2 : 1;
      const hidden = ctx.attrInt("hidden_size") ?? dimPoly(w[1]).floorDiv(GATES2[cell]);
      const c = rnnCost({ cell, seqLen: layout === 0 ? x2[0] : x2[1], batch: layout === 0 ? x2[1] : x2[0], inputSize: x2[2], hiddenSize: dim(hidden), directions: dirs, biasVectors: ctx.hasInput(3) ? 2 : 0 }, ctx.kernelOptions);
      return c;
    }
  };
}
var quantizeLinear = {
  infer(ctx) {
    let t = "uint8";
    if (ctx.hasInput(2))
      t = ctx.dtype(2);
    else if (ctx.hasAttr("output_dtype") && ctx.attrInt("output_dtype") !== 0)
      t = onnxTypeCode(ctx, ctx.attrInt("output_dtype"), "attribute output_dtype");
    ctx.output(0, t, ctx.shape(0));
  },
  cost: (ctx) => quantizeCost(numElements(ctx.shape(0)), ctx.kernelOptions)
};
var dequantizeLinear = {
  // A stored quantized weight with its scale and zero point (an int32 bias and its int32 zero point
  // included): what the op dequantizes is a weight; its output carries it into the consumer.
  weightInputs: [0, 1, 2],
  infer(ctx) {
    const t = ctx.opset >= 19 ? ctx.dtype(1) : "float32";
    const out = ctx.attrInt("output_dtype");
    ctx.output(0, out ? onnxTypeCode(ctx, out, "attribute output_dtype") : t, ctx.shape(0));
  },
  cost: (ctx) => dequantizeCost(numElements(ctx.shape(0)), ctx.kernelOptions)
};
var dynamicQuantizeLinear = {
  infer(ctx) {
    ctx.output(0, "uint8", ctx.shape(0));
    ctx.output(1, "float32", []);
    ctx.output(2, "uint8", []);
  },
  // min and max reductions (2 per element) then quantize (5 per element).
  cost: (ctx) => {
    const n = numElements(ctx.shape(0));
    return { macs: Poly.ZERO, flops: n.mul(7), params: Poly.ZERO };
  }
};
function lossShape(ctx, target) {
  return ctx.attrString("reduction", "mean") === "none" ? target : [];
}
var nllLoss = {
  nonParamInputs: [1],
  infer(ctx) {
    ctx.output(0, ctx.dtype(0), lossShape(ctx, ctx.shape(1)));
  },
  // Per target element: pick, negate, weight (2 flops); a mean/sum adds one more per element.
  cost: (ctx) => elementwiseCost("Mul", numElements(ctx.shape(1)).mul(3), ctx.kernelOptions)
};
var sceLoss = {
  nonParamInputs: [1],
  infer(ctx) {
    ctx.output(0, ctx.dtype(0), lossShape(ctx, ctx.shape(1)));
    if (ctx.hasOutput(1))
      ctx.output(1, ctx.dtype(0), ctx.shape(0));
  },
  // LogSoftmax over the class axis (5 per score) and the NLL pick (3 per target element).
  cost(ctx) {
    const s = ctx.shape(0);
    const ls = softmaxCost({ op: "LogSoftmax", elements: numElements(s), axisSize: s[1] ?? 1 }, ctx.kernelOptions);
    return { macs: Poly.ZERO, flops: ls.flops.add(numElements(ctx.shape(1)).mul(3)), params: Poly.ZERO };
  }
};
function fftFlops(n, transforms) {
  if (typeof n !== "number")
    return transforms.mul(dimPoly(n)).mul(5);
  return transforms.mul(Math.round(5 * n * Math.max(1, Math.log2(Math.max(n, 2)))));
}
var dft = {
  nonParamInputs: [1, 2],
  infer(ctx) {
    const s = ctx.shape(0);
    const axisIn = ctx.opset >= 20 ? ctx.ints(2)?.[0] : void 0;
    const axis = ctx.axis(axisIn ?? ctx.attrInt("axis", ctx.opset >= 20 ? -2 : 1), s.length);
    const len = ctx.hasInput(1) ? ctx.dims(1)?.[0] ?? ctx.fresh() : s[axis];
    const onesided = ctx.attrInt("onesided", 0) === 1;
    const out = [...s];
    out[axis] = onesided ? dim(dimPoly(len).floorDiv(2).add(1)) : len;
    out[out.length - 1] = 2;
    ctx.output(0, ctx.dtype(0), out);
  },
  cost(ctx) {
    const s = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt("axis", 1), s.length);
    const n = s[axis];
    const transforms = numElements(s.filter((_, i2) => i2 !== axis && i2 !== s.length - 1));
    return { macs: Poly.ZERO, flops: fftFlops(n, transforms), params: Poly.ZERO };
  }
};
var stft = {
  nonParamInputs: [1, 2, 3],
  infer(ctx) {
    const s = ctx.shape(0);
    const step = ctx.dims(1)?.[0];
    const frameLen = ctx.hasInput(3) ? ctx.dims(3)?.[0] : ctx.hasInput(2) ? ctx.shape(2)[0] : void 0;
    const onesided = ctx.attrInt("onesided", 1) === 1;
    if (step === void 0 || frameLen === void 0) {
      ctx.output(0, ctx.dtype(0), [s[0], ctx.fresh(), ctx.fresh(), 2]);
      return;
    }
    const frames = dim(dimPoly(s[1]).sub(dimPoly(frameLen)).floorDiv(dimPoly(step)).add(1));
    const bins = onesided ? dim(dimPoly(frameLen).floorDiv(2).add(1)) : frameLen;
    ctx.output(0, ctx.dtype(0), [s[0], frames, bins, 2]);
  },
  cost(ctx) {
    const o = ctx.outShape(0);
    const frameLen = ctx.hasInput(3) ? ctx.dims(3)?.[0] ?? 1 : ctx.hasInput(2) ? ctx.shape(2)[0] : 1;
    return { macs: Poly.ZERO, flops: fftFlops(frameLen, numElements([o[0], o[1]])), params: Poly.ZERO };
  }
};
function windowOp() {
  return {
    infer(ctx) {
      const n = ctx.dims(0)?.[0] ?? ctx.dataDependent("size");
      ctx.output(0, dtypeAttrOr(ctx, "output_datatype", "float32"), [n]);
    },
    // A cosine or two per sample: counted as 3 flops (mul, cos, fused add) per element.
    cost: (ctx) => elementwiseCost("Cos", numElements(ctx.outShape(0)).mul(3), ctx.kernelOptions)
  };
}
function dtypeAttrOr(ctx, name, dflt) {
  const code = ctx.attrInt(name);
  return code === void 0 ? dflt : onnxTypeCode(ctx, code, `attribute ${name}`);
}
var melWeightMatrix = {
  infer(ctx) {
    const bins = ctx.dims(0)?.[0] ?? ctx.fresh();
    const dftLen = ctx.dims(1)?.[0];
    const rows2 = dftLen === void 0 ? ctx.fresh() : dim(dimPoly(dftLen).floorDiv(2).add(1));
    ctx.output(0, dtypeAttrOr(ctx, "output_datatype", "float32"), [rows2, bins]);
  },
  // Triangular filter weights: one division and a comparison per matrix element.
  cost: (ctx) => elementwiseCost("Div", numElements(ctx.outShape(0)).mul(2), ctx.kernelOptions)
};
var det = {
  infer(ctx) {
    const s = ctx.shape(0);
    if (s.length < 2)
      ctx.fail(`input 0: expected rank >= 2, got ${s.length}`, 0);
    ctx.output(0, ctx.dtype(0), s.slice(0, -2));
  },
  // LU decomposition: about 2/3 n^3 flops per matrix.
  cost(ctx) {
    const s = ctx.shape(0);
    const n = dimPoly(s[s.length - 1]);
    return { macs: Poly.ZERO, flops: numElements(s.slice(0, -2)).mul(n.pow(3).mul(2).floorDiv(3)), params: Poly.ZERO };
  }
};
function randomLike() {
  return {
    infer: (ctx) => ctx.output(0, dtypeAttr(ctx), ctx.shape(0)),
    cost: (ctx) => elementwiseCost("Mul", numElements(ctx.outShape(0)), ctx.kernelOptions)
  };
}
function randomFromShape() {
  return {
    infer(ctx) {
      const shape = ctx.attrInts("shape");
      if (!shape)
        ctx.fail("attribute shape is required");
      ctx.output(0, dtypeAttrOr(ctx, "dtype", "float32"), shape);
    },
    cost: (ctx) => elementwiseCost("Mul", numElements(ctx.outShape(0)), ctx.kernelOptions)
  };
}
var multinomial = {
  infer(ctx) {
    const s = ctx.shape(0);
    ctx.output(0, dtypeAttrOr(ctx, "dtype", "int32"), [s[0], ctx.attrInt("sample_size", 1)]);
  },
  cost: (ctx) => elementwiseCost("Less", numElements(ctx.shape(0)).mul(ctx.attrInt("sample_size", 1)), ctx.kernelOptions)
};
function optimizer(kind) {
  const groups = kind === "Adam" ? 4 : kind === "Adagrad" ? 3 : 3;
  const perElem = kind === "Adam" ? 12 : kind === "Adagrad" ? 7 : 4;
  return {
    infer(ctx) {
      const n = (ctx.inputCount - 2) / groups;
      if (!Number.isInteger(n))
        ctx.fail(`expected R, T and ${groups} groups of tensors, got ${ctx.inputCount} inputs`);
      const states = groups - 2;
      for (let i2 = 0; i2 < n; i2++)
        ctx.output(i2, ctx.dtype(2 + i2), ctx.shape(2 + i2));
      for (let k = 0; k < states; k++)
        for (let i2 = 0; i2 < n; i2++)
          ctx.output(n + k * n + i2, ctx.dtype(2 + (2 + k) * n + i2), ctx.shape(2 + (2 + k) * n + i2));
    },
    // Per parameter element: Adagrad ~7 (square, add, sqrt, add eps, div, mul, sub), Adam ~12, Momentum ~4.
    cost(ctx) {
      const n = (ctx.inputCount - 2) / groups;
      let total = Poly.ZERO;
      for (let i2 = 0; i2 < n; i2++)
        total = total.add(numElements(ctx.shape(2 + i2)));
      return { macs: Poly.ZERO, flops: total.mul(perElem), params: Poly.ZERO };
    }
  };
}
var gradient = {
  infer(ctx) {
    const xs = ctx.attrStrings("xs");
    if (!xs)
      ctx.fail("attribute xs is required");
    xs.forEach((name, i2) => {
      const v = ctx.valueOf(name);
      if (!v)
        ctx.fail(`xs[${i2}] names ${JSON.stringify(name)}, which is not a value in scope`);
      ctx.setOutput(i2, v.kind === "tensor" ? { kind: "tensor", dtype: v.dtype, shape: v.shape } : v);
    });
  },
  cost(ctx) {
    let n = Poly.ZERO;
    for (let i2 = 0; i2 < ctx.outputCount; i2++)
      n = n.add(numElements(ctx.outShape(i2)));
    return { macs: Poly.ZERO, flops: n.mul(2), params: Poly.ZERO };
  }
};
var imageScaler = {
  infer: (ctx) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx) => elementwiseCost("Mul", numElements(ctx.shape(0)).mul(2), ctx.kernelOptions)
};
var affineGrid = {
  nonParamInputs: [1],
  infer(ctx) {
    const size = ctx.dims(1);
    const r = ctx.shape(1)[0];
    if (!size) {
      ctx.output(0, ctx.dtype(0), typeof r === "number" ? [ctx.fresh(), ...Array.from({ length: r - 2 }, () => ctx.fresh()), r - 2] : void 0);
      return;
    }
    ctx.output(0, ctx.dtype(0), [size[0], ...size.slice(2), size.length - 2]);
  },
  // Each grid point is theta (k x (k+1)) times a homogeneous coordinate: k*(k+1) macs.
  cost(ctx) {
    const o = ctx.outShape(0);
    const k = o[o.length - 1];
    const macs = numElements(o.slice(0, -1)).mul(k * (k + 1));
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  }
};
var centerCropPad = {
  nonParamInputs: [1],
  infer(ctx) {
    const s = ctx.shape(0);
    const target = ctx.dims(1);
    const axes = (ctx.attrInts("axes") ?? s.map((_, i2) => i2)).map((a) => ctx.axis(a, s.length));
    if (!target) {
      ctx.output(0, ctx.dtype(0), s.map((d, i2) => axes.includes(i2) ? ctx.fresh() : d));
      return;
    }
    if (target.length !== axes.length)
      ctx.fail(`shape has ${target.length} entries for ${axes.length} axes`, 1);
    const out = [...s];
    axes.forEach((a, i2) => out[a] = target[i2]);
    ctx.output(0, ctx.dtype(0), out);
  },
  cost: () => NO_COMPUTE
};
var col2Im = {
  nonParamInputs: [1, 2],
  infer(ctx) {
    const x2 = ctx.shape(0);
    const image = ctx.dims(1);
    const block = ctx.dims(2);
    if (!image || !block)
      ctx.fail("image_shape and block_shape must be constants");
    const c = dim(dimPoly(x2[1]).floorDiv(numElements(block)));
    ctx.output(0, ctx.dtype(0), [x2[0], c, ...image]);
  },
  // One addition per input element (overlapping blocks accumulate).
  cost: (ctx) => elementwiseCost("Add", numElements(ctx.shape(0)), ctx.kernelOptions)
};
var imageDecoder = {
  infer(ctx) {
    const fmt2 = ctx.attrString("pixel_format", "RGB");
    ctx.output(0, "uint8", [ctx.dataDependent("height"), ctx.dataDependent("width"), fmt2 === "Grayscale" ? 1 : 3]);
  },
  // Decoding cost depends on the codec; counted as one operation per output byte.
  cost: (ctx) => elementwiseCost("Add", numElements(ctx.outShape(0)), ctx.kernelOptions)
};
var onnxAttention = {
  nonParamInputs: [3],
  infer(ctx) {
    const q = ctx.shape(0);
    const k = ctx.shape(1);
    const v = ctx.shape(2);
    let y;
    if (q.length === 4)
      y = [q[0], q[1], q[2], v[3]];
    else {
      const qHeads = ctx.attrInt("q_num_heads");
      const kvHeads2 = ctx.attrInt("kv_num_heads");
      if (!qHeads || !kvHeads2)
        ctx.fail("3-D inputs need attributes q_num_heads and kv_num_heads");
      y = [q[0], q[1], dim(dimPoly(v[2]).floorDiv(kvHeads2).mul(qHeads))];
    }
    ctx.output(0, ctx.dtype(0), y);
    const kv4 = (s, heads) => s.length === 4 ? [...s] : [s[0], heads ?? 1, s[1], dim(dimPoly(s[2]).floorDiv(heads ?? 1))];
    const past = (i2, cur) => ctx.hasInput(i2) ? [cur[0], cur[1], dim(dimPoly(ctx.shape(i2)[2]).add(dimPoly(cur[2]))), cur[3]] : cur;
    const kvHeads = ctx.attrInt("kv_num_heads");
    if (ctx.hasOutput(1))
      ctx.output(1, ctx.dtype(1), past(4, kv4(k, kvHeads)));
    if (ctx.hasOutput(2))
      ctx.output(2, ctx.dtype(2), past(5, kv4(v, kvHeads)));
    if (ctx.hasOutput(3))
      ctx.output(3, ctx.dtype(0), [q[0], q.length === 4 ? q[1] : ctx.attrInt("q_num_heads") ?? 1, q.length === 4 ? q[2] : q[1], past(4, kv4(k, kvHeads))[2]]);
  },
  cost(ctx) {
    const q = ctx.shape(0);
    const heads = q.length === 4 ? q[1] : ctx.attrInt("q_num_heads") ?? 1;
    const seqQ = q.length === 4 ? q[2] : q[1];
    const kOut = ctx.hasOutput(1) ? ctx.outShape(1) : void 0;
    const k = ctx.shape(1);
    const seqK = kOut ? kOut[2] : k.length === 4 ? k[2] : k[1];
    const y = ctx.outShape(0);
    const headDim = q.length === 4 ? q[3] : dim(dimPoly(q[2]).floorDiv(heads));
    const headDimV = y.length === 4 ? y[3] : dim(dimPoly(y[2]).floorDiv(heads));
    return attentionCost({ batch: q[0], heads, seqQ, seqK, headDim, headDimV }, ctx.kernelOptions);
  }
};
var onnxRotary = {
  nonParamInputs: [3],
  infer: (ctx) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx) => elementwiseCost("Mul", numElements(ctx.shape(0)).mul(3), ctx.kernelOptions)
};
var nnRules = {
  Adagrad: optimizer("Adagrad"),
  AffineGrid: affineGrid,
  Attention: onnxAttention,
  CenterCropPad: centerCropPad,
  Col2Im: col2Im,
  ImageDecoder: imageDecoder,
  RotaryEmbedding: onnxRotary,
  Adam: optimizer("Adam"),
  Bernoulli: randomLike(),
  BlackmanWindow: windowOp(),
  DequantizeLinear: dequantizeLinear,
  Det: det,
  DFT: dft,
  DynamicQuantizeLinear: dynamicQuantizeLinear,
  Gradient: gradient,
  GridSample: gridSample,
  GRU: recurrent2("gru"),
  HammingWindow: windowOp(),
  HannWindow: windowOp(),
  ImageScaler: imageScaler,
  LSTM: recurrent2("lstm"),
  MaxRoiPool: maxRoiPool,
  MelWeightMatrix: melWeightMatrix,
  Momentum: optimizer("Momentum"),
  Multinomial: multinomial,
  NegativeLogLikelihoodLoss: nllLoss,
  NonMaxSuppression: nms,
  QuantizeLinear: quantizeLinear,
  RandomNormal: randomFromShape(),
  RandomNormalLike: randomLike(),
  RandomUniform: randomFromShape(),
  RandomUniformLike: randomLike(),
  Resize: resize,
  RNN: recurrent2("rnn"),
  RoiAlign: roiAlign,
  SoftmaxCrossEntropyLoss: sceLoss,
  STFT: stft,
  Upsample: upsample
};

// ../../packages/onnx/dist/ops/text.js
var perElement2 = (ctx) => elementwiseCost("Equal", numElements(ctx.shape(0)), ctx.kernelOptions);
var stringNormalizer = {
  infer(ctx) {
    const s = ctx.shape(0);
    const data = ctx.data(0);
    const stop = ctx.attrStrings("stopwords") ?? [];
    const sensitive = ctx.attrInt("is_case_sensitive", 0) === 1;
    let n;
    if (stop.length === 0)
      n = s[s.length - 1];
    else if (data && data.every((v) => typeof v === "string")) {
      const norm = (w) => sensitive ? w : w.toLowerCase();
      const set = new Set(stop.map(norm));
      n = Math.max(1, data.filter((w) => !set.has(norm(w))).length);
    } else
      n = ctx.dataDependent("kept");
    ctx.output(0, "string", s.length === 2 ? [s[0], n] : [n]);
  },
  cost: perElement2
};
var stringConcat = {
  infer: (ctx) => ctx.output(0, "string", ctx.broadcast(ctx.shape(0), ctx.shape(1))),
  cost: (ctx) => elementwiseCost("Add", numElements(ctx.outShape(0)), ctx.kernelOptions)
};
var regexFullMatch = {
  infer: (ctx) => ctx.output(0, "bool", ctx.shape(0)),
  cost: perElement2
};
var stringSplit = {
  infer(ctx) {
    const s = ctx.shape(0);
    ctx.output(0, "string", [...s, ctx.dataDependent("tokens")]);
    ctx.output(1, "int64", s);
  },
  cost: perElement2
};
var tfIdf = {
  infer(ctx) {
    const s = ctx.shape(0);
    const idx = ctx.attrInts("ngram_indexes");
    if (!idx || idx.length === 0)
      ctx.fail("attribute ngram_indexes is required");
    const width = maxOf(idx) + 1;
    ctx.output(0, "float32", s.length === 2 ? [s[0], width] : [width]);
  },
  // Every input position starts up to max_gram_length n-gram lookups.
  cost: (ctx) => elementwiseCost("Equal", numElements(ctx.shape(0)).mul(ctx.attrInt("max_gram_length", 1)), ctx.kernelOptions)
};
var textRules = {
  RegexFullMatch: regexFullMatch,
  StringConcat: stringConcat,
  StringNormalizer: stringNormalizer,
  StringSplit: stringSplit,
  TfIdfVectorizer: tfIdf
};

// ../../packages/onnx/dist/ops/index.js
function e(op, since, rule, domain = "", until) {
  if (!rule)
    throw new Error(`registry: no rule object for ${domain ? `${domain}.` : ""}${op}`);
  return until === void 0 ? { op, domain, since, rule } : { op, domain, since, until, rule };
}
var ONNX_RULES = [
  e("Abs", 1, elementwiseRules.Abs),
  e("Acos", 7, elementwiseRules.Acos),
  e("Acosh", 9, elementwiseRules.Acosh),
  e("Add", 1, elementwiseRules.Add),
  e("AffineGrid", 20, nnRules.AffineGrid),
  e("And", 1, elementwiseRules.And),
  e("ArgMax", 1, reduceRules.ArgMax),
  e("ArgMin", 1, reduceRules.ArgMin),
  e("Asin", 7, elementwiseRules.Asin),
  e("Asinh", 9, elementwiseRules.Asinh),
  e("Atan", 7, elementwiseRules.Atan),
  e("Atanh", 9, elementwiseRules.Atanh),
  e("Attention", 23, nnRules.Attention),
  e("AveragePool", 1, convRules.AveragePool),
  e("BatchNormalization", 1, normalizationRules.BatchNormalization),
  e("Bernoulli", 15, nnRules.Bernoulli),
  e("BitShift", 11, elementwiseRules.BitShift),
  e("BitwiseAnd", 18, elementwiseRules.BitwiseAnd),
  e("BitwiseNot", 18, elementwiseRules.BitwiseNot),
  e("BitwiseOr", 18, elementwiseRules.BitwiseOr),
  e("BitwiseXor", 18, elementwiseRules.BitwiseXor),
  e("BlackmanWindow", 17, nnRules.BlackmanWindow),
  e("Cast", 1, shapeRules.Cast),
  e("CastLike", 15, shapeRules.CastLike),
  e("Ceil", 1, elementwiseRules.Ceil),
  e("Celu", 12, elementwiseRules.Celu),
  e("CenterCropPad", 18, nnRules.CenterCropPad),
  e("Clip", 1, clipRule),
  e("Col2Im", 18, nnRules.Col2Im),
  e("Compress", 9, tensorRules.Compress),
  e("Concat", 1, shapeRules.Concat),
  e("ConcatFromSequence", 11, controlFlowRules.ConcatFromSequence),
  e("Constant", 1, shapeRules.Constant),
  e("ConstantOfShape", 9, shapeRules.ConstantOfShape),
  e("Conv", 1, convRules.Conv),
  e("ConvInteger", 10, convRules.ConvInteger),
  e("ConvTranspose", 1, convRules.ConvTranspose),
  e("Cos", 7, elementwiseRules.Cos),
  e("Cosh", 9, elementwiseRules.Cosh),
  e("CumSum", 11, tensorRules.CumSum),
  e("DeformConv", 19, convRules.DeformConv),
  e("DepthToSpace", 1, tensorRules.DepthToSpace),
  e("DequantizeLinear", 10, nnRules.DequantizeLinear),
  e("Det", 11, nnRules.Det),
  e("DFT", 17, nnRules.DFT),
  e("Div", 1, elementwiseRules.Div),
  e("Dropout", 1, normalizationRules.Dropout),
  e("DynamicQuantizeLinear", 11, nnRules.DynamicQuantizeLinear),
  e("Einsum", 12, matmulRules.Einsum),
  e("Elu", 1, elementwiseRules.Elu),
  e("Equal", 1, elementwiseRules.Equal),
  e("Erf", 9, elementwiseRules.Erf),
  e("Exp", 1, elementwiseRules.Exp),
  e("Expand", 8, shapeRules.Expand),
  e("EyeLike", 9, tensorRules.EyeLike),
  e("Flatten", 1, shapeRules.Flatten),
  e("Floor", 1, elementwiseRules.Floor),
  e("Gather", 1, shapeRules.Gather),
  e("GatherElements", 11, tensorRules.GatherElements),
  e("GatherND", 11, tensorRules.GatherND),
  e("Gelu", 20, elementwiseRules.Gelu),
  e("Gemm", 1, matmulRules.Gemm),
  e("GlobalAveragePool", 1, convRules.GlobalAveragePool),
  e("GlobalLpPool", 2, convRules.GlobalLpPool),
  e("GlobalMaxPool", 1, convRules.GlobalMaxPool),
  e("Greater", 1, elementwiseRules.Greater),
  e("GreaterOrEqual", 12, elementwiseRules.GreaterOrEqual),
  e("GridSample", 16, nnRules.GridSample),
  e("GroupNormalization", 18, normalizationRules.GroupNormalization),
  e("GRU", 1, nnRules.GRU),
  e("HammingWindow", 17, nnRules.HammingWindow),
  e("HannWindow", 17, nnRules.HannWindow),
  e("Hardmax", 1, normalizationRules.Hardmax),
  e("HardSigmoid", 1, elementwiseRules.HardSigmoid),
  e("HardSwish", 14, elementwiseRules.HardSwish),
  e("Identity", 1, shapeRules.Identity),
  e("If", 1, controlFlowRules.If),
  e("ImageDecoder", 20, nnRules.ImageDecoder),
  e("ImageScaler", 1, nnRules.ImageScaler),
  e("InstanceNormalization", 1, normalizationRules.InstanceNormalization),
  e("IsInf", 10, elementwiseRules.IsInf),
  e("IsNaN", 9, elementwiseRules.IsNaN),
  e("LayerNormalization", 17, normalizationRules.LayerNormalization),
  e("LeakyRelu", 1, elementwiseRules.LeakyRelu),
  e("Less", 1, elementwiseRules.Less),
  e("LessOrEqual", 12, elementwiseRules.LessOrEqual),
  e("Log", 1, elementwiseRules.Log),
  e("LogSoftmax", 1, normalizationRules.LogSoftmax),
  e("Loop", 1, controlFlowRules.Loop),
  e("LpNormalization", 1, normalizationRules.LpNormalization),
  e("LpPool", 2, convRules.LpPool),
  e("LRN", 1, normalizationRules.LRN),
  e("LSTM", 1, nnRules.LSTM),
  e("MatMul", 1, matmulRules.MatMul),
  e("MatMulInteger", 10, matmulRules.MatMulInteger),
  e("Max", 1, elementwiseRules.Max),
  e("MaxPool", 1, convRules.MaxPool),
  e("MaxRoiPool", 1, nnRules.MaxRoiPool),
  e("MaxUnpool", 9, convRules.MaxUnpool),
  e("Mean", 1, elementwiseRules.Mean),
  e("MeanVarianceNormalization", 9, normalizationRules.MeanVarianceNormalization),
  e("MelWeightMatrix", 17, nnRules.MelWeightMatrix),
  e("Min", 1, elementwiseRules.Min),
  e("Mish", 18, elementwiseRules.Mish),
  e("Mod", 10, elementwiseRules.Mod),
  e("Mul", 1, elementwiseRules.Mul),
  e("Multinomial", 7, nnRules.Multinomial),
  e("Neg", 1, elementwiseRules.Neg),
  e("NegativeLogLikelihoodLoss", 12, nnRules.NegativeLogLikelihoodLoss),
  e("NonMaxSuppression", 10, nnRules.NonMaxSuppression),
  e("NonZero", 9, tensorRules.NonZero),
  e("Not", 1, elementwiseRules.Not),
  e("OneHot", 9, tensorRules.OneHot),
  e("Optional", 15, controlFlowRules.Optional),
  e("OptionalGetElement", 15, controlFlowRules.OptionalGetElement),
  e("OptionalHasElement", 15, controlFlowRules.OptionalHasElement),
  e("Or", 1, elementwiseRules.Or),
  e("Pad", 1, tensorRules.Pad),
  e("Pow", 1, elementwiseRules.Pow),
  e("PRelu", 1, elementwiseRules.PRelu),
  e("QLinearConv", 10, convRules.QLinearConv),
  e("QLinearMatMul", 10, matmulRules.QLinearMatMul),
  e("QuantizeLinear", 10, nnRules.QuantizeLinear),
  e("RandomNormal", 1, nnRules.RandomNormal),
  e("RandomNormalLike", 1, nnRules.RandomNormalLike),
  e("RandomUniform", 1, nnRules.RandomUniform),
  e("RandomUniformLike", 1, nnRules.RandomUniformLike),
  e("Range", 11, shapeRules.Range),
  e("Reciprocal", 1, elementwiseRules.Reciprocal),
  e("ReduceL1", 1, reduceRules.ReduceL1),
  e("ReduceL2", 1, reduceRules.ReduceL2),
  e("ReduceLogSum", 1, reduceRules.ReduceLogSum),
  e("ReduceLogSumExp", 1, reduceRules.ReduceLogSumExp),
  e("ReduceMax", 1, reduceRules.ReduceMax),
  e("ReduceMean", 1, reduceRules.ReduceMean),
  e("ReduceMin", 1, reduceRules.ReduceMin),
  e("ReduceProd", 1, reduceRules.ReduceProd),
  e("ReduceSum", 1, reduceRules.ReduceSum),
  e("ReduceSumSquare", 1, reduceRules.ReduceSumSquare),
  e("RegexFullMatch", 20, textRules.RegexFullMatch),
  e("Relu", 1, elementwiseRules.Relu),
  e("Reshape", 1, shapeRules.Reshape),
  e("Resize", 10, nnRules.Resize),
  e("ReverseSequence", 10, tensorRules.ReverseSequence),
  e("RMSNormalization", 23, normalizationRules.RMSNormalization),
  e("RNN", 1, nnRules.RNN),
  e("RoiAlign", 10, nnRules.RoiAlign),
  e("RotaryEmbedding", 23, nnRules.RotaryEmbedding),
  e("Round", 11, elementwiseRules.Round),
  e("Scan", 8, controlFlowRules.Scan),
  e("Scatter", 9, tensorRules.Scatter),
  e("ScatterElements", 11, tensorRules.ScatterElements),
  e("ScatterND", 11, tensorRules.ScatterND),
  e("Selu", 1, elementwiseRules.Selu),
  e("SequenceAt", 11, controlFlowRules.SequenceAt),
  e("SequenceConstruct", 11, controlFlowRules.SequenceConstruct),
  e("SequenceEmpty", 11, controlFlowRules.SequenceEmpty),
  e("SequenceErase", 11, controlFlowRules.SequenceErase),
  e("SequenceInsert", 11, controlFlowRules.SequenceInsert),
  e("SequenceLength", 11, controlFlowRules.SequenceLength),
  e("SequenceMap", 17, controlFlowRules.SequenceMap),
  e("Shape", 1, shapeRules.Shape),
  e("Shrink", 9, elementwiseRules.Shrink),
  e("Sigmoid", 1, elementwiseRules.Sigmoid),
  e("Sign", 9, elementwiseRules.Sign),
  e("Sin", 7, elementwiseRules.Sin),
  e("Sinh", 9, elementwiseRules.Sinh),
  e("Size", 1, shapeRules.Size),
  e("Slice", 1, shapeRules.Slice),
  e("Softmax", 1, normalizationRules.Softmax),
  e("SoftmaxCrossEntropyLoss", 12, nnRules.SoftmaxCrossEntropyLoss),
  e("Softplus", 1, elementwiseRules.Softplus),
  e("Softsign", 1, elementwiseRules.Softsign),
  e("SpaceToDepth", 1, tensorRules.SpaceToDepth),
  e("Split", 1, tensorRules.Split),
  e("SplitToSequence", 11, controlFlowRules.SplitToSequence),
  e("Sqrt", 1, elementwiseRules.Sqrt),
  e("Squeeze", 1, shapeRules.Squeeze),
  e("STFT", 17, nnRules.STFT),
  e("StringConcat", 20, textRules.StringConcat),
  e("StringNormalizer", 10, textRules.StringNormalizer),
  e("StringSplit", 20, textRules.StringSplit),
  e("Sub", 1, elementwiseRules.Sub),
  e("Sum", 1, elementwiseRules.Sum),
  e("Tan", 7, elementwiseRules.Tan),
  e("Tanh", 1, elementwiseRules.Tanh),
  e("TfIdfVectorizer", 9, textRules.TfIdfVectorizer),
  e("ThresholdedRelu", 10, elementwiseRules.ThresholdedRelu),
  e("Tile", 1, tensorRules.Tile),
  e("TopK", 1, tensorRules.TopK),
  e("Transpose", 1, shapeRules.Transpose),
  e("Trilu", 14, tensorRules.Trilu),
  e("Unique", 11, tensorRules.Unique),
  e("Unsqueeze", 1, shapeRules.Unsqueeze),
  e("Upsample", 7, nnRules.Upsample),
  e("Where", 9, whereRule),
  e("Xor", 1, elementwiseRules.Xor)
];
var CONTRIB_RULES = [
  e("Attention", 1, contribRules.Attention, "com.microsoft"),
  e("BeamSearch", 1, generationRules.BeamSearch, "com.microsoft"),
  e("BiasAdd", 1, contribRules.BiasAdd, "com.microsoft"),
  e("BiasGelu", 1, contribRules.BiasGelu, "com.microsoft"),
  e("DynamicQuantizeMatMul", 1, contribRules.DynamicQuantizeMatMul, "com.microsoft"),
  e("EmbedLayerNormalization", 1, contribRules.EmbedLayerNormalization, "com.microsoft"),
  e("FastGelu", 1, contribRules.FastGelu, "com.microsoft"),
  e("FusedConv", 1, contribRules.FusedConv, "com.microsoft"),
  e("FusedMatMul", 1, contribRules.FusedMatMul, "com.microsoft"),
  e("Gelu", 1, contribRules.Gelu, "com.microsoft"),
  e("GreedySearch", 1, generationRules.GreedySearch, "com.microsoft"),
  e("GroupQueryAttention", 1, contribRules.GroupQueryAttention, "com.microsoft"),
  e("LayerNormalization", 1, contribRules.LayerNormalization, "com.microsoft"),
  e("MatMulIntegerToFloat", 1, contribRules.MatMulIntegerToFloat, "com.microsoft"),
  e("MatMulNBits", 1, contribRules.MatMulNBits, "com.microsoft"),
  e("MultiHeadAttention", 1, contribRules.MultiHeadAttention, "com.microsoft"),
  e("NhwcConv", 1, contribRules.NhwcConv, "com.microsoft"),
  e("QLinearAdd", 1, contribRules.QLinearAdd, "com.microsoft"),
  e("QLinearAveragePool", 1, contribRules.QLinearAveragePool, "com.microsoft"),
  e("QLinearConcat", 1, contribRules.QLinearConcat, "com.microsoft"),
  e("QLinearConv", 1, contribRules.QLinearConv, "com.microsoft"),
  e("QLinearGlobalAveragePool", 1, contribRules.QLinearGlobalAveragePool, "com.microsoft"),
  e("QLinearLeakyRelu", 1, contribRules.QLinearLeakyRelu, "com.microsoft"),
  e("QLinearMatMul", 1, contribRules.QLinearMatMul, "com.microsoft"),
  e("QLinearMul", 1, contribRules.QLinearMul, "com.microsoft"),
  e("QLinearSigmoid", 1, contribRules.QLinearSigmoid, "com.microsoft"),
  e("QuickGelu", 1, contribRules.QuickGelu, "com.microsoft"),
  e("RotaryEmbedding", 1, contribRules.RotaryEmbedding, "com.microsoft"),
  e("Sampling", 1, generationRules.Sampling, "com.microsoft"),
  e("SimplifiedLayerNormalization", 1, contribRules.SimplifiedLayerNormalization, "com.microsoft"),
  e("SkipLayerNormalization", 1, contribRules.SkipLayerNormalization, "com.microsoft"),
  e("SkipSimplifiedLayerNormalization", 1, contribRules.SkipSimplifiedLayerNormalization, "com.microsoft"),
  // DequantizeLinear / QuantizeLinear in the contrib domain behave as the ai.onnx ones.
  e("DequantizeLinear", 1, nnRules.DequantizeLinear, "com.microsoft"),
  e("QuantizeLinear", 1, nnRules.QuantizeLinear, "com.microsoft")
];
var ML_RULES = [
  e("ArrayFeatureExtractor", 1, mlRules.ArrayFeatureExtractor, "ai.onnx.ml"),
  e("Binarizer", 1, mlRules.Binarizer, "ai.onnx.ml"),
  e("CastMap", 1, mlRules.CastMap, "ai.onnx.ml"),
  e("CategoryMapper", 1, mlRules.CategoryMapper, "ai.onnx.ml"),
  e("DictVectorizer", 1, mlRules.DictVectorizer, "ai.onnx.ml"),
  e("FeatureVectorizer", 1, mlRules.FeatureVectorizer, "ai.onnx.ml"),
  e("Imputer", 1, mlRules.Imputer, "ai.onnx.ml"),
  e("LabelEncoder", 1, mlRules.LabelEncoder, "ai.onnx.ml"),
  e("LinearClassifier", 1, mlRules.LinearClassifier, "ai.onnx.ml"),
  e("LinearRegressor", 1, mlRules.LinearRegressor, "ai.onnx.ml"),
  e("Normalizer", 1, mlRules.Normalizer, "ai.onnx.ml"),
  e("OneHotEncoder", 1, mlRules.OneHotEncoder, "ai.onnx.ml"),
  e("Scaler", 1, mlRules.Scaler, "ai.onnx.ml"),
  e("SVMClassifier", 1, mlRules.SVMClassifier, "ai.onnx.ml"),
  e("SVMRegressor", 1, mlRules.SVMRegressor, "ai.onnx.ml"),
  e("TreeEnsembleClassifier", 1, mlRules.TreeEnsembleClassifier, "ai.onnx.ml"),
  e("TreeEnsembleRegressor", 1, mlRules.TreeEnsembleRegressor, "ai.onnx.ml"),
  e("ZipMap", 1, mlRules.ZipMap, "ai.onnx.ml")
];
var TRAINING_RULES = [
  e("Adagrad", 1, nnRules.Adagrad, "ai.onnx.preview.training"),
  e("Adam", 1, nnRules.Adam, "ai.onnx.preview.training"),
  e("Gradient", 1, nnRules.Gradient, "ai.onnx.preview.training"),
  e("Momentum", 1, nnRules.Momentum, "ai.onnx.preview.training")
];
var ALL_RULES = [...ONNX_RULES, ...CONTRIB_RULES, ...ML_RULES, ...TRAINING_RULES];
var defaultRules = new RuleTable(ALL_RULES);

// ../../packages/onnx/dist/profile.js
var OnnxOptionsError = class extends ModelOptionsError {
  name = "OnnxOptionsError";
};
function decodeAndInfer(source, options, keep) {
  const budget = options.budget ?? new WorkBudget(options.limits, options.file, Date.now, options.memory);
  const def = decodeDef(source, options, budget, keep);
  options.onPhase?.("decoded", def.graph.nodes.length + def.graph.initializers.length);
  const wanted = Object.keys(options.inputs ?? {});
  if (wanted.length) {
    const initializers = new Set(def.graph.initializers.map((w) => w.name));
    const inputNames = def.graph.inputs.map((i2) => i2.name).filter((n) => !initializers.has(n));
    for (const name of wanted)
      if (!inputNames.includes(name))
        throw new OnnxOptionsError(MESSAGES2.inputNotFound(name, inputNames));
  }
  const inputShapes = options.inputs ? new Map(Object.entries(options.inputs)) : void 0;
  const inputBindings = bindInputSymbols(def, options);
  const result = inferModel(def, defaultRules, {
    budget,
    ...options.file !== void 0 ? { file: options.file } : {},
    ...inputShapes ? { inputShapes } : {},
    ...inputBindings.size ? { inputBindings } : {},
    dims: { ...options.dims, ...Object.fromEntries(inputBindings) },
    ...options.convention ? { convention: options.convention } : {}
  });
  return { result, inputBindings };
}
function decodeDef(source, options, budget, keep) {
  const model = decodeModel(source, options.file === void 0 ? { budget } : { file: options.file, budget });
  const def = toModelDef(model);
  keep(model, def);
  return def;
}
function bindInputSymbols(def, options) {
  const out = /* @__PURE__ */ new Map();
  for (const [name, shape] of Object.entries(options.inputs ?? {})) {
    const vi = def.graph.inputs.find((i2) => i2.name === name);
    const declared = vi?.type && (vi.type.kind === "tensor" || vi.type.kind === "sparse_tensor") ? vi.type.shape : void 0;
    if (!declared || declared.length !== shape.length)
      continue;
    declared.forEach((d, i2) => {
      const given = shape[i2];
      if (typeof d !== "string" || d === "" || typeof given !== "number")
        return;
      const prev = out.get(d);
      if (prev && prev.value !== given)
        throw new OnnxOptionsError(MESSAGES2.inputBindingConflict(d, prev, { input: name, value: given }));
      const dimValue = options.dims && Object.prototype.hasOwnProperty.call(options.dims, d) ? options.dims[d] : void 0;
      if (dimValue !== void 0 && dimValue !== given)
        throw new OnnxOptionsError(MESSAGES2.inputDimConflict(d, name, given, dimValue));
      out.set(d, { input: name, value: given });
    });
  }
  return new Map([...out].map(([k, v]) => [k, v.value]));
}
function nodeParamSum(result) {
  let p = Poly.ZERO;
  for (const n of result.nodes)
    p = p.add(n.params);
  return p.add(sumElements(result.unusedParams));
}
var ONNX_TOOL = { name: "modelcost", version: "0.1.0" };
function analyzedValue(name, v) {
  if (!v)
    return { name, dtype: "unknown", shape: void 0, bytes: Poly.ZERO };
  return { name, dtype: v.kind === "tensor" ? v.dtype : v.kind, shape: v.kind === "tensor" ? v.shape : void 0, bytes: valBytes(v) };
}
function analyzedOutputs(n) {
  const out = [];
  const vals = n.outputValues;
  for (let i2 = 0; i2 < n.outputNames.length; i2++)
    if (n.outputNames[i2] !== "")
      out.push(analyzedValue(n.outputNames[i2], vals[i2]));
  return out;
}
function profileOnnx(source, options = {}) {
  const opsets = dict();
  let producer = "";
  let warnings = [];
  const { result, inputBindings } = decodeAndInfer(source, options, (model, def) => {
    for (const [d, v] of def.opsets)
      opsets[d === "" ? "ai.onnx" : d] = v;
    producer = def.producer;
    warnings = model.warnings;
  });
  options.onPhase?.("inferred", result.nodes.length + result.weights.length);
  const records = result.nodes;
  const nodes = {
    length: records.length,
    release: (i2) => {
      records[i2] = void 0;
      if (i2 === records.length - 1)
        options.onPhase?.("reported", records.length + result.weights.length);
    },
    at: (i2) => {
      const n = records[i2];
      return {
        name: n.name,
        op: n.op,
        domain: n.domain === "" ? "ai.onnx" : n.domain,
        inputs: n.inputNames,
        outputs: analyzedOutputs(n),
        scope: onnxNodeScope(n),
        cost: n.cost,
        params: n.cost ? void 0 : n.params,
        multiplicity: n.multiplicity.equals(Poly.ONE) ? void 0 : n.multiplicity,
        status: n.status === "ok" ? void 0 : n.status
      };
    }
  };
  const diagnostics = [...result.diagnostics, ...warnings.map((w) => ({ severity: "warning", code: `decode-${w.code}`, message: w.message }))];
  return buildReport({
    tool: ONNX_TOOL,
    model: { path: options.file ?? "", format: "onnx", producer, opsets },
    convention: options.convention ?? "macs+flops",
    dims: { ...options.dims, ...Object.fromEntries(inputBindings) },
    inputs: result.inputs.map((i2) => analyzedValue(i2.name, i2.value)),
    outputs: result.outputs.map((o) => analyzedValue(o.name, o.value)),
    nodes,
    weights: result.weights.map((w) => ({ name: w.name, byteLength: w.byteLength })),
    ...result.unusedParams.length ? { params: nodeParamSum(result) } : {},
    constantElements: sumElements(result.constantWeights),
    conditions: result.conditions,
    diagnostics
  });
}

// ../../packages/report/dist/heap.js
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
var COLLECT_FROM_NODES = 1e5;
var gc = null;
function collectGarbage() {
  if (gc === null) {
    try {
      setFlagsFromString("--expose-gc");
      const f = runInNewContext('typeof gc === "function" ? gc : undefined');
      gc = typeof f === "function" ? f : void 0;
    } catch {
      gc = void 0;
    }
  }
  gc?.();
}
var heapAfterLast = 0;
function collectAfterBigGraph(nodes) {
  if (nodes < COLLECT_FROM_NODES)
    return;
  if (heapAfterLast > 0 && inUse() < heapAfterLast * 1.25)
    return;
  collectAndMeasure();
}
function collectAndMeasure() {
  collectGarbage();
  heapAfterLast = inUse();
  return heapAfterLast;
}
var PROBE_SLACK = 64 * 2 ** 20;
function heapInUse(limit) {
  const used = inUse();
  if (used <= limit)
    return used;
  if (heapAfterLast > 0 && used < heapAfterLast + PROBE_SLACK)
    return heapAfterLast;
  return collectAndMeasure();
}
function inUse() {
  const m2 = process.memoryUsage();
  return m2.heapUsed + m2.arrayBuffers;
}
function collectBetweenPhases(phase, size) {
  if (phase !== "decoded")
    collectAfterBigGraph(size);
}

// ../../packages/report/dist/model-read.js
var MODEL_FORMATS = [
  {
    format: "keras-hdf5",
    importer: "keras",
    description: 'HDF5 (signature \\x89HDF at byte 0, 512, 1024, ...): a Keras model.save(".h5") file, or Keras weights',
    extensions: ["h5", "hdf5", "keras"]
  },
  { format: "keras-zip", importer: "keras", description: "zip (PK): a .keras archive", extensions: ["keras"] },
  { format: "keras-json", importer: "keras", description: "JSON text: a Keras model.to_json() or a tf.js model.json", extensions: ["json"] },
  { format: "onnx", importer: "onnx", description: "anything else: an ONNX model (its importer names what is wrong with a file that is not)", extensions: ["onnx"] }
];
function sniffFormat(head) {
  if (isHdf5Signature(head))
    return "keras-hdf5";
  if (head[0] === 80 && head[1] === 75)
    return "keras-zip";
  for (const b of head) {
    if (b === 32 || b === 10 || b === 13 || b === 9 || b === 239 || b === 187 || b === 191)
      continue;
    return b === 123 || b === 34 || b === 91 ? "keras-json" : "onnx";
  }
  return "onnx";
}
function sniffSource(source) {
  const format = sniffFormat(source.read(0, Math.min(64, source.size)));
  return format === "onnx" && hdf5SuperblockOffset(source) >= 0 ? "keras-hdf5" : format;
}
function importerFor(format) {
  return MODEL_FORMATS.find((f) => f.format === format).importer;
}
var ModelReadError = class extends Error {
  file;
  code;
  reason;
  name = "ModelReadError";
  constructor(file, code, reason) {
    super(`${file}: ${reason}`);
    this.file = file;
    this.code = code;
    this.reason = reason;
  }
};
var stripFile = (message, file) => message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
function profileWith(importer, source, options) {
  try {
    return importer(source, options);
  } catch (e2) {
    if (e2 instanceof ModelOptionsError)
      throw new ModelReadError(options.file, "bad-option", e2.message);
    if (e2 instanceof ModelImportError)
      throw new ModelReadError(options.file, e2.code, stripFile(e2.message, options.file));
    throw e2;
  }
}

// ../../packages/report/dist/profile-model.js
var IMPORTERS = { onnx: profileOnnx, keras: profileKeras };
function profileModel(source, options) {
  return profileWith(IMPORTERS[importerFor(sniffSource(source))], source, options);
}

// ../../packages/report/dist/profile-input.js
function finishReport(report, finish) {
  if (!finish)
    return report;
  const r = finish.latency ? addLatency(report, finish.latency) : report;
  if (!finish.summaryOnly)
    return r;
  const { modules: _modules, ...rest } = r;
  return { ...rest, nodes: [] };
}
function profileInput(input, options, finish) {
  if (input instanceof Uint8Array)
    return finishReport(profileModel(bytesSource(input), options), finish);
  let src2;
  try {
    src2 = openFileSource(input.file);
  } catch (e2) {
    throw new ModelReadError(options.file, "unreadable", `cannot open: ${e2.message}`);
  }
  try {
    return finishReport(profileModel(src2, options), finish);
  } finally {
    src2.close();
  }
}

// ../../packages/report/dist/profile-worker.js
var port = parentPort;
if (port && workerData?.modelcostProfileWorker === true) {
  port.on("message", (m2) => {
    let res;
    try {
      res = { id: m2.id, report: profileInput(m2.input, { ...m2.options, memory: heapInUse, onPhase: collectBetweenPhases }, m2.finish) };
    } catch (e2) {
      res = e2 instanceof ModelReadError ? { id: m2.id, readError: { code: e2.code, reason: e2.reason } } : { id: m2.id, internalError: e2 instanceof Error ? e2.message : String(e2) };
    }
    port.postMessage(res);
  });
}
