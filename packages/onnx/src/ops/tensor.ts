/**
 * Indexing, scatter/gather, padding, tiling, splitting and value-dependent ops: GatherElements,
 * GatherND, Scatter*, Split, Pad, Tile, Trilu, EyeLike, DepthToSpace, SpaceToDepth, ReverseSequence,
 * CumSum, OneHot, TopK, NonZero, Compress, Unique. Sizes that depend on input values are exact when
 * the values are known and named symbols (`<node>_count`) otherwise.
 */
import { dim, dimMul, dimPoly, dimFloorDiv, elementwiseCost, numElements, type Dim, type DType } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import { onnxTypeCode } from './shape.js';
import { dataMovementRule, prod } from './util.js';

/** Output 0 = input 0's dtype and shape. */
const sameAsInput = (ctx: NodeContext): void => ctx.output(0, ctx.dtype(0), ctx.shape(0));

const gatherElements = dataMovementRule((ctx: NodeContext) => {
  const r = ctx.rank(0);
  ctx.axis(ctx.attrInt('axis', 0), r);
  if (ctx.rank(1) !== r) ctx.fail(`input 1: indices rank ${ctx.rank(1)} must equal data rank ${r}`, 1);
  ctx.output(0, ctx.dtype(0), ctx.shape(1));
}, [1]);

const gatherND = dataMovementRule((ctx: NodeContext) => {
  const data = ctx.shape(0);
  const idx = ctx.shape(1);
  const b = ctx.attrInt('batch_dims', 0);
  const last = idx[idx.length - 1];
  if (typeof last !== 'number') ctx.fail('input 1: the last dim of indices must be known', 1);
  if (b + last > data.length) ctx.fail(`indices address ${b + last} axes of a rank-${data.length} tensor`, 1);
  ctx.output(0, ctx.dtype(0), [...idx.slice(0, -1), ...data.slice(b + last)]);
}, [1]);

/** Scatter* writes updates into a copy of data: the output is data's shape. */
const scatterLike = dataMovementRule(sameAsInput, [1]);

const split: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const axis = ctx.axis(ctx.attrInt('axis', 0), s.length);
  const n = ctx.outputCount;
  let sizes: readonly Dim[] | undefined = ctx.opset >= 13 ? (ctx.hasInput(1) ? ctx.dims(1) : undefined) : ctx.attrInts('split');
  if (ctx.opset >= 13 && ctx.hasInput(1) && !sizes) {
    for (let i = 0; i < n; i++) ctx.output(i, ctx.dtype(0), s.map((d, k) => (k === axis ? ctx.fresh() : d)));
    return;
  }
  if (!sizes) {
    const d = s[axis]!;
    const parts = ctx.attrInt('num_outputs') ?? n;
    if (typeof d === 'number') {
      // Opset 18: ceil(d / n) per chunk, the last one smaller.
      const chunk = Math.ceil(d / parts);
      sizes = Array.from({ length: n }, (_, i) => Math.max(0, Math.min(chunk, d - i * chunk)));
      if (ctx.opset < 18 && d % parts !== 0) ctx.fail(`axis ${axis} of size ${d} does not split into ${parts} equal parts`);
    } else sizes = Array.from({ length: n }, () => dimFloorDiv(d, parts));
  }
  if (sizes.length !== n) ctx.fail(`split has ${sizes.length} sizes for ${n} outputs`);
  sizes.forEach((len, i) => ctx.output(i, ctx.dtype(0), s.map((d, k) => (k === axis ? len : d))));
}, [1]);

