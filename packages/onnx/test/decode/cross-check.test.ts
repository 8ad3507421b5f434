/**
 * Our decoder against protobufjs's full decode on every model of the conformance suite and of
 * onnx-real: structure (nodes, op types, names, edges, attributes, initializers, value infos,
 * opsets, functions) must be identical; every tensor payload location must point at exactly the
 * bytes protobufjs read; every decoded value must equal the reference's.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, decodeModel, type OnnxModel } from '../../src/index.js';
import { ModelProto, refDecode, refModel, refTensorValues, type Obj } from './reference.js';
import { pairTensors, projModel, valueStrings } from './project.js';

const SHARED = resolve(import.meta.dirname, '../../../../../shared');
const CONFORMANCE = join(SHARED, 'onnx-conformance');
const REAL = join(SHARED, 'onnx-real');

const conformanceModels = ['node', 'simple'].flatMap((kind) =>
  readdirSync(join(CONFORMANCE, kind))
    .sort()
    .map((d) => join(CONFORMANCE, kind, d, 'model.onnx'))
    .filter((f) => existsSync(f)),
);
const realModels = readdirSync(REAL)
  .filter((f) => f.endsWith('.onnx'))
  .sort()
  .map((f) => join(REAL, f));

interface Outcome {
  file: string;
  problem?: string;
}

function check(file: string): Outcome {
  const bytes = readFileSync(file);
  const ref: Obj = refDecode(ModelProto, bytes);
  const ours: OnnxModel = decodeModel(bytesSource(bytes), { file });
  const a = projModel(ours);
  const b = refModel(ref);
  try {
    expect(a).toEqual(b);
  } catch (e) {
    return { file, problem: `structure differs: ${(e as Error).message.slice(0, 2000)}` };
  }
  for (const [rt, t] of pairTensors(ref, ours)) {
    const refValues = refTensorValues(rt);
    if (t.location.kind === 'inline' && t.storage === 'raw_data') {
      const span = bytes.subarray(t.location.offset, t.location.offset + t.location.length);
      if (!Buffer.from(span).equals(rt.rawData)) return { file, problem: `tensor ${t.name}: location does not hold its raw_data` };
    }
    if (t.values !== undefined) {
      if (refValues === undefined) return { file, problem: `tensor ${t.name}: we decoded values the reference cannot` };
      try {
        expect(valueStrings(t)).toEqual(refValues);
      } catch (e) {
        return { file, problem: `tensor ${t.name}: values differ: ${(e as Error).message.slice(0, 500)}` };
      }
    } else if (refValues !== undefined && t.elementCount <= 256) {
      return { file, problem: `tensor ${t.name} (${t.dtype}, ${t.elementCount} elements): values not decoded` };
    }
    if (t.strings !== undefined) {
      const want = (rt.stringData ?? []).map((s: Buffer) => s.toString('utf8'));
      if (JSON.stringify(t.strings) !== JSON.stringify(want)) return { file, problem: `tensor ${t.name}: strings differ` };
    }
  }
  return { file };
}

describe('decodeModel agrees with protobufjs on every shared model', () => {
  it(`all ${conformanceModels.length} conformance models (node + simple)`, () => {
    expect(conformanceModels.length).toBeGreaterThan(900);
    const problems = conformanceModels.map(check).filter((o) => o.problem !== undefined);
    expect(problems).toEqual([]);
  });

  for (const file of realModels) {
    it(file.split('/').pop()!, () => {
      expect(check(file)).toEqual({ file });
    });
  }
});
