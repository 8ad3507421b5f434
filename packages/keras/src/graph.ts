/**
 * The graph walk: every call of every layer in dependency order, nested models expanded in place
 * (their layers named `outer/inner`), shared layers built once (weights counted once, cost per call,
 * later calls named `layer#2`, `layer#3`...). Problems become diagnostics; the walk goes on.
 */
import {
  dimToString,
  DTYPE_BITS,
  numElements,
  Poly,
  PolySum,
  symDim,
  WorkBudget,
  type Convention,
  type DType,
  type Dim,
  type OpCost,
  type ReportDiagnostic,
} from '@modelcost/core';
import { KerasImportError } from './errors.js';
import { MESSAGES, quote } from './messages.js';
import { ruleFor } from './layers/index.js';
import { ShapeError, UnknownShapeError, type LayerCall, type TensorType, type WeightSpec } from './layers/rule.js';
import type { CallSpec, LayerSpec, ModelSpec, TensorRef } from './read/formats.js';

/** A tensor flowing between layers. `shape` undefined: unknown (downstream of an unsupported layer). */
export interface KerasTensor extends TensorType {
  readonly name: string;
  readonly shape: readonly Dim[] | undefined;
  readonly dtype: string;
}

/** A weight variable, counted once per layer object. */
export interface KerasWeight {
  /** `layer/variable` (nested: `model/layer/variable`). */
  readonly name: string;
  readonly layer: string;
  readonly shape: readonly Dim[];
  readonly dtype: string;
  readonly trainable: boolean;
  readonly elements: Poly;
  readonly bytes: Poly;
}

/** What happened at one layer call. */
export interface LayerCallResult {
  /** Node name: `layer`, `layer#2` for the second call, `outer/layer` inside a nested model. */
  readonly name: string;
  /** The layer's own name. */
  readonly layer: string;
  readonly className: string;
  readonly inputs: readonly KerasTensor[];
  readonly outputs: readonly KerasTensor[];
  /** Weights created by this call (empty for later calls of a shared layer). */
  readonly weights: readonly KerasWeight[];
  /** Elements of `weights`; undefined when they depend on an unknown shape. */
  readonly params: Poly | undefined;
  /** Bytes read (inputs and weights) and written (outputs). */
  readonly bytesRead: Poly;
  readonly bytesWritten: Poly;
  /** Undefined unless status is ok. */
  readonly cost?: OpCost;
  readonly status: 'ok' | 'unsupported' | 'unknown-shape' | 'error';
}

/** Result of walking a model. */
export interface GraphResult {
  readonly inputs: readonly KerasTensor[];
  readonly outputs: readonly KerasTensor[];
  readonly calls: readonly LayerCallResult[];
  readonly weights: readonly KerasWeight[];
  readonly diagnostics: readonly ReportDiagnostic[];
}

/** Options of {@link walkModel}. */
export interface WalkOptions {
  readonly file: string;
  readonly convention: Convention;
  readonly legacy: boolean;
  /** Shape overrides for top-level inputs, by input name (batch axis included). */
  readonly inputs?: Readonly<Record<string, readonly Dim[]>>;
  /** Charged one node per layer call and one level per nested model (default: the default limits). */
  readonly budget?: WorkBudget;
}

interface Policy {
  readonly compute: string;
  readonly variable: string;
}

const KERAS_DTYPES: Readonly<Record<string, DType>> = {
  float16: 'float16', float32: 'float32', float64: 'float64', bfloat16: 'bfloat16', half: 'float16', float: 'float32', double: 'float64',
  int8: 'int8', int16: 'int16', int32: 'int32', int64: 'int64', uint8: 'uint8', uint16: 'uint16', uint32: 'uint32', uint64: 'uint64',
  bool: 'bool', string: 'string', complex64: 'complex64', complex128: 'complex128',
};

/** Keras dtype or dtype policy (string, or `{class_name: Policy|DTypePolicy, config: {name}}`) -> compute / variable dtypes. */
export function parsePolicy(v: unknown): Policy | undefined {
  let name: unknown = v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const cfg = (v as Record<string, unknown>)['config'];
    name = cfg && typeof cfg === 'object' ? (cfg as Record<string, unknown>)['name'] : undefined;
  }
  if (typeof name !== 'string') return undefined;
  const mixed = /^mixed_(\w+)$/.exec(name);
  if (mixed) return { compute: mixed[1]!, variable: 'float32' };
  return { compute: name, variable: name };
}

function dtypeBits(dtype: string): number {
  return DTYPE_BITS[(KERAS_DTYPES[dtype] ?? 'float32') as DType];
}

