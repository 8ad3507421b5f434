/**
 * ONNX profiling benchmark: wall time and peak RSS of the whole `modelcost profile --json` process
 * for each generated model, against the targets of issue 3. Prints figures; asserts nothing (tests
 * stay deterministic; this is a measurement).
 * Usage: npm run build && node tools/bench/onnx/run.mjs [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MODELS, writeModel } from './build-models.mjs';

const root = resolve(import.meta.dirname, '../../..');
const out = join(root, '.bench/onnx');
const bin = join(root, 'packages/cli/bin/modelcost.cjs');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const TARGETS = {
  'resnet50.onnx': { sec: 0.1, mb: 60 },
  'bert-base.onnx': { sec: 0.3, mb: 100 },
  'nodes-100k.onnx': { sec: 3, mb: undefined },
  'big-1p5g.onnx': { sec: 1, mb: 300 },
};

/**
 * Run a command under /usr/bin/time (peak RSS) and time it with the monotonic clock (time's %e has
 * 10 ms steps, too coarse for a 0.1 s target; this wall time includes starting /usr/bin/time itself).
 */
function timed(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { status: r.status, stderr: r.stderr, sec, kb };
}

mkdirSync(out, { recursive: true });
for (const [file, make] of Object.entries(MODELS)) if (!existsSync(join(out, file))) writeModel(join(out, file), make(), 20);

// Node's own start-up, for scale: the targets are whole-process.
const base = [];
for (let i = 0; i < runs; i++) {
  base.push(timed([process.execPath, '-e', '0']).sec);
}
base.sort((a, b) => a - b);
console.log(`node ${process.version}, ${runs} runs each (median wall time, max peak RSS), whole process incl. Node start-up (node -e 0 alone: ${base[Math.floor(base.length / 2)].toFixed(3)} s)`);
console.log('model'.padEnd(18), 'size'.padStart(10), 'wall s'.padStart(8), 'RSS MB'.padStart(8), '  target');
for (const file of Object.keys(MODELS)) {
  const path = join(out, file);
  const times = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const r = timed([process.execPath, bin, 'profile', '--json', path]);
    if (r.status !== 0) {
      console.log(`${file}: exit ${r.status}: ${r.stderr.split('\n').slice(-5).join(' | ')}`);
      break;
    }
    times.push(r.sec);
    rss = Math.max(rss, r.kb / 1024);
  }
  if (times.length === 0) continue;
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)];
  const t = TARGETS[file];
  const size = `${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`;
  const verdict = `${med <= t.sec ? 'ok' : 'SLOW'} (<${t.sec}s${t.mb ? `, ${rss <= t.mb ? 'ok' : 'BIG'} <${t.mb}MB` : ''})`;
  console.log(file.padEnd(18), size.padStart(10), med.toFixed(3).padStart(8), rss.toFixed(0).padStart(8), ' ', verdict);
}
