/**
 * Shape inference and costing over a whole ONNX model: values flow in topological order through the
 * op rules of the registry; sub-graphs (If/Loop/Scan) and model-local functions are inferred in nested
 * scopes; every node ends with output values, a cost, or an entry under unsupported ops. Errors are
 * collected per node as diagnostics and the walk goes on.
 *
 * Work is proportional to the file, not to the program it unrolls to: each graph body (sub-graph or
 * function) is inferred once per distinct signature of what it sees (its inputs, the outer values it
 * reads, the call's attributes), and a repeat only adds to the multiplicity of the nodes already
 * inferred; a function that calls itself is an error naming the chain; and the whole model runs under
 * a {@link WorkBudget} (nodes inferred, constant data materialised, nesting, time) whose
 * {@link WorkLimitError} is the one thing that leaves {@link inferModel} by throwing.
 */
import {
  bindDim, DTYPE_BITS, numElements, Poly, SizeFacts, UnknownDims, unifyDim, dimToString, WorkBudget, WorkLimitError, type Convention, type Dim, type DType,
  type KernelOptions, type SizeConstraint, type Weight, type WorkLimits,
  dict,
  own,
  pushAll,
  NameTable,
} from '@modelcost/core';
import { NodeContext, UnknownRank, type EngineServices, type Induction, type SubgraphOptions, type SubgraphResult } from './context.js';
import { polyRecent, Recent, shareable, valRecent } from './intern.js';
import { InferenceError } from './errors.js';
import { OnnxImportError } from '../decode/errors.js';
import { mentions, substituteVal, sumOverIterations, valMentions } from './induction.js';
import { normDomain, type Attr, type FunctionDef, type GraphDef, type ModelDef, type NodeDef, type TypeInfo } from './model.js';
import { carriesWeight, ParamLedger } from './params.js';
import { INFER_MESSAGES } from '../messages.js';
import type { RuleEntry, OpRule } from './rule.js';
import { identityId, isTensor, tensorVal, valSignature, valToString, type TensorVal, type Val } from './values.js';

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

/**
 * One node after inference. Nodes of sub-graphs and function bodies appear with `/`-joined names,
 * once per distinct inference: a Loop body that every trip infers alike appears once with the trip
 * count as its multiplicity; a function called ten times with inputs of one signature appears once,
 * under the first call's name, with multiplicity 10.
 */
export interface InferredNode {
  readonly name: string;
  readonly op: string;
  readonly domain: string;
  /** The node's input names ('' for an omitted optional input), as in the file. */
  readonly inputNames: readonly string[];
  /** The value each input had (undefined: omitted or unknown); a new list on each read. */
  readonly inputValues: readonly (Val | undefined)[];
  /** The node's output names ('' for an output not requested). */
  readonly outputNames: readonly string[];
  /** The value inferred for each output; a new list on each read. */
  readonly outputValues: readonly (Val | undefined)[];
  /** Inputs as name/value pairs (built on each read: prefer `inputNames`/`inputValues` in loops). */
  readonly inputs: readonly { readonly name: string; readonly value: Val | undefined; readonly isWeight: boolean }[];
  /** Outputs as name/value pairs (built on each read). */
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
  /**
   * The work budget of this model, charged per node inferred (sub-graph bodies and function calls
   * included), per element of constant data materialised, and per nesting level. Default: a new
   * `WorkBudget(limits, file)`. Passing a limit throws {@link WorkLimitError} out of {@link inferModel}.
   */
  readonly budget?: WorkBudget;
  /** Limits of the budget made when `budget` is not given (core's `DEFAULT_WORK_LIMITS` where unset). */
  readonly limits?: WorkLimits;
  /** Names the model in a {@link WorkLimitError}. */
  readonly file?: string;
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
  /** Domain -> op type -> entries, newest first (two map lookups per node, no key string built). */
  private readonly byDomain = new Map<string, Map<string, RuleEntry[]>>();
  constructor(entries: readonly RuleEntry[]) {
    for (const e of entries) {
      const d = normDomain(e.domain);
      let ops = this.byDomain.get(d);
      if (!ops) this.byDomain.set(d, (ops = new Map()));
      const list = ops.get(e.op) ?? [];
      list.push(e);
      ops.set(e.op, list);
    }
    for (const ops of this.byDomain.values()) for (const list of ops.values()) list.sort((a, b) => b.since - a.since);
  }
  /** The rule for `op` in `domain` at opset `version`, or undefined. */
  find(domain: string, op: string, version: number): OpRule | undefined {
    const list = this.byDomain.get(normDomain(domain))?.get(op);
    if (!list) return undefined;
    for (const e of list) if (e.since <= version && (e.until === undefined || version <= e.until)) return e.rule;
    // The model stamps an opset older than the op's first version (some exporters do): counting it with
    // the oldest rule we have beats calling a well-known op unsupported.
    return list[list.length - 1]!.rule;
  }
  /** Every registered (domain, op) key, as `domain::op`. */
  keys(): string[] {
    const out: string[] = [];
    for (const [d, ops] of this.byDomain) for (const op of ops.keys()) out.push(`${d}::${op}`);
    return out;
  }
}

/** A slot no value was written to yet (unlike `undefined`, a value known to be unknown). */
const UNSET: unique symbol = Symbol('unset');

/**
 * The values of one graph (or function body) being inferred. Names map to slots once, when the graph
 * is planned (see {@link Engine.plan}): nodes then read and write their slots by index, so a graph of
 * 10^6 nodes builds one name table, not three.
 */
class Scope {
  readonly names = new NameTable();
  readonly slots: (Val | undefined | typeof UNSET)[] = [];
  /** The name of each slot. */
  readonly slotNames: string[] = [];
  constructor(
    readonly parent: Scope | undefined,
    readonly opsets: ReadonlyMap<string, number>,
    readonly path: string,
    readonly valueInfo: ReadonlyMap<string, TypeInfo | undefined>,
    /** The nodes this scope is nested in, outermost first (undefined at top level). */
    readonly enclosing?: readonly EnclosingNode[],
  ) {}

  /** The slot of `name`, made (unset) when new. */
  slot(name: string): number {
    const i = this.names.getOrSet(name, this.slots.length);
    if (i === this.slots.length) {
      this.slots.push(UNSET);
      this.slotNames.push(name);
    }
    return i;
  }

  /** Give `name` a new slot holding `v` (a name defined again: the later definition wins, as a map write would). */
  set(name: string, v: Val | undefined): void {
    this.names.set(name, this.slots.length);
    this.slots.push(v);
    this.slotNames.push(name);
  }

  /** True when `name` has a value here (not looking at enclosing scopes). */
  has(name: string): boolean {
    const i = this.names.get(name);
    return i !== undefined && this.slots[i] !== UNSET;
  }
}

function enclosed(scope: Scope, e: EnclosingNode): readonly EnclosingNode[] {
  return scope.enclosing ? [...scope.enclosing, e] : [e];
}

/** A node's `metadata_props` when it has any (a node the decoder made without metadata has an empty record). */
function metadataOf(node: NodeDef): Readonly<Record<string, string>> | undefined {
  const m = node.metadata;
  if (m) for (const _ in m) return m;
  return undefined;
}

