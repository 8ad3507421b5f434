/**
 * The world the CLI touches, injected so tests run it in-process: arguments, working directory,
 * output streams, environment and file system.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { openFileSource } from '@modelcost/onnx/node';

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
