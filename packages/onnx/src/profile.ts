/**
 * The public entry points: ONNX bytes in, shapes and costs out.
 */
import {
  buildReport, ModelOptionsError, Poly, WorkBudget, type AnalyzedNode, type AnalyzedNodes, type AnalyzedValue, type Convention, type Dim, type Report,
  type WorkLimits,
  type MemoryProbe,
  dict,
} from '@modelcost/core';
import type { ByteSource } from './decode/byte-source.js';
import { decodeModel } from './decode/model.js';
import type { OnnxDecodeWarning, OnnxModel } from './decode/types.js';
import { toModelDef } from './infer/adapt.js';
import { inferModel, valBytes, type InferredNode, type InferResult } from './infer/engine.js';
import { onnxNodeScope } from './modules.js';
import { sumElements } from './infer/params.js';
import type { Val } from './infer/values.js';
import type { ModelDef } from './infer/model.js';
import { MESSAGES } from './messages.js';
import { defaultRules } from './ops/index.js';

/** Options of {@link analyzeOnnx} and `profileOnnx`. */
export interface OnnxProfileOptions {
  /** Label naming the model in messages and in the report (usually its path). */
  readonly file?: string;
  /**
   * Values for symbolic dims (`{ batch: 1, seq: 128 }`). Unbound symbols count as 1, or as the
   * smallest value that keeps every size positive, with a diagnostic; a value that makes a size
   * impossible is refused (`DimValueError`).
   */
  readonly dims?: Readonly<Record<string, number>>;
  /**
   * Shape overrides for graph inputs (`{ pixel_values: [1, 3, 224, 224] }`). A number given where the
   * input declares a named dim binds that symbol for every input (`past_key_0: [2, 2, 511, 64]` on
   * `[batch, heads, past, 64]` binds batch=2, past=511); two inputs that disagree are an `OnnxOptionsError`.
   */
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
  /** Reads the memory in use for `limits.maxMemoryBytes` (core's `MemoryProbe`; the CLI reads the JS heap). Without one, memory is not limited. */
  readonly memory?: MemoryProbe;
  /**
   * Called between the phases of profiling, when what the last phase made is garbage: `decoded` once
   * the file's decoded messages are adapted (before inference), `inferred` once inference is done
   * (before the report is built), `reported` once the report holds every node and the inference
   * records are let go. `size` counts the graph's nodes and weights. A caller that owns its process
   * may collect the garbage here (the CLI and the review's worker do after `inferred` and `reported`
   * from 10^5 nodes on: a 10^6-node chain then peaks at 0.84 GB). Profiling does not depend on it.
   */
  readonly onPhase?: (phase: 'decoded' | 'inferred' | 'reported', size: number) => void;
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
  /** Symbols bound by `--input` shapes (see {@link bindInputSymbols}). */
  readonly inputBindings: ReadonlyMap<string, number>;
}

/**
 * Decode an ONNX model and infer every node's output shapes and cost. Throws `OnnxImportError` for a
 * file that is not a readable ONNX model and `WorkLimitError` for one that costs more work than
 * `options.limits` allow; problems inside a readable model become diagnostics.
 */
export function analyzeOnnx(source: ByteSource, options: OnnxProfileOptions = {}): OnnxAnalysis {
  let def: ModelDef | undefined;
  let model: OnnxModel | undefined;
  const { result, inputBindings } = decodeAndInfer(source, options, (m, d) => {
    model = m;
    def = d;
  });
  return { model: model!, def: def!, result, inputBindings };
}

/**
 * The work of {@link analyzeOnnx}. `keep` sees the decoded model and its ModelDef; what it does not
 * keep is garbage once inference starts (profileOnnx keeps neither: on a graph of 10^6 nodes they
 * are a few hundred MB the report never reads).
 */
function decodeAndInfer(source: ByteSource, options: OnnxProfileOptions, keep: (model: OnnxModel, def: ModelDef) => void): { result: InferResult; inputBindings: ReadonlyMap<string, number> } {
  // The clock starts before decoding: the time limit covers the whole model.
  const budget = options.budget ?? new WorkBudget(options.limits, options.file, Date.now, options.memory);
  const def = decodeDef(source, options, budget, keep);
  options.onPhase?.('decoded', def.graph.nodes.length + def.graph.initializers.length);
  const wanted = Object.keys(options.inputs ?? {});
  if (wanted.length) {
    const initializers = new Set(def.graph.initializers.map((w) => w.name));
    const inputNames = def.graph.inputs.map((i) => i.name).filter((n) => !initializers.has(n));
    for (const name of wanted) if (!inputNames.includes(name)) throw new OnnxOptionsError(MESSAGES.inputNotFound(name, inputNames));
  }
  const inputShapes = options.inputs ? new Map(Object.entries(options.inputs)) : undefined;
  const inputBindings = bindInputSymbols(def, options);
  const result = inferModel(def, defaultRules, {
    budget,
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(inputShapes ? { inputShapes } : {}),
    ...(inputBindings.size ? { inputBindings } : {}),
    dims: { ...options.dims, ...Object.fromEntries(inputBindings) },
    ...(options.convention ? { convention: options.convention } : {}),
  });
  return { result, inputBindings };
}

