/**
 * Classic architectures against published parameter counts (keras.io/api/applications and the
 * papers), and small hand-written models in test/fixtures/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { autoencoder, mobilenetV1, mobilenetV2, resnet50, vgg16 } from './fixtures/architectures.js';
import { nodeNamed, profile } from './helpers.js';
import { countNumber } from '@modelcost/core';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(join(here, 'fixtures', name), 'utf8');

describe('published architectures', () => {
  it.each([
    // [name, builder, params, approximate published MACs at batch 1 (millions), tolerance %]
    ['VGG16 (include_top)', vgg16, 138_357_544, 15_470, 0.5],
    ['MobileNet v1 1.0 224', mobilenetV1, 4_253_864, 569, 1],
    ['MobileNetV2 1.0 224', mobilenetV2, 3_538_984, 300, 2],
    ['ResNet50', resnet50, 25_636_712, 3_870, 2],
  ] as const)('%s', (_name, build, params, macsM, tol) => {
    const r = profile(build(), { dims: { batch: 1 } });
    expect(r.totals.params).toBe(params);
    expect(r.outputs[0]!.shape).toEqual(['batch', 1000]);
    expect(Math.abs(countNumber(r.totals.macs) / 1e6 - macsM) / macsM).toBeLessThan(tol / 100);
    expect(r.coverage.unsupported).toEqual({});
  });

  it('VGG16 MACs exactly: 15,346,630,656 in the convolutions + 123,633,664 in the classifier', () => {
    expect(profile(vgg16(), { dims: { batch: 1 } }).totals.macs).toBe(15_470_264_320);
  });

  it('Conv2DTranspose autoencoder: 28 -> 14 -> 7 -> 14 -> 28', () => {
    const r = profile(autoencoder(), { dims: { batch: 1 } });
    // conv 3*3*1*16+16 = 160; conv 3*3*16*8+8 = 1160; deconv 3*3*8*8+8 = 584; deconv 3*3*8*16+16 = 1168; conv 3*3*16+1 = 145.
    expect(r.totals.params).toBe(160 + 1160 + 584 + 1168 + 145);
    expect(r.nodes.map((n) => n.outputs[0]!.shape![1])).toEqual([14, 7, 14, 28, 28]);
  });
});

describe('hand-written fixtures', () => {
  it('siamese: a nested Sequential tower shared by two inputs counts its weights once', () => {
    const r = profile(fixture('siamese_shared_keras2.json'), { dims: { batch: 1 } });
    // tower: conv 3*3*1*8+8 = 80; 26x26 -> pool 13x13x8 = 1352; dense 1352*32+32 = 43,296. score 32+1 = 33.
    expect(r.totals.params).toBe(80 + 43_296 + 33);
    // The second call has the first's input shapes: one node reusing the tower's analysis.
    expect(r.nodes.map((n) => n.name)).toEqual(['tower/c1', 'tower/p1', 'tower/f', 'tower/emb', 'tower#2', 'diff', 'score']);
    // The tower runs twice: conv MACs 2 * 26*26*8*9, dense 2 * 1352*32, score 32.
    expect(r.totals.macs).toBe(2 * 26 * 26 * 8 * 9 + 2 * 1352 * 32 + 32);
    expect(nodeNamed(r, 'tower#2').macs).toBe(26 * 26 * 8 * 9 + 1352 * 32);
    expect(nodeNamed(r, 'tower#2').params).toBe(0);
  });

  it('Keras 3 Sequential text classifier: Embedding, Bidirectional GRU (reset_after), Dense', () => {
    const r = profile(fixture('text_classifier_keras3.json'));
    // Embedding 20000*128 = 2,560,000; GRU 3*(64*(128+64) + 2*64) = 37,248, twice = 74,496; Dense 128+1 = 129.
    expect(r.totals.params).toBe(2_560_000 + 74_496 + 129);
    expect(r.outputs[0]!.shape).toEqual(['batch', 1]);
    expect(r.inputs[0]!.dtype).toBe('int32');
    expect(r.model.opsets).toEqual({ keras: 3 });
  });
});
