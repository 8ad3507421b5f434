import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Compare with a golden file under test/golden; `UPDATE_GOLDEN=1` rewrites it. A missing golden fails. */
export function golden(name: string, text: string): void {
  const path = join(import.meta.dirname, '..', 'golden', name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
  expect(existsSync(path), `missing golden ${name}: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(path, 'utf8'));
}
