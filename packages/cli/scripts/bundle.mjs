/**
 * Bundle the CLI into one CommonJS file (dist/bundle/modelcost.cjs) and a V8 code cache for it
 * (modelcost.cjs.cache), which bin/modelcost.cjs loads. Why: on Node 20, profiling ResNet-50 spent
 * more time starting than profiling: initialising the ES-module loader (~10 ms for an empty .mjs
 * entry), compiling ~230 KB of modules and lazily compiling each function on first call. A CommonJS
 * entry skips the ESM loader, and a code cache made at build time (bytecode of every function the
 * warm-up run compiled) skips the compiling; V8 rejects the cache on another Node/V8 version or
 * flags, and the bin then compiles the source as usual. Figures: tools/bench/onnx.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'dist/bundle');
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [resolve(root, 'dist/bin.js')],
  outfile: resolve(out, 'modelcost.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
  // The sources are ES modules; in one CommonJS file import.meta.url is this file's URL.
  define: { 'import.meta.url': '__modelcost_import_meta_url' },
  // Lazy `import('node:...')` becomes a lazy require(): a script run from a code cache has no
  // dynamic-import callback.
  supported: { 'dynamic-import': false },
  banner: { js: "const __modelcost_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});

// The worker thread `check` and `pr` profile each model in (@modelcost/report's isolated profiler finds
// it beside the bundle: new URL('./profile-worker.js', import.meta.url)). ESM: this package is "type": "module".
await build({
  entryPoints: [resolve(dirname(createRequire(import.meta.url).resolve('@modelcost/report/package.json')), 'dist/profile-worker.js')],
  outfile: resolve(out, 'profile-worker.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// The warm-up run compiles the code paths a profile takes, and the bin writes the cache when it
// exits. One process (a cache holds one process's compiled code): a diff of the two example models
// goes through both ONNX graphs' op rules (convolutions; attention, LayerNormalization, Gelu),
// symbolic dims, the cost kernels, the latency estimator and the diff renderer.
const cache = resolve(out, 'modelcost.cjs.cache');
const examples = resolve(root, '../../examples/models');
execFileSync(
  process.execPath,
  [resolve(root, 'bin/modelcost.cjs'), 'diff', resolve(examples, 'tiny-cnn.onnx'), resolve(examples, 'tiny-encoder.onnx'), '--markdown', '--dim', 'batch=1', '--dim', 'seq=16', '--hardware', 'nvidia-t4,rpi5-cpu'],
  { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, MODELCOST_CODE_CACHE_OUT: cache } },
);
if (!existsSync(cache)) throw new Error(`bundle: the warm-up run did not write ${cache}`);
