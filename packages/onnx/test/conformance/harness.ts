/**
 * Conformance harness over ONNX's own node tests (../shared/onnx-conformance): import model.onnx,
 * feed the test's small input tensors as known values, infer, and compare every graph output's
 * dtype and shape with test_data_set_0/output_N.pb.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dimToString, type Dim } from '@modelcost/core';
import { bytesSource, decodeModel, decodeValueFile, type OnnxValue } from '../../src/index.js';
import { toModelDef } from '../../src/infer/adapt.js';
import { inferModel } from '../../src/infer/engine.js';
import { tensorVal, type Val } from '../../src/infer/values.js';
import { defaultRules } from '../../src/ops/index.js';

/** Root of the shared conformance data, beside the workspace. */
export const CONFORMANCE_ROOT = resolve(import.meta.dirname, '../../../../../shared/onnx-conformance');

/**
 * Ops whose output sizes depend on input values: a dim reported as a named symbol matches any size
 * for these, and only these.
 */
export const DATA_DEPENDENT_OPS = new Set(['NonZero', 'Unique', 'NonMaxSuppression', 'Compress', 'TfIdfVectorizer', 'StringSplit', 'RegexFullMatch', 'CenterCropPad']);

export interface CaseResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

function valueToVal(v: OnnxValue): Val | undefined {
  switch (v.kind) {
    case 'tensor': {
      const t = v.tensor;
      const data = t.strings ?? t.values?.map((x) => (typeof x === 'bigint' ? Number(x) : x));
      return tensorVal(t.dtype, t.dims, data);
    }
    case 'sparse_tensor':
      return tensorVal(v.tensor.dtype, v.tensor.dims);
    case 'sequence': {
      const items = v.elements.map(valueToVal).filter((x): x is Val => x !== undefined);
      return { kind: 'sequence', elem: items[0], items };
    }
    case 'optional':
      return { kind: 'optional', elem: v.value ? valueToVal(v.value) : undefined };
    case 'map':
      return { kind: 'map', keyType: v.keyType, value: undefined };
  }
}

function dimMatches(got: Dim, want: number, dataDependent: boolean): boolean {
  if (typeof got === 'number') return got === want;
  // A named, data-dependent symbol stands for any size, but only for ops listed as data-dependent.
  return dataDependent && got.symbols().length > 0 && !got.key.startsWith('unk__');
}

function compare(got: Val | undefined, want: OnnxValue, dataDependent: boolean): string | undefined {
  if (!got) return 'no value inferred';
  if (want.kind === 'tensor' || want.kind === 'sparse_tensor') {
    if (got.kind !== 'tensor') return `expected a tensor, inferred a ${got.kind}`;
    const t = want.tensor;
    if (got.dtype !== t.dtype) return `dtype: inferred ${got.dtype}, expected ${t.dtype}`;
    if (!got.shape) return `shape: inferred unknown rank, expected [${t.dims.join(', ')}]`;
    if (got.shape.length !== t.dims.length || !got.shape.every((d, i) => dimMatches(d, t.dims[i]!, dataDependent)))
      return `shape: inferred [${got.shape.map(dimToString).join(', ')}], expected [${t.dims.join(', ')}]`;
    return undefined;
  }
  if (want.kind === 'sequence') {
    if (got.kind !== 'sequence') return `expected a sequence, inferred ${got.kind}`;
    if (got.items) {
      if (got.items.length !== want.elements.length) return `sequence length: inferred ${got.items.length}, expected ${want.elements.length}`;
      for (let i = 0; i < want.elements.length; i++) {
        const r = compare(got.items[i], want.elements[i]!, dataDependent);
        if (r) return `sequence item ${i}: ${r}`;
      }
      return undefined;
    }
    // Element type known, items not: every expected element must fit the element type (rank, dtype, known dims).
    for (let i = 0; i < want.elements.length; i++) {
      const w = want.elements[i]!;
      const e = got.elem;
      if (!e || e.kind !== 'tensor' || w.kind !== 'tensor') return `sequence element type unknown`;
      if (e.dtype !== w.tensor.dtype) return `sequence dtype: inferred ${e.dtype}, expected ${w.tensor.dtype}`;
      if (!e.shape || e.shape.length !== w.tensor.dims.length || !e.shape.every((d, k) => typeof d !== 'number' || d === w.tensor.dims[k]))
        return `sequence element ${i}: inferred ${e.shape ? `[${e.shape.map(dimToString).join(', ')}]` : '?'}, expected [${w.tensor.dims.join(', ')}]`;
    }
    return undefined;
  }
  if (want.kind === 'optional') {
    if (got.kind !== 'optional') return want.value ? compare(got, want.value, dataDependent) : `expected an optional, inferred ${got.kind}`;
    if (!want.value) return undefined;
    return compare(got.elem, want.value, dataDependent);
  }
  if (want.kind === 'map') return got.kind === 'map' ? undefined : `expected a map, inferred ${got.kind}`;
  return 'unknown expected kind';
}

