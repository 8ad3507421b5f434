/**
 * A lazy, read-only HDF5 reader over a ByteSource, for what Keras keeps in structure: the superblock
 * (versions 0 to 3), object headers (versions 1 and 2, continuation blocks included), attributes
 * (compact, or dense in a fractal heap indexed by a v2 B-tree, as the library stores those over
 * 64 KiB or past the compact limit), group links (old-style symbol tables, compact link messages,
 * dense links) and the dataspace and datatype of datasets. It never reads dataset data: a 500 MB
 * weights file costs the same few KB of reads as a small one. References are to the HDF5 File Format
 * Specification 3.0 (section numbers as in that document).
 *
 * Every structure read is charged to the model's WorkBudget, every walk is iterative with a visited
 * set, and every read is bounds-checked: a truncated, damaged or hostile file ends in an
 * {@link Hdf5Error}, never a hang, a crash or an unbounded allocation.
 */
import type { ByteSource, WorkBudget } from '@modelcost/core';
import { hdf5SuperblockOffset } from '@modelcost/core';
import { symbolTableEntries, v2Records, type BlockReader } from './btrees.js';
import { Cursor, Hdf5Error, UNDEF } from './cursor.js';
import { utf8 } from '../utf8.js';
import { FractalHeap, GlobalHeaps, heapString, localHeap, MAX_HEAP_BLOCK_BYTES } from './heaps.js';

/** An object header message (IV.A.2). */
interface Message {
  readonly type: number;
  readonly flags: number;
  readonly data: Cursor;
}

/** Message types read (IV.A.2.a-x). */
const MSG = {
  dataspace: 0x01,
  linkInfo: 0x02,
  datatype: 0x03,
  link: 0x06,
  attribute: 0x0c,
  continuation: 0x10,
  symbolTable: 0x11,
  attributeInfo: 0x15,
} as const;

/** Datatype classes (IV.A.2.d). */
export const DT = { fixedPoint: 0, floatingPoint: 1, string: 3, variableLength: 9 } as const;

/** A datatype, as far as this reader needs it. */
export interface Datatype {
  readonly cls: number;
  /** Size of one element in bytes (16 for a variable-length string with 8-byte offsets). */
  readonly size: number;
  /** Fixed-point: signed. */
  readonly signed?: boolean;
  /** Strings: 0 null-terminated, 1 null-padded, 2 space-padded. */
  readonly padding?: number;
  /** Variable-length: true for a string (false: a sequence). */
  readonly vlenString?: boolean;
}

/** A dataspace: `scalar` (one element), `simple` (dims) or `null` (no elements). */
export interface Dataspace {
  readonly kind: 'scalar' | 'simple' | 'null';
  readonly dims: readonly number[];
}

/** An attribute, with its raw value bytes. */
export interface Attribute {
  readonly name: string;
  readonly type: Datatype;
  readonly space: Dataspace;
  readonly data: Cursor;
}

/** What a dataset's object header says of it (its data is never read). */
export interface DatasetInfo {
  readonly dims: readonly number[];
  readonly type: Datatype;
}

/** A fresh cursor over a (cached) message's data. */
function body(m: Message, what: string): Cursor {
  return new Cursor(m.data.bytes, m.data.at, what);
}

/** Elements of a dataspace. */
export function elementCount(s: Dataspace): number {
  return s.kind === 'null' ? 0 : s.kind === 'scalar' ? 1 : s.dims.reduce((a, b) => a * b, 1);
}

/** Deepest path of groups followed, and most messages / continuation blocks in one object header. */
const MAX_MESSAGES = 100_000;
const MAX_DIMS = 32;


