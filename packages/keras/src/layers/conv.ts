/**
 * Convolutions: Conv1D/2D/3D, their transposes, DepthwiseConv1D/2D, SeparableConv1D/2D
 * (docs/cost-conventions.md#convolution). channels_last by default; `data_format: channels_first` moves
 * the channel axis to 1.
 */
import { contractionCost, convCost, convTransposeCost, dim, dimMul, dimPoly, numElements, Poly, type Dim, type OpCost } from '@modelcost/core';
import { bool, channelsFirst, inRank, num, ShapeError, str, sumCosts, tuple, windowOut, withActivation, type LayerCall, type LayerRule, type WeightSpec } from './rule.js';

/** Split an input shape into batch, spatial axes and channels. */
export function splitChannels(c: LayerCall, rank: number): { batch: Dim; spatial: Dim[]; channels: Dim } {
  const names = rank === 1 ? 'steps' : rank === 2 ? 'rows, cols' : 'dim1, dim2, dim3';
  const first = channelsFirst(c.config);
  const s = inRank(c, rank + 2, first ? `[batch, channels, ${names}]` : `[batch, ${names}, channels]`);
  return first ? { batch: s[0]!, spatial: s.slice(2), channels: s[1]! } : { batch: s[0]!, spatial: s.slice(1, -1), channels: s[s.length - 1]! };
}

/** Join batch, spatial and channels in the layer's data format. */
export function joinChannels(c: LayerCall, batch: Dim, spatial: readonly Dim[], channels: Dim): Dim[] {
  return channelsFirst(c.config) ? [batch, channels, ...spatial] : [batch, ...spatial, channels];
}

interface Geometry {
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilation: number[];
  readonly padding: string;
}

function geometry(c: LayerCall, rank: number): Geometry {
  const padding = str(c.config, 'padding', 'valid').toLowerCase();
  if (!['valid', 'same', 'causal'].includes(padding)) throw new ShapeError(`config padding ${JSON.stringify(padding)}: expected "valid", "same" or "causal"`);
  return {
    kernel: tuple(c.config, 'kernel_size', rank, 1),
    strides: tuple(c.config, 'strides', rank, 1),
    dilation: tuple(c.config, 'dilation_rate', rank, 1),
    padding,
  };
}

function outSpatial(spatial: readonly Dim[], g: Geometry): Dim[] {
  return spatial.map((d, i) => windowOut(d, g.kernel[i]!, g.strides[i]!, g.padding, g.dilation[i]!));
}

/** Output of a convolution with `filters` channels (Conv, SeparableConv). */
function filtersOutput(c: LayerCall, rank: number): Dim[][] {
  const { batch, spatial } = splitChannels(c, rank);
  return [joinChannels(c, batch, outSpatial(spatial, geometry(c, rank)), num(c.config, 'filters', 0))];
}

/** Conv{rank}D: kernel [...k, Cin/groups, filters], bias [filters]. */
function conv(rank: number): LayerRule {
  return {
    outputs: (c) => filtersOutput(c, rank),
    weights(c) {
      const { channels } = splitChannels(c, rank);
      const groups = num(c.config, 'groups', 1);
      if (typeof channels === 'number' && channels % groups !== 0) throw new ShapeError(`input channels ${channels} are not divisible by groups ${groups}`);
      const filters = num(c.config, 'filters', 0);
      const w: WeightSpec[] = [{ name: 'kernel', shape: [...geometry(c, rank).kernel, dim(dimPoly(channels).floorDiv(groups)), filters], trainable: true }];
      if (bool(c.config, 'use_bias', true)) w.push({ name: 'bias', shape: [filters], trainable: true });
      return w;
    },
    cost(c, [out]) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const g = geometry(c, rank);
      // Each of N * Cout * prod(out) outputs accumulates Cin/groups * prod(k) products.
      const cost = convCost(
        { batch, inChannels: channels, outChannels: num(c.config, 'filters', 0), outSpatial: outSpatial(spatial, g), kernel: g.kernel, groups: num(c.config, 'groups', 1), bias: bool(c.config, 'use_bias', true) },
        { convention: c.convention },
      );
      return withActivation(c, cost, out!);
    },
  };
}

/**
 * Keras `deconv_output_length`: with output_padding p: `(in - 1) * s + k_eff - 2 * pad + p`, pad = k_eff // 2
 * for same, 0 for valid; without: valid `in * s + max(k_eff - s, 0)`, same `in * s`.
 */
export function deconvLength(inDim: Dim, k: number, s: number, padding: string, outputPadding: number | undefined, dilation: number): Dim {
  const eff = k + (k - 1) * (dilation - 1);
  if (outputPadding === undefined) {
    if (padding === 'same') return dimMul(inDim, s);
    return dim(dimPoly(inDim).mul(s).add(Math.max(eff - s, 0)));
  }
  const pad = padding === 'same' ? Math.floor(eff / 2) : 0;
  return dim(dimPoly(inDim).sub(1).mul(s).add(eff - 2 * pad + outputPadding));
}

