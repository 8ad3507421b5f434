/**
 * Issue 16's small files that explode, run through the whole `modelcost profile --json` process:
 * each must end with exit 0 (profiled) or 2 (a clear error naming the file and the limit), under
 * 10 s and 1 GB. Prints exit code, wall and CPU seconds, peak RSS and the first line of stderr per
 * file; asserts nothing (the tests in packages/onnx/test/infer/bounded-work.test.ts assert the
 * outcomes; this measures the process).
 * Usage: npm run build && node tools/bench/onnx/hostile.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const root = resolve(import.meta.dirname, '../../..');
const out = join(root, '.bench/onnx/hostile');
const bin = join(root, 'packages/cli/bin/modelcost.cjs');
const FLOAT = 1;
const INT64 = 7;
const BOOL = 9;

const vi = (name, elemType, dims) => ({ name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } });
const nd = (opType, input, output, attrs = {}, domain = '') => ({
  name: output[0],
  opType,
  domain,
  input,
  output,
  attribute: Object.entries(attrs).map(([name, v]) => (typeof v === 'number' ? { name, type: 2, i: v } : { name, type: 5, g: v })),
});
const fn = (name, input, output, node) => ({ name, domain: 'local', input, output, node, opsetImport: [{ domain: '', version: 17 }] });
const model = (graph, functions = []) =>
  onnx.ModelProto.encode({ irVersion: 8, producerName: 'hostile', opsetImport: [{ domain: '', version: 17 }, { domain: 'local', version: 1 }], graph, functions }).finish();

/** `levels` nested Loops of `trips` trips around a 1x1 MatMul; `readIter`: each level adds its iteration number first. */
function loopBomb(levels, trips, readIter) {
  const io = (l) => ({ input: [vi(`i${l}`, INT64, []), vi(`c${l}`, BOOL, []), vi(`s${l}`, FLOAT, [1, 1])], output: [vi(`co${l}`, BOOL, []), vi(`y${l}`, FLOAT, [1, 1])] });
  const pre = (l) => (readIter ? { nodes: [nd('Cast', [`i${l}`], [`f${l}`], { to: FLOAT }), nd('Add', [`s${l}`, `f${l}`], [`a${l}`])], state: `a${l}` } : { nodes: [], state: `s${l}` });
  let body = { name: 'b0', node: [nd('Identity', ['c0'], ['co0']), ...pre(0).nodes, nd('MatMul', [pre(0).state, 'W'], ['y0'])], ...io(0) };
  for (let l = 1; l < levels; l++) {
    const p = pre(l);
    body = { name: `b${l}`, node: [nd('Identity', [`c${l}`], [`co${l}`]), ...p.nodes, nd('Loop', ['M', `c${l}`, p.state], [`y${l}`], { body })], ...io(l) };
  }
  return model({
    name: 'loop_bomb',
    node: [nd('Loop', ['M', 'T', 'x'], ['out'], { body })],
    initializer: [
      { name: 'M', dataType: INT64, dims: [], int64Data: [trips] },
      { name: 'T', dataType: BOOL, dims: [], int32Data: [1] },
      { name: 'W', dataType: FLOAT, dims: [1, 1], floatData: [1] },
    ],
    input: [vi('x', FLOAT, [1, 1])],
    output: [vi('out', FLOAT, [1, 1])],
  });
}

/** Functions fanned out `calls` per level for `levels` levels (identical calls). */
function fanOut(levels, calls) {
  const fns = [fn('f0', ['x', 'w'], ['y'], [nd('MatMul', ['x', 'w'], ['y'])])];
  for (let l = 1; l <= levels; l++)
    fns.push(fn(`f${l}`, ['x', 'w'], ['y'], Array.from({ length: calls }, (_, c) => nd(`f${l - 1}`, [c === 0 ? 'x' : `t${c - 1}`, 'w'], [c === calls - 1 ? 'y' : `t${c}`], {}, 'local'))));
  return model({ name: 'fan', node: [nd(`f${levels}`, ['x', 'W'], ['out'], {}, 'local')], initializer: [{ name: 'W', dataType: FLOAT, dims: [1, 1], floatData: [1] }], input: [vi('x', FLOAT, [1, 1])], output: [vi('out', FLOAT, [1, 1])] }, fns);
}

