/**
 * The Action's logic with its world injected (inputs, the pull_request event, a GitHub API client,
 * output sinks), so tests drive it with real payloads and a stand-in API. Plan, then apply: `review`
 * computes plain data; posting the sticky comment is the only effect on GitHub.
 */
import { findHardware, hardwareCatalog, isGitLfsPointer, type Report } from '@modelcost/core';
import { commentMarker, latencyKey, parseConfig, PRECISIONS, renderComment, review, type FileChange, type ModelcostConfig, type Precision } from '@modelcost/report';

/** The Action's inputs (action.yml). */
export interface ActionInputs {
  readonly config: string;
  /** Glob override of the config's `models`. */
  readonly models?: string;
  /** Hardware ids (comma or newline separated) overriding the config's `hardware`. */
  readonly hardware?: string;
  /** What-if precision of latency estimates, overriding the config's `precision`. */
  readonly precision?: string;
  readonly comment: 'update' | 'new' | 'off';
  readonly commentKey: string;
  readonly failOnBudget: boolean;
  /** Login whose comments carry our marker (the workflow token's bot by default). */
  readonly commentAuthor: string;
  /** Compare against this ref instead of the merge base of the PR's base and head. */
  readonly baseRef?: string;
}

/** A pull-request comment as the API returns it. */
export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly user: { readonly login: string } | null;
}

/** The GitHub REST calls the Action makes. Implementations retry 5xx and secondary rate limits. */
export interface GitHubApi {
  /** Every file of the pull request (all pages), with renames and removals. */
  listFiles(pull: number): Promise<FileChange[]>;
  /** File bytes at a commit, undefined when absent there. */
  getContent(ref: string, path: string): Promise<Uint8Array | undefined>;
  /** The merge base of two commits (what the pull request's diff is against). */
  mergeBase(base: string, head: string): Promise<string>;
  /** Every comment on the pull request (all pages). */
  listComments(issue: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string): Promise<number>;
  updateComment(id: number, body: string): Promise<number>;
}

