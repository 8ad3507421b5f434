/**
 * "The comment is the bot's voice" (issue 15): a pull request whose model names, tensor names, op
 * types, file names, config rule names and waivers carry markdown, HTML, mentions, references, links,
 * a forged marker, bidi overrides and terminal escapes. Rendered by the CLI's `pr`, the Danger plugin
 * and the Action's committed bundle; each result parsed with a CommonMark + GFM parser and checked
 * (support/markdown.ts): no injected tag, no live mention, reference or link, one marker as the first
 * line, balanced <details>, every table row with the header's number of cells. Terminal outputs carry
 * no escape sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelcost as dangerModelcost, type DangerLike } from 'danger-plugin-modelcost';
import { fakeGitHub, prFiles, runAction } from './support/action.js';
import { commentProblems, fragmentProblems, HOSTILE } from './support/markdown.js';
import { chainModel } from './support/onnx.js';
import { gitRepo, modelcost } from './support/repo.js';

// Three groups of names (each model lists its 10 largest layer changes), every hostile string somewhere.
const groups = [HOSTILE.slice(0, 8), HOSTILE.slice(8, 16), HOSTILE.slice(16)];
/** A hostile string as a file name: no `/` (a folder) and no NUL; git keeps the rest, newlines included. */
const asFile = (s: string): string => s.replace(/\//g, '_');

const baseConfig = 'models: ["models/**/*.onnx"]\nbudgets:\n  - name: chains\n    match: "models/group*.onnx"\n    max: { params: 10M }\n';
// The head adds a rule and a waiver whose names and reasons are hostile: they appear in the list of budget changes.
const headConfig = `${baseConfig}  - name: ${JSON.stringify(HOSTILE.slice(0, 6).join(' '))}\n    match: "models/new/**"\n    max: { flops: 1K }\nwaivers:\n  chains: ${JSON.stringify(HOSTILE.slice(6, 14).join(' '))}\n`;

const repo = gitRepo(
  {
    '.modelcost.yml': baseConfig,
    ...Object.fromEntries(groups.map((g, k) => [`models/group${k}.onnx`, chainModel(g, 8)])),
    [`models/${asFile(HOSTILE[0]!)}.onnx`]: chainModel(['plain'], 8),
  },
  {
    '.modelcost.yml': headConfig,
    // Every chain widened 8 -> 16: every node changes and is listed by name.
    ...Object.fromEntries(groups.map((g, k) => [`models/group${k}.onnx`, chainModel(g, 16)])),
    // New models under hostile file names; one ends in an op type that is hostile and has no cost rule.
    ...Object.fromEntries(HOSTILE.map((h, i) => [`models/new/${asFile(h)}.onnx`, chainModel([`n${i}`], 4, i === 7 ? 'Img<img src=x>' : undefined)])),
    // A corrupt model whose error message quotes its hostile name.
    [`models/new/${asFile(HOSTILE[11]!)} corrupt.onnx`]: chainModel(['x'], 4).subarray(0, 40),
    // A rename to a hostile name.
    [`models/${asFile(HOSTILE[0]!)}.onnx`]: null,
    [`models/${asFile(HOSTILE[4]!)}.onnx`]: chainModel(['plain'], 8),
  },
);

describe('hostile names: modelcost pr (the CLI)', () => {
  const r = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
  it('renders a comment with every model row and nothing live', () => {
    expect(r.err.includes('internal error')).toBe(false);
    // Exit 1: the head's new rule for models/new/** applies (no base rule covers those paths), and the corrupt model there fails it.
    expect(r.code).toBe(1);
    expect(commentProblems(r.out)).toEqual([]);
    // Three widened chains, 22 new models, one corrupt, the rename (unchanged bytes: no row).
    // (A name with backticks gets a longer code fence: ``` `` ```.)
    expect(r.out.split('\n').filter((l) => /^\| `+ ?models\//.test(l)).length).toBe(3 + HOSTILE.length + 1);
    // The forged marker is in the comment only as the real first line.
    expect(r.out.indexOf('<!-- modelcost:report key=default -->')).toBe(0);
    // The budget changes the PR makes are listed (escaped) and the waiver does not apply.
    expect(r.out).toContain('**This pull request changes budgets or waivers**');
    expect(r.out).toContain('(takes effect once merged)');
  });
  it('terminal outputs (profile, diff, check) carry no escape sequence, control or bidi character', () => {
    for (const args of [['profile', 'models/group1.onnx', '--per-layer'], ['diff', 'models/group1.onnx', 'models/group1.onnx'], ['check']]) {
      const t = modelcost(args, repo.dir);
      expect(t.code === 0 || t.code === 1 || t.code === 2).toBe(true);
      // eslint-disable-next-line no-control-regex
      expect(`${t.out}${t.err}`, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    }
  });
});

describe('hostile names: the Danger plugin', () => {
  it('markdown, fails and warnings are all escaped', async () => {
    const out = { markdown: [] as string[], fail: [] as string[], warn: [] as string[] };
    const files = prFiles(repo.git, 'HEAD~1', 'HEAD');
    const dsl: DangerLike = {
      danger: {
        git: {
          created_files: files.filter((f) => f.status === 'added' || f.status === 'renamed').map((f) => f.filename),
          modified_files: files.filter((f) => f.status === 'modified').map((f) => f.filename),
          deleted_files: files.filter((f) => f.status === 'removed').map((f) => f.filename).concat(files.filter((f) => f.previous_filename).map((f) => f.previous_filename!)),
          base: 'HEAD~1',
          head: 'HEAD',
        },
      },
      markdown: (t) => void out.markdown.push(t),
      fail: (t) => void out.fail.push(t),
      warn: (t) => void out.warn.push(t),
    };
    await dangerModelcost({ cwd: repo.dir }, dsl);
    expect(out.markdown).toHaveLength(1);
    expect(commentProblems(out.markdown[0]!)).toEqual([]);
    expect(out.warn.length).toBeGreaterThan(0);
    for (const m of [...out.fail, ...out.warn]) expect(fragmentProblems(m), m).toEqual([]);
  });
});

describe('hostile names: the Action bundle', () => {
  let gh: Awaited<ReturnType<typeof fakeGitHub>>;
  beforeAll(async () => {
    gh = await fakeGitHub();
  });
  afterAll(() => gh.close());

  it('the comment, the job summary and the annotations are escaped, and a forged marker in an old comment is not ours', async () => {
    const base = repo.git('rev-parse', 'HEAD~1').trim();
    const head = repo.git('rev-parse', 'HEAD').trim();
    gh.state.files = prFiles(repo.git, base, head);
    gh.state.mergeBase = base;
    // A comment by another user that starts with our marker, and one by the bot that only contains it.
    gh.state.comments = [
      { id: 1, body: '<!-- modelcost:report key=default -->\nforged by a user', user: { login: 'mallory' } },
      { id: 2, body: 'quoting `<!-- modelcost:report key=default -->` in a reply', user: { login: 'github-actions[bot]' } },
    ];
    const r = await runAction(gh.url, { base, head, workspace: repo.dir });
    expect(r.code, r.log).toBe(1);
    const posted = gh.state.comments.filter((c) => c.id >= 9000);
    expect(posted).toHaveLength(1);
    expect(gh.state.comments[0]!.body).toBe('<!-- modelcost:report key=default -->\nforged by a user');
    expect(commentProblems(posted[0]!.body)).toEqual([]);
    expect(commentProblems(r.summary)).toEqual([]);
    // Annotations and warnings are one line each (no workflow command can be smuggled in), without escapes.
    // eslint-disable-next-line no-control-regex
    expect(r.log).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(r.log).not.toMatch(/^::(?!warning|error|notice|debug|group|endgroup)/m);
  });
});
