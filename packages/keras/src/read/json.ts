/**
 * Bytes -> the parsed Keras config object, from any supported container: model JSON (Keras 1/2/3
 * `to_json()`), a JSON string whose content is that JSON (`json.dump(model.to_json())`), tf.js
 * `model.json`, or a `.keras` zip archive (only its `config.json` member is read).
 */
import type { ByteSource } from '@modelcost/core';
import { KerasImportError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { findJsonError } from './json-error.js';
import { utf8 } from './utf8.js';
import { looksLikeZip, readKerasArchiveConfig } from './zip.js';

/** Where a config came from. */
export type KerasContainer = 'json' | 'json-string' | 'keras-zip';

/** The parsed top-level JSON value and how it was stored. */
export interface RawKerasConfig {
  readonly root: unknown;
  readonly container: KerasContainer;
}

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Line and column (1-based) of a character offset in text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** UTF-8 byte offset of a character offset (messages give bytes; JSON.parse gives UTF-16 units). */
function byteOffset(text: string, chars: number): number {
  let n = 0;
  for (let i = 0; i < chars && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON.parse with an error naming line, column and byte offset; `where` is appended to the reason. */
export function parseJson(text: string, file: string, where = ''): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = findJsonError(text);
    const pos = found?.offset ?? text.length;
    const reason = (found?.reason ?? (e instanceof Error ? e.message : String(e))) + where;
    const { line, column } = lineColumn(text, pos);
    const offset = byteOffset(text, pos);
    throw new KerasImportError(file, 'invalid-json', MESSAGES.invalidJson(file, reason, line, column, offset), offset);
  }
}

/**
 * Read the raw config from bytes. Throws {@link KerasImportError} for empty files, binary files that are
 * not zips, invalid JSON and damaged archives.
 */
export function readRawConfig(source: ByteSource, file: string): RawKerasConfig {
  if (source.size === 0) throw new KerasImportError(file, 'empty', MESSAGES.empty(file));
  const head = source.read(0, Math.min(source.size, 16));
  if (looksLikeZip(head)) return { root: parseJson(utf8(readKerasArchiveConfig(source, file)), file, ' (in config.json)'), container: 'keras-zip' };
  if (HDF5_MAGIC.every((b, i) => head[i] === b)) throw new KerasImportError(file, 'not-keras', MESSAGES.notKerasBinary(file, MESSAGES.hdf5()));
  const bytes = source.read(0, source.size);
  if (bytes.length !== source.size) throw new KerasImportError(file, 'io', MESSAGES.io(file, 0, source.size, bytes.length));
  if (bytes.subarray(0, 4096).includes(0)) throw new KerasImportError(file, 'not-keras', MESSAGES.notKerasBinary(file, MESSAGES.binary()));
  const text = utf8(bytes);
  const root = parseJson(text, file);
  if (typeof root === 'string') {
    const inner = root.trimStart();
    if (inner.startsWith('{')) return { root: parseJson(root, file, ' (inside the JSON string that holds the model JSON)'), container: 'json-string' };
  }
  return { root, container: 'json' };
}
