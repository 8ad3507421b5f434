/**
 * The reference decoder the tests compare against: protobufjs (7.6.6) reflection over a schema of
 * onnx.proto / onnx-data.proto at IR 13, written out below field by field from
 * https://github.com/onnx/onnx/blob/main/onnx/onnx.in.proto (and onnx-data.proto). onnx-proto
 * 8.0.1 (onnx v1.10.2, IR 8) is the independent check of this transcription: `reference-schema`
 * tests decode every model with both and require agreement on every field onnx-proto knows.
 *
 * It also projects both decodes (reference and ours) onto one comparable shape, so a test can say
 * `expect(project(ours)).toEqual(projectRef(theirs))` for whole models.
 */
import protobuf from 'protobufjs';
import { Buffer } from 'node:buffer';

const P = { packed: true };
const U = { packed: false };
const rep = (type: string, id: number, options?: object) => ({ rule: 'repeated', type, id, ...(options ? { options } : {}) });
const one = (type: string, id: number) => ({ type, id });

const SCHEMA = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: one('string', 1), refAttrName: one('string', 21), docString: one('string', 13), type: one('int32', 20),
            f: one('float', 2), i: one('int64', 3), s: one('bytes', 4), t: one('TensorProto', 5), g: one('GraphProto', 6),
            sparseTensor: one('SparseTensorProto', 22), tp: one('TypeProto', 14),
            floats: rep('float', 7, U), ints: rep('int64', 8, U), strings: rep('bytes', 9), tensors: rep('TensorProto', 10),
            graphs: rep('GraphProto', 11), sparseTensors: rep('SparseTensorProto', 23), typeProtos: rep('TypeProto', 15),
          },
        },
        ValueInfoProto: {
          fields: { name: one('string', 1), type: one('TypeProto', 2), docString: one('string', 3), metadataProps: rep('StringStringEntryProto', 4) },
        },
        NodeProto: {
          fields: {
            input: rep('string', 1), output: rep('string', 2), name: one('string', 3), opType: one('string', 4), domain: one('string', 7),
            overload: one('string', 8), attribute: rep('AttributeProto', 5), docString: one('string', 6),
            metadataProps: rep('StringStringEntryProto', 9), deviceConfigurations: rep('NodeDeviceConfigurationProto', 10),
          },
        },
        IntIntListEntryProto: { fields: { key: one('int64', 1), value: rep('int64', 2, U) } },
        NodeDeviceConfigurationProto: {
          fields: { configurationId: one('string', 1), shardingSpec: rep('ShardingSpecProto', 2), pipelineStage: one('int32', 3) },
        },
        ShardingSpecProto: {
          fields: {
            tensorName: one('string', 1), device: rep('int64', 2, U), indexToDeviceGroupMap: rep('IntIntListEntryProto', 3),
            shardedDim: rep('ShardedDimProto', 4),
          },
        },
        ShardedDimProto: { fields: { axis: one('int64', 1), simpleSharding: rep('SimpleShardedDimProto', 2) } },
        SimpleShardedDimProto: {
          oneofs: { dim: { oneof: ['dimValue', 'dimParam'] } },
          fields: { dimValue: one('int64', 1), dimParam: one('string', 2), numShards: one('int64', 3) },
        },
        TrainingInfoProto: {
          fields: {
            initialization: one('GraphProto', 1), algorithm: one('GraphProto', 2),
            initializationBinding: rep('StringStringEntryProto', 3), updateBinding: rep('StringStringEntryProto', 4),
          },
        },
        ModelProto: {
          fields: {
            irVersion: one('int64', 1), opsetImport: rep('OperatorSetIdProto', 8), producerName: one('string', 2),
            producerVersion: one('string', 3), domain: one('string', 4), modelVersion: one('int64', 5), docString: one('string', 6),
            graph: one('GraphProto', 7), metadataProps: rep('StringStringEntryProto', 14), trainingInfo: rep('TrainingInfoProto', 20),
            functions: rep('FunctionProto', 25), configuration: rep('DeviceConfigurationProto', 26),
          },
        },
        DeviceConfigurationProto: { fields: { name: one('string', 1), numDevices: one('int32', 2), device: rep('string', 3) } },
        StringStringEntryProto: { fields: { key: one('string', 1), value: one('string', 2) } },
        TensorAnnotation: { fields: { tensorName: one('string', 1), quantParameterTensorNames: rep('StringStringEntryProto', 2) } },
        GraphProto: {
          fields: {
            node: rep('NodeProto', 1), name: one('string', 2), initializer: rep('TensorProto', 5),
            sparseInitializer: rep('SparseTensorProto', 15), docString: one('string', 10), input: rep('ValueInfoProto', 11),
            output: rep('ValueInfoProto', 12), valueInfo: rep('ValueInfoProto', 13), quantizationAnnotation: rep('TensorAnnotation', 14),
            metadataProps: rep('StringStringEntryProto', 16),
          },
        },
        TensorProto: {
          nested: { Segment: { fields: { begin: one('int64', 1), end: one('int64', 2) } } },
          fields: {
            dims: rep('int64', 1, U), dataType: one('int32', 2), segment: one('Segment', 3), floatData: rep('float', 4, P),
            int32Data: rep('int32', 5, P), stringData: rep('bytes', 6), int64Data: rep('int64', 7, P), name: one('string', 8),
            docString: one('string', 12), rawData: one('bytes', 9), externalData: rep('StringStringEntryProto', 13),
            dataLocation: one('int32', 14), doubleData: rep('double', 10, P), uint64Data: rep('uint64', 11, P),
            metadataProps: rep('StringStringEntryProto', 16),
          },
        },
        SparseTensorProto: { fields: { values: one('TensorProto', 1), indices: one('TensorProto', 2), dims: rep('int64', 3, U) } },
        TensorShapeProto: {
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
              fields: { dimValue: one('int64', 1), dimParam: one('string', 2), denotation: one('string', 3) },
            },
          },
          fields: { dim: rep('Dimension', 1) },
        },
        TypeProto: {
          nested: {
            Tensor: { fields: { elemType: one('int32', 1), shape: one('TensorShapeProto', 2) } },
            Sequence: { fields: { elemType: one('TypeProto', 1) } },
            Map: { fields: { keyType: one('int32', 1), valueType: one('TypeProto', 2) } },
            Optional: { fields: { elemType: one('TypeProto', 1) } },
            SparseTensor: { fields: { elemType: one('int32', 1), shape: one('TensorShapeProto', 2) } },
            Opaque: { fields: { domain: one('string', 1), name: one('string', 2) } },
          },
          oneofs: { value: { oneof: ['tensorType', 'sequenceType', 'mapType', 'optionalType', 'sparseTensorType', 'opaqueType'] } },
          fields: {
            tensorType: one('Tensor', 1), sequenceType: one('Sequence', 4), mapType: one('Map', 5), optionalType: one('Optional', 9),
            sparseTensorType: one('SparseTensor', 8), opaqueType: one('Opaque', 7), denotation: one('string', 6),
          },
        },
        OperatorSetIdProto: { fields: { domain: one('string', 1), version: one('int64', 2) } },
        FunctionProto: {
          fields: {
            name: one('string', 1), input: rep('string', 4), output: rep('string', 5), attribute: rep('string', 6),
            attributeProto: rep('AttributeProto', 11), node: rep('NodeProto', 7), docString: one('string', 8),
            opsetImport: rep('OperatorSetIdProto', 9), domain: one('string', 10), overload: one('string', 13),
            valueInfo: rep('ValueInfoProto', 12), metadataProps: rep('StringStringEntryProto', 14),
          },
        },
        SequenceProto: {
          fields: {
            name: one('string', 1), elemType: one('int32', 2), tensorValues: rep('TensorProto', 3),
            sparseTensorValues: rep('SparseTensorProto', 4), sequenceValues: rep('SequenceProto', 5), mapValues: rep('MapProto', 6),
            optionalValues: rep('OptionalProto', 7),
          },
        },
        MapProto: {
          fields: { name: one('string', 1), keyType: one('int32', 2), keys: rep('int64', 3, U), stringKeys: rep('bytes', 4), values: one('SequenceProto', 5) },
        },
        OptionalProto: {
          fields: {
            name: one('string', 1), elemType: one('int32', 2), tensorValue: one('TensorProto', 3),
            sparseTensorValue: one('SparseTensorProto', 4), sequenceValue: one('SequenceProto', 5), mapValue: one('MapProto', 6),
            optionalValue: one('OptionalProto', 7),
          },
        },
      },
    },
  },
};