/** Conv{rank}DTranspose: kernel [...k, filters, Cin], bias [filters]. */
function convTranspose(rank: number): LayerRule {
  const shapes = (c: LayerCall): { batch: Dim; spatial: Dim[]; channels: Dim; out: Dim[]; g: Geometry } => {
    const { batch, spatial, channels } = splitChannels(c, rank);
    const g = geometry(c, rank);
    const op = c.config['output_padding'];
    const outPad = op === null || op === undefined ? undefined : tuple(c.config, 'output_padding', rank, 0);
    const out = spatial.map((d, i) => deconvLength(d, g.kernel[i]!, g.strides[i]!, g.padding, outPad?.[i], g.dilation[i]!));
    return { batch, spatial, channels, out, g };
  };
  return {
    outputs(c) {
      const { batch, out } = shapes(c);
      return [joinChannels(c, batch, out, num(c.config, 'filters', 0))];
    },
    weights(c) {
      const { channels, g } = shapes(c);
      const filters = num(c.config, 'filters', 0);
      const w: WeightSpec[] = [{ name: 'kernel', shape: [...g.kernel, filters, channels], trainable: true }];
      if (bool(c.config, 'use_bias', true)) w.push({ name: 'bias', shape: [filters], trainable: true });
      return w;
    },
    cost(c, [o]) {
      const { batch, spatial, channels, out, g } = shapes(c);
      // Every input element scatters Cout * prod(k) products.
      const cost = convTransposeCost({ batch, inChannels: channels, outChannels: num(c.config, 'filters', 0), inSpatial: spatial, outSpatial: out, kernel: g.kernel, bias: bool(c.config, 'use_bias', true) }, { convention: c.convention });
      return withActivation(c, cost, o!);
    },
  };
}

/** Depthwise part: Cin * dm outputs channels, each accumulating prod(k) products of one input channel. */
function depthwiseCost(c: LayerCall, batch: Dim, channels: Dim, dm: number, out: readonly Dim[], kernel: readonly number[], bias: boolean): OpCost {
  const outputs = numElements([batch, dimMul(channels, dm), ...out]);
  const k = numElements(kernel);
  const params = dimPoly(channels).mul(dm).mul(k).add(bias ? dimPoly(channels).mul(dm) : Poly.ZERO);
  return contractionCost(outputs.mul(k), outputs, bias, params, { convention: c.convention });
}

/** DepthwiseConv{rank}D: depthwise_kernel [...k, Cin, depth_multiplier], bias [Cin * dm]. */
function depthwise(rank: number): LayerRule {
  return {
    outputs(c) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      return [joinChannels(c, batch, outSpatial(spatial, geometry(c, rank)), dimMul(channels, num(c.config, 'depth_multiplier', 1)))];
    },
    weights(c) {
      const { channels } = splitChannels(c, rank);
      const dm = num(c.config, 'depth_multiplier', 1);
      const w: WeightSpec[] = [{ name: 'depthwise_kernel', shape: [...geometry(c, rank).kernel, channels, dm], trainable: true }];
      if (bool(c.config, 'use_bias', true)) w.push({ name: 'bias', shape: [dimMul(channels, dm)], trainable: true });
      return w;
    },
    cost(c, [o]) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const g = geometry(c, rank);
      return withActivation(c, depthwiseCost(c, batch, channels, num(c.config, 'depth_multiplier', 1), outSpatial(spatial, g), g.kernel, bool(c.config, 'use_bias', true)), o!);
    },
  };
}

/** SeparableConv{rank}D: depthwise_kernel [...k, Cin, dm], pointwise_kernel [1..., Cin * dm, filters], bias [filters]. */
function separable(rank: number): LayerRule {
  return {
    outputs: (c) => filtersOutput(c, rank),
    weights(c) {
      const { channels } = splitChannels(c, rank);
      const dm = num(c.config, 'depth_multiplier', 1);
      const filters = num(c.config, 'filters', 0);
      const w: WeightSpec[] = [
        { name: 'depthwise_kernel', shape: [...geometry(c, rank).kernel, channels, dm], trainable: true },
        { name: 'pointwise_kernel', shape: [...new Array<number>(rank).fill(1), dimMul(channels, dm), filters], trainable: true },
      ];
      if (bool(c.config, 'use_bias', true)) w.push({ name: 'bias', shape: [filters], trainable: true });
      return w;
    },
    cost(c, [o]) {
      const { batch, spatial, channels } = splitChannels(c, rank);
      const g = geometry(c, rank);
      const out = outSpatial(spatial, g);
      const dm = num(c.config, 'depth_multiplier', 1);
      const dw = depthwiseCost(c, batch, channels, dm, out, g.kernel, false);
      // Pointwise: a 1x1 convolution from Cin * dm to filters channels.
      const pw = convCost({ batch, inChannels: dimMul(channels, dm), outChannels: num(c.config, 'filters', 0), outSpatial: out, kernel: new Array<number>(rank).fill(1), bias: bool(c.config, 'use_bias', true) }, { convention: c.convention });
      return withActivation(c, sumCosts(dw, pw), o!);
    },
  };
}

/** Rules of this family, by Keras class name. */
export const CONV_RULES: Readonly<Record<string, LayerRule>> = {
  Conv1D: conv(1),
  Conv1DTranspose: convTranspose(1),
  Conv2D: conv(2),
  Conv2DTranspose: convTranspose(2),
  Conv3D: conv(3),
  Conv3DTranspose: convTranspose(3),
  DepthwiseConv1D: depthwise(1),
  DepthwiseConv2D: depthwise(2),
  SeparableConv1D: separable(1),
  SeparableConv2D: separable(2),
};

