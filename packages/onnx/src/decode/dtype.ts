/**
 * ONNX `TensorProto.DataType` codes (onnx/onnx.proto, IR 13) mapped to core dtype names, with the
 * bits per element that sizes a tensor. Codes this build does not know map to `unknown`.
 */
import type { DType } from '@modelcost/core';

/** `TensorProto.DataType` values. */
export const ONNX_DATA_TYPE = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26,
} as const;

const BY_CODE: readonly DType[] = [
  'unknown', 'float32', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'string', 'bool',
  'float16', 'float64', 'uint32', 'uint64', 'complex64', 'complex128', 'bfloat16',
  'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'uint4', 'int4', 'float4e2m1',
  'float8e8m0', 'uint2', 'int2',
];

/** Bits per element by code; strings count 64 (a pointer), as core's DTYPE_BITS does. */
const BITS_BY_CODE: readonly number[] = [
  32, 32, 8, 8, 16, 16, 32, 64, 64, 8,
  16, 64, 32, 64, 64, 128, 16,
  8, 8, 8, 8, 4, 4, 4,
  8, 2, 2,
];

/** Core dtype of an ONNX data type code (`unknown` for 0 and codes newer than this build). */
export function onnxDType(code: number): DType {
  return BY_CODE[code] ?? 'unknown';
}

/** True when this build knows the code (1..26). */
export function isKnownDataType(code: number): boolean {
  return code >= 1 && code < BY_CODE.length;
}

/** Bits per element of an ONNX data type code (32 for unknown codes, as core counts `unknown`). */
export function onnxDTypeBits(code: number): number {
  return BITS_BY_CODE[code] ?? 32;
}

/**
 * Bytes a tensor of `elements` elements occupies, rounded up per tensor (int4 packs two to a byte).
 * Returns a float when the product exceeds 2^53 (a damaged file); callers flag that.
 */
export function tensorByteLength(code: number, elements: number): number {
  return Math.ceil((elements * onnxDTypeBits(code)) / 8);
}
