/**
 * Colour of human output: on for a terminal, off with NO_COLOR, TERM=dumb or a pipe, forced by FORCE_COLOR.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, run } from '../src/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('colour', () => {
  const run2 = async (env: Record<string, string>, isTTY: boolean) => {
    let out = '';
    await run({ argv: ['profile', join(ROOT, 'examples/models/tiny-cnn.onnx')], cwd: ROOT, stdout: { write: (s: string) => (out += s), isTTY }, stderr: { write: () => 0 }, fs: nodeFs, env });
    return out;
  };
  it('is on for a terminal, off when NO_COLOR is set or output is piped, forced by FORCE_COLOR', async () => {
    const title = `${join(ROOT, 'examples/models/tiny-cnn.onnx')} (onnx, modelcost-bench)`;
    expect((await run2({}, true)).split('\n')[0]).toBe(`\x1b[1m${title}\x1b[22m`);
    expect((await run2({ NO_COLOR: '1' }, true)).split('\n')[0]).toBe(title);
    expect((await run2({}, false)).split('\n')[0]).toBe(title);
    expect((await run2({ FORCE_COLOR: '1' }, false)).split('\n')[0]).toBe(`\x1b[1m${title}\x1b[22m`);
    expect((await run2({ TERM: 'dumb' }, true))).not.toContain('\x1b[');
  });
});
