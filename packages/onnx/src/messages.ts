/**
 * Every sentence @modelcost/onnx shows a person, in one place (the size-limit `MESSAGES` pattern):
 * wording is reviewed here, tests compare against these functions' output, and errors elsewhere
 * only pick a message and fill in its values.
 *
 * Shape of a message: `<file>: <what is wrong>[ at byte N][: expected X, got Y]. <what to do>`.
 */
import { groupDigits } from '@modelcost/core';

/** How a file is named in messages when the caller did not say (`decodeModel(src)` without `file`). */
export const DEFAULT_FILE_LABEL = 'input';

const fmtBytes = (n: number): string => {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
};

/** Quote a short excerpt of untrusted text for a message (control characters escaped, length capped). */
export function quote(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}...` : text;
  return JSON.stringify(cut);
}

export const MESSAGES = {
  empty: (file: string): string =>
    `${file}: the file is empty (0 bytes), so it holds no ONNX model. Check that it was written completely, or export it again.`,

  lfsPointer: (file: string, oid: string | undefined, size: number | undefined): string =>
    `${file}: this is a Git LFS pointer, not the model itself` +
    (size !== undefined || oid !== undefined
      ? ` (it stands for ${size !== undefined ? fmtBytes(size) : 'a file'}${oid !== undefined ? ` with oid ${oid.slice(0, 19)}...` : ''})`
      : '') +
    '. Fetch the real file with `git lfs pull` (in CI: check out with `lfs: true`) and run again.',

  /** `what` says what the bytes look like instead, e.g. `it looks like JSON text`. */
  notOnnx: (file: string, what: string): string =>
    `${file}: not an ONNX model: ${what}. modelcost reads ONNX files (a serialized onnx.ModelProto); export the model to ONNX first.`,

  notOnnxJson: (): string =>
    'it is JSON text (a Keras model config or tf.js model.json is read by the Keras importer, not this one)',
  notOnnxText: (start: string): string => `it is text, starting with ${quote(start)}`,
  notOnnxZip: (): string => 'it is a zip archive (a .keras file, a PyTorch .pt/.pth checkpoint or an .npz, not an .onnx model)',
  notOnnxHdf5: (): string => 'it is an HDF5 file (a Keras .h5 model, not an .onnx model)',
  notOnnxPickle: (): string => 'it is a Python pickle (a PyTorch checkpoint, not an .onnx model)',
  notOnnxTflite: (): string => 'it is a TensorFlow Lite flatbuffer (.tflite)',
  notOnnxOrt: (): string => 'it is an ONNX Runtime .ort flatbuffer, not an .onnx protobuf; convert from the original .onnx file',
  notOnnxGguf: (): string => 'it is a GGUF file (llama.cpp weights)',
  notOnnxSafetensors: (): string => 'it is a safetensors weight file (weights only, no graph)',
  notOnnxGzip: (): string => 'it is gzip-compressed; decompress it first',
  notOnnxFirstTag: (offset: number, field: number, wireType: number, expected: string): string =>
    `its first protobuf field (field ${field}, wire type ${wireType}, at byte ${offset}) is not a ModelProto field (expected ${expected})`,
  notOnnxWireType: (offset: number, field: number, wireType: number, expected: string): string =>
    `it is a protobuf message, but not a ModelProto: field ${field} at byte ${offset} has wire type ${wireType} (expected ${expected})`,
  notOnnxNoGraph: (): string => 'it is a protobuf message without a graph (ModelProto field 7): perhaps a TensorProto test-data file or another protobuf format',
  notOnnxBinary: (): string => 'its first bytes are not a protobuf field',

  /** `what`: `a varint`, `a 32-bit float`, `a string of 12 bytes`... */
  truncated: (file: string, offset: number, what: string, size: number): string =>
    `${file}: the file is truncated: ${what} at byte ${offset} runs past its end (byte ${size}). ` +
    'The download or export was probably cut short; fetch or export the model again.',

  /** `field`: `field 7 (graph) of ModelProto`. */
  truncatedField: (file: string, offset: number, field: string, declared: number, remaining: number, size: number): string =>
    `${file}: the file is truncated: ${field} at byte ${offset} declares ${declared} bytes, but only ${remaining} remain (the file ends at byte ${size}). ` +
    'The download or export was probably cut short; fetch or export the model again.',

  corrupt: (file: string, offset: number, where: string, expected: string, got: string): string =>
    `${file}: corrupt protobuf at byte ${offset} in ${where}: expected ${expected}, got ${got}. ` +
    'The file is damaged or is not an ONNX model; fetch or export it again.',

  tooDeep: (file: string, offset: number, limit: number): string =>
    `${file}: messages nest more than ${limit} levels deep at byte ${offset} (subgraphs inside subgraphs). ` +
    'No real model nests this deep; the file is damaged or built to exhaust the reader.',

  tooLarge: (file: string, offset: number, what: string, limit: number): string =>
    `${file}: ${what} at byte ${offset} holds more than ${groupDigits(limit)} entries, over modelcost's limit; ` +
    'the file is damaged or built to exhaust the reader.',

  /** `what`: `a tensor's dims (TensorProto field 1)`, `a tensor type's shape (TensorShapeProto)`. */
  tooManyDims: (file: string, offset: number, what: string, limit: number): string =>
    `${file}: ${what} at byte ${offset} lists more than ${groupDigits(limit)} dims, a rank no real tensor has; ` +
    'the file is damaged or built to exhaust the reader.',

  hugeTensor: (file: string, offset: number, tensor: string, dims: readonly number[]): string =>
    `${file}: tensor ${quote(tensor)} at byte ${offset} has dims [${dims.slice(0, 8).join(', ')}${dims.length > 8 ? ', ...' : ''}], more than 2^53 elements or bytes; ` +
    'no file holds such a tensor: it is damaged or built to exhaust the reader.',

  io: (file: string, offset: number, wanted: number, got: number): string =>
    `${file}: could not read ${wanted} bytes at byte ${offset} (got ${got}); the file changed or shrank while it was being read.`,

  valueKind: (file: string, expected: string, got: string): string =>
    `${file}: expected a serialized ${expected}, but the bytes decode as ${got}.`,

  // Non-fatal decode warnings (collected in OnnxModel.warnings, surfaced as diagnostics later).
  warnDataSize: (tensor: string, field: string, gotBytes: number, dims: readonly number[], dtype: string, wantBytes: number): string =>
    `tensor ${quote(tensor)}: ${field} holds ${gotBytes} bytes, but dims [${dims.join(', ')}] of ${dtype} need ${wantBytes}; its values are not used`,
  warnDataCount: (tensor: string, field: string, got: number, want: number): string =>
    `tensor ${quote(tensor)}: ${field} holds ${got} elements, but its dims need ${want}; its values are not used`,
  warnNegativeDim: (tensor: string, dims: readonly number[]): string =>
    `tensor ${quote(tensor)}: dims [${dims.join(', ')}] contain a negative size; counted as 0 elements`,
  warnDuplicateAttribute: (node: string, attr: string): string =>
    `node ${quote(node)}: attribute ${quote(attr)} appears twice; the last one is used`,
  inputNotFound: (name: string, inputs: readonly string[]): string =>
    `--input ${name}: the model has no input named ${JSON.stringify(name)}; its inputs are ${inputs.map((n) => JSON.stringify(n)).join(', ') || 'none'}`,
  inputBindingConflict: (symbol: string, a: { input: string; value: number }, b: { input: string; value: number }): string =>
    `--input ${a.input} and --input ${b.input} disagree on ${quote(symbol)}: ${a.input} gives ${a.value}, ${b.input} gives ${b.value}; both inputs declare that dim as ${quote(symbol)}, so give them the same size`,
  inputDimConflict: (symbol: string, input: string, value: number, dimValue: number): string =>
    `--input ${input} gives ${quote(symbol)} = ${value}, but --dim ${symbol}=${dimValue}; give one value`,
  warnUnknownDataType: (tensor: string, code: number): string =>
    `tensor ${quote(tensor)}: unknown data_type ${code}; its size is counted as 4 bytes per element`,
} as const;

