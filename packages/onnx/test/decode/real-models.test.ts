/**
 * Every model in onnx-real against what an independent tool (onnx 1.12 in Python, see
 * ../shared/onnx-real/expected.json) reports: IR version, opsets, producer, node counts and op
 * histograms including subgraphs, graph input/output types, subgraph inventory, local functions,
 * initializer and Constant element counts, external data and metadata. Then the features the
 * folder was collected for, one by one.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, decodeModel, type OnnxGraph, type OnnxModel, type OnnxNode, type OnnxType } from '../../src/index.js';

const REAL = resolve(import.meta.dirname, '../../../../../shared/onnx-real');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const expected: { models: Record<string, any> } = JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8'));

const load = (f: string): OnnxModel => decodeModel(bytesSource(readFileSync(join(REAL, f))), { file: f });

/** expected.json's type notation. */
function typeJson(t: OnnxType | undefined): unknown {
  if (t === undefined) return undefined;
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return { kind: `${t.kind}_type`, dtype: t.elemType, shape: t.shape ?? null };
    case 'sequence':
      return { kind: 'sequence_type', elem: typeJson(t.elemType) };
    case 'optional':
      return { kind: 'optional_type', elem: typeJson(t.elemType) };
    case 'map':
      return { kind: 'map_type', key: t.keyType, value: typeJson(t.valueType) };
    default:
      return { kind: t.kind };
  }
}

const io = (g: OnnxGraph, which: 'inputs' | 'outputs') => g[which].map((v) => ({ name: v.name, ...(typeJson(v.type) as object) }));

function subgraphGraphs(n: OnnxNode): [string, OnnxGraph][] {
  const out: [string, OnnxGraph][] = [];
  for (const [k, a] of Object.entries(n.attributes)) {
    if (a.type === 'graph') out.push([k, a.value]);
    if (a.type === 'graphs') a.value.forEach((g, i) => out.push([`${k}[${i}]`, g]));
  }
  return out;
}

function allNodes(g: OnnxGraph): OnnxNode[] {
  return g.nodes.flatMap((n) => [n, ...subgraphGraphs(n).flatMap(([, sg]) => allNodes(sg))]);
}

function subgraphs(g: OnnxGraph, path: string, depth: number): unknown[] {
  return g.nodes.flatMap((n, i) =>
    subgraphGraphs(n).flatMap(([attr, sg]) => {
      const p = `${path}/${n.name || `${n.opType}#${i}`}.${attr}`;
      return [
        { path: p, depth, nodes: sg.nodes.length, inputs: io(sg, 'inputs'), outputs: io(sg, 'outputs'), initializers: sg.initializers.length },
        ...subgraphs(sg, p, depth + 1),
      ];
    }),
  );
}

const histogram = (nodes: readonly OnnxNode[]): Record<string, number> => {
  const h: Record<string, number> = {};
  for (const n of nodes) {
    const k = n.domain === 'ai.onnx' ? n.opType : `${n.domain}::${n.opType}`;
    h[k] = (h[k] ?? 0) + 1;
  }
  return h;
};

const elements = (dims: readonly number[]): number => dims.reduce((a, d) => a * d, 1);

function constantElements(nodes: OnnxNode[]): number {
  let total = 0;
  for (const n of nodes.filter((x) => x.opType === 'Constant' && x.domain === 'ai.onnx')) {
    for (const a of Object.values(n.attributes)) {
      if (a.type === 'tensor') total += a.value.elementCount;
      else if (a.type === 'sparse_tensor') total += elements(a.value.dims);
      else if (a.type === 'float' || a.type === 'int' || a.type === 'string') total += 1;
      else if (a.type === 'floats' || a.type === 'ints' || a.type === 'strings') total += a.value.length;
    }
  }
  return total;
}

