/**
 * Bad input: each case with its exact message (wording lives in src/messages.ts).
 */
import { bytesSource } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { KerasImportError, profileKeras } from '../src/index.js';
import { bytesOf, makeZip, sequential, layer } from './helpers.js';

function fail(bytes: Uint8Array, file = 'model.json'): KerasImportError {
  try {
    profileKeras(bytesSource(bytes), { file });
  } catch (e) {
    expect(e).toBeInstanceOf(KerasImportError);
    return e as KerasImportError;
  }
  throw new Error('expected a KerasImportError');
}

const EXPECTED = '{"class_name": "Sequential" | "Functional" | "Model", "config": {...}}, from model.to_json()) or a tf.js model.json ({"modelTopology": ...})';
const model = sequential([1, 8], [layer('Dense', 'd', { units: 4 })]);

describe('errors', () => {
  it.each([
    ['trailing comma', '{"class_name": "Sequential",\n  "config": [1, 2,]}', 'model.json: invalid JSON at line 2, column 19 (byte 47): trailing comma before "]". Export the model again with model.to_json().'],
    ['truncated text', '{"class_name": "Seq', 'model.json: invalid JSON at line 1, column 16 (byte 15): unterminated string. Export the model again with model.to_json().'],
    ['unquoted key', '{\n  class_name: 1}', 'model.json: invalid JSON at line 2, column 3 (byte 4): expected a property name in double quotes, got "c". Export the model again with model.to_json().'],
    ['NaN', '{"a": NaN}', 'model.json: invalid JSON at line 1, column 7 (byte 6): NaN and Infinity are not JSON (Python json.dump(allow_nan=True) wrote them). Export the model again with model.to_json().'],
  ])('invalid JSON: %s', (_t, text, message) => {
    const e = fail(bytesOf(text));
    expect(e.code).toBe('invalid-json');
    expect(e.file).toBe('model.json');
    expect(e.message).toBe(message);
  });

  it('invalid JSON inside a JSON string', () => {
    expect(fail(bytesOf(JSON.stringify('{"class_name": }'))).message).toBe(
      'model.json: invalid JSON at line 1, column 16 (byte 15): unexpected character "}" (inside the JSON string that holds the model JSON). Export the model again with model.to_json().',
    );
  });

  it('JSON that is not a Keras config names the keys it found and the ones expected', () => {
    const e = fail(bytesOf({ foo: 1, bar: 2 }));
    expect(e.code).toBe('not-keras');
    expect(e.message).toBe(`model.json: not a Keras model config: it is a JSON object with keys "foo", "bar"; expected a Keras model config (${EXPECTED}.`);
    expect(fail(bytesOf([1, 2])).message).toBe(`model.json: not a Keras model config: it is a JSON array; expected a Keras model config (${EXPECTED}.`);
    expect(fail(bytesOf({ class_name: 'Dense', config: { units: 3 } })).message).toBe(
      `model.json: not a Keras model config: class_name "Dense" with no \`layers\` list (a single layer or a subclassed model); expected a Keras model config (${EXPECTED}.`,
    );
  });

  it('empty file and HDF5', () => {
    expect(fail(new Uint8Array(0)).message).toBe('model.json: the file is empty (0 bytes), so it holds no Keras model. Check that it was written completely.');
    expect(fail(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'model.h5').message).toBe(
      'model.h5: truncated or damaged HDF5 file: the file ends at byte 10, inside the superblock that starts at byte 0. Fetch or save the .h5 file again.',
    );
  });

  it('zip without config.json', () => {
    const e = fail(makeZip([{ name: 'metadata.json', data: bytesOf({}) }, { name: 'model.weights.h5', data: new Uint8Array(10) }]), 'm.keras');
    expect(e.code).toBe('zip-no-config');
    expect(e.message).toBe('m.keras: zip archive without a config.json member, so it is not a .keras model (members: "metadata.json", "model.weights.h5").');
  });

  it('zip bomb: central directory declares a huge uncompressed size', () => {
    const e = fail(makeZip([{ name: 'config.json', data: bytesOf(model), declaredSize: 0xfffffff0 }]), 'm.keras');
    expect(e.code).toBe('zip-too-large');
    expect(e.message).toBe('m.keras: config.json declares 4294967280 bytes, over the 67108864 byte limit; refusing to inflate it (a zip bomb or not a Keras archive).');
  });

  it('zip bomb: small declared size, inflates past the cap', () => {
    // 80 MiB of spaces deflate to ~80 KB; the header lies and says 100 bytes.
    const e = fail(makeZip([{ name: 'config.json', data: new Uint8Array(80 * 1024 * 1024).fill(32), declaredSize: 100 }]), 'm.keras');
    expect(e.code).toBe('zip-too-large');
    expect(e.message).toBe('m.keras: config.json inflates to more than 67108864 bytes, over the 67108864 byte limit; refusing to inflate it (a zip bomb or not a Keras archive).');
  });

  it('truncated zip: no end record; central directory beyond the end', () => {
    const zip = makeZip([{ name: 'config.json', data: bytesOf(model) }]);
    expect(fail(zip.subarray(0, zip.length - 30), 'm.keras').message).toBe('m.keras: truncated or damaged zip archive: no end-of-central-directory record. Fetch or save the .keras file again.');
    // Keep the end record but cut the bytes before it: the central directory offset now points past the end.
    const cut = new Uint8Array([...zip.subarray(0, 20), ...zip.subarray(zip.length - 22)]);
    const e = fail(cut, 'm.keras');
    expect(e.code).toBe('zip-damaged');
    expect(e.message).toMatch(/^m\.keras: truncated or damaged zip archive: central directory at byte \d+ lies beyond the end of the file \(42 bytes\)\. Fetch or save the \.keras file again\.$/);
  });

  it('damaged deflate data', () => {
    const zip = makeZip([{ name: 'config.json', data: bytesOf(model) }]);
    const broken = zip.slice();
    broken[30 + 'config.json'.length] = 0xff; // first byte of the deflate stream: block type 3 (invalid)
    const e = fail(broken, 'm.keras');
    expect(e.code).toBe('zip-damaged');
    expect(e.message).toBe('m.keras: config.json is damaged: invalid block type. Fetch or save the .keras file again.');
  });

  it('an --input naming no model input', () => {
    expect(() => profileKeras(bytesSource(bytesOf(model)), { file: 'm.json', inputs: { nope: [1, 8] } })).toThrow('m.json: --input nope: the model has no input named "nope"; its inputs are "input_1".');
  });

  it('a layer reading a tensor no layer produces', () => {
    const bad = { class_name: 'Functional', config: { name: 'f', layers: [{ class_name: 'Dense', name: 'd', config: { units: 2 }, inbound_nodes: [[['ghost', 0, 0, {}]]] }], input_layers: [], output_layers: [['d', 0, 0]] } };
    expect(fail(bytesOf(bad)).message).toBe('model.json: layer "d" reads ["ghost", 0, 0], which no layer of the model produces.');
  });
});