/** The superblock fields used (II.A): versions 0 and 1 (root symbol table entry), 2 and 3 (root object header address). */
function readSuperblock(c: Cursor): { version: number; sizeOfOffsets: number; sizeOfLengths: number; base: number; root: number; eof: number } {
  c.skip(8, 'signature');
  const version = c.u8('superblock version');
  if (version > 3) throw new Hdf5Error('unsupported', `superblock version ${version} (modelcost reads versions 0 to 3)`, c.at + 8);
  let sizeOfOffsets: number;
  let sizeOfLengths: number;
  if (version <= 1) {
    c.skip(4, 'free space, root group and shared header versions');
    sizeOfOffsets = c.u8('size of offsets');
    sizeOfLengths = c.u8('size of lengths');
    c.skip(1 + 2 + 2 + 4 + (version === 1 ? 4 : 0), 'group K values and flags');
  } else {
    sizeOfOffsets = c.u8('size of offsets');
    sizeOfLengths = c.u8('size of lengths');
    c.skip(1, 'file consistency flags');
  }
  for (const [name, v] of [['offsets', sizeOfOffsets], ['lengths', sizeOfLengths]] as const) if (![2, 4, 8].includes(v)) throw c.damaged(`size of ${name} is ${v}: expected 2, 4 or 8`);
  const O = sizeOfOffsets;
  const base = c.uint(O, 'base address');
  // Versions 0/1: free space, end of file and driver information addresses, then the root group
  // symbol table entry (III.C: link name offset, object header address). 2/3: extension and end of file.
  c.skip(O, version <= 1 ? 'free space address' : 'superblock extension address');
  const eof = c.addr(O, 'end of file address');
  c.skip(version <= 1 ? 2 * O : 0, 'driver information address and root link name offset');
  const root = c.addr(O, 'root group object header address');
  if (root === UNDEF) throw c.damaged('the root group has no object header address');
  return { version, sizeOfOffsets, sizeOfLengths, base, root, eof };
}

/** Options of {@link Hdf5File.open}. */
export interface Hdf5OpenOptions {
  /** Charged once per structure read (object header, B-tree node, heap block). */
  readonly budget: WorkBudget;
}

/** An open HDF5 file. Addresses are relative to the superblock's base address, as in the file. */
export class Hdf5File implements BlockReader {
  readonly sizeOfOffsets: number;
  readonly sizeOfLengths: number;
  /** Object header address of the root group. */
  readonly root: number;
  /** Superblock version (0 to 3). */
  readonly version: number;
  private readonly base: number;
  private readonly headers = new Map<number, Message[]>();
  private readonly linkCache = new Map<number, Map<string, number>>();
  private readonly globals: GlobalHeaps;

  private constructor(
    private readonly src: ByteSource,
    private readonly budget: WorkBudget,
    superblock: number,
  ) {
    this.globals = new GlobalHeaps(this);
    const wanted = 8 + 16 + 4 * 8 + 40;
    const c = new Cursor(src.read(superblock, Math.min(src.size - superblock, wanted)), superblock, 'superblock');
    try {
      const sb = readSuperblock(c);
      this.version = sb.version;
      this.sizeOfOffsets = sb.sizeOfOffsets;
      this.sizeOfLengths = sb.sizeOfLengths;
      this.base = sb.base;
      this.root = sb.root;
      // The End of File Address is where the library stopped writing, counted from byte 0 (H5F__super_read
      // compares it with the file's size plus the base address): a shorter file was cut, and the HDF5
      // library refuses it the same way ("truncated file").
      if (sb.eof !== UNDEF && sb.eof > src.size)
        throw new Hdf5Error('damaged', `the superblock says the file ends at byte ${sb.eof}, but it has ${src.size} bytes (it was cut short)`, src.size);
    } catch (e) {
      if (e instanceof Hdf5Error && c.bytes.length < wanted && e.kind === 'damaged')
        throw new Hdf5Error('damaged', `the file ends at byte ${src.size}, inside the superblock that starts at byte ${superblock}`, src.size);
      throw e;
    }
  }

