/**
 * The Action's entry (bundled into dist/index.js): reads inputs and the event the runner gives, runs
 * the review, posts the comment, and fails the step on a budget breach.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { runAction, type ActionInputs } from './action.js';
import { octokitApi } from './github.js';

async function main(): Promise<void> {
  const comment = core.getInput('comment') || 'update';
  if (comment !== 'update' && comment !== 'new' && comment !== 'off') throw new Error(`input comment: expected update, new or off, got ${JSON.stringify(comment)}`);
  const inputs: ActionInputs = {
    config: core.getInput('config') || '.modelcost.yml',
    ...(core.getInput('models') ? { models: core.getInput('models') } : {}),
    comment,
    commentKey: core.getInput('comment-key') || 'default',
    failOnBudget: (core.getInput('fail-on-budget') || 'true') !== 'false',
    commentAuthor: core.getInput('comment-author') || 'github-actions[bot]',
    ...(core.getInput('base-ref') ? { baseRef: core.getInput('base-ref') } : {}),
  };
  const token = core.getInput('github-token', { required: true });
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const configPath = join(workspace, inputs.config);
  const configText = existsSync(configPath) ? readFileSync(configPath, 'utf8') : undefined;
  const { owner, repo } = context.repo;
  const result = await runAction({
    inputs,
    event: context.payload as never,
    api: octokitApi(token, owner, repo),
    ...(configText !== undefined ? { configText } : {}),
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

main().catch((e: unknown) => core.setFailed(`modelcost: ${(e as Error).message}`));