export const root = protobuf.Root.fromJSON(SCHEMA);
export const ModelProto = root.lookupType('onnx.ModelProto');
export const TensorProto = root.lookupType('onnx.TensorProto');
export const SequenceProto = root.lookupType('onnx.SequenceProto');
export const MapProto = root.lookupType('onnx.MapProto');
export const OptionalProto = root.lookupType('onnx.OptionalProto');
export const SparseTensorProto = root.lookupType('onnx.SparseTensorProto');

/** Plain objects: int64 as decimal strings, bytes as Buffers, absent fields absent. */
export const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: Buffer as unknown as typeof String, defaults: false, arrays: false };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = any;

export function refDecode(type: protobuf.Type, bytes: Uint8Array): Obj {
  return type.toObject(type.decode(bytes), TO_OBJECT);
}

/** Encode a plain object (camelCase field names, int64 as number or decimal string) with the reference schema. */
export function encode(type: protobuf.Type, obj: object): Uint8Array {
  return type.encode(type.fromObject(obj)).finish();
}

/** `TensorProto.DataType` names -> core dtype names, written from the enum independently of src/. */
export const REF_DTYPE: Record<number, string> = {
  0: 'unknown', 1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
  17: 'float8e4m3fn', 18: 'float8e4m3fnuz', 19: 'float8e5m2', 20: 'float8e5m2fnuz', 21: 'uint4', 22: 'int4', 23: 'float4e2m1',
  24: 'float8e8m0', 25: 'uint2', 26: 'int2',
};

