import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bytesSource, profileOnnx } from '@modelcost/onnx';
import { describe, expect, it } from 'vitest';
import { evaluateBudgets, parseConfig, parseIncrease, parseMs, parseSize } from '../src/index.js';

describe('sizes', () => {
  it.each([
    ['10G', 10e9],
    ['25M', 25e6],
    ['1.5K', 1500],
    ['512Mi', 512 * 2 ** 20],
    ['60MB', 60e6],
    [42, 42],
    ['lots', undefined],
    [-1, undefined],
  ] as const)('%s -> %s', (text, value) => {
    expect(parseSize(text)).toBe(value);
  });
  it('durations and increases', () => {
    expect([parseMs('30ms'), parseMs('1.5s'), parseMs(12), parseMs('fast')]).toEqual([30, 1500, 12, undefined]);
    expect([parseIncrease('5%'), parseIncrease('10M'), parseIncrease('x')]).toEqual([{ relative: 0.05 }, { absolute: 10e6 }, undefined]);
  });
});

describe('parseConfig', () => {
  it('parses the DESIGN.md example', () => {
    const r = parseConfig(`
models: ["models/**/*.onnx", "keras/**/*.json"]
hardware: [jetson-orin-nano-8gb, nvidia-a100-sxm-80gb]
dims: { batch: 1, seq: 128 }
budgets:
  - match: "models/detector/**"
    max: { flops: 10G, params: 25M, latencyMs: { jetson-orin-nano-8gb: 30 } }
    maxIncrease: { flops: 5%, params: 10% }
comment: { perLayer: true, minChange: 0.1% }
`);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.value).toEqual({
      models: ['models/**/*.onnx', 'keras/**/*.json'],
      hardware: ['jetson-orin-nano-8gb', 'nvidia-a100-sxm-80gb'],
      hardwareProfiles: [],
      dims: { batch: 1, seq: 128 },
      budgets: [{ match: 'models/detector/**', max: { flops: 10e9, params: 25e6, latencyMs: { 'jetson-orin-nano-8gb': 30 } }, maxIncrease: { flops: { relative: 0.05 }, params: { relative: 0.1 } } }],
      waivers: {},
      failOnUnsupported: false,
      comment: { perLayer: true, minChange: 0.001 },
    });
  });

  it('reads hardware profiles (bare numbers get a source naming the config), a precision, and per-rule precision', () => {
    const r = parseConfig(`
hardware: [our-orin]
precision: fp16
hardwareProfiles:
  - id: our-orin
    extends: jetson-orin-nano-8gb
    bandwidthGBps: 60
    kernelOverheadUs: { value: 9, provenance: measured, source: "nsys trace of our detector" }
budgets:
  - match: "**"
    precision: int8
    max: { latencyMs: { our-orin: 5ms } }
`);
    expect(r.errors).toEqual([]);
    expect(r.value!.precision).toBe('fp16');
    expect(r.value!.budgets[0]!.precision).toBe('int8');
    expect(r.value!.hardwareProfiles).toEqual([
      {
        id: 'our-orin',
        extends: 'jetson-orin-nano-8gb',
        bandwidthGBps: { value: 60, provenance: 'estimate', source: 'user profile (hardwareProfiles[0])' },
        kernelOverheadUs: { value: 9, provenance: 'measured', source: 'nsys trace of our detector' },
      },
    ]);
  });

  it.each([
    ['hardware: [nvidia-a1000]', 'hardware: unknown hardware "nvidia-a1000"; did you mean nvidia-h100-sxm, nvidia-h100-pcie, nvidia-a100-sxm-80gb, nvidia-a100-pcie-40gb, nvidia-a100-pcie-80gb? (`modelcost hardware list` shows them all)'],
    ['precision: fp12', 'precision: expected one of fp32, fp16, bf16, int8, got "fp12"'],
    ['hardwareProfiles: [{ id: x, extends: nope }]', 'hardware: hardware profile "x" extends unknown profile "nope"'],
    ['hardwareProfiles: [{ id: x, bandwidthGBps: -3 }]', 'hardwareProfiles[0].bandwidthGBps: expected a positive number or {value, provenance, source}, got -3'],
    ['hardwareProfiles: [{ id: x, peakTflops: { fp33: 1 } }]', 'hardwareProfiles[0].peakTflops.fp33: unknown dtype; expected one of fp32, tf32, fp16, bf16, fp8, int8, int4'],
    ['hardwareProfiles: [{ id: x, kind: tpu }]', 'hardwareProfiles[0].kind: expected cpu, gpu or npu, got "tpu"'],
    ['hardwareProfiles: [{ id: x, name: X }]', 'hardware: hardware profile "x" lacks kind, bandwidthGBps, peakTflops (give them, or "extends": "<preset id>")'],
    ['budgets: [{ max: { flops: 1G }, precision: 4bit }]', 'budgets[0].precision: expected one of fp32, fp16, bf16, int8, got "4bit"'],
  ])('hardware error %s', (text, message) => {
    expect(parseConfig(text).errors).toEqual([message]);
  });

  it('an empty file is the defaults', () => {
    expect(parseConfig('').value?.models).toEqual(['**/*.onnx', '**/*.h5', '**/*.hdf5', '**/*.keras']);
  });

  it.each([
    ['models: 3', 'models: expected a list of non-empty strings, got 3'],
    ['dims: { seq: -4 }', 'dims.seq: expected a positive integer, got -4'],
    ['dims: [1]', 'dims: expected a mapping of symbol names to positive integers, got a list'],
    ['budgets: { max: 1 }', 'budgets: expected a list of rules, got a mapping'],
    ['budgets: [7]', 'budgets[0]: expected a rule with match and max / maxIncrease, got 7'],
    ['budgets: [{ match: "a", max: { flops: lots } }]', 'budgets[0].max.flops: expected a number or a size like 10G, got "lots"'],
    ['budgets: [{ match: "a", max: 5 }]', 'budgets[0].max: expected a mapping of metrics to limits, got 5'],
    ['budgets: [{ match: "a", max: { speed: 1 } }]', 'budgets[0].max.speed: unknown metric (known: params, macs, flops, weightBytes, peakMemoryBytes, latencyMs)'],
    ['budgets: [{ match: "a", max: { latencyMs: 30 } }]', 'budgets[0].max.latencyMs: expected a mapping of hardware ids to durations like 30ms, got 30'],
    ['budgets: [{ match: "a", max: { latencyMs: { cpu: soon } } }]', 'budgets[0].max.latencyMs.cpu: expected a duration like 30ms or 1.5s, got "soon"'],
    ['budgets: [{ match: "a", maxIncrease: { flops: much } }]', 'budgets[0].maxIncrease.flops: expected a percentage like 5% or a size like 10M, got "much"'],
    ['budgets: [{ match: "a", maxIncrease: 5 }]', 'budgets[0].maxIncrease: expected a mapping of metrics to increases, got 5'],
    ['budgets: [{ match: "a", maxIncrease: { joy: 5% } }]', 'budgets[0].maxIncrease.joy: unknown metric (known: params, macs, flops, weightBytes, peakMemoryBytes)'],
    ['budgets: [{ match: "a" }]', 'budgets[0]: a rule needs max, maxIncrease or failOnUnsupported'],
    ['budgets: [{ match: 3, max: { flops: 1 } }]', 'budgets[0].match: expected a glob such as "models/**/*.onnx", got 3'],
    ['budgets: [{ match: "a", failOnUnsupported: yes please }]', 'budgets[0].failOnUnsupported: expected true or false, got "yes please"'],
    ['budgets: [{ match: "a", name: "", max: { flops: 1 } }]', 'budgets[0].name: expected a non-empty string, got ""'],
    ['waivers: [a]', 'waivers: expected a mapping of budget names to reasons, got a list'],
    ['budgets: [{ name: big, max: { flops: 1 } }]\nwaivers: { big: "" }', 'waivers.big: expected a reason (non-empty text), got ""'],
    ['failOnUnsupported: 1', 'failOnUnsupported: expected true or false, got 1'],
    ['comment: 3', 'comment: expected a mapping, got 3'],
    ['comment: { perLayer: maybe }', 'comment.perLayer: expected true or false, got "maybe"'],
    ['comment: { minChange: 3M }', 'comment.minChange: expected a percentage like 0.1%, got "3M"'],
    ['- just\n- a list', '.modelcost.yml: expected a mapping (models, budgets, ...), got a list'],
    ['models: [a\nbudgets', '.modelcost.yml:2: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('%s', (text, message) => {
    const r = parseConfig(text);
    expect(r.value).toBeUndefined();
    expect(r.errors[0]).toBe(message);
  });

  it('warns about unknown keys and waivers naming no budget', () => {
    const r = parseConfig('models: ["*.onnx"]\nbudget: []\nwaivers: { nope: "legacy" }');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(['budget: unknown key, ignored (known: models, hardware, hardwareProfiles, precision, dims, budgets, waivers, failOnUnsupported, comment)', 'waivers.nope: no budget is named "nope"']);
  });
});

