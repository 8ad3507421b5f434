/**
 * com.microsoft ops that onnxruntime's transformer optimizer and quantization tools emit: fused
 * attention (Attention, MultiHeadAttention, GroupQueryAttention), fused normalization
 * (SkipLayerNormalization, EmbedLayerNormalization...), fused activations, fused and quantized matmuls.
 * Costs reuse core's kernels: projections are matmuls, the attention core is `attentionCost`.
 */
import {
  attentionCost, dim, dimPoly, elementwiseCost, hasElementwiseRule, matmulCost, normalizationCost, numElements, Poly, type Dim, type OpCost,
} from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import { convRules } from './conv.js';
import { matmulRules, matmulShape } from './matmul.js';
import { NO_COMPUTE } from './util.js';

function sum(...c: OpCost[]): OpCost {
  return c.reduce((a, b) => ({ macs: a.macs.add(b.macs), flops: a.flops.add(b.flops), params: a.params.add(b.params) }), { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO });
}

/** Present / past sequence length: the past's length (axis `axis` of input `i`) plus the new tokens. */
function totalSeq(ctx: NodeContext, pastIndex: number, axis: number, fresh: Dim): Dim {
  if (!ctx.hasInput(pastIndex)) return fresh;
  const p = ctx.shape(pastIndex);
  return dim(dimPoly(p[axis]!).add(dimPoly(fresh)));
}

/** Attention(input [B,S,hidden], weights [hidden, 3*hidden], bias, mask?, past [2,B,N,P,H]?). */
const attention: OpRule = {
  nonParamInputs: [3],
  weightInputs: [1, 2],
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const w = ctx.shape(1);
    const heads = ctx.attrInt('num_heads');
    if (!heads) ctx.fail('attribute num_heads is required');
    const qkv = ctx.attrInts('qkv_hidden_sizes');
    const vHidden: Dim = qkv ? qkv[2]! : dim(dimPoly(w[w.length - 1]!).floorDiv(3));
    const [b, s] = [x[0]!, x[1]!];
    ctx.output(0, ctx.dtype(0), [b, s, vHidden]);
    if (ctx.hasOutput(1)) ctx.output(1, ctx.dtype(0), [2, b, heads, totalSeq(ctx, 4, 3, s), dimPoly(vHidden).floorDiv(heads).isConst ? dim(dimPoly(vHidden).floorDiv(heads)) : ctx.fresh()]);
  },
  cost(ctx: NodeContext) {
    const x = ctx.shape(0);
    const w = ctx.shape(1);
    const heads = ctx.attrInt('num_heads')!;
    const qkv = ctx.attrInts('qkv_hidden_sizes');
    const qkHidden = qkv ? qkv[0]! : dim(dimPoly(w[w.length - 1]!).floorDiv(3));
    const vHidden = qkv ? qkv[2]! : qkHidden;
    const proj = matmulCost({ a: x, b: w }, ctx.kernelOptions);
    const seqK = totalSeq(ctx, 4, 3, x[1]!);
    const core = attentionCost({ batch: x[0]!, heads, seqQ: x[1]!, seqK, headDim: dim(dimPoly(qkHidden).floorDiv(heads)), headDimV: dim(dimPoly(vHidden).floorDiv(heads)) }, ctx.kernelOptions);
    const bias = ctx.hasInput(2) ? elementwiseCost('Add', numElements([x[0]!, x[1]!, w[w.length - 1]!]), ctx.kernelOptions) : undefined;
    return bias ? sum(proj, core, bias) : sum(proj, core);
  },
};

