/**
 * Issue 16: small files that explode. Each hostile case is built here at test time (a few hundred
 * bytes each) and run through the whole profile path; each must finish with the right symbolic
 * multiplicities, or with a WorkLimitError naming the limit, or with a clear error. Work is asserted
 * through the budget's own counters (nodes inferred), never through timings.
 */
import { countNumber, WorkBudget, WorkLimitError, type Report } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { analyzeOnnx, bytesSource, OnnxImportError, profileOnnx } from '../../src/index.js';
import { boolScalar, concat, encodeModel, FLOAT, floats, fn, INT64, int64s, lenField, nd, varint, vi, BOOL } from './proto.js';

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

/**
 * `levels` Loops nested inside each other, each of `trips` trips, around y = MatMul(s, W) with s and
 * W of shape [1, 1] (issue 16: four levels of 64 in 595 bytes). With `readIter`, every level adds its
 * iteration number to the state first, so no iteration is like another.
 */
function loopBomb(levels: number, trips: number, readIter = false): Uint8Array {
  const io = (l: number) => ({ input: [vi(`i${l}`, INT64, []), vi(`c${l}`, BOOL, []), vi(`s${l}`, FLOAT, [1, 1])], output: [vi(`co${l}`, BOOL, []), vi(`y${l}`, FLOAT, [1, 1])] });
  const pre = (l: number): { nodes: object[]; state: string } =>
    readIter ? { nodes: [nd('Cast', [`i${l}`], [`f${l}`], { to: FLOAT }), nd('Add', [`s${l}`, `f${l}`], [`a${l}`])], state: `a${l}` } : { nodes: [], state: `s${l}` };
  let body: object = { name: 'b0', node: [nd('Identity', ['c0'], ['co0']), ...pre(0).nodes, nd('MatMul', [pre(0).state, 'W'], ['y0'])], ...io(0) };
  for (let l = 1; l < levels; l++) {
    const p = pre(l);
    body = { name: `b${l}`, node: [nd('Identity', [`c${l}`], [`co${l}`]), ...p.nodes, nd('Loop', ['M', `c${l}`, p.state], [`y${l}`], { body })], ...io(l) };
  }
  return encodeModel({
    name: 'loop_bomb',
    node: [nd('Loop', ['M', 'T', 'x'], ['out'], { body })],
    initializer: [int64s('M', [trips], []), boolScalar('T', true), floats('W', [1, 1], [1])],
    input: [vi('x', FLOAT, [1, 1])],
    output: [vi('out', FLOAT, [1, 1])],
  });
}

/**
 * Model-local functions fanned out: f0(x) = MatMul(x, w); f_k(x) chains 10 calls of f_{k-1}
 * (issue 16: 10 calls per level for 9 levels ran 103 s, then `Invalid string length`).
 */
function fanOut(levels: number, calls: number): Uint8Array {
  const fns: object[] = [fn('f0', ['x', 'w'], ['y'], [nd('MatMul', ['x', 'w'], ['y'])])];
  for (let l = 1; l <= levels; l++) {
    const nodes: object[] = [];
    for (let c = 0; c < calls; c++) nodes.push(nd(`f${l - 1}`, [c === 0 ? 'x' : `t${c - 1}`, 'w'], [c === calls - 1 ? 'y' : `t${c}`], {}, 'local'));
    fns.push(fn(`f${l}`, ['x', 'w'], ['y'], nodes));
  }
  return encodeModel(
    { name: 'fan_out', node: [nd(`f${levels}`, ['x', 'W'], ['out'], {}, 'local')], initializer: [floats('W', [1, 1], [1])], input: [vi('x', FLOAT, [1, 1])], output: [vi('out', FLOAT, [1, 1])] },
    fns,
  );
}

/**
 * A fan-out whose calls can never be memoised: f_k(v) calls f_{k-1}(10*v + j) for j = 0..9 on a
 * known int64 scalar, so every call of 10^levels has its own signature.
 */
