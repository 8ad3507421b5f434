/**
 * One entry point for "profile this model file, whatever its format": sniff the first bytes, hand
 * the source to the importer they call for, and turn every importer's "this is not a readable model"
 * error into one {@link ModelReadError}. The CLI, the review and the Nx executor all profile through
 * here, so a new importer is wired in one place.
 */
import type { ByteSource, Report } from '@modelcost/core';
import { profileKeras } from '@modelcost/keras';
import { profileOnnx } from '@modelcost/onnx';
import { importerFor, profileWith, sniffSource, type Importer, type ImporterName, type ProfileModelOptions } from './model-read.js';

export * from './model-read.js';

const IMPORTERS: Readonly<Record<ImporterName, Importer>> = { onnx: profileOnnx, keras: profileKeras };

/**
 * Profile a model from its bytes. Throws {@link ModelReadError} when the bytes are not a readable
 * model or an option does not fit it; problems inside a readable model are report diagnostics.
 */
export function profileModel(source: ByteSource, options: ProfileModelOptions): Report {
  return profileWith(IMPORTERS[importerFor(sniffSource(source))], source, options);
}
