/** GraphProto, NodeProto, AttributeProto, FunctionProto and the IR 11 multi-device messages. */
import { MESSAGES, PARTS } from '../messages.js';
import {
  EMPTY_LIST, EMPTY_RECORD, compact, prefix, int32Field, int64Field, int64NumberField, nested, normalizeDomain, record, repeatedFloat, repeatedInt64,
  repeatedInt64Number, stringEntry, type DecodeContext,
} from './context.js';
import { WT_I32 } from './reader.js';
import {
  ATTRIBUTE, FUNCTION, GRAPH, INT_INT_LIST_ENTRY, NODE, NODE_DEVICE_CONFIGURATION, OPSET, SHARDED_DIM, SHARDING_SPEC,
  SIMPLE_SHARDED_DIM, TENSOR_ANNOTATION,
} from './schema.js';
import { decodeSparseTensor, decodeTensor } from './tensor.js';
import { decodeType, decodeValueInfo } from './types-proto.js';
import type {
  OnnxAttribute, OnnxAttributeType, OnnxDim, OnnxFunction, OnnxGraph, OnnxNode, OnnxNodeDeviceConfiguration, OnnxOpset,
  OnnxShardingSpec, OnnxSimpleShardedDim, OnnxSparseTensor, OnnxTensor, OnnxTensorAnnotation, OnnxType, OnnxValueInfo,
} from './types.js';

/** Decode a GraphProto. */
export function decodeGraph(c: DecodeContext, end: number, depth: number): OnnxGraph {
  const r = c.r;
  let name = '';
  let docString = '';
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const sparseInitializers: OnnxSparseTensor[] = [];
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const valueInfo: OnnxValueInfo[] = [];
  const quantizationAnnotations: OnnxTensorAnnotation[] = [];
  const metadata = record<string>();
  const budget = c.budget;
  let entries = 0;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    // Each entry of a graph (node, initializer, value info...) is work: a file of 10^7 tiny nodes
    // meets the clock and memory limits while it is read, not only once it is.
    if (++entries === 256) {
      entries = 0;
      budget?.tick('reading the graph', 256);
    }
    const tag = r.tag(GRAPH);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        nodes.push(nested(c, wt, end, GRAPH, 1, last, depth, decodeNode));
        break;
      case 2:
        name = r.stringField(wt, end, GRAPH, 2, last);
        break;
      case 5:
        initializers.push(nested(c, wt, end, GRAPH, 5, last, depth, decodeTensor));
        break;
      case 10:
        docString = r.stringField(wt, end, GRAPH, 10, last);
        break;
      case 11:
        inputs.push(nested(c, wt, end, GRAPH, 11, last, depth, decodeValueInfo));
        break;
      case 12:
        outputs.push(nested(c, wt, end, GRAPH, 12, last, depth, decodeValueInfo));
        break;
      case 13:
        valueInfo.push(nested(c, wt, end, GRAPH, 13, last, depth, decodeValueInfo));
        break;
      case 14:
        quantizationAnnotations.push(nested(c, wt, end, GRAPH, 14, last, depth, decodeTensorAnnotation));
        break;
      case 15:
        sparseInitializers.push(nested(c, wt, end, GRAPH, 15, last, depth, decodeSparseTensor));
        break;
      case 16:
        stringEntry(c, wt, end, GRAPH, 16, last, depth, metadata);
        break;
      default:
        r.skipField(wt, f, end, GRAPH, last, depth);
    }
  }
  r.endMessage(end, GRAPH, last);
  return { name, docString, nodes, initializers, sparseInitializers, inputs, outputs, valueInfo, quantizationAnnotations, metadata };
}

function decodeTensorAnnotation(c: DecodeContext, end: number, depth: number): OnnxTensorAnnotation {
  const r = c.r;
  let tensorName = '';
  const quantParameterTensorNames = record<string>();
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TENSOR_ANNOTATION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) tensorName = r.stringField(wt, end, TENSOR_ANNOTATION, 1, last);
    else if (f === 2) stringEntry(c, wt, end, TENSOR_ANNOTATION, 2, last, depth, quantParameterTensorNames);
    else r.skipField(wt, f, end, TENSOR_ANNOTATION, last, depth);
  }
  r.endMessage(end, TENSOR_ANNOTATION, last);
  return { tensorName, quantParameterTensorNames };
}

