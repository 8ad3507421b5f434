/**
 * The command table: name -> options, help text and handler.
 */
import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io.js';
import { renderOptionHelp, type OptionHelp } from './options.js';
import { calibrateCommand } from './calibrate.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { hardwareCommand } from './hardware.js';
import { prCommand } from './pr.js';
import { profileCommand } from './profile.js';

/** Parsed arguments of one command. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: readonly string[];
}

/** One `modelcost` command. */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly examples: readonly string[];
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** One sentence per option (every key of `options`), for `--help`. */
  readonly optionHelp: Readonly<Record<string, OptionHelp>>;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Every command, by name. */
export const COMMANDS: Record<string, Command> = {
  profile: profileCommand,
  diff: diffCommand,
  check: checkCommand,
  pr: prCommand,
  hardware: hardwareCommand,
  calibrate: calibrateCommand,
};

/** Help for one command, or the overview. */
export function helpText(command?: string): string {
  const cmd = command ? COMMANDS[command] : undefined;
  if (cmd) {
    return `${cmd.summary}\n\nUsage: ${cmd.usage}\n\nOptions:\n${renderOptionHelp(cmd.options, cmd.optionHelp)}\n\nExamples:\n${cmd.examples.map((e) => `  ${e}`).join('\n')}\n`;
  }
  const rows = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
  return `modelcost: what a change to a neural-network model costs, before it merges.\n\nUsage: modelcost <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun modelcost <command> --help for a command's options and examples; modelcost --version (-V) prints the version.\nExit codes: 0 ok, 1 budget breached, 2 usage or input error.\n`;
}
