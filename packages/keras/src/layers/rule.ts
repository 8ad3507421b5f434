/**
 * What a Keras layer rule is, and the helpers rules share: config readers, shape checks, fused
 * activation costs. One rule object per layer class keeps output shapes, weights and cost together.
 */
import {
  dim,
  dimCeilDiv,
  dimPoly,
  dimToString,
  elementwiseCost,
  hasElementwiseRule,
  numElements,
  Poly,
  shapeToString,
  type Convention,
  type Dim,
  type OpCost,
} from '@modelcost/core';
import { MESSAGES } from '../messages.js';

/** A layer config object, as read from JSON (Keras 1 keys already translated to Keras 2 names). */
export type Cfg = Readonly<Record<string, unknown>>;

/** A tensor as a rule sees it: shape with the batch axis first, or undefined when unknown. */
export interface TensorType {
  readonly shape: readonly Dim[] | undefined;
  readonly dtype: string;
}

/** One weight variable a layer creates when built. */
export interface WeightSpec {
  /** Variable name inside the layer (`kernel`, `bias`, `moving_mean`...). */
  readonly name: string;
  readonly shape: readonly Dim[];
  /** False for statistics (BatchNormalization moving mean/variance, Normalization mean/variance/count). */
  readonly trainable: boolean;
  /** Variable dtype when it is not the layer's variable dtype (Normalization `count` is int64). */
  readonly dtype?: string;
}

/** How a diagnostic is reported from inside a rule. */
export type DiagnosticSink = (severity: 'error' | 'warning' | 'info', code: string, message: string) => void;

/** Everything a rule may read about one call of a layer. */
export interface LayerCall {
  readonly className: string;
  readonly name: string;
  readonly config: Cfg;
  /** Positional tensor inputs in order (merge layers: all of them; RNN: sequence then initial states). */
  readonly inputs: readonly TensorType[];
  /** Tensors passed by keyword (`value`, `key` of attention layers; `initial_state`). */
  readonly kwargInputs: Readonly<Record<string, readonly TensorType[]>>;
  /** Non-tensor keyword arguments of the call. */
  readonly kwargs: Cfg;
  readonly convention: Convention;
  /** True for Keras 1 and Keras < 2.3 configs, whose defaults differ (GRU `reset_after` false). */
  readonly legacy: boolean;
  /** Look up the rule of another class (wrappers call their inner layer's rule). */
  readonly rule: (className: string) => LayerRule | undefined;
  readonly diag: DiagnosticSink;
}

/**
 * One Keras layer class. `outputs` gets calls whose input shapes are known; `weights` may be asked
 * with unknown input shapes (it throws {@link UnknownShapeError} when it needs them).
 */
export interface LayerRule {
  /** Output shapes, one per output tensor. Throws {@link ShapeError} when the inputs do not fit. */
  outputs(c: LayerCall): readonly (readonly Dim[])[];
  /** Weights created when the layer is built (default: none). */
  weights?(c: LayerCall): readonly WeightSpec[];
  /** Cost of this call (default: no arithmetic). Params are filled in by the graph walk. */
  cost?(c: LayerCall, outputs: readonly (readonly Dim[])[]): OpCost;
  /** Number of outputs when shapes are unknown (default 1). */
  outputCount?(c: LayerCall): number;
}

/** The inputs of a layer do not fit it: becomes a diagnostic naming the layer. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/** A rule needed an input shape that is unknown. */
export class UnknownShapeError extends Error {
  override readonly name = 'UnknownShapeError';
}

// ---- config readers ----

/** Number from config, or the default when absent / null. */
export function num(cfg: Cfg, key: string, def: number): number {
  const v = cfg[key];
  return typeof v === 'number' ? v : def;
}

/** Optional number from config. */
export function optNum(cfg: Cfg, key: string): number | undefined {
  const v = cfg[key];
  return typeof v === 'number' ? v : undefined;
}

/** Boolean from config, or the default. */
export function bool(cfg: Cfg, key: string, def: boolean): boolean {
  const v = cfg[key];
  return typeof v === 'boolean' ? v : def;
}

/** String from config, or the default. */
export function str(cfg: Cfg, key: string, def: string): string {
  const v = cfg[key];
  return typeof v === 'string' ? v : def;
}

/** An int or a list of ints, as an n-tuple (`kernel_size: 3` -> `[3, 3]`). */
export function tuple(cfg: Cfg, key: string, n: number, def: number | readonly number[]): number[] {
  const v = cfg[key] ?? def;
  if (typeof v === 'number') return new Array<number>(n).fill(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
    const list = v as number[];
    if (list.length === n) return [...list];
    if (list.length === 1) return new Array<number>(n).fill(list[0]!);
  }
  throw new ShapeError(`config ${key} = ${JSON.stringify(v)}: expected an integer or a list of ${n} integers`);
}

/** `channels_last` (default) or `channels_first`. */
export function channelsFirst(cfg: Cfg): boolean {
  return cfg['data_format'] === 'channels_first';
}

/** Config of a nested object (`{class_name, config}`), e.g. a wrapper's `layer`. */
export function nested(cfg: Cfg, key: string): { className: string; config: Cfg } | undefined {
  const v = cfg[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Cfg;
  if (typeof o['class_name'] !== 'string') return undefined;
  const inner = o['config'];
  return { className: o['class_name'], config: inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Cfg) : {} };
}

