/**
 * The isolated profiler: a model that hangs, runs out of memory, kills its worker or throws is that
 * model's error, and the next model gets a fresh worker. A stub worker script plays each failure;
 * one real run profiles the example CNN in the built worker.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addLatency, createIsolatedProfiler, defaultWorkerUrl, inProcessProfiler, InternalProfileError, latencyPlan, ModelReadError, parseConfig } from '../src/index.js';

const stub = new URL('./fixtures/stub-worker.mjs', import.meta.url);
const bytes = new Uint8Array([1, 2, 3]);

describe('createIsolatedProfiler', () => {
  it('a hang ends at the deadline as a work-limit error; the next model still profiles', async () => {
    const p = createIsolatedProfiler({ workerUrl: stub, timeoutMs: 300 });
    await expect(p.profile(bytes, { file: 'hang' })).rejects.toThrow(new ModelReadError('hang', 'work-limit', 'work limit reached: profiling took more than 0.3 s; the model was not profiled'));
    await expect(p.profile(bytes, { file: 'next' })).resolves.toEqual({ ok: 'next', bytes: 3 });
    await p.close();
  });
  it('running out of heap is a work-limit error naming the limit', async () => {
    const p = createIsolatedProfiler({ workerUrl: stub, maxHeapMb: 48, timeoutMs: 20_000 });
    const err = await p.profile(bytes, { file: 'oom' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelReadError);
    expect((err as ModelReadError).reason).toBe('work limit reached: profiling needed more than 48 MB of memory; the model was not profiled');
    await expect(p.profile(bytes, { file: 'after' })).resolves.toEqual({ ok: 'after', bytes: 3 });
    await p.close();
  });
  it('a worker that exits or throws is an internal error of that model only', async () => {
    const p = createIsolatedProfiler({ workerUrl: stub, timeoutMs: 5000 });
    await expect(p.profile(bytes, { file: 'exit' })).rejects.toThrow(new InternalProfileError('exit', 'the profiling worker exited with code 3'));
    await expect(p.profile(bytes, { file: 'throw' })).rejects.toThrow(new InternalProfileError('throw', 'boom'));
    await expect(p.profile(bytes, { file: 'bad' })).rejects.toThrow(new ModelReadError('bad', 'truncated', 'the file is truncated'));
    await expect(p.profile(bytes, { file: 'fine' })).resolves.toEqual({ ok: 'fine', bytes: 3 });
    await p.close();
  });
  it('requests run one at a time, in order', async () => {
    const p = createIsolatedProfiler({ workerUrl: stub, timeoutMs: 5000 });
    const all = await Promise.all(['a', 'b', 'c'].map((f) => p.profile(bytes, { file: f })));
    expect(all).toEqual([{ ok: 'a', bytes: 3 }, { ok: 'b', bytes: 3 }, { ok: 'c', bytes: 3 }]);
    await p.close();
  });
  it('the built worker profiles a real model the same as in-process', async () => {
    const url = defaultWorkerUrl();
    expect(url, 'build @modelcost/report first (the test target does)').toBeDefined();
    const cnn = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../examples/models/tiny-cnn.onnx')));
    const isolated = createIsolatedProfiler();
    const a = await isolated.profile(cnn, { file: 'cnn.onnx' });
    await isolated.close();
    const b = await inProcessProfiler().profile(cnn, { file: 'cnn.onnx' });
    expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
    expect(a.totals.params).toBe(24234);
  });
  it('finish: latency estimated and nodes dropped in the worker, the same totals and latency as in-process', async () => {
    const cnn = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../examples/models/tiny-cnn.onnx')));
    const plan = latencyPlan(parseConfig('hardware: [nvidia-t4]\n').value!);
    const isolated = createIsolatedProfiler();
    const a = await isolated.profile(cnn, { file: 'cnn.onnx' }, { latency: plan, summaryOnly: true });
    await isolated.close();
    const full = addLatency(await inProcessProfiler().profile(cnn, { file: 'cnn.onnx' }), plan);
    // The summary is the full report less its nodes (and module tree, which this flat-named CNN has none of).
    expect(a.nodes).toEqual([]);
    expect(full.nodes).toHaveLength(full.coverage.nodes);
    expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify({ ...full, nodes: [] })));
    expect(a.latency.map((l) => l.hardware)).toEqual(['nvidia-t4']);
  });
});
