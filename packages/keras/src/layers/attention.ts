/**
 * Attention layers: MultiHeadAttention, Attention (dot-product, Luong), AdditiveAttention (Bahdanau)
 * (docs/cost-conventions.md#attention).
 */
import { attentionCost, dim, gemmCost, numElements, Poly, type Dim } from '@modelcost/core';
import { bool, inShape, last, num, ShapeError, str, sumCosts, type LayerCall, type LayerRule, type TensorType, type WeightSpec } from './rule.js';

/** Query, value and key tensors: positional (Keras 3, list inputs) or by keyword (Keras 2 `value=`). */
function qkv(c: LayerCall): { q: readonly Dim[]; v: readonly Dim[]; k: readonly Dim[] } {
  const pick = (i: number, kw: string): TensorType | undefined => c.inputs[i] ?? c.kwargInputs[kw]?.[0];
  const q = inShape(c, 0);
  const vt = pick(1, 'value');
  if (!vt) throw new ShapeError('expected a value tensor (second input or value=)');
  const kt = pick(2, 'key') ?? vt;
  if (!vt.shape || !kt.shape) return { q, v: inShape({ ...c, inputs: [vt] }, 0), k: inShape({ ...c, inputs: [kt] }, 0) };
  return { q, v: vt.shape, k: kt.shape };
}

function mhaDims(c: LayerCall) {
  const { q, v, k } = qkv(c);
  if (q.length < 3) throw new ShapeError(`query: expected rank >= 3 ([batch, ..., features]), got rank ${q.length}`);
  const heads = num(c.config, 'num_heads', 1);
  const keyDim = num(c.config, 'key_dim', 0);
  const valueDim = num(c.config, 'value_dim', keyDim);
  const os = c.config['output_shape'];
  const outDims: Dim[] = typeof os === 'number' ? [os] : Array.isArray(os) ? (os as number[]) : [last(q)];
  return { q, v, k, heads, keyDim, valueDim, outDims, batch: q[0]!, seqQ: dim(numElements(q.slice(1, -1))), seqK: dim(numElements(k.slice(1, -1))) };
}

/**
 * MultiHeadAttention: query/key/value projections to heads x key_dim (value_dim), scaled dot-product
 * attention per head, output projection back to the query's features (or `output_shape`).
 */
const multiHeadAttention: LayerRule = {
  outputs(c) {
    const d = mhaDims(c);
    const out: Dim[][] = [[...d.q.slice(0, -1), ...d.outDims]];
    if (c.kwargs['return_attention_scores'] === true) out.push([d.batch, d.heads, d.seqQ, d.seqK]);
    return out;
  },
  outputCount: (c) => (c.kwargs['return_attention_scores'] === true ? 2 : 1),
  weights(c) {
    const d = mhaDims(c);
    const bias = bool(c.config, 'use_bias', true);
    const dense = (name: string, kernel: Dim[], b: Dim[]): WeightSpec[] => [
      { name: `${name}/kernel`, shape: kernel, trainable: true },
      ...(bias ? [{ name: `${name}/bias`, shape: b, trainable: true }] : []),
    ];
    return [
      ...dense('query', [last(d.q), d.heads, d.keyDim], [d.heads, d.keyDim]),
      ...dense('key', [last(d.k), d.heads, d.keyDim], [d.heads, d.keyDim]),
      ...dense('value', [last(d.v), d.heads, d.valueDim], [d.heads, d.valueDim]),
      ...dense('attention_output', [d.heads, d.valueDim, ...d.outDims], d.outDims),
    ];
  },
  cost(c) {
    const d = mhaDims(c);
    const bias = bool(c.config, 'use_bias', true);
    const opts = { convention: c.convention };
    const rowsQ = numElements([d.batch, d.seqQ]);
    const rowsK = numElements([d.batch, d.seqK]);
    const hk = d.heads * d.keyDim;
    const hv = d.heads * d.valueDim;
    return sumCosts(
      // Projections: rows x features x heads*dim each.
      gemmCost({ m: dim(rowsQ), k: last(d.q), n: hk, bias }, opts),
      gemmCost({ m: dim(rowsK), k: last(d.k), n: hk, bias }, opts),
      gemmCost({ m: dim(rowsK), k: last(d.v), n: hv, bias }, opts),
      // QK^T and AV per head, scaling and softmax per score.
      attentionCost({ batch: d.batch, heads: d.heads, seqQ: d.seqQ, seqK: d.seqK, headDim: d.keyDim, headDimV: d.valueDim }, opts),
      gemmCost({ m: dim(rowsQ), k: hv, n: dim(numElements(d.outDims)), bias }, opts),
    );
  },
};