  /** Open the HDF5 file in `src` (its signature at byte 0, 512, 1024, ...). Throws {@link Hdf5Error}. */
  static open(src: ByteSource, options: Hdf5OpenOptions): Hdf5File {
    const at = hdf5SuperblockOffset(src);
    if (at < 0) throw new Hdf5Error('damaged', 'no HDF5 signature at byte 0, 512, 1024, ...');
    return new Hdf5File(src, options.budget, at);
  }

  charge(what: string): void {
    this.budget.node(1, `HDF5 ${what}`);
  }

  read(addr: number, length: number, what: string): Cursor {
    if (addr === UNDEF) throw new Hdf5Error('damaged', `${what}: the address is undefined`);
    const abs = this.base + addr;
    if (length > MAX_HEAP_BLOCK_BYTES) throw new Hdf5Error('unsupported', `${what} at byte ${abs}: ${length} bytes, over the ${MAX_HEAP_BLOCK_BYTES} byte limit`, abs);
    if (addr < 0 || length < 0 || abs + length > this.src.size)
      throw new Hdf5Error('damaged', `${what} at byte ${abs} (${length} bytes) lies beyond the end of the file (${this.src.size} bytes): the file is truncated or damaged`, abs);
    const bytes = this.src.read(abs, length);
    if (bytes.length !== length) throw new Hdf5Error('damaged', `read of ${length} bytes at byte ${abs} returned ${bytes.length} (I/O error or file changed while reading)`, abs);
    return new Cursor(bytes, abs, what);
  }

  /** The messages of the object header at `addr`, continuation blocks followed (cached). */
  private messages(addr: number): Message[] {
    const cached = this.headers.get(addr);
    if (cached) return cached;
    this.charge('object header');
    const O = this.sizeOfOffsets;
    const L = this.sizeOfLengths;
    const out: Message[] = [];
    const first = this.read(addr, 4, 'object header');
    const v2 = first.bytes[0] === 0x4f && first.bytes[1] === 0x48 && first.bytes[2] === 0x44 && first.bytes[3] === 0x52; // OHDR
    let chunks: { addr: number; length: number }[];
    let trackOrder = false;
    if (v2) {
      // IV.A.1.b: OHDR, version 2, flags, [4 times], [2 attribute phase changes], chunk #0 size (1/2/4/8 bytes).
      const c = this.read(addr, Math.min(4 + 2 + 16 + 4 + 8, this.src.size - this.base - addr), 'object header');
      c.skip(4);
      const version = c.u8('version');
      if (version !== 2) throw c.damaged(`version ${version}: expected 2`);
      const flags = c.u8('flags');
      trackOrder = (flags & 0x04) !== 0;
      if (flags & 0x20) c.skip(16, 'times');
      if (flags & 0x10) c.skip(4, 'attribute phase change values');
      const size = c.uint(1 << (flags & 3), 'size of chunk #0');
      chunks = [{ addr: addr + c.pos, length: size }];
    } else {
      // IV.A.1.a: version 1, reserved, number of messages (2), reference count (4), header size (4), padding to 16.
      const c = this.read(addr, 16, 'object header');
      const version = c.u8('version');
      if (version !== 1) throw c.damaged(`version ${version}: expected 1 (or an OHDR signature)`);
      c.skip(7);
      chunks = [{ addr: addr + 16, length: c.u32('object header size') }];
    }
    const seen = new Set<number>([addr]);
    for (let i = 0; i < chunks.length; i++) {
      const { addr: at, length } = chunks[i]!;
      if (i > 0) this.charge('object header continuation block');
      let c = this.read(at, length, i ? 'object header continuation block' : 'object header');
      if (v2 && i > 0) {
        c.signature('OCHK');
        c = c.sub(c.left - 4, 'object header continuation block', 'messages');
      }
      // Message header: v1 type (2), size (2), flags (1), reserved (3); v2 type (1), size (2), flags (1), [creation order (2)].
      const headerSize = v2 ? 4 + (trackOrder ? 2 : 0) : 8;
      while (c.left >= headerSize) {
        const type = v2 ? c.u8('message type') : c.u16('message type');
        const size = c.u16('message size');
        const flags = c.u8('message flags');
        c.skip(headerSize - (v2 ? 4 : 5));
        const data = c.sub(size, `object header message type ${type}`, `message type ${type} data`);
        if (!v2) c.align(8);
        if (out.length >= MAX_MESSAGES) throw c.damaged(`more than ${MAX_MESSAGES} messages`);
        if (type === MSG.continuation) {
          const next = data.addr(O, 'continuation offset');
          const len = data.uint(L, 'continuation length');
          if (seen.has(next)) throw data.damaged(`continuation block at address ${next} is reached twice (a cycle)`);
          seen.add(next);
          chunks.push({ addr: next, length: len });
        } else out.push({ type, flags, data });
      }
    }
    this.headers.set(addr, out);
    return out;
  }

