/**
 * The three heaps of HDF5 (File Format Specification III.D, III.E, III.G):
 * - local heaps (`HEAP`): link names of an old-style group;
 * - global heap collections (`GCOL`): the bytes of variable-length strings (h5py 3 stores every
 *   `str` and `bytes` attribute this way, `model_config` included);
 * - fractal heaps (`FRHP`): dense attribute and link storage; objects are managed (in direct blocks
 *   of a doubling table), tiny (inside their heap ID) or huge (a block of their own, found through a
 *   v2 B-tree of type 1 unless the ID holds the address).
 * Filtered (compressed) fractal heaps are not read: HDF5 only filters them on request, and no Keras
 * writer asks.
 */
import { v2Records, type BlockReader } from './btrees.js';
import { Cursor, Hdf5Error, isPow2, limitEncSize, log2floor, UNDEF } from './cursor.js';

/** Largest heap block or object read whole (a `model_config` over this is refused): 256 MiB. */
export const MAX_HEAP_BLOCK_BYTES = 256 * 1024 * 1024;

/** The data segment of a local heap (III.D), for reading NUL-terminated link names. */
export function localHeap(r: BlockReader, addr: number): Cursor {
  const L = r.sizeOfLengths;
  r.charge('local heap');
  const c = r.read(addr, 8 + 2 * L + r.sizeOfOffsets, 'local heap');
  c.signature('HEAP');
  const version = c.u8('version');
  if (version !== 0) throw c.damaged(`version ${version}: expected 0`);
  c.skip(3);
  const size = c.uint(L, 'data segment size');
  c.skip(L, 'free list offset');
  const data = c.addr(r.sizeOfOffsets, 'data segment address');
  if (size > MAX_HEAP_BLOCK_BYTES) throw c.damaged(`data segment of ${size} bytes is over ${MAX_HEAP_BLOCK_BYTES}`);
  return r.read(data, size, 'local heap data segment');
}

/** The NUL-terminated string at `offset` of a local heap's data segment. */
export function heapString(seg: Cursor, offset: number): Uint8Array {
  if (offset >= seg.bytes.length) throw seg.damaged(`name offset ${offset} is past the data segment (${seg.bytes.length} bytes)`);
  let end = offset;
  while (end < seg.bytes.length && seg.bytes[end] !== 0) end++;
  return seg.bytes.subarray(offset, end);
}

/** Reads objects of global heap collections (III.E), each collection read once. */
export class GlobalHeaps {
  private readonly collections = new Map<number, Map<number, Uint8Array>>();
  constructor(private readonly r: BlockReader) {}

  /** Object `index` of the collection at `addr`. */
  object(addr: number, index: number): Uint8Array {
    let objects = this.collections.get(addr);
    if (!objects) {
      objects = this.load(addr);
      this.collections.set(addr, objects);
    }
    const o = objects.get(index);
    if (!o) throw new Hdf5Error('damaged', `global heap collection at address ${addr} has no object ${index}`);
    return o;
  }

  private load(addr: number): Map<number, Uint8Array> {
    const L = this.r.sizeOfLengths;
    this.r.charge('global heap collection');
    const h = this.r.read(addr, 8 + L, 'global heap collection');
    h.signature('GCOL');
    const version = h.u8('version');
    if (version !== 1) throw h.damaged(`version ${version}: expected 1`);
    h.skip(3);
    const size = h.uint(L, 'collection size');
    if (size < 8 + L) throw h.damaged(`collection size ${size} is smaller than its header`);
    if (size > MAX_HEAP_BLOCK_BYTES) throw new Hdf5Error('unsupported', `global heap collection at address ${addr} is ${size} bytes, over the ${MAX_HEAP_BLOCK_BYTES} byte limit`);
    const c = this.r.read(addr, size, 'global heap collection');
    c.skip(8 + L);
    const out = new Map<number, Uint8Array>();
    // Objects: index (2), reference count (2), reserved (4), size (L), data padded to 8 bytes.
    // Index 0 is the free space at the end of the collection.
    while (c.left >= 8 + L) {
      const index = c.u16('object index');
      if (index === 0) break;
      c.skip(6);
      const n = c.uint(L, 'object size');
      out.set(index, c.take(n, `global heap object ${index}`));
      c.align(8);
      this.r.charge('global heap object');
    }
    return out;
  }
}

/** The fields of a fractal heap header (III.G) this reader uses. */
interface FractalHeader {
  readonly addr: number;
  readonly idLength: number;
  readonly maxManagedSize: number;
  readonly hugeBtree: number;
  readonly width: number;
  readonly startBlock: number;
  readonly maxDirectBlock: number;
  readonly maxHeapBits: number;
  readonly rootAddr: number;
  readonly rootRows: number;
  readonly checksummedDirect: boolean;
  /** Bytes of a heap offset and of a managed object's length inside heap IDs (H5HF__hdr_finish_init_phase1). */
  readonly offsetBytes: number;
  readonly lengthBytes: number;
  /** Rows of a doubling table whose blocks are direct blocks. */
  readonly maxDirectRows: number;
}

