/**
 * Table-driven tests per kernel: a concrete case, a symbolic case and an invalid case, each with its
 * derivation.
 */
import { describe, expect, it } from 'vitest';
import {
  convOutputDim, convTransposeCost, dequantizeCost, einsumCost, elementwiseCost, embeddingCost, globalPoolCost, matmulCost, normalizationCost,
  Poly, quantizeCost, reduceCost, resizeCost, rnnCost, samePadding, softmaxCost, UnknownElementwiseOpError, type OpCost,
} from '../../src/index.js';

const s = Poly.sym('s');
const b = Poly.sym('b');
const txt = (c: OpCost) => [c.macs.toString(), c.flops.toString(), c.params.toString()];

describe('convOutputDim / samePadding', () => {
  it.each([
    // [in, k, stride, padB, padE, dilation, ceil, out, derivation]
    [224, 7, 2, 3, 3, 1, false, 112, 'floor((224+6-7)/2)+1 = 112'],
    [112, 3, 2, 1, 1, 1, false, 56, 'floor((112+2-3)/2)+1 = 56'],
    [32, 3, 1, 2, 2, 2, false, 32, 'dilated k=3,d=2 spans 5: floor((32+4-5)/1)+1 = 32'],
    [5, 2, 2, 0, 0, 1, true, 3, 'ceil((5-2)/2)+1 = 3; last window starts at 4 < 5'],
    [4, 2, 2, 1, 1, 1, true, 3, 'ceil((4+2-2)/2)+1 = 3; last window starts at 4 < 4+1'],
  ])('in %i k %i s %i -> %i', (i, k, st, pb, pe, d, ceil, out) => {
    expect(convOutputDim(i, k, st, pb, pe, d, ceil)).toBe(out);
  });
  it('symbolic stride 2 keeps an exact floor atom', () => {
    // floor((s + 2 - 3)/2) + 1 = floor((s + 1)/2)
    expect(String(convOutputDim(s, 3, 2, 1, 1))).toBe('floor((s + 1)/2)');
  });
  it('the number path (concrete sizes) agrees with the poly path, and ceil mode with the ONNX rule', () => {
    // Reference, written out on integers: span = in + pads - ((k - 1) * d + 1); floor mode
    // floor(span / st) + 1, where the poly path evaluated at s = in must agree; ceil mode
    // ceil(span / st) + 1, minus one when the last window starts at or after in + padBegin (a symbolic
    // in cannot decide that, so ceil mode is checked against the rule only).
    for (const ceil of [false, true])
      for (let inDim = 1; inDim <= 12; inDim++)
        for (let k = 1; k <= 4; k++)
          for (let st = 1; st <= 3; st++)
            for (const [pb, pe] of [[0, 0], [1, 1], [0, 2], [2, 1]] as const)
              for (const d of [1, 2]) {
                const span = inDim + pb + pe - ((k - 1) * d + 1);
                let want = ceil ? Math.ceil(span / st) + 1 : Math.floor(span / st) + 1;
                if (ceil && (want - 1) * st >= inDim + pb) want--;
                const label = `in ${inDim} k ${k} s ${st} pads ${pb},${pe} d ${d} ceil ${ceil}`;
                expect(convOutputDim(inDim, k, st, pb, pe, d, ceil), label).toBe(want);
                if (!ceil) expect(Poly.const(0).add(convOutputDim(s, k, st, pb, pe, d, ceil)).evaluate({ s: inDim }), label).toBe(BigInt(want));
              }
  });
  it('rejects a non-positive stride', () => {
    expect(() => convOutputDim(10, 3, 0)).toThrow('stride must be positive, got 0');
  });
  it('same padding splits odd totals toward the end (SAME_UPPER) or the beginning (SAME_LOWER)', () => {
    // in 7, k 4, s 1: out 7, total pad = 6 + 4 - 7 = 3
    expect(samePadding(7, 4, 1)).toEqual([1, 2]);
    expect(samePadding(7, 4, 1, 1, false)).toEqual([2, 1]);
  });
});

describe('convTransposeCost', () => {
  it('scatters Cout/g*K^2 products per input element', () => {
    // in 1x16x8x8, out 8 channels, k 4: 16*64 inputs * 8*16 products = 131072 macs; params 16*8*16 + 8 = 2056
    const c = convTransposeCost({ batch: 1, inChannels: 16, outChannels: 8, inSpatial: [8, 8], outSpatial: [16, 16], kernel: [4, 4], bias: true });
    expect([Number(c.macs.constValue), Number(c.params.constValue)]).toEqual([131072, 2056]);
    // flops = 2*macs + bias adds over 8*16*16 = 2048 outputs = 264192
    expect(Number(c.flops.constValue)).toBe(264192);
  });
  it('symbolic batch', () => {
    const c = convTransposeCost({ batch: b, inChannels: 2, outChannels: 2, inSpatial: [3], outSpatial: [5], kernel: [3], bias: false });
    // 2*3 inputs * 2*3 products = 36 per batch item
    expect(c.macs.toString()).toBe('36*b');
  });
});

