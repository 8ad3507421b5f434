/**
 * The light half of profiling a model file: format sniffing, the one error type, and
 * {@link profileWith} for a given importer. It imports no importer, so a front end that cares about
 * start-up (the CLI) loads the ONNX or Keras importer only for the files that need it.
 */
import { ModelImportError, ModelOptionsError, type ByteSource, type Convention, type Dim, type Report, type WorkLimits } from '@modelcost/core';

/** Formats recognised from a file's first bytes. */
export type ModelFormat = 'onnx' | 'keras-json' | 'keras-zip';

/**
 * Guess the format from the first bytes: `PK` is a zip (`.keras` archive), `{` or `"` after
 * whitespace/BOM is JSON (Keras / tf.js; a JSON string holding the JSON is a real-world variant),
 * anything else is ONNX (whose own sniffing names what is wrong with a file that is not).
 */
export function sniffFormat(head: Uint8Array): ModelFormat {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'keras-zip';
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b || b === 0x22 ? 'keras-json' : 'onnx';
  }
  return 'onnx';
}

/** Options of {@link profileModel}. */
export interface ProfileModelOptions {
  /** Label naming the model in messages and in the report (usually its repository path). */
  readonly file: string;
  /** Values for symbolic dims; unbound symbols count as 1 with a diagnostic. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Shape overrides for graph inputs by name. */
  readonly inputs?: Readonly<Record<string, readonly Dim[]>>;
  /** Counting convention, default `macs+flops`. */
  readonly convention?: Convention;
  /** Bounds on the work the model may cost (core's DEFAULT_WORK_LIMITS when absent); passing one is a `work-limit` ModelReadError. */
  readonly limits?: WorkLimits;
}

/** Why a model could not be profiled at all. `kind` tells a bad file from an option that does not fit. */
export class ModelReadError extends Error {
  override readonly name = 'ModelReadError';
  constructor(
    /** The file label. */
    readonly file: string,
    /** Machine-readable cause (`lfs-pointer`, `truncated`, `not-onnx`, `bad-option`, ...). */
    readonly code: string,
    /** The cause without the file name (the message is `<file>: <reason>`). */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const stripFile = (message: string, file: string): string => (message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message);

/** An importer's entry point (`profileOnnx`, `profileKeras`). */
export type Importer = (source: ByteSource, options: ProfileModelOptions) => Report;

/**
 * Profile with a given importer, turning its "not a readable model" errors (core's
 * `ModelImportError` and `ModelOptionsError`, which every importer's errors extend, so this module
 * loads no importer) into
 * {@link ModelReadError}. The CLI uses it to load the Keras importer only for Keras files.
 */
export function profileWith(importer: Importer, source: ByteSource, options: ProfileModelOptions): Report {
  try {
    return importer(source, options);
  } catch (e) {
    if (e instanceof ModelOptionsError) throw new ModelReadError(options.file, 'bad-option', e.message);
    if (e instanceof ModelImportError) throw new ModelReadError(options.file, e.code, stripFile(e.message, options.file));
    throw e;
  }
}
