/**
 * Errors thrown at the importer's boundary. Problems inside a readable model are diagnostics, not errors.
 */
import { ModelImportError } from '@modelcost/core';

/** Why a file could not be read as a Keras model. */
export type KerasImportErrorCode =
  | 'empty'
  | 'invalid-json'
  | 'not-keras'
  | 'zip-damaged'
  | 'zip-no-config'
  | 'zip-too-large'
  | 'zip-unsupported'
  | 'io'
  | 'bad-config'
  | 'bad-option'
  | 'hdf5-damaged'
  | 'hdf5-unsupported'
  | 'weights-only';

/** The file is not a readable Keras model. `message` is `<file>: <reason>` (see messages.ts). */
export class KerasImportError extends ModelImportError {
  override readonly name = 'KerasImportError';
  /**
   * @param file label of the file (its path, or `input`)
   * @param code machine-readable reason
   * @param message full message, starting with `<file>: `
   * @param offset byte offset of the problem, when known
   */
  constructor(
    readonly file: string,
    readonly code: KerasImportErrorCode,
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}
