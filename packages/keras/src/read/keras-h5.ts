/**
 * What Keras keeps in an HDF5 file, read through the lazy HDF5 reader (weight data is never read):
 * - a whole model (Keras 2 / tf.keras `model.save('m.h5')`, tf-keras `hdf5_format.save_model_to_hdf5`;
 *   Keras 3 `legacy_h5_format`): root attributes `model_config` (the `{class_name, config}` JSON of
 *   `model.to_json()`), `keras_version`, `backend`;
 * - weights only, Keras 2 (`model.save_weights('w.h5')`, `save_weights_to_hdf5_group`): root
 *   attribute `layer_names` (split into `layer_names0`, `layer_names1`... past 64512 bytes by
 *   `save_attributes_to_hdf5_group`), one group per layer with attribute `weight_names`, each weight a
 *   dataset at `<layer>/<weight name>`, and `top_level_model_weights`;
 * - weights only, Keras 3 (`model.save_weights('m.weights.h5')`, `saving_lib.H5IOStore`): a group per
 *   saved object path, `layers/<name>/vars` (nested models `layers/<outer>/layers/<inner>/vars`; Keras
 *   2.13's `.keras` writer used `_layer_checkpoint_dependencies` for `layers`), datasets `0`, `1`, ...;
 *   the optimizer's state under `optimizer/` is not a model weight.
 */
import { pushAll, type ByteSource, type WorkBudget } from '@modelcost/core';
import { KerasImportError } from '../errors.js';
import { MAX_CONFIG_BYTES, MESSAGES } from '../messages.js';
import { Hdf5Error } from './hdf5/cursor.js';
import { DT, elementCount, Hdf5File, type Attribute, type Datatype } from './hdf5/file.js';

/** A weight dataset's shape and element type (its data is not read). */
export interface H5Weight {
  /** Path of the dataset inside the file (`model_weights/dense/dense/kernel:0`). */
  readonly path: string;
  readonly dims: readonly number[];
  /** `float32`, `int64`... (from the HDF5 datatype's class and size). */
  readonly dtype: string;
  /** Bytes of one element. */
  readonly elementBytes: number;
}

/** The weights of one layer of a weights-only file. */
export interface H5LayerWeights {
  /** Layer name; nested layers as `outer/inner`. */
  readonly name: string;
  readonly weights: readonly H5Weight[];
}

/** An HDF5 file holding a whole Keras model. */
export interface KerasH5Model {
  readonly kind: 'model';
  /** The `model_config` attribute's text. */
  readonly config: string;
  readonly kerasVersion?: string;
  readonly backend?: string;
}

/** An HDF5 file holding Keras weights and no architecture. */
export interface KerasH5Weights {
  readonly kind: 'weights';
  /** `keras2`: save_weights groups with `weight_names`; `keras3`: H5IOStore `layers/.../vars`. */
  readonly layout: 'keras2' | 'keras3';
  readonly kerasVersion?: string;
  readonly backend?: string;
  readonly layers: readonly H5LayerWeights[];
}

/** Options of {@link readKerasH5}. */
export interface ReadKerasH5Options {
  readonly file: string;
  readonly budget: WorkBudget;
  /** Read the weight datasets' shapes of a weights-only file; when false such a file is an error. */
  readonly weights: boolean;
}

function dtypeName(t: Datatype): string {
  if (t.cls === DT.floatingPoint) return t.size === 2 ? 'float16' : t.size === 8 ? 'float64' : 'float32';
  if (t.cls === DT.fixedPoint) return `${t.signed ? 'int' : 'uint'}${t.size * 8}`;
  return `hdf5-class-${t.cls}`;
}

/** Attribute `name`, or its chunks `name0`, `name1`, ... (save_attributes_to_hdf5_group), as strings. */
function stringList(h: Hdf5File, attrs: Map<string, Attribute>, name: string): string[] | undefined {
  const whole = attrs.get(name);
  if (whole) return h.strings(whole);
  if (!attrs.has(`${name}0`)) return undefined;
  const out: string[] = [];
  for (let i = 0; attrs.has(`${name}${i}`); i++) pushAll(out, h.strings(attrs.get(`${name}${i}`)!) ?? []);
  return out;
}

function oneString(h: Hdf5File, a: Attribute | undefined, maxBytes?: number): string | undefined {
  if (!a) return undefined;
  const s = h.strings(a, maxBytes);
  return s && s.length === 1 ? s[0] : undefined;
}

class Reader {
  constructor(
    readonly h: Hdf5File,
    readonly file: string,
  ) {}

  damaged(reason: string): KerasImportError {
    return new KerasImportError(this.file, 'hdf5-damaged', MESSAGES.hdf5Damaged(this.file, reason));
  }

  weight(addr: number, path: string): H5Weight {
    const ds = this.h.dataset(addr);
    if (!ds) throw this.damaged(`${JSON.stringify(path)} is a group, expected a weight dataset`);
    return { path, dims: ds.dims, dtype: dtypeName(ds.type), elementBytes: ds.type.size };
  }

