/**
 * Assembling a {@link Report} from what an importer inferred: every exact polynomial is evaluated
 * under the user's dim bindings (unbound symbols count as 1, or the smallest value that keeps every
 * size positive, with diagnostics naming them: see `resolveDims`), totals are summed with node
 * multiplicities, memory is analysed, the symbolic totals are kept as text, and the nodes are placed
 * in the module tree the file records (./modules.ts).
 */
import { pushAll } from '../util/arrays.js';
import { ExactSum } from '../util/exact-sum.js';
import { dimToJSON, type Shape } from '../symbolic/dim.js';
import { Poly, PolySum } from '../symbolic/poly.js';
import type { Cost, Convention } from '../cost/types.js';
import { peakLiveBytes } from '../memory/memory.js';
import { compareText } from '../util/text.js';
import { dict, own } from '../util/dict.js';
import { ModelImportError } from '../io/import-error.js';
import type { SizeConstraint } from '../symbolic/defaults.js';
import { toCount, type Count } from './count.js';
import { resolveDims, unboundDiagnostics } from './dims.js';
import { buildModuleTree, type ModuleScope } from './modules.js';
import type { Report, ReportDiagnostic, ReportNode, ReportTensor } from './report.js';

/** A value as the importer knows it. `shape` undefined: rank unknown. */
export interface AnalyzedValue {
  readonly name: string;
  /** Element type, or `sequence` / `map` / `optional` for non-tensor values. */
  readonly dtype: string;
  readonly shape: Shape | undefined;
  /** Size in bytes (0 when unknown). */
  readonly bytes: Poly;
}

/** A node after inference, in topological order. */
export interface AnalyzedNode {
  readonly name: string;
  readonly op: string;
  readonly domain: string;
  readonly layer?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly AnalyzedValue[];
  /** Undefined when the cost is unknown (see `status`). */
  readonly cost?: Cost;
  /** Params of a node whose cost is unknown (its weights still count). */
  readonly params?: Poly;
  /** Runs per inference (Loop trip count; 0 for an If branch not taken). Default 1. */
  readonly multiplicity?: Poly;
  /** Absent when ok. */
  readonly status?: 'unsupported' | 'error' | 'unknown-shape';
  /** The node's module scope when the importer knows it; `null`: none (placed by its neighbours); absent: read from `name` (see `buildModuleTree`). */
  readonly scope?: ModuleScope | null;
}

/**
 * Nodes given by index: the importer makes each {@link AnalyzedNode} when asked (it may be asked
 * more than once, in any order), so a report of 10^6 nodes does not hold a second, analysed copy of
 * every node while it is built.
 */
export interface AnalyzedNodes {
  readonly length: number;
  at(i: number): AnalyzedNode;
  /**
   * Called once {@link buildReport} will not ask for node `i` again, so an importer may let go of
   * what it holds for it (on 10^6 nodes, its inference records, while the report's own nodes are made).
   */
  release?(i: number): void;
}

/** The nodes of a report input as a source, whichever way they were given. */
export function nodeSource(nodes: readonly AnalyzedNode[] | AnalyzedNodes): AnalyzedNodes {
  return Array.isArray(nodes) ? { length: nodes.length, at: (i) => (nodes as readonly AnalyzedNode[])[i]! } : (nodes as AnalyzedNodes);
}

/** A weight as the report counts it. */
export interface AnalyzedWeight {
  readonly name: string;
  readonly byteLength: number;
}