/** MultiHeadAttention(query [B,S,D], key [B,L,D] | [B,N,L,H], value, bias?, mask?, attention_bias?, past_key [B,N,P,H]?, past_value?). */
const multiHeadAttention: OpRule = {
  nonParamInputs: [4],
  weightInputs: [3],
  infer(ctx: NodeContext) {
    const q = ctx.shape(0);
    const heads = ctx.attrInt('num_heads');
    if (!heads) ctx.fail('attribute num_heads is required');
    const [b, s] = [q[0]!, q[1]!];
    let l: Dim = s;
    let vHidden: Dim = q[2]!;
    if (ctx.hasInput(2)) {
      const v = ctx.shape(2);
      if (v.length === 4) {
        l = v[2]!;
        vHidden = dim(dimPoly(v[3]!).mul(heads));
      } else {
        l = v[1]!;
        vHidden = v[2]!;
      }
    } else if (q.length === 5) {
      // Packed QKV [B, S, N, 3, H].
      vHidden = dim(dimPoly(q[4]!).mul(heads));
    }
    const headV = dim(dimPoly(vHidden).floorDiv(heads));
    ctx.output(0, ctx.dtype(0), [b, s, vHidden]);
    const present = [b, heads, totalSeq(ctx, 6, 2, l), headV];
    if (ctx.hasOutput(1)) ctx.output(1, ctx.dtype(0), present);
    if (ctx.hasOutput(2)) ctx.output(2, ctx.dtype(0), present);
  },
  cost(ctx: NodeContext) {
    const q = ctx.shape(0);
    const o = ctx.outShape(0);
    const heads = ctx.attrInt('num_heads')!;
    const seqK = ctx.hasOutput(1) ? ctx.outShape(1)[2]! : ctx.hasInput(1) ? (ctx.shape(1).length === 4 ? ctx.shape(1)[2]! : ctx.shape(1)[1]!) : q[1]!;
    const headDim = dim(dimPoly(o[2]!).floorDiv(heads));
    return attentionCost({ batch: q[0]!, heads, seqQ: q[1]!, seqK, headDim }, ctx.kernelOptions);
  },
};

/** GroupQueryAttention(query, key?, value?, past_key [B,kvN,P,H], past_value, seqlens_k, total_sequence_length, cos?, sin?). */
const groupQueryAttention: OpRule = {
  nonParamInputs: [5, 6],
  infer(ctx: NodeContext) {
    const q = ctx.shape(0);
    const heads = ctx.attrInt('num_heads');
    const kvHeads = ctx.attrInt('kv_num_heads');
    if (!heads || !kvHeads) ctx.fail('attributes num_heads and kv_num_heads are required');
    const [b, s] = [q[0]!, q[1]!];
    const packed = !ctx.hasInput(1);
    const headDim: Dim = packed ? dim(dimPoly(q[2]!).floorDiv(heads + 2 * kvHeads)) : dim(dimPoly(q[2]!).floorDiv(heads));
    ctx.output(0, ctx.dtype(0), [b, s, dim(dimPoly(headDim).mul(heads))]);
    const total = ctx.dims(6)?.[0];
    const past = ctx.hasInput(3) ? ctx.shape(3)[2]! : 0;
    const presentLen: Dim = total !== undefined ? dim(dimPoly(total).max(dimPoly(past))) : dim(dimPoly(past).add(dimPoly(s)));
    if (ctx.hasOutput(1)) ctx.output(1, ctx.dtype(0), [b, kvHeads, presentLen, headDim]);
    if (ctx.hasOutput(2)) ctx.output(2, ctx.dtype(0), [b, kvHeads, presentLen, headDim]);
  },
  cost(ctx: NodeContext) {
    const q = ctx.shape(0);
    const o = ctx.outShape(0);
    const heads = ctx.attrInt('num_heads')!;
    const seqK = ctx.hasOutput(1) ? ctx.outShape(1)[2]! : q[1]!;
    return attentionCost({ batch: q[0]!, heads, seqQ: q[1]!, seqK, headDim: dim(dimPoly(o[2]!).floorDiv(heads)) }, ctx.kernelOptions);
  },
};

/** RotaryEmbedding: rotates pairs: 2 muls and 1 add per element (plus the cache lookups). */
const rotaryEmbedding: OpRule = {
  nonParamInputs: [1],
  infer: (ctx: NodeContext) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx: NodeContext) => elementwiseCost('Mul', numElements(ctx.shape(0)).mul(3), ctx.kernelOptions),
};

