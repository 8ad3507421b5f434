#!/usr/bin/env node
// The `modelcost` bin: a stable file for npm to link at install time (before a build exists), which
// runs the one-file CommonJS bundle (scripts/bundle.mjs says why one file). On Node 22.1+,
// module.enableCompileCache() keeps V8's compiled code on disk (NODE_COMPILE_CACHE, default a
// directory under the OS temp dir) so later runs skip compiling; Node 20 has no such API and
// compiles the bundle each run (lazily: only the functions a command calls).
'use strict';
require('node:module').enableCompileCache?.();
require('../dist/bundle/modelcost.cjs').main();
