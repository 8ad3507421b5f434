import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { countNumber } from '@modelcost/core';
import { bytesSource, profileOnnx } from '@modelcost/onnx';
import { describe, expect, it } from 'vitest';
import { golden } from './support/golden.js';
import { renderCsv, renderProfileTable } from '../src/index.js';

const EX = resolve(import.meta.dirname, '../../../examples');
const cnn = profileOnnx(bytesSource(readFileSync(join(EX, 'models/tiny-cnn.onnx'))), { file: 'examples/models/tiny-cnn.onnx' });
const enc = profileOnnx(bytesSource(readFileSync(join(EX, 'models/tiny-encoder.onnx'))), { file: 'examples/models/tiny-encoder.onnx', dims: { batch: 1, seq: 128 } });

describe('profile renderers (golden)', () => {
  it('terminal table with per-layer rows', () => golden('tiny-cnn-profile.txt', renderProfileTable(cnn, { perLayer: true })));
  it('summary with symbolic formulas', () => golden('tiny-encoder-profile.txt', renderProfileTable(enc)));
  it('CSV', () => golden('tiny-cnn.csv', renderCsv(cnn)));
  it('JSON report', () => golden('tiny-cnn.json', `${JSON.stringify(cnn, null, 2)}\n`));
  it('the per-layer shares add up to 100% of MACs', () => {
    // conv 1,769,472 + 4,718,592 + 4,718,592 MACs and the Gemm 640 = 11,207,296
    expect(cnn.nodes.reduce((s, n) => s + countNumber(n.macs), 0)).toBe(11207296);
  });
  it('CSV quotes cells with commas', () => {
    const text = renderCsv({ ...cnn, model: { ...cnn.model, path: 'a,b.onnx' } });
    expect(text.split('\n')[1]!.startsWith('"a,b.onnx",')).toBe(true);
  });
});
