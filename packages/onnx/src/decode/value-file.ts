/**
 * Standalone value files: a serialized TensorProto, or one of onnx-data.proto's SequenceProto,
 * MapProto and OptionalProto, as the ONNX backend test data (`test_data_set_N/input_K.pb`,
 * `output_K.pb`) stores them. Large tensor payloads are stepped over exactly as in models.
 */
import type { ByteSource } from './byte-source.js';
import { DecodeContext, int32Field, nested, repeatedInt64 } from './context.js';
import { onnxDType } from './dtype.js';
import { OnnxCorruptError, OnnxUnexpectedKindError } from './errors.js';
import { ProtoReader, WT_LEN, WT_VARINT } from './reader.js';
import { MAP, OPTIONAL, SEQUENCE } from './schema.js';
import { detectOtherFormat, readHead } from './sniff.js';
import { decodeSparseTensor, decodeTensor } from './tensor.js';
import type { OnnxDecodeOptions, OnnxTensor, OnnxType, OnnxValue, OnnxValueKind } from './types.js';
import { DEFAULT_FILE_LABEL, MESSAGES, PARTS } from '../messages.js';

/** Options of {@link decodeValueFile}. */
export interface OnnxValueFileOptions extends OnnxDecodeOptions {
  /**
   * What the file holds: a kind, or the declared type of the value (a model input's or output's
   * `ValueInfo.type`), which is how the ONNX test runner knows. Without it the kind is guessed from
   * the fields present; an OptionalProto cannot be told from a one-element SequenceProto, so
   * optionals are only decoded when expected.
   */
  readonly expect?: OnnxValueKind | OnnxType;
}

/** Decode a file holding one serialized TensorProto. */
export function decodeTensorFile(source: ByteSource, options: OnnxDecodeOptions = {}): OnnxTensor {
  prelude(source, options.file);
  const c = new DecodeContext(source, options);
  return decodeTensor(c, source.size, 1);
}

/** Decode a test-data value file: TensorProto, SequenceProto, MapProto or OptionalProto. */
export function decodeValueFile(source: ByteSource, options: OnnxValueFileOptions = {}): OnnxValue {
  prelude(source, options.file);
  const expected = options.expect === undefined ? undefined : typeof options.expect === 'string' ? options.expect : kindOfType(options.expect);
  const guessed = guessKind(source, options.file);
  const kind = expected ?? guessed;
  const c = new DecodeContext(source, options);
  try {
    return decodeValueOfKind(c, kind, source.size, 1);
  } catch (e) {
    if (e instanceof OnnxCorruptError && expected !== undefined && guessed !== expected) {
      throw new OnnxUnexpectedKindError(MESSAGES.valueKind(options.file ?? DEFAULT_FILE_LABEL, KIND_PROTO[expected], KIND_PROTO[guessed]), options.file);
    }
    throw e;
  }
}

const KIND_PROTO: Record<OnnxValueKind, string> = {
  tensor: 'TensorProto',
  sparse_tensor: 'SparseTensorProto',
  sequence: 'SequenceProto',
  map: 'MapProto',
  optional: 'OptionalProto',
};

/** `SequenceProto.DataType` / `OptionalProto.DataType` codes. */
const ELEM_KINDS: readonly (OnnxValueKind | undefined)[] = [undefined, 'tensor', 'sparse_tensor', 'sequence', 'map', 'optional'];

function prelude(source: ByteSource, file: string | undefined): void {
  const label = file ?? DEFAULT_FILE_LABEL;
  const head = readHead(source, file, label);
  const other = detectOtherFormat(head, source.size, file, label);
  if (other) throw other;
}

function kindOfType(t: OnnxType): OnnxValueKind {
  switch (t.kind) {
    case 'sequence':
    case 'map':
    case 'optional':
    case 'sparse_tensor':
      return t.kind;
    default:
      return 'tensor';
  }
}

/** Map key types ONNX allows: integer types and string. */
const MAP_KEY_CODES = new Set([2, 3, 4, 5, 6, 7, 8, 12, 13]);

/**
 * Guess the message type from the top-level fields. A SequenceProto has a name (1, text), an
 * elem_type (2) in 1..5 and elements only in the field that elem_type selects; a MapProto has a
 * key_type that is a valid key type and its values (5); anything else is read as a TensorProto.
 */
function guessKind(source: ByteSource, file: string | undefined): OnnxValueKind {
  const r = new ProtoReader(source, file);
  const seen = new Map<number, number>();
  let elemType = 0;
  try {
    while (r.pos < r.size) {
      const at = r.pos;
      const tag = r.tag(SEQUENCE);
      const f = Math.floor(tag / 8);
      const wt = tag & 7;
      if (seen.has(f) && seen.get(f) !== wt) return 'tensor';
      seen.set(f, wt);
      if (f === 2 && wt === WT_VARINT) elemType = r.int32();
      else r.skipField(wt, f, r.size, SEQUENCE, at, 1);
    }
  } catch {
    return 'tensor'; // let the tensor decoder report the damage with its own context
  }
  const fields = [...seen.keys()];
  const lenOnly = (f: number): boolean => seen.get(f) === WT_LEN;
  if (fields.every((f) => (f === 2 ? seen.get(f) === WT_VARINT : f === 1 || (f >= 3 && f <= 7) ? lenOnly(f) : false))) {
    const elemField = elemType + 2;
    if (elemType >= 1 && elemType <= 5 && fields.every((f) => f <= 2 || f === elemField)) return 'sequence';
  }
  if (seen.get(5) === WT_LEN && MAP_KEY_CODES.has(elemType) && fields.every((f) => f <= 5 && (f !== 2 || seen.get(f) === WT_VARINT))) {
    return 'map';
  }
  return 'tensor';
}

