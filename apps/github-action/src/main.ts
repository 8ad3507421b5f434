/**
 * The Action's entry (bundled into dist/index.js): reads inputs and the event the runner gives, runs
 * the review, posts the comment, and fails the step on a budget breach.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { loadReportsDir, readGitBlob } from '@modelcost/report';
import { runAction, type ActionInputs, type GitReader } from './action.js';
import { octokitApi } from './github.js';

async function main(): Promise<void> {
  const comment = core.getInput('comment') || 'update';
  if (comment !== 'update' && comment !== 'new' && comment !== 'off') throw new Error(`input comment: expected update, new or off, got ${JSON.stringify(comment)}`);
  const inputs: ActionInputs = {
    config: core.getInput('config') || '.modelcost.yml',
    ...(core.getInput('models') ? { models: core.getInput('models') } : {}),
    ...(core.getInput('hardware') ? { hardware: core.getInput('hardware') } : {}),
    ...(core.getInput('precision') ? { precision: core.getInput('precision') } : {}),
    comment,
    commentKey: core.getInput('comment-key') || 'default',
    failOnBudget: (core.getInput('fail-on-budget') || 'true') !== 'false',
    commentAuthor: core.getInput('comment-author') || 'github-actions[bot]',
    ...(core.getInput('base-ref') ? { baseRef: core.getInput('base-ref') } : {}),
    configFrom: configFrom(),
    trustReports: core.getInput('trust-reports') === 'true',
  };
  const token = core.getInput('github-token', { required: true });
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const { owner, repo } = context.repo;
  const pr = (context.payload as { pull_request?: { base: { sha: string }; head: { sha: string } } }).pull_request;
  const git = pr ? gitReader(workspace, [pr.base.sha, pr.head.sha]) : undefined;
  if (git) core.info('reading models from the local git history');
  let storedReports;
  const reportsDir = core.getInput('reports');
  if (reportsDir) {
    const stored = loadReportsDir(join(workspace, reportsDir));
    for (const e of stored.errors) core.warning(`reports: ${e}`);
    storedReports = stored.reports;
    core.info(`${stored.reports.size} stored reports from ${reportsDir}; other models are profiled here`);
  }
  const result = await runAction({
    inputs,
    event: context.payload as never,
    api: octokitApi(token, owner, repo),
    ...(git ? { git } : {}),
    ...(storedReports ? { storedReports } : {}),
    // `lfs: true`: fetch just the changed models' LFS objects through the checkout's git-lfs.
    ...((core.getInput('lfs') || 'false') === 'true' ? { lfsSmudge: async (pointer: Uint8Array, path: string) => new Uint8Array(execFileSync('git', ['lfs', 'smudge', '--', path], { cwd: workspace, input: pointer, maxBuffer: 4 << 30, stdio: ['pipe', 'pipe', 'pipe'] })) } : {}),
    sinks: {
      summary: async (md) => {
        await core.summary.addRaw(md).write();
      },
      setOutput: (k, v) => core.setOutput(k, v),
      annotate: (file, message) => core.error(message, { file }),
      info: (m) => core.info(m),
      warning: (m) => core.warning(m),
    },
  });
  if (result.exitCode !== 0) core.setFailed('modelcost: budget breached (see the annotations and the job summary)');
}

/** The `config-from` input: base (default) or head. */
function configFrom(): 'base' | 'head' {
  const v = core.getInput('config-from') || 'base';
  if (v !== 'base' && v !== 'head') throw new Error(`input config-from: expected base or head, got ${JSON.stringify(v.slice(0, 40))}`);
  return v;
}

/**
 * A reader over the checkout's git objects when it holds every given commit (fetch-depth: 0), else
 * undefined. Git objects, not files: a symbolic link the PR commits is never followed.
 */
function gitReader(cwd: string, shas: string[]): GitReader | undefined {
  try {
    for (const sha of shas) execFileSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd, stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const git = (args: readonly string[]): Uint8Array => new Uint8Array(execFileSync('git', [...args], { cwd, maxBuffer: 4 << 30, stdio: ['ignore', 'pipe', 'ignore'] }));
  return async (sha, path) => readGitBlob(git, sha, path);
}

main().catch((e: unknown) => core.setFailed(`modelcost: ${(e as Error).message}`));
