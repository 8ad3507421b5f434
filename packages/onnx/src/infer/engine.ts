/**
 * Shape inference and costing over a whole ONNX model: values flow in topological order through the
 * op rules of the registry; sub-graphs (If/Loop/Scan) and model-local functions are inferred in nested
 * scopes; every node ends with output values, a cost, or an entry under unsupported ops. Errors are
 * collected per node as diagnostics and the walk goes on.
 */
import { bindDim, DTYPE_BITS, numElements, Poly, SizeFacts, UnknownDims, unifyDim, dimToString, type Convention, type Dim, type DType, type SizeConstraint, type Weight } from '@modelcost/core';
import { NodeContext, UnknownRank, type EngineServices, type SubgraphResult } from './context.js';
import { InferenceError } from './errors.js';
import { normDomain, type Attr, type FunctionDef, type GraphDef, type ModelDef, type NodeDef, type TypeInfo } from './model.js';
import { ParamLedger } from './params.js';
import type { RuleEntry, OpRule } from './rule.js';
import { isTensor, tensorVal, valToString, type TensorVal, type Val } from './values.js';

/** A diagnostic, as in the Report contract. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly node?: string;
  readonly message: string;
}

/** Exact per-node cost after inference. */
export interface NodeCost {
  readonly macs: Poly;
  readonly flops: Poly;
  readonly params: Poly;
  readonly bytesRead: Poly;
  readonly bytesWritten: Poly;
}

