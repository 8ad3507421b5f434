/**
 * A protobuf wire-format reader over a {@link ByteSource} that reads at offsets through a small
 * window, so skipping a length-delimited field (a weight payload) costs no I/O at all. The window
 * starts small after a jump and doubles while reading runs sequentially, which keeps I/O close to
 * the bytes of structure: a 1.5 GiB model with a few hundred weights reads a few MB.
 *
 * Every malformed input ends in an {@link OnnxImportError} with the absolute byte offset: a length
 * past the end of the file is `truncated`, a length past its parent message, an over-long varint or
 * a wrong wire type is `corrupt`. Nothing here recurses without a depth bound.
 */
import type { ByteSource } from './byte-source.js';
import { OnnxCorruptError, OnnxIoError, OnnxTooDeepError, OnnxTooLargeError, OnnxTruncatedError } from './errors.js';
import { DEFAULT_FILE_LABEL, MESSAGES, PARTS } from '../messages.js';

/** Wire types (protobuf encoding spec). */
export const WT_VARINT = 0;
export const WT_I64 = 1;
export const WT_LEN = 2;
export const WT_SGROUP = 3;
export const WT_EGROUP = 4;
export const WT_I32 = 5;

/** Name of a wire type for messages: `wire type 2 (length-delimited)`. */
export const wireName = PARTS.wire;

/** A message type for error messages: its name and its fields' names by number. */
export interface MessageInfo {
  readonly name: string;
  readonly fields: Readonly<Record<number, string>>;
}

/** Bounds that keep hostile input from hanging or exhausting the process. */
export interface DecodeLimits {
  /** Deepest message nesting accepted (ModelProto is level 1; each subgraph adds about 3). Default 100. */
  readonly maxDepth: number;
  /** Most entries in one repeated field (names, attribute ints, dims...). Default 50,000,000. */
  readonly maxListEntries: number;
}

/** Default {@link DecodeLimits}: 100 levels of nesting, 50,000,000 entries per repeated field. */
export const DEFAULT_LIMITS: DecodeLimits = { maxDepth: 100, maxListEntries: 50_000_000 };

/** First read after a jump: a tensor header (name, dims, dtype, payload tag) fits easily. */
const MIN_CHUNK = 4096;
/** Sequential reads double up to this. */
const MAX_CHUNK = 1 << 20;
const EMPTY = new Uint8Array(0);
const TWO32 = 4294967296;

const utf8 = (() => {
  // TextDecoder is in every runtime we target (Node >= 11, browsers) but not in the ES2022 lib typings.
  const TD = (globalThis as unknown as { TextDecoder?: new (label: string) => { decode(b: Uint8Array): string } }).TextDecoder;
  if (!TD) throw new Error('TextDecoder is not available in this runtime');
  return new TD('utf-8');
})();

/** Short ASCII strings are built from a scratch array per length (no typed-array view per string). */
const SHORT = 32;
const scratch: number[][] = Array.from({ length: SHORT + 1 }, (_, n) => new Array<number>(n).fill(0));
/**
 * The last short string seen per hash slot. A graph names each value twice (its producer's output,
 * its reader's input) and usually close together: finding the first copy here saves a string, and
 * on 10^6 nodes the garbage collector's time that copying it would cost.
 */
const RECENT_BITS = 12;
const recent: (string | undefined)[] = new Array<string | undefined>(1 << RECENT_BITS);

/**
 * Decode UTF-8. Short ASCII strings (most tensor and node names) skip the TextDecoder call, are
 * built in one `fromCharCode` call (concatenating per byte would leave a chain of cons-strings per
 * name), and a repeat of a recent one is that same string.
 */
export function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len <= SHORT) {
    let h = len;
    for (let i = start; i < end; i++) {
      const c = b[i]!;
      if (c >= 0x80) return utf8.decode(b.subarray(start, end));
      h = (Math.imul(h, 31) + c) | 0;
    }
    const slot = (h ^ (h >>> RECENT_BITS)) & ((1 << RECENT_BITS) - 1);
    const hit = recent[slot];
    if (hit !== undefined && hit.length === len) {
      let i = 0;
      while (i < len && hit.charCodeAt(i) === b[start + i]) i++;
      if (i === len) return hit;
    }
    const a = scratch[len]!;
    for (let i = 0; i < len; i++) a[i] = b[start + i]!;
    const s = String.fromCharCode.apply(null, a);
    recent[slot] = s;
    return s;
  }
  return utf8.decode(b.subarray(start, end));
}

