/**
 * Renderers: pure functions from reports and diffs to text. The PR comment (GitHub markdown) and the
 * terminal diff table read the same {@link ModelChange} rows.
 */
import { groupDigits, type Report } from '@modelcost/core';
import type { Breach } from './budgets.js';
import { delta, DIFF_METRICS, diffReports, latencyKey, latencyLabel, type Delta, type DiffMetric, type ReportDiff } from './diff.js';

/** One model in a change set. */
export interface ModelChange {
  readonly path: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged' | 'error';
  readonly base?: Report;
  readonly head?: Report;
  /** Present when both sides profiled. */
  readonly diff?: ReportDiff;
  /** Why the model could not be read (status `error`). */
  readonly error?: string;
}

/** Build the change row of one model from its two sides (either may be missing). */
export function modelChange(path: string, base: Report | undefined, head: Report | undefined): ModelChange {
  if (base && head) {
    const diff = diffReports(base, head);
    const changed = DIFF_METRICS.some((k) => diff.totals[k].delta !== 0) || diff.layers.length > 0 || diff.tensors.length > 0;
    return { path, status: changed ? 'changed' : 'unchanged', base, head, diff };
  }
  if (head) return { path, status: 'added', head };
  if (base) return { path, status: 'removed', base };
  return { path, status: 'error', error: 'neither side could be read' };
}

const LABELS: Record<DiffMetric, string> = {
  params: 'Params',
  macs: 'MACs',
  flops: 'FLOPs',
  weightBytes: 'Weights',
  peakMemoryBytes: 'Peak activations',
  bytesMoved: 'Bytes moved',
};

const SI: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** 4089184256 -> "4.09 G"; bytes get "B" (1.5 MB). Three significant digits. */
export function human(v: number, bytes = false): string {
  const a = Math.abs(v);
  for (const [scale, s] of SI) if (a >= scale) return `${Number((v / scale).toPrecision(3))} ${s}${bytes ? 'B' : ''}`;
  return `${v}${bytes ? ' B' : ''}`;
}

const isBytes = (k: DiffMetric): boolean => k === 'weightBytes' || k === 'peakMemoryBytes' || k === 'bytesMoved';

/** "+12.5%" / "-3.1%" / "new" (base 0) / "0%". */
export function percent(d: Delta): string {
  if (d.delta === 0) return '0%';
  if (d.relative === undefined) return 'new';
  const p = d.relative * 100;
  return `${p > 0 ? '+' : ''}${Math.abs(p) >= 10 ? p.toFixed(1) : p.toFixed(2)}%`;
}

/** Lower is better for every metric: a rise is marked up-red, a fall down-green. */
function mark(d: Delta): string {
  return d.delta > 0 ? '🔺' : d.delta < 0 ? '🔽' : '';
}

function signed(v: number, bytes: boolean): string {
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${human(Math.abs(v), bytes)}`;
}

/** An exact count change for the terminal: "+1,024", "-12", "0". */
function signedCount(v: number): string {
  return `${v > 0 ? '+' : ''}${groupDigits(v)}`;
}

/** Options of {@link renderComment}. */
export interface CommentOptions {
  /** Distinguishes several modelcost comments on one PR. Default `default`. */
  readonly key?: string;
  readonly baseSha?: string;
  readonly headSha?: string;
  /** Layers listed per model in the collapsed details. Default 10. */
  readonly maxLayers?: number;
  /** GitHub's limit is 65,536; default 65,000. */
  readonly maxChars?: number;
  /** Budget breaches to list (from `evaluateBudgets` / `review`). */
  readonly breaches?: readonly Breach[];
  /** Draw a mermaid bar chart of FLOPs base vs head (GitHub renders it). Default true. */
  readonly chart?: boolean;
}

/** A mermaid xychart of FLOPs per changed model, base and head bars side by side (units chosen to fit). */
export function flopsChart(changes: readonly ModelChange[]): string | undefined {
  const rows = changes.filter((c) => c.status === 'changed' || c.status === 'added' || c.status === 'removed');
  if (rows.length === 0) return undefined;
  const max = Math.max(...rows.map((c) => Math.max(c.base?.totals.flops ?? 0, c.head?.totals.flops ?? 0)));
  const [scale, unit] = max >= 1e12 ? [1e12, 'T'] : max >= 1e9 ? [1e9, 'G'] : max >= 1e6 ? [1e6, 'M'] : [1e3, 'K'];
  const v = (x: number | undefined): string => String(Number(((x ?? 0) / scale).toPrecision(3)));
  const label = (p: string): string => JSON.stringify(p.split('/').pop()!.replace(/"/g, "'"));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "FLOPs (${unit}), base then head"`,
    `  x-axis [${rows.map((c) => label(c.path)).join(', ')}]`,
    `  y-axis "${unit}FLOPs"`,
    `  bar [${rows.map((c) => v(c.base?.totals.flops)).join(', ')}]`,
    `  bar [${rows.map((c) => v(c.head?.totals.flops)).join(', ')}]`,
    '```',
  ].join('\n');
}

