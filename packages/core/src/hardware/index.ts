/**
 * The built-in hardware presets and lookups over them and user profiles.
 */
import { GPU_ARCHS } from './gpu.js';
import { PRESET_DATA } from './presets.js';
import { PEAK_DTYPES, resolveProfile, type HardwarePreset, type HardwareProfile, type Provenance, type Sourced } from './profile.js';
import { RUNTIME_IDS, runtimeFor, RuntimeError } from './runtime.js';

export * from './runtime.js';
export * from './gpu.js';

/** Every built-in preset, in source units (see {@link HardwarePreset}). */
export const HARDWARE_PRESETS: readonly HardwarePreset[] = PRESET_DATA;

/** Ids of the built-in presets. */
export const HARDWARE_IDS: readonly string[] = PRESET_DATA.map((p) => p.id);

/**
 * A user profile: a full preset, or `extends` naming a preset (or an earlier user profile) plus the
 * fields to override. Used for `.modelcost.yml` `hardwareProfiles` and `--hardware ./file.json`.
 */
export type UserHardware = Partial<HardwarePreset> & { readonly id: string; readonly extends?: string };

/** Thrown for an unknown id or an incomplete user profile; the message names the id and what is missing. */
export class HardwareError extends Error {
  override readonly name = 'HardwareError';
}

/**
 * Merge user profiles over the presets (a user profile with a preset's id replaces it) and return
 * the combined list. `extends` is resolved against presets and earlier user profiles.
 */
export function hardwareCatalog(user: readonly UserHardware[] = []): HardwarePreset[] {
  const byId = new Map<string, HardwarePreset>(PRESET_DATA.map((p) => [p.id, p]));
  for (const u of user) {
    const baseId = u.extends;
    const base = baseId === undefined ? byId.get(u.id) : byId.get(baseId);
    if (baseId !== undefined && !base) throw new HardwareError(`hardware profile ${JSON.stringify(u.id)} extends unknown profile ${JSON.stringify(baseId)}`);
    const { extends: _ext, ...fields } = u;
    const merged = {
      ...(base ?? {}),
      ...fields,
      peakTflops: { ...(base?.peakTflops ?? {}), ...(fields.peakTflops ?? {}) },
      ...(base?.matrixTflops || fields.matrixTflops ? { matrixTflops: { ...(base?.matrixTflops ?? {}), ...(fields.matrixTflops ?? {}) } } : {}),
      ...(base?.gpu || fields.gpu ? { gpu: { ...(base?.gpu ?? {}), ...(fields.gpu ?? {}) } } : {}),
      ...(base?.cpu || fields.cpu ? { cpu: { ...(base?.cpu ?? {}), ...(fields.cpu ?? {}) } } : {}),
      efficiency: { ...(base?.efficiency ?? {}), ...(fields.efficiency ?? {}) },
    } as HardwarePreset;
    const missing = (['name', 'kind', 'bandwidthGBps'] as const).filter((k) => merged[k] === undefined);
    if (Object.keys(merged.peakTflops).length === 0) missing.push('peakTflops' as never);
    if (missing.length) throw new HardwareError(`hardware profile ${JSON.stringify(u.id)} lacks ${missing.join(', ')} (give them, or "extends": "<preset id>")`);
    if (merged.gpu) {
      const lack = (['arch', 'sms', 'clockGHz', 'l2MiB'] as const).filter((k) => merged.gpu![k] === undefined);
      if (lack.length) throw new HardwareError(`hardware profile ${JSON.stringify(u.id)}: gpu lacks ${lack.join(', ')} (give them all, or leave gpu out for the class-default roofline)`);
    }
    if (merged.cpu) {
      const lack = (['cores', 'clockGHz', 'vectorBits', 'llcMiB'] as const).filter((k) => merged.cpu![k] === undefined);
      if (lack.length) throw new HardwareError(`hardware profile ${JSON.stringify(u.id)}: cpu lacks ${lack.join(', ')}`);
    }
    if (merged.runtime !== undefined) {
      try {
        runtimeFor(merged.runtime, merged.kind, u.id, merged.vendor);
      } catch (e) {
        if (e instanceof RuntimeError) throw new HardwareError(`hardware profile ${JSON.stringify(u.id)}: ${e.message}`);
        throw e;
      }
    }
    byId.set(u.id, merged);
  }
  return [...byId.values()];
}

