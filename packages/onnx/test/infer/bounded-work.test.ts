/**
 * Issue 16: small files that explode. Each hostile case is built at test time (./hostile-models.ts,
 * a few hundred bytes each; tools/bench/onnx/hostile.ts runs the same files through the CLI) and run
 * through the whole profile path; each must finish with the right symbolic
 * multiplicities, or with a WorkLimitError naming the limit, or with a clear error. Work is asserted
 * through the budget's own counters (nodes inferred), never through timings.
 */
import { countNumber, WorkBudget, WorkLimitError, type Report } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { analyzeOnnx, bytesSource, OnnxImportError, profileOnnx } from '../../src/index.js';
import { distinctFanOut, fanOut, loopBomb, manyDims, mutualRecursive, selfRecursive } from './hostile-models.js';
import { encodeModel, FLOAT, fn, INT64, int64s, nd, vi } from './proto.js';

/** Sum of a node op's MACs times multiplicity, and the sum of its multiplicities. */
function runs(r: Report, op: string): { runs: number; macs: number } {
  let n = 0;
  let macs = 0;
  for (const x of r.nodes)
    if (x.op === op) {
      n += countNumber(x.multiplicity ?? 1);
      macs += countNumber(x.macs) * countNumber(x.multiplicity ?? 1);
    }
  return { runs: n, macs };
}

