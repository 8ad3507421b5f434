/**
 * ai.onnx.ml (classical ML) ops as scikit-learn / XGBoost converters emit them. Output shapes follow
 * onnxruntime; costs count the arithmetic per sample (tree walks as one comparison per level).
 */
import { dim, dimPoly, elementwiseCost, numElements, Poly, type Dim, type DType, type OpCost } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import { NO_COMPUTE } from './util.js';

/** Batch size of an ML input: [N, F] -> N, [F] -> 1. */
function rows(ctx: NodeContext): Dim {
  const s = ctx.shape(0);
  return s.length >= 2 ? s[0]! : 1;
}

function features(ctx: NodeContext): Dim {
  const s = ctx.shape(0);
  return s[s.length - 1]!;
}

function labelType(ctx: NodeContext): DType {
  return ctx.attrStrings('classlabels_strings') ? 'string' : 'int64';
}

function classCount(ctx: NodeContext): number {
  return (ctx.attrStrings('classlabels_strings') ?? ctx.attrInts('classlabels_ints') ?? ctx.attrInts('classlabels_int64s') ?? []).length;
}

const linearClassifier: OpRule = {
  infer(ctx: NodeContext) {
    const n = rows(ctx);
    const classes = classCount(ctx);
    const coef = ctx.attrFloats('coefficients')?.length ?? 0;
    const f = features(ctx);
    // One score column per class, or per coefficient row (binary problems keep one row and get 2 scores).
    const e = typeof f === 'number' && f > 0 && coef > 0 ? Math.max(coef / f, classes === 2 && coef / f === 1 ? 2 : 0) : classes;
    ctx.output(0, labelType(ctx), [n]);
    ctx.output(1, 'float32', [n, e]);
  },
  // N * F * rows-of-coefficients multiply-adds.
  cost(ctx: NodeContext) {
    const coef = ctx.attrFloats('coefficients')?.length ?? 0;
    const macs = dimPoly(rows(ctx)).mul(coef);
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  },
};

const linearRegressor: OpRule = {
  infer(ctx: NodeContext) {
    ctx.output(0, 'float32', [rows(ctx), ctx.attrInt('targets', 1)]);
  },
  cost(ctx: NodeContext) {
    const macs = dimPoly(rows(ctx)).mul(ctx.attrFloats('coefficients')?.length ?? 0);
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  },
};

const normalizer: OpRule = {
  infer: (ctx: NodeContext) => ctx.output(0, 'float32', ctx.shape(0)),
  // L1/L2/MAX norm per row then a division per element: 3 per element.
  cost: (ctx: NodeContext) => elementwiseCost('LpNormalization', numElements(ctx.shape(0)), ctx.kernelOptions),
};

const scaler: OpRule = {
  infer: (ctx: NodeContext) => ctx.output(0, 'float32', ctx.shape(0)),
  // (x - offset) * scale.
  cost: (ctx: NodeContext) => elementwiseCost('Mul', numElements(ctx.shape(0)).mul(2), ctx.kernelOptions),
};

const arrayFeatureExtractor: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const idx = ctx.shape(1);
    const k = numElements(idx);
    ctx.output(0, ctx.dtype(0), x.length <= 1 ? [1, dim(k)] : [...x.slice(0, -1), dim(k)]);
  },
  cost: () => NO_COMPUTE,
};

const zipMap: OpRule = {
  infer(ctx: NodeContext) {
    const keyType: DType = ctx.attrStrings('classlabels_strings') ? 'string' : 'int64';
    ctx.setOutput(0, { kind: 'sequence', elem: { kind: 'map', keyType, value: { kind: 'tensor', dtype: 'float32', shape: [] } } });
  },
  cost: () => NO_COMPUTE,
};

const dictVectorizer: OpRule = {
  infer(ctx: NodeContext) {
    const vocab = (ctx.attrStrings('string_vocabulary') ?? ctx.attrInts('int64_vocabulary') ?? []).length;
    const v = ctx.input(0);
    const t: DType = v && v.kind === 'map' && v.value && v.value.kind === 'tensor' ? v.value.dtype : 'float32';
    ctx.output(0, t, [1, vocab]);
  },
  cost: () => NO_COMPUTE,
};

