/**
 * What every message decoder shares: the reader, the options that bound value decoding, the
 * warning sink, and small helpers for fields that recur across messages (nested messages,
 * key-value entries, repeated scalars in packed or unpacked form).
 */
import { DEFAULT_LIMITS, ProtoReader, WT_I32, WT_LEN, WT_VARINT, type MessageInfo } from './reader.js';
import type { ByteSource } from './byte-source.js';
import type { OnnxDecodeOptions, OnnxDecodeWarning } from './types.js';
import { STRING_ENTRY } from './schema.js';
import { MESSAGES, PARTS } from '../messages.js';
import { OnnxTooLargeError } from './errors.js';

/** Most elements of an integer constant decoded as values (shape arithmetic); larger ones keep only their layout. */
export const DEFAULT_MAX_VALUE_ELEMENTS = 4096;
/** Most dims one tensor or tensor type may list (see OnnxDecodeOptions.maxRank). */
export const DEFAULT_MAX_RANK = 1024;
/** Most elements of a floating-point constant decoded as values; larger ones keep only their layout. */
export const DEFAULT_MAX_FLOAT_VALUE_ELEMENTS = 256;

export class DecodeContext {
  readonly r: ProtoReader;
  readonly maxIntValues: number;
  readonly maxFloatValues: number;
  readonly maxRank: number;
  readonly warnings: OnnxDecodeWarning[] = [];
  private readonly onWarning: ((w: OnnxDecodeWarning) => void) | undefined;

  constructor(source: ByteSource, options: OnnxDecodeOptions = {}) {
    this.r = new ProtoReader(source, options.file, {
      maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
      maxListEntries: options.maxListEntries ?? DEFAULT_LIMITS.maxListEntries,
    });
    this.maxIntValues = options.maxValueElements ?? DEFAULT_MAX_VALUE_ELEMENTS;
    this.maxFloatValues = options.maxFloatValueElements ?? DEFAULT_MAX_FLOAT_VALUE_ELEMENTS;
    this.maxRank = options.maxRank ?? DEFAULT_MAX_RANK;
    this.onWarning = options.onWarning;
    this.budget = options.budget;
  }

  /** The caller's work budget, ticked per entry read (see OnnxDecodeOptions.budget). */
  readonly budget: { tick(where?: string, n?: number): void } | undefined;

  /**
   * One string object per distinct op type, domain, attribute name or dim symbol: a 100k-node
   * graph repeats a few dozen of them, and each decoded copy would otherwise be kept.
   */
  intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    if (this.strings.size < 65536) this.strings.set(s, s);
    return s;
  }

  private readonly strings = new Map<string, string>();

  /** The error for a dims list longer than {@link maxRank}; `what` names the list. */
  tooManyDims(what: string, at: number): OnnxTooLargeError {
    return new OnnxTooLargeError(MESSAGES.tooManyDims(this.r.label, at, what, this.maxRank), this.r.file, at);
  }

  warn(code: OnnxDecodeWarning['code'], message: string, offset: number): void {
    const w: OnnxDecodeWarning = { code, message, offset };
    this.warnings.push(w);
    this.onWarning?.(w);
  }
}

/** A message decoder: reads fields until `end`, at nesting level `depth`. */
export type MessageDecoder<T> = (c: DecodeContext, end: number, depth: number) => T;

/**
 * Decode the length-delimited nested message of field `field` (tag at `at`) with `decode`,
 * enforcing the wire type, the length bounds and the depth limit.
 */
export function nested<T>(
  c: DecodeContext,
  wt: number,
  end: number,
  parent: MessageInfo,
  field: number,
  at: number,
  depth: number,
  decode: MessageDecoder<T>,
): T {
  const r = c.r;
  r.expect(wt, WT_LEN, parent, field, at);
  const len = r.len(end, parent, field, at);
  r.checkDepth(depth + 1, at);
  r.level++;
  const value = decode(c, r.pos + len, depth + 1);
  r.level--;
  return value;
}

/**
 * Prototype of decoded records: it has no members and does not inherit Object.prototype, so any key
 * a file holds (`constructor`, even `__proto__`) is a plain own property and absent keys read as
 * undefined. Unlike `Object.create(null)` objects, which V8 keeps in slow dictionary mode, objects
 * made from it stay fast; on a 100k-node graph that halves decode time.
 */
const RECORD_PROTO: object = Object.freeze(Object.create(null) as object);

/** An empty record for decoded key-value data (see RECORD_PROTO). */
export function record<V>(): Record<string, V> {
  return Object.create(RECORD_PROTO) as Record<string, V>;
}

/** The shared, frozen empty record: what a message without entries gets, saving an object per node. */
export const EMPTY_RECORD: Readonly<Record<string, never>> = Object.freeze(record<never>());

/** The shared, frozen empty list, for the same reason. */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/**
 * A short list built with `push` at its exact size. V8 gives a pushed-to array room for 17
 * elements (about 190 bytes); a node's inputs and outputs, a tensor's dims and a shape are mostly
 * 1-4 long, so copying them out saves about half the memory a decoded graph holds.
 */
export function compact<T>(list: T[]): readonly T[] {
  return list.length <= 16 ? prefix(list, list.length) : list;
}

/**
 * The first `n` items of `list` as a list of exactly that length. Literals for the shortest:
 * V8 tracks where literals are made and, as nearly all of these live as long as the model, allocates
 * them straight in the old generation; a slice is made young and copied twice by the scavenger.
 */
