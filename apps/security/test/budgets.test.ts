/**
 * "Budgets can be bypassed" and "secrets and the runner" (issue 15), each attack generated at test
 * time: a pull request that tries to pass a budget it breaks, or to make the gate read and echo a
 * file outside the repository. Run against the CLI (`pr`, `check`) and the Action's bundle.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeGitHub, prFiles, runAction } from './support/action.js';
import { chainModel, negativeDimsModel } from './support/onnx.js';
import { gitRepo, modelcost } from './support/repo.js';

const cnn8 = chainModel(['a', 'b'], 8);
/** 2 x 64^2 = 8192 params: over the 1K limits below. */
const cnn64 = chainModel(['a', 'b'], 64);
const budget = (name: string, extra = '') => `models: ["models/**/*.onnx"]\nbudgets:\n  - name: ${name}\n    match: "models/**"\n    max: { params: 1K }\n${extra}`;

describe('counts that cannot be right never pass a budget', () => {
  it('an initializer with negative dims is an error row and fails the budget (pr and check)', () => {
    const repo = gitRepo({ '.modelcost.yml': budget('small'), 'models/m.onnx': cnn8 }, { 'models/m.onnx': negativeDimsModel() });
    const pr = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
    expect(pr.code).toBe(1);
    expect(pr.out).toMatch(/\| `models\/m\.onnx` \| ❌ `node "mm" params is negative \(-4000000\)/);
    expect(pr.out).toContain('small: the model could not be profiled, so its budget cannot pass');
    const check = modelcost(['check'], repo.dir);
    expect(check.code).toBe(1);
    expect(check.out).toContain('breach: models/m.onnx: small: the model could not be profiled');
  });
});

describe('config maps are dictionaries, not objects', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    it(`a budget named ${name} is not waived by Object.prototype`, () => {
      const repo = gitRepo({ '.modelcost.yml': budget(name), 'models/m.onnx': cnn8 }, { 'models/m.onnx': cnn64 });
      const pr = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
      expect(pr.code, pr.err).toBe(1);
      expect(pr.out).toContain(`- ❌ \`models/m.onnx\`: ${name.replace(/_/g, '\\_')}: params 8.19 K exceeds max 1 K`);
      expect(pr.out).not.toContain('waived');
      expect(modelcost(['check'], repo.dir).code).toBe(1);
    });
  }
});

describe('the pull request cannot loosen its own budgets', () => {
  it('raising the limit, waiving the rule and narrowing `models` in the head change nothing; the comment lists each change', () => {
    const repo = gitRepo(
      { '.modelcost.yml': budget('small'), 'models/m.onnx': cnn8 },
      { '.modelcost.yml': 'models: ["nothing/*.onnx"]\nbudgets:\n  - name: small\n    match: "models/**"\n    max: { params: 1G }\nwaivers: { small: "trust me" }\n', 'models/m.onnx': cnn64 },
    );
    const pr = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
    expect(pr.code).toBe(1);
    expect(pr.out).toContain('- ❌ `models/m.onnx`: small: params 8.19 K exceeds max 1 K');
    expect(pr.out).toContain('- `budgets[small].max.params`: `1 K` → `1 G` (takes effect once merged)');
    expect(pr.out).toContain('- `waivers.small`: added `trust me` (takes effect once merged)');
    expect(pr.out).toContain('- `models`: `models/**/*.onnx` → `nothing/*.onnx` (takes effect once merged)');
    // The workflow, not the PR, can opt into the head's config.
    expect(modelcost(['pr', '--base', 'HEAD~1', '--config-from', 'head'], repo.dir).code).toBe(0);
  });
  it('a rule the pull request adds applies to the new model no base rule covers, not to the others', () => {
    const repo = gitRepo(
      { '.modelcost.yml': budget('small'), 'models/m.onnx': cnn8 },
      { '.modelcost.yml': `${budget('small').replace('models: ["models/**/*.onnx"]', 'models: ["models/**/*.onnx", "extra/**/*.onnx"]')}  - name: new-one\n    match: "extra/**"\n    max: { params: 10 }\n  - name: sneaky\n    match: "models/**"\n    max: { params: 1G }\n`, 'extra/n.onnx': cnn8, 'models/m.onnx': chainModel(['a', 'b'], 16) },
    );
    const pr = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
    // extra/n.onnx: 128 params > 10 (the new rule applies: no base rule covers extra/); models/m.onnx: 512 <= 1K.
    expect(pr.code).toBe(1);
    expect(pr.out).toContain('- ❌ `extra/n.onnx`: new-one: params 128 exceeds max 10');
    expect(pr.out).not.toContain('sneaky: params');
  });
});

