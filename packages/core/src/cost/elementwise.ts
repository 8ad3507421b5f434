/**
 * Element-wise ops and activations: flops per output element (docs/cost-conventions.md#element-wise).
 *
 * Counting rule: every arithmetic operation, comparison and select is 1; every transcendental
 * function (exp, log, sqrt, erf, tanh, sin ...) is also 1, as onnx-tool and fvcore's element handles
 * count them, so composite activations are the sum of their parts. An op not in the table is an error,
 * never a silent 0: importers report it as unsupported.
 */
import type { Poly } from '../symbolic/poly.js';
import { elementCost, type OpCost } from './conventions.js';
import type { KernelOptions } from './types.js';

/** Flops per output element, with the formula each number counts. */
export const ELEMENT_FLOPS: Readonly<Record<string, number>> = {
  // Arithmetic: one operation.
  Add: 1, Sub: 1, Mul: 1, Div: 1, Mod: 1, Neg: 1, Abs: 1, Reciprocal: 1, Sign: 1,
  // Pow is one library call (1), like the other transcendental functions.
  Pow: 1, Sqrt: 1, Exp: 1, Log: 1, Erf: 1,
  Sin: 1, Cos: 1, Tan: 1, Asin: 1, Acos: 1, Atan: 1, Sinh: 1, Cosh: 1, Asinh: 1, Acosh: 1, Atanh: 1,
  Floor: 1, Ceil: 1, Round: 1,
  // Comparisons, logic, bitwise and select: one operation each.
  Equal: 1, Less: 1, LessOrEqual: 1, Greater: 1, GreaterOrEqual: 1, And: 1, Or: 1, Xor: 1, Not: 1,
  BitShift: 1, BitwiseAnd: 1, BitwiseOr: 1, BitwiseXor: 1, BitwiseNot: 1, IsNaN: 1, IsInf: 1, Where: 1,
  // Variadic ops are costed per pairwise operation by the caller: (n - 1) * elements.
  Sum: 1, Max: 1, Min: 1,
  // Mean of n inputs: (n - 1) additions + 1 division; callers pass n * elements.
  Mean: 1,
  // Relu = max(x, 0): 1 comparison. ThresholdedRelu: 1 comparison.
  Relu: 1, ThresholdedRelu: 1,
  // LeakyRelu / PRelu: comparison + multiply = 2.
  LeakyRelu: 2, PRelu: 2,
  // Clip: 2 comparisons (min and max). Shrink: 2 comparisons and an add/sub on the kept branch = 3.
  Clip: 2, Shrink: 3,
  // Sigmoid = 1 / (1 + exp(-x)): neg, exp, add, div = 4.
  Sigmoid: 4,
  // Tanh is one transcendental call.
  Tanh: 1,
  // HardSigmoid = max(0, min(1, a*x + b)): mul, add, 2 comparisons = 4. HardSwish = x * HardSigmoid(x) = 5.
  HardSigmoid: 4, HardSwish: 5,
  // Swish / SiLU = x * sigmoid(x) = 4 + 1 = 5.
  Swish: 5, SiLU: 5,
  // Elu = x < 0 ? a*(exp(x) - 1) : x: comparison, exp, sub, mul = 4. Selu = gamma * Elu = 5.
  Elu: 4, Selu: 5,
  // Celu = max(0, x) + min(0, a*(exp(x/a) - 1)): div, exp, sub, mul, min, max, add = 7.
  Celu: 7,
  // Softplus = log(1 + exp(x)) = 3. Softsign = x / (1 + |x|) = 3.
  Softplus: 3, Softsign: 3,
  // Mish = x * tanh(softplus(x)) = 3 + 1 + 1 = 5.
  Mish: 5,
  // Gelu (erf form) = 0.5 * x * (1 + erf(x / sqrt 2)): div, erf, add, mul, mul = 5.
  Gelu: 5,
  // Gelu (tanh approximation) = 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))): x^3 (2), mul, add, mul, tanh, add, mul, mul = 9.
  GeluTanh: 9,
  // QuickGelu = x * sigmoid(1.702x): mul + sigmoid (4) + mul = 6.
  QuickGelu: 6,
  // LpNormalization (p = 2): square + add per element for the norm, then 1 division = 3.
  LpNormalization: 3,
  // MeanVarianceNormalization: mean (add), variance (sub, square, add), normalise (sub, div) = 6.
  MeanVarianceNormalization: 6,
  // LRN with the default size 5: 5 squares + 4 adds for the window sum, then mul, add, pow, div = 13.
  LRN: 13,
};

/** True when {@link elementwiseCost} has a constant for `op`. */
export function hasElementwiseRule(op: string): boolean {
  return Object.prototype.hasOwnProperty.call(ELEMENT_FLOPS, op);
}

/** No per-element constant is known for an op: report it as unsupported rather than counting 0. */
export class UnknownElementwiseOpError extends Error {
  override readonly name = 'UnknownElementwiseOpError';
  constructor(readonly op: string) {
    super(`no element-wise cost rule for ${op}`);
  }
}

/** Cost of an element-wise op over `elements` output elements: `ELEMENT_FLOPS[op] * elements`. */
export function elementwiseCost(op: string, elements: Poly, _opts: KernelOptions = {}): OpCost {
  const per = ELEMENT_FLOPS[op];
  if (per === undefined || !hasElementwiseRule(op)) throw new UnknownElementwiseOpError(op);
  return elementCost(elements.mul(per));
}
