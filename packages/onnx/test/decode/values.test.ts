/**
 * Table-driven tests of what real models rarely exercise: every tensor storage form and dtype the
 * value decoder handles (with the expected values derived by hand), warnings instead of failures
 * for inconsistent tensors, every attribute type, the IR 9-11 fields (function defaults and
 * value_info, node overload/metadata/device configurations, model configuration, training info),
 * unknown fields of every wire type, and map / sparse / nested value files.
 */
import { describe, expect, it } from 'vitest';
import {
  bytesSource, decodeModel, decodeTensorFile, decodeValueFile, type OnnxDecodeOptions, type OnnxModel, type OnnxTensor,
} from '../../src/index.js';
import { MapProto, ModelProto, SequenceProto, SparseTensorProto, TensorProto, encode, root, type Obj } from './reference.js';

const le64 = (vals: bigint[]): Buffer => Buffer.from(new BigInt64Array(vals).buffer);
const u8 = (vals: number[]): Buffer => Buffer.from(vals);
const u16 = (vals: number[]): Buffer => Buffer.from(new Uint16Array(vals).buffer);

function tensor(obj: Obj, options: OnnxDecodeOptions & { warnings?: unknown[] } = {}): OnnxTensor {
  const { warnings, ...rest } = options;
  return decodeTensorFile(bytesSource(encode(TensorProto, obj)), { ...rest, onWarning: (w) => warnings?.push(w) });
}

function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const ld = (field: number, payload: ArrayLike<number>): number[] => [...varint(field * 8 + 2), ...varint(payload.length), ...Array.from(payload)];
const vi = (field: number, v: number | bigint): number[] => [...varint(field * 8), ...varint(v)];