/** One node after inference. Nodes of sub-graphs and inlined functions appear with `/`-joined names. */
export interface InferredNode {
  readonly name: string;
  readonly op: string;
  readonly domain: string;
  readonly inputs: readonly { readonly name: string; readonly value: Val | undefined; readonly isWeight: boolean }[];
  readonly outputs: readonly { readonly name: string; readonly value: Val | undefined }[];
  /** Undefined when the op has no rule (unsupported) or its cost could not be computed (see `status`). */
  readonly cost?: NodeCost;
  /** Weight elements the node consumes as data (counted once per weight), known whatever the status. */
  readonly params: Poly;
  /** `ok`, `unsupported` (no rule), `error` (inference failed), `unknown-shape` (inputs' ranks unknown). */
  readonly status: 'ok' | 'unsupported' | 'error' | 'unknown-shape';
  /** How many times the node runs per model call (Loop trip count; 0 for an If branch not taken). */
  readonly multiplicity: Poly;
  /** Nesting path of the sub-graph or function call the node belongs to ('' at top level). */
  readonly scope: string;
  /** The function calls and control-flow nodes the node is nested in, outermost first (absent at top level). */
  readonly enclosing?: readonly EnclosingNode[];
  /** The node's `metadata_props`, when it has any. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A node that holds others: a call of a model-local function, or an If / Loop / Scan with sub-graphs. */
export interface EnclosingNode {
  /** Its name as the file writes it (`''` when it has none). */
  readonly name: string;
  readonly op: string;
  /** `domain::name` of the function, for a function call. */
  readonly fn?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Options for {@link inferModel}. */
export interface InferOptions {
  /** Shape overrides for graph inputs (`--input name=1x3x224x224`). */
  readonly inputShapes?: ReadonlyMap<string, readonly Dim[]>;
  /** Known contents of graph inputs (conformance tests feed their small input tensors here). */
  readonly inputValues?: ReadonlyMap<string, Val>;
  /** Counting convention (default `macs+flops`). */
  readonly convention?: Convention;
  /** Bound upper limit of nodes processed, sub-graphs included (robustness against hostile files). Default 5,000,000. */
  readonly maxNodes?: number;
  /** The user's symbol values (`--dim`): inference consults them for signs the symbols leave open (Slice bounds). */
  readonly dims?: Readonly<Record<string, number>>;
  /** Symbol values that `--input` shapes fix (`past=511`): substituted into every graph input that shares them. */
  readonly inputBindings?: ReadonlyMap<string, number>;
}

/** Result of {@link inferModel}. */
export interface InferResult {
  readonly nodes: readonly InferredNode[];
  readonly inputs: readonly { readonly name: string; readonly value: Val | undefined }[];
  readonly outputs: readonly { readonly name: string; readonly value: Val | undefined }[];
  readonly diagnostics: readonly Diagnostic[];
  /** Weights counted as params, each once (see infer/params.ts for the rule). */
  readonly paramWeights: readonly Weight[];
  /** Constant tensors that are not params (masks, tables, shape arithmetic), each once. */
  readonly constantWeights: readonly Weight[];
  /** Conditions inference assumed to decide signs (each poly >= 0): a binding must keep them. */
  readonly conditions: readonly SizeConstraint[];
  /** Every weight in the main graph, counted or not (constants included). */
  readonly weights: readonly Weight[];
  /** Weights no node reads (in `paramWeights` or `constantWeights` by the rule). */
  readonly unusedParams: readonly Weight[];
}

/** Lookup of rules by domain, op type and opset version. */
export class RuleTable {
  private readonly byKey = new Map<string, RuleEntry[]>();
  constructor(entries: readonly RuleEntry[]) {
    for (const e of entries) {
      const k = `${normDomain(e.domain)}::${e.op}`;
      const list = this.byKey.get(k) ?? [];
      list.push(e);
      this.byKey.set(k, list);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => b.since - a.since);
  }
  /** The rule for `op` in `domain` at opset `version`, or undefined. */
  find(domain: string, op: string, version: number): OpRule | undefined {
    const list = this.byKey.get(`${normDomain(domain)}::${op}`);
    if (!list) return undefined;
    for (const e of list) if (e.since <= version && (e.until === undefined || version <= e.until)) return e.rule;
    // The model stamps an opset older than the op's first version (some exporters do): counting it with
    // the oldest rule we have beats calling a well-known op unsupported.
    return list[list.length - 1]!.rule;
  }
  /** Every registered (domain, op) key. */
  keys(): string[] {
    return [...this.byKey.keys()];
  }
}

interface Scope {
  readonly values: Map<string, Val | undefined>;
  readonly parent?: Scope;
  readonly opsets: ReadonlyMap<string, number>;
  readonly path: string;
  readonly multiplicity: Poly;
  readonly valueInfo: ReadonlyMap<string, TypeInfo | undefined>;
  /** The nodes this scope is nested in, outermost first (absent at top level). */
  readonly enclosing?: readonly EnclosingNode[];
}

/** The module-scope fields of a node's entry: what encloses it and its metadata. */
function placement(node: NodeDef, scope: Scope): Pick<InferredNode, 'enclosing' | 'metadata'> {
  return { ...(scope.enclosing ? { enclosing: scope.enclosing } : {}), ...(node.metadata ? { metadata: node.metadata } : {}) };
}

function enclosed(scope: Scope, e: EnclosingNode): readonly EnclosingNode[] {
  return scope.enclosing ? [...scope.enclosing, e] : [e];
}

function lookup(scope: Scope | undefined, name: string): { found: boolean; value: Val | undefined } {
  for (let s = scope; s; s = s.parent) if (s.values.has(name)) return { found: true, value: s.values.get(name) };
  return { found: false, value: undefined };
}

const DEFAULT_MAX_NODES = 5_000_000;

const bytesCache = new WeakMap<Val, Poly>();

/** Bytes of a value (0 when its shape is unknown; sequences count their known items). Memoised per value. */
export function valBytes(v: Val | undefined): Poly {
  if (!v) return Poly.ZERO;
  const hit = bytesCache.get(v);
  if (hit) return hit;
  let b: Poly;
  switch (v.kind) {
    case 'tensor': {
      if (!v.shape) b = Poly.ZERO;
      else {
        const bits = DTYPE_BITS[v.dtype];
        const n = numElements(v.shape);
        b = bits % 8 === 0 ? n.mul(bits / 8) : n.mul(bits).ceilDiv(8);
      }
      break;
    }
    case 'sequence':
      b = (v.items ?? []).reduce((s, x) => s.add(valBytes(x)), Poly.ZERO);
      break;
    case 'optional':
      b = valBytes(v.elem);
      break;
    case 'map':
      b = Poly.ZERO;
  }
  bytesCache.set(v, b);
  return b;
}

/** Convert a declared type to a value, with fresh dims for unnamed unknown sizes. */
export function typeToVal(t: TypeInfo | undefined, fresh: () => Dim): Val | undefined {
  if (!t) return undefined;
  switch (t.kind) {
    case 'tensor':
    case 'sparse_tensor':
      return tensorVal(t.elemType, t.shape?.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? Poly.sym(d) : fresh())));
    case 'sequence':
      return { kind: 'sequence', elem: typeToVal(t.elem, fresh) };
    case 'map':
      return { kind: 'map', keyType: t.keyType, value: typeToVal(t.value, fresh) };
    case 'optional':
      return { kind: 'optional', elem: typeToVal(t.elem, fresh) };
  }
}

