/**
 * Shape and data-movement ops whose outputs exporters chain to compute shapes: Shape, Size,
 * Reshape, Flatten, Squeeze, Unsqueeze, Concat, Gather, Slice, Cast, Identity, Constant,
 * ConstantOfShape, Range, Expand, Transpose. Each propagates known contents (with symbolic dims), so
 * `Shape -> Gather -> Unsqueeze -> Concat -> Reshape` yields `[batch, seq, 768]`, not unknown.
 * All of them move data only: cost {@link NO_COMPUTE}.
 */
import { dim, dimFloorDiv, DTYPE_BITS, dimMul, dimPoly, dimToString, isConcreteShape, isIntDType, numElements, Poly, type Dim, type DType, type Weight } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import { onnxDType } from '../decode/dtype.js';
import type { OpRule } from '../infer/rule.js';
import { tensorVal, type TensorData } from '../infer/values.js';
import { dataMovementRule, gatherData, NO_COMPUTE, prod, propagatable, strides } from './util.js';

/** Axes from the `axes` attribute (early opsets) or input `inputIndex` (newer opsets). */
export function axesOf(ctx: NodeContext, inputIndex: number, sinceInput: number): readonly number[] | undefined {
  if (ctx.opset >= sinceInput) {
    if (!ctx.hasInput(inputIndex)) return undefined;
    const v = ctx.ints(inputIndex);
    if (!v) ctx.fail(`input ${inputIndex} (axes) must be a constant to infer the output shape`, inputIndex);
    return v;
  }
  return ctx.attrInts('axes');
}

const shapeRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const r = s.length;
  // Opset 15 adds start/end (clamped like Python slicing).
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
  const start = clamp(ctx.attrInt('start', 0));
  const end = clamp(ctx.attrInt('end', r));
  const part = s.slice(start, Math.max(start, end));
  ctx.output(0, 'int64', [part.length], part);
});

const sizeRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const n = numElements(ctx.shape(0));
  ctx.output(0, 'int64', [], [dim(n)]);
});

/** Reshape: `0` copies the input dim (unless allowzero), `-1` is inferred from the element count. */
function reshapeShape(ctx: NodeContext, input: readonly Dim[], target: readonly Dim[], allowZero: boolean): Dim[] {
  const out = target.map((d, i) => {
    if (d === 0 && !allowZero) {
      if (i >= input.length) ctx.fail(`shape[${i}] = 0 copies input axis ${i}, but the input has rank ${input.length}`, 1);
      return input[i]!;
    }
    return d;
  });
  const neg = out.findIndex((d) => d === -1);
  if (out.filter((d) => d === -1).length > 1) ctx.fail('shape has more than one -1', 1);
  if (neg >= 0) {
    let known: Dim = 1;
    out.forEach((d, i) => {
      if (i !== neg) known = dimMul(known, d);
    });
    const total = numElements(input);
    const kp = dimPoly(known);
    if (kp.isConst && kp.constValue === 0n) out[neg] = 0;
    else {
      const q = kp.isConst ? total.divExact(kp.constValue) : undefined;
      out[neg] = q ? dim(q) : dimFloorDiv(dim(total), known);
      if (kp.isConst && total.isConst && total.constValue % kp.constValue !== 0n)
        ctx.fail(`cannot reshape ${total.constValue} elements into ${out.map((d, i) => (i === neg ? -1 : dimToString(d))).join('x')}`, 1);
    }
  } else {
    const a = numElements(input);
    const b = numElements(out);
    if (a.isConst && b.isConst && a.constValue !== b.constValue) ctx.fail(`cannot reshape ${a.constValue} elements into shape [${out.map(dimToString).join(', ')}] (${b.constValue} elements)`, 1);
  }
  for (const [i, d] of out.entries()) if (typeof d === 'number' && d < 0) ctx.fail(`shape[${i}] = ${d} is invalid (only one -1 is allowed)`, 1);
  return out;
}

const reshapeRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const x = ctx.tensor(0);
  let target: readonly Dim[] | undefined;
  if (ctx.opset < 5) target = ctx.attrInts('shape');
  else {
    target = ctx.dims(1);
    if (!target) {
      const s = ctx.shape(1);
      // Rank known from the shape input's length; sizes unknown.
      if (s.length === 1 && typeof s[0] === 'number') {
        ctx.output(0, x.dtype, Array.from({ length: s[0] }, () => ctx.fresh()));
        return;
      }
      ctx.output(0, x.dtype, undefined);
      return;
    }
  }
  if (!target) ctx.fail('shape is required');
  if (!x.shape) {
    ctx.output(0, x.dtype, target.some((d) => d === -1 || d === 0) ? target.map((d) => (d === -1 || d === 0 ? ctx.fresh() : d)) : target);
    return;
  }
  const out = reshapeShape(ctx, x.shape, target, ctx.attrInt('allowzero', 0) === 1);
  ctx.output(0, x.dtype, out, x.data);
}, [1]);

const flattenRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const axis = ctx.attrInt('axis', 1);
  const a = axis < 0 ? axis + s.length : axis;
  if (a < 0 || a > s.length) ctx.fail(`axis ${axis} is out of range for rank ${s.length}`);
  ctx.output(0, ctx.dtype(0), [dim(numElements(s.slice(0, a))), dim(numElements(s.slice(a)))], ctx.data(0));
});

const squeezeRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const axesIn = axesOf(ctx, 1, 13);
  let out: Dim[];
  if (axesIn === undefined) {
    if (s.some((d) => typeof d !== 'number')) {
      // Which symbolic dims are 1 is unknowable; keep the known non-1 dims and the symbolic ones.
      ctx.warn('squeeze-symbolic', `Squeeze without axes on ${s.map(dimToString).join('x')}: symbolic dims assumed not to be 1`);
    }
    out = s.filter((d) => d !== 1);
  } else {
    const axes = new Set(axesIn.map((a) => ctx.axis(a, s.length)));
    for (const a of axes) if (typeof s[a] === 'number' && s[a] !== 1) ctx.fail(`cannot squeeze axis ${a} of size ${s[a]}`);
    out = s.filter((_, i) => !axes.has(i));
  }
  ctx.output(0, ctx.dtype(0), out, ctx.data(0));
}, [1]);

const unsqueezeRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const s = ctx.shape(0);
  const axesIn = axesOf(ctx, 1, 13);
  if (!axesIn) ctx.fail('axes are required');
  const rank = s.length + axesIn.length;
  const axes = new Set(axesIn.map((a) => ctx.axis(a, rank)));
  if (axes.size !== axesIn.length) ctx.fail(`axes [${axesIn.join(', ')}] repeat an axis`);
  const out: Dim[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) out.push(axes.has(i) ? 1 : s[k++]!);
  ctx.output(0, ctx.dtype(0), out, ctx.data(0));
}, [1]);

const concatRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const idx = ctx.presentInputs();
  if (idx.length === 0) ctx.fail('expected at least one input');
  const shapes = idx.map((i) => ctx.shape(i));
  const ins = idx.map((i) => ctx.tensor(i));
  const rank = shapes[0]!.length;
  const axisAttr = ctx.attrInt('axis');
  if (axisAttr === undefined && ctx.opset >= 4) ctx.fail('attribute axis is required');
  const axis = ctx.axis(axisAttr ?? 1, rank);
  const out = [...shapes[0]!];
  let total: Dim = 0;
  shapes.forEach((s, k) => {
    if (s.length !== rank) ctx.fail(`input ${k}: rank ${s.length} differs from input 0's rank ${rank}`, k);
    for (let i = 0; i < rank; i++) {
      if (i === axis) continue;
      const a = out[i]!;
      const b = s[i]!;
      if (typeof a === 'number' && typeof b === 'number' && a !== b) ctx.fail(`input ${k}: dim ${i} is ${b}, input 0 has ${a}`, k);
      if (typeof a !== 'number' && typeof b === 'number') out[i] = b;
    }
    total = dim(dimPoly(total).add(dimPoly(s[axis]!)));
  });
  out[axis] = total;
  let data: TensorData | undefined;
  // Contents are propagated for the 1-D case that shape computations use.
  if (rank === 1 && ins.every((v) => v.data)) data = ins.flatMap((v) => [...v.data!]);
  else if (rank === 1 && isIntDType(ctx.dtype(0)) && ins.some((v) => v.data) && shapes.every((sh, k) => ins[k]!.data || typeof sh[0] === 'number')) {
    // Part known, part computed at run time (Resize sizes = Concat(Shape(x)[0:2], Cast(Floor(h * 1.5)))):
    // keep the known entries and give each unknown one a fresh size, so rank and leading dims survive.
    data = ins.flatMap((v, k) => (v.data ? [...v.data] : Array.from({ length: shapes[k]![0] as number }, () => ctx.fresh())));
  }
  ctx.output(0, ctx.dtype(0), out, data);
});

