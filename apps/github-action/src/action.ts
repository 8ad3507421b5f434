/**
 * The Action's logic with its world injected (inputs, the pull_request event, a GitHub API client,
 * output sinks), so tests drive it with real payloads and a stand-in API. Plan, then apply: `review`
 * computes plain data; posting the sticky comment is the only effect on GitHub.
 */
import { findHardware, hardwareCatalog, isGitLfsPointer, type Report } from '@modelcost/core';
import { isOwnComment, latencyKey, parseConfig, parseRuntimeSetting, PRECISIONS, renderComment, review, sanitize, trustedConfig, type ConfigTrust, type FileChange, type ModelcostConfig, type Precision } from '@modelcost/report';

/** The Action's inputs (action.yml). */
export interface ActionInputs {
  readonly config: string;
  /** Glob override of the config's `models`. */
  readonly models?: string;
  /** Hardware ids (comma or newline separated) overriding the config's `hardware`. */
  readonly hardware?: string;
  /** What-if precision of latency estimates, overriding the config's `precision`. */
  readonly precision?: string;
  /** Runtime of latency estimates (`tensorrt`, or `hw=runtime` pairs), overriding the config's `runtime`. */
  readonly runtime?: string;
  readonly comment: 'update' | 'new' | 'off';
  readonly commentKey: string;
  readonly failOnBudget: boolean;
  /** Login whose comments carry our marker (the workflow token's bot by default). */
  readonly commentAuthor: string;
  /** Compare against this ref instead of the merge base of the PR's base and head. */
  readonly baseRef?: string;
  /** Whose `.modelcost.yml` decides budgets and waivers: `base` (default; the PR may only add rules for new paths) or `head`. */
  readonly configFrom?: ConfigTrust;
  /** Let stored reports (`reports` input) stand for models a budget covers: only when a job that runs no code of the PR made them. */
  readonly trustReports?: boolean;
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
  /** File bytes at a commit, undefined when absent there, or a string saying why the bytes could not be had. */
  getContent(ref: string, path: string): Promise<Uint8Array | string | undefined>;
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
    if (e.status === 403)
      return `${what}: forbidden (403). The token may not write to this pull request: give the job \`permissions: pull-requests: write\` (examples/workflows/modelcost.yml). A fork pull request's token is read-only whatever is asked: the job summary and the comment-body output still carry the report (see the README's two-workflow recipe).`;
    if (e.status === 404) return `${what}: not found (404). Does the token have access to this repository?`;
    return `${what}: HTTP ${e.status}: ${e.message}`;
  }
  return `${what}: ${(e as Error).message}`;
}

