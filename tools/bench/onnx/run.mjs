/**
 * ONNX profiling benchmark: wall time, CPU time and peak RSS of the whole `modelcost profile --json`
 * process for each generated model (and, for the scale models, of `modelcost profile` with its default
 * table output), against the targets of issues 3 and 16. Prints figures; asserts nothing (tests stay
 * deterministic; this is a measurement).
 *
 * Two environments, runs interleaved so that machine drift hits both alike:
 * - "node default": this environment without the variables that make Node itself start slowly.
 *   NODE_EXTRA_CA_CERTS is one: Node 20 with OpenSSL 3 parses its whole root-certificate store before
 *   the first line of JavaScript runs when it is set (nodejs/node#40524), 35-55 ms per process on
 *   this VM, which sets it machine-wide. The verdicts are against this column.
 * - "this env": the environment as given, printed beside it when it differs.
 * Each column also prints `node -e 0` in the same environment: modelcost's own share is the difference.
 *
 * `--base <bin>` also runs another build's `modelcost` bin (a checkout of an older commit, built),
 * interleaved with this one run by run in the default environment, for before/after figures taken
 * under the same machine load. CPU seconds (user + system, from /usr/bin/time) are printed beside the
 * wall time: on a shared VM the wall time swings with other people's load, the CPU time much less.
 *
 * Usage: npm run build && node tools/bench/onnx/run.mjs [--runs 5] [--only chain-1m.onnx,cycles-50k.onnx] [--base path/to/bin/modelcost.cjs]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from 'modelcost';
import { MODELS, writeModel } from './build-models.mjs';

const root = resolve(import.meta.dirname, '../../..');
const out = join(root, '.bench/onnx');
const bin = join(root, 'packages/cli/bin/modelcost.cjs');
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(arg('--runs')) || 5;
const only = arg('--only')?.split(',');
const baseBin = arg('--base') ? resolve(arg('--base')) : undefined;
const TARGETS = {
  'resnet50.onnx': { sec: 0.1, mb: 60 },
  'bert-base.onnx': { sec: 0.3, mb: 100 },
  'nodes-100k.onnx': { sec: 3, mb: undefined },
  'big-1p5g.onnx': { sec: 1, mb: 300 },
  // Issue 16: a 10^6-node graph under 5 s and 1 GB, whole process; the others linear in the file.
  'chain-1m.onnx': { sec: 5, mb: 1000 },
  'initializers-1m.onnx': { sec: 5, mb: 1000 },
  'cycles-50k.onnx': { sec: 3, mb: undefined },
};

/**
 * Run a command under /usr/bin/time (peak RSS, CPU seconds) and time it with the monotonic clock
 * (time's %e has 10 ms steps, too coarse for a 0.1 s target; this wall time includes starting
 * /usr/bin/time itself).
 */
