/**
 * Invalid inputs to every kernel: each throws a RangeError naming the kernel, the parameter and the bad value.
 */
import { describe, expect, it } from 'vitest';
import {
  attentionCost, convCost, convTransposeCost, einsumCost, embeddingCost, gemmCost, normalizationCost, poolCost, Poly, resizeCost, rnnCost, type NormKind,
} from '../../src/index.js';

describe('kernel input validation', () => {
  it.each([
    ['conv: channels not divisible by groups', () => convCost({ batch: 1, inChannels: 6, outChannels: 8, outSpatial: [4], kernel: [3], groups: 4, bias: false }), 'convCost: inChannels 6 is not divisible by groups 4'],
    ['conv: zero groups', () => convCost({ batch: 1, inChannels: 6, outChannels: 8, outSpatial: [4], kernel: [3], groups: 0, bias: false }), 'convCost: groups must be a positive integer, got 0'],
    ['conv: negative spatial size', () => convCost({ batch: 1, inChannels: 3, outChannels: 8, outSpatial: [-2], kernel: [3], bias: false }), 'convCost: outSpatial must be a non-negative integer, got -2'],
    ['conv transpose: fractional input size', () => convTransposeCost({ batch: 1, inChannels: 2, outChannels: 2, inSpatial: [2.5], outSpatial: [5], kernel: [2], bias: false }), 'convTransposeCost: inSpatial must be a non-negative integer, got 2.5'],
    ['pool: empty kernel', () => poolCost({ kind: 'max', batch: 1, channels: 1, outSpatial: [], kernel: [] }), 'poolCost: kernel must have at least one axis'],
    ['gemm: negative K', () => gemmCost({ m: 1, k: -1, n: 2, bias: false }), 'gemmCost: k must be a non-negative integer, got -1'],
    ['einsum: operand count', () => einsumCost('ij,jk->ik', [[2, 3]]), 'einsumCost: equation "ij,jk->ik" has 2 operands, got 1 shapes'],
    ['attention: negative heads', () => attentionCost({ batch: 1, heads: -12, seqQ: 4, seqK: 4, headDim: 64 }), 'attentionCost: heads must be a non-negative integer, got -12'],
    ['rnn: three directions', () => rnnCost({ cell: 'gru', seqLen: 2, batch: 1, inputSize: 3, hiddenSize: 4, directions: 3 }), 'rnnCost: directions must be 1 or 2, got 3'],
    ['resize: negative rank', () => resizeCost({ mode: 'linear', outElements: Poly.ONE, spatialRank: -1 }), 'resizeCost: spatialRank must be a non-negative integer, got -1'],
    ['embedding: negative vocab', () => embeddingCost({ vocab: -5, dim: 8 }), 'embeddingCost: vocab must be a non-negative integer, got -5'],
    ['normalization: unknown kind', () => normalizationCost({ kind: 'weight' as NormKind, elements: Poly.ONE }), 'normalizationCost: unknown kind "weight"'],
  ])('%s', (_d, call, message) => {
    expect(call).toThrow(new RangeError(message));
  });
});
