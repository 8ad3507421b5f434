/**
 * End to end: the committed bundle dist/index.js runs as a child process with the environment a runner
 * gives (GITHUB_EVENT_PATH with a pull_request payload, GITHUB_API_URL, INPUT_*, GITHUB_STEP_SUMMARY,
 * GITHUB_OUTPUT) against a local HTTP server on 127.0.0.1 answering the GitHub REST endpoints the Action
 * uses, with pagination, and logging every request.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const EX = resolve(import.meta.dirname, '../../../examples');
const DIST = resolve(import.meta.dirname, '../dist/index.js');
const BASE = 'a'.repeat(40);
/** The base branch moved on after the PR branched: the merge base is what the PR is diffed against. */
const MERGE_BASE = 'm'.repeat(40);

interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

/** The stand-in GitHub: state per test, a request log, pages of 100. */
const state = {
  files: [] as { filename: string; status: string }[],
  blobs: new Map<string, Buffer>(),
  comments: [] as Comment[],
  failCreate: 0,
  /** Statuses the files endpoint answers before it succeeds (502; 403 = a secondary rate limit with retry-after). */
  failFiles: [] as number[],
  log: [] as string[],
  nextId: 5000,
};

function page<T>(req: IncomingMessage, res: ServerResponse, all: T[]): void {
  const url = new URL(req.url!, 'http://x');
  const per = Number(url.searchParams.get('per_page') ?? 30);
  const p = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(all.length / per));
  if (p < last) {
    url.searchParams.set('page', String(p + 1));
    res.setHeader('link', `<http://${req.headers.host}${url.pathname}${url.search}>; rel="next"`);
  }
  json(res, 200, all.slice((p - 1) * per, p * per));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

