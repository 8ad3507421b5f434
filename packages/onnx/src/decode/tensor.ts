/**
 * TensorProto and SparseTensorProto. A tensor's payload (`raw_data` or one of the typed `*_data`
 * fields) is stepped over while the message is walked; only its offset and length are kept. Once
 * dims and data_type are known (they may come in any order), a small tensor's payload is read back
 * and decoded into `values`, because shape computation needs Reshape shapes and Slice starts.
 */
import type { WeightLocation } from '@modelcost/core';
import { MESSAGES, PARTS } from '../messages.js';
import { EMPTY_RECORD, compact, nested, record, repeatedInt64Number, stringEntry, int32Field, int64NumberField, type DecodeContext } from './context.js';
import { ONNX_DATA_TYPE as T, isKnownDataType, onnxDType, tensorByteLength } from './dtype.js';
import { OnnxTooLargeError } from './errors.js';
import { WT_I32, WT_I64, WT_LEN, WT_VARINT, int64From, uint64From, decodeUtf8 } from './reader.js';
import { SEGMENT, SPARSE_TENSOR, TENSOR } from './schema.js';
import type { OnnxSparseTensor, OnnxTensor, OnnxTensorStorage } from './types.js';

/** Where one typed data field's elements lie. */
interface FieldData {
  /** Absolute offset of the first payload byte, and the end of the last. */
  first: number;
  last: number;
  /** Packed runs as offset,length pairs (a field may legally be split into several runs). */
  runs: number[];
  /** Unpacked elements, kept while there are few enough to decode. */
  items: (number | bigint)[];
  /** Unpacked element count (packed runs are counted when decoded). */
  count: number;
  /** More runs or items than any decodable tensor has: values will not be decoded. */
  overflow: boolean;
}

const DATA_FIELD_NAMES: Record<number, OnnxTensorStorage> = {
  4: 'float_data',
  5: 'int32_data',
  6: 'string_data',
  7: 'int64_data',
  10: 'double_data',
  11: 'uint64_data',
};

/** Unpacked wire type of each typed data field. */
const UNPACKED_WT: Record<number, number> = { 4: WT_I32, 5: WT_VARINT, 7: WT_VARINT, 10: WT_I64, 11: WT_VARINT };

const FLOAT_CODES = new Set<number>([T.FLOAT, T.FLOAT16, T.BFLOAT16, T.DOUBLE]);
const INT_CODES = new Set<number>([
  T.UINT8, T.INT8, T.UINT16, T.INT16, T.INT32, T.INT64, T.BOOL, T.UINT32, T.UINT64, T.UINT4, T.INT4, T.UINT2, T.INT2,
]);

