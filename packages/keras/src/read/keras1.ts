/**
 * Keras 1 layer configs (`nb_filter`, `border_mode`, `subsample`, `output_dim`, `dim_ordering`...)
 * translated to Keras 2 keys, so one set of rules reads every version. Class names stay as written
 * (the registry maps the Keras 1 names to the same rules).
 */
type Obj = Record<string, unknown>;

/** Keys that only Keras 1 configs use. */
const KERAS1_KEYS = ['nb_filter', 'border_mode', 'subsample', 'dim_ordering', 'output_dim', 'W_regularizer', 'init', 'nb_row', 'input_dtype', 'subsample_length', 'pool_length'];

/** True when a layer config is in Keras 1 form. */
export function isKeras1Config(config: Obj): boolean {
  return KERAS1_KEYS.some((k) => k in config);
}

function move(out: Obj, from: string, to: string, map: (v: unknown) => unknown = (v) => v): void {
  if (from in out) {
    const v = out[from];
    delete out[from];
    if (!(to in out)) out[to] = map(v);
  }
}

const dataFormat = (v: unknown): unknown => (v === 'th' ? 'channels_first' : v === 'tf' ? 'channels_last' : v);

/** Translate one Keras 1 layer config (className is the Keras 1 class name). Returns a new object. */
export function translateKeras1(className: string, config: Obj): Obj {
  const out: Obj = { ...config };
  move(out, 'dim_ordering', 'data_format', dataFormat);
  move(out, 'border_mode', 'padding');
  move(out, 'subsample', 'strides');
  move(out, 'nb_filter', 'filters');
  move(out, 'bias', 'use_bias');
  move(out, 'input_dtype', 'dtype');
  move(out, 'atrous_rate', 'dilation_rate');
  move(out, 'p', 'rate');
  if ('nb_row' in out && 'nb_col' in out) {
    out['kernel_size'] = [out['nb_row'], out['nb_col']];
    delete out['nb_row'];
    delete out['nb_col'];
  }
  if ('kernel_dim1' in out) {
    out['kernel_size'] = [out['kernel_dim1'], out['kernel_dim2'], out['kernel_dim3']];
    delete out['kernel_dim1'];
    delete out['kernel_dim2'];
    delete out['kernel_dim3'];
  }
  move(out, 'filter_length', 'kernel_size');
  move(out, 'subsample_length', 'strides');
  move(out, 'pool_length', 'pool_size');
  move(out, 'stride', 'strides');
  // Dense / RNN output_dim is units; Embedding keeps its output_dim.
  if (className !== 'Embedding') move(out, 'output_dim', 'units');
  // Sequential first layers: input_dim (+ input_length) give the batch input shape.
  if (!('batch_input_shape' in out) && className !== 'Embedding' && typeof out['input_dim'] === 'number') {
    out['batch_input_shape'] = 'input_length' in out ? [null, out['input_length'] ?? null, out['input_dim']] : [null, out['input_dim']];
  }
  if (className === 'Embedding' && !('batch_input_shape' in out) && 'input_length' in out) out['batch_input_shape'] = [null, out['input_length'] ?? null];
  if (className === 'Deconvolution2D' || className === 'Deconvolution3D') delete out['output_shape'];
  if (className === 'GRU' && !('reset_after' in out)) out['reset_after'] = false;
  for (const k of ['layer', 'backward_layer']) {
    const inner = out[k] as Obj | undefined;
    if (inner && typeof inner === 'object' && typeof inner['class_name'] === 'string' && inner['config'] && typeof inner['config'] === 'object')
      out[k] = { ...inner, config: translateKeras1(inner['class_name'], inner['config'] as Obj) };
  }
  return out;
}