  /** Keras 2 save_weights_to_hdf5_group under the group at `at` (`prefix` names it in paths). */
  keras2(at: number, prefix: string, layerNames: readonly string[]): H5LayerWeights[] {
    const h = this.h;
    const out: H5LayerWeights[] = [];
    const groups = [...layerNames, ...(h.links(at).has('top_level_model_weights') ? ['top_level_model_weights'] : [])];
    for (const name of groups) {
      const g = h.links(at).get(name);
      if (g === undefined) throw this.damaged(`layer_names lists ${JSON.stringify(name)} but ${JSON.stringify(prefix || '/')} has no such group`);
      const names = stringList(h, h.attributes(g), 'weight_names') ?? [];
      const weights = names.map((w) => {
        const addr = h.resolve(g, w.split('/'));
        const path = `${prefix}${name}/${w}`;
        if (addr === undefined) throw this.damaged(`weight_names of ${JSON.stringify(name)} lists ${JSON.stringify(w)} but there is no dataset ${JSON.stringify(path)}`);
        return this.weight(addr, path);
      });
      if (weights.length) out.push({ name: name === 'top_level_model_weights' ? '(model)' : name, weights });
    }
    return out;
  }

  /** Keras 3 H5IOStore: every `vars` group under `layers` (or `_layer_checkpoint_dependencies`), depth first by name. */
  keras3(root: number): H5LayerWeights[] {
    const h = this.h;
    const out: H5LayerWeights[] = [];
    const top = h.links(root);
    const own = top.get('vars');
    if (own !== undefined) this.vars(own, 'vars', '(model)', out);
    const byName = (m: Map<string, number>): [string, number][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // A container entry is a `layers` group (its children are layers); a layer entry may hold `vars`
    // (its variables) and `layers` (a nested model's layers). Pushed in reverse to pop in name order.
    type Entry = { container: boolean; addr: number; path: string; name: string };
    const containers = (links: Map<string, number>, path: string, name: string): Entry[] =>
      ['layers', '_layer_checkpoint_dependencies'].flatMap((k) => (links.has(k) ? [{ container: true, addr: links.get(k)!, path: path ? `${path}/${k}` : k, name }] : []));
    const stack: Entry[] = containers(top, '', '').reverse();
    const seen = new Set<number>();
    while (stack.length) {
      const e = stack.pop()!;
      if (seen.has(e.addr)) continue;
      seen.add(e.addr);
      this.h.charge('Keras 3 weights group');
      if (e.container) {
        for (const [child, addr] of byName(h.links(e.addr)).reverse()) stack.push({ container: false, addr, path: `${e.path}/${child}`, name: e.name ? `${e.name}/${child}` : child });
        continue;
      }
      const links = h.links(e.addr);
      const v = links.get('vars');
      if (v !== undefined) this.vars(v, `${e.path}/vars`, e.name, out);
      pushAll(stack, containers(links, e.path, e.name).reverse());
    }
    return out;
  }

  private vars(addr: number, path: string, layer: string, out: H5LayerWeights[]): void {
    const entries = [...this.h.links(addr)].sort(([a], [b]) => Number(a) - Number(b) || (a < b ? -1 : 1));
    const weights = entries.map(([n, a]) => this.weight(a, `${path}/${n}`));
    if (weights.length) out.push({ name: layer, weights });
  }
}

/**
 * Read the Keras content of an HDF5 file. Throws {@link KerasImportError}: `hdf5-damaged` (truncated
 * or damaged), `hdf5-unsupported` (an HDF5 feature Keras files do not use), `weights-only` (weights and
 * no architecture, unless `options.weights`), `not-keras` (HDF5 without a Keras layout).
 */
export function readKerasH5(src: ByteSource, options: ReadKerasH5Options): KerasH5Model | KerasH5Weights {
  const file = options.file;
  try {
    const h = Hdf5File.open(src, { budget: options.budget });
    const r = new Reader(h, file);
    const attrs = h.attributes(h.root);
    const kerasVersion = oneString(h, attrs.get('keras_version'));
    const backend = oneString(h, attrs.get('backend'));
    const meta = { ...(kerasVersion !== undefined ? { kerasVersion } : {}), ...(backend !== undefined ? { backend } : {}) };
    const mc = attrs.get('model_config');
    if (mc) {
      // The same cap as a .keras archive's config.json.
      const config = oneString(h, mc, MAX_CONFIG_BYTES);
      if (config === undefined) throw new KerasImportError(file, 'hdf5-damaged', MESSAGES.hdf5ConfigNotString(file));
      return { kind: 'model', config, ...meta };
    }
    const layerNames = stringList(h, attrs, 'layer_names');
    const top = h.links(h.root);
    const keras3 = top.has('layers') || top.has('_layer_checkpoint_dependencies') || (top.has('vars') && top.size <= 4);
    if (layerNames === undefined && !keras3) throw new KerasImportError(file, 'not-keras', MESSAGES.hdf5NotKeras(file, [...attrs.keys()], [...top.keys()]));
    if (!options.weights) throw new KerasImportError(file, 'weights-only', MESSAGES.weightsOnly(file, layerNames !== undefined ? 'keras2' : 'keras3'));
    const layers = layerNames !== undefined ? r.keras2(h.root, '', layerNames) : r.keras3(h.root);
    return { kind: 'weights', layout: layerNames !== undefined ? 'keras2' : 'keras3', ...meta, layers };
  } catch (e) {
    if (e instanceof Hdf5Error)
      throw new KerasImportError(file, e.kind === 'damaged' ? 'hdf5-damaged' : 'hdf5-unsupported', e.kind === 'damaged' ? MESSAGES.hdf5Damaged(file, e.message) : MESSAGES.hdf5Unsupported(file, e.message), e.offset);
    throw e;
  }
}

/** Elements of a weight (1 for a scalar). */
export function weightElements(w: H5Weight): number {
  return elementCount({ kind: w.dims.length ? 'simple' : 'scalar', dims: w.dims });
}
