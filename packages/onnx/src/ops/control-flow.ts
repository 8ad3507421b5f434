/**
 * Control flow (If, Loop, Scan, SequenceMap) and the sequence / optional value ops. Sub-graphs are
 * inferred in nested scopes; their nodes appear in the report under `<node>/<branch>/...`, with a
 * multiplicity: a Loop body's costs count once per trip (its `M` input when known, a named symbol
 * otherwise), an If branch counts when taken (both inferred; the untaken one at multiplicity 0).
 * The control-flow node itself only routes values: cost {@link NO_COMPUTE}.
 */
import { dim, dimEq, dimPoly, Poly, type Dim, type DType } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import { isTensor, tensorVal, type SequenceVal, type TensorVal, type Val } from '../infer/values.js';
import { onnxTypeCode } from './shape.js';
import { NO_COMPUTE } from './util.js';

/**
 * Merge two values that may each flow out (If branches, loop-carried state): equal dims stay, others
 * become `differ(axis)` (a fresh unknown dim unless the caller names it).
 */
export function mergeVals(ctx: NodeContext, a: Val | undefined, b: Val | undefined, differ: (axis: number) => Dim = () => ctx.fresh()): Val | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.kind === 'tensor' && b.kind === 'tensor') {
    if (!a.shape || !b.shape) return tensorVal(a.dtype, undefined);
    if (a.shape.length !== b.shape.length) return tensorVal(a.dtype, undefined);
    return tensorVal(
      a.dtype,
      a.shape.map((d, i) => (dimEq(d, b.shape![i]!) ? d : differ(i))),
    );
  }
  if (a.kind === 'sequence' && b.kind === 'sequence') return { kind: 'sequence', elem: mergeVals(ctx, a.elem, b.elem, differ) };
  if (a.kind === 'optional' && b.kind === 'optional') return { kind: 'optional', elem: mergeVals(ctx, a.elem, b.elem, differ) };
  return a;
}

const ifRule: OpRule = {
  infer(ctx: NodeContext) {
    const thenG = ctx.attrGraph('then_branch');
    const elseG = ctx.attrGraph('else_branch');
    if (!thenG || !elseG) ctx.fail('attributes then_branch and else_branch are required');
    const cond = ctx.data(0)?.[0];
    const known = typeof cond === 'number';
    if (!known) ctx.warn('if-branch-assumed', 'condition unknown before run time: then_branch counted, else_branch shown at multiplicity 0');
    const takeThen = known ? cond !== 0 : true;
    const t = ctx.subgraph(thenG, [], 'then_branch', takeThen ? Poly.ONE : Poly.ZERO);
    const e = ctx.subgraph(elseG, [], 'else_branch', takeThen ? Poly.ZERO : Poly.ONE);
    for (let i = 0; i < ctx.outputCount; i++) {
      // A size on which the branches disagree is decided by the condition at run time: a named symbol.
      ctx.setOutput(i, known ? (takeThen ? t.outputs[i] : e.outputs[i]) : mergeVals(ctx, t.outputs[i], e.outputs[i], (axis) => ctx.dataDependent(`out${i}_${axis}`)));
    }
  },
  cost: () => NO_COMPUTE,
};

/** Add a leading (or `axis`) dim to a per-iteration value: the stacked scan output. */
function stacked(v: Val | undefined, n: Dim, axis = 0): Val | undefined {
  if (!isTensor(v)) return v;
  if (!v.shape) return tensorVal(v.dtype, undefined);
  const s = [...v.shape];
  s.splice(axis < 0 ? axis + s.length + 1 : axis, 0, n);
  return tensorVal(v.dtype, s);
}

/** Loops with a known trip count up to this are inferred one iteration at a time. */
export const MAX_UNROLL = 64;

