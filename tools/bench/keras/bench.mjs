/**
 * Keras profiling benchmark (issues 16 and 18): wall time, CPU time and peak RSS of the whole
 * `modelcost profile` process for the sizes and shapes those issues measured. Prints figures;
 * asserts nothing (tests stay deterministic; this is a measurement). Wall time on a shared machine
 * moves with its load; CPU time (user + system, GC threads included) moves less.
 *
 * Models are written to .bench/keras/ (never committed): an .h5 of ~580 MB of real weights beside
 * the same architecture's small fixture (a lazy reader must make them cost the same), Dense chains
 * of 30k / 100k / 300k layers (linear time and memory), a model nested 1,000 deep and a config of
 * 200,000 nested lists (a clear exit-2 work limit, not a stack overflow), and models reusing a
 * nested model 10 times per level (work proportional to the file).
 *
 * Usage: npx nx run-many -t build --projects=modelcost && node tools/bench/keras/bench.mjs [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deepLists, denseChain, nestedDeep, reusedNested } from './models.mjs';

const root = resolve(import.meta.dirname, '../../..');
const out = join(root, '.bench/keras');
const bin = join(root, 'packages/cli/bin/modelcost.cjs');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;

const CASES = [
  { file: 'astronomy-small.h5', note: 'Keras 2.12 model.save(.h5), 35 KB', make: (p) => copyFileSync(join(root, 'packages/keras/test/fixtures/h5/astronomy_keras2.12_model.h5'), p) },
  { file: 'astronomy-580mb.h5', note: 'same layout, 580 MB of weights', make: (p) => python(['--big', p]) },
  { file: 'chain-30k.json', note: '30,000 Dense layers', make: (p) => json(p, denseChain(30_000)) },
  { file: 'chain-100k.json', note: '100,000 Dense layers', make: (p) => json(p, denseChain(100_000)) },
  { file: 'chain-300k.json', note: '300,000 Dense layers', make: (p) => json(p, denseChain(300_000)) },
  { file: 'reuse-3x10.json', note: 'nested model reused 10x per level, 3 levels', make: (p) => json(p, reusedNested(3, 10)) },
  { file: 'reuse-9x10.json', note: 'nested model reused 10x per level, 9 levels (10^9 calls)', make: (p) => json(p, reusedNested(9, 10)) },
  { file: 'nested-1000.json', note: 'models nested 1,000 deep', make: (p) => json(p, nestedDeep(1000)) },
  { file: 'lists-200k.json', note: 'a layer config of 200,000 nested lists', make: (p) => writeFileSync(p, deepLists(200_000)) },
];

function json(path, value) {
  writeFileSync(path, JSON.stringify(value));
}

function python(args) {
  const r = spawnSync('/usr/bin/python3', [join(root, 'tools/fixtures/keras_h5.py'), ...args], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('tools/fixtures/keras_h5.py failed (it needs Debian python3-h5py)');
}

/** One run under /usr/bin/time: wall (monotonic clock), CPU seconds and peak RSS. */
function timed(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = r.stderr.trim().split('\n');
  const [kb, user, sys] = lines.pop().split(' ').map(Number);
  return { status: r.status, message: lines.find((l) => l.startsWith('modelcost:')) ?? '', sec, cpu: user + sys, mb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

mkdirSync(out, { recursive: true });
const base = timed([process.execPath, '-e', '0']);
console.log(`node -e 0: ${base.sec.toFixed(2)} s, ${base.mb.toFixed(0)} MB; ${runs} runs per model, median wall and CPU, max RSS`);
console.log(`${'model'.padEnd(20)} ${'size'.padStart(9)} ${'exit'.padStart(4)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(7)} ${'RSS MB'.padStart(7)}  what`);
for (const c of CASES) {
  const path = join(out, c.file);
  if (!existsSync(path)) c.make(path);
  const rs = Array.from({ length: runs }, () => timed([process.execPath, bin, 'profile', path, '--dim', 'batch=1']));
  const size = statSync(path).size;
  const sizeText = size > 1e6 ? `${(size / 1e6).toFixed(1)} MB` : `${(size / 1e3).toFixed(0)} KB`;
  console.log(
    `${c.file.padEnd(20)} ${sizeText.padStart(9)} ${String(rs[0].status).padStart(4)} ${median(rs.map((r) => r.sec)).toFixed(2).padStart(7)} ${median(rs.map((r) => r.cpu)).toFixed(2).padStart(7)} ${Math.max(...rs.map((r) => r.mb)).toFixed(0).padStart(7)}  ${c.note}${rs[0].message ? `\n${' '.repeat(22)}${rs[0].message.slice(0, 150)}` : ''}`,
  );
}
