/**
 * The two B-tree forms of HDF5 (File Format Specification III.A), read iteratively with an explicit
 * stack and a visited set, so a damaged or hostile file cannot recurse or loop:
 * - version 1 B-trees of group nodes (`TREE`, node type 0), whose leaves point at symbol table nodes
 *   (`SNOD`, III.B): the links of an old-style group (what h5py writes by default);
 * - version 2 B-trees (`BTHD` / `BTIN` / `BTLF`, III.A.2): the name indexes of dense links (record
 *   type 5) and dense attributes (type 8), and the huge objects of a fractal heap (type 1).
 * Checksums are not verified: every field read is bounds-checked instead.
 */
import { pushAll } from '@modelcost/core';
import type { Cursor} from './cursor.js';
import { Hdf5Error, limitEncSize, UNDEF } from './cursor.js';

/** What the B-tree and heap readers need from the file. */
export interface BlockReader {
  /** Size of Offsets and Size of Lengths (superblock), in bytes. */
  readonly sizeOfOffsets: number;
  readonly sizeOfLengths: number;
  /** `length` bytes at file address `addr` (relative to the base address), bounds-checked. */
  read(addr: number, length: number, what: string): Cursor;
  /** Charge one structure read to the work budget. */
  charge(what: string): void;
}

/** Deepest B-tree accepted (honest files stay below 5 levels; node fan-out is in the hundreds). */
const MAX_BTREE_DEPTH = 32;

/** One symbol table entry (III.C): a link name's offset in the group's local heap and the object it names. */
export interface SymbolEntry {
  readonly nameOffset: number;
  readonly objectAddr: number;
}

/** Every entry of an old-style group: walk its v1 B-tree (III.A.1) down to the symbol table nodes. */
export function symbolTableEntries(r: BlockReader, btreeAddr: number): SymbolEntry[] {
  const O = r.sizeOfOffsets;
  const L = r.sizeOfLengths;
  const out: SymbolEntry[] = [];
  const seen = new Set<number>();
  const stack: { addr: number; level: number }[] = [{ addr: btreeAddr, level: -1 }];
  while (stack.length) {
    const { addr, level } = stack.pop()!;
    if (addr === UNDEF) continue;
    if (seen.has(addr)) throw new Hdf5Error('damaged', `group B-tree: node at address ${addr} is reached twice (a cycle)`);
    seen.add(addr);
    r.charge('group B-tree node');
    const head = r.read(addr, 8 + 2 * O, 'group B-tree node');
    head.signature('TREE');
    const type = head.u8('node type');
    if (type !== 0) throw head.damaged(`node type ${type}: expected 0 (group nodes)`);
    const nodeLevel = head.u8('node level');
    if (level >= 0 && nodeLevel !== level) throw head.damaged(`node level ${nodeLevel}: expected ${level}`);
    if (nodeLevel > MAX_BTREE_DEPTH) throw head.damaged(`node level ${nodeLevel} is deeper than ${MAX_BTREE_DEPTH}`);
    const entries = head.u16('entries used');
    // Keys (L bytes: local heap offsets) and children (O bytes) interleave: key0 child0 ... key_n.
    const body = r.read(addr + 8 + 2 * O, entries * (L + O) + L, 'group B-tree node');
    for (let i = 0; i < entries; i++) {
      body.skip(L, 'key');
      const child = body.addr(O, 'child address');
      if (nodeLevel > 0) stack.push({ addr: child, level: nodeLevel - 1 });
      else pushAll(out, symbolTableNode(r, child, seen));
    }
  }
  return out;
}

function symbolTableNode(r: BlockReader, addr: number, seen: Set<number>): SymbolEntry[] {
  const O = r.sizeOfOffsets;
  if (addr === UNDEF) return [];
  if (seen.has(addr)) throw new Hdf5Error('damaged', `group B-tree: symbol table node at address ${addr} is reached twice (a cycle)`);
  seen.add(addr);
  r.charge('symbol table node');
  const head = r.read(addr, 8, 'symbol table node');
  head.signature('SNOD');
  const version = head.u8('version');
  if (version !== 1) throw head.damaged(`version ${version}: expected 1`);
  head.skip(1);
  const n = head.u16('number of symbols');
  const entrySize = 2 * O + 24;
  const c = r.read(addr + 8, n * entrySize, 'symbol table node');
  const out: SymbolEntry[] = [];
  for (let i = 0; i < n; i++) {
    const nameOffset = c.uint(O, 'link name offset');
    const objectAddr = c.addr(O, 'object header address');
    c.skip(24, 'cache type and scratch pad');
    out.push({ nameOffset, objectAddr });
  }
  return out;
}

