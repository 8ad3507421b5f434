/**
 * Keras 1 / 2 / 3 and tf.js layers configs normalised into one layer graph: a model is a list of
 * layers, each with its config and its calls (inbound nodes) as tensor references; Sequential models
 * become a chain behind a synthesized InputLayer; nested models stay nested.
 */
import { dict } from '@modelcost/core';
import { KerasImportError } from '../errors.js';
import { MESSAGES, quote } from '../messages.js';
import { parseJson } from './json.js';
import { isKeras1Config, translateKeras1 } from './keras1.js';

type Obj = Record<string, unknown>;

/** Output `tensor` of call `node` of layer `layer` (Keras `keras_history`). */
export interface TensorRef {
  readonly layer: string;
  readonly node: number;
  readonly tensor: number;
}

/** One call of a layer. */
export interface CallSpec {
  /** Tensor arguments in order (flattened: merge layers take a list). */
  readonly args: readonly TensorRef[];
  /** Tensors passed by keyword (`value=`, `initial_state=`). */
  readonly kwargRefs: Readonly<Record<string, readonly TensorRef[]>>;
  /** Other keyword arguments (`training`, `return_attention_scores`...). */
  readonly kwargs: Readonly<Obj>;
}

/** A layer of a model. */
export interface LayerSpec {
  readonly className: string;
  readonly name: string;
  /** Config with Keras 1 keys translated. */
  readonly config: Readonly<Obj>;
  readonly calls: readonly CallSpec[];
  /** Set when the layer is itself a model (Sequential or Functional used as a layer). */
  readonly model?: ModelSpec;
  /**
   * What a reference's node index is minus the call's position in `calls`, for references in other
   * layers' inbound nodes (`inbound`) and in the model's `input_layers` / `output_layers` (`io`):
   * 1 where the writer numbers a nested model's calls after its own build node (see
   * {@link nestedCallOffset}), else 0. Absent: 0.
   */
  readonly callOffset?: { readonly inbound: number; readonly io: number };
}

/** A model: its layers and its input / output tensors. */
export interface ModelSpec {
  readonly className: string;
  readonly name: string;
  readonly trainable: boolean;
  readonly layers: readonly LayerSpec[];
  readonly inputs: readonly TensorRef[];
  readonly outputs: readonly TensorRef[];
}

/** The normalised model with what the file says about its producer. */
export interface KerasModelFile {
  readonly model: ModelSpec;
  /** `keras 2.13.1`, `tfjs-layers 1.3.2`, `keras 3`, or `keras`. */
  readonly producer: string;
  /** Keras major version when known (1, 2, 3). */
  readonly kerasMajor?: number;
  /** Keras 1 or Keras < 2.3 / tf.js defaults (GRU reset_after false). */
  readonly legacy: boolean;
  /** Which flavour of container held the config. */
  readonly flavour: 'keras' | 'tfjs';
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'it is a JSON array';
  if (v === null) return 'it is JSON null';
  if (!isObj(v)) return `it is a JSON ${typeof v}`;
  const keys = Object.keys(v);
  return keys.length ? `it is a JSON object with keys ${keys.slice(0, 8).map((k) => quote(k, 30)).join(', ')}${keys.length > 8 ? ', ...' : ''}` : 'it is an empty JSON object';
}

interface Ctx {
  readonly file: string;
  readonly keras1: boolean;
  /** tf.js layers wrote the config (`keras_version: "tfjs-layers x.y.z"`). */
  readonly tfjsWriter: boolean;
  /** How calls are recorded: Keras 1/2 and tf.js lists, or Keras 3 `{args, kwargs}` (found from the layers). */
  readonly style?: 'list' | 'dict';
}

/** True for a JSON layer entry that is itself a model. */
function isModelJson(j: Obj): boolean {
  const cfg = j['config'];
  if (Array.isArray(cfg)) return j['class_name'] === 'Sequential';
  return isObj(cfg) && Array.isArray(cfg['layers']) && (MODEL_CLASSES.has(String(j['class_name'])) || 'input_layers' in cfg);
}

