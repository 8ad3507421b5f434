/**
 * Renderers of one Report: a terminal table in the manner of a Keras / torchinfo summary, and CSV.
 */
import { countNumber, groupDigits, type Report, type ReportNode } from '@modelcost/core';
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
  if (opts.perLayer) {
    const w = opts.nameWidth ?? 40;
    const cut = (s: string, n: number): string => {
      const c = term(s);
      return c.length > n ? `${c.slice(0, n - 1)}…` : c;
    };
    const total = countNumber(t.macs);
    const rows = r.nodes.map((n) => [cut(n.name, w), cut(n.op, 22), cut(shape(n), 26), groupDigits(n.params), groupDigits(n.macs), total ? `${((100 * countNumber(n.macs)) / total).toFixed(1)}%` : '-']);
    const head = ['node', 'op', 'output', 'params', 'MACs', 'share'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const fmt = (row: string[]): string => `  ${row.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`;
    lines.push('', fmt(head), `  ${widths.map((x) => '-'.repeat(x)).join('  ')}`, ...rows.map(fmt), '');
  }
  lines.push(
    `  params ${groupDigits(t.params)}${t.trainableParams !== undefined ? ` (trainable ${groupDigits(t.trainableParams)})` : ''}  MACs ${groupDigits(t.macs)} (${human(t.macs)})  FLOPs ${groupDigits(t.flops)} (${human(t.flops)})`,
    `  weights ${human(t.weightBytes, true)}  activations ${human(t.activationBytes, true)}  peak ${human(t.peakMemoryBytes, true)}  moved ${human(t.bytesMoved, true)}`,
  );
  if (r.symbolic) for (const [k, v] of Object.entries(r.symbolic)) lines.push(`  ${k} = ${term(v, 2000)}`);
  if (Object.keys(r.dims).length) lines.push(`  dims: ${term(Object.entries(r.dims).map(([k, v]) => `${k}=${v}`).join(', '), 2000)}`);
  const unsupported = Object.entries(r.coverage.unsupported);
  lines.push(`  coverage: ${r.coverage.supported}/${r.coverage.nodes} nodes${unsupported.length ? `; no cost rule (not counted): ${term(unsupported.map(([op, c]) => `${op} x${c}`).join(', '), 2000)}` : ''}`);
  for (const l of r.latency) {
    const share = `${Math.round(l.boundBy.compute * 100)}% compute-bound, ${Math.round(l.boundBy.memory * 100)}% memory-bound`;
    lines.push(`  latency on ${term(l.hardware, 60)}${l.precision ? ` at ${l.precision}` : ''}: ${formatMs(l.ms)} (${share}${l.kernels !== undefined ? `, ${l.kernels} kernels` : ''})`);
    for (const k of l.top ?? []) lines.push(`    ${formatMs(k.ms).padStart(10)}  ${k.boundBy.padEnd(7)}  ${term(k.ops, 80)}  ${term(k.nodes[0] ?? '', 120)}${k.nodes.length > 1 ? ` (+${k.nodes.length - 1})` : ''}`);
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

/** One row per node: name, op, domain, output shape, params, MACs, FLOPs, bytes read and written. */
export function renderCsv(r: Report): string {
  const rows = [['model', 'node', 'op', 'domain', 'output_shape', 'params', 'macs', 'flops', 'bytes_read', 'bytes_written', 'status']];
  for (const n of r.nodes) rows.push([r.model.path, n.name, n.op, n.domain, shape(n), String(n.params), String(n.macs), String(n.flops), String(n.bytesRead), String(n.bytesWritten), n.status ?? 'ok']);
  // csvCell quotes and defuses spreadsheet formulas in the model-derived cells.
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