/** Decode a TensorProto spanning up to `end`. */
export function decodeTensor(c: DecodeContext, end: number, depth: number): OnnxTensor {
  const r = c.r;
  const start = r.pos;
  const dims: number[] = [];
  let dataType = 0;
  let name = '';
  let docString = '';
  let dataLocation = 0;
  let segment: { begin: number; end: number } | undefined;
  let externalData: Record<string, string> | undefined;
  let metadata: Record<string, string> | undefined;
  let rawOffset = -1;
  let rawLength = 0;
  let fields: Record<number, FieldData> | undefined;
  const keep = Math.max(c.maxIntValues, c.maxFloatValues) + 1;

  let last = start;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TENSOR);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        repeatedInt64Number(c, wt, end, TENSOR, 1, last, dims, { max: c.maxRank, error: () => c.tooManyDims(PARTS.tensorDims, last) });
        break;
      case 2:
        dataType = int32Field(c, wt, TENSOR, 2, last);
        break;
      case 3:
        segment = nested(c, wt, end, TENSOR, 3, last, depth, decodeSegment);
        break;
      case 4:
      case 5:
      case 7:
      case 10:
      case 11:
      case 6: {
        fields ??= {};
        const fd = (fields[f] ??= { first: -1, last: -1, runs: [], items: [], count: 0, overflow: false });
        if (wt === WT_LEN) {
          // Packed run (or one string_data element): step over it, remember where it is.
          const len = r.len(end, TENSOR, f, last);
          const p = r.pos;
          if (fd.first < 0) fd.first = p;
          fd.last = p + len;
          if (f === 6) fd.count++;
          if (fd.runs.length < 2 * keep) fd.runs.push(p, len);
          else fd.overflow = true;
          r.skip(len);
        } else if (f !== 6 && wt === UNPACKED_WT[f]) {
          const p = r.pos;
          if (fd.first < 0) fd.first = p;
          const v = readUnpacked(c, f);
          fd.last = r.pos;
          fd.count++;
          if (fd.items.length < keep) fd.items.push(v);
          else fd.overflow = true;
          if (fd.count > r.limits.maxListEntries) r.checkCount(fd.count, PARTS.fieldOf(f, TENSOR.fields[f], TENSOR.name), last);
        } else {
          r.expect(wt, f === 6 ? WT_LEN : UNPACKED_WT[f]!, TENSOR, f, last);
        }
        break;
      }
      case 8:
        name = r.stringField(wt, end, TENSOR, 8, last);
        break;
      case 9: {
        r.expect(wt, WT_LEN, TENSOR, 9, last);
        rawLength = r.len(end, TENSOR, 9, last);
        rawOffset = r.pos;
        r.skip(rawLength);
        break;
      }
      case 12:
        docString = r.stringField(wt, end, TENSOR, 12, last);
        break;
      case 13:
        externalData ??= record<string>();
        stringEntry(c, wt, end, TENSOR, 13, last, depth, externalData);
        break;
      case 14:
        dataLocation = int32Field(c, wt, TENSOR, 14, last);
        break;
      case 16:
        stringEntry(c, wt, end, TENSOR, 16, last, depth, (metadata ??= record<string>()));
        break;
      default:
        r.skipField(wt, f, end, TENSOR, last, depth);
    }
  }
  r.endMessage(end, TENSOR, last);

  let elementCount = 1;
  for (const d of dims) elementCount *= d;
  if (elementCount < 0 || dims.some((d) => d < 0)) {
    c.warn('negative-dim', MESSAGES.warnNegativeDim(name, dims), start);
    elementCount = 0;
  } else if (dims.includes(0)) elementCount = 0; // 0 * (a product past 2^1024) is NaN in doubles
  if (dataType !== 0 && !isKnownDataType(dataType)) {
    c.warn('unknown-data-type', MESSAGES.warnUnknownDataType(name, dataType), start);
  }
  const dtype = onnxDType(dataType);
  const byteLength = tensorByteLength(dataType, elementCount);
  // More than 2^53 elements or bytes (8 PiB): no file holds such a tensor, and no count of it is exact.
  if (!Number.isSafeInteger(elementCount) || !Number.isSafeInteger(byteLength)) throw new OnnxTooLargeError(MESSAGES.hugeTensor(r.label, start, name, dims), r.file, start);

  // Which field holds the data: raw_data wins (onnx.proto: "If value not set, data is stored in
  // raw_data (if set) otherwise in type-specified field"), then the field matching the data type.
  let storage: OnnxTensorStorage = 'none';
  let location: WeightLocation = { kind: 'none' };
  let values: (number | bigint)[] | undefined;
  let strings: string[] | undefined;
  const hasExternalLocation = externalData !== undefined && externalData['location'] !== undefined;
  const typed = fields === undefined ? undefined : pickField(fields, dataType);

  if (dataLocation === 1 || (hasExternalLocation && rawOffset < 0 && typed === undefined)) {
    storage = 'external';
    const ext = externalData ?? record<string>();
    location = {
      kind: 'external',
      file: ext['location'] ?? '',
      offset: parseCount(ext['offset']) ?? 0,
      length: parseCount(ext['length']) ?? byteLength,
    };
  } else if (rawOffset >= 0) {
    storage = 'raw_data';
    location = { kind: 'inline', offset: rawOffset, length: rawLength };
    if (wantValues(c, dataType, elementCount)) {
      if (rawLength !== byteLength) {
        c.warn('data-size', MESSAGES.warnDataSize(name, 'raw_data', rawLength, dims, dtype, byteLength), start);
      } else {
        values = decodeRaw(r.bytesAt(rawOffset, rawLength), dataType, elementCount);
      }
    }
  } else if (typed !== undefined) {
    const [f, fd] = typed;
    storage = DATA_FIELD_NAMES[f]!;
    location = { kind: 'inline', offset: fd.first, length: fd.last - fd.first };
    if (f === 6) {
      if (dataType === T.STRING && elementCount <= c.maxIntValues && !fd.overflow) {
        if (fd.count !== elementCount) {
          c.warn('data-count', MESSAGES.warnDataCount(name, 'string_data', fd.count, elementCount), start);
        } else {
          strings = [];
          for (let i = 0; i < fd.runs.length; i += 2) {
            const b = r.bytesAt(fd.runs[i]!, fd.runs[i + 1]!);
            strings.push(decodeUtf8(b, 0, b.length));
          }
        }
      }
    } else if (wantValues(c, dataType, elementCount) && !fd.overflow) {
      const elems = typedElements(c, f, fd);
      const want = typedCount(dataType, elementCount);
      if (elems.length !== want) {
        c.warn('data-count', MESSAGES.warnDataCount(name, storage, elems.length, want), start);
      } else {
        values = fromTyped(elems, dataType, elementCount);
      }
    }
  }

  // The usual shapes are one object literal each (a property added later moves every property of the
  // object out of line: on 10^6 small initializers that is 40 MB), and values are cut to their length.
  const d = compact(dims);
  const m = metadata ?? EMPTY_RECORD;
  const tensor: {
    -readonly [K in keyof OnnxTensor]: OnnxTensor[K];
  } =
    values !== undefined
      ? { name, dtype, dims: d, byteLength, location, dataType, elementCount, storage, docString, metadata: m, offset: start, values: compact(values) as (number | bigint)[] }
      : { name, dtype, dims: d, byteLength, location, dataType, elementCount, storage, docString, metadata: m, offset: start };
  if (strings !== undefined) tensor.strings = strings;
  if (externalData !== undefined) tensor.externalData = externalData;
  if (segment !== undefined) tensor.segment = segment;
  return tensor;
}

