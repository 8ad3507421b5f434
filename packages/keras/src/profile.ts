/**
 * The public entry points: Keras config bytes in, shapes and costs out.
 */
import {
  buildReport,
  Poly,
  WorkBudget,
  type AnalyzedNode,
  type AnalyzedValue,
  type ByteSource,
  type Convention,
  type Dim,
  type Report,
  type WorkLimits,
  type MemoryProbe,
} from '@modelcost/core';
import { tensorBytes, walkModel, type GraphResult, type KerasTensor } from './graph.js';
import { DEFAULT_FILE_LABEL } from './messages.js';
import { kerasScopes } from './modules.js';
import { normalizeConfig, type KerasModelFile } from './read/formats.js';
import { readRawConfig, type KerasContainer } from './read/json.js';
import { weightsOnlyAnalysis } from './weights-only.js';

/** Options of {@link analyzeKeras} and {@link profileKeras}. */
export interface KerasProfileOptions {
  /** Label naming the model in messages and in the report (usually its path). Default `input`. */
  readonly file?: string;
  /** Values for symbolic dims (`{ batch: 1 }`); unbound symbols count as 1 with a diagnostic. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Shape overrides for model inputs by InputLayer name, batch axis included (`{ input_1: [1, 224, 224, 3] }`). */
  readonly inputs?: Readonly<Record<string, readonly Dim[]>>;
  /** Counting convention, default `macs+flops`. */
  readonly convention?: Convention;
  /**
   * Limits of the work this model may cost (layer calls, time, nesting depth of models and of the
   * config JSON); see core's `DEFAULT_WORK_LIMITS`. Ignored when `budget` is given.
   */
  readonly limits?: WorkLimits;
  /** A running budget to charge (one per model); default: a new `WorkBudget(limits, file)`. */
  readonly budget?: WorkBudget;
  /** Reads the memory in use for `limits.maxMemoryBytes` (core's `MemoryProbe`); without one, memory is not limited. */
  readonly memory?: MemoryProbe;
  /**
   * Accept an HDF5 file holding weights but no architecture (`save_weights`, `*.weights.h5`): a
   * params-only report from the weight datasets' shapes, one `weights-only` node per layer with no
   * cost rule (so MACs and FLOPs are unknown, listed under `coverage.unsupported`, never 0 as if
   * counted). Default false: such a file is a `weights-only` {@link KerasImportError}.
   */
  readonly weightsOnlyOk?: boolean;
}

/** Everything known about a Keras model after the walk. */
export interface KerasAnalysis {
  /** The parsed top-level JSON (after unwrapping a double-encoded string or a `.keras` archive; for an HDF5 file its root attributes); undefined for a weights-only file. */
  readonly config: unknown;
  /** How the config was stored. */
  readonly container: KerasContainer;
  /** The normalised layer graph and what the file says about its producer. */
  readonly file: KerasModelFile;
  /** Per-call shapes, weights and costs, in order; inputs, outputs, weights and diagnostics. */
  readonly result: GraphResult;
  /** Sum of every weight's elements (Keras `count_params()`), trainable and non-trainable. */
  readonly params: Poly;
  /** Elements of trainable weights; undefined when the file does not say (a weights-only file). */
  readonly trainableParams: Poly | undefined;
  /** True for a params-only analysis of a weights-only file (no layer graph, no costs). */
  readonly weightsOnly: boolean;
}

/** Version written into reports' `tool` field. */
export const KERAS_TOOL = { name: 'modelcost', version: '0.1.0' } as const;

/**
 * Read the Keras config object from any supported container: model JSON, a JSON string holding model
 * JSON, tf.js `model.json`, or a `.keras` archive (only `config.json` is read). Throws
 * {@link KerasImportError} when the bytes are none of these.
 * @param file label used in messages (default `input`)
 */
export function readKerasConfig(source: ByteSource, file: string = DEFAULT_FILE_LABEL): unknown {
  const raw = readRawConfig(source, { file, budget: new WorkBudget({}, file) });
  return raw.kind === 'config' ? raw.root : undefined;
}

