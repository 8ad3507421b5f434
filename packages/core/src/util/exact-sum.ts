/**
 * Exact sums of counts (bytes, elements): a number while the sum is a safe integer, a bigint beyond
 * 2^53, so a sum over 10^6 weights or steps makes no bigint until it needs one.
 */
export class ExactSum {
  private n = 0;
  private big: bigint | undefined;
  add(b: number | bigint): void {
    if (this.big === undefined && typeof b === 'number') {
      const s = this.n + b;
      if (Number.isSafeInteger(s)) {
        this.n = s;
        return;
      }
    }
    this.big = (this.big ?? BigInt(this.n)) + BigInt(b);
  }
  sub(b: number | bigint): void {
    if (this.big === undefined && typeof b === 'number') this.n -= b;
    else this.big = (this.big ?? BigInt(this.n)) - BigInt(b);
  }
  /** The sum, exact. */
  get value(): bigint {
    return this.big ?? BigInt(this.n);
  }
  /** True when this sum is above `other`. */
  above(other: ExactSum): boolean {
    return this.big === undefined && other.big === undefined ? this.n > other.n : this.value > other.value;
  }
  copy(): ExactSum {
    const c = new ExactSum();
    c.n = this.n;
    c.big = this.big;
    return c;
  }
}