function refFromList(v: unknown): TensorRef | undefined {
  if (Array.isArray(v) && v.length >= 1 && typeof v[0] === 'string') {
    return { layer: v[0], node: typeof v[1] === 'number' ? v[1] : 0, tensor: typeof v[2] === 'number' ? v[2] : 0 };
  }
  return undefined;
}

/** Keras 3 `__keras_tensor__` objects found anywhere in a value, in order. */
function kerasTensors(v: unknown): TensorRef[] {
  if (Array.isArray(v)) return v.flatMap(kerasTensors);
  if (!isObj(v)) return [];
  if (v['class_name'] === '__keras_tensor__' && isObj(v['config'])) {
    const r = refFromList(v['config']['keras_history']);
    return r ? [r] : [];
  }
  if ('class_name' in v) return [];
  return Object.values(v).flatMap(kerasTensors);
}

/** Keras 2 kwargs may hold tensor references as `[layer, node, tensor]` lists (MultiHeadAttention `value`). */
function legacyKwargRefs(v: unknown): TensorRef[] | undefined {
  if (Array.isArray(v) && v.length >= 3 && v.length <= 4 && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number') return [refFromList(v)!];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => legacyKwargRefs(x)?.length === 1)) return v.map((x) => refFromList(x)!);
  return undefined;
}

/** One frozen empty object for the (most common) calls without keyword arguments. */
const EMPTY: Readonly<Record<string, never>> = Object.freeze({});
function shared<T extends object>(o: T): T {
  for (const _k in o) return o;
  return EMPTY as T;
}

/** `where` names the layer in messages; a function, so the name is only built for an error. */
function parseCalls(raw: unknown, ctx: Ctx, where: () => string): CallSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new KerasImportError(ctx.file, 'bad-config', MESSAGES.badLayer(ctx.file, where(), 'inbound_nodes is not a list'));
  return raw.map((node): CallSpec => {
    if (Array.isArray(node)) {
      // Keras 1/2: [[layer, node, tensor, kwargs?], ...].
      const args = node.map((r) => {
        const ref = refFromList(r);
        if (!ref) throw new KerasImportError(ctx.file, 'bad-config', MESSAGES.badLayer(ctx.file, where(), `inbound node entry ${JSON.stringify(r).slice(0, 60)} is not [layer, node, tensor]`));
        return ref;
      });
      const first = node[0] as unknown[] | undefined;
      const kw = Array.isArray(first) && isObj(first[3]) ? first[3] : {};
      const kwargs: Obj = {};
      const kwargRefs = dict<TensorRef[]>();
      for (const [k, v] of Object.entries(kw)) {
        const refs = legacyKwargRefs(v);
        if (refs) kwargRefs[k] = refs;
        else kwargs[k] = v;
      }
      return { args, kwargs: shared(kwargs), kwargRefs: shared(kwargRefs) };
    }
    if (isObj(node)) {
      // Keras 3: {args: [...], kwargs: {...}} with __keras_tensor__ leaves.
      const kwargs: Obj = {};
      const kwargRefs = dict<TensorRef[]>();
      for (const [k, v] of Object.entries(isObj(node['kwargs']) ? node['kwargs'] : {})) {
        const refs = kerasTensors(v);
        if (refs.length) kwargRefs[k] = refs;
        else kwargs[k] = v;
      }
      return { args: kerasTensors(node['args']), kwargs: shared(kwargs), kwargRefs: shared(kwargRefs) };
    }
    throw new KerasImportError(ctx.file, 'bad-config', MESSAGES.badLayer(ctx.file, where(), 'an inbound node is neither a list nor {args, kwargs}'));
  });
}

/** input_layers / output_layers: a list of refs, a single ref, or (Keras 3) a dict of refs. */
function parseRefs(raw: unknown): TensorRef[] {
  const single = refFromList(raw);
  if (single && !Array.isArray((raw as unknown[])[0])) return [single];
  if (Array.isArray(raw)) return raw.map(refFromList).filter((r): r is TensorRef => r !== undefined);
  if (isObj(raw)) return Object.values(raw).flatMap(parseRefs);
  return [];
}

