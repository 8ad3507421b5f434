/**
 * Budgets and waivers from the base side: what the head's `.modelcost.yml` may add, what it may not
 * change, and the list of its changes the comment shows.
 */
import { describe, expect, it } from 'vitest';
import { evaluateBudgets, parseConfig, rulesFor, trustedConfig, type ModelcostConfig } from '../src/index.js';

const cfg = (text: string): ModelcostConfig => {
  const r = parseConfig(text);
  if (!r.value) throw new Error(r.errors.join('; '));
  return r.value;
};

const base = cfg(`
models: ["models/**/*.onnx"]
hardware: [nvidia-t4]
dims: { batch: 1 }
budgets:
  - name: detector
    match: "models/detector/**"
    max: { flops: 10G, params: 25M }
    maxIncrease: { flops: 5% }
`);

describe('trustedConfig (budgets from the base)', () => {
  const head = cfg(`
models: ["nothing/**", "keras/**/*.json", "!models/detector/**"]
hardware: [nvidia-t4, fast, nvidia-a100-sxm-80gb]
hardwareProfiles:
  - { id: nvidia-t4, extends: nvidia-t4, bandwidthGBps: 100000 }
  - { id: fast, extends: nvidia-t4 }
dims: { batch: 64 }
budgets:
  - name: detector
    match: "models/detector/**"
    max: { flops: 1T, params: 25M }
  - name: classifier
    match: "models/**"
    max: { params: 1M }
waivers: { detector: "approved by me" }
failOnUnsupported: true
`);
  const { config, changes } = trustedConfig(base, head);

  it('keeps the base limits and no waiver; adds model globs, new hardware and failOnUnsupported', () => {
    expect(config.budgets[0]).toEqual(base.budgets[0]);
    expect(config.waivers).toEqual({});
    expect(config.dims).toEqual({ batch: 1 });
    expect(config.models).toEqual(['models/**/*.onnx', 'nothing/**', 'keras/**/*.json']);
    // `fast` is new (its own id); the head's nvidia-t4 override is not used; a100 is a preset.
    expect(config.hardware).toEqual(['nvidia-t4', 'fast', 'nvidia-a100-sxm-80gb']);
    expect(config.hardwareProfiles.map((p) => p.id)).toEqual(['fast']);
    expect(config.failOnUnsupported).toBe(true);
  });

  it("a rule the head adds applies only where no base rule reaches", () => {
    expect(rulesFor(config, 'models/detector/yolo.onnx').map((r) => r.rule.name)).toEqual(['detector']);
    expect(rulesFor(config, 'models/other/new.onnx').map((r) => r.rule.name)).toEqual(['classifier']);
  });

  it('lists every change, with when it takes effect', () => {
    expect(changes).toEqual([
      { path: 'budgets[detector].max.flops', base: '10 G', head: '1 T', effect: 'after-merge' },
      { path: 'budgets[detector].maxIncrease.flops', base: '5%', effect: 'after-merge' },
      { path: 'budgets[classifier]', head: 'match: models/**; max.params: 1 M', effect: 'applies' },
      { path: 'waivers.detector', head: 'approved by me', effect: 'after-merge' },
      { path: 'models', base: 'models/**/*.onnx', head: 'nothing/**, keras/**/*.json, !models/detector/**', effect: 'after-merge' },
      { path: 'dims.batch', base: '1', head: '64', effect: 'after-merge' },
      { path: 'hardware', base: 'nvidia-t4', head: 'nvidia-t4, fast, nvidia-a100-sxm-80gb', effect: 'after-merge' },
      { path: 'hardwareProfiles.nvidia-t4', head: 'extends: nvidia-t4; bandwidthGBps: 100000', effect: 'after-merge' },
      { path: 'hardwareProfiles.fast', head: 'extends: nvidia-t4', effect: 'after-merge' },
      { path: 'failOnUnsupported', base: 'false', head: 'true', effect: 'applies' },
    ]);
  });

  it('with trust head, the head config is used as it is', () => {
    const t = trustedConfig(base, head, 'head');
    expect(t.config).toBe(head);
    expect(t.changes.every((c) => c.effect === 'applies')).toBe(true);
  });

  it('no head config (deleted by the PR, or absent): the base', () => {
    expect(trustedConfig(base, undefined)).toEqual({ config: base, changes: [] });
  });

  it('a waiver the head adds for its own breach does not waive it', () => {
    const report = { totals: { params: 30_000_000, macs: 0, flops: 0, weightBytes: 0, activationBytes: 0, peakMemoryBytes: 0, bytesMoved: 0 }, latency: [], coverage: { nodes: 0, supported: 0, unsupported: {} } } as never;
    const breaches = evaluateBudgets(config, 'models/detector/yolo.onnx', report);
    expect(breaches.map((b) => [b.rule, b.metric, b.waived])).toEqual([['detector', 'params', undefined]]);
  });
});