/** Resolve hardware ids to profiles; throws {@link HardwareError} naming an unknown id and the closest ones. */
export function findHardware(ids: readonly string[], catalog: readonly HardwarePreset[] = PRESET_DATA): HardwareProfile[] {
  return ids.map((id) => {
    const p = catalog.find((x) => x.id === id);
    if (!p) {
      const near = catalog.filter((x) => x.id.includes(id.split('-')[0] ?? id)).map((x) => x.id).slice(0, 5);
      throw new HardwareError(`unknown hardware ${JSON.stringify(id)}${near.length ? `; did you mean ${near.join(', ')}?` : ''} (\`modelcost hardware list\` shows them all)`);
    }
    return resolveProfile(p);
  });
}

const PROVENANCES = ['datasheet', 'derived', 'measured', 'estimate'];
const GPU_FIELDS = ['sms', 'clockGHz', 'sustainedClockGHz', 'l2MiB', 'l2GBps', 'hostLinkGBps'] as const;
const CPU_FIELDS = ['cores', 'clockGHz', 'vectorBits', 'llcMiB', 'gemmTileRows'] as const;
const EFFICIENCY_KEYS = ['computeMax', 'computeHalfSec', 'vectorMax', 'memoryMax', 'memoryHalfSec', 'cacheBytes', 'cacheSpeedup', 'rowsHalf', 'recurrentStepSec', 'threads', 'parallelGrainSec', 'parallelSyncSec'];

/**
 * Read a user profile from parsed JSON/YAML (a `.modelcost.yml` `hardwareProfiles` entry or a
 * `--hardware ./file.json` file). Numbers may be given bare (`bandwidthGBps: 60`): they get
 * provenance `estimate` and a source naming `where`, so every value keeps a source. Returns the
 * profile or the problems, each with its dot path under `where`.
 */