/** Everything {@link buildReport} needs. */
export interface ReportInput {
  readonly tool: { readonly name: string; readonly version: string };
  readonly model: Report['model'];
  readonly convention: Convention;
  /** User bindings (`--dim`). */
  readonly dims: Readonly<Record<string, number>>;
  readonly inputs: readonly AnalyzedValue[];
  readonly outputs: readonly AnalyzedValue[];
  /** In topological order: a list, or a source that makes each node when asked. */
  readonly nodes: readonly AnalyzedNode[] | AnalyzedNodes;
  /** Every weight of the model (for weightBytes; liveness excludes them). */
  readonly weights: readonly AnalyzedWeight[];
  /** Trainable part of the params, when the format says (Keras). */
  readonly trainableParams?: Poly;
  /** Params when the importer counts them itself (default: sum of node params). */
  readonly params?: Poly;
  /** Elements of constant tensors that are not params (masks, position tables, shape operands), when the importer counts them. */
  readonly constantElements?: Poly;
  /** Conditions the importer assumed while inferring (each `poly >= min`), checked against the dims like sizes. */
  readonly conditions?: readonly SizeConstraint[];
  readonly diagnostics: readonly ReportDiagnostic[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * A count came out negative: the model's sizes contradict each other (a negative dim in a weight, a
 * slice past its end that the file claims). Such a model is not profiled (a budget must never see a
 * negative count), and the error names the first place it happened.
 */
export class InvalidCountError extends ModelImportError {
  override readonly name = 'InvalidCountError';
  readonly code = 'invalid-count';
  constructor(
    readonly file: string | undefined,
    /** `<node> <field>` or the total's name, and its value. */
    readonly where: string,
    readonly value: bigint | number,
  ) {
    const what = typeof value === 'bigint' ? `is negative (${value})` : `is not an exact count (${value})`;
    super(`${file ? `${file}: ` : ''}${where} ${what}: the model's sizes are inconsistent (a negative dim, or a size the shapes make impossible); the model was not profiled`);
  }
}

/** A few recent keys (compared by identity) and their values. */
class Recent<K extends object, V> {
  private readonly keys: (K | undefined)[] = new Array<K | undefined>(16);
  private readonly values: (V | undefined)[] = new Array<V | undefined>(16);
  private next = 0;
  get(k: K): V | undefined {
    for (let i = 0; i < 16; i++) if (this.keys[i] === k) return this.values[i];
    return undefined;
  }
  set(k: K, v: V): void {
    this.keys[this.next] = k;
    this.values[this.next] = v;
    this.next = (this.next + 1) & 15;
  }
}

/**
 * Build the Report. Pure; never throws on symbolic or unknown sizes. Unbound symbols take the
 * defaults `resolveDims` chooses (1, or the smallest value that keeps every size possible); throws
 * `DimValueError` when a `--dim` value makes a size impossible, `ImpossibleSizeError` when no default
 * can, and
 * {@link InvalidCountError} when a count still comes out negative.
 */
export function buildReport(input: ReportInput): Report {
  const resolved = resolveDims(input, input.model.path || undefined);
  const bindings: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, resolved.values);
  const unbound = new Set<string>();
  const noteUnbound = (s: string): void => {
    unbound.add(s);
  };
  // `owner`/`field` name the value in the error: two strings rather than one label so a report of 100k
  // nodes does not build 500k labels it never uses.
  // Importers share equal polys and shapes between nodes (a graph of 10^6 nodes repeats a few):
  // the last few evaluations and JSON shapes are kept, so a repeat costs a comparison.
  // Each kept with its count, made when first asked: five per node, and on 10^6 nodes each conversion
  // from bigint is a cost of its own.
  const evaluated = new Recent<Poly, { readonly value: bigint; count?: Count }>();
  const evaluate = (p: Poly, owner: string | undefined, field: string): { readonly value: bigint; count?: Count } => {
    let e = evaluated.get(p);
    if (e === undefined) {
      e = { value: p.isConst ? p.constValue : p.evaluate(bindings, 1, noteUnbound) };
      evaluated.set(p, e);
    }
    if (e.value < 0n) throw new InvalidCountError(input.model.path, owner === undefined ? field : `node ${JSON.stringify(owner)} ${field}`, e.value);
    return e;
  };
  const evalBig = (p: Poly, owner: string | undefined, field: string): bigint => evaluate(p, owner, field).value;
  const evalPoly = (p: Poly, owner: string | undefined, field: string): Count => {
    const e = evaluate(p, owner, field);
    return (e.count ??= toCount(e.value));
  };
  const shapes = new Recent<Shape, (number | string)[]>();
  const jsonShape = (s: Shape): (number | string)[] => {
    let j = shapes.get(s);
    if (j === undefined) shapes.set(s, (j = s.map(dimToJSON)));
    return j;
  };
  const tensor = (v: AnalyzedValue): ReportTensor => ({ name: v.name, shape: v.shape ? jsonShape(v.shape) : null, dtype: v.dtype });

