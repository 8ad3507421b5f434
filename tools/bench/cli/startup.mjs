/**
 * CLI start-up benchmark: wall time of the whole `modelcost --version` and
 * `modelcost profile examples/models/tiny-cnn.onnx` processes, median of N runs, for each Node given,
 * beside `node -e 0` (Node's own start; modelcost's share is the difference). Prints figures; asserts
 * nothing (a measurement, not a test).
 *
 * Node 22.1+ runs the bin with module.enableCompileCache(): "first" is a run with an empty cache
 * directory (what a fresh `npx modelcost` pays), the median is over runs that find the cache. Each
 * Node gets its own fresh NODE_COMPILE_CACHE directory, so nothing from earlier runs leaks in.
 * NODE_EXTRA_CA_CERTS is unset, as in tools/bench/onnx (it slows Node's own start, nodejs/node#40524).
 *
 * Other Nodes: npm's `node` package installs an official binary from the npm registry, e.g.
 *   npm install --prefix /tmp/node24 node@24 && node tools/bench/cli/startup.mjs --node /tmp/node24/node_modules/.bin/node
 * Usage: npm run build && node tools/bench/cli/startup.mjs [--runs 15] [--node path]... [--base path/to/bin/modelcost.cjs]
 * (`--base` times another build's bin the same way, interleaved run by run, for before/after figures.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'packages/cli/bin/modelcost.cjs');
const argv = process.argv.slice(2);
const values = (name) => argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
const runs = Number(values('--runs')[0]) || 15;
const nodes = [process.execPath, ...values('--node').map((p) => resolve(p))];
const bins = [{ label: 'this build', bin }, ...values('--base').map((b) => ({ label: `base ${b}`, bin: resolve(b) }))];
const model = join(root, 'examples/models/tiny-cnn.onnx');
const COMMANDS = [
  { label: 'node -e 0', args: () => ['-e', '0'] },
  { label: 'modelcost --version', args: (b) => [b, '--version'] },
  { label: 'modelcost profile tiny-cnn.onnx', args: (b) => [b, 'profile', model] },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1).padStart(6)} ms`;

function time(node, args, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(node, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const t = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${node} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return t;
}

console.log(`modelcost start-up, median of ${runs} runs (wall ms, whole process)`);
for (const node of nodes) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const caches = bins.map(() => mkdtempSync(join(tmpdir(), 'modelcost-compile-cache-')));
  const envs = caches.map((dir) => {
    const env = { ...process.env, NODE_COMPILE_CACHE: dir };
    delete env.NODE_EXTRA_CA_CERTS;
    return env;
  });
  console.log(`\nNode ${version} (${node})${Number(version.slice(1).split('.')[0]) >= 22 ? ', compile cache on' : ', no compile cache (Node 20 has none)'}`);
  for (const c of COMMANDS) {
    const targets = c.label.startsWith('node') ? [bins[0]] : bins;
    const first = targets.map((b, j) => time(node, c.args(b.bin), envs[j]));
    const times = targets.map(() => []);
    for (let i = 0; i < runs; i++) for (const [j, b] of targets.entries()) times[j].push(time(node, c.args(b.bin), envs[j]));
    for (const [j, b] of targets.entries()) {
      const label = targets.length > 1 || bins.length > 1 ? `${c.label} [${c.label.startsWith('node') ? 'node' : b.label}]` : c.label;
      console.log(`  ${label.padEnd(58)} median ${ms(median(times[j]))}  (min ${ms(Math.min(...times[j]))}, first ${ms(first[j])})`);
    }
  }
  for (const dir of caches) rmSync(dir, { recursive: true, force: true });
}
