/**
 * Order two strings by UTF-16 code units, as `Array.prototype.sort()` does. Reports sort with this
 * rather than `localeCompare`: the order is the same on every machine and locale (`localeCompare`
 * follows ICU's collation for the current locale), and a cold CLI run does not pay for starting
 * ICU's collator (~8 ms, measured on a BERT-base profile).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `v.toLocaleString('en-US')` for the integers reports print (`25557032` -> `25,557,032`; a bigint or
 * a Count's digit string of any length too), without ICU: the first `toLocaleString` call of a process loads ICU's locale data (~15 ms on a cold CLI
 * run). Other numbers (fractions, beyond 1e21) fall back to `toLocaleString`.
 */
export function groupDigits(v: number | bigint | string): string {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || Math.abs(v) >= 1e21) return v.toLocaleString('en-US');
    if (Object.is(v, -0)) return '-0';
  }
  const s = String(v);
  // Exact integers of any size (a bigint, or a Count's digit string) group the same way.
  if (!/^-?\d+$/.test(s)) return s;
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
