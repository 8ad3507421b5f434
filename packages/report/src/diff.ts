/**
 * The diff of two Reports: totals with absolute and relative deltas, per-layer changes (matched by
 * node name, falling back to op-type sequence alignment when names changed), input/output shape and
 * dtype changes, and new unsupported ops. Plain data; renderers turn it into text.
 */
import { compareText, countBig, dict, hasOwn, countNumber, isZeroCount, subCounts, type Count, type Report, type ReportLatency, type ReportNode, type ReportTensor, type SignedCount } from '@modelcost/core';

/** The totals a diff reports, in display order. Lower is better for all of them. */
export const DIFF_METRICS = ['params', 'macs', 'flops', 'weightBytes', 'peakMemoryBytes', 'bytesMoved'] as const;

/** One compared metric. */
export type DiffMetric = (typeof DIFF_METRICS)[number];

/** An exact count before and after. `relative` is (head - base) / base, undefined when base is 0. */
export interface Delta {
  readonly base: Count;
  readonly head: Count;
  /** head - base, exact. */
  readonly delta: SignedCount;
  readonly relative: number | undefined;
}

/** A duration (ms) before and after. `relative` is (head - base) / base, undefined when base is 0. */
export interface MsDelta {
  readonly base: number;
  readonly head: number;
  readonly delta: number;
  readonly relative: number | undefined;
}

/** A layer that was added, removed or changed. */
export interface LayerChange {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly name: string;
  readonly op: string;
  /** Head's name when the match was by position and the name changed. */
  readonly renamedTo?: string;
  readonly flops: Delta;
  readonly params: Delta;
  readonly macs: Delta;
  /** Output shape text before and after, when it changed. */
  readonly shape?: { readonly base: string; readonly head: string };
}

/** A change of a graph input or output. */
export interface TensorChange {
  readonly name: string;
  readonly side: 'input' | 'output';
  readonly kind: 'added' | 'removed' | 'shape' | 'dtype';
  readonly base?: string;
  readonly head?: string;
}

/** The diff of two reports of the same model path. */
export interface ReportDiff {
  readonly totals: Readonly<Record<DiffMetric, Delta>>;
  /** Per-hardware latency deltas (ms), for hardware present on both sides. */
  readonly latency: readonly (MsDelta & { readonly hardware: string })[];
  /** Changed layers, largest |delta flops| first. */
  readonly layers: readonly LayerChange[];
  readonly tensors: readonly TensorChange[];
  /** Op types unsupported in head and not in base, with their counts. */
  readonly newUnsupported: Readonly<Record<string, number>>;
}

/** Delta of two exact counts (the difference exact, the ratio a double). */
export function delta(base: Count, head: Count): Delta {
  const d = subCounts(head, base);
  return { base, head, delta: d, relative: isZeroCount(base) ? undefined : countNumber(d) / countNumber(base) };
}

/** Delta of two durations in ms. */
export function msDelta(base: number, head: number): MsDelta {
  return { base, head, delta: head - base, relative: base === 0 ? undefined : (head - base) / base };
}

/** |d.delta| as a bigint, for ordering changes exactly. */
export function absDelta(d: Delta): bigint {
  const v = countBig(d.delta);
  return v < 0n ? -v : v;
}

/** -1, 0 or 1: the sign of a delta. */
export function deltaSign(d: Delta): -1 | 0 | 1 {
  const v = countBig(d.delta);
  return v < 0n ? -1 : v > 0n ? 1 : 0;
}

function shapeText(t: ReportTensor | undefined): string {
  if (!t) return '';
  return `${t.dtype}[${t.shape ? t.shape.join(', ') : '?'}]`;
}

function tensorChanges(side: 'input' | 'output', base: readonly ReportTensor[], head: readonly ReportTensor[]): TensorChange[] {
  const out: TensorChange[] = [];
  const b = new Map(base.map((t) => [t.name, t]));
  const h = new Map(head.map((t) => [t.name, t]));
  for (const [name, t] of b) {
    const u = h.get(name);
    if (!u) out.push({ name, side, kind: 'removed', base: shapeText(t) });
    else if (t.dtype !== u.dtype) out.push({ name, side, kind: 'dtype', base: t.dtype, head: u.dtype });
    else if (JSON.stringify(t.shape) !== JSON.stringify(u.shape)) out.push({ name, side, kind: 'shape', base: shapeText(t), head: shapeText(u) });
  }
  for (const [name, u] of h) if (!b.has(name)) out.push({ name, side, kind: 'added', head: shapeText(u) });
  return out;
}