describe('onnx-real models match expected.json', () => {
  for (const [file, want] of Object.entries(expected.models)) {
    it(file, () => {
      const m = load(file);
      expect(m.irVersion).toBe(want.ir_version);
      expect(Object.fromEntries(m.opsets.map((o) => [o.domain, o.version]))).toEqual(want.opset_import);
      expect(m.producer.name).toBe(want.producer_name ?? '');
      expect(m.producer.version).toBe(want.producer_version ?? '');
      expect(m.graph.nodes.length).toBe(want.nodes_main_graph);
      const every = allNodes(m.graph);
      expect(every.length).toBe(want.nodes_including_subgraphs);
      expect(histogram(m.graph.nodes)).toEqual(want.op_histogram_main_graph);
      expect(histogram(every)).toEqual(want.op_histogram_including_subgraphs);
      // expected.json lists the inputs a caller feeds: initializers listed as inputs (IR 3) are left out.
      const inits = new Set(m.graph.initializers.map((t) => t.name));
      expect(io(m.graph, 'inputs').filter((v) => !inits.has(v.name))).toEqual(want.graph_inputs);
      expect(io(m.graph, 'outputs')).toEqual(want.graph_outputs);
      expect(subgraphs(m.graph, 'main', 1)).toEqual(want.subgraphs);
      expect(
        m.functions.map((f) => ({
          name: f.name, domain: f.domain, nodes: f.nodes.length, inputs: f.inputs, outputs: f.outputs,
          opset_import: Object.fromEntries(f.opsets.map((o) => [o.domain, o.version])),
        })),
      ).toEqual(want.local_functions);

      const p = want.params;
      expect(m.graph.initializers.length).toBe(p.initializer_count);
      expect(m.graph.initializers.reduce((a, t) => a + t.elementCount, 0)).toBe(p.initializer_elements);
      const byDtype: Record<string, number> = {};
      for (const t of m.graph.initializers) byDtype[t.dtype] = (byDtype[t.dtype] ?? 0) + t.elementCount;
      expect(byDtype).toEqual(p.initializer_elements_by_dtype);
      expect(m.graph.sparseInitializers.length).toBe(p.sparse_initializers);
      const subInits = allNodes(m.graph).flatMap((n) => subgraphGraphs(n)).reduce((a, [, g]) => a + g.initializers.reduce((b, t) => b + t.elementCount, 0), 0);
      expect(subInits).toBe(p.initializer_elements_in_subgraphs);
      expect(every.filter((n) => n.opType === 'Constant' && n.domain === 'ai.onnx').length).toBe(p.constant_nodes);
      expect(constantElements(every)).toBe(p.constant_node_elements);
      const ext = m.graph.initializers.filter((t) => t.location.kind === 'external');
      expect(ext.length).toBe(p.external_data_tensors);
      expect([...new Set(ext.map((t) => (t.location.kind === 'external' ? t.location.file : '')))]).toEqual(p.external_data_locations);
      expect(Object.keys(m.metadata).length ? { ...m.metadata } : null).toEqual(want.metadata_props ?? null);
      expect(m.warnings).toEqual([]);
    });
  }
});