/** Scratch name lists of decodeNode, two per nesting depth (inputs, outputs). */
const NAME_SCRATCH: string[][] = [];

/**
 * The first `n` names of a scratch list as a list of their own, and the scratch emptied of them (a
 * node of 10^6 inputs must not stay alive through the list).
 */
function takeNames(scratch: string[], n: number): readonly string[] {
  const out = prefix(scratch, n);
  if (scratch.length > 64) scratch.length = 0;
  else scratch.fill('', 0, n);
  return out;
}

/** Decode a NodeProto. */
export function decodeNode(c: DecodeContext, end: number, depth: number): OnnxNode {
  const r = c.r;
  const start = r.pos;
  // Names go into scratch lists (one pair per nesting depth: a node's attribute may hold a graph of
  // nodes) and are copied out at their exact length: a list pushed to from empty gets room for 17.
  const inputs = (NAME_SCRATCH[2 * depth] ??= []);
  const outputs = (NAME_SCRATCH[2 * depth + 1] ??= []);
  let nIn = 0;
  let nOut = 0;
  let name = '';
  let opType = '';
  let domain = '';
  let overload = '';
  let docString = '';
  // Made on the first attribute: most nodes of a big graph (Add, Relu, MatMul...) have none.
  let attributes: Record<string, OnnxAttribute> | undefined;
  let metadata: Record<string, string> | undefined;
  let deviceConfigurations: OnnxNodeDeviceConfiguration[] | undefined;
  let last = start;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(NODE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        // The message is built only when the count is over (a 10^6-node graph would build 3 * 10^6 of them).
        if (nIn >= r.limits.maxListEntries) r.checkCount(nIn + 1, PARTS.fieldOf(1, NODE.fields[1], NODE.name), last);
        inputs[nIn++] = r.stringField(wt, end, NODE, 1, last);
        break;
      case 2:
        if (nOut >= r.limits.maxListEntries) r.checkCount(nOut + 1, PARTS.fieldOf(2, NODE.fields[2], NODE.name), last);
        outputs[nOut++] = r.stringField(wt, end, NODE, 2, last);
        break;
      case 3:
        name = r.stringField(wt, end, NODE, 3, last);
        break;
      case 4:
        opType = c.intern(r.stringField(wt, end, NODE, 4, last));
        break;
      case 5: {
        const a = nested(c, wt, end, NODE, 5, last, depth, decodeAttribute);
        attributes ??= record<OnnxAttribute>();
        if (Object.hasOwn(attributes, a.name)) c.warn('duplicate-attribute', MESSAGES.warnDuplicateAttribute(name, a.name), last);
        attributes[a.name] = a;
        break;
      }
      case 6:
        docString = r.stringField(wt, end, NODE, 6, last);
        break;
      case 7:
        domain = c.intern(r.stringField(wt, end, NODE, 7, last));
        break;
      case 8:
        overload = r.stringField(wt, end, NODE, 8, last);
        break;
      case 9:
        stringEntry(c, wt, end, NODE, 9, last, depth, (metadata ??= record<string>()));
        break;
      case 10:
        (deviceConfigurations ??= []).push(nested(c, wt, end, NODE, 10, last, depth, decodeNodeDeviceConfiguration));
        break;
      default:
        r.skipField(wt, f, end, NODE, last, depth);
    }
  }
  r.endMessage(end, NODE, last);
  return {
    name, opType, domain: normalizeDomain(domain), overload, inputs: takeNames(inputs, nIn), outputs: takeNames(outputs, nOut), attributes: attributes ?? EMPTY_RECORD, docString,
    metadata: metadata ?? EMPTY_RECORD, deviceConfigurations: deviceConfigurations ?? EMPTY_LIST,
  };
}

/** `AttributeProto.AttributeType` codes to names. */
const ATTRIBUTE_TYPES: readonly OnnxAttributeType[] = [
  'undefined', 'float', 'int', 'string', 'tensor', 'graph', 'floats', 'ints', 'strings', 'tensors', 'graphs',
  'sparse_tensor', 'sparse_tensors', 'type_proto', 'type_protos',
];