describe('tensor values', () => {
  const cases: [string, Obj, (number | bigint)[]][] = [
    ['int64 raw_data, past 2^53 as bigint', { dims: [5], dataType: 7, rawData: le64([-1n, 0n, 2n ** 53n + 1n, -(2n ** 60n), 2n ** 63n - 1n]) }, [-1, 0, 2n ** 53n + 1n, -(2n ** 60n), 2n ** 63n - 1n]],
    ['int64_data (packed)', { dims: [3], dataType: 7, int64Data: ['-1', '9007199254740993', '7'] }, [-1, 9007199254740993n, 7]],
    ['int32 raw_data', { dims: [2], dataType: 6, rawData: Buffer.from(new Int32Array([-7, 2147483647]).buffer) }, [-7, 2147483647]],
    ['int8 in int32_data', { dims: [2], dataType: 3, int32Data: [-128, 127] }, [-128, 127]],
    ['uint8 raw_data', { dims: [3], dataType: 2, rawData: u8([0, 128, 255]) }, [0, 128, 255]],
    ['bool raw_data', { dims: [3], dataType: 9, rawData: u8([1, 0, 1]) }, [1, 0, 1]],
    ['bool in int32_data', { dims: [2], dataType: 9, int32Data: [0, 1] }, [0, 1]],
    // 0x3c00 = 1.0, 0xc000 = -2.0, 0x7c00 = +inf, 0x0001 = 2^-24 (smallest subnormal)
    ['float16 in int32_data', { dims: [4], dataType: 10, int32Data: [0x3c00, 0xc000, 0x7c00, 0x0001] }, [1, -2, Infinity, 2 ** -24]],
    ['float16 raw_data', { dims: [2], dataType: 10, rawData: u16([0x3800, 0x4200]) }, [0.5, 3]],
    // bfloat16 is the top half of a float32: 0x3f80 = 1.0, 0xc040 = -3.0
    ['bfloat16 raw_data', { dims: [2], dataType: 16, rawData: u16([0x3f80, 0xc040]) }, [1, -3]],
    ['float32 float_data', { dims: [2], dataType: 1, floatData: [0.5, -1.25] }, [0.5, -1.25]],
    ['float64 double_data', { dims: [2], dataType: 11, doubleData: [0.1, -2.5] }, [0.1, -2.5]],
    ['uint64 uint64_data, 2^64-1 as bigint', { dims: [2], dataType: 13, uint64Data: ['18446744073709551615', '5'] }, [18446744073709551615n, 5]],
    ['uint32 uint64_data', { dims: [1], dataType: 12, uint64Data: ['4294967295'] }, [4294967295]],
    ['uint16 raw_data', { dims: [1], dataType: 4, rawData: u16([65535]) }, [65535]],
    ['int16 raw_data', { dims: [1], dataType: 5, rawData: u16([0x8000]) }, [-32768]],
    // int4 packs two per byte, first element in the low nibble: 0x8f = [15 -> -1, 8 -> -8]
    ['int4 raw_data', { dims: [3], dataType: 22, rawData: u8([0x8f, 0x07]) }, [-1, -8, 7]],
    ['uint4 raw_data', { dims: [2], dataType: 21, rawData: u8([0x21]) }, [1, 2]],
    ['int4 in int32_data (one packed byte per entry)', { dims: [2], dataType: 22, int32Data: [0x9e] }, [-2, -7]],
    // 2-bit types pack four per byte, lowest bits first: 0xe4 = 11 10 01 00
    ['int2 raw_data', { dims: [4], dataType: 26, rawData: u8([0xe4]) }, [0, 1, -2, -1]],
    ['uint2 raw_data', { dims: [4], dataType: 25, rawData: u8([0xe4]) }, [0, 1, 2, 3]],
    ['scalar (no dims)', { dataType: 7, rawData: le64([42n]) }, [42]],
  ];
  it.each(cases)('%s', (_name, obj, want) => {
    const t = tensor(obj);
    expect(t.values).toEqual(want);
    expect(t.elementCount).toBe(want.length);
  });

  it('unpacked int64_data and unpacked dims (proto2 writers) read like packed ones', () => {
    // dims 2 (unpacked), data_type 7, int64_data -1 and 3 as separate tags
    const bytes = new Uint8Array([...vi(1, 2), ...vi(2, 7), ...vi(7, -1), ...vi(7, 3)]);
    const t = decodeTensorFile(bytesSource(bytes));
    expect(t).toMatchObject({ dims: [2], dtype: 'int64', storage: 'int64_data', values: [-1, 3] });
    const packedDims = new Uint8Array([...ld(1, [2, 1]), ...vi(2, 7), ...ld(7, [...varint(5), ...varint(6)])]);
    expect(decodeTensorFile(bytesSource(packedDims))).toMatchObject({ dims: [2, 1], values: [5, 6] });
  });

  it('data fields before dims and data_type still decode (field order is free)', () => {
    const bytes = new Uint8Array([...ld(9, Array.from(le64([3n, 4n]))), ...ld(8, [0x73]), ...vi(2, 7), ...vi(1, 2)]);
    expect(decodeTensorFile(bytesSource(bytes))).toMatchObject({ name: 's', dims: [2], values: [3, 4] });
  });

  it('small string tensors keep their strings; large ones only their count', () => {
    expect(tensor({ dims: [2], dataType: 8, stringData: [Buffer.from('héllo'), Buffer.from('')] }).strings).toEqual(['héllo', '']);
    const big = tensor({ dims: [5000], dataType: 8, stringData: Array.from({ length: 5000 }, () => Buffer.from('x')) });
    expect(big).toMatchObject({ storage: 'string_data', elementCount: 5000, byteLength: 40000 });
    expect(big.strings).toBeUndefined();
  });

  it('size limits: 4096 integers and 256 floats by default, both configurable', () => {
    const ints = (n: number) => ({ dims: [n], dataType: 7, rawData: le64(Array.from({ length: n }, (_, i) => BigInt(i))) });
    const floats = (n: number) => ({ dims: [n], dataType: 1, floatData: Array.from({ length: n }, (_, i) => i) });
    expect(tensor(ints(4096)).values).toHaveLength(4096);
    expect(tensor(ints(4097)).values).toBeUndefined();
    expect(tensor(ints(10), { maxValueElements: 5 }).values).toBeUndefined();
    expect(tensor(floats(256)).values).toHaveLength(256);
    expect(tensor(floats(257)).values).toBeUndefined();
    expect(tensor(floats(300), { maxFloatValueElements: 512 }).values).toHaveLength(300);
  });

  it('fp8, fp4 and complex tensors carry layout but no values', () => {
    for (const [dataType, bytes] of [[17, 4], [23, 2], [14, 32]] as const) {
      const t = tensor({ dims: [4], dataType, rawData: Buffer.alloc(bytes) });
      expect(t.byteLength).toBe(bytes);
      expect(t.values).toBeUndefined();
    }
  });

  it('inconsistent tensors decode with a warning instead of failing', () => {
    const warnings: unknown[] = [];
    const short = tensor({ name: 'w', dims: [4], dataType: 1, rawData: Buffer.alloc(10) }, { warnings });
    expect(short).toMatchObject({ byteLength: 16, location: { kind: 'inline', length: 10 } });
    expect(short.values).toBeUndefined();
    const fewer = tensor({ name: 'i', dims: [3], dataType: 7, int64Data: ['1', '2'] }, { warnings });
    expect(fewer.values).toBeUndefined();
    const neg = tensor({ name: 'n', dims: [2, -3], dataType: 1 }, { warnings });
    expect(neg).toMatchObject({ elementCount: 0, byteLength: 0 });
    // More than 2^53 elements: not a warning but a too-large error (no count of it would be exact).
    expect(() => tensor({ name: 'h', dims: ['4294967296', '4294967296'], dataType: 1 }, { warnings })).toThrow(
      'input: tensor "h" at byte 0 has dims [4294967296, 4294967296], more than 2^53 elements or bytes; no file holds such a tensor: it is damaged or built to exhaust the reader.',
    );
    // A zero dim makes any other product empty.
    expect(tensor({ name: 'z', dims: ['4294967296', '4294967296', 0], dataType: 1 }, { warnings })).toMatchObject({ elementCount: 0, byteLength: 0 });
    const odd = tensor({ name: 'u', dims: [2], dataType: 99 }, { warnings });
    expect(odd).toMatchObject({ dtype: 'unknown', dataType: 99, byteLength: 8 });
    expect(warnings).toEqual([
      { code: 'data-size', offset: 0, message: 'tensor "w": raw_data holds 10 bytes, but dims [4] of float32 need 16; its values are not used' },
      { code: 'data-count', offset: 0, message: 'tensor "i": int64_data holds 2 elements, but its dims need 3; its values are not used' },
      { code: 'negative-dim', offset: 0, message: 'tensor "n": dims [2, -3] contain a negative size; counted as 0 elements' },
      { code: 'unknown-data-type', offset: 0, message: 'tensor "u": unknown data_type 99; its size is counted as 4 bytes per element' },
    ]);
  });

  it('external data: location, offset and length strings; length defaults to the dims', () => {
    const ext = (entries: Obj[]) => tensor({ name: 'w', dims: [8, 8], dataType: 1, dataLocation: 1, externalData: entries });
    expect(ext([{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: '4096' }, { key: 'length', value: '256' }, { key: 'checksum', value: 'ab' }])).toMatchObject({
      storage: 'external',
      byteLength: 256,
      location: { kind: 'external', file: 'weights.bin', offset: 4096, length: 256 },
      externalData: { location: 'weights.bin', offset: '4096', length: '256', checksum: 'ab' },
    });
    expect(ext([{ key: 'location', value: 'w.bin' }]).location).toEqual({ kind: 'external', file: 'w.bin', offset: 0, length: 256 });
  });

  it('segment, doc_string and metadata_props', () => {
    const t = tensor({ dims: [1], dataType: 1, floatData: [1], segment: { begin: 4, end: 5 }, docString: 'd', metadataProps: [{ key: 'k', value: 'v' }] });
    expect(t).toMatchObject({ segment: { begin: 4, end: 5 }, docString: 'd', metadata: { k: 'v' } });
  });
});

