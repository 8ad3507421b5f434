import { describe, expect, it } from 'vitest';
import { peakLiveBytes, Poly, tensorBytes } from '../../src/index.js';

describe('tensorBytes', () => {
  it.each([
    [[2, 3], 'float32', '24'], // 6 elements * 4 bytes
    [[2, 3], 'float16', '12'], // 6 * 2
    [[3], 'int4', '2'], // 3 * 4 bits = 12 bits -> 2 bytes (packed, rounded up per tensor)
    [[7], 'uint2', '2'], // 14 bits -> 2 bytes
  ] as const)('%j %s -> %s bytes', (shape, dtype, bytes) => {
    expect(tensorBytes(shape as readonly number[], dtype).toString()).toBe(bytes);
  });
  it('symbolic shapes', () => {
    expect(tensorBytes([Poly.sym('b'), 768], 'float32').toString()).toBe('3072*b');
  });
});

describe('peakLiveBytes', () => {
  it('chain: x -> a -> b -> y keeps two tensors alive at a time', () => {
    // step0: x(100) + a(200) = 300, free x; step1: a(200) + b(50) = 250, free a; step2: b(50) + y(10) = 60
    const r = peakLiveBytes(
      [
        { inputs: ['x'], outputs: [{ name: 'a', bytes: 200 }] },
        { inputs: ['a'], outputs: [{ name: 'b', bytes: 50 }] },
        { inputs: ['b'], outputs: [{ name: 'y', bytes: 10 }] },
      ],
      [{ name: 'x', bytes: 100 }],
      ['y'],
    );
    expect(r).toEqual({ peakBytes: 300, atStep: 0 });
  });
  it('diamond: a branch output stays alive until the join', () => {
    // step0 x(10)->a(40): 50, x dies; step1 a->b(30): 70; step2 a->c(20): 90, a dies -> 50;
    // step3 b,c -> d(5): 55
    const r = peakLiveBytes(
      [
        { inputs: ['x'], outputs: [{ name: 'a', bytes: 40 }] },
        { inputs: ['a'], outputs: [{ name: 'b', bytes: 30 }] },
        { inputs: ['a'], outputs: [{ name: 'c', bytes: 20 }] },
        { inputs: ['b', 'c'], outputs: [{ name: 'd', bytes: 5 }] },
      ],
      [{ name: 'x', bytes: 10 }],
      ['d'],
    );
    expect(r).toEqual({ peakBytes: 90, atStep: 2 });
  });
  it('weights are not activations', () => {
    // w is excluded: only x(8) + y(8)
    const r = peakLiveBytes([{ inputs: ['x', 'w'], outputs: [{ name: 'y', bytes: 8 }] }], [{ name: 'x', bytes: 8 }], ['y'], new Set(['w']));
    expect(r.peakBytes).toBe(16);
  });
});
