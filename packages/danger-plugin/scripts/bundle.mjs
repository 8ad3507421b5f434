/**
 * A CommonJS bundle (dist/index.cjs) beside the ESM build, for the package's `require` condition:
 * Danger loads Dangerfiles through require(). Beside it: dist/index.d.cts, its types as CommonJS
 * declarations (dist/index.d.ts is ESM in this "type": "module" package, so typing the .cjs with it
 * would masquerade as ESM), and THIRD_PARTY_NOTICES.txt for the third-party code it inlines.
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeCjsTypes } from '../../../tools/release/cjs-types.mjs';
import { CJS_IMPORT_META_URL, ESM_REQUIRE_BANNER, profileWorkerEntry } from '../../../tools/release/profile-worker.mjs';
import { thirdPartyNotices } from '../../../tools/release/third-party-notices.mjs';

const root = resolve(import.meta.dirname, '..');
const { metafile } = await build({
  entryPoints: [resolve(root, 'dist/index.js')],
  outfile: resolve(root, 'dist/index.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
  // The review's isolated profiler finds its worker beside the bundle (dist/profile-worker.js, below)
  // and profiles each model in a worker thread with its own heap limit, as under the ESM entry.
  ...CJS_IMPORT_META_URL,
});
// The worker script of @modelcost/report's isolated profiler, bundled (ESM: this package is "type": "module").
const worker = await build({
  entryPoints: [profileWorkerEntry(root)],
  outfile: resolve(root, 'dist/profile-worker.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
  banner: ESM_REQUIRE_BANNER,
});
writeFileSync(resolve(root, 'dist/THIRD_PARTY_NOTICES.txt'), thirdPartyNotices([metafile, worker.metafile], root, 'dist/index.cjs and dist/profile-worker.js'));
writeCjsTypes(resolve(root, 'dist'));
