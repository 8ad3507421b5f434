/**
 * Tiny in-code graph builders for inference tests (no protobuf: the engine reads ModelDef directly).
 */
import type { DType, Weight } from '@modelcost/core';
import type { Attr, GraphDef, ModelDef, NodeDef, TypeInfo } from '../../src/infer/model.js';

/** A tensor type with dims given as numbers, dim_param strings or null. */
export function tt(elemType: DType, shape?: (number | string | null)[]): TypeInfo {
  return { kind: 'tensor', elemType, shape };
}

/** An int64 initializer with values (a shape operand). */
export function ints(name: string, values: number[], dims: number[] = [values.length]): Weight {
  return { name, dtype: 'int64', dims, byteLength: values.length * 8, location: { kind: 'none' }, values };
}

/** A float weight (layout only). */
export function weight(name: string, dims: number[], dtype: DType = 'float32'): Weight {
  return { name, dtype, dims, byteLength: dims.reduce((a, b) => a * b, 1) * 4, location: { kind: 'none' } };
}

/** Attribute helpers. */
export const a = {
  i: (value: number): Attr => ({ type: 'int', value }),
  is: (value: number[]): Attr => ({ type: 'ints', value }),
  f: (value: number): Attr => ({ type: 'float', value }),
  s: (value: string): Attr => ({ type: 'string', value }),
  g: (value: GraphDef): Attr => ({ type: 'graph', value }),
};

/** A node; name defaults to its first output. */
export function node(opType: string, inputs: string[], outputs: string[], attributes: Record<string, Attr> = {}, domain = ''): NodeDef {
  return { name: outputs[0] ?? opType, opType, domain, inputs, outputs, attributes };
}

/** A graph from parts. */
export function graph(parts: Partial<GraphDef> & { nodes: NodeDef[] }): GraphDef {
  return { name: 'g', inputs: [], outputs: [], valueInfo: [], initializers: [], ...parts };
}

/** A model at the given default-domain opset. */
export function model(g: GraphDef, opset = 17, extra: Partial<ModelDef> = {}): ModelDef {
  return { irVersion: 8, opsets: new Map([['', opset]]), producer: 'test', graph: g, functions: [], ...extra };
}
