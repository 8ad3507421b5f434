/**
 * What a rule sees of one node: its inputs (values with shapes and known data), typed attribute
 * accessors with defaults, output setters, fresh symbols, and sub-graph inference for control flow.
 */
import { broadcastDim, dimToString, maxOf, Poly, type Dim, type DType, type KernelOptions, type SizeFacts } from '@modelcost/core';
import { InferenceError } from './errors.js';
import type { Attr, GraphDef, NodeDef, TypeInfo } from './model.js';
import { isTensor, tensorVal, valToString, type TensorData, type TensorVal, type Val } from './values.js';

/** Thrown when an input's rank is unknown: the engine gives the outputs unknown shapes without blaming the node. */
export class UnknownRank extends Error {
  override readonly name = 'UnknownRank';
}

/** How the symbols of a loop-carried size evolve: `init + j * step` in iteration j. */
export interface Induction {
  readonly init: Poly;
  readonly step: Poly;
}

/**
 * Result of inferring a sub-graph (If branch, Loop/Scan body, function body). Sub-graph inference is
 * memoised: a body inferred again with inputs of the same signature (shapes, dtypes, known data, and
 * what it reads from enclosing scopes) is not inferred again; its nodes appear once in the report,
 * with the multiplicities of every run added up.
 */
export interface SubgraphResult {
  readonly outputs: readonly (Val | undefined)[];
  /** Count this run `times` times per run of the calling node, instead of the multiplicity it was inferred with. */
  recount(times: Poly): void;
  /** Leave this run out of the report, its nodes and diagnostics with it (a trial whose result was not kept). */
  discard(): void;
  /**
   * Make this run stand for `trips` iterations in which each symbol of `induction` takes the value
   * `init + j*step` in iteration j (j = 0 .. trips-1): a cost that depends on those symbols is summed
   * over the iterations exactly (its node then runs once, at the summed cost), every other cost counts
   * `trips` times, and shapes show the last iteration. Returns false, changing nothing, when a
   * dependent size is out of reach (inside a nested sub-graph, under floor/min/max/mod, or of a
   * degree above 3 in the iteration).
   */
  sumOver(trips: Poly, induction: ReadonlyMap<string, Induction>): boolean;
}

/** Options of {@link EngineServices.inferSubgraph}. */
export interface SubgraphOptions {
  /**
   * This run is one of up to `unroll` runs the calling node makes of the same body, one per
   * iteration (a short loop stepped through). Nested loops see the product in {@link NodeContext.unrolled},
   * so stepping through loops inside stepped loops stays bounded.
   */
  readonly unroll?: number;
}

/** Services the engine provides to a node context. */
export interface EngineServices {
  /** The value of a name visible from the node's scope (for ops that refer to tensors by name, like Gradient). */
  lookupValue(name: string): Val | undefined;
  /** Counting convention options passed to every core kernel. */
  readonly kernelOptions: KernelOptions;
  /** How many stepped iterations enclose this node (1 outside any stepped loop). */
  readonly unrolled: number;
  freshDim(): Dim;
  dataDependentDim(nodeName: string, tag: string): Dim;
  warn(code: string, message: string): void;
  /** Record an info diagnostic about the node (an assumption it made). */
  note(code: string, message: string): void;
  /** What inference knows of signs, and the conditions it assumed (shared by the whole model). */
  readonly facts: SizeFacts;
  /**
   * Infer a sub-graph with the given formal-input values (outer-scope names resolve to the enclosing
   * scope). `multiplicity` scales its nodes' costs (Loop trip count); 0 excludes them (If branch not taken).
   */
  inferSubgraph(graph: GraphDef, inputs: readonly (Val | undefined)[], label: string, multiplicity: Poly, options?: SubgraphOptions): SubgraphResult;
}

/** The most unknown sizes one node may ask for: far above any real rank, far below a hostile one. */
export const MAX_FRESH_PER_NODE = 4096;

