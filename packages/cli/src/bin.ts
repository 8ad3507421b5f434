#!/usr/bin/env node
/** The `modelcost` executable: runs the CLI against the real process. */
import { fdSink, nodeFs } from './io.js';
import { run } from './run.js';

// No top-level await: the bundle is CommonJS (scripts/bundle.mjs).
void run({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: fdSink(1), stderr: fdSink(2, 'drop'), fs: nodeFs, env: process.env }).then((code) => {
  process.exitCode = code;
});
