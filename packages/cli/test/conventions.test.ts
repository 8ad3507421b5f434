/**
 * Command-line conventions: --version / -V, per-command help with a sentence per option, exclusive
 * output formats, a closed stdout, and example paths in docs and help that exist.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, helpText, VERSION } from '../src/index.js';
import { runCli, type CliRun } from './support/cli.js';

const PKG = resolve(import.meta.dirname, '..');
const ROOT = resolve(PKG, '../..');
const BIN = join(PKG, 'bin/modelcost.cjs');

const cli = (argv: string[], cwd = ROOT): Promise<CliRun> => runCli(argv, cwd);

describe('version and help', () => {
  it('--version, -V and -v print the version', async () => {
    for (const flag of ['--version', '-V', '-v']) expect(await cli([flag])).toEqual({ code: 0, out: `${VERSION}\n`, err: '' });
  });
  it.each(Object.keys(COMMANDS))('%s --help describes every option with a sentence', async (name) => {
    const cmd = COMMANDS[name]!;
    expect(Object.keys(cmd.optionHelp).sort()).toEqual(Object.keys(cmd.options).sort());
    const r = await cli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(helpText(name));
    const section = r.out.slice(r.out.indexOf('\nOptions:\n'), r.out.indexOf('\nExamples:\n'));
    for (const opt of Object.keys(cmd.options)) {
      const text = cmd.optionHelp[opt]!.text;
      expect(text, `${name} --${opt}`).toMatch(/^[A-Z`].{15,}[.)]$/s);
      expect(section).toContain(`--${opt}`);
      expect(section).toContain(text);
    }
  });
});

describe('output formats are exclusive', () => {
  it('profile --json --csv and diff --json --markdown exit 2 naming both flags', async () => {
    const p = await cli(['profile', 'examples/models/tiny-cnn.onnx', '--json', '--csv']);
    expect([p.code, p.out, p.err]).toEqual([2, '', 'modelcost: profile: --json and --csv cannot be combined: choose one output format\nRun modelcost profile --help for usage.\n']);
    const d = await cli(['diff', 'examples/models/tiny-cnn.onnx', 'examples/pr/tiny-cnn.onnx', '--markdown', '--json']);
    expect([d.code, d.out]).toEqual([2, '']);
    expect(d.err).toContain('diff: --json and --markdown cannot be combined');
  });
});

describe('a --dim that no model uses', () => {
  it('is said on stderr, naming the symbols the model has (a likely typo), and the run goes on', async () => {
    const r = await cli(['profile', 'examples/models/tiny-encoder.onnx', '--dim', 'seq_len=128', '--dim', 'batch=1']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('modelcost: warning: --dim "seq_len": no dimension of the model is named so; ignored (its symbols: batch, seq)\n');
  });
  it('is not, when one of the models uses it', async () => {
    const r = await cli(['diff', 'examples/models/tiny-cnn.onnx', 'examples/models/tiny-encoder.onnx', '--dim', 'seq=16']);
    expect([r.code, r.err]).toEqual([0, '']);
  });
});

describe('a closed stdout', () => {
  it('`modelcost profile ... | head -1`: exit 0, nothing on stderr', async () => {
    // The reader closes its end before the CLI writes: every write then fails with EPIPE.
    const child = spawn(process.execPath, [BIN, 'profile', 'examples/models/tiny-encoder.onnx', '--per-layer', '--dim', 'batch=1', '--dim', 'seq=128'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect([code, err]).toEqual([0, '']);
  });
  it('a real shell pipe into head -1', () => {
    const out = execFileSync('bash', ['-c', `set -o pipefail; for i in 1 2 3 4 5 6 7 8; do echo examples/models/tiny-encoder.onnx; done | xargs node ${JSON.stringify(BIN)} profile --per-layer | head -1; echo "exit $?"`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim().split('\n').at(-1)).toBe('exit 0');
  });
});

describe('example paths in docs and help exist', () => {
  const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`), ...['packages', 'apps'].flatMap((d) => readdirSync(join(ROOT, d)).map((p) => `${d}/${p}/README.md`))].filter((f) => f.endsWith('.md') && existsSync(join(ROOT, f)));
  const texts: [string, string][] = [...docs.map((f): [string, string] => [f, readFileSync(join(ROOT, f), 'utf8')]), ['modelcost --help', helpText()], ...Object.keys(COMMANDS).map((n): [string, string] => [`modelcost ${n} --help`, helpText(n)])];
  it.each(texts.map(([where]) => where))('%s names only examples/ paths that exist', (where) => {
    const text = texts.find(([w]) => w === where)![1];
    const paths = [...text.matchAll(/(?<![\w./-])examples\/[\w./-]*[\w/]/g)].map((m) => m[0]);
    for (const p of paths) expect(existsSync(join(ROOT, p)), `${where}: ${p}`).toBe(true);
  });
  it('the help texts name example models at all (the test is not vacuous)', () => {
    expect(helpText('profile')).toContain('examples/models/tiny-cnn.onnx');
  });
});