/** The view of one node given to its {@link OpRule}. */
export class NodeContext {
  private readonly outs: (Val | undefined)[];
  private freshCount = 0;

  constructor(
    readonly node: NodeDef,
    /** Opset version of the node's domain. */
    readonly opset: number,
    private readonly ins: readonly (Val | undefined)[],
    private readonly engine: EngineServices,
  ) {
    this.outs = new Array<Val | undefined>(node.outputs.length).fill(undefined);
  }

  get name(): string {
    return this.node.name;
  }

  /** Options to pass to core cost kernels (counting convention). */
  get kernelOptions(): KernelOptions {
    return this.engine.kernelOptions;
  }

  /** Number of declared inputs, trailing omitted ones included. */
  get inputCount(): number {
    return this.node.inputs.length;
  }

  get outputCount(): number {
    return this.node.outputs.length;
  }

  /** True when input `i` is present (declared and not `''`). */
  hasInput(i: number): boolean {
    const n = this.node.inputs[i];
    return n !== undefined && n !== '';
  }

  /** True when output `i` is requested (declared and not `''`). */
  hasOutput(i: number): boolean {
    const n = this.node.outputs[i];
    return n !== undefined && n !== '';
  }

  /** The value of input `i`, undefined when omitted. */
  input(i: number): Val | undefined {
    return this.hasInput(i) ? this.ins[i] : undefined;
  }