/** Run one conformance case directory. */
export function runCase(dir: string): CaseResult {
  const name = dir.split('/').pop()!;
  try {
    const bytes = readFileSync(join(dir, 'model.onnx'));
    const model = decodeModel(bytesSource(bytes), { file: `${name}/model.onnx`, maxFloatValueElements: 4096 });
    const declared = toModelDef(model);
    // Inference is what is tested: drop the file's own output types and value_info so declared shapes
    // cannot stand in for inferred ones (the engine adopts declared types where it knows nothing).
    const def = { ...declared, graph: { ...declared.graph, outputs: declared.graph.outputs.map((o) => ({ name: o.name, type: undefined })), valueInfo: [] } };
    const dataDir = join(dir, 'test_data_set_0');
    const initNames = new Set(def.graph.initializers.map((w) => w.name));
    const realInputs = def.graph.inputs.filter((i) => !initNames.has(i.name));
    const inputValues = new Map<string, Val>();
    realInputs.forEach((inp, i) => {
      const f = join(dataDir, `input_${i}.pb`);
      if (!existsSync(f)) return;
      const declaredType = model.graph.inputs.find((x) => x.name === inp.name)?.type;
      const v = valueToVal(decodeValueFile(bytesSource(readFileSync(f)), declaredType ? { file: f, maxFloatValueElements: 4096, expect: declaredType } : { file: f, maxFloatValueElements: 4096 }));
      if (v) inputValues.set(inp.name, v);
    });
    const result = inferModel(def, defaultRules, { inputValues });
    const dataDependent = def.graph.nodes.some((n) => DATA_DEPENDENT_OPS.has(n.opType));
    const problems: string[] = [];
    result.outputs.forEach((o, i) => {
      const f = join(dataDir, `output_${i}.pb`);
      if (!existsSync(f)) return;
      // The declared output type says which onnx-data message the file holds (an optional and a
      // one-element sequence are indistinguishable on the wire). Only the kind is used, not the shape.
      const declaredType = model.graph.outputs[i]?.type;
      const want = decodeValueFile(bytesSource(readFileSync(f)), declaredType ? { file: f, expect: declaredType } : { file: f });
      const r = compare(o.value, want, dataDependent);
      if (r) problems.push(`output ${i} (${o.name}): ${r}`);
    });
    // A rule that crashes (even only in its cost) is a failure, whatever the shapes say.
    for (const d of result.diagnostics) if (d.code === 'internal-error') problems.push(d.message);
    if (problems.length) {
      const errs = result.diagnostics.filter((d) => d.severity !== 'info' || d.code === 'unknown-shape').slice(0, 3).map((d) => `[${d.code}] ${d.message}`);
      return { name, ok: false, detail: [...problems, ...errs].join('; ') };
    }
    return { name, ok: true, detail: '' };
  } catch (e) {
    return { name, ok: false, detail: `threw: ${(e as Error).message}` };
  }
}

/** Every case directory under `node/` or `simple/`. */
export function caseDirs(kind: 'node' | 'simple'): string[] {
  const root = join(CONFORMANCE_ROOT, kind);
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'model.onnx')))
    .sort()
    .map((d) => join(root, d));
}
