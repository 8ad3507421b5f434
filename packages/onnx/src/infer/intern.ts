/**
 * Sharing equal values between nodes. A graph of 10^6 nodes is mostly runs of nodes with the same
 * shapes and the same costs (a chain of Add and Relu over [batch, 64]); each node's rule builds its
 * own output value and cost polynomials, and keeping them all is most of what inference holds. A
 * few recently seen values are compared by cheap structural equality, and a repeat is replaced by the
 * one already kept (the new copy dies young). Values are immutable, so sharing them is invisible.
 */
import type { Poly } from '@modelcost/core';
import type { TensorVal, Val } from './values.js';

/** Recent values compared on each lookup; small, since a repeat is usually one of the last few. */
const WAYS = 8;

/** A ring of the last {@link WAYS} distinct values. */
export class Recent<T extends object> {
  private readonly ring: (T | undefined)[] = new Array<T | undefined>(WAYS);
  private next = 0;

  constructor(private readonly equal: (a: T, b: T) => boolean) {}

  /** The kept value equal to `v`, or `v` itself (then kept). */
  intern(v: T): T {
    const ring = this.ring;
    for (let i = 0; i < WAYS; i++) {
      const x = ring[i];
      if (x !== undefined && (x === v || this.equal(x, v))) return x;
    }
    ring[this.next] = v;
    this.next = (this.next + 1) % WAYS;
    return v;
  }
}

/** Polys equal term by term (the canonical form makes this exact). */
export function polyRecent(): Recent<Poly> {
  return new Recent<Poly>((a, b) => a.equals(b));
}

/**
 * Plain tensor values (no contents, no weight) equal in dtype and shape, dim by dim (a symbolic dim
 * the same object, as shapes built from one input share them).
 */
export function valRecent(): Recent<TensorVal> {
  return new Recent<TensorVal>((a, b) => {
    if (a.dtype !== b.dtype || a.data !== undefined || b.data !== undefined || a.weight !== undefined || b.weight !== undefined) return false;
    const x = a.shape;
    const y = b.shape;
    if (x === y) return true;
    if (!x || !y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  });
}

/** True when a value may be shared through {@link valRecent}. */
export function shareable(v: Val | undefined): v is TensorVal {
  return v !== undefined && v.kind === 'tensor' && v.data === undefined && v.weight === undefined;
}
