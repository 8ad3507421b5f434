/**
 * Evaluating budgets: which rules apply to a model (by glob), and which limits its report breaks.
 * Counts are compared exactly (bigint); a model a budget covers that could not be profiled fails that
 * budget (unless waived), so an unreadable file is never a way past a limit.
 */
import { compareCounts, countBig, countNumber, own, toCount, type Count, type Report } from '@modelcost/core';
import { BUDGET_METRICS, type BudgetRule, type ModelcostConfig } from './config.js';
import { latencyKey } from './diff.js';
import { compileGlob } from './glob.js';
import { MESSAGES } from './messages.js';
import { human } from './render.js';

/** One broken limit. */
export interface Breach {
  readonly path: string;
  /** The rule's name, or `budgets[i]`. */
  readonly rule: string;
  readonly metric: string;
  /** The value found: an exact count, or milliseconds for latency (NaN-free: absent when there is none). */
  readonly actual?: Count;
  readonly limit: Count;
  readonly message: string;
  /** Reason when a waiver covers the rule: reported, not failed. */
  readonly waived?: string;
}

function ruleName(r: BudgetRule, i: number): string {
  return r.name ?? `budgets[${i}]`;
}

const matchers = new WeakMap<BudgetRule, (path: string) => boolean>();

/** The rules whose `match` glob covers `path` (globs compiled once per rule; parseConfig has checked them). */
export function rulesFor(config: ModelcostConfig, path: string): { rule: BudgetRule; index: number }[] {
  return config.budgets
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => {
      let m = matchers.get(rule);
      if (!m) {
        const inside = compileGlob(rule.match, { dot: true });
        const except = rule.except?.length ? compileGlob(rule.except, { dot: true }) : undefined;
        matchers.set(rule, (m = except ? (p: string) => inside(p) && !except(p) : inside));
      }
      return m(path);
    });
}

/** A limit as an exact integer (config sizes are integers; a fraction is rounded down: the limit is the most allowed). */
function limitBig(limit: number): bigint {
  return BigInt(Math.floor(limit));
}

/**
 * Breaches of the budgets that apply to `path`, given the head report and (for `maxIncrease`) the base
 * report. Latency limits are checked against `head.latency` entries of the named hardware.
 */
export function evaluateBudgets(config: ModelcostConfig, path: string, head: Report, base?: Report): Breach[] {
  const out: Breach[] = [];
  for (const { rule, index } of rulesFor(config, path)) {
    const name = ruleName(rule, index);
    const waived = own(config.waivers, name);
    const push = (metric: string, actual: Count | undefined, limit: Count, message: string): void => {
      out.push({ path, rule: name, metric, ...(actual !== undefined ? { actual } : {}), limit, message, ...(waived ? { waived } : {}) });
    };
    for (const m of BUDGET_METRICS) {
      const limit = rule.max[m];
      const actual = head.totals[m];
      if (limit !== undefined && compareCounts(actual, limitBig(limit)) > 0) push(m, actual, limit, MESSAGES.breachMax(name, m, human(actual, m.endsWith('Bytes')), human(limit, m.endsWith('Bytes'))));
      const inc = rule.maxIncrease[m];
      if (inc && base) {
        const grew = countBig(actual) - countBig(base.totals[m]);
        // Relative limits compared exactly: grew / base > r  <=>  grew * 10^9 > base * round(r * 10^9).
        const over = 'relative' in inc ? grew * 1_000_000_000n > countBig(base.totals[m]) * BigInt(Math.round(inc.relative * 1e9)) : grew > limitBig(inc.absolute);
        if (over) {
          const baseN = countNumber(base.totals[m]);
          const change = 'relative' in inc ? (baseN === 0 ? 'from 0' : `${((Number(grew) / baseN) * 100).toFixed(1)}%`) : human(grew);
          const lim = 'relative' in inc ? `${(inc.relative * 100).toFixed(1)}%` : human(inc.absolute);
          const allowed = 'relative' in inc ? (countBig(base.totals[m]) * BigInt(Math.round(inc.relative * 1e9))) / 1_000_000_000n : limitBig(inc.absolute);
          push(`${m} increase`, toCount(grew), toCount(allowed), MESSAGES.breachIncrease(name, m, change, lim));
        }
      }
    }
    const precision = rule.precision ?? config.precision;
    for (const [hw, limit] of Object.entries(rule.max.latencyMs ?? {})) {
      const l = head.latency.find((x) => x.hardware === hw && x.precision === precision);
      const label = `latency on ${latencyKey({ hardware: hw, ...(precision ? { precision } : {}) })}`;
      // A limit that could not be checked is not a pass: say so (the review estimates every budgeted hardware).
      if (!l || !Number.isFinite(l.ms)) push(`latencyMs.${hw}`, undefined, limit, MESSAGES.latencyNotEstimated(name, label));
      else if (l.ms > limit) push(`latencyMs.${hw}`, l.ms, limit, MESSAGES.breachMax(name, label, `${l.ms.toFixed(2)} ms`, `${limit} ms`));
    }
    for (const [hw, limit] of Object.entries(rule.min?.throughput ?? {})) {
      const l = head.latency.find((x) => x.hardware === hw && x.precision === precision);
      const label = `throughput on ${latencyKey({ hardware: hw, ...(precision ? { precision } : {}) })}`;
      const rate = l?.throughput?.samplesPerSec;
      if (rate === undefined) push(`throughput.${hw}`, Number.NaN, limit, MESSAGES.throughputNotEstimated(name, label));
      else if (rate < limit) push(`throughput.${hw}`, rate, limit, MESSAGES.breachMin(name, label, `${human(rate)}/s`, `${human(limit)}/s`));
    }
    // Nodes whose shapes could not be inferred are as uncounted as ops without a rule.
    const unsupported = [...Object.entries(head.coverage.unsupported), ...Object.entries(head.coverage.unknown ?? {}).map(([op, n]): [string, number] => [`${op} (shapes unknown)`, n])];
    if ((rule.failOnUnsupported ?? config.failOnUnsupported) && unsupported.length)
      push('unsupported', unsupported.length, 0, MESSAGES.breachUnsupported(name, unsupported.map(([op, n]) => `${op} x${n}`).join(', ')));
  }
  return out;
}

/**
 * A model that budgets cover but that could not be profiled (an unreadable, hostile or too-costly
 * file): every covering rule fails with the reason, unless waived. Returns no breach when no rule covers it.
 */
export function unprofiledBreaches(config: ModelcostConfig, path: string, reason: string): Breach[] {
  return rulesFor(config, path).map(({ rule, index }) => {
    const name = ruleName(rule, index);
    const waived = own(config.waivers, name);
    return { path, rule: name, metric: 'unprofiled', limit: 0, message: MESSAGES.breachUnprofiled(name, reason), ...(waived ? { waived } : {}) };
  });
}
