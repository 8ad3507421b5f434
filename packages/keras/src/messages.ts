/**
 * Every sentence @modelcost/keras shows a person, in one place: wording is reviewed here, tests
 * compare against these functions' output, and errors elsewhere only pick a message and fill it in.
 *
 * Shape of a message: `<file>: <what is wrong>[: expected X, got Y]. <what to do>`.
 */

/** How a file is named in messages when the caller did not say. */
export const DEFAULT_FILE_LABEL = 'input';

/** The op of each layer node in a params-only report of a weights-only file (no cost rule: unsupported). */
export const WEIGHTS_ONLY_OP = 'weights-only';

/** Largest `config.json` accepted from a `.keras` archive (declared or actual), in bytes: 64 MiB. */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** Up to 8 quoted names, then `...`; `none` for an empty list. */
function list(names: readonly string[]): string {
  return names.length ? `${names.slice(0, 8).map((n) => quote(n, 30)).join(', ')}${names.length > 8 ? ', ...' : ''}` : 'none';
}

/** Quote a short excerpt of untrusted text (control characters escaped, length capped). */
export function quote(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}...` : text;
  return JSON.stringify(cut);
}

const EXPECTED_KEYS =
  'a Keras model config ({"class_name": "Sequential" | "Functional" | "Model", "config": {...}}, from model.to_json()) or a tf.js model.json ({"modelTopology": ...})';

export const MESSAGES = {
  empty: (file: string): string => `${file}: the file is empty (0 bytes), so it holds no Keras model. Check that it was written completely.`,
  invalidJson: (file: string, reason: string, line: number, column: number, offset: number): string =>
    `${file}: invalid JSON at line ${line}, column ${column} (byte ${offset}): ${reason}. Export the model again with model.to_json().`,
  notKerasJson: (file: string, got: string): string =>
    `${file}: not a Keras model config: ${got}; expected ${EXPECTED_KEYS}.`,
  notKerasBinary: (file: string, what: string): string =>
    `${file}: not a Keras model config: ${what}. modelcost reads Keras model JSON (model.to_json()), tf.js model.json, .keras archives and Keras .h5 files.`,
  binary: (): string => 'it is binary data, not JSON text',
  zipNoEocd: (file: string): string =>
    `${file}: truncated or damaged zip archive: no end-of-central-directory record. Fetch or save the .keras file again.`,
  zipTruncated: (file: string, what: string, offset: number, size: number): string =>
    `${file}: truncated or damaged zip archive: ${what} at byte ${offset} lies beyond the end of the file (${size} bytes). Fetch or save the .keras file again.`,
  zipBadSignature: (file: string, what: string, offset: number): string =>
    `${file}: damaged zip archive: no ${what} signature at byte ${offset}. Fetch or save the .keras file again.`,
  zipNoConfig: (file: string, members: readonly string[]): string =>
    `${file}: zip archive without a config.json member, so it is not a .keras model (members: ${members.slice(0, 8).map((m) => quote(m)).join(', ') || 'none'}${members.length > 8 ? ', ...' : ''}).`,
  zipTooLarge: (file: string, declaredOrActual: 'declares' | 'inflates to more than', size: number): string =>
    `${file}: config.json ${declaredOrActual} ${size} bytes, over the ${MAX_CONFIG_BYTES} byte limit; refusing to inflate it (a zip bomb or not a Keras archive).`,
  zipMethod: (file: string, method: number): string =>
    `${file}: config.json uses zip compression method ${method}; only stored (0) and deflate (8) are supported.`,
  zipEncrypted: (file: string): string => `${file}: config.json is encrypted; modelcost cannot read it.`,
  zipInflate: (file: string, reason: string): string => `${file}: config.json is damaged: ${reason}. Fetch or save the .keras file again.`,
  hdf5Damaged: (file: string, reason: string): string => `${file}: truncated or damaged HDF5 file: ${reason}. Fetch or save the .h5 file again.`,
  hdf5Unsupported: (file: string, reason: string): string => `${file}: HDF5 file modelcost cannot read: ${reason}.`,
  hdf5ConfigNotString: (file: string): string =>
    `${file}: the HDF5 attribute model_config is not a single string, so it holds no Keras model config (Keras writes json.dumps(model.get_config()) there).`,
  hdf5NotKeras: (file: string, attrs: readonly string[], groups: readonly string[]): string =>
    `${file}: an HDF5 file, but not a Keras model: its root has no model_config attribute and no Keras weights layout (root attributes: ${list(attrs)}; groups: ${list(groups)}). modelcost reads Keras model.save('m.h5') files (and, with --weights-only-ok, weights files).`,
  weightsOnly: (file: string, layout: 'keras2' | 'keras3'): string =>
    `${file}: the file holds Keras weights (${layout === 'keras2' ? "model.save_weights('w.h5')" : "Keras 3 model.save_weights('m.weights.h5')"}) but no architecture (no model_config), so its shapes and MACs cannot be known. Save the whole model with model.save('m.keras') or model.save('m.h5'), or export model.to_json(); or pass --weights-only-ok for a params-only report from the weight shapes.`,
  io: (file: string, offset: number, length: number, got: number): string =>
    `${file}: read of ${length} bytes at byte ${offset} returned ${got} bytes (I/O error or file changed while reading).`,
  noLayers: (file: string, where: string): string => `${file}: ${where} has no \`layers\` list, so it is not a Keras model config.`,
  badLayer: (file: string, where: string, reason: string): string => `${file}: ${where}: ${reason}.`,
  unknownRef: (file: string, layer: string, ref: string): string =>
    `${file}: layer ${quote(layer)} reads ${ref}, which no layer of the model produces.`,
  cycle: (file: string, layer: string): string => `${file}: layer ${quote(layer)} depends on its own output (a cycle in inbound_nodes).`,
  badInputOption: (file: string, name: string, inputs: readonly string[]): string =>
    `${file}: --input ${name}: the model has no input named ${quote(name)}; its inputs are ${inputs.map((n) => quote(n)).join(', ') || 'none'}.`,

  // Diagnostics (analysis goes on).
  unsupportedLayer: (className: string, name: string): string =>
    `layer ${quote(name)} of class ${className} has no modelcost rule (a Lambda, custom or unknown layer): its output shape and cost are unknown, and layers that depend on it are profiled without shapes.`,
  unknownShape: (name: string): string => `layer ${quote(name)}: an input shape is unknown (it depends on an unsupported layer), so its output shape and cost are unknown.`,
  paramsUnknown: (name: string): string => `layer ${quote(name)}: its weights depend on an unknown input shape, so its params are not counted.`,
  shapeError: (className: string, name: string, reason: string): string => `(${className} ${quote(name)}) ${reason}`,
  unknownActivation: (name: string, activation: string): string =>
    `layer ${quote(name)}: activation ${quote(activation)} has no element cost rule; its flops are not counted.`,
  noInputShape: (name: string): string =>
    `input ${quote(name)} has no shape in the config (a Sequential model built without an input shape); pass --input ${name}=... to profile it.`,
  unknownDType: (name: string, dtype: string): string => `layer ${quote(name)}: dtype ${quote(dtype)} is not known; counted as float32.`,
  weightsOnlyReport: (layers: number): string =>
    `params-only report of a weights file (no architecture): params are the elements of its ${layers} layers' weight datasets (their shapes; no data read). MACs, FLOPs, shapes and activations are unknown, not counted: each layer is a "${WEIGHTS_ONLY_OP}" node without a cost rule, and the trainable split is not known.`,
  nestedReused: (call: string, model: string, first: string): string =>
    `${call}: model ${quote(model)} called again on inputs of the same shapes as ${first}, so its analysis is reused: the call is one node holding the nested model's whole cost (its layers are listed once, under ${first}).`,
} as const;
