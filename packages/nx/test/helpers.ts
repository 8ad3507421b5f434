/** Helpers shared by the unit tests: a throwaway folder tree holding the example models. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** /work/main (the monorepo root). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const TINY_CNN = join(REPO_ROOT, 'examples/models/tiny-cnn.onnx');
export const TINY_ENCODER = join(REPO_ROOT, 'examples/models/tiny-encoder.onnx');
export const TINY_CNN_PR = join(REPO_ROOT, 'examples/pr/tiny-cnn.onnx');

/** A temp folder with `files` written (string content) or copied (`{ copy: absPath }`). */
export function tempTree(files: Record<string, string | { copy: string }>): string {
  const root = mkdtempSync(join(tmpdir(), 'modelcost-nx-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'string') writeFileSync(abs, content);
    else cpSync(content.copy, abs);
  }
  return root;
}