function decodeSegment(c: DecodeContext, end: number, depth: number): { begin: number; end: number } {
  const r = c.r;
  let begin = 0;
  let stop = 0;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(SEGMENT);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) begin = int64NumberField(c, wt, SEGMENT, 1, last);
    else if (f === 2) stop = int64NumberField(c, wt, SEGMENT, 2, last);
    else r.skipField(wt, f, end, SEGMENT, last, depth);
  }
  r.endMessage(end, SEGMENT, last);
  return { begin, end: stop };
}

/** Decode a SparseTensorProto spanning up to `end`. */
export function decodeSparseTensor(c: DecodeContext, end: number, depth: number): OnnxSparseTensor {
  const r = c.r;
  let values: OnnxTensor | undefined;
  let indices: OnnxTensor | undefined;
  const dims: number[] = [];
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(SPARSE_TENSOR);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) values = nested(c, wt, end, SPARSE_TENSOR, 1, last, depth, decodeTensor);
    else if (f === 2) indices = nested(c, wt, end, SPARSE_TENSOR, 2, last, depth, decodeTensor);
    else if (f === 3) repeatedInt64Number(c, wt, end, SPARSE_TENSOR, 3, last, dims, { max: c.maxRank, error: () => c.tooManyDims(PARTS.sparseDims, last) });
    else r.skipField(wt, f, end, SPARSE_TENSOR, last, depth);
  }
  r.endMessage(end, SPARSE_TENSOR, last);
  return {
    name: values?.name ?? '',
    dtype: values?.dtype ?? 'unknown',
    dims,
    values,
    indices,
    byteLength: (values?.byteLength ?? 0) + (indices?.byteLength ?? 0),
  };
}

