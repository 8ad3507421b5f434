/**
 * Every way an input can fail to be an ONNX model ends in its own error class with an exact,
 * human message naming the file and, for damaged protobuf, the byte offset and what was expected.
 * Offsets are computed here independently (by walking the bytes with protobufjs or from markers).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import {
  bytesSource, decodeModel, decodeTensorFile, decodeValueFile, sniffOnnx, OnnxCorruptError, OnnxEmptyFileError, OnnxImportError,
  OnnxLfsPointerError, OnnxNotOnnxError, OnnxTooDeepError, OnnxTooLargeError, OnnxTruncatedError, OnnxUnexpectedKindError,
  type OnnxDecodeOptions,
} from '../../src/index.js';
import { ModelProto, encode } from './reference.js';

const SHARED = resolve(import.meta.dirname, '../../../../../shared');
const MNIST = readFileSync(join(SHARED, 'onnx-real', 'ort_mnist_cntk.onnx'));
const DAMAGED = 'The file is damaged or is not an ONNX model; fetch or export it again.';
const CUT_SHORT = 'The download or export was probably cut short; fetch or export the model again.';
const EXPORT_FIRST = 'modelcost reads ONNX files (a serialized onnx.ModelProto); export the model to ONNX first.';

/** Decode and return the thrown error (failing the test when nothing is thrown). */
function failure(bytes: Uint8Array, file: string, options: OnnxDecodeOptions = {}): OnnxImportError {
  try {
    decodeModel(bytesSource(bytes), { file, ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(OnnxImportError);
    return e as OnnxImportError;
  }
  throw new Error(`${file}: decoded without error`);
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
/** A length-delimited field. */
const ld = (field: number, payload: ArrayLike<number>): number[] => [...varint(field * 8 + 2), ...varint(payload.length), ...Array.from(payload)];
const indexOf = (hay: Uint8Array, needle: Uint8Array): number => Buffer.from(hay).indexOf(Buffer.from(needle));

/** A minimal valid model around the given graph payload. */
const model = (graph: number[]): Uint8Array => new Uint8Array([0x08, 0x08, ...ld(7, graph), ...ld(8, [0x10, 0x11])]);

describe('input that holds no model', () => {
  it('empty file', () => {
    const e = failure(new Uint8Array(0), 'empty.onnx');
    expect(e).toBeInstanceOf(OnnxEmptyFileError);
    expect(e).toMatchObject({ code: 'empty', file: 'empty.onnx', offset: 0 });
    expect(e.message).toBe('empty.onnx: the file is empty (0 bytes), so it holds no ONNX model. Check that it was written completely, or export it again.');
  });

  it('Git LFS pointer', () => {
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 102453760\n';
    const e = failure(text(pointer), 'models/resnet50.onnx');
    expect(e).toBeInstanceOf(OnnxLfsPointerError);
    expect(e).toMatchObject({ code: 'lfs-pointer', oid: 'sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393', lfsSize: 102453760 });
    expect(e.message).toBe(
      'models/resnet50.onnx: this is a Git LFS pointer, not the model itself (it stands for 97.7 MiB with oid sha256:4d7a214614ab...). ' +
        'Fetch the real file with `git lfs pull` (in CI: check out with `lfs: true`) and run again.',
    );
  });

  it('JSON text (a Keras config)', () => {
    const e = failure(text('  {"class_name": "Sequential", "config": {"layers": []}}'), 'model.json');
    expect(e).toBeInstanceOf(OnnxNotOnnxError);
    expect(e).toMatchObject({ code: 'not-onnx', detected: 'json' });
    expect(e.message).toBe(
      'model.json: not an ONNX model: it is JSON text (a Keras model config or tf.js model.json is read by the Keras importer, not this one). ' + EXPORT_FIRST,
    );
  });

  it('other text', () => {
    const e = failure(text('name: resnet\nlayers: 50\n'), 'notes.onnx');
    expect(e).toMatchObject({ code: 'not-onnx', detected: 'text' });
    expect(e.message).toBe(`notes.onnx: not an ONNX model: it is text, starting with "name: resnet\\nlayers: 50\\n". ${EXPORT_FIRST}`);
  });

  it.each([
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0], 'it is a zip archive (a .keras file, a PyTorch .pt/.pth checkpoint or an .npz, not an .onnx model)'],
    ['hdf5', [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], 'it is an HDF5 file (a Keras .h5 model, not an .onnx model)'],
    ['pickle', [0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e], 'it is a Python pickle (a PyTorch checkpoint, not an .onnx model)'],
    ['tflite', [0x1c, 0, 0, 0, 0x54, 0x46, 0x4c, 0x33, 0, 0], 'it is a TensorFlow Lite flatbuffer (.tflite)'],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00, 0, 0], 'it is gzip-compressed; decompress it first'],
  ])('%s', (detected, bytes, what) => {
    const e = failure(new Uint8Array(bytes as number[]), 'x.onnx');
    expect(e).toMatchObject({ code: 'not-onnx', detected });
    expect(e.message).toBe(`x.onnx: not an ONNX model: ${what}. ${EXPORT_FIRST}`);
  });

  it('a protobuf that is not a ModelProto (a TensorProto test-data file)', () => {
    const path = join(SHARED, 'onnx-conformance', 'node', 'test_abs', 'test_data_set_0', 'output_0.pb');
    // 08 03 08 04 08 05 | 10 01: three dims (field 1, varint, a valid ir_version tag), then data_type
    // as field 2 varint where ModelProto has producer_name, a string.
    const e = failure(readFileSync(path), 'output_0.pb');
    expect(e).toMatchObject({ code: 'not-onnx', detected: 'protobuf', offset: 6 });
    expect(e.message).toBe(
      'output_0.pb: not an ONNX model: it is a protobuf message, but not a ModelProto: field 2 at byte 6 has wire type 0 ' +
        `(expected wire type 2 (length-delimited) for ModelProto field 2 (producer_name)). ${EXPORT_FIRST}`,
    );
  });

  it('a protobuf whose first field is no ModelProto field', () => {
    const e = failure(new Uint8Array([0x0a, 0x02, 0x01, 0x02, 0x10, 0x01]), 'packed.pb');
    expect(e.message).toBe(
      'packed.pb: not an ONNX model: its first protobuf field (field 1, wire type 2, at byte 0) is not a ModelProto field ' +
        `(expected field 1 (ir_version) with wire type 0 (varint)). ${EXPORT_FIRST}`,
    );
  });

  it('a ModelProto-like message without a graph', () => {
    const e = failure(new Uint8Array([0x08, 0x07, ...ld(2, Array.from(text('tool')))]), 'nograph.onnx');
    expect(e.message).toBe(
      'nograph.onnx: not an ONNX model: it is a protobuf message without a graph (ModelProto field 7): perhaps a TensorProto test-data file ' +
        `or another protobuf format. ${EXPORT_FIRST}`,
    );
  });
});

