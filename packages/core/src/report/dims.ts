/**
 * The symbol values a report is evaluated at: the user's (`--dim`), and for every other symbol a
 * default that keeps every size possible (see {@link chooseDefaults}). A user value that makes a size
 * zero or negative, or a model no value can make whole, is refused with a {@link DimValueError}
 * naming the symbol, the size and the smallest valid value: the report never prints a negative count.
 */
import { ModelImportError, ModelOptionsError } from '../io/import-error.js';
import { dict } from '../util/dict.js';
import { chooseDefaults, type SizeConstraint } from '../symbolic/defaults.js';
import type { Poly } from '../symbolic/poly.js';
import { nodeSource, type AnalyzedNode, type AnalyzedNodes, type AnalyzedValue } from './build.js';
import type { ReportDiagnostic } from './report.js';

/** A symbol value the user gave makes a size of the model impossible (`--dim samples=100` on a CNN that needs 400). */
export class DimValueError extends ModelOptionsError {
  override readonly name = 'DimValueError';
}

/**
 * No value of the model's own symbols makes its sizes possible (its shapes contradict each other):
 * the model is refused, like one whose counts come out negative. `code` is `impossible-size`.
 */
export class ImpossibleSizeError extends ModelImportError {
  override readonly name = 'ImpossibleSizeError';
  readonly code = 'impossible-size';
  constructor(
    /** The file label, when known. */
    readonly file: string | undefined,
    reason: string,
  ) {
    super(`${file ? `${file}: ` : ''}${reason}`);
  }
}

/** What {@link resolveDims} needs of the report input. */
export interface DimsInput {
  readonly dims: Readonly<Record<string, number>>;
  readonly inputs: readonly AnalyzedValue[];
  readonly outputs: readonly AnalyzedValue[];
  readonly nodes: readonly AnalyzedNode[] | AnalyzedNodes;
  /** Conditions the importer assumed (each poly >= 0), e.g. a Slice bound inside its table. */
  readonly conditions?: readonly SizeConstraint[];
}

/** The resolved values. */
export interface ResolvedDims {
  /** User values and every chosen default (symbols of sizes, counts and conditions). */
  readonly values: Readonly<Record<string, number>>;
  /** Unbound symbols counted at 1. */
  readonly atOne: readonly string[];
  /** Unbound symbols 1 does not fit: their value and the size that needed it. */
  readonly raised: readonly { readonly symbol: string; readonly value: number; readonly because?: SizeConstraint }[];
}

/** Every size (>= 1), count (>= 0) and condition (>= 0) of the report, one per distinct polynomial. */
export function sizeConstraints(input: DimsInput): SizeConstraint[] {
  // Reports of 10^5 nodes pass here: one key set per bound, labels built only for new polynomials.
  const seen = [new Set<string>(), new Set<string>()];
  const out: SizeConstraint[] = [];
  // The same poly object recurs (a dim shared by every node's shape): the last few seen are skipped
  // before their key is asked (a set of every object would keep 10^6 cost polys alive).
  const recent: Poly[][] = [[], []];
  // Labels are made only for the polys kept: `owner` and `field` are joined when a poly is new.
  // `node` true: `owner` is a node's name, said as `node <name>` (joined only for a kept poly).
  const add = (p: Poly | undefined, min: 0n | 1n, owner: string, field: string, name = '', axis = -1, node = false): void => {
    if (!p || p.isConst) return;
    const last = recent[Number(min)]!;
    if (last.includes(p)) return;
    if (last.length >= 8) last.shift();
    last.push(p);
    const set = seen[Number(min)]!;
    if (set.has(p.key)) return;
    set.add(p.key);
    const who = node ? `node ${owner}` : owner;
    out.push({ poly: p, min, what: axis < 0 ? `${who} ${field}` : `${who}${field} ${name} axis ${axis}` });
  };
  const sizes = (v: AnalyzedValue, owner: string, field = '', node = false): void => {
    const shape = v.shape;
    if (!shape) return;
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i]!;
      if (typeof d !== 'number') add(d, 1n, owner, field, v.name, i, node);
    }
  };
  // The importer's own conditions first: their wording says why a default had to move.
  for (const c of input.conditions ?? []) {
    if (c.poly.isConst || seen[c.min === 1n ? 1 : 0]!.has(c.poly.key)) continue;
    seen[c.min === 1n ? 1 : 0]!.add(c.poly.key);
    out.push(c);
  }
  for (const v of input.inputs) sizes(v, 'input');
  const nodes = nodeSource(input.nodes);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes.at(i);
    const m = n.multiplicity;
    // A branch not taken runs 0 times: its sizes need not be possible.
    if (m && m.isConst && m.constValue === 0n) continue;
    const owner = n.name;
    add(m, 0n, owner, 'run count', '', -1, true);
    for (const o of n.outputs) sizes(o, owner, ' output', true);
    const c = n.cost;
    if (c) {
      add(c.macs, 0n, owner, 'macs', '', -1, true);
      add(c.flops, 0n, owner, 'flops', '', -1, true);
      add(c.params, 0n, owner, 'params', '', -1, true);
      add(c.bytesRead, 0n, owner, 'bytesRead', '', -1, true);
      add(c.bytesWritten, 0n, owner, 'bytesWritten', '', -1, true);
    }
  }
  for (const v of input.outputs) sizes(v, 'output');
  return out;
}