describe('bounded work: small files that explode', () => {
  it('four nested Loops of 64 trips around a 1x1 MatMul: 64^4 MatMul runs, counted from one inference per body', () => {
    const bytes = loopBomb(4, 64);
    expect(bytes.length).toBeLessThan(1000);
    const budget = new WorkBudget({}, 'bomb.onnx');
    const r = profileOnnx(bytesSource(bytes), { file: 'bomb.onnx', budget });
    // One MatMul of [1,1] x [1,1] is M*N*K = 1 MAC; it runs 64 * 64 * 64 * 64 = 16,777,216 times.
    expect(runs(r, 'MatMul')).toEqual({ runs: 16_777_216, macs: 16_777_216 });
    expect(r.totals.macs).toBe(16_777_216);
    // MatMul flops = 2 * MACs; Identity costs nothing.
    expect(r.totals.flops).toBe(33_554_432);
    // Each body is inferred once, the first trip of each level reaching its fixed point at once:
    // 1 top Loop + 3 levels of (Identity, Loop) + the innermost (Identity, MatMul) = 9 nodes.
    expect(budget.nodesUsed).toBe(9);
    // The report lists each body node once, with its multiplicity.
    expect(r.nodes.map((n) => [n.name, n.multiplicity ?? 1])).toEqual([
      ['out', 1],
      ['out/body/co3', 64],
      ['out/body/y3', 64],
      ['out/body/y3/body/co2', 4096],
      ['out/body/y3/body/y2', 4096],
      ['out/body/y3/body/y2/body/co1', 262_144],
      ['out/body/y3/body/y2/body/y1', 262_144],
      ['out/body/y3/body/y2/body/y1/body/co0', 16_777_216],
      ['out/body/y3/body/y2/body/y1/body/y0', 16_777_216],
    ]);
  });

  it('the same bomb whose every level reads its iteration number: still 64^4 MatMul runs, from a few hundred inferences', () => {
    const budget = new WorkBudget({}, 'bomb-iter.onnx');
    const r = profileOnnx(bytesSource(loopBomb(4, 64, true)), { file: 'bomb-iter.onnx', budget });
    expect(runs(r, 'MatMul')).toEqual({ runs: 16_777_216, macs: 16_777_216 });
    // The outer loop is stepped through: 64 inferences of its body (Identity, Cast, Add, Loop), each
    // with its iteration number known. A loop inside a stepped loop is inferred as a whole, and its
    // body's signature does not depend on the outer iteration, so the next two bodies (Identity, Cast,
    // Add, Loop) and the innermost (Identity, Cast, Add, MatMul) are inferred once each:
    // 1 (top Loop) + 64 * 4 + 4 + 4 + 4 = 269 nodes.
    expect(budget.nodesUsed).toBe(269);
    // Add runs once per iteration of each level: 64 + 64^2 + 64^3 + 64^4; each adds 1 element: 1 flop.
    expect(runs(r, 'Add').runs).toBe(64 + 64 ** 2 + 64 ** 3 + 64 ** 4);
  });

  it('a loop bomb over the node limit ends in a WorkLimitError naming the file and the limit', () => {
    const run = () => profileOnnx(bytesSource(loopBomb(4, 64, true)), { file: 'bomb.onnx', limits: { maxNodes: 100 } });
    expect(run).toThrow(WorkLimitError);
    expect(run).toThrow(/^bomb\.onnx: work limit reached: more than 100 nodes to infer \(sub-graphs and calls included\); the model was not profiled \(at out\/body\[\d+\]\//);
  });

  it('functions fanned out 10 calls per level for 9 levels: 10^9 MatMul runs from one inference per function', () => {
    const budget = new WorkBudget({}, 'fan.onnx');
    const r = profileOnnx(bytesSource(fanOut(9, 10)), { file: 'fan.onnx', budget });
    // Each call of f_k runs 10 calls of f_{k-1}: 10^9 calls of f0, one 1x1 MatMul (1 MAC) each.
    expect(runs(r, 'MatMul')).toEqual({ runs: 1e9, macs: 1e9 });
    expect(r.totals.macs).toBe(1e9);
    // Top call + 9 bodies of 10 call nodes + f0's MatMul.
    expect(budget.nodesUsed).toBe(1 + 9 * 10 + 1);
    // The MatMul appears once, under the first call of each level.
    expect(r.nodes.filter((n) => n.op === 'MatMul').map((n) => n.name)).toEqual([`out${'/t0'.repeat(9)}/y`]);
    expect(r.totals.params).toBe(1);
  });

  it('a fan-out of 10^9 calls that all differ: after 256 inferences of a function, its calls go by input shapes, so the work stays bounded', () => {
    const budget = new WorkBudget({}, 'distinct.onnx');
    const r = profileOnnx(bytesSource(distinctFanOut(9)), { file: 'distinct.onnx', budget });
    // g1..g9 hold 33 nodes each, g0 2: no function is inferred more than 256 + 1 times (the last with
    // shapes only), so at most 1 + 9 * 257 * 33 + 257 * 2 = 76,844 nodes, where the unrolled program has 10^9 calls.
    expect(budget.nodesUsed).toBeLessThanOrEqual(76_844);
    expect(budget.nodesUsed).toBeGreaterThan(256 * 2);
    const said = r.diagnostics.filter((d) => d.code === 'call-variants');
    expect(said.map((d) => d.message.split(' was ')[0])).toContain('function local.g0');
    expect(said[0]!.message).toMatch(/^function local\.g\d was inferred for 256 different known inputs \(calls fanned out over computed values\): later calls are inferred from their inputs' shapes alone/);
    expect(r.outputs[0]!.shape).toEqual([]);
  });

  it('a model over the time limit ends in a WorkLimitError naming it (a clock that moves 100 ms each time it is read)', () => {
    let now = 0;
    const budget = new WorkBudget({ maxMs: 1000 }, 'distinct.onnx', () => (now += 100));
    let err: unknown;
    try {
      profileOnnx(bytesSource(distinctFanOut(6)), { file: 'distinct.onnx', budget });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkLimitError);
    expect((err as WorkLimitError).limit).toBe('time');
    expect((err as WorkLimitError).message).toMatch(/^distinct\.onnx: work limit reached: profiling took more than 1 s; the model was not profiled/);
  });

  it('at 2 levels the distinct fan-out is profiled exactly: 100 calls of g0, each its own inference', () => {
    const budget = new WorkBudget({}, 'distinct.onnx');
    const { result } = analyzeOnnx(bytesSource(distinctFanOut(2)), { file: 'distinct.onnx', budget });
    // g2(0) sums g1(0..9); g1(u) sums g0(10u + j) = 10u + j: 0 + 1 + ... + 99.
    const out = result.outputs[0]!.value;
    expect(out?.kind === 'tensor' ? out.data : undefined).toEqual([4950]);
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'call-variants')).toEqual([]);
    // Every call differs, so each is inferred: g1 and g2 bodies hold 33 nodes (Constant ten, Mul,
    // 10 x Constant/Add/call, Sum), g0's 2 (Constant, Identity); 1 + 10 calls of g2..g1 and 100 of g0,
    // plus the top call node: 1 + 33 * 11 + 2 * 100 = 564.
    expect(budget.nodesUsed).toBe(564);
  });

  it('a function calling itself, and A calling B calling A: a clear error naming the chain; the model is refused (its cost cannot be known)', () => {
    // Refused rather than reported with the call uncounted: a model that hid its cost in a recursive
    // function would otherwise profile as cheap and pass a budget.
    expect(() => profileOnnx(bytesSource(selfRecursive()), { file: 'self.onnx' })).toThrow(
      new OnnxImportError('recursive-function', 'self.onnx: (op F, node y/b) function local.F calls itself (local.F -> local.F): an ONNX function cannot be recursive, so the cost of this model cannot be known; it was not profiled', 'self.onnx'),
    );
    let err: unknown;
    try {
      profileOnnx(bytesSource(mutualRecursive()), { file: 'mutual.onnx' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OnnxImportError);
    expect((err as OnnxImportError).code).toBe('recursive-function');
    expect((err as Error).message).toContain('(op A, node y/b/b) function local.A calls itself (local.A -> local.B -> local.A)');
  });

  it('a node with 200,000 inputs is inferred like one with two (no argument spread of a list the file sizes)', () => {
    // Sum of 200,000 copies of x [n, 4]: (200,000 - 1) additions per output element, 4 elements at n = 1.
    const sum = encodeModel({ name: 'g', node: [nd('Sum', Array<string>(200_000).fill('x'), ['y'])], input: [vi('x', FLOAT, ['n', 4])], output: [vi('y', FLOAT, ['n', 4])] });
    const r = profileOnnx(bytesSource(sum), { file: 'sum.onnx', dims: { n: 1 } });
    expect(r.coverage).toEqual({ nodes: 1, supported: 1, unsupported: {} });
    expect(r.totals.flops).toBe(799_996);
    // Concat along axis 0 of 300,000 [1, 4] inputs: [300000, 4].
    const cat = encodeModel({ name: 'g', node: [nd('Concat', Array<string>(300_000).fill('x'), ['y'], { axis: 0 })], input: [vi('x', FLOAT, [1, 4])], output: [vi('y', FLOAT, [300_000, 4])] });
    expect(profileOnnx(bytesSource(cat), { file: 'cat.onnx' }).outputs[0]?.shape).toEqual([300_000, 4]);
  });

  it('onPhase is called after decoding, after inference and once the report holds every node, with the graph size of each', () => {
    // The loop bomb's top graph has 1 node (the outer Loop) and 3 initializers (trip count M, the
    // condition T, the weight W); its report lists 9 nodes (4 Loops, their bodies' MatMul and glue:
    // see the first case) and the same 3 weights: 12 after inference and after the report's nodes.
    const calls: [string, number][] = [];
    const r = profileOnnx(bytesSource(loopBomb(4, 64)), { file: 'bomb.onnx', onPhase: (phase, size) => calls.push([phase, size]) });
    expect(r.nodes).toHaveLength(9);
    expect(calls).toEqual([
      ['decoded', 4],
      ['inferred', 12],
      ['reported', 12],
    ]);
  });

  it('a memory probe over the limit ends the read with a memory work-limit error naming the file', () => {
    // The probe is asked every 16,384 entries read or nodes inferred: a graph of 20,000 nodes asks it
    // at least once, and a probe that always reads 1 GiB is over the default 700 MiB.
    const nodes = Array.from({ length: 20_000 }, (_, i) => nd('Relu', [i ? `v${i - 1}` : 'x'], [`v${i}`]));
    const bytes = encodeModel({ name: 'g', node: nodes, input: [vi('x', FLOAT, [1, 4])], output: [vi('v19999', FLOAT, [1, 4])] });
    const asked: number[] = [];
    const probe = (limit: number): number => {
      asked.push(limit);
      return 2 ** 30;
    };
    expect(() => profileOnnx(bytesSource(bytes), { file: 'big.onnx', memory: probe })).toThrow(/^big\.onnx: work limit reached: more than 700 MiB of memory in use while reading and inferring the model/);
    expect(asked[0]).toBe(700 * 2 ** 20);
    // Under the limit, the same graph profiles.
    expect(profileOnnx(bytesSource(bytes), { file: 'big.onnx', memory: () => 2 ** 20 }).nodes).toHaveLength(20_000);
  });

  it('functions nested 250 calls deep pass the depth limit with a WorkLimitError', () => {
    const fns = [fn('h0', ['a'], ['b'], [nd('Relu', ['a'], ['b'])])];
    for (let l = 1; l <= 250; l++) fns.push(fn(`h${l}`, ['a'], ['b'], [nd(`h${l - 1}`, ['a'], ['b'], {}, 'local')]));
    const bytes = encodeModel({ name: 'deep', node: [nd('h250', ['x'], ['y'], {}, 'local')], input: [vi('x', FLOAT, [2])], output: [vi('y', FLOAT, [2])] }, fns);
    expect(() => profileOnnx(bytesSource(bytes), { file: 'deep.onnx' })).toThrow(/^deep\.onnx: work limit reached: nested more than 200 levels deep; the model was not profiled/);
  });

  it('constant data beyond the data limit: a WorkLimitError', () => {
    // Two Range nodes of 60,000 known elements each: 120,000 materialised, over a limit of 100,000.
    const bytes = encodeModel({
      name: 'data',
      node: [nd('Range', ['zero', 'n', 'one'], ['r1']), nd('Range', ['zero', 'n', 'one'], ['r2'])],
      initializer: [int64s('zero', [0], []), int64s('n', [60_000], []), int64s('one', [1], [])],
      input: [],
      output: [vi('r1', INT64, [60_000]), vi('r2', INT64, [60_000])],
    });
    expect(() => profileOnnx(bytesSource(bytes), { file: 'data.onnx', limits: { maxDataElements: 100_000 } })).toThrow(
      /^data\.onnx: work limit reached: more than 100,000 tensor elements of constant data to propagate; the model was not profiled \(at r2\)$/,
    );
    expect(profileOnnx(bytesSource(bytes), { file: 'data.onnx' }).outputs[0]!.shape).toEqual([60_000]);
  });

  it('an initializer with 40,000,000 dims: a clear error before its dims are held', () => {
    // Bytes 0-1 ir_version, 2-6 the graph's tag and length, 7-11 the initializer's: the dims start at 12.
    const bytes = manyDims(40_000_000);
    let err: unknown;
    try {
      profileOnnx(bytesSource(bytes), { file: 'dims.onnx' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OnnxImportError);
    expect((err as OnnxImportError).code).toBe('too-large');
    expect((err as Error).message).toBe(
      "dims.onnx: a tensor's dims (TensorProto field 1) at byte 12 lists more than 1,024 dims, a rank no real tensor has; the file is damaged or built to exhaust the reader.",
    );
  });

  it('a graph input whose type lists 100,000 dims: the same clear error', () => {
    const bytes = encodeModel({ name: 'g', node: [], input: [vi('x', FLOAT, new Array<number>(100_000).fill(1))], output: [] });
    expect(() => profileOnnx(bytesSource(bytes), { file: 'shape.onnx' })).toThrow(/^shape\.onnx: a tensor type's shape \(TensorShapeProto\) at byte \d+ lists more than 1,024 dims/);
  });

  it('a Reshape whose target rank is a hostile size: a node error, not a billion unknown dims', () => {
    const bytes = encodeModel({ name: 'g', node: [nd('Reshape', ['x', 's'], ['y'])], input: [vi('x', FLOAT, [4]), vi('s', INT64, [1_000_000_000])], output: [vi('y', FLOAT, [])] });
    const r = profileOnnx(bytesSource(bytes), { file: 'rank.onnx' });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'shape-error', node: 'y', message: '(op Reshape, node y) asks for more than 4096 unknown sizes: a rank beyond any real tensor' }));
  });
});