describe('stored reports', () => {
  it('a report the pull request committed does not decide a budget; index paths stay in the folder and links are not followed', () => {
    const secret = mkdtempSync(join(tmpdir(), 'modelcost-secret-'));
    writeFileSync(join(secret, 'secret.json'), '{"schemaVersion": 2, "SECRET": "hunter2"}');
    const headSha = createHash('sha256').update(cnn64).digest('hex');
    // A doctored report (params 1) for the head bytes, an index that climbs out, and a link to a file outside.
    const forged = { schemaVersion: 2, tool: { name: 'modelcost', version: '0.1.0' }, model: { path: 'models/m.onnx', format: 'onnx', producer: 'x', opsets: {} }, convention: 'macs+flops', dims: {}, inputs: [], outputs: [], totals: { params: 1, macs: 1, flops: 1, weightBytes: 1, activationBytes: 1, peakMemoryBytes: 1, bytesMoved: 1 }, nodes: [], latency: [], coverage: { nodes: 0, supported: 0, unsupported: {} }, diagnostics: [] };
    const index = { schemaVersion: 1, reports: [{ path: 'models/m.onnx', report: 'm.json', sha256: headSha }, { path: 'x', report: `../../../../../../../..${secret}/secret.json`, sha256: 'a'.repeat(64) }, { path: 'y', report: 'link.json', sha256: 'b'.repeat(64) }] };
    const repo = gitRepo(
      { '.modelcost.yml': budget('small'), 'models/m.onnx': cnn8 },
      { 'models/m.onnx': cnn64, 'dist/modelcost/index.json': JSON.stringify(index), 'dist/modelcost/m.json': JSON.stringify(forged), 'dist/modelcost/link.json': { link: join(secret, 'secret.json') } },
    );
    const pr = modelcost(['pr', '--base', 'HEAD~1', '--reports', 'dist/modelcost'], repo.dir);
    expect(pr.code).toBe(1);
    expect(pr.out).toContain('small: params 8.19 K exceeds max 1 K');
    expect(`${pr.out}${pr.err}`).not.toContain('hunter2');
    expect(pr.err).toContain('reports[1]: the report path leaves the reports folder, not read');
    expect(pr.err).toContain('the report path leaves the reports folder, not read');
  });
});

describe('no path is followed out of the repository', () => {
  const env = { MODELCOST_TEST_SECRET: 'ghs_s3cr3t_token_value' };
  it('a config that is a link to the environment, a file outside, or /dev/zero is refused unread (pr, check)', () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'modelcost-outside-')), 'outside.yml');
    writeFileSync(outside, 'budgets: []\n# OUTSIDE_FILE_CONTENT\n');
    for (const target of ['/proc/self/environ', outside, '/dev/zero']) {
      const repo = gitRepo({ '.modelcost.yml': budget('small'), 'models/m.onnx': cnn8 }, { '.modelcost.yml': { link: target }, 'models/m.onnx': cnn64 });
      // pr: the head's config (a link in the commit) is not followed; the base's decides.
      const pr = modelcost(['pr', '--base', 'HEAD~1'], repo.dir, env);
      expect(pr.code, `${target}: ${pr.err}`).toBe(1);
      expect(pr.err).toContain('.modelcost.yml (head): a symbolic link in the commit (not followed)');
      // check: the working tree's link is refused before it is opened.
      const check = modelcost(['check'], repo.dir, env);
      expect(check.code).toBe(2);
      expect(check.err).toMatch(/\.modelcost\.yml: (a symbolic link that leads out of the repository \(not followed\)|not a regular file)/);
      for (const r of [pr, check]) {
        expect(`${r.out}${r.err}`).not.toContain('ghs_s3cr3t_token_value');
        expect(`${r.out}${r.err}`).not.toContain('OUTSIDE_FILE_CONTENT');
        expect(r.ms).toBeLessThan(15_000);
      }
    }
  });
  it('a model that is a link (to /etc/passwd) is an error row and fails its budget; nothing of the target is echoed', () => {
    const repo = gitRepo({ '.modelcost.yml': budget('small'), 'models/m.onnx': cnn8 }, { 'models/m.onnx': { link: '/etc/passwd' } });
    const pr = modelcost(['pr', '--base', 'HEAD~1'], repo.dir);
    expect(pr.code).toBe(1);
    expect(pr.out).toContain('| `models/m.onnx` | ❌ `a symbolic link in the commit (not followed)` |');
    expect(pr.out).not.toContain('root:');
    const check = modelcost(['check'], repo.dir);
    expect(check.out).toContain('models/m.onnx: a symbolic link that leads out of the repository (not followed)');
    expect(check.out).not.toContain('root:');
  });
});

