/**
 * The light half of profiling a model file: the format registry (how each format is recognised and
 * which importer reads it), the one error type, and {@link profileWith} for a given importer. It
 * imports no importer, so a front end that cares about start-up (the CLI) loads the ONNX or Keras
 * importer only for the files that need it.
 */
import { hdf5SuperblockOffset, isHdf5Signature, ModelImportError, ModelOptionsError, type ByteSource, type Convention, type Dim, type Report, type WorkLimits, type MemoryProbe } from '@modelcost/core';

/** Formats recognised from a file's bytes. */
export type ModelFormat = 'onnx' | 'keras-json' | 'keras-zip' | 'keras-hdf5';

/** The importer packages, by the name front ends load them by (`@modelcost/<importer>`). */
export type ImporterName = 'onnx' | 'keras';

/** One format of the registry. */
export interface ModelFormatEntry {
  readonly format: ModelFormat;
  /** The importer that reads it. */
  readonly importer: ImporterName;
  /** What the file is and how it is recognised (docs and messages). */
  readonly description: string;
  /** File name extensions it usually has (the format is sniffed from the bytes, never the name). */
  readonly extensions: readonly string[];
}

/**
 * Every format, in sniffing order. Every front end (CLI, review, Nx) picks the importer here, from
 * the bytes: an HDF5 model saved under a `.keras` name, or a `.json` that is not JSON, still goes to
 * the importer that can name what it is.
 */
export const MODEL_FORMATS: readonly ModelFormatEntry[] = [
  {
    format: 'keras-hdf5',
    importer: 'keras',
    description: 'HDF5 (signature \\x89HDF at byte 0, 512, 1024, ...): a Keras model.save(".h5") file, or Keras weights',
    extensions: ['h5', 'hdf5', 'keras'],
  },
  { format: 'keras-zip', importer: 'keras', description: 'zip (PK): a .keras archive', extensions: ['keras'] },
  { format: 'keras-json', importer: 'keras', description: 'JSON text: a Keras model.to_json() or a tf.js model.json', extensions: ['json'] },
  { format: 'onnx', importer: 'onnx', description: 'anything else: an ONNX model (its importer names what is wrong with a file that is not)', extensions: ['onnx'] },
];

/**
 * Guess the format from the first bytes: the HDF5 signature (a Keras `.h5` file without a user
 * block), `PK` is a zip (`.keras` archive), `{`, `[` or `"` after whitespace/BOM is JSON (Keras /
 * tf.js; a JSON string holding the JSON is a real-world variant), anything else is ONNX. Use
 * {@link sniffSource} where the whole file is at hand: HDF5 may start after a user block.
 */
export function sniffFormat(head: Uint8Array): ModelFormat {
  if (isHdf5Signature(head)) return 'keras-hdf5';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'keras-zip';
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b || b === 0x22 || b === 0x5b ? 'keras-json' : 'onnx';
  }
  return 'onnx';
}

/**
 * The format of a whole source: {@link sniffFormat} of its first 64 bytes, and for what would fall
 * to ONNX, the HDF5 signature after a user block (byte 512, 1024, ...). A zip or JSON file is never
 * taken for HDF5 (a `.keras` zip may store its `model.weights.h5` member uncompressed anywhere).
 */
export function sniffSource(source: ByteSource): ModelFormat {
  const format = sniffFormat(source.read(0, Math.min(64, source.size)));
  return format === 'onnx' && hdf5SuperblockOffset(source) >= 0 ? 'keras-hdf5' : format;
}

/** The importer that reads a format. */
export function importerFor(format: ModelFormat): ImporterName {
  return MODEL_FORMATS.find((f) => f.format === format)!.importer;
}

/** Options of {@link profileModel}. */
export interface ProfileModelOptions {
  /** Label naming the model in messages and in the report (usually its repository path). */
  readonly file: string;
  /** Values for symbolic dims; unbound symbols count as 1 with a diagnostic. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Shape overrides for graph inputs by name. */
  readonly inputs?: Readonly<Record<string, readonly Dim[]>>;
  /** Counting convention, default `macs+flops`. */
  readonly convention?: Convention;
  /** Bounds on the work the model may cost (core's DEFAULT_WORK_LIMITS when absent); passing one is a `work-limit` ModelReadError. */
  readonly limits?: WorkLimits;
  /**
   * Accept a Keras HDF5 file holding weights but no architecture: a params-only report (weight
   * shapes only; MACs unknown, each layer an unsupported `weights-only` node). Default false: such a
   * file is a `weights-only` error saying how to save the architecture.
   */
  readonly weightsOnlyOk?: boolean;
  /** Reads the memory in use for `limits.maxMemoryBytes` (core's `MemoryProbe`; the CLI's reads the JS heap). Not for options sent to a worker, whose heap has a limit of its own. */
  readonly memory?: MemoryProbe;
  /** Called between the phases of profiling with the graph's size (ONNX; see `OnnxProfileOptions.onPhase`). Not for options sent to a worker. */
  readonly onPhase?: (phase: 'decoded' | 'inferred' | 'reported', size: number) => void;
}

/** Why a model could not be profiled at all. `kind` tells a bad file from an option that does not fit. */
export class ModelReadError extends Error {
  override readonly name = 'ModelReadError';
  constructor(
    /** The file label. */
    readonly file: string,
    /** Machine-readable cause (`lfs-pointer`, `truncated`, `not-onnx`, `bad-option`, ...). */
    readonly code: string,
    /** The cause without the file name (the message is `<file>: <reason>`). */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const stripFile = (message: string, file: string): string => (message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message);

/** An importer's entry point (`profileOnnx`, `profileKeras`). */
export type Importer = (source: ByteSource, options: ProfileModelOptions) => Report;

/**
 * Profile with a given importer, turning its "not a readable model" errors (core's
 * `ModelImportError` and `ModelOptionsError`, which every importer's errors extend, so this module
 * loads no importer) into
 * {@link ModelReadError}. The CLI uses it to load the Keras importer only for Keras files.
 */
export function profileWith(importer: Importer, source: ByteSource, options: ProfileModelOptions): Report {
  try {
    return importer(source, options);
  } catch (e) {
    if (e instanceof ModelOptionsError) throw new ModelReadError(options.file, 'bad-option', e.message);
    if (e instanceof ModelImportError) throw new ModelReadError(options.file, e.code, stripFile(e.message, options.file));
    throw e;
  }
}

export { collectAfterBigGraph, collectBetweenPhases, collectGarbage, COLLECT_FROM_NODES, heapInUse } from './heap.js';
