/**
 * Test-data value files: every `input_N.pb` / `output_N.pb` of the conformance suite decodes, as
 * the kind its model declares for it (tensor, sequence, map, optional), to what protobufjs reads:
 * names, dtypes, dims, element structure, and the values of small tensors. Without a declared kind,
 * the guess must agree for every tensor, sequence and map file.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { bytesSource, decodeTensorFile, decodeValueFile, type OnnxValue } from '../../src/index.js';
import {
  MapProto, ModelProto, OptionalProto, REF_DTYPE, SequenceProto, SparseTensorProto, TensorProto, refDecode, refTensorValues, refType,
  type Obj,
} from './reference.js';

const ROOT = resolve(import.meta.dirname, '../../../../../shared/onnx-conformance');
const FLOAT_DTYPES = new Set(['float32', 'float64', 'float16', 'bfloat16']);

/** Reference tensor projection; values when our default limits (4096 ints, 256 floats) decode them. */
function refTensorProj(t: Obj): Obj {
  const dtype = REF_DTYPE[t.dataType ?? 0];
  const dims = (t.dims ?? []).map(Number);
  const n = dims.reduce((a: number, d: number) => a * d, 1);
  const values = refTensorValues(t);
  const limit = FLOAT_DTYPES.has(dtype ?? '') ? 256 : 4096;
  const out: Obj = { name: t.name ?? '', dtype, dims };
  if (values !== undefined && n <= limit) out.values = values;
  if (dtype === 'string' && n <= 4096) out.strings = (t.stringData ?? []).map((b: Buffer) => b.toString('utf8'));
  return out;
}

const ELEM = [undefined, 'tensor', 'sparse_tensor', 'sequence', 'map', 'optional'];

function refValue(kind: string, m: Obj): Obj {
  switch (kind) {
    case 'tensor':
      return { kind, tensor: refTensorProj(m) };
    case 'sparse_tensor':
      return { kind, dims: (m.dims ?? []).map(Number), values: m.values ? refTensorProj(m.values) : undefined };
    case 'sequence': {
      const elements = [
        ...(m.tensorValues ?? []).map((t: Obj) => refValue('tensor', t)),
        ...(m.sparseTensorValues ?? []).map((t: Obj) => refValue('sparse_tensor', t)),
        ...(m.sequenceValues ?? []).map((t: Obj) => refValue('sequence', t)),
        ...(m.mapValues ?? []).map((t: Obj) => refValue('map', t)),
        ...(m.optionalValues ?? []).map((t: Obj) => refValue('optional', t)),
      ];
      return { kind, name: m.name ?? '', elemKind: ELEM[m.elemType ?? 0], elements };
    }
    case 'map':
      return {
        kind,
        name: m.name ?? '',
        keyType: REF_DTYPE[m.keyType ?? 0],
        keys: m.stringKeys ? m.stringKeys.map((b: Buffer) => b.toString('utf8')) : (m.keys ?? []).map((k: string) => BigInt(k).toString()),
        values: m.values ? refValue('sequence', m.values) : undefined,
      };
    default: {
      const inner =
        m.tensorValue ? refValue('tensor', m.tensorValue)
        : m.sparseTensorValue ? refValue('sparse_tensor', m.sparseTensorValue)
        : m.sequenceValue ? refValue('sequence', m.sequenceValue)
        : m.mapValue ? refValue('map', m.mapValue)
        : m.optionalValue ? refValue('optional', m.optionalValue)
        : undefined;
      return { kind, name: m.name ?? '', elemKind: ELEM[m.elemType ?? 0], value: inner };
    }
  }
}

function ourValue(v: OnnxValue): Obj {
  switch (v.kind) {
    case 'tensor': {
      const t = v.tensor;
      const out: Obj = { name: t.name, dtype: t.dtype, dims: [...t.dims] };
      if (t.values) out.values = t.values.map(String);
      if (t.strings) out.strings = [...t.strings];
      return { kind: 'tensor', tensor: out };
    }
    case 'sparse_tensor': {
      const t = v.tensor;
      const vals = t.values ? ourValue({ kind: 'tensor', name: t.name, tensor: t.values }).tensor : undefined;
      return { kind: 'sparse_tensor', dims: [...t.dims], values: vals };
    }
    case 'sequence':
      return { kind: 'sequence', name: v.name, elemKind: v.elemKind, elements: v.elements.map(ourValue) };
    case 'map':
      return { kind: 'map', name: v.name, keyType: v.keyType, keys: v.keys.map(String), values: v.values ? ourValue(v.values) : undefined };
    case 'optional':
      return { kind: 'optional', name: v.name, elemKind: v.elemKind, value: v.value ? ourValue(v.value) : undefined };
  }
}

