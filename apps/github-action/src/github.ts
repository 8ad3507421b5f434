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
        const res = await withRetry(() => octokit.rest.repos.getContent({ owner, repo, path, ref, mediaType: { format: 'raw' } }), `reading ${path}@${ref.slice(0, 12)}`);
        const data = res.data as unknown;
        if (typeof data === 'string') return new TextEncoder().encode(data);
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (data instanceof Uint8Array) return data;
        return undefined;
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
