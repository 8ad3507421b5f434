/**
 * What inference knows about the signs of symbolic values, and what it assumed to decide them.
 *
 * ONNX index arithmetic (a Slice's `start = c - T`, negative indices that wrap) needs the sign of a
 * polynomial that the symbols alone leave open. {@link SizeFacts.nonNegative} decides it, in order,
 * from: the symbols' ranges (sizes are `>= 0`, narrowed by earlier assumptions such as `T <= 512`);
 * the user's values (`--dim T=100`); sizes being positive (`T >= 1`, the range every report is
 * evaluated in). Every decision that rests on more than `>= 0` is recorded as a condition, so a
 * later binding that breaks it is refused instead of silently reading a formula outside its range.
 */
import type { SizeConstraint } from './defaults.js';
import { ceilDivBig, floorDivBig, type Interval, type Poly, type SymbolRange } from './poly.js';

/** Sign facts and recorded conditions of one model's inference. */
export class SizeFacts {
  private readonly hi = new Map<string, bigint>();
  private readonly lo = new Map<string, bigint>();
  private readonly seen = new Set<string>();
  private readonly recorded: SizeConstraint[] = [];

  constructor(
    /** The user's values (`--dim`), consulted for signs the ranges leave open. */
    private readonly bound: Readonly<Record<string, number>> = {},
  ) {}

  /** Conditions assumed so far (each `poly >= 0`), in the order they were made. */
  get conditions(): readonly SizeConstraint[] {
    return this.recorded;
  }

  /** Symbol ranges under the facts: `[max(minSize, assumed lower), assumed upper]`. */
  range(minSize = 0n): SymbolRange {
    return (name: string): Interval => {
      const l = this.lo.get(name);
      const h = this.hi.get(name);
      const lo = l !== undefined && l > minSize ? l : minSize;
      return h === undefined ? { lo } : { lo, hi: h };
    };
  }

  /**
   * Record the assumption `p >= 0` (described by `what` in messages). A condition on one symbol
   * (`512 - T >= 0`) also narrows that symbol's range for later decisions.
   */
  assume(p: Poly, what: string): void {
    if (p.isConst) return;
    if (this.seen.has(p.key)) return;
    this.seen.add(p.key);
    this.recorded.push({ poly: p, min: 0n, what });
    // a*T + c >= 0 with a single symbol T: T >= ceil(-c/a) for a > 0, T <= floor(c/-a) for a < 0.
    const linear = p.terms.filter((t) => t.mono !== '');
    if (linear.length !== 1) return;
    const t = linear[0]!;
    if (t.factors.length !== 1 || t.factors[0]![1] !== 1 || t.factors[0]![0].kind !== 'sym') return;
    const name = t.factors[0]![0].name;
    const c = p.constantTerm;
    const a = t.coeff;
    if (a > 0n) {
      const l = ceilDivBig(-c, a);
      const prev = this.lo.get(name);
      if (prev === undefined || l > prev) this.lo.set(name, l);
    } else {
      const h = floorDivBig(c, -a);
      const prev = this.hi.get(name);
      if (prev === undefined || h < prev) this.hi.set(name, h);
    }
  }

  /**
   * Whether `p >= 0`: true or false when known, recording any assumption it rests on (`what` names
   * the value in messages); undefined when nothing decides it.
   */
  nonNegative(p: Poly, what: string): boolean | undefined {
    if (p.isConst) return p.constValue >= 0n;
    const o = p.compare(0, this.range());
    if (o === 'gt' || o === 'ge' || o === 'eq') return true;
    if (o === 'lt') return false;
    // The user's values: the formula then holds for them, and the branch is recorded.
    const syms = p.symbols();
    if (syms.every((s) => Object.prototype.hasOwnProperty.call(this.bound, s))) {
      const v = p.evaluate(this.bound);
      if (v >= 0n) this.assume(p, `${what} (taken at the given values)`);
      else this.assume(p.neg().sub(1), `${what.replace(/>= 0$/, '< 0')} (taken at the given values)`);
      return v >= 0n;
    }
    // Sizes are positive wherever a report evaluates them.
    const pos = p.compare(0, this.range(1n));
    if (pos === 'gt' || pos === 'ge' || pos === 'eq') {
      this.assume(p, `${what} (sizes >= 1)`);
      return true;
    }
    if (pos === 'lt') {
      this.assume(p.neg().sub(1), `${what.replace(/>= 0$/, '< 0')} (sizes >= 1)`);
      return false;
    }
    return undefined;
  }
}
