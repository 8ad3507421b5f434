/**
 * Normalization, softmax, reductions, resize, embedding, attention, recurrent cells and
 * quantization kernels (docs/cost-conventions.md).
 */
import { dimPoly, numElements, type Dim } from '../symbolic/dim.js';
import { Poly } from '../symbolic/poly.js';
import { checkSizes, contractionCost, elementCost, type OpCost } from './conventions.js';
import type { KernelOptions } from './types.js';

/** Normalization kinds. */
export type NormKind = 'batch' | 'layer' | 'instance' | 'group' | 'rms';

/**
 * Normalization at inference time.
 * - batch: folded into one scale and shift per channel: mul + add = 2 flops per element.
 *   Params: gamma, beta, moving mean, moving variance = 4 * channels (Keras counts all four; the
 *   moving statistics are non-trainable).
 * - layer / instance / group: per element mean (add), variance (sub, square, add), normalise
 *   (sub, div), affine (mul, add) = 8; per group (statistics): 2 divisions, add epsilon, sqrt = 4.
 * - rms: per element square, add, scale (mul), affine (mul) = 4; per group: div, add epsilon, sqrt, reciprocal = 4.
 * `groups` = number of independent statistics (rows); `normalizedSize` = elements of one gamma vector.
 */
export function normalizationCost(
  p: { kind: NormKind; elements: Poly; groups?: Poly | Dim; channels?: Dim; normalizedSize?: Dim; affine?: boolean; bias?: boolean },
  _opts: KernelOptions = {},
): OpCost {
  checkSizes('normalizationCost', { channels: p.channels, normalizedSize: p.normalizedSize });
  const groups = p.groups === undefined ? Poly.ZERO : p.groups instanceof Poly ? p.groups : dimPoly(p.groups);
  switch (p.kind) {
    case 'batch': {
      const c = dimPoly(p.channels ?? 1);
      return elementCost(p.elements.mul(2), c.mul(4));
    }
    case 'layer':
    case 'instance':
    case 'group': {
      const size = p.normalizedSize ?? p.channels;
      const params = p.affine === false || size === undefined ? Poly.ZERO : dimPoly(size).mul(p.bias === false ? 1 : 2);
      return elementCost(p.elements.mul(8).add(groups.mul(4)), params);
    }
    case 'rms': {
      const size = p.normalizedSize ?? p.channels;
      const params = p.affine === false || size === undefined ? Poly.ZERO : dimPoly(size);
      return elementCost(p.elements.mul(4).add(groups.mul(4)), params);
    }
    default:
      throw new RangeError(`normalizationCost: unknown kind ${JSON.stringify(p.kind)}`);
  }
}

/**
 * Softmax: per element max (compare), subtract, exp, sum (add), divide = 5. LogSoftmax: max,
 * subtract, exp, add, subtract the log-sum = 5 (plus one log per row, `elements / axisSize`).
 * Hardmax: 1 comparison per element.
 */
export function softmaxCost(p: { op?: string; elements: Poly; axisSize?: Dim | Poly }, _opts: KernelOptions = {}): OpCost {
  const op = p.op ?? 'Softmax';
  if (op === 'Hardmax') return elementCost(p.elements);
  if (op === 'LogSoftmax' && p.axisSize !== undefined) {
    const axis = p.axisSize instanceof Poly ? p.axisSize : dimPoly(p.axisSize);
    return elementCost(p.elements.mul(5).add(axis.isConst && axis.constValue > 0n ? p.elements.floorDiv(axis) : Poly.ZERO));
  }
  return elementCost(p.elements.mul(5));
}

/**
 * Reductions, from `inElements` to `outElements`:
 * Sum/Max/Min/Prod/ArgMax/ArgMin: in - out (n - 1 operations per output); Mean: + 1 division per
 * output = in; SumSquare and L1: a square/abs per element + additions = 2in - out; L2: + sqrt per output
 * = 2in; LogSum: in - out + out logs = in; LogSumExp: exp per element + additions + log = 2in.
 */
export function reduceCost(p: { op: string; inElements: Poly; outElements: Poly }, _opts: KernelOptions = {}): OpCost {
  const { inElements: i, outElements: o } = p;
  switch (p.op) {
    case 'ReduceSum':
    case 'ReduceMax':
    case 'ReduceMin':
    case 'ReduceProd':
    case 'ArgMax':
    case 'ArgMin':
      return elementCost(i.sub(o));
    case 'ReduceMean':
    case 'ReduceLogSum':
      return elementCost(i);
    case 'ReduceSumSquare':
    case 'ReduceL1':
      return elementCost(i.mul(2).sub(o));
    case 'ReduceL2':
    case 'ReduceLogSumExp':
      return elementCost(i.mul(2));
    default:
      throw new RangeError(`no reduction cost rule for ${p.op}`);
  }
}

/**
 * Resize: nearest neighbour copies (0 flops); linear interpolation over r resized axes weighs 2^r
 * neighbours (2^r multiplies, 2^r - 1 adds); cubic weighs 4^r (2 * 4^r - 1).
 */