const pad: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const pads = ctx.opset >= 11 ? ctx.ints(1) : (ctx.attrInts('pads') ?? ctx.attrInts('paddings'));
  if (!pads) {
    ctx.output(0, ctx.dtype(0), s.map(() => ctx.fresh()));
    return;
  }
  const axes = ctx.opset >= 18 && ctx.hasInput(3) ? ctx.ints(3)?.map((a) => ctx.axis(a, s.length)) : s.map((_, i) => i);
  if (!axes) ctx.fail('input 3 (axes) must be a constant');
  if (pads.length !== 2 * axes.length) ctx.fail(`pads has ${pads.length} entries, expected ${2 * axes.length}`, 1);
  const out = [...s];
  axes.forEach((a, i) => {
    out[a] = dim(dimPoly(s[a]!).add(pads[i]! + pads[i + axes.length]!));
  });
  ctx.output(0, ctx.dtype(0), out);
}, [1, 2, 3]);

const tile: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const reps = ctx.opset >= 6 ? ctx.dims(1) : undefined;
  if (!reps) {
    ctx.output(0, ctx.dtype(0), s.map(() => ctx.fresh()));
    return;
  }
  if (reps.length !== s.length) ctx.fail(`repeats has ${reps.length} entries for rank ${s.length}`, 1);
  ctx.output(0, ctx.dtype(0), s.map((d, i) => dimMul(d, reps[i]!)));
}, [1]);

/** Output dtype from a `dtype` attribute code, else input 0's. */
export function dtypeAttr(ctx: NodeContext, name = 'dtype'): DType {
  const code = ctx.attrInt(name);
  return code === undefined ? ctx.dtype(0) : onnxTypeCode(ctx, code, `attribute ${name}`);
}

/** DepthToSpace / SpaceToDepth on [N, C, H, W] with `blocksize` b: channels and spatial sizes trade a factor b*b. */
function blockRearrange(toSpace: boolean): OpRule {
  return dataMovementRule((ctx: NodeContext) => {
    if (ctx.rank(0) !== 4) ctx.fail(`input 0: expected rank 4, got rank ${ctx.rank(0)}`, 0);
    const [n, c, h, w] = ctx.shape(0) as [Dim, Dim, Dim, Dim];
    const b = ctx.attrInt('blocksize');
    if (!b) ctx.fail('attribute blocksize is required');
    const out: Dim[] = toSpace ? [n, dimFloorDiv(c, b * b), dimMul(h, b), dimMul(w, b)] : [n, dimMul(c, b * b), dimFloorDiv(h, b), dimFloorDiv(w, b)];
    ctx.output(0, ctx.dtype(0), out);
  });
}
const depthToSpace = blockRearrange(true);
const spaceToDepth = blockRearrange(false);

const oneHot: OpRule = dataMovementRule((ctx: NodeContext) => {
  const idx = ctx.shape(0);
  const depthVal = ctx.data(1)?.[0];
  const depth: Dim = typeof depthVal === 'number' ? Math.floor(depthVal) : depthVal !== undefined && typeof depthVal !== 'string' ? depthVal : ctx.dataDependent('depth');
  const rank = idx.length + 1;
  const axis = ctx.axis(ctx.attrInt('axis', -1), rank);
  const out = [...idx];
  out.splice(axis, 0, depth);
  ctx.output(0, ctx.dtype(2), out);
}, [0, 1]);

const topK: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt('axis', -1), s.length);
    const kv = ctx.opset >= 10 ? ctx.dims(1)?.[0] : ctx.attrInt('k');
    const k: Dim = kv ?? ctx.dataDependent('k');
    const out = s.map((d, i) => (i === axis ? k : d));
    ctx.output(0, ctx.dtype(0), out);
    ctx.output(1, 'int64', out);
  },
  // A partial sort: about n * log2(k) comparisons per slice; counted as one comparison per input element per level.
  cost(ctx: NodeContext) {
    const k = ctx.outShape(0)[ctx.axis(ctx.attrInt('axis', -1), ctx.rank(0))]!;
    const levels = typeof k === 'number' ? Math.max(1, Math.ceil(Math.log2(Math.max(2, k)))) : 1;
    return elementwiseCost('Less', numElements(ctx.shape(0)).mul(levels), ctx.kernelOptions);
  },
};

/** Count of non-zero known values, or a named symbol. */
function countNonZero(ctx: NodeContext, i: number, tag: string): Dim {
  const d = ctx.numbers(i);
  return d ? d.filter((v) => v !== 0).length : ctx.dataDependent(tag);
}

