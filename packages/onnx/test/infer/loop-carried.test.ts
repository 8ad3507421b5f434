/**
 * Issue 19 item 2: a Loop whose carried tensor grows by one Concat per iteration from an empty start
 * (torchvision's scripted keypoint decoding) ends `trips * step` long along the concat axis, and the
 * costs that follow the growing size are summed over the iterations exactly.
 */
import { countNumber, type Report } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { bytesSource, profileOnnx } from '../../src/index.js';
import { boolScalar, encodeModel, FLOAT, floats, int64s, INT64, nd, vi, BOOL } from './proto.js';

/**
 * x: [n, 3]. acc starts as a [0, 3] tensor; each of `trips` iterations appends row x[i] (Gather,
 * Unsqueeze, Concat along axis 0) and also runs Relu over acc, a cost that grows with it.
 * `trips`: a number, or 'min20' for min(20, n) computed from Shape(x) like torchvision's
 * detections-per-image cap.
 */
function growingLoop(trips: number | 'min20', step: 'row' | 'double' | 'scaled' = 'row'): Uint8Array {
  const row = [nd('Identity', ['c'], ['c_out']), nd('Gather', ['x', 'i'], ['row'], { axis: 0 }), nd('Unsqueeze', ['row', 'ax0'], ['row1']), nd('Relu', ['acc'], ['act'])];
  const body = {
    name: 'body',
    input: [vi('i', INT64, []), vi('c', BOOL, []), vi('acc', FLOAT, ['s', 3])],
    output: [vi('c_out', BOOL, []), vi('acc_out', FLOAT, ['t', 3])],
    // 'scaled': the row is multiplied by a weight of the body's own ([1, 3], 3 params) first.
    initializer: step === 'scaled' ? [floats('scale', [1, 3], [1, 2, 3])] : [],
    node:
      step === 'row'
        ? [...row, nd('Concat', ['acc', 'row1'], ['acc_out'], { axis: 0 })]
        : step === 'scaled'
          ? [...row, nd('Mul', ['row1', 'scale'], ['row2']), nd('Concat', ['acc', 'row2'], ['acc_out'], { axis: 0 })]
          : [nd('Identity', ['c'], ['c_out']), nd('Concat', ['acc', 'acc'], ['acc_out'], { axis: 0 })],
  };
  const tripNodes =
    trips === 'min20' ? [nd('Shape', ['x'], ['shape']), nd('Gather', ['shape', 'zero'], ['n']), nd('Min', ['n', 'twenty'], ['M'])] : [];
  return encodeModel({
    name: 'grow',
    node: [...tripNodes, nd('Loop', ['M', 'T', 'init'], ['out'], { body })],
    initializer: [
      ...(trips === 'min20' ? [int64s('zero', [0], []), int64s('twenty', [20], [])] : [int64s('M', [trips], [])]),
      boolScalar('T', true),
      // Doubling from one row (from none, doubling stays at none).
      step === 'double' ? floats('init', [1, 3], [0, 0, 0]) : floats('init', [0, 3], []),
      int64s('ax0', [0]),
    ],
    input: [vi('x', FLOAT, ['n', 3])],
    output: [vi('out', FLOAT, ['k', 3])],
  });
}

function node(r: Report, op: string): Report['nodes'][number] {
  const n = r.nodes.find((x) => x.op === op);
  if (!n) throw new Error(`no ${op} node`);
  return n;
}

