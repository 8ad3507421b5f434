/**
 * ONNX profiling benchmark: wall time and peak RSS of the whole `modelcost profile --json` process
 * for each generated model, against the targets of issue 3. Prints figures; asserts nothing (tests
 * stay deterministic; this is a measurement).
 *
 * Two environments, runs interleaved so that machine drift hits both alike:
 * - "node default": this environment without the variables that make Node itself start slowly.
 *   NODE_EXTRA_CA_CERTS is one: Node 20 with OpenSSL 3 parses its whole root-certificate store before
 *   the first line of JavaScript runs when it is set (nodejs/node#40524), 35-55 ms per process on
 *   this VM, which sets it machine-wide. The verdicts are against this column.
 * - "this env": the environment as given, printed beside it when it differs.
 * Each column also prints `node -e 0` in the same environment: modelcost's own share is the difference.
 * Usage: npm run build && node tools/bench/onnx/run.mjs [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from '@modelcost/cli';
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
function timed(cmd, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { status: r.status, stderr: r.stderr, sec, kb };
}

mkdirSync(out, { recursive: true });
for (const [file, make] of Object.entries(MODELS)) if (!existsSync(join(out, file))) writeModel(join(out, file), make(), 20);

/** Variables that slow Node's own start-up (see the header); unset in the "node default" column. */
const SLOW_START_VARS = ['NODE_EXTRA_CA_CERTS'].filter((k) => process.env[k] !== undefined);
const defaultEnv = { ...process.env };
for (const k of SLOW_START_VARS) delete defaultEnv[k];
const envs = [{ label: 'node default', env: defaultEnv }];
if (SLOW_START_VARS.length) envs.push({ label: 'this env', env: process.env });

/** Median wall time and max peak RSS of `runs` runs of cmd in each environment, interleaved. */
function measure(cmd) {
  const times = envs.map(() => []);
  const rss = envs.map(() => 0);
  for (let i = 0; i < runs; i++) {
    for (const [j, { env }] of envs.entries()) {
      const r = timed(cmd, env);
      if (r.status !== 0) return { error: `exit ${r.status}: ${r.stderr.split('\n').slice(-5).join(' | ')}` };
      times[j].push(r.sec);
      rss[j] = Math.max(rss[j], r.kb / 1024);
    }
  }
  return { sec: times.map(median), mb: rss };
}

// Onnx-tool (Python) on the same two files, from issue 3, for scale.
const ONNX_TOOL = { 'resnet50.onnx': { sec: 0.5, mb: 240 }, 'bert-base.onnx': { sec: 1.5, mb: 900 } };

const base = measure([process.execPath, '-e', '0']).sec;
console.log(`node ${process.version}, ${runs} runs each (median wall time, max peak RSS), whole process incl. Node start-up`);
if (SLOW_START_VARS.length) console.log(`"node default" = this environment without ${SLOW_START_VARS.join(', ')} (slows every Node process's start-up; see the header)`);
console.log(`node -e 0 alone: ${envs.map((e, j) => `${base[j].toFixed(3)} s (${e.label})`).join(', ')}`);
console.log('model'.padEnd(16), 'size'.padStart(9), ...envs.flatMap((e) => [`${e.label} s`.padStart(16), 'RSS MB'.padStart(7)]), '  share s', '  target (node default)');
for (const file of Object.keys(MODELS)) {
  const path = join(out, file);
  const m = measure([process.execPath, bin, 'profile', '--json', path]);
  if (m.error) {
    console.log(`${file}: ${m.error}`);
    continue;
  }
  const t = TARGETS[file];
  const size = `${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`;
  const [sec, mb] = [m.sec[0], m.mb[0]];
  let verdict = `${sec <= t.sec ? 'ok' : 'SLOW'} (<${t.sec}s${t.mb ? `, ${mb <= t.mb ? 'ok' : 'BIG'} <${t.mb}MB` : ''})`;
  const ref = ONNX_TOOL[file];
  if (ref) verdict += `; vs onnx-tool ${(ref.sec / sec).toFixed(1)}x faster, ${(ref.mb / mb).toFixed(1)}x leaner`;
  const cols = envs.flatMap((_, j) => [m.sec[j].toFixed(3).padStart(16), m.mb[j].toFixed(0).padStart(7)]);
  console.log(file.padEnd(16), size.padStart(9), ...cols, (sec - base[0]).toFixed(3).padStart(9), ' ', verdict);
}