function readUnpacked(c: DecodeContext, f: number): number | bigint {
  const r = c.r;
  switch (f) {
    case 4:
      return r.float32();
    case 5:
      return r.int32();
    case 7:
      return r.int64();
    case 10:
      return r.float64();
    default:
      return r.uint64();
  }
}

/** The typed field that holds the data: the one matching the data type, else any with data. */
function pickField(fields: Record<number, FieldData>, dataType: number): [number, FieldData] | undefined {
  const preferred = fieldForType(dataType);
  const fd = fields[preferred];
  if (fd !== undefined) return [preferred, fd];
  for (const f of [4, 5, 6, 7, 10, 11]) {
    const other = fields[f];
    if (other !== undefined) return [f, other];
  }
  return undefined;
}

function fieldForType(dataType: number): number {
  switch (dataType) {
    case T.FLOAT:
    case T.COMPLEX64:
      return 4;
    case T.STRING:
      return 6;
    case T.INT64:
      return 7;
    case T.DOUBLE:
    case T.COMPLEX128:
      return 10;
    case T.UINT32:
    case T.UINT64:
      return 11;
    default:
      return 5;
  }
}

function wantValues(c: DecodeContext, dataType: number, n: number): boolean {
  if (!Number.isSafeInteger(n)) return false;
  if (INT_CODES.has(dataType)) return n <= c.maxIntValues;
  if (FLOAT_CODES.has(dataType)) return n <= c.maxFloatValues;
  return false;
}

/** Elements a typed field holds for `n` tensor elements (4-bit and 2-bit types pack into bytes). */
function typedCount(dataType: number, n: number): number {
  if (dataType === T.INT4 || dataType === T.UINT4) return Math.ceil(n / 2);
  if (dataType === T.INT2 || dataType === T.UINT2) return Math.ceil(n / 4);
  return n;
}

