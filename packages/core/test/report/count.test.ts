/**
 * Exact counts: a number while exact, digits beyond 2^53; arithmetic on bigints, never a double.
 */
import { describe, expect, it } from 'vitest';
import { addCounts, compareCounts, countBig, countNumber, groupDigits, isCount, subCounts, toCount } from '../../src/index.js';

describe('Count', () => {
  it('is a number up to 2^53 - 1 and digits from 2^53 on', () => {
    expect(toCount(9007199254740991n)).toBe(9007199254740991);
    expect(toCount(9007199254740992n)).toBe('9007199254740992');
    expect(toCount(-5n)).toBe(-5);
    expect(toCount(-(2n ** 70n))).toBe('-1180591620717411303424');
  });
  it('adds, subtracts and compares exactly past 2^53', () => {
    // 2^53 + 1 is not a double: the sum must still end in ...993.
    expect(addCounts('9007199254740992', 1)).toBe('9007199254740993');
    expect(subCounts('9007199254740993', '9007199254740992')).toBe(1);
    expect(subCounts(3, 10)).toBe(-7);
    expect(compareCounts('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareCounts(7, '7')).toBe(0);
    expect(compareCounts(2n, 3)).toBe(-1);
  });
  it('checks what a count is', () => {
    expect([isCount(0), isCount(12), isCount('123456789012345678'), isCount(-1), isCount(1.5), isCount(Number.NaN), isCount('1e9'), isCount('-3'), isCount('-3', true)]).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(() => countBig(1.5)).toThrow('not an exact count: 1.5');
    expect(() => countBig('12a')).toThrow('not an exact count: "12a"');
  });
  it('converts to a finite double, saturating beyond Number.MAX_VALUE', () => {
    expect(countNumber('1180591620717411303424')).toBe(2 ** 70);
    expect(countNumber((10n ** 400n).toString())).toBe(Number.MAX_VALUE);
  });
  it('groups digits of counts of any size', () => {
    expect(groupDigits('36893488147419103232')).toBe('36,893,488,147,419,103,232');
    expect(groupDigits(-1234567n)).toBe('-1,234,567');
    expect(groupDigits(25557032)).toBe('25,557,032');
  });
});