/** Decode an AttributeProto. */
export function decodeAttribute(c: DecodeContext, end: number, depth: number): OnnxAttribute {
  const r = c.r;
  let name = '';
  let docString = '';
  let refAttrName = '';
  let typeCode = -1;
  let f32: number | undefined;
  let i64: number | bigint | undefined;
  let s: string | undefined;
  let t: OnnxTensor | undefined;
  let g: OnnxGraph | undefined;
  let sparse: OnnxSparseTensor | undefined;
  let tp: OnnxType | undefined;
  let floats: number[] | undefined;
  let ints: (number | bigint)[] | undefined;
  let strings: string[] | undefined;
  let tensors: OnnxTensor[] | undefined;
  let graphs: OnnxGraph[] | undefined;
  let sparseTensors: OnnxSparseTensor[] | undefined;
  let typeProtos: OnnxType[] | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(ATTRIBUTE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = c.intern(r.stringField(wt, end, ATTRIBUTE, 1, last));
        break;
      case 2:
        r.expect(wt, WT_I32, ATTRIBUTE, 2, last);
        f32 = r.float32();
        break;
      case 3:
        i64 = int64Field(c, wt, ATTRIBUTE, 3, last);
        break;
      case 4:
        s = r.stringField(wt, end, ATTRIBUTE, 4, last);
        break;
      case 5:
        t = nested(c, wt, end, ATTRIBUTE, 5, last, depth, decodeTensor);
        break;
      case 6:
        g = nested(c, wt, end, ATTRIBUTE, 6, last, depth, decodeGraph);
        break;
      case 7:
        repeatedFloat(c, wt, end, ATTRIBUTE, 7, last, (floats ??= []));
        break;
      case 8:
        repeatedInt64(c, wt, end, ATTRIBUTE, 8, last, (ints ??= []));
        break;
      case 9:
        strings ??= [];
        if (strings.length >= r.limits.maxListEntries) r.checkCount(strings.length + 1, PARTS.fieldOf(9, ATTRIBUTE.fields[9], ATTRIBUTE.name), last);
        strings.push(r.stringField(wt, end, ATTRIBUTE, 9, last));
        break;
      case 10:
        (tensors ??= []).push(nested(c, wt, end, ATTRIBUTE, 10, last, depth, decodeTensor));
        break;
      case 11:
        (graphs ??= []).push(nested(c, wt, end, ATTRIBUTE, 11, last, depth, decodeGraph));
        break;
      case 13:
        docString = r.stringField(wt, end, ATTRIBUTE, 13, last);
        break;
      case 14:
        tp = nested(c, wt, end, ATTRIBUTE, 14, last, depth, decodeType);
        break;
      case 15:
        (typeProtos ??= []).push(nested(c, wt, end, ATTRIBUTE, 15, last, depth, decodeType));
        break;
      case 20:
        typeCode = int32Field(c, wt, ATTRIBUTE, 20, last);
        break;
      case 21:
        refAttrName = r.stringField(wt, end, ATTRIBUTE, 21, last);
        break;
      case 22:
        sparse = nested(c, wt, end, ATTRIBUTE, 22, last, depth, decodeSparseTensor);
        break;
      case 23:
        (sparseTensors ??= []).push(nested(c, wt, end, ATTRIBUTE, 23, last, depth, decodeSparseTensor));
        break;
      default:
        r.skipField(wt, f, end, ATTRIBUTE, last, depth);
    }
  }
  r.endMessage(end, ATTRIBUTE, last);

  let type: OnnxAttributeType | undefined = typeCode > 0 ? ATTRIBUTE_TYPES[typeCode] : undefined;
  if (refAttrName !== '') return { name, docString, type: 'ref', refAttrName, refType: type ?? 'undefined' };
  // IR 1 files (and sloppy writers) omit `type`: infer it from the field present, as onnx's checker does.
  type ??=
    f32 !== undefined ? 'float'
    : i64 !== undefined ? 'int'
    : s !== undefined ? 'string'
    : t !== undefined ? 'tensor'
    : g !== undefined ? 'graph'
    : sparse !== undefined ? 'sparse_tensor'
    : tp !== undefined ? 'type_proto'
    : floats !== undefined ? 'floats'
    : ints !== undefined ? 'ints'
    : strings !== undefined ? 'strings'
    : tensors !== undefined ? 'tensors'
    : graphs !== undefined ? 'graphs'
    : sparseTensors !== undefined ? 'sparse_tensors'
    : typeProtos !== undefined ? 'type_protos'
    : 'undefined';
  switch (type) {
    case 'float':
      return { name, docString, type, value: f32 ?? 0 };
    case 'int':
      return { name, docString, type, value: i64 ?? 0 };
    case 'string':
      return { name, docString, type, value: s ?? '' };
    case 'tensor':
      return t === undefined ? { name, docString, type: 'undefined' } : { name, docString, type, value: t };
    case 'graph':
      return g === undefined ? { name, docString, type: 'undefined' } : { name, docString, type, value: g };
    case 'sparse_tensor':
      return sparse === undefined ? { name, docString, type: 'undefined' } : { name, docString, type, value: sparse };
    case 'type_proto':
      return tp === undefined ? { name, docString, type: 'undefined' } : { name, docString, type, value: tp };
    case 'floats':
      return { name, docString, type, value: compact(floats ?? []) };
    case 'ints':
      return { name, docString, type, value: compact(ints ?? []) };
    case 'strings':
      return { name, docString, type, value: strings ?? [] };
    case 'tensors':
      return { name, docString, type, value: tensors ?? [] };
    case 'graphs':
      return { name, docString, type, value: graphs ?? [] };
    case 'sparse_tensors':
      return { name, docString, type, value: sparseTensors ?? [] };
    case 'type_protos':
      return { name, docString, type, value: typeProtos ?? [] };
    default:
      return { name, docString, type: 'undefined' };
  }
}

