/**
 * What every importer throws at its boundary, so front ends tell "not a readable model" from a bug
 * without loading (or knowing) the importer that threw it.
 */

/** The bytes are not a readable model. Subclasses: `OnnxImportError`, `KerasImportError`. */
export abstract class ModelImportError extends Error {
  /** Machine-readable cause (`truncated`, `lfs-pointer`, `invalid-json`, ...). */
  abstract readonly code: string;
  /** The file label the caller gave, if any. */
  abstract readonly file: string | undefined;
}

/** An option does not fit the model (an `--input` naming no input). Subclass: `OnnxOptionsError`. */
export abstract class ModelOptionsError extends Error {}