describe('loop-carried concatenation', () => {
  it('a trip count of min(20, n): the result is min(20, n) rows, and growing costs are summed over the iterations', () => {
    const r = profileOnnx(bytesSource(growingLoop('min20')), { file: 'grow.onnx', dims: { n: 100 } });
    expect(r.outputs[0]!.shape).toEqual(['min(20, n)', 3]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'unbound-symbol')).toEqual([]);
    // With n = 100 the loop makes T = min(20, 100) = 20 trips; in trip j acc is [j, 3].
    // Concat reads acc (3j float32 = 12j bytes) and the row (12 bytes) and writes 12(j + 1) bytes:
    // sum over j = 0..19 of 12j + 12 = 12 * 190 + 240 = 2,520 bytes each way. It is listed once, at that summed cost.
    const concat = node(r, 'Concat');
    expect([concat.multiplicity ?? 1, concat.bytesRead, concat.bytesWritten]).toEqual([1, 2520, 2520]);
    // Relu over acc: 3j flops in trip j, 3 * 190 = 570 in all.
    expect([node(r, 'Relu').multiplicity ?? 1, node(r, 'Relu').flops]).toEqual([1, 570]);
    // Gather and Unsqueeze do the same in every trip: listed once, 20 times.
    expect(node(r, 'Unsqueeze').multiplicity).toBe(20);
    // Shapes inside the body show the last trip: acc_out is [T, 3] there, and acc, what it read,
    // [T - 1, 3] (never below 0: a loop of no trips shows no negative size).
    expect(concat.outputs[0]!.shape).toEqual(['min(20, n)', 3]);
    expect(node(r, 'Relu').outputs[0]!.shape).toEqual(['max(0, min(20, n) - 1)', 3]);
    // With n = 5: T = 5, Relu flops 3 * (0 + 1 + 2 + 3 + 4) = 30; Concat bytes 12 * 10 + 60 = 180.
    const r5 = profileOnnx(bytesSource(growingLoop('min20')), { file: 'grow.onnx', dims: { n: 5 } });
    expect([node(r5, 'Relu').flops, node(r5, 'Concat').bytesRead]).toEqual([30, 180]);
    // No symbol of the body's inference leaks into the report.
    expect(r.symbolic?.flops).not.toMatch(/unk__/);
    expect(Object.keys(r.dims)).toEqual(['n']);
  });

  it("the body's weights are counted once, though the body was inferred twice (a trial, then the induction)", () => {
    const plain = profileOnnx(bytesSource(growingLoop('min20')), { file: 'grow.onnx', dims: { n: 100 } });
    const scaled = profileOnnx(bytesSource(growingLoop('min20', 'scaled')), { file: 'grow.onnx', dims: { n: 100 } });
    expect(scaled.outputs[0]!.shape).toEqual(['min(20, n)', 3]);
    expect(countNumber(scaled.totals.params) - countNumber(plain.totals.params)).toBe(3);
    expect(scaled.nodes.find((n) => n.op === 'Mul')!.params).toBe(3);
  });

  it('a known trip count beyond stepping (100): 100 rows, Relu flops 3 * (0 + ... + 99)', () => {
    const r = profileOnnx(bytesSource(growingLoop(100)), { file: 'grow.onnx', dims: { n: 100 } });
    expect(r.outputs[0]!.shape).toEqual([100, 3]);
    // 3 * 99 * 100 / 2 = 14,850.
    expect(node(r, 'Relu').flops).toBe(14_850);
    expect(node(r, 'Unsqueeze').multiplicity).toBe(100);
  });

  it('a short known trip count is stepped through exactly: 3 trips, three Concats of their own size', () => {
    const r = profileOnnx(bytesSource(growingLoop(3)), { file: 'grow.onnx', dims: { n: 8 } });
    expect(r.outputs[0]!.shape).toEqual([3, 3]);
    // Trips 0, 1, 2 write acc_out of 1, 2 and 3 rows: 12, 24 and 36 bytes.
    expect(r.nodes.filter((n) => n.op === 'Concat').map((n) => [n.name, n.bytesWritten])).toEqual([
      ['out/body/acc_out', 12],
      ['out/body[1]/acc_out', 24],
      ['out/body[2]/acc_out', 36],
    ]);
  });

  it('a size that doubles every trip is not a fixed step: unknown after the loop, said in a warning', () => {
    const r = profileOnnx(bytesSource(growingLoop('min20', 'double')), { file: 'grow.onnx', dims: { n: 100 } });
    expect(String(node(r, 'Loop').outputs[0]!.shape![0])).toMatch(/^unk__\d+$/);
    expect(r.diagnostics.map((d) => d.code)).toContain('loop-carried-size');
  });
});
