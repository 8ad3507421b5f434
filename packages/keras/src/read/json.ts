/**
 * Bytes -> the parsed Keras config object, from any supported container: model JSON (Keras 1/2/3
 * `to_json()`), a JSON string whose content is that JSON (`json.dump(model.to_json())`), tf.js
 * `model.json`, a `.keras` zip archive (only its `config.json` member is read), or an HDF5 `.h5`
 * file (its root attributes only: `model_config`, `keras_version`, `backend`; weight data is never
 * read, and a weights-only file gives its weight shapes only when asked).
 */
import { hdf5SuperblockOffset, WorkLimitError, type ByteSource, type WorkBudget } from '@modelcost/core';
import { KerasImportError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { findJsonError } from './json-error.js';
import { readKerasH5, type KerasH5Weights } from './keras-h5.js';
import { utf8 } from './utf8.js';
import { looksLikeZip, readKerasArchiveConfig } from './zip.js';

/** Where a config came from. */
export type KerasContainer = 'json' | 'json-string' | 'keras-zip' | 'hdf5';

/** The parsed top-level JSON value and how it was stored. */
export interface RawKerasConfig {
  readonly kind: 'config';
  /** For HDF5: `{model_config, keras_version, backend}` (the root attributes, model_config parsed). */
  readonly root: unknown;
  readonly container: KerasContainer;
}

/** A weights-only HDF5 file (read only when asked). */
export interface RawKerasWeights {
  readonly kind: 'weights';
  readonly container: 'hdf5';
  readonly weights: KerasH5Weights;
}

/** How a file is read: its label, the work budget, and whether a weights-only file is accepted. */
export interface ReadContext {
  readonly file: string;
  readonly budget: WorkBudget;
  readonly weightsOnlyOk?: boolean;
}

/**
 * Throw a depth work-limit error when `value` nests arrays / objects deeper than `limit` (checked
 * iteratively: every later reader may then recurse over the config without a stack overflow).
 */
export function checkJsonDepth(value: unknown, limit: number, file: string): void {
  if (typeof value !== 'object' || value === null) return;
  // Two parallel stacks (no tuple per value: a 300k-layer config has millions of them).
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) throw new WorkLimitError(file, 'depth', limit, 'nesting of the model config JSON');
    if (Array.isArray(v)) {
      for (const child of v)
        if (typeof child === 'object' && child !== null) {
          values.push(child as object);
          depths.push(depth + 1);
        }
    } else
      for (const k in v) {
        const child = (v as Record<string, unknown>)[k];
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
  }
}

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

/**
 * JSON.parse with an error naming line, column and byte offset (`where` is appended to the reason),
 * then a nesting check against `maxDepth` (the budget's depth limit).
 */
export function parseJson(text: string, file: string, where = '', maxDepth?: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const found = findJsonError(text);
    const pos = found?.offset ?? text.length;
    const reason = (found?.reason ?? (e instanceof Error ? e.message : String(e))) + where;
    const { line, column } = lineColumn(text, pos);
    const offset = byteOffset(text, pos);
    throw new KerasImportError(file, 'invalid-json', MESSAGES.invalidJson(file, reason, line, column, offset), offset);
  }
  if (maxDepth !== undefined) checkJsonDepth(value, maxDepth, file);
  return value;
}

/**
 * Read the raw config from bytes. Throws {@link KerasImportError} for empty files, binary files that are
 * not zips or HDF5, invalid JSON, damaged archives and HDF5 files, and weights-only HDF5 files unless
 * `ctx.weightsOnlyOk`; a depth {@link WorkLimitError} for JSON nested past the budget's depth.
 */
export function readRawConfig(source: ByteSource, ctx: ReadContext): RawKerasConfig | RawKerasWeights {
  const { file, budget } = ctx;
  const depth = budget.limits.maxDepth;
  if (source.size === 0) throw new KerasImportError(file, 'empty', MESSAGES.empty(file));
  const head = source.read(0, Math.min(source.size, 16));
  if (looksLikeZip(head)) return { kind: 'config', root: parseJson(utf8(readKerasArchiveConfig(source, file)), file, ' (in config.json)', depth), container: 'keras-zip' };
  if (hdf5SuperblockOffset(source) >= 0) {
    const h5 = readKerasH5(source, { file, budget, weights: ctx.weightsOnlyOk === true });
    if (h5.kind === 'weights') return { kind: 'weights', container: 'hdf5', weights: h5 };
    const modelConfig = parseJson(h5.config, file, ' (in the HDF5 attribute model_config)', depth);
    return {
      kind: 'config',
      root: { model_config: modelConfig, ...(h5.kerasVersion !== undefined ? { keras_version: h5.kerasVersion } : {}), ...(h5.backend !== undefined ? { backend: h5.backend } : {}) },
      container: 'hdf5',
    };
  }
  const bytes = source.read(0, source.size);
  if (bytes.length !== source.size) throw new KerasImportError(file, 'io', MESSAGES.io(file, 0, source.size, bytes.length));
  if (bytes.subarray(0, 4096).includes(0)) throw new KerasImportError(file, 'not-keras', MESSAGES.notKerasBinary(file, MESSAGES.binary()));
  const text = utf8(bytes);
  const root = parseJson(text, file, '', depth);
  if (typeof root === 'string') {
    const inner = root.trimStart();
    if (inner.startsWith('{')) return { kind: 'config', root: parseJson(root, file, ' (inside the JSON string that holds the model JSON)', depth), container: 'json-string' };
  }
  return { kind: 'config', root, container: 'json' };
}
