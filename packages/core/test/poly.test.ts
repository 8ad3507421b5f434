import { describe, expect, it } from 'vitest';
import { Poly } from '../src/symbolic/poly.js';
import { compareText, groupDigits } from '../src/util/text.js';
import { dimFloorDiv, dimAdd, dimMul, symDim, unifyDim, broadcastShapes, parseDim, numElements, dimToString } from '../src/symbolic/dim.js';

const batch = Poly.sym('batch');
const seq = Poly.sym('seq');

describe('Poly', () => {
  it.each([
    // [description, poly, expected canonical text]
    ['matmul macs [batch,seq,768]x[768,3072]: 768*3072 = 2359296 per row', batch.mul(seq).mul(768 * 3072), '2359296*batch*seq'],
    ['higher degree first', seq.mul(seq).mul(3).add(seq.mul(5)).add(7), '3*seq^2 + 5*seq + 7'],
    ['cancels to zero', seq.sub(seq), '0'],
    ['negative terms print with minus', Poly.const(1).sub(seq), '-seq + 1'],
  ])('%s', (_d, p, text) => {
    expect(p.toString()).toBe(text);
  });

  it('constant factors and sums keep the canonical form (fast paths without a term map)', () => {
    const p = seq.mul(seq).add(seq.mul(3)).add(5);
    // p * -2: same monomials, same order, scaled coefficients; the general product agrees.
    expect(p.mul(-2).toString()).toBe('-2*seq^2 - 6*seq - 10');
    expect(Poly.const(-2).mul(p).key).toBe(p.mul(Poly.const(-1).add(-1)).key);
    expect(p.neg().add(p).toString()).toBe('0');
    expect(Poly.const(7).add(-7)).toBe(Poly.ZERO);
    expect(Poly.const(3).mul(5).constValue).toBe(15n);
    // Small constants are shared instances; equal either way.
    expect(Poly.const(224)).toBe(Poly.const(224n));
    expect(Poly.const(5000).equals(Poly.const(5000n))).toBe(true);
    expect(Poly.const(2).add(-1)).toBe(Poly.ONE);
  });

  it('compare decides orders that hold for every size (symbols are non-negative)', () => {
    expect(batch.compare(-1)).toBe('gt'); // torch's expand(n, -1): n == -1 is false
    expect(batch.add(1).compare(0)).toBe('gt');
    expect(batch.compare(0)).toBe('ge');
    expect(Poly.const(0).compare(batch.mul(seq))).toBe('le');
    expect(Poly.const(-3).compare(batch)).toBe('lt');
    expect(batch.add(2).compare(batch.add(2))).toBe('eq');
    expect(batch.compare(seq)).toBeUndefined();
    expect(batch.sub(1).compare(0)).toBeUndefined();
    // Atoms of sizes are sizes too: min/max of them, floor/ceil over a positive constant, mod.
    expect(seq.min(512).max(0).toString()).toBe('min(512, seq)');
    expect(seq.add(1).floorDiv(2).compare(0)).toBe('ge');
    expect(seq.mod(8).compare(-1)).toBe('gt');
    expect(seq.sub(3).min(5).compare(0)).toBeUndefined();
  });

  it('keeps exact integers beyond 2^53 (no floating drift)', () => {
    // 2^53 + 1 is not representable as a double; bigint coefficients keep it.
    const p = Poly.const(2n ** 53n).add(1);
    expect(p.constValue).toBe(9007199254740993n);
    expect(seq.mul(2n ** 60n).evaluate({ seq: 3 })).toBe(3n * 2n ** 60n);
  });

  it('floor-div pulls out exact parts: floor((2h + 3)/2) = h + 1', () => {
    const h = Poly.sym('h');
    expect(h.mul(2).add(3).floorDiv(2).toString()).toBe('h + 1');
    // conv output with stride 2, pad 1, k 3: floor((h + 2 - 3)/2) + 1 = floor((h-1)/2) + 1, which the
    // canonical form writes with the constant's residue in [0, 2) inside: -1 + floor((h+1)/2) + 1.
    const out = h.add(2 - 3).floorDiv(2).add(1);
    expect(out.toString()).toBe('floor((h + 1)/2)');
    expect(out.evaluate({ h: 224 })).toBe(112n);
    expect(h.ceilDiv(32).evaluate({ h: 100 })).toBe(4n);
  });

  it('min/max resolve when the difference is constant', () => {
    expect(seq.add(3).max(seq).toString()).toBe('seq + 3');
    expect(seq.min(512).toString()).toBe('min(512, seq)');
    expect(seq.min(512).evaluate({ seq: 1000 })).toBe(512n);
  });

  it('evaluates with a default for unbound symbols, and names them otherwise', () => {
    expect(batch.mul(seq).evaluate({ seq: 128 }, 1)).toBe(128n);
    expect(() => batch.evaluate({})).toThrow(/unbound symbols in batch: batch/);
  });

  it('prints human SI coefficients', () => {
    expect(seq.mul(seq).mul(1_500_000).add(seq.mul(22_300_000)).toHuman()).toBe('1.5M*seq^2 + 22.3M*seq');
  });
});

describe('Dim', () => {
  it('numbers stay numbers, constant polys collapse', () => {
    expect(dimAdd(2, 3)).toBe(5);
    expect(dimFloorDiv(symDim('h'), 1)).toEqual(symDim('h'));
    expect(dimMul(symDim('h'), 0)).toBe(0);
  });
  it('unify keeps numbers over symbols and reports two different numbers as a conflict', () => {
    expect(unifyDim(symDim('batch'), 4).dim).toBe(4);
    expect(unifyDim(3, 4)).toEqual({ dim: 3, conflict: [3, 4] });
    expect(dimToString(unifyDim(symDim('unk__0'), symDim('seq')).dim)).toBe('seq');
  });
  it('broadcasts numpy-style', () => {
    const r = broadcastShapes([symDim('batch'), 1, 768], [12, 768]);
    expect(r.shape.map(dimToString)).toEqual(['batch', '12', '768']);
    expect(broadcastShapes([3], [4]).conflict).toEqual({ axis: 0, dims: [3, 4] });
  });
  it('parses user dims', () => {
    expect(parseDim('128')).toBe(128);
    expect(dimToString(parseDim('seq*2'))).toBe('2*seq');
    expect(numElements([symDim('batch'), 3, 224, 224]).toString()).toBe('150528*batch');
  });
});

describe('text', () => {
  it('groupDigits prints integers as toLocaleString("en-US") does, without ICU', () => {
    for (const v of [0, 7, -7, 999, 1000, -1000, 12345, 999999, 1000000, -25557032, 4089184256, Number.MAX_SAFE_INTEGER, -0, 1e20, 1.5e21, 1234.5678])
      expect(groupDigits(v), String(v)).toBe(v.toLocaleString('en-US'));
  });
  it('compareText orders by UTF-16 code unit, as Array.prototype.sort does', () => {
    const words = ['b', 'B', 'a', 'A', '_', 'ä', '10', '9', 'b'];
    expect([...words].sort(compareText)).toEqual([...words].sort());
  });
});
