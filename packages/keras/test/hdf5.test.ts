/**
 * Keras HDF5 files written by h5py in the layouts Keras writes (tools/fixtures/keras_h5.py): whole
 * models, weights-only files (Keras 2 save_weights, Keras 3 *.weights.h5), every HDF5 storage form
 * the reader handles (superblock v0 and v3, a user block, fixed and variable-length strings, compact
 * and dense attributes, symbol-table and dense links), and damaged files.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesSource, seededRandom, WorkBudget, WorkLimitError, type ByteSource } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { analyzeKeras, KerasImportError, profileKeras } from '../src/index.js';
import { Hdf5File } from '../src/read/hdf5/file.js';

const here = dirname(fileURLToPath(import.meta.url));
const H5 = join(here, 'fixtures', 'h5');
const SHARED = resolve(here, '../../../../shared/keras-fixtures');
const expected = JSON.parse(readFileSync(join(SHARED, 'expected.json'), 'utf8')) as { files: Record<string, { params: number; trainable?: number }> };
const offsets = JSON.parse(readFileSync(join(H5, 'data_offsets.json'), 'utf8')) as Record<string, Record<string, [number, number]>>;

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(H5, name)));
const profileFile = (name: string, weightsOnlyOk = false) => profileKeras(bytesSource(bytes(name)), { file: name, weightsOnlyOk });

function fail(src: ByteSource | Uint8Array, file: string, weightsOnlyOk = false): KerasImportError {
  try {
    profileKeras(src instanceof Uint8Array ? bytesSource(src) : src, { file, weightsOnlyOk });
  } catch (e) {
    if (e instanceof KerasImportError) return e;
    throw e;
  }
  throw new Error(`${file}: expected a KerasImportError`);
}

/** A ByteSource that records every read. */
function spy(b: Uint8Array): { src: ByteSource; reads: [number, number][] } {
  const reads: [number, number][] = [];
  const inner = bytesSource(b);
  return { src: { size: inner.size, read: (o, n) => (reads.push([o, n]), inner.read(o, n)) }, reads };
}

const ASTRONOMY = expected.files['keras2/astronomy_sequential_normalization_h5_model_config.json']!;
const MARIO = expected.files['keras2/mario_lstm_sequential_list_config_h5_model_config.json']!;