describe('evaluateBudgets on the example CNN widened in a PR', () => {
  const EX = resolve(import.meta.dirname, '../../../examples');
  const base = profileOnnx(bytesSource(readFileSync(join(EX, 'models/tiny-cnn.onnx'))), { file: 'a' });
  const head = profileOnnx(bytesSource(readFileSync(join(EX, 'pr/tiny-cnn.onnx'))), { file: 'b' });
  const config = parseConfig(`
budgets:
  - name: cnn-size
    match: "examples/**/tiny-cnn.onnx"
    max: { params: 50K, flops: 100M }
    maxIncrease: { flops: 10%, params: 30K }
  - match: "other/**"
    max: { params: 1 }
`).value!;

  it('reports the rule that fired with actual and limit', () => {
    const b = evaluateBudgets(config, 'examples/models/tiny-cnn.onnx', head, base);
    // params 53,626 > 50K; FLOPs grew 25,465,472 / 22,619,392 = 112.6% > 10%; params grew 29,392 <= 30K: fine
    expect(b.map((x) => x.message)).toEqual(['cnn-size: params 53.6 K exceeds max 50 K', 'cnn-size: flops grew 112.6%, more than the allowed 10.0%']);
  });
  it('rules apply by glob, and a waiver reports without failing', () => {
    expect(evaluateBudgets(config, 'elsewhere/tiny-cnn.onnx', head, base)).toEqual([]);
    const waived = { ...config, waivers: { 'cnn-size': 'widening approved in #42' } };
    expect(evaluateBudgets(waived, 'examples/models/tiny-cnn.onnx', head, base).every((x) => x.waived === 'widening approved in #42')).toBe(true);
  });
});
