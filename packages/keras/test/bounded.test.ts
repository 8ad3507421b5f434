/**
 * Bounded work (issues 16 and 18): hostile and very large configs, generated here, end in a clear
 * work-limit error or profile in work proportional to the file; never a stack overflow or a hang.
 */
import { bytesSource, WorkBudget, WorkLimitError } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { KerasImportError, profileKeras } from '../src/index.js';
import { bytesOf, type Json } from './helpers.js';

/** Tests stay deterministic: no wall-clock limit unless a test sets one (a loaded CI runner is slow). */
const run = (text: string, file = 'm.json', limits = {}) => profileKeras(bytesSource(bytesOf(text)), { file, limits: { maxMs: 3_600_000, ...limits } });

function failWith(text: string, file = 'm.json'): Error {
  try {
    run(text, file);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

const inputLayer = (name: string, width = 4): Json => ({ class_name: 'InputLayer', name, config: { name, batch_input_shape: [null, width] }, inbound_nodes: [] });
const dense = (name: string, from: string, units = 4, node = 0): Json => ({ class_name: 'Dense', name, config: { name, units }, inbound_nodes: [[[from, node, 0, {}]]] });
const functional = (name: string, layers: Json[], input: string, output: [string, number, number]): Json => ({ class_name: 'Functional', config: { name, layers, input_layers: [[input, 0, 0]], output_layers: [output] } });

/** Models nested `depth` levels, each level one Functional calling the next once (Keras 2 numbering from 1). */
function nestedDeep(depth: number): Json {
  let inner = functional(`m${depth}`, [inputLayer(`i${depth}`), dense(`d${depth}`, `i${depth}`)], `i${depth}`, [`d${depth}`, 0, 0]);
  for (let level = depth - 1; level >= 0; level--)
    inner = functional(`m${level}`, [inputLayer(`i${level}`), { ...inner, name: `m${level + 1}`, inbound_nodes: [[[`i${level}`, 0, 0, {}]]] }], `i${level}`, [`m${level + 1}`, 1, 0]);
  return { ...inner, keras_version: '2.15.0' };
}

/** Each of `levels` levels calls the level below `calls` times in a chain. */
function reusedNested(levels: number, calls: number): Json {
  let inner = functional('leaf', [inputLayer('leaf_in', 8), dense('leaf_dense', 'leaf_in', 8)], 'leaf_in', ['leaf_dense', 0, 0]);
  let innerName = 'leaf';
  for (let level = 0; level < levels; level++) {
    const input = `level${level}_in`;
    const nodes = Array.from({ length: calls }, (_, k) => [[k === 0 ? input : innerName, k, 0, {}]]);
    inner = functional(`level${level}`, [inputLayer(input, 8), { ...inner, name: innerName, inbound_nodes: nodes }], input, [innerName, calls, 0]);
    innerName = `level${level}`;
  }
  return { ...inner, keras_version: '2.15.0' };
}

describe('bounded readers', () => {
  it('a layer config with 200,000 nested lists: a depth work limit naming the file, not a stack overflow', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const text = `{"class_name":"Functional","keras_version":"2.13.1","config":{"name":"f","layers":[{"class_name":"InputLayer","name":"in","config":{"name":"in","batch_input_shape":[null,8]},"inbound_nodes":[]},{"class_name":"Dense","name":"d","config":{"name":"d","units":4},"inbound_nodes":[[["in",0,0,{"junk":${deep}}]]]}],"input_layers":[["in",0,0]],"output_layers":[["d",0,0]]}}`;
    const e = failWith(text, 'deep.json');
    expect(e).toBeInstanceOf(WorkLimitError);
    expect(e.message).toBe('deep.json: work limit reached: nested more than 200 levels deep; the model was not profiled (at nesting of the model config JSON)');
  });

  it('the same nesting in invalid JSON: the syntax error is still located', () => {
    const e = failWith(`{"a": ${'['.repeat(200_000)}`, 'bad.json');
    expect(e).toBeInstanceOf(KerasImportError);
    expect(e.message).toMatch(/^bad\.json: invalid JSON at line 1, column \d+ \(byte \d+\): nesting deeper than 1000 levels\./);
  });

  it('models nested 1,000 deep: a depth work limit', () => {
    const e = failWith(JSON.stringify(nestedDeep(1000)), 'nested.json');
    expect(e).toBeInstanceOf(WorkLimitError);
    expect((e as WorkLimitError).limit).toBe('depth');
  });

  it('models nested 20 deep profile (the innermost holds a Dense 4 -> 4: 20 params, 16 MACs)', () => {
    const r = run(JSON.stringify(nestedDeep(20)));
    expect(r.totals.params).toBe(20);
    expect(r.totals.macs).toBe(16);
    expect(r.nodes.at(-1)!.name).toBe('m1/m2/m3/m4/m5/m6/m7/m8/m9/m10/m11/m12/m13/m14/m15/m16/m17/m18/m19/m20/d20');
  });

  it('a model nested deeper than the budget allows is a depth limit', () => {
    expect(() => run(JSON.stringify(nestedDeep(20)), 'n.json', { maxDepth: 8 })).toThrow(/nested more than 8 levels deep/);
  });

  it('a nested model reused 10 times per level for 9 levels: work proportional to the file, MACs of 10^9 calls', () => {
    // Every leaf call is a Dense 8 -> 8: 64 MACs; 10^9 of them. Without reuse: 10^9 layer calls.
    const budget = new WorkBudget({ maxMs: 3_600_000 }, 'reuse.json');
    const r = profileKeras(bytesSource(bytesOf(reusedNested(9, 10))), { file: 'reuse.json', budget });
    expect(r.totals.macs).toBe(64 * 10 ** 9);
    expect(r.totals.params).toBe(72);
    // One expanded call and nine reused per level: 9 levels * 10 calls + the leaf layer.
    expect(budget.nodesUsed).toBeLessThan(200);
    expect(r.nodes.length).toBeLessThan(100);
  });

  it('a 20,000-layer chain listed in reverse order: an iterative walk, no stack overflow', () => {
    const layers: Json[] = [inputLayer('x')];
    for (let i = 0; i < 20_000; i++) layers.push(dense(`d${i}`, i === 0 ? 'x' : `d${i - 1}`));
    const m = { class_name: 'Functional', keras_version: '2.15.0', config: { name: 'chain', layers: [layers[0], ...layers.slice(1).reverse()], input_layers: [['x', 0, 0]], output_layers: [['d19999', 0, 0]] } };
    const r = run(JSON.stringify(m));
    expect(r.nodes).toHaveLength(20_000);
    expect(r.nodes[0]!.name).toBe('d0');
    // Dense 4 -> 4: 20 params, 16 MACs per sample each.
    expect(r.totals.params).toBe(20_000 * 20);
  });

  it('a cycle through a layer (a -> b -> a) is a config error, not an endless walk', () => {
    const m = functional('f', [inputLayer('x'), dense('a', 'b'), dense('b', 'a')], 'x', ['b', 0, 0]);
    const e = failWith(JSON.stringify(m), 'cycle.json');
    expect(e).toBeInstanceOf(KerasImportError);
    expect(e.message).toMatch(/^cycle\.json: layer "[ab]" depends on its own output \(a cycle in inbound_nodes\)\.$/);
  });

  it('a layer budget: more calls than maxNodes is a node work limit', () => {
    const layers: Json[] = [inputLayer('x')];
    for (let i = 0; i < 100; i++) layers.push(dense(`d${i}`, i === 0 ? 'x' : `d${i - 1}`));
    const m = functional('f', layers, 'x', ['d99', 0, 0]);
    expect(() => run(JSON.stringify(m), 'm.json', { maxNodes: 50 })).toThrow('m.json: work limit reached: more than 50 nodes to infer (sub-graphs and calls included); the model was not profiled (at d50)');
  });
});