export function parseUserHardware(raw: unknown, where: string): { value?: UserHardware; errors: string[] } {
  const errors: string[] = [];
  const rec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!rec(raw)) return { errors: [`${where}: expected a hardware profile mapping with an id, got ${JSON.stringify(raw)}`] };
  // Overheads and half-efficiency sizes may be 0 (a calibration can fit them to nothing); rates may not.
  const sourced = (v: unknown, path: string): Sourced | undefined => {
    const zeroOk = path === 'kernelOverheadUs' || path.endsWith('HalfSec') || path.endsWith('rowsHalf') || path.endsWith('StepSec') || path.startsWith('efficiency.parallel');
    const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && (x > 0 || (zeroOk && x === 0));
    if (ok(v)) return { value: v, provenance: 'estimate', source: `user profile (${where})` };
    if (rec(v) && ok(v.value)) {
      const provenance = v.provenance === undefined ? 'estimate' : v.provenance;
      if (typeof provenance !== 'string' || !PROVENANCES.includes(provenance)) errors.push(`${where}.${path}.provenance: expected one of ${PROVENANCES.join(', ')}, got ${JSON.stringify(v.provenance)}`);
      const source = typeof v.source === 'string' && v.source.trim() ? v.source : `user profile (${where})`;
      return { value: v.value, provenance: provenance as Provenance, source };
    }
    errors.push(`${where}.${path}: expected a ${zeroOk ? 'non-negative' : 'positive'} number or {value, provenance, source}, got ${JSON.stringify(v)}`);
    return undefined;
  };
  const out: Record<string, unknown> = {};
  if (typeof raw.id !== 'string' || !raw.id) errors.push(`${where}.id: expected a non-empty string, got ${JSON.stringify(raw.id)}`);
  else out.id = raw.id;
  for (const k of ['extends', 'name', 'vendor', 'notes', 'runtime']) {
    if (raw[k] === undefined) continue;
    if (typeof raw[k] === 'string') out[k] = raw[k];
    else errors.push(`${where}.${k}: expected a string, got ${JSON.stringify(raw[k])}`);
  }
  if (raw.kind !== undefined) {
    if (raw.kind === 'cpu' || raw.kind === 'gpu' || raw.kind === 'npu') out.kind = raw.kind;
    else errors.push(`${where}.kind: expected cpu, gpu or npu, got ${JSON.stringify(raw.kind)}`);
  }
  if (typeof out.runtime === 'string' && !RUNTIME_IDS.includes(out.runtime)) errors.push(`${where}.runtime: unknown runtime ${JSON.stringify(out.runtime)}; expected one of ${RUNTIME_IDS.join(', ')}`);
  for (const key of ['peakTflops', 'matrixTflops'] as const) {
    if (raw[key] === undefined) continue;
    if (!rec(raw[key])) errors.push(`${where}.${key}: expected a mapping of dtype to TFLOPS, got ${JSON.stringify(raw[key])}`);
    else {
      const peaks: Record<string, Sourced> = {};
      for (const [t, v] of Object.entries(raw[key])) {
        if (!(PEAK_DTYPES as readonly string[]).includes(t)) errors.push(`${where}.${key}.${t}: unknown dtype; expected one of ${PEAK_DTYPES.join(', ')}`);
        else {
          const s = sourced(v, `${key}.${t}`);
          if (s) peaks[t] = s;
        }
      }
      out[key] = peaks;
    }
  }
  const structure = { gpu: { numbers: GPU_FIELDS, text: 'arch' }, cpu: { numbers: CPU_FIELDS, text: 'matrixUnit' } } as const;
  for (const [key, { numbers, text }] of Object.entries(structure) as [keyof typeof structure, (typeof structure)[keyof typeof structure]][]) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!rec(v)) {
      errors.push(`${where}.${key}: expected a mapping of ${[text, ...numbers].join(', ')}, got ${JSON.stringify(v)}`);
      continue;
    }
    const o: Record<string, unknown> = {};
    for (const [f, x] of Object.entries(v)) {
      if (f === text) {
        if (key === 'gpu' && !(typeof x === 'string' && (GPU_ARCHS as readonly string[]).includes(x))) errors.push(`${where}.gpu.arch: expected one of ${GPU_ARCHS.join(', ')}, got ${JSON.stringify(x)}`);
        else if (typeof x !== 'string') errors.push(`${where}.${key}.${f}: expected a string, got ${JSON.stringify(x)}`);
        else o[f] = x;
      } else if ((numbers as readonly string[]).includes(f)) {
        const s = sourced(x, `${key}.${f}`);
        if (s) o[f] = s;
      } else errors.push(`${where}.${key}.${f}: unknown field; expected one of ${[text, ...numbers].join(', ')}`);
    }
    out[key] = o;
  }
  for (const k of ['bandwidthGBps', 'memoryGB', 'kernelOverheadUs']) {
    if (raw[k] === undefined) continue;
    const s = sourced(raw[k], k);
    if (s) out[k] = s;
  }
  if (raw.efficiency !== undefined) {
    if (!rec(raw.efficiency)) errors.push(`${where}.efficiency: expected a mapping, got ${JSON.stringify(raw.efficiency)}`);
    else {
      const eff: Record<string, Sourced> = {};
      for (const [k, v] of Object.entries(raw.efficiency)) {
        if (!EFFICIENCY_KEYS.includes(k)) errors.push(`${where}.efficiency.${k}: unknown factor; expected ${EFFICIENCY_KEYS.join(', ')}`);
        else {
          const s = sourced(v, `efficiency.${k}`);
          if (s) eff[k] = s;
        }
      }
      out.efficiency = eff;
    }
  }
  const known = ['id', 'extends', 'name', 'vendor', 'notes', 'runtime', 'kind', 'peakTflops', 'matrixTflops', 'gpu', 'cpu', 'bandwidthGBps', 'memoryGB', 'kernelOverheadUs', 'efficiency'];
  for (const k of Object.keys(raw)) if (!known.includes(k)) errors.push(`${where}.${k}: unknown field; expected one of ${known.join(', ')}`);
  return errors.length ? { errors } : { value: out as UserHardware, errors };
}