// ---- shape helpers ----

/** Shape of input `i`; throws when it is unknown or missing. */
export function inShape(c: LayerCall, i = 0): readonly Dim[] {
  const t = c.inputs[i];
  if (!t) throw new ShapeError(`expected at least ${i + 1} input tensor${i ? 's' : ''}, got ${c.inputs.length}`);
  if (!t.shape) throw new UnknownShapeError(`input ${i} of ${c.name} has an unknown shape`);
  return t.shape;
}

/** Shape of input `i` checked to have rank `rank` (`what` names the axes, e.g. `[batch, steps, features]`). */
export function inRank(c: LayerCall, rank: number | readonly number[], what: string, i = 0): readonly Dim[] {
  const s = inShape(c, i);
  const ranks = typeof rank === 'number' ? [rank] : rank;
  if (!ranks.includes(s.length)) throw new ShapeError(`input ${i}: expected rank ${ranks.join(' or ')} (${what}), got rank ${s.length} ${shapeToString(s)}`);
  return s;
}

/** Last axis of a shape. */
export function last(s: readonly Dim[]): Dim {
  return s[s.length - 1]!;
}

/** A dim printed for messages. */
export const fmt = dimToString;

/** Positive axis index for a possibly negative Keras axis. */
export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new ShapeError(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}

/** Output length of a window sweep under Keras padding (`valid`, `same`, `causal`, `full`). */
export function windowOut(inDim: Dim, k: number, stride: number, padding: string, dilation = 1): Dim {
  const eff = (k - 1) * dilation + 1;
  if (padding === 'same' || padding === 'causal') return dimCeilDiv(inDim, stride);
  if (padding === 'full') return dimCeilDiv(dim(dimPoly(inDim).add(eff - 1)), stride);
  if (typeof inDim === 'number') {
    const out = Math.floor((inDim - eff) / stride) + 1;
    if (out <= 0) throw new ShapeError(`input size ${inDim} is smaller than the window ${eff} (padding valid)`);
    return out;
  }
  return dimCeilDiv(dim(dimPoly(inDim).sub(eff - 1)), stride);
}

/** Elements of a shape, as a Poly. */
export function elements(s: readonly Dim[]): Poly {
  return numElements(s);
}

// ---- activations ----

/** Keras activation name (string, or a Keras 3 serialized function object) -> core element op, with flops. */
const ACTIVATION_OPS: Readonly<Record<string, string | number>> = {
  linear: 0,
  relu: 'Relu',
  relu6: 'Clip',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  elu: 'Elu',
  selu: 'Selu',
  softplus: 'Softplus',
  softsign: 'Softsign',
  swish: 'Swish',
  silu: 'SiLU',
  gelu: 'Gelu',
  hard_sigmoid: 'HardSigmoid',
  hard_swish: 'HardSwish',
  hard_silu: 'HardSwish',
  exponential: 'Exp',
  leaky_relu: 'LeakyRelu',
  mish: 'Mish',
  celu: 'Celu',
  // Softmax: max, subtract, exp, sum, divide = 5 per element (docs/cost-conventions.md#softmax).
  softmax: 5,
  // LogSoftmax: 5 per element plus one log per row, approximated per element (upper bound +1).
  log_softmax: 6,
};

/** Name of an activation config value, or undefined for none. */
export function activationName(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Cfg;
    if (typeof o['config'] === 'string') return o['config'];
    if (typeof o['class_name'] === 'string') return o['class_name'];
  }
  return JSON.stringify(v);
}

/** Flops of applying activation `act` over `n` elements; unknown names warn and count 0. */
export function activationFlops(c: LayerCall, act: unknown, n: Poly): Poly {
  const name = activationName(act);
  if (name === undefined) return Poly.ZERO;
  const key = name.toLowerCase();
  const op = ACTIVATION_OPS[key] ?? ACTIVATION_OPS[name];
  if (op === undefined) {
    c.diag('warning', 'unknown-activation', MESSAGES.unknownActivation(c.name, name));
    return Poly.ZERO;
  }
  if (typeof op === 'number') return n.mul(op);
  if (!hasElementwiseRule(op)) return Poly.ZERO;
  return elementwiseCost(op, n).flops;
}

/** Add fused-activation flops to a cost. */
export function withActivation(c: LayerCall, cost: OpCost, out: readonly Dim[]): OpCost {
  const extra = activationFlops(c, c.config['activation'], elements(out));
  return extra.terms.length === 0 ? cost : { ...cost, flops: cost.flops.add(extra) };
}

/** A cost with only element flops. */
export function flopsOnly(flops: Poly): OpCost {
  return { macs: Poly.ZERO, flops, params: Poly.ZERO };
}

/** Sum of several costs. */
export function sumCosts(...costs: readonly OpCost[]): OpCost {
  let macs = Poly.ZERO;
  let flops = Poly.ZERO;
  let params = Poly.ZERO;
  for (const k of costs) {
    macs = macs.add(k.macs);
    flops = flops.add(k.flops);
    params = params.add(k.params);
  }
  return { macs, flops, params };
}

/** Multiply a cost's macs and flops (wrappers that run a layer several times). */
export function scaleCost(cost: OpCost, by: Dim): OpCost {
  return { macs: cost.macs.mul(by), flops: cost.flops.mul(by), params: cost.params };
}
