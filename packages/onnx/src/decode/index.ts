/**
 * The ONNX reading layer: bytes in, a plain decoded structure out (see ./types.ts), weights as
 * layouts. Entry points: {@link sniffOnnx}, {@link decodeModel}, {@link decodeTensorFile},
 * {@link decodeValueFile}.
 */
export { bytesSource, type ByteSource } from './byte-source.js';
export { decodeModel } from './model.js';
export { decodeTensorFile, decodeValueFile, type OnnxValueFileOptions } from './value-file.js';
export { sniffOnnx, type OnnxSniffResult } from './sniff.js';
export { ONNX_DATA_TYPE, onnxDType, onnxDTypeBits, tensorByteLength } from './dtype.js';
export { DEFAULT_DOMAIN, DEFAULT_MAX_FLOAT_VALUE_ELEMENTS, DEFAULT_MAX_VALUE_ELEMENTS } from './context.js';
export { DEFAULT_LIMITS, type DecodeLimits } from './reader.js';
export {
  OnnxImportError,
  OnnxEmptyFileError,
  OnnxLfsPointerError,
  OnnxNotOnnxError,
  OnnxTruncatedError,
  OnnxCorruptError,
  OnnxTooDeepError,
  OnnxTooLargeError,
  OnnxIoError,
  OnnxUnexpectedKindError,
  type OnnxImportErrorCode,
} from './errors.js';
export type * from './types.js';
