import { dimToString, type Dim } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { inferModel } from '../../src/infer/engine.js';
import type { Val } from '../../src/infer/values.js';
import { defaultRules } from '../../src/ops/index.js';
import { a, graph, ints, model, node, tt } from './build.js';

function shapeOf(v: Val | undefined): string[] | undefined {
  return v && v.kind === 'tensor' && v.shape ? v.shape.map((d: Dim) => dimToString(d)) : undefined;
}

describe('inference engine', () => {
  it('resolves a PyTorch-style dynamic reshape to symbolic dims (Shape -> Gather -> Unsqueeze -> Concat -> Reshape)', () => {
    // x: [batch, seq, 12, 64] reshaped to [batch, seq, 768] through shape arithmetic on Shape(x).
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', ['batch', 'seq', 12, 64]) }],
      outputs: [{ name: 'y', type: undefined }],
      initializers: [ints('i0', [0], []), ints('i1', [1], []), ints('hidden', [768])],
      nodes: [
        node('Shape', ['x'], ['s']),
        node('Gather', ['s', 'i0'], ['b'], { axis: a.i(0) }),
        node('Gather', ['s', 'i1'], ['t'], { axis: a.i(0) }),
        node('Unsqueeze', ['b', 'ax0'], ['b1']),
        node('Unsqueeze', ['t', 'ax0'], ['t1']),
        node('Concat', ['b1', 't1', 'hidden'], ['target'], { axis: a.i(0) }),
        node('Reshape', ['x', 'target'], ['y']),
      ],
    });
    const m = model({ ...g, initializers: [...g.initializers, ints('ax0', [0])] }, 13);
    const r = inferModel(m, defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['batch', 'seq', '768']);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('slices with symbolic bounds (pos[:seq], as a GPT export writes it) and expands with -1 entries (ViT class token)', () => {
    // pos [512, 64] sliced to Shape(x)[1] = seq rows: min(512, seq) (seq is a size, so never negative).
    // token [1, 1, 64] expanded to Where(Equal([batch, -1, -1], -1), 1, shape) = [batch, 1, 1] -> [batch, 1, 64].
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', ['batch', 'seq', 64]) }],
      outputs: [{ name: 'p', type: undefined }, { name: 'cls', type: undefined }],
      initializers: [ints('i0', [0], []), ints('i1', [1], []), ints('ax0', [0]), ints('zero', [0]), ints('minus1', [-1]), ints('ones', [1, 1, 1]), ints('m1m1', [-1, -1])],
      nodes: [
        node('Shape', ['x'], ['s']),
        node('Gather', ['s', 'i1'], ['t'], { axis: a.i(0) }),
        node('Unsqueeze', ['t', 'ax0'], ['t1']),
        node('Slice', ['pos', 'zero', 't1', 'zero'], ['p']),
        node('Gather', ['s', 'i0'], ['b'], { axis: a.i(0) }),
        node('Unsqueeze', ['b', 'ax0'], ['b1']),
        node('Concat', ['b1', 'm1m1'], ['want'], { axis: a.i(0) }),
        node('Equal', ['want', 'minus1'], ['isneg']),
        node('Where', ['isneg', 'ones', 'want'], ['shape']),
        node('Expand', ['token', 'shape'], ['cls']),
      ],
    });
    const w = (name: string, dims: number[]) => ({ name, dtype: 'float32' as const, dims, byteLength: dims.reduce((x, y) => x * y, 1) * 4, location: { kind: 'none' as const } });
    const r = inferModel(model({ ...g, initializers: [...g.initializers, w('pos', [512, 64]), w('token', [1, 1, 64])] }, 13), defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['min(512, seq)', '64']);
    expect(shapeOf(r.outputs[1]!.value)).toEqual(['batch', '1', '64']);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('an If whose condition is known only at run time: the then branch is counted, a size the branches disagree on is a named symbol', () => {
    // then: Relu(x) keeps [n, 4]; else: Concat(x, x) along 0 gives [2n, 4]. The condition is a graph input.
    const thenG = graph({ outputs: [{ name: 't', type: undefined }], nodes: [node('Relu', ['x'], ['t'])] });
    const elseG = graph({ outputs: [{ name: 'e', type: undefined }], nodes: [node('Concat', ['x', 'x'], ['e'], { axis: a.i(0) })] });
    const g = graph({
      inputs: [
        { name: 'x', type: tt('float32', ['n', 4]) },
        { name: 'c', type: tt('bool', []) },
      ],
      outputs: [{ name: 'y', type: undefined }],
      nodes: [{ ...node('If', ['c'], ['y'], { then_branch: a.g(thenG), else_branch: a.g(elseG) }), name: 'choose' }],
    });
    const r = inferModel(model(g), defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['choose_out0_0', '4']);
    expect(r.diagnostics.map((d) => d.code)).toContain('if-branch-assumed');
    expect(r.nodes.map((n) => [n.name, n.multiplicity.toString()])).toEqual([
      ['choose', '1'],
      ['choose/then_branch/t', '1'],
      ['choose/else_branch/e', '0'],
    ]);
  });

  it('sorts an unsorted graph before inferring it', () => {
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', [2, 3]) }],
      outputs: [{ name: 'z', type: undefined }],
      nodes: [node('Relu', ['y'], ['z']), node('Transpose', ['x'], ['y'], { perm: a.is([1, 0]) })],
    });
    const r = inferModel(model(g), defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['3', '2']);
    expect(r.nodes.map((n) => n.op)).toEqual(['Transpose', 'Relu']);
  });

  it("a name written twice is one value (readers see the last writer, with a warning); a node may write a graph input's name", () => {
    // t is written by Relu, then by Transpose; z reads t. x is a graph input that Neg also writes:
    // Sigmoid, reading x, then depends on Neg and sees its [3, 2].
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', [2, 3]) }],
      outputs: [{ name: 'z', type: undefined }, { name: 'x2', type: undefined }],
      nodes: [
        node('Relu', ['x'], ['t']),
        node('Transpose', ['x'], ['t'], { perm: a.is([1, 0]) }),
        node('Identity', ['t'], ['z']),
        node('Sigmoid', ['x'], ['x2']),
        node('Neg', ['z'], ['x']),
      ],
    });
    const r = inferModel(model(g), defaultRules);
    expect(r.diagnostics.filter((d) => d.code === 'duplicate-output').map((d) => d.message)).toEqual(["value 't' is produced by more than one node: readers see the last one"]);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['3', '2']);
    expect(shapeOf(r.outputs[1]!.value)).toEqual(['3', '2']);
    expect(r.nodes.map((n) => n.op)).toEqual(['Relu', 'Transpose', 'Identity', 'Neg', 'Sigmoid']);
  });

  it('reports an op without a rule as unsupported and goes on', () => {
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', [4]) }],
      outputs: [{ name: 'z', type: undefined }],
      nodes: [node('FancyOp', ['x'], ['y'], {}, 'com.example'), node('Relu', ['x'], ['z'])],
    });
    const r = inferModel(model(g), defaultRules);
    expect(r.nodes.map((n) => [n.op, n.status])).toEqual([
      ['FancyOp', 'unsupported'],
      ['Relu', 'ok'],
    ]);
    expect(r.diagnostics).toContainEqual({ severity: 'warning', code: 'unsupported-op', node: 'y', message: 'no rule for com.example.FancyOp (opset 1): its cost is not counted' });
  });

  it('names the node, op and input in a shape error', () => {
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', [2, 3]) }, { name: 'w', type: tt('float32', [4, 5]) }],
      outputs: [{ name: 'y', type: undefined }],
      nodes: [node('MatMul', ['x', 'w'], ['y'])],
    });
    const r = inferModel(model(g), defaultRules);
    expect(r.diagnostics).toContainEqual({ severity: 'error', code: 'shape-error', node: 'y', message: '(op MatMul, node y) inner dims differ: input 0 has K=3, input 1 has K=4' });
  });

  it('keeps declared value_info as a cross-check: a different number is a conflict diagnostic', () => {
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', [2, 3]) }],
      outputs: [{ name: 'y', type: undefined }],
      valueInfo: [{ name: 'y', type: tt('float32', [2, 4]) }],
      nodes: [node('Relu', ['x'], ['y'])],
    });
    const r = inferModel(model(g), defaultRules);
    expect(r.diagnostics).toContainEqual({ severity: 'warning', code: 'value-info-conflict', node: 'y', message: 'y: axis 1 inferred 3, the file declares 4' });
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['2', '3']);
  });

  it('inlines model-local functions with attribute references', () => {
    const g = graph({
      inputs: [{ name: 'x', type: tt('float32', [2, 3, 4]) }],
      outputs: [{ name: 'y', type: undefined }],
      nodes: [node('MyTranspose', ['x'], ['y'], { p: a.is([2, 0, 1]) }, 'local')],
    });
    const fn = {
      name: 'MyTranspose',
      domain: 'local',
      inputs: ['a'],
      outputs: ['b'],
      attributes: ['p'],
      attributeDefaults: {},
      nodes: [node('Transpose', ['a'], ['b'], { perm: { type: 'ref', ref: 'p' } })],
      opsets: new Map([['', 17]]),
    } as const;
    const r = inferModel(model(g, 17, { functions: [fn] }), defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['4', '2', '3']);
    expect(r.nodes.map((n) => n.name)).toEqual(['y/b']);
  });

  it('infers a short Loop one iteration at a time: `body` is the first trip, `body[k]` a trip first seen at k', () => {
    // Loop 3 times appending a [2] slice: carried value grows 0 -> 2 -> 4 -> 6 along axis 0.
    const body = graph({
      inputs: [{ name: 'i', type: tt('int64', []) }, { name: 'c', type: tt('bool', []) }, { name: 'acc', type: tt('float32', [null]) }],
      outputs: [{ name: 'c_out', type: undefined }, { name: 'acc_out', type: undefined }],
      nodes: [node('Identity', ['c'], ['c_out']), node('Concat', ['acc', 'piece'], ['acc_out'], { axis: a.i(0) })],
    });
    const g = graph({
      inputs: [{ name: 'init', type: tt('float32', [0]) }, { name: 'piece', type: tt('float32', [2]) }],
      outputs: [{ name: 'out', type: undefined }],
      initializers: [ints('M', [3], []), { ...ints('cond', [1], []), dtype: 'bool' }],
      nodes: [node('Loop', ['M', 'cond', 'init'], ['out'], { body: a.g(body) })],
    });
    const r = inferModel(model(g), defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['6']);
    expect(r.nodes.filter((n) => n.op === 'Concat').map((n) => [n.name, n.multiplicity.toString()])).toEqual([
      ['out/body/acc_out', '1'],
      ['out/body[1]/acc_out', '1'],
      ['out/body[2]/acc_out', '1'],
    ]);
  });
});
