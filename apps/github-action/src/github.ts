/**
 * The GitHubApi over Octokit (@actions/github): paginated listings, contents as bytes, and retries
 * with backoff on 5xx and secondary rate limits.
 */
import { getOctokit } from '@actions/github';
import type { FileChange } from '@modelcost/report';
import { ApiError, type GitHubApi, type IssueComment } from './action.js';

type Octokit = ReturnType<typeof getOctokit>;

/** Retry `fn` on 5xx and secondary rate limits (403/429 with retry-after or a rate-limit message). */
export async function withRetry<T>(fn: () => Promise<T>, what: string, attempts = 4, baseMs = 500): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const err = e as { status?: number; message?: string; response?: { headers?: Record<string, string> } };
      const status = err.status ?? 0;
      const retryAfter = Number(err.response?.headers?.['retry-after'] ?? 0);
      const secondary = (status === 403 || status === 429) && (retryAfter > 0 || /secondary rate limit/i.test(err.message ?? ''));
      if (i + 1 < attempts && (status >= 500 || secondary)) {
        await new Promise((r) => setTimeout(r, retryAfter > 0 ? retryAfter * 1000 : baseMs * 2 ** i));
        continue;
      }
      throw new ApiError(status, `${what}: ${err.message ?? String(e)}`);
    }
  }
}

/** Most bytes read for one file through the contents API (its own limit for raw content is 100 MB). */
export const MAX_CONTENT_BYTES = 200 << 20;

/**
 * The bytes of an unparsed response body (a web ReadableStream), or of an already-binary body. A
 * string body means the bytes were decoded as text somewhere: it is refused (returned as a reason),
 * never re-encoded.
 */
export async function responseBytes(data: unknown, path: string, max = MAX_CONTENT_BYTES): Promise<Uint8Array | string> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (typeof data === 'string') return 'the contents API returned text instead of bytes (not re-encoded); use actions/checkout with fetch-depth: 0 so models are read from git objects';
  const reader = (data as { getReader?: () => ReadableStreamDefaultReader<Uint8Array> } | null)?.getReader?.();
  if (!reader) return `the contents API returned no bytes for ${path}`;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return `larger than the ${max} bytes read through the contents API; use actions/checkout with fetch-depth: 0`;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** A GitHubApi for `owner/repo` with `token`. */
export function octokitApi(token: string, owner: string, repo: string): GitHubApi {
  const octokit: Octokit = getOctokit(token);
  return {
    async listFiles(pull) {
      const files = await withRetry(() => octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pull, per_page: 100 }), 'listing the pull request files');
      return files.map((f): FileChange => {
        const status = f.status === 'added' ? 'added' : f.status === 'removed' ? 'removed' : f.status === 'renamed' ? 'renamed' : 'modified';
        return f.previous_filename ? { path: f.filename, status, previousPath: f.previous_filename } : { path: f.filename, status };
      });
    },
    async getContent(ref, path) {
      try {
        // The raw media type, with the body left unparsed: octokit decodes a `text/*; charset=utf-8`
        // response to a string (octokit/request.js#751), and re-encoding that would corrupt binary models.
        const res = await withRetry(
          () => octokit.rest.repos.getContent({ owner, repo, path, ref, mediaType: { format: 'raw' }, request: { parseSuccessResponseBody: false } }),
          `reading ${path}@${ref.slice(0, 12)}`,
        );
        return await responseBytes(res.data as unknown, path);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      }
    },
    async mergeBase(base, head) {
      const res = await withRetry(() => octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1 }), 'finding the merge base');
      return res.data.merge_base_commit.sha;
    },
    async listComments(issue) {
      const all = await withRetry(() => octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 }), 'listing comments');
      return all.map((c): IssueComment => ({ id: c.id, body: c.body ?? '', user: c.user ? { login: c.user.login } : null }));
    },
    async createComment(issue, body) {
      const res = await withRetry(() => octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body }), 'creating the comment');
      return res.data.id;
    },
    async updateComment(id, body) {
      const res = await withRetry(() => octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body }), 'updating the comment');
      return res.data.id;
    },
  };
}