/** Decode an OperatorSetIdProto. */
export function decodeOpset(c: DecodeContext, end: number, depth: number): OnnxOpset {
  const r = c.r;
  let domain = '';
  let version = 0;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(OPSET);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) domain = r.stringField(wt, end, OPSET, 1, last);
    else if (f === 2) version = int64NumberField(c, wt, OPSET, 2, last);
    else r.skipField(wt, f, end, OPSET, last, depth);
  }
  r.endMessage(end, OPSET, last);
  return { domain: normalizeDomain(domain), version };
}

/** Decode a FunctionProto. */
export function decodeFunction(c: DecodeContext, end: number, depth: number): OnnxFunction {
  const r = c.r;
  let name = '';
  let domain = '';
  let overload = '';
  let docString = '';
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: string[] = [];
  const attributeDefaults = record<OnnxAttribute>();
  const nodes: OnnxNode[] = [];
  const opsets: OnnxOpset[] = [];
  const valueInfo: OnnxValueInfo[] = [];
  const metadata = record<string>();
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(FUNCTION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = r.stringField(wt, end, FUNCTION, 1, last);
        break;
      case 4:
        inputs.push(r.stringField(wt, end, FUNCTION, 4, last));
        break;
      case 5:
        outputs.push(r.stringField(wt, end, FUNCTION, 5, last));
        break;
      case 6:
        attributes.push(r.stringField(wt, end, FUNCTION, 6, last));
        break;
      case 7:
        nodes.push(nested(c, wt, end, FUNCTION, 7, last, depth, decodeNode));
        break;
      case 8:
        docString = r.stringField(wt, end, FUNCTION, 8, last);
        break;
      case 9:
        opsets.push(nested(c, wt, end, FUNCTION, 9, last, depth, decodeOpset));
        break;
      case 10:
        domain = r.stringField(wt, end, FUNCTION, 10, last);
        break;
      case 11: {
        const a = nested(c, wt, end, FUNCTION, 11, last, depth, decodeAttribute);
        attributeDefaults[a.name] = a;
        break;
      }
      case 12:
        valueInfo.push(nested(c, wt, end, FUNCTION, 12, last, depth, decodeValueInfo));
        break;
      case 13:
        overload = r.stringField(wt, end, FUNCTION, 13, last);
        break;
      case 14:
        stringEntry(c, wt, end, FUNCTION, 14, last, depth, metadata);
        break;
      default:
        r.skipField(wt, f, end, FUNCTION, last, depth);
    }
    if (inputs.length + outputs.length + attributes.length > r.limits.maxListEntries) {
      r.checkCount(inputs.length + outputs.length + attributes.length, PARTS.fieldOf(f, FUNCTION.fields[f], FUNCTION.name), last);
    }
  }
  r.endMessage(end, FUNCTION, last);
  return {
    name, domain: normalizeDomain(domain), overload, inputs, outputs, attributes, attributeDefaults, nodes, opsets, valueInfo,
    docString, metadata,
  };
}

