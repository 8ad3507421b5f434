/// <reference types="node" />
/**
 * A file-backed {@link ByteSource} for Node (`@modelcost/onnx/node`): reads at offsets with
 * `fs.readSync`, so the decoder's skips over weight payloads cost no I/O. Counts what it reads,
 * which the benchmarks and the read-volume test report.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../decode/byte-source.js';

/** A ByteSource over an open file. Call `close()` when done. */
export interface FileByteSource extends ByteSource {
  /** Bytes read so far. */
  readonly bytesRead: number;
  /** `read` calls so far. */
  readonly reads: number;
  /** Close the file descriptor (idempotent). */
  close(): void;
}

/** Open `path` for random-access reads. Throws Node's own error (ENOENT, EACCES...) when it cannot. */
export function openFileSource(path: string): FileByteSource {
  const fd = openSync(path, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  let open = true;
  let bytesRead = 0;
  let reads = 0;
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    get reads() {
      return reads;
    },
    read(offset: number, length: number): Uint8Array {
      const buf = new Uint8Array(length);
      let got = 0;
      // readSync may return short counts (pipes, network file systems): loop until done or EOF.
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      reads++;
      bytesRead += got;
      return got === length ? buf : buf.subarray(0, got);
    },
    close(): void {
      if (open) {
        open = false;
        closeSync(fd);
      }
    },
  };
}

/** Run `fn` with a file source that is closed afterwards, even when `fn` throws. */
export function withFileSource<T>(path: string, fn: (source: FileByteSource) => T): T {
  const source = openFileSource(path);
  try {
    return fn(source);
  } finally {
    source.close();
  }
}
