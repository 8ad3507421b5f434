/**
 * What a cost kernel returns. Every count is an exact polynomial over the graph's symbols
 * (a constant for concrete shapes). See docs/cost-conventions.md for what each field counts.
 */
import type { Poly } from '../symbolic/poly.js';

/** Counting convention. `macs+flops`: flops = 2*macs + documented element costs. `exact`: n products need n-1 additions. */
export type Convention = 'macs+flops' | 'exact';

/** Cost of one node (or one kernel call). */
export interface Cost {
  /** Multiply-accumulates of contraction ops. */
  readonly macs: Poly;
  /** Floating-point (or integer) operations under the chosen convention. */
  readonly flops: Poly;
  /** Elements of weight tensors this node owns. */
  readonly params: Poly;
  /** Bytes read from inputs and weights. */
  readonly bytesRead: Poly;
  /** Bytes written to outputs. */
  readonly bytesWritten: Poly;
}

/** Options every kernel takes. */
export interface KernelOptions {
  /** Default `macs+flops`. */
  readonly convention?: Convention;
}