/** The enclosing entry of a node that holds sub-graphs or calls a function. */
function enclosingOf(node: NodeDef, fn?: string): EnclosingNode {
  const metadata = metadataOf(node);
  return { name: node.name, op: node.opType, ...(fn ? { fn } : {}), ...(metadata ? { metadata } : {}) };
}

function lookup(scope: Scope | undefined, name: string): { found: boolean; value: Val | undefined } {
  for (let s = scope; s; s = s.parent) {
    const i = s.names.get(name);
    if (i === undefined) continue;
    const v = s.slots[i];
    if (v !== UNSET) return { found: true, value: v };
  }
  return { found: false, value: undefined };
}

/** How a graph's nodes run: their order, and the slot each input and output name has in the scope. */
interface Plan {
  /** Node indices in topological order. */
  readonly order: readonly number[];
  /** Slot of each node's inputs, flattened (node i's start at `inStart[i]`; -1: omitted or not in this scope). */
  readonly inSlots: Int32Array;
  readonly inStart: Int32Array;
  /** Same for outputs (-1: omitted). */
  readonly outSlots: Int32Array;
  readonly outStart: Int32Array;
}

/** The last few values whose bytes were computed (values are shared, see intern.ts: repeats are common). */
const BYTES_WAYS = 16;
const bytesVals: (Val | undefined)[] = new Array<Val | undefined>(BYTES_WAYS);
const bytesPolys: Poly[] = new Array<Poly>(BYTES_WAYS);
let bytesNext = 0;