/** All elements of a typed field, packed runs first, read back from the source. */
function typedElements(c: DecodeContext, f: number, fd: FieldData): (number | bigint)[] {
  const r = c.r;
  const out: (number | bigint)[] = [];
  const cap = Math.max(c.maxIntValues, c.maxFloatValues) + 1;
  for (let i = 0; i < fd.runs.length && out.length <= cap; i += 2) {
    const b = r.bytesAt(fd.runs[i]!, fd.runs[i + 1]!);
    if (f === 4 || f === 10) {
      const w = f === 4 ? 4 : 8;
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      if (b.length % w !== 0) return []; // a count mismatch follows
      for (let o = 0; o < b.length && out.length <= cap; o += w) out.push(w === 4 ? dv.getFloat32(o, true) : dv.getFloat64(o, true));
    } else {
      let o = 0;
      while (o < b.length && out.length <= cap) {
        // Varints inside an already-bounded run: decode lo/hi halves locally.
        let lo = 0;
        let hi = 0;
        let shift = 0;
        let byte = 0;
        let n = 0;
        do {
          if (o >= b.length || n >= 10) return []; // malformed run: reported as a count mismatch
          byte = b[o++]!;
          if (shift < 28) lo |= (byte & 0x7f) << shift;
          else if (shift === 28) {
            lo |= (byte & 0x0f) << 28;
            hi |= (byte & 0x7f) >> 4;
          } else hi |= (byte & 0x7f) << (shift - 32);
          shift += 7;
          n++;
        } while (byte >= 0x80);
        if (f === 5) out.push(lo | 0);
        else if (f === 7) out.push(int64From(lo >>> 0, hi >>> 0));
        else out.push(uint64From(lo >>> 0, hi >>> 0));
      }
    }
  }
  for (const v of fd.items) out.push(v);
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits to a number. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m === 0 ? sign * Infinity : NaN;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** bfloat16 bits (the top half of a float32) to a number. */
export function bfloat16ToNumber(h: number): number {
  u32[0] = (h & 0xffff) << 16;
  return f32[0]!;
}

/** Elements of a typed field (int32_data etc.) to tensor values of `dataType`. */
function fromTyped(elems: (number | bigint)[], dataType: number, n: number): (number | bigint)[] {
  switch (dataType) {
    case T.FLOAT16:
      return elems.map((e) => halfToNumber(Number(e) & 0xffff));
    case T.BFLOAT16:
      return elems.map((e) => bfloat16ToNumber(Number(e) & 0xffff));
    case T.BOOL:
      return elems.map((e) => (e === 0 || e === 0n ? 0 : 1));
    case T.INT4:
    case T.UINT4:
    case T.INT2:
    case T.UINT2: {
      const bytes = new Uint8Array(elems.length);
      for (let i = 0; i < elems.length; i++) bytes[i] = Number(elems[i]) & 0xff;
      return unpackSubByte(bytes, dataType, n);
    }
    case T.UINT32:
      return elems.map((e) => Number(e) >>> 0);
    default:
      return elems;
  }
}

function unpackSubByte(b: Uint8Array, dataType: number, n: number): number[] {
  const out: number[] = new Array<number>(n);
  if (dataType === T.INT4 || dataType === T.UINT4) {
    const signed = dataType === T.INT4;
    for (let i = 0; i < n; i++) {
      const v = (b[i >> 1]! >> ((i & 1) * 4)) & 0x0f;
      out[i] = signed && v >= 8 ? v - 16 : v;
    }
  } else {
    const signed = dataType === T.INT2;
    for (let i = 0; i < n; i++) {
      const v = (b[i >> 2]! >> ((i & 3) * 2)) & 0x03;
      out[i] = signed && v >= 2 ? v - 4 : v;
    }
  }
  return out;
}

/** Fixed-width little-endian `raw_data` to values (length already checked against the dims). */
function decodeRaw(b: Uint8Array, dataType: number, n: number): (number | bigint)[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: (number | bigint)[] = new Array<number | bigint>(n);
  switch (dataType) {
    case T.FLOAT:
      for (let i = 0; i < n; i++) out[i] = dv.getFloat32(i * 4, true);
      return out;
    case T.DOUBLE:
      for (let i = 0; i < n; i++) out[i] = dv.getFloat64(i * 8, true);
      return out;
    case T.FLOAT16:
      for (let i = 0; i < n; i++) out[i] = halfToNumber(dv.getUint16(i * 2, true));
      return out;
    case T.BFLOAT16:
      for (let i = 0; i < n; i++) out[i] = bfloat16ToNumber(dv.getUint16(i * 2, true));
      return out;
    case T.UINT8:
      for (let i = 0; i < n; i++) out[i] = b[i]!;
      return out;
    case T.BOOL:
      for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? 0 : 1;
      return out;
    case T.INT8:
      for (let i = 0; i < n; i++) out[i] = dv.getInt8(i);
      return out;
    case T.UINT16:
      for (let i = 0; i < n; i++) out[i] = dv.getUint16(i * 2, true);
      return out;
    case T.INT16:
      for (let i = 0; i < n; i++) out[i] = dv.getInt16(i * 2, true);
      return out;
    case T.INT32:
      for (let i = 0; i < n; i++) out[i] = dv.getInt32(i * 4, true);
      return out;
    case T.UINT32:
      for (let i = 0; i < n; i++) out[i] = dv.getUint32(i * 4, true);
      return out;
    case T.INT64:
      for (let i = 0; i < n; i++) out[i] = int64From(dv.getUint32(i * 8, true), dv.getUint32(i * 8 + 4, true));
      return out;
    case T.UINT64:
      for (let i = 0; i < n; i++) out[i] = uint64From(dv.getUint32(i * 8, true), dv.getUint32(i * 8 + 4, true));
      return out;
    default:
      return unpackSubByte(b, dataType, n);
  }
}

/** A non-negative integer from an `external_data` string value, else undefined. */
function parseCount(s: string | undefined): number | undefined {
  if (s === undefined || !/^\s*\d+\s*$/.test(s)) return undefined;
  return Number(s);
}
