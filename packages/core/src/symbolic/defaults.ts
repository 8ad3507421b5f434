/**
 * Values for symbols nobody bound. A symbol that no `--dim` names counts as 1, unless that makes a
 * size impossible: a speech CNN whose first convolution spans 400 samples has `floor((samples - 10)/5) + 1`
 * frames, negative at samples = 1. The sizes themselves are the constraints: each must be at least 1
 * (and each recorded condition, such as a Slice assumed to stay inside its table, at least 0), so the
 * default of a symbol is the smallest value from 1 up that satisfies every constraint, found by
 * doubling then bisecting (sizes grow with their symbols; the result is checked, not assumed).
 */
import type { Bindings, Poly } from './poly.js';

/** A value that must not fall below `min` under any binding the report uses. */
export interface SizeConstraint {
  readonly poly: Poly;
  /** 1n for a tensor size, 0n for a count or a recorded condition. */
  readonly min: bigint;
  /** What the value is, for messages: `node /convs.0/Conv output 0 axis 2`, `node s: start >= 0`. */
  readonly what: string;
}

/** Result of {@link chooseDefaults}. */
export type DefaultChoice =
  | { readonly ok: true; readonly values: ReadonlyMap<string, bigint> }
  | {
      readonly ok: false;
      /** The constraint no value of its unbound symbols satisfies (or that the bound values break). */
      readonly constraint: SizeConstraint;
      /** Its unbound symbols (empty when only bound symbols or constants are in it). */
      readonly symbols: readonly string[];
      /** Its value at the closest attempt. */
      readonly value: bigint;
      /** Values chosen so far. */
      readonly values: ReadonlyMap<string, bigint>;
    };

/** Largest default tried: 2^40 (a trillion samples), far beyond any real size. */
const LIMIT = 1n << 40n;
/** Raises at most this many times per symbol before giving up (non-monotone constraints). */
const ROUNDS_PER_SYMBOL = 64;

/**
 * Choose a value for every symbol of `constraints` that `bound` leaves unbound: `start` (default 1)
 * where that satisfies every constraint, else the smallest value that does. Fails, naming the
 * constraint, when no value up to 2^40 does, or when the bound values alone break one.
 */
export function chooseDefaults(constraints: readonly SizeConstraint[], bound: Bindings, start = 1n): DefaultChoice {
  const isBound = bindingTest(bound);
  const values = new Map<string, bigint>();
  const rules = constraints.map((c) => ({ c, free: c.poly.symbols().filter((s) => !isBound(s)) }));
  for (const r of rules) for (const s of r.free) if (!values.has(s)) values.set(s, start);
  const env = (): Bindings => mergeBindings(bound, values);
  const maxRounds = ROUNDS_PER_SYMBOL * Math.max(1, values.size);
  for (let round = 0; round <= maxRounds; round++) {
    const at = env();
    const bad = rules.find((r) => r.c.poly.evaluate(at, start) < r.c.min);
    if (!bad) return { ok: true, values };
    const raised = bad.free.find((s) => raise(bad.c, s, values, bound));
    if (raised === undefined || round === maxRounds) return { ok: false, constraint: bad.c, symbols: bad.free, value: bad.c.poly.evaluate(at, start), values };
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** Raise `values[s]` to the smallest value above it that satisfies `c` (others fixed); false when none up to {@link LIMIT}. */
function raise(c: SizeConstraint, s: string, values: Map<string, bigint>, bound: Bindings): boolean {
  const from = values.get(s)!;
  const holds = (v: bigint): boolean => {
    const trial = new Map(values).set(s, v);
    return c.poly.evaluate(mergeBindings(bound, trial)) >= c.min;
  };
  let lo = from;
  let step = 1n;
  let hi = from + step;
  while (!holds(hi)) {
    if (hi >= LIMIT) return false;
    lo = hi;
    step *= 2n;
    hi = from + step > LIMIT ? LIMIT : from + step;
  }
  // holds(hi), !holds(lo): bisect to the smallest.
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (holds(mid)) hi = mid;
    else lo = mid;
  }
  values.set(s, hi);
  return true;
}

function bindingTest(b: Bindings): (name: string) => boolean {
  if (b instanceof Map) return (n) => (b as ReadonlyMap<string, unknown>).has(n);
  const rec = b as Readonly<Record<string, unknown>>;
  return (n) => Object.prototype.hasOwnProperty.call(rec, n);
}

function mergeBindings(bound: Bindings, extra: ReadonlyMap<string, bigint>): Map<string, number | bigint> {
  const out = new Map<string, number | bigint>(bound instanceof Map ? (bound as ReadonlyMap<string, number | bigint>) : Object.entries(bound as Record<string, number | bigint>));
  for (const [k, v] of extra) out.set(k, v);
  return out;
}
