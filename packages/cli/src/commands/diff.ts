/**
 * `modelcost diff <base> <head>`: what changed between two versions of a model: totals with deltas and
 * the modules and layers that changed most. `--markdown` prints the pull-request comment, `--json` the diff.
 */
import { modelChange, renderComment, renderDiffText, term } from '@modelcost/report/renderers';
import { checkRuntime, warnUnusedDims, parseConvention, parseDepthFlag, parseDimFlags, parseHardwareFlag, parseInputFlags, parsePrecisionFlag, parseRuntimeFlag, parseThroughputBatch } from '../args.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { paint, tintReport } from '../color.js';
import { CLI_JSON_VERSION, jsonText, type DiffJson } from '../json.js';
import { profileModelFile } from '../models.js';
import type { Command } from './index.js';
import { MODEL_OPTION_HELP, SHARED_HELP } from './options.js';

export const diffCommand: Command = {
  summary: 'Compare two versions of a model: totals base -> head, then the modules and the layers that changed most.',
  usage: 'modelcost diff <base-model> <head-model> [--dim k=v]... [--input name=1x3x224x224]... [--convention exact] [--hardware id,...] [--precision fp16] [--runtime tensorrt|hw=runtime,...] [--throughput-batch n] [--depth N] [--markdown|--json]',
  examples: [
    'modelcost diff examples/models/tiny-cnn.onnx examples/pr/tiny-cnn.onnx',
    'modelcost diff old.onnx new.onnx --markdown        # the pull-request comment',
    'modelcost diff old.onnx new.onnx --json --dim seq=128',
    'modelcost diff resnet18.onnx resnet34.onnx --depth 1   # module changes one level deep',
  ],
  options: {
    dim: { type: 'string', multiple: true },
    input: { type: 'string', multiple: true },
    convention: { type: 'string' },
    hardware: { type: 'string' },
    precision: { type: 'string' },
    runtime: { type: 'string' },
    'throughput-batch': { type: 'string' },
    depth: { type: 'string' },
    markdown: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  optionHelp: {
    ...MODEL_OPTION_HELP,
    depth: { arg: 'N', text: 'The deepest module change listed (default 3; --json carries every one).' },
    markdown: { text: 'Print the pull-request comment (GitHub-flavoured markdown); not with --json.' },
    json: { text: 'Print the diff as JSON: {schemaVersion, path, base, status, diff} (docs/cli-json.md; schema packages/cli/schemas/diff.schema.json).' },
    help: SHARED_HELP.help,
  },
  async run(args, io: CliIO) {
    if (args.positionals.length !== 2) throw new UsageError('diff: give exactly two model files, base then head');
    const [basePath, headPath] = args.positionals as [string, string];
    const opts = {
      dims: parseDimFlags(args.values.dim as string[] | undefined),
      inputs: parseInputFlags(args.values.input as string[] | undefined),
      convention: parseConvention(args.values.convention as string | undefined),
      hardware: await parseHardwareFlag(args.values.hardware as string | undefined, io),
      precision: parsePrecisionFlag(args.values.precision as string | undefined),
      runtime: await parseRuntimeFlag(args.values.runtime as string | undefined),
      throughputBatch: parseThroughputBatch(args.values['throughput-batch'] as string | undefined),
    };
    await checkRuntime(opts.runtime, opts.hardware);
    // The deepest module change listed (default 3; --json carries every one).
    const depth = parseDepthFlag(args.values.depth as string | undefined);
    const moduleOpts = depth !== undefined ? { moduleDepth: depth } : {};
    const base = await profileModelFile(basePath, opts, io);
    const head = await profileModelFile(headPath, opts, io);
    warnUnusedDims(opts.dims, [base, head], (line) => io.stderr.write(`${term(line, 600)}\n`));
    const change = modelChange(headPath, base, head);
    if (args.values.json) {
      const doc: DiffJson = { schemaVersion: CLI_JSON_VERSION, path: headPath, base: basePath, status: change.status === 'changed' ? 'changed' : 'unchanged', diff: change.diff! };
      io.stdout.write(jsonText(doc));
    }
    else if (args.values.markdown) io.stdout.write(renderComment([change], moduleOpts));
    else io.stdout.write(tintReport(renderDiffText(change, moduleOpts), paint(io)));
    return EXIT.ok;
  },
};
