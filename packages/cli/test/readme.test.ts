/**
 * The root README's "Use it" section, copied verbatim: its install line is what npm needs, and every
 * command of its second block runs, as a shell runs it, with `npx modelcost` resolved to this
 * workspace's built bin (a `node_modules/.bin/modelcost` shim in a scratch git repository holding the
 * examples, and npm offline, so nothing is downloaded), and exits 0 with the output it promises.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PKG = resolve(import.meta.dirname, '..');
const ROOT = resolve(PKG, '../..');
const BIN = join(PKG, 'bin/modelcost.cjs');

/** The fenced sh blocks of the README section under `## <title>`. */
function shBlocks(title: string): string[][] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start, `README.md has a "## ${title}" section`).toBeGreaterThan(0);
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.split('\n').filter((l) => l.trim() !== ''));
}

/** A git repository holding the examples: the base commit without examples/pr/, the head adding it. */
function scratchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-readme-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('init', '-q');
  cpSync(join(ROOT, 'examples/models'), join(dir, 'examples/models'), { recursive: true });
  cpSync(join(ROOT, 'examples/.modelcost.yml'), join(dir, 'examples/.modelcost.yml'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\nreport.json\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  cpSync(join(ROOT, 'examples/pr'), join(dir, 'examples/pr'), { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'head: a wider CNN');
  // What `npm install --save-dev modelcost` would link, pointing at this workspace's build.
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/.bin/modelcost'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(join(dir, 'node_modules/.bin/modelcost'), 0o755);
  return dir;
}

/** What each command of the block must print (matched against stdout), by its first words. */
const EXPECT: [string, RegExp][] = [
  ['npx modelcost profile examples/models/tiny-encoder.onnx', /params 196,866 .*MACs 16,777,216/],
  ['npx modelcost profile examples/models/tiny-cnn.onnx --json', /^$/],
  ['npx modelcost profile examples/models/tiny-cnn.onnx --hardware', /ms/],
  ['npx modelcost diff examples/models/tiny-cnn.onnx examples/pr/tiny-cnn.onnx --markdown', /^<!-- modelcost:report key=default -->\n\*\*modelcost\*\*: 1 model changed/],
  ['npx modelcost diff', /examples\/pr\/tiny-cnn\.onnx/],
  ['npx modelcost check', /2 models checked, 0 budget breaches\n$/],
  ['npx modelcost pr --base HEAD~1', /^<!-- modelcost:report key=default -->\n\*\*modelcost\*\*: 1 model changed\n[\s\S]*examples\/pr\/tiny-cnn\.onnx/],
  ['npx modelcost hardware list', /\d+ profiles\. /],
  ['npx modelcost profile --help', /\nOptions:\n {2}--dim <name=n> /],
];

describe('README "Use it"', () => {
  const [install, commands, ...rest] = shBlocks('Use it');
  it('installs the published package, and shows one block of commands to run', () => {
    expect(install).toEqual([expect.stringMatching(/^npm install --save-dev modelcost\b/)]);
    expect(rest).toEqual([]);
    expect(commands!.length).toBeGreaterThanOrEqual(EXPECT.length);
  });

  it('every command runs verbatim and exits 0 with what it promises', () => {
    const dir = scratchRepo();
    try {
      const env = { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1' };
      for (const line of commands!) {
        const r = spawnSync('bash', ['-c', line], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
        expect(r.status, `${line}\n${r.stderr}`).toBe(0);
        const expected = EXPECT.find(([head]) => line.startsWith(head));
        expect(expected, `README line with no expectation in this test: ${line}`).toBeDefined();
        expect(r.stdout, line).toMatch(expected![1]);
      }
      // `--json > report.json` wrote the profile document.
      const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      expect([doc.schemaVersion, doc.reports[0].model.path, doc.errors]).toEqual([1, 'examples/models/tiny-cnn.onnx', []]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
