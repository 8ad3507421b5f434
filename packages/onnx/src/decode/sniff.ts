/**
 * Decide, before decoding, whether the input is an ONNX model, and if not say what it is: empty,
 * a Git LFS pointer, another format (text, JSON, zip, HDF5...), a protobuf that is not a
 * ModelProto, or a ModelProto cut short. Costs one read of the first 512 bytes plus a walk over
 * the top-level fields (tags and lengths only, payloads skipped).
 */
import { isGitLfsPointer } from '@modelcost/core';
import type { ByteSource } from './byte-source.js';
import { OnnxEmptyFileError, OnnxIoError, OnnxLfsPointerError, OnnxNotOnnxError, type OnnxImportError } from './errors.js';
import { ProtoReader, WT_EGROUP, WT_I32, WT_LEN, WT_VARINT, wireName } from './reader.js';
import { DEFAULT_FILE_LABEL, MESSAGES, PARTS } from '../messages.js';
import { MODEL } from './schema.js';

/** What a successful sniff learned about a ModelProto. */
export interface OnnxSniffResult {
  /** `ir_version`, when the file has one. */
  readonly irVersion: number | undefined;
  /** Absolute offset and length of the main graph's bytes. */
  readonly graph: { readonly offset: number; readonly length: number };
  readonly sizeBytes: number;
}

/** Wire type each ModelProto field must have. */
const MODEL_WIRE: Readonly<Record<number, number>> = {
  1: WT_VARINT, 2: WT_LEN, 3: WT_LEN, 4: WT_LEN, 5: WT_VARINT, 6: WT_LEN, 7: WT_LEN, 8: WT_LEN, 14: WT_LEN, 20: WT_LEN,
  25: WT_LEN, 26: WT_LEN,
};

const HEAD_BYTES = 512;

/**
 * Check that `source` holds an ONNX ModelProto; throw the matching {@link OnnxImportError}
 * subclass when it does not (`empty`, `lfs-pointer`, `not-onnx`, `truncated`, `corrupt`).
 */
export function sniffOnnx(source: ByteSource, options: { readonly file?: string } = {}): OnnxSniffResult {
  const file = options.file;
  const label = file ?? DEFAULT_FILE_LABEL;
  const size = source.size;
  const head = readHead(source, file, label);
  const other = detectOtherFormat(head, size, file, label);
  if (other) throw other;

  const first = firstTag(head);
  if (first === undefined) throw new OnnxNotOnnxError(MESSAGES.notOnnx(label, MESSAGES.notOnnxBinary()), file, 'binary', 0);
  const wantFirst = MODEL_WIRE[first.field];
  if (wantFirst !== first.wt) {
    const expected = wantFirst === undefined ? PARTS.modelFirstField : PARTS.fieldWithWire(first.field, MODEL.fields[first.field], wireName(wantFirst));
    throw new OnnxNotOnnxError(MESSAGES.notOnnx(label, MESSAGES.notOnnxFirstTag(0, first.field, first.wt, expected)), file, 'protobuf', 0);
  }

  const r = new ProtoReader(source, file);
  let irVersion: number | undefined;
  let graph: { offset: number; length: number } | undefined;
  while (r.pos < size) {
    const at = r.pos;
    const tag = r.tag(MODEL);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    const want = MODEL_WIRE[f];
    if (want !== undefined && want !== wt) {
      // Before the graph, a wrong wire type says "another protobuf" more often than "damaged".
      if (graph === undefined) {
        const what = MESSAGES.notOnnxWireType(at, f, wt, `${wireName(want)} for ${PARTS.modelField(f, MODEL.fields[f])}`);
        throw new OnnxNotOnnxError(MESSAGES.notOnnx(label, what), file, 'protobuf', at);
      }
      r.expect(wt, want, MODEL, f, at);
    }
    if (f === 1) {
      irVersion = r.int64Number();
    } else if (f === 7) {
      const len = r.len(size, MODEL, 7, at);
      graph = { offset: r.pos, length: len };
      r.skip(len);
    } else {
      r.skipField(wt, f, size, MODEL, at, 1);
    }
  }
  if (graph === undefined) throw new OnnxNotOnnxError(MESSAGES.notOnnx(label, MESSAGES.notOnnxNoGraph()), file, 'protobuf', 0);
  return { irVersion, graph, sizeBytes: size };
}

