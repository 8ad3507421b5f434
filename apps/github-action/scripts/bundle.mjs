/**
 * Bundle the Action into the committed files action.yml runs: dist/index.js (the Action) and
 * dist/profile-worker.js (the worker thread each model is profiled in, found beside index.js).
 * `--check` rebuilds in memory and exits 1 when a committed file is stale.
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// The worker script of @modelcost/report's isolated profiler (its built ESM entry).
const worker = resolve(dirname(require.resolve('@modelcost/report/package.json')), 'dist/profile-worker.js');
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  legalComments: 'none',
  absWorkingDir: root,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};
const outputs = [
  ['dist/index.js', (await build({ ...common, entryPoints: [resolve(root, 'lib/main.js')] })).outputFiles[0].text],
  ['dist/profile-worker.js', (await build({ ...common, entryPoints: [worker] })).outputFiles[0].text],
];
if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, text]) => !existsSync(resolve(root, file)) || readFileSync(resolve(root, file), 'utf8') !== text).map(([file]) => file);
  if (stale.length) {
    console.error(`apps/github-action/${stale.join(' and ')} stale: run npx nx run @modelcost/github-action:bundle and commit it`);
    process.exit(1);
  }
  console.log('dist/index.js is up to date');
} else {
  mkdirSync(resolve(root, 'dist'), { recursive: true });
  for (const [file, text] of outputs) writeFileSync(resolve(root, file), text);
  writeFileSync(resolve(root, 'dist/package.json'), '{ "type": "module" }\n');
}
