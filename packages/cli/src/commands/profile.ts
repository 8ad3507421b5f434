/**
 * `modelcost profile <model>...`: shapes, params, MACs, FLOPs, memory (and latency per hardware) of
 * each model. A model that cannot be read gets its error and the others are still profiled.
 */
import type { Report } from '@modelcost/core';
import { checkRuntime, warnUnusedDims, parseConvention, parseDepthFlag, parseDimFlags, parseHardwareFlag, parseInputFlags, parsePrecisionFlag, parseRuntimeFlag, parseThroughputBatch } from '../args.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { paint, tintReport } from '../color.js';
import { profileModelFile } from '../models.js';
import { CLI_JSON_VERSION, type FileError } from '../json.js';
import { writeReportJson } from '../report-json.js';
import { renderCsv, renderModuleCsv, renderProfileTable, term } from '@modelcost/report/renderers';
import type { Command } from './index.js';
import { MODEL_OPTION_HELP, SHARED_HELP } from './options.js';

export const profileCommand: Command = {
  summary: 'Profile models: the module tree, per-node shapes, params, MACs, FLOPs, bytes and memory.',
  usage: 'modelcost profile <model>... [--dim k=v]... [--input name=1x3x224x224]... [--convention exact] [--hardware id,./profile.json] [--precision fp16|bf16|int8] [--runtime tensorrt|hw=runtime,...] [--throughput-batch n] [--weights-only-ok] [--depth N] [--per-layer] [--json|--csv]',
  examples: [
    'modelcost profile examples/models/tiny-cnn.onnx',
    'modelcost profile model.onnx --dim batch=1 --dim seq=128 --json',
    'modelcost profile model.onnx --input pixel_values=1x3x224x224 --per-layer',
    'modelcost profile model.onnx --csv > layers.csv',
    'modelcost profile resnet18.onnx --depth 2          # the module tree two levels deep',
    'modelcost profile model.onnx --csv --depth 3 > modules.csv',
    'modelcost profile model.onnx --hardware jetson-orin-nano-8gb,nvidia-t4 --precision fp16',
    'modelcost profile model.onnx --hardware nvidia-l4,rpi5-cpu --precision int8 --runtime nvidia-l4=tensorrt,rpi5-cpu=tflite-xnnpack',
    'modelcost profile model.h5 --dim batch=1                  # Keras model.save(".h5"), .keras, model.to_json(), tf.js model.json',
    'modelcost profile weights.h5 --weights-only-ok            # params from a Keras save_weights file (MACs unknown)',
  ],
  options: {
    dim: { type: 'string', multiple: true },
    input: { type: 'string', multiple: true },
    convention: { type: 'string' },
    hardware: { type: 'string' },
    precision: { type: 'string' },
    runtime: { type: 'string' },
    'throughput-batch': { type: 'string' },
    'per-layer': { type: 'boolean' },
    'weights-only-ok': { type: 'boolean' },
    depth: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  optionHelp: {
    ...MODEL_OPTION_HELP,
    'per-layer': { text: 'Print one row per node (default: totals and the module tree).' },
    'weights-only-ok': { text: 'Accept a Keras save_weights file: a params-only report (MACs unknown) instead of an error.' },
    depth: SHARED_HELP.depth,
    json: { text: 'Print one JSON document: {schemaVersion, reports, errors} (docs/cli-json.md; schema packages/cli/schemas/profile.schema.json).' },
    csv: { text: 'Print CSV: one row per node, or per module with --depth; not with --json.' },
    help: SHARED_HELP.help,
  },
  async run(args, io: CliIO) {
    if (args.positionals.length === 0) throw new UsageError('profile: give at least one model file');
    const opts = {
      dims: parseDimFlags(args.values.dim as string[] | undefined),
      inputs: parseInputFlags(args.values.input as string[] | undefined),
      convention: parseConvention(args.values.convention as string | undefined),
      hardware: await parseHardwareFlag(args.values.hardware as string | undefined, io),
      precision: parsePrecisionFlag(args.values.precision as string | undefined),
      runtime: await parseRuntimeFlag(args.values.runtime as string | undefined),
      throughputBatch: parseThroughputBatch(args.values['throughput-batch'] as string | undefined),
      weightsOnlyOk: args.values['weights-only-ok'] === true,
    };
    await checkRuntime(opts.runtime, opts.hardware);
    // The module tree's depth in the table, and with --csv one row per module to that depth (--json carries the whole tree).
    const depth = parseDepthFlag(args.values.depth as string | undefined);
    const reports: Report[] = [];
    const errors: FileError[] = [];
    for (const file of args.positionals) {
      try {
        reports.push(await profileModelFile(file, opts, io));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        errors.push({ path: e.file, message: e.message });
        io.stderr.write(`modelcost: ${term(e.file, 300)}: ${term(e.message, 2000)}\n`);
      }
    }
    warnUnusedDims(opts.dims, reports, (line) => io.stderr.write(`${term(line, 600)}\n`));
    if (args.values.json) {
      // One shape for one model or many: a document with a version, the reports, and the files that
      // failed. When no file could be read there is no document (a pipe reading stdout gets nothing,
      // the errors are on stderr and the exit code is 2), never an empty one that looks like a result.
      if (reports.length) writeReportJson({ schemaVersion: CLI_JSON_VERSION, reports, errors }, io.stdout);
    } else if (args.values.csv) {
      // One header, then every model's nodes.
      const csv = (r: Report): string => (depth === undefined ? renderCsv(r) : renderModuleCsv(r, depth));
      reports.forEach((r, i) => io.stdout.write(i === 0 ? csv(r) : csv(r).split('\n').slice(1).join('\n')));
    } else {
      const p = paint(io);
      for (const r of reports) io.stdout.write(tintReport(renderProfileTable(r, { perLayer: args.values['per-layer'] === true, ...(depth !== undefined ? { depth } : {}) }), p));
    }
    return errors.length > 0 ? EXIT.inputError : EXIT.ok;
  },
};
