/**
 * Renderers of one Report: a terminal table in the manner of a Keras / torchinfo summary (the module
 * tree to a depth, then optionally one row per node), and CSV (per node, or per module).
 */
import { countNumber, groupDigits, isZeroCount, maxOf, moduleTreeProblem, pushAll, type Report, type ReportModule, type ReportNode, type ReportTensor } from '@modelcost/core';
import { latencyLabel } from './diff.js';
import { csvCell, term } from './escape.js';
import { human } from './render.js';

function shape(n: ReportNode): string {
  const o = n.outputs[0];
  return o ? `[${(o.shape ?? ['?']).join(', ')}]` : '';
}

/** Options of {@link renderProfileTable}. */
export interface TableOptions {
  /** One row per node (default: summary only). */
  readonly perLayer?: boolean;
  /** Widest the name column gets (longer names are cut with …). Default 40. */
  readonly nameWidth?: number;
  /**
   * Deepest level of the module tree shown (1 = the model's top-level modules, 0 = no tree). Default:
   * the deepest level at which the tree has at most {@link DEFAULT_TREE_ROWS} rows (at least 1).
   */
  readonly depth?: number;
}

/** Rows the module tree may have at the default depth. */
export const DEFAULT_TREE_ROWS = 40;

/** The report's module tree when it is well formed (a stored report is untrusted), else undefined. */
function treeOf(r: Report): readonly ReportModule[] | undefined {
  return r.modules && r.modules.length > 1 && moduleTreeProblem(r) === undefined ? r.modules : undefined;
}

/** The depth {@link renderProfileTable} shows by default: the deepest with at most `rows` modules down to it, at least 1. */
export function defaultTreeDepth(modules: readonly ReportModule[], rows: number = DEFAULT_TREE_ROWS): number {
  const perDepth: number[] = [];
  for (const m of modules) if (m.depth > 0) perDepth[m.depth] = (perDepth[m.depth] ?? 0) + 1;
  let total = 0;
  let depth = 1;
  for (let d = 1; d < perDepth.length; d++) {
    total += perDepth[d] ?? 0;
    if (total > rows) break;
    depth = d;
  }
  return depth;
}

const tensorShape = (t: ReportTensor | undefined): string => (t ? `[${(t.shape ?? ['?']).join(', ')}]` : '');

/**
 * The module tree as a table in the manner of torchinfo's summary: one row per module down to
 * `depth` (indented by level), its class (or its only op), first output shape, params, MACs, share
 * of the model's MACs, and its estimated milliseconds per hardware.
 */
