/**
 * runAction against a stand-in GitHub API (in memory, recording every call) and the real example
 * models: sticky comment created then updated, other authors' markers left alone, budgets, API
 * failures, unreadable models.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FileChange } from '@modelcost/report';
import { describe, expect, it } from 'vitest';
import { ApiError, runAction, type ActionInputs, type GitHubApi, type IssueComment } from '../src/action.js';

const EX = resolve(import.meta.dirname, '../../../examples');
const BASE = 'b'.repeat(40);
const HEAD = 'h'.repeat(40);
const event = { pull_request: { number: 7, base: { sha: BASE }, head: { sha: HEAD } } };
const inputs: ActionInputs = { config: '.modelcost.yml', comment: 'update', commentKey: 'default', failOnBudget: true, commentAuthor: 'github-actions[bot]' };

/** Files at base and head, pull-request files, comments; every call logged. */
function fakeApi(opts: { files: FileChange[]; base: Record<string, Uint8Array>; head: Record<string, Uint8Array>; comments?: IssueComment[]; failCreate?: number }) {
  const comments = [...(opts.comments ?? [])];
  const log: string[] = [];
  let nextId = 1000;
  const api: GitHubApi = {
    listFiles: async (n) => (log.push(`listFiles ${n}`), opts.files),
    // The merge base is the base sha in these tests (the base branch has not moved).
    mergeBase: async (b) => (log.push('mergeBase'), b),
    getContent: async (ref, path) => (log.push(`getContent ${ref.slice(0, 1)} ${path}`), (ref === BASE ? opts.base : opts.head)[path]),
    listComments: async (n) => (log.push(`listComments ${n}`), comments),
    createComment: async (n, body) => {
      log.push(`createComment ${n}`);
      if (opts.failCreate) throw new ApiError(opts.failCreate, 'Resource not accessible by integration');
      comments.push({ id: nextId, body, user: { login: 'github-actions[bot]' } });
      return nextId++;
    },
    updateComment: async (id, body) => {
      log.push(`updateComment ${id}`);
      const c = comments.find((x) => x.id === id)!;
      comments[comments.indexOf(c)] = { ...c, body };
      return id;
    },
  };
  return { api, log, comments };
}

function sinks() {
  const out: Record<string, string> = {};
  const notes: string[] = [];
  let summary = '';
  return {
    out,
    notes,
    get summary() {
      return summary;
    },
    sinks: {
      summary: async (md: string) => void (summary += md),
      setOutput: (k: string, v: string) => void (out[k] = v),
      annotate: (file: string, m: string) => void notes.push(`error ${file}: ${m}`),
      info: (m: string) => void notes.push(`info ${m}`),
      warning: (m: string) => void notes.push(`warning ${m}`),
    },
  };
}

const cnn = new Uint8Array(readFileSync(join(EX, 'models/tiny-cnn.onnx')));
const wide = new Uint8Array(readFileSync(join(EX, 'pr/tiny-cnn.onnx')));
const changed: FileChange[] = [{ path: 'models/cnn.onnx', status: 'modified' }, { path: 'README.md', status: 'modified' }];