/** A one-node model whose node carries `attribute`; returns the decoded model. */
function withNode(node: Obj, extra: Obj = {}, options: OnnxDecodeOptions & { warnings?: unknown[] } = {}): OnnxModel {
  const { warnings, ...rest } = options;
  const bytes = encode(ModelProto, { irVersion: 10, opsetImport: [{ version: 21 }], graph: { name: 'g', node: [node] }, ...extra });
  return decodeModel(bytesSource(bytes), { ...rest, onWarning: (w) => warnings?.push(w) });
}

describe('attributes', () => {
  const sub = { name: 'body', node: [{ opType: 'Identity', input: ['a'], output: ['b'] }] };
  const attrs: Obj[] = [
    { name: 'f', type: 1, f: 0.25 },
    { name: 'i', type: 2, i: '-9007199254740993' },
    { name: 's', type: 3, s: Buffer.from('same_upper') },
    { name: 't', type: 4, t: { dims: [2], dataType: 7, int64Data: [1, 2] } },
    { name: 'g', type: 5, g: sub },
    { name: 'floats', type: 6, floats: [1.5, -2] },
    { name: 'ints', type: 7, ints: [3, -1] },
    { name: 'strings', type: 8, strings: [Buffer.from('a'), Buffer.from('b')] },
    { name: 'tensors', type: 9, tensors: [{ dims: [], dataType: 1, floatData: [3] }] },
    { name: 'graphs', type: 10, graphs: [sub, sub] },
    { name: 'sparse', type: 11, sparseTensor: { dims: [10], values: { dims: [1], dataType: 1, floatData: [5] }, indices: { dims: [1], dataType: 7, int64Data: [3] } } },
    { name: 'sparses', type: 12, sparseTensors: [{ dims: [2] }] },
    { name: 'tp', type: 13, tp: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'n' }] } } } },
    { name: 'tps', type: 14, typeProtos: [{ sequenceType: { elemType: { tensorType: { elemType: 7 } } } }] },
    { name: 'untyped_f', f: 2 },
    { name: 'untyped_ints', ints: [1] },
    { name: 'empty' },
    { name: 'typed_but_empty', type: 7 },
    { name: 'doc', type: 2, i: 1, docString: 'why' },
  ];
  const m = withNode({ opType: 'Custom', domain: 'my.domain', input: ['x'], output: ['y'], attribute: attrs });
  const a = m.graph.nodes[0]!.attributes;

  it('decodes every attribute type', () => {
    expect(a['f']).toEqual({ name: 'f', docString: '', type: 'float', value: 0.25 });
    expect(a['i']).toMatchObject({ type: 'int', value: -9007199254740993n });
    expect(a['s']).toMatchObject({ type: 'string', value: 'same_upper' });
    expect(a['t']).toMatchObject({ type: 'tensor', value: { dtype: 'int64', dims: [2], values: [1, 2] } });
    expect(a['g']).toMatchObject({ type: 'graph', value: { name: 'body', nodes: [{ opType: 'Identity', domain: 'ai.onnx' }] } });
    expect(a['floats']).toMatchObject({ type: 'floats', value: [1.5, -2] });
    expect(a['ints']).toMatchObject({ type: 'ints', value: [3, -1] });
    expect(a['strings']).toMatchObject({ type: 'strings', value: ['a', 'b'] });
    expect(a['tensors']).toMatchObject({ type: 'tensors', value: [{ dtype: 'float32', dims: [], values: [3] }] });
    expect(a['graphs']).toMatchObject({ type: 'graphs', value: [{ name: 'body' }, { name: 'body' }] });
    expect(a['sparse']).toMatchObject({ type: 'sparse_tensor', value: { dims: [10], dtype: 'float32', values: { values: [5] }, indices: { values: [3] } } });
    expect(a['sparses']).toMatchObject({ type: 'sparse_tensors', value: [{ dims: [2], values: undefined }] });
    expect(a['tp']).toMatchObject({ type: 'type_proto', value: { kind: 'tensor', elemType: 'float32', shape: ['n'] } });
    expect(a['tps']).toMatchObject({ type: 'type_protos', value: [{ kind: 'sequence', elemType: { kind: 'tensor', elemType: 'int64', shape: undefined } }] });
    expect(a['doc']).toMatchObject({ docString: 'why' });
  });

  it('infers a missing type from the field present (IR 1), and keeps declared-but-empty lists', () => {
    expect(a['untyped_f']).toMatchObject({ type: 'float', value: 2 });
    expect(a['untyped_ints']).toMatchObject({ type: 'ints', value: [1] });
    expect(a['empty']).toEqual({ name: 'empty', docString: '', type: 'undefined' });
    expect(a['typed_but_empty']).toMatchObject({ type: 'ints', value: [] });
  });

  it('reads ints and floats lists packed (proto3-style writers) as well as unpacked', () => {
    const f32 = Array.from(Buffer.from(new Float32Array([0.5, 4]).buffer));
    const attr = (name: string, body: number[]) => ld(5, [...ld(1, Array.from(Buffer.from(name))), ...body]);
    const node = [...ld(4, Array.from(Buffer.from('X'))), ...attr('ints', [...vi(20, 7), ...ld(8, [...varint(-2), ...varint(300)])]), ...attr('floats', [...vi(20, 6), ...ld(7, f32)])];
    const bytes = new Uint8Array([...vi(1, 8), ...ld(7, ld(1, node)), ...ld(8, vi(2, 17))]);
    const attrs = decodeModel(bytesSource(bytes)).graph.nodes[0]!.attributes;
    expect(attrs['ints']).toMatchObject({ type: 'ints', value: [-2, 300] });
    expect(attrs['floats']).toMatchObject({ type: 'floats', value: [0.5, 4] });
  });

  it('keeps the last of duplicate attributes, with a warning', () => {
    const warnings: unknown[] = [];
    const d = withNode({ name: 'n1', opType: 'X', attribute: [{ name: 'k', type: 2, i: 1 }, { name: 'k', type: 2, i: 2 }] }, {}, { warnings });
    expect(d.graph.nodes[0]!.attributes['k']).toMatchObject({ value: 2 });
    expect(warnings).toMatchObject([{ code: 'duplicate-attribute', message: 'node "n1": attribute "k" appears twice; the last one is used' }]);
  });

  it('a null-prototype record holds any attribute name', () => {
    const d = withNode({ opType: 'X', attribute: [{ name: '__proto__', type: 2, i: 7 }, { name: 'constructor', type: 2, i: 8 }] });
    const attrs = d.graph.nodes[0]!.attributes;
    expect(Object.keys(attrs)).toEqual(['__proto__', 'constructor']);
    expect(attrs['__proto__']).toMatchObject({ value: 7 });
  });
});

