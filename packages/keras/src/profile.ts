/**
 * The public entry points: Keras config bytes in, shapes and costs out.
 */
import { buildReport, numElements, Poly, type AnalyzedNode, type AnalyzedValue, type ByteSource, type Convention, type Dim, type Report } from '@modelcost/core';
import { bytesOf, walkModel, type GraphResult, type KerasTensor } from './graph.js';
import { DEFAULT_FILE_LABEL } from './messages.js';
import { normalizeConfig, type KerasModelFile } from './read/formats.js';
import { readRawConfig, type KerasContainer } from './read/json.js';

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
}

/** Everything known about a Keras model after the walk. */
export interface KerasAnalysis {
  /** The parsed top-level JSON (after unwrapping a double-encoded string or a `.keras` archive). */
  readonly config: unknown;
  /** How the config was stored. */
  readonly container: KerasContainer;
  /** The normalised layer graph and what the file says about its producer. */
  readonly file: KerasModelFile;
  /** Per-call shapes, weights and costs, in order; inputs, outputs, weights and diagnostics. */
  readonly result: GraphResult;
  /** Sum of every weight's elements (Keras `count_params()`), trainable and non-trainable. */
  readonly params: Poly;
  /** Elements of trainable weights. */
  readonly trainableParams: Poly;
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
  return readRawConfig(source, file).root;
}

/**
 * Read a Keras model and walk it: every layer call's output shapes, weights and cost. Throws
 * {@link KerasImportError} for a file that is not a readable Keras model; problems inside a readable model
 * (unknown layers, shapes that do not fit) become diagnostics.
 */
export function analyzeKeras(source: ByteSource, options: KerasProfileOptions = {}): KerasAnalysis {
  const file = options.file ?? DEFAULT_FILE_LABEL;
  const raw = readRawConfig(source, file);
  const model = normalizeConfig(raw.root, file);
  const result = walkModel(model.model, {
    file,
    convention: options.convention ?? 'macs+flops',
    legacy: model.legacy,
    ...(options.inputs ? { inputs: options.inputs } : {}),
  });
  let params = Poly.ZERO;
  let trainableParams = Poly.ZERO;
  for (const w of result.weights) {
    params = params.add(w.elements);
    if (w.trainable) trainableParams = trainableParams.add(w.elements);
  }
  return { config: raw.root, container: raw.container, file: model, result, params, trainableParams };
}

function value(t: KerasTensor): AnalyzedValue {
  return { name: t.name, dtype: t.dtype, shape: t.shape, bytes: t.shape ? bytesOfTensor(t) : Poly.ZERO };
}

function bytesOfTensor(t: KerasTensor): Poly {
  return bytesOf(numElements(t.shape!), t.dtype);
}

/**
 * Profile a Keras model: read, walk, cost, and assemble the Report (schemaVersion 2, format `keras`).
 * Throws {@link KerasImportError} when the bytes are not a readable Keras model.
 */
export function profileKeras(source: ByteSource, options: KerasProfileOptions = {}): Report {
  const a = analyzeKeras(source, options);
  const evalDims = options.dims ?? {};
  const nodes: AnalyzedNode[] = a.result.calls.map((c) => ({
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
    weights: a.result.weights.map((w) => ({ name: w.name, byteLength: Number(w.bytes.evaluate(evalDims, 1)) })),
    trainableParams: a.trainableParams,
    params: a.params,
    diagnostics: a.result.diagnostics,
  });
}