  /** Positions of the inputs that are present (declared and not `''`). */
  presentInputs(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.node.inputs.length; i++) if (this.hasInput(i)) out.push(i);
    return out;
  }

  /** All present inputs' values (omitted ones and unknown values skipped). */
  inputs(): Val[] {
    const out: Val[] = [];
    for (let i = 0; i < this.node.inputs.length; i++) {
      const v = this.input(i);
      if (v) out.push(v);
    }
    return out;
  }

  /** Input `i` as a tensor; fails when missing or not a tensor. */
  tensor(i: number): TensorVal {
    const v = this.input(i);
    if (!this.hasInput(i)) this.fail(`input ${i} is required but missing`, i);
    if (!v) throw new UnknownRank(`input ${i} (${this.node.inputs[i]}) has no known value`);
    if (!isTensor(v)) this.fail(`input ${i}: expected a tensor, got ${valToString(v)}`, i);
    return v;
  }

  /** Input `i` as a tensor, or undefined when omitted. */
  optTensor(i: number): TensorVal | undefined {
    return this.hasInput(i) ? this.tensor(i) : undefined;
  }

  /** Shape of tensor input `i`; throws {@link UnknownRank} when the rank is unknown. */
  shape(i: number): readonly Dim[] {
    const t = this.tensor(i);
    if (!t.shape) throw new UnknownRank(`input ${i} (${this.node.inputs[i]}) has unknown rank`);
    return t.shape;
  }

  /** Rank of tensor input `i`. */
  rank(i: number): number {
    return this.shape(i).length;
  }

  /** Element type of tensor input `i`. */
  dtype(i: number): DType {
    return this.tensor(i).dtype;
  }

  /** Known contents of input `i`, if any. */
  data(i: number): TensorData | undefined {
    const v = this.input(i);
    return isTensor(v) ? v.data : undefined;
  }

  /** Known integer contents of input `i` as dims (symbolic entries allowed). */
  dims(i: number): Dim[] | undefined {
    const d = this.data(i);
    if (!d) return undefined;
    const out: Dim[] = [];
    for (const x of d) {
      if (typeof x === 'string') return undefined;
      if (typeof x === 'number' && !Number.isInteger(x)) return undefined;
      out.push(x);
    }
    return out;
  }

  /** Known concrete integer contents of input `i`. */
  ints(i: number): number[] | undefined {
    const d = this.dims(i);
    if (!d || d.some((x) => typeof x !== 'number')) return undefined;
    return d as number[];
  }

  /** Known numeric contents of input `i` (floats included). */
  numbers(i: number): number[] | undefined {
    const d = this.data(i);
    if (!d || d.some((x) => typeof x !== 'number')) return undefined;
    return d as number[];
  }

  // ---- attributes ----

  attr(name: string): Attr | undefined {
    return this.node.attributes[name];
  }

  hasAttr(name: string): boolean {
    return this.node.attributes[name] !== undefined;
  }

  private typed<T extends Attr['type']>(name: string, type: T): Extract<Attr, { type: T }> | undefined {
    const a = this.node.attributes[name];
    if (a === undefined) return undefined;
    if (a.type !== type) {
      // ONNX exporters sometimes write an int where a float is meant and vice versa; accept numeric kin.
      if (type === 'float' && a.type === 'int') return { type: 'float', value: a.value } as unknown as Extract<Attr, { type: T }>;
      if (type === 'int' && a.type === 'float' && Number.isInteger(a.value)) return { type: 'int', value: a.value } as unknown as Extract<Attr, { type: T }>;
      if (type === 'ints' && a.type === 'int') return { type: 'ints', value: [a.value] } as unknown as Extract<Attr, { type: T }>;
      if (type === 'floats' && a.type === 'ints') return { type: 'floats', value: a.value } as unknown as Extract<Attr, { type: T }>;
      this.fail(`attribute ${name}: expected ${type}, got ${a.type}`);
    }
    return a as Extract<Attr, { type: T }>;
  }

  attrInt(name: string): number | undefined;
  attrInt(name: string, dflt: number): number;
  attrInt(name: string, dflt?: number): number | undefined {
    return this.typed(name, 'int')?.value ?? dflt;
  }

  attrFloat(name: string): number | undefined;
  attrFloat(name: string, dflt: number): number;
  attrFloat(name: string, dflt?: number): number | undefined {
    return this.typed(name, 'float')?.value ?? dflt;
  }

  attrString(name: string): string | undefined;
  attrString(name: string, dflt: string): string;
  attrString(name: string, dflt?: string): string | undefined {
    return this.typed(name, 'string')?.value ?? dflt;
  }

  attrInts(name: string): readonly number[] | undefined;
  attrInts(name: string, dflt: readonly number[]): readonly number[];
  attrInts(name: string, dflt?: readonly number[]): readonly number[] | undefined {
    return this.typed(name, 'ints')?.value ?? dflt;
  }

  attrFloats(name: string): readonly number[] | undefined {
    return this.typed(name, 'floats')?.value;
  }

  attrStrings(name: string): readonly string[] | undefined {
    return this.typed(name, 'strings')?.value;
  }

  attrGraph(name: string): GraphDef | undefined {
    return this.typed(name, 'graph')?.value;
  }

  attrType(name: string): TypeInfo | undefined {
    return this.typed(name, 'type')?.value;
  }

  // ---- outputs ----

  /** Set output `i`. */
  setOutput(i: number, v: Val | undefined): void {
    if (i < this.outs.length) this.outs[i] = v;
  }

  /** Set output `i` to a tensor. */
  output(i: number, dtype: DType, shape: readonly Dim[] | undefined, data?: TensorData): void {
    this.setOutput(i, tensorVal(dtype, shape, data));
  }

  /** Output values set so far. */
  outputs(): readonly (Val | undefined)[] {
    return this.outs;
  }

  /** Output `i` as set by `infer` (for `cost`). */
  out(i: number): TensorVal {
    const v = this.outs[i];
    if (!isTensor(v)) throw new UnknownRank(`output ${i} has no tensor value`);
    return v;
  }

  /** Shape of output `i` (for `cost`); throws {@link UnknownRank} when unknown. */
  outShape(i: number): readonly Dim[] {
    const s = this.out(i).shape;
    if (!s) throw new UnknownRank(`output ${i} has unknown rank`);
    return s;
  }

  // ---- helpers ----

  /** The value of any tensor visible from this node, by name (Gradient's `xs`). */
  valueOf(name: string): Val | undefined {
    return this.engine.lookupValue(name);
  }

  /** A fresh unknown dim (`unk__N`). Fails past {@link MAX_FRESH_PER_NODE} in one node (a rank read from a hostile size). */
  fresh(): Dim {
    if (++this.freshCount > MAX_FRESH_PER_NODE) this.fail(`asks for more than ${MAX_FRESH_PER_NODE} unknown sizes: a rank beyond any real tensor`);
    return this.engine.freshDim();
  }

  /** How many stepped loop iterations enclose this node (1 outside any stepped loop). */
  get unrolled(): number {
    return this.engine.unrolled;
  }

  /** A named symbol for a size that depends on input values (NonZero count, Unique length). */
  dataDependent(tag: string): Dim {
    if (++this.freshCount > MAX_FRESH_PER_NODE) this.fail(`asks for more than ${MAX_FRESH_PER_NODE} unknown sizes: a rank beyond any real tensor`);
    return this.engine.dataDependentDim(this.node.name || this.node.opType, tag);
  }

  /** Normalise an axis in [-rank, rank) to [0, rank). */
  axis(a: number, rank: number, what = 'axis'): number {
    if (!Number.isInteger(a) || a < -rank || a >= rank) this.fail(`${what} ${a} is out of range for rank ${rank}: expected [${-rank}, ${rank - 1}]`);
    return a < 0 ? a + rank : a;
  }

  /** Numpy multidirectional broadcast of shapes; fails naming the axis and both sizes on conflict. */
  broadcast(...shapes: (readonly Dim[])[]): Dim[] {
    return this.broadcastList(shapes);
  }

  /** {@link broadcast} of a list (a variadic node's inputs: a file may give one 200,000 of them, too many to spread as arguments). */
  broadcastList(shapes: readonly (readonly Dim[])[]): Dim[] {
    const rank = Math.max(0, maxOf(shapes.map((s) => s.length)));
    const out: Dim[] = new Array<Dim>(rank).fill(1);
    shapes.forEach((s, k) => {
      const off = rank - s.length;
      for (let i = 0; i < s.length; i++) {
        const r = broadcastDim(out[off + i]!, s[i]!);
        if (r.conflict) this.fail(`input ${k}: dim ${dimToString(s[i]!)} does not broadcast with ${dimToString(out[off + i]!)} at axis ${off + i}`, k);
        out[off + i] = r.dim;
      }
    });
    return out;
  }

  /** Record a warning diagnostic about this node. */
  warn(code: string, message: string): void {
    this.engine.warn(code, message);
  }

  /** Record an info diagnostic about this node. */
  note(code: string, message: string): void {
    this.engine.note(code, message);
  }

  /**
   * Whether `p >= 0`, from what is known (sizes >= 0, earlier assumptions, the user's `--dim`
   * values, sizes >= 1), recording what the decision rests on; undefined when nothing decides it.
   * `what` describes the value in messages.
   */
  nonNegative(p: Poly, what: string): boolean | undefined {
    return this.engine.facts.nonNegative(p, `node ${this.node.name || this.node.opType}: ${what}`);
  }

  /** Assume `p >= 0` (recorded: a binding that breaks it is refused), described by `what`. */
  assume(p: Poly, what: string): void {
    this.engine.facts.assume(p, `node ${this.node.name || this.node.opType}: ${what}`);
  }

  /** Infer a sub-graph (see {@link EngineServices.inferSubgraph}). */
  subgraph(graph: GraphDef, inputs: readonly (Val | undefined)[], label: string, multiplicity: Poly = Poly.ONE, options?: SubgraphOptions): SubgraphResult {
    return this.engine.inferSubgraph(graph, inputs, label, multiplicity, options);
  }

  /** Throw an {@link InferenceError} about this node. */
  fail(message: string, input?: number): never {
    throw new InferenceError(message, input);
  }
}
