/**
 * Keras HDF5 files in a pull request, through the review every CI front end runs (the Action and
 * the Danger plugin call `review`): under the default `models` globs a changed `.h5` gets a cost row,
 * a weights-only or damaged one an error row, and the format registry picks the importer from the bytes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bytesSource } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { importerFor, MODEL_FORMATS, parseConfig, renderComment, review, sniffFormat, sniffSource, type FileChange } from '../src/index.js';

const H5 = resolve(import.meta.dirname, '../../keras/test/fixtures/h5');
const read = (f: string): Uint8Array => new Uint8Array(readFileSync(join(H5, f)));

describe('format registry', () => {
  it('sniffs HDF5 at byte 0 and after a user block, zip, JSON (objects, arrays, strings) and ONNX', () => {
    expect(sniffSource(bytesSource(read('astronomy_keras2.12_model.h5')))).toBe('keras-hdf5');
    expect(sniffSource(bytesSource(read('astronomy_userblock512.h5')))).toBe('keras-hdf5');
    expect(sniffSource(bytesSource(read('astronomy_h5_named.keras')))).toBe('keras-hdf5');
    const enc = new TextEncoder();
    expect(sniffFormat(enc.encode('  {"class_name": 1}'))).toBe('keras-json');
    expect(sniffFormat(enc.encode('[1, 2]'))).toBe('keras-json');
    expect(sniffFormat(enc.encode('"{}"'))).toBe('keras-json');
    expect(sniffFormat(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('keras-zip');
    // A .keras zip storing its weights member uncompressed can hold the HDF5 signature at byte 512.
    const zip = new Uint8Array(2048);
    zip.set([0x50, 0x4b, 3, 4], 0);
    zip.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 512);
    expect(sniffSource(bytesSource(zip))).toBe('keras-zip');
    expect(sniffFormat(new Uint8Array([0x08, 0x07]))).toBe('onnx');
    expect(MODEL_FORMATS.map((f) => [f.format, importerFor(f.format)])).toEqual([
      ['keras-hdf5', 'keras'],
      ['keras-zip', 'keras'],
      ['keras-json', 'keras'],
      ['onnx', 'onnx'],
    ]);
  });
});

describe('review of .h5 files under the default config', async () => {
  const config = parseConfig('dims: { batch: 1 }').value!;
  const files: Record<string, { base?: Uint8Array; head?: Uint8Array }> = {
    'models/classifier.h5': { base: read('astronomy_keras2.12_model.h5'), head: read('transfer_learning_keras2.15_model.h5') },
    'models/weights.h5': { head: read('astronomy_keras2_save_weights.h5') },
    'models/cut.hdf5': { head: read('astronomy_keras2.12_model.h5').subarray(0, 2000) },
    'models/model.keras': { head: read('astronomy_h5_named.keras') },
  };
  const changes: FileChange[] = [
    { path: 'models/classifier.h5', status: 'modified' },
    { path: 'models/weights.h5', status: 'added' },
    { path: 'models/cut.hdf5', status: 'added' },
    { path: 'models/model.keras', status: 'added' },
  ];
  const result = await review(changes, async (side, path) => files[path]?.[side], config);

  it('the default models globs select .h5, .hdf5 and .keras files', () => {
    expect(config.models).toEqual(['**/*.onnx', '**/*.h5', '**/*.hdf5', '**/*.keras']);
    expect(result.models.map((m) => `${m.path}:${m.status}`)).toEqual(['models/classifier.h5:changed', 'models/weights.h5:error', 'models/cut.hdf5:error', 'models/model.keras:added']);
  });

  it('a changed .h5 gets a cost row: 132 -> 565 params (tfjs-layers counts of the head architecture)', () => {
    const row = result.models[0]!;
    expect(row.diff?.totals.params).toMatchObject({ base: 132, head: 565 });
    expect(renderComment(result.models)).toContain('`models/classifier.h5`');
  });

  it('weights-only and truncated files are error rows that say why', () => {
    expect(result.models[1]!.error).toMatch(/^the file holds Keras weights \(model\.save_weights\('w\.h5'\)\) but no architecture/);
    expect(result.models[2]!.error).toMatch(/^truncated or damaged HDF5 file: the superblock says the file ends at byte \d+, but it has 2000 bytes/);
  });
});
