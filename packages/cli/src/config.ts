/**
 * Reading `.modelcost.yml` for the commands that use it from the working tree (`check`, `hardware`):
 * warnings go to stderr, errors end the command with exit 2 naming the file and every dot-path that is
 * wrong. The file may come from a pull request: it must be a regular file inside the repository root
 * (a symbolic link that leads out of it, perhaps to `/proc/self/environ`, a device or a secret, is
 * refused without being read), and at most MAX_CONFIG_CHARS long. (`pr` reads configs from git objects.)
 */
import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { MAX_CONFIG_CHARS, parseConfig, term, type ModelcostConfig } from '@modelcost/report';
import { InputError } from './errors.js';
import type { CliIO } from './io.js';

/** Read at most `max` bytes of a regular file; throws InputError when it is larger or not a regular file. */
function readBounded(path: string, label: string, max: number): Uint8Array {
  const st = statSync(path);
  if (!st.isFile()) throw new InputError(label, 'not a regular file');
  if (st.size > max) throw new InputError(label, `${st.size} bytes, more than the ${max} a config may have`);
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(Math.min(st.size, max) + 1);
    let off = 0;
    for (let n; off < buf.length && (n = readSync(fd, buf, off, buf.length - off, off)) > 0; ) off += n;
    if (off > max) throw new InputError(label, `more than the ${max} bytes a config may have`);
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/**
 * Load the config at `configPath` (default `.modelcost.yml` under `root`). When it is absent: an error
 * if `required` or a path was given, else the defaults.
 */
export function loadConfig(io: CliIO, root: string, configPath: string | undefined, required: boolean): ModelcostConfig {
  const label = configPath ?? '.modelcost.yml';
  const path = resolve(root, label);
  if (!io.fs.exists(path)) {
    if (required || configPath) throw new InputError(label, 'no such file: create one (see the README) or pass --config');
    return parseConfig('').value!;
  }
  let bytes: Uint8Array;
  try {
    if (onDisk(path)) {
      // The real file system: refuse a link that leaves the root before opening anything, then read at most the cap.
      if (lstatSync(path).isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(path);
        } catch {
          throw new InputError(label, 'a symbolic link to nothing (not followed)');
        }
        const r = relative(realpathSync(root), real);
        if (r === '' || r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r)) throw new InputError(label, 'a symbolic link that leads out of the repository (not followed)');
      }
      bytes = readBounded(path, label, MAX_CONFIG_CHARS);
    } else bytes = io.fs.readFile(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(label, `cannot read: ${(e as Error).message}`);
  }
  const parsed = parseConfig(new TextDecoder().decode(bytes), label);
  for (const w of parsed.warnings) io.stderr.write(`modelcost: ${term(label)}: warning: ${term(w, 400)}\n`);
  if (!parsed.value) throw new InputError(label, parsed.errors.map((e) => term(e, 400)).join(`\nmodelcost: ${term(label)}: `));
  return parsed.value;
}

/** True when `path` exists on the real file system (an injected fs may hold files that do not). */
function onDisk(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
