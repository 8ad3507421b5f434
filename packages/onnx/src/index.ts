/**
 * @modelcost/onnx: ONNX bytes -> IR. This entry point never touches the file system (it runs in
 * browsers); a file-backed ByteSource lives in `@modelcost/onnx/node`.
 */
export * from './decode/index.js';
export { MESSAGES } from './messages.js';
