/**
 * Opening a model file and profiling it with the importer its bytes call for.
 */
import { isAbsolute, resolve } from 'node:path';
import { withLatency, type Convention, type Dim, type HardwareProfile, type Report } from '@modelcost/core';
import { profileOnnx } from '@modelcost/onnx';
import { collectBetweenPhases, heapInUse, importerFor, ModelReadError, profileWith, sniffSource, type Importer } from '@modelcost/report/profile';
import { InputError } from './errors.js';
import type { CliIO } from './io.js';

/** Options of one profile run. */
export interface ProfileOptions {
  readonly dims: Record<string, number>;
  readonly inputs: Record<string, Dim[]>;
  readonly convention: Convention;
  /** Profiles to estimate latency on (none: no estimate). */
  readonly hardware?: readonly HardwareProfile[];
  /** What-if precision of the estimates. */
  readonly precision?: 'fp32' | 'fp16' | 'bf16' | 'int8';
  /** Runtime of the estimates (all hardware, or per id); default: each profile's own. */
  readonly runtime?: string | Readonly<Record<string, string>>;
  /** Batch of the throughput figure. */
  readonly throughputBatch?: number;
  /** Accept a Keras weights-only HDF5 file: a params-only report (`--weights-only-ok`). */
  readonly weightsOnlyOk?: boolean;
}

/** The importer for a format (report's registry), the Keras one loaded only when a file needs it. */
async function loadImporter(name: ReturnType<typeof importerFor>): Promise<Importer> {
  // The Keras importer is loaded only for Keras files: ONNX profiles start faster without it.
  return name === 'onnx' ? profileOnnx : (await import('@modelcost/keras')).profileKeras;
}

/** Profile the model at `path` (relative to io.cwd). Errors about the file become {@link InputError}. */
export async function profileModelFile(path: string, opts: ProfileOptions, io: CliIO): Promise<Report> {
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
    const importer = await loadImporter(importerFor(sniffSource(source)));
    const report = profileWith(importer, source, { file: path, dims: opts.dims, inputs: opts.inputs, convention: opts.convention, memory: heapInUse, onPhase: collectBetweenPhases, ...(opts.weightsOnlyOk ? { weightsOnlyOk: true } : {}) });
    const options = { ...(opts.precision ? { precision: opts.precision } : {}), ...(opts.runtime ? { runtime: opts.runtime } : {}), ...(opts.throughputBatch ? { throughputBatch: opts.throughputBatch } : {}) };
    return opts.hardware?.length ? withLatency(report, opts.hardware, options) : report;
  } catch (e) {
    if (e instanceof ModelReadError) throw new InputError(path, e.reason);
    // One model's bug is that model's error: the other files of the command are still profiled.
    if (e instanceof InputError) throw e;
    throw new InputError(path, `internal error while profiling (a bug in modelcost; please report it): ${(e as Error).message ?? String(e)}`);
  } finally {
    source.close();
  }
}