/** Trees: one comparison per level per tree per sample; depth estimated as log2(nodes per tree + 1). */
function treeCost(ctx: NodeContext): OpCost {
  const nodes = (ctx.attrInts('nodes_nodeids') ?? ctx.attrInts('nodes_featureids') ?? []).length;
  const trees = new Set(ctx.attrInts('nodes_treeids') ?? []).size || 1;
  const depth = Math.max(1, Math.ceil(Math.log2(nodes / trees + 1)));
  return elementwiseCost('Less', dimPoly(rows(ctx)).mul(trees * depth), ctx.kernelOptions);
}

const treeRegressor: OpRule = {
  infer: (ctx: NodeContext) => ctx.output(0, 'float32', [rows(ctx), ctx.attrInt('n_targets', 1)]),
  cost: treeCost,
};

const treeClassifier: OpRule = {
  infer(ctx: NodeContext) {
    const n = rows(ctx);
    const c = classCount(ctx);
    ctx.output(0, labelType(ctx), [n]);
    ctx.output(1, 'float32', [n, c]);
  },
  cost: treeCost,
};

const svm: (classifier: boolean) => OpRule = (classifier) => ({
  infer(ctx: NodeContext) {
    const n = rows(ctx);
    if (classifier) {
      ctx.output(0, labelType(ctx), [n]);
      ctx.output(1, 'float32', [n, classCount(ctx)]);
    } else ctx.output(0, 'float32', [n, 1]);
  },
  // Kernel evaluations: one dot product (F macs) per support vector per sample.
  cost(ctx: NodeContext) {
    const sv = (ctx.attrFloats('support_vectors')?.length ?? 0);
    const macs = dimPoly(rows(ctx)).mul(sv);
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  },
});

/** Element-wise ML transforms keeping the input's shape. */
function sameShape(out: DType | undefined, perElem: number): OpRule {
  return {
    infer: (ctx: NodeContext) => ctx.output(0, out ?? ctx.dtype(0), ctx.shape(0)),
    cost: (ctx: NodeContext) => (perElem === 0 ? NO_COMPUTE : elementwiseCost('Add', numElements(ctx.shape(0)).mul(perElem), ctx.kernelOptions)),
  };
}

const oneHotEncoder: OpRule = {
  infer(ctx: NodeContext) {
    const cats = (ctx.attrStrings('cats_strings') ?? ctx.attrInts('cats_int64s') ?? []).length;
    ctx.output(0, 'float32', [...ctx.shape(0), cats]);
  },
  cost: () => NO_COMPUTE,
};

const featureVectorizer: OpRule = {
  infer(ctx: NodeContext) {
    const dims = ctx.attrInts('inputdimensions') ?? [];
    ctx.output(0, 'float32', [rows(ctx), dims.reduce((a, b) => a + b, 0)]);
  },
  cost: () => NO_COMPUTE,
};

/** Rules of this family (domain ai.onnx.ml), by op type. */
export const mlRules: Record<string, OpRule> = {
  ArrayFeatureExtractor: arrayFeatureExtractor,
  Binarizer: sameShape(undefined, 1),
  CastMap: sameShape('float32', 0),
  CategoryMapper: sameShape(undefined, 0),
  DictVectorizer: dictVectorizer,
  FeatureVectorizer: featureVectorizer,
  Imputer: sameShape(undefined, 1),
  LabelEncoder: sameShape(undefined, 0),
  LinearClassifier: linearClassifier,
  LinearRegressor: linearRegressor,
  Normalizer: normalizer,
  OneHotEncoder: oneHotEncoder,
  Scaler: scaler,
  SVMClassifier: svm(true),
  SVMRegressor: svm(false),
  TreeEnsembleClassifier: treeClassifier,
  TreeEnsembleRegressor: treeRegressor,
  ZipMap: zipMap,
};