describe('fields added in IR 7-11', () => {
  const m = withNode(
    {
      opType: 'LayerNorm', domain: 'local', overload: 'v2', input: ['x'], output: ['y'], name: 'n',
      metadataProps: [{ key: 'source', value: 'layer1' }],
      deviceConfigurations: [{
        configurationId: 'c0', pipelineStage: 1,
        shardingSpec: [{
          tensorName: 'x', device: [0, 1], indexToDeviceGroupMap: [{ key: 0, value: [0, 1] }],
          shardedDim: [{ axis: 1, simpleSharding: [{ dimParam: 'h', numShards: 2 }, { dimValue: 64, numShards: 4 }] }],
        }],
      }],
    },
    {
      producerName: 'p', producerVersion: '1', domain: 'com.example', modelVersion: 3, docString: 'model doc',
      metadataProps: [{ key: 'author', value: 'me' }, { key: 'author', value: 'you' }],
      configuration: [{ name: 'c0', numDevices: 2, device: ['gpu0', 'gpu1'] }],
      trainingInfo: [{ algorithm: { name: 'step', node: [{ opType: 'Add' }] }, updateBinding: [{ key: 'w', value: 'w_new' }] }],
      functions: [{
        name: 'LayerNorm', domain: 'local', overload: 'v2', input: ['x'], output: ['y'], attribute: ['axis'],
        attributeProto: [{ name: 'epsilon', type: 1, f: 1e-5 }],
        node: [{ opType: 'Identity', input: ['x'], output: ['y'], attribute: [{ name: 'alpha', type: 1, refAttrName: 'epsilon' }] }],
        opsetImport: [{ domain: '', version: 21 }], valueInfo: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
        docString: 'fn doc', metadataProps: [{ key: 'k', value: 'v' }],
      }],
    },
  );

  it('model fields', () => {
    expect(m).toMatchObject({
      irVersion: 10, producer: { name: 'p', version: '1' }, domain: 'com.example', modelVersion: 3, docString: 'model doc',
      opsets: [{ domain: 'ai.onnx', version: 21 }], metadata: { author: 'you' },
      deviceConfigurations: [{ name: 'c0', numDevices: 2, devices: ['gpu0', 'gpu1'] }],
      trainingInfo: [{ initialization: undefined, algorithm: { name: 'step', nodes: [{ opType: 'Add' }] }, updateBinding: { w: 'w_new' } }],
    });
  });

  it('node overload, metadata_props and device configurations', () => {
    expect(m.graph.nodes[0]).toMatchObject({
      domain: 'local', overload: 'v2', metadata: { source: 'layer1' },
      deviceConfigurations: [{
        configurationId: 'c0', pipelineStage: 1,
        shardingSpecs: [{
          tensorName: 'x', devices: [0, 1], indexToDeviceGroupMap: [{ key: 0, value: [0, 1] }],
          shardedDims: [{ axis: 1, simpleSharding: [{ dim: 'h', numShards: 2 }, { dim: 64, numShards: 4 }] }],
        }],
      }],
    });
  });

  it('function attribute defaults, value_info, overload and ref attributes', () => {
    expect(m.functions[0]).toMatchObject({
      name: 'LayerNorm', domain: 'local', overload: 'v2', attributes: ['axis'],
      attributeDefaults: { epsilon: { type: 'float', value: Math.fround(1e-5) } },
      valueInfo: [{ name: 'y', type: { kind: 'tensor', elemType: 'float32', shape: undefined } }],
      opsets: [{ domain: 'ai.onnx', version: 21 }], docString: 'fn doc', metadata: { k: 'v' },
    });
    expect(m.functions[0]!.nodes[0]!.attributes['alpha']).toEqual({ name: 'alpha', docString: '', type: 'ref', refAttrName: 'epsilon', refType: 'float' });
  });
});

