/**
 * Multi-input layers (attention, merges), shared layers, nested models, dtype policies, symbolic
 * dims, unsupported layers and the Keras 3 / tf.js / .keras containers.
 */
import { bytesSource } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { profileKeras, readKerasConfig } from '../src/index.js';
import { analyze, bytesOf, functional, input, makeZip, node, nodeNamed, profile, sequential, layer } from './helpers.js';

describe('attention', () => {
  it('MultiHeadAttention num_heads=2 key_dim=2 self-attention on [1,8,16]', () => {
    // query, key, value dense: 16*(2*2) + 2*2 = 68 each; output dense: (2*2)*16 + 16 = 80. Total 284.
    // MACs: projections 3 * 8*16*4 = 1536; QK^T 2*8*8*2 = 256; AV 256; output 8*4*16 = 512: 2560.
    const m = functional([input('q', [1, 8, 16]), node('MultiHeadAttention', 'mha', { num_heads: 2, key_dim: 2 }, ['q'], { value: ['q', 0, 0] })], ['q'], ['mha']);
    const r = profile(m);
    expect(r.totals.params).toBe(284);
    const n = nodeNamed(r, 'mha');
    expect(n.outputs[0]!.shape).toEqual([1, 8, 16]);
    expect(n.macs).toBe(2560);
  });

  it('MultiHeadAttention Keras 3 call with query and value tensors, value_dim and output_shape', () => {
    // query dense 16*(4*8)+32 = 544; key dense 12*32+32 = 416; value dense 12*(4*4)+16 = 208; output (4*4)*10+10 = 170: 1338.
    const kt = (name: string, shape: number[]) => ({ class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [name, 0, 0] } });
    const m = {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name: 'f',
        trainable: true,
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 5, 16], dtype: 'float32', name: 'q' }, name: 'q', inbound_nodes: [] },
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 7, 12], dtype: 'float32', name: 'v' }, name: 'v', inbound_nodes: [] },
          {
            module: 'keras.layers',
            class_name: 'MultiHeadAttention',
            config: { name: 'mha', num_heads: 4, key_dim: 8, value_dim: 4, output_shape: 10, use_bias: true, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } } },
            name: 'mha',
            inbound_nodes: [{ args: [kt('q', [5, 16]), kt('v', [7, 12])], kwargs: { return_attention_scores: true } }],
          },
        ],
        input_layers: [['q', 0, 0], ['v', 0, 0]],
        output_layers: [['mha', 0, 0]],
      },
    };
    const r = profile(m, { dims: { batch: 1 } });
    expect(r.totals.params).toBe(1338);
    expect(r.model.opsets).toEqual({ keras: 3 });
    expect(nodeNamed(r, 'mha').outputs.map((o) => o.shape)).toEqual([
      ['batch', 5, 10],
      ['batch', 4, 5, 7],
    ]);
  });

  it('Attention use_scale (1 param) and AdditiveAttention (scale per feature)', () => {
    const m = functional(
      [input('q', [1, 4, 8]), input('v', [1, 6, 8]), node('Attention', 'att', { use_scale: true }, ['q', 'v']), node('AdditiveAttention', 'add_att', { use_scale: true }, ['q', 'v'])],
      ['q', 'v'],
      ['att', 'add_att'],
    );
    const r = profile(m);
    expect(nodeNamed(r, 'att').params).toBe(1);
    expect(nodeNamed(r, 'add_att').params).toBe(8);
    expect(nodeNamed(r, 'att').outputs[0]!.shape).toEqual([1, 4, 8]);
    // QK^T 4*6*8 + AV 4*6*8 = 384.
    expect(nodeNamed(r, 'att').macs).toBe(384);
  });
});