/** Bytes of a value (0 when its shape is unknown; sequences count their known items). */
export function valBytes(v: Val | undefined): Poly {
  if (!v) return Poly.ZERO;
  for (let i = 0; i < BYTES_WAYS; i++) if (bytesVals[i] === v) return bytesPolys[i]!;
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
  bytesVals[bytesNext] = v;
  bytesPolys[bytesNext] = b;
  bytesNext = (bytesNext + 1) % BYTES_WAYS;
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

/**
 * Infer shapes and costs of every node of a model. Never throws on bad models: problems become
 * diagnostics. Throws {@link WorkLimitError} when the model costs more work than its budget allows.
 */
export function inferModel(model: ModelDef, rules: RuleTable, options: InferOptions = {}): InferResult {
  return new Engine(model, rules, options).run();
}

/**
 * A node as the engine records it. Its inputs and outputs are kept as the arrays inference built
 * (the pair objects of {@link InferredNode.inputs} are made only when asked for), and its
 * multiplicity is set once the whole model has been inferred.
 */
class NodeRecord implements InferredNode {
  multiplicity: Poly = Poly.ONE;
  /** Runs per run of its frame: 1, or the trip count summed into the cost (see SubgraphResult.sumOver). */
  times: Poly = Poly.ONE;
  /** Set when the model is flattened: weights are counted once, in report order, over the nodes kept. */
  params: Poly = Poly.ZERO;
  constructor(
    readonly name: string,
    readonly op: string,
    readonly domain: string,
    readonly inputNames: readonly string[],
    readonly outputNames: readonly string[],
    /** Input values, then output values: one array per node (10^6 nodes keep 2 * 10^6 objects fewer). */
    public vals: (Val | undefined)[],
    public cost: NodeCost | undefined,
    /** The rule that inferred the node (undefined: unsupported, or a call), for its weight positions. */
    readonly rule: OpRule | undefined,
    readonly status: InferredNode['status'],
    readonly scope: string,
    readonly enclosing: readonly EnclosingNode[] | undefined,
    readonly metadata: Readonly<Record<string, string>> | undefined,
  ) {}

  get inputValues(): (Val | undefined)[] {
    return this.vals.slice(0, this.inputNames.length);
  }

  get outputValues(): (Val | undefined)[] {
    return this.vals.slice(this.inputNames.length);
  }

  /** True when an input is a weight (initializer or Constant tensor). */
  get readsWeight(): boolean {
    for (let i = 0; i < this.inputNames.length; i++) {
      const v = this.vals[i];
      if (v !== undefined && v.kind === 'tensor' && v.weight !== undefined) return true;
    }
    return false;
  }

  get inputs(): { name: string; value: Val | undefined; isWeight: boolean }[] {
    return this.inputNames.map((name, i) => {
      const value = this.inputValues[i];
      return { name, value, isWeight: isTensor(value) && value.weight !== undefined };
    });
  }

  get outputs(): { name: string; value: Val | undefined }[] {
    return this.outputNames.map((name, i) => ({ name, value: this.outputValues[i] }));
  }
}

/** A use of a frame by another: the body runs `times` times per run of the frame holding the reference. */
interface FrameRef {
  readonly frame: Frame;
  times: Poly;
  dropped: boolean;
}

/** One inference of a graph body: the nodes it recorded (and the bodies they ran), and its diagnostics. */
class Frame {
  readonly entries: (NodeRecord | FrameRef)[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** The initializers of the graph this frame inferred. */
  initializers: readonly Weight[] = [];
  /** Live references to this frame (the root has one from the model). */
  refs = 0;
  /** Its key in the memo table, when it is there. */
  key: string | undefined;
  constructor(readonly path: string) {}
}

/**
 * A NodeRecord made as an object literal on the class's prototype rather than by `new`: V8 tracks
 * where literals are made and, seeing nearly all of them survive, allocates them straight in the old
 * generation. A class instance is made young and copied twice by the scavenger before it settles: on
 * 10^6 nodes that copying was most of inference's garbage-collection time (a micro-benchmark of 10^6
 * retained 8-field objects: 578 ms of scavenges made by `new`, 86 ms as literals).
 */
function nodeRecord(
  name: string,
  op: string,
  domain: string,
  inputNames: readonly string[],
  outputNames: readonly string[],
  vals: (Val | undefined)[],
  cost: NodeCost | undefined,
  rule: OpRule | undefined,
  status: InferredNode['status'],
  scope: string,
  enclosing: readonly EnclosingNode[] | undefined,
  metadata: Readonly<Record<string, string>> | undefined,
): NodeRecord {
  return {
    __proto__: NodeRecord.prototype,
    multiplicity: Poly.ONE,
    times: Poly.ONE,
    params: Poly.ZERO,
    name,
    op,
    domain,
    inputNames,
    outputNames,
    vals,
    cost,
    rule,
    status,
    scope,
    enclosing,
    metadata,
  } as unknown as NodeRecord;
}

/**
 * A list of `n` empty slots, made by a literal for the usual lengths (so that, like nodeRecord's
 * objects, the lists a node record keeps are allocated where they will stay).
 */
function valSlots(n: number): (Val | undefined)[] {
  switch (n) {
    case 1:
      return [undefined];
    case 2:
      return [undefined, undefined];
    case 3:
      return [undefined, undefined, undefined];
    case 4:
      return [undefined, undefined, undefined, undefined];
    case 5:
      return [undefined, undefined, undefined, undefined, undefined];
    default:
      return new Array<Val | undefined>(n);
  }
}

function isRef(e: NodeRecord | FrameRef): e is FrameRef {
  return !(e instanceof NodeRecord);
}

/**
 * Distinct inferences of one function after which its calls are inferred from input shapes alone.
 * Real models call a function with a handful of input signatures (a layer type, once per layer); a
 * fan-out over computed values makes 10^k.
 */
const MAX_CALL_VARIANTS = 256;

/** A value with its known contents dropped (its shape, dtype and weight kept). */
function withoutData(v: Val | undefined): Val | undefined {
  if (!v) return v;
  if (v.kind === 'tensor') return v.data === undefined ? v : tensorVal(v.dtype, v.shape, undefined, v.weight);
  if (v.kind === 'sequence') return { kind: 'sequence', elem: withoutData(v.elem) };
  if (v.kind === 'optional') return { kind: 'optional', elem: withoutData(v.elem) };
  return v;
}

/** Cycle diagnostics reported per graph; the rest are counted in one more. */
const MAX_CYCLE_DIAGNOSTICS = 10;

/** Signature of an attribute value, for the memo key of a function call. */
function attrSignature(a: Attr | undefined): string {
  if (!a) return '-';
  switch (a.type) {
    case 'tensor':
    case 'sparse_tensor':
    case 'graph':
      return `${a.type}#${identityId(a.value)}`;
    case 'tensors':
    case 'graphs':
      return `${a.type}#${a.value.map((x) => identityId(x)).join(',')}`;
    case 'ref':
      return `ref:${a.ref}`;
    default:
      return `${a.type}:${JSON.stringify(a.value)}`;
  }
}

/** What a rule's context may ask of the engine, for one node: one object per node, methods shared. */
class NodeServices implements EngineServices {
  /**
   * Set when the rule asked for anything beyond the node and its input values (names, fresh or
   * data-dependent dims, diagnostics, size facts, sub-graphs): its result is then not a function of
   * the inputs alone, and is not reused for the next node (see NodeMemo).
   */
  touched = false;
  constructor(
    private readonly engine: Engine,
    private readonly scope: Scope,
    private readonly name: string,
    private readonly node: NodeDef,
  ) {}
  get kernelOptions(): KernelOptions {
    return this.engine.kernelOptions;
  }
  get unrolled(): number {
    return this.engine.unrolled;
  }
  lookupValue(n: string): Val | undefined {
    this.touched = true;
    return lookup(this.scope, n).value;
  }
  freshDim(): Dim {
    this.touched = true;
    return this.engine.unknown.fresh();
  }
  dataDependentDim(nodeName: string, tag: string): Dim {
    this.touched = true;
    return this.engine.dataDependentDim(nodeName, tag);
  }
  warn(code: string, message: string): void {
    this.touched = true;
    this.engine.diag('warning', code, message, this.name);
  }
  note(code: string, message: string): void {
    this.touched = true;
    this.engine.diag('info', code, message, this.name);
  }
  get facts(): SizeFacts {
    this.touched = true;
    return this.engine.facts;
  }
  inferSubgraph(graph: GraphDef, inputs: readonly (Val | undefined)[], label: string, multiplicity: Poly, options?: SubgraphOptions): SubgraphResult {
    this.touched = true;
    return this.engine.inferSubgraph(graph, inputs, `${this.name}/${label}`, this.scope, multiplicity, options, enclosed(this.scope, enclosingOf(this.node)));
  }
}

/** A node's inference kept for the next node of the same op, rule and input values (see Engine.runNode). */
interface MemoEntry {
  readonly rule: OpRule;
  /** The node inferred (which of its inputs and outputs were omitted). */
  readonly node: NodeDef;
  readonly opType: string;
  readonly domain: string;
  readonly version: number;
  readonly unrolled: number;
  readonly ins: readonly (Val | undefined)[];
  readonly nOut: number;
  /** What the rule set as outputs, before they were bound. */
  readonly outs: readonly (Val | undefined)[];
  readonly cost: NodeCost;
}

/** Entries the memo keeps (the most recent ones). */
const MEMO_WAYS = 8;

/** True when a node has no attributes (most nodes of a big graph: Add, Relu, MatMul...). */
function noAttributes(node: NodeDef): boolean {
  for (const _ in node.attributes) return false;
  return true;
}

class Engine {
  readonly unknown = new UnknownDims();
  /** Params and constants: every weight that appeared (initializers of all scopes, Constant-made tensors), charged when the model is flattened. */
  private readonly ledger = new ParamLedger();
  /** Set once a re-layout node carries a weight: from then on every node's inputs are asked of the ledger. */
  private anyCarried = false;
  readonly facts: SizeFacts;
  private readonly functions = new Map<string, FunctionDef>();
  private readonly dataDependentNames = new Set<string>();
  private readonly budget: WorkBudget;
  private readonly root = new Frame('');
  /** The frame being inferred: nodes and diagnostics go here. */
  private frame: Frame = this.root;
  /** Frames in the order their inference completed (children before the frames that use them). */
  private readonly completed: Frame[] = [];
  private readonly memo = new Map<string, { readonly frame: Frame; readonly outputs: readonly (Val | undefined)[] }>();
  /** Keys of the functions being inferred, outermost first (recursion shows here). */
  private readonly calling: string[] = [];
  private readonly freeInputsCache = new WeakMap<GraphDef, string[]>();
  /** Distinct inferences of each function so far (see MAX_CALL_VARIANTS). */
  private readonly variants = new Map<string, number>();
  /** Function bodies resolved against call attributes (see resolvedBody). */
  private readonly resolved = new Map<string, NodeDef[]>();
  /** Product of the stepped loop iterations enclosing the node being inferred. */
  unrolled = 1;
  private currentNode = '';
  readonly kernelOptions: { convention: Convention };
  /** Recent output values and cost polys, shared with equal ones (see intern.ts). */
  private readonly vals = valRecent();
  private readonly polys = polyRecent();
  /**
   * The last few nodes' inferences, reused by a node of the same op whose inputs are the same value
   * objects (values are shared, see intern.ts): a chain of 10^6 Add and Relu nodes, the repeated
   * blocks of a transformer. Only results that depend on nothing but those inputs are kept.
   */
  private readonly nodeMemo: (MemoEntry | undefined)[] = new Array<MemoEntry | undefined>(MEMO_WAYS);
  private nodeMemoNext = 0;
  /** Costs made of the same (shared) polys are one object. */
  private readonly costs = new Recent<NodeCost>((a, b) => a.macs === b.macs && a.flops === b.flops && a.params === b.params && a.bytesRead === b.bytesRead && a.bytesWritten === b.bytesWritten);

  constructor(
    private readonly model: ModelDef,
    private readonly rules: RuleTable,
    private readonly options: InferOptions,
  ) {
    this.budget = options.budget ?? new WorkBudget(options.limits, options.file);
    this.facts = new SizeFacts(options.dims);
    this.kernelOptions = { convention: options.convention ?? 'macs+flops' };
    for (const f of model.functions) this.functions.set(`${normDomain(f.domain)}::${f.name}`, f);
    this.root.refs = 1;
  }

  run(): InferResult {
    const g = this.model.graph;
    const scope = new Scope(undefined, this.model.opsets, '', valueInfoMap(g));
    const weights: Weight[] = [];
    scope.names.reserve(g.initializers.length + g.inputs.length + g.nodes.length);
    for (const w of g.initializers) {
      scope.set(w.name, weightVal(w));
      weights.push(w);
    }
    this.root.initializers = g.initializers;
    const inputs: { name: string; value: Val | undefined }[] = [];
    for (const vi of g.inputs) {
      if (scope.has(vi.name)) continue; // IR < 4: initializers are listed as inputs too; the initializer wins.
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
      scope.set(vi.name, v);
      inputs.push({ name: vi.name, value: v });
    }
    this.runGraph(g, scope);
    const outputs = g.outputs.map((o) => {
      const inferred = lookup(scope, o.name).value;
      return { name: o.name, value: this.crossCheck(o.name, inferred, o.type) };
    });
    this.completed.push(this.root);
    const { nodes, diagnostics } = this.flatten();
    // A stored weight that no node reads (an unused initializer, a Constant that is only a graph or
    // branch output) is still a weight of the file: it ships and is loaded. Counted by the rule, and said.
    const account = this.ledger.finish();
    const unused = account.unused;
    // Asked only of the unused weights (usually none; a set of 10^6 params otherwise).
    const asParams = unused.length ? new Set(account.params) : new Set<Weight>();
    if (unused.length) {
      const list = unused.slice(0, 5).map((w) => `${this.ledger.label(w)} (${asParams.has(w) ? 'param' : 'constant'})`);
      diagnostics.push({ severity: 'info', code: 'unused-initializer', message: `${unused.length} weight${unused.length === 1 ? '' : 's'} read by no node, still stored: ${list.join(', ')}${unused.length > 5 ? ', ...' : ''}` });
    }
    return {
      nodes,
      inputs,
      outputs,
      diagnostics,
      paramWeights: account.params,
      constantWeights: account.constants,
      conditions: this.facts.conditions,
      weights,
      unusedParams: unused.filter((w) => asParams.has(w)),
    };
  }

  /**
   * Every recorded node once, in inference order (a node before the bodies it ran), with its
   * multiplicity: the sum over the frame's references of the referencing frame's total times the
   * reference's count, times the node's own count. Frames complete after the frames they use, so in
   * reverse completion order every frame's total is final before it is passed on. Weights are
   * counted here, in the same order, over the nodes kept: a trial inference left out of the report
   * takes no weight with it.
   */
  private flatten(): { nodes: InferredNode[]; diagnostics: Diagnostic[] } {
    const total = new Map<Frame, Poly>([[this.root, Poly.ONE]]);
    for (let i = this.completed.length - 1; i >= 0; i--) {
      const f = this.completed[i]!;
      const t = total.get(f);
      if (t === undefined || f.refs === 0) continue;
      for (const e of f.entries) {
        if (!isRef(e) || e.dropped) continue;
        const add = t.mul(e.times);
        const prev = total.get(e.frame);
        total.set(e.frame, prev === undefined ? add : prev.add(add));
      }
    }
    const nodes: InferredNode[] = [];
    const diagnostics: Diagnostic[] = [];
    const emitted = new Set<Frame>();
    const emit = (f: Frame): void => {
      emitted.add(f);
      const t = total.get(f)!;
      for (const d of f.diagnostics) diagnostics.push(d);
      for (const w of f.initializers) this.ledger.created(w, 'initializer');
      for (const e of f.entries) {
        if (isRef(e)) {
          if (!e.dropped && !emitted.has(e.frame) && total.has(e.frame)) emit(e.frame);
          continue;
        }
        e.multiplicity = e.times === Poly.ONE ? t : t.mul(e.times);
        const nIn = e.inputNames.length;
        for (let i = nIn; i < e.vals.length; i++) {
          const v = e.vals[i];
          if (isTensor(v) && v.weight) this.ledger.created(v.weight, e.op === 'Constant' ? 'constant-node' : 'generated', e.outputNames[i - nIn]);
        }
        // Only a node reading a weight (or a re-layout of one) can carry or charge one: the others,
        // most of a big graph, skip the ledger.
        let params: Poly = Poly.ZERO;
        const ins = e.readsWeight || this.anyCarried || carriesWeight(e.op, e.domain) ? e.inputValues : undefined;
        if (ins) {
          const outs = e.outputValues;
          this.ledger.carry(e.op, e.domain, ins, outs);
          if (!this.anyCarried && carriesWeight(e.op, e.domain) && this.ledger.weightOf(outs[0]) !== undefined) this.anyCarried = true;
          params = this.ledger.charge(e.rule, ins);
        }
        if (params !== Poly.ZERO) {
          e.params = params;
          if (e.cost) e.cost = { ...e.cost, params };
        }
        nodes.push(e);
      }
    };
    emit(this.root);
    return { nodes, diagnostics };
  }

  diag(severity: Diagnostic['severity'], code: string, message: string, node?: string): void {
    const d: Diagnostic = node !== undefined && node !== '' ? { severity, code, node, message } : { severity, code, message };
    this.frame.diagnostics.push(d);
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
    this.runNodes(g.nodes, scope);
  }

  private runNodes(nodes: readonly NodeDef[], scope: Scope): void {
    const plan = this.plan(nodes, scope);
    for (const i of plan.order) this.runNode(nodes[i]!, scope, plan, i);
  }

  /**
   * Give every name the graph's nodes write a slot (a name written twice: one slot, readers see the
   * last writer, and a warning), resolve each input to its slot, and order the nodes so each comes
   * after the producers of its inputs (exporters such as OnnxMLTools and PyTorch 1.x write unsorted
   * graphs). Implicit inputs of sub-graphs count as dependencies. Cycles are reported (10 per graph,
   * then one line for the rest) and broken in file order.
   */
  private plan(nodes: readonly NodeDef[], scope: Scope): Plan {
    const n = nodes.length;
    // The plan's arrays are sized by the graph: a graph of 10^7 nodes is refused before they are made.
    if (n >= 65_536) this.budget.checkMemory('planning the graph');
    let nOut = 0;
    let nIn = 0;
    for (const node of nodes) {
      nOut += node.outputs.length;
      nIn += node.inputs.length;
    }
    const outSlots = new Int32Array(nOut);
    const outStart = new Int32Array(n + 1);
    // Producer node of each slot (-1: a graph input, initializer or outer name).
    const producer = new Int32Array(scope.slots.length + nOut).fill(-1);
    // Fast path: every output name is new (one map write each); a name seen before (written twice,
    // or also an input or initializer) shows as a map that did not grow, and the slow path redoes it.
    const names = scope.names;
    const slots = scope.slots;
    const before = names.size;
    let fresh = 0;
    let k = 0;
    const budget = this.budget;
    for (let i = 0; i < n; i++) {
      outStart[i] = k;
      // Planning a graph of 10^7 nodes is work too: the clock and memory limits are checked here as well.
      if ((i & 255) === 255) budget.tick('planning the graph', 256);
      for (const o of nodes[i]!.outputs) {
        if (o === '') {
          outSlots[k++] = -1;
          continue;
        }
        const slot = slots.length;
        names.set(o, slot);
        slots.push(UNSET);
        scope.slotNames.push(o);
        producer[slot] = i;
        outSlots[k++] = slot;
        fresh++;
      }
    }
    outStart[n] = k;
    if (names.size !== before + fresh) {
      // Undo (the inputs and initializers the map had before keep their slots: a name defined twice,
      // its later slot), then give repeated names one slot (readers see the last writer) and say so.
      names.clear();
      for (let i = 0; i < slots.length - fresh; i++) names.set(scope.slotNames[i]!, i);
      slots.length -= fresh;
      scope.slotNames.length = slots.length;
      producer.fill(-1);
      k = 0;
      for (let i = 0; i < n; i++) {
        const node = nodes[i]!;
        for (const o of node.outputs) {
          if (o === '') {
            k++;
            continue;
          }
          const slot = scope.slot(o);
          if (producer[slot]! >= 0) this.diag('warning', 'duplicate-output', `value '${o}' is produced by more than one node: readers see the last one`, node.name || node.opType);
          producer[slot] = i;
          outSlots[k++] = slot;
        }
      }
    }
    const inSlots = new Int32Array(nIn);
    const inStart = new Int32Array(n + 1);
    // Fast path: already sorted (exporters write nodes in order), checked while resolving the inputs.
    let sorted = true;
    k = 0;
    for (let i = 0; i < n; i++) {
      inStart[i] = k;
      const node = nodes[i]!;
      for (const x of node.inputs) {
        if (x === '') {
          inSlots[k++] = -1;
          continue;
        }
        // Most inputs are an output of the node just before (a chain): the decoder hands out one
        // string per name, so an identity check finds it without the map.
        let slot: number | undefined;
        if (i > 0) {
          const prev = nodes[i - 1]!.outputs;
          for (let j = 0; j < prev.length; j++)
            if (prev[j] === x) {
              slot = outSlots[outStart[i - 1]! + j]!;
              break;
            }
        }
        slot ??= names.get(x);
        inSlots[k++] = slot ?? -1;
        if (slot !== undefined && producer[slot]! >= i) sorted = false;
      }
      if (sorted && hasSubgraph(node))
        for (const g of nodeSubgraphs(node))
          for (const x of this.freeInputs(g)) {
            const slot = names.get(x);
            if (slot !== undefined && producer[slot]! >= i) sorted = false;
          }
    }
    inStart[n] = k;
    if (sorted) {
      const order = new Array<number>(n);
      for (let i = 0; i < n; i++) order[i] = i;
      return { order, inSlots, inStart, outSlots, outStart };
    }
    let cycles = 0;
    const order = sortNodes(nodes, (x) => {
      const slot = names.get(x);
      return slot === undefined ? -1 : producer[slot]!;
    }, (msg) => {
      if (++cycles <= MAX_CYCLE_DIAGNOSTICS) this.diag('warning', 'graph-cycle', msg);
    });
    if (cycles > MAX_CYCLE_DIAGNOSTICS) this.diag('warning', 'graph-cycle', `${cycles - MAX_CYCLE_DIAGNOSTICS} more cycles, each broken in file order`);
    return { order, inSlots, inStart, outSlots, outStart };
  }

  private runNode(node: NodeDef, scope: Scope, plan: Plan, index: number): void {
    const domain = normDomain(node.domain);
    const local = node.name || node.opType;
    const name = scope.path ? `${scope.path}/${local}` : local;
    this.budget.node(1, name);
    this.currentNode = name;
    const nIn = node.inputs.length;
    // Inputs first, then the outputs (setOutputs), in the one array the node record keeps.
    const ins = valSlots(nIn + node.outputs.length);
    const base = plan.inStart[index]!;
    for (let i = 0; i < nIn; i++) {
      const n = node.inputs[i]!;
      if (n === '') continue;
      const slot = plan.inSlots[base + i]!;
      const v = slot >= 0 ? scope.slots[slot] : UNSET;
      if (v !== UNSET) {
        ins[i] = v;
        continue;
      }
      // Not written in this scope (yet): an enclosing scope's value, or missing.
      const r = lookup(scope.parent, n);
      ins[i] = r.value;
      if (!r.found) this.diag('warning', 'missing-input', `input ${i} '${n}' is produced by no node, graph input or initializer`, name);
    }

    const fn = this.functions.size ? this.functions.get(`${domain}::${node.opType}`) : undefined;
    if (fn) {
      const outs = this.callFunction(fn, node, ins.slice(0, nIn), name, scope);
      this.setOutputs(node, scope, plan, index, name, outs ?? [], ins);
      if (!outs) this.frame.entries.push(nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, undefined, undefined, 'error', scope.path, scope.enclosing, metadataOf(node)));
      return;
    }
    const version = scope.opsets.get(domain) ?? 1;
    const rule = this.rules.find(domain, node.opType, version);
    if (!rule) {
      this.setOutputs(node, scope, plan, index, name, [], ins);
      this.frame.entries.push(nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, undefined, undefined, 'unsupported', scope.path, scope.enclosing, metadataOf(node)));
      this.diag('warning', 'unsupported-op', `no rule for ${domain ? `${domain}.` : ''}${node.opType} (opset ${version}): its cost is not counted`, name);
      return;
    }

    const frame = this.frame;
    // A node like one just inferred (same op and rule, no attributes, the same input values, outputs
    // without declared types to merge): its outputs and cost are those again.
    const memoable = noAttributes(node) && !carriesWeight(node.opType, domain) && !this.declaresOutputs(scope, node);
    const hit = memoable ? this.memoFind(rule, node, domain, version, ins, nIn) : undefined;
    if (hit) {
      this.setOutputs(node, scope, plan, index, name, hit.outs, ins);
      frame.entries.push(nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, hit.cost, rule, 'ok', scope.path, scope.enclosing, metadataOf(node)));
      return;
    }
    const services = new NodeServices(this, scope, name, node);
    const ctx = new NodeContext(node, version, ins, services);
    let status: InferredNode['status'] = 'ok';
    const mark = frame.entries.length;
    const diagnostics = frame.diagnostics.length;
    try {
      rule.infer(ctx);
    } catch (e) {
      status = this.inferFailure(e, name, node);
    }
    this.setOutputs(node, scope, plan, index, name, status === 'ok' ? ctx.outputs() : [], ins);
    let cost: NodeCost | undefined;
    if (status === 'ok') {
      try {
        // Params are counted when the model is flattened (see flatten).
        cost = this.nodeCost(rule, ctx, Poly.ZERO, ins, nIn);
      } catch (e) {
        status = this.inferFailure(e, name, node);
      }
    }
    if (memoable && cost && !services.touched && frame.entries.length === mark && frame.diagnostics.length === diagnostics) this.memoKeep(rule, node, domain, version, ins, nIn, ctx.outputs(), cost);
    const entry = nodeRecord(name, node.opType, domain, node.inputs, node.outputs, ins, cost, rule, status, scope.path, scope.enclosing, metadataOf(node));
    // The node itself goes before the sub-graph bodies it ran, keeping a readable order.
    if (mark === frame.entries.length) frame.entries.push(entry);
    else frame.entries.splice(mark, 0, entry);
  }

  /** True when the graph declares a type for one of the node's outputs (value_info: merged into the output, see setOutputs). */
  private declaresOutputs(scope: Scope, node: NodeDef): boolean {
    const info = scope.valueInfo;
    if (!info.size) return false;
    for (const o of node.outputs) if (info.has(o)) return true;
    return false;
  }

  private memoFind(rule: OpRule, node: NodeDef, domain: string, version: number, ins: readonly (Val | undefined)[], nIn: number): MemoEntry | undefined {
    for (let k = 0; k < MEMO_WAYS; k++) {
      const m = this.nodeMemo[k];
      if (!m || m.rule !== rule || m.opType !== node.opType || m.domain !== domain || m.version !== version || m.unrolled !== this.unrolled) continue;
      if (m.ins.length !== nIn || m.nOut !== node.outputs.length) continue;
      let same = true;
      // The same values, and the same inputs and outputs omitted (an omitted input and an unknown one both read as undefined).
      for (let i = 0; i < nIn && same; i++) same = m.ins[i] === ins[i] && (m.node.inputs[i] === '') === (node.inputs[i] === '');
      for (let i = 0; i < m.nOut && same; i++) same = (m.node.outputs[i] === '') === (node.outputs[i] === '');
      if (same) return m;
    }
    return undefined;
  }

  private memoKeep(rule: OpRule, node: NodeDef, domain: string, version: number, ins: readonly (Val | undefined)[], nIn: number, outs: readonly (Val | undefined)[], cost: NodeCost): void {
    // Outputs that are weights (a generated tensor) are new weights per node: never reused.
    for (const v of outs) if (isTensor(v) && v.weight) return;
    this.nodeMemo[this.nodeMemoNext] = { rule, node, opType: node.opType, domain, version, unrolled: this.unrolled, ins: ins.slice(0, nIn), nOut: node.outputs.length, outs: outs.slice(), cost };
    this.nodeMemoNext = (this.nodeMemoNext + 1) % MEMO_WAYS;
  }

  /**
   * Bind a node's outputs in its scope (declared value_info cross-checked, plain tensors shared with
   * equal ones), and write them into `out` after the node's inputs.
   */
  private setOutputs(node: NodeDef, scope: Scope, plan: Plan, index: number, name: string, vals: readonly (Val | undefined)[], out: (Val | undefined)[]): void {
    const nOut = node.outputs.length;
    const at = node.inputs.length;
    const info = scope.valueInfo.size ? scope.valueInfo : undefined;
    const base = plan.outStart[index]!;
    for (let i = 0; i < nOut; i++) {
      const slot = plan.outSlots[base + i]!;
      if (slot < 0) continue;
      const o = node.outputs[i]!;
      let v = info ? this.crossCheck(o, vals[i], info.get(o)) : vals[i];
      // A re-layout's output may carry a weight in the ledger (keyed by the value itself): never shared.
      if (shareable(v) && !carriesWeight(node.opType, normDomain(node.domain))) v = this.vals.intern(v);
      scope.slots[slot] = v;
      out[at + i] = v;
      this.chargeData(v, name);
    }
  }

  /** Charge the budget for the constant data a value carries (shape-data propagation, known contents, sequence items). */
  private chargeData(v: Val | undefined, where: string): void {
    if (!v) return;
    if (v.kind === 'tensor') {
      if (v.data) this.budget.data(v.data.length, where);
    } else if (v.kind === 'sequence' && v.items) this.budget.data(v.items.length, where);
  }

  private inferFailure(e: unknown, name: string, node: NodeDef): InferredNode['status'] {
    // The budget, and a recursive function, end the whole model, not one node.
    if (e instanceof WorkLimitError || e instanceof OnnxImportError) throw e;
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

  /** Cost of a node whose input values are `vals[0 .. nIn)` and output values the rest. */
  private nodeCost(rule: OpRule, ctx: NodeContext, params: Poly, vals: readonly (Val | undefined)[], nIn: number): NodeCost {
    const rc = rule.cost(ctx);
    let bytesRead = rc.bytesRead;
    if (bytesRead === undefined) {
      bytesRead = Poly.ZERO;
      for (let i = 0; i < nIn; i++) bytesRead = bytesRead.add(valBytes(vals[i]));
    }
    let bytesWritten = Poly.ZERO;
    for (let i = nIn; i < vals.length; i++) bytesWritten = bytesWritten.add(valBytes(vals[i]));
    const p = this.polys;
    return this.costs.intern({ macs: p.intern(rc.macs), flops: p.intern(rc.flops), params, bytesRead: p.intern(bytesRead), bytesWritten: p.intern(bytesWritten) });
  }

  dataDependentDim(nodeName: string, tag: string): Dim {
    const base = `${nodeName}_${tag}`.replace(/[^A-Za-z0-9_]/g, '_');
    let n = base;
    for (let i = 1; this.dataDependentNames.has(n); i++) n = `${base}_${i}`;
    this.dataDependentNames.add(n);
    return Poly.sym(n);
  }

  /** Names a sub-graph reads from enclosing scopes, computed once per graph. */
  private freeInputs(g: GraphDef): string[] {
    let free = this.freeInputsCache.get(g);
    if (!free) this.freeInputsCache.set(g, (free = subgraphFreeInputs(g)));
    return free;
  }

  /**
   * Run `infer` as the inference of `frame`, one nesting level deeper. The frame completes (and may be
   * used by later references) only when `infer` returns.
   */
  private inFrame<T>(frame: Frame, unrolled: number, where: string, infer: () => T): T {
    const saved = { frame: this.frame, unrolled: this.unrolled, node: this.currentNode };
    this.budget.enter(where);
    this.frame = frame;
    this.unrolled = unrolled;
    try {
      return infer();
    } finally {
      this.frame = saved.frame;
      this.unrolled = saved.unrolled;
      this.currentNode = saved.node;
      this.budget.leave();
      this.completed.push(frame);
    }
  }

  /** Reference `hit.frame` from the frame being inferred, and hand the caller its handle on that use. */
  private use(hit: { readonly frame: Frame; readonly outputs: readonly (Val | undefined)[] }, times: Poly): SubgraphResult {
    const ref: FrameRef = { frame: hit.frame, times, dropped: false };
    hit.frame.refs++;
    this.frame.entries.push(ref);
    return {
      outputs: hit.outputs,
      recount: (t) => {
        ref.times = t;
      },
      discard: () => {
        if (ref.dropped) return;
        ref.dropped = true;
        this.release(ref.frame);
      },
      sumOver: (trips, induction) => this.sumOver(ref, trips, induction),
    };
  }

  /** One reference to `f` went away: when none is left, it leaves the memo table and lets go of what it used. */
  private release(f: Frame): void {
    if (--f.refs > 0) return;
    if (f.key !== undefined) this.memo.delete(f.key);
    f.key = undefined;
    for (const e of f.entries) if (isRef(e) && !e.dropped) this.release(e.frame);
    f.entries.length = 0;
    f.diagnostics.length = 0;
  }

  inferSubgraph(graph: GraphDef, inputs: readonly (Val | undefined)[], path: string, parent: Scope, times: Poly, opts?: SubgraphOptions, enclosing?: readonly EnclosingNode[]): SubgraphResult {
    const unrolled = this.unrolled * Math.max(1, opts?.unroll ?? 1);
    let key = `g${identityId(graph)}*${unrolled}`;
    for (const v of inputs) key += `|${valSignature(v)}`;
    key += '#';
    for (const n of this.freeInputs(graph)) key += `|${valSignature(lookup(parent, n).value)}`;
    let hit = this.memo.get(key);
    if (!hit) {
      const frame = new Frame(path);
      const outputs = this.inFrame(frame, unrolled, path, () => {
        const scope = new Scope(parent, parent.opsets, path, valueInfoMap(graph), enclosing);
        for (const w of graph.initializers) scope.set(w.name, weightVal(w));
        frame.initializers = graph.initializers;
        graph.inputs.forEach((vi, i) => {
          const given = inputs[i];
          scope.set(vi.name, given ?? typeToVal(vi.type, () => this.unknown.fresh()));
        });
        this.runGraph(graph, scope);
        return graph.outputs.map((o) => this.crossCheck(o.name, lookup(scope, o.name).value, o.type));
      });
      hit = { frame, outputs };
      frame.key = key;
      this.memo.set(key, hit);
    }
    return this.use(hit, times);
  }

  /**
   * Infer a call of a model-local function, once per signature of (function, the call's attributes,
   * its inputs). Undefined when the call is recursive (recorded as an error on the call).
   */
  private callFunction(fn: FunctionDef, call: NodeDef, ins: readonly (Val | undefined)[], name: string, caller: Scope): (Val | undefined)[] | undefined {
    const fnKey = `${normDomain(fn.domain)}::${fn.name}`;
    if (this.calling.includes(fnKey)) {
      const chain = [...this.calling.slice(this.calling.indexOf(fnKey)), fnKey].map(fnLabel);
      // Not a per-node diagnostic: a recursive call's cost is unknowable, and a model that hid its cost
      // in one must not profile as cheap (a budget would pass it). The model is refused as a whole.
      throw new OnnxImportError('recursive-function', `${this.options.file ? `${this.options.file}: ` : ''}${INFER_MESSAGES.recursiveFunction(call.opType, name, chain)}`, this.options.file);
    }
    const attrNames = new Set([...fn.attributes, ...Object.keys(call.attributes)]);
    let attrKey = `f${JSON.stringify(fnKey)}`;
    for (const a of [...attrNames].sort()) attrKey += `|${a}=${attrSignature(call.attributes[a] ?? fn.attributeDefaults[a])}`;
    // A function already inferred for many different known inputs (calls fanned out over computed
    // values, 10^k signatures): later calls see their inputs' shapes only, and share inferences.
    const variants = this.variants.get(fnKey) ?? 0;
    if (variants >= MAX_CALL_VARIANTS) {
      if (variants === MAX_CALL_VARIANTS) {
        this.diag('warning', 'call-variants', INFER_MESSAGES.callVariants(fnLabel(fnKey), MAX_CALL_VARIANTS), name);
        this.variants.set(fnKey, variants + 1);
      }
      ins = ins.map(withoutData);
    }
    let key = `${attrKey}*${this.unrolled}#`;
    for (const v of ins) key += `|${valSignature(v)}`;
    let hit = this.memo.get(key);
    if (!hit) {
      if (variants < MAX_CALL_VARIANTS) this.variants.set(fnKey, variants + 1);
      const frame = new Frame(name);
      this.calling.push(fnKey);
      let outputs: (Val | undefined)[];
      try {
        outputs = this.inFrame(frame, this.unrolled, name, () => this.inlineFunction(fn, this.resolvedBody(fn, call, attrKey), ins, name, enclosed(caller, enclosingOf(call, fnKey))));
      } finally {
        this.calling.pop();
      }
      hit = { frame, outputs };
      frame.key = key;
      this.memo.set(key, hit);
    }
    this.use(hit, Poly.ONE);
    return [...hit.outputs];
  }

  private inlineFunction(fn: FunctionDef, nodes: readonly NodeDef[], ins: readonly (Val | undefined)[], name: string, enclosing: readonly EnclosingNode[]): (Val | undefined)[] {
    const opsets = new Map(this.model.opsets);
    for (const [d, v] of fn.opsets) opsets.set(normDomain(d), v);
    const scope = new Scope(undefined, opsets, name, new Map(), enclosing);
    fn.inputs.forEach((formal, i) => scope.set(formal, ins[i]));
    this.runNodes(nodes, scope);
    return fn.outputs.map((o) => lookup(scope, o).value);
  }

  /**
   * A function's body with its attribute references resolved against a call, made once per function
   * and call attributes (`attrKey`): calls alike share the nodes (and the sub-graphs in them, so those
   * are memoised across calls too). A body without references is used as it is.
   */
  private resolvedBody(fn: FunctionDef, call: NodeDef, attrKey: string): readonly NodeDef[] {
    if (!hasRefs(fn.nodes)) return fn.nodes;
    const hit = this.resolved.get(attrKey);
    if (hit) return hit;
    // Attribute references resolve against the call, also inside the body's nested sub-graphs.
    const resolve = (attrs: Readonly<Record<string, Attr>>): Record<string, Attr> => {
      const out = dict<Attr>();
      for (const [k, a] of Object.entries(attrs)) {
        if (a.type === 'ref') {
          const actual = own(call.attributes, a.ref) ?? own(fn.attributeDefaults, a.ref);
          if (actual) out[k] = actual;
        } else if (a.type === 'graph') out[k] = { type: 'graph', value: resolveGraph(a.value) };
        else if (a.type === 'graphs') out[k] = { type: 'graphs', value: a.value.map(resolveGraph) };
        else out[k] = a;
      }
      return out;
    };
    const resolveGraph = (g: GraphDef): GraphDef => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, attributes: resolve(n.attributes) })) });
    const nodes = fn.nodes.map((n) => ({ ...n, attributes: resolve(n.attributes) }));
    this.resolved.set(attrKey, nodes);
    return nodes;
  }

  /** See {@link SubgraphResult.sumOver}. */
  private sumOver(ref: FrameRef, trips: Poly, induction: ReadonlyMap<string, Induction>): boolean {
    const f = ref.frame;
    // The frame must be this run's alone (a frame keyed on fresh symbols is), and nothing nested may depend on them.
    if (ref.dropped || f.refs !== 1) return false;
    const names = new Set(induction.keys());
    for (const e of f.entries) if (isRef(e) && !e.dropped && frameMentions(e.frame, names)) return false;
    // Shapes show the last iteration: S = init + step * (trips - 1) (clamped at 0 by substituteVal).
    const last = new Map<string, Poly>();
    for (const [s, { init, step }] of induction) last.set(s, init.add(step.mul(trips.sub(1))));
    const plans: { node: NodeRecord; cost: NodeCost | undefined; times: Poly; ins: (Val | undefined)[]; outs: (Val | undefined)[] }[] = [];
    for (const e of f.entries) {
      if (isRef(e)) continue;
      let cost = e.cost;
      let times = trips;
      if (cost && [cost.macs, cost.flops, cost.bytesRead, cost.bytesWritten].some((p) => mentions(p, names))) {
        const sum = (p: Poly): Poly | undefined => sumOverIterations(p, trips, induction);
        const macs = sum(cost.macs);
        const flops = sum(cost.flops);
        const bytesRead = sum(cost.bytesRead);
        const bytesWritten = sum(cost.bytesWritten);
        if (!macs || !flops || !bytesRead || !bytesWritten) return false;
        cost = { macs, flops, params: cost.params, bytesRead, bytesWritten };
        times = Poly.ONE;
      }
      const outs: (Val | undefined)[] = [];
      for (const v of e.outputValues) {
        const r = substituteVal(v, last);
        if (!r) return false;
        outs.push(r.value);
      }
      const ins: (Val | undefined)[] = [];
      for (const v of e.inputValues) {
        const r = substituteVal(v, last);
        if (!r) return false;
        ins.push(r.value);
      }
      plans.push({ node: e, cost, times, ins, outs });
    }
    for (const p of plans) {
      p.node.cost = p.cost;
      p.node.times = p.times;
      p.node.vals = [...p.ins, ...p.outs];
    }
    for (const e of f.entries) if (isRef(e)) e.times = e.times.mul(trips);
    ref.times = Poly.ONE;
    return true;
  }
}

