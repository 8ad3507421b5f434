/**
 * Exact counts in the Report. Costs are exact bigint polynomials up to the report; a JSON number (a
 * double) is exact only up to 2^53, and a graph with a few large dims passes that (an LLM prefill at
 * long context, or a hostile file's dims). So a count is a JSON number while it is exact and a string
 * of decimal digits beyond that: `4089184256`, or `"36893488147419103232"`. Nothing is ever rounded,
 * `null`, `Infinity` or `NaN`, and readers get the exact value back with {@link countBig}.
 */

/**
 * An exact count up to 2^53 - 1, as a JSON number.
 * @asType integer
 * @minimum 0
 * @maximum 9007199254740991
 */
export type SafeCount = number;

/**
 * An exact count of 2^53 or more, as its decimal digits.
 * @pattern ^[1-9][0-9]{15,}$
 */
export type BigCount = string;

/** A non-negative exact integer: a number up to 2^53 - 1, beyond that its decimal digits as a string. */
export type Count = SafeCount | BigCount;

/** A signed exact integer (a difference of two counts): as {@link Count}, with a leading `-` allowed. */
export type SignedCount = number | string;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The Count (or SignedCount) of an exact integer: a number when it is exactly representable, else digits. */
export function toCount(v: bigint): Count {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
}

const DIGITS = /^-?\d+$/;

/** True when `v` is a well-formed count: a finite safe integer, or a string of decimal digits (a leading `-` when `signed`). */
export function isCount(v: unknown, signed = false): v is Count {
  if (typeof v === 'number') return Number.isSafeInteger(v) && (signed || v >= 0);
  return typeof v === 'string' && DIGITS.test(v) && (signed || !v.startsWith('-'));
}

/** The exact value of a count. Throws RangeError on a value that is not a count (a fraction, NaN, text). */
export function countBig(c: Count | bigint): bigint {
  if (typeof c === 'bigint') return c;
  if (typeof c === 'number') {
    if (!Number.isSafeInteger(c)) throw new RangeError(`not an exact count: ${c}`);
    return BigInt(c);
  }
  if (!DIGITS.test(c)) throw new RangeError(`not an exact count: ${JSON.stringify(c.slice(0, 40))}`);
  return BigInt(c);
}

/**
 * The count as a double, for ratios, shares and latency arithmetic where 15 significant digits are
 * plenty. Always finite: beyond Number.MAX_VALUE it saturates at Number.MAX_VALUE.
 */
export function countNumber(c: Count | bigint): number {
  if (typeof c === 'number') return c;
  const n = Number(c);
  return Number.isFinite(n) ? n : n > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/** Sum of counts, exact. */
export function addCounts(...cs: readonly (Count | bigint)[]): Count {
  let s = 0n;
  for (const c of cs) s += countBig(c);
  return toCount(s);
}

/** `head - base`, exact. */
export function subCounts(head: Count, base: Count): SignedCount {
  return toCount(countBig(head) - countBig(base));
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`, exactly. */
export function compareCounts(a: Count | bigint, b: Count | bigint): -1 | 0 | 1 {
  const x = countBig(a);
  const y = countBig(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when the count is zero. */
export function isZeroCount(c: Count): boolean {
  return c === 0 || c === '0';
}