  private datatype(c: Cursor): Datatype {
    const b0 = c.u8('datatype class and version');
    const cls = b0 & 0x0f;
    const b1 = c.u8('class bit field');
    const b2 = c.u8('class bit field');
    c.skip(1, 'class bit field');
    const size = c.u32('datatype size');
    if (cls === DT.fixedPoint) return { cls, size, signed: (b1 & 0x08) !== 0 };
    if (cls === DT.string) return { cls, size, padding: b1 & 0x0f };
    if (cls === DT.variableLength) return { cls, size, vlenString: (b1 & 0x0f) === 1, padding: b1 >> 4 };
    void b2;
    return { cls, size };
  }

  private dataspace(c: Cursor): Dataspace {
    const version = c.u8('dataspace version');
    const rank = c.u8('dimensionality');
    c.skip(1, 'dataspace flags');
    let kind: Dataspace['kind'] = 'simple';
    if (version === 1) {
      c.skip(5, 'reserved');
      if (rank === 0) kind = 'scalar';
    } else if (version === 2) {
      const t = c.u8('dataspace type');
      kind = t === 0 ? 'scalar' : t === 2 ? 'null' : 'simple';
    } else throw c.damaged(`dataspace version ${version}: expected 1 or 2`);
    if (rank > MAX_DIMS) throw c.damaged(`dataspace rank ${rank} is over ${MAX_DIMS}`);
    const dims: number[] = [];
    for (let i = 0; i < rank; i++) dims.push(c.uint(this.sizeOfLengths, 'dimension size'));
    return { kind, dims: kind === 'simple' ? dims : [] };
  }

  /** IV.A.2.m: attribute message versions 1 (8-byte padded fields), 2 and 3 (name encoding byte). */
  private attribute(c: Cursor): Attribute {
    const version = c.u8('attribute message version');
    if (version < 1 || version > 3) throw c.damaged(`attribute message version ${version}: expected 1, 2 or 3`);
    const flags = c.u8('attribute flags');
    if (version >= 2 && flags & 0x03) throw new Hdf5Error('unsupported', `attribute at byte ${c.at}: its datatype or dataspace is shared (committed); modelcost does not read shared messages`, c.at);
    const nameSize = c.u16('name size');
    const typeSize = c.u16('datatype size');
    const spaceSize = c.u16('dataspace size');
    if (version === 3) c.skip(1, 'name character set');
    const pad = (n: number): number => (version === 1 ? Math.ceil(n / 8) * 8 : n);
    const nameBytes = c.take(pad(nameSize), 'attribute name');
    const nul = nameBytes.indexOf(0);
    const name = utf8(nameBytes.subarray(0, nul >= 0 ? Math.min(nul, nameSize) : nameSize));
    const type = this.datatype(c.sub(pad(typeSize), 'attribute datatype'));
    const space = this.dataspace(c.sub(pad(spaceSize), 'attribute dataspace'));
    const n = elementCount(space) * type.size;
    if (!Number.isSafeInteger(n)) throw c.damaged(`attribute ${JSON.stringify(name)} declares ${n} bytes of data`);
    return { name, type, space, data: c.sub(n, `attribute ${JSON.stringify(name)} value`) };
  }