/** Infer shapes and costs of every node of a model. Never throws on bad models: problems become diagnostics. */
export function inferModel(model: ModelDef, rules: RuleTable, options: InferOptions = {}): InferResult {
  return new Engine(model, rules, options).run();
}

class Engine {
  private readonly unknown = new UnknownDims();
  private readonly nodes: InferredNode[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  /** Params and constants: every weight that appeared (initializers of all scopes, Constant-made tensors). */
  private readonly ledger = new ParamLedger();
  private readonly facts: SizeFacts;
  private readonly functions = new Map<string, FunctionDef>();
  private readonly dataDependentNames = new Set<string>();
  private currentNode = '';
  private processed = 0;
  private readonly maxNodes: number;

  constructor(
    private readonly model: ModelDef,
    private readonly rules: RuleTable,
    private readonly options: InferOptions,
  ) {
    this.maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
    this.facts = new SizeFacts(options.dims);
    for (const f of model.functions) this.functions.set(`${normDomain(f.domain)}::${f.name}`, f);
  }

  run(): InferResult {
    const g = this.model.graph;
    const values = new Map<string, Val | undefined>();
    const weights: Weight[] = [];
    for (const w of g.initializers) {
      values.set(w.name, weightVal(w));
      weights.push(w);
      this.ledger.created(w, 'initializer');
    }
    const inputs: { name: string; value: Val | undefined }[] = [];
    for (const vi of g.inputs) {
      if (values.has(vi.name)) continue; // IR < 4: initializers are listed as inputs too; the initializer wins.
      let v = this.options.inputValues?.get(vi.name) ?? typeToVal(vi.type, () => this.unknown.fresh());
      const override = this.options.inputShapes?.get(vi.name);
      if (override) {
        if (isTensor(v)) {
          if (v.shape && v.shape.length !== override.length)
            this.diag('warning', 'input-override-rank', `--input ${vi.name}: rank ${override.length} given, the model declares rank ${v.shape.length}`);
          v = tensorVal(v.dtype, override, v.data);
        } else v = tensorVal('float32', override);
      } else if (this.options.inputBindings?.size && isTensor(v) && v.shape) {
        const bind = this.options.inputBindings;
        v = tensorVal(v.dtype, v.shape.map((d) => bindDim(d, bind)), v.data);
      }
      values.set(vi.name, v);
      inputs.push({ name: vi.name, value: v });
    }
    const scope: Scope = { values, opsets: this.model.opsets, path: '', multiplicity: Poly.ONE, valueInfo: valueInfoMap(g) };
    this.runGraph(g, scope);
    const outputs = g.outputs.map((o) => {
      const inferred = lookup(scope, o.name).value;
      return { name: o.name, value: this.crossCheck(o.name, inferred, o.type) };
    });
    // A stored weight that no node reads (an unused initializer, a Constant that is only a graph or
    // branch output) is still a weight of the file: it ships and is loaded. Counted by the rule, and said.
    const account = this.ledger.finish();
    const unused = account.unused;
    const asParams = new Set(account.params);
    if (unused.length) {
      const list = unused.slice(0, 5).map((w) => `${this.ledger.label(w)} (${asParams.has(w) ? 'param' : 'constant'})`);
      this.diag('info', 'unused-initializer', `${unused.length} weight${unused.length === 1 ? '' : 's'} read by no node, still stored: ${list.join(', ')}${unused.length > 5 ? ', ...' : ''}`);
    }
    return {
      nodes: this.nodes,
      inputs,
      outputs,
      diagnostics: this.diagnostics,
      paramWeights: account.params,
      constantWeights: account.constants,
      conditions: this.facts.conditions,
      weights,
      unusedParams: unused.filter((w) => asParams.has(w)),
    };
  }

  private diag(severity: Diagnostic['severity'], code: string, message: string, node?: string): void {
    const d: Diagnostic = node !== undefined && node !== '' ? { severity, code, node, message } : { severity, code, message };
    this.diagnostics.push(d);
  }

  /** Merge an inferred value with a declared type: declared info fills unknowns; different numbers are a conflict. */
  private crossCheck(name: string, inferred: Val | undefined, declared: TypeInfo | undefined): Val | undefined {
    if (!declared) return inferred;
    const decl = typeToVal(declared, () => this.unknown.fresh());
    if (!inferred) return decl;
    if (!isTensor(inferred) || !isTensor(decl)) return inferred;
    if (!inferred.shape) return decl && isTensor(decl) ? tensorVal(inferred.dtype, decl.shape, inferred.data, inferred.weight) : inferred;
    if (!decl.shape) return inferred;
    if (decl.shape.length !== inferred.shape.length) {
      this.diag('warning', 'value-info-conflict', `${name}: inferred ${valToString(inferred)}, the file declares ${valToString(decl)}`, this.currentNode);
      return inferred;
    }
    let changed = false;
    const merged = inferred.shape.map((d, i) => {
      const u = unifyDim(d, decl.shape![i]!);
      if (u.conflict) {
        this.diag('warning', 'value-info-conflict', `${name}: axis ${i} inferred ${dimToString(d)}, the file declares ${dimToString(decl.shape![i]!)}`, this.currentNode);
        return d;
      }
      if (u.dim !== d) changed = true;
      return u.dim;
    });
    return changed ? tensorVal(inferred.dtype, merged, inferred.data, inferred.weight) : inferred;
  }

  private runGraph(g: GraphDef, scope: Scope): void {
    // SSA: a name produced twice makes every later reader see the last producer only.
    const seen = new Set<string>();
    for (const n of g.nodes)
      for (const o of n.outputs) {
        if (o === '') continue;
        if (seen.has(o)) this.diag('warning', 'duplicate-output', `value '${o}' is produced by more than one node: readers see the last one`, n.name || n.opType);
        seen.add(o);
      }
    for (const node of topoOrder(g.nodes, (msg) => this.diag('warning', 'graph-cycle', msg))) this.runNode(node, scope);
  }

  private runNode(node: NodeDef, scope: Scope): void {
    if (++this.processed > this.maxNodes) {
      if (this.processed === this.maxNodes + 1) this.diag('error', 'too-many-nodes', `more than ${this.maxNodes} nodes (sub-graphs included): the rest were not analysed`);
      return;
    }
    const domain = normDomain(node.domain);
    const name = scope.path ? `${scope.path}/${node.name || node.opType}` : node.name || node.opType;
    this.currentNode = name;
    const ins = node.inputs.map((n) => (n === '' ? undefined : lookup(scope, n).value));
    for (let i = 0; i < node.inputs.length; i++) {
      const n = node.inputs[i]!;
      if (n !== '' && !lookup(scope, n).found) this.diag('warning', 'missing-input', `input ${i} '${n}' is produced by no node, graph input or initializer`, name);
    }

    const fn = this.functions.get(`${domain}::${node.opType}`);
    const version = scope.opsets.get(domain) ?? (domain === '' ? 1 : 1);
    const rule = fn ? undefined : this.rules.find(domain, node.opType, version);
    const setOutputs = (vals: readonly (Val | undefined)[]): { name: string; value: Val | undefined }[] =>
      node.outputs.map((o, i) => {
        const v = o === '' ? undefined : this.crossCheck(o, vals[i], scope.valueInfo.get(o));
        if (o !== '') scope.values.set(o, v);
        return { name: o, value: v };
      });
    const inputsOut = node.inputs.map((n, i) => ({ name: n, value: ins[i], isWeight: isTensor(ins[i]) && ins[i]!.kind === 'tensor' && (ins[i] as TensorVal).weight !== undefined }));

    if (fn) {
      const outs = this.inlineFunction(fn, node, ins, name, scope);
      setOutputs(outs);
      return;
    }
    if (!rule) {
      const outputs = setOutputs([]);
      this.nodes.push({ name, op: node.opType, domain, inputs: inputsOut, outputs, params: this.ledger.charge(undefined, ins), status: 'unsupported', multiplicity: scope.multiplicity, scope: scope.path, ...placement(node, scope) });
      this.diag('warning', 'unsupported-op', `no rule for ${domain ? `${domain}.` : ''}${node.opType} (opset ${version}): its cost is not counted`, name);
      return;
    }

    const services: EngineServices = {
      kernelOptions: { convention: this.options.convention ?? 'macs+flops' },
      lookupValue: (n) => lookup(scope, n).value,
      freshDim: () => this.unknown.fresh(),
      dataDependentDim: (nodeName, tag) => this.dataDependentDim(nodeName, tag),
      warn: (code, message) => this.diag('warning', code, message, name),
      note: (code, message) => this.diag('info', code, message, name),
      facts: this.facts,
      inferSubgraph: (graph, subInputs, label, multiplicity) =>
        this.inferSubgraph(graph, subInputs, `${name}/${label}`, scope, scope.multiplicity.mul(multiplicity), enclosed(scope, { name: node.name, op: node.opType, ...(node.metadata ? { metadata: node.metadata } : {}) })),
    };
    const ctx = new NodeContext(node, version, ins, services);
    let status: InferredNode['status'] = 'ok';
    const mark = this.nodes.length;
    try {
      rule.infer(ctx);
    } catch (e) {
      status = this.inferFailure(e, name, node);
    }
    const outputs = setOutputs(status === 'ok' ? ctx.outputs() : []);
    for (const o of outputs) if (isTensor(o.value) && o.value.weight) this.ledger.created(o.value.weight, node.opType === 'Constant' ? 'constant-node' : 'generated', o.name);
    this.ledger.carry(node.opType, domain, ins, outputs.map((o) => o.value));
    const params = this.ledger.charge(rule, ins);
    let cost: NodeCost | undefined;
    if (status === 'ok') {
      try {
        cost = this.nodeCost(rule, ctx, params, ins, outputs.map((o) => o.value));
      } catch (e) {
        status = this.inferFailure(e, name, node);
      }
    }
    const entry: InferredNode = cost
      ? { name, op: node.opType, domain, inputs: inputsOut, outputs, cost, params, status, multiplicity: scope.multiplicity, scope: scope.path, ...placement(node, scope) }
      : { name, op: node.opType, domain, inputs: inputsOut, outputs, params, status, multiplicity: scope.multiplicity, scope: scope.path, ...placement(node, scope) };
    // The node itself goes before the sub-graph nodes it produced, keeping a readable order.
    this.nodes.splice(mark, 0, entry);
  }

  private inferFailure(e: unknown, name: string, node: NodeDef): InferredNode['status'] {
    if (e instanceof UnknownRank) {
      this.diag('info', 'unknown-shape', `(op ${node.opType}, node ${name}) ${e.message}: output shapes and cost unknown`, name);
      return 'unknown-shape';
    }
    if (e instanceof InferenceError) {
      this.diag('error', e.code, `(op ${node.opType}, node ${name}) ${e.message}`, name);
      return 'error';
    }
    if (e instanceof RangeError) {
      // Poly arithmetic (division by zero, non-integer sizes) on bad attribute values.
      this.diag('error', 'shape-error', `(op ${node.opType}, node ${name}) ${e.message}`, name);
      return 'error';
    }
    // A bug in a rule must not stop the report on the rest of the model: record it loudly.
    this.diag('error', 'internal-error', `(op ${node.opType}, node ${name}) internal error, please report: ${e instanceof Error ? e.message : String(e)}`, name);
    return 'error';
  }

  private nodeCost(rule: OpRule, ctx: NodeContext, params: Poly, ins: readonly (Val | undefined)[], outs: readonly (Val | undefined)[]): NodeCost {
    const rc = rule.cost(ctx);
    const bytesRead = rc.bytesRead ?? ins.reduce<Poly>((s, v) => s.add(valBytes(v)), Poly.ZERO);
    const bytesWritten = outs.reduce<Poly>((s, v) => s.add(valBytes(v)), Poly.ZERO);
    return { macs: rc.macs, flops: rc.flops, params, bytesRead, bytesWritten };
  }

  private dataDependentDim(nodeName: string, tag: string): Dim {
    const base = `${nodeName}_${tag}`.replace(/[^A-Za-z0-9_]/g, '_');
    let n = base;
    for (let i = 1; this.dataDependentNames.has(n); i++) n = `${base}_${i}`;
    this.dataDependentNames.add(n);
    return Poly.sym(n);
  }

  private inferSubgraph(graph: GraphDef, inputs: readonly (Val | undefined)[], path: string, parent: Scope, multiplicity: Poly, enclosing?: readonly EnclosingNode[]): SubgraphResult {
    const values = new Map<string, Val | undefined>();
    for (const w of graph.initializers) {
      values.set(w.name, weightVal(w));
      this.ledger.created(w, 'initializer');
    }
    graph.inputs.forEach((vi, i) => {
      const given = inputs[i];
      values.set(vi.name, given ?? typeToVal(vi.type, () => this.unknown.fresh()));
    });
    const scope: Scope = { values, parent, opsets: parent.opsets, path, multiplicity, valueInfo: valueInfoMap(graph), ...(enclosing ? { enclosing } : {}) };
    const saved = this.currentNode;
    this.runGraph(graph, scope);
    this.currentNode = saved;
    return { outputs: graph.outputs.map((o) => this.crossCheck(o.name, lookup(scope, o.name).value, o.type)) };
  }

  private inlineFunction(fn: FunctionDef, call: NodeDef, ins: readonly (Val | undefined)[], name: string, parent: Scope): (Val | undefined)[] {
    const values = new Map<string, Val | undefined>();
    fn.inputs.forEach((formal, i) => values.set(formal, ins[i]));
    // Attribute references resolve against the call, also inside the body's nested sub-graphs.
    const resolve = (attrs: Readonly<Record<string, Attr>>): Record<string, Attr> => {
      const out: Record<string, Attr> = {};
      for (const [k, a] of Object.entries(attrs)) {
        if (a.type === 'ref') {
          const actual = call.attributes[a.ref] ?? fn.attributeDefaults[a.ref];
          if (actual) out[k] = actual;
        } else if (a.type === 'graph') out[k] = { type: 'graph', value: resolveGraph(a.value) };
        else if (a.type === 'graphs') out[k] = { type: 'graphs', value: a.value.map(resolveGraph) };
        else out[k] = a;
      }
      return out;
    };
    const resolveGraph = (g: GraphDef): GraphDef => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, attributes: resolve(n.attributes) })) });
    const nodes = fn.nodes.map((n) => ({ ...n, attributes: resolve(n.attributes) }));
    const opsets = new Map(parent.opsets);
    for (const [d, v] of fn.opsets) opsets.set(normDomain(d), v);
    const fnKey = `${normDomain(fn.domain)}::${fn.name}`;
    const scope: Scope = {
      values, parent: undefined, opsets, path: name, multiplicity: parent.multiplicity, valueInfo: new Map(),
      enclosing: enclosed(parent, { name: call.name, op: call.opType, fn: fnKey, ...(call.metadata ? { metadata: call.metadata } : {}) }),
    };
    const saved = this.currentNode;
    for (const node of topoOrder(nodes, (msg) => this.diag('warning', 'graph-cycle', msg))) this.runNode(node, scope);
    this.currentNode = saved;
    return fn.outputs.map((o) => values.get(o));
  }
}

