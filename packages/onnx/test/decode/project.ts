/**
 * Our decoded structure projected onto the comparable shape `reference.ts` builds from protobufjs,
 * plus a walk that pairs every tensor of both decodes for payload and value checks.
 */
import type {
  OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, OnnxSparseTensor, OnnxTensor, OnnxType, OnnxValueInfo,
} from '../../src/index.js';
import type { Obj } from './reference.js';

const sorted = (r: Readonly<Record<string, string>>): [string, string][] =>
  Object.keys(r)
    .sort()
    .map((k) => [k, r[k]!]);

export function projType(t: OnnxType | undefined): Obj {
  if (t === undefined) return undefined;
  const den = t.denotation;
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return { kind: t.kind, elemType: t.elemType, shape: t.shape, den };
    case 'sequence':
      return { kind: 'sequence', elem: projType(t.elemType), den };
    case 'map':
      return { kind: 'map', key: t.keyType, value: projType(t.valueType), den };
    case 'optional':
      return { kind: 'optional', elem: projType(t.elemType), den };
    case 'opaque':
      return { kind: 'opaque', domain: t.domain, name: t.name, den };
    case 'unset':
      return { kind: 'unset', den };
  }
}

export function projTensor(t: OnnxTensor): Obj {
  return {
    name: t.name,
    dtype: t.dtype,
    dims: [...t.dims],
    byteLength: t.byteLength,
    external: t.storage === 'external' ? { ...t.externalData } : undefined,
    docString: t.docString,
  };
}

export function projValueInfo(v: OnnxValueInfo): Obj {
  return { name: v.name, type: projType(v.type), doc: v.docString, meta: sorted(v.metadata) };
}

export function projSparse(s: OnnxSparseTensor): Obj {
  return { dims: [...s.dims], values: s.values ? projTensor(s.values) : undefined, indices: s.indices ? projTensor(s.indices) : undefined };
}

export function projAttribute(a: OnnxAttribute): Obj {
  if (a.type === 'ref') return { name: a.name, type: 'ref', ref: a.refAttrName, refType: a.refType };
  let value: Obj;
  switch (a.type) {
    case 'float':
    case 'string':
      value = a.value;
      break;
    case 'int':
      value = String(a.value);
      break;
    case 'tensor':
      value = projTensor(a.value);
      break;
    case 'graph':
      value = projGraph(a.value);
      break;
    case 'sparse_tensor':
      value = projSparse(a.value);
      break;
    case 'type_proto':
      value = projType(a.value);
      break;
    case 'floats':
    case 'strings':
      value = [...a.value];
      break;
    case 'ints':
      value = a.value.map(String);
      break;
    case 'tensors':
      value = a.value.map(projTensor);
      break;
    case 'graphs':
      value = a.value.map(projGraph);
      break;
    case 'sparse_tensors':
      value = a.value.map(projSparse);
      break;
    case 'type_protos':
      value = a.value.map(projType);
      break;
    default:
      value = undefined;
  }
  return { name: a.name, type: a.type, value, doc: a.docString };
}

export function projNode(n: OnnxNode): Obj {
  return {
    name: n.name,
    opType: n.opType,
    domain: n.domain,
    overload: n.overload,
    inputs: [...n.inputs],
    outputs: [...n.outputs],
    attributes: Object.keys(n.attributes)
      .sort()
      .map((k) => projAttribute(n.attributes[k]!)),
    doc: n.docString,
    meta: sorted(n.metadata),
    devices: n.deviceConfigurations.length,
  };
}

export function projGraph(g: OnnxGraph): Obj {
  return {
    name: g.name,
    doc: g.docString,
    nodes: g.nodes.map(projNode),
    initializers: g.initializers.map(projTensor),
    sparse: g.sparseInitializers.map(projSparse),
    inputs: g.inputs.map(projValueInfo),
    outputs: g.outputs.map(projValueInfo),
    valueInfo: g.valueInfo.map(projValueInfo),
    quant: g.quantizationAnnotations.map((q) => ({ tensor: q.tensorName, params: sorted(q.quantParameterTensorNames) })),
    meta: sorted(g.metadata),
  };
}

export function projModel(m: OnnxModel): Obj {
  return {
    irVersion: m.irVersion,
    opsets: m.opsets.map((o) => ({ ...o })),
    producer: [m.producer.name, m.producer.version],
    domain: m.domain,
    modelVersion: String(m.modelVersion),
    doc: m.docString,
    meta: sorted(m.metadata),
    graph: projGraph(m.graph),
    functions: m.functions.map((f) => ({
      name: f.name,
      domain: f.domain,
      overload: f.overload,
      inputs: [...f.inputs],
      outputs: [...f.outputs],
      attributes: [...f.attributes],
      defaults: Object.keys(f.attributeDefaults)
        .sort()
        .map((k) => projAttribute(f.attributeDefaults[k]!)),
      nodes: f.nodes.map(projNode),
      opsets: f.opsets.map((o) => ({ ...o })),
      valueInfo: f.valueInfo.map(projValueInfo),
      doc: f.docString,
      meta: sorted(f.metadata),
    })),
    trainingInfo: m.trainingInfo.length,
    configuration: m.deviceConfigurations.map((d) => ({ ...d, devices: [...d.devices] })),
  };
}

/** Every tensor of a model in a fixed walk order, ours and the reference's side by side. */
export function pairTensors(ref: Obj, ours: OnnxModel): [Obj, OnnxTensor][] {
  const out: [Obj, OnnxTensor][] = [];
  const attr = (ra: Obj, a: OnnxAttribute): void => {
    if (a.type === 'tensor') out.push([ra.t, a.value]);
    else if (a.type === 'tensors') a.value.forEach((t, i) => out.push([ra.tensors[i], t]));
    else if (a.type === 'graph') graph(ra.g, a.value);
    else if (a.type === 'graphs') a.value.forEach((g, i) => graph(ra.graphs[i], g));
    else if (a.type === 'sparse_tensor') sparse(ra.sparseTensor, a.value);
    else if (a.type === 'sparse_tensors') a.value.forEach((s, i) => sparse(ra.sparseTensors[i], s));
  };
  const sparse = (rs: Obj, s: OnnxSparseTensor): void => {
    if (s.values) out.push([rs.values, s.values]);
    if (s.indices) out.push([rs.indices, s.indices]);
  };
  const node = (rn: Obj, n: OnnxNode): void => {
    const byName = new Map<string, Obj>();
    for (const ra of rn.attribute ?? []) byName.set(ra.name ?? '', ra);
    for (const [k, a] of Object.entries(n.attributes)) attr(byName.get(k), a);
  };
  const graph = (rg: Obj, g: OnnxGraph): void => {
    g.initializers.forEach((t, i) => out.push([rg.initializer[i], t]));
    g.sparseInitializers.forEach((s, i) => sparse(rg.sparseInitializer[i], s));
    g.nodes.forEach((n, i) => node(rg.node[i], n));
  };
  graph(ref.graph ?? {}, ours.graph);
  ours.functions.forEach((f, i) => f.nodes.forEach((n, j) => node(ref.functions[i].node[j], n)));
  return out;
}

/** Values in comparable form. */
export const valueStrings = (t: OnnxTensor): string[] | undefined => t.values?.map(String);