/** Bytes of `elements` values of `dtype` (sub-byte types packed, rounded up). */
export function bytesOf(elements: Poly, dtype: string): Poly {
  const bits = dtypeBits(dtype);
  return bits % 8 === 0 ? elements.mul(bits / 8) : elements.mul(bits).ceilDiv(8);
}

function tensorBytes(t: KerasTensor): Poly {
  return t.shape ? bytesOf(numElements(t.shape), t.dtype) : Poly.ZERO;
}

const isFloat = (d: string): boolean => d.startsWith('float') || d === 'bfloat16' || d === 'half' || d === 'double';

/** A name usable as a symbol: letters, digits and underscores. */
function symbolName(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(t) ? t : `_${t}`;
}

/** A reference resolved to a call: the layer, the call's position in `calls`, and a map key. */
interface Target {
  readonly layer: LayerSpec;
  readonly index: number;
  readonly k: string;
}

/** What the first call of a nested model on one input signature cost (reused by later calls). */
interface NestedMemo {
  readonly first: string;
  readonly outputs: readonly (KerasTensor | undefined)[];
  macs: Poly;
  flops: Poly;
  bytesRead: Poly;
  bytesWritten: Poly;
  /** The worst status among its layer calls (a reused call whose layers were not all costed says so). */
  status: LayerCallResult['status'];
  reported: boolean;
}

const STATUS_RANK: Readonly<Record<LayerCallResult['status'], number>> = { ok: 0, 'unknown-shape': 1, error: 2, unsupported: 3 };

class Walker {
  private readonly calls: LayerCallResult[] = [];
  private readonly nestedMemo = new Map<ModelSpec, Map<string, NestedMemo>>();
  private readonly budget: WorkBudget;
  private readonly weights: KerasWeight[] = [];
  private readonly diagnostics: ReportDiagnostic[] = [];
  private readonly built = new Set<LayerSpec>();
  private readonly layerWeights = new Map<LayerSpec, KerasWeight[]>();
  private readonly callCounts = new Map<string, number>();
  private readonly usedInputOptions = new Set<string>();
  readonly topInputs: KerasTensor[] = [];

  constructor(private readonly opts: WalkOptions) {
    this.budget = opts.budget ?? new WorkBudget({}, opts.file);
  }

  diag(severity: ReportDiagnostic['severity'], code: string, message: string, node?: string): void {
    this.diagnostics.push({ severity, code, ...(node !== undefined ? { node } : {}), message });
  }

  result(outputs: readonly KerasTensor[]): GraphResult {
    const known = this.topInputs.map((t) => t.name);
    for (const name of Object.keys(this.opts.inputs ?? {}))
      if (!this.usedInputOptions.has(name)) throw new KerasImportError(this.opts.file, 'bad-option', MESSAGES.badInputOption(this.opts.file, name, known));
    return { inputs: this.topInputs, outputs, calls: this.calls, weights: this.weights, diagnostics: this.diagnostics };
  }

  /** A top-level input from its InputLayer config (`batch_input_shape` / `batch_shape`); nulls become symbols. */
  private inputTensor(layer: LayerSpec): KerasTensor {
    const override = this.opts.inputs?.[layer.name];
    const policy = parsePolicy(layer.config['dtype']);
    const dtype = policy?.compute ?? 'float32';
    if (override) {
      this.usedInputOptions.add(layer.name);
      return { name: layer.name, shape: [...override], dtype };
    }
    const raw = layer.config['batch_input_shape'] ?? layer.config['batch_shape'] ?? layer.config['batchInputShape'];
    if (!Array.isArray(raw)) {
      this.diag('warning', 'no-input-shape', MESSAGES.noInputShape(layer.name), layer.name);
      return { name: layer.name, shape: undefined, dtype };
    }
    const shape = raw.map((d, i): Dim => (typeof d === 'number' && d >= 0 ? d : i === 0 ? symDim('batch') : symDim(`${symbolName(layer.name)}_dim${i}`)));
    return { name: layer.name, shape, dtype };
  }

