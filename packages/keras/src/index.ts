/**
 * @modelcost/keras: Keras 1/2/3 model JSON, tf.js layers `model.json` and `.keras` archives (config
 * only, weights never read) to shapes and costs via @modelcost/core. Pure: takes a ByteSource, no fs.
 */
export { analyzeKeras, profileKeras, readKerasConfig, KERAS_TOOL, type KerasAnalysis, type KerasProfileOptions } from './profile.js';
export { KerasImportError, type KerasImportErrorCode } from './errors.js';
export { MESSAGES, MAX_CONFIG_BYTES } from './messages.js';
export { LAYER_RULES, ruleFor } from './layers/index.js';
export type { LayerRule, LayerCall, WeightSpec, TensorType } from './layers/rule.js';
export type { GraphResult, KerasTensor, KerasWeight, LayerCallResult } from './graph.js';
export type { KerasModelFile, ModelSpec, LayerSpec, CallSpec, TensorRef } from './read/formats.js';
export type { KerasContainer } from './read/json.js';