const gatherRule: OpRule = {
  nonParamInputs: [1],
  // The table of an embedding lookup.
  weightInputs: [0],
  infer(ctx: NodeContext) {
    const x = ctx.tensor(0);
    const s = ctx.shape(0);
    const idx = ctx.shape(1);
    const axis = ctx.axis(ctx.attrInt('axis', 0), s.length);
    const out = [...s.slice(0, axis), ...idx, ...s.slice(axis + 1)];
    let data: TensorData | undefined;
    const ids = ctx.ints(1);
    if (x.data && ids && isConcreteShape(s)) {
      for (const i of ids) if (i < -(s[axis] as number) || i >= (s[axis] as number)) ctx.fail(`index ${i} is out of range for axis ${axis} of size ${s[axis]}`, 1);
      data = gatherData(x.data, s, axis, ids);
    }
    ctx.output(0, x.dtype, out, data);
  },
  cost: (ctx) => ({ ...NO_COMPUTE, bytesRead: gatherBytesRead(ctx) }),
};

/** Gather reads only the gathered slices and the indices, not the whole table (an embedding lookup). */
function gatherBytesRead(ctx: NodeContext): Poly {
  const out = ctx.out(0);
  const bits = DTYPE_BITS[out.dtype];
  const idxBits = DTYPE_BITS[ctx.dtype(1)];
  return numElements(ctx.outShape(0)).mul(bits).ceilDiv(8).add(numElements(ctx.shape(1)).mul(idxBits).ceilDiv(8));
}

/**
 * Resolve Slice parameters for one axis with ONNX clamping rules. Symbolic dims and symbolic bounds
 * (shape data such as `x[:, :seq]`'s `seq`, or a relative-position table's `c - T .. c + T`) are
 * exact for positive steps: each bound's sign, and whether it lies inside the dim, is decided from
 * what is known (`ctx.nonNegative`: sizes >= 0, earlier assumptions, `--dim` values, sizes >= 1).
 * A sign nothing decides is assumed in range (a start >= 0), as onnxruntime's symbolic shape
 * inference does, and recorded: a binding that breaks it is refused. Negative steps on symbolic
 * dims are exact only for the full reversal.
 */
function sliceDim(ctx: NodeContext, d: Dim, start: Dim, end: Dim, step: number, axis: number): Dim {
  if (step === 0) ctx.fail('steps must not be 0');
  if (typeof d === 'number' && typeof start === 'number' && typeof end === 'number') {
    const clampS = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
    let s = start < 0 ? start + d : start;
    let e = end < 0 ? end + d : end;
    if (step > 0) {
      s = clampS(s, 0, d);
      e = clampS(e, 0, d);
      return Math.max(0, Math.ceil((e - s) / step));
    }
    s = clampS(s, -1, d - 1);
    e = clampS(e, -1, d - 1);
    return Math.max(0, Math.ceil((s - e) / -step));
  }
  const BIG = 2 ** 31;
  const p = dimPoly(d);
  if (step > 0) {
    const s = sliceBound(ctx, p, start, `axis ${axis} start`);
    const e = sliceBound(ctx, p, end, `axis ${axis} end`);
    const span = e.sub(s);
    const len = decideMax(ctx, span, `axis ${axis} length ${span.toString()} >= 0`);
    return dim(step === 1 ? len : len.ceilDiv(step));
  }
  // Negative steps on symbolic dims: only the full reversal is exact.
  if (typeof start === 'number' && typeof end === 'number' && (start === -1 || start >= BIG) && end <= -BIG && step === -1) return d;
  return ctx.fresh();
}