/** Decode and adapt, the decoded model held by nothing but `keep` once this returns. */
function decodeDef(source: ByteSource, options: OnnxProfileOptions, budget: WorkBudget, keep: (model: OnnxModel, def: ModelDef) => void): ModelDef {
  const model = decodeModel(source, options.file === undefined ? { budget } : { file: options.file, budget });
  const def = toModelDef(model);
  keep(model, def);
  return def;
}

/**
 * The symbols `--input` shapes fix: where an input declares a named dim (`past`) and the override
 * gives a number (511), `past = 511` for every input and node. Throws when two overrides, or an
 * override and a `--dim`, give one symbol different values.
 */
export function bindInputSymbols(def: ModelDef, options: OnnxProfileOptions): Map<string, number> {
  const out = new Map<string, { input: string; value: number }>();
  for (const [name, shape] of Object.entries(options.inputs ?? {})) {
    const vi = def.graph.inputs.find((i) => i.name === name);
    const declared = vi?.type && (vi.type.kind === 'tensor' || vi.type.kind === 'sparse_tensor') ? vi.type.shape : undefined;
    if (!declared || declared.length !== shape.length) continue; // a rank change binds nothing (the engine warns)
    declared.forEach((d, i) => {
      const given = shape[i];
      if (typeof d !== 'string' || d === '' || typeof given !== 'number') return;
      const prev = out.get(d);
      if (prev && prev.value !== given) throw new OnnxOptionsError(MESSAGES.inputBindingConflict(d, prev, { input: name, value: given }));
      // `d` is the model's text: read only the user's own keys (`constructor` is no --dim).
      const dimValue = options.dims && Object.prototype.hasOwnProperty.call(options.dims, d) ? options.dims[d] : undefined;
      if (dimValue !== undefined && dimValue !== given) throw new OnnxOptionsError(MESSAGES.inputDimConflict(d, name, given, dimValue));
      out.set(d, { input: name, value: given });
    });
  }
  return new Map([...out].map(([k, v]) => [k, v.value]));
}

/** Params of every node plus initializers no node reads. */
function nodeParamSum(result: InferResult): Poly {
  let p = Poly.ZERO;
  for (const n of result.nodes) p = p.add(n.params);
  return p.add(sumElements(result.unusedParams));
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
  const opsets = dict<number>();
  let producer = '';
  let warnings: readonly OnnxDecodeWarning[] = [];
  const { result, inputBindings } = decodeAndInfer(source, options, (model, def) => {
    for (const [d, v] of def.opsets) opsets[d === '' ? 'ai.onnx' : d] = v;
    producer = def.producer;
    warnings = model.warnings;
  });
  options.onPhase?.('inferred', result.nodes.length + result.weights.length);
  // Each node is made when buildReport asks for it, and dropped: no second list of 10^6 nodes. The
  // inference records go as the report's nodes are made (this function owns `result`; nothing reads
  // its nodes after the report).
  const records = result.nodes as (InferredNode | undefined)[];
  const nodes: AnalyzedNodes = {
    length: records.length,
    release: (i) => {
      records[i] = undefined;
      if (i === records.length - 1) options.onPhase?.('reported', records.length + result.weights.length);
    },
    at: (i): AnalyzedNode => {
      const n = records[i]!;
      // Every field in one literal (the absent ones undefined): no field added after the object is made.
      return {
        name: n.name,
        op: n.op,
        domain: n.domain === '' ? 'ai.onnx' : n.domain,
        inputs: n.inputNames,
        outputs: analyzedOutputs(n),
        scope: onnxNodeScope(n),
        cost: n.cost,
        params: n.cost ? undefined : n.params,
        multiplicity: n.multiplicity.equals(Poly.ONE) ? undefined : n.multiplicity,
        status: n.status === 'ok' ? undefined : n.status,
      };
    },
  };
  const diagnostics = [...result.diagnostics, ...warnings.map((w) => ({ severity: 'warning' as const, code: `decode-${w.code}`, message: w.message }))];
  return buildReport({
    tool: ONNX_TOOL,
    model: { path: options.file ?? '', format: 'onnx', producer, opsets },
    convention: options.convention ?? 'macs+flops',
    dims: { ...options.dims, ...Object.fromEntries(inputBindings) },
    inputs: result.inputs.map((i) => analyzedValue(i.name, i.value)),
    outputs: result.outputs.map((o) => analyzedValue(o.name, o.value)),
    nodes,
    weights: result.weights.map((w) => ({ name: w.name, byteLength: w.byteLength })),
    ...(result.unusedParams.length ? { params: nodeParamSum(result) } : {}),
    constantElements: sumElements(result.constantWeights),
    conditions: result.conditions,
    diagnostics,
  });
}
