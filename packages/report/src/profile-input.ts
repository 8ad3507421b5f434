/**
 * Profiling one input in the current thread: bytes in memory, or a file read at offsets (so a 1.5 GiB
 * model costs a few MB of I/O and never crosses to a worker as a copy). Shared by the in-process
 * profiler and the worker.
 */
import { bytesSource, type ByteSource } from '@modelcost/core';
import { openFileSource } from '@modelcost/onnx/node';
import { ModelReadError, profileModel, type ProfileModelOptions } from './profile-model.js';

/** What to profile: bytes in memory, or a file read lazily at offsets (weights are never read). */
export type ModelInput = Uint8Array | { readonly file: string };

/** Profile an input in this thread; a file source is closed afterwards. Throws what profileModel throws (and Node's own error when the file cannot be opened). */
export function profileInput(input: ModelInput, options: ProfileModelOptions): ReturnType<typeof profileModel> {
  if (input instanceof Uint8Array) return profileModel(bytesSource(input), options);
  let src: (ByteSource & { close(): void }) | undefined;
  try {
    src = openFileSource(input.file);
  } catch (e) {
    throw new ModelReadError(options.file, 'unreadable', `cannot open: ${(e as Error).message}`);
  }
  try {
    return profileModel(src, options);
  } finally {
    src.close();
  }
}

