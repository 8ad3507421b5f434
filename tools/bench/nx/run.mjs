// Benchmark of @modelcost/nx: a throwaway Nx workspace (installed from this monorepo's packed
// tarballs, see packages/nx/test/support/workspace.mjs) with N small synthetic ONNX models across P projects, then
//   first:    nx run-many -t modelcost                   (fresh workspace, empty cache)
//   cold:     nx run-many -t modelcost --skip-nx-cache   (every model profiled)
//   warm:     nx run-many -t modelcost                   (every task from the cache)
//   one-edit: one model changed, nx run-many -t modelcost (one project profiled, the rest cached)
// Usage: node tools/bench/nx/run.mjs [--models 300] [--projects 10] [--parallel 3] [--keep]
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GraphBuilder, writeModel } from '../onnx/build-models.mjs';
import { addProject, createWorkspace, git, packPackages, runNx } from '../../../packages/nx/test/support/workspace.mjs';

const { values } = parseArgs({ options: { models: { type: 'string', default: '300' }, projects: { type: 'string', default: '10' }, parallel: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } } });
const MODELS = Number(values.models);
const PROJECTS = Number(values.projects);
const FLOAT = 1;

/** A small CNN or MLP whose depth and widths vary with `i` (deterministic). */
function smallModel(i) {
  const g = new GraphBuilder(`bench_${i}`);
  if (i % 2 === 0) {
    let x = g.input('input', FLOAT, ['batch', 3, 32, 32]);
    let c = 3;
    const layers = 2 + (i % 5);
    for (let l = 0; l < layers; l++) {
      const out = 8 * (1 + ((i + l) % 4));
      x = g.node('Relu', [g.node('Conv', [x, g.weight([out, c, 3, 3]), g.weight([out])], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] })]);
      c = out;
    }
    x = g.node('Flatten', [g.node('GlobalAveragePool', [x])], { axis: 1 });
    x = g.node('Gemm', [x, g.weight([10, c]), g.weight([10])], { transB: 1 });
    g.output(x, FLOAT, ['batch', 10]);
  } else {
    let x = g.input('input', FLOAT, ['batch', 64]);
    let w = 64;
    const layers = 2 + (i % 7);
    for (let l = 0; l < layers; l++) {
      const out = 32 * (1 + ((i * 3 + l) % 5));
      x = g.node('Relu', [g.node('Gemm', [x, g.weight([out, w]), g.weight([out])], { transB: 1 })]);
      w = out;
    }
    g.output(x, FLOAT, ['batch', w]);
  }
  return g;
}

const tmp = mkdtempSync(join(tmpdir(), 'modelcost-nx-bench-'));
const ws = join(tmp, 'ws');
const log = (m) => console.error(`[bench] ${m}`);
try {
  const tarballs = packPackages(join(tmp, 'tarballs'), { log });
  createWorkspace(ws, tarballs, { config: 'models: ["**/*.onnx"]\ndims: { batch: 1 }\n', log });
  for (let p = 0; p < PROJECTS; p++) {
    addProject(ws, `libs/p${p}`, `p${p}`, {});
    mkdirSync(join(ws, `libs/p${p}/models`), { recursive: true });
  }
  const started = performance.now();
  for (let i = 0; i < MODELS; i++) writeModel(join(ws, `libs/p${i % PROJECTS}/models/m${i}.onnx`), smallModel(i));
  log(`${MODELS} models in ${PROJECTS} projects written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  git(ws, ['init', '-q', '-b', 'main']);
  git(ws, ['add', '-A']);
  git(ws, ['commit', '-q', '-m', 'bench']);

  const nx = (args) => {
    const r = runNx(ws, ['run-many', '-t', 'modelcost', `--parallel=${values.parallel}`, '--output-style=static', ...args]);
    if (r.status !== 0) throw new Error(`nx failed:\n${r.output}`);
    const hits = /Cache:\s+(\d+)\/(\d+) hit/.exec(r.output);
    return { ms: r.ms, cache: hits ? `${hits[1]}/${hits[2]} hit` : /Skipped \(--skip-nx-cache\)/.test(r.output) ? 'cache skipped' : '?' };
  };
  // The first run in a fresh workspace (empty cache); Nx 23 did not reuse entries written by a
  // first-ever run made with --skip-nx-cache, so the cache-less timing is taken after this one.
  const first = nx([]);
  const cold = nx(['--skip-nx-cache']);
  let reports = 0;
  for (let p = 0; p < PROJECTS; p++) reports += JSON.parse(readFileSync(join(ws, `dist/modelcost/libs/p${p}/index.json`), 'utf8')).reports.length;
  if (reports !== MODELS) throw new Error(`expected ${MODELS} reports, found ${reports}`);
  const warm = nx([]);
  writeModel(join(ws, 'libs/p0/models/m0.onnx'), smallModel(1));
  const edit = nx([]);

  console.log(`@modelcost/nx bench: ${MODELS} models, ${PROJECTS} projects, --parallel=${values.parallel}, node ${process.version}`);
  console.log(`  first run (empty cache): ${(first.ms / 1000).toFixed(2)} s  (${first.cache})`);
  console.log(`  cold (--skip-nx-cache): ${(cold.ms / 1000).toFixed(2)} s  (${cold.cache}, ${reports} reports)`);
  console.log(`  warm (cached):          ${(warm.ms / 1000).toFixed(2)} s  (${warm.cache})`);
  console.log(`  one model changed:      ${(edit.ms / 1000).toFixed(2)} s  (${edit.cache})`);
  console.log('  (wall time of the whole `nx run-many` process, project graph included)');
} finally {
  if (values.keep) console.error(`[bench] workspace kept at ${ws}`);
  else rmSync(tmp, { recursive: true, force: true });
}
