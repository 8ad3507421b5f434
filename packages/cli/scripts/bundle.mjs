/**
 * Bundle the CLI into the one copy of its code the package ships (package.json "files"):
 * - dist/bundle/modelcost.cjs: the library (src/index.ts, the package's "." export, for `import` and
 *   `require` alike) plus `main()`, which bin/modelcost.cjs calls to run src/bin.ts. One CommonJS
 *   file, because on Node 20 start-up dominated a small profile: initialising the ES-module loader
 *   (~10 ms for an empty .mjs entry) and resolving ~100 module files cost more than the profile.
 *   Node 22+ also caches its compiled code (bin/modelcost.cjs enables module.enableCompileCache()).
 * - dist/bundle/profile-worker.js: the worker thread `check` and `pr` profile each model in
 *   (@modelcost/report's isolated profiler finds it beside the bundle: new URL('./profile-worker.js',
 *   import.meta.url), which the define below makes the bundle's own URL).
 * - dist/bundle/THIRD_PARTY_NOTICES.txt: the licences of the third-party code both inline.
 * - dist/**\/*.d.cts: the types, as CommonJS declarations (the bundle is CommonJS).
 * No source map: identifiers are kept (not minified) so a stack trace still names functions.
 */
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeCjsTypes } from '../../../tools/release/cjs-types.mjs';
import { CJS_IMPORT_META_URL, ESM_REQUIRE_BANNER, profileWorkerEntry } from '../../../tools/release/profile-worker.mjs';
import { thirdPartyNotices } from '../../../tools/release/third-party-notices.mjs';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'dist/bundle');
rmSync(out, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
};
const cli = await build({
  ...common,
  stdin: {
    resolveDir: resolve(root, 'dist'),
    sourcefile: 'bundle-entry.js',
    // main() evaluates bin.js (src/bin.ts) only when called, so `require('modelcost')` runs nothing.
    contents: "export * from './index.js';\nexport function main() { return import('./bin.js'); }\n",
  },
  outfile: resolve(out, 'modelcost.cjs'),
  format: 'cjs',
  // The sources are ES modules; in one CommonJS file import.meta.url is this file's URL.
  ...CJS_IMPORT_META_URL,
  // Lazy `import()`s become lazy require()s: no ES-module loader in a CommonJS process.
  supported: { 'dynamic-import': false },
});
const worker = await build({
  ...common,
  entryPoints: [profileWorkerEntry(root)],
  outfile: resolve(out, 'profile-worker.js'),
  // ESM: this package is "type": "module", and the worker is loaded by URL.
  format: 'esm',
  banner: ESM_REQUIRE_BANNER,
});
writeFileSync(resolve(out, 'THIRD_PARTY_NOTICES.txt'), thirdPartyNotices([cli.metafile, worker.metafile], root, 'dist/bundle/modelcost.cjs and dist/bundle/profile-worker.js'));
writeCjsTypes(resolve(root, 'dist'), (rel) => rel === 'bundle');
