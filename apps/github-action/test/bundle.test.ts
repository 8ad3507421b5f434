import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('dist/index.js', () => {
  it('is the fresh bundle of the sources (rebuild with npm run bundle -w @modelcost/github-action)', () => {
    const out = execFileSync(process.execPath, [resolve(import.meta.dirname, '../scripts/bundle.mjs'), '--check'], { encoding: 'utf8' });
    expect(out.trim()).toBe('dist/index.js, dist/profile-worker.js, dist/THIRD_PARTY_NOTICES.txt up to date');
  });

  it('ships the licence notices of the third-party code it inlines', () => {
    const notices = readFileSync(resolve(import.meta.dirname, '../dist/THIRD_PARTY_NOTICES.txt'), 'utf8');
    // One entry per bundled package with its licence text (yaml is ISC, @actions/core MIT, before-after-hook Apache-2.0).
    for (const name of ['@actions/core', '@octokit/core', 'undici', 'yaml', 'before-after-hook']) expect(notices).toMatch(new RegExp(`^${name.replace('/', '\\/')}@[0-9.]+ \\(`, 'm'));
    expect(notices).toContain('Permission to use, copy, modify, and/or distribute this software'); // ISC text
    expect(notices).toContain('Apache License');
    expect(notices).not.toContain('ships no licence file');
  });
});
