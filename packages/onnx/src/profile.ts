/**
 * The public entry points: ONNX bytes in, shapes and costs out.
 */
import type { Convention, Dim } from '@modelcost/core';
import type { ByteSource } from './decode/byte-source.js';
import { decodeModel } from './decode/model.js';
import type { OnnxModel } from './decode/types.js';
import { toModelDef } from './infer/adapt.js';
import { inferModel, type InferResult } from './infer/engine.js';
import type { ModelDef } from './infer/model.js';
import { defaultRules } from './ops/index.js';

/** Options of {@link analyzeOnnx} and `profileOnnx`. */
export interface OnnxProfileOptions {
  /** Label naming the model in messages and in the report (usually its path). */
  readonly file?: string;
  /** Values for symbolic dims (`{ batch: 1, seq: 128 }`); unbound symbols count as 1 with a diagnostic. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Shape overrides for graph inputs (`{ pixel_values: [1, 3, 224, 224] }`). */
  readonly inputs?: Readonly<Record<string, readonly Dim[]>>;
  /** Counting convention, default `macs+flops`. */
  readonly convention?: Convention;
}

/** Everything known about a model after inference. */
export interface OnnxAnalysis {
  /** The decoded file (structure only: weights are layouts). */
  readonly model: OnnxModel;
  /** The model as inference read it. */
  readonly def: ModelDef;
  /** Per-node values, costs and diagnostics. */
  readonly result: InferResult;
}

/**
 * Decode an ONNX model and infer every node's output shapes and cost. Throws `OnnxImportError` for a
 * file that is not a readable ONNX model; problems inside a readable model become diagnostics.
 */
export function analyzeOnnx(source: ByteSource, options: OnnxProfileOptions = {}): OnnxAnalysis {
  const model = decodeModel(source, options.file === undefined ? {} : { file: options.file });
  const def = toModelDef(model);
  const inputShapes = options.inputs ? new Map(Object.entries(options.inputs)) : undefined;
  const result = inferModel(def, defaultRules, {
    ...(inputShapes ? { inputShapes } : {}),
    ...(options.convention ? { convention: options.convention } : {}),
  });
  return { model, def, result };
}
