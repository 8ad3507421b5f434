/**
 * `modelcost` entry: parse the command line, run one command, map errors to exit codes
 * (0 ok, 1 budget breached, 2 usage or input error) with a one-line message and no stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMANDS, helpText, type Command } from './commands/index.js';
import { EXIT, InputError, OutputClosedError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { term } from '@modelcost/report/renderers';

/** Output formats a command may offer; at most one may be asked for. */
const FORMAT_FLAGS = ['json', 'csv', 'markdown'] as const;

/**
 * Run the CLI with injected I/O; resolves to the exit code. A closed stdout (`| head -1`) ends the
 * command with exit 0 and no message.
 */
export async function run(io: CliIO): Promise<number> {
  try {
    return await runCommand(io);
  } catch (e) {
    if (e instanceof OutputClosedError) return EXIT.ok;
    throw e;
  }
}

async function runCommand(io: CliIO): Promise<number> {
  const [name, ...rest] = io.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText(rest[0]));
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const cmd: Command | undefined = COMMANDS[name];
  if (!cmd) {
    io.stderr.write(`modelcost: unknown command ${JSON.stringify(name)}. Commands: ${Object.keys(COMMANDS).join(', ')}. Try modelcost --help.\n`);
    return EXIT.inputError;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: cmd.options, allowPositionals: true, strict: true } as ParseArgsConfig);
    } catch (e) {
      throw new UsageError(`${name}: ${(e as Error).message.replace(/\. To specify.*$/s, '')}`);
    }
    if ((parsed.values as Record<string, unknown>).help) {
      io.stdout.write(helpText(name));
      return EXIT.ok;
    }
    const formats = FORMAT_FLAGS.filter((f) => (parsed.values as Record<string, unknown>)[f] === true);
    if (formats.length > 1) throw new UsageError(`${name}: ${formats.map((f) => `--${f}`).join(' and ')} cannot be combined: choose one output format`);
    return await cmd.run({ values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals }, io);
  } catch (e) {
    if (e instanceof OutputClosedError) throw e;
    if (e instanceof UsageError) {
      io.stderr.write(`modelcost: ${term(e.message, 600)}\nRun modelcost ${name} --help for usage.\n`);
      return EXIT.inputError;
    }
    if (e instanceof InputError) {
      io.stderr.write(`modelcost: ${term(e.file, 300)}: ${term(e.message, 2000)}\n`);
      return EXIT.inputError;
    }
    const err = e as Error;
    io.stderr.write(`modelcost: internal error: ${term(err.message ?? String(e), 600)}\nThis is a bug in modelcost; please report it with the command you ran.${io.env.MODELCOST_DEBUG ? `\n${err.stack}` : ''}\n`);
    return EXIT.inputError;
  }
}

/** Version of this CLI (kept in step with package.json by the release script). */
export const VERSION = '0.1.0';
