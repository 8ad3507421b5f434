/**
 * The public entry points: ONNX bytes in, shapes and costs out.
 */
import {
  buildReport, ModelOptionsError, numElements, Poly, WorkBudget, type AnalyzedNodes, type AnalyzedValue, type Convention, type Dim, type Report, type WorkLimits,
} from '@modelcost/core';
import type { ByteSource } from './decode/byte-source.js';
import { decodeModel } from './decode/model.js';
import type { OnnxDecodeWarning, OnnxModel } from './decode/types.js';
import { toModelDef } from './infer/adapt.js';
import { inferModel, valBytes, type InferredNode, type InferResult } from './infer/engine.js';
import type { Val } from './infer/values.js';
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
  /**
   * Bounds on the work this model may cost (nodes inferred, constant data materialised, nesting,
   * milliseconds); core's `DEFAULT_WORK_LIMITS` where unset. Passing one throws `WorkLimitError`
   * (a `ModelImportError` with code `work-limit`) naming the file and the limit.
   */
  readonly limits?: WorkLimits;
  /** A budget to charge instead of a new `WorkBudget(limits, file)` (one per model; `limits` is then ignored). */
  readonly budget?: WorkBudget;
}

/** An option that does not fit the model (an `--input` naming no graph input). */
export class OnnxOptionsError extends ModelOptionsError {
  override readonly name = 'OnnxOptionsError';
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
 * file that is not a readable ONNX model and `WorkLimitError` for one that costs more work than
 * `options.limits` allow; problems inside a readable model become diagnostics.
 */
export function analyzeOnnx(source: ByteSource, options: OnnxProfileOptions = {}): OnnxAnalysis {
  let def: ModelDef | undefined;
  let model: OnnxModel | undefined;
  const result = decodeAndInfer(source, options, (m, d) => {
    model = m;
    def = d;
  });
  return { model: model!, def: def!, result };
}

/**
 * The work of {@link analyzeOnnx}. `keep` sees the decoded model and its ModelDef; what it does not
 * keep is garbage once inference starts (profileOnnx keeps neither: on a graph of 10^6 nodes they
 * are a few hundred MB the report never reads).
 */
function decodeAndInfer(source: ByteSource, options: OnnxProfileOptions, keep: (model: OnnxModel, def: ModelDef) => void): InferResult {
  // The clock starts before decoding: the time limit covers the whole model.
  const budget = options.budget ?? new WorkBudget(options.limits, options.file);
  const def = decodeDef(source, options, keep);
  const wanted = Object.keys(options.inputs ?? {});
  if (wanted.length) {
    const initializers = new Set(def.graph.initializers.map((w) => w.name));
    const inputNames = def.graph.inputs.map((i) => i.name).filter((n) => !initializers.has(n));
    for (const name of wanted)
      if (!inputNames.includes(name)) throw new OnnxOptionsError(`--input ${name}: the model has no input named ${JSON.stringify(name)}; its inputs are ${inputNames.map((n) => JSON.stringify(n)).join(', ') || 'none'}`);
  }
  const inputShapes = options.inputs ? new Map(Object.entries(options.inputs)) : undefined;
  return inferModel(def, defaultRules, {
    budget,
    ...(inputShapes ? { inputShapes } : {}),
    ...(options.convention ? { convention: options.convention } : {}),
  });
}

/** Decode and adapt, the decoded model held by nothing but `keep` once this returns. */
function decodeDef(source: ByteSource, options: OnnxProfileOptions, keep: (model: OnnxModel, def: ModelDef) => void): ModelDef {
  const model = decodeModel(source, options.file === undefined ? {} : { file: options.file });
  const def = toModelDef(model);
  keep(model, def);
  return def;
}

/** Params of every node plus initializers no node reads. */
function nodeParamSum(result: InferResult): Poly {
  let p = Poly.ZERO;
  for (const n of result.nodes) p = p.add(n.params);
  for (const w of result.unusedParams) p = p.add(numElements(w.dims));
  return p;
}

/** Version written into reports' `tool` field. */
export const ONNX_TOOL = { name: 'modelcost', version: '0.1.0' } as const;

function analyzedValue(name: string, v: Val | undefined): AnalyzedValue {
  if (!v) return { name, dtype: 'unknown', shape: undefined, bytes: Poly.ZERO };
  return { name, dtype: v.kind === 'tensor' ? v.dtype : v.kind, shape: v.kind === 'tensor' ? v.shape : undefined, bytes: valBytes(v) };
}

/** A node's requested outputs as the report sees them. */
function analyzedOutputs(n: InferredNode): AnalyzedValue[] {
  const out: AnalyzedValue[] = [];
  const vals = n.outputValues;
  for (let i = 0; i < n.outputNames.length; i++) if (n.outputNames[i] !== '') out.push(analyzedValue(n.outputNames[i]!, vals[i]));
  return out;
}

/**
 * Profile an ONNX model: decode, infer, cost, and assemble the Report (schemaVersion 2).
 * Throws `OnnxImportError` when the bytes are not a readable ONNX model, `WorkLimitError` when the
 * model costs more work than `options.limits` allow.
 */
export function profileOnnx(source: ByteSource, options: OnnxProfileOptions = {}): Report {
  const opsets: Record<string, number> = {};
  let producer = '';
  let warnings: readonly OnnxDecodeWarning[] = [];
  const result = decodeAndInfer(source, options, (model, def) => {
    for (const [d, v] of def.opsets) opsets[d === '' ? 'ai.onnx' : d] = v;
    producer = def.producer;
    warnings = model.warnings;
  });
  // Each node is made when buildReport asks for it (once, in order), and what it was made from is
  // let go: no second list of 10^6 nodes, and the inferred ones leave as the report nodes arrive.
  const inferred = result.nodes as (InferredNode | undefined)[];
  const params = result.unusedParams.length ? nodeParamSum(result) : undefined;
  const nodes: AnalyzedNodes = {
    length: inferred.length,
    at: (i) => {
      const n = inferred[i]!;
      inferred[i] = undefined;
      return {
        name: n.name,
        op: n.op,
        domain: n.domain === '' ? 'ai.onnx' : n.domain,
        inputs: n.inputNames,
        outputs: analyzedOutputs(n),
        ...(n.cost ? { cost: n.cost } : { params: n.params }),
        ...(n.multiplicity.equals(Poly.ONE) ? {} : { multiplicity: n.multiplicity }),
        ...(n.status === 'ok' ? {} : { status: n.status }),
      };
    },
  };
  const diagnostics = [...result.diagnostics, ...warnings.map((w) => ({ severity: 'warning' as const, code: `decode-${w.code}`, message: w.message }))];
  return buildReport({
    tool: ONNX_TOOL,
    model: { path: options.file ?? '', format: 'onnx', producer, opsets },
    convention: options.convention ?? 'macs+flops',
    dims: options.dims ?? {},
    inputs: result.inputs.map((i) => analyzedValue(i.name, i.value)),
    outputs: result.outputs.map((o) => analyzedValue(o.name, o.value)),
    nodes,
    weights: result.weights.map((w) => ({ name: w.name, byteLength: w.byteLength })),
    ...(params ? { params } : {}),
    diagnostics,
  });
}
