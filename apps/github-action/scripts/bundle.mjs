/**
 * Bundle the Action into the single committed file dist/index.js that action.yml runs.
 * `--check` rebuilds in memory and exits 1 when the committed bundle is stale.
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'dist/index.js');
const result = await build({
  entryPoints: [resolve(root, 'lib/main.js')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  legalComments: 'none',
  absWorkingDir: root,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
const text = result.outputFiles[0].text;
if (process.argv.includes('--check')) {
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
    console.error('apps/github-action/dist/index.js is stale: run npx nx run @modelcost/github-action:build and commit it');
    process.exit(1);
  }
  console.log('dist/index.js is up to date');
} else {
  mkdirSync(resolve(root, 'dist'), { recursive: true });
  writeFileSync(out, text);
  writeFileSync(resolve(root, 'dist/package.json'), '{ "type": "module" }\n');
}