/**
 * One positive-step Slice bound on a dim of size `p`, as an index in [0, p]: a negative bound counts
 * from the end; "to the end" is any value >= 2^31.
 */
function sliceBound(ctx: NodeContext, p: Poly, v: Dim, what: string): Poly {
  const BIG = 2 ** 31;
  if (typeof v === 'number' && v >= BIG) return p;
  if (typeof v === 'number' && v <= -BIG) return Poly.ZERO;
  const vp = dimPoly(v);
  let nonNeg = ctx.nonNegative(vp, `${what} ${vp.toString()} >= 0`);
  if (nonNeg === undefined) {
    // Nothing decides the sign: take the bound as a plain index, as onnxruntime's symbolic shape
    // inference does when it "cannot determine if ... < 0", and say so.
    ctx.assume(vp, `${what} ${vp.toString()} >= 0 (assumed: the slice stays inside the tensor)`);
    ctx.note('slice-bound-assumed', `${what} ${vp.toString()}: its sign depends on the symbols; taken as >= 0 (inside the tensor), as onnxruntime's symbolic shape inference does. A value that breaks this is refused`);
    nonNeg = true;
  }
  // A negative bound counts from the end: p + v, then clamped to 0.
  const idx = nonNeg ? vp : decideMax(ctx, p.add(vp), `${what} ${p.add(vp).toString()} >= 0`);
  const inside = ctx.nonNegative(p.sub(idx), `${what} ${idx.toString()} <= ${p.toString()}`);
  return inside === true ? idx : inside === false ? p : idx.min(p);
}

/** `max(v, 0)`, decided where possible. */
function decideMax(ctx: NodeContext, v: Poly, what: string): Poly {
  const nonNeg = ctx.nonNegative(v, what);
  return nonNeg === true ? v : nonNeg === false ? Poly.ZERO : v.max(0);
}

const sliceRule: OpRule = {
  nonParamInputs: [1, 2, 3, 4],
  infer(ctx: NodeContext) {
    const x = ctx.tensor(0);
    const s = ctx.shape(0);
    let starts: readonly Dim[] | undefined;
    let ends: readonly Dim[] | undefined;
    let axes: readonly number[] | undefined;
    let steps: readonly number[] | undefined;
    if (ctx.opset < 10) {
      starts = ctx.attrInts('starts');
      ends = ctx.attrInts('ends');
      axes = ctx.attrInts('axes');
    } else {
      // Bounds may be symbolic shape data (`x[:, :seq]` exports Slice(x, 0, Unsqueeze(seq))).
      starts = ctx.ints(1) ?? ctx.dims(1);
      ends = ctx.ints(2) ?? ctx.dims(2);
      axes = ctx.hasInput(3) ? ctx.ints(3) : undefined;
      steps = ctx.hasInput(4) ? ctx.ints(4) : undefined;
      if (!starts || !ends || (ctx.hasInput(3) && !axes) || (ctx.hasInput(4) && !steps)) {
        // Rank is preserved even when the bounds are not constants.
        const known = ctx.hasInput(3) ? ctx.ints(3) : undefined;
        const touched = known ? new Set(known.map((a) => ctx.axis(a, s.length))) : undefined;
        ctx.output(0, x.dtype, s.map((d, i) => (touched && !touched.has(i) ? d : ctx.fresh())));
        return;
      }
    }
    if (!starts || !ends) ctx.fail('starts and ends are required');
    if (starts.length !== ends.length) ctx.fail(`starts has ${starts.length} entries, ends has ${ends.length}`);
    const ax = (axes ?? starts.map((_, i) => i)).map((a) => ctx.axis(a, s.length));
    const st = steps ?? starts.map(() => 1);
    const out = [...s];
    const params = new Map<number, [number, number, number]>();
    let numericBounds = true;
    ax.forEach((a, i) => {
      const [b, e] = [starts![i]!, ends![i]!];
      out[a] = sliceDim(ctx, s[a]!, b, e, st[i]!, a);
      if (typeof b === 'number' && typeof e === 'number') params.set(a, [b, e, st[i]!]);
      else numericBounds = false;
    });
    let data: TensorData | undefined;
    if (x.data && numericBounds && isConcreteShape(s) && isConcreteShape(out)) data = sliceData(x.data, s, params);
    ctx.output(0, x.dtype, out, data);
  },
  cost: () => NO_COMPUTE,
};

