/**
 * Issue 19's patterns on small graphs built in TypeScript: Slice bounds with a negative symbolic
 * coefficient (relative position tables), Resize sizes from a Concat of a shape slice and computed
 * values, `--input` binding symbols, what counts as a parameter, unused-weight names, and the
 * com.microsoft generation loops (BeamSearch / GreedySearch / Sampling).
 */
import { dimToString, Poly, type Dim, type Weight } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { inferModel, type InferOptions } from '../../src/infer/engine.js';
import type { GraphDef, NodeDef } from '../../src/infer/model.js';
import type { Val } from '../../src/infer/values.js';
import { defaultRules } from '../../src/ops/index.js';
import { bindInputSymbols } from '../../src/profile.js';
import { a, graph, ints, model, node, tt, weight } from './build.js';

function shapeOf(v: Val | undefined): string[] | undefined {
  return v && v.kind === 'tensor' && v.shape ? v.shape.map((d: Dim) => dimToString(d)) : undefined;
}

/** A float Constant node holding a tensor (layout only, as a stripped export has it). */
function constantNode(out: string, dims: number[], dtype: Weight['dtype'] = 'float32', values?: number[]): NodeDef {
  const t: Weight = { name: '', dtype, dims, byteLength: dims.reduce((x, y) => x * y, 1) * (dtype === 'int64' ? 8 : 4), location: { kind: 'none' }, ...(values ? { values } : {}) };
  return { name: out, opType: 'Constant', domain: '', inputs: [], outputs: [out], attributes: { value: { type: 'tensor', value: t } } };
}

