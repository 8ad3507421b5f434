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
import { code, parseConfig, readGitBlob, renderComment, review, text, trustedConfig, type ConfigTrust, type FileChange, type ModelcostConfig, type ReviewResult } from '@modelcost/report';

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
  /** Whose config decides budgets and waivers: `base` (default; the pull request may only add rules for new models) or `head`. */
  readonly configFrom?: ConfigTrust;
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

/** A file at a commit from git objects (a symbolic link the change commits is never followed). */
function gitShow(cwd: string, ref: string, path: string): Uint8Array | string | undefined {
  const git = (args: readonly string[]): Uint8Array => new Uint8Array(execFileSync('git', [...args], { cwd, maxBuffer: 4 << 30, stdio: ['ignore', 'pipe', 'ignore'] }));
  const sha = commitOf(cwd, ref);
  if (!sha) return undefined;
  try {
    return readGitBlob(git, sha, path);
  } catch {
    return undefined;
  }
}

/**
 * The commit a ref names, or undefined. `danger local` gives refs (`origin/main`, `HEAD`), not SHAs,
 * and the comment's footer shows commits: without this it read "base ? → head ?".
 */
function commitOf(cwd: string, ref: string): string | undefined {
  if (ref.startsWith('-')) return undefined; // never an option to git
  try {
    const sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
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
  const git = dsl.danger.git;
  const changes: FileChange[] = [
    ...git.created_files.map((path): FileChange => ({ path, status: 'added' })),
    ...git.modified_files.map((path): FileChange => ({ path, status: 'modified' })),
    ...git.deleted_files.map((path): FileChange => ({ path, status: 'removed' })),
  ];
  const gh = dsl.danger.github;
  // On GitHub (danger ci / danger pr) the contents API needs no checkout; locally, git objects.
  const readAt = gh?.api
    ? async (side: 'base' | 'head', path: string): Promise<Uint8Array | string | undefined> => {
        try {
          const res = await gh.api.repos.getContent({ owner: gh.thisPR.owner, repo: gh.thisPR.repo, path, ref: side === 'base' ? gh.pr.base.sha : gh.pr.head.sha, mediaType: { format: 'raw' } });
          const data = res.data;
          // Text where bytes were asked for has been decoded already: re-encoding it would corrupt a binary model.
          if (typeof data === 'string') return 'the contents API returned text instead of bytes (not re-encoded)';
          if (data instanceof ArrayBuffer) return new Uint8Array(data);
          if (data instanceof Uint8Array) return data;
          return undefined;
        } catch (e) {
          if ((e as { status?: number }).status === 404) return undefined;
          throw e;
        }
      }
    : async (side: 'base' | 'head', path: string) => gitShow(cwd, side === 'base' ? git.base : git.head, path);
  // Both configs at their commits (never the checkout's file, which may be a link); budgets and waivers from the base.
  const trust = options.configFrom ?? 'base';
  /** The config at one side; `false` after reporting why it is unusable (fail for the side that decides budgets, warn for the other). */
  const configAt = async (side: 'base' | 'head'): Promise<ModelcostConfig | undefined | false> => {
    const say = side === trust ? dsl.fail : dsl.warn;
    const bytes = await readAt(side, configPath);
    const label = `${configPath} (${side})`;
    if (bytes === undefined) return undefined;
    if (typeof bytes === 'string') {
      say(`modelcost: ${text(label)}: ${text(bytes)}`);
      return false;
    }
    const parsed = parseConfig(new TextDecoder().decode(bytes), label);
    if (!parsed.value) {
      for (const e of parsed.errors) say(`modelcost: ${text(label)}: ${text(e, 400)}`);
      return false;
    }
    return parsed.value;
  };
  const baseConfig = await configAt('base');
  if (baseConfig === false && trust === 'base') return { models: [], breaches: [], failed: true };
  const headConfig = await configAt('head');
  if (headConfig === false && trust === 'head') return { models: [], breaches: [], failed: true };
  const trusted = trustedConfig(baseConfig || parseConfig('').value!, headConfig === false ? undefined : headConfig, trust);
  const result = await review(changes, readAt, trusted.config);
  if (result.models.some((m) => m.status !== 'unchanged') || trusted.changes.length)
    dsl.markdown(renderComment(result.models, { key: options.commentKey ?? 'default', breaches: result.breaches, chart: false, configChanges: trusted.changes, baseSha: gh?.pr.base.sha ?? commitOf(cwd, git.base), headSha: gh?.pr.head.sha ?? commitOf(cwd, git.head) }));
  // Danger renders these as markdown too: every model-derived string escaped (code spans, text).
  for (const b of result.breaches) {
    if (b.waived) continue;
    if (options.failOnBudget === false) dsl.warn(`modelcost: ${text(b.message, 400)}`, b.path);
    else dsl.fail(`modelcost: ${text(b.message, 400)}`, b.path);
  }
  for (const m of result.models) {
    if (m.status === 'error') dsl.warn(`modelcost: ${code(m.path)}: ${text(m.error ?? 'unreadable', 400)}`, m.path);
    const unsupported = Object.entries(m.head?.coverage.unsupported ?? {});
    if (unsupported.length) dsl.warn(`modelcost: ${code(m.path)}: ops without a cost rule (not counted): ${unsupported.map(([op, n]) => `${code(op, 40)} x${n}`).join(', ')}`, m.path);
  }
  return result;
}
