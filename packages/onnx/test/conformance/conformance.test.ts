/**
 * ONNX conformance for shape inference. Every case must either pass or sit in allowlist.json with its
 * reason; a listed case that starts passing fails this test until it is removed (the list only shrinks).
 * `CONFORMANCE_REPORT=1` prints every failure's detail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseDirs, runCase } from './harness.js';

const allowlist = JSON.parse(readFileSync(join(import.meta.dirname, 'allowlist.json'), 'utf8')) as Record<string, Record<string, string>>;

describe.each(['node', 'simple'] as const)('onnx-conformance/%s', (kind) => {
  it('matches expected output shapes and dtypes', () => {
    const dirs = caseDirs(kind);
    const results = dirs.map(runCase);
    const failed = results.filter((r) => !r.ok);
    const passed = results.length - failed.length;
    const rate = (100 * passed) / results.length;
    const listed = allowlist[kind] ?? {};
    console.log(`conformance ${kind}: ${passed}/${results.length} passed (${rate.toFixed(2)}%), ${failed.length} failed (${Object.keys(listed).length} allowlisted)`);
    if (process.env.CONFORMANCE_REPORT) for (const f of failed) console.log(`  FAIL ${f.name}: ${f.detail}`);
    const unexpected = failed.filter((f) => !(f.name in listed)).map((f) => `${f.name}: ${f.detail}`);
    const nowPassing = results.filter((r) => r.ok && r.name in listed).map((r) => r.name);
    const stale = Object.keys(listed).filter((n) => !results.some((r) => r.name === n));
    expect(unexpected, 'failing cases not in allowlist.json').toEqual([]);
    expect(nowPassing, 'allowlisted cases that now pass: remove them from allowlist.json').toEqual([]);
    expect(stale, 'allowlist entries naming no case').toEqual([]);
    expect(results.length).toBe(kind === 'node' ? 922 : 23);
    expect(rate).toBeGreaterThanOrEqual(97);
  }, 300_000);
});