const loopRule: OpRule = {
  nonParamInputs: [0, 1],
  infer(ctx: NodeContext) {
    const body = ctx.attrGraph('body');
    if (!body) ctx.fail('attribute body is required');
    const carried = ctx.inputCount - 2;
    if (carried < 0) ctx.fail('expected inputs M, cond and the loop-carried values');
    const m = ctx.hasInput(0) ? ctx.dims(0)?.[0] : undefined;
    const trips: Dim = m !== undefined ? m : ctx.dataDependent('trips');
    if (m === undefined) ctx.warn('loop-trip-count', `trip count unknown before run time: body costs are multiplied by the symbol ${typeof trips === 'number' ? trips : trips.key}`);
    const initial: (Val | undefined)[] = [];
    for (let i = 0; i < carried; i++) initial.push(ctx.input(2 + i));
    if (typeof m === 'number' && m <= MAX_UNROLL) {
      // A short loop with a known trip count is inferred iteration by iteration: the iteration number
      // is known to the body (SequenceAt(x, i) picks the right item), carried values evolve exactly, and
      // the cost of each iteration is its own.
      let state = initial;
      let cond = ctx.hasInput(1) ? ctx.data(1)?.[0] : 1;
      const scans: (Val | undefined)[][] = [];
      let iterations = 0;
      for (let k = 0; k < m && cond !== 0; k++) {
        const r = ctx.subgraph(body, [tensorVal('int64', [], [k]), tensorVal('bool', [], typeof cond === 'number' ? [cond] : undefined), ...state], `body[${k}]`, Poly.ONE);
        state = r.outputs.slice(1, 1 + carried);
        scans.push(r.outputs.slice(1 + carried));
        cond = isTensor(r.outputs[0]) ? r.outputs[0].data?.[0] : undefined;
        iterations++;
      }
      for (let i = 0; i < carried; i++) ctx.setOutput(i, state[i]);
      const nScan = Math.max(0, ctx.outputCount - carried);
      for (let s = 0; s < nScan; s++) {
        const per = scans.map((o) => o[s]);
        const elem = per.reduce<Val | undefined>((acc, v) => (acc === undefined ? v : mergeVals(ctx, acc, v)), undefined);
        ctx.setOutput(carried + s, stacked(elem, iterations));
      }
      return;
    }
    const bodyInputs: (Val | undefined)[] = [tensorVal('int64', []), tensorVal('bool', []), ...initial.map((v) => (isTensor(v) ? tensorVal(v.dtype, v.shape) : v))];
    const r = ctx.subgraph(body, bodyInputs, 'body', dimPoly(trips));
    // Body outputs: cond, carried..., scan outputs...
    for (let i = 0; i < carried; i++) ctx.setOutput(i, mergeVals(ctx, initial[i], r.outputs[1 + i]));
    for (let k = 1 + carried; k < r.outputs.length; k++) ctx.setOutput(k - 1, stacked(r.outputs[k], trips));
  },
  cost: () => NO_COMPUTE,
};