function treeLines(r: Report, modules: readonly ReportModule[], depth: number, nameWidth: number): string[] {
  const total = countNumber(r.totals.macs);
  const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const lat = r.latency.filter((l) => l.modules?.length === modules.length);
  const head = ['module', 'type', 'output', 'params', 'MACs', 'share', ...lat.map((l) => `ms ${term(l.hardware, 30)}${l.precision ? `@${l.precision}` : ''}`)];
  const rows: string[][] = [];
  let deeper = 0;
  modules.forEach((m, i) => {
    if (m.depth === 0) return;
    if (m.depth > depth) {
      deeper++;
      return;
    }
    const name = `${'  '.repeat(m.depth - 1)}${term(m.name, nameWidth)}${m.calls ? ` x${m.calls}` : ''}`;
    const type = m.type ?? m.op ?? '';
    const outs = m.outputs ?? [];
    rows.push([
      cut(name, nameWidth + 2 * (m.depth - 1)),
      cut(term(type, 40), 24),
      cut(`${tensorShape(outs[0])}${outs.length > 1 ? ` +${outs.length - 1}` : ''}`, 28),
      groupDigits(m.params),
      `${groupDigits(m.macs)}${m.unsupported ? ' + ?' : ''}`,
      total ? `${((100 * countNumber(m.macs)) / total).toFixed(1)}%` : '-',
      ...lat.map((l) => {
        const ms = l.modules![i]!;
        return Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toPrecision(3)) : '-';
      }),
    ]);
  });
  const widths = head.map((h, i) => Math.max(h.length, maxOf(rows.map((row) => row[i]!.length))));
  const fmt = (row: string[]): string => `  ${row.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  const maxDepth = maxOf(modules.map((m) => m.depth));
  return [
    '',
    fmt(head),
    `  ${widths.map((x) => '-'.repeat(x)).join('  ')}`,
    ...rows.map(fmt),
    ...(deeper ? [`  (tree shown to depth ${depth} of ${maxDepth}: ${deeper} deeper module${deeper === 1 ? '' : 's'}; --depth N shows them)`] : []),
    '',
  ];
}

/**
 * The profile as text: header, optional per-node table (name, op, output shape, params, MACs, share of
 * the model's MACs), totals, symbolic formulas, coverage, and the warnings.
 */
export function renderProfileTable(r: Report, opts: TableOptions = {}): string {
  const t = r.totals;
  // Names, paths, producers, shapes and messages come from the model: term() keeps escape sequences off the terminal.
  const lines: string[] = [`${term(r.model.path)} (${r.model.format}${r.model.producer ? `, ${term(r.model.producer, 80)}` : ''})`];
  const io = (list: Report['inputs']): string => term(list.map((x) => `${x.name} ${x.dtype}[${(x.shape ?? ['?']).join(', ')}]`).join('; '), 2000);
  lines.push(`  inputs:  ${io(r.inputs)}`, `  outputs: ${io(r.outputs)}`);
  const modules = treeOf(r);
  if (modules && opts.depth !== 0) pushAll(lines, treeLines(r, modules, opts.depth ?? defaultTreeDepth(modules), opts.nameWidth ?? 40));
  if (opts.perLayer) {
    const w = opts.nameWidth ?? 40;
    const cut = (s: string, n: number): string => {
      const c = term(s);
      return c.length > n ? `${c.slice(0, n - 1)}…` : c;
    };
    const total = countNumber(t.macs);
    const rows = r.nodes.map((n) => [cut(n.name, w), cut(n.op, 22), cut(shape(n), 26), groupDigits(n.params), groupDigits(n.macs), total ? `${((100 * countNumber(n.macs)) / total).toFixed(1)}%` : '-']);
    const head = ['node', 'op', 'output', 'params', 'MACs', 'share'];
    const widths = head.map((h, i) => Math.max(h.length, maxOf(rows.map((row) => row[i]!.length))));
    const fmt = (row: string[]): string => `  ${row.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`;
    lines.push('', fmt(head), `  ${widths.map((x) => '-'.repeat(x)).join('  ')}`, ...rows.map(fmt), '');
  }
  lines.push(
    `  params ${groupDigits(t.params)}${t.trainableParams !== undefined ? ` (trainable ${groupDigits(t.trainableParams)})` : ''}${t.constantElements !== undefined && !isZeroCount(t.constantElements) ? `  constants ${groupDigits(t.constantElements)}` : ''}  MACs ${groupDigits(t.macs)} (${human(t.macs)})  FLOPs ${groupDigits(t.flops)} (${human(t.flops)})`,
    `  weights ${human(t.weightBytes, true)}  activations ${human(t.activationBytes, true)}  peak ${human(t.peakMemoryBytes, true)}  moved ${human(t.bytesMoved, true)}`,
  );
  if (r.symbolic) for (const [k, v] of Object.entries(r.symbolic)) lines.push(`  ${k} = ${term(v, 2000)}`);
  if (Object.keys(r.dims).length) lines.push(`  dims: ${term(Object.entries(r.dims).map(([k, v]) => `${k}=${v}`).join(', '), 2000)}`);
  const unsupported = Object.entries(r.coverage.unsupported);
  const unknown = Object.entries(r.coverage.unknown ?? {});
  const ops = (list: [string, number][]): string => term(list.map(([op, c]) => `${op} x${c}`).join(', '), 2000);
  lines.push(
    `  coverage: ${r.coverage.supported}/${r.coverage.nodes} nodes${unsupported.length ? `; no cost rule (not counted): ${ops(unsupported)}` : ''}` +
      `${unknown.length ? `; shapes not inferred (not counted): ${ops(unknown)}` : ''}`,
  );
  for (const l of r.latency) {
    const share = `${Math.round(l.boundBy.compute * 100)}% compute-bound, ${Math.round(l.boundBy.memory * 100)}% memory-bound`;
    lines.push(`  latency on ${term(latencyLabel(l), 100)}: ${formatMs(l.ms)} (${share}${l.kernels !== undefined ? `, ${l.kernels} kernels` : ''})`);
    if (l.throughput) lines.push(`    throughput ${human(l.throughput.samplesPerSec)} samples/s at batch ${l.throughput.batch} (${formatMs(l.throughput.ms)} per batch)`);
    for (const k of l.top ?? []) lines.push(`    ${formatMs(k.ms).padStart(10)}  ${k.boundBy.padEnd(7)}  ${term(k.ops, 80)}  ${term(k.nodes[0] ?? '', 120)}${(k.nodeCount ?? k.nodes.length) > 1 ? ` (+${(k.nodeCount ?? k.nodes.length) - 1})` : ''}`);
  }
  const shown = r.diagnostics.filter((d) => d.severity !== 'info');
  for (const d of shown.slice(0, 20)) lines.push(`  ${d.severity}: ${d.node ? `${term(d.node, 120)}: ` : ''}${term(d.message, 600)}`);
  if (shown.length > 20) lines.push(`  ... and ${shown.length - 20} more (see --json)`);
  return `${lines.join('\n')}\n`;
}

/** Milliseconds with 3 significant digits at least (`0.0412 ms`, `12.3 ms`). */
export function formatMs(ms: number): string {
  return `${ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toPrecision(3)} ms`;
}

/** One row per node: name, op, domain, output shape, params, MACs, FLOPs, bytes read and written, status, and the path of its module (`` when the report has no module tree). */
export function renderCsv(r: Report): string {
  const rows = [['model', 'node', 'op', 'domain', 'output_shape', 'params', 'macs', 'flops', 'bytes_read', 'bytes_written', 'status', 'module']];
  const modules = treeOf(r);
  for (const n of r.nodes)
    rows.push([r.model.path, n.name, n.op, n.domain, shape(n), String(n.params), String(n.macs), String(n.flops), String(n.bytesRead), String(n.bytesWritten), n.status ?? 'ok', modules && n.module !== undefined ? modules[n.module]!.path : '']);
  // csvCell quotes and defuses spreadsheet formulas in the model-derived cells.
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

/**
 * One row per module down to `depth` (default: all), root first: path, depth, class, calls, nodes,
 * first output shape, params, MACs, FLOPs, bytes moved, nodes without a cost rule. A report without a
 * module tree gives the header and its root row only.
 */
export function renderModuleCsv(r: Report, depth: number = Number.POSITIVE_INFINITY): string {
  const rows = [['model', 'module', 'depth', 'type', 'calls', 'nodes', 'output_shape', 'params', 'macs', 'flops', 'bytes_moved', 'unsupported']];
  const modules = treeOf(r);
  if (!modules) {
    const t = r.totals;
    const unsupported = Object.values(r.coverage.unsupported).reduce((a, b) => a + b, 0);
    rows.push([r.model.path, '', '0', '', '1', String(r.nodes.length), tensorShape(r.outputs[0]), String(t.params), String(t.macs), String(t.flops), String(t.bytesMoved), String(unsupported)]);
  } else
    for (const m of modules)
      if (m.depth <= depth)
        rows.push([r.model.path, m.path, String(m.depth), m.type ?? m.op ?? '', String(m.calls ?? 1), String(m.nodes), tensorShape(m.outputs?.[0]), String(m.params), String(m.macs), String(m.flops), String(m.bytesMoved), String(m.unsupported ?? 0)]);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
