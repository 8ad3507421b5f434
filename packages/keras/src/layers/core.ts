/**
 * Core layers: Dense, EinsumDense, Embedding, activations and activation layers, the Dropout family
 * and other identities, Flatten, Reshape, Permute, RepeatVector, Masking.
 */
import { dim, dimFloorDiv, einsumCost, gemmCost, numElements, Poly, type Dim, type OpCost } from '@modelcost/core';
import {
  activationFlops,
  bool,
  elements,
  flopsOnly,
  fmt,
  inShape,
  last,
  num,
  ShapeError,
  withActivation,
  type Cfg,
  type LayerCall,
  type LayerRule,
  type WeightSpec,
} from './rule.js';

/** Layers that pass their input through at inference: no arithmetic, same shape. */
export const identity: LayerRule = {
  outputs: (c) => [inShape(c)],
};

/** Dense: `y = activation(x . kernel + bias)` over the last axis (Keras applies it to N-d inputs too). */
const dense: LayerRule = {
  outputs(c) {
    const s = inShape(c);
    if (s.length < 2) throw new ShapeError(`input 0: expected rank >= 2 ([batch, ..., features]), got rank ${s.length}`);
    return [[...s.slice(0, -1), num(c.config, 'units', 0)]];
  },
  weights(c) {
    const units = num(c.config, 'units', 0);
    const w: WeightSpec[] = [{ name: 'kernel', shape: [last(inShape(c)), units], trainable: true }];
    if (bool(c.config, 'use_bias', true)) w.push({ name: 'bias', shape: [units], trainable: true });
    return w;
  },
  cost(c, [out]) {
    const s = inShape(c);
    // y[m, n] = sum_k x[m, k] * W[k, n] (+ b[n]): M * K * N macs, M = all leading axes.
    const cost = gemmCost({ m: dim(numElements(s.slice(0, -1))), k: last(s), n: num(c.config, 'units', 0), bias: bool(c.config, 'use_bias', true) }, { convention: c.convention });
    return withActivation(c, cost, out!);
  },
};

interface EinsumSplit {
  readonly input: string;
  readonly kernel: string;
  readonly output: string;
}

function splitEquation(eq: string): EinsumSplit {
  const m = /^([a-zA-Z.]+),([a-zA-Z]+)->([a-zA-Z.]+)$/.exec(eq.replace(/\s+/g, ''));
  if (!m) throw new ShapeError(`config equation ${JSON.stringify(eq)}: expected the form "ab,bc->ac"`);
  return { input: m[1]!, kernel: m[2]!, output: m[3]! };
}

/** Letter sizes of an EinsumDense call: input letters from the input shape, the others from `output_shape`. */
function einsumSizes(c: LayerCall): { sizes: Map<string, Dim>; ellipsis: Dim[]; split: EinsumSplit; out: Dim[] } {
  const split = splitEquation(String(c.config['equation'] ?? ''));
  const s = inShape(c);
  const inLetters = split.input.replace('...', '');
  const ellRank = split.input.includes('...') ? s.length - inLetters.length : 0;
  if (s.length !== inLetters.length + ellRank) throw new ShapeError(`input 0: equation ${split.input} needs rank ${inLetters.length}, got rank ${s.length}`);
  const sizes = new Map<string, Dim>();
  const leftEll = split.input.startsWith('...');
  const ellipsis = split.input.includes('...') ? (leftEll ? s.slice(0, ellRank) : s.slice(s.length - ellRank)) : [];
  const letterDims = leftEll ? s.slice(ellRank) : s.slice(0, s.length - ellRank);
  [...inLetters].forEach((l, i) => sizes.set(l, letterDims[i]!));
  const rawOut = c.config['output_shape'];
  const outShape = (typeof rawOut === 'number' ? [rawOut] : Array.isArray(rawOut) ? rawOut : []) as (number | null)[];
  const outLetters = split.output.replace('...', '');
  // output_shape excludes the batch axis (the first letter when there is no ellipsis) and the ellipsis.
  const fromShape = split.output.includes('...') ? [...outLetters] : [...outLetters].slice(1);
  fromShape.forEach((l, i) => {
    const v = outShape[i];
    if (!sizes.has(l) && typeof v === 'number') sizes.set(l, v);
  });
  for (const l of outLetters) if (!sizes.has(l)) throw new ShapeError(`output axis ${l} has no size (output_shape ${JSON.stringify(rawOut)})`);
  const outDims = [...outLetters].map((l) => sizes.get(l)!);
  const out = split.output.startsWith('...') ? [...ellipsis, ...outDims] : split.output.includes('...') ? [...outDims, ...ellipsis] : outDims;
  return { sizes, ellipsis, split, out };
}