/** The first bytes, after the checks every input shares (empty file). */
export function readHead(source: ByteSource, file: string | undefined, label: string): Uint8Array {
  if (source.size === 0) throw new OnnxEmptyFileError(MESSAGES.empty(label), file);
  const n = Math.min(source.size, HEAD_BYTES);
  const head = source.read(0, n);
  if (head.length < n) throw new OnnxIoError(MESSAGES.io(label, 0, n, head.length), file, 0);
  return head.length === n ? head : head.subarray(0, n);
}

const ascii = (b: Uint8Array, start: number, text: string): boolean => {
  if (b.length < start + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[start + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** A Git LFS pointer, else undefined. */
export function lfsPointerError(head: Uint8Array, size: number, file: string | undefined, label: string): OnnxLfsPointerError | undefined {
  if (!isGitLfsPointer(head, size)) return undefined;
  let text = '';
  for (const c of head) text += String.fromCharCode(c);
  const oid = /^oid ([^\s]+)$/m.exec(text)?.[1];
  const sizeText = /^size (\d+)$/m.exec(text)?.[1];
  const lfsSize = sizeText === undefined ? undefined : Number(sizeText);
  return new OnnxLfsPointerError(MESSAGES.lfsPointer(label, oid, lfsSize), file, oid, lfsSize);
}

/** Recognise inputs that are plainly something else; undefined when the bytes may be protobuf. */
export function detectOtherFormat(head: Uint8Array, size: number, file: string | undefined, label: string): OnnxImportError | undefined {
  const lfs = lfsPointerError(head, size, file, label);
  if (lfs) return lfs;
  const not = (detected: string, what: string): OnnxNotOnnxError => new OnnxNotOnnxError(MESSAGES.notOnnx(label, what), file, detected, 0);
  const b0 = head[0]!;
  const b1 = head[1];
  if (ascii(head, 0, 'PK\x03\x04') || ascii(head, 0, 'PK\x05\x06') || ascii(head, 0, 'PK\x07\x08')) return not('zip', MESSAGES.notOnnxZip());
  if (ascii(head, 0, '\x89HDF\r\n\x1a\n')) return not('hdf5', MESSAGES.notOnnxHdf5());
  if (b0 === 0x1f && b1 === 0x8b) return not('gzip', MESSAGES.notOnnxGzip());
  if (ascii(head, 0, 'GGUF')) return not('gguf', MESSAGES.notOnnxGguf());
  if (ascii(head, 4, 'TFL3')) return not('tflite', MESSAGES.notOnnxTflite());
  if (ascii(head, 4, 'ORTM')) return not('ort', MESSAGES.notOnnxOrt());
  if (b0 === 0x80 && b1 !== undefined && b1 >= 2 && b1 <= 5) return not('pickle', MESSAGES.notOnnxPickle());
  if (head.length >= 9 && head[8] === 0x7b) {
    const n = head[0]! + head[1]! * 2 ** 8 + head[2]! * 2 ** 16 + head[3]! * 2 ** 24 + head[4]! * 2 ** 32 + head[5]! * 2 ** 40;
    if (head[6] === 0 && head[7] === 0 && n > 1 && n + 8 <= size) return not('safetensors', MESSAGES.notOnnxSafetensors());
  }
  // Text: no control bytes other than tab/LF/CR in the first bytes. A ModelProto starts with a
  // tag byte below 0x20 (0x08 for ir_version), so no model is mistaken for text.
  let text = true;
  for (const c of head) {
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) {
      text = false;
      break;
    }
  }
  if (text) {
    let i = ascii(head, 0, '\xef\xbb\xbf') ? 3 : 0;
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
    if (head[i] === 0x7b || head[i] === 0x5b) return not('json', MESSAGES.notOnnxJson());
    let start = '';
    for (let j = 0; j < Math.min(head.length, 40); j++) start += String.fromCharCode(head[j]!);
    return not('text', MESSAGES.notOnnxText(start));
  }
  return undefined;
}

/** Parse the first tag from the head bytes; undefined unless it is a well-formed tag. */
export function firstTag(head: Uint8Array): { field: number; wt: number } | undefined {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < Math.min(head.length, 5); i++) {
    const c = head[i]!;
    v += (c & 0x7f) * mul;
    if (c < 0x80) {
      const field = Math.floor(v / 8);
      const wt = v & 7;
      if (field === 0 || wt === WT_EGROUP || wt > WT_I32) return undefined;
      return { field, wt };
    }
    mul *= 128;
  }
  return undefined;
}
