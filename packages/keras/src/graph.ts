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
  dict,
  own,
} from '@modelcost/core';
import { KerasImportError } from './errors.js';
import { MESSAGES, quote } from './messages.js';
import { ruleFor } from './layers/index.js';
import { ShapeError, UnknownShapeError, type LayerCall, type LayerRule, type TensorType, type WeightSpec } from './layers/rule.js';
import type { CallSpec, LayerSpec, ModelSpec, TensorRef } from './read/formats.js';

/** A tensor flowing between layers. `shape` undefined: unknown (downstream of an unsupported layer). */
export interface KerasTensor extends TensorType {
  readonly name: string;
  readonly shape: readonly Dim[] | undefined;
  readonly dtype: string;
  /** Bytes of the tensor, computed once when the walk made it (0 when the shape is unknown). */
  readonly bytes?: Poly;
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
  return DTYPE_BITS[own(KERAS_DTYPES, dtype) ?? 'float32'];
}

/** Bytes of `elements` values of `dtype` (sub-byte types packed, rounded up). */
export function bytesOf(elements: Poly, dtype: string): Poly {
  const bits = dtypeBits(dtype);
  return bits % 8 === 0 ? elements.mul(bits / 8) : elements.mul(bits).ceilDiv(8);
}

/** Bytes of a tensor (cached on the tensors the walk makes). */
export function tensorBytes(t: KerasTensor): Poly {
  return t.bytes ?? (t.shape ? bytesOf(numElements(t.shape), t.dtype) : Poly.ZERO);
}

const isFloat = (d: string): boolean => d.startsWith('float') || d === 'bfloat16' || d === 'half' || d === 'double';

/** A name usable as a symbol: letters, digits and underscores. */
function symbolName(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(t) ? t : `_${t}`;
}

