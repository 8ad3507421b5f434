/**
 * Adapts the decoder's faithful onnx.proto mirror to the narrower model shape inference reads.
 */
import { dict, type Weight } from '@modelcost/core';
import { EMPTY_RECORD } from '../decode/context.js';
import type { OnnxAttribute, OnnxFunction, OnnxGraph, OnnxModel, OnnxNode, OnnxSparseTensor, OnnxType, OnnxValueInfo } from '../decode/types.js';
import { normDomain, type Attr, type FunctionDef, type GraphDef, type ModelDef, type NodeDef, type TypeInfo, type ValueInfo } from './model.js';

/** The model as shape inference sees it. */
export function toModelDef(m: OnnxModel): ModelDef {
  const opsets = new Map<string, number>();
  for (const o of m.opsets) opsets.set(normDomain(o.domain), o.version);
  // IR 3 models from OnnxMLTools sometimes import no default opset: assume the oldest.
  if (!opsets.has('')) opsets.set('', 1);
  return {
    irVersion: m.irVersion,
    opsets,
    producer: [m.producer.name, m.producer.version].filter(Boolean).join(' '),
    graph: toGraphDef(m.graph),
    functions: m.functions.map(toFunctionDef),
  };
}

/** Convert a decoded type. */
export function toTypeInfo(t: OnnxType | undefined): TypeInfo | undefined {
  if (!t) return undefined;
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return { kind: t.kind, elemType: t.elemType, shape: t.shape };
    case 'sequence':
      return { kind: 'sequence', elem: toTypeInfo(t.elemType) };
    case 'map':
      return { kind: 'map', keyType: t.keyType, value: toTypeInfo(t.valueType) };
    case 'optional':
      return { kind: 'optional', elem: toTypeInfo(t.elemType) };
    case 'opaque':
    case 'unset':
      return undefined;
  }
}

function toValueInfo(v: OnnxValueInfo): ValueInfo {
  return { name: v.name, type: toTypeInfo(v.type) };
}

function sparseWeight(s: OnnxSparseTensor): Weight {
  // A sparse initializer stands for its dense tensor in the graph; its bytes are the stored values and indices.
  return { name: s.name, dtype: s.dtype, dims: s.dims, byteLength: s.byteLength, location: { kind: 'none' } };
}

function num(v: number | bigint): number {
  return typeof v === 'bigint' ? Number(v) : v;
}

function toAttr(a: OnnxAttribute): Attr | undefined {
  switch (a.type) {
    case 'float':
    case 'string':
    case 'floats':
    case 'strings':
      return a as Attr;
    case 'int':
      return { type: 'int', value: num(a.value) };
    case 'ints':
      return { type: 'ints', value: a.value.map(num) };
    case 'tensor':
      return { type: 'tensor', value: a.value };
    case 'tensors':
      return { type: 'tensors', value: a.value };
    case 'sparse_tensor':
      return { type: 'sparse_tensor', value: sparseWeight(a.value) };
    case 'graph':
      return { type: 'graph', value: toGraphDef(a.value) };
    case 'graphs':
      return { type: 'graphs', value: a.value.map(toGraphDef) };
    case 'type_proto':
      return { type: 'type', value: toTypeInfo(a.value) };
    case 'type_protos':
      return { type: 'types', value: a.value.map(toTypeInfo) };
    case 'ref':
      return { type: 'ref', ref: a.refAttrName };
    case 'sparse_tensors':
    case 'undefined':
      return undefined;
  }
}

/** What a node without attributes gets (most nodes of a big graph): one shared frozen record. */
const NO_ATTRS: Readonly<Record<string, Attr>> = Object.freeze(Object.create(null) as Record<string, Attr>);

function toAttrs(attrs: Readonly<Record<string, OnnxAttribute>>): Readonly<Record<string, Attr>> {
  let any = false;
  for (const _ in attrs) {
    any = true;
    break;
  }
  if (!any) return NO_ATTRS;
  // Attribute names come from the file: `__proto__` must be a key like any other.
  const out = dict<Attr>();
  for (const [k, a] of Object.entries(attrs)) {
    const v = toAttr(a);
    if (v) out[k] = v;
  }
  return out;
}

function toNodeDef(n: OnnxNode): NodeDef {
  // A node without attributes and metadata already has the shape inference reads (its 'ai.onnx'
  // domain is the default one to normDomain): no copy, which on a graph of 10^6 nodes is 10^6 objects fewer.
  if (n.attributes === EMPTY_RECORD && n.metadata === EMPTY_RECORD) return n as unknown as NodeDef;
  const def: NodeDef = { name: n.name, opType: n.opType, domain: normDomain(n.domain), inputs: n.inputs, outputs: n.outputs, attributes: toAttrs(n.attributes) };
  return Object.keys(n.metadata).length ? { ...def, metadata: n.metadata } : def;
}

/** Convert a decoded graph (recursively, sub-graphs included). */
export function toGraphDef(g: OnnxGraph): GraphDef {
  return {
    name: g.name,
    nodes: g.nodes.map(toNodeDef),
    inputs: g.inputs.map(toValueInfo),
    outputs: g.outputs.map(toValueInfo),
    valueInfo: g.valueInfo.map(toValueInfo),
    initializers: [...g.initializers, ...g.sparseInitializers.map(sparseWeight)],
  };
}

function toFunctionDef(f: OnnxFunction): FunctionDef {
  const opsets = new Map<string, number>();
  for (const o of f.opsets) opsets.set(normDomain(o.domain), o.version);
  const defaults = dict<Attr>();
  for (const [k, a] of Object.entries(f.attributeDefaults)) {
    const v = toAttr(a);
    if (v) defaults[k] = v;
  }
  return {
    name: f.name,
    domain: normDomain(f.domain),
    ...(f.overload ? { overload: f.overload } : {}),
    inputs: f.inputs,
    outputs: f.outputs,
    attributes: f.attributes,
    attributeDefaults: defaults,
    nodes: f.nodes.map(toNodeDef),
    opsets,
  };
}
