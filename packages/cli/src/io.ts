/**
 * The world the CLI touches, injected so tests run it in-process: arguments, working directory,
 * output streams, environment and file system.
 */
import { existsSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Tty from 'node:tty';
import { openFileSource } from '@modelcost/onnx/node';
import { OutputClosedError } from './errors.js';

/** A random-access view of a file, read on demand (models are never loaded whole). */
export interface FileSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

/** File-system operations the CLI needs. */
export interface CliFs {
  readFile(path: string): Uint8Array;
  open(path: string): FileSource;
  exists(path: string): boolean;
  isFile(path: string): boolean;
}

/** A text sink (process.stdout, or a buffer in tests). */
export interface TextSink {
  write(chunk: string): unknown;
  /** True when the sink is an interactive terminal (colour, progress). */
  readonly isTTY?: boolean;
}

/** Everything `run` needs from the outside. */
export interface CliIO {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly fs: CliFs;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real file system, reading files at offsets so a 1.5 GiB model costs a few MB of I/O. */
export const nodeFs: CliFs = {
  readFile: (path) => readFileSync(path),
  open: (path) => openFileSource(path),
  exists: (path) => existsSync(path),
  isFile: (path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
};

/**
 * A sink that writes straight to a file descriptor with blocking writes. The bin uses it for stdout
 * and stderr instead of `process.stdout`/`process.stderr`: touching those builds Node's stream stack
 * (net, stream, pipe_wrap: ~9 ms of a piped `profile --json`), and a synchronous write is complete
 * when the command returns. `isTTY` is asked of `node:tty` only when a command wants colour.
 * When the reader has gone (EPIPE), a write throws {@link OutputClosedError} (stdout: the command
 * stops, exit 0) or, with `onClosed: 'drop'` (stderr: the exit code must still say what happened), is dropped.
 */
export function fdSink(fd: number, onClosed: 'throw' | 'drop' = 'throw'): TextSink {
  let closed = false;
  let tty: boolean | undefined;
  return {
    get isTTY(): boolean {
      tty ??= (createRequire(import.meta.url)('node:tty') as typeof Tty).isatty(fd);
      return tty;
    },
    write(chunk: string): boolean {
      if (closed) {
        if (onClosed === 'drop') return false;
        throw new OutputClosedError(fd);
      }
      const bytes = Buffer.from(chunk, 'utf8');
      for (let off = 0; off < bytes.length; ) {
        try {
          off += writeSync(fd, bytes, off);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          // The reader is gone (`| head -1`; Node ignores SIGPIPE, so the write fails instead): stop quietly.
          if (code === 'EPIPE') {
            closed = true;
            if (onClosed === 'drop') return false;
            throw new OutputClosedError(fd);
          }
          // A non-blocking pipe that is full: wait for the reader (rare: Node and shells hand children blocking fds).
          if (code !== 'EAGAIN') throw e;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        }
      }
      return true;
    },
  };
}