describe('runAction', () => {
  it('creates the comment on the first run and updates the same one on the next', async () => {
    const gh = fakeApi({ files: changed, base: { 'models/cnn.onnx': cnn }, head: { 'models/cnn.onnx': wide } });
    const s1 = sinks();
    const r1 = await runAction({ inputs, event, api: gh.api, sinks: s1.sinks });
    expect([r1.exitCode, r1.commentId, r1.breached]).toEqual([0, 1000, false]);
    // Both configs are read at their commits (absent here: the defaults), then the model at base and head.
    expect(gh.log).toEqual(['listFiles 7', 'mergeBase', 'getContent b .modelcost.yml', 'getContent h .modelcost.yml', 'getContent b models/cnn.onnx', 'getContent h models/cnn.onnx', 'listComments 7', 'createComment 7']);
    expect(s1.summary).toBe(r1.body);
    expect(s1.out['comment-body']).toBe(r1.body);
    expect(s1.out['comment-id']).toBe('1000');
    expect(JSON.parse(s1.out['report-json']!)[0]).toMatchObject({ path: 'models/cnn.onnx', status: 'changed', base: { params: 24234 }, head: { params: 53626 } });
    const r2 = await runAction({ inputs, event, api: gh.api, sinks: sinks().sinks });
    expect(r2.commentId).toBe(1000);
    expect(gh.log.slice(-2)).toEqual(['listComments 7', 'updateComment 1000']);
    expect(gh.comments).toHaveLength(1);
  });

  it("leaves another user's comment with the marker alone, among 150 comments", async () => {
    const others: IssueComment[] = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: i === 149 ? '<!-- modelcost:report key=default --> pasted by a human' : `hello ${i}`, user: { login: `user${i}` } }));
    const gh = fakeApi({ files: changed, base: { 'models/cnn.onnx': cnn }, head: { 'models/cnn.onnx': wide }, comments: others });
    const r = await runAction({ inputs, event, api: gh.api, sinks: sinks().sinks });
    expect(r.commentId).toBe(1000);
    expect(gh.log).not.toContain('updateComment 150');
  });

  it('fails on a budget breach, annotating the model file', async () => {
    const config = new TextEncoder().encode('budgets:\n  - name: cnn\n    max: { params: 50K }\n');
    const gh = fakeApi({ files: changed, base: { 'models/cnn.onnx': cnn, '.modelcost.yml': config }, head: { 'models/cnn.onnx': wide, '.modelcost.yml': config } });
    const s = sinks();
    // params 53,626 > 50K
    const r = await runAction({ inputs, event, api: gh.api, sinks: s.sinks });
    expect([r.exitCode, r.breached, s.out.breached]).toEqual([1, true, 'true']);
    expect(s.notes).toContain('error models/cnn.onnx: cnn: params 53.6 K exceeds max 50 K');
    expect(r.body.split('\n')[1]).toBe('❌ **modelcost**: 1 budget breach in 1 changed model');
  });

  it('a 403 on comment creation still leaves the summary and the outputs', async () => {
    const gh = fakeApi({ files: changed, base: { 'models/cnn.onnx': cnn }, head: { 'models/cnn.onnx': wide }, failCreate: 403 });
    const s = sinks();
    const r = await runAction({ inputs, event, api: gh.api, sinks: s.sinks });
    expect(r.exitCode).toBe(0);
    expect(r.commentId).toBeUndefined();
    expect(s.summary).toContain('**modelcost**: 1 model changed');
    expect(s.out['comment-body']).toBe(r.body);
    expect(s.notes.some((n) => n.startsWith('warning posting the comment: forbidden (403).'))).toBe(true);
    // It names the permission to add (a same-repository workflow without it gets no comment, only this warning).
    expect(s.notes.some((n) => n.includes('permissions: pull-requests: write'))).toBe(true);
  });

  it('reports an LFS pointer and a corrupt model in their own rows; the others still report', async () => {
    const lfs = new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 10\n');
    const corrupt = cnn.slice(0, 500);
    const files: FileChange[] = [{ path: 'models/lfs.onnx', status: 'added' }, { path: 'models/bad.onnx', status: 'added' }, { path: 'models/cnn.onnx', status: 'modified' }];
    const gh = fakeApi({ files, base: { 'models/cnn.onnx': cnn }, head: { 'models/cnn.onnx': wide, 'models/lfs.onnx': lfs, 'models/bad.onnx': corrupt } });
    const r = await runAction({ inputs, event, api: gh.api, sinks: sinks().sinks });
    expect(r.body).toContain('| `models/lfs.onnx` | ❌ ``Git LFS pointer, not the model: check out with LFS (actions/checkout `lfs: true`, or `git lfs pull`)`` | | | |');
    expect(r.body).toMatch(/\| `models\/bad\.onnx` \| ❌ .*(truncated|corrupt)/);
    expect(r.body).toContain('| `models/cnn.onnx` | 24.2 K → 53.6 K');
  });

  it('posts nothing when no model changed and no comment exists', async () => {
    const gh = fakeApi({ files: [{ path: 'README.md', status: 'modified' }], base: {}, head: {} });
    const s = sinks();
    const r = await runAction({ inputs, event, api: gh.api, sinks: s.sinks });
    expect(r.commentId).toBeUndefined();
    expect(gh.log).toEqual(['listFiles 7', 'mergeBase', 'getContent b .modelcost.yml', 'getContent h .modelcost.yml', 'listComments 7']);
    expect(s.notes).toContain('info no model changed and no earlier comment: nothing posted');
  });

  it('reads blobs from local git objects when a reader is given, not from the contents API', async () => {
    const gh = fakeApi({ files: changed, base: {}, head: {} });
    const reads: string[] = [];
    const git = async (sha: string, path: string) => (reads.push(`${sha.slice(0, 1)} ${path}`), path === '.modelcost.yml' ? undefined : sha === BASE ? cnn : wide);
    const r = await runAction({ inputs, event, api: gh.api, sinks: sinks().sinks, git });
    expect(reads).toEqual(['b .modelcost.yml', 'h .modelcost.yml', 'b models/cnn.onnx', 'h models/cnn.onnx']);
    expect(gh.log.filter((l) => l.startsWith('getContent'))).toEqual([]);
    expect(r.body).toContain('24.2 K → 53.6 K');
  });

  it('needs a pull_request event', async () => {
    await expect(runAction({ inputs, event: {}, api: fakeApi({ files: [], base: {}, head: {} }).api, sinks: sinks().sinks })).rejects.toThrow('this action runs on pull_request events');
  });
});

