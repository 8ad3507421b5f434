/**
 * The light half of profiling a model file: format sniffing, the one error type, and
 * {@link profileWith} for a given importer. It imports no importer, so a front end that cares about
 * start-up (the CLI) loads the ONNX or Keras importer only for the files that need it.
 */
import type { ByteSource, Convention, Dim, Report } from '@modelcost/core';

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
 * Profile with a given importer, turning its "not a readable model" errors (`OnnxImportError`,
 * `KerasImportError` and their subclasses, `OnnxOptionsError`, recognised by name and code so this
 * module loads no importer) into
 * {@link ModelReadError}. The CLI uses it to load the Keras importer only for Keras files.
 */
export function profileWith(importer: Importer, source: ByteSource, options: ProfileModelOptions): Report {
  const opts = {
    file: options.file,
    ...(options.dims ? { dims: options.dims } : {}),
    ...(options.inputs ? { inputs: options.inputs } : {}),
    ...(options.convention ? { convention: options.convention } : {}),
  };
  try {
    return importer(source, opts);
  } catch (e) {
    const name = (e as Error | undefined)?.name;
    if (name === 'OnnxOptionsError') throw new ModelReadError(options.file, 'bad-option', (e as Error).message);
    // OnnxImportError / KerasImportError and their subclasses (OnnxTruncatedError, OnnxLfsPointerError...) carry a string code.
    const code = (e as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && /^(Onnx|Keras)\w*Error$/.test(name ?? '')) throw new ModelReadError(options.file, code, stripFile((e as Error).message, options.file));
    throw e;
  }
}
