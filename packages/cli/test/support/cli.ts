/**
 * The command line run in-process, as the tests call it: stdout and stderr collected, the real file
 * system, an empty environment (no colour, no CI variables).
 */
import { nodeFs, run } from '../../src/index.js';

/** What a run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Run `modelcost <argv>` in `cwd`. */
export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await run({ argv, cwd, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, fs: nodeFs, env: {} });
  return { code, out, err };
}