/** EinsumDense: a kernel contracted with the input by an einsum equation, optional bias over `bias_axes`. */
const einsumDense: LayerRule = {
  outputs: (c) => [einsumSizes(c).out],
  weights(c) {
    const { sizes, split } = einsumSizes(c);
    const kernel = [...split.kernel].map((l) => sizes.get(l) ?? 1);
    const w: WeightSpec[] = [{ name: 'kernel', shape: kernel, trainable: true }];
    const biasAxes = typeof c.config['bias_axes'] === 'string' ? (c.config['bias_axes'] as string) : '';
    if (biasAxes) w.push({ name: 'bias', shape: [...biasAxes].map((l) => sizes.get(l) ?? 1), trainable: true });
    return w;
  },
  cost(c, [out]) {
    const { sizes, split } = einsumSizes(c);
    const kernel = [...split.kernel].map((l) => sizes.get(l) ?? 1);
    // Every combination of the distinct indices is one product (docs/cost-conventions.md#matmul).
    const cost = einsumCost(`${split.input},${split.kernel}->${split.output}`, [inShape(c), kernel], { convention: c.convention });
    return withActivation(c, cost, out!);
  },
};

/** Embedding: a table lookup, no arithmetic. */
const embedding: LayerRule = {
  outputs: (c) => [[...inShape(c), num(c.config, 'output_dim', 0)]],
  weights: (c) => [{ name: 'embeddings', shape: [num(c.config, 'input_dim', 0), num(c.config, 'output_dim', 0)], trainable: true }],
};

/** Element-wise layer with a fixed flop count per element. */
function perElement(flopsPerElement: (cfg: Cfg) => number, weights?: (c: LayerCall) => readonly WeightSpec[]): LayerRule {
  return {
    outputs: (c) => [inShape(c)],
    cost: (c, [out]) => flopsOnly(elements(out!).mul(flopsPerElement(c.config))),
    ...(weights ? { weights } : {}),
  };
}

/** Activation(name): the named activation's element cost. */
const activation: LayerRule = {
  outputs: (c) => [inShape(c)],
  cost: (c, [out]) => flopsOnly(activationFlops(c, c.config['activation'], elements(out!))),
};

/** PReLU: alpha has the input's shape without batch, 1 along `shared_axes` (1-based axes). */
function preluWeights(c: LayerCall): WeightSpec[] {
  const s = inShape(c).slice(1);
  const raw = c.config['shared_axes'];
  const shared = (typeof raw === 'number' ? [raw] : Array.isArray(raw) ? raw : []) as number[];
  return [{ name: 'alpha', shape: s.map((d, i) => (shared.includes(i + 1) ? 1 : d)), trainable: true }];
}

/** Flatten: everything after the batch axis into one. */
const flatten: LayerRule = {
  outputs(c) {
    const s = inShape(c);
    return [[s[0]!, dim(numElements(s.slice(1)))]];
  },
};