  const macsSum = new PolySum();
  const flopsSum = new PolySum();
  const paramsSum = new PolySum();
  const movedSum = new PolySum();
  const activationsSum = new PolySum();
  const unsupported = dict<number>();
  const unknown = dict<number>();
  let supported = 0;
  const source = nodeSource(input.nodes);
  // Each node is made once here: its outputs' bytes are kept for the liveness pass (which reads the
  // names from the report nodes), node i's at outBytes[outStart[i]...], and its module scope.
  const outBytes: bigint[] = [];
  const outStart = new Int32Array(source.length + 1);
  const scopes: (ModuleScope | null | undefined)[] = new Array<ModuleScope | null | undefined>(source.length);
  const nodes: ReportNode[] = new Array<ReportNode>(source.length);
  for (let i = 0; i < source.length; i++) {
    outStart[i] = outBytes.length;
    const n = source.at(i);
    scopes[i] = n.scope;
    nodes[i] = reportNode(n);
    source.release?.(i);
  }
  outStart[source.length] = outBytes.length;
  function reportNode(n: AnalyzedNode): ReportNode {
    const mult = n.multiplicity ?? Poly.ONE;
    const c = n.cost;
    // Unknown is never zero: a node whose shapes or cost could not be inferred is not "supported".
    if (n.status === 'unsupported') unsupported[n.op] = (own(unsupported, n.op) ?? 0) + 1;
    else if (n.status !== undefined) unknown[n.op] = (own(unknown, n.op) ?? 0) + 1;
    else supported++;
    for (const o of n.outputs) {
      activationsSum.add(o.bytes);
      outBytes.push(evalBig(o.bytes, o.name, 'bytes'));
    }
    const outs = n.outputs;
    // A literal for one output (most nodes), which V8 allocates where it will stay (the report keeps it).
    let outputs: ReportTensor[];
    if (outs.length === 1) outputs = [tensor(outs[0]!)];
    else {
      outputs = new Array<ReportTensor>(outs.length);
      for (let j = 0; j < outs.length; j++) outputs[j] = tensor(outs[j]!);
    }
    // Every field in one literal, the optional ones undefined until set (JSON leaves them out): a
    // field added to an object after it is made gives it a chain of shapes and, past a few fields, a
    // second block of memory, on each of 10^6 nodes.
    const out: ReportNode = {
      name: n.name,
      op: n.op,
      domain: n.domain,
      layer: n.layer,
      // The importer's list, not a copy: the report is plain data nobody changes.
      inputs: n.inputs as string[],
      outputs,
      params: 0,
      macs: 0,
      flops: 0,
      bytesRead: 0,
      bytesWritten: 0,
      multiplicity: undefined,
      status: undefined,
      module: undefined,
    };
    if (c) {
      macsSum.add(c.macs, mult);
      flopsSum.add(c.flops, mult);
      paramsSum.add(c.params);
      movedSum.add(c.bytesRead, mult).add(c.bytesWritten, mult);
      out.params = evalPoly(c.params, n.name, 'params');
      out.macs = evalPoly(c.macs, n.name, 'macs');
      out.flops = evalPoly(c.flops, n.name, 'flops');
      out.bytesRead = evalPoly(c.bytesRead, n.name, 'bytesRead');
      out.bytesWritten = evalPoly(c.bytesWritten, n.name, 'bytesWritten');
    }
    if (!c && n.params) {
      paramsSum.add(n.params);
      out.params = evalPoly(n.params, n.name, 'params');
    }
    if (!mult.equals(Poly.ONE)) out.multiplicity = evalPoly(mult, n.name, 'multiplicity');
    if (n.status) out.status = n.status;
    return out;
  }