const scanRule: OpRule = {
  infer(ctx: NodeContext) {
    const body = ctx.attrGraph('body');
    if (!body) ctx.fail('attribute body is required');
    const numScan = ctx.attrInt('num_scan_inputs');
    if (numScan === undefined) ctx.fail('attribute num_scan_inputs is required');
    if (ctx.opset < 9) {
      // Scan-8: input 0 is sequence_lens; every scan input has [batch, seq, ...].
      const states = ctx.inputCount - 1 - numScan;
      const stateVals = Array.from({ length: states }, (_, i) => ctx.input(1 + i));
      const scans = Array.from({ length: numScan }, (_, i) => ctx.tensor(1 + states + i));
      const batch = scans[0]?.shape?.[0] ?? ctx.fresh();
      const seq = scans[0]?.shape?.[1] ?? ctx.fresh();
      const bodyIn: (Val | undefined)[] = [
        ...stateVals.map((v) => (isTensor(v) && v.shape ? tensorVal(v.dtype, v.shape.slice(1)) : v)),
        ...scans.map((v) => tensorVal(v.dtype, v.shape ? v.shape.slice(2) : undefined)),
      ];
      const r = ctx.subgraph(body, bodyIn, 'body', dimPoly(batch).mul(dimPoly(seq)));
      for (let i = 0; i < states; i++) ctx.setOutput(i, stacked(r.outputs[i], batch));
      for (let k = states; k < r.outputs.length; k++) {
        const v = r.outputs[k];
        ctx.setOutput(k, isTensor(v) && v.shape ? tensorVal(v.dtype, [batch, seq, ...v.shape]) : v);
      }
      return;
    }
    const states = ctx.inputCount - numScan;
    const inAxes = ctx.attrInts('scan_input_axes') ?? new Array<number>(numScan).fill(0);
    const stateVals = Array.from({ length: states }, (_, i) => ctx.input(i));
    const scans = Array.from({ length: numScan }, (_, i) => ctx.tensor(states + i));
    let trips: Dim | undefined;
    const bodyIn: (Val | undefined)[] = [...stateVals];
    scans.forEach((v, i) => {
      if (!v.shape) {
        bodyIn.push(tensorVal(v.dtype, undefined));
        return;
      }
      const ax = ctx.axis(inAxes[i] ?? 0, v.shape.length, 'scan_input_axes entry');
      trips ??= v.shape[ax]!;
      bodyIn.push(tensorVal(v.dtype, v.shape.filter((_, k) => k !== ax)));
    });
    const n = trips ?? ctx.dataDependent('trips');
    const r = ctx.subgraph(body, bodyIn, 'body', dimPoly(n));
    const outAxes = ctx.attrInts('scan_output_axes') ?? [];
    for (let i = 0; i < states; i++) ctx.setOutput(i, mergeVals(ctx, stateVals[i], r.outputs[i]));
    for (let k = states; k < r.outputs.length; k++) ctx.setOutput(k, stacked(r.outputs[k], n, outAxes[k - states] ?? 0));
  },
  cost: () => NO_COMPUTE,
};

function seqOf(ctx: NodeContext, i: number): SequenceVal {
  const v = ctx.input(i);
  if (!v) return { kind: 'sequence', elem: undefined };
  if (v.kind !== 'sequence') ctx.fail(`input ${i}: expected a sequence, got a ${v.kind}`, i);
  return v;
}

/** Element type shared by several tensors: equal dims stay, others become fresh. */
function commonElem(ctx: NodeContext, vals: readonly (Val | undefined)[]): Val | undefined {
  return vals.reduce<Val | undefined>((acc, v) => (acc === undefined ? v : mergeVals(ctx, acc, v)), undefined);
}

const sequenceConstruct: OpRule = {
  infer(ctx: NodeContext) {
    const items = ctx.inputs();
    ctx.setOutput(0, { kind: 'sequence', elem: commonElem(ctx, items), items });
  },
  cost: () => NO_COMPUTE,
};

const sequenceEmpty: OpRule = {
  infer(ctx: NodeContext) {
    const dtype: DType = ctx.hasAttr('dtype') ? onnxTypeCode(ctx, ctx.attrInt('dtype'), 'attribute dtype') : 'float32';
    ctx.setOutput(0, { kind: 'sequence', elem: tensorVal(dtype, undefined), items: [] });
  },
  cost: () => NO_COMPUTE,
};

/** Resolve a (possibly negative) position against a sequence of known length. */
function position(ctx: NodeContext, i: number, len: number | undefined, forInsert: boolean): number | undefined {
  const p = ctx.ints(i)?.[0];
  if (p === undefined || len === undefined) return undefined;
  const q = p < 0 ? p + len : p;
  if (q < 0 || q > (forInsert ? len : len - 1)) ctx.fail(`position ${p} is out of range for a sequence of length ${len}`, i);
  return q;
}

const sequenceAt: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const s = seqOf(ctx, 0);
    const p = position(ctx, 1, s.items?.length, false);
    ctx.setOutput(0, p !== undefined && s.items ? s.items[p] : s.elem);
  },
  cost: () => NO_COMPUTE,
};

