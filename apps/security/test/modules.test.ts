/**
 * Module names come from the model (issue 21): a pull request can name its modules with markdown,
 * HTML, mentions, forged markers, bidi overrides and terminal escapes through node names
 * (`/<name>/layer.0/MatMul` is module `<name>.layer.0`). The module rows of the comment, the terminal
 * diff and the profile tree must carry them inert; checked with the CommonMark + GFM parser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commentProblems, HOSTILE } from './support/markdown.js';
import { chainModel } from './support/onnx.js';
import { modelcost } from './support/repo.js';

describe('hostile module names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-modules-'));
  // Base: every hostile name a module with two blocks; head: a third block each, so every module has a row.
  const names = (blocks: number): string[] => HOSTILE.flatMap((h) => Array.from({ length: blocks }, (_, b) => `/${h}/layer.${b}/MatMul`));
  writeFileSync(join(dir, 'base.onnx'), chainModel(names(2), 4));
  writeFileSync(join(dir, 'head.onnx'), chainModel(names(3), 4));

  it('the comment shows the module rows, and nothing in them is live', () => {
    const r = modelcost(['diff', 'base.onnx', 'head.onnx', '--markdown'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('| module | type | change | MACs | params | output |');
    // 12 module rows (the default), among them `2 -> 3 blocks` rows each followed by its added block.
    const lines = r.out.split('\n');
    const start = lines.indexOf('| module | type | change | MACs | params | output |');
    expect(lines.slice(start + 2).findIndex((l) => !l.startsWith('|'))).toBe(12);
    const blocks = lines.findIndex((l) => l.includes('| 2 → 3 blocks |'));
    expect(blocks).toBeGreaterThan(start);
    expect(lines[blocks + 1]!.endsWith('.layer.2` |  | added | +16 | +16 |  |')).toBe(true);
    expect(commentProblems(r.out)).toEqual([]);
  }, 30_000);

  it('the terminal diff and the profile tree carry no escape sequence or bidi override', () => {
    const diff = modelcost(['diff', 'base.onnx', 'head.onnx'], dir);
    const tree = modelcost(['profile', 'head.onnx', '--depth', '3'], dir);
    for (const r of [diff, tree]) {
      expect(r.code).toBe(0);
      // eslint-disable-next-line no-control-regex -- the point: none of these reach the terminal
      expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    }
    expect(diff.out).toContain('2 -> 3 blocks');
    expect(tree.out).toContain('\\u{1b}[31mred');
  }, 30_000);
});