/** Combine the two 32-bit halves of a two's-complement int64: a number when exact, else a bigint. */
export function int64From(lo: number, hi: number): number | bigint {
  if (hi & 0x80000000) {
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    if (nhi < 0x200000) return -(nhi * TWO32 + nlo);
    return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  }
  if (hi < 0x200000) return hi * TWO32 + (lo >>> 0);
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Combine the halves of a uint64: a number when exact, else a bigint. */
export function uint64From(lo: number, hi: number): number | bigint {
  hi >>>= 0;
  if (hi < 0x200000) return hi * TWO32 + (lo >>> 0);
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

export class ProtoReader {
  readonly size: number;
  readonly file: string | undefined;
  readonly label: string;
  readonly limits: DecodeLimits;
  /**
   * How many length-delimited messages enclose the read position (0 in the root message). Only a
   * field of the root can run past the end of the file because the file was cut short; deeper
   * down, every parent was already checked to fit in the file, so an overrun there is damage.
   */
  level = 0;
  /** Scratch halves of the last 64-bit varint. */
  lo = 0;
  hi = 0;
  private buf: Uint8Array = EMPTY;
  private view: DataView = new DataView(new ArrayBuffer(0));
  /** Absolute offset of buf[0]. */
  private base = 0;
  /** Read position inside buf. */
  private off = 0;
  private chunk = MIN_CHUNK;
  /** The message whose field is being read, for errors raised below the field level (bad varints). */
  private current: MessageInfo = { name: 'the top-level message', fields: {} };

  constructor(
    private readonly source: ByteSource,
    file: string | undefined,
    limits: DecodeLimits = DEFAULT_LIMITS,
  ) {
    this.size = source.size;
    this.file = file;
    this.label = file ?? DEFAULT_FILE_LABEL;
    this.limits = limits;
  }

  /** Absolute read position. */
  get pos(): number {
    return this.base + this.off;
  }

  /** Move to an absolute position; no I/O until something is read there. */
  seek(abs: number): void {
    const rel = abs - this.base;
    if (rel >= 0 && rel <= this.buf.length) {
      this.off = rel;
    } else {
      this.base = abs;
      this.buf = EMPTY;
      this.off = 0;
    }
  }

  /** Make `n` bytes at the read position available in the window (reads when they are not). */
  ensure(n: number, what: string): void {
    if (this.off + n <= this.buf.length) return;
    const abs = this.base + this.off;
    if (abs + n > this.size) throw this.truncated(abs, what);
    const sequential = abs >= this.base && abs <= this.base + this.buf.length && this.buf.length > 0;
    this.chunk = sequential ? Math.min(this.chunk * 2, MAX_CHUNK) : MIN_CHUNK;
    const len = Math.min(this.size - abs, Math.max(n, this.chunk));
    const got = this.source.read(abs, len);
    if (got.length < len) throw new OnnxIoError(MESSAGES.io(this.label, abs, len, got.length), this.file, abs);
    this.buf = got.length === len ? got : got.subarray(0, len);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.base = abs;
    this.off = 0;
  }

  /**
   * The bytes `[abs, abs + len)` without moving the window: a view when they are already in it,
   * else a fresh read. Used to decode the values of small tensors after their message is walked.
   */
  bytesAt(abs: number, len: number): Uint8Array {
    const rel = abs - this.base;
    if (rel >= 0 && rel + len <= this.buf.length) return this.buf.subarray(rel, rel + len);
    if (abs + len > this.size) throw this.truncated(abs, PARTS.tensorData(len));
    const got = this.source.read(abs, len);
    if (got.length < len) throw new OnnxIoError(MESSAGES.io(this.label, abs, len, got.length), this.file, abs);
    return got.length === len ? got : got.subarray(0, len);
  }

  /** Next byte of a varint that started at `start` (named in the error when the file ends inside it). */
  private byte(start: number): number {
    if (this.off >= this.buf.length) {
      if (this.base + this.off >= this.size) throw this.truncated(start, PARTS.varint);
      this.ensure(1, PARTS.varint);
    }
    return this.buf[this.off++]!;
  }

  /**
   * An unsigned varint as a number (exact up to 2^53, which covers tags, lengths, enums and
   * counts). More than 10 bytes is corrupt.
   */
  varint(): number {
    const b = this.buf;
    let i = this.off;
    if (i < b.length) {
      const c = b[i]!;
      if (c < 0x80) {
        this.off = i + 1;
        return c;
      }
    }
    if (i + 10 <= b.length) {
      let v = 0;
      let mul = 1;
      for (let n = 0; n < 10; n++) {
        const c = b[i++]!;
        v += (c & 0x7f) * mul;
        if (c < 0x80) {
          this.off = i;
          return v;
        }
        mul *= 128;
      }
      throw this.badVarint(this.base + this.off);
    }
    const at = this.pos;
    let v = 0;
    let mul = 1;
    for (let n = 0; n < 10; n++) {
      const c = this.byte(at);
      v += (c & 0x7f) * mul;
      if (c < 0x80) return v;
      mul *= 128;
    }
    throw this.badVarint(at);
  }

  /** A 64-bit varint into `lo`/`hi`. */
  varint64(): void {
    const at = this.pos;
    let lo = 0;
    let hi = 0;
    let c = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      c = this.byte(at);
      lo |= (c & 0x7f) << shift;
      if (c < 0x80) {
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    c = this.byte(at);
    lo |= (c & 0x0f) << 28;
    hi = (c & 0x7f) >> 4;
    if (c < 0x80) {
      this.lo = lo >>> 0;
      this.hi = hi;
      return;
    }
    for (let shift = 3; shift <= 31; shift += 7) {
      c = this.byte(at);
      hi |= (c & 0x7f) << shift;
      if (c < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw this.badVarint(at);
  }

  /** int64 field: number when exact, else bigint. */
  int64(): number | bigint {
    this.varint64();
    return int64From(this.lo, this.hi);
  }

  /** int64 field as a number (dims, versions: values beyond 2^53 lose precision, never wrap). */
  int64Number(): number {
    this.varint64();
    const v = int64From(this.lo, this.hi);
    return typeof v === 'number' ? v : Number(v);
  }

  /** uint64 field. */
  uint64(): number | bigint {
    this.varint64();
    return uint64From(this.lo, this.hi);
  }

  /** int32/enum field (negative values are sign-extended to 10 bytes on the wire). */
  int32(): number {
    this.varint64();
    return this.lo | 0;
  }

  float32(): number {
    this.ensure(4, PARTS.float32);
    const v = this.view.getFloat32(this.off, true);
    this.off += 4;
    return v;
  }

  float64(): number {
    this.ensure(8, PARTS.float64);
    const v = this.view.getFloat64(this.off, true);
    this.off += 8;
    return v;
  }

  /** UTF-8 text of `len` bytes at the read position. */
  string(len: number): string {
    if (len === 0) return '';
    this.ensure(len, PARTS.string(len));
    const s = decodeUtf8(this.buf, this.off, this.off + len);
    this.off += len;
    return s;
  }

  /** Step over `len` bytes without reading them. */
  skip(len: number): void {
    this.seek(this.pos + len);
  }

  /**
   * Read the length prefix of a length-delimited field whose tag was at `at`, check that the
   * payload fits in the file and in its parent (which ends at `end`), and return the length.
   */
  len(end: number, msg: MessageInfo, field: number, at: number): number {
    const n = this.varint();
    const start = this.pos;
    if (start + n > end && (this.level > 0 || end < this.size)) {
      throw this.corrupt(at, msg, PARTS.fitInParent(field, msg.fields[field], Math.max(0, end - start)), PARTS.aLength(n));
    }
    if (start + n > this.size) {
      const what = PARTS.fieldOf(field, msg.fields[field], msg.name);
      throw new OnnxTruncatedError(MESSAGES.truncatedField(this.label, at, what, n, Math.max(0, this.size - start), this.size), this.file, at);
    }
    return n;
  }

  /** Throw `corrupt` unless the field at `at` has wire type `want`. */
  expect(wt: number, want: number, msg: MessageInfo, field: number, at: number): void {
    if (wt !== want) {
      throw this.corrupt(at, msg, PARTS.fieldWithWire(field, msg.fields[field], wireName(want)), wireName(wt));
    }
  }

  /** A string field (wire type 2). */
  stringField(wt: number, end: number, msg: MessageInfo, field: number, at: number): string {
    this.expect(wt, WT_LEN, msg, field, at);
    return this.string(this.len(end, msg, field, at));
  }

  /** Read a tag; field number 0 is corrupt. Returns the tag value (field * 8 + wire type). */
  tag(msg: MessageInfo): number {
    this.current = msg;
    const at = this.pos;
    const t = this.varint();
    if (t < 8) throw this.corrupt(at, msg, PARTS.tagNumber, PARTS.tag(t));
    return t;
  }

  /** Skip one field of any wire type (groups included, depth-bounded). */
  skipField(wt: number, field: number, end: number, msg: MessageInfo, at: number, depth: number): void {
    switch (wt) {
      case WT_VARINT: {
        this.varint64();
        break;
      }
      case WT_I64:
        this.skipFixed(8, end, msg, at);
        break;
      case WT_LEN:
        this.skip(this.len(end, msg, field, at));
        break;
      case WT_I32:
        this.skipFixed(4, end, msg, at);
        break;
      case WT_SGROUP: {
        this.checkDepth(depth + 1, at);
        for (;;) {
          if (this.pos >= end) throw this.corrupt(at, msg, PARTS.endGroupFor(field), PARTS.endOfMessage);
          const innerAt = this.pos;
          const t = this.tag(msg);
          const f = Math.floor(t / 8);
          const w = t & 7;
          if (w === WT_EGROUP) {
            if (f !== field) throw this.corrupt(innerAt, msg, PARTS.endGroupOf(field), PARTS.endGroupOf(f));
            break;
          }
          this.skipField(w, f, end, msg, innerAt, depth + 1);
        }
        break;
      }
      default:
        throw this.corrupt(at, msg, PARTS.validWireType, PARTS.wireOnField(wt, field));
    }
    if (this.pos > end) throw this.overrun(at, msg, end);
  }

  private skipFixed(n: number, end: number, msg: MessageInfo, at: number): void {
    const p = this.pos;
    if (p + n > this.size) throw this.truncated(at, PARTS.fixed(n * 8));
    if (p + n > end) throw this.overrun(at, msg, end);
    this.skip(n);
  }

  /** Throw when the last field ran past the end of its message. */
  endMessage(end: number, msg: MessageInfo, lastAt: number): void {
    if (this.pos !== end) throw this.overrun(lastAt, msg, end);
  }

  checkDepth(depth: number, at: number): void {
    if (depth > this.limits.maxDepth) {
      throw new OnnxTooDeepError(MESSAGES.tooDeep(this.label, at, this.limits.maxDepth), this.file, at);
    }
  }

  checkCount(count: number, what: string, at: number): void {
    if (count > this.limits.maxListEntries) {
      throw new OnnxTooLargeError(MESSAGES.tooLarge(this.label, at, what, this.limits.maxListEntries), this.file, at);
    }
  }

  truncated(at: number, what: string): OnnxTruncatedError {
    return new OnnxTruncatedError(MESSAGES.truncated(this.label, at, what, this.size), this.file, at);
  }

  corrupt(at: number, msg: MessageInfo, expected: string, got: string): OnnxCorruptError {
    return new OnnxCorruptError(MESSAGES.corrupt(this.label, at, msg.name, expected, got), this.file, at, msg.name, expected);
  }

  private overrun(at: number, msg: MessageInfo, end: number): OnnxCorruptError {
    return this.corrupt(at, msg, PARTS.endWithin(end), PARTS.runningTo(this.pos));
  }

  private badVarint(at: number): OnnxCorruptError {
    return this.corrupt(at, this.current, PARTS.shortVarint, PARTS.longVarint);
  }
}