function layerChange(kind: LayerChange['kind'], b: ReportNode | undefined, h: ReportNode | undefined): LayerChange {
  const n = (h ?? b)!;
  const bs = shapeText(b?.outputs[0]);
  const hs = shapeText(h?.outputs[0]);
  return {
    kind,
    name: b?.name ?? n.name,
    op: n.op,
    ...(b && h && b.name !== h.name ? { renamedTo: h.name } : {}),
    flops: delta(b?.flops ?? 0, h?.flops ?? 0),
    params: delta(b?.params ?? 0, h?.params ?? 0),
    macs: delta(b?.macs ?? 0, h?.macs ?? 0),
    ...(b && h && bs !== hs ? { shape: { base: bs, head: hs } } : {}),
  };
}

/**
 * Longest-common-subsequence alignment of two op-type sequences: the layers of a model whose names
 * changed (an exporter renumbering nodes) still pair up by position in the graph.
 */
function alignByOp(base: readonly ReportNode[], head: readonly ReportNode[]): [number, number][] {
  const n = base.length;
  const m = head.length;
  // Quadratic in memory: guard huge graphs (pairs by name only beyond this).
  if (n * m > 4_000_000) return [];
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) dp[i]![j] = base[i]!.op === head[j]!.op ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (base[i]!.op === head[j]!.op) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function sameCost(a: ReportNode, b: ReportNode): boolean {
  return a.flops === b.flops && a.params === b.params && a.macs === b.macs && JSON.stringify(a.outputs.map((o) => o.shape)) === JSON.stringify(b.outputs.map((o) => o.shape));
}

/** How a latency entry is named in diffs and budgets: the hardware id, with `@fp16` for a what-if precision. */
export function latencyKey(l: Pick<ReportLatency, 'hardware' | 'precision'>): string {
  return l.precision ? `${l.hardware}@${l.precision}` : l.hardware;
}

/** Diff two reports (base -> head). */
export function diffReports(base: Report, head: Report): ReportDiff {
  const totals = Object.fromEntries(DIFF_METRICS.map((k) => [k, delta(base.totals[k], head.totals[k])])) as Record<DiffMetric, Delta>;
  const latency = head.latency.flatMap((h) => {
    const b = base.latency.find((x) => latencyKey(x) === latencyKey(h));
    return b ? [{ hardware: latencyKey(h), ...msDelta(b.ms, h.ms) }] : [];
  });

  // Layers: by name first; the unmatched rest by op-type alignment; the remainder added/removed.
  const headByName = new Map(head.nodes.map((n) => [n.name, n]));
  const matchedHead = new Set<string>();
  const layers: LayerChange[] = [];
  const unmatchedBase: ReportNode[] = [];
  for (const b of base.nodes) {
    const h = headByName.get(b.name);
    if (h && h.op === b.op) {
      matchedHead.add(h.name);
      if (!sameCost(b, h)) layers.push(layerChange('changed', b, h));
    } else unmatchedBase.push(b);
  }
  const unmatchedHead = head.nodes.filter((n) => !matchedHead.has(n.name));
  const pairs = alignByOp(unmatchedBase, unmatchedHead);
  const pairedB = new Set(pairs.map(([i]) => i));
  const pairedH = new Set(pairs.map(([, j]) => j));
  for (const [i, j] of pairs) {
    const b = unmatchedBase[i]!;
    const h = unmatchedHead[j]!;
    if (!sameCost(b, h) || b.name !== h.name) layers.push(layerChange('changed', b, h));
  }
  unmatchedBase.forEach((b, i) => !pairedB.has(i) && layers.push(layerChange('removed', b, undefined)));
  unmatchedHead.forEach((h, j) => !pairedH.has(j) && layers.push(layerChange('added', undefined, h)));
  // Renamed-only layers with identical costs are not news.
  const news = layers.filter((l) => l.kind !== 'changed' || deltaSign(l.flops) !== 0 || deltaSign(l.params) !== 0 || deltaSign(l.macs) !== 0 || l.shape);
  const byAbs = (x: Delta, y: Delta): number => {
    const a = absDelta(x);
    const b = absDelta(y);
    return a > b ? -1 : a < b ? 1 : 0;
  };
  news.sort((a, b) => byAbs(a.flops, b.flops) || byAbs(a.params, b.params) || compareText(a.name, b.name));

  // Op types come from the model: a dictionary without a prototype (an op named `constructor` is news too).
  const newUnsupported = dict<number>();
  for (const [op, count] of Object.entries(head.coverage.unsupported)) if (!hasOwn(base.coverage.unsupported, op)) newUnsupported[op] = count;

  return {
    totals,
    latency,
    layers: news,
    tensors: [...tensorChanges('input', base.inputs, head.inputs), ...tensorChanges('output', base.outputs, head.outputs)],
    newUnsupported,
  };
}
