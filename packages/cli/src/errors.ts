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

/** Exit codes of the `modelcost` command. */
export const EXIT = { ok: 0, budgetBreached: 1, inputError: 2 } as const;
