// The workspace dogfoods @modelcost/nx (examples/ gets the inferred `modelcost` target) from its own
// build output. Nx loads plugins before it can build anything, so on a fresh clone, before
// packages/nx/dist exists, this shim infers nothing instead of failing every Nx command; once the
// package is built, it is the real plugin. CI builds first, then runs the target with
// NX_CACHE_PROJECT_GRAPH=false so the graph is computed with the built plugin.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../packages/nx/dist/index.js');
const plugin = existsSync(dist) ? await import(pathToFileURL(dist).href) : undefined;
const empty = ['**/project.json', async () => []];

export const name = 'modelcost-dogfood';
export const createNodesV2 = plugin ? plugin.createNodesV2 : empty;
export const createNodes = plugin ? plugin.createNodes : empty;