describe('graph-level fields and types', () => {
  const bytes = encode(ModelProto, {
    irVersion: 10,
    opsetImport: [{ version: 21 }, { domain: 'ai.onnx.ml', version: 3 }],
    graph: {
      name: 'g', docString: 'graph doc', metadataProps: [{ key: 'a', value: 'b' }],
      quantizationAnnotation: [{ tensorName: 'x', quantParameterTensorNames: [{ key: 'SCALE_TENSOR', value: 'x_scale' }] }],
      input: [
        { name: 'img', docString: 'pixels', metadataProps: [{ key: 'm', value: 'n' }], type: { denotation: 'IMAGE', tensorType: { elemType: 2, shape: { dim: [{ dimValue: 1, denotation: 'DATA_BATCH' }, { dimParam: 'h' }, {}] } } } },
        { name: 'sp', type: { sparseTensorType: { elemType: 1, shape: { dim: [{ dimValue: 100 }] } } } },
        { name: 'op', type: { opaqueType: { domain: 'd', name: 'blob' } } },
        { name: 'mp', type: { mapType: { keyType: 8, valueType: { optionalType: { elemType: { tensorType: { elemType: 1, shape: {} } } } } } } },
        { name: 'none' },
        { name: 'unset', type: {} },
      ],
    },
  });
  const g = decodeModel(bytesSource(bytes)).graph;

  it('graph doc, metadata and quantization annotations', () => {
    expect(g).toMatchObject({ docString: 'graph doc', metadata: { a: 'b' }, quantizationAnnotations: [{ tensorName: 'x', quantParameterTensorNames: { SCALE_TENSOR: 'x_scale' } }] });
  });

  it('value infos with every type kind, denotations, and dims that are numbers, symbols or unknown', () => {
    const [img, sp, op, mp, none, unset] = g.inputs;
    expect(img).toMatchObject({ docString: 'pixels', metadata: { m: 'n' }, type: { kind: 'tensor', denotation: 'IMAGE', elemType: 'uint8', elemTypeCode: 2, shape: [1, 'h', null], dimDenotations: ['DATA_BATCH', '', ''] } });
    expect(sp?.type).toMatchObject({ kind: 'sparse_tensor', elemType: 'float32', shape: [100] });
    expect(op?.type).toEqual({ kind: 'opaque', domain: 'd', name: 'blob', denotation: '' });
    expect(mp?.type).toMatchObject({ kind: 'map', keyType: 'string', valueType: { kind: 'optional', elemType: { kind: 'tensor', shape: [] } } });
    expect(none?.type).toBeUndefined();
    expect(unset?.type).toEqual({ kind: 'unset', denotation: '' });
  });
});

