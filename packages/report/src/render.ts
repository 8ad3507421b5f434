/**
 * Renderers: pure functions from reports and diffs to text. The PR comment (GitHub markdown) and the
 * terminal diff table read the same {@link ModelChange} rows. Every string that came from a model, a
 * path, a config or an error goes through ./escape.ts for where it lands; the comment is cut by whole
 * rows and whole sections, never mid-row, with a note of what was left out.
 */
import { countBig, countNumber, groupDigits, isZeroCount, maxOf, pushAll, type Count, type Report, type SignedCount } from '@modelcost/core';
import type { Breach } from './budgets.js';
import { delta, deltaSign, DIFF_METRICS, diffReports, latencyKey, latencyLabel, msDelta, selectModuleChanges, type Delta, type DiffMetric, type ModuleChange, type MsDelta, type ReportDiff } from './diff.js';
import { cellCode, code, mermaidLabel, sanitize, summary, term, text } from './escape.js';

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
    const changed = DIFF_METRICS.some((k) => deltaSign(diff.totals[k]) !== 0) || diff.layers.length > 0 || diff.tensors.length > 0;
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
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/**
 * 4089184256 -> "4.09 G"; bytes get "B" (1.5 MB). Three significant digits, SI prefixes up to E (10^18);
 * beyond that scientific notation from the exact digits ("3.69e+22"), so a count of any size reads right.
 */
export function human(v: Count | bigint | number, bytes = false): string {
  const unit = bytes ? 'B' : '';
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    const big = typeof v === 'number' ? undefined : countBig(v);
    if (big !== undefined) {
      const neg = big < 0n;
      const digits = (neg ? -big : big).toString();
      if (digits.length > 21) {
        // d.dd e+N from the leading digits, rounded half up on the fourth.
        let lead = Math.round(Number(digits.slice(0, 4)) / 10);
        let exp = digits.length - 1;
        if (lead >= 1000) {
          lead = 100;
          exp++;
        }
        const m = String(lead);
        return `${neg ? '-' : ''}${m[0]}.${m.slice(1)}e+${exp}${bytes ? ' B' : ''}`;
      }
      v = Number(big);
    }
  }
  const n = v as number;
  const a = Math.abs(n);
  for (const [scale, s] of SI) if (a >= scale) return `${Number((n / scale).toPrecision(3))} ${s}${unit}`;
  return `${n}${bytes ? ' B' : ''}`;
}

const isBytes = (k: DiffMetric): boolean => k === 'weightBytes' || k === 'peakMemoryBytes' || k === 'bytesMoved';

/** "+12.5%" / "-3.1%" / "new" (base 0) / "0%". */
export function percent(d: Delta | MsDelta): string {
  if (typeof d.delta === 'number' ? d.delta === 0 : isZeroCount(d.delta)) return '0%';
  if (d.relative === undefined) return 'new';
  const p = d.relative * 100;
  return `${p > 0 ? '+' : ''}${Math.abs(p) >= 10 ? p.toFixed(1) : p.toFixed(2)}%`;
}

const signOf = (v: SignedCount | number): -1 | 0 | 1 => {
  if (typeof v === 'number') return v > 0 ? 1 : v < 0 ? -1 : 0;
  return v.startsWith('-') ? -1 : v === '0' ? 0 : 1;
};

/** Lower is better for every metric: a rise is marked up-red, a fall down-green. */
function mark(v: SignedCount | number): string {
  const s = signOf(v);
  return s > 0 ? '🔺' : s < 0 ? '🔽' : '';
}

function signed(v: SignedCount, bytes: boolean): string {
  const s = signOf(v);
  const abs = typeof v === 'number' ? Math.abs(v) : v.replace(/^-/, '');
  return `${s > 0 ? '+' : s < 0 ? '-' : '±'}${human(abs, bytes)}`;
}

/** An exact count change for the terminal: "+1,024", "-12", "0". */
function signedCount(v: SignedCount): string {
  return `${signOf(v) > 0 ? '+' : ''}${groupDigits(v)}`;
}