/** Bits per element, from the type names (string: 64, as core counts a pointer). */
const REF_BITS: Record<number, number> = {
  1: 32, 2: 8, 3: 8, 4: 16, 5: 16, 6: 32, 7: 64, 8: 64, 9: 8, 10: 16, 11: 64, 12: 32, 13: 64, 14: 64, 15: 128, 16: 16,
  17: 8, 18: 8, 19: 8, 20: 8, 21: 4, 22: 4, 23: 4, 24: 8, 25: 2, 26: 2,
};

const big = (s: string | number): string => BigInt(s).toString();

/** binary16 -> number, by building the float32 bit pattern (a different route from src/). */
function half(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  let mant = h & 0x3ff;
  const b = Buffer.alloc(4);
  if (exp === 0) {
    if (mant === 0) {
      b.writeUInt32LE(sign >>> 0);
      return b.readFloatLE(0);
    }
    // subnormal: value = mant * 2^-24
    return (sign ? -1 : 1) * mant * Math.pow(2, -24);
  }
  if (exp === 31) {
    b.writeUInt32LE((sign | 0x7f800000 | (mant << 13)) >>> 0);
    return b.readFloatLE(0);
  }
  mant <<= 13;
  b.writeUInt32LE((sign | ((exp - 15 + 127) << 23) | mant) >>> 0);
  return b.readFloatLE(0);
}

function bf16(h: number): number {
  const b = Buffer.alloc(4);
  b.writeUInt32LE((h << 16) >>> 0);
  return b.readFloatLE(0);
}

/** Values of a reference TensorProto as strings (the comparable form), or undefined when not decodable here. */
export function refTensorValues(t: Obj): string[] | undefined {
  const code: number = t.dataType ?? 0;
  const dims: string[] = t.dims ?? [];
  const n = dims.reduce((a, d) => a * Number(d), 1);
  if (t.rawData !== undefined) {
    const raw: Buffer = t.rawData;
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      switch (code) {
        case 1: out.push(String(raw.readFloatLE(i * 4))); break;
        case 11: out.push(String(raw.readDoubleLE(i * 8))); break;
        case 10: out.push(String(half(raw.readUInt16LE(i * 2)))); break;
        case 16: out.push(String(bf16(raw.readUInt16LE(i * 2)))); break;
        case 2: out.push(String(raw.readUInt8(i))); break;
        case 9: out.push(raw.readUInt8(i) ? '1' : '0'); break;
        case 3: out.push(String(raw.readInt8(i))); break;
        case 4: out.push(String(raw.readUInt16LE(i * 2))); break;
        case 5: out.push(String(raw.readInt16LE(i * 2))); break;
        case 6: out.push(String(raw.readInt32LE(i * 4))); break;
        case 12: out.push(String(raw.readUInt32LE(i * 4))); break;
        case 7: out.push(raw.readBigInt64LE(i * 8).toString()); break;
        case 13: out.push(raw.readBigUInt64LE(i * 8).toString()); break;
        case 21: case 22: {
          const v = (raw.readUInt8(i >> 1) >> ((i % 2) * 4)) & 15;
          out.push(String(code === 22 && v > 7 ? v - 16 : v));
          break;
        }
        default: return undefined;
      }
    }
    return out;
  }
  if (t.floatData && code === 1) return t.floatData.map(String);
  if (t.doubleData && code === 11) return t.doubleData.map(String);
  if (t.int64Data && code === 7) return t.int64Data.map(big);
  if (t.uint64Data && (code === 12 || code === 13)) return t.uint64Data.map(big);
  if (t.int32Data) {
    const v: number[] = t.int32Data;
    switch (code) {
      case 10: return v.map((x) => String(half(x & 0xffff)));
      case 16: return v.map((x) => String(bf16(x & 0xffff)));
      case 9: return v.map((x) => (x ? '1' : '0'));
      case 2: case 3: case 4: case 5: case 6: return v.map(String);
      case 21: case 22: {
        const out: string[] = [];
        for (let i = 0; i < n; i++) {
          const nib = ((v[i >> 1] ?? 0) >> ((i % 2) * 4)) & 15;
          out.push(String(code === 22 && nib > 7 ? nib - 16 : nib));
        }
        return out;
      }
      default: return undefined;
    }
  }
  return undefined;
}