describe('merge', () => {
  const two = (cls: string, cfg: Record<string, unknown>, a: number[], b: number[]) =>
    profile(functional([input('a', a), input('b', b), node(cls, 'm', cfg, ['a', 'b'])], ['a', 'b'], ['m']));
  it.each([
    ['Add', {}, [1, 4, 8], [1, 4, 8], [1, 4, 8], 32],
    ['Subtract', {}, [1, 4, 8], [1, 4, 8], [1, 4, 8], 32],
    ['Multiply', {}, [1, 4, 8], [1, 1, 8], [1, 4, 8], 32],
    ['Average', {}, [1, 4, 8], [1, 4, 8], [1, 4, 8], 64],
    ['Maximum', {}, [1, 4, 8], [1, 4, 8], [1, 4, 8], 32],
    ['Minimum', {}, [1, 4, 8], [1, 4, 8], [1, 4, 8], 32],
    ['Concatenate', { axis: -1 }, [1, 4, 8], [1, 4, 3], [1, 4, 11], 0],
    ['Concatenate', { axis: 1 }, [1, 4, 8], [1, 2, 8], [1, 6, 8], 0],
  ])('%s %j', (cls, cfg, a, b, out, flops) => {
    const n = nodeNamed(two(cls, cfg, a, b), 'm');
    expect(n.outputs[0]!.shape).toEqual(out);
    expect(n.flops).toBe(flops);
  });
  it('Dot axes 2 on [1,4,8] x [1,6,8] -> [1,4,6], 4*6*8 = 192 MACs', () => {
    const n = nodeNamed(two('Dot', { axes: 2 }, [1, 4, 8], [1, 6, 8]), 'm');
    expect(n.outputs[0]!.shape).toEqual([1, 4, 6]);
    expect(n.macs).toBe(192);
  });
  it('Dot axes 1 on [1,8] x [1,8] -> [1,1]', () => {
    expect(nodeNamed(two('Dot', { axes: 1, normalize: true }, [1, 8], [1, 8]), 'm').outputs[0]!.shape).toEqual([1, 1]);
  });
  it('shapes that do not fit: a diagnostic naming the layer, the rest profiles', () => {
    const r = profile(functional([input('a', [1, 4, 8]), input('b', [1, 4, 7]), node('Add', 'bad_add', {}, ['a', 'b']), node('Dense', 'd', { units: 2 }, ['a'])], ['a', 'b'], ['bad_add', 'd']));
    expect(nodeNamed(r, 'bad_add').status).toBe('error');
    const d = r.diagnostics.find((x) => x.code === 'shape-mismatch')!;
    expect(d.node).toBe('bad_add');
    expect(d.message).toBe('(Add "bad_add") inputs do not match: [1, 4, 8] vs [1, 4, 7] (axis 2: 8 vs 7)');
    expect(r.totals.params).toBe(18);
  });
});