/** A change the pull request makes to the budgets or waivers (see `configChanges`). */
export interface ConfigChangeNote {
  /** Dot-path in the config (`budgets[detector].max.flops`, `waivers.detector`). */
  readonly path: string;
  /** Value at base and at head (text), absent when the key is new / removed. */
  readonly base?: string;
  readonly head?: string;
  /** `applies`: in force for this review (a rule for models no base rule covers); `after-merge`: takes effect once merged. */
  readonly effect: 'applies' | 'after-merge';
}

/** Options of {@link renderComment}. */
export interface CommentOptions {
  /** Distinguishes several modelcost comments on one PR: letters, digits, `.`, `_` and `-`. Default `default`. */
  readonly key?: string;
  readonly baseSha?: string;
  readonly headSha?: string;
  /** Layers listed per model in the collapsed details. Default 10. */
  readonly maxLayers?: number;
  /** Modules listed per model in the collapsed details, before the layers. Default 12. */
  readonly maxModules?: number;
  /** Deepest module listed (1 = the model's top-level modules). Default 3. */
  readonly moduleDepth?: number;
  /** GitHub's limit is 65,536; default 65,000. The job summary takes up to 1 MiB. */
  readonly maxChars?: number;
  /** Budget breaches to list (from `evaluateBudgets` / `review`). */
  readonly breaches?: readonly Breach[];
  /** Draw a mermaid bar chart of FLOPs base vs head (GitHub renders it). Default true. */
  readonly chart?: boolean;
  /** Changes the pull request makes to budgets and waivers (the review takes them from the base side). */
  readonly configChanges?: readonly ConfigChangeNote[];
  /** What to say where rows were left out for length. Default: the job summary and `modelcost pr`. */
  readonly fullReportHint?: string;
  /** Settings to show in the footer (`hardware`, `precision`, `config from base`...). */
  readonly settings?: readonly string[];
}

/** A mermaid xychart of FLOPs per changed model, base and head bars side by side (units chosen to fit). */
export function flopsChart(changes: readonly ModelChange[]): string | undefined {
  const rows = changes.filter((c) => c.status === 'changed' || c.status === 'added' || c.status === 'removed');
  if (rows.length === 0) return undefined;
  const max = maxOf(rows.map((c) => Math.max(countNumber(c.base?.totals.flops ?? 0), countNumber(c.head?.totals.flops ?? 0))));
  const [scale, unit] = max >= 1e18 ? [1e18, 'E'] : max >= 1e15 ? [1e15, 'P'] : max >= 1e12 ? [1e12, 'T'] : max >= 1e9 ? [1e9, 'G'] : max >= 1e6 ? [1e6, 'M'] : [1e3, 'K'];
  const v = (x: Count | undefined): string => String(Number((countNumber(x ?? 0) / scale).toPrecision(3)));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "FLOPs (${unit}), base then head"`,
    `  x-axis [${rows.map((c) => mermaidLabel(c.path.split('/').pop()!)).join(', ')}]`,
    `  y-axis "${unit}FLOPs"`,
    `  bar [${rows.map((c) => v(c.base?.totals.flops)).join(', ')}]`,
    `  bar [${rows.map((c) => v(c.head?.totals.flops)).join(', ')}]`,
    '```',
  ].join('\n');
}

const KEY = /^[A-Za-z0-9._-]{1,64}$/;

/** The hidden marker that finds this comment again on the next run: always the comment's first line. Throws on a key outside `[A-Za-z0-9._-]{1,64}`. */
export function commentMarker(key = 'default'): string {
  if (!KEY.test(key)) throw new RangeError(`comment key ${JSON.stringify(sanitize(key, 40))}: expected 1-64 letters, digits, '.', '_' or '-'`);
  return `<!-- modelcost:report key=${key} -->`;
}

/** True when `body` is a modelcost comment with this key: the marker must be its very first line (nothing a model writes can put text there). */
export function isOwnComment(body: string, key = 'default'): boolean {
  const m = commentMarker(key);
  return body === m || body.startsWith(`${m}\n`) || body.startsWith(`${m}\r\n`);
}

