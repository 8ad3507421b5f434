/**
 * modelcost (the npm package of the CLI): the `modelcost` command. `run` takes its I/O injected, so it can be embedded and tested in-process.
 */
export { run, VERSION } from './run.js';
export { nodeFs, type CliFs, type CliIO, type FileSource, type TextSink } from './io.js';
export { EXIT, InputError, UsageError } from './errors.js';
export { COMMANDS, helpText, type Command } from './commands/index.js';
export { loadOrt, median, OrtMissingError, timeModel, type OrtModule, type TimingOptions } from './calibrate/ort.js';
