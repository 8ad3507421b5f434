import { describe, expect, it } from 'vitest';
import { MAX_PROBES, NameTable, nameHash } from '../../src/util/name-table.js';

describe('NameTable', () => {
  it('maps strings to numbers like a Map: set replaces, get of a missing key is undefined, size counts keys', () => {
    const t = new NameTable();
    const m = new Map<string, number>();
    // 10,000 keys force several rehashes (16 buckets at the start, load at most 1/2).
    for (let i = 0; i < 10_000; i++) {
      const k = `node_${i % 7_000}/out${i % 3}`;
      t.set(k, i);
      m.set(k, i);
    }
    expect(t.size).toBe(m.size);
    for (const [k, v] of m) expect(t.get(k)).toBe(v);
    expect(t.get('missing')).toBeUndefined();
    expect(t.has('node_1/out1')).toBe(true);
    // Keys JavaScript objects treat specially are ordinary keys here.
    t.set('__proto__', 1);
    t.set('constructor', 2);
    expect([t.get('__proto__'), t.get('constructor')]).toEqual([1, 2]);
    expect(t.onMap).toBe(false);
  });

  it('getOrSet returns the value a key has, or gives it the one passed', () => {
    const t = new NameTable();
    expect(t.getOrSet('a', t.size)).toBe(0);
    expect(t.getOrSet('b', t.size)).toBe(1);
    expect(t.getOrSet('a', t.size)).toBe(0);
    expect(t.size).toBe(2);
  });

  it('lists entries in insertion order (forEach and entries), and clear empties it', () => {
    const t = new NameTable();
    for (const k of ['z', 'a', 'm']) t.set(k, k.charCodeAt(0));
    const seen: [string, number][] = [];
    t.forEach((k, v) => seen.push([k, v]));
    expect(seen).toEqual([['z', 122], ['a', 97], ['m', 109]]);
    expect([...t.entries()]).toEqual(seen);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.get('z')).toBeUndefined();
  });

  it('moves onto a Map when keys are made to collide, and still answers every key', () => {
    // A PR author can choose names whose hashes share their low bits. 300 keys whose hashes agree in
    // the low 12 bits land in one run of buckets in any table of up to 4096 buckets (300 keys live in
    // 1024): past MAX_PROBES steps the table gives up its own hashing.
    const keys: string[] = [];
    for (let i = 0; keys.length < 300; i++) {
      const k = `n${i}`;
      if ((nameHash(k) & 0xfff) === 0x5a5) keys.push(k);
    }
    const t = new NameTable();
    keys.forEach((k, i) => t.set(k, i));
    expect(t.onMap).toBe(true);
    expect(MAX_PROBES).toBeLessThan(keys.length);
    keys.forEach((k, i) => expect(t.get(k)).toBe(i));
    expect(t.size).toBe(300);
    expect(t.getOrSet(keys[7]!, -1)).toBe(7);
    expect(t.getOrSet('fresh', 300)).toBe(300);
    const order: string[] = [];
    t.forEach((k) => order.push(k));
    expect(order).toEqual([...keys, 'fresh']);
  });
});
