/**
 * The decoder reads structure, not weights: a synthetic model holding 50 MiB of raw_data plus
 * 16 MiB more in 64 raw tensors, a 4 MiB packed float_data tensor and a 1M-entry int64_data tensor
 * is decoded from a file through a counting ByteSource, and the bytes actually read must stay
 * under 1 MB while every layout comes out right.
 */
import { mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesSource, decodeModel, OnnxIoError, type OnnxModel, type OnnxTensor } from '../../src/index.js';
import { openFileSource, withFileSource } from '../../src/node/file-source.js';
import { ModelProto, encode } from './reference.js';

const BIG = 50 * 1024 * 1024;
const SMALL = 256 * 1024;
const SMALL_COUNT = 64;
let dir = '';
let path = '';
let fileSize = 0;

/** A byte pattern that differs at every offset mod 251, so a misplaced offset cannot match. */
function pattern(n: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed) % 251;
  return b;
}

function readAt(p: string, offset: number, length: number): Buffer {
  const fd = openSync(p, 'r');
  try {
    const b = Buffer.alloc(length);
    readSync(fd, b, 0, length, offset);
    return b;
  } finally {
    closeSync(fd);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'modelcost-onnx-'));
  path = join(dir, 'big.onnx');
  const initializer = [
    { name: 'W', dims: [BIG / 4 / 4096, 4096], dataType: 1, rawData: pattern(BIG, 1) },
    ...Array.from({ length: SMALL_COUNT }, (_, i) => ({ name: `w${i}`, dims: [SMALL / 2], dataType: 10, rawData: pattern(SMALL, i + 2) })),
    { name: 'F', dims: [1 << 20], dataType: 1, floatData: Array.from({ length: 1 << 20 }, (_, i) => i % 1000) },
    { name: 'I', dims: [1 << 20], dataType: 7, int64Data: Array.from({ length: 1 << 20 }, (_, i) => i * 1000) },
    { name: 'shape', dims: [2], dataType: 7, rawData: Buffer.from(new BigInt64Array([-1n, 4096n]).buffer) },
  ];
  const bytes = encode(ModelProto, {
    irVersion: 9,
    producerName: 'modelcost-test',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'big',
      node: [
        { opType: 'Reshape', input: ['x', 'shape'], output: ['x2'], name: 'reshape' },
        { opType: 'MatMul', input: ['x2', 'W'], output: ['y'], name: 'mm' },
        {
          opType: 'Constant',
          output: ['c'],
          name: 'const',
          attribute: [{ name: 'value', type: 4, t: { dims: [], dataType: 7, rawData: Buffer.from(new BigInt64Array([7n]).buffer) } }],
        },
      ],
      initializer,
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 3200 }] } } } }],
      output: [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 4096 }] } } } }],
    },
  });
  writeFileSync(path, bytes);
  fileSize = bytes.length;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('file-backed decode reads structure only', () => {
  let model: OnnxModel;
  let bytesRead = 0;
  let reads = 0;

  beforeAll(() => {
    const src = openFileSource(path);
    try {
      model = decodeModel(src, { file: 'big.onnx' });
      bytesRead = src.bytesRead;
      reads = src.reads;
    } finally {
      src.close();
    }
  });

  it('reads under 1 MB of a file of over 75 MB', () => {
    expect(fileSize).toBeGreaterThan(BIG + SMALL * SMALL_COUNT + 4 * (1 << 20));
    expect(bytesRead).toBeLessThan(1_000_000);
    expect(reads).toBeLessThan(1000);
  });

  it('locates the 50 MiB raw_data payload exactly, without reading it', () => {
    const w = model.graph.initializers.find((t) => t.name === 'W')!;
    expect(w).toMatchObject({ dtype: 'float32', dims: [3200, 4096], byteLength: BIG, storage: 'raw_data' });
    expect(w.values).toBeUndefined();
    if (w.location.kind !== 'inline') throw new Error('W should be inline');
    expect(w.location.length).toBe(BIG);
    expect(readAt(path, w.location.offset, 64)).toEqual(pattern(BIG, 1).subarray(0, 64));
    expect(readAt(path, w.location.offset + BIG - 64, 64)).toEqual(pattern(BIG, 1).subarray(BIG - 64));
  });

  it('locates every small raw tensor and the typed float_data / int64_data payloads', () => {
    const byName = new Map<string, OnnxTensor>(model.graph.initializers.map((t) => [t.name, t]));
    for (let i = 0; i < SMALL_COUNT; i++) {
      const t = byName.get(`w${i}`)!;
      expect(t).toMatchObject({ dtype: 'float16', byteLength: SMALL, location: { kind: 'inline', length: SMALL } });
      if (t.location.kind === 'inline') expect(readAt(path, t.location.offset, 32)).toEqual(pattern(SMALL, i + 2).subarray(0, 32));
    }
    const f = byName.get('F')!;
    expect(f).toMatchObject({ storage: 'float_data', byteLength: 4 << 20, location: { kind: 'inline', length: 4 << 20 } });
    expect(f.values).toBeUndefined();
    const i64 = byName.get('I')!;
    expect(i64).toMatchObject({ storage: 'int64_data', byteLength: 8 << 20, elementCount: 1 << 20 });
    expect(i64.values).toBeUndefined();
  });

  it('still decodes the small tensors shape computation needs', () => {
    const shape = model.graph.initializers.find((t) => t.name === 'shape')!;
    expect(shape.values).toEqual([-1, 4096]);
    const c = model.graph.nodes.find((n) => n.opType === 'Constant')!.attributes['value'];
    expect(c?.type === 'tensor' && c.value.values).toEqual([7]);
    expect(model.graph.inputs[0]?.type).toMatchObject({ kind: 'tensor', elemType: 'float32', shape: ['batch', 3200] });
  });

  it('decodes the same structure from a file as from bytes in memory', () => {
    const inMemory = decodeModel(bytesSource(readAt(path, 0, fileSize)), { file: 'big.onnx' });
    expect(inMemory).toEqual(model);
  });
});

describe('openFileSource', () => {
  it('reads at offsets, counts what it read, and closes idempotently', () => {
    const got = withFileSource(path, (src) => {
      expect(src.size).toBe(fileSize);
      const head = src.read(0, 16);
      const tail = src.read(fileSize - 8, 8);
      expect(src.reads).toBe(2);
      expect(src.bytesRead).toBe(24);
      return Buffer.concat([head, tail]);
    });
    expect(got).toEqual(Buffer.concat([readAt(path, 0, 16), readAt(path, fileSize - 8, 8)]));
    const src = openFileSource(path);
    src.close();
    expect(() => src.close()).not.toThrow();
  });

  it('a read past the end returns fewer bytes, which the decoder reports as an I/O error', () => {
    const src = openFileSource(path);
    try {
      expect(src.read(fileSize - 4, 16).length).toBe(4);
      // A source that claims to be larger than it is: the decoder's window read comes back short.
      const lying = { size: src.size + 100, read: (o: number, l: number) => src.read(o, l) };
      expect(() => decodeModel(lying, { file: 'big.onnx' })).toThrow(OnnxIoError);
    } finally {
      src.close();
    }
  });
});
