/**
 * Control flow (If, Loop, Scan, SequenceMap) and the sequence / optional value ops. Sub-graphs are
 * inferred in nested scopes; their nodes appear in the report under `<node>/<branch>/...`, with a
 * multiplicity: a Loop body's costs count once per trip (its `M` input when known, a named symbol
 * otherwise), an If branch counts when taken (both inferred; the untaken one at multiplicity 0).
 * The control-flow node itself only routes values: cost {@link NO_COMPUTE}.
 */
import { dim, dimEq, dimPoly, dimToString, Poly, pushAll, type Dim, type DType } from '@modelcost/core';
import type { Induction, NodeContext } from '../infer/context.js';
import { subgraphFreeInputs } from '../infer/engine.js';
import { mentions, valMentions } from '../infer/induction.js';
import type { GraphDef } from '../infer/model.js';
import type { OpRule } from '../infer/rule.js';
import { isTensor, MAX_DATA_ELEMENTS, tensorVal, valSignature, valToString, type SequenceVal, type TensorVal, type Val } from '../infer/values.js';
import { INFER_MESSAGES } from '../messages.js';
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

/**
 * A loop with a known trip count is stepped through one iteration at a time when its trip count times
 * the iterations of the stepped loops around it is at most this; other loops are inferred as a whole.
 */
export const MAX_UNROLL = 64;

const readsIter = new WeakMap<GraphDef, boolean>();

/** True when a Loop body reads its iteration-number input (itself, or in a nested sub-graph). */
function readsIterationNumber(body: GraphDef): boolean {
  let r = readsIter.get(body);
  if (r === undefined) {
    const iter = body.inputs[0]?.name;
    r = iter !== undefined && iter !== '' && body.nodes.some((n) => n.inputs.includes(iter) || nodeSubgraphs(n).some((g) => subgraphFreeInputs(g).includes(iter)));
    readsIter.set(body, r);
  }
  return r;
}

function nodeSubgraphs(n: GraphDef['nodes'][number]): GraphDef[] {
  const out: GraphDef[] = [];
  for (const a of Object.values(n.attributes)) {
    if (a.type === 'graph') out.push(a.value);
    else if (a.type === 'graphs') pushAll(out, a.value);
  }
  return out;
}

/** A value as it enters an iteration nothing is known about: shapes and types, no contents. */
function shapeOnly(v: Val | undefined): Val | undefined {
  if (!v) return v;
  if (v.kind === 'tensor') return tensorVal(v.dtype, v.shape);
  if (v.kind === 'sequence') return { kind: 'sequence', elem: shapeOnly(v.elem) };
  if (v.kind === 'optional') return { kind: 'optional', elem: shapeOnly(v.elem) };
  return v;
}

/** True when two lists of values have equal signatures (`data`: known contents compared too). */
function sameVals(a: readonly (Val | undefined)[], b: readonly (Val | undefined)[], data: boolean): boolean {
  return a.length === b.length && a.every((v, i) => valSignature(v, data) === valSignature(b[i], data));
}

/** Stack per-iteration scan outputs: one element type over the iterations, `n` along the new axis. */
function stackScans(ctx: NodeContext, perIteration: readonly (readonly (Val | undefined)[])[], nScan: number, n: Dim, carried: number): void {
  for (let s = 0; s < nScan; s++) {
    const elem = perIteration.reduce<Val | undefined>((acc, o) => (acc === undefined ? o[s] : mergeVals(ctx, acc, o[s])), undefined);
    ctx.setOutput(carried + s, stacked(elem, n));
  }
}

/**
 * A loop stepped through: iteration k sees the state iteration k-1 left (and k itself, when the body
 * reads it). Once an iteration leaves the state as it found it, every later iteration is the same
 * inference: the remaining trips are counted on that run at once, so a body that reaches its fixed
 * point at once costs one inference however many trips it makes.
 */
function stepLoop(ctx: NodeContext, body: GraphDef, m: number, initial: readonly (Val | undefined)[], carried: number, nScan: number): void {
  const usesIter = readsIterationNumber(body);
  let state = initial;
  let cond = ctx.hasInput(1) ? ctx.data(1)?.[0] : 1;
  const scans: (readonly (Val | undefined)[])[] = [];
  let iterations = 0;
  for (let k = 0; k < m && cond !== 0; k++) {
    const condVal = tensorVal('bool', [], typeof cond === 'number' ? [cond] : undefined);
    const r = ctx.subgraph(body, [tensorVal('int64', [], usesIter ? [k] : undefined), condVal, ...state], k === 0 ? 'body' : `body[${k}]`, Poly.ONE, { unroll: m });
    const next = r.outputs.slice(1, 1 + carried);
    const nextCond = isTensor(r.outputs[0]) ? r.outputs[0].data?.[0] : undefined;
    scans.push(r.outputs.slice(1 + carried));
    iterations++;
    if (!usesIter && nextCond === cond && sameVals(state, next, true)) {
      // A fixed point: iterations k+1 .. m-1 see exactly what iteration k saw.
      const rest = m - k - 1;
      if (rest > 0) r.recount(Poly.const(1 + rest));
      iterations += rest;
      state = next;
      break;
    }
    state = next;
    cond = nextCond;
  }
  for (let i = 0; i < carried; i++) ctx.setOutput(i, state[i]);
  stackScans(ctx, scans, nScan, iterations, carried);
}

