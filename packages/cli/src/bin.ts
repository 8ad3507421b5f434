#!/usr/bin/env node
/** The `modelcost` executable: runs the CLI against the real process. */
import { nodeFs } from './io.js';
import { run } from './run.js';

process.exitCode = await run({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, fs: nodeFs, env: process.env });
