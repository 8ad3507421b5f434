import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  buildModuleTree,
  buildReport,
  estimateLatency,
  findHardware,
  hardwareCatalog,
  isBlockName,
  MAX_MODULE_DEPTH,
  MAX_MODULES,
  moduleChildren,
  moduleTreeProblem,
  Poly,
  scopeFromName,
  tensorBytes,
  type AnalyzedNode,
  type AnalyzedValue,
  type ModuleScope,
  type ReportNode,
  type ReportTensor,
} from '../../src/index.js';

const t = (name: string, shape: (number | string)[] = [1, 8], dtype = 'float32'): ReportTensor => ({ name, shape, dtype });

/** A report node reading `inputs` and writing one tensor named after it. */
function node(name: string, op: string, inputs: string[], macs = 0, extra: Partial<ReportNode> = {}): ReportNode {
  return { name, op, domain: 'ai.onnx', inputs, outputs: [t(`${name}:out`)], params: 0, macs, flops: 2 * macs, bytesRead: 0, bytesWritten: 0, ...extra };
}

/** A chain: each node reads the previous one's output (the first reads `x`). */
function chain(specs: [string, string, number?][]): ReportNode[] {
  const out: ReportNode[] = [];
  for (const [name, op, macs] of specs) out.push(node(name, op, [out.length ? out[out.length - 1]!.outputs[0]!.name : 'x'], macs ?? 0));
  return out;
}

const noHints = (): undefined => undefined;
const tree = (nodes: ReportNode[], scopeOf: (i: number) => ModuleScope | undefined = noHints, outputs: ReportTensor[] = [t(`${nodes[nodes.length - 1]!.name}:out`)]) =>
  buildModuleTree(nodes, scopeOf, [t('x')], outputs);

describe('scopeFromName', () => {
  it.each([
    // TorchScript exporter: the last part is the op, every part before it a module scope.
    ['/layer1/layer1.0/conv1/Conv', ['layer1', 'layer1.0', 'conv1']],
    // A functional op at the top level: an explicit root scope.
    ['/Flatten', []],
    ['/layers.1/self_attn/MatMul_1', ['layers.1', 'self_attn']],
    // tf2onnx / keras2onnx, with the TensorFlow function wrapper dropped.
    ['model/block_1/conv/Conv2D', ['model', 'block_1', 'conv']],
    ['StatefulPartitionedCall/model/conv2d/Conv2D__6', ['model', 'conv2d']],
    // TFLite joins the names of fused ops with ';': the first one speaks for the node.
    ['seq/conv2d/Relu;seq/conv2d/BiasAdd;seq/conv2d/Conv2D', ['seq', 'conv2d']],
  ])('%s -> %j', (name, scope) => {
    expect(scopeFromName(name)).toEqual(scope);
  });
  it.each(['Conv_12', 'Constant_150', 'conv1', ''])('%j carries no scope', (name) => {
    expect(scopeFromName(name)).toBeUndefined();
  });
});

