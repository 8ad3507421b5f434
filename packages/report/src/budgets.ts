/**
 * Evaluating budgets: which rules apply to a model (by glob), and which limits its report breaks.
 */
import type { Report } from '@modelcost/core';
import picomatch from 'picomatch';
import { BUDGET_METRICS, type BudgetRule, type ModelcostConfig } from './config.js';
import { MESSAGES } from './messages.js';
import { latencyKey } from './diff.js';
import { human } from './render.js';

/** One broken limit. */
export interface Breach {
  readonly path: string;
  /** The rule's name, or `budgets[i]`. */
  readonly rule: string;
  readonly metric: string;
  readonly actual: number;
  readonly limit: number;
  readonly message: string;
  /** Reason when a waiver covers the rule: reported, not failed. */
  readonly waived?: string;
}

function ruleName(r: BudgetRule, i: number): string {
  return r.name ?? `budgets[${i}]`;
}

/** The rules whose `match` glob covers `path`. */
export function rulesFor(config: ModelcostConfig, path: string): { rule: BudgetRule; index: number }[] {
  return config.budgets.map((rule, index) => ({ rule, index })).filter(({ rule }) => picomatch(rule.match, { dot: true })(path));
}

/**
 * Breaches of the budgets that apply to `path`, given the head report and (for `maxIncrease`) the base
 * report. Latency limits are checked against `head.latency` entries of the named hardware.
 */
export function evaluateBudgets(config: ModelcostConfig, path: string, head: Report, base?: Report): Breach[] {
  const out: Breach[] = [];
  for (const { rule, index } of rulesFor(config, path)) {
    const name = ruleName(rule, index);
    const waived = config.waivers[name];
    const push = (metric: string, actual: number, limit: number, message: string): void => {
      out.push(waived ? { path, rule: name, metric, actual, limit, message, waived } : { path, rule: name, metric, actual, limit, message });
    };
    for (const m of BUDGET_METRICS) {
      const limit = rule.max[m];
      const actual = head.totals[m];
      if (limit !== undefined && actual > limit) push(m, actual, limit, MESSAGES.breachMax(name, m, human(actual, m.endsWith('Bytes')), human(limit, m.endsWith('Bytes'))));
      const inc = rule.maxIncrease[m];
      if (inc && base) {
        const grew = actual - base.totals[m];
        const allowed = 'relative' in inc ? base.totals[m] * inc.relative : inc.absolute;
        if (grew > allowed) {
          const change = 'relative' in inc ? `${((grew / (base.totals[m] || 1)) * 100).toFixed(1)}%` : human(grew);
          const lim = 'relative' in inc ? `${(inc.relative * 100).toFixed(1)}%` : human(inc.absolute);
          push(`${m} increase`, grew, allowed, MESSAGES.breachIncrease(name, m, change, lim));
        }
      }
    }
    const precision = rule.precision ?? config.precision;
    for (const [hw, limit] of Object.entries(rule.max.latencyMs ?? {})) {
      const l = head.latency.find((x) => x.hardware === hw && x.precision === precision);
      const label = `latency on ${latencyKey({ hardware: hw, ...(precision ? { precision } : {}) })}`;
      // A limit that could not be checked is not a pass: say so (the review estimates every budgeted hardware).
      if (!l) push(`latencyMs.${hw}`, Number.NaN, limit, MESSAGES.latencyNotEstimated(name, label));
      else if (l.ms > limit) push(`latencyMs.${hw}`, l.ms, limit, MESSAGES.breachMax(name, label, `${l.ms.toFixed(2)} ms`, `${limit} ms`));
    }
    for (const [hw, limit] of Object.entries(rule.min?.throughput ?? {})) {
      const l = head.latency.find((x) => x.hardware === hw && x.precision === precision);
      const label = `throughput on ${latencyKey({ hardware: hw, ...(precision ? { precision } : {}) })}`;
      const rate = l?.throughput?.samplesPerSec;
      if (rate === undefined) push(`throughput.${hw}`, Number.NaN, limit, MESSAGES.throughputNotEstimated(name, label));
      else if (rate < limit) push(`throughput.${hw}`, rate, limit, MESSAGES.breachMin(name, label, `${human(rate)}/s`, `${human(limit)}/s`));
    }
    const unsupported = Object.entries(head.coverage.unsupported);
    if ((rule.failOnUnsupported ?? config.failOnUnsupported) && unsupported.length)
      push('unsupported', unsupported.length, 0, MESSAGES.breachUnsupported(name, unsupported.map(([op, n]) => `${op} x${n}`).join(', ')));
  }
  return out;
}
