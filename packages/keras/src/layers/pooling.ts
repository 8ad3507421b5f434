/**
 * Pooling: Max/AveragePooling1D/2D/3D and the global poolings (docs/cost-conventions.md#pooling).
 */
import { globalPoolCost, poolCost, type PoolKind } from '@modelcost/core';
import { joinChannels, splitChannels } from './conv.js';
import { bool, ShapeError, str, tuple, windowOut, type LayerCall, type LayerRule } from './rule.js';

function poolGeometry(c: LayerCall, rank: number): { pool: number[]; strides: number[]; padding: string } {
  const pool = tuple(c.config, 'pool_size', rank, 2);
  const strides = c.config['strides'] === null || c.config['strides'] === undefined ? pool : tuple(c.config, 'strides', rank, pool);
  const padding = str(c.config, 'padding', 'valid').toLowerCase();
  if (padding !== 'valid' && padding !== 'same') throw new ShapeError(`config padding ${JSON.stringify(padding)}: expected "valid" or "same"`);
  return { pool, strides, padding };
}

function pool(kind: PoolKind, rank: number): LayerRule {
  const shapes = (c: LayerCall) => {
    const { batch, spatial, channels } = splitChannels(c, rank);
    const g = poolGeometry(c, rank);
    return { batch, channels, pool: g.pool, out: spatial.map((d, i) => windowOut(d, g.pool[i]!, g.strides[i]!, g.padding)) };
  };
  return {
    outputs(c) {
      const { batch, channels, out } = shapes(c);
      return [joinChannels(c, batch, out, channels)];
    },
    cost(c) {
      const { batch, channels, out, pool: k } = shapes(c);
      // max: k - 1 comparisons per window; avg: k - 1 additions + 1 division.
      return poolCost({ kind, batch, channels, outSpatial: out, kernel: k }, { convention: c.convention });
    },
  };
}

function globalPool(kind: PoolKind, rank: number): LayerRule {
  return {
    outputs(c) {
      const { batch, channels } = splitChannels(c, rank);
      if (bool(c.config, 'keepdims', false)) return [joinChannels(c, batch, new Array<number>(rank).fill(1), channels)];
      return [[batch, channels]];
    },
    cost(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      return globalPoolCost({ kind, batch, channels, inSpatial: spatial }, { convention: c.convention });
    },
  };
}

/** Rules of this family, by Keras class name. */
export const POOLING_RULES: Readonly<Record<string, LayerRule>> = {
  AveragePooling1D: pool('avg', 1),
  AveragePooling2D: pool('avg', 2),
  AveragePooling3D: pool('avg', 3),
  GlobalAveragePooling1D: globalPool('avg', 1),
  GlobalAveragePooling2D: globalPool('avg', 2),
  GlobalAveragePooling3D: globalPool('avg', 3),
  GlobalMaxPooling1D: globalPool('max', 1),
  GlobalMaxPooling2D: globalPool('max', 2),
  GlobalMaxPooling3D: globalPool('max', 3),
  MaxPooling1D: pool('max', 1),
  MaxPooling2D: pool('max', 2),
  MaxPooling3D: pool('max', 3),
};