const REF_TYPES: Record<string, protobuf.Type> = {
  tensor: TensorProto,
  sparse_tensor: SparseTensorProto,
  sequence: SequenceProto,
  map: MapProto,
  optional: OptionalProto,
};

interface ValueFile {
  path: string;
  kind: string;
  /** The declared type, as our decoder's `expect` option takes it. */
  declared: Obj;
}

/** Every value file of a suite, with the kind its model declares for it. */
function valueFiles(suite: 'node' | 'simple'): ValueFile[] {
  const out: ValueFile[] = [];
  for (const d of readdirSync(join(ROOT, suite)).sort()) {
    const dir = join(ROOT, suite, d);
    if (!existsSync(join(dir, 'model.onnx'))) continue;
    const m = refDecode(ModelProto, readFileSync(join(dir, 'model.onnx')));
    const inits = new Set((m.graph.initializer ?? []).map((t: Obj) => t.name));
    const inputs = (m.graph.input ?? []).filter((v: Obj) => !inits.has(v.name));
    const outputs = m.graph.output ?? [];
    for (const [prefix, list] of [['input', inputs], ['output', outputs]] as const) {
      list.forEach((v: Obj, i: number) => {
        const path = join(dir, 'test_data_set_0', `${prefix}_${i}.pb`);
        if (!existsSync(path)) return;
        const t = refType(v.type);
        out.push({ path, kind: t?.kind ?? 'tensor', declared: v.type });
      });
    }
  }
  return out;
}

/** One file, decoded as its declared kind and compared with protobufjs; then decoded without the kind, the guess must agree (optionals cannot be guessed). */
function check(f: ValueFile): string | undefined {
  const bytes = readFileSync(f.path);
  const want = refValue(f.kind, refDecode(REF_TYPES[f.kind]!, bytes));
  const got = ourValue(decodeValueFile(bytesSource(bytes), { file: f.path, expect: f.kind as OnnxValue['kind'] }));
  try {
    expect(got).toEqual(want);
  } catch (e) {
    return `${f.path}: ${(e as Error).message.slice(0, 800)}`;
  }
  if (f.kind !== 'optional') {
    const guessed = decodeValueFile(bytesSource(bytes), { file: f.path }).kind;
    if (guessed !== f.kind) return `${f.path}: guessed ${guessed}, declared ${f.kind}`;
  }
  return undefined;
}

describe('conformance test-data files', () => {
  const node = valueFiles('node');
  const simple = valueFiles('simple');

  it('covers every output of the 922 node tests, with tensors, sequences and optionals (maps: values.test.ts)', () => {
    const outputs = node.filter((f) => f.path.includes('/output_'));
    const withOutputs = new Set(outputs.map((f) => f.path.split('/test_data_set_0')[0]));
    expect(withOutputs.size).toBe(922);
    expect([...new Set(node.map((f) => f.kind))].sort()).toEqual(['optional', 'sequence', 'tensor']);
  });

  it(`node: ${node.length} value files decode as protobufjs reads them`, () => {
    const problems = node.map(check).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  it(`simple: ${simple.length} value files decode as protobufjs reads them`, () => {
    const problems = simple.map(check).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  it('decodeTensorFile reads an output tensor: dims, dtype and small values', () => {
    const path = join(ROOT, 'node', 'test_reshape_reordered_all_dims', 'test_data_set_0', 'output_0.pb');
    const t = decodeTensorFile(bytesSource(readFileSync(path)), { file: path });
    const ref = refDecode(TensorProto, readFileSync(path));
    expect(t.dims).toEqual(ref.dims.map(Number));
    expect(t.dtype).toBe('float32');
    expect(t.values?.map(String)).toEqual(refTensorValues(ref));
  });

  it('takes the declared type itself as `expect` (a model ValueInfo type)', () => {
    const f = node.find((x) => x.kind === 'optional' && x.path.includes('/output_'))!;
    const t = refType(f.declared);
    expect(t.kind).toBe('optional');
    const v = decodeValueFile(bytesSource(readFileSync(f.path)), {
      file: f.path,
      expect: { kind: 'optional', elemType: undefined, denotation: '' },
    });
    expect(v.kind).toBe('optional');
  });
});
