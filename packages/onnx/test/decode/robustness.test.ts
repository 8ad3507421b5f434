/**
 * Damaged input never escapes as anything but an OnnxImportError and never hangs: 2,400 seeded
 * random mutations (byte flips, 0xff runs that make endless varints, truncations, insertions,
 * deletions, duplicated spans) of four real models and of test-data files each end in a decoded
 * model or a typed import error, quickly.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seededRandom } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { bytesSource, decodeModel, decodeValueFile, OnnxImportError } from '../../src/index.js';

const SHARED = resolve(import.meta.dirname, '../../../../../shared');

function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  const at = (n: number) => Math.floor(rand() * n);
  const b = new Uint8Array(src);
  switch (at(6)) {
    case 0: {
      for (let i = 0, n = 1 + at(8); i < n; i++) b[at(b.length)] = at(256);
      return b;
    }
    case 1: {
      const p = at(b.length);
      b.fill(0xff, p, p + 1 + at(16));
      return b;
    }
    case 2:
      return b.subarray(0, at(b.length));
    case 3: {
      const p = at(b.length);
      const ins = Array.from({ length: 1 + at(8) }, () => at(256));
      return new Uint8Array([...b.subarray(0, p), ...ins, ...b.subarray(p)]);
    }
    case 4: {
      const p = at(b.length);
      return new Uint8Array([...b.subarray(0, p), ...b.subarray(p + 1 + at(16))]);
    }
    default: {
      const p = at(b.length);
      const q = at(b.length);
      return new Uint8Array([...b.subarray(0, p), ...b.subarray(q, q + at(64)), ...b.subarray(p)]);
    }
  }
}

interface Tally {
  decoded: number;
  errors: Record<string, number>;
  escaped: string[];
  slowestMs: number;
}

function run(bytes: Uint8Array, count: number, seed: number, decode: (b: Uint8Array) => unknown): Tally {
  const rand = seededRandom(seed);
  const tally: Tally = { decoded: 0, errors: {}, escaped: [], slowestMs: 0 };
  for (let i = 0; i < count; i++) {
    const m = mutate(bytes, rand);
    const t0 = performance.now();
    try {
      decode(m);
      tally.decoded++;
    } catch (e) {
      if (e instanceof OnnxImportError) tally.errors[e.code] = (tally.errors[e.code] ?? 0) + 1;
      else tally.escaped.push(`mutation ${i}: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
    }
    tally.slowestMs = Math.max(tally.slowestMs, performance.now() - t0);
  }
  return tally;
}

describe('random damage ends in a model or a typed error', () => {
  const models = ['ort_mnist_cntk.onnx', 'tract_qlstm_scan_qlinearconv.onnx', 'ort_three_layer_nested_if_ir11.onnx', 'ort_dynamo_local_functions.onnx'];
  models.forEach((file, k) => {
    it(`${file}: 500 mutations`, () => {
      const bytes = readFileSync(join(SHARED, 'onnx-real', file));
      const t = run(bytes, 500, 1000 + k, (b) => decodeModel(bytesSource(b), { file }));
      expect(t.escaped).toEqual([]);
      expect(t.slowestMs).toBeLessThan(2000);
      // The mutations reach both outcomes, and both kinds of damage are told apart.
      expect(t.decoded).toBeGreaterThan(0);
      expect(t.errors['truncated']).toBeGreaterThan(0);
      expect(t.errors['corrupt']).toBeGreaterThan(0);
    });
  });

  it('test-data value files: 400 mutations', () => {
    const dir = join(SHARED, 'onnx-conformance', 'node');
    const files = ['test_abs', 'test_sequence_insert_at_back', 'test_cast_FLOAT_to_STRING', 'test_optional_get_element_sequence'].map((d) =>
      readFileSync(join(dir, d, 'test_data_set_0', d.startsWith('test_optional') ? 'input_0.pb' : 'output_0.pb')),
    );
    const escaped: string[] = [];
    files.forEach((bytes, k) => {
      const t = run(bytes, 100, 2000 + k, (b) => decodeValueFile(bytesSource(b)));
      escaped.push(...t.escaped);
    });
    expect(escaped).toEqual([]);
  });
});
