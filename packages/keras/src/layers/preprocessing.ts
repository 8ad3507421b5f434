/**
 * Preprocessing layers that live in the model graph: Normalization, Rescaling, Resizing, CenterCrop,
 * and the Random* augmentations (identity at inference).
 */
import { resizeCost, type Dim } from '@modelcost/core';
import { identity } from './core.js';
import { joinChannels, splitChannels } from './conv.js';
import { axesOf } from './normalization.js';
import { elements, flopsOnly, inShape, num, str, type LayerCall, type LayerRule } from './rule.js';

/**
 * Normalization: `(x - mean) / sqrt(variance)`. Adapted weights mean and variance (shape of the kept
 * axes) and count (a scalar int64), all non-trainable: 2 * C + 1 params. None when mean and variance
 * are given in the config.
 */
const normalization: LayerRule = {
  outputs: (c) => [inShape(c)],
  weights(c) {
    if (c.config['mean'] !== null && c.config['mean'] !== undefined) return [];
    const s = inShape(c);
    const shape = axesOf(c, s.length).map((a) => s[a]!);
    return [
      { name: 'mean', shape, trainable: false },
      { name: 'variance', shape, trainable: false },
      { name: 'count', shape: [], trainable: false, dtype: 'int64' },
    ];
  },
  // subtract, divide (the square root is folded into the stored statistics) = 2 per element.
  cost: (_c, [out]) => flopsOnly(elements(out!).mul(2)),
};

/** Rescaling: `x * scale + offset` = 2 per element. */
const rescaling: LayerRule = {
  outputs: (c) => [inShape(c)],
  cost: (_c, [out]) => flopsOnly(elements(out!).mul(2)),
};

/** Image [batch, h, w, c] resized / cropped to (height, width). */
function toSize(c: LayerCall): Dim[] {
  const { batch, channels } = splitChannels(c, 2);
  return joinChannels(c, batch, [num(c.config, 'height', 0), num(c.config, 'width', 0)], channels);
}

/** Resizing(height, width, interpolation). Unbatched (rank 3) images are not supported. */
const resizing: LayerRule = {
  outputs: (c) => [toSize(c)],
  cost(c, [out]) {
    const interp = str(c.config, 'interpolation', 'bilinear');
    return resizeCost({ mode: interp === 'nearest' ? 'nearest' : interp === 'bicubic' ? 'cubic' : 'linear', outElements: elements(out!), spatialRank: 2 });
  },
};

/** CenterCrop / RandomCrop at inference: crop to (height, width). */
const crop: LayerRule = { outputs: (c) => [toSize(c)] };

/** Rules of this family, by Keras class name. */
export const PREPROCESSING_RULES: Readonly<Record<string, LayerRule>> = {
  CenterCrop: crop,
  Normalization: normalization,
  RandomBrightness: identity,
  RandomContrast: identity,
  RandomCrop: crop,
  RandomFlip: identity,
  RandomHeight: identity,
  RandomRotation: identity,
  RandomTranslation: identity,
  RandomWidth: identity,
  RandomZoom: identity,
  Rescaling: rescaling,
  Resizing: resizing,
};