/** Milliseconds for the comment: 3 significant digits. */
function fmtMs(v: number): string {
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2)} ms`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** One model's row of the main table. */
function modelRow(c: ModelChange, hw: readonly string[]): string {
  if (c.status === 'error') return `| ${cellCode(c.path)} | ❌ ${cellCode(c.error ?? 'unreadable', 300)} | | | |${hw.map(() => ' |').join('')}`;
  const ms = (r: Report | undefined, h: string): number | undefined => r?.latency.find((l) => latencyKey(l) === h)?.ms;
  const latCell = (h: string): string => {
    const b = ms(c.base, h);
    const a = ms(c.head, h);
    if (a === undefined) return b === undefined ? '' : `removed (was ${fmtMs(b)})`;
    if (b === undefined) return c.status === 'added' ? `new: ${fmtMs(a)}` : fmtMs(a);
    const d = msDelta(b, a);
    return Math.abs(d.delta) < 1e-9 ? fmtMs(a) : `${fmtMs(b)} → ${fmtMs(a)} (${d.delta > 0 ? '+' : '-'}${fmtMs(Math.abs(d.delta))}, ${percent(d)}) ${mark(d.delta)}`.trim();
  };
  // MACs and FLOPs leave out ops without a cost rule and nodes whose shapes could not be inferred: say
  // so in the cell, never a bare number that looks complete.
  const partial = uncounted(c.head ?? c.base);
  const cell = (k: DiffMetric): string => {
    const more = partial && (k === 'macs' || k === 'flops') ? ' + ?' : '';
    if (c.status === 'added') return `new: ${human(c.head!.totals[k], isBytes(k))}${more}`;
    if (c.status === 'removed') return `removed (was ${human(c.base!.totals[k], isBytes(k))})`;
    const d = c.diff!.totals[k];
    return deltaSign(d) === 0 ? `${human(d.head, isBytes(k))}${more}` : `${human(d.base, isBytes(k))} → ${human(d.head, isBytes(k))}${more} (${signed(d.delta, isBytes(k))}, ${percent(d)}) ${mark(d.delta)}`.trim();
  };
  return `| ${cellCode(c.path)} | ${cell('params')} | ${cell('macs')} | ${cell('flops')} | ${cell('peakMemoryBytes')} |${hw.map((h) => ` ${latCell(h)} |`).join('')}`;
}

/** How a module change reads in the "change" column: `2 → 6 blocks`, `4 added`, `removed`, `changed`. */
function moduleChangeText(m: ModuleChange): string {
  if (m.blocks) return `${m.blocks.base} → ${m.blocks.head} blocks`;
  if (m.kind === 'changed') return 'changed';
  return m.count > 1 ? `${m.count} ${m.kind}` : m.kind;
}

/** The module rows of a model's details (the module view, before the node view), the biggest MACs change first. */
function moduleLines(d: ReportDiff, max: number, depth: number): string[] {
  if (!d.modules?.length) return [];
  const { rows, more } = selectModuleChanges(d.modules, { max, depth });
  if (rows.length === 0) return [];
  const lines = ['', '| module | type | change | MACs | params | output |', '| --- | --- | --- | --- | --- | --- |'];
  for (const m of rows) {
    const name = `${cellCode(m.path)}${m.through ? `–${cellCode(m.through)}` : ''}${m.renamedTo ? ` → ${cellCode(m.renamedTo)}` : ''}`;
    const macs = `${signed(m.macs.delta, false)}${m.kind === 'changed' && deltaSign(m.macs) !== 0 ? ` (${percent(m.macs)})` : ''}`;
    lines.push(`| ${name} | ${m.type !== undefined ? cellCode(m.type, 60) : ''} | ${moduleChangeText(m)} | ${macs} | ${signed(m.params.delta, false)} | ${m.shape ? `${cellCode(m.shape.base)} → ${cellCode(m.shape.head)}` : ''} |`);
  }
  if (more > 0) lines.push('', `…and ${plural(more, 'more module change')} (deeper or smaller; \`modelcost diff\` lists them).`);
  return lines;
}

