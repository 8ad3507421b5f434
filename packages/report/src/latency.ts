/**
 * Latency per the config: every hardware the config lists or a budget limits, at the config's
 * precision and at each precision a budget asks for (`precision: int8` on a rule).
 */
import { findHardware, hardwareCatalog, withLatency, type HardwareProfile, type Report } from '@modelcost/core';
import type { ModelcostConfig, Precision } from './config.js';

/** The profiles and precisions a config needs estimates for. */
export interface LatencyPlan {
  readonly profiles: readonly HardwareProfile[];
  /** `undefined` stands for the model's own precision. */
  readonly precisions: readonly (Precision | undefined)[];
  /** The config's runtime choice (all hardware, or per id). */
  readonly runtime?: string | Readonly<Record<string, string>>;
  /** The config's throughput batch. */
  readonly throughputBatch?: number;
}

/** Work out the plan once per config (throws HardwareError for an unknown id; parseConfig has checked them). */
export function latencyPlan(config: ModelcostConfig): LatencyPlan {
  const ids = new Set(config.hardware);
  const precisions = new Set<Precision | undefined>([config.precision]);
  for (const b of config.budgets) {
    const hw = [...Object.keys(b.max.latencyMs ?? {}), ...Object.keys(b.min?.throughput ?? {})];
    hw.forEach((h) => ids.add(h));
    if (hw.length) precisions.add(b.precision ?? config.precision);
  }
  return {
    profiles: ids.size ? findHardware([...ids], hardwareCatalog(config.hardwareProfiles)) : [],
    precisions: [...precisions],
    ...(config.runtime ? { runtime: config.runtime } : {}),
    ...(config.throughputBatch ? { throughputBatch: config.throughputBatch } : {}),
  };
}

/** The report with its latency entries for the plan (one per profile and precision). */
export function addLatency(report: Report, plan: LatencyPlan): Report {
  const common = { ...(plan.runtime ? { runtime: plan.runtime } : {}), ...(plan.throughputBatch ? { throughputBatch: plan.throughputBatch } : {}) };
  return withLatency(report, plan.profiles, plan.precisions.map((p) => (p ? { ...common, precision: p } : common)));
}