/** A fan-out whose 10^levels calls all differ: f_k(v) calls f_{k-1}(10v + j), j = 0..9, on a known int64. */
function distinctFanOut(levels) {
  const constant = (name, v) => ({ name, opType: 'Constant', output: [name], attribute: [{ name: 'value', type: 4, t: { dataType: INT64, dims: [], int64Data: [v] } }] });
  const fns = [fn('g0', ['v'], ['y'], [nd('Identity', ['v'], ['y'])])];
  for (let l = 1; l <= levels; l++) {
    const nodes = [constant('ten', 10), nd('Mul', ['v', 'ten'], ['m'])];
    for (let j = 0; j < 10; j++) nodes.push(constant(`k${j}`, j), nd('Add', ['m', `k${j}`], [`a${j}`]), nd(`g${l - 1}`, [`a${j}`], [`r${j}`], {}, 'local'));
    nodes.push(nd('Sum', Array.from({ length: 10 }, (_, j) => `r${j}`), ['y']));
    fns.push(fn(`g${l}`, ['v'], ['y'], nodes));
  }
  return model({ name: 'distinct', node: [nd(`g${levels}`, ['zero'], ['out'], {}, 'local')], initializer: [{ name: 'zero', dataType: INT64, dims: [], int64Data: [0] }], input: [], output: [vi('out', INT64, [])] }, fns);
}

const recursive = () => model({ name: 'rec', node: [nd('A', ['x'], ['y'], {}, 'local')], input: [vi('x', FLOAT, [2])], output: [vi('y', FLOAT, [2])] }, [fn('A', ['a'], ['b'], [nd('B', ['a'], ['b'], {}, 'local')]), fn('B', ['a'], ['b'], [nd('A', ['a'], ['b'], {}, 'local')])]);

/** Protobuf varint bytes. */
function varint(n) {
  const o = [];
  while (n >= 0x80) {
    o.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  o.push(n);
  return o;
}
const len = (field, bytes) => Buffer.concat([Buffer.from([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes]);

/** An initializer with 40,000,000 dims (all 1), as packed varints. */
function manyDims() {
  const tensor = Buffer.concat([len(1, Buffer.alloc(40_000_000, 1)), Buffer.from([0x10, 1]), len(8, Buffer.from('w'))]);
  return Buffer.concat([Buffer.from([0x08, 8]), len(7, len(5, tensor))]);
}

const CASES = {
  'loop-bomb-4x64.onnx': () => loopBomb(4, 64, false),
  'loop-bomb-4x64-iter.onnx': () => loopBomb(4, 64, true),
  'loop-bomb-12x1000.onnx': () => loopBomb(12, 1000, true),
  'fan-out-9x10.onnx': () => fanOut(9, 10),
  'fan-out-distinct-9.onnx': () => distinctFanOut(9),
  'recursive-a-b.onnx': recursive,
  'dims-40m.onnx': manyDims,
};

mkdirSync(out, { recursive: true });
console.log('file'.padEnd(26), 'bytes'.padStart(10), 'exit'.padStart(5), 'wall s'.padStart(8), 'cpu s'.padStart(7), 'RSS MB'.padStart(7), '  first line of stderr (or the totals)');
for (const [file, make] of Object.entries(CASES)) {
  const path = join(out, file);
  writeFileSync(path, make());
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, bin, 'profile', '--json', path], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = r.stderr.trim().split('\n');
  const [kb, user, sys] = lines.pop().split(' ').map(Number);
  let note = lines.find((l) => l.startsWith('modelcost')) ?? '';
  if (r.status === 0) {
    const rep = JSON.parse(r.stdout);
    note = `macs ${rep.totals.macs}, flops ${rep.totals.flops}, ${rep.nodes.length} nodes listed, errors: ${rep.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ') || 'none'}`;
  }
  console.log(file.padEnd(26), String(statSync(path).size).padStart(10), String(r.status).padStart(5), sec.toFixed(2).padStart(8), (user + sys).toFixed(2).padStart(7), (kb / 1024).toFixed(0).padStart(7), ' ', note.slice(0, 200));
}