/** The collapsed details of one model (tensors, the modules and then the layers that changed most), whole or not at all. */
function detailsBlock(c: ModelChange, maxLayers: number, maxModules = 12, moduleDepth = 3): string | undefined {
  const d = c.diff;
  const modules = d ? moduleLines(d, maxModules, moduleDepth) : [];
  if (!d || (d.layers.length === 0 && d.tensors.length === 0 && modules.length === 0)) return undefined;
  const changedModules = d.modules?.length ?? 0;
  const lines = ['', `<details><summary>${summary(c.path)}: ${changedModules ? `${plural(changedModules, 'module')} and ` : ''}${plural(d.layers.length, 'layer')} changed</summary>`, ''];
  pushAll(lines, modules.slice(1));
  if (modules.length && d.tensors.length) lines.push('');
  for (const t of d.tensors) lines.push(`- ${t.side} ${code(t.name)} ${t.kind}: ${t.base ? code(t.base) : ''}${t.base && t.head ? ' → ' : ''}${t.head ? code(t.head) : ''}`);
  if (d.layers.length) {
    lines.push('', '| layer | op | change | FLOPs | params | output |', '| --- | --- | --- | --- | --- | --- |');
    for (const l of d.layers.slice(0, maxLayers))
      lines.push(`| ${cellCode(l.name)}${l.renamedTo ? ` → ${cellCode(l.renamedTo)}` : ''} | ${cellCode(l.op, 40)} | ${l.kind} | ${signed(l.flops.delta, false)} | ${signed(l.params.delta, false)} | ${l.shape ? `${cellCode(l.shape.base)} → ${cellCode(l.shape.head)}` : ''} |`);
    if (d.layers.length > maxLayers) lines.push('', `…and ${plural(d.layers.length - maxLayers, 'more layer')}.`);
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

/** True when some of the report's nodes are not in its totals (no cost rule, or shapes not inferred). */
function uncounted(r: Report | undefined): boolean {
  return r !== undefined && (Object.keys(r.coverage.unsupported).length > 0 || Object.keys(r.coverage.unknown ?? {}).length > 0);
}

function unsupportedLine(c: ModelChange): string | undefined {
  const ops = (m: Readonly<Record<string, number>>): string => Object.entries(m).map(([op, n]) => `${code(op, 40)} ×${n}`).join(', ');
  const added = c.status === 'added';
  const unsupported = c.diff?.newUnsupported ?? (added ? (c.head?.coverage.unsupported ?? {}) : {});
  const unknown = c.diff?.newUnknown ?? (added ? (c.head?.coverage.unknown ?? {}) : {});
  const parts: string[] = [];
  if (Object.keys(unsupported).length) parts.push(`ops without a cost rule (not counted): ${ops(unsupported)}`);
  if (Object.keys(unknown).length) parts.push(`nodes whose shapes could not be inferred (not counted): ${ops(unknown)}`);
  return parts.length ? `\n⚠️ ${code(c.path)}: ${parts.join('; ')}` : undefined;
}

function breachLine(b: Breach): string {
  return `- ${b.waived ? '⚪ waived' : '❌'} ${code(b.path)}: ${text(b.message, 400)}${b.waived ? ` (${text(b.waived, 200)})` : ''}`;
}

function configLine(n: ConfigChangeNote): string {
  const value = n.base !== undefined && n.head !== undefined ? `${code(n.base, 80)} → ${code(n.head, 80)}` : n.head !== undefined ? `added ${code(n.head, 80)}` : `removed (was ${code(n.base ?? '', 80)})`;
  return `- ${code(n.path, 120)}: ${value}${n.effect === 'applies' ? ' (applies now: a new rule for models no base rule covers)' : ' (takes effect once merged)'}`;
}

/**
 * The pull-request comment: marker (first line), verdict, breaches, the PR's own changes to budgets,
 * one row per model, chart, collapsed per-model details, footer. When it would pass `maxChars`, whole
 * breach lines, rows and sections are left out from the end (never part of a row, never an open
 * `<details>`), and a note says how many and where the full report is.
 */
export function renderComment(changes: readonly ModelChange[], opts: CommentOptions = {}): string {
  const maxLayers = opts.maxLayers ?? 10;
  const maxChars = opts.maxChars ?? 65_000;
  const changed = changes.filter((c) => c.status !== 'unchanged');
  const errors = changes.filter((c) => c.status === 'error');
  const breaches = opts.breaches ?? [];
  const failed = breaches.filter((b) => !b.waived);
  const verdict = failed.length
    ? `❌ **modelcost**: ${plural(failed.length, 'budget breach', 'budget breaches')} in ${plural(changed.length, 'changed model')}`
    : errors.length
      ? `⚠️ **modelcost**: ${plural(changed.length, 'model')} changed, ${errors.length} could not be read`
      : changed.length
        ? `**modelcost**: ${plural(changed.length, 'model')} changed`
        : '**modelcost**: no model cost changed';
  const sha = (s: string | undefined): string => (s && /^[0-9a-f]{4,64}$/i.test(s) ? s.slice(0, 12) : '?');
  const settings = (opts.settings ?? []).map((s) => text(s, 80));
  // No commit known on either side (a local run without a range): say nothing rather than "base ? → head ?".
  const range = sha(opts.baseSha) === '?' && sha(opts.headSha) === '?' ? [] : [`base ${sha(opts.baseSha)} → head ${sha(opts.headSha)}`];
  const footer = `\n<sub>${[...range, ...settings, 'counts per docs/cost-conventions.md (FLOPs = 2 × MACs + element ops)'].join(' · ')}</sub>`;

  // Sections in order of importance; each item is kept whole or left out.
  const head = `${commentMarker(opts.key)}\n${verdict}\n\n`;
  const entries = changed.flatMap((c) => [...(c.head?.latency ?? []), ...(c.base?.latency ?? [])]);
  const hw = [...new Set(entries.map(latencyKey))];
  // Columns are matched by hardware and precision, and headed with the runtime too (`nvidia-l4 · TensorRT · int8`).
  const header = (h: string): string => latencyLabel(entries.find((l) => latencyKey(l) === h)!);
  const tableHead = [`| model | params | MACs | FLOPs | peak activations |${hw.map((h) => ` latency ${text(header(h), 100)} |`).join('')}`, `| --- | --- | --- | --- | --- |${hw.map(() => ' --- |').join('')}`].join('\n');
  interface Section {
    readonly kind: string;
    readonly items: readonly string[];
    /** Text before the first item kept (a table header, a heading). */
    readonly lead?: string;
    readonly trail?: string;
  }
  const sections: Section[] = [
    { kind: 'budget breach', items: breaches.map(breachLine), trail: '' },
    ...(opts.configChanges?.length ? [{ kind: 'budget change', lead: '**This pull request changes budgets or waivers** (the review uses the base branch\'s):', items: opts.configChanges.map(configLine), trail: '' }] : []),
    { kind: 'model row', lead: tableHead, items: changed.map((c) => modelRow(c, hw)) },
  ];
  const chart = opts.chart === false ? undefined : flopsChart(changed);
  const extras: Section[] = [
    ...(chart ? [{ kind: 'chart', items: [`\n${chart}`] }] : []),
    { kind: 'detail section', items: changed.flatMap((c) => [detailsBlock(c, maxLayers, opts.maxModules, opts.moduleDepth), unsupportedLine(c)].filter((x): x is string => x !== undefined)) },
  ];
  const hint = opts.fullReportHint ?? 'the full report is in the job summary, or run `modelcost pr` locally';
  // Room for the note that says what was left out (written once we know).
  const reserve = 320;
  let body = head;
  const omitted = new Map<string, number>();
  const budget = (): number => maxChars - footer.length - reserve;
  for (const s of [...sections, ...extras]) {
    let started = false;
    for (const item of s.items) {
      const add = `${started ? '' : s.lead !== undefined ? `${s.lead}\n` : ''}${item}\n`;
      if (body.length + add.length > budget() || omitted.has(s.kind)) {
        omitted.set(s.kind, (omitted.get(s.kind) ?? 0) + 1);
        continue;
      }
      body += add;
      started = true;
    }
    if (started && s.trail !== undefined) body += `${s.trail}\n`;
  }
  if (omitted.size) {
    const what = [...omitted].map(([k, n]) => plural(n, k, k.endsWith('h') ? `${k}es` : `${k}s`)).join(', ');
    body += `\n_Left out to stay under ${groupDigits(maxChars)} characters: ${what}; ${hint}._\n`;
  }
  return `${body.replace(/\n+$/, '\n')}${footer}\n`;
}

/** Options of {@link renderDiffText}. */
export interface DiffTextOptions {
  /** Module changes listed. Default 12. */
  readonly maxModules?: number;
  /** Deepest module listed (1 = the model's top-level modules). Default 3. */
  readonly moduleDepth?: number;
}

/** Terminal table of one model's totals, base -> head, then the modules and layers that changed most. Model-derived text goes through {@link term}. */
export function renderDiffText(c: ModelChange, opts: DiffTextOptions = {}): string {
  const rows: string[][] = [['metric', 'base', 'head', 'delta', '%']];
  if (c.status === 'error') return `${term(c.path)}: ${term(c.error ?? 'unreadable')}\n`;
  for (const k of DIFF_METRICS) {
    const b = c.base?.totals[k] ?? 0;
    const h = c.head?.totals[k] ?? 0;
    const d = c.diff?.totals[k] ?? delta(b, h);
    rows.push([LABELS[k], c.base ? groupDigits(b) : '-', c.head ? groupDigits(h) : '-', signedCount(d.delta), percent(d)]);
  }
  for (const l of c.head?.latency ?? []) {
    const b = c.base?.latency.find((x) => latencyKey(x) === latencyKey(l));
    const d = msDelta(b?.ms ?? 0, l.ms);
    rows.push([`latency ${term(latencyKey(l))} (ms)`, b ? b.ms.toFixed(3) : '-', l.ms.toFixed(3), b ? `${d.delta > 0 ? '+' : ''}${d.delta.toFixed(3)}` : '-', b ? percent(d) : '']);
  }
  const widths = rows[0]!.map((_, i) => maxOf(rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
  const layers = c.diff?.layers.slice(0, 10).map((l) => `  ${l.kind.padEnd(8)} ${term(l.name, 120)} (${term(l.op, 40)}): FLOPs ${signedCount(l.flops.delta)}${l.shape ? `, ${term(l.shape.base)} -> ${term(l.shape.head)}` : ''}`) ?? [];
  const mods = c.diff?.modules?.length ? selectModuleChanges(c.diff.modules, { max: opts.maxModules ?? 12, depth: opts.moduleDepth ?? 3 }) : undefined;
  const moduleText = mods?.rows.map((m) => {
    const name = `${term(m.path, 120)}${m.through ? `-${term(m.through, 120)}` : ''}${m.renamedTo ? ` -> ${term(m.renamedTo, 120)}` : ''}`;
    const change = m.blocks ? `${m.blocks.base} -> ${m.blocks.head} blocks` : m.kind === 'changed' ? 'changed' : m.count > 1 ? `${m.count} ${m.kind}` : m.kind;
    return `  ${name}${m.type !== undefined ? ` (${term(m.type, 60)})` : ''}: ${change}, MACs ${signedCount(m.macs.delta)}, params ${signedCount(m.params.delta)}${m.shape ? `, ${term(m.shape.base)} -> ${term(m.shape.head)}` : ''}`;
  });
  const moduleBlock = moduleText?.length ? `modules changed (largest MACs change first):\n${moduleText.join('\n')}\n${mods!.more ? `  ... and ${mods!.more} more (--depth N to go deeper)\n` : ''}` : '';
  return `${term(c.path)} (${c.status})\n${table}\n${moduleBlock}${layers.length ? `layers changed (largest FLOPs change first):\n${layers.join('\n')}\n` : ''}`;
}
