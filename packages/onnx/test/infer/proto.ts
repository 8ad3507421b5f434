/**
 * ONNX files built at test time with onnx-proto (protobufjs), for tests that go through the whole
 * decode -> infer -> report path: hostile files stay a few lines here, never committed bytes.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const FLOAT = 1;
export const INT64 = 7;
export const BOOL = 9;
/** AttributeProto.AttributeType GRAPH. */
const GRAPH = 5;

/** A tensor value_info; dims are numbers or dim_param names. */
export function vi(name: string, elemType: number, dims: (number | string)[]): object {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

/** A node. `attrs` values: numbers (int), number arrays (ints), graphs (objects with `node`). */
export function nd(opType: string, input: string[], output: string[], attrs: Record<string, number | number[] | object> = {}, domain = ''): object {
  const attribute = Object.entries(attrs).map(([name, v]) => {
    if (typeof v === 'number') return { name, type: 2, i: v };
    if (Array.isArray(v)) return { name, type: 7, ints: v };
    return { name, type: GRAPH, g: v };
  });
  return { name: output[0], opType, domain, input, output, attribute };
}

/** An int64 initializer (a scalar when `dims` is []). */
export function int64s(name: string, values: number[], dims: number[] = [values.length]): object {
  return { name, dataType: INT64, dims, int64Data: values };
}

/** A bool scalar initializer. */
export function boolScalar(name: string, value: boolean): object {
  return { name, dataType: BOOL, dims: [], int32Data: [value ? 1 : 0] };
}

/** A float initializer with its values (small tensors only). */
export function floats(name: string, dims: number[], values: number[]): object {
  return { name, dataType: FLOAT, dims, floatData: values };
}

/** A model-local function in domain `local`. */
export function fn(name: string, input: string[], output: string[], node: object[]): object {
  return { name, domain: 'local', input, output, node, opsetImport: [{ domain: '', version: 17 }] };
}

/** Encode a model around `graph` (opset 17, plus domain `local` for functions). */
export function encodeModel(graph: object, functions: object[] = []): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'modelcost-test',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'local', version: 1 },
    ],
    graph,
    functions,
  } as never).finish();
}

/** Protobuf varint bytes. */
export function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** A length-delimited field: tag, length, bytes. */
export function lenField(field: number, bytes: Uint8Array): Uint8Array {
  const head = [...varint((field << 3) | 2), ...varint(bytes.length)];
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head);
  out.set(bytes, head.length);
  return out;
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
