/**
 * @modelcost/onnx: ONNX bytes -> IR. This entry point never touches the file system (it runs in
 * browsers); a file-backed ByteSource lives in `@modelcost/onnx/node`.
 */
export * from './decode/index.js';
export { MESSAGES } from './messages.js';
export { analyzeOnnx, profileOnnx, ONNX_TOOL, OnnxOptionsError, type OnnxAnalysis, type OnnxProfileOptions } from './profile.js';
export { defaultRules, ALL_RULES } from './ops/index.js';
export { inferModel, RuleTable, type EnclosingNode, type InferResult, type InferredNode, type InferOptions } from './infer/engine.js';
export { CLASS_HIERARCHY_KEY, dynamoScope, NAME_SCOPES_KEY, onnxNodeScope, parsePyStrList } from './modules.js';
export type { OpRule, RuleEntry } from './infer/rule.js';