describe('unknown fields are skipped, whatever their wire type', () => {
  it('in ModelProto, NodeProto and TensorProto', () => {
    const NodeProto = root.lookupType('onnx.NodeProto');
    const unknown = [...vi(99, 5), 0xa1, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, ...ld(98, [1, 2, 3]), 0xab, 0x06, ...vi(1, 7), 0xac, 0x06, 0xbd, 0x06, 1, 2, 3, 4];
    // fields 99 varint, 100 fixed64, 98 bytes, 101 group (holding field 1), 103 fixed32
    const node = Array.from(encode(NodeProto, { opType: 'Relu', input: ['x'], output: ['y'] }));
    const tensorBytes = Array.from(encode(TensorProto, { name: 'w', dims: [2], dataType: 7, int64Data: [4, 5] }));
    const graph = (extra: number[]) => [...ld(1, [...node, ...extra]), ...ld(5, [...tensorBytes, ...extra])];
    const clean = new Uint8Array([...vi(1, 8), ...ld(7, graph([])), ...ld(8, vi(2, 17))]);
    const noisy = new Uint8Array([...vi(1, 8), ...unknown, ...ld(7, graph(unknown)), ...ld(8, vi(2, 17)), ...unknown]);
    const a = decodeModel(bytesSource(clean));
    const b = decodeModel(bytesSource(noisy));
    expect(b.graph.nodes).toEqual(a.graph.nodes);
    expect(b.graph.initializers[0]).toMatchObject({ name: 'w', dims: [2], values: [4, 5] });
    expect(b.opsets).toEqual([{ domain: 'ai.onnx', version: 17 }]);
  });
});

