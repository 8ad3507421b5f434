/**
 * The diff of two Reports: totals with absolute and relative deltas, per-layer changes (matched by
 * node name, falling back to op-type sequence alignment when names changed), input/output shape and
 * dtype changes, new unsupported ops, and the module-level diff when both reports have a module tree.
 * Plain data; renderers turn it into text.
 */
import {
  addCounts,
  compareText,
  countBig,
  dict,
  hasOwn,
  countNumber,
  isBlockName,
  isZeroCount,
  moduleChildren,
  moduleTreeProblem,
  pushAll,
  subCounts,
  RUNTIMES,
  type Count,
  type Report,
  type ReportLatency,
  type ReportModule,
  type ReportNode,
  type ReportTensor,
  type SignedCount,
} from '@modelcost/core';

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
  /** Op types with nodes of unknown shapes or cost (`coverage.unknown`) in head and not in base, with their counts. */
  readonly newUnknown: Readonly<Record<string, number>>;
  /** Changed modules, largest |delta MACs| first; absent unless both reports have a module tree (see {@link diffModules}). */
  readonly modules?: readonly ModuleChange[];
}

/**
 * A module that was added, removed or changed. Added or removed numbered blocks that sit side by side
 * (`layer3.2` ... `layer3.5`) are one change with `through` naming the last and `count` the blocks.
 */
export interface ModuleChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** The module's path in base (in head for an added one); the first block of a range. */
  readonly path: string;
  /** Head's path when the module was matched under another name. */
  readonly renamedTo?: string;
  /** The last block of a range of added or removed blocks. */
  readonly through?: string;
  /** Modules in this change: 1, or the blocks of a range. */
  readonly count: number;
  readonly depth: number;
  /** Class of the module, where the file says (head's when both say). */
  readonly type?: string;
  /** Numbered child blocks at base and head, when their number changed (`layer3: 2 -> 6 blocks`). */
  readonly blocks?: { readonly base: number; readonly head: number };
  readonly macs: Delta;
  readonly params: Delta;
  readonly flops: Delta;
  readonly bytesMoved: Delta;
  /** First output's shape text before and after, when it changed. */
  readonly shape?: { readonly base: string; readonly head: string };
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

/**
 * How a latency entry is labelled for people (the PR comment's column header, the profile table):
 * hardware, runtime and precision, `nvidia-l4 · TensorRT · int8`.
 */
export function latencyLabel(l: Pick<ReportLatency, 'hardware' | 'precision' | 'runtime'>): string {
  const runtime = l.runtime ? (RUNTIMES.find((r) => r.id === l.runtime)?.name ?? l.runtime) : undefined;
  return [l.hardware, runtime, l.precision].filter(Boolean).join(' · ');
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
  const newUnknown = dict<number>();
  for (const [op, count] of Object.entries(head.coverage.unknown ?? {})) if (!hasOwn(base.coverage.unknown, op)) newUnknown[op] = count;

  const modules = diffModules(base, head);
  return {
    totals,
    latency,
    layers: news,
    tensors: [...tensorChanges('input', base.inputs, head.inputs), ...tensorChanges('output', base.outputs, head.outputs)],
    newUnsupported,
    newUnknown,
    ...(modules ? { modules } : {}),
  };
}

/** Append `v` to the list at `k`. */
function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** The report's module tree when it is well formed (a stored report is untrusted), else undefined. */
function treeOf(r: Report): readonly ReportModule[] | undefined {
  return r.modules && moduleTreeProblem(r) === undefined ? r.modules : undefined;
}

const ZERO_MODULE = { macs: 0, params: 0, flops: 0, bytesMoved: 0 } as const;

/**
 * The module-level diff: modules matched across base and head top-down by name, then (among the
 * unmatched children of a matched pair) by identical class and costs (a rename), or as the one
 * leftover on each side of the same class (renamed and changed); the rest are added or removed, side
 * by side numbered blocks merged into ranges. Where a changed module's whole change is its one changed
 * child's, one of the two rows is left out (the child's, unless it tells more: its blocks or a rename). Ranked by |delta MACs|, then |delta params|, |delta FLOPs|,
 * shallower first, each `2 -> 6 blocks` row followed by its added or removed blocks. Linear in the
 * modules (and n log n for the ranking). Undefined unless both reports have a module tree.
 */
