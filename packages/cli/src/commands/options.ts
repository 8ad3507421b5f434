/**
 * What each option means, for `modelcost <command> --help`: one sentence per option, kept beside the
 * parser's table of each command (a test fails when an option has no sentence).
 */

/** Help for one option: the value it takes (none for a flag) and what it does. */
export interface OptionHelp {
  readonly arg?: string;
  readonly text: string;
}

/** The options profile, diff, check and calibrate share, worded once. */
export const SHARED_HELP = {
  dim: { arg: 'name=n', text: 'Bind a symbolic dimension to a number, e.g. --dim seq=128 (repeatable); an unbound one takes a default and a diagnostic says which.' },
  input: { arg: 'name=shape', text: "Set a graph input's shape, e.g. --input pixel_values=1x3x224x224; a dim may be a name (ids=batchx128); repeatable." },
  convention: { arg: 'macs+flops|exact', text: 'How FLOPs are counted: macs+flops (default: 2 x MACs plus per-element ops) or exact (n products need n-1 additions); see docs/cost-conventions.md.' },
  hardware: { arg: 'id,./file.json', text: 'Estimate latency on these hardware profiles, comma separated: preset ids (`modelcost hardware list`) and JSON files of your own profiles.' },
  precision: { arg: 'fp32|fp16|bf16|int8', text: "Estimate latency as if the model ran at this precision (default: the model's own dtypes)." },
  runtime: { arg: 'id|hw=id,...', text: 'The runtime of the latency estimates, for every hardware or per hardware id (default: each device\'s usual one; `modelcost hardware runtimes` lists them).' },
  'throughput-batch': { arg: 'n', text: 'Batch of the throughput figure (default: the best batch that fits in device memory).' },
  depth: { arg: 'N', text: 'How deep the module tree goes in the table (0 hides it); with profile --csv, one row per module to that depth.' },
  config: { arg: 'path', text: 'The modelcost config to read (default: .modelcost.yml in the working directory).' },
  help: { text: "Print this command's options and examples." },
} as const satisfies Record<string, OptionHelp>;

/** Help of the options that say how a model is read and estimated (profile and diff take them all). */
export const MODEL_OPTION_HELP = {
  dim: SHARED_HELP.dim,
  input: SHARED_HELP.input,
  convention: SHARED_HELP.convention,
  hardware: SHARED_HELP.hardware,
  precision: SHARED_HELP.precision,
  runtime: SHARED_HELP.runtime,
  'throughput-batch': SHARED_HELP['throughput-batch'],
} as const satisfies Record<string, OptionHelp>;

/** The help text of a command's options, one per line, aligned. */
export function renderOptionHelp(options: Readonly<Record<string, { readonly short?: string }>>, help: Readonly<Record<string, OptionHelp>>): string {
  const heads = Object.keys(options).map((name) => {
    const h = help[name];
    const short = options[name]!.short ? `-${options[name]!.short}, ` : '';
    return [`${short}--${name}${h?.arg ? ` <${h.arg}>` : ''}`, h?.text ?? ''] as const;
  });
  const width = Math.min(34, Math.max(...heads.map(([head]) => head.length)));
  return heads.map(([head, text]) => (head.length > width ? `  ${head}\n  ${''.padEnd(width)}  ${text}` : `  ${head.padEnd(width)}  ${text}`)).join('\n');
}
