/** ValueInfoProto, TypeProto and TensorShapeProto. */
import { EMPTY_RECORD, compact, nested, record, stringEntry, int32Field, type DecodeContext } from './context.js';
import { onnxDType } from './dtype.js';
import { WT_LEN, WT_VARINT } from './reader.js';
import {
  DIMENSION, SHAPE, TYPE, TYPE_MAP, TYPE_OPAQUE, TYPE_OPTIONAL, TYPE_SEQUENCE, TYPE_SPARSE, TYPE_TENSOR, VALUE_INFO,
} from './schema.js';
import type { OnnxDim, OnnxType, OnnxValueInfo } from './types.js';
import { PARTS } from '../messages.js';

/** Decode a ValueInfoProto. */
export function decodeValueInfo(c: DecodeContext, end: number, depth: number): OnnxValueInfo {
  const r = c.r;
  let name = '';
  let type: OnnxType | undefined;
  let docString = '';
  let metadata: Record<string, string> | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(VALUE_INFO);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = r.stringField(wt, end, VALUE_INFO, 1, last);
        break;
      case 2:
        type = nested(c, wt, end, VALUE_INFO, 2, last, depth, decodeType);
        break;
      case 3:
        docString = r.stringField(wt, end, VALUE_INFO, 3, last);
        break;
      case 4:
        stringEntry(c, wt, end, VALUE_INFO, 4, last, depth, (metadata ??= record<string>()));
        break;
      default:
        r.skipField(wt, f, end, VALUE_INFO, last, depth);
    }
  }
  r.endMessage(end, VALUE_INFO, last);
  return { name, type, docString, metadata: metadata ?? EMPTY_RECORD };
}

/** Decode a TypeProto. When the file sets more than one member of the `value` oneof, the last wins (protobuf semantics). */
export function decodeType(c: DecodeContext, end: number, depth: number): OnnxType {
  const r = c.r;
  let denotation = '';
  let value: OnnxType | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TYPE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        value = nested(c, wt, end, TYPE, 1, last, depth, decodeTensorType);
        break;
      case 4:
        value = nested(c, wt, end, TYPE, 4, last, depth, decodeSequenceType);
        break;
      case 5:
        value = nested(c, wt, end, TYPE, 5, last, depth, decodeMapType);
        break;
      case 6:
        denotation = r.stringField(wt, end, TYPE, 6, last);
        break;
      case 7:
        value = nested(c, wt, end, TYPE, 7, last, depth, decodeOpaqueType);
        break;
      case 8:
        value = nested(c, wt, end, TYPE, 8, last, depth, decodeSparseTensorType);
        break;
      case 9:
        value = nested(c, wt, end, TYPE, 9, last, depth, decodeOptionalType);
        break;
      default:
        r.skipField(wt, f, end, TYPE, last, depth);
    }
  }
  r.endMessage(end, TYPE, last);
  if (value === undefined) return { kind: 'unset', denotation };
  return denotation === '' ? value : { ...value, denotation };
}

interface ShapeOut {
  dims: readonly OnnxDim[];
  denotations: string[] | undefined;
}

function decodeTensorLike(c: DecodeContext, end: number, depth: number, kind: 'tensor' | 'sparse_tensor'): OnnxType {
  const r = c.r;
  const msg = kind === 'tensor' ? TYPE_TENSOR : TYPE_SPARSE;
  let code = 0;
  let shape: ShapeOut | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(msg);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) code = int32Field(c, wt, msg, 1, last);
    else if (f === 2) shape = nested(c, wt, end, msg, 2, last, depth, decodeShape);
    else r.skipField(wt, f, end, msg, last, depth);
  }
  r.endMessage(end, msg, last);
  const base = { elemType: onnxDType(code), elemTypeCode: code, shape: shape?.dims, denotation: '' };
  const withDen = shape?.denotations !== undefined ? { ...base, dimDenotations: shape.denotations } : base;
  return kind === 'tensor' ? { kind: 'tensor', ...withDen } : { kind: 'sparse_tensor', ...withDen };
}

function decodeTensorType(c: DecodeContext, end: number, depth: number): OnnxType {
  return decodeTensorLike(c, end, depth, 'tensor');
}