function layerName(j: Obj, cfg: Obj): string {
  return typeof j['name'] === 'string' ? j['name'] : typeof cfg['name'] === 'string' ? cfg['name'] : '';
}

function buildLayer(j: unknown, ctx: Ctx, where: string, index: number): LayerSpec {
  if (!isObj(j) || typeof j['class_name'] !== 'string')
    throw new KerasImportError(ctx.file, 'bad-config', MESSAGES.badLayer(ctx.file, `${where} layer ${index}`, 'expected an object with class_name and config'));
  const className = j['class_name'];
  const rawCfg = isObj(j['config']) ? j['config'] : {};
  const name = layerName(j, rawCfg) || `${className.toLowerCase()}_${index}`;
  const here = (): string => `${where} layer ${quote(name)}`;
  const calls = parseCalls(j['inbound_nodes'], ctx, here);
  if (isModelJson(j)) {
    const model = buildModel(j, ctx, here());
    return { className, name, config: { ...rawCfg, name }, calls, model };
  }
  const config = ctx.keras1 || isKeras1Config(rawCfg) ? translateKeras1(className, rawCfg) : rawCfg;
  return { className, name, config, calls };
}

/** Batch input shape declared on an InputLayer or on the first layer of a Sequential model. */
function declaredShape(j: Obj, model?: Obj): unknown[] | undefined {
  const cfg = isObj(j['config']) ? j['config'] : {};
  for (const k of ['batch_input_shape', 'batch_shape', 'batchInputShape']) if (Array.isArray(cfg[k])) return cfg[k] as unknown[];
  if (Array.isArray(cfg['input_shape'])) return [null, ...(cfg['input_shape'] as unknown[])];
  if (typeof cfg['input_dim'] === 'number' && j['class_name'] !== 'Embedding')
    return cfg['input_length'] !== undefined ? [null, cfg['input_length'], cfg['input_dim']] : [null, cfg['input_dim']];
  if (j['class_name'] === 'Embedding' && cfg['input_length'] !== undefined) return [null, cfg['input_length']];
  const bc = isObj(j['build_config']) ? j['build_config'] : undefined;
  if (bc && Array.isArray(bc['input_shape'])) return bc['input_shape'] as unknown[];
  if (isModelJson(j)) {
    const inner = Array.isArray(cfg) ? cfg : (cfg['layers'] as unknown[]);
    const first = inner[0];
    if (isObj(first)) return declaredShape(first);
  }
  if (model && isObj(model['build_config']) && Array.isArray(model['build_config']['input_shape'])) return model['build_config']['input_shape'] as unknown[];
  return undefined;
}

function declaredDtype(j: Obj): unknown {
  const cfg = isObj(j['config']) ? j['config'] : {};
  return cfg['dtype'] ?? cfg['input_dtype'];
}

function buildSequential(j: Obj, list: unknown[], ctx: Ctx, where: string, name: string, trainable: boolean): ModelSpec {
  if (list.length === 0) throw new KerasImportError(ctx.file, 'bad-config', MESSAGES.badLayer(ctx.file, where, 'the Sequential model has no layers'));
  const built = list.map((l, i) => buildLayer(l, ctx, where, i));
  let input: LayerSpec;
  let rest: LayerSpec[];
  if (built[0]!.className === 'InputLayer') {
    input = built[0]!;
    rest = built.slice(1);
  } else {
    const first = list[0] as Obj;
    const shape = declaredShape(first, j);
    const dtype = declaredDtype(first);
    input = {
      className: 'InputLayer',
      name: `${built[0]!.name}_input`,
      config: { ...(shape ? { batch_input_shape: shape } : {}), ...(typeof dtype === 'string' ? { dtype } : {}), name: `${built[0]!.name}_input` },
      calls: [],
    };
    rest = built;
  }
  let prev = input.name;
  const chained = rest.map((l) => {
    const call: CallSpec = { args: [{ layer: prev, node: 0, tensor: 0 }], kwargs: EMPTY, kwargRefs: EMPTY };
    prev = l.name;
    return { ...l, calls: [call] };
  });
  return {
    className: String(j['class_name']),
    name,
    trainable,
    layers: [input, ...chained],
    inputs: [{ layer: input.name, node: 0, tensor: 0 }],
    outputs: [{ layer: prev, node: 0, tensor: 0 }],
  };
}