describe('buildModuleTree', () => {
  it('builds a ResNet-like tree from TorchScript names: PyTorch paths, pre-order, totals over descendants', () => {
    const nodes = chain([
      ['/conv1/Conv', 'Conv', 100],
      ['/relu/Relu', 'Relu'],
      ['/layer1/layer1.0/conv1/Conv', 'Conv', 10],
      ['/layer1/layer1.0/conv2/Conv', 'Conv', 20],
      ['/layer1/layer1.0/Add', 'Add'],
      ['/layer1/layer1.1/conv1/Conv', 'Conv', 30],
      ['/layer1/layer1.1/Add', 'Add'],
      ['/Flatten', 'Flatten'],
      ['/fc/Gemm', 'Gemm', 5],
    ]);
    const r = tree(nodes)!;
    expect(r.modules.map((m) => [m.path, m.name, m.parent, m.depth, m.macs, m.nodes])).toEqual([
      // root = 100 + 10 + 20 + 30 + 5 = 165 MACs over the 9 nodes
      ['', '', undefined, 0, 165, 9],
      ['conv1', 'conv1', 0, 1, 100, 1],
      ['relu', 'relu', 0, 1, 0, 1],
      // layer1 = 10 + 20 + 30; the block `layer1.0` holds its two convs and the Add written directly in it
      ['layer1', 'layer1', 0, 1, 60, 5],
      ['layer1.0', '0', 3, 2, 30, 3],
      ['layer1.0.conv1', 'conv1', 4, 3, 10, 1],
      ['layer1.0.conv2', 'conv2', 4, 3, 20, 1],
      ['layer1.1', '1', 3, 2, 30, 2],
      ['layer1.1.conv1', 'conv1', 7, 3, 30, 1],
      ['fc', 'fc', 0, 1, 5, 1],
    ]);
    // `/Flatten` sits in the root itself.
    expect(Array.from(r.nodeModules)).toEqual([1, 2, 5, 6, 4, 8, 7, 0, 9]);
    expect(r.modules[1]!.op).toBe('Conv');
    expect(r.modules[3]!.op).toBeUndefined();
    // FLOPs are 2 x MACs here, summed the same way.
    expect(r.modules[3]!.flops).toBe(120);
  });

  it('gives each module the tensors that cross its boundary', () => {
    const nodes = chain([
      ['/stem/Conv', 'Conv', 1],
      ['/block/a/Conv', 'Conv', 1],
      ['/block/b/Conv', 'Conv', 1],
      ['/head/Gemm', 'Gemm', 1],
    ]);
    const r = tree(nodes)!;
    const block = r.modules.find((m) => m.path === 'block')!;
    // block reads stem's output and writes b's, which head reads.
    expect(block.inputs).toEqual([t('/stem/Conv:out')]);
    expect(block.outputs).toEqual([t('/block/b/Conv:out')]);
    // a writes to b inside block: an output of a, not of block.
    expect(r.modules.find((m) => m.path === 'block.a')!.outputs).toEqual([t('/block/a/Conv:out')]);
    // The root's boundary is the graph's.
    expect(r.modules[0]!.inputs).toEqual([t('x')]);
    expect(r.modules[0]!.outputs).toEqual([t('/head/Gemm:out')]);
  });

  it('leaves out weights, Constant outputs and shape tensors, and the boundary of a module with more than 4 inputs', () => {
    const nodes: ReportNode[] = [
      node('/a/Shape', 'Shape', ['x'], 0, { outputs: [t('shape', [2], 'int64')] }),
      node('Constant_1', 'Constant', [], 0, { outputs: [t('c')] }),
      ...['p', 'q', 'r', 's', 'u'].map((k) => node(`/src/${k}/Relu`, 'Relu', ['x'])),
      // reads a weight `w`, a constant, a shape and five activations
      node('/sink/Concat', 'Concat', ['w', 'c', 'shape', '/src/p/Relu:out', '/src/q/Relu:out', '/src/r/Relu:out', '/src/s/Relu:out']),
      node('/wide/Concat', 'Concat', ['/src/p/Relu:out', '/src/q/Relu:out', '/src/r/Relu:out', '/src/s/Relu:out', '/src/u/Relu:out']),
    ];
    const r = tree(nodes, noHints, [t('/sink/Concat:out'), t('/wide/Concat:out')])!;
    expect(r.modules.find((m) => m.path === 'sink')!.inputs!.map((x) => x.name)).toEqual(['/src/p/Relu:out', '/src/q/Relu:out', '/src/r/Relu:out', '/src/s/Relu:out']);
    expect(r.modules.find((m) => m.path === 'wide')!.inputs).toBeUndefined();
    expect(r.modules.find((m) => m.path === 'wide')!.outputs).toEqual([t('/wide/Concat:out')]);
  });

  it('shows no boundary for a module none of whose outputs is read outside it (edges it cannot see)', () => {
    const r = tree(chain([['/a/Relu', 'Relu'], ['/b/Relu', 'Relu']]), noHints, [])!;
    expect(r.modules.find((m) => m.path === 'b')).not.toHaveProperty('inputs');
    expect(r.modules.find((m) => m.path === 'b')).not.toHaveProperty('outputs');
    expect(r.modules.find((m) => m.path === 'a')!.outputs).toEqual([t('/a/Relu:out')]);
  });

  it('puts unnamed nodes in the deepest module shared by their neighbours', () => {
    const nodes = chain([
      ['/enc/layers.0/attn/MatMul', 'MatMul', 1],
      ['Constant_7', 'Constant'],
      ['/enc/layers.0/attn/Softmax', 'Softmax'],
      ['Gather_9', 'Gather'],
      ['/enc/layers.1/attn/MatMul', 'MatMul', 1],
      ['Relu_11', 'Relu'],
    ]);
    const r = tree(nodes)!;
    const at = (i: number): string => r.modules[r.nodeModules[i]!]!.path;
    // between two nodes of layers.0.attn: there
    expect(at(1)).toBe('enc.layers.0.attn');
    // between layers.0 and layers.1: their common ancestor
    expect(at(3)).toBe('enc.layers');
    // at the end, with nothing after it: the root
    expect(at(5)).toBe('');
  });

  it('splits a ModuleList folded into its items (`layers.1` under the root) into `layers` > `1`', () => {
    const r = tree(chain([['/layers.0/linear1/MatMul', 'MatMul', 2], ['/layers.1/linear1/MatMul', 'MatMul', 3]]))!;
    expect(r.modules.map((m) => m.path)).toEqual(['', 'layers', 'layers.0', 'layers.0.linear1', 'layers.1', 'layers.1.linear1']);
    expect(r.modules[1]!.macs).toBe(5);
    expect(moduleChildren(r.modules)[1]).toEqual([2, 4]);
    expect(isBlockName(r.modules[2]!.name)).toBe(true);
  });

  it('reads importer hints: dynamo-style cumulative paths with classes, and the root class', () => {
    const nodes = chain([['node_linear', 'Gemm', 4], ['node_relu', 'Relu']]);
    const hints: ModuleScope[] = [
      { names: ['network', 'network.0'], types: ['Sequential', 'Linear'], rootType: 'GestureNN' },
      { names: ['network', 'network.1'], types: ['Sequential', 'ReLU'], rootType: 'GestureNN' },
    ];
    const r = tree(nodes, (i) => hints[i])!;
    expect(r.modules.map((m) => [m.path, m.type])).toEqual([
      ['', 'GestureNN'],
      ['network', 'Sequential'],
      ['network.0', 'Linear'],
      ['network.1', 'ReLU'],
    ]);
  });

  it('counts the calls of a module reached under distinct call ids once, summing their costs', () => {
    // Keras: a shared Dense called twice (`dense`, `dense#2`); names taken literally (no dot split).
    const nodes = chain([['dense', 'Dense', 64], ['dense#2', 'Dense', 64], ['out.proj', 'Dense', 8]]);
    nodes[0]!.params = 72;
    const hints: ModuleScope[] = [
      { names: ['dense'], calls: ['dense'], types: ['Dense'], literal: true },
      { names: ['dense'], calls: ['dense#2'], types: ['Dense'], literal: true },
      { names: ['out.proj'], calls: ['out.proj'], types: ['Dense'], literal: true },
    ];
    const r = tree(nodes, (i) => hints[i])!;
    expect(r.modules.map((m) => [m.path, m.calls, m.macs, m.params, m.nodes])).toEqual([
      ['', undefined, 136, 72, 3],
      // 64 + 64 MACs over its two calls, its 72 weights once
      ['dense', 2, 128, 72, 2],
      ['out.proj', undefined, 8, 0, 1],
    ]);
  });

  it('counts node multiplicity in module totals and says how many nodes have no cost rule', () => {
    const nodes = chain([['/loop/body/MatMul', 'MatMul', 10], ['/loop/Weird', 'Weird']]);
    nodes[0]!.multiplicity = 3;
    nodes[1]!.status = 'unsupported';
    const r = tree(nodes)!;
    // 10 MACs run 3 times
    expect(r.modules.find((m) => m.path === 'loop')).toMatchObject({ macs: 30, flops: 60, unsupported: 1, nodes: 2 });
  });

  it('sums counts exactly beyond 2^53 (numbers while safe, digit strings past it)', () => {
    const nodes = chain([['/a/x/MatMul', 'MatMul'], ['/a/y/MatMul', 'MatMul'], ['/a/z/MatMul', 'MatMul']]);
    nodes[0]!.macs = Number.MAX_SAFE_INTEGER; // 2^53 - 1
    nodes[1]!.macs = 2;
    nodes[2]!.macs = '36893488147419103232'; // 2^65
    nodes[2]!.multiplicity = 3;
    const r = tree(nodes)!;
    // 2^53 - 1 + 2 + 3 * 2^65 = 9007199254740993 + 110680464442257309696
    expect(r.modules.find((m) => m.path === 'a')!.macs).toBe((2n ** 53n + 1n + 3n * 2n ** 65n).toString());
    expect(r.modules.find((m) => m.path === 'a.x')!.macs).toBe(Number.MAX_SAFE_INTEGER);
    expect(r.modules[0]!.macs).toBe((2n ** 53n + 1n + 3n * 2n ** 65n).toString());
  });

  it('has no tree when no node records a scope', () => {
    expect(tree(chain([['Conv_0', 'Conv', 1], ['Relu_1', 'Relu']]))).toBeUndefined();
    // Scopes that all name the root are no structure either.
    expect(tree(chain([['/Conv', 'Conv', 1], ['/Relu', 'Relu']]))).toBeUndefined();
  });

  it('bounds the depth, the name length and the number of modules of a hostile file', () => {
    const deep = `/${Array.from({ length: 200 }, (_, i) => `m${i}`).join('/')}/Relu`;
    const r = tree([node(deep, 'Relu', ['x']), node(`/${'n'.repeat(100_000)}/Relu`, 'Relu', ['x'])])!;
    expect(Math.max(...r.modules.map((m) => m.depth))).toBe(MAX_MODULE_DEPTH);
    expect(Math.max(...r.modules.map((m) => m.name.length))).toBeLessThanOrEqual(201);
    expect(Math.max(...r.modules.map((m) => m.path.length))).toBeLessThanOrEqual(601);

    const many = Array.from({ length: MAX_MODULES + 10 }, (_, i) => node(`/m${i}/Relu`, 'Relu', ['x']));
    const big = tree(many)!;
    expect(big.modules).toHaveLength(MAX_MODULES);
    expect(big.diagnostic?.code).toBe('module-limit');
    // Every node is still counted: the ones past the limit in the root.
    expect(big.modules[0]!.nodes).toBe(MAX_MODULES + 10);
  });
});