describe('value files beyond tensors', () => {
  it('map with int64 keys, guessed and expected', () => {
    const bytes = encode(MapProto, {
      name: 'm', keyType: 7, keys: [3, -1],
      values: { elemType: 1, tensorValues: [{ dims: [1], dataType: 1, floatData: [0.5] }, { dims: [1], dataType: 1, floatData: [2] }] },
    });
    for (const v of [decodeValueFile(bytesSource(bytes)), decodeValueFile(bytesSource(bytes), { expect: 'map' })]) {
      expect(v).toMatchObject({
        kind: 'map', name: 'm', keyType: 'int64', keys: [3, -1],
        values: { kind: 'sequence', elemKind: 'tensor', elements: [{ tensor: { values: [0.5] } }, { tensor: { values: [2] } }] },
      });
    }
  });

  it('map with string keys', () => {
    const bytes = encode(MapProto, { keyType: 8, stringKeys: [Buffer.from('cat'), Buffer.from('dog')], values: { elemType: 1, tensorValues: [{ dataType: 1 }, { dataType: 1 }] } });
    expect(decodeValueFile(bytesSource(bytes))).toMatchObject({ kind: 'map', keyType: 'string', keys: ['cat', 'dog'] });
  });

  it('sparse tensor, nested sequence, and an empty optional', () => {
    const sparse = encode(SparseTensorProto, { dims: [4], values: { name: 'v', dims: [1], dataType: 7, int64Data: [9] }, indices: { dims: [1], dataType: 7, int64Data: [2] } });
    expect(decodeValueFile(bytesSource(sparse), { expect: 'sparse_tensor' })).toMatchObject({ kind: 'sparse_tensor', name: 'v', tensor: { dims: [4], dtype: 'int64' } });
    const nested = encode(SequenceProto, { name: 'outer', elemType: 3, sequenceValues: [{ elemType: 1, tensorValues: [{ dims: [2], dataType: 6, int32Data: [1, 2] }] }] });
    expect(decodeValueFile(bytesSource(nested))).toMatchObject({
      kind: 'sequence', name: 'outer', elemKind: 'sequence', elements: [{ kind: 'sequence', elemKind: 'tensor', elements: [{ kind: 'tensor', tensor: { values: [1, 2] } }] }],
    });
    const OptionalProto = root.lookupType('onnx.OptionalProto');
    const empty = encode(OptionalProto, { name: 'o', elemType: 1 });
    expect(decodeValueFile(bytesSource(empty), { expect: 'optional' })).toEqual({ kind: 'optional', name: 'o', elemKind: 'tensor', value: undefined });
  });
});