/**
 * User values checked against every size, and defaults chosen for the rest. Throws {@link DimValueError}
 * when the user's values break a size, {@link ImpossibleSizeError} (naming `file`) when no value does.
 */
export function resolveDims(input: DimsInput, file?: string): ResolvedDims {
  const constraints = sizeConstraints(input);
  const user = input.dims;
  const choice = chooseDefaults(constraints, user);
  if (!choice.ok) {
    const reason = refusal(constraints, user, choice.constraint, choice.symbols, choice.value);
    // The user's values at fault: an option error; else the model itself is inconsistent.
    const userAtFault = choice.symbols.length === 0 && choice.constraint.poly.symbols().some((s) => Object.prototype.hasOwnProperty.call(user, s));
    throw userAtFault ? new DimValueError(reason) : new ImpossibleSizeError(file, reason);
  }
  // Symbol names come from the model: a record without a prototype (`__proto__` is a plain key).
  const values = dict<number>(Object.entries(user));
  const atOne: string[] = [];
  const raised: { symbol: string; value: number; because?: SizeConstraint }[] = [];
  for (const [s, v] of [...choice.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    values[s] = Number(v);
    if (v === 1n) atOne.push(s);
    else {
      const because = constraints.find((c) => c.poly.symbols().includes(s) && c.poly.evaluate({ ...user, [s]: 1 }, 1) < c.min);
      raised.push(because ? { symbol: s, value: Number(v), because } : { symbol: s, value: Number(v) });
    }
  }
  return { values, atOne, raised };
}

/**
 * The diagnostics saying which symbols had no value: one `unbound-symbol` for those counted as 1
 * (with `extra`, symbols met only while evaluating), one `default-raised` per symbol 1 did not fit.
 */
export function unboundDiagnostics(r: ResolvedDims, extra: Iterable<string> = []): ReportDiagnostic[] {
  const out: ReportDiagnostic[] = [];
  const one = [...new Set([...r.atOne, ...extra])].sort();
  if (one.length)
    out.push({ severity: 'warning', code: 'unbound-symbol', message: `symbolic dims ${one.join(', ')} have no value: counted as 1. Bind them with ${one.map((s) => `--dim ${s}=N`).join(' ')}` });
  for (const x of r.raised)
    out.push({
      severity: 'warning',
      code: 'default-raised',
      message: `symbolic dim ${x.symbol} has no value and 1 makes ${x.because ? `${x.because.what} (${x.because.poly.toString()}) impossible` : 'a size impossible'}: counted as ${x.value}, the smallest value that keeps every size positive. Bind it with --dim ${x.symbol}=N`,
    });
  return out;
}

function refusal(constraints: readonly SizeConstraint[], user: Readonly<Record<string, number>>, c: SizeConstraint, free: readonly string[], value: bigint): string {
  const kind = c.min === 1n ? 'a size' : 'a count';
  const at = `${c.what} = ${c.poly.toString()} = ${value}`;
  const boundHere = c.poly.symbols().filter((s) => Object.prototype.hasOwnProperty.call(user, s));
  if (free.length === 0 && boundHere.length) {
    // The user's values break it: say which value would do, for each of them.
    const fixes = boundHere.map((s) => {
      const rest: Record<string, number> = { ...user };
      delete rest[s];
      const alt = chooseDefaults(constraints, rest);
      const lo = alt.ok ? alt.values.get(s) : undefined;
      if (lo === undefined) return `no value of ${s} fixes it`;
      const given = BigInt(user[s]!);
      if (given < lo) return `the smallest valid value is ${s}=${lo}`;
      // Above the smallest valid value: an upper bound (a table's length). Bisect for the largest.
      const holds = (v: bigint): boolean => {
        const at = new Map<string, number | bigint>([...Object.entries(rest), ...(alt.ok ? alt.values : [])]).set(s, v);
        return constraints.every((k) => k.poly.evaluate(at, 1) >= k.min);
      };
      let [ok, bad] = [lo, given];
      while (bad - ok > 1n) {
        const mid = (ok + bad) / 2n;
        if (holds(mid)) ok = mid;
        else bad = mid;
      }
      return `valid values are ${s}=${lo} to ${ok}`;
    });
    return `${boundHere.map((s) => `--dim ${s}=${user[s]}`).join(' ')} makes ${kind} impossible: ${at} (at least ${c.min} needed); ${fixes.join('; ')}`;
  }
  const names = free.length ? free : c.poly.symbols();
  return `no value of ${names.join(', ')} up to 2^40 makes ${kind} possible: ${at} (at least ${c.min} needed); the model's sizes contradict each other, its totals are refused`;
}