describe('moduleTreeProblem', () => {
  const good = tree(chain([['/a/b/Relu', 'Relu'], ['/c/Relu', 'Relu']]))!;
  const nodes = [{ module: 2 }, { module: 3 }];
  it('accepts a built tree and a report without one', () => {
    expect(moduleTreeProblem({ modules: good.modules, nodes })).toBeUndefined();
    expect(moduleTreeProblem({ nodes })).toBeUndefined();
  });
  it.each([
    [[], 'modules: expected a non-empty list'],
    [[{ ...good.modules[0], parent: 0 }], 'modules[0]: the root has depth 0 and no parent'],
    [[good.modules[0], { ...good.modules[1], parent: 1 }], 'modules[1].parent: expected the index of an earlier module'],
    [[good.modules[0], { ...good.modules[1], depth: 3 }], "modules[1].depth: expected its parent's depth + 1"],
    [[good.modules[0], { ...good.modules[1], macs: -1 }], 'modules[1].macs: expected an exact non-negative count'],
    [[good.modules[0], { ...good.modules[1], calls: 1 }], 'modules[1].calls: expected an integer of 2 or more'],
  ])('refuses %j', (modules, problem) => {
    expect(moduleTreeProblem({ modules })).toBe(problem);
  });
  it('refuses a node index out of range', () => {
    expect(moduleTreeProblem({ modules: good.modules, nodes: [{ module: 9 }] })).toBe('nodes[0].module: expected an index into modules');
  });
});

