import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../src/index.js';

const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../modelcost.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe('modelcost.schema.json (for editors)', () => {
  it('accepts the bundled example config, which the parser also accepts', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../../examples/.modelcost.yml'), 'utf8');
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseConfig(text).errors).toEqual([]);
  });
  it.each([
    ['budgets: [{ match: "a", max: { flops: lots } }]'],
    ['budgets: [{ match: "a", max: { speed: 1 } }]'],
    ['dims: { seq: -4 }'],
    ['budgets: [{ match: "a" }]'],
  ])('rejects what the parser rejects: %s', (text) => {
    expect(validate(parse(text))).toBe(false);
    expect(parseConfig(text).errors.length).toBeGreaterThan(0);
  });
});