/**
 * A loop inferred as a whole, `trips` times (a symbolic, data-dependent or large trip count). The
 * body is inferred once on the initial state's shapes: when it leaves them as it found them, that run
 * counts `trips` times. When a carried size grows by the same amount every iteration (a tensor
 * concatenated onto once per trip, from an empty start), the body is inferred again with a symbol S
 * for that size; if the run confirms S -> S + step, the size after the loop is `init + trips*step`
 * and each cost that depends on S is summed over the iterations exactly (see SubgraphResult.sumOver).
 * Otherwise the changing sizes are unknown after the loop, as a warning says.
 */
function wholeLoop(ctx: NodeContext, body: GraphDef, trips: Poly, initial: readonly (Val | undefined)[], carried: number, nScan: number): void {
  const bodyIn = (state: readonly (Val | undefined)[]): (Val | undefined)[] => [tensorVal('int64', []), tensorVal('bool', []), ...state];
  const in0 = initial.map(shapeOnly);
  const r0 = ctx.subgraph(body, bodyIn(in0), 'body', trips);
  const out0 = r0.outputs.slice(1, 1 + carried).map(shapeOnly);
  const finish = (state: readonly (Val | undefined)[], scans: readonly (Val | undefined)[]): void => {
    for (let i = 0; i < carried; i++) ctx.setOutput(i, state[i]);
    for (let s = 0; s < nScan; s++) ctx.setOutput(carried + s, stacked(scans[s], dim(trips)));
  };
  if (sameVals(in0, out0, false)) {
    finish(out0, r0.outputs.slice(1 + carried));
    return;
  }
  const induced = induce(ctx, body, trips, in0, out0, carried, bodyIn);
  if (induced) {
    r0.discard();
    finish(induced.state, induced.scans);
    return;
  }
  const changes: string[] = [];
  in0.forEach((v, i) => {
    if (valSignature(v, false) !== valSignature(out0[i], false)) changes.push(`state ${i}: ${valToString(v)} -> ${valToString(out0[i])}`);
  });
  ctx.warn('loop-carried-size', INFER_MESSAGES.loopSizeUnknown(changes.join(', ')));
  finish(
    in0.map((v, i) => mergeVals(ctx, v, out0[i])),
    r0.outputs.slice(1 + carried),
  );
}

/** The induction step of {@link wholeLoop}: the state after the loop and the scan elements, or undefined. */
function induce(
  ctx: NodeContext,
  body: GraphDef,
  trips: Poly,
  in0: readonly (Val | undefined)[],
  out0: readonly (Val | undefined)[],
  carried: number,
  bodyIn: (state: readonly (Val | undefined)[]) => (Val | undefined)[],
): { state: (Val | undefined)[]; scans: (Val | undefined)[] } | undefined {
  // Every carried value must keep its kind, dtype and rank; the sizes that change get a symbol each.
  const symbols = new Map<string, { poly: Poly; init: Poly; at: readonly [number, number] }>();
  const in1 = [...in0];
  for (let i = 0; i < carried; i++) {
    const a = in0[i];
    const b = out0[i];
    if (valSignature(a, false) === valSignature(b, false)) continue;
    if (!isTensor(a) || !isTensor(b) || !a.shape || !b.shape || a.dtype !== b.dtype || a.shape.length !== b.shape.length) return undefined;
    const shape = a.shape.map((d, ax) => {
      if (dimEq(d, b.shape![ax]!)) return d;
      const s = dimPoly(ctx.fresh());
      symbols.set(s.symbols()[0]!, { poly: s, init: dimPoly(d), at: [i, ax] });
      return dim(s);
    });
    in1[i] = tensorVal(a.dtype, shape);
  }
  if (symbols.size === 0) return undefined;
  const r1 = ctx.subgraph(body, bodyIn(in1), 'body', trips);
  const out1 = r1.outputs.slice(1, 1 + carried).map(shapeOnly);
  const names = new Set(symbols.keys());
  const induction = new Map<string, Induction>();
  let ok = true;
  for (const [name, { poly, init, at }] of symbols) {
    const o = out1[at[0]];
    const step = isTensor(o) && o.shape ? dimPoly(o.shape[at[1]]!).sub(poly) : undefined;
    // S -> S + step, with a step that does not itself change and never shrinks the size.
    const order = step?.compare(Poly.ZERO);
    if (!step || mentions(step, names) || !(order === 'eq' || order === 'ge' || order === 'gt')) ok = false;
    else induction.set(name, { init, step });
  }
  // Every other size must come out as it went in.
  for (let i = 0; ok && i < carried; i++) {
    const a = in1[i];
    const b = out1[i];
    if (!isTensor(a) || !a.shape) {
      ok = valSignature(a, false) === valSignature(b, false);
      continue;
    }
    ok = isTensor(b) && b.shape !== undefined && b.dtype === a.dtype && b.shape.length === a.shape.length && a.shape.every((d, ax) => symbols.has(symbolOf(d) ?? '') || dimEq(d, b.shape![ax]!));
  }
  if (!ok || !r1.sumOver(trips, induction)) {
    r1.discard();
    return undefined;
  }
  const after = (d: Dim): Dim => {
    const s = symbolOf(d);
    const ind = s === undefined ? undefined : induction.get(s);
    return ind ? dim(ind.init.add(trips.mul(ind.step))) : d;
  };
  const state = out1.map((v, i) => (isTensor(in1[i]) && isTensor(v) && v.shape ? tensorVal(v.dtype, (in1[i] as TensorVal).shape!.map(after)) : v));
  // A scan output whose per-iteration shape follows the growing size has no one shape to stack: those axes are unknown.
  const scans = r1.outputs.slice(1 + carried).map((v) => (isTensor(v) && v.shape && valMentions(v, names) ? tensorVal(v.dtype, v.shape.map((d) => (typeof d !== 'number' && mentions(d, names) ? ctx.fresh() : d))) : v));
  return { state, scans };
}