/** SkipLayerNormalization(input, skip, gamma, beta?, bias?): LayerNorm(input + skip + bias). */
function skipLayerNorm(kind: 'layer' | 'rms'): OpRule {
  return {
    weightInputs: [2, 3, 4],
    infer(ctx: NodeContext) {
      const x = ctx.shape(0);
      ctx.output(0, ctx.dtype(0), x);
      const stat = [...x.slice(0, -1), 1];
      if (ctx.hasOutput(1)) ctx.output(1, 'float32', stat);
      if (ctx.hasOutput(2)) ctx.output(2, 'float32', stat);
      if (ctx.hasOutput(3)) ctx.output(3, ctx.dtype(0), x);
    },
    cost(ctx: NodeContext) {
      const x = ctx.shape(0);
      const n = numElements(x);
      const adds = elementwiseCost('Add', n.mul(ctx.hasInput(4) ? 2 : 1), ctx.kernelOptions);
      return sum(adds, normalizationCost({ kind, elements: n, groups: numElements(x.slice(0, -1)), affine: true }, ctx.kernelOptions));
    },
  };
}

/** Simplified / contrib LayerNormalization (stats over the last axes from `axis`). */
function contribLayerNorm(kind: 'layer' | 'rms'): OpRule {
  return {
    infer(ctx: NodeContext) {
      const x = ctx.shape(0);
      ctx.output(0, ctx.dtype(0), x);
      const axis = ctx.axis(ctx.attrInt('axis', -1), x.length);
      const stat = x.map((d, i) => (i < axis ? d : 1));
      for (let i = 1; i < ctx.outputCount; i++) if (ctx.hasOutput(i)) ctx.output(i, 'float32', stat);
    },
    cost(ctx: NodeContext) {
      const x = ctx.shape(0);
      const axis = ctx.axis(ctx.attrInt('axis', -1), x.length);
      return normalizationCost({ kind, elements: numElements(x), groups: numElements(x.slice(0, axis)), affine: true }, ctx.kernelOptions);
    },
  };
}

/** EmbedLayerNormalization(input_ids [B,S], segment_ids?, word_embedding [V,H], position_embedding, segment_embedding?, gamma, beta, mask?). */
const embedLayerNorm: OpRule = {
  nonParamInputs: [0, 1, 7, 8],
  weightInputs: [2, 3, 4, 5, 6],
  infer(ctx: NodeContext) {
    const ids = ctx.shape(0);
    const emb = ctx.shape(2);
    const h = emb[emb.length - 1]!;
    const t = ctx.dtype(2);
    ctx.output(0, t, [ids[0]!, ids[1]!, h]);
    if (ctx.hasOutput(1)) ctx.output(1, 'int32', [ids[0]!]);
    if (ctx.hasOutput(2)) ctx.output(2, t, [ids[0]!, ids[1]!, h]);
  },
  // Lookups are data movement; the 2 (or 3) embedding sums and the layer norm are arithmetic.
  cost(ctx: NodeContext) {
    const o = ctx.outShape(0);
    const n = numElements(o);
    return sum(elementwiseCost('Add', n.mul(ctx.hasInput(4) ? 2 : 1), ctx.kernelOptions), normalizationCost({ kind: 'layer', elements: n, groups: numElements(o.slice(0, -1)), affine: true }, ctx.kernelOptions));
  },
};

/** An activation with an optional bias input added first: `op` flops per element (+1 for the bias). */
function biasActivation(op: string, biasInput: number | undefined): OpRule {
  return {
    infer: (ctx: NodeContext) => ctx.output(0, ctx.dtype(0), biasInput !== undefined && ctx.hasInput(biasInput) ? ctx.broadcast(ctx.shape(0), ctx.shape(biasInput)) : ctx.shape(0)),
    cost(ctx: NodeContext) {
      const n = numElements(ctx.outShape(0));
      const act = elementwiseCost(op, n, ctx.kernelOptions);
      return biasInput !== undefined && ctx.hasInput(biasInput) ? sum(act, elementwiseCost('Add', n, ctx.kernelOptions)) : act;
    },
  };
}

/** BiasAdd(X, bias, skip): two additions per element. */
const biasAdd: OpRule = {
  infer: (ctx: NodeContext) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx: NodeContext) => elementwiseCost('Add', numElements(ctx.shape(0)).mul(2), ctx.kernelOptions),
};

/**
 * FusedConv(X, W, B?, Z?): onnxruntime's Conv with the following Add (of Z) and activation folded in.
 * Cost: the convolution, one add per output when Z is given, and the activation's per-element cost.
 */