describe('damaged models', () => {
  it('truncated ModelProto: the graph runs past the end of the file', () => {
    // Find the graph field independently: walk the top-level tags with protobufjs.
    const rd = protobuf.Reader.create(MNIST);
    let graphAt = -1;
    let graphLen = 0;
    let graphStart = 0;
    while (rd.pos < rd.len) {
      const at = rd.pos;
      const tag = rd.uint32();
      if (tag >>> 3 === 7) {
        graphAt = at;
        graphLen = rd.uint32();
        graphStart = rd.pos;
        break;
      }
      rd.skipType(tag & 7);
    }
    const cut = Math.floor(MNIST.length * 0.6);
    const e = failure(MNIST.subarray(0, cut), 'mnist.onnx');
    expect(e).toBeInstanceOf(OnnxTruncatedError);
    expect(e).toMatchObject({ code: 'truncated', offset: graphAt });
    expect(e.message).toBe(
      `mnist.onnx: the file is truncated: field 7 (graph) of ModelProto at byte ${graphAt} declares ${graphLen} bytes, ` +
        `but only ${cut - graphStart} remain (the file ends at byte ${cut}). ${CUT_SHORT}`,
    );
  });

  it('truncated inside a varint', () => {
    const e = failure(new Uint8Array([0x08, 0x88]), 'cut.onnx');
    expect(e).toMatchObject({ code: 'truncated', offset: 1 });
    expect(e.message).toBe(`cut.onnx: the file is truncated: a varint at byte 1 runs past its end (byte 2). ${CUT_SHORT}`);
  });

  it('corrupt varint: more than 10 bytes', () => {
    // Attribute i = -1 is a 10-byte varint ff..ff 01; turning the last byte into ff makes it endless.
    const bytes = encode(ModelProto, {
      irVersion: 8,
      opsetImport: [{ version: 17 }],
      graph: { node: [{ opType: 'Flatten', input: ['x'], output: ['y'], attribute: [{ name: 'axis', type: 2, i: -1 }] }] },
    });
    const ten = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    const at = indexOf(bytes, ten);
    expect(at).toBeGreaterThan(0);
    const bad = new Uint8Array(bytes);
    bad[at + 9] = 0xff;
    const e = failure(bad, 'bad.onnx');
    expect(e).toBeInstanceOf(OnnxCorruptError);
    expect(e).toMatchObject({ code: 'corrupt', offset: at, where: 'AttributeProto' });
    expect(e.message).toBe(
      `bad.onnx: corrupt protobuf at byte ${at} in AttributeProto: expected a varint of at most 10 bytes, ` +
        `got more than 10 bytes with the continuation bit set. ${DAMAGED}`,
    );
  });

  it('corrupt: a field with the wrong wire type', () => {
    const bytes = model(ld(1, [0x20, 0x05]));
    const at = 2 + 2 + 2; // model: 08 08 | 3a len | node: 0a len | 20 05
    const e = failure(bytes, 'bad.onnx');
    expect(e).toMatchObject({ code: 'corrupt', offset: at, where: 'NodeProto' });
    expect(e.message).toBe(
      `bad.onnx: corrupt protobuf at byte ${at} in NodeProto: expected field 4 (op_type) with wire type 2 (length-delimited), got wire type 0 (varint). ${DAMAGED}`,
    );
  });

  it('corrupt: a length running past its parent message', () => {
    const bytes = model(ld(1, [0x0a, 0x10, 0x61]));
    const at = 6;
    const e = failure(bytes, 'bad.onnx');
    expect(e).toMatchObject({ code: 'corrupt', offset: at });
    expect(e.message).toBe(
      `bad.onnx: corrupt protobuf at byte ${at} in NodeProto: expected field 1 (input) to fit in its parent (at most 1 bytes), got a length of 16 bytes. ${DAMAGED}`,
    );
  });

  it('corrupt, not truncated: a child running past a parent that ends exactly at the end of the file', () => {
    // The graph is the last field, so it ends where the file ends; its node claims 16 bytes it lacks.
    const bytes = new Uint8Array([0x08, 0x08, ...ld(8, [0x10, 0x11]), ...ld(7, ld(1, [0x0a, 0x10, 0x61]))]);
    const at = bytes.length - 3;
    const e = failure(bytes, 'bad.onnx');
    expect(e).toMatchObject({ code: 'corrupt', offset: at });
    expect(e.message).toBe(
      `bad.onnx: corrupt protobuf at byte ${at} in NodeProto: expected field 1 (input) to fit in its parent (at most 1 bytes), got a length of 16 bytes. ${DAMAGED}`,
    );
  });

  it('deep nesting: If inside If, 40 levels, stops at the 100-level limit', () => {
    const N = 40;
    let graph: number[] = [];
    for (let k = 0; k < N; k++) {
      const j = N - 1 - k; // nesting index from the outside
      const attr = [...ld(1, Array.from(text(`then${String(j).padStart(3, '0')}`))), 0xa0, 0x01, 0x05, ...ld(6, graph)];
      graph = ld(1, [...ld(4, Array.from(text('If'))), ...ld(5, attr)]);
    }
    const bytes = model(graph);
    // Levels: ModelProto 1, graph 2, node 3, attribute 4, its graph 5...: the attribute at level 100
    // is nesting j = 32, and its `g` tag (after name and type) opens level 101.
    const name = text('then032');
    const at = indexOf(bytes, name) + name.length + 3;
    const e = failure(bytes, 'deep.onnx');
    expect(e).toBeInstanceOf(OnnxTooDeepError);
    expect(e).toMatchObject({ code: 'too-deep', offset: at });
    expect(e.message).toBe(
      `deep.onnx: messages nest more than 100 levels deep at byte ${at} (subgraphs inside subgraphs). ` +
        'No real model nests this deep; the file is damaged or built to exhaust the reader.',
    );
    // The same file decodes with a higher limit: the limit, not the data, stopped it.
    expect(decodeModel(bytesSource(bytes), { maxDepth: 200 }).graph.nodes).toHaveLength(1);
  });

  it('deep nesting in a type: sequence<sequence<...>> 3000 levels ends in too-deep, not a stack overflow', () => {
    let type: number[] = ld(1, [0x08, 0x01]);
    for (let i = 0; i < 3000; i++) type = ld(4, ld(1, type));
    const bytes = model(ld(11, [...ld(1, Array.from(text('x'))), ...ld(2, type)]));
    expect(failure(bytes, 'types.onnx')).toBeInstanceOf(OnnxTooDeepError);
  });

  it('a list longer than maxListEntries', () => {
    const ints = Array.from({ length: 20 }, (_, k) => [0x40, k]).flat();
    const attr = [...ld(1, Array.from(text('zzints'))), ...ints];
    const bytes = model(ld(1, [...ld(4, Array.from(text('Foo'))), ...ld(5, attr)]));
    const at = indexOf(bytes, text('zzints')) + 6 + 10 * 2; // the 11th ints entry
    const e = failure(bytes, 'long.onnx', { maxListEntries: 10 });
    expect(e).toBeInstanceOf(OnnxTooLargeError);
    expect(e).toMatchObject({ code: 'too-large', offset: at });
    expect(e.message).toBe(
      `long.onnx: field 8 (ints) of AttributeProto at byte ${at} holds more than 10 entries, over modelcost's limit; ` +
        'the file is damaged or built to exhaust the reader.',
    );
  });

  it('without a file label, messages name "input"', () => {
    expect(() => decodeModel(bytesSource(new Uint8Array(0)))).toThrow(/^input: the file is empty/);
  });
});

