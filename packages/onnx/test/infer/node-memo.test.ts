/**
 * The engine reuses a node's inference for the next node of the same op whose inputs are the same
 * value objects (a chain of 10^6 Add / Relu nodes, repeated transformer blocks). These tests pin what
 * must never be reused: anything that is not a function of the inputs alone.
 */
import { describe, expect, it } from 'vitest';
import { dimToString, Poly } from '@modelcost/core';
import { inferModel } from '../../src/infer/engine.js';
import { defaultRules } from '../../src/ops/index.js';
import { graph, ints, model, node, tt, weight } from './build.js';

describe('node memo', () => {
  it('gives every node of a repeated chain its own record with the cost of its own inference', () => {
    // x: [batch, 64]; b: [64]. Each Add reads (previous Relu output, b), each Relu the Add before it:
    // from the second pair on, the inputs are the same value objects as the pair before.
    // Add: flops = batch*64 (one add per output element), Relu: flops = batch*64 (one max per element);
    // macs 0; bytesRead of Add = 4*(64*batch) + 4*64, bytesWritten = 4*64*batch.
    const nodes = [];
    let x = 'x';
    for (let i = 0; i < 4; i++) {
      nodes.push(node('Add', [x, 'b'], [`a${i}`]));
      nodes.push(node('Relu', [`a${i}`], [`r${i}`]));
      x = `r${i}`;
    }
    const r = inferModel(model(graph({ inputs: [{ name: 'x', type: tt('float32', ['batch', 64]) }], outputs: [{ name: x, type: undefined }], initializers: [weight('b', [64])], nodes })), defaultRules);
    expect(r.nodes.map((n) => n.name)).toEqual(['a0', 'r0', 'a1', 'r1', 'a2', 'r2', 'a3', 'r3']);
    const batch64 = Poly.sym('batch').mul(64);
    for (const n of r.nodes) {
      expect(n.status).toBe('ok');
      expect(n.cost!.flops.equals(batch64)).toBe(true);
      expect(n.cost!.macs.equals(Poly.ZERO)).toBe(true);
      const out = n.outputValues[0];
      expect(out?.kind === 'tensor' && out.shape?.map(dimToString)).toEqual(['batch', '64']);
    }
    expect(r.nodes[2]!.cost!.bytesRead.equals(batch64.mul(4).add(256))).toBe(true);
    // The weight b is a param once (64), not once per reading node.
    expect(r.nodes.reduce((s, n) => s.add(n.params), Poly.ZERO).equals(Poly.const(64))).toBe(true);
  });

  it('does not reuse a rule that said something about the node: each node keeps its own diagnostic', () => {
    // Squeeze (opset 11) without axes on [batch, 1, 4] warns that batch is taken not to be 1: a
    // diagnostic naming the node, so three such nodes on the same input give three warnings.
    const r = inferModel(
      model(
        graph({
          inputs: [{ name: 'x', type: tt('float32', ['batch', 1, 4]) }],
          outputs: [{ name: 'y0', type: undefined }, { name: 'y1', type: undefined }, { name: 'y2', type: undefined }],
          nodes: [node('Squeeze', ['x'], ['y0']), node('Squeeze', ['x'], ['y1']), node('Squeeze', ['x'], ['y2'])],
        }),
        11,
      ),
      defaultRules,
    );
    const warned = r.diagnostics.filter((d) => d.code === 'squeeze-symbolic').map((d) => d.node);
    expect(warned).toEqual(['y0', 'y1', 'y2']);
  });

  it('does not reuse a node that made a weight: each ConstantOfShape makes its own tensor', () => {
    // ConstantOfShape([2, 3]) without a value attribute is a float32 [2, 3] of zeros: a generated
    // weight of 6 elements per node, so two nodes reading the same shape make 12 constant elements.
    const r = inferModel(
      model(
        graph({
          inputs: [],
          outputs: [{ name: 'c0', type: undefined }, { name: 'c1', type: undefined }],
          initializers: [ints('shape', [2, 3])],
          nodes: [node('ConstantOfShape', ['shape'], ['c0']), node('ConstantOfShape', ['shape'], ['c1'])],
        }),
      ),
      defaultRules,
    );
    const made = [...r.paramWeights, ...r.constantWeights].filter((w) => w.dims.join('x') === '2x3');
    expect(made.length).toBe(2);
    expect(r.nodes.map((n) => n.outputValues[0]?.kind === 'tensor' && n.outputValues[0].weight?.name)).toEqual(['c0', 'c1']);
  });
});

describe('param ledger', () => {
  it('counts the same params when one decoded model is inferred twice (a ledger numbers the weights it sees on them)', () => {
    // w [8, 4] read by MatMul: 32 params; the unused u [3]: 3 more params (stored, shipped, loaded).
    const m = model(
      graph({
        inputs: [{ name: 'x', type: tt('float32', ['batch', 8]) }],
        outputs: [{ name: 'y', type: undefined }],
        initializers: [weight('w', [8, 4]), weight('u', [3])],
        nodes: [node('MatMul', ['x', 'w'], ['y'])],
      }),
    );
    for (let run = 0; run < 2; run++) {
      const r = inferModel(m, defaultRules);
      expect(r.paramWeights.map((w) => w.name)).toEqual(['w', 'u']);
      expect(r.unusedParams.map((w) => w.name)).toEqual(['u']);
      expect(r.nodes[0]!.params.equals(Poly.const(32))).toBe(true);
    }
  });
});