export function diffModules(base: Report, head: Report): ModuleChange[] | undefined {
  const bm = treeOf(base);
  const hm = treeOf(head);
  if (!bm || !hm) return undefined;
  const bc = moduleChildren(bm);
  const hc = moduleChildren(hm);
  const out: ModuleChange[] = [];
  /** The rows of each emitted `changed` module's changed children, to drop pass-through parents. */
  const childRows = new Map<number, number[]>();
  const sig = (m: ReportModule): string => `${m.type ?? ''}|${m.nodes}|${m.params}|${m.macs}|${m.flops}`;
  const shape = (m: ReportModule | undefined): string => shapeText(m?.outputs?.[0]);
  const change = (kind: ModuleChange['kind'], b: readonly ReportModule[], h: readonly ReportModule[], extra: Partial<ModuleChange> = {}): ModuleChange => {
    const sum = (ms: readonly ReportModule[], k: 'macs' | 'params' | 'flops' | 'bytesMoved'): Count => (ms.length === 1 ? ms[0]![k] : addCounts(...ms.map((m) => m[k])));
    const first = (h[0] ?? b[0])!;
    const bs = shape(b[0]);
    const hs = shape(h[0]);
    return {
      kind,
      path: (b[0] ?? h[0])!.path,
      count: Math.max(b.length, h.length),
      depth: first.depth,
      ...((h[0]?.type ?? b[0]?.type) !== undefined ? { type: (h[0]?.type ?? b[0]?.type)! } : {}),
      macs: delta(b.length ? sum(b, 'macs') : ZERO_MODULE.macs, h.length ? sum(h, 'macs') : ZERO_MODULE.macs),
      params: delta(b.length ? sum(b, 'params') : 0, h.length ? sum(h, 'params') : 0),
      flops: delta(b.length ? sum(b, 'flops') : 0, h.length ? sum(h, 'flops') : 0),
      bytesMoved: delta(b.length ? sum(b, 'bytesMoved') : 0, h.length ? sum(h, 'bytesMoved') : 0),
      ...(kind === 'changed' && bs !== hs ? { shape: { base: bs, head: hs } } : {}),
      ...extra,
    };
  };
  /** Added (or removed) children in order, numbered blocks side by side merged into one range. */
  const ranges = (kind: 'added' | 'removed', list: readonly ReportModule[], parentRow: number | undefined): void => {
    let i = 0;
    while (i < list.length) {
      let j = i + 1;
      if (isBlockName(list[i]!.name)) while (j < list.length && isBlockName(list[j]!.name) && Number(list[j]!.name) === Number(list[j - 1]!.name) + 1) j++;
      const run = list.slice(i, j);
      const c = kind === 'added' ? change('added', [], run, run.length > 1 ? { through: run[run.length - 1]!.path } : {}) : change('removed', run, [], run.length > 1 ? { through: run[run.length - 1]!.path } : {});
      out.push(c);
      if (parentRow !== undefined) childRows.get(parentRow)?.push(out.length - 1);
      i = j;
    }
  };
  // Matched pairs to visit, with the row of their parent pair (undefined at the root).
  const stack: [number, number, number | undefined][] = [[0, 0, undefined]];
  while (stack.length) {
    const [bi, hi, parentRow] = stack.pop()!;
    const b = bm[bi]!;
    const h = hm[hi]!;
    const bKids = bc[bi]!.map((i) => bm[i]!);
    const hKids = hc[hi]!.map((i) => hm[i]!);
    const blocksB = bKids.filter((m) => isBlockName(m.name)).length;
    const blocksH = hKids.filter((m) => isBlockName(m.name)).length;
    let row: number | undefined;
    if (bi !== 0) {
      const c = change('changed', [b], [h], {
        ...(b.path !== h.path ? { renamedTo: h.path } : {}),
        ...(blocksB !== blocksH ? { blocks: { base: blocksB, head: blocksH } } : {}),
      });
      if (c.blocks || c.shape || deltaSign(c.macs) !== 0 || deltaSign(c.params) !== 0 || deltaSign(c.flops) !== 0 || deltaSign(c.bytesMoved) !== 0) {
        out.push(c);
        row = out.length - 1;
        childRows.set(row, []);
        if (parentRow !== undefined) childRows.get(parentRow)?.push(row);
      }
    }
    // Children: by name; then renames with identical class and costs; then a lone leftover of one class each side.
    const byName = new Map<string, number>();
    hc[hi]!.forEach((i) => byName.set(hm[i]!.name, i));
    const pairs: [number, number][] = [];
    const usedH = new Set<number>();
    const leftB: number[] = [];
    for (const i of bc[bi]!) {
      const j = byName.get(bm[i]!.name);
      if (j !== undefined && !usedH.has(j)) {
        pairs.push([i, j]);
        usedH.add(j);
      } else leftB.push(i);
    }
    let leftH = hc[hi]!.filter((j) => !usedH.has(j));
    if (leftB.length && leftH.length) {
      const bySig = new Map<string, number[]>();
      for (const j of leftH) pushTo(bySig, sig(hm[j]!), j);
      const stillB: number[] = [];
      const renamed = new Set<number>();
      for (const i of leftB) {
        const j = bySig.get(sig(bm[i]!))?.shift();
        // Same class and costs under a new name: a rename, no cost news below it.
        if (j !== undefined) renamed.add(j);
        else stillB.push(i);
      }
      leftH = leftH.filter((j) => !renamed.has(j));
      leftB.length = 0;
      pushAll(leftB, stillB);
      if (leftB.length === 1 && leftH.length === 1 && bm[leftB[0]!]!.type !== undefined && bm[leftB[0]!]!.type === hm[leftH[0]!]!.type) {
        pairs.push([leftB[0]!, leftH[0]!]);
        leftB.length = 0;
        leftH = [];
      }
    }
    const reportTo = row ?? parentRow;
    ranges('removed', leftB.map((i) => bm[i]!), reportTo);
    ranges('added', leftH.map((j) => hm[j]!), reportTo);
    for (let k = pairs.length - 1; k >= 0; k--) stack.push([pairs[k]![0], pairs[k]![1], reportTo]);
  }
  // A changed module whose whole change is one changed child's says the same twice: keep the parent
  // (the coarser answer to "which block changed"), unless the child says more (its blocks, a rename).
  const drop = new Set<number>();
  for (const [r, kids] of childRows) {
    const changedKids = kids.filter((k) => out[k]!.kind === 'changed');
    if (changedKids.length !== 1 || kids.length !== 1) continue;
    const c = out[r]!;
    const k = out[changedKids[0]!]!;
    if (k.macs.delta !== c.macs.delta || k.params.delta !== c.params.delta || k.flops.delta !== c.flops.delta || k.bytesMoved.delta !== c.bytesMoved.delta) continue;
    drop.add(k.blocks || k.renamedTo || c.blocks || c.renamedTo ? (c.blocks || c.renamedTo ? changedKids[0]! : r) : changedKids[0]!);
  }
  const kept = out.filter((_, i) => !drop.has(i));
  const byAbs = (x: Delta, y: Delta): number => {
    const a = absDelta(x);
    const b = absDelta(y);
    return a > b ? -1 : a < b ? 1 : 0;
  };
  kept.sort((a, b) => byAbs(a.macs, b.macs) || byAbs(a.params, b.params) || byAbs(a.flops, b.flops) || a.depth - b.depth || compareText(a.path, b.path));
  // The blocks added to or removed from a container follow its `2 -> 6 blocks` row.
  const rangesOf = new Map<string, ModuleChange[]>();
  for (const c of kept) {
    if (c.kind === 'changed' || !isBlockName(c.path.slice(c.path.lastIndexOf('.') + 1))) continue;
    pushTo(rangesOf, c.path.slice(0, c.path.lastIndexOf('.')), c);
  }
  const ordered: ModuleChange[] = [];
  const placed = new Set<ModuleChange>();
  for (const c of kept) {
    if (placed.has(c)) continue;
    ordered.push(c);
    placed.add(c);
    if (c.kind === 'changed' && c.blocks)
      for (const r of rangesOf.get(c.renamedTo ?? c.path) ?? rangesOf.get(c.path) ?? []) {
        if (placed.has(r)) continue;
        ordered.push(r);
        placed.add(r);
      }
  }
  return ordered;
}

/** Options of {@link selectModuleChanges}. */
export interface ModuleSelection {
  /** Deepest module shown (1 = the root's children). Default 3. */
  readonly depth?: number;
  /** Most rows. Default 12. */
  readonly max?: number;
}

/**
 * The module changes a reader sees first: at most `depth` deep, in rank order, leaving out a changed
 * module whose MACs and params deltas are an already chosen ancestor's (the same change seen one level
 * down; added and removed blocks are always kept), at most `max` of them. `more` counts the changes not chosen.
 */
export function selectModuleChanges(changes: readonly ModuleChange[], opts: ModuleSelection = {}): { readonly rows: readonly ModuleChange[]; readonly more: number } {
  const depth = opts.depth ?? 3;
  const max = opts.max ?? 12;
  const rows: ModuleChange[] = [];
  for (const c of changes) {
    if (rows.length >= max) break;
    if (c.depth > depth) continue;
    if (c.kind === 'changed' && rows.some((r) => c.path.startsWith(`${r.path}.`) && r.kind === 'changed' && r.macs.delta === c.macs.delta && r.params.delta === c.params.delta)) continue;
    rows.push(c);
  }
  return { rows, more: changes.length - rows.length };
}