/**
 * Read a Keras model and walk it: every layer call's output shapes, weights and cost. Throws
 * {@link KerasImportError} for a file that is not a readable Keras model; problems inside a readable model
 * (unknown layers, shapes that do not fit) become diagnostics.
 */
export function analyzeKeras(source: ByteSource, options: KerasProfileOptions = {}): KerasAnalysis {
  return analyze(source, options, true);
}

/** `keepConfig` false: the parsed JSON is dropped once normalised (a 300k-layer config is hundreds of MB). */
function analyze(source: ByteSource, options: KerasProfileOptions, keepConfig: boolean): KerasAnalysis {
  const file = options.file ?? DEFAULT_FILE_LABEL;
  const budget = options.budget ?? new WorkBudget(options.limits ?? {}, file, Date.now, options.memory);
  let raw: ReturnType<typeof readRawConfig> | undefined = readRawConfig(source, { file, budget, weightsOnlyOk: options.weightsOnlyOk === true });
  if (raw.kind === 'weights') return weightsOnlyAnalysis(raw.weights, file, options.inputs);
  const model = normalizeConfig(raw.root, file, budget.limits.maxDepth);
  const { container } = raw;
  const config = keepConfig ? raw.root : undefined;
  raw = undefined;
  const result = walkModel(model.model, {
    file,
    convention: options.convention ?? 'macs+flops',
    legacy: model.legacy,
    budget,
    ...(options.inputs ? { inputs: options.inputs } : {}),
  });
  let params = Poly.ZERO;
  let trainableParams = Poly.ZERO;
  for (const w of result.weights) {
    params = params.add(w.elements);
    if (w.trainable) trainableParams = trainableParams.add(w.elements);
  }
  budget.time(file);
  return { config, container, file: model, result, params, trainableParams, weightsOnly: false };
}

function value(t: KerasTensor): AnalyzedValue {
  return { name: t.name, dtype: t.dtype, shape: t.shape, bytes: tensorBytes(t) };
}

/**
 * Profile a Keras model: read, walk, cost, and assemble the Report (schemaVersion 2, format `keras`).
 * Throws {@link KerasImportError} when the bytes are not a readable Keras model.
 */
export function profileKeras(source: ByteSource, options: KerasProfileOptions = {}): Report {
  const a = analyze(source, options, false);
  const evalDims = options.dims ?? {};
  const scopeOf = kerasScopes(a.file.model);
  const nodes: AnalyzedNode[] = a.result.calls.map((c) => ({
    scope: scopeOf(c.name, c.className),
    name: c.name,
    op: c.className,
    domain: 'keras',
    layer: c.layer,
    inputs: c.inputs.map((t) => t.name),
    outputs: c.outputs.map(value),
    ...(c.cost
      ? { cost: { macs: c.cost.macs, flops: c.cost.flops, params: c.params ?? Poly.ZERO, bytesRead: c.bytesRead, bytesWritten: c.bytesWritten } }
      : c.params
        ? { params: c.params }
        : {}),
    ...(c.status === 'ok' ? {} : { status: c.status }),
  }));
  return buildReport({
    tool: KERAS_TOOL,
    model: { path: options.file ?? '', format: 'keras', producer: a.file.producer, opsets: a.file.kerasMajor !== undefined ? { keras: a.file.kerasMajor } : {} },
    convention: options.convention ?? 'macs+flops',
    dims: evalDims,
    inputs: a.result.inputs.map(value),
    outputs: a.result.outputs.map(value),
    nodes,
    weights: a.result.weights.map((w) => ({ name: w.name, byteLength: Number(w.bytes.isConst ? w.bytes.constValue : w.bytes.evaluate(evalDims, 1)) })),
    ...(a.trainableParams ? { trainableParams: a.trainableParams } : {}),
    params: a.params,
    diagnostics: a.result.diagnostics,
  });
}
