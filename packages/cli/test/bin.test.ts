/**
 * The installed entry point, bin/modelcost.cjs, runs the one-file bundle from the V8 code cache the
 * build made (scripts/bundle.mjs). These tests run the built bin as a user would (the test target
 * depends on this package's build) and compare it with the in-process CLI.
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
  it('ships a bundle with a code cache that this Node accepts', () => {
    expect(existsSync(resolve(pkg, 'dist/bundle/modelcost.cjs'))).toBe(true);
    expect(existsSync(resolve(pkg, 'dist/bundle/modelcost.cjs.cache'))).toBe(true);
    const r = spawnSync(process.execPath, [bin, '--version'], { cwd: root, env: { ...process.env, MODELCOST_DEBUG: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('0.1.0\n');
    expect(r.stderr).not.toContain('rejected');
  });

  it('prints the same report as the in-process CLI, and exits 2 with one line on a bad file', async () => {
    const args = ['profile', '--json', 'examples/models/tiny-cnn.onnx', '--hardware', 'rpi5-cpu'];
    const viaBin = execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(viaBin)).toEqual(JSON.parse(await inProcess(args)));
    const bad = spawnSync(process.execPath, [bin, 'profile', 'no-such.onnx'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('modelcost: no-such.onnx: no such file\n');
  });

  it('still runs when V8 rejects the cache (other V8 flags change its hash)', () => {
    const r = spawnSync(process.execPath, ['--no-opt', bin, 'profile', 'examples/models/tiny-encoder.onnx', '--dim', 'batch=1', '--dim', 'seq=16'], { cwd: root, env: { ...process.env, MODELCOST_DEBUG: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('rejected the code cache');
    expect(r.stdout).toContain('tiny-encoder.onnx');
  });
});