let server: ReturnType<typeof createServer>;
let api = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      state.log.push(`${req.method} ${url.pathname}${url.searchParams.get('page') ? ` page=${url.searchParams.get('page')}` : ''}`);
      let m: RegExpMatchArray | null;
      if (req.method === 'GET' && url.pathname === '/repos/o/r/pulls/7/files') {
        const fail = state.failFiles.shift();
        if (fail === 403) {
          res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '1' });
          return res.end(JSON.stringify({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }));
        }
        if (fail) return json(res, fail, { message: 'Bad Gateway' });
        return page(req, res, state.files);
      }
      if (req.method === 'GET' && (m = url.pathname.match(/^\/repos\/o\/r\/contents\/(.+)$/))) {
        const blob = state.blobs.get(`${url.searchParams.get('ref')}:${decodeURIComponent(m[1]!)}`);
        if (!blob) return json(res, 404, { message: 'Not Found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(blob);
      }
      if (req.method === 'GET' && url.pathname === '/repos/o/r/issues/7/comments') return page(req, res, state.comments);
      if (req.method === 'GET' && (m = url.pathname.match(/^\/repos\/o\/r\/compare\/(\w+)\.\.\.(\w+)$/))) return json(res, 200, { merge_base_commit: { sha: MERGE_BASE } });
      if (req.method === 'POST' && url.pathname === '/repos/o/r/issues/7/comments') {
        if (state.failCreate) return json(res, state.failCreate, { message: 'Resource not accessible by integration' });
        const c = { id: state.nextId++, body: JSON.parse(body).body as string, user: { login: 'github-actions[bot]' } };
        state.comments.push(c);
        return json(res, 201, c);
      }
      if (req.method === 'PATCH' && (m = url.pathname.match(/^\/repos\/o\/r\/issues\/comments\/(\d+)$/))) {
        const c = state.comments.find((x) => x.id === Number(m![1]))!;
        c.body = JSON.parse(body).body;
        return json(res, 200, c);
      }
      json(res, 404, { message: `no route ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/**
 * Run the bundle like a runner would; returns exit code, outputs, summary. `config` is the
 * `.modelcost.yml` at the merge base and (unless `headConfig` says otherwise) at the head, served by
 * the contents API: the Action reads configs at their commits, never from the checkout.
 */
async function runBundle(head: string, config: string, extra: Record<string, string> = {}, headConfig: string = config) {
  state.blobs.set(`${MERGE_BASE}:.modelcost.yml`, Buffer.from(config));
  state.blobs.set(`${head}:.modelcost.yml`, Buffer.from(headConfig));
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-action-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, base: { sha: BASE }, head: { sha: head } }, repository: { name: 'r', owner: { login: 'o' } } }));
  // A checkout's config that must never be read: the Action reads the committed ones through the API.
  writeFileSync(join(dir, '.modelcost.yml'), 'budgets: [this file is not read]\n');
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const env = {
    PATH: process.env.PATH!,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_API_URL: api,
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    'INPUT_GITHUB-TOKEN': 'test-token',
    INPUT_CONFIG: '.modelcost.yml',
    ...extra,
  };
  const code = await new Promise<number>((r) => execFile(process.execPath, [DIST], { env }, (err) => r(err ? ((err as { code?: number }).code ?? 1) : 0)));
  const outputs = readFileSync(output, 'utf8');
  return { code, summary: readFileSync(summary, 'utf8'), outputs };
}

const cnn = readFileSync(join(EX, 'models/tiny-cnn.onnx'));
const wide = readFileSync(join(EX, 'pr/tiny-cnn.onnx'));

describe('the bundled Action against a local GitHub API', () => {
  it('creates the comment, then updates the same one after a new commit; others are left alone', async () => {
    // 150 existing comments (2 pages), one by a human carrying our marker; 120 changed files (2 pages).
    state.comments = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: i === 10 ? '<!-- modelcost:report key=default --> copied by hand' : `c${i}`, user: { login: `dev${i}` } }));
    state.files = [{ filename: 'models/cnn.onnx', status: 'modified' }, ...Array.from({ length: 119 }, (_, i) => ({ filename: `docs/page${i}.md`, status: 'modified' }))];
    state.blobs = new Map([[`${MERGE_BASE}:models/cnn.onnx`, cnn], [`${BASE}:models/cnn.onnx`, wide], [`${'1'.repeat(40)}:models/cnn.onnx`, wide], [`${'2'.repeat(40)}:models/cnn.onnx`, wide]]);
    state.log = [];
    const first = await runBundle('1'.repeat(40), 'models: ["models/**/*.onnx"]\n');
    expect(first.code).toBe(0);
    expect(state.log).toEqual([
      'GET /repos/o/r/pulls/7/files',
      'GET /repos/o/r/pulls/7/files page=2',
      `GET /repos/o/r/compare/${BASE}...${'1'.repeat(40)}`,
      'GET /repos/o/r/contents/.modelcost.yml',
      'GET /repos/o/r/contents/.modelcost.yml',
      `GET /repos/o/r/contents/models%2Fcnn.onnx`,
      `GET /repos/o/r/contents/models%2Fcnn.onnx`,
      'GET /repos/o/r/issues/7/comments',
      'GET /repos/o/r/issues/7/comments page=2',
      'POST /repos/o/r/issues/7/comments',
    ]);
    expect(first.summary).toContain('**modelcost**: 1 model changed');
    expect(first.outputs).toContain('comment-id<<');
    const created = state.comments.find((c) => c.user.login === 'github-actions[bot]')!;
    expect(created.body).toContain('24.2 K → 53.6 K');
    state.log = [];
    const second = await runBundle('2'.repeat(40), 'models: ["models/**/*.onnx"]\n');
    expect(second.code).toBe(0);
    expect(state.log.at(-1)).toBe(`PATCH /repos/o/r/issues/comments/${created.id}`);
    expect(state.comments.filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1);
    expect(state.comments[10]!.body).toBe('<!-- modelcost:report key=default --> copied by hand');
  }, 60_000);

  it('fails the step with exit code 1 on a budget breach, whatever the pull request does to its own config', async () => {
    state.comments = [];
    state.files = [{ filename: 'models/cnn.onnx', status: 'modified' }];
    state.blobs = new Map([[`${MERGE_BASE}:models/cnn.onnx`, cnn], [`${'3'.repeat(40)}:models/cnn.onnx`, wide]]);
    const r = await runBundle('3'.repeat(40), 'budgets:\n  - name: cnn\n    max: { params: 50K }\n');
    expect(r.code).toBe(1);
    expect(r.outputs).toMatch(/breached<<\S+\ntrue\n/);
    // The head raises its own limit and waives the rule: the base's budget still decides, and the comment lists both changes.
    const raised = await runBundle('3'.repeat(40), 'budgets:\n  - name: cnn\n    max: { params: 50K }\n', {}, 'budgets:\n  - name: cnn\n    max: { params: 5G }\nwaivers: { cnn: "fine" }\n');
    expect(raised.code).toBe(1);
    expect(raised.summary).toContain('- `budgets[cnn].max.params`: `50 K` → `5 G` (takes effect once merged)');
    expect(raised.summary).toContain('- `waivers.cnn`: added `fine` (takes effect once merged)');
    // With config-from: head the workflow opts into the PR's own budgets.
    const head = await runBundle('3'.repeat(40), 'budgets:\n  - name: cnn\n    max: { params: 50K }\n', { 'INPUT_CONFIG-FROM': 'head' }, 'budgets:\n  - name: cnn\n    max: { params: 5G }\n');
    expect(head.code).toBe(0);
  }, 60_000);

  it('a 403 on comment creation still writes the summary and outputs and ends green', async () => {
    state.comments = [];
    state.failCreate = 403;
    try {
      const r = await runBundle('3'.repeat(40), 'models: ["models/**/*.onnx"]\n');
      expect(r.code).toBe(0);
      expect(r.summary).toContain('**modelcost**: 1 model changed');
      expect(r.outputs).toContain('comment-body<<');
    } finally {
      state.failCreate = 0;
    }
  }, 60_000);

  it('retries a 502 and a secondary rate limit (honouring retry-after) and then succeeds', async () => {
    state.comments = [];
    state.log = [];
    state.failFiles = [502, 403];
    const started = Date.now();
    const r = await runBundle('3'.repeat(40), 'models: ["models/**/*.onnx"]\n');
    expect(r.code).toBe(0);
    expect(state.log.filter((l) => l.startsWith('GET /repos/o/r/pulls/7/files'))).toHaveLength(3);
    // 500 ms backoff after the 502, then the 1 s retry-after of the rate limit.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(r.summary).toContain('**modelcost**: 1 model changed');
    expect(state.failFiles).toEqual([]);
  }, 60_000);

  it('reports an LFS pointer and a corrupt model in their rows', async () => {
    state.comments = [];
    state.files = [{ filename: 'models/lfs.onnx', status: 'added' }, { filename: 'models/bad.onnx', status: 'added' }];
    state.blobs = new Map([
      [`${'4'.repeat(40)}:models/lfs.onnx`, Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 9\n')],
      [`${'4'.repeat(40)}:models/bad.onnx`, cnn.subarray(0, 300)],
    ]);
    const r = await runBundle('4'.repeat(40), 'models: ["models/**/*.onnx"]\n');
    expect(r.code).toBe(0);
    expect(r.summary).toContain('| `models/lfs.onnx` | ❌ ``Git LFS pointer, not the model');
    expect(r.summary).toMatch(/\| `models\/bad\.onnx` \| ❌ /);
  }, 60_000);

  it('Keras as users save it: an .h5 with a nested backbone, a frozen-base JSON, a weights-only .h5', async () => {
    // Issue 18's three patterns through the committed bundle. Params are tfjs-layers' countParams()
    // (packages/keras/test/fixtures/nested/expected.json): the nested Functional backbone 565, the
    // frozen base 1,171 (39 trainable).
    const KERAS = join(EX, '../packages/keras/test/fixtures');
    const head = '6'.repeat(40);
    state.comments = [];
    state.files = [
      { filename: 'models/tl.h5', status: 'added' },
      { filename: 'keras/frozen.json', status: 'added' },
      { filename: 'models/weights.h5', status: 'added' },
    ];
    state.blobs = new Map([
      [`${head}:models/tl.h5`, readFileSync(join(KERAS, 'h5/transfer_learning_keras2.15_model.h5'))],
      [`${head}:keras/frozen.json`, readFileSync(join(KERAS, 'nested/frozen_base.keras2.json'))],
      [`${head}:models/weights.h5`, readFileSync(join(KERAS, 'h5/transfer_learning_keras2.15_save_weights.h5'))],
    ]);
    const r = await runBundle(head, 'models: ["models/**/*.h5", "keras/**/*.json"]\n');
    expect(r.code).toBe(0);
    expect(r.summary).toContain('| `models/tl.h5` | new: 565 |');
    expect(r.summary).toContain('| `keras/frozen.json` | new: 1.17 K |');
    expect(r.summary).toMatch(/\| `models\/weights\.h5` \| ❌ `[^`]*weights/);
  }, 60_000);
});