/** The symbol a dim is, when it is exactly one symbol. */
function symbolOf(d: Dim): string | undefined {
  if (typeof d === 'number') return undefined;
  const t = d.terms;
  return t.length === 1 && t[0]!.coeff === 1n && t[0]!.factors.length === 1 && t[0]!.factors[0]![1] === 1 && t[0]!.factors[0]![0].kind === 'sym' ? t[0]!.factors[0]![0].name : undefined;
}

const loopRule: OpRule = {
  nonParamInputs: [0, 1],
  infer(ctx: NodeContext) {
    const body = ctx.attrGraph('body');
    if (!body) ctx.fail('attribute body is required');
    const carried = ctx.inputCount - 2;
    if (carried < 0) ctx.fail('expected inputs M, cond and the loop-carried values');
    const nScan = Math.max(0, ctx.outputCount - carried);
    const initial: (Val | undefined)[] = [];
    for (let i = 0; i < carried; i++) initial.push(ctx.input(2 + i));
    const m = ctx.hasInput(0) ? ctx.dims(0)?.[0] : undefined;
    const cond = ctx.hasInput(1) ? ctx.data(1)?.[0] : 1;
    if ((typeof m === 'number' && m * ctx.unrolled <= MAX_UNROLL) || cond === 0) {
      stepLoop(ctx, body, typeof m === 'number' ? m : 1, initial, carried, nScan);
      return;
    }
    let trips: Poly;
    if (m === undefined) {
      const sym = ctx.dataDependent('trips');
      ctx.warn('loop-trip-count', `trip count unknown before run time: body costs are multiplied by the symbol ${dimToString(sym)}`);
      trips = dimPoly(sym);
    } else trips = dimPoly(m).max(Poly.ZERO);
    wholeLoop(ctx, body, trips, initial, carried, nScan);
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
      const items = typeof d === 'number' && d <= MAX_DATA_ELEMENTS ? Array.from({ length: d }, () => elem) : undefined;
      ctx.setOutput(0, items ? { kind: 'sequence', elem, items } : { kind: 'sequence', elem });
      return;
    }
    const split = ctx.dims(1);
    const splitShape = ctx.shape(1);
    if (split && splitShape.length === 0) {
      // A scalar split: equal chunks of that size, the last possibly smaller.
      const size = split[0]!;
      if (typeof d === 'number' && typeof size === 'number' && size > 0 && Math.ceil(d / size) <= MAX_DATA_ELEMENTS) {
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
    const argsOf = (item: Val, k: number): (Val | undefined)[] => [item, ...extra.map((v) => (v && v.kind === 'sequence' && v.items ? v.items[k] : elemOf(v)))];
    // Items alike cost one inference (memoised); step through them while the distinct ones stay few.
    const distinct = s.items ? new Set(s.items.map((item, k) => argsOf(item, k).map((v) => valSignature(v)).join('|'))).size : 0;
    if (s.items && n !== undefined && n > 0 && distinct * ctx.unrolled <= MAX_UNROLL) {
      // Each item may differ in shape: infer the body per item (costs once per item).
      const outs: (Val | undefined)[][] = [];
      s.items.forEach((item, k) => {
        outs.push([...ctx.subgraph(body, argsOf(item, k), `body[${k}]`, Poly.ONE, { unroll: distinct }).outputs]);
      });
      for (let o = 0; o < ctx.outputCount; o++) {
        const items = outs.map((r) => r[o]).filter((v): v is Val => v !== undefined);
        ctx.setOutput(o, { kind: 'sequence', elem: commonElem(ctx, items), items });
      }
      return;
    }
    const elem = s.items && s.items.length ? commonElem(ctx, s.items) : s.elem;
    const r = ctx.subgraph(body, [elem, ...extra.map(elemOf)], 'body', n === undefined ? dimPoly(ctx.dataDependent('length')) : Poly.const(n));
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