/** Parse a config's text (absent: defaults); `label` names it in errors. Throws with every error's dot-path. */
function parseOrThrow(text: string | undefined, label: string): ModelcostConfig {
  const parsed = parseConfig(text ?? '', label);
  if (!parsed.value) throw new Error(`${label}: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

/** Apply the workflow's own inputs (`models`, `hardware`, `precision`, `runtime`: written by the repository's maintainers, not the PR) to a config. */
export function withInputs(config: ModelcostConfig, inputs: ActionInputs): ModelcostConfig {
  const list = (v: string): string[] => v.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
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
  if (inputs.runtime) {
    const r = parseRuntimeSetting(inputs.runtime, config);
    if (!r.value) throw new Error(`input runtime: ${r.errors.join('; ')}`);
    config = { ...config, runtime: r.value };
  }
  return config;
}

/** Load one config text (absent: defaults), applying the workflow's input overrides. */
export function actionConfig(text: string | undefined, inputs: ActionInputs): ModelcostConfig {
  return withInputs(parseOrThrow(text, inputs.config), inputs);
}

/**
 * Reads a file at a commit (git objects of a local clone, or the contents API); undefined when absent,
 * a string saying why when it is not a readable file (a symbolic link, text where bytes were expected).
 */
export type GitReader = (sha: string, path: string) => Promise<Uint8Array | string | undefined>;

/**
 * The `lfs` input: a reader that replaces each Git LFS pointer it meets by the object's content,
 * fetched one object at a time (`git lfs smudge`), so only the changed model files are downloaded,
 * never the whole LFS store. When fetching fails, the pointer stays and its row explains it.
 */
export function withLfs(read: GitReader, smudge: (pointer: Uint8Array, path: string) => Promise<Uint8Array>, warn: (m: string) => void): GitReader {
  return async (sha, path) => {
    const bytes = await read(sha, path);
    if (!bytes || typeof bytes === 'string' || !isGitLfsPointer(bytes)) return bytes;
    try {
      return await smudge(bytes, path);
    } catch (e) {
      warn(`${path}: could not fetch the Git LFS object (${(e as Error).message.split('\n')[0]}); is git-lfs installed on the runner?`);
      return bytes;
    }
  };
}

/** The job summary takes up to 1 MiB per step: the full report goes there, the comment gets the first 65,000 characters. */
const SUMMARY_CHARS = 1_000_000;

/**
 * Run the Action. Never throws for API trouble on the comment: the summary and outputs still come.
 * Both configs are read at their commits through the same reader as the models (git objects or the
 * contents API, never the checkout's files, so no link is followed); budgets and waivers come from the
 * base side unless `configFrom: head`. `storedReports` (the `reports` input: reports an Nx run or a job
 * matrix made, by model sha256) stand in for profiling the blobs no budget covers.
 */
export async function runAction(deps: {
  inputs: ActionInputs;
  event: PullRequestEvent;
  api: GitHubApi;
  sinks: ActionSinks;
  git?: GitReader;
  storedReports?: ReadonlyMap<string, Report>;
  /** With the `lfs` input: fetch one LFS object's content from its pointer. */
  lfsSmudge?: (pointer: Uint8Array, path: string) => Promise<Uint8Array>;
}): Promise<ActionResult> {
  const { inputs, event, api, sinks } = deps;
  const pr = event.pull_request;
  if (!pr) throw new Error('this action runs on pull_request events (the event payload has no pull_request)');
  const trust = inputs.configFrom ?? 'base';
  const files = await api.listFiles(pr.number);
  // The PR's own change is head against the merge base, not against the base branch's tip (which may
  // have moved on with other merges).
  const baseSha = await api.mergeBase(inputs.baseRef ?? pr.base.sha, pr.head.sha);
  // Git objects when the checkout has both commits (no API calls, no size limit); the contents API otherwise.
  const plain: GitReader = deps.git ?? ((sha: string, path: string) => api.getContent(sha, path));
  const readConfig = async (sha: string, side: 'base' | 'head'): Promise<string | undefined> => {
    const label = `${inputs.config} (${side})`;
    const bytes = await plain(sha, inputs.config);
    if (bytes === undefined) return undefined;
    if (typeof bytes === 'string') throw new Error(`${label}: ${bytes}`);
    return new TextDecoder().decode(bytes);
  };
  const baseConfig = parseOrThrow(await readConfig(baseSha, 'base'), `${inputs.config} (base)`);
  let headConfig: ModelcostConfig | undefined;
  try {
    const text = await readConfig(pr.head.sha, 'head');
    headConfig = text === undefined ? undefined : parseOrThrow(text, `${inputs.config} (head)`);
  } catch (e) {
    // With budgets from the base, a broken head config does not stop the review: it is reported.
    if (trust === 'head') throw e;
    sinks.warning(sanitize((e as Error).message, 2000));
  }
  const trusted = trustedConfig(baseConfig, headConfig, trust);
  const config = withInputs(trusted.config, inputs);
  const read = deps.lfsSmudge ? withLfs(plain, deps.lfsSmudge, sinks.warning) : plain;
  const result = await review(files, (side, path) => read(side === 'base' ? baseSha : pr.head.sha, path), config, {
    ...(deps.storedReports ? { reports: deps.storedReports } : {}),
    trustReports: inputs.trustReports === true,
    log: (m) => sinks.info(sanitize(m, 600)),
  });
  const common = {
    key: inputs.commentKey,
    baseSha,
    headSha: pr.head.sha,
    breaches: result.breaches,
    configChanges: trusted.changes,
    ...(trust === 'head' ? { settings: ['budgets from the head (config-from: head)'] } : {}),
  };
  const body = renderComment(result.models, { ...common, fullReportHint: "the full report is in this run's job summary" });
  const full = renderComment(result.models, { ...common, maxChars: SUMMARY_CHARS, fullReportHint: 'run `modelcost pr` locally for the rest' });
  const changed = result.models.some((m) => m.status !== 'unchanged');
  await sinks.summary(full);
  sinks.setOutput('comment-body', body);
  const latency = (r: Report | undefined) => r?.latency.map((l) => ({ hardware: latencyKey(l), ms: l.ms }));
  sinks.setOutput('report-json', JSON.stringify(result.models.map((m) => ({ path: m.path, status: m.status, base: m.base?.totals, head: m.head?.totals, baseLatency: latency(m.base), headLatency: latency(m.head), error: m.error }))));
  sinks.setOutput('breached', String(result.failed));
  // Annotations and log lines are plain text that GitHub shows as is: control characters and bidi overrides made visible, length capped.
  for (const b of result.breaches) if (!b.waived) sinks.annotate(b.path, sanitize(b.message, 600));
  for (const m of result.models) if (m.status === 'error') sinks.warning(`${sanitize(m.path)}: ${sanitize(m.error ?? 'unreadable', 600)}`);

  let commentId: number | undefined;
  if (inputs.comment !== 'off') {
    try {
      // Ours: the marker is the body's first line (nothing from a model can put text there) and the author is the bot.
      const existing = inputs.comment === 'update' ? (await api.listComments(pr.number)).find((c) => c.user?.login === inputs.commentAuthor && isOwnComment(c.body, inputs.commentKey)) : undefined;
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