  /** The attributes of the object at `addr`, compact and dense (IV.A.2.m, IV.A.2.v). */
  attributes(addr: number): Map<string, Attribute> {
    const out = new Map<string, Attribute>();
    for (const m of this.messages(addr)) {
      if (m.type === MSG.attribute) {
        if (m.flags & 0x02) throw new Hdf5Error('unsupported', `object header at address ${addr}: a shared attribute message; modelcost does not read shared messages`);
        const a = this.attribute(body(m, 'attribute message'));
        out.set(a.name, a);
      } else if (m.type === MSG.attributeInfo) {
        const c = body(m, 'attribute info message');
        c.skip(1, 'version');
        const flags = c.u8('flags');
        if (flags & 0x01) c.skip(2, 'maximum creation index');
        const heapAddr = c.addr(this.sizeOfOffsets, 'fractal heap address');
        const nameIndex = c.addr(this.sizeOfOffsets, 'attribute name v2 B-tree address');
        if (heapAddr === UNDEF || nameIndex === UNDEF) continue;
        const heap = new FractalHeap(this, heapAddr);
        // Type 8 record: heap ID (ID length), message flags (1), creation order (4), name hash (4).
        for (const rec of v2Records(this, nameIndex, 8)) {
          const id = rec.take(heap.idLength, 'attribute heap ID');
          const msgFlags = rec.u8('message flags');
          if (msgFlags & 0x02) throw new Hdf5Error('unsupported', `object header at address ${addr}: a shared dense attribute; modelcost does not read shared messages`);
          const bytes = heap.object(id);
          const a = this.attribute(new Cursor(bytes, -1, `dense attribute of the object at address ${addr}`));
          out.set(a.name, a);
        }
      }
    }
    return out;
  }

  /** The hard links of the group at `addr`, name -> object header address (IV.A.2.g, IV.A.2.c, IV.A.2.r). */
  links(addr: number): Map<string, number> {
    const cached = this.linkCache.get(addr);
    if (cached) return cached;
    const out = new Map<string, number>();
    this.linkCache.set(addr, out);
    const O = this.sizeOfOffsets;
    for (const m of this.messages(addr)) {
      if (m.type === MSG.symbolTable) {
        const c = body(m, 'symbol table message');
        const btree = c.addr(O, 'v1 B-tree address');
        const heap = localHeap(this, c.addr(O, 'local heap address'));
        for (const e of symbolTableEntries(this, btree)) if (e.objectAddr !== UNDEF) out.set(utf8(heapString(heap, e.nameOffset)), e.objectAddr);
      } else if (m.type === MSG.link) {
        const l = this.link(body(m, 'link message'));
        if (l) out.set(l.name, l.addr);
      } else if (m.type === MSG.linkInfo) {
        const c = body(m, 'link info message');
        c.skip(1, 'version');
        const flags = c.u8('flags');
        if (flags & 0x01) c.skip(8, 'maximum creation index');
        const heapAddr = c.addr(O, 'fractal heap address');
        const nameIndex = c.addr(O, 'name index v2 B-tree address');
        if (heapAddr === UNDEF || nameIndex === UNDEF) continue;
        const heap = new FractalHeap(this, heapAddr);
        // Type 5 record: name hash (4), heap ID (the rest).
        for (const rec of v2Records(this, nameIndex, 5)) {
          rec.skip(4, 'name hash');
          const bytes = heap.object(rec.take(heap.idLength, 'link heap ID'));
          const l = this.link(new Cursor(bytes, -1, `dense link of the group at address ${addr}`));
          if (l) out.set(l.name, l.addr);
        }
      }
    }
    return out;
  }

