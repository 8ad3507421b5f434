#!/usr/bin/env node
// Stable entry for the `modelcost` bin (npm links it at install time, before the build exists).
// It runs the one-file bundle with the V8 code cache the build made for it (scripts/bundle.mjs says
// why); when V8 rejects the cache (another Node version, other V8 flags) the source compiles as usual.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, '../dist/bundle/modelcost.cjs');
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  // No cache (a build without it): compile from source.
}
// The hashbang esbuild keeps from src/bin.ts is not JavaScript inside a function wrapper.
const script = new Script(wrap(readFileSync(file, 'utf8').replace(/^#!.*/, '')), {
  filename: file,
  cachedData,
});
if (cachedData && script.cachedDataRejected && process.env.MODELCOST_DEBUG) process.stderr.write('modelcost: V8 rejected the code cache (another Node version or V8 flags); compiled from source\n');
const out = process.env.MODELCOST_CODE_CACHE_OUT;
if (out) process.on('exit', () => writeFileSync(out, script.createCachedData()));
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, createRequire(file), module_, file, join(file, '..'));
