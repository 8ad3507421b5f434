/**
 * Keeps the hand-written reference schema honest: on every shared model (and every test-data value
 * tensor file of two node tests), protobufjs reflection over `reference.ts` must decode exactly what
 * onnx-proto 8.0.1's generated decoders (from onnx v1.10.2's own onnx.proto) decode, for every field
 * onnx-proto knows. Fields added after IR 8 (overload, metadata_props on nodes...) are dropped from
 * the reference side before comparing, found by asking onnx-proto's classes which fields they have.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import protobuf from 'protobufjs';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { ModelProto, TensorProto, type Obj } from './reference.js';

const SHARED = resolve(import.meta.dirname, '../../../../../shared');
const OPTS = { longs: String, enums: Number, bytes: String, defaults: false, arrays: false };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const legacy: any = (onnxProto as any).onnx;

/** onnx-proto's generated class for a reflection type (`TypeProto.Tensor` -> onnx.TypeProto.Tensor). */
function legacyClass(t: protobuf.Type): Obj | undefined {
  const path = t.fullName.replace(/^\.onnx\./, '').split('.');
  let c: Obj = legacy;
  for (const p of path) c = c?.[p];
  return c;
}

/** Drop from `obj` (a reflection toObject of type `t`) every field onnx-proto does not know. */
function stripUnknown(t: protobuf.Type, obj: Obj): Obj {
  const cls = legacyClass(t);
  if (cls === undefined) return undefined;
  const known = new Set(Object.keys(cls.prototype).filter((k) => typeof cls.prototype[k] !== 'function'));
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!known.has(k)) continue;
    const f = t.fields[k];
    if (f?.resolvedType instanceof protobuf.Type) {
      const sub = f.resolvedType;
      out[k] = Array.isArray(v) ? v.map((x) => stripUnknown(sub, x)) : stripUnknown(sub, v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function agree(type: protobuf.Type, bytes: Uint8Array): void {
  const ours = stripUnknown(type, type.toObject(type.decode(bytes), OPTS));
  const cls = legacyClass(type)!;
  const theirs = cls.toObject(cls.decode(bytes), OPTS);
  expect(ours).toEqual(theirs);
}

const models = [
  ...readdirSync(join(SHARED, 'onnx-real'))
    .filter((f) => f.endsWith('.onnx'))
    .map((f) => join(SHARED, 'onnx-real', f)),
  ...['node', 'simple'].flatMap((k) =>
    readdirSync(join(SHARED, 'onnx-conformance', k))
      .map((d) => join(SHARED, 'onnx-conformance', k, d, 'model.onnx'))
      .filter((f) => existsSync(f)),
  ),
];

describe('reference schema agrees with onnx-proto (onnx v1.10.2) on the fields it knows', () => {
  it(`every shared model (${models.length})`, () => {
    expect(models.length).toBeGreaterThan(980);
    for (const f of models) agree(ModelProto, readFileSync(f));
  });

  // onnx-proto has no onnx-data.proto (SequenceProto/MapProto/OptionalProto): those messages are
  // checked by value-files.test.ts against the element tensors they contain.
  it('test-data tensors', () => {
    const dir = join(SHARED, 'onnx-conformance', 'node');
    agree(TensorProto, readFileSync(join(dir, 'test_abs', 'test_data_set_0', 'output_0.pb')));
    agree(TensorProto, readFileSync(join(dir, 'test_cast_FLOAT_to_STRING', 'test_data_set_0', 'output_0.pb')));
  });
});
