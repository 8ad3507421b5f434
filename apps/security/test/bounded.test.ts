/**
 * Bounded work per model, at the front ends (issue 16): one bad model never costs the others their
 * row, a change touching hundreds of models still gives a whole, balanced comment under GitHub's
 * limit (the rest in the job summary), and counts beyond 2^53 stay exact to the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGitHub, prFiles, runAction } from './support/action.js';
import { commentProblems } from './support/markdown.js';
import { chainModel, hugeDimsModel, loopBombModel, negativeDimsModel, recursiveFunctionModel } from './support/onnx.js';
import { gitRepo, modelcost, ROOT } from './support/repo.js';

describe('one bad model never costs the others their row', () => {
  // 20 changed models: a self-calling function, a mutual recursion, the 4 x 64 Loop bomb, negative dims, and 16 honest ones.
  const bad: Record<string, Uint8Array> = { 'models/rec.onnx': recursiveFunctionModel(), 'models/mutual.onnx': recursiveFunctionModel(true), 'models/bomb.onnx': loopBombModel(4, 64), 'models/neg.onnx': negativeDimsModel() };
  const good = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`models/ok${String(i).padStart(2, '0')}.onnx`, chainModel([`n${i}`], 4 + i)]));
  const repo = gitRepo({ 'README.md': 'x', '.modelcost.yml': 'models: ["models/*.onnx"]\n' }, { ...bad, ...good });

  it('pr: 20 rows, the honest models profiled, each bad one its own error row', () => {
    const r = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
    expect(r.err).not.toContain('internal error: ');
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => l.startsWith('| `models/'));
    expect(rows).toHaveLength(20);
    // ok05: width 9, 81 params.
    expect(rows).toContain('| `models/ok05.onnx` | new: 81 | new: 81 | new: 162 | new: 72 B |');
    for (const name of ['rec', 'mutual', 'neg']) expect(rows.find((l) => l.startsWith(`| \`models/${name}.onnx\``))).toMatch(/ \| ❌ `/);
    // The bomb either profiles (its body once, multiplied 64^4 times) or ends at the work limit: never a hang.
    expect(rows.find((l) => l.startsWith('| `models/bomb.onnx`'))).toMatch(/new: 16\.8 M|work limit reached/);
    expect(commentProblems(r.out)).toEqual([]);
  }, 60_000);

  it('check: every model its own line, exit 2 for the unreadable ones', () => {
    const r = modelcost(['check'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('20 models checked, 0 budget breaches');
    expect(r.out).toContain('✓ models/ok15.onnx: params 361');
  }, 60_000);
});

describe('a change touching 500 models', () => {
  // Long paths, as monorepos have them: 500 rows are about 90 KB of table.
  const files = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`models/team-${i % 7}/project-${i % 13}/exports/2026-12/nightly/candidates/model-${String(i).padStart(3, '0')}-distilled-quantized-int8-per-channel.onnx`, chainModel([`layer${i}`], 2 + (i % 50))]));
  const repo = gitRepo({ 'README.md': 'x' }, files);
  let gh: Awaited<ReturnType<typeof fakeGitHub>>;
  beforeAll(async () => {
    gh = await fakeGitHub();
  });
  afterAll(() => gh.close());

  it('pr: the comment stays under the limit, drops whole rows and says how many', () => {
    const r = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
    expect(r.code).toBe(0);
    expect(r.out.length).toBeLessThanOrEqual(65_536);
    expect(commentProblems(r.out)).toEqual([]);
    const rows = r.out.split('\n').filter((l) => l.startsWith('| `models/')).length;
    expect(rows).toBeGreaterThan(100);
    expect(rows).toBeLessThan(500);
    expect(r.out).toContain(`_Left out to stay under 65,000 characters: ${500 - rows} model rows, 1 chart; the full report is in the job summary, or run \`modelcost pr\` locally._`);
  }, 120_000);

  it('the Action: the comment is cut, the job summary has all 500 rows', async () => {
    const base = repo.git('rev-parse', 'HEAD~1').trim();
    const head = repo.git('rev-parse', 'HEAD').trim();
    gh.state.files = prFiles(repo.git, base, head);
    gh.state.mergeBase = base;
    const r = await runAction(gh.url, { base, head, workspace: repo.dir });
    expect(r.code, r.log).toBe(0);
    const body = gh.state.comments.at(-1)!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(commentProblems(body)).toEqual([]);
    expect(body).toContain("the full report is in this run's job summary");
    expect(r.summary.split('\n').filter((l) => l.startsWith('| `models/'))).toHaveLength(500);
    expect(commentProblems(r.summary)).toEqual([]);
  }, 120_000);
});

describe('counts beyond 2^53', () => {
  const repo = gitRepo({ 'models/huge.onnx': hugeDimsModel() }, {});
  it('profile --json keeps them exact, as digit strings the schema accepts', () => {
    const r = modelcost(['profile', 'models/huge.onnx', '--json'], repo.dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.schemaVersion).toBe(1);
    const rep = json.reports[0];
    // (2^31)^3 = 2^93 MACs; FLOPs 2^94.
    expect(rep.totals.macs).toBe((2n ** 93n).toString());
    expect(rep.totals.flops).toBe((2n ** 94n).toString());
    const schema = JSON.parse(readFileSync(join(ROOT, 'packages/core/report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(rep), JSON.stringify(validate.errors)).toBe(true);
  });
  it('diff of a model with itself says nothing changed, and big counts render', () => {
    const md = modelcost(['diff', 'models/huge.onnx', 'models/huge.onnx', '--markdown'], repo.dir);
    expect(md.out.split('\n')[1]).toBe('**modelcost**: no model cost changed');
    const txt = modelcost(['diff', 'models/huge.onnx', 'models/huge.onnx'], repo.dir);
    expect(txt.out).toContain('models/huge.onnx (unchanged)');
    expect(txt.out).toContain('9,903,520,314,283,042,199,192,993,792');
    expect(txt.out).not.toMatch(/NaN|Infinity|null/);
  });
});