function decodeNodeDeviceConfiguration(c: DecodeContext, end: number, depth: number): OnnxNodeDeviceConfiguration {
  const r = c.r;
  let configurationId = '';
  const shardingSpecs: OnnxShardingSpec[] = [];
  let pipelineStage: number | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(NODE_DEVICE_CONFIGURATION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) configurationId = r.stringField(wt, end, NODE_DEVICE_CONFIGURATION, 1, last);
    else if (f === 2) shardingSpecs.push(nested(c, wt, end, NODE_DEVICE_CONFIGURATION, 2, last, depth, decodeShardingSpec));
    else if (f === 3) pipelineStage = int32Field(c, wt, NODE_DEVICE_CONFIGURATION, 3, last);
    else r.skipField(wt, f, end, NODE_DEVICE_CONFIGURATION, last, depth);
  }
  r.endMessage(end, NODE_DEVICE_CONFIGURATION, last);
  return { configurationId, shardingSpecs, pipelineStage };
}

function decodeShardingSpec(c: DecodeContext, end: number, depth: number): OnnxShardingSpec {
  const r = c.r;
  let tensorName = '';
  const devices: number[] = [];
  const indexToDeviceGroupMap: { key: number; value: number[] }[] = [];
  const shardedDims: { axis: number; simpleSharding: OnnxSimpleShardedDim[] }[] = [];
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(SHARDING_SPEC);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) tensorName = r.stringField(wt, end, SHARDING_SPEC, 1, last);
    else if (f === 2) repeatedInt64Number(c, wt, end, SHARDING_SPEC, 2, last, devices);
    else if (f === 3) indexToDeviceGroupMap.push(nested(c, wt, end, SHARDING_SPEC, 3, last, depth, decodeIntIntListEntry));
    else if (f === 4) shardedDims.push(nested(c, wt, end, SHARDING_SPEC, 4, last, depth, decodeShardedDim));
    else r.skipField(wt, f, end, SHARDING_SPEC, last, depth);
  }
  r.endMessage(end, SHARDING_SPEC, last);
  return { tensorName, devices, indexToDeviceGroupMap, shardedDims };
}

function decodeIntIntListEntry(c: DecodeContext, end: number, depth: number): { key: number; value: number[] } {
  const r = c.r;
  let key = 0;
  const value: number[] = [];
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(INT_INT_LIST_ENTRY);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) key = int64NumberField(c, wt, INT_INT_LIST_ENTRY, 1, last);
    else if (f === 2) repeatedInt64Number(c, wt, end, INT_INT_LIST_ENTRY, 2, last, value);
    else r.skipField(wt, f, end, INT_INT_LIST_ENTRY, last, depth);
  }
  r.endMessage(end, INT_INT_LIST_ENTRY, last);
  return { key, value };
}

function decodeShardedDim(c: DecodeContext, end: number, depth: number): { axis: number; simpleSharding: OnnxSimpleShardedDim[] } {
  const r = c.r;
  let axis = 0;
  const simpleSharding: OnnxSimpleShardedDim[] = [];
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(SHARDED_DIM);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) axis = int64NumberField(c, wt, SHARDED_DIM, 1, last);
    else if (f === 2) simpleSharding.push(nested(c, wt, end, SHARDED_DIM, 2, last, depth, decodeSimpleShardedDim));
    else r.skipField(wt, f, end, SHARDED_DIM, last, depth);
  }
  r.endMessage(end, SHARDED_DIM, last);
  return { axis, simpleSharding };
}

function decodeSimpleShardedDim(c: DecodeContext, end: number, depth: number): OnnxSimpleShardedDim {
  const r = c.r;
  let dim: OnnxDim = null;
  let numShards = 0;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(SIMPLE_SHARDED_DIM);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) dim = int64NumberField(c, wt, SIMPLE_SHARDED_DIM, 1, last);
    else if (f === 2) dim = r.stringField(wt, end, SIMPLE_SHARDED_DIM, 2, last);
    else if (f === 3) numShards = int64NumberField(c, wt, SIMPLE_SHARDED_DIM, 3, last);
    else r.skipField(wt, f, end, SIMPLE_SHARDED_DIM, last, depth);
  }
  r.endMessage(end, SIMPLE_SHARDED_DIM, last);
  return { dim, numShards };
}
