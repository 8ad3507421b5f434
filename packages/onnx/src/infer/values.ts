/**
 * What shape inference knows about each value in an ONNX graph: tensors with dtype, (symbolic) shape
 * and, for small tensors, their contents (`data`) so that the integer sub-graphs exporters emit to
 * compute shapes (Shape -> Gather -> Concat -> Reshape) resolve to symbolic shapes.
 */
import type { DType, Dim, Weight } from '@modelcost/core';

/** Contents of a small tensor, flattened row-major: integers as Dim (number or symbolic), floats as number, strings as string. */
export type TensorData = readonly (Dim | string)[];

/** A tensor value. `shape` undefined: rank unknown. */
export interface TensorVal {
  readonly kind: 'tensor';
  readonly dtype: DType;
  readonly shape: readonly Dim[] | undefined;
  /** Known contents (only for small tensors, at most {@link MAX_DATA_ELEMENTS}). */
  readonly data?: TensorData;
  /** Set when the value is a weight (initializer or Constant): cost counts it as params when consumed as data. */
  readonly weight?: Weight;
}

/** A sequence value (SequenceConstruct, SplitToSequence). `items` when each element is known. */
export interface SequenceVal {
  readonly kind: 'sequence';
  readonly elem: Val | undefined;
  readonly items?: readonly Val[];
}

/** A map value (ai.onnx.ml ZipMap, DictVectorizer input). */
export interface MapVal {
  readonly kind: 'map';
  readonly keyType: DType;
  readonly value: Val | undefined;
}

/** An optional value (Optional, OptionalGetElement). `elem` undefined when the optional is empty or unknown. */
export interface OptionalVal {
  readonly kind: 'optional';
  readonly elem: Val | undefined;
}

/** Any value that flows along an ONNX edge. */
export type Val = TensorVal | SequenceVal | MapVal | OptionalVal;

/** Tensors with more elements than this keep no `data` (shape computations are tiny). */
export const MAX_DATA_ELEMENTS = 65_536;

/** A tensor value. Drops `data` when the shape is not concrete or the tensor is large. */
export function tensorVal(dtype: DType, shape: readonly Dim[] | undefined, data?: TensorData, weight?: Weight): TensorVal {
  const keep = data !== undefined && data.length <= MAX_DATA_ELEMENTS;
  const v: { kind: 'tensor'; dtype: DType; shape: readonly Dim[] | undefined; data?: TensorData; weight?: Weight } = { kind: 'tensor', dtype, shape };
  if (keep) v.data = data;
  if (weight) v.weight = weight;
  return v;
}

/** True when the value is a tensor. */
export function isTensor(v: Val | undefined): v is TensorVal {
  return v !== undefined && v.kind === 'tensor';
}

/** Printable type of a value, for diagnostics: `float32[batch, 3, 224, 224]`, `seq(float32[?])`. */
export function valToString(v: Val | undefined): string {
  if (!v) return 'missing';
  switch (v.kind) {
    case 'tensor':
      return `${v.dtype}${v.shape ? `[${v.shape.map((d) => (typeof d === 'number' ? String(d) : d.key)).join(', ')}]` : '[?]'}`;
    case 'sequence':
      return `seq(${valToString(v.elem)})`;
    case 'map':
      return `map(${v.keyType}, ${valToString(v.value)})`;
    case 'optional':
      return `optional(${valToString(v.elem)})`;
  }
}