  /** Run a model on bound inputs (nested) or on its own InputLayers (top level). */
  runModel(model: ModelSpec, bound: readonly (KerasTensor | undefined)[] | undefined, prefix: string, trainable: boolean): KerasTensor[] {
    const file = this.opts.file;
    const produced = new Map<string, readonly (KerasTensor | undefined)[]>();
    const byName = new Map(model.layers.map((l) => [l.name, l]));
    const isSource = (l: LayerSpec): boolean => l.className === 'InputLayer' && l.calls.length === 0;
    /** The call a reference names: its layer and the call's position in `calls` (an InputLayer's tensor: 0). */
    const target = (r: TensorRef, io: boolean, who: string): Target => {
      const layer = byName.get(r.layer);
      if (!layer) throw new KerasImportError(file, 'bad-config', MESSAGES.unknownRef(file, who, `[${quote(r.layer)}, ${r.node}, ${r.tensor}]`));
      if (isSource(layer)) return { layer, index: 0, k: `${layer.name}\u00000` };
      const offset = (io ? layer.callOffset?.io : layer.callOffset?.inbound) ?? 0;
      const index = r.node - offset;
      if (!layer.calls[index])
        throw new KerasImportError(file, 'bad-config', MESSAGES.unknownRef(file, who, `call ${r.node} of layer ${quote(r.layer)} (it has ${layer.calls.length}${offset ? `, numbered from ${offset}` : ''})`));
      return { layer, index, k: `${layer.name}\u0000${index}` };
    };
    if (bound) {
      if (bound.length !== model.inputs.length)
        this.diag('error', 'nested-inputs', `model ${quote(model.name)} takes ${model.inputs.length} inputs, called with ${bound.length}`, prefix.replace(/\/$/, ''));
      model.inputs.forEach((r, i) => produced.set(target(r, true, 'input_layers').k, [bound[i]]));
    } else {
      for (const r of model.inputs) {
        const t = target(r, true, 'input_layers');
        if (!produced.has(t.k)) {
          const x = this.inputTensor(t.layer);
          this.topInputs.push(x);
          produced.set(t.k, [x]);
        }
      }
    }
    const refs = (call: CallSpec): TensorRef[] => [...call.args, ...Object.values(call.kwargRefs).flat()];
    // Depth-first with an explicit stack (a 300k-layer model listed in reverse order must not recurse):
    // a call runs once every call it reads has run; a call met again while waiting is a cycle.
    const produce = (start: Target): readonly (KerasTensor | undefined)[] => {
      const stack: Target[] = [start];
      const waiting = new Set<string>();
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        if (produced.has(top.k)) {
          stack.pop();
          continue;
        }
        if (isSource(top.layer)) {
          const x = this.inputTensor(top.layer);
          if (!bound) this.topInputs.push(x);
          produced.set(top.k, [x]);
          stack.pop();
          continue;
        }
        const call = top.layer.calls[top.index]!;
        const deps = refs(call)
          .map((r) => target(r, false, top.layer.name))
          .filter((d) => !produced.has(d.k));
        if (deps.length) {
          if (deps.some((d) => waiting.has(d.k) || d.k === top.k)) throw new KerasImportError(file, 'bad-config', MESSAGES.cycle(file, top.layer.name));
          waiting.add(top.k);
          stack.push(...deps);
          continue;
        }
        const resolve = (r: TensorRef): KerasTensor | undefined => produced.get(target(r, false, top.layer.name).k)![r.tensor];
        const args = call.args.map(resolve);
        const kw: Record<string, (KerasTensor | undefined)[]> = {};
        for (const [name, rs] of Object.entries(call.kwargRefs)) kw[name] = rs.map(resolve);
        produced.set(top.k, this.runCall(top.layer, call, args, kw, prefix, trainable));
        waiting.delete(top.k);
        stack.pop();
      }
      return produced.get(start.k)!;
    };
    for (const l of model.layers) {
      if (isSource(l)) continue;
      for (let i = 0; i < l.calls.length; i++) produce({ layer: l, index: i, k: `${l.name}\u0000${i}` });
    }
    return model.outputs.map((r) => {
      const t = produce(target(r, true, 'output_layers'))[r.tensor];
      return t ?? { name: `${prefix}${r.layer}:${r.tensor}`, shape: undefined, dtype: 'float32' };
    });
  }

  /**
   * A call of a nested model. Its first call on inputs of given shapes and dtypes expands its layers
   * (`call/layer` nodes); a later call on inputs of the same signature reuses that analysis: one node
   * holding its whole cost (its layers were built by the first call, so it adds no weights). Work is
   * then proportional to the file, not to the unrolled program (a model reusing a nested model 10
   * times per level over 9 levels would otherwise expand 10^9 layer calls).
   */
  private runNested(layer: LayerSpec, model: ModelSpec, args: readonly KerasTensor[], nodeName: string, trainable: boolean): (KerasTensor | undefined)[] {
    const signature = args.map((t) => `${t.dtype}${t.shape ? `[${t.shape.map((d) => dimToString(d)).join(',')}]` : '?'}`).join(';');
    let memos = this.nestedMemo.get(model);
    if (!memos) this.nestedMemo.set(model, (memos = new Map()));
    const hit = memos.get(signature);
    if (hit) {
      if (!hit.reported) {
        hit.reported = true;
        this.diag('info', 'nested-call-reused', MESSAGES.nestedReused(nodeName, model.name, hit.first), nodeName);
      }
      const outputs = hit.outputs.map((t, i): KerasTensor => ({ name: i === 0 ? nodeName : `${nodeName}:${i}`, shape: t?.shape, dtype: t?.dtype ?? 'float32' }));
      this.calls.push({
        name: nodeName,
        layer: layer.name,
        className: layer.className,
        inputs: args,
        outputs,
        weights: [],
        params: Poly.ZERO,
        bytesRead: hit.bytesRead,
        bytesWritten: hit.bytesWritten,
        cost: { macs: hit.macs, flops: hit.flops, params: Poly.ZERO },
        status: hit.status,
      });
      return outputs;
    }
    const start = this.calls.length;
    const outs = this.budget.nested(`nested model ${nodeName}`, () => this.runModel(model, args, `${nodeName}/`, trainable));
    const memo: NestedMemo = { first: nodeName, outputs: outs, macs: Poly.ZERO, flops: Poly.ZERO, bytesRead: Poly.ZERO, bytesWritten: Poly.ZERO, status: 'ok', reported: false };
    const macs = new PolySum();
    const flops = new PolySum();
    const read = new PolySum();
    const written = new PolySum();
    for (let i = start; i < this.calls.length; i++) {
      const c = this.calls[i]!;
      if (c.cost) {
        macs.add(c.cost.macs);
        flops.add(c.cost.flops);
        read.add(c.bytesRead);
        written.add(c.bytesWritten);
      }
      if (STATUS_RANK[c.status] > STATUS_RANK[memo.status]) memo.status = c.status;
    }
    memo.macs = macs.value;
    memo.flops = flops.value;
    memo.bytesRead = read.value;
    memo.bytesWritten = written.value;
    memos.set(signature, memo);
    return outs;
  }

  private runCall(
    layer: LayerSpec,
    call: CallSpec,
    rawArgs: readonly (KerasTensor | undefined)[],
    rawKw: Readonly<Record<string, readonly (KerasTensor | undefined)[]>>,
    prefix: string,
    trainable: boolean,
  ): (KerasTensor | undefined)[] {
    const unknown = (name: string): KerasTensor => ({ name, shape: undefined, dtype: 'float32' });
    const args = rawArgs.map((t, i) => t ?? unknown(`?${i}`));
    const kwargInputs: Record<string, KerasTensor[]> = {};
    for (const [k, v] of Object.entries(rawKw)) kwargInputs[k] = v.map((t, i) => t ?? unknown(`?${k}${i}`));
    const base = `${prefix}${layer.name}`;
    const count = this.callCounts.get(base) ?? 0;
    this.callCounts.set(base, count + 1);
    const nodeName = count === 0 ? base : `${base}#${count + 1}`;
    const layerTrainable = trainable && layer.config['trainable'] !== false;
    this.budget.node(1, nodeName);

    if (layer.model) return this.runNested(layer, layer.model, args, nodeName, layerTrainable && layer.model.trainable);

    const policy = parsePolicy(layer.config['dtype']);
    const inDtype = args[0]?.dtype ?? 'float32';
    const computeDtype = policy?.compute ?? (isFloat(inDtype) ? inDtype : 'float32');
    const variableDtype = policy?.variable ?? 'float32';
    if (policy && !(policy.compute in KERAS_DTYPES)) this.diag('warning', 'unknown-dtype', MESSAGES.unknownDType(nodeName, policy.compute), nodeName);
    const rule = ruleFor(layer.className);
    const ctx: LayerCall = {
      className: layer.className,
      name: nodeName,
      config: layer.config,
      inputs: args,
      kwargInputs,
      kwargs: call.kwargs,
      convention: this.opts.convention,
      legacy: this.opts.legacy,
      rule: ruleFor,
      diag: (severity, code, message) => this.diag(severity, code, message, nodeName),
    };
    const outTensors = (shapes: readonly ((readonly Dim[]) | undefined)[]): KerasTensor[] =>
      shapes.map((s, i) => ({ name: i === 0 ? nodeName : `${nodeName}:${i}`, shape: s, dtype: computeDtype }));
    const inputsAll = [...args, ...Object.values(kwargInputs).flat()];
    const bytesIn = inputsAll.reduce((p, t) => p.add(tensorBytes(t)), Poly.ZERO);

    const record = (r: Omit<LayerCallResult, 'name' | 'layer' | 'className' | 'inputs' | 'bytesRead' | 'bytesWritten'>): KerasTensor[] => {
      const weightBytes = (this.layerWeights.get(layer) ?? r.weights).reduce((p, w) => p.add(w.bytes), Poly.ZERO);
      this.calls.push({
        name: nodeName,
        layer: layer.name,
        className: layer.className,
        inputs: inputsAll,
        bytesRead: bytesIn.add(weightBytes),
        bytesWritten: r.outputs.reduce((p, t) => p.add(tensorBytes(t)), Poly.ZERO),
        ...r,
      });
      for (const w of r.weights) this.weights.push(w);
      if (!this.built.has(layer)) this.layerWeights.set(layer, [...r.weights]);
      this.built.add(layer);
      return [...r.outputs];
    };

    if (!rule) {
      this.diag('warning', 'unsupported-layer', MESSAGES.unsupportedLayer(layer.className, layer.name), nodeName);
      return record({ outputs: outTensors([undefined]), weights: [], params: undefined, status: 'unsupported' });
    }

    // Weights once per layer object (a shared layer is built by its first call).
    let weights: KerasWeight[] = [];
    let params: Poly | undefined = Poly.ZERO;
    if (!this.built.has(layer)) {
      try {
        weights = (rule.weights?.(ctx) ?? []).map((w) => this.weight(base, w, variableDtype, layerTrainable));
        params = weights.reduce((p, w) => p.add(w.elements), Poly.ZERO);
      } catch (e) {
        if (e instanceof UnknownShapeError) {
          params = undefined;
          this.diag('warning', 'params-unknown', MESSAGES.paramsUnknown(nodeName), nodeName);
        } else if (e instanceof ShapeError) {
          params = undefined;
          this.diag('error', 'shape-mismatch', MESSAGES.shapeError(layer.className, nodeName, e.message), nodeName);
          return record({ outputs: outTensors(new Array<undefined>(safeCount(rule, ctx)).fill(undefined)), weights, params, status: 'error' });
        } else throw e;
      }
    }

    if (inputsAll.some((t) => !t.shape)) {
      this.diag('info', 'unknown-shape', MESSAGES.unknownShape(nodeName), nodeName);
      return record({ outputs: outTensors(new Array<undefined>(safeCount(rule, ctx)).fill(undefined)), weights, params, status: 'unknown-shape' });
    }
    try {
      const shapes = rule.outputs(ctx);
      const cost = rule.cost?.(ctx, shapes) ?? { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
      return record({ outputs: outTensors(shapes), weights, params, cost: { ...cost, params: params ?? Poly.ZERO }, status: 'ok' });
    } catch (e) {
      if (e instanceof ShapeError || e instanceof RangeError) {
        this.diag('error', 'shape-mismatch', MESSAGES.shapeError(layer.className, nodeName, e.message), nodeName);
        return record({ outputs: outTensors(new Array<undefined>(safeCount(rule, ctx)).fill(undefined)), weights, params, status: 'error' });
      }
      if (e instanceof UnknownShapeError) {
        this.diag('info', 'unknown-shape', MESSAGES.unknownShape(nodeName), nodeName);
        return record({ outputs: outTensors(new Array<undefined>(safeCount(rule, ctx)).fill(undefined)), weights, params, status: 'unknown-shape' });
      }
      throw e;
    }
  }

  private weight(layer: string, w: WeightSpec, variableDtype: string, layerTrainable: boolean): KerasWeight {
    const elements = numElements(w.shape);
    const dtype = w.dtype ?? variableDtype;
    return { name: `${layer}/${w.name}`, layer, shape: w.shape, dtype, trainable: w.trainable && layerTrainable, elements, bytes: bytesOf(elements, dtype) };
  }
}

function safeCount(rule: { outputCount?: (c: LayerCall) => number }, ctx: LayerCall): number {
  try {
    return rule.outputCount?.(ctx) ?? 1;
  } catch {
    return 1;
  }
}

/** Walk a model: shapes, weights and cost of every layer call. */
export function walkModel(model: ModelSpec, opts: WalkOptions): GraphResult {
  const w = new Walker(opts);
  const outputs = w.runModel(model, undefined, '', model.trainable);
  return w.result(outputs);
}
