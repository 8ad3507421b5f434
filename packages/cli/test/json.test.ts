/**
 * Each command's `--json` is one document with a `schemaVersion`, validated here against the JSON
 * Schemas committed in packages/cli/schemas/ (generated from src/json.ts; stale ones fail).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { generateSchemas, SCHEMAS, schemaPath } from '../scripts/generate-schemas.mjs';
import { gitRepo } from './support/git-repo.js';
import { runCli, type CliRun } from './support/cli.js';

const PKG = resolve(import.meta.dirname, '..');
const ROOT = resolve(PKG, '../..');
const EX = join(ROOT, 'examples');

const cli = (argv: string[], cwd = ROOT): Promise<CliRun> => runCli(argv, cwd);

const validators = new Map<string, ReturnType<Ajv['compile']>>();
/** Validate `value` against packages/cli/schemas/<file>; returns the errors (none: []). */
function problems(file: string, value: unknown): unknown[] {
  let v = validators.get(file);
  if (!v) {
    v = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(join(PKG, 'schemas', file), 'utf8')));
    validators.set(file, v);
  }
  return v(value) ? [] : (v.errors ?? []);
}

describe('--json documents match their committed schemas', () => {
  it('the schemas are generated from src/json.ts and up to date', () => {
    const texts = generateSchemas() as Record<string, string>;
    expect(Object.keys(texts).sort()).toEqual(Object.keys(SCHEMAS).sort());
    for (const [file, text] of Object.entries(texts)) expect(readFileSync(schemaPath(file), 'utf8'), `stale: npm run generate-schemas -w modelcost (${file})`).toBe(text);
    expect(readdirSync(join(PKG, 'schemas')).sort()).toEqual(Object.keys(SCHEMAS).sort());
  });

  it('profile: one shape for one model, several, and a file that fails', async () => {
    const one = await cli(['profile', 'examples/models/tiny-cnn.onnx', '--json', '--hardware', 'nvidia-t4']);
    const doc1 = JSON.parse(one.out);
    expect(problems('profile.schema.json', doc1)).toEqual([]);
    expect([doc1.schemaVersion, doc1.reports.length, doc1.errors]).toEqual([1, 1, []]);
    const many = await cli(['profile', 'examples/models/tiny-cnn.onnx', 'no-such.onnx', 'examples/models/tiny-encoder.onnx', '--json']);
    expect(many.code).toBe(2);
    const doc = JSON.parse(many.out);
    expect(problems('profile.schema.json', doc)).toEqual([]);
    expect(doc.reports.map((r: { model: { path: string } }) => r.model.path)).toEqual(['examples/models/tiny-cnn.onnx', 'examples/models/tiny-encoder.onnx']);
    expect(doc.errors).toEqual([{ path: 'no-such.onnx', message: 'no such file' }]);
    // Every file failing: nothing on stdout (no empty document that reads as a result), exit 2.
    const none = await cli(['profile', 'no-such.onnx', '--json']);
    expect([none.code, none.out]).toEqual([2, '']);
    // A document that breaks the schema is caught (the schema is not vacuous).
    expect(problems('profile.schema.json', { ...doc, reports: [{ ...doc.reports[0], totals: { ...doc.reports[0].totals, params: -1 } }] })).not.toEqual([]);
    expect(problems('profile.schema.json', doc.reports[0])).not.toEqual([]);
  });

  it('diff', async () => {
    const r = await cli(['diff', 'examples/models/tiny-cnn.onnx', 'examples/pr/tiny-cnn.onnx', '--json', '--hardware', 'rpi5-cpu']);
    const doc = JSON.parse(r.out);
    expect(problems('diff.schema.json', doc)).toEqual([]);
    expect(doc).toMatchObject({ schemaVersion: 1, path: 'examples/pr/tiny-cnn.onnx', base: 'examples/models/tiny-cnn.onnx', status: 'changed' });
  });

  it('check, with a breach, an unreadable model and a skipped one', async () => {
    const dir = gitRepo({ 'models/cnn.onnx': join(EX, 'pr/tiny-cnn.onnx'), 'models/broken.onnx': 'not a model' }, 'models: ["**/*.onnx"]\nbudgets:\n  - name: cnn\n    match: "models/cnn.onnx"\n    max: { params: 50K }\n');
    writeFileSync(join(dir, '.gitignore'), 'out/\n');
    mkdirSync(join(dir, 'out'));
    copyFileSync(join(EX, 'models/tiny-cnn.onnx'), join(dir, 'out/cnn.onnx'));
    const r = await cli(['check', '--json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(problems('check.schema.json', doc)).toEqual([]);
    expect(doc.models.map((m: { path: string }) => m.path)).toEqual(['models/broken.onnx', 'models/cnn.onnx']);
    expect(doc.breaches[0]).toMatchObject({ path: 'models/cnn.onnx', rule: 'cnn', metric: 'params' });
    expect(doc.skipped).toEqual([{ path: 'out/cnn.onnx', reason: expect.stringContaining('ignored by git') }]);
  });

  it('hardware list, show and runtimes', async () => {
    const list = JSON.parse((await cli(['hardware', 'list', '--json'])).out);
    expect(problems('hardware-list.schema.json', list)).toEqual([]);
    expect(list.schemaVersion).toBe(1);
    expect(list.profiles.length).toBeGreaterThan(40);
    const show = JSON.parse((await cli(['hardware', 'show', 'nvidia-t4', '--json'])).out);
    expect(problems('hardware-show.schema.json', show)).toEqual([]);
    expect(show.preset.id).toBe('nvidia-t4');
    const runtimes = JSON.parse((await cli(['hardware', 'runtimes', '--json'])).out);
    expect(problems('hardware-runtimes.schema.json', runtimes)).toEqual([]);
    expect(runtimes.runtimes.map((x: { id: string }) => x.id)).toContain('tensorrt');
  });
});
