/**
 * The Action's committed bundle run as a runner runs it (a child process with the runner's
 * environment) against a stand-in GitHub REST API on 127.0.0.1, which records what was posted.
 * Models come from the checkout's git objects when `workspace` is a clone with both commits, else
 * from the stand-in's contents endpoint (`blobs`), served with the content type the test picks.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './repo.js';

export const BUNDLE = join(ROOT, 'apps/github-action/dist/index.js');

/** What the stand-in serves and what it saw. */
export interface FakeGitHub {
  files: { filename: string; status: string; previous_filename?: string }[];
  /** `${sha}:${path}` -> bytes, for the contents endpoint. */
  blobs: Map<string, Uint8Array>;
  /** Content type of contents responses (GitHub's raw media type answers `text/plain; charset=utf-8` for some files). */
  contentType: string;
  mergeBase: string;
  comments: { id: number; body: string; user: { login: string } }[];
  log: string[];
}

/** Start the stand-in; `close()` when done. */
export async function fakeGitHub(): Promise<{ state: FakeGitHub; url: string; close(): Promise<void> }> {
  const state: FakeGitHub = { files: [], blobs: new Map(), contentType: 'application/octet-stream', mergeBase: '', comments: [], log: [] };
  let nextId = 9000;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      state.log.push(`${req.method} ${url.pathname}`);
      const json = (status: number, v: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      let m: RegExpMatchArray | null;
      if (req.method === 'GET' && url.pathname === '/repos/o/r/pulls/7/files') return json(200, url.searchParams.get('page') && url.searchParams.get('page') !== '1' ? [] : state.files);
      if (req.method === 'GET' && /^\/repos\/o\/r\/compare\//.test(url.pathname)) return json(200, { merge_base_commit: { sha: state.mergeBase } });
      if (req.method === 'GET' && (m = url.pathname.match(/^\/repos\/o\/r\/contents\/(.+)$/))) {
        const blob = state.blobs.get(`${url.searchParams.get('ref')}:${decodeURIComponent(m[1]!)}`);
        if (!blob) return json(404, { message: 'Not Found' });
        res.writeHead(200, { 'content-type': state.contentType });
        return res.end(blob);
      }
      if (req.method === 'GET' && url.pathname === '/repos/o/r/issues/7/comments') return json(200, url.searchParams.get('page') && url.searchParams.get('page') !== '1' ? [] : state.comments);
      if (req.method === 'POST' && url.pathname === '/repos/o/r/issues/7/comments') {
        const c = { id: nextId++, body: JSON.parse(body).body as string, user: { login: 'github-actions[bot]' } };
        state.comments.push(c);
        return json(201, c);
      }
      if (req.method === 'PATCH' && (m = url.pathname.match(/^\/repos\/o\/r\/issues\/comments\/(\d+)$/))) {
        const c = state.comments.find((x) => x.id === Number(m![1]));
        if (!c) return json(404, { message: 'Not Found' });
        c.body = JSON.parse(body).body;
        return json(200, c);
      }
      json(404, { message: `no route ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** What a run of the bundle left. */
export interface ActionRun {
  readonly code: number;
  readonly summary: string;
  readonly outputs: string;
  /** stdout and stderr (annotations, warnings, the log). */
  readonly log: string;
  readonly ms: number;
}

/** Run the bundle for pull request 7 (base `base`, head `head`) with `workspace` as the checkout. */
export async function runAction(api: string, opts: { base: string; head: string; workspace?: string; inputs?: Record<string, string>; env?: Record<string, string> }): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-action-run-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, base: { sha: opts.base }, head: { sha: opts.head } }, repository: { name: 'r', owner: { login: 'o' } } }));
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const inputs = Object.fromEntries(Object.entries({ 'github-token': 'test-token', config: '.modelcost.yml', ...opts.inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const env = {
    PATH: process.env.PATH!,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_API_URL: api,
    GITHUB_WORKSPACE: opts.workspace ?? dir,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    ...inputs,
    ...opts.env,
  };
  const started = Date.now();
  const { code, log } = await new Promise<{ code: number; log: string }>((r) =>
    execFile(process.execPath, [BUNDLE], { env, cwd: opts.workspace ?? dir, timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => r({ code: err ? ((err as { code?: number }).code ?? 1) : 0, log: `${stdout}${stderr}` })),
  );
  return { code, summary: readFileSync(summary, 'utf8'), outputs: readFileSync(output, 'utf8'), log, ms: Date.now() - started };
}

/** The pull-request files of a repository's `base...head`, as the files API lists them. */
export function prFiles(git: (...a: string[]) => string, base: string, head: string): FakeGitHub['files'] {
  const f = git('diff', '--name-status', '-M', '-z', `${base}...${head}`).split('\0').filter(Boolean);
  const out: FakeGitHub['files'] = [];
  for (let i = 0; i < f.length; ) {
    const code = f[i++]!;
    if (code.startsWith('R')) {
      const from = f[i++]!;
      out.push({ filename: f[i++]!, status: 'renamed', previous_filename: from });
    } else out.push({ filename: f[i++]!, status: code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified' });
  }
  return out;
}