describe('sniffOnnx', () => {
  it('accepts a model and reports its IR version and graph span without decoding it', () => {
    const s = sniffOnnx(bytesSource(MNIST), { file: 'mnist.onnx' });
    // 3a b2 ce 01 at byte 26: tag, then a 3-byte length; the graph starts at byte 30.
    expect(s).toMatchObject({ irVersion: 3, sizeBytes: MNIST.length, graph: { offset: 30, length: 26418 } });
    expect(s.graph.offset + s.graph.length).toBeLessThanOrEqual(MNIST.length);
  });

  it('throws the same typed errors as decodeModel', () => {
    expect(() => sniffOnnx(bytesSource(new Uint8Array(0)))).toThrow(OnnxEmptyFileError);
    expect(() => sniffOnnx(bytesSource(MNIST.subarray(0, 1000)))).toThrow(OnnxTruncatedError);
  });
});

describe('value files', () => {
  it('an empty or LFS value file fails like a model', () => {
    expect(() => decodeTensorFile(bytesSource(new Uint8Array(0)), { file: 'o.pb' })).toThrow(OnnxEmptyFileError);
    expect(() => decodeValueFile(bytesSource(text('version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 9\n')))).toThrow(OnnxLfsPointerError);
  });

  it('a tensor file read as an expected sequence says what it is', () => {
    const path = join(SHARED, 'onnx-conformance', 'node', 'test_abs', 'test_data_set_0', 'output_0.pb');
    try {
      decodeValueFile(bytesSource(readFileSync(path)), { file: 'output_0.pb', expect: 'sequence' });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(OnnxUnexpectedKindError);
      expect((e as Error).message).toBe('output_0.pb: expected a serialized SequenceProto, but the bytes decode as TensorProto.');
    }
  });
});
