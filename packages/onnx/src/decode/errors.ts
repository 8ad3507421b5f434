/**
 * Typed import errors. Every failure to read an ONNX file is one of these, carrying the file label
 * and, where it applies, the byte offset; the CLI prints `message` and exits 2, never a stack.
 * Each cause has its own class (for `instanceof`) and a `code` (for `switch` and JSON).
 */
import { ModelImportError } from '@modelcost/core';

/** Why an import failed. */
export type OnnxImportErrorCode =
  /** Zero-length input. */
  | 'empty'
  /** A Git LFS pointer file stands where the model should be. */
  | 'lfs-pointer'
  /** The bytes are something else (text, JSON, zip, HDF5, another protobuf...). */
  | 'not-onnx'
  /** A field runs past the end of the file. */
  | 'truncated'
  /** The protobuf is malformed: bad varint, wrong wire type, a length past its parent message. */
  | 'corrupt'
  /** Messages nest deeper than the configured limit. */
  | 'too-deep'
  /** A repeated field holds more entries than the configured limit. */
  | 'too-large'
  /** The byte source returned fewer bytes than asked for. */
  | 'io'
  /** A value file decodes as a different kind than the caller expected. */
  | 'unexpected-kind'
  /** A model-local function calls itself (directly or through others): its cost cannot be known. */
  | 'recursive-function';

/** Base class of all import errors. `message` is complete and meant for people. */
export class OnnxImportError extends ModelImportError {
  override readonly name: string = 'OnnxImportError';
  readonly code: OnnxImportErrorCode;
  /** The file label given by the caller (`options.file`), if any. */
  readonly file: string | undefined;
  /** Absolute byte offset in the input where the problem was found, when it has one. */
  readonly offset: number | undefined;

  constructor(code: OnnxImportErrorCode, message: string, file?: string, offset?: number) {
    super(message);
    this.code = code;
    this.file = file;
    this.offset = offset;
  }
}

/** The file has no bytes (`code` `empty`). */
export class OnnxEmptyFileError extends OnnxImportError {
  override readonly name = 'OnnxEmptyFileError';
  constructor(message: string, file?: string) {
    super('empty', message, file, 0);
  }
}

/** The file is a Git LFS pointer, not the model (`code` `lfs-pointer`): check it out with LFS. */
export class OnnxLfsPointerError extends OnnxImportError {
  override readonly name = 'OnnxLfsPointerError';
  constructor(
    message: string,
    file: string | undefined,
    /** `sha256:...` from the pointer, when present. */
    readonly oid: string | undefined,
    /** Size in bytes of the real file, from the pointer. */
    readonly lfsSize: number | undefined,
  ) {
    super('lfs-pointer', message, file, 0);
  }
}

/** The bytes are not an ONNX ModelProto (`code` `not-onnx`); `detected` says what they look like. */
export class OnnxNotOnnxError extends OnnxImportError {
  override readonly name = 'OnnxNotOnnxError';
  constructor(
    message: string,
    file: string | undefined,
    /** What the bytes look like instead: `json`, `text`, `zip`, `hdf5`, `protobuf`, ... */
    readonly detected: string,
    offset?: number,
  ) {
    super('not-onnx', message, file, offset);
  }
}

/** The file ends inside a field (`code` `truncated`), at byte `offset`. */
export class OnnxTruncatedError extends OnnxImportError {
  override readonly name = 'OnnxTruncatedError';
  constructor(message: string, file: string | undefined, offset: number) {
    super('truncated', message, file, offset);
  }
}

/** A field cannot be decoded (`code` `corrupt`): `where` is the message type, `expected` what was due at `offset`. */
export class OnnxCorruptError extends OnnxImportError {
  override readonly name = 'OnnxCorruptError';
  constructor(
    message: string,
    file: string | undefined,
    offset: number,
    /** The message type being decoded (`NodeProto`). */
    readonly where: string,
    /** What the decoder expected at `offset`. */
    readonly expected: string,
  ) {
    super('corrupt', message, file, offset);
  }
}

/** Messages nest past the decoder's depth limit (`code` `too-deep`). */
export class OnnxTooDeepError extends OnnxImportError {
  override readonly name = 'OnnxTooDeepError';
  constructor(message: string, file: string | undefined, offset: number) {
    super('too-deep', message, file, offset);
  }
}

/** A repeated field or value lists more entries than the decode limits allow (`code` `too-large`). */
export class OnnxTooLargeError extends OnnxImportError {
  override readonly name = 'OnnxTooLargeError';
  constructor(message: string, file: string | undefined, offset: number) {
    super('too-large', message, file, offset);
  }
}

/** Reading the byte source failed (`code` `io`), at byte `offset`. */
export class OnnxIoError extends OnnxImportError {
  override readonly name = 'OnnxIoError';
  constructor(message: string, file: string | undefined, offset: number) {
    super('io', message, file, offset);
  }
}

/** A valid ONNX protobuf of another kind (a TensorProto file where a model was expected...) (`code` `unexpected-kind`). */
export class OnnxUnexpectedKindError extends OnnxImportError {
  override readonly name = 'OnnxUnexpectedKindError';
  constructor(message: string, file: string | undefined) {
    super('unexpected-kind', message, file, 0);
  }
}
