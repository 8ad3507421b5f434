/** ModelProto: the entry point `decodeModel`. */
import type { ByteSource } from './byte-source.js';
import {
  DecodeContext, int32Field, int64Field, int64NumberField, nested, record, stringEntry,
} from './context.js';
import { decodeFunction, decodeGraph, decodeOpset } from './graph.js';
import { DEVICE_CONFIGURATION, MODEL, TRAINING_INFO } from './schema.js';
import { sniffOnnx } from './sniff.js';
import type { OnnxDecodeOptions, OnnxDeviceConfiguration, OnnxFunction, OnnxGraph, OnnxModel, OnnxOpset, OnnxTrainingInfo } from './types.js';

/**
 * Decode an ONNX model from `source`: the whole structure (graph, subgraphs, functions, types,
 * metadata) with weights as layouts. Reads the bytes of structure and of small tensors only;
 * large payloads are stepped over, so memory and I/O do not grow with the weights.
 *
 * Throws an {@link OnnxImportError} subclass for input that is empty, an LFS pointer, not ONNX,
 * truncated, corrupt, nested deeper than `maxDepth`, or holding more than `maxListEntries` entries
 * in one list. Oddities that do not prevent decoding land in `warnings`.
 */
export function decodeModel(source: ByteSource, options: OnnxDecodeOptions = {}): OnnxModel {
  sniffOnnx(source, options);
  const c = new DecodeContext(source, options);
  return decodeModelProto(c, source.size);
}

function decodeModelProto(c: DecodeContext, end: number): OnnxModel {
  const r = c.r;
  const depth = 1;
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  let domain = '';
  let modelVersion: number | bigint = 0;
  let docString = '';
  let graph: OnnxGraph | undefined;
  const opsets: OnnxOpset[] = [];
  const metadata = record<string>();
  const trainingInfo: OnnxTrainingInfo[] = [];
  const functions: OnnxFunction[] = [];
  const deviceConfigurations: OnnxDeviceConfiguration[] = [];
  let last = 0;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(MODEL);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    switch (f) {
      case 1:
        irVersion = int64NumberField(c, wt, MODEL, 1, last);
        break;
      case 2:
        producerName = r.stringField(wt, end, MODEL, 2, last);
        break;
      case 3:
        producerVersion = r.stringField(wt, end, MODEL, 3, last);
        break;
      case 4:
        domain = r.stringField(wt, end, MODEL, 4, last);
        break;
      case 5:
        modelVersion = int64Field(c, wt, MODEL, 5, last);
        break;
      case 6:
        docString = r.stringField(wt, end, MODEL, 6, last);
        break;
      case 7:
        graph = nested(c, wt, end, MODEL, 7, last, depth, decodeGraph);
        break;
      case 8:
        opsets.push(nested(c, wt, end, MODEL, 8, last, depth, decodeOpset));
        break;
      case 14:
        stringEntry(c, wt, end, MODEL, 14, last, depth, metadata);
        break;
      case 20:
        trainingInfo.push(nested(c, wt, end, MODEL, 20, last, depth, decodeTrainingInfo));
        break;
      case 25:
        functions.push(nested(c, wt, end, MODEL, 25, last, depth, decodeFunction));
        break;
      case 26:
        deviceConfigurations.push(nested(c, wt, end, MODEL, 26, last, depth, decodeDeviceConfiguration));
        break;
      default:
        r.skipField(wt, f, end, MODEL, last, depth);
    }
  }
  r.endMessage(end, MODEL, last);
  return {
    irVersion,
    opsets,
    producer: { name: producerName, version: producerVersion },
    domain,
    modelVersion,
    docString,
    // sniffOnnx guarantees a graph field; an empty one decodes to an empty graph.
    graph: graph ?? emptyGraph(),
    functions,
    metadata,
    trainingInfo,
    deviceConfigurations,
    warnings: c.warnings,
    sizeBytes: r.size,
  };
}

function emptyGraph(): OnnxGraph {
  return {
    name: '', docString: '', nodes: [], initializers: [], sparseInitializers: [], inputs: [], outputs: [], valueInfo: [],
    quantizationAnnotations: [], metadata: record<string>(),
  };
}

function decodeTrainingInfo(c: DecodeContext, end: number, depth: number): OnnxTrainingInfo {
  const r = c.r;
  let initialization: OnnxGraph | undefined;
  let algorithm: OnnxGraph | undefined;
  const initializationBinding = record<string>();
  const updateBinding = record<string>();
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(TRAINING_INFO);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) initialization = nested(c, wt, end, TRAINING_INFO, 1, last, depth, decodeGraph);
    else if (f === 2) algorithm = nested(c, wt, end, TRAINING_INFO, 2, last, depth, decodeGraph);
    else if (f === 3) stringEntry(c, wt, end, TRAINING_INFO, 3, last, depth, initializationBinding);
    else if (f === 4) stringEntry(c, wt, end, TRAINING_INFO, 4, last, depth, updateBinding);
    else r.skipField(wt, f, end, TRAINING_INFO, last, depth);
  }
  r.endMessage(end, TRAINING_INFO, last);
  return { initialization, algorithm, initializationBinding, updateBinding };
}

function decodeDeviceConfiguration(c: DecodeContext, end: number, depth: number): OnnxDeviceConfiguration {
  const r = c.r;
  let name = '';
  let numDevices = 0;
  const devices: string[] = [];
  let last = r.pos;
  while (r.pos < end) {
    last = r.pos;
    const tag = r.tag(DEVICE_CONFIGURATION);
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f === 1) name = r.stringField(wt, end, DEVICE_CONFIGURATION, 1, last);
    else if (f === 2) numDevices = int32Field(c, wt, DEVICE_CONFIGURATION, 2, last);
    else if (f === 3) devices.push(r.stringField(wt, end, DEVICE_CONFIGURATION, 3, last));
    else r.skipField(wt, f, end, DEVICE_CONFIGURATION, last, depth);
  }
  r.endMessage(end, DEVICE_CONFIGURATION, last);
  return { name, numDevices, devices };
}