export function resizeCost(p: { mode: 'nearest' | 'linear' | 'cubic'; outElements: Poly; spatialRank: number }, _opts: KernelOptions = {}): OpCost {
  if (!Number.isInteger(p.spatialRank) || p.spatialRank < 0) throw new RangeError(`resizeCost: spatialRank must be a non-negative integer, got ${p.spatialRank}`);
  if (p.mode === 'nearest') return elementCost(Poly.ZERO);
  const taps = (p.mode === 'linear' ? 2 : 4) ** p.spatialRank;
  return elementCost(p.outElements.mul(2 * taps - 1));
}

/** Embedding lookup: no arithmetic; params = vocab * dim (the table). */
export function embeddingCost(p: { vocab: Dim; dim: Dim }, _opts: KernelOptions = {}): OpCost {
  checkSizes('embeddingCost', { vocab: p.vocab, dim: p.dim });
  return elementCost(Poly.ZERO, dimPoly(p.vocab).mul(dimPoly(p.dim)));
}

/**
 * Scaled dot-product attention core (after projections):
 * QK^T: batch * heads * seqQ * seqK * headDim macs; AV: batch * heads * seqQ * seqK * headDimV macs;
 * scaling 1 mul and softmax 5 flops per score (batch * heads * seqQ * seqK). Grouped-query attention
 * (`kvHeads` < heads) shares K/V across heads but does the same products.
 */
export function attentionCost(p: { batch: Dim; heads: Dim; seqQ: Dim; seqK: Dim; headDim: Dim; headDimV?: Dim }, opts: KernelOptions = {}): OpCost {
  checkSizes('attentionCost', { batch: p.batch, heads: p.heads, seqQ: p.seqQ, seqK: p.seqK, headDim: p.headDim, headDimV: p.headDimV });
  const scores = numElements([p.batch, p.heads, p.seqQ, p.seqK]);
  const qk = scores.mul(dimPoly(p.headDim));
  const av = scores.mul(dimPoly(p.headDimV ?? p.headDim));
  const outputs = scores.add(numElements([p.batch, p.heads, p.seqQ, p.headDimV ?? p.headDim]));
  return contractionCost(qk.add(av), outputs, false, Poly.ZERO, opts, scores.mul(6));
}

/** Recurrent cells. */
export type RnnCell = 'lstm' | 'gru' | 'rnn';

const GATES: Record<RnnCell, number> = { lstm: 4, gru: 3, rnn: 1 };
/**
 * Element flops per hidden unit per step: LSTM: 3 sigmoids (4 each), 1 tanh, c = f*c + i*g (3),
 * h = o * tanh(c) (2) = 18; GRU: 2 sigmoids (8), tanh (1), r*h (1), h = (1 - z)*n + z*h (3) = 13;
 * simple RNN: tanh = 1.
 */
const CELL_FLOPS: Record<RnnCell, number> = { lstm: 18, gru: 13, rnn: 1 };

/**
 * A recurrent layer over `seqLen` steps: per step and direction, gates * hidden * (input + hidden) macs
 * for the input and recurrent products, plus the cell's element flops and one add per bias vector.
 * Params: gates * (input*hidden + hidden*hidden + biasVectors*hidden) per direction; Keras uses one
 * bias vector (GRU reset_after: two), ONNX and PyTorch two (Wb and Rb).
 */
export function rnnCost(
  p: { cell: RnnCell; seqLen: Dim; batch: Dim; inputSize: Dim; hiddenSize: Dim; directions?: number; biasVectors?: number },
  opts: KernelOptions = {},
): OpCost {
  const g = GATES[p.cell];
  const dirs = p.directions ?? 1;
  if (dirs !== 1 && dirs !== 2) throw new RangeError(`rnnCost: directions must be 1 or 2, got ${dirs}`);
  checkSizes('rnnCost', { seqLen: p.seqLen, batch: p.batch, inputSize: p.inputSize, hiddenSize: p.hiddenSize });
  const bv = p.biasVectors ?? 1;
  const h = dimPoly(p.hiddenSize);
  const steps = numElements([p.seqLen, p.batch]).mul(dirs);
  const perStepMacs = h.mul(g).mul(dimPoly(p.inputSize).add(h));
  const macs = steps.mul(perStepMacs);
  const outputs = steps.mul(h.mul(g));
  const extra = steps.mul(h.mul(CELL_FLOPS[p.cell] + g * bv));
  const params = h.mul(g).mul(dimPoly(p.inputSize).add(h).add(bv)).mul(dirs);
  // Gate pre-activations are sums of two products' accumulations and the biases: counted in `extra`.
  return contractionCost(macs, outputs, true, params, opts, extra);
}

/** QuantizeLinear: divide by scale, round, add zero point, clamp (2 comparisons) = 5 per element. */
export function quantizeCost(elements: Poly, _opts: KernelOptions = {}): OpCost {
  return elementCost(elements.mul(5));
}

/** DequantizeLinear: subtract zero point, multiply by scale = 2 per element. */
export function dequantizeCost(elements: Poly, _opts: KernelOptions = {}): OpCost {
  return elementCost(elements.mul(2));
}
