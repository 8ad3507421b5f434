/**
 * Reading a file at a commit from git objects, as every front end that has a clone does (CLI `pr`,
 * the Action with `fetch-depth: 0`, the Danger plugin locally). Git objects, not the working tree: a
 * symbolic link in the commit stays a link (its target, perhaps `/proc/self/environ` or a file
 * outside the repository, is never opened), a submodule is not a file, and a size cap applies
 * before any byte is read. The git runner is injected (this package spawns no process itself).
 */

/** Runs `git <args>` in the repository and returns its stdout; throws when git fails. */
export type GitRun = (args: readonly string[]) => Uint8Array;

/**
 * The bytes of `path` at commit `sha`; undefined when the path does not exist there; a string saying
 * why when the entry is not a regular file (a link, a submodule) or is larger than `maxBytes`.
 */
export function readGitBlob(git: GitRun, sha: string, path: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array | string | undefined {
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) throw new RangeError(`not a commit id: ${JSON.stringify(sha.slice(0, 80))}`);
  const entry = new TextDecoder().decode(git(['ls-tree', '-z', '--full-tree', sha, '--', path]));
  if (entry === '') return undefined;
  const m = /^(\d+) (\w+) ([0-9a-f]+)\t/.exec(entry);
  if (!m) return undefined;
  const mode = m[1]!;
  const type = m[2]!;
  const oid = m[3]!;
  if (mode === '120000') return 'a symbolic link in the commit (not followed)';
  if (type !== 'blob') return `not a file in the commit (a ${type})`;
  if (Number.isFinite(maxBytes)) {
    const size = Number(new TextDecoder().decode(git(['cat-file', '-s', oid])).trim());
    if (!(size <= maxBytes)) return `${size} bytes, more than the ${maxBytes} allowed`;
  }
  return git(['cat-file', 'blob', oid]);
}