const fusedConv: OpRule = {
  ...convRules.Conv!,
  cost(ctx: NodeContext) {
    const conv = convRules.Conv!.cost(ctx);
    const outputs = numElements(ctx.outShape(0));
    const parts = [conv];
    if (ctx.hasInput(3)) parts.push(elementwiseCost('Add', outputs, ctx.kernelOptions));
    const activation = ctx.attrString('activation');
    if (activation) {
      if (!hasElementwiseRule(activation)) ctx.fail(`activation ${JSON.stringify(activation)} has no cost rule`);
      parts.push(elementwiseCost(activation, outputs, ctx.kernelOptions));
    }
    return sum(...parts);
  },
};

/** FusedMatMul(A, B): matmul with optional transposes of the last two axes and a scale. */
const fusedMatMul: OpRule = {
  weightInputs: [1],
  infer(ctx: NodeContext) {
    const [a, b] = fusedOperands(ctx);
    ctx.output(0, ctx.dtype(0), matmulShape(ctx, a, b));
  },
  cost(ctx: NodeContext) {
    const [a, b] = fusedOperands(ctx);
    const mm = matmulCost({ a, b }, ctx.kernelOptions);
    const alpha = ctx.attrFloat('alpha', 1);
    return alpha === 1 ? mm : sum(mm, elementwiseCost('Mul', numElements(ctx.outShape(0)), ctx.kernelOptions));
  },
};

/**
 * FusedMatMul's operands as a plain MatMul sees them (onnxruntime's MatMulComputeHelper): with
 * transBatchX the stored layout is [M, b0..bn, K] (or [K, b0..bn, M]), so dim 0 moves to just before the
 * last dim; then transX swaps the last two. ORT fuses the attention head Transposes this way.
 */
function fusedOperands(ctx: NodeContext): [Dim[], Dim[]] {
  const batch = (s: readonly Dim[], on: boolean, i: number): Dim[] => {
    if (!on) return [...s];
    if (s.length < 3) ctx.fail(`transBatch${i === 0 ? 'A' : 'B'} needs rank >= 3, got rank ${s.length}`, i);
    return [...s.slice(1, -1), s[0]!, s[s.length - 1]!];
  };
  const t = (s: readonly Dim[], on: boolean): Dim[] => (on && s.length >= 2 ? [...s.slice(0, -2), s[s.length - 1]!, s[s.length - 2]!] : [...s]);
  return [
    t(batch(ctx.shape(0), ctx.attrInt('transBatchA', 0) === 1, 0), ctx.attrInt('transA', 0) === 1),
    t(batch(ctx.shape(1), ctx.attrInt('transBatchB', 0) === 1, 1), ctx.attrInt('transB', 0) === 1),
  ];
}

/** MatMulNBits(A [..., K], B packed [N, blocks, blob], scales, zero_points?, g_idx?, bias?): A x dequant(B)^T. */
const matMulNBits: OpRule = {
  weightInputs: [1, 2, 3, 5],
  infer(ctx: NodeContext) {
    const a = ctx.shape(0);
    const n = ctx.attrInt('N');
    const k = ctx.attrInt('K');
    if (n === undefined || k === undefined) ctx.fail('attributes K and N are required');
    const last = a[a.length - 1];
    if (typeof last === 'number' && last !== k) ctx.fail(`input 0: last dim ${last} differs from K=${k}`, 0);
    ctx.output(0, ctx.dtype(0), [...a.slice(0, -1), n]);
  },
  // M*N*K macs, plus dequantizing the N*K weights once (2 flops each: subtract zero point, scale).
  cost(ctx: NodeContext) {
    const a = ctx.shape(0);
    const n = ctx.attrInt('N')!;
    const k = ctx.attrInt('K')!;
    const mm = matmulCost({ a, b: [k, n] }, ctx.kernelOptions);
    return sum(mm, elementwiseCost('Mul', Poly.const(n * k * 2), ctx.kernelOptions));
  },
};

