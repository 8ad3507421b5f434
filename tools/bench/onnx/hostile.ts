/**
 * Issue 16's small files that explode (and files of millions of tiny nodes), run through the whole `modelcost profile --json` process:
 * each must end with exit 0 (profiled) or 2 (a clear error naming the file and the limit), under
 * 10 s and 1 GB. The files are the ones packages/onnx/test/infer/bounded-work.test.ts asserts the
 * outcomes of (built by its hostile-models.ts); this prints exit code, wall and CPU seconds, peak
 * RSS and the error line or the totals per file, and asserts nothing.
 * Usage: npm run build && npx tsx tools/bench/onnx/hostile.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { distinctFanOut, fanOut, loopBomb, manyDims, mutualRecursive, selfRecursive } from '../../../packages/onnx/test/infer/hostile-models.js';

const root = resolve(import.meta.dirname, '../../..');
const out = join(root, '.bench/onnx/hostile');
const bin = join(root, 'packages/cli/bin/modelcost.cjs');

/** Protobuf varint bytes. */
function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

/** A length-delimited field. */
function field(num: number, bytes: Uint8Array | number[]): Buffer {
  return Buffer.concat([Buffer.from([(num << 3) | 2, ...varint(bytes.length)]), Buffer.from(bytes)]);
}

/**
 * A model of `n` nodes of 8 to 18 bytes each (op type `Relu`, and an output name when `outputs`):
 * a file of tens of MB whose decoded graph, held whole, would take the process past 1 GB. The work
 * budget's memory limit ends it while it is read.
 */
function manyNodes(n: number, outputs: boolean): Uint8Array {
  const nodes: Buffer[] = [];
  for (let i = 0; i < n; i++) nodes.push(field(1, Buffer.concat([outputs ? field(2, Buffer.from(`y${i}`)) : Buffer.alloc(0), field(4, Buffer.from('Relu'))])));
  const opset = Buffer.concat([field(1, []), Buffer.from([(2 << 3) | 0, 17])]);
  return Buffer.concat([Buffer.from([(1 << 3) | 0, 8]), field(8, opset), field(7, Buffer.concat(nodes))]);
}

const CASES: Record<string, () => Uint8Array> = {
  'loop-bomb-4x64.onnx': () => loopBomb(4, 64),
  'loop-bomb-4x64-iter.onnx': () => loopBomb(4, 64, true),
  'loop-bomb-12x1000-iter.onnx': () => loopBomb(12, 1000, true),
  'fan-out-9x10.onnx': () => fanOut(9, 10),
  'fan-out-distinct-9.onnx': () => distinctFanOut(9),
  'recursive-self.onnx': selfRecursive,
  'recursive-a-b.onnx': mutualRecursive,
  'dims-40m.onnx': () => manyDims(40_000_000),
  'nodes-5m-empty.onnx': () => manyNodes(5_000_000, false),
  'nodes-3m-named.onnx': () => manyNodes(3_000_000, true),
};

mkdirSync(out, { recursive: true });
console.log('file'.padEnd(28), 'bytes'.padStart(10), 'exit'.padStart(5), 'wall s'.padStart(8), 'cpu s'.padStart(7), 'RSS MB'.padStart(7), '  first line of stderr (or the totals)');
for (const [file, make] of Object.entries(CASES)) {
  const path = join(out, file);
  writeFileSync(path, make());
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, bin, 'profile', '--json', path], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = r.stderr.trim().split('\n');
  const [kb, user, sys] = lines.pop()!.split(' ').map(Number) as [number, number, number];
  let note = lines.find((l) => l.startsWith('modelcost')) ?? '';
  if (r.status === 0) {
    const rep = (JSON.parse(r.stdout) as { reports: { totals: { macs: number | string; flops: number | string }; nodes: unknown[]; diagnostics: { severity: string; code: string }[] }[] }).reports[0]!;
    note = `macs ${rep.totals.macs}, flops ${rep.totals.flops}, ${rep.nodes.length} nodes listed, errors: ${rep.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ') || 'none'}`;
  }
  console.log(file.padEnd(28), String(statSync(path).size).padStart(10), String(r.status).padStart(5), sec.toFixed(2).padStart(8), (user + sys).toFixed(2).padStart(7), (kb / 1024).toFixed(0).padStart(7), ' ', note.slice(0, 200));
}