describe('Slice bounds with a negative symbolic coefficient (relative position encoding)', () => {
  // ESPnet / HF wav2vec2-conformer: pe [1, 2*16 - 1, 8] sliced to pe[:, c - T + 1 : c + T], c = 15,
  // then projected by a Linear [8, 4]: positions 2T - 1, MACs (2T - 1) * 8 * 4 = 64T - 32.
  const g = (): GraphDef =>
    graph({
      inputs: [{ name: 'x', type: tt('float32', ['batch', 'T', 8]) }],
      outputs: [{ name: 'p', type: undefined }],
      initializers: [ints('i1', [1], []), ints('c1', [16], []), ints('c2', [15], []), ints('ax0', [0]), ints('axis1', [1]), weight('W', [8, 4])],
      nodes: [
        constantNode('pe', [1, 31, 8]),
        node('Shape', ['x'], ['s']),
        node('Gather', ['s', 'i1'], ['t'], { axis: a.i(0) }),
        node('Sub', ['c1', 't'], ['start0']),
        node('Add', ['c2', 't'], ['end0']),
        node('Unsqueeze', ['start0', 'ax0'], ['start']),
        node('Unsqueeze', ['end0', 'ax0'], ['end']),
        node('Slice', ['pe', 'start', 'end', 'axis1'], ['rel']),
        node('MatMul', ['rel', 'W'], ['p']),
      ],
    });
  const run = (opts: InferOptions = {}) => inferModel(model(g(), 13), defaultRules, opts);

  it('the length is 2T - 1, not a fresh unknown; the start is assumed >= 0 (T <= 16), as onnxruntime does, and recorded', () => {
    const r = run();
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['1', '2*T - 1', '4']);
    expect(r.nodes.find((n) => n.op === 'MatMul')!.cost!.macs.toString()).toBe('64*T - 32');
    // start 16 - T: nothing decides its sign, so it is assumed >= 0 (said, and kept as a condition);
    // that makes T <= 16, so end 15 + T <= 31 follows; the length 2T - 1 >= 0 rests on sizes >= 1.
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.node}`)).toEqual(['info slice-bound-assumed rel']);
    expect(r.conditions.map((c) => c.poly.toString())).toEqual(['-T + 16', '2*T - 1']);
    expect(r.conditions[0]!.what).toBe('node rel: axis 1 start -T + 16 >= 0 (assumed: the slice stays inside the tensor)');
  });

  it('a value range from the producing op decides the sign without an assumption: T clamped by Min(T, 16)', () => {
    // The exporter's Min(T, 16) makes the start 16 - min(T, 16), in [0, 16]: no assumption needed, and
    // the end 15 + min(T, 16) <= 31 follows from the same range.
    const clamped = graph({
      ...g(),
      initializers: [...g().initializers, ints('c16', [16], [])],
      // t = Min(Shape(x)[1], 16): the Gather's output goes through a Min.
      nodes: g().nodes.flatMap((n) => (n.opType === 'Gather' ? [{ ...n, outputs: ['tg'] }, node('Min', ['tg', 'c16'], ['t'])] : [n])),
    });
    const r = inferModel(model(clamped, 13), defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['1', '2*min(16, T) - 1', '4']);
    expect(r.diagnostics).toEqual([]);
    // Only the length's sign needed sizes >= 1 (min(16, T) >= 1).
    expect(r.conditions.map((c) => c.poly.toString())).toEqual(['2*min(16, T) - 1']);
  });

  it('a --dim value inside the table takes the same branch; one past it takes the wrapped one, as ONNX computes it', () => {
    const inside = run({ dims: { T: 10 } });
    expect(shapeOf(inside.outputs[0]!.value)).toEqual(['1', '2*T - 1', '4']);
    expect(inside.diagnostics).toEqual([]);
    // T = 20: start 16 - 20 = -4 wraps to 31 - 4 = 27 (47 - T), end 35 clamps to 31: T - 16 = 4 rows.
    const past = run({ dims: { T: 20 } });
    expect(shapeOf(past.outputs[0]!.value)).toEqual(['1', 'T - 16', '4']);
  });
});

describe('Resize sizes = Concat(Shape(x)[0:2], computed values)', () => {
  // F.interpolate(x, scale_factor=1.5, recompute_scale_factor=True): sizes = Concat(Shape(x)[0:2],
  // Cast(Floor(Cast(Shape(x)[2]) * 1.5)), ...). The float arithmetic is not propagated, so those two
  // entries are unknown; the leading [batch, 5] survive, so the bilinear FLOPs are counted over 2 axes.
  const g = graph({
    inputs: [{ name: 'x', type: tt('float32', ['batch', 5, 'h', 'w']) }],
    outputs: [{ name: 'y', type: undefined }, { name: 'l', type: undefined }],
    initializers: [ints('i2', [2], []), ints('i3', [3], []), ints('ax0', [0]), ints('z', [0]), ints('two', [2]), { name: 'k', dtype: 'float32', dims: [], byteLength: 4, location: { kind: 'none' }, values: [1.5] }],
    nodes: [
      node('Shape', ['x'], ['s']),
      node('Slice', ['s', 'z', 'two', 'z'], ['lead']),
      node('Gather', ['s', 'i2'], ['h0'], { axis: a.i(0) }),
      node('Cast', ['h0'], ['hf'], { to: a.i(1) }),
      node('Mul', ['hf', 'k'], ['hm']),
      node('Floor', ['hm'], ['hfl']),
      node('Gather', ['s', 'i3'], ['w0'], { axis: a.i(0) }),
      node('Cast', ['w0'], ['wf'], { to: a.i(1) }),
      node('Mul', ['wf', 'k'], ['wm']),
      node('Floor', ['wm'], ['wfl']),
      node('Unsqueeze', ['hfl', 'ax0'], ['hu']),
      node('Unsqueeze', ['wfl', 'ax0'], ['wu']),
      node('Concat', ['hu', 'wu'], ['hw'], { axis: a.i(0) }),
      node('Cast', ['hw'], ['hwi'], { to: a.i(7) }),
      node('Concat', ['lead', 'hwi'], ['sizes'], { axis: a.i(0) }),
      node('Resize', ['x', '', '', 'sizes'], ['y'], { mode: a.s('linear') }),
      node('ArgMax', ['y'], ['l'], { axis: a.i(1), keepdims: a.i(0) }),
    ],
  });
  it('keeps rank and leading dims; FLOPs are 2D bilinear over [batch, 5, H, W]', () => {
    const r = inferModel(model(g, 13), defaultRules);
    const y = shapeOf(r.outputs[0]!.value)!;
    expect(y.slice(0, 2)).toEqual(['batch', '5']);
    expect(y).toHaveLength(4);
    const [hh, ww] = [y[2]!, y[3]!];
    expect(shapeOf(r.outputs[1]!.value)).toEqual(['batch', hh, ww]);
    // linear over 2 axes: 2^2 = 4 taps, 2*4 - 1 = 7 flops per output element (core's resizeCost).
    expect(r.nodes.find((n) => n.op === 'Resize')!.cost!.flops.toString()).toBe(`35*batch*${hh}*${ww}`);
  });
});

describe('--input binds symbols for every input sharing them', () => {
  // A decoder step: ids [batch, seq], past_key_i / past_value_i [batch, 2, past, 4].
  const names = ['past_key_0', 'past_value_0', 'past_key_1'];
  const def = model(
    graph({
      inputs: [{ name: 'ids', type: tt('int64', ['batch', 'seq']) }, ...names.map((n) => ({ name: n, type: tt('float32', ['batch', 2, 'past', 4]) }))],
      outputs: [{ name: 'k', type: undefined }],
      nodes: [node('Concat', ['past_key_0', 'past_key_1'], ['k'], { axis: a.i(2) })],
    }),
  );
  it('past_key_0=2x2x511x4 binds batch=2 and past=511; the other past inputs follow', () => {
    const inputs = { past_key_0: [2, 2, 511, 4] };
    const bind = bindInputSymbols(def, { inputs });
    expect([...bind]).toEqual([
      ['batch', 2],
      ['past', 511],
    ]);
    const r = inferModel(def, defaultRules, { inputShapes: new Map(Object.entries(inputs)), inputBindings: bind });
    expect(r.inputs.map((i) => shapeOf(i.value))).toEqual([['2', 'seq'], ['2', '2', '511', '4'], ['2', '2', '511', '4'], ['2', '2', '511', '4']]);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['2', '2', '1022', '4']);
  });
  it('two inputs that disagree, or an input and a --dim, are an error naming both', () => {
    expect(() => bindInputSymbols(def, { inputs: { past_key_0: [2, 2, 511, 4], past_value_0: [2, 2, 500, 4] } })).toThrow(
      '--input past_key_0 and --input past_value_0 disagree on "past": past_key_0 gives 511, past_value_0 gives 500; both inputs declare that dim as "past", so give them the same size',
    );
    expect(() => bindInputSymbols(def, { inputs: { ids: [3, 1] }, dims: { batch: 2 } })).toThrow('--input ids gives "batch" = 3, but --dim batch=2; give one value');
  });
});

describe('what counts as a parameter', () => {
  // PyTorch's parameters() counts weights; buffers and traced constants are constants.
  const g = graph({
    inputs: [{ name: 'x', type: tt('float32', [2, 8]) }],
    outputs: [{ name: 'y', type: undefined }, { name: 'orphan', type: undefined }],
    initializers: [weight('bias', [4]), ints('shape', [2, 4]), ints('step', [1], [])],
    nodes: [
      constantNode('W', [8, 4]), // a Linear weight as a Constant: reaches MatMul's weight input
      constantNode('W16', [4, 4]), // re-typed on the way: Cast -> MatMul weight input
      constantNode('mask', [2, 4]), // a causal-mask buffer: read by Add
      constantNode('orphan', [3]), // a Constant that is only a graph output
      node('MatMul', ['x', 'W'], ['h']),
      node('Add', ['h', 'bias'], ['hb']), // an initializer read as data: a param
      node('Cast', ['W16'], ['W16f'], { to: a.i(1) }),
      node('MatMul', ['hb', 'W16f'], ['h2']),
      node('Add', ['h2', 'mask'], ['hm']),
      node('Reshape', ['hm', 'shape'], ['y']), // int64 shape operand: a constant
    ],
  });
  it('initializers and Constant tensors at weight inputs are params; masks, shape data and orphans are constants', () => {
    const r = inferModel(model(g, 13), defaultRules);
    // params: W 32 + bias 4 + W16 16 = 52, attributed to the node that makes each one a param.
    expect(r.paramWeights.map((w) => w.dims.reduce((x, y) => x * y, 1)).reduce((x, y) => x + y, 0)).toBe(52);
    expect(r.nodes.filter((n) => !n.params.equals(Poly.ZERO)).map((n) => `${n.name}=${n.params.toString()}`)).toEqual(['h=32', 'hb=4', 'h2=16']);
    // constants: mask 8 + orphan 3 + shape 2 + step 1 (an unused int64 initializer) = 14.
    expect(r.constantWeights.map((w) => w.dims.reduce((x, y) => x * y, 1)).reduce((x, y) => x + y, 0)).toBe(14);
  });
  it('names unused weights by the value they produce (a Constant tensor has no name of its own)', () => {
    const r = inferModel(model(g, 13), defaultRules);
    const d = r.diagnostics.find((x) => x.code === 'unused-initializer')!;
    expect(d.message).toBe('2 weights read by no node, still stored: step (constant), orphan (constant)');
  });
});

describe('com.microsoft generation loops', () => {
  // A decoder-only model: ids [batch_size, seq_len] -> e = Embedding(10, 8); present = Concat(past [bs, 8,
  // past_seq_len], e^T); scores = e @ present [bs, seq_len, past + seq]; logits = e @ W [8, 10].
  const decoder = graph({
    name: 'decoder',
    inputs: [{ name: 'input_ids', type: tt('int32', ['batch_size', 'seq_len']) }, { name: 'past_0', type: tt('float32', ['batch_size', 8, 'past_seq_len']) }],
    outputs: [{ name: 'logits', type: undefined }, { name: 'present_0', type: undefined }],
    initializers: [weight('W', [8, 10])],
    nodes: [
      node('Gather', ['emb', 'input_ids'], ['e']),
      node('Transpose', ['e'], ['et'], { perm: a.is([0, 2, 1]) }),
      node('Concat', ['past_0', 'et'], ['present_0'], { axis: a.i(2) }),
      node('MatMul', ['e', 'present_0'], ['scores']),
      node('MatMul', ['e', 'W'], ['logits']),
    ],
  });
  const beam = (extra: Partial<NodeDef> = {}): NodeDef => ({
    name: 'bs',
    opType: 'BeamSearch',
    domain: 'com.microsoft',
    inputs: ['input_ids', 'max_length', '', 'num_beams', 'num_return_sequences'],
    outputs: ['sequences'],
    attributes: { decoder: a.g(decoder), eos_token_id: a.i(2), pad_token_id: a.i(0) },
    ...extra,
  });
  const g = (n: NodeDef, inits: Weight[] = []) =>
    graph({
      inputs: [
        { name: 'input_ids', type: tt('int32', ['batch_size', 'sequence_length']) },
        ...['max_length', 'num_beams', 'num_return_sequences'].filter((x) => !inits.some((w) => w.name === x)).map((x) => ({ name: x, type: tt('int32', [1]) })),
      ],
      outputs: [{ name: 'sequences', type: undefined }],
      initializers: [weight('emb', [10, 8]), ...inits],
      nodes: [n],
    });
  const m = (gr: GraphDef) => ({ ...model(gr, 17), opsets: new Map([['', 17], ['com.microsoft', 1]]) });

  it('counts the decoder per step, symbolically in max_length and num_beams; its weights are params', () => {
    const r = inferModel(m(g(beam())), defaultRules);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['batch_size', 'num_return_sequences', 'max_length']);
    // Params: the outer embedding 80 (read inside the decoder) + the decoder's W 80 = 160.
    expect(r.paramWeights.map((w) => w.name).sort()).toEqual(['W', 'emb']);
    // Rows R = batch_size * num_beams. The prompt run (S tokens, empty past): scores R*S*S*8, logits
    // R*S*80. Then max_length - S - 1 runs of one token at the longest past max_length - 1 (total
    // max_length): R*(8*max_length + 80) each.
    const macs = new Map<string, Poly>();
    for (const n of r.nodes) if (n.cost) macs.set(n.name, n.cost.macs.mul(n.multiplicity));
    const total = [...macs.values()].reduce((x, y) => x.add(y), Poly.ZERO);
    const [R, S, M] = [Poly.sym('batch_size').mul(Poly.sym('num_beams')), Poly.sym('sequence_length'), Poly.sym('max_length')];
    const want = R.mul(S.mul(S).mul(8).add(S.mul(80)).add(M.sub(S).sub(1).mul(M.mul(8).add(80))));
    expect(total.toString()).toBe(want.toString());
    // The loop's own log-softmax: 5 flops per logit, R * 10 logits per run, max_length - S runs.
    expect(r.nodes.find((n) => n.op === 'BeamSearch')!.cost!.flops.toString()).toBe(R.mul(50).mul(M.sub(S)).toString());
    // At least one generated token: max_length >= S + 1, kept as a condition for the defaults.
    expect(r.conditions.map((c) => c.poly.toString())).toContain('max_length - sequence_length - 1');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['generation-upper-bound']);
  });

  it('known controls are numbers; GreedySearch has one beam', () => {
    const ctl = (name: string, v: number): Weight => ({ name, dtype: 'int32', dims: [1], byteLength: 4, location: { kind: 'none' }, values: [v] });
    const r = inferModel(m(g(beam(), [ctl('max_length', 20), ctl('num_beams', 4), ctl('num_return_sequences', 2)])), defaultRules);
    expect(shapeOf(r.outputs[0]!.value)).toEqual(['batch_size', '2', '20']);
    const greedy = inferModel(m(g(beam({ opType: 'GreedySearch', inputs: ['input_ids', 'max_length'] }))), defaultRules);
    expect(shapeOf(greedy.outputs[0]!.value)).toEqual(['batch_size', 'max_length']);
    // Greedy search takes an argmax over the logits: 1 flop per logit, batch_size * 10 per run.
    expect(greedy.nodes.find((n) => n.op === 'GreedySearch')!.cost!.flops.toString()).toBe('10*batch_size*max_length - 10*batch_size*sequence_length');
  });

  it('a loop without its decoder is an error naming the attribute', () => {
    const r = inferModel(m(g(beam({ attributes: { eos_token_id: a.i(2), pad_token_id: a.i(0) } }))), defaultRules);
    expect(r.diagnostics.find((d) => d.severity === 'error')!.message).toBe('(op BeamSearch, node bs) attribute decoder (the decoder sub-graph) is required');
  });
});
