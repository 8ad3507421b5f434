/**
 * The config's runtime and throughput keys, min throughput budgets, and the hardware · runtime ·
 * precision labels of latency entries.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bytesSource } from '@modelcost/core';
import { profileOnnx } from '@modelcost/onnx';
import { describe, expect, it } from 'vitest';
import { addLatency, evaluateBudgets, latencyKey, latencyLabel, latencyPlan, modelChange, parseConfig, parseRate, parseRuntimeSetting, renderComment, type ModelcostConfig } from '../src/index.js';

describe('runtime and throughput in .modelcost.yml', () => {
  it('reads rates as samples per second', () => {
    expect(parseRate(5000)).toBe(5000);
    expect(parseRate('5000/s')).toBe(5000);
    expect(parseRate('5k/s')).toBe(5000);
    expect(parseRate('1.2M/s')).toBe(1.2e6);
    expect(parseRate('12.5 / s')).toBe(12.5);
    for (const bad of ['fast', '-3/s', '0', 0, '5000/min', null]) expect(parseRate(bad), String(bad)).toBeUndefined();
  });

  it('parses runtime (one id or per hardware), throughputBatch and min throughput', () => {
    const r = parseConfig(`
hardware: [nvidia-l4, rpi5-cpu]
runtime: { nvidia-l4: tensorrt, rpi5-cpu: tflite-xnnpack }
throughputBatch: 32
budgets:
  - name: serving
    min: { throughput: { nvidia-l4: 5000/s } }
`);
    expect(r.errors).toEqual([]);
    expect(r.value!.runtime).toEqual({ 'nvidia-l4': 'tensorrt', 'rpi5-cpu': 'tflite-xnnpack' });
    expect(r.value!.throughputBatch).toBe(32);
    expect(r.value!.budgets[0]!.min).toEqual({ throughput: { 'nvidia-l4': 5000 } });
    expect(parseConfig('hardware: [nvidia-l4]\nruntime: pytorch-eager').value!.runtime).toBe('pytorch-eager');
  });

  it.each([
    ['runtime: tensorflow', 'runtime: expected one of tensorrt, onnxruntime-cuda, onnxruntime-cpu, pytorch-eager, pytorch-cuda-graphs, tflite-xnnpack, coreml, openvino, migraphx, npu-compiler, got "tensorflow"'],
    ['hardware: [rpi5-cpu]\nruntime: tensorrt', 'runtime: runtime "tensorrt" does not run on cpu hardware ("rpi5-cpu"); it runs on gpu'],
    ['runtime: { amd-mi300x: tensorrt }', 'runtime.amd-mi300x: runtime "tensorrt" does not run on AMD hardware ("amd-mi300x"); it runs on NVIDIA devices'],
    ['runtime: { nvidia-l5: tensorrt }', 'runtime.nvidia-l5: unknown hardware "nvidia-l5" (`modelcost hardware list` shows them all)'],
    ['runtime: [tensorrt]', 'runtime: expected a runtime id or a mapping of hardware ids to runtime ids, got a list'],
    ['throughputBatch: 0', 'throughputBatch: expected an integer from 1 to 65536, got 0'],
    ['throughputBatch: lots', 'throughputBatch: expected an integer from 1 to 65536, got "lots"'],
    ['budgets: [{ max: { throughput: { nvidia-l4: 5000/s } } }]', 'budgets[0].max.throughput: throughput is a minimum (samples/s a model must reach); write it under min, e.g. min: { throughput: { nvidia-l4: 5000/s } }'],
    ['budgets: [{ min: { throughput: { nvidia-l4: fast } } }]', 'budgets[0].min.throughput.nvidia-l4: expected a rate in samples per second like 5000/s or 5k/s, got "fast"'],
    ['budgets: [{ min: { throughput: 5000 } }]', 'budgets[0].min.throughput: expected a mapping of hardware ids to rates like 5000/s, got 5000'],
    ['budgets: [{ min: { latencyMs: { nvidia-l4: 3 } } }]', 'budgets[0].min.latencyMs: unknown metric (known: throughput)'],
    ['budgets: [{ min: 7 }]', 'budgets[0].min: expected a mapping with throughput, got 7'],
  ])('%s', (text, message) => {
    const r = parseConfig(text);
    expect(r.value).toBeUndefined();
    expect(r.errors).toEqual([message]);
  });
});

describe('min throughput budgets', () => {
  const EX = resolve(import.meta.dirname, '../../../examples');
  const cnn = profileOnnx(bytesSource(readFileSync(join(EX, 'models/tiny-cnn.onnx'))), { file: 'a' });
  const config = (rate: string, extra = ''): ModelcostConfig =>
    parseConfig(`${extra}budgets:\n  - name: serving\n    precision: int8\n    min: { throughput: { nvidia-l4: ${rate} } }\n`).value!;

  it('estimates the throughput hardware, passes above the minimum and fails below it, with the rate in the message', () => {
    const c = config('1k/s');
    const plan = latencyPlan(c);
    expect(plan.profiles.map((p) => p.id)).toEqual(['nvidia-l4']);
    const head = addLatency(cnn, plan);
    const l = head.latency.find((x) => x.hardware === 'nvidia-l4' && x.precision === 'int8')!;
    expect(l.runtime).toBe('tensorrt');
    expect(l.throughput!.samplesPerSec).toBeGreaterThan(1000);
    expect(evaluateBudgets(c, 'models/cnn.onnx', head)).toEqual([]);
    const tooMuch = config('1000M/s');
    const [b] = evaluateBudgets(tooMuch, 'models/cnn.onnx', head);
    expect(b!.metric).toBe('throughput.nvidia-l4');
    expect(b!.limit).toBe(1e9);
    expect(b!.actual).toBe(l.throughput!.samplesPerSec);
    expect(b!.message).toMatch(/^serving: throughput on nvidia-l4@int8 [\d.]+ [KM]\/s is below min 1 G\/s$/);
  });

  it('reports a minimum it could not check instead of passing it', () => {
    const [b] = evaluateBudgets(config('5000/s'), 'models/cnn.onnx', cnn);
    expect(b!.message).toBe("serving: throughput on nvidia-l4@int8 was not estimated, so its minimum cannot be checked (is the hardware id in the config's hardware or hardwareProfiles?)");
  });

  it('estimates at the configured runtime and throughput batch', () => {
    const c = config('1/s', 'runtime: pytorch-eager\nthroughputBatch: 16\n');
    const l = addLatency(cnn, latencyPlan(c)).latency[0]!;
    expect(l.runtime).toBe('pytorch-eager');
    expect(l.throughput!.batch).toBe(16);
  });
});

describe('latency labels', () => {
  it('name hardware, runtime and precision for people; the matching key stays hardware@precision', () => {
    expect(latencyLabel({ hardware: 'nvidia-l4', runtime: 'tensorrt', precision: 'int8' })).toBe('nvidia-l4 · TensorRT · int8');
    expect(latencyLabel({ hardware: 'rpi5-cpu', runtime: 'onnxruntime-cpu' })).toBe('rpi5-cpu · ONNX Runtime CPU');
    // A report cached before runtimes: the hardware alone.
    expect(latencyLabel({ hardware: 'nvidia-t4' })).toBe('nvidia-t4');
    expect(latencyKey({ hardware: 'nvidia-l4', precision: 'int8' })).toBe('nvidia-l4@int8');
  });

  it('head the comment\'s latency column: "latency nvidia-l4 · TensorRT · int8"', () => {
    const EX = resolve(import.meta.dirname, '../../../examples');
    const c = parseConfig('hardware: [nvidia-l4]\nprecision: int8\n').value!;
    const plan = latencyPlan(c);
    const base = addLatency(profileOnnx(bytesSource(readFileSync(join(EX, 'models/tiny-cnn.onnx'))), { file: 'a' }), plan);
    const head = addLatency(profileOnnx(bytesSource(readFileSync(join(EX, 'pr/tiny-cnn.onnx'))), { file: 'b' }), plan);
    const md = renderComment([modelChange('models/tiny-cnn.onnx', base, head)]);
    expect(md).toContain('| model | params | MACs | FLOPs | peak activations | latency nvidia-l4 · TensorRT · int8 |');
  });
});

describe('a runtime setting given as text (workflow input, flag)', () => {
  const config = parseConfig('hardware: [nvidia-l4, rpi5-cpu]').value!;
  it('takes one id or hardware=runtime pairs, checked against the config hardware', () => {
    expect(parseRuntimeSetting('tensorrt', parseConfig('hardware: [nvidia-l4]').value!)).toEqual({ value: 'tensorrt', errors: [] });
    expect(parseRuntimeSetting('nvidia-l4=pytorch-cuda-graphs, rpi5-cpu=tflite-xnnpack', config).value).toEqual({ 'nvidia-l4': 'pytorch-cuda-graphs', 'rpi5-cpu': 'tflite-xnnpack' });
    expect(parseRuntimeSetting('tensorrt', config).errors).toEqual(['runtime: runtime "tensorrt" does not run on cpu hardware ("rpi5-cpu"); it runs on gpu']);
    expect(parseRuntimeSetting('nvidia-l4=', config).errors).toEqual(['runtime: expected a runtime id or hardware=runtime pairs, got "nvidia-l4="']);
  });
});
