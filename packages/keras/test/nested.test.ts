/**
 * Nested models called inside a functional model (transfer learning), in the three forms Keras
 * writes them: tf.js model.json (saved by the real tfjs-layers), Keras 2 `to_json()` and Keras 3
 * config (tools/fixtures/tfjs/nested-models.mjs). Ground truth: tfjs's own countParams(), trainable
 * split and shapes (expected.json), and hand-derived MACs below.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesSource } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { profileKeras } from '../src/index.js';
import { bytesOf, functional, input, makeZip, nodeNamed, profile } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const DIR = join(here, 'fixtures', 'nested');

interface Expected {
  params: number;
  trainable: number;
  non_trainable: number;
  input_shapes: (number | null)[][];
  output_shapes: (number | null)[][];
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { generatedBy: string; files: Record<string, Expected> };
const asKeras = (s: (number | string)[] | null): (number | null)[] | null => (s ? s.map((d) => (typeof d === 'number' ? d : null)) : null);
const load = (file: string) => profileKeras(bytesSource(new Uint8Array(readFileSync(join(DIR, file)))), { file, dims: { batch: 1 } });

describe(`nested models vs ${expected.generatedBy} counts`, () => {
  it.each(Object.entries(expected.files))('%s', (file, exp) => {
    const r = load(file);
    expect(r.totals.params).toBe(exp.params);
    expect(r.totals.trainableParams).toBe(exp.trainable);
    expect(r.inputs.map((i) => asKeras(i.shape))).toEqual(exp.input_shapes);
    expect(r.outputs.map((o) => asKeras(o.shape))).toEqual(exp.output_shapes);
    expect(r.coverage.unsupported).toEqual({});
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

const FORMS = ['tfjs', 'keras2', 'keras3'] as const;

describe.each(FORMS)('%s form', (form) => {
  it('each output of a nested model resolves to its own call (16x16 first, 8x8 second)', () => {
    const r = load(`nested_outputs.${form}.json`);
    expect(r.outputs.map((o) => o.shape)).toEqual([
      ['batch', 16, 16, 4],
      ['batch', 4],
      ['batch', 8, 8, 4],
    ]);
    // Two calls on different input sizes: both expanded. Conv 3x3x3 -> 4, same padding:
    // 16*16*4*27 + 8*8*4*27 = 27,648 + 6,912 = 34,560 MACs.
    expect(r.nodes.map((n) => n.name)).toEqual(['encoder/conv', 'encoder#2/conv', 'pool']);
    expect(r.totals.macs).toBe(34_560);
  });

  it('siamese: the encoder counted once, its second call reusing the first analysis', () => {
    const r = load(`siamese.${form}.json`);
    // encoder: hidden 20*12 + embed 12*6 = 312 MACs per call; score 12*1 = 12 (after concatenating 6 + 6).
    expect(r.totals.macs).toBe(2 * 312 + 12);
    expect(r.nodes.map((n) => n.name)).toEqual(['encoder/hidden', 'encoder/embed', 'encoder#2', 'pair', 'score']);
    expect(nodeNamed(r, 'encoder#2')).toMatchObject({ op: form === 'tfjs' ? 'Model' : 'Functional', macs: 312, params: 0 });
    expect(r.diagnostics.find((d) => d.code === 'nested-call-reused')?.node).toBe('encoder#2');
  });

  it('two levels: a stage called twice, holding a nested Sequential block', () => {
    const r = load(`two_levels.${form}.json`);
    // stage: block dense 10*10 = 100 MACs (+ layer norm, residual add: no MACs); out 10*3 = 30.
    expect(r.totals.macs).toBe(2 * 100 + 30);
    expect(r.nodes.map((n) => n.name)).toEqual(['stage/block/b1', 'stage/block/ln', 'stage/residual', 'stage#2', 'out']);
  });

  it('frozen base: weights counted, only the new head trainable', () => {
    const r = load(`frozen_base.${form}.json`);
    // classifier: 12*3 + 3 = 39 trainable (the rest is the frozen backbone).
    expect(r.totals.trainableParams).toBe(39);
    expect(nodeNamed(r, 'backbone/conv1').outputs[0]!.shape).toEqual(['batch', 30, 30, 8]);
  });
});

describe('.keras archives', () => {
  const archive = (config: unknown, kerasVersion: string) =>
    makeZip([
      { name: 'metadata.json', data: bytesOf({ keras_version: kerasVersion, date_saved: '2024-01-01@00:00:00' }) },
      { name: 'config.json', data: bytesOf(config) },
      { name: 'model.weights.h5', data: new Uint8Array(4096), method: 0 },
    ]);
  const tfjs = (file: string) => expected.files[file]!;

  it('Keras 3 .keras holding a siamese model', () => {
    const config = JSON.parse(readFileSync(join(DIR, 'siamese.keras3.json'), 'utf8')) as unknown;
    const r = profileKeras(bytesSource(archive(config, '3.5.0')), { file: 'siamese.keras', dims: { batch: 1 } });
    expect([r.totals.params, r.totals.trainableParams]).toEqual([tfjs('siamese.keras3.json').params, tfjs('siamese.keras3.json').trainable]);
  });

  it('tf.keras 2.13-2.15 .keras (Keras 2 list call records with `module` keys): Keras 2 numbering', () => {
    // tf.keras 2.13+ writes the Keras v3 archive with its own get_config: list inbound nodes, nested
    // calls numbered from 1, and module / registered_name on every object.
    const k2 = JSON.parse(readFileSync(join(DIR, 'nested_outputs.keras2.json'), 'utf8')) as { config: { layers: Record<string, unknown>[] } };
    // config.json has no keras_version (metadata.json does): only the records tell the numbering.
    const { keras_version: _v, backend: _b, ...top } = k2 as typeof k2 & { keras_version?: string; backend?: string };
    const withModules = { ...top, module: 'keras.src.engine.functional', registered_name: 'Functional', config: { ...k2.config, layers: k2.config.layers.map((l) => ({ module: 'keras.layers', registered_name: null, ...l })) } };
    const r = profileKeras(bytesSource(archive(withModules, '2.15.0')), { file: 'two_calls.keras', dims: { batch: 1 } });
    expect(r.outputs.map((o) => o.shape)).toEqual([
      ['batch', 16, 16, 4],
      ['batch', 4],
      ['batch', 8, 8, 4],
    ]);
    expect(r.totals.params).toBe(tfjs('nested_outputs.keras2.json').params);
  });
});

describe('call numbering corner cases', () => {
  // A tf.keras Sequential built without an input shape (it builds on its first call) is not skipped
  // by _should_skip_first_node: its calls are numbered from 0; Keras 2.0-2.2 numbered every nested
  // model from 1. The config cannot say which writer made it; the references do.
  const seq = (inbound: unknown) => ({
    class_name: 'Sequential',
    name: 'mlp',
    config: { name: 'mlp', layers: [{ class_name: 'Dense', config: { name: 'd1', units: 4 } }] },
    inbound_nodes: inbound,
  });
  it.each([
    ['tf.keras, deferred Sequential: numbered from 0', 0],
    ['Keras 2.2, every nested model: numbered from 1', 1],
  ])('%s', (_t, first) => {
    const m = functional(
      [input('a', [null, 8]), input('b', [null, 8]), seq([[['a', 0, 0, {}]], [['b', 0, 0, {}]]]), { class_name: 'Add', name: 'sum', config: { name: 'sum' }, inbound_nodes: [[['mlp', first, 0, {}], ['mlp', first + 1, 0, {}]]] }],
      ['a', 'b'],
      ['sum'],
    );
    const r = profile(m, { dims: { batch: 1 } });
    // Dense 8 -> 4: 36 params once, 32 MACs per call.
    expect(r.totals.params).toBe(36);
    expect(r.totals.macs).toBe(64);
  });

  it('Keras 3 files written before output_layers numbered a nested Functional from 1 are read as written', () => {
    const k3 = JSON.parse(readFileSync(join(DIR, 'nested_outputs.keras3.json'), 'utf8')) as { config: { output_layers: [string, number, number][] } };
    k3.config.output_layers = [
      ['encoder', 0, 0],
      ['pool', 0, 0],
      ['encoder', 1, 0],
    ];
    expect(profile(k3, { dims: { batch: 1 } }).outputs.map((o) => o.shape)).toEqual([
      ['batch', 16, 16, 4],
      ['batch', 4],
      ['batch', 8, 8, 4],
    ]);
  });

  it('a reference past the last call names the numbering', () => {
    const k2 = JSON.parse(readFileSync(join(DIR, 'siamese.keras2.json'), 'utf8')) as { config: { layers: { name: string; inbound_nodes: unknown }[] } };
    const pair = k2.config.layers.find((l) => l.name === 'pair')!;
    pair.inbound_nodes = [[['encoder', 1, 0, {}], ['encoder', 3, 0, {}]]];
    expect(() => profile(k2)).toThrow('input: layer "pair" reads call 3 of layer "encoder" (it has 2, numbered from 1), which no layer of the model produces.');
  });
});