/** True when a frame's nodes (or those of frames it uses) have costs or shapes in the named symbols. */
function frameMentions(f: Frame, names: ReadonlySet<string>): boolean {
  for (const e of f.entries) {
    if (isRef(e)) {
      if (!e.dropped && frameMentions(e.frame, names)) return true;
      continue;
    }
    const c = e.cost;
    if (c && [c.macs, c.flops, c.bytesRead, c.bytesWritten].some((p) => mentions(p, names))) return true;
    if (e.outputValues.some((v) => valMentions(v, names))) return true;
  }
  return false;
}

const refsCache = new WeakMap<readonly NodeDef[], boolean>();

/** True when any node (or a node of a nested sub-graph) has an attribute reference. */
function hasRefs(nodes: readonly NodeDef[]): boolean {
  let r = refsCache.get(nodes);
  if (r === undefined) {
    r = nodes.some((n) => {
      for (const k in n.attributes) {
        const a = n.attributes[k]!;
        if (a.type === 'ref' || (a.type === 'graph' && hasRefs(a.value.nodes)) || (a.type === 'graphs' && a.value.some((g) => hasRefs(g.nodes)))) return true;
      }
      return false;
    });
    refsCache.set(nodes, r);
  }
  return r;
}

/** `local.F` for a function key `local::F`. */
function fnLabel(key: string): string {
  const [d, n] = key.split('::') as [string, string];
  return d ? `${d}.${n}` : n;
}