const DEFAULT_DOMAIN = 'ai.onnx';
const dom = (d: string | undefined): string => (d === undefined || d === '' ? DEFAULT_DOMAIN : d);
const str = (b: Buffer | undefined): string => (b === undefined ? '' : b.toString('utf8'));
const entries = (list: Obj[] | undefined): [string, string][] => {
  const m = new Map<string, string>();
  for (const e of list ?? []) m.set(e.key ?? '', e.value ?? '');
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
};

/** The comparable projection of a type. */
export function refType(t: Obj | undefined): Obj {
  if (t === undefined) return undefined;
  const den = t.denotation ?? '';
  const shapeOf = (s: Obj | undefined) =>
    s === undefined ? undefined : (s.dim ?? []).map((d: Obj) => (d.dimValue !== undefined ? Number(d.dimValue) : d.dimParam !== undefined ? d.dimParam : null));
  if (t.tensorType) return { kind: 'tensor', elemType: REF_DTYPE[t.tensorType.elemType ?? 0] ?? 'unknown', shape: shapeOf(t.tensorType.shape), den };
  if (t.sparseTensorType) return { kind: 'sparse_tensor', elemType: REF_DTYPE[t.sparseTensorType.elemType ?? 0] ?? 'unknown', shape: shapeOf(t.sparseTensorType.shape), den };
  if (t.sequenceType) return { kind: 'sequence', elem: refType(t.sequenceType.elemType), den };
  if (t.mapType) return { kind: 'map', key: REF_DTYPE[t.mapType.keyType ?? 0] ?? 'unknown', value: refType(t.mapType.valueType), den };
  if (t.optionalType) return { kind: 'optional', elem: refType(t.optionalType.elemType), den };
  if (t.opaqueType) return { kind: 'opaque', domain: t.opaqueType.domain ?? '', name: t.opaqueType.name ?? '', den };
  return { kind: 'unset', den };
}

/** The comparable projection of a tensor: identity, layout and (when ours decoded them) values. */
export function refTensor(t: Obj): Obj {
  const code = t.dataType ?? 0;
  const dims = (t.dims ?? []).map(Number);
  const n = dims.reduce((a: number, d: number) => a * d, 1);
  const ext = t.dataLocation === 1;
  return {
    name: t.name ?? '',
    dtype: REF_DTYPE[code] ?? 'unknown',
    dims,
    byteLength: Math.ceil((n * (REF_BITS[code] ?? 32)) / 8),
    external: ext ? Object.fromEntries(entries(t.externalData)) : undefined,
    docString: t.docString ?? '',
  };
}

export function refValueInfo(v: Obj): Obj {
  return { name: v.name ?? '', type: refType(v.type), doc: v.docString ?? '', meta: entries(v.metadataProps) };
}

const ATTR_TYPES = ['undefined', 'float', 'int', 'string', 'tensor', 'graph', 'floats', 'ints', 'strings', 'tensors', 'graphs', 'sparse_tensor', 'sparse_tensors', 'type_proto', 'type_protos'];