  const macs = macsSum.value;
  const flops = flopsSum.value;
  const moved = movedSum.value;
  const activations = activationsSum.value;
  const params = input.params ?? paramsSum.value;
  // Liveness asks whether a value a node writes (or a graph input) is a weight: a set of the weights,
  // or of the written names that are weights, whichever is smaller (10^6 initializers and a few nodes).
  let weightNames: Set<string>;
  if (input.weights.length <= nodes.length + input.inputs.length) weightNames = new Set(input.weights.map((w) => w.name));
  else {
    const written = new Set<string>(input.inputs.map((v) => v.name));
    for (const n of nodes) for (const o of n.outputs) written.add(o.name);
    weightNames = new Set<string>();
    for (const w of input.weights) if (written.has(w.name)) weightNames.add(w.name);
  }
  const peak = peakLiveBytes(
    {
      length: nodes.length,
      inputs: (i) => nodes[i]!.inputs,
      outputs: (i, write) => {
        const outs = nodes[i]!.outputs;
        for (let j = 0; j < outs.length; j++) write(outs[j]!.name, outBytes[outStart[i]! + j]!);
      },
    },
    input.inputs.map((v) => ({ name: v.name, bytes: evalBig(v.bytes, v.name, 'bytes') })),
    input.outputs.map((v) => v.name),
    weightNames,
  );
  const weightBytes = new ExactSum();
  for (const w of input.weights) {
    // A decoder's byte length is an exact integer; anything else is a broken file, not a size.
    if (!Number.isSafeInteger(w.byteLength)) throw new InvalidCountError(input.model.path, `weight ${JSON.stringify(w.name)} byte length`, w.byteLength);
    if (w.byteLength < 0) throw new InvalidCountError(input.model.path, `weight ${JSON.stringify(w.name)} byte length`, BigInt(w.byteLength));
    weightBytes.add(w.byteLength);
  }

  const totals: Report['totals'] = {
    params: evalPoly(params, undefined, 'params'),
    ...(input.trainableParams ? { trainableParams: evalPoly(input.trainableParams, undefined, 'trainableParams') } : {}),
    macs: evalPoly(macs, undefined, 'macs'),
    flops: evalPoly(flops, undefined, 'flops'),
    ...(input.constantElements ? { constantElements: evalPoly(input.constantElements, undefined, 'constantElements') } : {}),
    weightBytes: toCount(weightBytes.value),
    activationBytes: evalPoly(activations, undefined, 'activationBytes'),
    peakMemoryBytes: peak.peakBytes,
    bytesMoved: evalPoly(moved, undefined, 'bytesMoved'),
  };
  const symbolic: Record<string, string> = {};
  for (const [k, p] of Object.entries({ params, macs, flops, activationBytes: activations, bytesMoved: moved })) if (!p.isConst) symbolic[k] = p.toString();

  const reportInputs = input.inputs.map(tensor);
  const reportOutputs = input.outputs.map(tensor);
  const tree = buildModuleTree(nodes, (i) => scopes[i], reportInputs, reportOutputs);
  if (tree) for (let i = 0; i < nodes.length; i++) nodes[i]!.module = tree.nodeModules[i]!;

  const diagnostics: ReportDiagnostic[] = [...input.diagnostics];
  if (tree?.diagnostic) diagnostics.push(tree.diagnostic);
  for (const s of unbound) bindings[s] = 1;
  pushAll(diagnostics, unboundDiagnostics(resolved, unbound));
  diagnostics.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.code, b.code) || compareText(a.node ?? '', b.node ?? ''));

  return {
    schemaVersion: 2,
    tool: { ...input.tool },
    model: input.model,
    convention: input.convention,
    dims: Object.fromEntries(Object.entries(bindings).sort(([a], [b]) => compareText(a, b))),
    inputs: reportInputs,
    outputs: reportOutputs,
    totals,
    ...(Object.keys(symbolic).length ? { symbolic } : {}),
    nodes,
    ...(tree ? { modules: tree.modules } : {}),
    latency: [],
    coverage: { nodes: nodes.length, supported, unsupported, ...(Object.keys(unknown).length ? { unknown } : {}) },
    diagnostics,
  };
}
