/**
 * Array helpers for lists whose length a model file decides. `a.push(...b)` and `Math.max(...b)` pass
 * every item as an argument on the stack: a node with 200,000 inputs, a diff of 10^6 nodes or an HDF5
 * attribute of 200,000 names ends in `Maximum call stack size exceeded`. These loop instead.
 */

/** Append every item of `items` to `target` (`target.push(...items)` for lists of any length). Returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The largest of `values` (`Math.max(...values)` for lists of any length of numbers that are not NaN): `-Infinity` for none, as Math.max. */
export function maxOf(values: Iterable<number>): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > m) m = v;
  return m;
}
