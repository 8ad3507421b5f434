/**
 * Issue 2 acceptance numbers, built from core's kernels. Every expected value is derived by hand in
 * the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { attentionCost, convCost, convOutputDim, gemmCost, matmulCost, poolCost, Poly, type Dim } from '../../src/index.js';

const n = (p: Poly): number => Number(p.constValue);

describe('AlexNet (input 1x3x227x227), conv + fc, all biased', () => {
  // Spatial sizes: conv1 11/s4: floor((227 - 11)/4) + 1 = 55; pool 3/s2: floor((55 - 3)/2) + 1 = 27;
  // conv2 5/p2: 27; pool: 13; conv3-5 3/p1: 13; pool: 6. fc1 input 256*6*6 = 9216.
  const s1 = convOutputDim(227, 11, 4) as number;
  const p1 = convOutputDim(s1, 3, 2) as number;
  const s2 = convOutputDim(p1, 5, 1, 2, 2) as number;
  const p2 = convOutputDim(s2, 3, 2) as number;
  const s3 = convOutputDim(p2, 3, 1, 1, 1) as number;
  const p3 = convOutputDim(s3, 3, 2) as number;
  const convs: [number, number, number, number][] = [
    // [cin, cout, k, out]
    [3, 96, 11, s1],
    [96, 256, 5, s2],
    [256, 384, 3, s3],
    [384, 384, 3, s3],
    [384, 256, 3, s3],
  ];
  const conv = convs.map(([cin, cout, k, out]) => convCost({ batch: 1, inChannels: cin, outChannels: cout, outSpatial: [out, out], kernel: [k, k], bias: true }));
  const fcs = [
    [9216, 4096],
    [4096, 4096],
    [4096, 1000],
  ].map(([i, o]) => gemmCost({ m: 1, k: i!, n: o!, bias: true }));

  it('has the spatial sizes of the reference write-up', () => {
    expect([s1, p1, s2, p2, s3, p3]).toEqual([55, 27, 27, 13, 13, 6]);
  });
  it('conv params: Cout*(Cin*K*K + 1)', () => {
    // 96*(3*121+1) = 34944; 256*(96*25+1) = 614656; 384*(256*9+1) = 885120; 384*(384*9+1) = 1327488; 256*(384*9+1) = 884992
    expect(conv.map((c) => n(c.params))).toEqual([34944, 614656, 885120, 1327488, 884992]);
  });
  it('fc params: O*(I+1)', () => {
    // 4096*9217 = 37752832; 4096*4097 = 16781312; 1000*4097 = 4097000
    expect(fcs.map((c) => n(c.params))).toEqual([37752832, 16781312, 4097000]);
  });
  it('total params 62378344', () => {
    expect([...conv, ...fcs].reduce((s, c) => s + n(c.params), 0)).toBe(62378344);
  });
  it('conv MACs use the pooled sizes: out^2 * Cout * Cin * K^2', () => {
    // 55^2*96*3*121 = 105415200; 27^2*256*96*25 = 447897600; 13^2*384*256*9 = 149520384;
    // 13^2*384*384*9 = 224280576; 13^2*256*384*9 = 149520384
    expect(conv.map((c) => n(c.macs))).toEqual([105415200, 447897600, 149520384, 224280576, 149520384]);
  });
  it('total MACs 1135256096 (convs 1076634144 + fcs 58621952)', () => {
    // fc MACs: 9216*4096 + 4096*4096 + 4096*1000 = 37748736 + 16777216 + 4096000 = 58621952
    expect([...conv, ...fcs].reduce((s, c) => s + n(c.macs), 0)).toBe(1135256096);
  });
});

describe('convolution and linear reference cases', () => {
  it('standard conv 96->256, k5, p2 on 27x27: 614656 params, 895795200 FLOPs (2*MAC)', () => {
    // MAC = 27*27*256*96*25 = 447897600; FLOPs = 2*MAC
    const c = convCost({ batch: 1, inChannels: 96, outChannels: 256, outSpatial: [27, 27], kernel: [5, 5], bias: true });
    expect([n(c.params), n(c.flops)]).toEqual([614656, 895795200]);
  });
  it('depthwise-separable replacement: 27328 params, 39331008 FLOPs', () => {
    // depthwise 5x5 g=96: params 96*25 + 96 = 2496, MAC 27*27*96*25 = 1749600
    // pointwise 96->256: params 256*96 + 256 = 24832, MAC 27*27*256*96 = 17915904
    // params 2496 + 24832 = 27328; FLOPs 2*(1749600 + 17915904) = 39331008
    const dw = convCost({ batch: 1, inChannels: 96, outChannels: 96, outSpatial: [27, 27], kernel: [5, 5], groups: 96, bias: true });
    const pw = convCost({ batch: 1, inChannels: 96, outChannels: 256, outSpatial: [27, 27], kernel: [1, 1], bias: true });
    expect([n(dw.params) + n(pw.params), n(dw.flops) + n(pw.flops)]).toEqual([27328, 39331008]);
  });
  it('conv 3->64, k3, s1, p1 on 224x224: 86704128 MACs, 173408256 FLOPs (not 0.55 GFLOPs)', () => {
    // out 224x224: 224*224*64*3*9 = 86704128
    const out = convOutputDim(224, 3, 1, 1, 1);
    const c = convCost({ batch: 1, inChannels: 3, outChannels: 64, outSpatial: [out, out], kernel: [3, 3], bias: true });
    expect([n(c.macs), n(c.flops)]).toEqual([86704128, 173408256]);
  });
  it('Linear 4096->1000: 4096000 MACs; exact 8191000 FLOPs without bias, 8192000 with', () => {
    // exact: each of 1000 outputs sums 4096 products: 4096 mul + 4095 add = 8191 (+1 with bias)
    const noBias = gemmCost({ m: 1, k: 4096, n: 1000, bias: false }, { convention: 'exact' });
    const withBias = gemmCost({ m: 1, k: 4096, n: 1000, bias: true }, { convention: 'exact' });
    expect([n(noBias.macs), n(noBias.flops), n(withBias.flops)]).toEqual([4096000, 8191000, 8192000]);
  });
  it('exact conv: bias-free output costs 2*Cin*K*K - 1, biased 2*Cin*K*K', () => {
    // one output of a 3x3 conv over 8 channels: 72 products -> 143 flops without bias, 144 with
    const free = convCost({ batch: 1, inChannels: 8, outChannels: 1, outSpatial: [1, 1], kernel: [3, 3], bias: false }, { convention: 'exact' });
    const biased = convCost({ batch: 1, inChannels: 8, outChannels: 1, outSpatial: [1, 1], kernel: [3, 3], bias: true }, { convention: 'exact' });
    expect([n(free.flops), n(biased.flops)]).toEqual([143, 144]);
  });
});

describe('symbolic costs', () => {
  const batch = Poly.sym('batch');
  const seq = Poly.sym('seq');
  it('matmul [batch, seq, 768] x [768, 3072] reports macs 2359296*batch*seq', () => {
    // 768 * 3072 = 2359296 products per (batch, seq) row
    const c = matmulCost({ a: [batch, seq, 768] as Dim[], b: [768, 3072] });
    expect(c.macs.toString()).toBe('2359296*batch*seq');
    expect(c.macs.evaluate({ batch: 2, seq: 128 })).toBe(603979776n);
  });
  it('attention over [1, 12, seq, 64] has a seq^2 term; seq=128 gives exact integers', () => {
    // QK^T: 12*seq*seq*64 = 768 seq^2; AV: same: 1536*seq^2 macs. At seq=128: 1536*16384 = 25165824
    const c = attentionCost({ batch: 1, heads: 12, seqQ: seq, seqK: seq, headDim: 64 });
    expect(c.macs.toString()).toBe('1536*seq^2');
    expect(c.macs.evaluate({ seq: 128 })).toBe(25165824n);
    // flops = 2*macs + 6 per score (scale + softmax 5): 3072 seq^2 + 72 seq^2 = 3144 seq^2
    expect(c.flops.toString()).toBe('3144*seq^2');
  });
  it('symbolic conv output dims flow into costs', () => {
    const h = Poly.sym('h');
    const out = convOutputDim(h, 3, 1, 1, 1);
    expect(String(out)).toBe('h');
    const c = convCost({ batch: 1, inChannels: 3, outChannels: 8, outSpatial: [out, out], kernel: [3, 3], bias: false });
    // 8*3*9 = 216 products per output pixel
    expect(c.macs.toString()).toBe('216*h^2');
  });
});

describe('pooling', () => {
  it('max pool 3/s2 on 55x55x96: 26 outputs^2 ... (k-1) compares each', () => {
    // out 27x27x96 = 69984 windows, 8 compares each = 559872
    const c = poolCost({ kind: 'max', batch: 1, channels: 96, outSpatial: [27, 27], kernel: [3, 3] });
    expect(n(c.flops)).toBe(559872);
  });
});