/** A fractal heap: look objects up by heap ID. */
export class FractalHeap {
  private readonly h: FractalHeader;
  private huge: Map<number, { addr: number; length: number }> | undefined;

  constructor(
    private readonly r: BlockReader,
    addr: number,
  ) {
    const O = r.sizeOfOffsets;
    const L = r.sizeOfLengths;
    r.charge('fractal heap header');
    const c = r.read(addr, 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 8 * L + 2 + 2 * L + 2 + 2 + O + 2, 'fractal heap header');
    c.signature('FRHP');
    const version = c.u8('version');
    if (version !== 0) throw c.damaged(`version ${version}: expected 0`);
    const idLength = c.u16('heap ID length');
    const filterLength = c.u16('I/O filters encoded length');
    const flags = c.u8('flags');
    const maxManagedSize = c.u32('maximum size of managed objects');
    c.skip(L, 'next huge object ID');
    const hugeBtree = c.addr(O, 'v2 B-tree address of huge objects');
    c.skip(L + O + 8 * L, 'free space and object counts');
    const width = c.u16('table width');
    const startBlock = c.uint(L, 'starting block size');
    const maxDirectBlock = c.uint(L, 'maximum direct block size');
    const maxHeapBits = c.u16('maximum heap size');
    c.skip(2, 'starting number of rows in root indirect block');
    const rootAddr = c.addr(O, 'address of root block');
    const rootRows = c.u16('current number of rows in root indirect block');
    if (filterLength > 0) throw new Hdf5Error('unsupported', `fractal heap at address ${addr} is filtered (compressed); modelcost does not read filtered heaps`);
    if (!isPow2(width) || !isPow2(startBlock) || !isPow2(maxDirectBlock) || maxDirectBlock < startBlock || maxHeapBits < 1 || maxHeapBits > 64 || idLength < 2)
      throw c.damaged(`doubling table (width ${width}, blocks ${startBlock}..${maxDirectBlock}, heap bits ${maxHeapBits}, ID length ${idLength}) is not valid`);
    this.h = {
      addr,
      idLength,
      maxManagedSize,
      hugeBtree,
      width,
      startBlock,
      maxDirectBlock,
      maxHeapBits,
      rootAddr,
      rootRows,
      checksummedDirect: (flags & 0x02) !== 0,
      offsetBytes: Math.ceil(maxHeapBits / 8),
      lengthBytes: Math.min(Math.ceil(log2floor(maxDirectBlock) / 8), limitEncSize(maxManagedSize)),
      maxDirectRows: log2floor(maxDirectBlock) - log2floor(startBlock) + 2,
    };
  }

  /** Heap ID length in bytes. */
  get idLength(): number {
    return this.h.idLength;
  }

  /** The object a heap ID names (III.G, "Fractal Heap ID"). */
  object(id: Uint8Array): Uint8Array {
    const h = this.h;
    const c = new Cursor(id, -1, `fractal heap ID (heap at address ${h.addr})`);
    const flags = c.u8('ID flags');
    const type = (flags >> 4) & 3;
    if (flags >> 6 !== 0) throw c.damaged(`heap ID version ${flags >> 6}: expected 0`);
    if (type === 0) {
      const offset = c.uint(h.offsetBytes, 'managed object offset');
      const length = c.uint(h.lengthBytes, 'managed object length');
      return this.managed(offset, length);
    }
    if (type === 2) {
      // Tiny: the object is inside the ID; its length - 1 is in the low bits (extended for long IDs).
      const extended = h.idLength > 18;
      const length = (extended ? ((flags & 0x0f) << 8) | c.u8('tiny length') : flags & 0x0f) + 1;
      return c.take(length, 'tiny object');
    }
    if (type === 1) {
      const O = this.r.sizeOfOffsets;
      const L = this.r.sizeOfLengths;
      // Directly accessed when the ID can hold an address and a length (H5HF__huge_init); else a key
      // of min(ID length - 1, 8) bytes into the huge objects' v2 B-tree (type 1 records).
      if (h.idLength - 1 >= O + L) {
        const addr = c.addr(O, 'huge object address');
        const length = c.uint(L, 'huge object length');
        return this.block(addr, length);
      }
      const key = c.uint(Math.min(h.idLength - 1, 8), 'huge object ID');
      const found = this.hugeObjects().get(key);
      if (!found) throw new Hdf5Error('damaged', `fractal heap at address ${h.addr}: no huge object with ID ${key}`);
      return this.block(found.addr, found.length);
    }
    throw c.damaged(`heap ID type ${type} is not managed, huge or tiny`);
  }

