/**
 * The graph shape inference works on: a thin, importer-neutral view of an ONNX model. The decoder's
 * output is adapted to these types in `../import.ts`.
 */
import type { DType, Weight } from '@modelcost/core';

/** A declared type (graph input/output, value_info). Shape entries: number, dim_param string, or null. */
export type TypeInfo =
  | { readonly kind: 'tensor'; readonly elemType: DType; readonly shape: readonly (number | string | null)[] | undefined }
  | { readonly kind: 'sparse_tensor'; readonly elemType: DType; readonly shape: readonly (number | string | null)[] | undefined }
  | { readonly kind: 'sequence'; readonly elem: TypeInfo | undefined }
  | { readonly kind: 'map'; readonly keyType: DType; readonly value: TypeInfo | undefined }
  | { readonly kind: 'optional'; readonly elem: TypeInfo | undefined };

/** A named, typed value. */
export interface ValueInfo {
  readonly name: string;
  readonly type: TypeInfo | undefined;
}

/** A node attribute. Ints are numbers (int64 beyond 2^53 lose precision: they are only ever huge bounds). */
export type Attr =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'tensor'; readonly value: Weight }
  | { readonly type: 'sparse_tensor'; readonly value: Weight }
  | { readonly type: 'graph'; readonly value: GraphDef }
  | { readonly type: 'type'; readonly value: TypeInfo | undefined }
  | { readonly type: 'ints'; readonly value: readonly number[] }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'tensors'; readonly value: readonly Weight[] }
  | { readonly type: 'graphs'; readonly value: readonly GraphDef[] }
  | { readonly type: 'types'; readonly value: readonly (TypeInfo | undefined)[] }
  /** A reference to an attribute of the enclosing function (FunctionProto bodies). */
  | { readonly type: 'ref'; readonly ref: string };

/** A node as decoded. */
export interface NodeDef {
  readonly name: string;
  readonly opType: string;
  /** '' or 'ai.onnx' for the default domain. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, Attr>>;
  /** `metadata_props`, when the node has any (the dynamo exporter's module scopes live there). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A graph as decoded. */
export interface GraphDef {
  readonly name: string;
  readonly nodes: readonly NodeDef[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly valueInfo: readonly ValueInfo[];
  readonly initializers: readonly Weight[];
}

/** A model-local function (FunctionProto). */
export interface FunctionDef {
  readonly name: string;
  readonly domain: string;
  readonly overload?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Declared attribute names, and defaults where `attribute_proto` gives them. */
  readonly attributes: readonly string[];
  readonly attributeDefaults: Readonly<Record<string, Attr>>;
  readonly nodes: readonly NodeDef[];
  readonly opsets: ReadonlyMap<string, number>;
}

/** The model as shape inference sees it. */
export interface ModelDef {
  readonly irVersion: number;
  /** Opset version per domain ('' for ai.onnx). */
  readonly opsets: ReadonlyMap<string, number>;
  readonly producer: string;
  readonly graph: GraphDef;
  readonly functions: readonly FunctionDef[];
}

/** Normalise a domain: '' and 'ai.onnx' are the default domain. */
export function normDomain(d: string | undefined): string {
  return d === undefined || d === 'ai.onnx' ? '' : d;
}