describe('whole-model .h5 files', () => {
  it.each([
    ['astronomy_keras2.12_model.h5', 'keras 2.12.0'],
    ['astronomy_h5_named.keras', 'keras 2.12.0'],
    ['astronomy_userblock512.h5', 'keras 2.12.0'],
  ])('%s: tf.keras 2.12 layout (h5py 3 variable-length strings): params and trainable split as expected.json', (name, producer) => {
    // expected.json (sum of the original file's model_weights datasets): 132 params, 93 trainable.
    const r = profileFile(name);
    expect(r.model).toEqual({ path: name, format: 'keras', producer, opsets: { keras: 2 } });
    expect(r.totals.params).toBe(ASTRONOMY.params);
    expect(r.totals.trainableParams).toBe(ASTRONOMY.trainable);
    expect(r.inputs.map((i) => i.shape)).toEqual([['batch', 19]]);
    expect(r.outputs.map((o) => o.shape)).toEqual([['batch', 1]]);
    // Dense 19*4 + 4*2 + 2*1 = 86 MACs per sample.
    expect(r.totals.macs).toBe(86);
    expect(r.coverage.unsupported).toEqual({});
  });

  it('Keras 2.2 file with h5py 2 fixed-length strings (a Sequential config as a list)', () => {
    const r = profileFile('mario_keras2.2_model_fixed_strings.h5');
    expect(r.model.producer).toBe('keras 2.2.0');
    expect(r.totals.params).toBe(MARIO.params);
    expect(r.outputs[0]!.shape).toEqual(['batch', 23]);
  });

  it('libver latest: an 80 KB fixed-length model_config stored densely (fractal heap huge object, v2 B-tree)', () => {
    const r = profileFile('inception_v3_dense_attribute_libver_latest.h5');
    expect(r.model.producer).toBe('keras 1.2.2');
    expect(r.totals.params).toBe(expected.files['keras1/keras-js_inception_v3.json']!.params);
  });

  it('libver latest: 43 dense attributes (B-tree of depth 1) and 61 dense links under model_weights', () => {
    // 60 Dense 3 -> 3 layers: 60 * (9 + 3) = 720 params.
    const r = profileFile('dense60_many_attrs_libver_latest.h5');
    expect(r.totals.params).toBe(720);
    expect(r.nodes).toHaveLength(60);
  });

  it('transfer learning: a nested Functional backbone in a tf.keras 2.15 .h5, and its save_weights file', () => {
    // tfjs-layers counts for this architecture (test/fixtures/nested/expected.json): 565 params, 549 trainable.
    const nested = JSON.parse(readFileSync(join(here, 'fixtures', 'nested', 'expected.json'), 'utf8')) as { files: Record<string, { params: number; trainable: number }> };
    const exp = nested.files['nested_functional.keras2.json']!;
    const r = profileFile('transfer_learning_keras2.15_model.h5');
    expect([r.totals.params, r.totals.trainableParams]).toEqual([exp.params, exp.trainable]);
    expect(r.nodes.map((n) => n.name)).toEqual(['backbone/conv1', 'backbone/bn1', 'backbone/relu1', 'backbone/dw2', 'backbone/pw2', 'gap', 'classifier']);
    const w = profileFile('transfer_learning_keras2.15_save_weights.h5', true);
    expect(w.totals.params).toBe(exp.params);
    expect(w.nodes.map((n) => [n.name, n.params])).toEqual([
      ['backbone', 565 - 85],
      ['classifier', 16 * 5 + 5],
    ]);
  });

  it('never reads weight data: no read overlaps a dataset byte range that h5py reported', () => {
    const name = 'astronomy_keras2.12_model.h5';
    const { src, reads } = spy(bytes(name));
    profileKeras(src, { file: name });
    // 9 model weights and 13 optimizer slots (Adam iter, m and v of 6 weights), all with data.
    const ranges = Object.values(offsets[name]!);
    expect(ranges.length).toBe(22);
    for (const [o, n] of reads) for (const [d, len] of ranges) expect(o + n <= d || o >= d + len).toBe(true);
  });

  it('a model_config that is not JSON: invalid-json naming the file and the attribute', () => {
    const e = fail(bytes('bad_model_config.h5'), 'bad.h5');
    expect(e.code).toBe('invalid-json');
    expect(e.message).toBe(
      'bad.h5: invalid JSON at line 1, column 52 (byte 51): unexpected character "}" (in the HDF5 attribute model_config). Export the model again with model.to_json().',
    );
  });

  it('an HDF5 file that is not Keras', () => {
    const e = fail(bytes('not_keras_data.h5'), 'data.h5');
    expect(e.code).toBe('not-keras');
    expect(e.message).toBe(
      `data.h5: an HDF5 file, but not a Keras model: its root has no model_config attribute and no Keras weights layout (root attributes: "creator"; groups: "images"). modelcost reads Keras model.save('m.h5') files (and, with --weights-only-ok, weights files).`,
    );
  });
});