describe('lfs input: only the changed models LFS objects are fetched', () => {
  const pointer = (oid: string) => new TextEncoder().encode(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid.repeat(64)}\nsize 96936\n`);
  const files: FileChange[] = [{ path: 'models/cnn.onnx', status: 'modified' }, { path: 'models/other.onnx', status: 'added' }];

  it('smudges each pointer it reads and profiles the real model', async () => {
    const { api } = fakeApi({ files, base: { 'models/cnn.onnx': pointer('a') }, head: { 'models/cnn.onnx': pointer('b'), 'models/other.onnx': cnn } });
    const smudged: string[] = [];
    const s = sinks();
    const r = await runAction({
      inputs: { ...inputs, comment: 'off' },
      event,
      api,
      sinks: s.sinks,
      lfsSmudge: async (p, path) => {
        const oid = new TextDecoder().decode(p).match(/sha256:(\w)/)![1]!;
        smudged.push(`${path} ${oid}`);
        return oid === 'a' ? cnn : wide;
      },
    });
    // Two pointers (base and head of cnn.onnx), nothing for the model stored as a plain file.
    expect(smudged).toEqual(['models/cnn.onnx a', 'models/cnn.onnx b']);
    expect(r.body).toContain('| `models/cnn.onnx` | 24.2 K → 53.6 K (+29.4 K, +121.3%) 🔺 |');
    expect(r.body).toContain('| `models/other.onnx` | new: 24.2 K |');
  });

  it('a failed fetch leaves the pointer, warns, and the row explains it', async () => {
    const { api } = fakeApi({ files: [files[0]!], base: { 'models/cnn.onnx': cnn }, head: { 'models/cnn.onnx': pointer('b') } });
    const s = sinks();
    const r = await runAction({
      inputs: { ...inputs, comment: 'off' },
      event,
      api,
      sinks: s.sinks,
      lfsSmudge: async () => {
        throw new Error("git: 'lfs' is not a git command. See 'git --help'.");
      },
    });
    expect(s.notes).toContain("warning models/cnn.onnx: could not fetch the Git LFS object (git: 'lfs' is not a git command. See 'git --help'.); is git-lfs installed on the runner?");
    expect(r.body).toContain('| `models/cnn.onnx` | ❌ ``Git LFS pointer, not the model');
  });
});