const sequenceInsert: OpRule = {
  nonParamInputs: [2],
  infer(ctx: NodeContext) {
    const s = seqOf(ctx, 0);
    const t = ctx.input(1);
    const len = s.items?.length;
    let items: Val[] | undefined;
    if (s.items && t) {
      const p = ctx.hasInput(2) ? position(ctx, 2, len, true) : len;
      if (p !== undefined) {
        items = [...s.items];
        items.splice(p, 0, t);
      }
    }
    const elem = s.items && s.items.length === 0 ? t : commonElem(ctx, [s.elem, t]);
    ctx.setOutput(0, items ? { kind: 'sequence', elem, items } : { kind: 'sequence', elem });
  },
  cost: () => NO_COMPUTE,
};

const sequenceErase: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const s = seqOf(ctx, 0);
    let items: Val[] | undefined;
    if (s.items) {
      const p = ctx.hasInput(1) ? position(ctx, 1, s.items.length, false) : s.items.length - 1;
      if (p !== undefined) {
        items = [...s.items];
        items.splice(p, 1);
      }
    }
    ctx.setOutput(0, items ? { kind: 'sequence', elem: s.elem, items } : { kind: 'sequence', elem: s.elem });
  },
  cost: () => NO_COMPUTE,
};

const sequenceLength: OpRule = {
  infer(ctx: NodeContext) {
    const s = seqOf(ctx, 0);
    ctx.output(0, 'int64', [], s.items ? [s.items.length] : undefined);
  },
  cost: () => NO_COMPUTE,
};

const splitToSequence: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const x = ctx.tensor(0);
    const s = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt('axis', 0), s.length);
    const keepdims = ctx.attrInt('keepdims', 1) === 1;
    const d = s[axis]!;
    if (!ctx.hasInput(1)) {
      // Split into pieces of size 1.
      const elem = tensorVal(x.dtype, keepdims ? s.map((v, i) => (i === axis ? 1 : v)) : s.filter((_, i) => i !== axis));
      const items = typeof d === 'number' ? Array.from({ length: d }, () => elem) : undefined;
      ctx.setOutput(0, items ? { kind: 'sequence', elem, items } : { kind: 'sequence', elem });
      return;
    }
    const split = ctx.dims(1);
    const splitShape = ctx.shape(1);
    if (split && splitShape.length === 0) {
      // A scalar split: equal chunks of that size, the last possibly smaller.
      const size = split[0]!;
      if (typeof d === 'number' && typeof size === 'number') {
        const n = Math.ceil(d / size);
        const items = Array.from({ length: n }, (_, i) => tensorVal(x.dtype, s.map((v, k) => (k === axis ? Math.min(size, d - i * size) : v))));
        ctx.setOutput(0, { kind: 'sequence', elem: commonElem(ctx, items), items });
        return;
      }
    }
    if (split && splitShape.length === 1) {
      const items = split.map((len) => tensorVal(x.dtype, s.map((v, k) => (k === axis ? len : v))));
      ctx.setOutput(0, { kind: 'sequence', elem: commonElem(ctx, items), items });
      return;
    }
    ctx.setOutput(0, { kind: 'sequence', elem: tensorVal(x.dtype, s.map((v, k) => (k === axis ? ctx.fresh() : v))) });
  },
  cost: () => NO_COMPUTE,
};

const concatFromSequence: OpRule = {
  infer(ctx: NodeContext) {
    const s = seqOf(ctx, 0);
    const newAxis = ctx.attrInt('new_axis', 0) === 1;
    const axisAttr = ctx.attrInt('axis');
    if (axisAttr === undefined) ctx.fail('attribute axis is required');
    const elem = s.elem;
    if (!isTensor(elem) || !elem.shape) {
      ctx.output(0, isTensor(elem) ? elem.dtype : 'float32', undefined);
      return;
    }
    const rank = elem.shape.length + (newAxis ? 1 : 0);
    const axis = ctx.axis(axisAttr, rank);
    if (s.items && s.items.every((v) => isTensor(v) && v.shape)) {
      const shapes = s.items.map((v) => (v as TensorVal).shape!);
      if (newAxis) {
        const out = [...shapes[0]!];
        out.splice(axis, 0, shapes.length);
        ctx.output(0, elem.dtype, out);
      } else {
        const out = [...shapes[0]!];
        out[axis] = dim(shapes.reduce((acc, sh) => acc.add(dimPoly(sh[axis]!)), Poly.ZERO));
        ctx.output(0, elem.dtype, out);
      }
      return;
    }
    const out = [...elem.shape];
    if (newAxis) out.splice(axis, 0, ctx.fresh());
    else out[axis] = ctx.fresh();
    ctx.output(0, elem.dtype, out);
  },
  cost: () => NO_COMPUTE,
};

