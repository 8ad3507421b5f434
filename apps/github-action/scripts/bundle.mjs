/**
 * Bundle the Action into the committed files action.yml runs: dist/index.js (the Action) and
 * dist/profile-worker.js (the worker thread each model is profiled in, found beside index.js), and
 * dist/THIRD_PARTY_NOTICES.txt, the licences of the third-party packages both inline (legalComments
 * 'none' keeps the bundles small; the notices travel beside them instead, derived from esbuild's metafile).
 * `--check` rebuilds in memory and exits 1 when a committed file is stale.
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESM_REQUIRE_BANNER, profileWorkerEntry } from '../../../tools/release/profile-worker.mjs';
import { thirdPartyNotices } from '../../../tools/release/third-party-notices.mjs';

const root = resolve(import.meta.dirname, '..');
// The worker script of @modelcost/report's isolated profiler (its built ESM entry).
const worker = profileWorkerEntry(root);
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  metafile: true,
  legalComments: 'none',
  absWorkingDir: root,
  logLevel: 'warning',
  banner: ESM_REQUIRE_BANNER,
};
const action = await build({ ...common, entryPoints: [resolve(root, 'lib/main.js')] });
const workerBuild = await build({ ...common, entryPoints: [worker] });
const outputs = [
  ['dist/index.js', action.outputFiles[0].text],
  ['dist/profile-worker.js', workerBuild.outputFiles[0].text],
  ['dist/THIRD_PARTY_NOTICES.txt', thirdPartyNotices([action.metafile, workerBuild.metafile], root, 'dist/index.js and dist/profile-worker.js')],
];
if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, text]) => !existsSync(resolve(root, file)) || readFileSync(resolve(root, file), 'utf8') !== text).map(([file]) => file);
  if (stale.length) {
    console.error(`apps/github-action/${stale.join(' and ')} stale: run npx nx run @modelcost/github-action:bundle and commit it`);
    process.exit(1);
  }
  console.log(`${outputs.map(([f]) => f).join(', ')} up to date`);
} else {
  mkdirSync(resolve(root, 'dist'), { recursive: true });
  for (const [file, text] of outputs) writeFileSync(resolve(root, file), text);
  writeFileSync(resolve(root, 'dist/package.json'), '{ "type": "module" }\n');
}
