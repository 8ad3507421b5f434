/**
 * Per-family rule tests through the engine: one node per case, a concrete or symbolic shape, and the
 * hand-derived cost (derivation beside each row). Error wording is checked for one case per family.
 */
import type { Weight } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { inferModel } from '../../src/infer/engine.js';
import type { Attr, TypeInfo } from '../../src/infer/model.js';
import { defaultRules } from '../../src/ops/index.js';
import { a, graph, model, node, tt, weight } from '../infer/build.js';

interface Case {
  name: string;
  op: string;
  domain?: string;
  inputs: { name: string; type: TypeInfo }[];
  weights?: Weight[];
  inputNames: string[];
  outputs?: number;
  attrs?: Record<string, Attr>;
  opset?: number;
  dims?: Record<string, number>;
  /** Expected [output 0 shape, macs, flops, params]. */
  want: [string, string, string, string];
}

function run(c: Case) {
  const outs = Array.from({ length: c.outputs ?? 1 }, (_, i) => `y${i}`);
  const g = graph({ inputs: c.inputs, initializers: c.weights ?? [], outputs: outs.map((n) => ({ name: n, type: undefined })), nodes: [node(c.op, c.inputNames, outs, c.attrs ?? {}, c.domain ?? '')] });
  const m = model(g, c.opset ?? 17, c.domain ? { opsets: new Map([['', c.opset ?? 17], [c.domain, 1]]) } : {});
  return inferModel(m, defaultRules);
}

const f32 = (shape: (number | string)[]) => tt('float32', shape);

const CASES: Case[] = [
  {
    // onnxruntime's FusedConv = Relu(Conv(x) + z): the Conv case below (55296 macs, 110592 flops) plus one
    // add and one comparison per output (16*16*8 = 2048 each): 114688 flops.
    name: 'FusedConv Relu + Z', op: 'FusedConv', domain: 'com.microsoft',
    inputs: [{ name: 'x', type: f32([1, 3, 16, 16]) }, { name: 'z', type: f32([1, 8, 16, 16]) }], weights: [weight('w', [8, 3, 3, 3]), weight('b', [8])],
    inputNames: ['x', 'w', 'b', 'z'], attrs: { pads: a.is([1, 1, 1, 1]), activation: a.s('Relu') }, want: ['[1, 8, 16, 16]', '55296', '114688', '224'],
  },
  {
    // onnxruntime's fusion of the attention score MatMul with its head Transposes: q stored [S, B, H, D]
    // with transBatchA reads as [B, H, S, D]; k stored [S, B, H, D] with transBatchB and transB reads as
    // [B, H, D, S]. Scores [B, H, S, S]: B*H*S*S*D = 2*4*16*16*8 = 16384 macs; flops 2*16384 + the
    // alpha scale on 2*4*16*16 = 2048 outputs = 34816.
    name: 'FusedMatMul transBatch', op: 'FusedMatMul', domain: 'com.microsoft',
    inputs: [{ name: 'q', type: f32([16, 2, 4, 8]) }, { name: 'k', type: f32([16, 2, 4, 8]) }], inputNames: ['q', 'k'],
    attrs: { transBatchA: a.i(1), transBatchB: a.i(1), transB: a.i(1), alpha: a.f(0.125) },
    want: ['[2, 4, 16, 16]', '16384', '34816', '0'],
  },
  {
    // Without transBatch: [B, H, S, D] x transB([B, H, S, D]) = the same scores, same cost.
    name: 'FusedMatMul transB', op: 'FusedMatMul', domain: 'com.microsoft',
    inputs: [{ name: 'q', type: f32([2, 4, 16, 8]) }, { name: 'k', type: f32([2, 4, 16, 8]) }], inputNames: ['q', 'k'],
    attrs: { transB: a.i(1), alpha: a.f(0.125) },
    want: ['[2, 4, 16, 16]', '16384', '34816', '0'],
  },
  {
    // Conv 3->8, k3, p1 on 1x3x16x16, bias: 16*16*8 outputs x 27 products = 55296 macs; params 8*27 + 8 = 224
    name: 'Conv', op: 'Conv', inputs: [{ name: 'x', type: f32([1, 3, 16, 16]) }], weights: [weight('w', [8, 3, 3, 3]), weight('b', [8])],
    inputNames: ['x', 'w', 'b'], attrs: { pads: a.is([1, 1, 1, 1]) }, want: ['[1, 8, 16, 16]', '55296', '110592', '224'],
  },
  {
    // Depthwise 3x3 s2 on [batch, 4, 9, 9], group 4: out floor((9+2-3)/2)+1 = 5; 4*25 outputs * 9 = 900*batch
    name: 'Conv depthwise, symbolic batch', op: 'Conv', inputs: [{ name: 'x', type: f32(['batch', 4, 9, 9]) }], weights: [weight('w', [4, 1, 3, 3])],
    inputNames: ['x', 'w'], attrs: { pads: a.is([1, 1, 1, 1]), strides: a.is([2, 2]), group: a.i(4) }, want: ['[batch, 4, 5, 5]', '900*batch', '1800*batch', '36'],
  },
  {
    // MatMul [batch, seq, 16] x [16, 32]: 512 products per row
    name: 'MatMul symbolic', op: 'MatMul', inputs: [{ name: 'x', type: f32(['batch', 'seq', 16]) }], weights: [weight('w', [16, 32])],
    inputNames: ['x', 'w'], want: ['[batch, seq, 32]', '512*batch*seq', '1024*batch*seq', '512'],
  },
  {
    // Gemm transB: [2, 8] x [4, 8]^T + [4]: 2*4 outputs * 8 = 64 macs; params 32 + 4
    name: 'Gemm', op: 'Gemm', inputs: [{ name: 'x', type: f32([2, 8]) }], weights: [weight('w', [4, 8]), weight('b', [4])],
    inputNames: ['x', 'w', 'b'], attrs: { transB: a.i(1) }, want: ['[2, 4]', '64', '128', '36'],
  },
  {
    // Softmax over [2, 10]: 5 flops per element = 100
    name: 'Softmax', op: 'Softmax', inputs: [{ name: 'x', type: f32([2, 10]) }], inputNames: ['x'], opset: 13, want: ['[2, 10]', '0', '100', '0'],
  },
  {
    // MaxPool 2x2 s2 on [1, 3, 8, 8]: 3*4*4 = 48 windows x 3 compares
    name: 'MaxPool', op: 'MaxPool', inputs: [{ name: 'x', type: f32([1, 3, 8, 8]) }], inputNames: ['x'], attrs: { kernel_shape: a.is([2, 2]), strides: a.is([2, 2]) },
    want: ['[1, 3, 4, 4]', '0', '144', '0'],
  },
  {
    // ReduceMean over axis 1 of [4, 6] keepdims: 24 elements read, 4 outputs: 24 flops (20 adds + 4 divisions)
    name: 'ReduceMean', op: 'ReduceMean', inputs: [{ name: 'x', type: f32([4, 6]) }], inputNames: ['x'], attrs: { axes: a.is([1]) }, opset: 13,
    want: ['[4, 1]', '0', '24', '0'],
  },
  {
    // LSTM seq 5, batch 2, input 3, hidden 4, forward, with bias (W [1,16,3], R [1,16,4], B [1,32]):
    // macs = 5*2 * 4*4*(3+4) = 1120; params = 48 + 64 + 32 = 144 (ONNX's two bias vectors)
    name: 'LSTM', op: 'LSTM', inputs: [{ name: 'x', type: f32([5, 2, 3]) }], weights: [weight('W', [1, 16, 3]), weight('R', [1, 16, 4]), weight('B', [1, 32])],
    inputNames: ['x', 'W', 'R', 'B'], attrs: { hidden_size: a.i(4) }, outputs: 3,
    // flops = 2*macs + per step (10 steps) per hidden unit (4): 18 cell flops + 4 gates*2 bias adds = 26 -> 1040; 2240 + 1040 = 3280
    want: ['[5, 1, 2, 4]', '1120', '3280', '144'],
  },
  {
    // Resize nearest x2 on [1, 1, 4, 4] (opset 13, scales input): copies only
    name: 'Resize', op: 'Resize', inputs: [{ name: 'x', type: f32([1, 1, 4, 4]) }],
    weights: [{ name: 'scales', dtype: 'float32', dims: [4], byteLength: 16, location: { kind: 'none' }, values: [1, 1, 2, 2] }],
    inputNames: ['x', '', 'scales'], opset: 13, want: ['[1, 1, 8, 8]', '0', '0', '0'],
  },
  {
    // com.microsoft FastGelu with bias on [2, 8]: GeluTanh 9 + bias add 1 = 10 per element
    name: 'FastGelu', op: 'FastGelu', domain: 'com.microsoft', inputs: [{ name: 'x', type: f32([2, 8]) }], weights: [weight('b', [8])],
    inputNames: ['x', 'b'], want: ['[2, 8]', '0', '160', '8'],
  },
];

