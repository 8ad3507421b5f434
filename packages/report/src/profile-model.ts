/**
 * One entry point for "profile this model file, whatever its format": sniff the first bytes, hand
 * the source to the importer they call for, and turn every importer's "this is not a readable model"
 * error into one {@link ModelReadError}. The CLI, the review and the Nx executor all profile through
 * here, so a new importer is wired in one place.
 */
import type { ByteSource, Convention, Dim, Report } from '@modelcost/core';
import { KerasImportError, profileKeras } from '@modelcost/keras';
import { OnnxImportError, OnnxOptionsError, profileOnnx } from '@modelcost/onnx';

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

/**
 * Profile a model from its bytes. Throws {@link ModelReadError} when the bytes are not a readable
 * model or an option does not fit it; problems inside a readable model are report diagnostics.
 */
export function profileModel(source: ByteSource, options: ProfileModelOptions): Report {
  const format = sniffFormat(source.read(0, Math.min(64, source.size)));
  const opts = {
    file: options.file,
    ...(options.dims ? { dims: options.dims } : {}),
    ...(options.inputs ? { inputs: options.inputs } : {}),
    ...(options.convention ? { convention: options.convention } : {}),
  };
  try {
    return format === 'onnx' ? profileOnnx(source, opts) : profileKeras(source, opts);
  } catch (e) {
    if (e instanceof KerasImportError) throw new ModelReadError(options.file, e.code, stripFile(e.message, options.file));
    if (e instanceof OnnxOptionsError) throw new ModelReadError(options.file, 'bad-option', e.message);
    if (e instanceof OnnxImportError) throw new ModelReadError(options.file, e.code, stripFile(e.message, options.file));
    throw e;
  }
}