  /** A link message; undefined for soft and external links (not followed). */
  private link(c: Cursor): { name: string; addr: number } | undefined {
    const version = c.u8('link message version');
    if (version !== 1) throw c.damaged(`link message version ${version}: expected 1`);
    const flags = c.u8('link flags');
    const type = flags & 0x08 ? c.u8('link type') : 0;
    if (flags & 0x04) c.skip(8, 'creation order');
    if (flags & 0x10) c.skip(1, 'link name character set');
    const nameLength = c.uint(1 << (flags & 3), 'length of link name');
    const name = utf8(c.take(nameLength, 'link name'));
    if (type !== 0) return undefined;
    return { name, addr: c.addr(this.sizeOfOffsets, 'hard link address') };
  }

  /** Dataspace and datatype of the object at `addr` when it is a dataset; undefined for groups. */
  dataset(addr: number): DatasetInfo | undefined {
    let space: Dataspace | undefined;
    let type: Datatype | undefined;
    for (const m of this.messages(addr)) {
      if (m.type === MSG.dataspace) space = this.dataspace(body(m, 'dataspace message'));
      else if (m.type === MSG.datatype) {
        if (m.flags & 0x02) throw new Hdf5Error('unsupported', `dataset at address ${addr} has a shared (committed) datatype; modelcost does not read shared messages`);
        type = this.datatype(body(m, 'datatype message'));
      }
    }
    return space && type ? { dims: space.kind === 'simple' ? space.dims : [], type } : undefined;
  }

  /**
   * The strings of a string attribute (fixed-length or variable-length), one per element; an
   * attribute with no elements gives []; undefined when the attribute is not a string. A string
   * longer than `maxBytes` is refused before it is decoded.
   */
  strings(a: Attribute, maxBytes = MAX_HEAP_BLOCK_BYTES): string[] | undefined {
    const tooLong = (n: number): Hdf5Error =>
      new Hdf5Error('unsupported', `attribute ${JSON.stringify(a.name)} holds a string of ${n} bytes, over the ${maxBytes} byte limit`, a.data.at);
    const n = elementCount(a.space);
    if (n === 0) return [];
    const c = new Cursor(a.data.bytes, a.data.at, a.data.what);
    const out: string[] = [];
    if (a.type.cls === DT.string) {
      if (a.type.size > maxBytes) throw tooLong(a.type.size);
      for (let i = 0; i < n; i++) {
        const raw = c.take(a.type.size, 'string element');
        let end = raw.length;
        if (a.type.padding === 2) while (end > 0 && raw[end - 1] === 0x20) end--;
        else {
          const nul = raw.indexOf(0);
          if (nul >= 0) end = nul;
        }
        out.push(utf8(raw.subarray(0, end)));
      }
      return out;
    }
    if (a.type.cls === DT.variableLength && a.type.vlenString) {
      // Each element: length (4), global heap collection address (O), object index (4) (IV.B).
      for (let i = 0; i < n; i++) {
        const length = c.u32('string length');
        if (length > maxBytes) throw tooLong(length);
        const collection = c.addr(this.sizeOfOffsets, 'global heap collection address');
        const index = c.u32('global heap object index');
        if (length === 0 || collection === UNDEF) {
          out.push('');
          continue;
        }
        const obj = this.globals.object(collection, index);
        if (length > obj.length) throw c.damaged(`string of ${length} bytes, but its global heap object has ${obj.length}`);
        out.push(utf8(obj.subarray(0, length)));
      }
      return out;
    }
    return undefined;
  }

  /** Follow `path` (link names) from the group at `from`; undefined when a name is missing. */
  resolve(from: number, path: readonly string[]): number | undefined {
    let at = from;
    for (const name of path) {
      const next = this.links(at).get(name);
      if (next === undefined) return undefined;
      at = next;
    }
    return at;
  }
}
