import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('dist/index.js', () => {
  it('is the fresh bundle of the sources (rebuild with npm run bundle -w @modelcost/github-action)', () => {
    const out = execFileSync(process.execPath, [resolve(import.meta.dirname, '../scripts/bundle.mjs'), '--check'], { encoding: 'utf8' });
    expect(out.trim()).toBe('dist/index.js is up to date');
  });
});