function sliceData(data: TensorData, shape: readonly number[], params: Map<number, [number, number, number]>): TensorData {
  const idx: number[][] = shape.map((d, a) => {
    const p = params.get(a);
    if (!p) return Array.from({ length: d }, (_, i) => i);
    const [start, end, step] = p;
    const out: number[] = [];
    let s = start < 0 ? start + d : start;
    let e = end < 0 ? end + d : end;
    if (step > 0) {
      s = Math.min(Math.max(s, 0), d);
      e = Math.min(Math.max(e, 0), d);
      for (let i = s; i < e; i += step) out.push(i);
    } else {
      s = Math.min(Math.max(s, -1), d - 1);
      e = Math.min(Math.max(e, -1), d - 1);
      for (let i = s; i > e; i += step) out.push(i);
    }
    return out;
  });
  const st = strides(shape);
  const out: (Dim | string)[] = [];
  const rec = (a: number, off: number): void => {
    if (a === shape.length) {
      out.push(data[off]!);
      return;
    }
    for (const i of idx[a]!) rec(a + 1, off + i * st[a]!);
  };
  rec(0, 0);
  return out;
}

/** ONNX TensorProto.DataType code to dtype. */
export function onnxTypeCode(ctx: NodeContext, code: number | undefined, what: string): DType {
  const t = code === undefined ? 'unknown' : onnxDType(code);
  if (t === 'unknown') ctx.fail(`${what}: unknown data type code ${code}`);
  return t;
}

/** Cast contents: ints truncate toward zero, bools become 0/1; symbolic dims survive integer and float casts. */
function castData(data: TensorData | undefined, to: DType): TensorData | undefined {
  if (!data) return undefined;
  const isInt = /int/.test(to);
  const out: (Dim | string)[] = [];
  for (const v of data) {
    if (typeof v === 'string') {
      if (to === 'string') out.push(v);
      else return undefined;
    } else if (typeof v === 'number') {
      if (to === 'string') out.push(String(v));
      else if (to === 'bool') out.push(v ? 1 : 0);
      else out.push(isInt ? Math.trunc(v) : v);
    } else out.push(to === 'string' ? v.key : v);
  }
  return out;
}

const castRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const x = ctx.tensor(0);
  const to = ctx.opset < 6 ? stringType(ctx, ctx.attrString('to', '')) : onnxTypeCode(ctx, ctx.attrInt('to'), 'attribute to');
  ctx.output(0, to, x.shape, castData(x.data, to));
});

function stringType(ctx: NodeContext, s: string): DType {
  const m: Record<string, DType> = { FLOAT: 'float32', UINT8: 'uint8', INT8: 'int8', UINT16: 'uint16', INT16: 'int16', INT32: 'int32', INT64: 'int64', STRING: 'string', BOOL: 'bool', FLOAT16: 'float16', DOUBLE: 'float64', UINT32: 'uint32', UINT64: 'uint64' };
  const t = m[s.toUpperCase()];
  if (!t) ctx.fail(`attribute to: unknown type ${JSON.stringify(s)}`);
  return t;
}

const castLikeRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const x = ctx.tensor(0);
  const to = ctx.dtype(1);
  ctx.output(0, to, x.shape, castData(x.data, to));
});

const identityRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  ctx.setOutput(0, ctx.input(0));
});