function valueInfoMap(g: GraphDef): Map<string, TypeInfo | undefined> {
  const m = new Map<string, TypeInfo | undefined>();
  for (const v of g.valueInfo) m.set(v.name, v.type);
  return m;
}

/** The value of a weight: its dims, dtype and (when small and decoded) contents. */
export function weightVal(w: Weight): TensorVal {
  return tensorVal(w.dtype as DType, w.dims, w.values?.map((x) => (typeof x === 'bigint' ? Number(x) : x)), w);
}

/**
 * Order nodes so each comes after the producers of its inputs (exporters such as OnnxMLTools and
 * PyTorch 1.x write unsorted graphs). Implicit inputs of sub-graphs count as dependencies. Cycles
 * are reported and broken in file order.
 */
export function topoOrder(nodes: readonly NodeDef[], onCycle: (msg: string) => void): NodeDef[] {
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.outputs.forEach((o) => o !== '' && producer.set(o, i)));
  const reads = nodes.map(nodeReads);
  // Fast path: already sorted (exporters write nodes in order), checked without building the sets.
  // (No value is produced under the name '', so an omitted input never counts as a dependency.)
  if (reads.every((names, i) => names.every((x) => (producer.get(x) ?? -1) < i))) return [...nodes];
  const deps = reads.map((names) => {
    const set = new Set<number>();
    for (const x of names) {
      const p = producer.get(x);
      if (p !== undefined) set.add(p);
    }
    return set;
  });
  const indeg = deps.map((d, i) => [...d].filter((p) => p !== i).length);
  const users: number[][] = nodes.map(() => []);
  deps.forEach((d, i) => d.forEach((p) => p !== i && users[p]!.push(i)));
  const heap = new MinHeap();
  indeg.forEach((d, i) => d === 0 && heap.push(i));
  const out: NodeDef[] = [];
  const done = new Uint8Array(nodes.length);
  // Smallest index first keeps file order among independent nodes (deterministic reports).
  while (out.length < nodes.length) {
    if (heap.size === 0) {
      const i = done.findIndex((d) => d === 0);
      onCycle(`node ${nodes[i]!.name || nodes[i]!.opType} is part of a cycle: processed in file order`);
      heap.push(i);
      indeg[i] = 0;
    }
    const i = heap.pop();
    if (done[i]) continue;
    done[i] = 1;
    out.push(nodes[i]!);
    for (const u of users[i]!) if (--indeg[u]! === 0 && !done[u]) heap.push(u);
  }
  return out;
}