function valueInfoMap(g: GraphDef): Map<string, TypeInfo | undefined> {
  const m = new Map<string, TypeInfo | undefined>();
  for (const v of g.valueInfo) m.set(v.name, v.type);
  return m;
}

/** The value of a weight: its dims, dtype and (when small and decoded) contents. */
export function weightVal(w: Weight): TensorVal {
  const v = w.values;
  // The decoded values themselves unless one is a bigint (an int64 beyond 2^53): no copy per weight.
  const data = v && v.some((x) => typeof x === 'bigint') ? v.map((x) => (typeof x === 'bigint' ? Number(x) : x)) : (v as readonly number[] | undefined);
  return tensorVal(w.dtype as DType, w.dims, data, w);
}

/**
 * Order nodes so each comes after the producers of its inputs (exporters such as OnnxMLTools and
 * PyTorch 1.x write unsorted graphs). Implicit inputs of sub-graphs count as dependencies. Cycles
 * are reported and broken in file order.
 */
export function topoOrder(nodes: readonly NodeDef[], onCycle: (msg: string) => void): NodeDef[] {
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.outputs.forEach((o) => o !== '' && producer.set(o, i)));
  return sortNodes(nodes, (x) => producer.get(x) ?? -1, onCycle).map((i) => nodes[i]!);
}