/** Constant: a weight when it holds a tensor (counted as params where consumed as data), else a small literal. */
const constantRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const a = (['value', 'sparse_value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings'] as const).find((k) => ctx.hasAttr(k));
  if (!a) ctx.fail('one of value, sparse_value, value_float(s), value_int(s), value_string(s) is required');
  const attr = ctx.attr(a)!;
  switch (attr.type) {
    case 'tensor':
    case 'sparse_tensor': {
      const w: Weight = attr.value;
      const data = w.values?.map((v) => (typeof v === 'bigint' ? Number(v) : v));
      ctx.setOutput(0, tensorVal(w.dtype, w.dims, data, w));
      return;
    }
    case 'float':
      ctx.output(0, 'float32', [], [attr.value]);
      return;
    case 'int':
      ctx.output(0, 'int64', [], [attr.value]);
      return;
    case 'string':
      ctx.output(0, 'string', [], [attr.value]);
      return;
    case 'floats':
      ctx.output(0, 'float32', [attr.value.length], attr.value);
      return;
    case 'ints':
      ctx.output(0, 'int64', [attr.value.length], attr.value);
      return;
    case 'strings':
      ctx.output(0, 'string', [attr.value.length], attr.value);
      return;
    default:
      ctx.fail(`attribute ${a} has type ${attr.type}`);
  }
});

const constantOfShapeRule: OpRule = {
  nonParamInputs: [0],
  infer(ctx: NodeContext) {
    const shape = ctx.dims(0);
    const value = ctx.attr('value');
    const dtype: DType = value && value.type === 'tensor' ? value.value.dtype : 'float32';
    const fill = value && value.type === 'tensor' && value.value.values?.length ? value.value.values[0]! : 0;
    if (!shape) {
      const s = ctx.shape(0);
      ctx.output(0, dtype, s.length === 1 && typeof s[0] === 'number' ? Array.from({ length: s[0] }, () => ctx.fresh()) : undefined);
      return;
    }
    for (const d of shape) if (typeof d === 'number' && d < 0) ctx.fail(`shape has a negative dim ${d}`, 0);
    const data = propagatable(shape) ? new Array<Dim>(prod(shape)).fill(typeof fill === 'bigint' ? Number(fill) : fill) : undefined;
    // A constant shape makes a constant tensor generated at run time (Caffe2 exports weights this way):
    // like a Constant node's tensor, it is a weight where a node consumes it as data.
    const input = ctx.tensor(0);
    if (input.weight && shape.every((d) => typeof d === 'number')) {
      const dims = shape as number[];
      const elems = prod(dims);
      const weight: Weight = { name: ctx.node.outputs[0] ?? ctx.name, dtype, dims, byteLength: Math.ceil((elems * DTYPE_BITS[dtype]) / 8), location: { kind: 'none' } };
      ctx.setOutput(0, tensorVal(dtype, shape, data, weight));
      return;
    }
    ctx.output(0, dtype, shape, data);
  },
  cost: () => NO_COMPUTE,
};

const rangeRule: OpRule = {
  nonParamInputs: [0, 1, 2],
  infer(ctx: NodeContext) {
    const t = ctx.dtype(0);
    // The spec takes scalars; onnxruntime rejects 1-element tensors here, so say so (the count still follows).
    const ranks = [0, 1, 2].map((i) => ctx.tensor(i).shape?.length);
    const nonScalar = [0, 1, 2].filter((i) => ranks[i] !== undefined && ranks[i] !== 0);
    if (nonScalar.length) ctx.warn('range-non-scalar', `Range inputs must be scalars (rank 0); input${nonScalar.length > 1 ? 's' : ''} ${nonScalar.join(', ')} ha${nonScalar.length > 1 ? 've' : 's'} rank ${nonScalar.map((i) => ranks[i]).join(', ')}. onnxruntime refuses this model`);
    const start = ctx.data(0)?.[0];
    const limit = ctx.data(1)?.[0];
    const delta = ctx.data(2)?.[0];
    if (typeof start === 'number' && typeof limit === 'number' && typeof delta === 'number') {
      if (delta === 0) ctx.fail('delta must not be 0', 2);
      const n = Math.max(Math.ceil((limit - start) / delta), 0);
      const data = n <= 65_536 ? Array.from({ length: n }, (_, i) => start + i * delta) : undefined;
      ctx.output(0, t, [n], data);
      return;
    }
    // Symbolic bounds with an integer step: n = max(ceil((limit - start) / delta), 0).
    if (start !== undefined && limit !== undefined && typeof delta === 'number' && Number.isInteger(delta) && delta > 0 && typeof start !== 'string' && typeof limit !== 'string') {
      const span = dimPoly(limit).sub(dimPoly(start));
      ctx.output(0, t, [dim(span.ceilDiv(delta).max(0))]);
      return;
    }
    ctx.output(0, t, [ctx.dataDependent('range')]);
  },
  cost: () => NO_COMPUTE,
};

const expandRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const x = ctx.tensor(0);
  const target = ctx.dims(1);
  if (!target) {
    const s = ctx.shape(1);
    if (s.length === 1 && typeof s[0] === 'number') {
      const r = Math.max(s[0], ctx.shape(0).length);
      ctx.output(0, x.dtype, Array.from({ length: r }, () => ctx.fresh()));
    } else ctx.output(0, x.dtype, undefined);
    return;
  }
  const shape = ctx.broadcast(ctx.shape(0), target);
  let data: TensorData | undefined;
  if (x.data && propagatable(shape) && isConcreteShape(ctx.shape(0))) {
    const xs = ctx.shape(0) as readonly number[];
    const outS = shape as readonly number[];
    const n = prod(outS);
    const st = strides(xs);
    const ost = strides(outS);
    const out: (Dim | string)[] = [];
    for (let f = 0; f < n; f++) {
      let off = 0;
      let rem = f;
      for (let a = 0; a < outS.length; a++) {
        const i = Math.floor(rem / ost[a]!);
        rem -= i * ost[a]!;
        const k = a - (outS.length - xs.length);
        if (k >= 0 && xs[k] !== 1) off += i * st[k]!;
      }
      out.push(x.data[off]!);
    }
    data = out;
  }
  ctx.output(0, x.dtype, shape, data);
}, [1]);

const transposeRule: OpRule = dataMovementRule((ctx: NodeContext) => {
  const x = ctx.tensor(0);
  const s = ctx.shape(0);
  const perm = ctx.attrInts('perm') ?? s.map((_, i) => s.length - 1 - i);
  if (perm.length !== s.length) ctx.fail(`perm has ${perm.length} entries for an input of rank ${s.length}`);
  const seen = new Set(perm.map((p) => ctx.axis(p, s.length, 'perm entry')));
  if (seen.size !== perm.length) ctx.fail(`perm [${perm.join(', ')}] is not a permutation`);
  const out = perm.map((p) => s[p < 0 ? p + s.length : p]!);
  let data: TensorData | undefined;
  if (x.data && isConcreteShape(s)) {
    if (s.length <= 1) data = x.data;
    else {
      const st = strides(s);
      const os = out as number[];
      const n = prod(os);
      const ost = strides(os);
      const arr: (Dim | string)[] = [];
      for (let f = 0; f < n; f++) {
        let rem = f;
        let off = 0;
        for (let a = 0; a < os.length; a++) {
          const i = Math.floor(rem / ost[a]!);
          rem -= i * ost[a]!;
          off += i * st[perm[a]!]!;
        }
        arr.push(x.data[off]!);
      }
      data = arr;
    }
  }
  ctx.output(0, x.dtype, out, data);
});

/** Rules of this family, by op type (default domain). */
export const shapeRules: Record<string, OpRule> = {
  Cast: castRule,
  CastLike: castLikeRule,
  Concat: concatRule,
  Constant: constantRule,
  ConstantOfShape: constantOfShapeRule,
  Expand: expandRule,
  Flatten: flattenRule,
  Gather: gatherRule,
  Identity: identityRule,
  Range: rangeRule,
  Reshape: reshapeRule,
  Shape: shapeRule,
  Size: sizeRule,
  Slice: sliceRule,
  Squeeze: squeezeRule,
  Transpose: transposeRule,
  Unsqueeze: unsqueezeRule,
};
