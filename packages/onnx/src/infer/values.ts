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
  // One literal per combination: properties added after creation would give each value a chain of shapes.
  if (weight) return keep ? { kind: 'tensor', dtype, shape, data, weight } : { kind: 'tensor', dtype, shape, weight };
  return keep ? { kind: 'tensor', dtype, shape, data } : { kind: 'tensor', dtype, shape };
}

const ids = new WeakMap<object, number>();
let nextId = 0;

/** A number naming an object by identity (a weight, a big data array, a graph), for signatures. */
export function identityId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

/** Known contents longer than this are named by identity in a signature rather than spelled out. */
const SIGNATURE_DATA = 256;

/**
 * A string equal for two values exactly when inference cannot tell them apart: kind, dtype, shape,
 * known contents (`data = false` leaves them out) and which weight it is. Memoised sub-graph and
 * function inference keys on the signatures of what the body sees.
 */
export function valSignature(v: Val | undefined, data = true): string {
  if (!v) return '-';
  switch (v.kind) {
    case 'tensor': {
      let s = `${v.dtype}[${v.shape ? v.shape.map(dimKey).join(',') : '?'}]`;
      if (data && v.data) s += v.data.length <= SIGNATURE_DATA ? `=${v.data.map(dataKey).join(',')}` : `=#${identityId(v.data)}`;
      if (v.weight) s += `@${identityId(v.weight)}`;
      return s;
    }
    case 'sequence':
      return `seq(${valSignature(v.elem, data)})${v.items ? `{${v.items.map((x) => valSignature(x, data)).join(';')}}` : ''}`;
    case 'optional':
      return `opt(${valSignature(v.elem, data)})`;
    case 'map':
      return `map(${v.keyType},${valSignature(v.value, data)})`;
  }
}

function dimKey(d: Dim): string {
  return typeof d === 'number' ? String(d) : d.key;
}

function dataKey(x: Dim | string): string {
  return typeof x === 'string' ? JSON.stringify(x) : typeof x === 'number' ? String(x) : `(${x.key})`;
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
