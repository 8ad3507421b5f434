/**
 * Which `.modelcost.yml` decides a pull request's budgets. The head side's config is written by
 * whoever opened the pull request: taken as it is, a PR could raise its own limits, waive its own
 * breach, narrow `models` so its file is not reviewed, or redefine a hardware profile so its latency
 * looks small. So by default the review runs on the base side's config, and the head may only add:
 *
 * - model globs (a PR can widen the review, never narrow it; `!` exclusions from the head are ignored);
 * - budget rules for paths that no base rule covers (so a new model gets its budget in the PR that adds it);
 * - hardware ids to estimate, and hardware profiles with ids neither the base nor the presets define;
 * - `failOnUnsupported: true`.
 *
 * Everything else the PR changes (limits, waivers, dims, precision, profiles) takes effect once it is
 * merged, and {@link trustedConfig} lists each change so the comment can show it.
 */
import { hardwareCatalog, type UserHardware } from '@modelcost/core';
import type { BudgetRule, Increase, Limits, ModelcostConfig } from './config.js';
import type { ConfigChangeNote } from './render.js';
import { human } from './render.js';

/** Where a review's budgets come from: `base` (default; the head may only add, see above) or `head` (the PR's own config, for trusted branches). */
export type ConfigTrust = 'base' | 'head';

/** The config a review runs on, and what the pull request changes in it. */
export interface TrustedConfig {
  readonly config: ModelcostConfig;
  /** Every change the head makes to budgets, waivers and the settings that decide them. */
  readonly changes: readonly ConfigChangeNote[];
}

const ruleKey = (r: BudgetRule, i: number): string => r.name ?? `budgets[${i}]`;

const incText = (v: Increase): string => ('relative' in v ? `${Number((v.relative * 100).toFixed(4))}%` : human(v.absolute));

/** The fields of a rule as text, for comparing and showing (`max.flops` -> `10 G`). */
function ruleFields(r: BudgetRule): Map<string, string> {
  const f = new Map<string, string>();
  f.set('match', r.match);
  if (r.except?.length) f.set('except', r.except.join(', '));
  for (const [k, v] of Object.entries(r.max as Limits)) {
    if (k === 'latencyMs') for (const [hw, ms] of Object.entries(v as Record<string, number>)) f.set(`max.latencyMs.${hw}`, `${ms} ms`);
    else f.set(`max.${k}`, human(v as number, k.endsWith('Bytes')));
  }
  for (const [k, v] of Object.entries(r.maxIncrease)) if (v) f.set(`maxIncrease.${k}`, incText(v));
  if (r.failOnUnsupported !== undefined) f.set('failOnUnsupported', String(r.failOnUnsupported));
  if (r.precision) f.set('precision', r.precision);
  return f;
}

function diffMaps(prefix: string, base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>, effect: ConfigChangeNote['effect'], out: ConfigChangeNote[]): void {
  for (const [k, b] of base) {
    const h = head.get(k);
    if (h === undefined) out.push({ path: `${prefix}${k}`, base: b, effect });
    else if (h !== b) out.push({ path: `${prefix}${k}`, base: b, head: h, effect });
  }
  for (const [k, h] of head) if (!base.has(k)) out.push({ path: `${prefix}${k}`, head: h, effect });
}

/** A user profile as `extends: nvidia-t4; bandwidthGBps: 100000` (sourced values by their value), for the change list. */
function profileText(p: UserHardware): string {
  const parts: string[] = [];
  const add = (prefix: string, v: unknown): void => {
    if (v === undefined) return;
    if (typeof v === 'object' && v !== null && 'value' in v) parts.push(`${prefix}: ${String((v as { value: unknown }).value)}`);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) add(prefix ? `${prefix}.${k}` : k, x);
    else parts.push(`${prefix}: ${String(v)}`);
  };
  for (const [k, v] of Object.entries(p)) if (k !== 'id') add(k, v);
  return parts.join('; ').slice(0, 200);
}

/**
 * The config to review a pull request with. `base` is the base commit's config (or the defaults when
 * it has none), `head` the pull request's. With `trust: 'head'` the head's config is used as it is
 * (a workflow input opts into this, for branches whose authors may set their own budgets).
 */