describe('matmulCost / einsumCost', () => {
  it.each([
    ['vector . vector', [4], [4], '4'],
    ['matrix x vector', [3, 4], [4], '12'],
    ['broadcast batch', [2, 1, 3, 4], [5, 4, 6], '720'], // batch 2x5, 3*4*6 = 72 -> 720
  ])('%s', (_d, a, bb, macs) => {
    expect(matmulCost({ a: a as number[], b: bb as number[] }).macs.toString()).toBe(macs);
  });
  it('rejects rank-0 operands', () => {
    expect(() => matmulCost({ a: [], b: [3] })).toThrow('matmul operands must have rank >= 1');
  });
  it('einsum bij,bjk->bik is a batched matmul', () => {
    // b*i*j*k = 2*3*4*5 = 120
    expect(einsumCost('bij,bjk->bik', [[2, 3, 4], [2, 4, 5]]).macs.toString()).toBe('120');
    expect(einsumCost('bij,bjk->bik', [[b, s, 4], [b, 4, 5]]).macs.toString()).toBe('20*b*s');
  });
  it('single-operand einsum (trace) has no products, only additions', () => {
    // ii-> over 5x5: 5 diagonal... counted as all 5 index combinations summed into 1 output: 4 additions
    expect(txt(einsumCost('ii->', [[5, 5]]))).toEqual(['0', '4', '0']);
  });
});

describe('elementwiseCost', () => {
  it.each([
    ['Relu', 1],
    ['Sigmoid', 4],
    ['Gelu', 5],
    ['HardSwish', 5],
  ])('%s costs %i per element', (op, per) => {
    expect(elementwiseCost(op, Poly.const(10)).flops.toString()).toBe(String(10 * per));
  });
  it('symbolic elements', () => {
    expect(elementwiseCost('Add', s.mul(768)).flops.toString()).toBe('768*s');
  });
  it('an unknown op is an error, never 0', () => {
    expect(() => elementwiseCost('Frobnicate', Poly.const(1))).toThrow(UnknownElementwiseOpError);
  });
});

describe('normalization, softmax, reduce, resize', () => {
  it('batch norm folds to 2 flops per element; params 4*C', () => {
    expect(txt(normalizationCost({ kind: 'batch', elements: Poly.const(1000), channels: 10 }))).toEqual(['0', '2000', '40']);
  });
  it('layer norm over [s, 768]: 8 per element + 4 per row; gamma and beta', () => {
    const c = normalizationCost({ kind: 'layer', elements: s.mul(768), groups: s, normalizedSize: 768 });
    // 8*768 s + 4 s = 6148 s; params 2*768 = 1536
    expect(txt(c)).toEqual(['0', '6148*s', '1536']);
  });
  it('softmax 5 per element', () => {
    expect(softmaxCost({ elements: s.mul(s).mul(12) }).flops.toString()).toBe('60*s^2');
  });
  it.each([
    ['ReduceSum', '90'], // 100 inputs into 10 outputs: 9 adds each
    ['ReduceMean', '100'], // + 1 division per output
    ['ReduceL2', '200'], // square + add per element, sqrt per output: 2*100 - 10 + 10
  ])('%s over 100 -> 10', (op, flops) => {
    expect(reduceCost({ op, inElements: Poly.const(100), outElements: Poly.const(10) }).flops.toString()).toBe(flops);
  });
  it('an unknown reduction is an error', () => {
    expect(() => reduceCost({ op: 'ReduceMedian', inElements: Poly.ONE, outElements: Poly.ONE })).toThrow('no reduction cost rule for ReduceMedian');
  });
  it('resize: nearest copies, bilinear weighs 4 neighbours (7 flops)', () => {
    expect(resizeCost({ mode: 'nearest', outElements: Poly.const(10), spatialRank: 2 }).flops.toString()).toBe('0');
    expect(resizeCost({ mode: 'linear', outElements: Poly.const(10), spatialRank: 2 }).flops.toString()).toBe('70');
  });
});

describe('embedding, global pooling, rnn, quantization', () => {
  it('embedding params = vocab * dim', () => {
    expect(embeddingCost({ vocab: 30522, dim: 768 }).params.toString()).toBe('23440896');
  });
  it('global average pool: k per (n, c)', () => {
    // 7*7 = 49 per channel (48 adds + 1 div), 2048 channels
    expect(globalPoolCost({ kind: 'avg', batch: 1, channels: 2048, inSpatial: [7, 7] }).flops.toString()).toBe('100352');
  });
  it('LSTM params: Keras 4*(I*H + H*H + H), ONNX 4*(I*H + H*H + 2H)', () => {
    // I=32, H=64: Keras 4*(2048 + 4096 + 64) = 24832; ONNX 4*(2048 + 4096 + 128) = 25088
    expect(rnnCost({ cell: 'lstm', seqLen: 10, batch: 1, inputSize: 32, hiddenSize: 64 }).params.toString()).toBe('24832');
    expect(rnnCost({ cell: 'lstm', seqLen: 10, batch: 1, inputSize: 32, hiddenSize: 64, biasVectors: 2 }).params.toString()).toBe('25088');
  });
  it('LSTM macs per step: 4H(I+H); symbolic sequence length', () => {
    // 4*64*(32+64) = 24576 per step
    expect(rnnCost({ cell: 'lstm', seqLen: s, batch: 1, inputSize: 32, hiddenSize: 64 }).macs.toString()).toBe('24576*s');
  });
  it('GRU reset_after (Keras default) has two bias vectors: 3*(I*H + H*H + 2H)', () => {
    // I=16, H=32: 3*(512 + 1024 + 64) = 4800
    expect(rnnCost({ cell: 'gru', seqLen: 5, batch: 1, inputSize: 16, hiddenSize: 32, biasVectors: 2 }).params.toString()).toBe('4800');
  });
  it('quantize 5, dequantize 2 per element', () => {
    expect([quantizeCost(Poly.const(8)).flops.toString(), dequantizeCost(Poly.const(8)).flops.toString()]).toEqual(['40', '16']);
  });
});