describe('buildReport with modules', () => {
  const v = (name: string, shape: number[]): AnalyzedValue => ({ name, dtype: 'float32', shape, bytes: tensorBytes(shape, 'float32') });
  const cost = (macs: number) => ({ macs: Poly.const(macs), flops: Poly.const(2 * macs), params: Poly.const(macs), bytesRead: Poly.const(16), bytesWritten: Poly.const(16) });
  const nodes: AnalyzedNode[] = [
    { name: '/stem/Conv', op: 'Conv', domain: 'ai.onnx', inputs: ['x'], outputs: [v('a', [1, 4])], cost: cost(8) },
    { name: 'inner', op: 'MatMul', domain: 'ai.onnx', inputs: ['a'], outputs: [v('b', [1, 4])], cost: cost(16), scope: { names: ['blk'], types: ['Block'] } },
  ];
  const report = buildReport({
    tool: { name: 'modelcost', version: '0' },
    model: { path: 'm.onnx', format: 'onnx', producer: 't', opsets: {} },
    convention: 'macs+flops',
    dims: {},
    inputs: [v('x', [1, 4])],
    outputs: [v('b', [1, 4])],
    nodes,
    weights: [],
    diagnostics: [],
  });
  it('carries the tree, the node indices, and root totals equal to the report totals', () => {
    expect(report.modules!.map((m) => [m.path, m.type ?? null, m.macs, m.params])).toEqual([
      ['', null, 24, 24],
      ['stem', null, 8, 8],
      ['blk', 'Block', 16, 16],
    ]);
    expect(report.nodes.map((n) => n.module)).toEqual([1, 2]);
    expect(report.modules![0]!.macs).toBe(report.totals.macs);
    expect(report.modules![0]!.bytesMoved).toBe(report.totals.bytesMoved);
    expect(report.modules![2]!.outputs).toEqual([{ name: 'b', shape: [1, 4], dtype: 'float32' }]);
  });
  it('validates against the JSON Schema', () => {
    const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
  });
  it('splits each latency estimate over the modules, the root holding the whole', () => {
    const [hw] = findHardware(['nvidia-t4'], hardwareCatalog());
    const l = estimateLatency(report, hw!);
    expect(l.modules).toHaveLength(3);
    expect(l.modules![0]).toBeCloseTo(l.ms, 5);
    expect(l.modules![1]! + l.modules![2]!).toBeCloseTo(l.modules![0]!, 5);
    expect(l.modules![1]!).toBeGreaterThan(0);
  });
});
