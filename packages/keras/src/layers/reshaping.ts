/**
 * Spatial reshaping: Cropping1D/2D/3D, ZeroPadding1D/2D/3D, UpSampling1D/2D/3D. Pure data movement
 * except bilinear upsampling (docs/cost-conventions.md#resize).
 */
import { dim, dimMul, dimPoly, resizeCost, type Dim } from '@modelcost/core';
import { joinChannels, splitChannels } from './conv.js';
import { fmt, ShapeError, str, tuple, elements, type LayerCall, type LayerRule } from './rule.js';

/** `(begin, end)` per spatial axis from an int, a per-axis int list or a list of pairs. 1-D: an int or one pair. */
export function pairs(c: LayerCall, key: string, rank: number, def: number): [number, number][] {
  const v = c.config[key] ?? def;
  if (typeof v === 'number') return new Array(rank).fill(0).map(() => [v, v] as [number, number]);
  if (Array.isArray(v)) {
    if (rank === 1 && v.length === 2 && v.every((x) => typeof x === 'number')) return [[v[0] as number, v[1] as number]];
    if (v.length === rank)
      return v.map((x) => {
        if (typeof x === 'number') return [x, x] as [number, number];
        if (Array.isArray(x) && x.length === 2 && x.every((y) => typeof y === 'number')) return [x[0] as number, x[1] as number] as [number, number];
        throw new ShapeError(`config ${key} = ${JSON.stringify(v)}: expected integers or pairs of integers`);
      });
    if (v.length === 1 && typeof v[0] === 'number') return new Array(rank).fill(0).map(() => [v[0] as number, v[0] as number] as [number, number]);
  }
  throw new ShapeError(`config ${key} = ${JSON.stringify(v)}: expected an integer, ${rank} integers or ${rank} pairs`);
}

function cropping(rank: number): LayerRule {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const p = pairs(c, 'cropping', rank, 0);
      const out = spatial.map((d, i) => {
        const cut = p[i]![0] + p[i]![1];
        if (typeof d === 'number' && d - cut <= 0) throw new ShapeError(`cropping ${cut} from axis of size ${fmt(d)} leaves nothing`);
        return dim(dimPoly(d).sub(cut));
      });
      return [joinChannels(c, batch, out, channels)];
    },
  };
}

function zeroPadding(rank: number): LayerRule {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const p = pairs(c, 'padding', rank, 1);
      return [joinChannels(c, batch, spatial.map((d, i) => dim(dimPoly(d).add(p[i]![0] + p[i]![1]))), channels)];
    },
  };
}

function upSampling(rank: number): LayerRule {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const size = tuple(c.config, rank === 1 ? 'size' : 'size', rank, 2);
      return [joinChannels(c, batch, spatial.map((d, i): Dim => dimMul(d, size[i]!)), channels)];
    },
    cost(c, [out]) {
      const interp = str(c.config, 'interpolation', 'nearest');
      // nearest copies; bilinear weighs 2^r neighbours per output.
      return resizeCost({ mode: interp === 'nearest' ? 'nearest' : interp === 'bicubic' ? 'cubic' : 'linear', outElements: elements(out!), spatialRank: rank });
    },
  };
}

/** Rules of this family, by Keras class name. */
export const RESHAPING_RULES: Readonly<Record<string, LayerRule>> = {
  Cropping1D: cropping(1),
  Cropping2D: cropping(2),
  Cropping3D: cropping(3),
  UpSampling1D: upSampling(1),
  UpSampling2D: upSampling(2),
  UpSampling3D: upSampling(3),
  ZeroPadding1D: zeroPadding(1),
  ZeroPadding2D: zeroPadding(2),
  ZeroPadding3D: zeroPadding(3),
};