function buildModel(j: Obj, ctx: Ctx, where: string): ModelSpec {
  const cfg = j['config'];
  const trainable = !(isObj(cfg) && cfg['trainable'] === false) && j['trainable'] !== false;
  if (Array.isArray(cfg)) return buildSequential(j, cfg, ctx, where, typeof j['name'] === 'string' ? j['name'] : 'sequential', trainable);
  if (!isObj(cfg) || !Array.isArray(cfg['layers'])) throw new KerasImportError(ctx.file, 'bad-config', MESSAGES.noLayers(ctx.file, where || 'the model config'));
  const name = typeof cfg['name'] === 'string' ? cfg['name'] : typeof j['name'] === 'string' ? j['name'] : 'model';
  if (j['class_name'] === 'Sequential' || !('input_layers' in cfg)) return buildSequential(j, cfg['layers'], ctx, where, name, trainable);
  const layerJson = cfg['layers'];
  const inner: Ctx = { ...ctx, style: callStyle(layerJson, ctx.style) };
  const built = layerJson.map((l, i) => buildLayer(l, inner, where || `model ${quote(name)}`, i));
  const inputs = parseRefs(cfg['input_layers']);
  const outputs = parseRefs(cfg['output_layers']);
  const layers = built.map((l, i) => (l.model ? { ...l, callOffset: nestedCallOffset(l, layerJson[i] as Obj, built, [...inputs, ...outputs], inner) } : l));
  return { className: String(j['class_name']), name, trainable, layers, inputs, outputs };
}

/** `list` when the first recorded call is a Keras 1/2 list, `dict` for Keras 3 `{args, kwargs}`. */
function callStyle(layers: readonly unknown[], inherited: Ctx['style']): Ctx['style'] {
  for (const l of layers) {
    const nodes = isObj(l) ? l['inbound_nodes'] : undefined;
    if (Array.isArray(nodes) && nodes.length) return Array.isArray(nodes[0]) ? 'list' : isObj(nodes[0]) ? 'dict' : inherited;
  }
  return inherited;
}

/**
 * How references number the calls of a nested model `l` (its JSON `j`), as each writer numbers them:
 * - Keras 3 (`{args, kwargs}` records): an inbound reference counts the calls this model serializes,
 *   from 0 (keras/src/models/functional.py `serialize_node`: `node_index - irrelevant_node_count`,
 *   the nested Functional's own build node being irrelevant); `input_layers` / `output_layers` number
 *   a nested Functional's calls from 1 (`Functional.get_config`: "Functional models start with a
 *   pre-existing node linking their input to output", `kept_nodes = 1`; read back by
 *   `functional_from_config` with `node_index -= 1` since Keras 3.3). A Keras 3 Sequential is not a
 *   Functional: 0. Files from before that change write a 0 there, which is read as written.
 * - Keras 1/2 and tf.js (list records): every reference skips the nested model's build node. tf-keras
 *   `functional.get_network_config` starts `kept_nodes` at 1 when `_should_skip_first_node(layer)`: a
 *   Functional, or a Sequential whose first layer is an InputLayer (one built with an input shape);
 *   Keras 1 `Container.get_config` and Keras 2.0-2.2 `Network.get_config` skip it for every nested
 *   model; tfjs-layers `Container.buildNodeConversionMap` sets `keptNodes = layer instanceof Container
 *   ? 1 : 0`. A tf.keras Sequential without an InputLayer (built on first call) is not skipped, and its
 *   config cannot say which writer made it: every serialized call is referenced (it is on a path to
 *   an output), so the references tell: one numbered 0 means 0, otherwise 1.
 */
