/**
 * Normalization and softmax-like ops: BatchNormalization, InstanceNormalization, LayerNormalization,
 * GroupNormalization, RMSNormalization, LpNormalization, MeanVarianceNormalization, LRN, Softmax,
 * LogSoftmax, Hardmax, Dropout.
 */
import { elementwiseCost, normalizationCost, numElements, softmaxCost, type Dim } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import { NO_COMPUTE } from './util.js';

/** Output 0 has input 0's dtype and shape. */
function passShape(ctx: NodeContext): void {
  ctx.output(0, ctx.dtype(0), ctx.shape(0));
}

const batchNorm: OpRule = {
  infer(ctx: NodeContext) {
    passShape(ctx);
    const x = ctx.shape(0);
    const c: Dim[] = x.length > 1 ? [x[1]!] : [1];
    // Training-mode outputs (running mean/var, saved mean/var) are per channel.
    for (let i = 1; i < ctx.outputCount; i++) if (ctx.hasOutput(i)) ctx.output(i, ctx.hasInput(3) ? ctx.dtype(3) : ctx.dtype(0), c);
  },
  cost(ctx: NodeContext) {
    const x = ctx.shape(0);
    return normalizationCost({ kind: 'batch', elements: numElements(x), channels: x[1] ?? 1 }, ctx.kernelOptions);
  },
};

const instanceNorm: OpRule = {
  infer: passShape,
  cost(ctx: NodeContext) {
    const x = ctx.shape(0);
    return normalizationCost({ kind: 'instance', elements: numElements(x), groups: numElements(x.slice(0, 2)), channels: x[1] ?? 1 }, ctx.kernelOptions);
  },
};

/** LayerNormalization (opset 17; com.microsoft earlier): normalises over axes [axis, rank). */
const layerNorm: OpRule = {
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    passShape(ctx);
    const axis = ctx.axis(ctx.attrInt('axis', -1), x.length);
    const stat = x.map((d, i) => (i < axis ? d : 1));
    const statType = ctx.attrInt('stash_type', 1) === 1 ? 'float32' : ctx.dtype(0);
    if (ctx.hasOutput(1)) ctx.output(1, statType, stat);
    if (ctx.hasOutput(2)) ctx.output(2, statType, stat);
  },
  cost(ctx: NodeContext) {
    const x = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt('axis', -1), x.length);
    return normalizationCost({ kind: 'layer', elements: numElements(x), groups: numElements(x.slice(0, axis)), affine: true, bias: ctx.hasInput(2) }, ctx.kernelOptions);
  },
};

const groupNorm: OpRule = {
  infer: passShape,
  cost(ctx: NodeContext) {
    const x = ctx.shape(0);
    const g = ctx.attrInt('num_groups', 1);
    return normalizationCost({ kind: 'group', elements: numElements(x), groups: numElements([x[0]!, g]), channels: x[1] ?? 1 }, ctx.kernelOptions);
  },
};

const rmsNorm: OpRule = {
  infer: passShape,
  cost(ctx: NodeContext) {
    const x = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt('axis', -1), x.length);
    return normalizationCost({ kind: 'rms', elements: numElements(x), groups: numElements(x.slice(0, axis)), affine: true }, ctx.kernelOptions);
  },
};

/** LpNormalization, MeanVarianceNormalization, LRN: element costs through core's table. */
function elementwiseNorm(op: string): OpRule {
  return { infer: passShape, cost: (ctx: NodeContext) => elementwiseCost(op, numElements(ctx.shape(0)), ctx.kernelOptions) };
}

/** Softmax family. Before opset 13 the input is coerced to 2-D at `axis` (default 1); from 13 it works on one axis (default -1). */
function softmaxLike(op: string): OpRule {
  return {
    infer(ctx: NodeContext) {
      const x = ctx.shape(0);
      if (x.length > 0) ctx.axis(ctx.attrInt('axis', ctx.opset >= 13 ? -1 : 1), x.length);
      passShape(ctx);
    },
    cost(ctx: NodeContext) {
      const x = ctx.shape(0);
      const axis = x.length === 0 ? 0 : ctx.axis(ctx.attrInt('axis', ctx.opset >= 13 ? -1 : 1), x.length);
      const axisSize = ctx.opset >= 13 ? (x[axis] ?? 1) : numElements(x.slice(axis));
      return softmaxCost({ op, elements: numElements(x), axisSize }, ctx.kernelOptions);
    },
  };
}

const dropout: OpRule = {
  nonParamInputs: [1, 2],
  infer(ctx: NodeContext) {
    passShape(ctx);
    if (ctx.hasOutput(1)) ctx.output(1, ctx.opset >= 12 ? 'bool' : ctx.dtype(0), ctx.shape(0));
  },
  // Inference-mode Dropout is the identity (runtimes remove it): no arithmetic.
  cost: () => NO_COMPUTE,
};

/** Rules of this family, by op type (default domain). */
export const normalizationRules: Record<string, OpRule> = {
  BatchNormalization: batchNorm,
  Dropout: dropout,
  GroupNormalization: groupNorm,
  Hardmax: softmaxLike('Hardmax'),
  InstanceNormalization: instanceNorm,
  LayerNormalization: layerNorm,
  LogSoftmax: softmaxLike('LogSoftmax'),
  LpNormalization: elementwiseNorm('LpNormalization'),
  LRN: elementwiseNorm('LRN'),
  MeanVarianceNormalization: elementwiseNorm('MeanVarianceNormalization'),
  RMSNormalization: rmsNorm,
  Softmax: softmaxLike('Softmax'),
};
