/**
 * What is known of signs (Poly.bounds, SizeFacts) and the defaults that keep sizes possible
 * (chooseDefaults, resolveDims through buildReport): issue 19 items 1 and 4.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, chooseDefaults, DimValueError, ImpossibleSizeError, Poly, SizeFacts, tensorBytes, type AnalyzedNode, type ReportInput, type SizeConstraint } from '../src/index.js';

const t = Poly.sym('t');
const n = Poly.sym('n');
const samples = Poly.sym('samples');

describe('Poly.bounds and compare', () => {
  it('interval arithmetic narrows through min, floor and mod', () => {
    // 512 - min(t, 512): min(t, 512) is in [0, 512], so the difference is in [0, 512].
    expect(Poly.const(512).sub(t.min(512)).bounds()).toEqual({ lo: 0n, hi: 512n });
    expect(Poly.const(512).sub(t.min(512)).compare(0)).toBe('ge');
    // floor(n/2) - n - 1 < 0 for every n >= 0: floor(n/2) <= n.
    expect(n.floorDiv(2).sub(n).sub(1).compare(0)).toBe(undefined); // the interval [-inf, ...] cannot see floor(n/2) <= n
    // mod(n, 8) in [0, 7]: 7 - mod(n, 8) >= 0.
    expect(Poly.const(7).sub(n.mod(8)).compare(0)).toBe('ge');
    // min(t, 2t - 1) is not decided for t >= 0 (t = 0 gives -1)...
    expect(t.min(t.mul(2).sub(1)).toString()).toBe('min(2*t - 1, t)');
    // ... but t - 1 >= 0 is, when sizes are >= 1.
    expect(t.sub(1).compare(0, () => ({ lo: 1n }))).toBe('ge');
    expect(t.sub(1).compare(0)).toBe(undefined);
  });
  it('an upper bound on a symbol decides 1023 - (511 + t) when t <= 512', () => {
    const range = (s: string) => (s === 't' ? { lo: 0n, hi: 512n } : { lo: 0n });
    expect(Poly.const(1023).sub(t.add(511)).compare(0, range)).toBe('ge');
    expect(Poly.const(1023).sub(t.add(511)).compare(0)).toBe(undefined);
  });
});

describe('SizeFacts', () => {
  it('decides from sizes >= 0 without recording anything', () => {
    const f = new SizeFacts();
    expect(f.nonNegative(t.add(1), 'x')).toBe(true);
    expect(f.nonNegative(t.neg().sub(1), 'x')).toBe(false);
    expect(f.conditions).toEqual([]);
  });
  it('takes the branch the --dim values give, and records it', () => {
    const f = new SizeFacts({ t: 100 });
    expect(f.nonNegative(Poly.const(512).sub(t), 'start >= 0')).toBe(true);
    expect(f.conditions.map((c) => [c.poly.toString(), c.what])).toEqual([['-t + 512', 'start >= 0 (taken at the given values)']]);
    const g = new SizeFacts({ t: 600 });
    expect(g.nonNegative(Poly.const(512).sub(t), 'start >= 0')).toBe(false);
    // 512 - t < 0, recorded as t - 512 - 1 >= 0.
    expect(g.conditions.map((c) => c.poly.toString())).toEqual(['t - 513']);
  });
  it('uses sizes >= 1 last, recording it; a one-symbol assumption narrows later decisions', () => {
    const f = new SizeFacts();
    expect(f.nonNegative(t.mul(2).sub(1), 'length >= 0')).toBe(true);
    expect(f.conditions.map((c) => c.what)).toEqual(['length >= 0 (sizes >= 1)']);
    expect(f.nonNegative(Poly.const(512).sub(t), 'start >= 0')).toBe(undefined);
    f.assume(Poly.const(512).sub(t), 'start >= 0 (assumed)');
    // t <= 512 now: 1023 - (511 + t) >= 0 needs no new assumption.
    const before = f.conditions.length;
    expect(f.nonNegative(Poly.const(1023).sub(t.add(511)), 'end <= size')).toBe(true);
    expect(f.conditions.length).toBe(before);
    expect(f.range()('t')).toEqual({ lo: 1n, hi: 512n });
  });
});

describe('chooseDefaults', () => {
  // wav2vec2's first conv (kernel 10, stride 5) and the next four (kernel 3, stride 2):
  // frames_k = floor((frames_{k-1} - 3)/2) + 1 after floor((samples - 10)/5) + 1.
  const conv0 = samples.sub(10).floorDiv(5).add(1);
  const stack = [conv0];
  for (let i = 0; i < 4; i++) stack.push(stack[stack.length - 1]!.sub(3).floorDiv(2).add(1));
  const sizes: SizeConstraint[] = stack.map((p, i) => ({ poly: p, min: 1n, what: `conv${i} frames` }));

  it('1 where it fits', () => {
    const r = chooseDefaults([{ poly: t.mul(4), min: 1n, what: 'x' }], {});
    expect(r).toEqual({ ok: true, values: new Map([['t', 1n]]) });
  });
  it('the smallest value that keeps every size >= 1', () => {
    const r = chooseDefaults(sizes, {});
    // conv4 >= 1 needs conv3 >= 3, conv2 >= 7, conv1 >= 15, conv0 >= 31: floor((s - 10)/5) + 1 >= 31,
    // s - 10 >= 150, s >= 160. At 159: conv0 = 30, conv1 = 14, conv2 = 6, conv3 = 2, conv4 = 0.
    expect(r.ok && r.values.get('samples')).toBe(160n);
    expect(stack[4]!.evaluate({ samples: 160 })).toBe(1n);
    expect(stack[4]!.evaluate({ samples: 159 })).toBe(0n);
  });
  it('fails, naming the constraint, when raising cannot help (an upper bound)', () => {
    const r = chooseDefaults([...sizes, { poly: Poly.const(100).sub(samples), min: 0n, what: 'samples <= 100' }], {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.constraint.what).toBe('samples <= 100');
  });
  it('fails with no free symbol when the bound values break a size', () => {
    const r = chooseDefaults(sizes, { samples: 100 });
    expect(r.ok).toBe(false);
    // At 100 samples: conv0 19 frames, conv1 9, conv2 4, conv3 1, conv4 0.
    if (!r.ok) expect([r.symbols, r.constraint.what, r.value]).toEqual([[], 'conv4 frames', 0n]);
  });
});

describe('buildReport: sizes stay possible, counts never negative', () => {
  // One Conv1d(1 -> 8, kernel 10, stride 5) over samples: out = floor((samples - 10)/5) + 1 frames,
  // macs = 8 * 10 * frames.
  const frames = samples.sub(10).floorDiv(5).add(1);
  const node: AnalyzedNode = {
    name: 'conv',
    op: 'Conv',
    domain: 'ai.onnx',
    inputs: ['wav'],
    outputs: [{ name: 'y', dtype: 'float32', shape: [1, 8, frames], bytes: tensorBytes([1, 8, frames], 'float32') }],
    cost: { macs: frames.mul(80), flops: frames.mul(160), params: Poly.const(80), bytesRead: Poly.ZERO, bytesWritten: Poly.ZERO },
  };
  const input = (dims: Record<string, number> = {}, extra: Partial<ReportInput> = {}): ReportInput => ({
    tool: { name: 'modelcost', version: '0.0.0' },
    model: { path: 'm.onnx', format: 'onnx', producer: 'test', opsets: {} },
    convention: 'macs+flops',
    dims,
    inputs: [{ name: 'wav', dtype: 'float32', shape: [1, 1, samples], bytes: tensorBytes([1, 1, samples], 'float32') }],
    outputs: [],
    nodes: [node],
    weights: [],
    diagnostics: [],
    ...extra,
  });

  it('raises an unbound symbol to the smallest valid value and says why', () => {
    const r = buildReport(input());
    // frames >= 1 needs samples >= 10: 1 frame, 80 macs (not floor(-9/5) + 1 = -1 frame, -80 macs).
    expect(r.dims).toEqual({ samples: 10 });
    expect([r.totals.macs, r.totals.flops]).toEqual([80, 160]);
    expect(r.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'default-raised',
        message:
          'symbolic dim samples has no value and 1 makes node conv output y axis 2 (floor(samples/5) - 1) impossible: counted as 10, the smallest value that keeps every size positive. Bind it with --dim samples=N',
      },
    ]);
  });
  it('refuses a --dim value that makes a size impossible, naming the smallest valid one', () => {
    expect(() => buildReport(input({ samples: 4 }))).toThrow(DimValueError);
    expect(() => buildReport(input({ samples: 4 }))).toThrow(
      // floor((s - 10)/5) + 1 prints in canonical form, floor(s/5) - 1.
      '--dim samples=4 makes a size impossible: node conv output y axis 2 = floor(samples/5) - 1 = -1 (at least 1 needed); the smallest valid value is samples=10',
    );
  });
  it("checks the importer's conditions with the user's values", () => {
    const cond: SizeConstraint = { poly: Poly.const(512).sub(samples), min: 0n, what: 'node s: start 512 - samples >= 0' };
    expect(buildReport(input({ samples: 512 }, { conditions: [cond] })).totals.macs).toBe(80 * 101);
    expect(() => buildReport(input({ samples: 600 }, { conditions: [cond] }))).toThrow('--dim samples=600 makes a count impossible: node s: start 512 - samples >= 0 = -samples + 512 = -88 (at least 0 needed); valid values are samples=10 to 512');
  });
  it('refuses a model no default can make whole, as an import error naming the symbol', () => {
    // frames >= 1 needs samples >= 10; a recorded condition says samples <= 5.
    const cond: SizeConstraint = { poly: Poly.const(5).sub(samples), min: 0n, what: 'node s: start 5 - samples >= 0' };
    expect(() => buildReport(input({}, { conditions: [cond] }))).toThrow(ImpossibleSizeError);
    expect(() => buildReport(input({}, { conditions: [cond] }))).toThrow(
      "m.onnx: no value of samples up to 2^40 makes a count possible: node s: start 5 - samples >= 0 = -samples + 5 = -5 (at least 0 needed); the model's sizes contradict each other, its totals are refused",
    );
  });
  it('reports constantElements beside params when the importer counts them', () => {
    const r = buildReport(input({ samples: 10 }, { constantElements: Poly.const(70) }));
    expect([r.totals.params, r.totals.constantElements]).toEqual([80, 70]);
    expect(buildReport(input({ samples: 10 })).totals.constantElements).toBeUndefined();
  });
});