export function refAttribute(a: Obj): Obj {
  const type = ATTR_TYPES[a.type ?? 0] ?? 'undefined';
  if (a.refAttrName) return { name: a.name ?? '', type: 'ref', ref: a.refAttrName, refType: type };
  let value: Obj;
  switch (type) {
    case 'float': value = a.f ?? 0; break;
    case 'int': value = big(a.i ?? 0); break;
    case 'string': value = str(a.s); break;
    case 'tensor': value = refTensor(a.t); break;
    case 'graph': value = refGraph(a.g); break;
    case 'sparse_tensor': value = refSparse(a.sparseTensor); break;
    case 'type_proto': value = refType(a.tp); break;
    case 'floats': value = a.floats ?? []; break;
    case 'ints': value = (a.ints ?? []).map(big); break;
    case 'strings': value = (a.strings ?? []).map(str); break;
    case 'tensors': value = (a.tensors ?? []).map(refTensor); break;
    case 'graphs': value = (a.graphs ?? []).map(refGraph); break;
    case 'sparse_tensors': value = (a.sparseTensors ?? []).map(refSparse); break;
    case 'type_protos': value = (a.typeProtos ?? []).map(refType); break;
    default: value = undefined;
  }
  return { name: a.name ?? '', type, value, doc: a.docString ?? '' };
}

export function refSparse(s: Obj): Obj {
  return { dims: (s.dims ?? []).map(Number), values: s.values ? refTensor(s.values) : undefined, indices: s.indices ? refTensor(s.indices) : undefined };
}

export function refNode(n: Obj): Obj {
  return {
    name: n.name ?? '',
    opType: n.opType ?? '',
    domain: dom(n.domain),
    overload: n.overload ?? '',
    inputs: n.input ?? [],
    outputs: n.output ?? [],
    attributes: (n.attribute ?? []).map(refAttribute).sort((x: Obj, y: Obj) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
    doc: n.docString ?? '',
    meta: entries(n.metadataProps),
    devices: (n.deviceConfigurations ?? []).length,
  };
}

export function refGraph(g: Obj): Obj {
  return {
    name: g.name ?? '',
    doc: g.docString ?? '',
    nodes: (g.node ?? []).map(refNode),
    initializers: (g.initializer ?? []).map(refTensor),
    sparse: (g.sparseInitializer ?? []).map(refSparse),
    inputs: (g.input ?? []).map(refValueInfo),
    outputs: (g.output ?? []).map(refValueInfo),
    valueInfo: (g.valueInfo ?? []).map(refValueInfo),
    quant: (g.quantizationAnnotation ?? []).map((q: Obj) => ({ tensor: q.tensorName ?? '', params: entries(q.quantParameterTensorNames) })),
    meta: entries(g.metadataProps),
  };
}

export function refModel(m: Obj): Obj {
  return {
    irVersion: Number(m.irVersion ?? 0),
    opsets: (m.opsetImport ?? []).map((o: Obj) => ({ domain: dom(o.domain), version: Number(o.version ?? 0) })),
    producer: [m.producerName ?? '', m.producerVersion ?? ''],
    domain: m.domain ?? '',
    modelVersion: big(m.modelVersion ?? 0),
    doc: m.docString ?? '',
    meta: entries(m.metadataProps),
    graph: refGraph(m.graph ?? {}),
    functions: (m.functions ?? []).map((f: Obj) => ({
      name: f.name ?? '',
      domain: dom(f.domain),
      overload: f.overload ?? '',
      inputs: f.input ?? [],
      outputs: f.output ?? [],
      attributes: f.attribute ?? [],
      defaults: (f.attributeProto ?? []).map(refAttribute).sort((x: Obj, y: Obj) => (x.name < y.name ? -1 : 1)),
      nodes: (f.node ?? []).map(refNode),
      opsets: (f.opsetImport ?? []).map((o: Obj) => ({ domain: dom(o.domain), version: Number(o.version ?? 0) })),
      valueInfo: (f.valueInfo ?? []).map(refValueInfo),
      doc: f.docString ?? '',
      meta: entries(f.metadataProps),
    })),
    trainingInfo: (m.trainingInfo ?? []).length,
    configuration: (m.configuration ?? []).map((d: Obj) => ({ name: d.name ?? '', numDevices: d.numDevices ?? 0, devices: d.device ?? [] })),
  };
}