function decodeValueOfKind(c: DecodeContext, kind: OnnxValueKind, end: number, depth: number): OnnxValue {
  switch (kind) {
    case 'tensor': {
      const tensor = decodeTensor(c, end, depth);
      return { kind: 'tensor', name: tensor.name, tensor };
    }
    case 'sparse_tensor': {
      const tensor = decodeSparseTensor(c, end, depth);
      return { kind: 'sparse_tensor', name: tensor.name, tensor };
    }
    case 'sequence':
      return decodeSequence(c, end, depth);
    case 'map':
      return decodeMap(c, end, depth);
    case 'optional':
      return decodeOptional(c, end, depth);
  }
}

const tensorValue = (c: DecodeContext, end: number, depth: number): OnnxValue => decodeValueOfKind(c, 'tensor', end, depth);
const sparseValue = (c: DecodeContext, end: number, depth: number): OnnxValue => decodeValueOfKind(c, 'sparse_tensor', end, depth);

function decodeSequence(c: DecodeContext, end: number, depth: number): OnnxValue {
  const r = c.r;
  let name = '';
  let elemType = 0;
  const elements: OnnxValue[] = [];
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(SEQUENCE);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = r.stringField(wt, end, SEQUENCE, 1, last);
        break;
      case 2:
        elemType = int32Field(c, wt, SEQUENCE, 2, last);
        break;
      case 3:
        elements.push(nested(c, wt, end, SEQUENCE, 3, last, depth, tensorValue));
        break;
      case 4:
        elements.push(nested(c, wt, end, SEQUENCE, 4, last, depth, sparseValue));
        break;
      case 5:
        elements.push(nested(c, wt, end, SEQUENCE, 5, last, depth, decodeSequence));
        break;
      case 6:
        elements.push(nested(c, wt, end, SEQUENCE, 6, last, depth, decodeMap));
        break;
      case 7:
        elements.push(nested(c, wt, end, SEQUENCE, 7, last, depth, decodeOptional));
        break;
      default:
        r.skipField(wt, f, end, SEQUENCE, last, depth);
    }
    if (elements.length > r.limits.maxListEntries) r.checkCount(elements.length, PARTS.fieldOf(f, SEQUENCE.fields[f], SEQUENCE.name), last);
  }
  r.endMessage(end, SEQUENCE, last);
  return { kind: 'sequence', name, elemKind: ELEM_KINDS[elemType], elements };
}

function decodeMap(c: DecodeContext, end: number, depth: number): OnnxValue {
  const r = c.r;
  let name = '';
  let keyTypeCode = 0;
  const intKeys: (number | bigint)[] = [];
  const stringKeys: string[] = [];
  let values: OnnxValue | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(MAP);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = r.stringField(wt, end, MAP, 1, last);
        break;
      case 2:
        keyTypeCode = int32Field(c, wt, MAP, 2, last);
        break;
      case 3:
        repeatedInt64(c, wt, end, MAP, 3, last, intKeys);
        break;
      case 4:
        r.checkCount(stringKeys.length + 1, PARTS.fieldOf(4, MAP.fields[4], MAP.name), last);
        stringKeys.push(r.stringField(wt, end, MAP, 4, last));
        break;
      case 5:
        values = nested(c, wt, end, MAP, 5, last, depth, decodeSequence);
        break;
      default:
        r.skipField(wt, f, end, MAP, last, depth);
    }
  }
  r.endMessage(end, MAP, last);
  const keys: (number | bigint | string)[] = stringKeys.length > 0 ? stringKeys : intKeys;
  return { kind: 'map', name, keyType: onnxDType(keyTypeCode), keyTypeCode, keys, values };
}

function decodeOptional(c: DecodeContext, end: number, depth: number): OnnxValue {
  const r = c.r;
  let name = '';
  let elemType = 0;
  let value: OnnxValue | undefined;
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(OPTIONAL);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        name = r.stringField(wt, end, OPTIONAL, 1, last);
        break;
      case 2:
        elemType = int32Field(c, wt, OPTIONAL, 2, last);
        break;
      case 3:
        value = nested(c, wt, end, OPTIONAL, 3, last, depth, tensorValue);
        break;
      case 4:
        value = nested(c, wt, end, OPTIONAL, 4, last, depth, sparseValue);
        break;
      case 5:
        value = nested(c, wt, end, OPTIONAL, 5, last, depth, decodeSequence);
        break;
      case 6:
        value = nested(c, wt, end, OPTIONAL, 6, last, depth, decodeMap);
        break;
      case 7:
        value = nested(c, wt, end, OPTIONAL, 7, last, depth, decodeOptional);
        break;
      default:
        r.skipField(wt, f, end, OPTIONAL, last, depth);
    }
  }
  r.endMessage(end, OPTIONAL, last);
  return { kind: 'optional', name, elemKind: ELEM_KINDS[elemType], value };
}