describe('weights-only files', () => {
  it('Keras 2 save_weights: a clear error saying how to save the architecture', () => {
    const e = fail(bytes('astronomy_keras2_save_weights.h5'), 'w.h5');
    expect(e.code).toBe('weights-only');
    expect(e.message).toBe(
      "w.h5: the file holds Keras weights (model.save_weights('w.h5')) but no architecture (no model_config), so its shapes and MACs cannot be known. Save the whole model with model.save('m.keras') or model.save('m.h5'), or export model.to_json(); or pass --weights-only-ok for a params-only report from the weight shapes.",
    );
    expect(fail(bytes('astronomy_keras3.weights.h5'), 'm.weights.h5').message).toContain("(Keras 3 model.save_weights('m.weights.h5'))");
  });

  it('Keras 2 save_weights with weightsOnlyOk: params from dataset shapes, every layer an unsupported weights-only node', () => {
    const r = profileFile('astronomy_keras2_save_weights.h5', true);
    // mean 19 + variance 19 + count 1 = 39; dense 19*4+4 = 80; dense_1 4*2+2 = 10; dense_2 2*1+1 = 3.
    expect(r.nodes.map((n) => [n.name, n.op, n.params, n.status])).toEqual([
      ['normalization', 'weights-only', 39, 'unsupported'],
      ['dense', 'weights-only', 80, 'unsupported'],
      ['dense_1', 'weights-only', 10, 'unsupported'],
      ['dense_2', 'weights-only', 3, 'unsupported'],
    ]);
    expect(r.totals.params).toBe(ASTRONOMY.params);
    expect(r.totals.trainableParams).toBeUndefined();
    expect(r.coverage).toEqual({ nodes: 4, supported: 0, unsupported: { 'weights-only': 4 } });
    // 131 float32 values and one int64 count.
    expect(r.totals.weightBytes).toBe(131 * 4 + 8);
    expect(r.diagnostics.map((d) => d.code)).toContain('weights-only');
    expect(r.inputs).toEqual([]);
  });

  it('Keras 2.2 save_weights with fixed-length strings: a layer without weights is no node', () => {
    const r = profileFile('mario_keras2.2_save_weights_fixed_strings.h5', true);
    expect(r.nodes.map((n) => [n.name, n.params])).toEqual([
      ['lstm_1', 23 * 512 + 128 * 512 + 512],
      ['dense_1', 128 * 23 + 23],
    ]);
    expect(r.totals.params).toBe(MARIO.params);
    expect(r.model.producer).toBe('keras 2.2.0');
  });

  it('Keras 3 *.weights.h5: layers/<name>/vars, nested layers named outer/inner, the optimizer not counted', () => {
    const name = 'astronomy_keras3.weights.h5';
    const { src, reads } = spy(bytes(name));
    const r = profileKeras(src, { file: name, weightsOnlyOk: true });
    expect(r.nodes.map((n) => [n.name, n.params])).toEqual([
      ['dense', 80],
      ['dense_2', 3],
      ['normalization', 39],
      ['sequential/dense_1', 10],
    ]);
    // Optimizer: 5 vars of 4 elements, not model weights.
    expect(r.totals.params).toBe(132);
    for (const [o, n] of reads) for (const [d, len] of Object.values(offsets[name]!)) expect(o + n <= d || o >= d + len).toBe(true);
  });

  it('analyzeKeras reports the weights-only analysis', () => {
    const a = analyzeKeras(bytesSource(bytes('astronomy_keras2_save_weights.h5')), { weightsOnlyOk: true });
    expect(a.weightsOnly).toBe(true);
    expect(a.trainableParams).toBeUndefined();
    expect(a.result.weights.map((w) => w.name)).toContain('normalization/normalization/count:0');
  });
});

describe('HDF5 reader limits', () => {
  it('a string attribute longer than the cap is refused before it is decoded (fixed and variable length)', () => {
    for (const name of ['astronomy_keras2.12_model.h5', 'mario_keras2.2_model_fixed_strings.h5']) {
      const h = Hdf5File.open(bytesSource(bytes(name)), { budget: new WorkBudget({}, name) });
      const mc = h.attributes(h.root).get('model_config')!;
      expect(h.strings(mc)![0]!.length).toBeGreaterThan(1000);
      expect(() => h.strings(mc, 100)).toThrow(/attribute "model_config" holds a string of \d+ bytes, over the 100 byte limit/);
    }
  });
});

describe('damaged HDF5', () => {
  it('every truncation of a model file is a clear hdf5-damaged error naming the file', () => {
    // Weight data lies at the end of this file: a cut there is caught by the superblock's end-of-file address.
    const b = bytes('astronomy_keras2.12_model.h5');
    expect(fail(b.subarray(0, b.length - 1), 'cut.h5').message).toBe(
      `cut.h5: truncated or damaged HDF5 file: the superblock says the file ends at byte ${b.length}, but it has ${b.length - 1} bytes (it was cut short). Fetch or save the .h5 file again.`,
    );
    const codes = new Set<string>();
    for (let cut = 8; cut < b.length; cut += 211) {
      const e = fail(b.subarray(0, cut), 'cut.h5');
      codes.add(e.code);
      expect(e.message.startsWith('cut.h5: truncated or damaged HDF5 file: ')).toBe(true);
    }
    expect([...codes]).toEqual(['hdf5-damaged']);
  });

  it('random byte damage ends in a Keras import error or a work limit, never anything else', () => {
    const rand = seededRandom(18);
    for (const name of ['astronomy_keras2.12_model.h5', 'dense60_many_attrs_libver_latest.h5', 'astronomy_keras3.weights.h5']) {
      const clean = bytes(name);
      let failures = 0;
      for (let round = 0; round < 150; round++) {
        const b = clean.slice();
        for (let k = 0; k < 4; k++) b[Math.floor(rand() * Math.min(b.length, 6000))] = Math.floor(rand() * 256);
        try {
          profileKeras(bytesSource(b), { file: name, weightsOnlyOk: true, limits: { maxMs: 2000 } });
        } catch (e) {
          failures++;
          if (!(e instanceof KerasImportError) && !(e instanceof WorkLimitError)) throw e;
        }
      }
      expect(failures).toBeGreaterThan(0);
    }
  });
});