describe('graph', () => {
  it('shared layer: weights counted once, cost per call, second call named layer#2', () => {
    // Dense 8->4: 36 params once; MACs 2 * 8*4 = 64.
    const m = functional(
      [input('a', [1, 8]), input('b', [1, 8]), { ...node('Dense', 'shared', { units: 4 }, ['a']), inbound_nodes: [[['a', 0, 0, {}]], [['b', 0, 0, {}]]] }, node('Add', 'sum', {}, [['shared', 0, 0], ['shared', 1, 0]])],
      ['a', 'b'],
      ['sum'],
    );
    const r = profile(m);
    expect(r.totals.params).toBe(36);
    expect(r.totals.macs).toBe(64);
    expect(r.nodes.map((n) => n.name)).toEqual(['shared', 'shared#2', 'sum']);
    expect(nodeNamed(r, 'shared#2').params).toBe(0);
    expect(r.totals.weightBytes).toBe(36 * 4);
  });

  it('nested Sequential inside a Functional model, frozen: all its weights non-trainable', () => {
    const seq = sequential([null, 8], [layer('Dense', 'd1', { units: 4 })]);
    const inner = { ...seq, config: { ...(seq['config'] as object), trainable: false }, name: 'inner', inbound_nodes: [[['x', 0, 0, {}]]] };
    // tf-keras numbers the calls of a nested Sequential built with an InputLayer from 1 (its own build
    // node is skipped: functional.py _should_skip_first_node), so its first call is ["inner", 1, 0].
    const m = functional([input('x', [null, 8]), inner, node('Dense', 'head', { units: 2 }, [['inner', 1, 0]])], ['x'], ['head']);
    const r = profile(m, { dims: { batch: 1 } });
    // inner Dense 8*4+4 = 36 frozen; head 4*2+2 = 10.
    expect(r.totals.params).toBe(46);
    expect(r.totals.trainableParams).toBe(10);
    expect(r.nodes.map((n) => n.name)).toEqual(['inner/d1', 'head']);
  });

  it('layer trainable=false freezes its weights', () => {
    const r = profile(sequential([1, 8], [layer('Dense', 'a', { units: 4, trainable: false }), layer('Dense', 'b', { units: 2 })]));
    expect(r.totals.params).toBe(46);
    expect(r.totals.trainableParams).toBe(10);
  });

  it('null batch becomes the symbol batch: MACs are a polynomial', () => {
    const r = profile(sequential([null, 8], [layer('Dense', 'd', { units: 4 })]));
    expect(r.inputs[0]!.shape).toEqual(['batch', 8]);
    expect(r.symbolic?.['macs']).toBe('32*batch');
    expect(profile(sequential([null, 8], [layer('Dense', 'd', { units: 4 })]), { dims: { batch: 3 } }).totals.macs).toBe(96);
  });

  it('null sequence length becomes <input>_dim1; --input overrides it', () => {
    const m = sequential([null, null, 8], [layer('LSTM', 'l', { units: 4 })]);
    const r = profile(m);
    expect(r.inputs[0]!.shape).toEqual(['batch', 8, 'input_1_dim1'].slice(0, 1).concat(['input_1_dim1', 8]));
    // 4 gates * 4 * (8 + 4) = 192 MACs per step.
    expect(r.symbolic?.['macs']).toBe('192*batch*input_1_dim1');
    expect(profile(m, { inputs: { input_1: [2, 10, 8] } }).totals.macs).toBe(2 * 10 * 192);
  });

  it('mixed_float16: activations fp16 bytes, variables fp32', () => {
    const policy = { class_name: 'Policy', config: { name: 'mixed_float16' } };
    const r = profile(sequential([1, 8], [layer('Dense', 'd', { units: 4, dtype: policy })]));
    const n = nodeNamed(r, 'd');
    expect(n.outputs[0]!.dtype).toBe('float16');
    expect(n.bytesWritten).toBe(4 * 2);
    expect(r.totals.weightBytes).toBe(36 * 4);
  });

  it('Lambda / custom layers: unsupported node with the class name, downstream unknown-shape, params still counted where possible', () => {
    const m = functional(
      [input('x', [1, 10], 'int32'), node('Lambda', 'lam', { function: 'x' }, ['x']), node('Embedding', 'emb', { input_dim: 100, output_dim: 8 }, ['lam']), node('Dense', 'd', { units: 3 }, ['emb'])],
      ['x'],
      ['d'],
    );
    const r = profile(m);
    expect(r.coverage.unsupported).toEqual({ Lambda: 1 });
    expect(nodeNamed(r, 'lam').status).toBe('unsupported');
    expect(nodeNamed(r, 'emb').status).toBe('unknown-shape');
    // Embedding params come from its config alone: 800; Dense needs the input width: not counted, with a diagnostic.
    expect(r.totals.params).toBe(800);
    expect(r.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['unsupported-layer', 'params-unknown']));
    expect(r.diagnostics.find((d) => d.code === 'unsupported-layer')!.message).toContain('class Lambda');
  });

  it('Keras 1 Sequential with input_dim and Merge-free layers', () => {
    const m = { class_name: 'Sequential', keras_version: '1.2.2', config: [{ class_name: 'Dense', config: { name: 'd1', output_dim: 16, input_dim: 8, bias: true, activation: 'relu' } }, { class_name: 'GRU', config: { name: 'g', output_dim: 4 } }] };
    const r = profile({ ...m, config: [m.config[0], { class_name: 'RepeatVector', config: { name: 'rv', n: 3 } }, m.config[1]] });
    // Dense 8*16+16 = 144; GRU (Keras 1, no reset_after) 3*(4*(16+4)+4) = 252.
    expect(r.totals.params).toBe(396);
    expect(r.model.producer).toBe('keras 1.2.2');
  });
});

