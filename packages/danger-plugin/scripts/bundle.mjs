/**
 * A CommonJS bundle (dist/index.cjs) beside the ESM build: Danger loads Dangerfiles through require(),
 * and Node 20 cannot require() an ES module.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
await build({
  entryPoints: [resolve(root, 'dist/index.js')],
  outfile: resolve(root, 'dist/index.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  absWorkingDir: root,
  logLevel: 'warning',
});
