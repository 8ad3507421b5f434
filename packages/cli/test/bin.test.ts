/**
 * The installed entry point, bin/modelcost.cjs, runs the one-file bundle (scripts/bundle.mjs). These
 * tests run the built bin as a user would (the test target depends on this package's build), compare
 * it with the in-process CLI, and check that the package ships one copy of its code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../src/io.js';
import { run } from '../src/run.js';

const pkg = resolve(import.meta.dirname, '..');
const root = resolve(pkg, '../..');
const bin = resolve(pkg, 'bin/modelcost.cjs');

async function inProcess(argv: string[]): Promise<string> {
  let out = '';
  await run({ argv, cwd: root, stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, fs: nodeFs, env: {} });
  return out;
}

describe('bin/modelcost.cjs', () => {
  it('runs the bundle, which ships the profile worker beside it', () => {
    expect(existsSync(resolve(pkg, 'dist/bundle/modelcost.cjs'))).toBe(true);
    expect(existsSync(resolve(pkg, 'dist/bundle/profile-worker.js'))).toBe(true);
    const r = spawnSync(process.execPath, [bin, '--version'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('0.1.0\n');
    expect(r.stderr).toBe('');
  });

  it('prints the same report as the in-process CLI, and exits 2 with one line on a bad file', async () => {
    const args = ['profile', '--json', 'examples/models/tiny-cnn.onnx', '--hardware', 'rpi5-cpu'];
    const viaBin = execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(viaBin)).toEqual(JSON.parse(await inProcess(args)));
    const bad = spawnSync(process.execPath, [bin, 'profile', 'no-such.onnx'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('modelcost: no-such.onnx: no such file\n');
  });

  it('loads the library without running the command line', () => {
    const code = "const m = require(process.argv[1]); process.stdout.write(typeof m.run + ' ' + m.VERSION)";
    const r = spawnSync(process.execPath, ['-e', code, resolve(pkg, 'dist/bundle/modelcost.cjs'), '--version'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('function 0.1.0');
  });
});

describe('the package', () => {
  it('ships one copy of its code: the bundle, its worker, the bin and CommonJS types; no maps, no unbundled dist', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkg, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
    const files = packed.files.map((f) => f.path).sort();
    const code = files.filter((f) => /\.(c?js|mjs|map)$/.test(f));
    expect(code).toEqual(['bin/modelcost.cjs', 'dist/bundle/modelcost.cjs', 'dist/bundle/profile-worker.js']);
    expect(files).toContain('dist/index.d.cts');
    expect(files).toContain('dist/bundle/THIRD_PARTY_NOTICES.txt');
    expect(files).toContain('LICENSE');
    expect(files.filter((f) => f.endsWith('.d.ts'))).toEqual([]);
  });
});
