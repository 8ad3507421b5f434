/**
 * Human output of `profile`: a summary and, with --per-layer, one row per node. The full renderers
 * (terminal table, markdown, CSV) live in @modelcost/report.
 */
import type { Report } from '@modelcost/core';

/** Group digits: 1234567 -> 1,234,567. */
function n(v: number): string {
  return v.toLocaleString('en-US');
}

/** Plain-text profile of one model. */
export function renderProfileText(r: Report, opts: { perLayer: boolean }): string {
  const t = r.totals;
  const lines = [
    `${r.model.path} (${r.model.format}${r.model.producer ? `, ${r.model.producer}` : ''})`,
    `  inputs:  ${r.inputs.map((i) => `${i.name} ${i.dtype}[${(i.shape ?? ['?']).join(', ')}]`).join('; ')}`,
    `  outputs: ${r.outputs.map((o) => `${o.name} ${o.dtype}[${(o.shape ?? ['?']).join(', ')}]`).join('; ')}`,
    `  params ${n(t.params)}  MACs ${n(t.macs)}  FLOPs ${n(t.flops)}`,
    `  weights ${n(t.weightBytes)} B  activations ${n(t.activationBytes)} B  peak ${n(t.peakMemoryBytes)} B  moved ${n(t.bytesMoved)} B`,
  ];
  if (r.symbolic) for (const [k, v] of Object.entries(r.symbolic)) lines.push(`  ${k} = ${v}`);
  const unsupported = Object.entries(r.coverage.unsupported);
  lines.push(`  coverage: ${r.coverage.supported}/${r.coverage.nodes} nodes${unsupported.length ? `; unsupported: ${unsupported.map(([op, c]) => `${op} x${c}`).join(', ')}` : ''}`);
  if (opts.perLayer) {
    lines.push('', `  ${'node'.padEnd(40)} ${'op'.padEnd(22)} ${'output'.padEnd(24)} ${'params'.padStart(12)} ${'MACs'.padStart(16)}`);
    for (const node of r.nodes) {
      const out = node.outputs[0];
      lines.push(`  ${node.name.slice(0, 40).padEnd(40)} ${node.op.slice(0, 22).padEnd(22)} ${(out ? `[${(out.shape ?? ['?']).join(',')}]` : '').slice(0, 24).padEnd(24)} ${n(node.params).padStart(12)} ${n(node.macs).padStart(16)}`);
    }
  }
  for (const d of r.diagnostics.filter((x) => x.severity !== 'info').slice(0, 20)) lines.push(`  ${d.severity}: ${d.node ? `${d.node}: ` : ''}${d.message}`);
  return `${lines.join('\n')}\n`;
}