/** A reference resolved to a call: the layer and the call's position in `calls`. */
interface Target {
  readonly layer: LayerSpec;
  readonly index: number;
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

/** What the helpers of one call need to know of it. */
interface CallSite {
  readonly layer: LayerSpec;
  readonly nodeName: string;
  readonly computeDtype: string;
  /** Positional then keyword tensor inputs. */
  readonly inputs: readonly KerasTensor[];
}

const NO_KWARGS: Record<string, KerasTensor[]> = Object.freeze({}) as Record<string, KerasTensor[]>;
const ZERO_COST: OpCost = { macs: Poly.ZERO, flops: Poly.ZERO, params: Poly.ZERO };
const unknownTensor = (name: string): KerasTensor => ({ name, shape: undefined, dtype: 'float32' });

/** A rule's result for one call signature (see Walker.ruleKey), reused by identical calls. */
interface RuleResult {
  readonly shapes: readonly (readonly Dim[])[];
  readonly outBytes: readonly Poly[];
  readonly macs: Poly;
  readonly flops: Poly;
  /** Bytes read and written by the kept call (the same inputs, the same weight shapes). */
  readonly io: { readonly read: Poly; readonly written: Poly };
  /** The weights a first build creates (names relative to the layer); absent when kept from a built layer. */
  readonly weights?: readonly { readonly name: string; readonly shape: readonly Dim[]; readonly dtype: string; readonly specTrainable: boolean; readonly elements: Poly; readonly bytes: Poly }[];
  readonly params?: Poly;
}

const STATUS_RANK: Readonly<Record<LayerCallResult['status'], number>> = { ok: 0, 'unknown-shape': 1, error: 2, unsupported: 3 };

class Walker {
  private readonly calls: LayerCallResult[] = [];
  private readonly nestedMemo = new Map<ModelSpec, Map<string, NestedMemo>>();
  private readonly ruleCache = new Map<string, RuleResult>();
  private readonly budget: WorkBudget;
  private readonly weights: KerasWeight[] = [];
  private readonly diagnostics: ReportDiagnostic[] = [];
  private readonly layerWeights = new Map<LayerSpec, readonly KerasWeight[]>();
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
    type Outputs = readonly (KerasTensor | undefined)[];
    // Outputs of each call, by layer and call position (an InputLayer's tensor at 0). Most layers
    // have one call: those take one map entry, no array.
    const first = new Map<LayerSpec, Outputs>();
    const later = new Map<LayerSpec, (Outputs | undefined)[]>();
    const get = (t: Target): Outputs | undefined => (t.index === 0 ? first.get(t.layer) : later.get(t.layer)?.[t.index]);
    const set = (t: Target, outs: Outputs): void => {
      if (t.index === 0) {
        first.set(t.layer, outs);
        return;
      }
      let list = later.get(t.layer);
      if (!list) later.set(t.layer, (list = []));
      list[t.index] = outs;
    };
    const byName = new Map(model.layers.map((l) => [l.name, l]));
    const isSource = (l: LayerSpec): boolean => l.className === 'InputLayer' && l.calls.length === 0;
    /** The call a reference names: its layer and the call's position in `calls`. */
    const target = (r: TensorRef, io: boolean, who: string): Target => {
      const layer = byName.get(r.layer);
      if (!layer) throw new KerasImportError(file, 'bad-config', MESSAGES.unknownRef(file, who, `[${quote(r.layer)}, ${r.node}, ${r.tensor}]`));
      if (isSource(layer)) return { layer, index: 0 };
      const offset = (io ? layer.callOffset?.io : layer.callOffset?.inbound) ?? 0;
      const index = r.node - offset;
      if (!layer.calls[index])
        throw new KerasImportError(file, 'bad-config', MESSAGES.unknownRef(file, who, `call ${r.node} of layer ${quote(r.layer)} (it has ${layer.calls.length}${offset ? `, numbered from ${offset}` : ''})`));
      return { layer, index };
    };
    if (bound) {
      if (bound.length !== model.inputs.length)
        this.diag('error', 'nested-inputs', `model ${quote(model.name)} takes ${model.inputs.length} inputs, called with ${bound.length}`, prefix.replace(/\/$/, ''));
      model.inputs.forEach((r, i) => set(target(r, true, 'input_layers'), [bound[i]]));
    } else {
      for (const r of model.inputs) {
        const t = target(r, true, 'input_layers');
        if (!get(t)) {
          const x = this.inputTensor(t.layer);
          this.topInputs.push(x);
          set(t, [x]);
        }
      }
    }
    // Depth-first with an explicit stack (a 300k-layer model listed in reverse order must not recurse):
    // a call runs once every call it reads has run; a call met again while it waits is a cycle.
    const stack: Target[] = [];
    const waitKey = new Map<LayerSpec, Set<number>>();
    const isWaiting = (t: Target): boolean => waitKey.get(t.layer)?.has(t.index) === true;
    const wait = (t: Target, on: boolean): void => {
      let w = waitKey.get(t.layer);
      if (!on) {
        w?.delete(t.index);
        return;
      }
      if (!w) waitKey.set(t.layer, (w = new Set()));
      w.add(t.index);
    };
    const produce = (start: Target): Outputs => {
      stack.push(start);
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        if (get(top)) {
          stack.pop();
          continue;
        }
        if (isSource(top.layer)) {
          const x = this.inputTensor(top.layer);
          if (!bound) this.topInputs.push(x);
          set(top, [x]);
          stack.pop();
          continue;
        }
        const call = top.layer.calls[top.index]!;
        let pending = false;
        for (const r of call.args) pending = this.push(stack, target(r, false, top.layer.name), get, isWaiting, top, file) || pending;
        for (const rs of Object.values(call.kwargRefs)) for (const r of rs) pending = this.push(stack, target(r, false, top.layer.name), get, isWaiting, top, file) || pending;
        if (pending) {
          wait(top, true);
          continue;
        }
        const resolve = (r: TensorRef): KerasTensor | undefined => get(target(r, false, top.layer.name))![r.tensor];
        const args = call.args.map(resolve);
        const kw = dict<(KerasTensor | undefined)[]>();
        for (const [name, rs] of Object.entries(call.kwargRefs)) kw[name] = rs.map(resolve);
        set(top, this.runCall(top.layer, call, args, kw, prefix, trainable));
        wait(top, false);
        stack.pop();
      }
      return get(start)!;
    };
    for (const l of model.layers) {
      if (isSource(l)) continue;
      for (let i = 0; i < l.calls.length; i++) produce({ layer: l, index: i });
    }
    return model.outputs.map((r) => {
      const t = produce(target(r, true, 'output_layers'))[r.tensor];
      return t ?? { name: `${prefix}${r.layer}:${r.tensor}`, shape: undefined, dtype: 'float32' };
    });
  }

  /** Push `dep` when it has not run yet; a dependency that is itself waiting (or the caller) is a cycle. */
  private push(stack: Target[], dep: Target, get: (t: Target) => unknown, isWaiting: (t: Target) => boolean, from: Target, file: string): boolean {
    if (get(dep)) return false;
    if (isWaiting(dep) || (dep.layer === from.layer && dep.index === from.index)) throw new KerasImportError(file, 'bad-config', MESSAGES.cycle(file, from.layer.name));
    stack.push(dep);
    return true;
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
    const args = rawArgs.every((t) => t !== undefined) ? (rawArgs as readonly KerasTensor[]) : rawArgs.map((t, i) => t ?? unknownTensor(`?${i}`));
    let kwargInputs: Record<string, KerasTensor[]> = NO_KWARGS;
    let inputsAll = args;
    for (const k in rawKw) {
      if (kwargInputs === NO_KWARGS) kwargInputs = dict();
      kwargInputs[k] = rawKw[k]!.map((t, i) => t ?? unknownTensor(`?${k}${i}`));
    }
    if (kwargInputs !== NO_KWARGS) inputsAll = [...args, ...Object.values(kwargInputs).flat()];
    const base = prefix ? `${prefix}${layer.name}` : layer.name;
    // Names are unique within a model and a nested model's calls have their own prefix, so only a
    // layer called more than once needs counting (`layer#2`, `layer#3`...).
    let count = 0;
    if (layer.calls.length > 1) {
      count = this.callCounts.get(base) ?? 0;
      this.callCounts.set(base, count + 1);
    }
    const nodeName = count === 0 ? base : `${base}#${count + 1}`;
    const layerTrainable = trainable && layer.config['trainable'] !== false;
    this.budget.node(1, nodeName);

    if (layer.model) return this.runNested(layer, layer.model, args, nodeName, layerTrainable && layer.model.trainable);

    const policy = layer.config['dtype'] === undefined ? undefined : parsePolicy(layer.config['dtype']);
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
    const site: CallSite = { layer, nodeName, computeDtype, inputs: inputsAll };

    if (!rule) {
      this.diag('warning', 'unsupported-layer', MESSAGES.unsupportedLayer(layer.className, layer.name), nodeName);
      return this.record(site, { outputs: this.outTensors(site, [undefined]), weights: [], params: undefined, status: 'unsupported' });
    }

    const built = this.layerWeights.has(layer);
    const key = this.ruleKey(layer, call, inputsAll, kwargInputs);
    const hit = key === undefined ? undefined : this.ruleCache.get(key);
    if (hit && (built || hit.weights)) return this.reuseRule(site, hit, base, layerTrainable, built);
    const diagnosticsBefore = this.diagnostics.length;

    // Weights once per layer object (a shared layer is built by its first call).
    let weights: KerasWeight[] = [];
    let specs: readonly WeightSpec[] = [];
    let params: Poly | undefined = Poly.ZERO;
    if (!built) {
      try {
        specs = rule.weights?.(ctx) ?? [];
        weights = specs.map((w) => this.weight(base, w, variableDtype, layerTrainable));
        for (const w of weights) params = params.add(w.elements);
      } catch (e) {
        if (e instanceof UnknownShapeError) {
          params = undefined;
          this.diag('warning', 'params-unknown', MESSAGES.paramsUnknown(nodeName), nodeName);
        } else if (e instanceof ShapeError) {
          params = undefined;
          this.diag('error', 'shape-mismatch', MESSAGES.shapeError(layer.className, nodeName, e.message), nodeName);
          return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: 'error' });
        } else throw e;
      }
    }

    if (inputsAll.some((t) => !t.shape)) {
      this.diag('info', 'unknown-shape', MESSAGES.unknownShape(nodeName), nodeName);
      return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: 'unknown-shape' });
    }
    try {
      const shapes = rule.outputs(ctx);
      const cost = rule.cost?.(ctx, shapes) ?? ZERO_COST;
      const outputs = this.outTensors(site, shapes);
      // A rule that said nothing: its result holds for every call of the same class, config and inputs.
      const recorded = this.record(site, { outputs, weights, params, cost: { macs: cost.macs, flops: cost.flops, params: params ?? Poly.ZERO }, status: 'ok' });
      if (key !== undefined && params !== undefined && this.diagnostics.length === diagnosticsBefore && !this.ruleCache.has(key)) {
        const c = this.calls[this.calls.length - 1]!;
        this.ruleCache.set(key, {
          shapes,
          outBytes: outputs.map((t) => t.bytes ?? Poly.ZERO),
          macs: cost.macs,
          flops: cost.flops,
          io: { read: c.bytesRead, written: c.bytesWritten },
          ...(built ? {} : { weights: weights.map((w, i) => ({ name: specs[i]!.name, shape: w.shape, dtype: w.dtype, specTrainable: specs[i]!.trainable, elements: w.elements, bytes: w.bytes })), params }),
        });
      }
      return recorded;
    } catch (e) {
      if (e instanceof ShapeError || e instanceof RangeError) {
        this.diag('error', 'shape-mismatch', MESSAGES.shapeError(layer.className, nodeName, e.message), nodeName);
        return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: 'error' });
      }
      if (e instanceof UnknownShapeError) {
        this.diag('info', 'unknown-shape', MESSAGES.unknownShape(nodeName), nodeName);
        return this.record(site, { outputs: this.unknownOutputs(site, rule, ctx), weights, params, status: 'unknown-shape' });
      }
      throw e;
    }
  }

  /**
   * The key under which a call's rule result is kept: class, config but for its name, input dtypes
   * and shapes, keyword tensors' names and the other keyword arguments. Undefined when an input
   * shape is unknown (such calls are not kept).
   */
  private ruleKey(layer: LayerSpec, call: CallSpec, inputs: readonly KerasTensor[], kwargInputs: Readonly<Record<string, readonly KerasTensor[]>>): string | undefined {
    let sig = '';
    for (const t of inputs) {
      if (!t.shape) return undefined;
      sig += `${t.dtype}[${t.shape.map((d) => (typeof d === 'number' ? String(d) : dimToString(d))).join(',')}]`;
    }
    const { name: _name, ...config } = layer.config;
    let kw = '';
    for (const k in kwargInputs) kw += `${k},`;
    for (const _k in call.kwargs) {
      kw += JSON.stringify(call.kwargs);
      break;
    }
    return `${layer.className}\u0000${JSON.stringify(config)}\u0000${sig}\u0000${kw}`;
  }

  /** A call whose rule result is kept: the same shapes and cost, this layer's own weights (when not built). */
  private reuseRule(site: CallSite, hit: RuleResult, base: string, layerTrainable: boolean, built: boolean): KerasTensor[] {
    const weights: KerasWeight[] = built
      ? []
      : hit.weights!.map((w) => ({ name: `${base}/${w.name}`, layer: base, shape: w.shape, dtype: w.dtype, trainable: w.specTrainable && layerTrainable, elements: w.elements, bytes: w.bytes }));
    const params = built ? Poly.ZERO : hit.params!;
    const outputs = hit.shapes.map((s, i): KerasTensor => ({ name: i === 0 ? site.nodeName : `${site.nodeName}:${i}`, shape: s, dtype: site.computeDtype, bytes: hit.outBytes[i]! }));
    // Same inputs and weight shapes as the call that was kept: the same bytes.
    return this.record(site, { outputs, weights, params, cost: { macs: hit.macs, flops: hit.flops, params }, status: 'ok' }, hit.io);
  }

  /** The output tensors of a call, each with its bytes computed once. */
  private outTensors(site: CallSite, shapes: readonly ((readonly Dim[]) | undefined)[]): KerasTensor[] {
    return shapes.map((s, i) => ({ name: i === 0 ? site.nodeName : `${site.nodeName}:${i}`, shape: s, dtype: site.computeDtype, bytes: s ? bytesOf(numElements(s), site.computeDtype) : Poly.ZERO }));
  }

  private unknownOutputs(site: CallSite, rule: LayerRule, ctx: LayerCall): KerasTensor[] {
    return this.outTensors(site, new Array<undefined>(safeCount(rule, ctx)).fill(undefined));
  }

  /**
   * Record a call: bytes read (inputs, then the layer's weights), bytes written, its weights once.
   * `io` gives both byte counts when a kept rule result already has them.
   */
  private record(site: CallSite, r: Pick<LayerCallResult, 'outputs' | 'weights' | 'params' | 'cost' | 'status'>, io?: { read: Poly; written: Poly }): KerasTensor[] {
    let read: Poly;
    let written: Poly;
    if (io) ({ read, written } = io);
    else {
      // Weight bytes are constants: sum them first, so the (often symbolic) input bytes take one addition.
      read = Poly.ZERO;
      for (const w of this.layerWeights.get(site.layer) ?? r.weights) read = read.add(w.bytes);
      for (const t of site.inputs) read = read.add(tensorBytes(t));
      written = Poly.ZERO;
      for (const t of r.outputs) written = written.add(tensorBytes(t));
    }
    this.calls.push({
      name: site.nodeName,
      layer: site.layer.name,
      className: site.layer.className,
      inputs: site.inputs,
      bytesRead: read,
      bytesWritten: written,
      outputs: r.outputs,
      weights: r.weights,
      params: r.params,
      ...(r.cost ? { cost: r.cost } : {}),
      status: r.status,
    });
    for (const w of r.weights) this.weights.push(w);
    if (!this.layerWeights.has(site.layer)) this.layerWeights.set(site.layer, r.weights);
    return r.outputs as KerasTensor[];
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