export function prefix<T>(list: readonly T[], n: number): readonly T[] {
  switch (n) {
    case 0:
      return EMPTY_LIST;
    case 1:
      return [list[0]!];
    case 2:
      return [list[0]!, list[1]!];
    case 3:
      return [list[0]!, list[1]!, list[2]!];
    case 4:
      return [list[0]!, list[1]!, list[2]!, list[3]!];
    default:
      return list.slice(0, n);
  }
}

/** Decode one `StringStringEntryProto` into `into` (last value wins for a repeated key). */
export function stringEntry(c: DecodeContext, wt: number, end: number, parent: MessageInfo, field: number, at: number, depth: number, into: Record<string, string>): void {
  const r = c.r;
  r.expect(wt, WT_LEN, parent, field, at);
  const len = r.len(end, parent, field, at);
  r.checkDepth(depth + 1, at);
  const subEnd = r.pos + len;
  r.level++;
  let key = '';
  let value = '';
  let last = r.pos;
  while (r.pos < subEnd) {
    last = r.pos;
    const tag = r.tag(STRING_ENTRY);
    const f = Math.floor(tag / 8);
    const w = tag & 7;
    if (f === 1) key = r.stringField(w, subEnd, STRING_ENTRY, 1, last);
    else if (f === 2) value = r.stringField(w, subEnd, STRING_ENTRY, 2, last);
    else r.skipField(w, f, subEnd, STRING_ENTRY, last, depth + 1);
  }
  r.endMessage(subEnd, STRING_ENTRY, last);
  r.level--;
  into[key] = value;
}

/**
 * Append a repeated varint field (packed or not) to `out`, each element read by `read`. With `cap`,
 * the list may hold at most `cap.max` entries: one more throws `cap.error()` before it is read.
 */
function repeatedVarint<T>(
  c: DecodeContext, wt: number, end: number, msg: MessageInfo, field: number, at: number, out: T[], read: (r: DecodeContext['r']) => T,
  cap?: ListCap,
): void {
  const r = c.r;
  const limit = cap ? Math.min(cap.max, r.limits.maxListEntries) : r.limits.maxListEntries;
  const over = (): void => {
    if (cap && out.length >= cap.max) throw cap.error();
    r.checkCount(out.length + 1, PARTS.fieldOf(field, msg.fields[field], msg.name), at);
  };
  if (wt === WT_VARINT) {
    if (out.length >= limit) over();
    out.push(read(r));
    return;
  }
  r.expect(wt, WT_LEN, msg, field, at);
  const len = r.len(end, msg, field, at);
  const stop = r.pos + len;
  while (r.pos < stop) {
    if (out.length >= limit) over();
    out.push(read(r));
  }
  if (r.pos !== stop) throw r.corrupt(at, msg, PARTS.packedEnd(field, stop), PARTS.varintRunningTo(r.pos));
}

const readInt64 = (r: DecodeContext['r']): number | bigint => r.int64();
const readInt64Number = (r: DecodeContext['r']): number => r.int64Number();

/** Append a repeated int64 field (packed or not) to `out`; int64 beyond 2^53 as bigint. */
export function repeatedInt64(c: DecodeContext, wt: number, end: number, msg: MessageInfo, field: number, at: number, out: (number | bigint)[]): void {
  repeatedVarint(c, wt, end, msg, field, at, out, readInt64);
}

/** A bound on one list's length tighter than `maxListEntries`, with the error to throw past it. */
export interface ListCap {
  readonly max: number;
  error(): Error;
}

/** Same as {@link repeatedInt64} with values as numbers (dims, device ids: precision beyond 2^53 is moot). */
export function repeatedInt64Number(c: DecodeContext, wt: number, end: number, msg: MessageInfo, field: number, at: number, out: number[], cap?: ListCap): void {
  repeatedVarint(c, wt, end, msg, field, at, out, readInt64Number, cap);
}

/** Append a repeated float field (packed or not) to `out`. */
export function repeatedFloat(c: DecodeContext, wt: number, end: number, msg: MessageInfo, field: number, at: number, out: number[]): void {
  const r = c.r;
  if (wt === WT_I32) {
    if (out.length >= r.limits.maxListEntries) r.checkCount(out.length + 1, PARTS.fieldOf(field, msg.fields[field], msg.name), at);
    out.push(r.float32());
    return;
  }
  r.expect(wt, WT_LEN, msg, field, at);
  const len = r.len(end, msg, field, at);
  if (len % 4 !== 0) throw r.corrupt(at, msg, PARTS.packedFloats(field), PARTS.bytes(len));
  r.checkCount(out.length + len / 4, PARTS.fieldOf(field, msg.fields[field], msg.name), at);
  for (let i = 0; i < len; i += 4) out.push(r.float32());
}

/** An int64 scalar field as a number|bigint (wire type 0 required). */
export function int64Field(c: DecodeContext, wt: number, msg: MessageInfo, field: number, at: number): number | bigint {
  c.r.expect(wt, WT_VARINT, msg, field, at);
  return c.r.int64();
}

/** An int64 scalar field as a number (versions, counts). */
export function int64NumberField(c: DecodeContext, wt: number, msg: MessageInfo, field: number, at: number): number {
  c.r.expect(wt, WT_VARINT, msg, field, at);
  return c.r.int64Number();
}

/** An int32/enum scalar field. */
export function int32Field(c: DecodeContext, wt: number, msg: MessageInfo, field: number, at: number): number {
  c.r.expect(wt, WT_VARINT, msg, field, at);
  return c.r.int32();
}

/** Spelling of the default operator-set domain in decoded output. */
export const DEFAULT_DOMAIN = 'ai.onnx';

/** `''` (the default domain in files) becomes `ai.onnx`. */
export function normalizeDomain(domain: string): string {
  return domain === '' ? DEFAULT_DOMAIN : domain;
}
