/**
 * Errors raised while inferring one node. The engine catches them, records a diagnostic naming the
 * node, op and input, and goes on with the rest of the graph.
 */

/** A node's inputs or attributes do not fit its op's rules. */
export class InferenceError extends Error {
  override readonly name = 'InferenceError';
  constructor(
    message: string,
    /** Index of the offending input, when one is to blame. */
    readonly input?: number,
    /** Diagnostic code. */
    readonly code = 'shape-error',
  ) {
    super(message);
  }
}
