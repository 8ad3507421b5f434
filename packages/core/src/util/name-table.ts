/**
 * A string-keyed table of numbers for the names a model file holds (value names, node outputs).
 *
 * A `Map` hashes each new string object the first time it sees it; the names a decoder has just made
 * are all new, and on a graph of 10^6 nodes `Map.set` costs about 0.6 us per name, most of it that
 * first hashing (measured on Node 20: 10^6 fresh names 590 ms, the same names once hashed 240 ms).
 * This table hashes the characters itself into an open-addressed `Int32Array` (10^6 names in
 * 60-100 ms) and keeps its entries in plain arrays.
 *
 * The names are the file's: a PR author could write names that all fall in one bucket of a fixed
 * hash. A probe sequence longer than {@link MAX_PROBES} (which random names essentially never reach
 * at this table's load of at most one half) moves the table onto a `Map`, whose hash V8 seeds per
 * process, so the worst case is a `Map`'s.
 */

/** Longest probe sequence before the table gives up its own hashing for a `Map`. */
export const MAX_PROBES = 64;

const EMPTY = -1;

/** 32-bit hash of a string's UTF-16 code units (FNV-1a, then murmur3's finalizer for the low bits); exported for tests. */
export function nameHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * String -> number, with the part of `Map`'s interface the importers use (`get`, `set`, `has`,
 * `size`, `clear`). Setting a key again replaces its value, as in a `Map`.
 */
export class NameTable {
  private keys: string[] = [];
  private vals: number[] = [];
  /** Per bucket, its entry (EMPTY when free) and that entry's hash; a power of two of buckets, at least twice the entries. */
  private buckets: Int32Array = new Int32Array(32).fill(EMPTY);
  private fallback: Map<string, number> | undefined;

  /** Number of distinct keys. */
  get size(): number {
    return this.fallback ? this.fallback.size : this.keys.length;
  }

  /** The value of `key`, or undefined. */
  get(key: string): number | undefined {
    if (!this.fallback) {
      const e = this.find(key, nameHash(key));
      if (e >= 0) return this.vals[e];
      if (!this.fallback) return undefined;
    }
    return this.fallback.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Set `key` to `value` (replacing an earlier value). Returns this table. */
  set(key: string, value: number): this {
    if (!this.fallback) {
      const h = nameHash(key);
      const e = this.find(key, h);
      if (e >= 0) {
        this.vals[e] = value;
        return this;
      }
      if (!this.fallback) {
        this.append(key, value, h);
        return this;
      }
    }
    this.fallback.set(key, value);
    return this;
  }

  /** The value of `key`; when it has none, `value`, which it is given (one hash where get-then-set takes two). */
  getOrSet(key: string, value: number): number {
    if (!this.fallback) {
      const h = nameHash(key);
      const e = this.find(key, h);
      if (e >= 0) return this.vals[e]!;
      if (!this.fallback) {
        this.append(key, value, h);
        return value;
      }
    }
    const v = this.fallback.get(key);
    if (v !== undefined) return v;
    this.fallback.set(key, value);
    return value;
  }

  private append(key: string, value: number, h: number): void {
    const n = this.keys.length;
    this.keys.push(key);
    this.vals.push(value);
    if ((n + 1) * 2 > this.buckets.length / 2) this.rehash(this.buckets.length);
    // (A rehash that gave up moved every key, this one included, onto the Map.)
    if (!this.fallback && !this.place(n, h)) this.toMap();
  }

  /**
   * Make room for `n` keys in all: the buckets are sized once instead of doubling their way there
   * (each doubling leaves the old table as garbage: 24 MB on the way to 10^6 names).
   */
  reserve(n: number): void {
    if (this.fallback) return;
    let buckets = this.buckets.length / 2;
    while (n * 2 > buckets) buckets *= 2;
    if (buckets > this.buckets.length / 2) this.rehash(buckets);
  }

  /** Remove every key. */
  clear(): void {
    this.keys = [];
    this.vals = [];
    this.buckets = new Int32Array(32).fill(EMPTY);
    this.fallback = undefined;
  }

  /** Call `fn` with every key and its value, in insertion order (no pair per entry, unlike `entries`). */
  forEach(fn: (key: string, value: number) => void): void {
    if (this.fallback) {
      for (const [k, v] of this.fallback) fn(k, v);
      return;
    }
    for (let i = 0; i < this.keys.length; i++) fn(this.keys[i]!, this.vals[i]!);
  }

  /** True once a long probe sequence moved the table onto a Map (for tests and benchmarks). */
  get onMap(): boolean {
    return this.fallback !== undefined;
  }

  /** Every key with its value, in insertion order. */
  *entries(): IterableIterator<[string, number]> {
    if (this.fallback) {
      yield* this.fallback.entries();
      return;
    }
    for (let i = 0; i < this.keys.length; i++) yield [this.keys[i]!, this.vals[i]!];
  }

  /** Entry index of `key` (hash `h`), or -1: absent, or the table just moved onto `fallback` (ask it). */
  private find(key: string, h: number): number {
    const b = this.buckets;
    // Buckets hold (entry, hash) pairs side by side: a probe reads one cache line, not the entry's hash elsewhere.
    const mask = b.length / 2 - 1;
    let p = h & mask;
    for (let probes = 0; ; probes++) {
      const e = b[2 * p]!;
      if (e === EMPTY) return -1;
      if (b[2 * p + 1] === h && this.keys[e] === key) return e;
      if (probes >= MAX_PROBES) {
        this.toMap();
        return -1;
      }
      p = (p + 1) & mask;
    }
  }

  /** Put entry `e` in the first free bucket of its sequence; false when that took over MAX_PROBES steps. */
  private place(e: number, h: number): boolean {
    const b = this.buckets;
    const mask = b.length / 2 - 1;
    let p = h & mask;
    for (let probes = 0; b[2 * p]! !== EMPTY; probes++) {
      if (probes >= MAX_PROBES) return false;
      p = (p + 1) & mask;
    }
    b[2 * p] = e;
    b[2 * p + 1] = h;
    return true;
  }

  /** Move every entry into `buckets` buckets (each entry's hash is the one its bucket holds). */
  private rehash(buckets: number): void {
    const old = this.buckets;
    this.buckets = new Int32Array(2 * buckets).fill(EMPTY);
    for (let p = 0; p < old.length; p += 2)
      if (old[p] !== EMPTY && !this.place(old[p]!, old[p + 1]!)) {
        this.toMap();
        return;
      }
  }

  /** Give up this table's hashing: every entry into a Map, which answers from now on. */
  private toMap(): void {
    const m = new Map<string, number>();
    for (let i = 0; i < this.keys.length; i++) m.set(this.keys[i]!, this.vals[i]!);
    this.fallback = m;
    this.keys = [];
    this.vals = [];
    this.buckets = new Int32Array(32).fill(EMPTY);
  }
}
