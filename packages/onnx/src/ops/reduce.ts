/**
 * Reductions: ReduceSum/Mean/Max/Min/Prod/L1/L2/LogSum/LogSumExp/SumSquare, ArgMax, ArgMin.
 * `axes` moved from attribute to input in opset 13 (ReduceSum) and 18 (the others).
 */
import { dim, dimPoly, numElements, reduceCost, type Dim, type Poly } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import type { TensorData } from '../infer/values.js';

function reducedShape(ctx: NodeContext, x: readonly Dim[], axes: readonly number[] | undefined, keep: boolean, noopWithEmpty: boolean): Dim[] {
  if (!axes || axes.length === 0) {
    if (noopWithEmpty) return [...x];
    return keep ? x.map(() => 1) : [];
  }
  const set = new Set(axes.map((a) => ctx.axis(a, x.length)));
  const out: Dim[] = [];
  x.forEach((d, i) => {
    if (!set.has(i)) out.push(d);
    else if (keep) out.push(1);
  });
  return out;
}

/** The reductions evaluated on known data: the same fold on numbers (floats too) and on polys of sizes. */
const FOLDS: Record<string, { readonly num: (a: number, b: number) => number; readonly poly: (a: Poly, b: Poly) => Poly }> = {
  ReduceSum: { num: (a, b) => a + b, poly: (a, b) => a.add(b) },
  ReduceProd: { num: (a, b) => a * b, poly: (a, b) => a.mul(b) },
  ReduceMax: { num: (a, b) => Math.max(a, b), poly: (a, b) => a.max(b) },
  ReduceMin: { num: (a, b) => Math.min(a, b), poly: (a, b) => a.min(b) },
};

/** The one value of a full reduction of known data: numbers, or exact polys of symbolic sizes; else undefined. */
function reduceAll(op: string, data: TensorData): TensorData | undefined {
  const fold = FOLDS[op];
  if (!fold || data.length === 0 || data.some((v) => typeof v === 'string')) return undefined;
  const values = data as readonly Dim[];
  // Floats too (sizes cast to float before a division).
  if (values.every((v): v is number => typeof v === 'number')) return [values.reduce((a, b) => fold.num(a, b))];
  if (values.some((v) => typeof v === 'number' && !Number.isInteger(v))) return undefined;
  return [dim(values.map(dimPoly).reduce((a, b) => fold.poly(a, b)))];
}

function reduce(op: string, axesInputSince: number): OpRule {
  return {
    nonParamInputs: [1],
    infer(ctx: NodeContext) {
      const x = ctx.tensor(0);
      const s = ctx.shape(0);
      const keep = ctx.attrInt('keepdims', 1) === 1;
      let axes: readonly number[] | undefined;
      if (ctx.opset >= axesInputSince) {
        if (ctx.hasInput(1)) {
          axes = ctx.ints(1);
          if (!axes) {
            // Axes known only at run time: the rank is known when keepdims, else not.
            const n = ctx.shape(1)[0];
            ctx.output(0, x.dtype, keep ? s.map(() => ctx.fresh()) : typeof n === 'number' ? Array.from({ length: s.length - n }, () => ctx.fresh()) : undefined);
            return;
          }
        }
      } else axes = ctx.attrInts('axes');
      const noop = ctx.opset >= axesInputSince && ctx.attrInt('noop_with_empty_axes', 0) === 1;
      const out = reducedShape(ctx, s, axes, keep, noop);
      // Sums, products and extremes of small known tensors are common in exported shape arithmetic
      // (element counts; torchvision's detection transform takes the max of the image sizes).
      const all = !noop && (!axes || axes.length === 0 || new Set(axes.map((a) => ctx.axis(a, s.length))).size === s.length);
      const data = x.data && all ? reduceAll(op, x.data) : undefined;
      ctx.output(0, x.dtype, out, data);
    },
    cost(ctx: NodeContext) {
      return reduceCost({ op, inElements: numElements(ctx.shape(0)), outElements: numElements(ctx.outShape(0)) }, ctx.kernelOptions);
    },
  };
}

function argReduce(op: string): OpRule {
  return {
    infer(ctx: NodeContext) {
      const s = ctx.shape(0);
      const axis = ctx.axis(ctx.attrInt('axis', 0), Math.max(s.length, 1));
      const keep = ctx.attrInt('keepdims', 1) === 1;
      ctx.output(0, 'int64', reducedShape(ctx, s, [axis], keep, false));
    },
    cost(ctx: NodeContext) {
      return reduceCost({ op, inElements: numElements(ctx.shape(0)), outElements: numElements(ctx.outShape(0)) }, ctx.kernelOptions);
    },
  };
}

/** Rules of this family, by op type (default domain). */
export const reduceRules: Record<string, OpRule> = {
  ArgMax: argReduce('ArgMax'),
  ArgMin: argReduce('ArgMin'),
  ReduceL1: reduce('ReduceL1', 18),
  ReduceL2: reduce('ReduceL2', 18),
  ReduceLogSum: reduce('ReduceLogSum', 18),
  ReduceLogSumExp: reduce('ReduceLogSumExp', 18),
  ReduceMax: reduce('ReduceMax', 18),
  ReduceMean: reduce('ReduceMean', 18),
  ReduceMin: reduce('ReduceMin', 18),
  ReduceProd: reduce('ReduceProd', 18),
  ReduceSum: reduce('ReduceSum', 13),
  ReduceSumSquare: reduce('ReduceSumSquare', 18),
};