const sequenceMap: OpRule = {
  infer(ctx: NodeContext) {
    const body = ctx.attrGraph('body');
    if (!body) ctx.fail('attribute body is required');
    const s = seqOf(ctx, 0);
    const extra = Array.from({ length: ctx.inputCount - 1 }, (_, i) => ctx.input(1 + i));
    const elemOf = (v: Val | undefined): Val | undefined => (v && v.kind === 'sequence' ? v.elem : v);
    const n = s.items?.length;
    if (s.items && n !== undefined && n > 0) {
      // Each item may differ in shape: infer the body per item (costs once per item).
      const outs: (Val | undefined)[][] = [];
      s.items.forEach((item, k) => {
        const args = [item, ...extra.map((v) => (v && v.kind === 'sequence' && v.items ? v.items[k] : elemOf(v)))];
        outs.push([...ctx.subgraph(body, args, `body[${k}]`, Poly.ONE).outputs]);
      });
      for (let o = 0; o < ctx.outputCount; o++) {
        const items = outs.map((r) => r[o]).filter((v): v is Val => v !== undefined);
        ctx.setOutput(o, { kind: 'sequence', elem: commonElem(ctx, items), items });
      }
      return;
    }
    const r = ctx.subgraph(body, [s.elem, ...extra.map(elemOf)], 'body', n === undefined ? dimPoly(ctx.dataDependent('length')) : Poly.const(n));
    for (let o = 0; o < ctx.outputCount; o++) ctx.setOutput(o, { kind: 'sequence', elem: r.outputs[o], ...(n === 0 ? { items: [] } : {}) });
  },
  cost: () => NO_COMPUTE,
};

const optionalRule: OpRule = {
  infer(ctx: NodeContext) {
    if (ctx.hasInput(0)) {
      ctx.setOutput(0, { kind: 'optional', elem: ctx.input(0) });
      return;
    }
    const t = ctx.attrType('type');
    const elem = t && (t.kind === 'tensor' || t.kind === 'sparse_tensor') ? tensorVal(t.elemType, t.shape?.map((d) => (typeof d === 'number' ? d : ctx.fresh()))) : t?.kind === 'sequence' ? ({ kind: 'sequence', elem: undefined } as const) : undefined;
    ctx.setOutput(0, { kind: 'optional', elem });
  },
  cost: () => NO_COMPUTE,
};

const optionalHasElement: OpRule = {
  infer(ctx: NodeContext) {
    ctx.output(0, 'bool', []);
  },
  cost: () => NO_COMPUTE,
};

const optionalGetElement: OpRule = {
  infer(ctx: NodeContext) {
    const v = ctx.input(0);
    ctx.setOutput(0, v && v.kind === 'optional' ? v.elem : v);
  },
  cost: () => NO_COMPUTE,
};

/** Rules of this family, by op type (default domain). */
export const controlFlowRules: Record<string, OpRule> = {
  ConcatFromSequence: concatFromSequence,
  If: ifRule,
  Loop: loopRule,
  Optional: optionalRule,
  OptionalGetElement: optionalGetElement,
  OptionalHasElement: optionalHasElement,
  Scan: scanRule,
  SequenceAt: sequenceAt,
  SequenceConstruct: sequenceConstruct,
  SequenceEmpty: sequenceEmpty,
  SequenceErase: sequenceErase,
  SequenceInsert: sequenceInsert,
  SequenceLength: sequenceLength,
  SequenceMap: sequenceMap,
  SplitToSequence: splitToSequence,
};