describe('configs that cost too much', () => {
  it('a glob with nested extglobs is refused at once, with its path in the config', () => {
    const repo = gitRepo({ '.modelcost.yml': 'models: ["**/+(+(a|aa|aaa))+(b|bb)!(c).onnx"]\n', 'models/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac.onnx': cnn8 }, {});
    const check = modelcost(['check'], repo.dir);
    expect(check.code).toBe(2);
    expect(check.err).toContain('models[0]: "**/+(+(a|aa|aaa))+(b|bb)!(c).onnx": extglob "+(" is not supported (extglobs can take exponential time to match); use *, ?, [...] or {a,b}');
    expect(check.ms).toBeLessThan(5000);
  });
  it('a 50 MB config is refused without parsing it', () => {
    const repo = gitRepo({ '.modelcost.yml': `# ${'x'.repeat(50 << 20)}\n` }, {});
    const check = modelcost(['check'], repo.dir);
    expect(check.code).toBe(2);
    expect(check.err).toMatch(/\.modelcost\.yml: \d+ bytes, more than the 1048576 a config may have/);
    expect(check.ms).toBeLessThan(5000);
  });
});

describe('the Action reads bytes as bytes', () => {
  let gh: Awaited<ReturnType<typeof fakeGitHub>>;
  beforeAll(async () => {
    gh = await fakeGitHub();
  });
  afterAll(() => gh.close());
  it('a model served as text/plain; charset=utf-8 by the contents API keeps its bytes (not re-encoded): the budget is checked on the real model', async () => {
    // Weights of 0xff bytes are not UTF-8: decoded and re-encoded they would become U+FFFD and break the file.
    const notUtf8 = chainModel(['a', 'b'], 64, undefined, 0xff);
    const repo = gitRepo({ '.modelcost.yml': budget('small'), 'models/m.onnx': cnn8 }, { 'models/m.onnx': notUtf8 });
    const base = repo.git('rev-parse', 'HEAD~1').trim();
    const head = repo.git('rev-parse', 'HEAD').trim();
    gh.state.files = prFiles(repo.git, base, head);
    gh.state.mergeBase = base;
    gh.state.contentType = 'text/plain; charset=utf-8';
    gh.state.blobs = new Map([
      [`${base}:.modelcost.yml`, new TextEncoder().encode(budget('small'))],
      [`${base}:models/m.onnx`, cnn8],
      [`${head}:models/m.onnx`, notUtf8],
    ]);
    gh.state.comments = [];
    // No clone in the workspace: the contents API is the only way to the models.
    const r = await runAction(gh.url, { base, head, workspace: mkdtempSync(join(tmpdir(), 'modelcost-nogit-')) });
    expect(r.code, r.log).toBe(1);
    expect(r.summary).toContain('| `models/m.onnx` | 128 → 8.19 K');
    expect(r.summary).toContain('small: params 8.19 K exceeds max 1 K');
  });
});