const nonZero: OpRule = dataMovementRule((ctx: NodeContext) => {
  ctx.output(0, 'int64', [ctx.rank(0), countNonZero(ctx, 0, 'nonzero')]);
});

const compress: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const cond = ctx.numbers(1);
  const axisAttr = ctx.attrInt('axis');
  if (axisAttr === undefined) {
    const n = cond ? cond.slice(0, prod(s.map((d) => (typeof d === 'number' ? d : Infinity)))).filter((v) => v !== 0).length : ctx.dataDependent('count');
    ctx.output(0, ctx.dtype(0), [n]);
    return;
  }
  const axis = ctx.axis(axisAttr, s.length);
  const d = s[axis]!;
  const n = cond ? cond.slice(0, typeof d === 'number' ? d : cond.length).filter((v) => v !== 0).length : ctx.dataDependent('count');
  ctx.output(0, ctx.dtype(0), s.map((x, i) => (i === axis ? n : x)));
}, [1]);

const unique: OpRule = {
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const x = ctx.data(0);
    const axisAttr = ctx.attrInt('axis');
    let u: Dim;
    if (x && axisAttr === undefined) u = new Set(x.map((v) => (typeof v === 'object' ? v.key : String(v)))).size;
    else if (x && axisAttr !== undefined && s.every((d) => typeof d === 'number')) {
      const cs = s as number[];
      const axis = ctx.axis(axisAttr, cs.length);
      const outer = prod(cs.slice(0, axis));
      const inner = prod(cs.slice(axis + 1));
      const slices = new Set<string>();
      for (let k = 0; k < cs[axis]!; k++) {
        const parts: string[] = [];
        for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) parts.push(String(x[(o * cs[axis]! + k) * inner + j]));
        slices.add(parts.join(','));
      }
      u = slices.size;
    } else u = ctx.dataDependent('unique');
    const n = axisAttr === undefined ? dim(numElements(s)) : s[ctx.axis(axisAttr, s.length)]!;
    const y = axisAttr === undefined ? [u] : s.map((d, i) => (i === ctx.axis(axisAttr, s.length) ? u : d));
    ctx.output(0, ctx.dtype(0), y);
    if (ctx.hasOutput(1)) ctx.output(1, 'int64', [u]);
    if (ctx.hasOutput(2)) ctx.output(2, 'int64', [n]);
    if (ctx.hasOutput(3)) ctx.output(3, 'int64', [u]);
  },
  // Sorting-based: about log2(n) comparisons per element; counted as one comparison per element.
  cost: (ctx: NodeContext) => elementwiseCost('Less', numElements(ctx.shape(0)), ctx.kernelOptions),
};

const trilu = dataMovementRule(sameAsInput, [1]);
const eyeLike = dataMovementRule((ctx: NodeContext) => ctx.output(0, dtypeAttr(ctx), ctx.shape(0)));
const reverseSequence = dataMovementRule(sameAsInput, [1]);

const cumSum: OpRule = {
  nonParamInputs: [1],
  infer: sameAsInput,
  // One addition per element along the axis.
  cost: (ctx: NodeContext) => elementwiseCost('Add', numElements(ctx.shape(0)), ctx.kernelOptions),
};

/** Rules of this family, by op type (default domain). */
export const tensorRules: Record<string, OpRule> = {
  Compress: compress,
  CumSum: cumSum,
  DepthToSpace: depthToSpace,
  EyeLike: eyeLike,
  GatherElements: gatherElements,
  GatherND: gatherND,
  NonZero: nonZero,
  OneHot: oneHot,
  Pad: pad,
  ReverseSequence: reverseSequence,
  Scatter: scatterLike,
  ScatterElements: scatterLike,
  ScatterND: scatterLike,
  SpaceToDepth: spaceToDepth,
  Split: split,
  Tile: tile,
  TopK: topK,
  Trilu: trilu,
  Unique: unique,
};

