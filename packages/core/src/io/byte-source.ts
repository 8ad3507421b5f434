/**
 * Importers take bytes, not paths. A ByteSource is random access over an input of known size, so
 * the decoder can read the few bytes of structure and step over weight payloads without reading
 * them: a 1.5 GiB model is profiled with a few MB of I/O when the source is file-backed
 * (`openFileSource` from `@modelcost/onnx/node`). Shared by every importer (ONNX, Keras).
 */

/** Synchronous random-access bytes. */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /**
   * Bytes `[offset, offset + length)`. Callers stay within `size`. The result may be a view into
   * a shared buffer: callers must not modify it, and should not keep it longer than they need to.
   * Returning fewer bytes than asked is an I/O failure (the importer reports it).
   */
  read(offset: number, length: number): Uint8Array;
}

/** A ByteSource over bytes already in memory. `read` returns views, never copies. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset: number, length: number): Uint8Array => bytes.subarray(offset, offset + length),
  };
}
