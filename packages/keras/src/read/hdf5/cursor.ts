/**
 * Bounded little-endian reading for the HDF5 reader. Every field of the format is little-endian
 * (HDF5 File Format Specification, I.A); addresses and lengths are `Size of Offsets` / `Size of
 * Lengths` bytes wide (superblock). A field that runs past its block, an address past the end of the
 * file or a value beyond 2^53 is damage, reported as {@link Hdf5Error} with the byte offset.
 */

/** Why the HDF5 reader stopped: the bytes are damaged or truncated, or use a feature it does not read. */
export class Hdf5Error extends Error {
  override readonly name = 'Hdf5Error';
  constructor(
    readonly kind: 'damaged' | 'unsupported',
    /** What was being read and what is wrong (`object header at byte 96: no OHDR signature`). */
    message: string,
    /** Absolute byte offset of the problem, when known. */
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** The "undefined address" of the format (all bits set), as read by {@link Cursor.addr}. */
export const UNDEF = -1;

const TWO32 = 2 ** 32;

/** A read position over a block of bytes that knows the block's absolute file offset. */
export class Cursor {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    /** Absolute file offset of `bytes[0]`. */
    readonly at: number,
    /** Names the block in messages (`object header`, `fractal heap direct block`). */
    readonly what: string,
  ) {}

  /** Absolute file offset of the current position. */
  get abs(): number {
    return this.at + this.pos;
  }

  get left(): number {
    return this.bytes.length - this.pos;
  }

  damaged(reason: string, at = this.abs): Hdf5Error {
    return new Hdf5Error('damaged', `${this.what} at byte ${this.at}: ${reason}`, at);
  }

  need(n: number, field: string): void {
    if (n < 0 || this.pos + n > this.bytes.length) throw this.damaged(`${field} runs past the end of the block (${this.bytes.length} bytes)`);
  }

  skip(n: number, field = 'field'): void {
    this.need(n, field);
    this.pos += n;
  }

  u8(field = 'field'): number {
    this.need(1, field);
    return this.bytes[this.pos++]!;
  }

  u16(field = 'field'): number {
    this.need(2, field);
    const b = this.bytes;
    const v = b[this.pos]! | (b[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }

  u32(field = 'field'): number {
    this.need(4, field);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** An unsigned integer of `size` bytes (1..8). Values beyond 2^53 are damage. */
  uint(size: number, field = 'field'): number {
    if (size < 1 || size > 8) throw this.damaged(`${field}: field width ${size} bytes is not 1 to 8`);
    this.need(size, field);
    let lo = 0;
    let hi = 0;
    const b = this.bytes;
    for (let i = 0; i < size; i++) {
      if (i < 4) lo += b[this.pos + i]! * 2 ** (8 * i);
      else hi += b[this.pos + i]! * 2 ** (8 * (i - 4));
    }
    this.pos += size;
    if (hi >= 2 ** 21) throw this.damaged(`${field} = ${hi} * 2^32 + ${lo} is beyond 2^53`, this.abs - size);
    return hi * TWO32 + lo;
  }

  /** An address of `size` bytes; {@link UNDEF} when every bit is set. */
  addr(size: number, field = 'address'): number {
    this.need(size, field);
    let all = true;
    for (let i = 0; i < size; i++) if (this.bytes[this.pos + i] !== 0xff) all = false;
    if (all) {
      this.pos += size;
      return UNDEF;
    }
    return this.uint(size, field);
  }

  take(n: number, field = 'field'): Uint8Array {
    this.need(n, field);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A sub-cursor over the next `n` bytes (the position moves past them). */
  sub(n: number, what: string, field = what): Cursor {
    const at = this.abs;
    return new Cursor(this.take(n, field), at, what);
  }

  /** Check a 4-character ASCII signature. */
  signature(sig: string): void {
    this.need(4, `${sig} signature`);
    for (let i = 0; i < 4; i++) if (this.bytes[this.pos + i] !== sig.charCodeAt(i)) throw this.damaged(`no ${sig} signature`);
    this.pos += 4;
  }

  /** Align the position to a multiple of `n` bytes from the block start. */
  align(n: number): void {
    const r = this.pos % n;
    if (r) this.pos = Math.min(this.bytes.length, this.pos + n - r);
  }
}

/** floor(log2(n)) for n >= 1 (H5VM_log2_gen). */
export function log2floor(n: number): number {
  let r = 0;
  while (n >= 2) {
    n = Math.floor(n / 2);
    r++;
  }
  return r;
}

/** Bytes needed to encode values up to `n` (H5VM_limit_enc_size: floor(log2 n) / 8 + 1). */
export function limitEncSize(n: number): number {
  return Math.floor(log2floor(Math.max(1, n)) / 8) + 1;
}

/** True for an exact power of two. */
export function isPow2(n: number): boolean {
  return n >= 1 && Number.isInteger(n) && 2 ** log2floor(n) === n;
}
