/**
 * Element types. Names follow numpy / ONNX spelling in lower case (`float32`, `bfloat16`,
 * `float8e4m3fn`, `int4`). Sub-byte types report fractional bytes per element; tensor byte counts
 * round up per tensor (`ceil(n * bits / 8)`), as ONNX packs int4/uint4/float4 two to a byte.
 */
export type DType =
  | 'float32' | 'float16' | 'bfloat16' | 'float64'
  | 'float8e4m3fn' | 'float8e4m3fnuz' | 'float8e5m2' | 'float8e5m2fnuz' | 'float8e8m0' | 'float4e2m1'
  | 'int4' | 'uint4' | 'int2' | 'uint2' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64'
  | 'bool' | 'string' | 'complex64' | 'complex128'
  | 'unknown';

/** Bits per element of each dtype (strings count as 8 bytes: a pointer, since their payload is unknowable from structure). */
export const DTYPE_BITS: Readonly<Record<DType, number>> = {
  float32: 32, float16: 16, bfloat16: 16, float64: 64,
  float8e4m3fn: 8, float8e4m3fnuz: 8, float8e5m2: 8, float8e5m2fnuz: 8, float8e8m0: 8, float4e2m1: 4,
  int4: 4, uint4: 4, int2: 2, uint2: 2, int8: 8, uint8: 8, int16: 16, uint16: 16, int32: 32, uint32: 32, int64: 64, uint64: 64,
  bool: 8, string: 64, complex64: 64, complex128: 128,
  unknown: 32,
};

/** True for floating-point dtypes (including fp8/fp4). */
export function isFloatDType(t: DType): boolean {
  return t.startsWith('float') || t === 'bfloat16';
}

/** True for integer dtypes (quantized graphs use these). */
export function isIntDType(t: DType): boolean {
  return /^u?int\d+$/.test(t);
}
