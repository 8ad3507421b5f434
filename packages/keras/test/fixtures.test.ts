/**
 * Every real-world file in ../shared/keras-fixtures (see its SOURCES.md) profiles, and its params,
 * trainable split and input / output shapes match expected.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesSource } from '@modelcost/core';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeKeras, profileKeras } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = resolve(here, '../../../../shared/keras-fixtures');

interface Expected {
  params: number;
  input_shapes: (number | null)[][];
  output_shapes: (number | null)[][];
  tfjs?: { params?: number; trainable?: number; non_trainable?: number };
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { files: Record<string, Expected> };

/** Report shapes with symbols printed as null, as Keras prints them. */
const asKeras = (s: (number | string)[] | null): (number | null)[] | null => (s ? s.map((d) => (typeof d === 'number' ? d : null)) : null);

const summary: string[] = [];
afterAll(() => {
  console.log(`keras fixtures:\n${summary.join('\n')}`);
});

describe('keras-fixtures', () => {
  for (const [file, exp] of Object.entries(expected.files)) {
    it(file, () => {
      const bytes = readFileSync(join(FIXTURES, file));
      const report = profileKeras(bytesSource(bytes), { file });
      const a = analyzeKeras(bytesSource(bytes), { file });
      summary.push(`  ${file}: params ${report.totals.params} (expected ${exp.params}), trainable ${report.totals.trainableParams}, macs ${report.totals.macs}, unsupported ${JSON.stringify(report.coverage.unsupported)}`);
      expect(report.model.format).toBe('keras');
      expect(report.totals.params).toBe(exp.params);
      if (exp.tfjs?.trainable !== undefined) expect(report.totals.trainableParams).toBe(exp.tfjs.trainable);
      expect(report.inputs.map((i) => asKeras(i.shape))).toEqual(exp.input_shapes);
      expect(report.outputs.map((o) => asKeras(o.shape))).toEqual(exp.output_shapes);
      expect(report.coverage.unsupported).toEqual({});
      expect(a.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});
