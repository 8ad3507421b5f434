/**
 * danger-plugin-modelcost: the modelcost review inside a Dangerfile. Changed files come from
 * `danger.git`; base and head bytes are read from the GitHub contents API under `danger ci` / `danger pr`
 * and with `git show` locally (Danger's own file readers return text, and ONNX is binary). Results go through Danger: `markdown()` for the cost table, `fail()` per budget
 * breach, `warn()` for unreadable models and ops without a cost rule.
 *
 * ```js
 * // dangerfile.js
 * const { modelcost } = require('danger-plugin-modelcost');
 * schedule(modelcost({ config: '.modelcost.yml' }));
 * ```
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, renderComment, review, type FileChange, type ReviewResult } from '@modelcost/report';

/** Options, mirroring the GitHub Action's inputs. */
export interface ModelcostOptions {
  /** Config path relative to `cwd`. Default `.modelcost.yml` (defaults apply when absent). */
  readonly config?: string;
  /** `fail()` on a budget breach (default true); false reports breaches with `warn()`. */
  readonly failOnBudget?: boolean;
  /** Marker key of the comment (several modelcost reports in one PR). Default `default`. */
  readonly commentKey?: string;
  /** Repository root. Default the process's working directory. */
  readonly cwd?: string;
}

/** The slice of Danger's GitHub DSL used to read blobs under `danger ci` / `danger pr` (Octokit). */
export interface DangerGitHubLike {
  readonly thisPR: { readonly owner: string; readonly repo: string };
  readonly pr: { readonly base: { readonly sha: string }; readonly head: { readonly sha: string } };
  readonly api: {
    readonly repos: {
      getContent(params: { owner: string; repo: string; path: string; ref: string; mediaType?: { format: string } }): Promise<{ data: unknown }>;
    };
  };
}

/** The parts of Danger's DSL the plugin uses (the globals of a Dangerfile). */
export interface DangerLike {
  readonly danger: {
    readonly git: { readonly created_files: string[]; readonly modified_files: string[]; readonly deleted_files: string[]; readonly base: string; readonly head: string };
    /** Present under `danger ci` / `danger pr` on GitHub: blobs then come from the contents API. */
    readonly github?: DangerGitHubLike;
  };
  markdown(text: string): void;
  fail(text: string, file?: string): void;
  warn(text: string, file?: string): void;
}

function globals(): DangerLike {
  const g = globalThis as unknown as Partial<DangerLike>;
  if (!g.danger || !g.markdown || !g.fail || !g.warn) throw new Error('danger-plugin-modelcost: call modelcost() from a Dangerfile (danger, markdown, fail and warn are not defined here)');
  return g as DangerLike;
}

function gitShow(cwd: string, ref: string, path: string): Uint8Array | undefined {
  try {
    return new Uint8Array(execFileSync('git', ['show', `${ref}:${path}`], { cwd, maxBuffer: 4 << 30, stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return undefined;
  }
}

/**
 * Review the models the change touches and report through Danger. Returns the review (plain data)
 * for Dangerfiles that want more. `dsl` defaults to the Dangerfile's globals (tests pass their own).
 */
export async function modelcost(options: ModelcostOptions = {}, dsl: DangerLike = globals()): Promise<ReviewResult> {
  const cwd = options.cwd ?? process.cwd();
  const configPath = options.config ?? '.modelcost.yml';
  const text = existsSync(join(cwd, configPath)) ? readFileSync(join(cwd, configPath), 'utf8') : '';
  const parsed = parseConfig(text, configPath);
  if (!parsed.value) {
    for (const e of parsed.errors) dsl.fail(`modelcost: ${configPath}: ${e}`);
    return { models: [], breaches: [], failed: true };
  }
  const git = dsl.danger.git;
  const changes: FileChange[] = [
    ...git.created_files.map((path): FileChange => ({ path, status: 'added' })),
    ...git.modified_files.map((path): FileChange => ({ path, status: 'modified' })),
    ...git.deleted_files.map((path): FileChange => ({ path, status: 'removed' })),
  ];
  const gh = dsl.danger.github;
  // On GitHub (danger ci / danger pr) the contents API needs no checkout; locally, git objects.
  const readAt = gh?.api
    ? async (side: 'base' | 'head', path: string): Promise<Uint8Array | undefined> => {
        try {
          const res = await gh.api.repos.getContent({ owner: gh.thisPR.owner, repo: gh.thisPR.repo, path, ref: side === 'base' ? gh.pr.base.sha : gh.pr.head.sha, mediaType: { format: 'raw' } });
          const data = res.data;
          if (typeof data === 'string') return new TextEncoder().encode(data);
          if (data instanceof ArrayBuffer) return new Uint8Array(data);
          if (data instanceof Uint8Array) return data;
          return undefined;
        } catch (e) {
          if ((e as { status?: number }).status === 404) return undefined;
          throw e;
        }
      }
    : async (side: 'base' | 'head', path: string) => gitShow(cwd, side === 'base' ? git.base : git.head, path);
  const result = await review(changes, readAt, parsed.value);
  if (result.models.some((m) => m.status !== 'unchanged')) dsl.markdown(renderComment(result.models, { key: options.commentKey ?? 'default', breaches: result.breaches, chart: false }));
  for (const b of result.breaches) {
    if (b.waived) continue;
    if (options.failOnBudget === false) dsl.warn(`modelcost: ${b.message}`, b.path);
    else dsl.fail(`modelcost: ${b.message}`, b.path);
  }
  for (const m of result.models) {
    if (m.status === 'error') dsl.warn(`modelcost: ${m.path}: ${m.error}`, m.path);
    const unsupported = Object.entries(m.head?.coverage.unsupported ?? {});
    if (unsupported.length) dsl.warn(`modelcost: ${m.path}: ops without a cost rule (not counted): ${unsupported.map(([op, n]) => `${op} x${n}`).join(', ')}`, m.path);
  }
  return result;
}