/** MatMulIntegerToFloat / DynamicQuantizeMatMul: a quantized matmul with a float output. */
function quantMatMul(ai: number, bi: number): OpRule {
  return {
    weightInputs: [bi],
    infer: (ctx: NodeContext) => ctx.output(0, 'float32', matmulShape(ctx, ctx.shape(ai), ctx.shape(bi), ai, bi)),
    cost: (ctx: NodeContext) => matmulCost({ a: ctx.shape(ai), b: ctx.shape(bi) }, ctx.kernelOptions),
  };
}

/** QLinear binary ops (A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp): dequantize, op, requantize = 1 + 7 per element. */
function qlinearBinary(op: string): OpRule {
  return {
    infer: (ctx: NodeContext) => ctx.output(0, ctx.dtype(0), ctx.broadcast(ctx.shape(0), ctx.shape(3))),
    cost: (ctx: NodeContext) => elementwiseCost(op, numElements(ctx.outShape(0)).mul(8), ctx.kernelOptions),
  };
}

/** QLinear unary ops (X, X_scale, X_zp, Y_scale, Y_zp): dequantize (2), op, quantize (5). */
function qlinearUnary(op: string, perElem: number): OpRule {
  return {
    infer: (ctx: NodeContext) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
    cost: (ctx: NodeContext) => elementwiseCost(op, numElements(ctx.shape(0)).mul(perElem + 7), ctx.kernelOptions),
  };
}

const qlinearGlobalAveragePool: OpRule = {
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const last = ctx.attrInt('channels_last', 0) === 1;
    ctx.output(0, ctx.dtype(0), last ? [x[0]!, ...x.slice(1, -1).map(() => 1), x[x.length - 1]!] : [x[0]!, x[1]!, ...x.slice(2).map(() => 1)]);
  },
  cost: (ctx: NodeContext) => elementwiseCost('Add', numElements(ctx.shape(0)), ctx.kernelOptions),
};

const qlinearConcat: OpRule = {
  infer(ctx: NodeContext) {
    // Inputs: Y_scale, Y_zp, then (X, X_scale, X_zp) triples.
    const idx = [];
    for (let i = 2; i < ctx.inputCount; i += 3) idx.push(i);
    const shapes = idx.map((i) => ctx.shape(i));
    const axis = ctx.axis(ctx.attrInt('axis', 0), shapes[0]!.length);
    const out = [...shapes[0]!];
    out[axis] = dim(shapes.reduce((s, sh) => s.add(dimPoly(sh[axis]!)), Poly.ZERO));
    ctx.output(0, ctx.dtype(2), out);
  },
  cost: () => NO_COMPUTE,
};

/** Rules of this family (domain com.microsoft), by op type. */
export const contribRules: Record<string, OpRule> = {
  Attention: attention,
  BiasAdd: biasAdd,
  BiasGelu: biasActivation('Gelu', 1),
  DynamicQuantizeMatMul: quantMatMul(0, 1),
  EmbedLayerNormalization: embedLayerNorm,
  FastGelu: biasActivation('GeluTanh', 1),
  FusedConv: fusedConv,
  FusedMatMul: fusedMatMul,
  Gelu: biasActivation('Gelu', undefined),
  GroupQueryAttention: groupQueryAttention,
  LayerNormalization: contribLayerNorm('layer'),
  MatMulIntegerToFloat: quantMatMul(0, 1),
  MatMulNBits: matMulNBits,
  MultiHeadAttention: multiHeadAttention,
  NhwcConv: convRules.Conv!,
  QLinearAdd: qlinearBinary('Add'),
  QLinearAveragePool: convRules.AveragePool!,
  QLinearConv: convRules.QLinearConv!,
  QLinearGlobalAveragePool: qlinearGlobalAveragePool,
  QLinearLeakyRelu: qlinearUnary('LeakyRelu', 2),
  QLinearMatMul: matmulRules.QLinearMatMul!,
  QLinearMul: qlinearBinary('Mul'),
  QLinearSigmoid: qlinearUnary('Sigmoid', 4),
  QLinearConcat: qlinearConcat,
  QuickGelu: biasActivation('QuickGelu', undefined),
  RotaryEmbedding: rotaryEmbedding,
  SimplifiedLayerNormalization: contribLayerNorm('rms'),
  SkipLayerNormalization: skipLayerNorm('layer'),
  SkipSimplifiedLayerNormalization: skipLayerNorm('rms'),
};
