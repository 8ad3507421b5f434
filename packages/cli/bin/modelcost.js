#!/usr/bin/env node
// Stable entry for the `modelcost` bin: npm links it at install time, before the TypeScript build exists.
import "../dist/bin.js";