/** A version 2 B-tree header (III.A.2). */
interface V2Header {
  readonly type: number;
  readonly nodeSize: number;
  readonly recordSize: number;
  readonly depth: number;
  readonly root: number;
  readonly rootRecords: number;
}

/**
 * Every record of a version 2 B-tree of type `type`, as a cursor over its `recordSize` bytes.
 * Internal nodes' child pointers are sized as the library sizes them (H5B2__hdr_init): the record
 * count takes the bytes needed for a full leaf, the total count below a child the bytes needed for
 * the most records that subtree can hold.
 */
export function v2Records(r: BlockReader, headerAddr: number, type: number): Cursor[] {
  const O = r.sizeOfOffsets;
  r.charge('v2 B-tree header');
  const c = r.read(headerAddr, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + O + 2 + r.sizeOfLengths + 4, 'v2 B-tree header');
  c.signature('BTHD');
  const version = c.u8('version');
  if (version !== 0) throw c.damaged(`version ${version}: expected 0`);
  const h: V2Header = {
    type: c.u8('type'),
    nodeSize: c.u32('node size'),
    recordSize: c.u16('record size'),
    depth: c.u16('depth'),
    root: (c.skip(2, 'split and merge percent'), c.addr(O, 'root node address')),
    rootRecords: c.u16('number of records in root node'),
  };
  if (h.type !== type) throw c.damaged(`B-tree type ${h.type}: expected ${type}`);
  if (h.depth > MAX_BTREE_DEPTH) throw c.damaged(`depth ${h.depth} is deeper than ${MAX_BTREE_DEPTH}`);
  if (h.recordSize < 1 || h.nodeSize < 16 || h.nodeSize > 1 << 26) throw c.damaged(`node size ${h.nodeSize} or record size ${h.recordSize} is not usable`);
  if (h.root === UNDEF || h.rootRecords === 0) return [];

  // Per-depth child pointer widths (H5B2__hdr_init). 10 bytes per node are signature, version, type
  // and checksum (H5B2_METADATA_PREFIX_SIZE).
  const maxLeaf = Math.floor((h.nodeSize - 10) / h.recordSize);
  const nrecSize = limitEncSize(maxLeaf);
  const cumMax: number[] = [maxLeaf];
  const cumSize: number[] = [0];
  for (let d = 1; d <= h.depth; d++) {
    const ptr = O + nrecSize + (d > 1 ? cumSize[d - 1]! : 0);
    const maxNrec = Math.floor((h.nodeSize - 10 - ptr) / (h.recordSize + ptr));
    if (maxNrec < 1) throw c.damaged(`node size ${h.nodeSize} holds no record at depth ${d}`);
    const cum = (maxNrec + 1) * cumMax[d - 1]! + maxNrec;
    if (!Number.isSafeInteger(cum)) throw new Hdf5Error('unsupported', `v2 B-tree at address ${headerAddr}: depth ${h.depth} is too large to index`);
    cumMax.push(cum);
    cumSize.push(limitEncSize(cum));
  }

  const out: Cursor[] = [];
  const seen = new Set<number>();
  const stack: { addr: number; nrec: number; depth: number }[] = [{ addr: h.root, nrec: h.rootRecords, depth: h.depth }];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node.addr)) throw new Hdf5Error('damaged', `v2 B-tree: node at address ${node.addr} is reached twice (a cycle)`);
    seen.add(node.addr);
    r.charge('v2 B-tree node');
    const n = r.read(node.addr, h.nodeSize, node.depth > 0 ? 'v2 B-tree internal node' : 'v2 B-tree leaf node');
    n.signature(node.depth > 0 ? 'BTIN' : 'BTLF');
    n.skip(1, 'version');
    const t = n.u8('type');
    if (t !== type) throw n.damaged(`B-tree type ${t}: expected ${type}`);
    for (let i = 0; i < node.nrec; i++) out.push(n.sub(h.recordSize, 'v2 B-tree record'));
    if (node.depth === 0) continue;
    for (let i = 0; i <= node.nrec; i++) {
      const addr = n.addr(O, 'child node address');
      const nrec = n.uint(nrecSize, 'number of records in child node');
      if (node.depth > 1) n.skip(cumSize[node.depth - 1]!, 'total number of records in child node');
      if (addr !== UNDEF) stack.push({ addr, nrec, depth: node.depth - 1 });
    }
  }
  return out;
}
