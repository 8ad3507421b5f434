/**
 * Errors that end a CLI command with exit code 2 and a one-line message (never a stack trace).
 */

/** Bad arguments: wrong command, missing file, malformed --dim. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A model or config that cannot be read; names the file. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The reader of stdout (or stderr) went away: `modelcost profile ... | head -1`. Not an error of the
 * command: the CLI stops writing and exits 0 without a message, as `cat` or `git log` piped to `head` do.
 */
export class OutputClosedError extends Error {
  override readonly name = 'OutputClosedError';
  constructor(readonly fd: number) {
    super(`output ${fd} closed by its reader`);
  }
}

/** Exit codes of the `modelcost` command. */
export const EXIT = { ok: 0, budgetBreached: 1, inputError: 2 } as const;
