/**
 * Normalization layers: BatchNormalization, LayerNormalization, GroupNormalization, UnitNormalization
 * (docs/cost-conventions.md#normalization).
 */
import { dim, normalizationCost, numElements, type Dim } from '@modelcost/core';
import { bool, elements, flopsOnly, inShape, normAxis, num, ShapeError, type LayerCall, type LayerRule, type WeightSpec } from './rule.js';

/** Axes named by `axis` (int or list, default -1), as positive indices. */
export function axesOf(c: LayerCall, rank: number, def: number | readonly number[] = -1): number[] {
  const raw = c.config['axis'] ?? def;
  const list = (typeof raw === 'number' ? [raw] : Array.isArray(raw) ? raw : [def]) as number[];
  return list.map((a) => normAxis(a, rank));
}

/** Shape of a per-feature parameter over `axes`. */
function featureShape(s: readonly Dim[], axes: readonly number[]): Dim[] {
  return axes.map((a) => s[a]!);
}

/** gamma (scale), beta (center), both trainable, over `shape`. */
function affine(c: LayerCall, shape: readonly Dim[]): WeightSpec[] {
  const w: WeightSpec[] = [];
  if (bool(c.config, 'scale', true)) w.push({ name: 'gamma', shape, trainable: true });
  if (bool(c.config, 'center', true)) w.push({ name: 'beta', shape, trainable: true });
  return w;
}

/** BatchNormalization: gamma, beta trainable; moving_mean, moving_variance not (Keras 1: running_mean, running_std). */
const batchNorm: LayerRule = {
  outputs: (c) => [inShape(c)],
  weights(c) {
    const s = inShape(c);
    const shape = featureShape(s, axesOf(c, s.length));
    return [...affine(c, shape), { name: 'moving_mean', shape, trainable: false }, { name: 'moving_variance', shape, trainable: false }];
  },
  cost(c, [out]) {
    const s = inShape(c);
    // Inference: folded into one scale and shift per channel = 2 flops per element.
    return normalizationCost({ kind: 'batch', elements: elements(out!), channels: dim(numElements(featureShape(s, axesOf(c, s.length)))) });
  },
};

/** LayerNormalization over `axis` (default -1): gamma, beta of the normalized axes' shape. */
const layerNorm: LayerRule = {
  outputs: (c) => [inShape(c)],
  weights(c) {
    const s = inShape(c);
    const w = affine(c, featureShape(s, axesOf(c, s.length)));
    // Keras 3 rms_scaling keeps only gamma.
    return bool(c.config, 'rms_scaling', false) ? w.filter((x) => x.name === 'gamma') : w;
  },
  cost(c, [out]) {
    const s = inShape(c);
    const size = numElements(featureShape(s, axesOf(c, s.length)));
    const n = elements(out!);
    return normalizationCost({ kind: bool(c.config, 'rms_scaling', false) ? 'rms' : 'layer', elements: n, groups: n.floorDiv(size) });
  },
};

/** GroupNormalization(groups, axis=-1): gamma, beta per channel. */
const groupNorm: LayerRule = {
  outputs(c) {
    const s = inShape(c);
    const ch = s[axesOf(c, s.length)[0]!]!;
    const g = num(c.config, 'groups', 32);
    if (typeof ch === 'number' && g !== -1 && ch % g !== 0) throw new ShapeError(`channels ${ch} are not divisible by groups ${g}`);
    return [s];
  },
  weights(c) {
    const s = inShape(c);
    return affine(c, featureShape(s, axesOf(c, s.length)));
  },
  cost(c, [out]) {
    const s = inShape(c);
    const g = num(c.config, 'groups', 32);
    const groups = numElements([s[0]!, g === -1 ? s[axesOf(c, s.length)[0]!]! : g]);
    return normalizationCost({ kind: 'group', elements: elements(out!), groups });
  },
};

/** UnitNormalization: L2 normalisation, square + add + divide = 3 per element. */
const unitNorm: LayerRule = {
  outputs: (c) => [inShape(c)],
  cost: (_c, [out]) => flopsOnly(elements(out!).mul(3)),
};

/** Rules of this family, by Keras class name. */
export const NORMALIZATION_RULES: Readonly<Record<string, LayerRule>> = {
  BatchNormalization: batchNorm,
  GroupNormalization: groupNorm,
  LayerNormalization: layerNorm,
  UnitNormalization: unitNorm,
};
