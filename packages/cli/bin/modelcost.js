#!/usr/bin/env node
// Stable entry for the `modelcost` bin: npm links it at install time, before the build exists.
// It loads the bundle the build writes (faster start than the module graph).
import "../dist/bundle/modelcost.mjs";