describe('onnx-real features', () => {
  it('external data: location, offset and length from external_data, the .bin never opened', () => {
    const m = load('conv_qdq_external_ini.onnx');
    const ext = m.graph.initializers.filter((t) => t.storage === 'external');
    expect(ext.map((t) => t.name).sort()).toEqual(['conv1.bias_quantized', 'conv1.weight_quantized']);
    const bin = readFileSync(join(REAL, 'conv_qdq_external_ini.bin'));
    for (const t of ext) {
      if (t.location.kind !== 'external') throw new Error('external expected');
      expect(t.location.file).toBe('conv_qdq_external_ini.bin');
      expect(t.location.length).toBe(t.byteLength);
      expect(t.location.offset + t.location.length).toBeLessThanOrEqual(bin.length);
      expect(t.values).toBeUndefined();
    }
  });

  it('missing external file: still decodes, layout from dims', () => {
    const m = load('occ_image_classifier16_missing_external.onnx');
    const ext = m.graph.initializers.filter((t) => t.location.kind === 'external');
    expect(ext.length).toBe(2);
    for (const t of ext) expect(t.byteLength).toBe(t.elementCount * 2);
  });

  it('sparse initializer: dense dims, values and linear indices', () => {
    const m = load('ort_sparse_initializer.onnx');
    const [s] = m.graph.sparseInitializers;
    expect(s).toMatchObject({ name: 'x', dtype: 'float32', dims: [3, 4, 5] });
    expect(s!.values?.values).toEqual([13, 17, 19]);
    expect(s!.indices).toMatchObject({ dtype: 'int64', dims: [3], values: [9, 30, 50] });
  });

  it('int4 weights: two per byte, byte length rounded up, values sign-extended', () => {
    const m = load('ort_conv_int4_weights_qdq.onnx');
    const w = m.graph.initializers.find((t) => t.name === 'weight_quantized')!;
    expect(w).toMatchObject({ dtype: 'int4', dims: [5, 3, 3, 3], storage: 'int32_data' });
    expect(w.byteLength).toBe(Math.ceil(w.elementCount / 2));
    expect(w.values).toHaveLength(w.elementCount);
    expect(w.values!.every((v) => typeof v === 'number' && v >= -8 && v <= 7)).toBe(true);
    expect(w.values!.some((v) => (v as number) < 0)).toBe(true);
  });

  it('model-local functions: domains, attribute parameters and ref_attr_name', () => {
    const m = load('ort_dynamo_local_functions.onnx');
    const caller = m.graph.nodes.find((n) => n.domain === 'pkg.onnxscript.torch_lib')!;
    const fn = m.functions.find((f) => f.name === caller.opType && f.domain === caller.domain)!;
    expect(fn.attributes).toEqual(['ord', 'keepdim']);
    expect(fn.opsets).toEqual([{ domain: 'ai.onnx', version: 18 }]);
    // Its body reads the caller's `ord` through ref_attr_name.
    const refs = fn.nodes.flatMap((n) => Object.values(n.attributes)).filter((a) => a.type === 'ref');
    expect(refs.map((a) => (a.type === 'ref' ? [a.name, a.refAttrName, a.refType] : []))).toEqual([['value_float', 'ord', 'float']]);
    expect(m.functions.map((f) => `${f.domain}::${f.name}`).sort()).toEqual([
      'pkg.onnxscript.torch_lib.common::IsScalar', 'pkg.onnxscript.torch_lib.common::Rank', 'pkg.onnxscript.torch_lib::_aten_linalg_vector_norm_no_dim_onnx',
    ]);
  });

  it('IR versions 3 through 12 all decode', () => {
    const seen = new Set(Object.keys(expected.models).map((f) => load(f).irVersion));
    for (const v of [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) expect(seen.has(v)).toBe(true);
  });

  it('dim_value -1 is kept as -1, unnamed dims as null, symbols as strings', () => {
    expect(load('tract_qtdnn_qlinearconv.onnx').graph.inputs[0]?.type).toMatchObject({ shape: expect.arrayContaining([-1]) });
    const out = load('occ_onnxmltools_unsorted.onnx').graph.outputs[0]?.type;
    expect(out).toMatchObject({ kind: 'tensor', shape: ['N', null, null, 32] });
  });

  it('a contrib op holding a subgraph (BeamSearch decoder) with fp16 initializers', () => {
    const m = load('ort_tiny_gpt2_beamsearch_fp16.onnx');
    const bs = m.graph.nodes.find((n) => n.opType === 'BeamSearch')!;
    expect(bs.domain).toBe('com.microsoft');
    const dec = bs.attributes['decoder'];
    expect(dec?.type).toBe('graph');
    if (dec?.type === 'graph') expect(dec.value.initializers.some((t) => t.dtype === 'float16')).toBe(true);
  });
});
