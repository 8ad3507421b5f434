/**
 * The HDF5 readers considered for Keras `.h5` files, measured on the job modelcost gives them: read
 * the root attribute `model_config` of a Keras model file (the rest of the file is weights, which
 * are never needed). Each measurement runs in a fresh Node process; printed: install size, time to
 * load the library (and, for h5wasm, to instantiate its WebAssembly), time to read model_config,
 * and the process's peak RSS.
 *
 * Run: cd tools/bench/keras/readers && npm ci && node compare.mjs [a.h5 ...]
 * (modelcost's reader needs the workspace built: npx nx run-many -t build --projects=@modelcost/keras,@modelcost/onnx).
 * Default files: the small fixture and a 580 MB model written by tools/fixtures/keras_h5.py --big.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const SMALL = join(root, 'packages/keras/test/fixtures/h5/astronomy_keras2.12_model.h5');
const BIG = join(process.env.TMPDIR ?? '/tmp', 'modelcost-bench-big.h5');

function duBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? duBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

/** One reader's script, run with `node --input-type=module -e`; prints JSON {loadMs, readMs, length}. */
const READERS = {
  jsfive: `
    const t0 = performance.now();
    const hdf5 = await import(${JSON.stringify(join(here, 'node_modules/jsfive/dist/esm/index.mjs'))});
    const { readFileSync } = await import('node:fs');
    const t1 = performance.now();
    const b = readFileSync(process.argv[1]);
    const f = new hdf5.File(b.buffer.slice(b.byteOffset, b.byteOffset + b.length), 'm.h5');
    const cfg = f.attrs['model_config'];
    const t2 = performance.now();
    console.log(JSON.stringify({ loadMs: t1 - t0, readMs: t2 - t1, length: String(cfg).length }));`,
  h5wasm: `
    const t0 = performance.now();
    const h5wasm = (await import(${JSON.stringify(join(here, 'node_modules/h5wasm/dist/node/hdf5_hl.js'))})).default ?? (await import(${JSON.stringify(join(here, 'node_modules/h5wasm/dist/node/hdf5_hl.js'))}));
    await h5wasm.ready;
    const t1 = performance.now();
    const f = new h5wasm.File(process.argv[1], 'r');
    const cfg = f.get_attribute('model_config', true);
    f.close();
    const t2 = performance.now();
    console.log(JSON.stringify({ loadMs: t1 - t0, readMs: t2 - t1, length: String(cfg).length }));`,
  modelcost: `
    const t0 = performance.now();
    const { readKerasConfig } = await import(${JSON.stringify(join(root, 'packages/keras/dist/index.js'))});
    const { openFileSource } = await import(${JSON.stringify(join(root, 'packages/onnx/dist/node/file-source.js'))});
    const t1 = performance.now();
    const src = openFileSource(process.argv[1]);
    const cfg = readKerasConfig(src, 'm.h5');
    src.close();
    const t2 = performance.now();
    console.log(JSON.stringify({ loadMs: t1 - t0, readMs: t2 - t1, length: JSON.stringify(cfg.model_config).length }));`,
};

/** Run one reader in a fresh process: its JSON line, and its peak RSS from /usr/bin/time. */
function measure(name, file) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--input-type=module', '-e', READERS[name], file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const kb = Number(r.stderr.trim().split('\n').pop());
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line) return { error: (r.stderr.split('\n').find((l) => /Error|error/.test(l)) ?? `exit ${r.status}`).trim().slice(0, 140), rss: Math.round(kb / 1024) };
  return { ...JSON.parse(line), rss: Math.round(kb / 1024) };
}

const files = process.argv.slice(2);
if (!files.length) {
  if (!existsSync(BIG)) execFileSync('/usr/bin/python3', [join(root, 'tools/fixtures/keras_h5.py'), '--big', BIG], { stdio: 'inherit' });
  files.push(SMALL, BIG);
}
const sizes = {
  jsfive: duBytes(join(here, 'node_modules/jsfive')) + duBytes(join(here, 'node_modules/pako')),
  h5wasm: duBytes(join(here, 'node_modules/h5wasm')),
  modelcost: duBytes(join(root, 'packages/keras/dist/read/hdf5')) + statSync(join(root, 'packages/keras/dist/read/keras-h5.js')).size,
};
for (const [name, bytes] of Object.entries(sizes)) console.log(`${name.padEnd(10)} install ${(bytes / 1e6).toFixed(2)} MB`);
for (const file of files) {
  console.log(`\n${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);
  for (const name of Object.keys(READERS)) {
    const r = measure(name, file);
    console.log(
      r.error
        ? `  ${name.padEnd(10)} failed (peak RSS ${r.rss} MB): ${r.error}`
        : `  ${name.padEnd(10)} load ${r.loadMs.toFixed(0).padStart(4)} ms  read model_config ${r.readMs.toFixed(0).padStart(5)} ms  (${r.length} chars)  peak RSS ${r.rss} MB`,
    );
  }
}
