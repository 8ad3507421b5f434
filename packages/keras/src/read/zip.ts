/**
 * Reads the `config.json` member of a `.keras` zip archive through a ByteSource, by offsets: the
 * end-of-central-directory record, the central directory, that member's local header and its
 * compressed bytes. No other member is read (`model.weights.h5` stays on disk, untouched).
 */
import type { ByteSource } from '@modelcost/core';
import { KerasImportError } from '../errors.js';
import { MAX_CONFIG_BYTES, MESSAGES } from '../messages.js';
import { inflateRaw, InflateError } from './inflate.js';
import { utf8 } from './utf8.js';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDIR_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** True when the bytes start like a zip archive (`PK\x03\x04`, or `PK\x05\x06` for an empty one). */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 2 ** 32;

/** One central-directory entry. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

function readExact(src: ByteSource, file: string, offset: number, length: number, what: string): Uint8Array {
  if (offset < 0 || offset + length > src.size) throw new KerasImportError(file, 'zip-damaged', MESSAGES.zipTruncated(file, what, offset, src.size), offset);
  const b = src.read(offset, length);
  if (b.length !== length) throw new KerasImportError(file, 'io', MESSAGES.io(file, offset, length, b.length), offset);
  return b;
}


/** List the central directory of a zip archive. */
export function listZip(src: ByteSource, file: string): ZipEntry[] {
  // Most archives (Python's zipfile included) have no comment: the record is the last 22 bytes.
  // Otherwise search the last 64 KiB + 22 bytes, the most a comment can take.
  let tail = readExact(src, file, Math.max(0, src.size - 22), Math.min(src.size, 22), 'end of archive');
  let eocd = tail.length === 22 && u32(tail, 0) === EOCD_SIG ? 0 : -1;
  if (eocd < 0) {
    const tailLen = Math.min(src.size, 22 + 0xffff);
    tail = readExact(src, file, src.size - tailLen, tailLen, 'end of archive');
    for (let i = tail.length - 22; i >= 0; i--) {
      if (u32(tail, i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) throw new KerasImportError(file, 'zip-damaged', MESSAGES.zipNoEocd(file));
  let count = u16(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  const eocdAbs = src.size - tail.length + eocd;
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocdAbs >= 20) {
    const loc = readExact(src, file, eocdAbs - 20, 20, 'zip64 locator');
    if (u32(loc, 0) === ZIP64_LOCATOR_SIG) {
      const z64 = u64(loc, 8);
      const rec = readExact(src, file, z64, 56, 'zip64 end-of-central-directory record');
      if (u32(rec, 0) !== ZIP64_EOCD_SIG) throw new KerasImportError(file, 'zip-damaged', MESSAGES.zipBadSignature(file, 'zip64 end-of-central-directory', z64), z64);
      count = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
  }
  const cd = readExact(src, file, cdOffset, cdSize, 'central directory');
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || u32(cd, p) !== CDIR_SIG) throw new KerasImportError(file, 'zip-damaged', MESSAGES.zipBadSignature(file, 'central-directory entry', cdOffset + p), cdOffset + p);
    const flags = u16(cd, p + 8);
    const method = u16(cd, p + 10);
    let compressedSize = u32(cd, p + 20);
    let uncompressedSize = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    let localHeaderOffset = u32(cd, p + 42);
    if (p + 46 + nameLen + extraLen > cd.length) throw new KerasImportError(file, 'zip-damaged', MESSAGES.zipTruncated(file, 'central-directory entry', cdOffset + p, src.size));
    const name = utf8(cd.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extended information (header 0x0001): the fields saturated in the fixed part, in order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(cd, e);
      const len = u16(cd, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(cd, q);
      }
      e += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Bytes of one member, inflated (stored and deflate only), refusing more than {@link MAX_CONFIG_BYTES}. */
export function readZipMember(src: ByteSource, file: string, entry: ZipEntry): Uint8Array {
  if (entry.flags & 1) throw new KerasImportError(file, 'zip-unsupported', MESSAGES.zipEncrypted(file));
  if (entry.uncompressedSize > MAX_CONFIG_BYTES) throw new KerasImportError(file, 'zip-too-large', MESSAGES.zipTooLarge(file, 'declares', entry.uncompressedSize));
  const lh = readExact(src, file, entry.localHeaderOffset, 30, 'local header of config.json');
  if (u32(lh, 0) !== LOCAL_SIG) throw new KerasImportError(file, 'zip-damaged', MESSAGES.zipBadSignature(file, 'local header', entry.localHeaderOffset), entry.localHeaderOffset);
  const dataStart = entry.localHeaderOffset + 30 + u16(lh, 26) + u16(lh, 28);
  const data = readExact(src, file, dataStart, entry.compressedSize, 'compressed data of config.json');
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new KerasImportError(file, 'zip-unsupported', MESSAGES.zipMethod(file, entry.method));
  try {
    return inflateRaw(data, MAX_CONFIG_BYTES);
  } catch (e) {
    if (e instanceof InflateError) {
      if (e.overLimit) throw new KerasImportError(file, 'zip-too-large', MESSAGES.zipTooLarge(file, 'inflates to more than', MAX_CONFIG_BYTES));
      throw new KerasImportError(file, 'zip-damaged', MESSAGES.zipInflate(file, e.message));
    }
    throw e;
  }
}

/** The `config.json` member of a `.keras` archive, as bytes. */
export function readKerasArchiveConfig(src: ByteSource, file: string): Uint8Array {
  const entries = listZip(src, file);
  const entry = entries.find((e) => e.name === 'config.json') ?? entries.find((e) => e.name.endsWith('/config.json'));
  if (!entry) throw new KerasImportError(file, 'zip-no-config', MESSAGES.zipNoConfig(file, entries.map((e) => e.name)));
  return readZipMember(src, file, entry);
}