function distinctFanOut(levels: number): Uint8Array {
  const fns: object[] = [fn('g0', ['v'], ['y'], [nd('Identity', ['v'], ['y'])])];
  for (let l = 1; l <= levels; l++) {
    const nodes: object[] = [nd('Mul', ['v', 'ten'], ['m'])];
    const outs: string[] = [];
    for (let j = 0; j < 10; j++) {
      nodes.push(nd('Constant', [], [`k${j}`], {}), nd('Add', ['m', `k${j}`], [`a${j}`]), nd(`g${l - 1}`, [`a${j}`], [`r${j}`], {}, 'local'));
      outs.push(`r${j}`);
    }
    nodes.push(nd('Sum', outs, ['y']));
    fns.push(fn(`g${l}`, ['v'], ['y'], nodes));
  }
  // Constant values: the node helper has no tensor attributes, so patch them in.
  for (const f of fns as { node: { opType: string; output: string[]; attribute: object[] }[] }[])
    for (const n of f.node) if (n.opType === 'Constant') n.attribute = [{ name: 'value', type: 4, t: int64s('', [Number(n.output[0]!.slice(1))], []) }];
  const ten = { ...(int64s('ten', [10], []) as object) };
  for (const f of fns as { node: object[] }[]) f.node.unshift({ opType: 'Constant', output: ['ten'], attribute: [{ name: 'value', type: 4, t: ten }] });
  return encodeModel({ name: 'distinct', node: [nd(`g${levels}`, ['zero'], ['out'], {}, 'local')], initializer: [int64s('zero', [0], [])], input: [], output: [vi('out', INT64, [])] }, fns);
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

  it('a fan-out of calls that are all different passes the node limit with a WorkLimitError, and so does a slow one', () => {
    // 10^6 distinct calls at 6 levels: far more than the 50,000 nodes allowed here.
    const bytes = distinctFanOut(6);
    expect(() => profileOnnx(bytesSource(bytes), { file: 'distinct.onnx', limits: { maxNodes: 50_000 } })).toThrow(
      /^distinct\.onnx: work limit reached: more than 50,000 nodes to infer/,
    );
    // The same file under a time limit, with a clock that moves 100 ms each time it is read.
    let now = 0;
    const budget = new WorkBudget({ maxMs: 1000 }, 'distinct.onnx', () => (now += 100));
    let err: unknown;
    try {
      profileOnnx(bytesSource(bytes), { file: 'distinct.onnx', budget });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkLimitError);
    expect((err as WorkLimitError).limit).toBe('time');
    expect((err as WorkLimitError).message).toMatch(/^distinct\.onnx: work limit reached: profiling took more than 1 s; the model was not profiled/);
  });

  it('at 3 levels the distinct fan-out is profiled: 10^3 calls, each its own inference', () => {
    const budget = new WorkBudget({}, 'distinct.onnx');
    const { result } = analyzeOnnx(bytesSource(distinctFanOut(3)), { file: 'distinct.onnx', budget });
    // g3(0) sums g2(0..9); g2(v) sums g1(10v .. 10v+9); g1(u) sums g0(10u + j) = 10u + j: 0 + 1 + ... + 999.
    const out = result.outputs[0]!.value;
    expect(out?.kind === 'tensor' ? out.data : undefined).toEqual([499_500]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Every call differs, so each is inferred: g1..g3 bodies hold 33 nodes (Constant ten, Mul, 10 x
    // Constant/Add/call, Sum), g0's 2 (Constant, Identity); 1 + 10 + 100 calls of g3..g1 and 1,000 of g0,
    // plus the top call node: 1 + 33 * 111 + 2 * 1000 = 5,664.
    expect(budget.nodesUsed).toBe(5664);
  });

  it('a function calling itself, and A calling B calling A: a clear error naming the chain, and the report goes on', () => {
    const self = encodeModel(
      { name: 'rec', node: [nd('F', ['x'], ['y'], {}, 'local'), nd('Relu', ['x'], ['z'])], input: [vi('x', FLOAT, [2])], output: [vi('y', FLOAT, [2]), vi('z', FLOAT, [2])] },
      [fn('F', ['a'], ['b'], [nd('F', ['a'], ['b'], {}, 'local')])],
    );
    const r1 = profileOnnx(bytesSource(self), { file: 'self.onnx' });
    expect(r1.diagnostics).toContainEqual({
      severity: 'error',
      code: 'recursive-function',
      node: 'y/b',
      message: '(op F, node y/b) function local.F calls itself (local.F -> local.F): an ONNX function cannot be recursive, so this call is not inferred and its cost is not counted',
    });
    expect(r1.nodes.map((n) => [n.name, n.op, n.status ?? 'ok'])).toEqual([
      ['y/b', 'F', 'error'],
      ['z', 'Relu', 'ok'],
    ]);
    const mutual = encodeModel({ name: 'rec', node: [nd('A', ['x'], ['y'], {}, 'local')], input: [vi('x', FLOAT, [2])], output: [vi('y', FLOAT, [2])] }, [
      fn('A', ['a'], ['b'], [nd('Relu', ['a'], ['r']), nd('B', ['r'], ['b'], {}, 'local')]),
      fn('B', ['a'], ['b'], [nd('A', ['a'], ['b'], {}, 'local')]),
    ]);
    const r2 = profileOnnx(bytesSource(mutual), { file: 'mutual.onnx' });
    const d = r2.diagnostics.find((x) => x.code === 'recursive-function');
    expect(d?.message).toContain('function local.A calls itself (local.A -> local.B -> local.A)');
    expect(d?.node).toBe('y/b/b');
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
    // TensorProto { dims (field 1, packed): 40,000,000 x 1, data_type (field 2): FLOAT, name: "w" } in a graph.
    // Bytes 0-1 ir_version, 2-6 the graph's tag and length, 7-11 the initializer's: the dims start at 12.
    const dims = new Uint8Array(40_000_000).fill(1);
    const tensor = concat(lenField(1, dims), Uint8Array.from([...varint((2 << 3) | 0), 1]), lenField(8, new TextEncoder().encode('w')));
    const bytes = concat(Uint8Array.from([...varint((1 << 3) | 0), 8]), lenField(7, lenField(5, tensor)));
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