function timed(cmd, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const [kb, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { status: r.status, stderr: r.stderr, sec, kb, cpu: user + sys };
}

mkdirSync(out, { recursive: true });
const files = Object.keys(MODELS).filter((f) => !only || only.includes(f));
for (const file of files) if (!existsSync(join(out, file))) writeModel(join(out, file), MODELS[file](), 20);

/** Variables that slow Node's own start-up (see the header); unset in the "node default" column. */
const SLOW_START_VARS = ['NODE_EXTRA_CA_CERTS'].filter((k) => process.env[k] !== undefined);
const defaultEnv = { ...process.env };
for (const k of SLOW_START_VARS) delete defaultEnv[k];
/** Columns: this build in the default environment first (the verdicts), then the others. */
const columns = [{ label: 'node default', env: defaultEnv, bin }];
if (SLOW_START_VARS.length) columns.push({ label: 'this env', env: process.env, bin });
if (baseBin) columns.push({ label: 'base', env: defaultEnv, bin: baseBin });

/** Median wall and CPU time and max peak RSS of `runs` runs of `cmd(bin)` in each column, interleaved. */
function measure(cmd) {
  const times = columns.map(() => []);
  const cpus = columns.map(() => []);
  const rss = columns.map(() => 0);
  const errors = columns.map(() => undefined);
  for (let i = 0; i < runs; i++) {
    for (const [j, c] of columns.entries()) {
      if (errors[j]) continue;
      const r = timed(cmd(c.bin), c.env);
      if (r.status !== 0) {
        errors[j] = `exit ${r.status}: ${r.stderr.split('\n').filter((l) => l.startsWith('modelcost')).join(' | ').slice(0, 160)}`;
        continue;
      }
      times[j].push(r.sec);
      cpus[j].push(r.cpu);
      rss[j] = Math.max(rss[j], r.kb / 1024);
    }
  }
  return columns.map((_, j) => (errors[j] ? { error: errors[j] } : { sec: median(times[j]), cpu: median(cpus[j]), mb: rss[j] }));
}

// Onnx-tool (Python) on the same two files, from issue 3, for scale.
const ONNX_TOOL = { 'resnet50.onnx': { sec: 0.5, mb: 240 }, 'bert-base.onnx': { sec: 1.5, mb: 900 } };

const base = measure(() => [process.execPath, '-e', '0']);
console.log(`node ${process.version}, ${runs} runs each (median wall and CPU time, max peak RSS), whole process incl. Node start-up`);
if (SLOW_START_VARS.length) console.log(`"node default" = this environment without ${SLOW_START_VARS.join(', ')} (slows every Node process's start-up; see the header)`);
if (baseBin) console.log(`"base" = ${baseBin}, in the default environment`);
console.log(`node -e 0 alone: ${columns.map((c, j) => `${base[j].sec.toFixed(3)} s (${c.label})`).join(', ')}`);
console.log('model'.padEnd(28), 'size'.padStart(9), ...columns.flatMap((c) => [`${c.label} s`.padStart(16), 'cpu s'.padStart(7), 'RSS MB'.padStart(7)]), '  share s', '  target (node default)');
/**
 * The scale models also run with the default output (the table a user reads, a few rows), beside
 * `--json` (every node: 224 MB for the 10^6-node chain, of which V8's JSON.stringify alone takes about
 * a second on this VM).
 */
const TABLE_TOO = new Set(['nodes-100k.onnx', 'chain-1m.onnx', 'initializers-1m.onnx', 'cycles-50k.onnx']);
const rows = files.flatMap((file) => [{ file, json: true }, ...(TABLE_TOO.has(file) ? [{ file, json: false }] : [])]);
for (const { file, json } of rows) {
  const path = join(out, file);
  const m = measure((b) => [process.execPath, b, 'profile', ...(json ? ['--json'] : []), path]);
  const label = json ? file : `${file} (table)`;
  const size = `${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`;
  const cols = m.flatMap((x) => (x.error ? ['error'.padStart(16), '-'.padStart(7), '-'.padStart(7)] : [x.sec.toFixed(3).padStart(16), x.cpu.toFixed(2).padStart(7), x.mb.toFixed(0).padStart(7)]));
  const first = m[0];
  m.forEach((x, j) => x.error && console.log(`  ${label} (${columns[j].label}): ${x.error}`));
  if (first.error) {
    console.log(label.padEnd(28), size.padStart(9), ...cols);
    continue;
  }
  const t = TARGETS[file];
  let verdict = `${first.sec <= t.sec ? 'ok' : 'SLOW'} (<${t.sec}s${t.mb ? `, ${first.mb <= t.mb ? 'ok' : 'BIG'} <${t.mb}MB` : ''})`;
  const ref = ONNX_TOOL[file];
  if (ref) verdict += `; vs onnx-tool ${(ref.sec / first.sec).toFixed(1)}x faster, ${(ref.mb / first.mb).toFixed(1)}x leaner`;
  console.log(label.padEnd(28), size.padStart(9), ...cols, (first.sec - base[0].sec).toFixed(3).padStart(9), ' ', verdict);
}
