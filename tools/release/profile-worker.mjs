/**
 * What a bundle that runs @modelcost/report's isolated profiler needs, shared by the CLI's, the Danger
 * plugin's and the Action's bundle scripts. The profiler finds its worker beside the module that holds
 * it (`new URL('./profile-worker.js', import.meta.url)`), so each bundle ships the worker, bundled, next
 * to itself; a CommonJS bundle defines `import.meta.url` as its own file's URL for that lookup.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** The worker's entry: the built ESM `dist/profile-worker.js` of @modelcost/report, resolved from `root` (a package folder). */
export function profileWorkerEntry(root) {
  const require = createRequire(join(root, 'package.json'));
  return resolve(dirname(require.resolve('@modelcost/report/package.json')), 'dist/profile-worker.js');
}

/** An ES-module bundle's banner giving bundled CommonJS code a `require`. */
export const ESM_REQUIRE_BANNER = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };

/** esbuild options of a CommonJS bundle of ES-module sources: `import.meta.url` is the bundle file's URL. */
export const CJS_IMPORT_META_URL = {
  define: { 'import.meta.url': '__modelcost_import_meta_url' },
  banner: { js: "const __modelcost_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};
