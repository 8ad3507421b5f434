/** Git LFS pointer files: what a checkout without LFS holds in place of a large file. */

const PREFIXES = ['version https://git-lfs.github.com/spec/', 'version https://hawser.github.com/spec/'];

/** True when `head` (a file's first bytes; the file is at most `size` bytes) is a Git LFS pointer. */
export function isGitLfsPointer(head: Uint8Array, size = head.length): boolean {
  if (size > 1024) return false;
  return PREFIXES.some((p) => head.length >= p.length && [...p].every((ch, i) => head[i] === ch.charCodeAt(0)));
}