/** Names a node reads: its inputs, and what its sub-graphs read from enclosing scopes. */
function nodeReads(n: NodeDef): readonly string[] {
  let extra: string[] | undefined;
  for (const k in n.attributes) {
    const a = n.attributes[k]!;
    if (a.type === 'graph') (extra ??= []).push(...subgraphFreeInputs(a.value));
    else if (a.type === 'graphs') for (const g of a.value) (extra ??= []).push(...subgraphFreeInputs(g));
  }
  return extra ? [...n.inputs, ...extra] : n.inputs;
}

/** Names a sub-graph reads from enclosing scopes (not produced inside it, not its inputs or initializers). */
export function subgraphFreeInputs(g: GraphDef): string[] {
  const local = new Set<string>([...g.inputs.map((i) => i.name), ...g.initializers.map((w) => w.name)]);
  for (const n of g.nodes) n.outputs.forEach((o) => local.add(o));
  const free = new Set<string>();
  for (const n of g.nodes) {
    n.inputs.forEach((x) => x !== '' && !local.has(x) && free.add(x));
    for (const a of Object.values(n.attributes)) {
      if (a.type === 'graph') subgraphFreeInputs(a.value).forEach((x) => !local.has(x) && free.add(x));
      else if (a.type === 'graphs') a.value.forEach((sg) => subgraphFreeInputs(sg).forEach((x) => !local.has(x) && free.add(x)));
    }
  }
  return [...free];
}

/** Binary min-heap of node indices. */
class MinHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  push(v: number): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= v) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
