/**
 * Dictionaries keyed by text from a model or a config (op types, symbol names, budget names). A plain
 * object literal inherits `constructor`, `toString`, `__proto__`...: `counts[op] ?? 0` on an op named
 * `constructor` reads a function, `name in waivers` is true for a budget named `toString`, and
 * assigning `__proto__` changes the prototype instead of adding a key. These helpers never consult the
 * prototype. (Maps work too; Records stay where the value is serialised as JSON.)
 */

/** An empty record with no prototype: every key, `__proto__` included, is an ordinary own key. */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const d = Object.create(null) as Record<string, T>;
  if (entries) for (const [k, v] of entries) d[k] = v;
  return d;
}

/** `obj[key]` when `key` is the object's own key, else undefined (never an inherited member). */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** True when `key` is the object's own key. */
export function hasOwn(obj: Readonly<Record<string, unknown>> | undefined, key: string): boolean {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);
}
