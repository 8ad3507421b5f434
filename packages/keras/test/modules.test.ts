/**
 * Keras module scopes for the report's module tree: every layer a module of its class, nested models
 * modules holding their layers, a shared layer or nested model one module with its calls counted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bytesSource, countNumber } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { profileKeras } from '../src/index.js';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const SHARED = resolve(import.meta.dirname, '../../../../shared/keras-fixtures');

describe('Keras module tree', () => {
  it('siamese: the shared tower is one module called twice, its weights once and its cost twice', () => {
    const r = profileKeras(bytesSource(readFileSync(resolve(FIXTURES, 'siamese_shared_keras2.json'))), { dims: { batch: 1 } });
    const m = (p: string) => r.modules!.find((x) => x.path === p)!;
    expect(r.modules![0]!.type).toBe('Functional');
    // The second call has the first's input shapes, so it reuses the first's analysis: one node
    // `tower#2` in the tower module holding that call's whole cost, beside the 4 layers of the first.
    expect(m('tower')).toMatchObject({ type: 'Sequential', calls: 2, nodes: 5 });
    // c1: Conv2D 3x3, 1 -> 8 on a 28x28 input, 26x26 out: 26*26*8*9 = 48,672 MACs in the expanded
    // call; its 8*9 + 8 = 80 weights counted once.
    expect(m('tower.c1')).toMatchObject({ type: 'Conv2D', macs: 48672, params: 80 });
    // The tower's MACs are both calls': 2 * (conv 48,672 + dense 1352*32 = 43,264).
    expect(m('tower').macs).toBe(2 * (48672 + 43264));
    // The tower's params are all of the model's but the scoring Dense's (32 + 1).
    expect(countNumber(m('tower').params)).toBe(countNumber(r.totals.params) - 33);
    expect(m('tower').outputs).toHaveLength(2);
  });
  it('a nested MobileNet base (Teachable Machine): base > model3 > its 154 layers', () => {
    const r = profileKeras(bytesSource(readFileSync(resolve(SHARED, 'tfjs/teachable-machine_image_nested_mobilenet_model.json'))));
    const base = r.modules!.find((x) => x.path === 'sequential_9.model3')!;
    expect(base).toMatchObject({ type: 'Model', depth: 2, nodes: 154 });
    expect(r.modules!.filter((x) => x.parent === r.modules!.indexOf(base))).toHaveLength(154);
    // Conv1: 3x3 stride 2, 3 -> 16 on the padded 225x225 input, 112x112 out: 112*112*16*27 = 5,419,008 MACs.
    expect(r.modules!.find((x) => x.path === 'sequential_9.model3.Conv1')).toMatchObject({ type: 'Conv2D', op: 'Conv2D', macs: 5419008, params: 16 * 27 });
  });
});
