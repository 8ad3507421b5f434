/**
 * Opening a model file and profiling it with the importer its bytes call for.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Convention, Dim, Report } from '@modelcost/core';
import { OnnxImportError, OnnxOptionsError, profileOnnx } from '@modelcost/onnx';
import { InputError } from './errors.js';
import type { CliIO } from './io.js';

/** Options of one profile run. */
export interface ProfileOptions {
  readonly dims: Record<string, number>;
  readonly inputs: Record<string, Dim[]>;
  readonly convention: Convention;
}

/** Formats the CLI recognises from a file's first bytes. */
export type ModelFormat = 'onnx' | 'keras-json' | 'keras-zip';

/** Guess the format from the first bytes (ONNX is the fallback: its own sniffing names what is wrong). */
export function sniffFormat(head: Uint8Array): ModelFormat {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'keras-zip';
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b || b === 0x22 ? 'keras-json' : 'onnx';
  }
  return 'onnx';
}

/** Profile the model at `path` (relative to io.cwd). Errors about the file become {@link InputError}. */
export function profileModelFile(path: string, opts: ProfileOptions, io: CliIO): Report {
  const full = isAbsolute(path) ? path : resolve(io.cwd, path);
  if (!io.fs.exists(full)) throw new InputError(path, 'no such file');
  if (!io.fs.isFile(full)) throw new InputError(path, 'not a file');
  let source;
  try {
    source = io.fs.open(full);
  } catch (e) {
    throw new InputError(path, `cannot open: ${(e as Error).message}`);
  }
  try {
    const format = sniffFormat(source.read(0, Math.min(64, source.size)));
    if (format !== 'onnx') throw new InputError(path, 'Keras models are profiled by @modelcost/keras, which this build of the CLI does not include yet');
    return profileOnnx(source, { file: path, dims: opts.dims, inputs: opts.inputs, convention: opts.convention });
  } catch (e) {
    if (e instanceof OnnxOptionsError) throw new InputError(path, e.message);
    if (e instanceof OnnxImportError) throw new InputError(path, e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message);
    throw e;
  } finally {
    source.close();
  }
}