function decodeSparseTensorType(c: DecodeContext, end: number, depth: number): OnnxType {
  return decodeTensorLike(c, end, depth, 'sparse_tensor');
}

function decodeShape(c: DecodeContext, end: number, depth: number): ShapeOut {
  const r = c.r;
  const dims: OnnxDim[] = [];
  let denotations: string[] | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(SHAPE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) {
      r.expect(wt, WT_LEN, SHAPE, 1, last);
      const len = r.len(end, SHAPE, 1, last);
      r.checkDepth(depth + 1, last);
      if (dims.length >= c.maxRank) throw c.tooManyDims(PARTS.shapeDims, last);
      const dimEnd = r.pos + len;
      r.level++;
      let value: OnnxDim = null;
      let denotation = '';
      let dl = r.pos;
      while (r.pos < dimEnd) {
        dl = r.pos;
        const t = r.tag(DIMENSION);
        const df = Math.floor(t / 8);
        const dw = t & 7;
        if (df === 1) {
          r.expect(dw, WT_VARINT, DIMENSION, 1, dl);
          value = r.int64Number();
        } else if (df === 2) {
          value = c.intern(r.stringField(dw, dimEnd, DIMENSION, 2, dl));
        } else if (df === 3) {
          denotation = r.stringField(dw, dimEnd, DIMENSION, 3, dl);
        } else {
          r.skipField(dw, df, dimEnd, DIMENSION, dl, depth + 1);
        }
      }
      r.endMessage(dimEnd, DIMENSION, dl);
      r.level--;
      if (denotation !== '' && denotations === undefined) denotations = dims.map(() => '');
      denotations?.push(denotation);
      dims.push(value);
    } else {
      r.skipField(wt, f, end, SHAPE, last, depth);
    }
  }
  r.endMessage(end, SHAPE, last);
  return { dims: compact(dims), denotations };
}

function decodeSequenceType(c: DecodeContext, end: number, depth: number): OnnxType {
  const r = c.r;
  let elemType: OnnxType | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TYPE_SEQUENCE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) elemType = nested(c, wt, end, TYPE_SEQUENCE, 1, last, depth, decodeType);
    else r.skipField(wt, f, end, TYPE_SEQUENCE, last, depth);
  }
  r.endMessage(end, TYPE_SEQUENCE, last);
  return { kind: 'sequence', elemType, denotation: '' };
}

function decodeOptionalType(c: DecodeContext, end: number, depth: number): OnnxType {
  const r = c.r;
  let elemType: OnnxType | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TYPE_OPTIONAL);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) elemType = nested(c, wt, end, TYPE_OPTIONAL, 1, last, depth, decodeType);
    else r.skipField(wt, f, end, TYPE_OPTIONAL, last, depth);
  }
  r.endMessage(end, TYPE_OPTIONAL, last);
  return { kind: 'optional', elemType, denotation: '' };
}

function decodeMapType(c: DecodeContext, end: number, depth: number): OnnxType {
  const r = c.r;
  let keyTypeCode = 0;
  let valueType: OnnxType | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TYPE_MAP);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) keyTypeCode = int32Field(c, wt, TYPE_MAP, 1, last);
    else if (f === 2) valueType = nested(c, wt, end, TYPE_MAP, 2, last, depth, decodeType);
    else r.skipField(wt, f, end, TYPE_MAP, last, depth);
  }
  r.endMessage(end, TYPE_MAP, last);
  return { kind: 'map', keyType: onnxDType(keyTypeCode), keyTypeCode, valueType, denotation: '' };
}

function decodeOpaqueType(c: DecodeContext, end: number, depth: number): OnnxType {
  const r = c.r;
  let domain = '';
  let name = '';
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TYPE_OPAQUE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) domain = r.stringField(wt, end, TYPE_OPAQUE, 1, last);
    else if (f === 2) name = r.stringField(wt, end, TYPE_OPAQUE, 2, last);
    else r.skipField(wt, f, end, TYPE_OPAQUE, last, depth);
  }
  r.endMessage(end, TYPE_OPAQUE, last);
  return { kind: 'opaque', domain, name, denotation: '' };
}
