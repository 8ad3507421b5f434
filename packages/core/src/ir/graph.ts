/**
 * The intermediate representation every importer produces and every analysis reads.
 * Weights carry their layout only (`{dims, dtype, byteLength, location}`), never their bytes; small
 * integer tensors that shape computation needs may carry decoded `values`.
 */
import type { DType } from './dtype.js';
import type { Shape } from '../symbolic/dim.js';

/** Where a weight's bytes live. modelcost never reads them for cost. */
export type WeightLocation =
  | { readonly kind: 'inline'; readonly offset: number; readonly length: number }
  | { readonly kind: 'external'; readonly file: string; readonly offset: number; readonly length: number }
  | { readonly kind: 'attribute' }
  | { readonly kind: 'keras'; readonly path: string }
  | { readonly kind: 'none' };

/** A weight (initializer, Constant tensor, Keras layer variable): layout only. */
export interface Weight {
  readonly name: string;
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly byteLength: number;
  readonly location: WeightLocation;
  /** False for non-trainable variables such as BatchNorm moving statistics; undefined when the format does not say. */
  readonly trainable?: boolean;
  /** Decoded values of a small integer/float tensor when shape computation needs them (Reshape shapes, Slice starts). */
  readonly values?: readonly (number | bigint)[];
}

/** A tensor value flowing along an edge. `shape` undefined means the rank itself is unknown. */
export interface Value {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: Shape | undefined;
}

/** An operator application. Attributes are importer-specific (ONNX AttributeProto values, Keras layer config). */
export interface Node<A = unknown> {
  readonly name: string;
  /** Exact op type (`Conv`, `MatMul`) or Keras class name (`Conv2D`). */
  readonly op: string;
  /** `ai.onnx` for the default ONNX domain, `com.microsoft`, `ai.onnx.ml`, `keras`. */
  readonly domain: string;
  readonly attributes: A;
  /** Input value names; `''` marks an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Name of the framework layer this node came from, when known. */
  readonly layer?: string;
  /** Nested graphs keyed by attribute name (If `then_branch`, Loop `body`). */
  readonly subgraphs?: Readonly<Record<string, Graph<A>>>;
}

/** A (sub)graph. `values` holds declared type info (graph inputs, outputs, value_info). */
export interface Graph<A = unknown> {
  readonly name: string;
  readonly inputs: readonly Value[];
  readonly outputs: readonly Value[];
  readonly nodes: readonly Node<A>[];
  readonly weights: ReadonlyMap<string, Weight>;
  readonly valueInfo: ReadonlyMap<string, Value>;
}