describe('containers', () => {
  const model = sequential([1, 8], [layer('Dense', 'd', { units: 4 })]);

  it('.keras zip: reads config.json only (weights member untouched)', () => {
    const zip = makeZip([
      { name: 'metadata.json', data: bytesOf({ keras_version: '3.1.0' }) },
      { name: 'config.json', data: bytesOf(model) },
      { name: 'model.weights.h5', data: new Uint8Array(200_000).fill(7), method: 0 },
    ]);
    const reads: [number, number][] = [];
    const src = bytesSource(zip);
    const spy = { size: src.size, read: (o: number, n: number) => (reads.push([o, n]), src.read(o, n)) };
    const r = profileKeras(spy, { file: 'm.keras' });
    expect(r.totals.params).toBe(36);
    // End record, central directory, config.json's local header and data: a few hundred bytes of 200 KB.
    expect(reads.reduce((s, [, n]) => s + n, 0)).toBeLessThan(1000);
  });

  it('JSON string holding the model JSON (decode twice)', () => {
    expect(profile(JSON.stringify(JSON.stringify(model))).totals.params).toBe(36);
  });

  it('tf.js model.json with modelTopology.model_config and weightsManifest', () => {
    const tfjs = { format: 'layers-model', generatedBy: 'keras v2.4.0', convertedBy: 'TensorFlow.js Converter v3.0.0', modelTopology: { keras_version: '2.4.0', backend: 'tensorflow', model_config: model }, weightsManifest: [] };
    const r = profile(tfjs);
    expect(r.totals.params).toBe(36);
  });

  it('readKerasConfig returns the parsed config object', () => {
    expect(readKerasConfig(bytesSource(bytesOf(model)), 'm.json')).toEqual(model);
  });

  it('analyzeKeras gives per-layer details', () => {
    const a = analyze(model);
    expect(a.result.calls.map((c) => [c.name, c.className, c.weights.map((w) => w.name)])).toEqual([['d', 'Dense', ['d/kernel', 'd/bias']]]);
  });
});

describe('identical layer calls share their rule result', () => {
  it('same class, config and input: the same cost, each layer its own weights and trainable flags', () => {
    // x -> bn_a -> bn_b (trainable) and a frozen copy: BatchNormalization on 8 features has gamma, beta
    // (trainable) and moving mean / variance (never trainable): 4 * 8 = 32 params per layer.
    const bn = (name: string, from: string, trainable = true) => node('BatchNormalization', name, { axis: -1, trainable }, [from]);
    const m = functional([input('x', [1, 8]), bn('bn_a', 'x'), bn('bn_b', 'bn_a'), bn('bn_frozen', 'bn_b', false)], ['x'], ['bn_frozen']);
    const a = analyze(m);
    expect(a.result.calls.map((c) => [c.name, c.weights.map((w) => `${w.name}:${w.trainable}`)])).toEqual([
      ['bn_a', ['bn_a/gamma:true', 'bn_a/beta:true', 'bn_a/moving_mean:false', 'bn_a/moving_variance:false']],
      ['bn_b', ['bn_b/gamma:true', 'bn_b/beta:true', 'bn_b/moving_mean:false', 'bn_b/moving_variance:false']],
      ['bn_frozen', ['bn_frozen/gamma:false', 'bn_frozen/beta:false', 'bn_frozen/moving_mean:false', 'bn_frozen/moving_variance:false']],
    ]);
    const r = profile(m);
    expect(r.totals.params).toBe(96);
    expect(r.totals.trainableParams).toBe(32);
    expect(nodeNamed(r, 'bn_b').flops).toBe(nodeNamed(r, 'bn_a').flops);
    expect(nodeNamed(r, 'bn_b').bytesRead).toBe(nodeNamed(r, 'bn_a').bytesRead);
  });

  it('a layer whose rule warned is not reused: each call says it again', () => {
    const m = sequential([1, 8], [layer('Dense', 'a', { units: 8, activation: 'mystery' }), layer('Dense', 'b', { units: 8, activation: 'mystery' })]);
    expect(profile(m).diagnostics.filter((d) => d.code === 'unknown-activation').map((d) => d.node)).toEqual(['a', 'b']);
  });
});