describe('rules through the engine', () => {
  it.each(CASES)('$name', (c) => {
    const r = run(c);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const n = r.nodes[0]!;
    const out = n.outputs[0]!.value;
    const shape = out && out.kind === 'tensor' && out.shape ? `[${out.shape.map((d) => (typeof d === 'number' ? d : d.key)).join(', ')}]` : '?';
    expect([shape, n.cost!.macs.toString(), n.cost!.flops.toString(), n.params.toString()]).toEqual(c.want);
  });

  it.each([
    ['Conv channel mismatch', 'Conv', [1, 4, 8, 8], [2, 3, 3, 3], '(op Conv, node y0) input channels 4 != weight channels 3 x group 1'],
    ['Gemm rank', 'Gemm', [2, 3, 4], [4, 5], '(op Gemm, node y0) input 0: expected rank 2, got rank 3'],
  ] as const)('%s is a diagnostic naming op and node', (_n, op, xs, ws, message) => {
    const r = run({ name: op, op, inputs: [{ name: 'x', type: f32([...xs]) }], weights: [weight('w', [...ws])], inputNames: ['x', 'w'], want: ['', '', '', ''] });
    expect(r.diagnostics).toContainEqual({ severity: 'error', code: 'shape-error', node: 'y0', message });
    expect(r.nodes[0]!.status).toBe('error');
  });

  it('Range with 1-element tensors instead of scalars still counts, with a warning (onnxruntime refuses it)', () => {
    // start [1], limit scalar, delta [1]: the spec and onnxruntime want rank-0 tensors.
    const i64 = (shape: number[]) => tt('int64', shape);
    const r = run({ name: 'Range', op: 'Range', inputs: [{ name: 's', type: i64([1]) }, { name: 'l', type: i64([]) }, { name: 'd', type: i64([1]) }], inputNames: ['s', 'l', 'd'], want: ['', '', '', ''] });
    expect(r.diagnostics).toContainEqual({ severity: 'warning', code: 'range-non-scalar', node: 'y0', message: 'Range inputs must be scalars (rank 0); inputs 0, 2 have rank 1, 1. onnxruntime refuses this model' });
    const ok = run({ name: 'Range', op: 'Range', inputs: [{ name: 's', type: i64([]) }, { name: 'l', type: i64([]) }, { name: 'd', type: i64([]) }], inputNames: ['s', 'l', 'd'], want: ['', '', '', ''] });
    expect(ok.diagnostics.filter((d) => d.code === 'range-non-scalar')).toEqual([]);
  });
});
