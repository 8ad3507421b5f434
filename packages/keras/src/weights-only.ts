/**
 * A params-only analysis of a Keras weights file (no architecture): one `weights-only` call per
 * layer group, whose params are the elements of its weight datasets' shapes (dataspace dims only;
 * no data is read). Such a call has no cost rule, so it is `unsupported`: the report lists it under
 * `coverage.unsupported` and its MACs / FLOPs are unknown, never a counted 0.
 */
import { numElements, Poly, type Dim } from '@modelcost/core';
import { KerasImportError } from './errors.js';
import type { GraphResult, KerasWeight, LayerCallResult } from './graph.js';
import { MESSAGES, WEIGHTS_ONLY_OP } from './messages.js';
import type { KerasModelFile } from './read/formats.js';
import type { KerasH5Weights } from './read/keras-h5.js';
import type { KerasAnalysis } from './profile.js';

function major(version: string | undefined): number | undefined {
  const m = version ? /^(\d+)\./.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

/** The analysis of a weights-only HDF5 file. `inputs` (shape overrides) do not apply: there are no inputs. */
export function weightsOnlyAnalysis(w: KerasH5Weights, file: string, inputs?: Readonly<Record<string, readonly Dim[]>>): KerasAnalysis {
  const names = Object.keys(inputs ?? {});
  if (names.length) throw new KerasImportError(file, 'bad-option', MESSAGES.badInputOption(file, names[0]!, []));
  const calls: LayerCallResult[] = [];
  const weights: KerasWeight[] = [];
  let params = Poly.ZERO;
  for (const layer of w.layers) {
    const own: KerasWeight[] = layer.weights.map((d) => {
      const shape = [...d.dims];
      const elements = numElements(shape);
      return { name: d.path, layer: layer.name, shape, dtype: d.dtype, trainable: true, elements, bytes: elements.mul(d.elementBytes) };
    });
    const layerParams = own.reduce((p, x) => p.add(x.elements), Poly.ZERO);
    params = params.add(layerParams);
    weights.push(...own);
    calls.push({
      name: layer.name,
      layer: layer.name,
      className: WEIGHTS_ONLY_OP,
      inputs: [],
      outputs: [],
      weights: own,
      params: layerParams,
      bytesRead: own.reduce((p, x) => p.add(x.bytes), Poly.ZERO),
      bytesWritten: Poly.ZERO,
      status: 'unsupported',
    });
  }
  const result: GraphResult = {
    inputs: [],
    outputs: [],
    calls,
    weights,
    diagnostics: [{ severity: 'warning', code: 'weights-only', message: MESSAGES.weightsOnlyReport(w.layers.length) }],
  };
  const kerasMajor = major(w.kerasVersion);
  const model: KerasModelFile = {
    model: { className: WEIGHTS_ONLY_OP, name: '', trainable: true, layers: [], inputs: [], outputs: [] },
    producer: w.kerasVersion ? `keras ${w.kerasVersion}` : w.layout === 'keras3' ? 'keras 3' : 'keras',
    ...(kerasMajor !== undefined ? { kerasMajor } : w.layout === 'keras3' ? { kerasMajor: 3 } : {}),
    legacy: false,
    flavour: 'keras',
  };
  return { config: undefined, container: 'hdf5', file: model, result, params, trainableParams: undefined, weightsOnly: true };
}
