/**
 * Convolutions and pooling: Conv, ConvTranspose, ConvInteger, QLinearConv (integer macs),
 * MaxPool, AveragePool, LpPool, Global{Max,Average,Lp}Pool, MaxUnpool. Spatial sizes follow ONNX's
 * `auto_pad` / `pads` / `strides` / `dilations` / `ceil_mode` rules through core's `convOutputDim`.
 */
import { convCost, convOutputDim, convTransposeCost, dim, dimMul, dimPoly, dimSub, dimAdd, globalPoolCost, numElements, poolCost, type Dim, type DType } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import { NO_COMPUTE } from './util.js';

interface SpatialAttrs {
  readonly kernel: readonly Dim[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly pads: readonly number[];
  readonly autoPad: string;
  readonly ceil: boolean;
}

function spatialAttrs(ctx: NodeContext, n: number, kernel: readonly Dim[]): SpatialAttrs {
  const strides = ctx.attrInts('strides') ?? new Array<number>(n).fill(1);
  const dilations = ctx.attrInts('dilations') ?? new Array<number>(n).fill(1);
  const pads = ctx.attrInts('pads') ?? new Array<number>(2 * n).fill(0);
  if (strides.length !== n) ctx.fail(`strides has ${strides.length} entries, expected ${n} (one per spatial axis)`);
  if (dilations.length !== n) ctx.fail(`dilations has ${dilations.length} entries, expected ${n}`);
  if (pads.length !== 2 * n) ctx.fail(`pads has ${pads.length} entries, expected ${2 * n} (begin and end per spatial axis)`);
  if (strides.some((s) => s <= 0)) ctx.fail(`strides must be positive, got [${strides.join(', ')}]`);
  return { kernel, strides, dilations, pads, autoPad: ctx.attrString('auto_pad', 'NOTSET'), ceil: ctx.attrInt('ceil_mode', 0) === 1 };
}

/** Output spatial dims of a conv/pool window sweep. */
function sweep(ctx: NodeContext, input: readonly Dim[], a: SpatialAttrs): Dim[] {
  return input.map((d, i) => {
    const k = a.kernel[i]!;
    const s = a.strides[i]!;
    const dl = a.dilations[i]!;
    switch (a.autoPad) {
      case 'SAME_UPPER':
      case 'SAME_LOWER':
        // Output = ceil(in / stride); padding is whatever makes that true.
        return dim(dimPoly(d).ceilDiv(s));
      case 'VALID':
        return convOutputDim(d, k, s, 0, 0, dl, a.ceil);
      case 'NOTSET':
      case '':
        return convOutputDim(d, k, s, a.pads[i]!, a.pads[i + input.length]!, dl, a.ceil);
      default:
        ctx.fail(`auto_pad ${JSON.stringify(a.autoPad)} is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
    }
  });
}

/** Conv / ConvInteger / QLinearConv: `xi`, `wi`, `bi` are the positions of X, W and B. */
function convRule(xi: number, wi: number, bi: number | undefined, outType: (ctx: NodeContext) => DType): OpRule {
  return {
    weightInputs: bi === undefined ? [wi] : [wi, bi],
    infer(ctx: NodeContext) {
      const x = ctx.shape(xi);
      const w = ctx.shape(wi);
      if (x.length < 3) ctx.fail(`input ${xi}: expected rank >= 3 ([N, C, spatial...]), got rank ${x.length}`, xi);
      if (w.length !== x.length) ctx.fail(`input ${wi}: weight rank ${w.length} differs from input rank ${x.length}`, wi);
      const group = ctx.attrInt('group', 1);
      const n = x.length - 2;
      const kernel = ctx.attrInts('kernel_shape') ?? w.slice(2);
      const cin = x[1]!;
      const cPerGroup = w[1]!;
      if (typeof cin === 'number' && typeof cPerGroup === 'number' && cin !== cPerGroup * group)
        ctx.fail(`input channels ${cin} != weight channels ${cPerGroup} x group ${group}`, wi);
      const spatial = sweep(ctx, x.slice(2), spatialAttrs(ctx, n, kernel));
      ctx.output(0, outType(ctx), [x[0]!, w[0]!, ...spatial]);
    },
    cost(ctx: NodeContext) {
      const x = ctx.shape(xi);
      const w = ctx.shape(wi);
      const out = ctx.outShape(0);
      return convCost(
        { batch: x[0]!, inChannels: x[1]!, outChannels: w[0]!, outSpatial: out.slice(2), kernel: w.slice(2), groups: ctx.attrInt('group', 1), bias: bi !== undefined && ctx.hasInput(bi) },
        ctx.kernelOptions,
      );
    },
  };
}

const convTranspose: OpRule = {
  weightInputs: [1, 2],
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const w = ctx.shape(1);
    if (x.length < 3) ctx.fail(`input 0: expected rank >= 3 ([N, C, spatial...]), got rank ${x.length}`, 0);
    const group = ctx.attrInt('group', 1);
    const n = x.length - 2;
    const kernel = ctx.attrInts('kernel_shape') ?? w.slice(2);
    const a = spatialAttrs(ctx, n, kernel);
    const outPad = ctx.attrInts('output_padding') ?? new Array<number>(n).fill(0);
    const given = ctx.attrInts('output_shape');
    const cout = dimMul(w[1]!, group);
    let spatial: Dim[];
    if (given) {
      spatial = given.slice(-n) as Dim[];
    } else {
      spatial = x.slice(2).map((d, i) => {
        // out = stride*(in-1) + output_padding + ((k-1)*dilation + 1) - pad_begin - pad_end
        const k = dimPoly(a.kernel[i]!).sub(1).mul(a.dilations[i]!).add(1);
        const base = dimAdd(dim(dimPoly(dimSub(d, 1)).mul(a.strides[i]!).add(outPad[i]!)), dim(k));
        if (a.autoPad === 'SAME_UPPER' || a.autoPad === 'SAME_LOWER') return dimMul(d, a.strides[i]!);
        if (a.autoPad === 'VALID') return base;
        return dimSub(base, a.pads[i]! + a.pads[i + n]!);
      });
    }
    ctx.output(0, ctx.dtype(0), [x[0]!, cout, ...spatial]);
  },
  cost(ctx: NodeContext) {
    const x = ctx.shape(0);
    const w = ctx.shape(1);
    const out = ctx.outShape(0);
    return convTransposeCost(
      { batch: x[0]!, inChannels: x[1]!, outChannels: out[1]!, inSpatial: x.slice(2), outSpatial: out.slice(2), kernel: w.slice(2), groups: ctx.attrInt('group', 1), bias: ctx.hasInput(2) },
      ctx.kernelOptions,
    );
  },
};

function pool(kind: 'max' | 'avg' | 'lp'): OpRule {
  return {
    infer(ctx: NodeContext) {
      const x = ctx.shape(0);
      if (x.length < 3) ctx.fail(`input 0: expected rank >= 3 ([N, C, spatial...]), got rank ${x.length}`, 0);
      const kernel = ctx.attrInts('kernel_shape');
      if (!kernel) ctx.fail('attribute kernel_shape is required');
      const n = x.length - 2;
      if (kernel.length !== n) ctx.fail(`kernel_shape has ${kernel.length} entries for ${n} spatial axes`);
      const spatial = sweep(ctx, x.slice(2), spatialAttrs(ctx, n, kernel));
      const out: Dim[] = [x[0]!, x[1]!, ...spatial];
      ctx.output(0, ctx.dtype(0), out);
      // MaxPool's optional Indices output.
      if (ctx.outputCount > 1) ctx.output(1, 'int64', out);
    },
    cost(ctx: NodeContext) {
      const out = ctx.outShape(0);
      return poolCost({ kind, batch: out[0]!, channels: out[1]!, outSpatial: out.slice(2), kernel: ctx.attrInts('kernel_shape')! }, ctx.kernelOptions);
    },
  };
}

function globalPool(kind: 'max' | 'avg' | 'lp'): OpRule {
  return {
    infer(ctx: NodeContext) {
      const x = ctx.shape(0);
      if (x.length < 2) ctx.fail(`input 0: expected rank >= 2, got ${x.length}`, 0);
      ctx.output(0, ctx.dtype(0), [x[0]!, x[1]!, ...x.slice(2).map(() => 1)]);
    },
    cost(ctx: NodeContext) {
      const x = ctx.shape(0);
      return globalPoolCost({ kind, batch: x[0]!, channels: x[1]!, inSpatial: x.slice(2) }, ctx.kernelOptions);
    },
  };
}

const maxUnpool: OpRule = {
  nonParamInputs: [1, 2],
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const given = ctx.hasInput(2) ? ctx.dims(2) : undefined;
    if (given) {
      ctx.output(0, ctx.dtype(0), given);
      return;
    }
    const kernel = ctx.attrInts('kernel_shape');
    if (!kernel) ctx.fail('attribute kernel_shape is required');
    const n = x.length - 2;
    const a = spatialAttrs(ctx, n, kernel);
    // out = (in - 1) * stride + kernel - pad_begin - pad_end
    const spatial = x.slice(2).map((d, i) => dimSub(dimAdd(dimMul(dimSub(d, 1), a.strides[i]!), kernel[i]!), a.pads[i]! + a.pads[i + n]!));
    ctx.output(0, ctx.dtype(0), [x[0]!, x[1]!, ...spatial]);
  },
  // Scatter of values to their recorded positions: data movement.
  cost: () => NO_COMPUTE,
};

/** DeformConv(X, W, offset, B?, mask?): a conv whose taps move; bilinear sampling (7 flops) per tap on top of the conv's MACs. */
const deformConv: OpRule = {
  weightInputs: [1, 3],
  infer: convRule(0, 1, 3, (ctx) => ctx.dtype(0)).infer,
  cost(ctx: NodeContext) {
    const base = convRule(0, 1, 3, (c) => c.dtype(0)).cost(ctx);
    const taps = numElements(ctx.outShape(0)).mul(numElements(ctx.shape(1).slice(1)));
    return { ...base, flops: base.flops.add(taps.mul(7)) };
  },
};

/** Rules of this family, by op type (default domain). */
export const convRules: Record<string, OpRule> = {
  AveragePool: pool('avg'),
  Conv: convRule(0, 1, 2, (ctx) => ctx.dtype(0)),
  ConvInteger: convRule(0, 1, undefined, () => 'int32'),
  ConvTranspose: convTranspose,
  DeformConv: deformConv,
  GlobalAveragePool: globalPool('avg'),
  GlobalLpPool: globalPool('lp'),
  GlobalMaxPool: globalPool('max'),
  LpPool: pool('lp'),
  MaxPool: pool('max'),
  MaxUnpool: maxUnpool,
  // QLinearConv(x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B?): integer macs like Conv.
  QLinearConv: convRule(0, 3, 8, (ctx) => ctx.dtype(7)),
};