/** Inputs of Attention / AdditiveAttention: [query [B,T,D], value [B,S,Dv], key? [B,S,D]]. */
function pair(c: LayerCall): { q: readonly Dim[]; v: readonly Dim[]; k: readonly Dim[] } {
  const d = qkv(c);
  if (d.q.length !== 3 || d.v.length !== 3) throw new ShapeError(`expected query and value of rank 3 ([batch, steps, features]), got ranks ${d.q.length} and ${d.v.length}`);
  return d;
}

function scoreCount(q: readonly Dim[], v: readonly Dim[]) {
  return numElements([q[0]!, q[1]!, v[1]!]);
}

/** Attention (Luong): scores = q . k^T (x scale), softmax, weighted sum of values. */
const dotAttention: LayerRule = {
  outputs(c) {
    const { q, v } = pair(c);
    const out: Dim[][] = [[q[0]!, q[1]!, v[2]!]];
    if (c.kwargs['return_attention_scores'] === true) out.push([q[0]!, q[1]!, v[1]!]);
    return out;
  },
  outputCount: (c) => (c.kwargs['return_attention_scores'] === true ? 2 : 1),
  weights(c) {
    const w: WeightSpec[] = [];
    if (bool(c.config, 'use_scale', false)) w.push({ name: 'scale', shape: [], trainable: true });
    if (str(c.config, 'score_mode', 'dot') === 'concat') w.push({ name: 'concat_score_weight', shape: [], trainable: true });
    return w;
  },
  cost(c) {
    const { q, v } = pair(c);
    const scores = scoreCount(q, v);
    // QK^T: B*T*S*D macs; AV: B*T*S*Dv macs; softmax 5 per score, scale 1 per score.
    const macs = scores.mul(q[2]!).add(scores.mul(v[2]!));
    const scale = bool(c.config, 'use_scale', false) ? 1 : 0;
    return { macs, flops: macs.mul(2).add(scores.mul(5 + scale)), params: Poly.ZERO };
  },
};

/** AdditiveAttention (Bahdanau): scores = sum(scale * tanh(q + k)), softmax, weighted sum of values. */
const additiveAttention: LayerRule = {
  outputs: dotAttention.outputs,
  outputCount: dotAttention.outputCount!,
  weights(c) {
    const { q } = pair(c);
    return bool(c.config, 'use_scale', true) ? [{ name: 'scale', shape: [q[2]!], trainable: true }] : [];
  },
  cost(c) {
    const { q, v } = pair(c);
    const scores = scoreCount(q, v);
    // Per (t, s, d): add, tanh (2 flops), then scale-and-sum as a mac; AV B*T*S*Dv macs; softmax 5 per score.
    const qk = scores.mul(q[2]!);
    const macs = qk.add(scores.mul(v[2]!));
    return { macs, flops: macs.mul(2).add(qk.mul(2)).add(scores.mul(5)), params: Poly.ZERO };
  },
};

/** Rules of this family, by Keras class name. */
export const ATTENTION_RULES: Readonly<Record<string, LayerRule>> = {
  AdditiveAttention: additiveAttention,
  Attention: dotAttention,
  MultiHeadAttention: multiHeadAttention,
};