/** The hidden marker that finds this comment again on the next run. */
export function commentMarker(key = 'default'): string {
  return `<!-- modelcost:report key=${key} -->`;
}

/** The pull-request comment: verdict first, one row per model, collapsed per-layer details, footer. */
export function renderComment(changes: readonly ModelChange[], opts: CommentOptions = {}): string {
  const maxLayers = opts.maxLayers ?? 10;
  const maxChars = opts.maxChars ?? 65_000;
  const changed = changes.filter((c) => c.status !== 'unchanged');
  const errors = changes.filter((c) => c.status === 'error');
  const lines: string[] = [commentMarker(opts.key)];
  const breaches = opts.breaches ?? [];
  const failed = breaches.filter((b) => !b.waived);
  const verdict = failed.length
    ? `❌ **modelcost**: ${failed.length} budget breach${failed.length === 1 ? '' : 'es'} in ${changed.length} changed model${changed.length === 1 ? '' : 's'}`
    : errors.length
    ? `⚠️ **modelcost**: ${changed.length} model${changed.length === 1 ? '' : 's'} changed, ${errors.length} could not be read`
    : changed.length
      ? `**modelcost**: ${changed.length} model${changed.length === 1 ? '' : 's'} changed`
      : '**modelcost**: no model cost changed';
  lines.push(verdict, '');
  if (breaches.length) {
    for (const b of breaches) lines.push(`- ${b.waived ? '⚪ waived' : '❌'} \`${b.path}\`: ${b.message}${b.waived ? ` (${b.waived})` : ''}`);
    lines.push('');
  }
  if (changed.length) {
    // One latency column per hardware (and what-if precision) estimated on either side.
    const entries = changed.flatMap((c) => [...(c.head?.latency ?? []), ...(c.base?.latency ?? [])]);
    const hw = [...new Set(entries.map(latencyKey))];
    // Headed by hardware, runtime and precision (`nvidia-l4 · TensorRT · int8`).
    const header = (h: string): string => latencyLabel(entries.find((l) => latencyKey(l) === h)!);
    lines.push(`| model | params | MACs | FLOPs | peak activations |${hw.map((h) => ` latency ${header(h)} |`).join('')}`, `| --- | --- | --- | --- | --- |${hw.map(() => ' --- |').join('')}`);
    for (const c of changed) {
      if (c.status === 'error') {
        lines.push(`| \`${c.path}\` | ❌ ${c.error?.replace(/\|/g, '\\|') ?? 'unreadable'} | | | |${hw.map(() => ' |').join('')}`);
        continue;
      }
      const ms = (r: Report | undefined, h: string): number | undefined => r?.latency.find((l) => latencyKey(l) === h)?.ms;
      const latCell = (h: string): string => {
        const b = ms(c.base, h);
        const a = ms(c.head, h);
        if (a === undefined) return b === undefined ? '' : `removed (was ${fmtMs(b)})`;
        if (b === undefined) return c.status === 'added' ? `new: ${fmtMs(a)}` : fmtMs(a);
        const d = delta(b, a);
        return Math.abs(d.delta) < 1e-9 ? fmtMs(a) : `${fmtMs(b)} → ${fmtMs(a)} (${d.delta > 0 ? '+' : '-'}${fmtMs(Math.abs(d.delta))}, ${percent(d)}) ${mark(d)}`.trim();
      };
      const cell = (k: DiffMetric): string => {
        if (c.status === 'added') return `new: ${human(c.head!.totals[k], isBytes(k))}`;
        if (c.status === 'removed') return `removed (was ${human(c.base!.totals[k], isBytes(k))})`;
        const d = c.diff!.totals[k];
        return d.delta === 0 ? human(d.head, isBytes(k)) : `${human(d.base, isBytes(k))} → ${human(d.head, isBytes(k))} (${signed(d.delta, isBytes(k))}, ${percent(d)}) ${mark(d)}`.trim();
      };
      lines.push(`| \`${c.path}\` | ${cell('params')} | ${cell('macs')} | ${cell('flops')} | ${cell('peakMemoryBytes')} |${hw.map((h) => ` ${latCell(h)} |`).join('')}`);
    }
    const chart = opts.chart === false ? undefined : flopsChart(changed);
    if (chart) lines.push('', chart);
    for (const c of changed) {
      const d = c.diff;
      const unsupported = Object.entries(d?.newUnsupported ?? (c.status === 'added' ? (c.head?.coverage.unsupported ?? {}) : {}));
      if (unsupported.length) lines.push('', `⚠️ \`${c.path}\`: ops without a cost rule (not counted): ${unsupported.map(([op, n]) => `${op} ×${n}`).join(', ')}`);
      if (!d || (d.layers.length === 0 && d.tensors.length === 0)) continue;
      lines.push('', `<details><summary>${c.path}: ${d.layers.length} layer${d.layers.length === 1 ? '' : 's'} changed</summary>`, '');
      for (const t of d.tensors) lines.push(`- ${t.side} \`${t.name}\` ${t.kind}: ${t.base ?? ''}${t.base && t.head ? ' → ' : ''}${t.head ?? ''}`);
      if (d.layers.length) {
        lines.push('', '| layer | op | change | FLOPs | params | output |', '| --- | --- | --- | --- | --- | --- |');
        for (const l of d.layers.slice(0, maxLayers))
          lines.push(`| \`${l.name}\`${l.renamedTo ? ` → \`${l.renamedTo}\`` : ''} | ${l.op} | ${l.kind} | ${signed(l.flops.delta, false)} | ${signed(l.params.delta, false)} | ${l.shape ? `${l.shape.base} → ${l.shape.head}` : ''} |`);
        if (d.layers.length > maxLayers) lines.push('', `…and ${d.layers.length - maxLayers} more layers.`);
      }
      lines.push('', '</details>');
    }
  }
  const footer = ['', `<sub>base ${opts.baseSha?.slice(0, 12) ?? '?'} → head ${opts.headSha?.slice(0, 12) ?? '?'} · counts per docs/cost-conventions.md (FLOPs = 2 × MACs + element ops)</sub>`];
  let body = [...lines, ...footer].join('\n');
  if (body.length > maxChars) {
    const note = `\n\n_Comment truncated to ${groupDigits(maxChars)} characters; run \`modelcost pr\` locally for the full diff._`;
    body = body.slice(0, maxChars - note.length - footer.join('\n').length) + note + footer.join('\n');
  }
  return `${body}\n`;
}

/** Milliseconds for the comment: 3 significant digits. */
function fmtMs(v: number): string {
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2)} ms`;
}

/** Terminal table of one model's totals, base -> head. */
export function renderDiffText(c: ModelChange): string {
  const rows: string[][] = [['metric', 'base', 'head', 'delta', '%']];
  if (c.status === 'error') return `${c.path}: ${c.error}\n`;
  for (const k of DIFF_METRICS) {
    const b = c.base?.totals[k] ?? 0;
    const h = c.head?.totals[k] ?? 0;
    const d = c.diff?.totals[k] ?? { base: b, head: h, delta: h - b, relative: b === 0 ? undefined : (h - b) / b };
    rows.push([LABELS[k], c.base ? groupDigits(b) : '-', c.head ? groupDigits(h) : '-', signedCount(d.delta), percent(d)]);
  }
  for (const l of c.head?.latency ?? []) {
    const b = c.base?.latency.find((x) => latencyKey(x) === latencyKey(l));
    const d = delta(b?.ms ?? 0, l.ms);
    rows.push([`latency ${latencyKey(l)} (ms)`, b ? b.ms.toFixed(3) : '-', l.ms.toFixed(3), b ? `${d.delta > 0 ? '+' : ''}${d.delta.toFixed(3)}` : '-', b ? percent(d) : '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const text = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
  const layers = c.diff?.layers.slice(0, 10).map((l) => `  ${l.kind.padEnd(8)} ${l.name} (${l.op}): FLOPs ${signedCount(l.flops.delta)}${l.shape ? `, ${l.shape.base} -> ${l.shape.head}` : ''}`) ?? [];
  return `${c.path} (${c.status})\n${text}\n${layers.length ? `layers changed (largest FLOPs change first):\n${layers.join('\n')}\n` : ''}`;
}