  private block(addr: number, length: number): Uint8Array {
    if (length > MAX_HEAP_BLOCK_BYTES) throw new Hdf5Error('unsupported', `fractal heap at address ${this.h.addr}: an object of ${length} bytes is over the ${MAX_HEAP_BLOCK_BYTES} byte limit`);
    this.r.charge('huge heap object');
    return this.r.read(addr, length, 'huge heap object').bytes;
  }

  private hugeObjects(): Map<number, { addr: number; length: number }> {
    if (this.huge) return this.huge;
    const O = this.r.sizeOfOffsets;
    const L = this.r.sizeOfLengths;
    const map = new Map<number, { addr: number; length: number }>();
    if (this.h.hugeBtree !== UNDEF) {
      // Type 1 record: address (O), length (L), ID (L).
      for (const rec of v2Records(this.r, this.h.hugeBtree, 1)) {
        const addr = rec.addr(O, 'huge object address');
        const length = rec.uint(L, 'huge object length');
        map.set(rec.uint(L, 'huge object ID'), { addr, length });
      }
    }
    this.huge = map;
    return map;
  }

  /** Block size of row `row` of a doubling table (rows 0 and 1: the starting size, then doubling). */
  private rowSize(row: number): number {
    return row === 0 ? this.h.startBlock : this.h.startBlock * 2 ** (row - 1);
  }

  /** Heap-space offset where row `row` starts, within an indirect block. */
  private rowStart(row: number): number {
    return row === 0 ? 0 : this.h.width * this.h.startBlock * 2 ** (row - 1);
  }

  /**
   * A managed object: walk the doubling table from the root (iteratively) to the direct block that
   * holds heap offset `offset`, then take `length` bytes at `offset - blockOffset` of that block.
   */
  private managed(offset: number, length: number): Uint8Array {
    const h = this.h;
    const O = this.r.sizeOfOffsets;
    if (h.rootAddr === UNDEF) throw new Hdf5Error('damaged', `fractal heap at address ${h.addr} has no root block but an object at offset ${offset}`);
    let addr = h.rootAddr;
    let blockOffset = 0;
    let rows = h.rootRows;
    let size = h.startBlock;
    for (let depth = 0; rows > 0; depth++) {
      if (depth > 64) throw new Hdf5Error('damaged', `fractal heap at address ${h.addr}: indirect blocks nest more than 64 deep`);
      this.r.charge('fractal heap indirect block');
      const rel = offset - blockOffset;
      let row = 0;
      while (row + 1 < rows && this.rowStart(row + 1) <= rel) row++;
      const col = Math.floor((rel - this.rowStart(row)) / this.rowSize(row));
      if (rel < 0 || col >= h.width) throw new Hdf5Error('damaged', `fractal heap at address ${h.addr}: object offset ${offset} is outside its indirect block`);
      const header = 4 + 1 + O + h.offsetBytes;
      const ib = this.r.read(addr, header + (row * h.width + col + 1) * O, 'fractal heap indirect block');
      ib.signature('FHIB');
      ib.skip(1 + O, 'version and heap header address');
      const declared = ib.uint(h.offsetBytes, 'block offset');
      if (declared !== blockOffset) throw ib.damaged(`block offset ${declared}: expected ${blockOffset}`);
      ib.skip((row * h.width + col) * O, 'child block addresses');
      const child = ib.addr(O, 'child block address');
      if (child === UNDEF) throw ib.damaged(`no block holds heap offset ${offset}`);
      addr = child;
      blockOffset += this.rowStart(row) + col * this.rowSize(row);
      size = this.rowSize(row);
      // A child indirect block in row `row` has log2(size) - log2(start * width) + 1 rows.
      rows = row < h.maxDirectRows ? 0 : log2floor(size) - log2floor(h.startBlock * h.width) + 1;
    }
    this.r.charge('fractal heap direct block');
    const header = 4 + 1 + O + h.offsetBytes + (h.checksummedDirect ? 4 : 0);
    const db = this.r.read(addr, Math.min(size, header), 'fractal heap direct block');
    db.signature('FHDB');
    db.skip(1 + O, 'version and heap header address');
    const declared = db.uint(h.offsetBytes, 'block offset');
    if (declared !== blockOffset) throw db.damaged(`block offset ${declared}: expected ${blockOffset}`);
    const at = offset - blockOffset;
    if (at < header || at + length > size) throw db.damaged(`object at heap offset ${offset} (${length} bytes) is outside the block (${size} bytes at heap offset ${blockOffset})`);
    return this.r.read(addr + at, length, 'fractal heap object').bytes;
  }
}
