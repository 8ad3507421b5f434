/**
 * Issue 16's hostile models, built at test time (never committed): the tests in
 * bounded-work.test.ts assert their outcomes, and tools/bench/onnx/hostile.ts runs the same files
 * through the whole CLI process for time and memory.
 */
import { boolScalar, concat, encodeModel, FLOAT, floats, fn, INT64, int64s, lenField, nd, varint, vi, BOOL } from './proto.js';

/**
 * `levels` Loops nested inside each other, each of `trips` trips, around y = MatMul(s, W) with s and
 * W of shape [1, 1] (issue 16: four levels of 64 in 595 bytes). With `readIter`, every level adds its
 * iteration number to the state first, so no iteration is like another.
 */
export function loopBomb(levels: number, trips: number, readIter = false): Uint8Array {
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
export function fanOut(levels: number, calls: number): Uint8Array {
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
export function distinctFanOut(levels: number): Uint8Array {
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

/** F calls itself (issue 16: `Maximum call stack size exceeded`); a Relu beside it still profiles. */
export function selfRecursive(): Uint8Array {
  return encodeModel(
    { name: 'rec', node: [nd('F', ['x'], ['y'], {}, 'local'), nd('Relu', ['x'], ['z'])], input: [vi('x', FLOAT, [2])], output: [vi('y', FLOAT, [2]), vi('z', FLOAT, [2])] },
    [fn('F', ['a'], ['b'], [nd('F', ['a'], ['b'], {}, 'local')])],
  );
}

/** A calls B, which calls A. */
export function mutualRecursive(): Uint8Array {
  return encodeModel({ name: 'rec', node: [nd('A', ['x'], ['y'], {}, 'local')], input: [vi('x', FLOAT, [2])], output: [vi('y', FLOAT, [2])] }, [
    fn('A', ['a'], ['b'], [nd('Relu', ['a'], ['r']), nd('B', ['r'], ['b'], {}, 'local')]),
    fn('B', ['a'], ['b'], [nd('A', ['a'], ['b'], {}, 'local')]),
  ]);
}

/**
 * A model whose one initializer lists `count` dims, all 1 (issue 16: 40,000,000 took 12.6 s, then
 * `Invalid string length`): TensorProto { dims (field 1, packed), data_type (field 2): FLOAT, name: "w" }.
 */
export function manyDims(count: number): Uint8Array {
  const dims = new Uint8Array(count).fill(1);
  const tensor = concat(lenField(1, dims), Uint8Array.from([...varint((2 << 3) | 0), 1]), lenField(8, new TextEncoder().encode('w')));
  return concat(Uint8Array.from([...varint((1 << 3) | 0), 8]), lenField(7, lenField(5, tensor)));
}