const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start-group', 'end-group', '32-bit', 'invalid 6', 'invalid 7'];

/**
 * The pieces `corrupt` and `truncated` messages are built from: what the decoder expected and what
 * it found (`expected field 4 (op_type) with wire type 2 (length-delimited), got wire type 0 (varint)`).
 */
export const PARTS = {
  wire: (wt: number): string => `wire type ${wt} (${WIRE_NAMES[wt] ?? 'invalid'})`,
  /** ` (op_type)` when the field is known, else nothing. */
  fieldName: (name: string | undefined): string => (name === undefined ? '' : ` (${name})`),
  fieldWithWire: (field: number, name: string | undefined, wire: string): string => `field ${field}${PARTS.fieldName(name)} with ${wire}`,
  fieldOf: (field: number, name: string | undefined, message: string): string => `field ${field}${PARTS.fieldName(name)} of ${message}`,
  fitInParent: (field: number, name: string | undefined, room: number): string =>
    `field ${field}${PARTS.fieldName(name)} to fit in its parent (at most ${room} bytes)`,
  aLength: (n: number): string => `a length of ${n} bytes`,
  tagNumber: 'a field tag with a field number of at least 1',
  tag: (t: number): string => `tag ${t}`,
  endGroupFor: (field: number): string => `an end-group tag for group field ${field}`,
  endGroupOf: (field: number): string => `the end-group tag of field ${field}`,
  endOfMessage: 'the end of the message',
  validWireType: 'a field with wire type 0, 1, 2, 3 or 5',
  wireOnField: (wt: number, field: number): string => `${PARTS.wire(wt)} on field ${field}`,
  endWithin: (end: number): string => `the field to end within its message (at byte ${end})`,
  runningTo: (pos: number): string => `a field running to byte ${pos}`,
  shortVarint: 'a varint of at most 10 bytes',
  longVarint: 'more than 10 bytes with the continuation bit set',
  packedEnd: (field: number, stop: number): string => `packed field ${field} to end at byte ${stop}`,
  varintRunningTo: (pos: number): string => `a varint running to byte ${pos}`,
  packedFloats: (field: number): string => `packed floats in field ${field} (a multiple of 4 bytes)`,
  bytes: (n: number): string => `${n} bytes`,
  varint: 'a varint',
  float32: 'a 32-bit float',
  float64: 'a 64-bit float',
  fixed: (bits: number): string => `a ${bits}-bit value`,
  string: (n: number): string => `a string of ${n} bytes`,
  tensorData: (n: number): string => `${n} bytes of tensor data`,
  modelFirstField: 'field 1 (ir_version) as a varint, or another ModelProto field',
  tensorDims: "a tensor's dims (TensorProto field 1)",
  sparseDims: "a sparse tensor's dims (SparseTensorProto field 3)",
  shapeDims: "a tensor type's shape (TensorShapeProto)",
  modelField: (field: number, name: string | undefined): string => `ModelProto field ${field}${PARTS.fieldName(name)}`,
} as const;


/** Sentences shape inference shows a person (diagnostics), beside the decoder's above. */
export const INFER_MESSAGES = {
  /** `chain`: the functions from the first call of the recursing one back to it (`local.A -> local.B -> local.A`). */
  recursiveFunction: (op: string, node: string, chain: readonly string[]): string =>
    `(op ${op}, node ${node}) function ${chain[0]} calls itself (${chain.join(' -> ')}): an ONNX function cannot be recursive, ` +
    'so the cost of this model cannot be known; it was not profiled',
  callVariants: (fn: string, max: number): string =>
    `function ${fn} was inferred for ${max} different known inputs (calls fanned out over computed values): later calls are inferred from their inputs' shapes alone, and what their known contents would have decided is unknown`,
  loopSizeUnknown: (sizes: string): string =>
    `a loop-carried size changes with every iteration (${sizes}) in a way not summed exactly: after the loop it is unknown, and the body's costs are those of the first iteration times the trip count`,
} as const;