export function nestedCallOffset(l: LayerSpec, j: Obj, layers: readonly LayerSpec[], io: readonly TensorRef[], ctx: Ctx): { inbound: number; io: number } {
  const cfg = j['config'];
  const functional = isObj(cfg) && 'input_layers' in cfg && j['class_name'] !== 'Sequential';
  const ioRefs = io.filter((r) => r.layer === l.name);
  if (ctx.style === 'dict') return { inbound: 0, io: functional && !ioRefs.some((r) => r.node === 0) ? 1 : 0 };
  const list = Array.isArray(cfg) ? cfg : isObj(cfg) && Array.isArray(cfg['layers']) ? cfg['layers'] : [];
  const first = list[0];
  const withInput = isObj(first) && first['class_name'] === 'InputLayer';
  if (functional || withInput || ctx.tfjsWriter || ctx.keras1) return { inbound: 1, io: 1 };
  const refs = [...ioRefs];
  for (const other of layers) for (const c of other.calls) for (const r of [...c.args, ...Object.values(c.kwargRefs).flat()]) if (r.layer === l.name) refs.push(r);
  const offset = refs.some((r) => r.node === 0) ? 0 : 1;
  return { inbound: offset, io: offset };
}

function majorOf(version: string | undefined): number | undefined {
  const m = version ? /(\d+)\./.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * Normalise a parsed config (any supported flavour) into a {@link KerasModelFile}. Throws
 * {@link KerasImportError} (`not-keras`) when the JSON is not a Keras model config.
 */
export function normalizeConfig(root: unknown, file: string, maxDepth?: number): KerasModelFile {
  let cfg: unknown = root;
  let version: string | undefined;
  let producer: string | undefined;
  let flavour: 'keras' | 'tfjs' = 'keras';
  if (isObj(root) && isObj(root['modelTopology'])) {
    flavour = 'tfjs';
    const topo = root['modelTopology'];
    cfg = topo['model_config'] ?? topo;
    if (typeof topo['keras_version'] === 'string') version = topo['keras_version'];
    const gen = root['generatedBy'];
    if (typeof gen === 'string') {
      const m = /tfjs-layers\s+v?([\d.]+)/i.exec(gen) ?? /v?(\d+\.\d+\.\d+)/.exec(gen);
      if (m) producer = `tfjs-layers ${m[1]}`;
    }
  } else if (isObj(root) && 'model_config' in root) {
    cfg = root['model_config'];
    if (typeof root['keras_version'] === 'string') version = root['keras_version'];
  }
  if (typeof cfg === 'string') cfg = parseJson(cfg, file, ' (in model_config)', maxDepth);
  if (!isObj(cfg) || typeof cfg['class_name'] !== 'string' || !('config' in cfg)) throw new KerasImportError(file, 'not-keras', MESSAGES.notKerasJson(file, describe(cfg)));
  if (typeof cfg['keras_version'] === 'string') version ??= cfg['keras_version'];
  if (!isModelJson(cfg) && !Array.isArray(cfg['config']))
    throw new KerasImportError(file, 'not-keras', MESSAGES.notKerasJson(file, `class_name ${quote(cfg['class_name'])} with no \`layers\` list (a single layer or a subclassed model)`));
  const tfjsVersion = version && /^tfjs-layers/.test(version) ? /([\d.]+)/.exec(version)?.[1] : undefined;
  if (tfjsVersion) producer ??= `tfjs-layers ${tfjsVersion}`;
  const kerasMajor = tfjsVersion ? undefined : majorOf(version) ?? ('module' in cfg ? 3 : undefined);
  const keras1 = kerasMajor === 1;
  const minor = version && !tfjsVersion ? Number(/^\d+\.(\d+)/.exec(version)?.[1] ?? 99) : 99;
  const legacy = keras1 || tfjsVersion !== undefined || (kerasMajor === 2 && minor < 3);
  producer ??= version ? `keras ${version}` : kerasMajor ? `keras ${kerasMajor}` : 'keras';
  const model = buildModel(cfg, { file, keras1, tfjsWriter: tfjsVersion !== undefined }, '');
  return { model, producer, ...(kerasMajor !== undefined ? { kerasMajor } : {}), legacy, flavour };
}