export function trustedConfig(base: ModelcostConfig, head: ModelcostConfig | undefined, trust: ConfigTrust = 'base'): TrustedConfig {
  if (!head) return { config: base, changes: [] };
  const changes: ConfigChangeNote[] = [];
  const later: ConfigChangeNote['effect'] = trust === 'head' ? 'applies' : 'after-merge';

  // Budgets, matched by name (or position when unnamed).
  const baseRules = new Map(base.budgets.map((r, i) => [ruleKey(r, i), r]));
  const headRules = new Map(head.budgets.map((r, i) => [ruleKey(r, i), r]));
  const added: BudgetRule[] = [];
  for (const [k, b] of baseRules) {
    const h = headRules.get(k);
    if (!h) changes.push({ path: `budgets[${k}]`, base: [...ruleFields(b)].map(([f, v]) => `${f}: ${v}`).join('; '), effect: later });
    else diffMaps(`budgets[${k}].`, ruleFields(b), ruleFields(h), later, changes);
  }
  for (const [k, h] of headRules) {
    if (baseRules.has(k)) continue;
    added.push(h);
    changes.push({ path: `budgets[${k}]`, head: [...ruleFields(h)].map(([f, v]) => `${f}: ${v}`).join('; '), effect: 'applies' });
  }
  // Waivers: only the base's ever waive.
  const bw = new Map(Object.entries(base.waivers));
  const hw = new Map(Object.entries(head.waivers));
  diffMaps('waivers.', bw, hw, later, changes);
  // Settings that decide the numbers.
  diffMaps('models', new Map([['', base.models.join(', ')]]), new Map([['', head.models.join(', ')]]), later, changes);
  diffMaps('dims.', new Map(Object.entries(base.dims).map(([k, v]) => [k, String(v)])), new Map(Object.entries(head.dims).map(([k, v]) => [k, String(v)])), later, changes);
  if (base.precision !== head.precision) changes.push({ path: 'precision', ...(base.precision ? { base: base.precision } : {}), ...(head.precision ? { head: head.precision } : {}), effect: later });
  diffMaps('hardware', new Map([['', base.hardware.join(', ')]]), new Map([['', head.hardware.join(', ')]]), later, changes);
  diffMaps('hardwareProfiles.', new Map(base.hardwareProfiles.map((p) => [p.id, profileText(p)])), new Map(head.hardwareProfiles.map((p) => [p.id, profileText(p)])), later, changes);
  if (base.failOnUnsupported !== head.failOnUnsupported) changes.push({ path: 'failOnUnsupported', base: String(base.failOnUnsupported), head: String(head.failOnUnsupported), effect: head.failOnUnsupported ? 'applies' : later });
  const tidy = changes.filter((c) => c.path !== 'models' || c.base !== c.head).map((c) => (c.path.endsWith('.') ? { ...c, path: c.path.slice(0, -1) } : c));

  if (trust === 'head') return { config: head, changes: tidy };

  // Base config, plus what the head may add.
  const known = new Set([...hardwareCatalog(base.hardwareProfiles).map((p) => p.id)]);
  const newProfiles = head.hardwareProfiles.filter((p) => !known.has(p.id));
  const baseMatches = base.budgets.map((r) => r.match);
  const config: ModelcostConfig = {
    ...base,
    models: [...base.models, ...head.models.filter((g) => !g.startsWith('!') && !base.models.includes(g))],
    hardware: [...base.hardware, ...head.hardware.filter((h) => !base.hardware.includes(h) && (known.has(h) || newProfiles.some((p) => p.id === h)))],
    hardwareProfiles: [...base.hardwareProfiles, ...newProfiles],
    // A head rule counts only where no base rule reaches: `except` the base rules' globs.
    budgets: [...base.budgets, ...added.map((r) => ({ ...r, except: [...(r.except ?? []), ...baseMatches] }))],
    failOnUnsupported: base.failOnUnsupported || head.failOnUnsupported,
  };
  return { config, changes: tidy };
}
