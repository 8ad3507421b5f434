/**
 * The per-model work budget: each limit throws WorkLimitError with the file, the limit and the place.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORK_LIMITS, ModelImportError, WorkBudget, WorkLimitError } from '../../src/index.js';

describe('WorkBudget', () => {
  it('counts nodes and throws past maxNodes, naming the file and the place', () => {
    const b = new WorkBudget({ maxNodes: 3 }, 'm.onnx');
    b.node();
    b.node(2);
    expect(b.nodesUsed).toBe(3);
    let err: unknown;
    try {
      b.node(1, 'Loop body of node "l1"');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkLimitError);
    expect(err).toBeInstanceOf(ModelImportError);
    expect((err as WorkLimitError).code).toBe('work-limit');
    expect((err as WorkLimitError).limit).toBe('nodes');
    expect((err as Error).message).toBe('m.onnx: work limit reached: more than 3 nodes to infer (sub-graphs and calls included); the model was not profiled (at Loop body of node "l1")');
  });

  it('checks an injected clock every 256 nodes and on time()', () => {
    let now = 1000;
    const b = new WorkBudget({ maxMs: 50 }, 'slow.onnx', () => now);
    b.node(255);
    now = 2000; // 1 s later: the next check (at the 256th node) throws
    expect(() => b.node()).toThrow('slow.onnx: work limit reached: profiling took more than 0.05 s; the model was not profiled');
    const c = new WorkBudget({ maxMs: 50 }, undefined, () => now);
    now += 51;
    expect(() => c.time('decode')).toThrow('work limit reached: profiling took more than 0.05 s; the model was not profiled (at decode)');
  });

  it('limits data elements; a negative or non-finite count is over the limit', () => {
    const b = new WorkBudget({ maxDataElements: 10 });
    b.data(10);
    expect(() => b.data(1)).toThrow('more than 10 tensor elements');
    expect(() => new WorkBudget().data(-1)).toThrow(WorkLimitError);
    expect(() => new WorkBudget().data(Number.POSITIVE_INFINITY)).toThrow(WorkLimitError);
    expect(() => new WorkBudget().data(Number.NaN)).toThrow(WorkLimitError);
  });

  it('limits depth; nested() leaves the level even when its body throws', () => {
    const b = new WorkBudget({ maxDepth: 2 }, 'deep.json');
    b.nested('a', () => b.nested('b', () => expect(() => b.enter('c')).toThrow('deep.json: work limit reached: nested more than 2 levels deep; the model was not profiled (at c)')));
    expect(() => b.nested('x', () => { throw new Error('boom'); })).toThrow('boom');
    // Back at depth 0: two levels fit again.
    b.nested('a', () => b.nested('b', () => undefined));
  });

  it('asks a memory probe every 16,384 nodes or ticks, with the limit, and refuses a reading over it', () => {
    let reading = 100;
    const asked: number[] = [];
    const b = new WorkBudget({ maxMemoryBytes: 1000 }, 'big.onnx', Date.now, (limit) => {
      asked.push(limit);
      return reading;
    });
    b.node(16_383);
    expect(asked).toEqual([]);
    b.node();
    expect(asked).toEqual([1000]);
    // Ticks (entries read from the file) count toward the same check, and charge no node.
    for (let i = 0; i < 16_384; i++) b.tick('reading the graph');
    expect(asked).toEqual([1000, 1000]);
    expect(b.nodesUsed).toBe(16_384);
    reading = 1001;
    expect(() => b.checkMemory('relu_7')).toThrow('big.onnx: work limit reached: more than 0 MiB of memory in use while reading and inferring the model; the model was not profiled (at relu_7)');
    const e = (() => {
      try {
        new WorkBudget({}, 'm.onnx', Date.now, () => 2 ** 31).checkMemory();
      } catch (err) {
        return err as WorkLimitError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(WorkLimitError);
    expect([e!.limit, e!.value, e!.code]).toEqual(['memory', 700 * 2 ** 20, 'work-limit']);
    expect(e!.message).toContain('more than 700 MiB of memory in use');
    // Without a probe, memory is not checked.
    const free = new WorkBudget({ maxMemoryBytes: 1 });
    free.node(100_000);
    free.checkMemory();
  });

  it('fills in the defaults', () => {
    expect(new WorkBudget().limits).toEqual(DEFAULT_WORK_LIMITS);
    expect(new WorkBudget({ maxNodes: 7 }).limits).toEqual({ ...DEFAULT_WORK_LIMITS, maxNodes: 7 });
  });
});
