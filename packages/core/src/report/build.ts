/**
 * Assembling a {@link Report} from what an importer inferred: every exact polynomial is evaluated
 * under the user's dim bindings (unbound symbols count as 1, or the smallest value that keeps every
 * size positive, with diagnostics naming them: see `resolveDims`), totals
 * are summed with node multiplicities, memory is analysed, and the symbolic totals are kept as text.
 */
import { dimToJSON, type Shape } from '../symbolic/dim.js';
import { Poly, PolySum } from '../symbolic/poly.js';
import type { Cost, Convention } from '../cost/types.js';
import { peakLiveBytes } from '../memory/memory.js';
import { compareText } from '../util/text.js';
import type { SizeConstraint } from '../symbolic/defaults.js';
import { resolveDims, unboundDiagnostics } from './dims.js';
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
  readonly nodes: readonly AnalyzedNode[];
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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Build the Report. Pure. Throws `DimValueError` when a `--dim` value makes a size impossible, or no
 * default can (see `resolveDims`); otherwise never throws on symbolic or unknown sizes.
 */
export function buildReport(input: ReportInput): Report {
  const resolved = resolveDims(input);
  const bindings: Record<string, number> = { ...resolved.values };
  const unbound = new Set<string>();
  const overflow: string[] = [];
  const noteUnbound = (s: string): void => {
    unbound.add(s);
  };
  // `what` names the value in an overflow note: `<owner> <field>`, or `<field>` alone for totals.
  // Two strings rather than one so a report of 100k nodes does not build 500k labels it never uses.
  const evalPoly = (p: Poly, owner: string | undefined, field: string): number => {
    const v = p.isConst ? p.constValue : p.evaluate(bindings, 1, noteUnbound);
    if (v > MAX_SAFE || v < -MAX_SAFE) overflow.push(`${owner === undefined ? field : `${owner} ${field}`} = ${v}`);
    return Number(v);
  };
  const tensor = (v: AnalyzedValue): ReportTensor => ({ name: v.name, shape: v.shape ? v.shape.map(dimToJSON) : null, dtype: v.dtype });

  const macsSum = new PolySum();
  const flopsSum = new PolySum();
  const paramsSum = new PolySum();
  const movedSum = new PolySum();
  const activationsSum = new PolySum();
  const unsupported: Record<string, number> = {};
  let supported = 0;
  const nodes: ReportNode[] = input.nodes.map((n) => {
    const mult = n.multiplicity ?? Poly.ONE;
    const c = n.cost;
    if (n.status === 'unsupported') unsupported[n.op] = (unsupported[n.op] ?? 0) + 1;
    else supported++;
    for (const o of n.outputs) activationsSum.add(o.bytes);
    const out: ReportNode = {
      name: n.name,
      op: n.op,
      domain: n.domain,
      ...(n.layer !== undefined ? { layer: n.layer } : {}),
      inputs: [...n.inputs],
      outputs: n.outputs.map(tensor),
      params: 0,
      macs: 0,
      flops: 0,
      bytesRead: 0,
      bytesWritten: 0,
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
  });

  const macs = macsSum.value;
  const flops = flopsSum.value;
  const moved = movedSum.value;
  const activations = activationsSum.value;
  const params = input.params ?? paramsSum.value;
  const weightNames = new Set(input.weights.map((w) => w.name));
  const peak = peakLiveBytes(
    input.nodes.map((n) => ({ inputs: n.inputs, outputs: n.outputs.map((o) => ({ name: o.name, bytes: evalPoly(o.bytes, o.name, 'bytes') })) })),
    input.inputs.map((v) => ({ name: v.name, bytes: evalPoly(v.bytes, v.name, 'bytes') })),
    input.outputs.map((v) => v.name),
    weightNames,
  );
  const weightBytes = input.weights.reduce((s, w) => s + w.byteLength, 0);

  const totals: Report['totals'] = {
    params: evalPoly(params, undefined, 'params'),
    ...(input.trainableParams ? { trainableParams: evalPoly(input.trainableParams, undefined, 'trainableParams') } : {}),
    macs: evalPoly(macs, undefined, 'macs'),
    flops: evalPoly(flops, undefined, 'flops'),
    ...(input.constantElements ? { constantElements: evalPoly(input.constantElements, undefined, 'constantElements') } : {}),
    weightBytes,
    activationBytes: evalPoly(activations, undefined, 'activationBytes'),
    peakMemoryBytes: peak.peakBytes,
    bytesMoved: evalPoly(moved, undefined, 'bytesMoved'),
  };
  const symbolic: Record<string, string> = {};
  for (const [k, p] of Object.entries({ params, macs, flops, activationBytes: activations, bytesMoved: moved })) if (!p.isConst) symbolic[k] = p.toString();

  const diagnostics: ReportDiagnostic[] = [...input.diagnostics];
  for (const s of unbound) bindings[s] = 1;
  diagnostics.push(...unboundDiagnostics(resolved, unbound));
  if (overflow.length)
    diagnostics.push({ severity: 'error', code: 'count-overflow', message: `counts beyond 2^53 lose precision in JSON numbers: ${overflow.slice(0, 5).join(', ')}${overflow.length > 5 ? ', ...' : ''}` });
  diagnostics.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.code, b.code) || compareText(a.node ?? '', b.node ?? ''));

  return {
    schemaVersion: 1,
    tool: { ...input.tool },
    model: input.model,
    convention: input.convention,
    dims: Object.fromEntries(Object.entries(bindings).sort(([a], [b]) => compareText(a, b))),
    inputs: input.inputs.map(tensor),
    outputs: input.outputs.map(tensor),
    totals,
    ...(Object.keys(symbolic).length ? { symbolic } : {}),
    nodes,
    latency: [],
    coverage: { nodes: input.nodes.length, supported, unsupported },
    diagnostics,
  };
}