/** Reshape(target_shape), one entry may be -1. */
const reshape: LayerRule = {
  outputs(c) {
    const s = inShape(c);
    const target = (Array.isArray(c.config['target_shape']) ? c.config['target_shape'] : []) as (number | null)[];
    const total = numElements(s.slice(1));
    const known = target.filter((d): d is number => typeof d === 'number' && d >= 0).reduce((a, b) => a * b, 1);
    const free = target.filter((d) => d === -1 || d === null).length;
    if (free > 1) throw new ShapeError(`target_shape ${JSON.stringify(target)} has more than one -1`);
    let fill: Dim = 1;
    if (free === 1) {
      if (known === 0) throw new ShapeError(`target_shape ${JSON.stringify(target)} has a 0 and a -1`);
      fill = dimFloorDiv(dim(total), known);
      if (total.isConst && Number(total.constValue) % known !== 0)
        throw new ShapeError(`cannot reshape ${fmt(dim(total))} elements per sample into ${JSON.stringify(target)}`);
    } else if (total.isConst && Number(total.constValue) !== known)
      throw new ShapeError(`cannot reshape ${fmt(dim(total))} elements per sample into ${JSON.stringify(target)} (${known} elements)`);
    return [[s[0]!, ...target.map((d) => (d === -1 || d === null ? fill : d))]];
  },
};

/** Permute(dims): 1-based axes after the batch. */
const permute: LayerRule = {
  outputs(c) {
    const s = inShape(c);
    const dims = (Array.isArray(c.config['dims']) ? c.config['dims'] : []) as number[];
    if (dims.length !== s.length - 1 || !dims.every((d) => d >= 1 && d < s.length))
      throw new ShapeError(`dims ${JSON.stringify(dims)} is not a permutation of 1..${s.length - 1}`);
    return [[s[0]!, ...dims.map((d) => s[d]!)]];
  },
};

/** RepeatVector(n): [batch, features] -> [batch, n, features]. */
const repeatVector: LayerRule = {
  outputs(c) {
    const s = inShape(c);
    if (s.length !== 2) throw new ShapeError(`input 0: expected rank 2 ([batch, features]), got rank ${s.length}`);
    return [[s[0]!, num(c.config, 'n', 1), s[1]!]];
  },
};

/** Masking: compare with mask_value, any() over features, multiply = 3 flops per element. */
const masking = perElement(() => 3);

/** Fixed-cost element layers: flops per element with the formula (docs/cost-conventions.md#element-wise). */
function reluFlops(cfg: Cfg): number {
  // max(x, threshold) = 1 comparison; a cap (max_value) 1 more; a negative slope 1 multiply.
  const cap = typeof cfg['max_value'] === 'number' ? 1 : 0;
  const slope = typeof cfg['negative_slope'] === 'number' && cfg['negative_slope'] !== 0 ? 1 : 0;
  return 1 + cap + slope;
}

/** Rules of this family, by Keras class name. */
export const CORE_RULES: Readonly<Record<string, LayerRule>> = {
  Activation: activation,
  ActivityRegularization: identity,
  AlphaDropout: identity,
  Dense: dense,
  Dropout: identity,
  // ELU: comparison, exp, sub, mul = 4.
  ELU: perElement(() => 4),
  EinsumDense: einsumDense,
  Embedding: embedding,
  Flatten: flatten,
  GaussianDropout: identity,
  GaussianNoise: identity,
  Identity: identity,
  // LeakyReLU: comparison + multiply = 2.
  LeakyReLU: perElement(() => 2),
  Masking: masking,
  Permute: permute,
  // PReLU: comparison + multiply = 2.
  PReLU: perElement(() => 2, preluWeights),
  ReLU: perElement(reluFlops),
  RepeatVector: repeatVector,
  Reshape: reshape,
  // Softmax: max, subtract, exp, sum, divide = 5 (docs/cost-conventions.md#softmax).
  Softmax: perElement(() => 5),
  SpatialDropout1D: identity,
  SpatialDropout2D: identity,
  SpatialDropout3D: identity,
  // ThresholdedReLU: one comparison.
  ThresholdedReLU: perElement(() => 1),
};

/** Used by wrappers: a zero cost. */
export const NO_COST: OpCost = { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