/** Kahn's algorithm over `producerOf` (-1: no producer here), smallest index first; cycles broken in file order. */
function sortNodes(nodes: readonly NodeDef[], producerOf: (name: string) => number, onCycle: (msg: string) => void): number[] {
  const deps = nodes.map((n) => {
    const set = new Set<number>();
    for (const x of nodeReads(n)) {
      if (x === '') continue;
      const p = producerOf(x);
      if (p >= 0) set.add(p);
    }
    return set;
  });
  const indeg = deps.map((d, i) => [...d].filter((p) => p !== i).length);
  const users: number[][] = nodes.map(() => []);
  deps.forEach((d, i) => d.forEach((p) => p !== i && users[p]!.push(i)));
  const heap = new MinHeap();
  indeg.forEach((d, i) => d === 0 && heap.push(i));
  const out: number[] = [];
  const done = new Uint8Array(nodes.length);
  // The first node not yet placed only moves forward: finding it for each of n cycles stays O(n) in all.
  let firstUndone = 0;
  // Smallest index first keeps file order among independent nodes (deterministic reports).
  while (out.length < nodes.length) {
    if (heap.size === 0) {
      while (done[firstUndone]) firstUndone++;
      const i = firstUndone;
      onCycle(`node ${nodes[i]!.name || nodes[i]!.opType} is part of a cycle: processed in file order`);
      heap.push(i);
      indeg[i] = 0;
    }
    const i = heap.pop();
    if (done[i]) continue;
    done[i] = 1;
    out.push(i);
    for (const u of users[i]!) if (--indeg[u]! === 0 && !done[u]) heap.push(u);
  }
  return out;
}

/** True when a node holds a sub-graph attribute. */
function hasSubgraph(n: NodeDef): boolean {
  for (const k in n.attributes) {
    const t = n.attributes[k]!.type;
    if (t === 'graph' || t === 'graphs') return true;
  }
  return false;
}

/** Names a node reads: its inputs, and what its sub-graphs read from enclosing scopes. */
function nodeReads(n: NodeDef): readonly string[] {
  let extra: string[] | undefined;
  for (const g of nodeSubgraphs(n)) pushAll((extra ??= []), subgraphFreeInputs(g));
  return extra ? [...n.inputs, ...extra] : n.inputs;
}

/** The sub-graphs a node holds in its attributes. */
function nodeSubgraphs(n: NodeDef): GraphDef[] {
  const out: GraphDef[] = [];
  for (const k in n.attributes) {
    const a = n.attributes[k]!;
    if (a.type === 'graph') out.push(a.value);
    else if (a.type === 'graphs') pushAll(out, a.value);
  }
  return out;
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
