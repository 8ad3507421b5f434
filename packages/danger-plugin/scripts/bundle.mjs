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
});
writeFileSync(resolve(root, 'dist/THIRD_PARTY_NOTICES.txt'), thirdPartyNotices([metafile], root, 'dist/index.cjs'));
writeCjsTypes(resolve(root, 'dist'));
