/**
 * Wrappers: TimeDistributed (the inner layer over every timestep) and Bidirectional (a recurrent
 * layer run forwards and backwards, outputs merged by `merge_mode`).
 */
import { dimAdd, dimMul, Poly, type Dim, type OpCost } from '@modelcost/core';
import { elements, inShape, nested, ShapeError, str, sumCosts, type LayerCall, type LayerRule, type WeightSpec } from './rule.js';

function innerCall(c: LayerCall, key: string, inputs = c.inputs): { call: LayerCall; rule: LayerRule } {
  const spec = nested(c.config, key);
  if (!spec) throw new ShapeError(`config ${key} is missing: expected the wrapped layer's {class_name, config}`);
  const rule = c.rule(spec.className);
  if (!rule) throw new ShapeError(`wrapped layer class ${spec.className} has no modelcost rule`);
  return { call: { ...c, className: spec.className, config: spec.config, inputs }, rule };
}

/** TimeDistributed: input [batch, time, ...] runs the inner layer on [batch * time, ...]. */
function folded(c: LayerCall): { call: LayerCall; rule: LayerRule; batch: Dim; steps: Dim } {
  const s = inShape(c);
  if (s.length < 3) throw new ShapeError(`input 0: expected rank >= 3 ([batch, time, ...]), got rank ${s.length}`);
  const inner = innerCall(c, 'layer', [{ shape: [dimMul(s[0]!, s[1]!), ...s.slice(2)], dtype: c.inputs[0]!.dtype }]);
  return { ...inner, batch: s[0]!, steps: s[1]! };
}

const timeDistributed: LayerRule = {
  outputs(c) {
    const { call, rule, batch, steps } = folded(c);
    return rule.outputs(call).map((o) => [batch, steps, ...o.slice(1)]);
  },
  weights(c) {
    const { call, rule } = folded(c);
    return rule.weights?.(call) ?? [];
  },
  cost(c) {
    const { call, rule } = folded(c);
    const outs = rule.outputs(call);
    return rule.cost?.(call, outs) ?? { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
  },
};

function directions(c: LayerCall): { fwd: { call: LayerCall; rule: LayerRule }; bwd: { call: LayerCall; rule: LayerRule } } {
  const fwd = innerCall(c, 'layer', c.inputs.slice(0, 1));
  const bwd = nested(c.config, 'backward_layer') ? innerCall(c, 'backward_layer', c.inputs.slice(0, 1)) : fwd;
  return { fwd, bwd };
}

/** Merge cost per output element: concat 0, sum / mul 1, ave 2 (add + divide). */
const MERGE_FLOPS: Readonly<Record<string, number>> = { concat: 0, sum: 1, mul: 1, ave: 2, none: 0 };

function mergeMode(c: LayerCall): string {
  const m = c.config['merge_mode'];
  const mode = m === null ? 'none' : str(c.config, 'merge_mode', 'concat');
  if (!(mode in MERGE_FLOPS)) throw new ShapeError(`merge_mode ${JSON.stringify(m)}: expected concat, sum, mul, ave or null`);
  return mode;
}

const bidirectional: LayerRule = {
  outputs(c) {
    const { fwd, bwd } = directions(c);
    const [yf, ...sf] = fwd.rule.outputs(fwd.call);
    const [yb, ...sb] = bwd.rule.outputs(bwd.call);
    const mode = mergeMode(c);
    if (mode === 'none') return [yf!, yb!, ...sf, ...sb];
    if (mode === 'concat') return [[...yf!.slice(0, -1), dimMulAdd(yf!, yb!)], ...sf, ...sb];
    return [yf!, ...sf, ...sb];
  },
  outputCount(c) {
    const { fwd, bwd } = directions(c);
    const n = (d: { call: LayerCall; rule: LayerRule }): number => d.rule.outputCount?.(d.call) ?? 1;
    return n(fwd) + n(bwd) - (mergeMode(c) === 'none' ? 0 : 1);
  },
  weights(c) {
    const { fwd, bwd } = directions(c);
    const tag = (prefix: string, ws: readonly WeightSpec[]): WeightSpec[] => ws.map((w) => ({ ...w, name: `${prefix}/${w.name}` }));
    return [...tag('forward', fwd.rule.weights?.(fwd.call) ?? []), ...tag('backward', bwd.rule.weights?.(bwd.call) ?? [])];
  },
  cost(c, outs) {
    const { fwd, bwd } = directions(c);
    const one = (d: { call: LayerCall; rule: LayerRule }): OpCost => d.rule.cost?.(d.call, d.rule.outputs(d.call)) ?? { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
    const mode = mergeMode(c);
    const y = mode === 'none' ? undefined : outs[0];
    const merge = y && MERGE_FLOPS[mode] ? elements(y).mul(MERGE_FLOPS[mode]!) : Poly.ZERO;
    const both = sumCosts(one(fwd), one(bwd));
    return { ...both, flops: both.flops.add(merge) };
  },
};

/** Concatenated last axis of the two directions. */
function dimMulAdd(a: readonly Dim[], b: readonly Dim[]): Dim {
  return dimAdd(a[a.length - 1]!, b[b.length - 1]!);
}

/** Rules of this family, by Keras class name. */
export const WRAPPER_RULES: Readonly<Record<string, LayerRule>> = {
  Bidirectional: bidirectional,
  TimeDistributed: timeDistributed,
};