/** Where results go: the job summary, step outputs, annotations, the log. */
export interface ActionSinks {
  summary(markdown: string): Promise<void>;
  setOutput(name: string, value: string): void;
  /** An error annotation on a file (budget breaches point at the model). */
  annotate(file: string, message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

/** The parts of a pull_request event payload the Action reads. */
export interface PullRequestEvent {
  readonly pull_request?: {
    readonly number: number;
    readonly base: { readonly sha: string };
    readonly head: { readonly sha: string };
  };
}

/** What a run produced. */
export interface ActionResult {
  /** 0 ok, 1 budget breached (with failOnBudget). */
  readonly exitCode: number;
  readonly body: string;
  readonly commentId?: number;
  readonly breached: boolean;
}

/** An HTTP error from the API adapter (status kept for the 401/403/404 messages). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function explain(e: unknown, what: string): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return `${what}: the token was rejected (401). Check the github-token input.`;
    if (e.status === 403) return `${what}: forbidden (403). A fork pull request's token is read-only: the job summary and the comment-body output still carry the report (see the README's two-workflow recipe).`;
    if (e.status === 404) return `${what}: not found (404). Does the token have access to this repository?`;
    return `${what}: HTTP ${e.status}: ${e.message}`;
  }
  return `${what}: ${(e as Error).message}`;
}

/** Load the config text (absent: defaults), applying the `models` input override. */
export function actionConfig(text: string | undefined, inputs: ActionInputs): ModelcostConfig {
  const parsed = parseConfig(text ?? '', inputs.config);
  if (!parsed.value) throw new Error(`${inputs.config}: ${parsed.errors.join('; ')}`);
  const list = (v: string): string[] => v.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  let config = parsed.value;
  if (inputs.models) config = { ...config, models: list(inputs.models) };
  if (inputs.hardware) {
    const hardware = list(inputs.hardware);
    // Unknown ids fail here, with the config's own profiles known, rather than mid-review.
    findHardware(hardware, hardwareCatalog(config.hardwareProfiles));
    config = { ...config, hardware };
  }
  if (inputs.precision) {
    if (!(PRECISIONS as readonly string[]).includes(inputs.precision)) throw new Error(`input precision: expected one of ${PRECISIONS.join(', ')}, got ${JSON.stringify(inputs.precision)}`);
    config = { ...config, precision: inputs.precision as Precision };
  }
  return config;
}

/** Reads a file at a commit from a local clone (when the checkout has the history); undefined when absent. */
export type GitReader = (sha: string, path: string) => Promise<Uint8Array | undefined>;

/**
 * The `lfs` input: a reader that replaces each Git LFS pointer it meets by the object's content,
 * fetched one object at a time (`git lfs smudge`), so only the changed model files are downloaded,
 * never the whole LFS store. When fetching fails, the pointer stays and its row explains it.
 */
export function withLfs(read: GitReader, smudge: (pointer: Uint8Array, path: string) => Promise<Uint8Array>, warn: (m: string) => void): GitReader {
  return async (sha, path) => {
    const bytes = await read(sha, path);
    if (!bytes || !isGitLfsPointer(bytes)) return bytes;
    try {
      return await smudge(bytes, path);
    } catch (e) {
      warn(`${path}: could not fetch the Git LFS object (${(e as Error).message.split('\n')[0]}); is git-lfs installed on the runner?`);
      return bytes;
    }
  };
}

/**
 * Run the Action. Never throws for API trouble on the comment: the summary and outputs still come.
 * `storedReports` (the `reports` input: reports an Nx run or a job matrix made, by model sha256)
 * stand in for profiling the blobs they describe.
 */
export async function runAction(deps: {
  inputs: ActionInputs;
  event: PullRequestEvent;
  api: GitHubApi;
  sinks: ActionSinks;
  configText?: string;
  git?: GitReader;
  storedReports?: ReadonlyMap<string, Report>;
  /** With the `lfs` input: fetch one LFS object's content from its pointer. */
  lfsSmudge?: (pointer: Uint8Array, path: string) => Promise<Uint8Array>;
}): Promise<ActionResult> {
  const { inputs, event, api, sinks } = deps;
  const pr = event.pull_request;
  if (!pr) throw new Error('this action runs on pull_request events (the event payload has no pull_request)');
  const config = actionConfig(deps.configText, inputs);
  const files = await api.listFiles(pr.number);
  // The PR's own change is head against the merge base, not against the base branch's tip (which may
  // have moved on with other merges).
  const baseSha = await api.mergeBase(inputs.baseRef ?? pr.base.sha, pr.head.sha);
  // Git objects when the checkout has both commits (no API calls, no size limit); the contents API otherwise.
  const plain: GitReader = deps.git ?? ((sha: string, path: string) => api.getContent(sha, path));
  const read = deps.lfsSmudge ? withLfs(plain, deps.lfsSmudge, sinks.warning) : plain;
  const result = await review(files, (side, path) => read(side === 'base' ? baseSha : pr.head.sha, path), config, deps.storedReports ? { reports: deps.storedReports } : {});
  const body = renderComment(result.models, { key: inputs.commentKey, baseSha, headSha: pr.head.sha, breaches: result.breaches });
  const changed = result.models.some((m) => m.status !== 'unchanged');
  await sinks.summary(body);
  sinks.setOutput('comment-body', body);
  const latency = (r: Report | undefined) => r?.latency.map((l) => ({ hardware: latencyKey(l), ms: l.ms }));
  sinks.setOutput('report-json', JSON.stringify(result.models.map((m) => ({ path: m.path, status: m.status, base: m.base?.totals, head: m.head?.totals, baseLatency: latency(m.base), headLatency: latency(m.head), error: m.error }))));
  sinks.setOutput('breached', String(result.failed));
  for (const b of result.breaches) if (!b.waived) sinks.annotate(b.path, b.message);
  for (const m of result.models) if (m.status === 'error') sinks.warning(`${m.path}: ${m.error}`);

  let commentId: number | undefined;
  if (inputs.comment !== 'off') {
    try {
      const marker = commentMarker(inputs.commentKey);
      const existing = inputs.comment === 'update' ? (await api.listComments(pr.number)).find((c) => c.body.includes(marker) && c.user?.login === inputs.commentAuthor) : undefined;
      if (existing) commentId = await api.updateComment(existing.id, body);
      else if (changed || inputs.comment === 'new') commentId = await api.createComment(pr.number, body);
      else sinks.info('no model changed and no earlier comment: nothing posted');
    } catch (e) {
      sinks.warning(explain(e, 'posting the comment'));
    }
  }
  if (commentId !== undefined) sinks.setOutput('comment-id', String(commentId));
  const breached = result.failed;
  return { exitCode: breached && inputs.failOnBudget ? 1 : 0, body, ...(commentId !== undefined ? { commentId } : {}), breached };
}
