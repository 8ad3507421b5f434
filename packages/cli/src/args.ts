/**
 * Parsing of the options every model command shares: --dim k=v, --input name=1x3x224x224,
 * --convention, --hardware, output format flags.
 */
import { resolve } from 'node:path';
import { parseDim, type Convention, type Dim, type HardwareProfile, type UserHardware } from '@modelcost/core';
import { InputError, UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** Options shared by profile / diff. */
export interface ModelOptions {
  readonly dims: Record<string, number>;
  readonly inputs: Record<string, Dim[]>;
  readonly convention: Convention;
  readonly format: 'text' | 'json' | 'markdown' | 'csv';
  readonly perLayer: boolean;
  readonly hardware: string[];
}

/** `--dim seq=128` (repeatable). */
export function parseDimFlags(values: readonly string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values ?? []) {
    const m = /^([^=]+)=(\d+)$/.exec(v.trim());
    if (!m) throw new UsageError(`--dim ${JSON.stringify(v)}: expected name=positive integer, e.g. --dim seq=128`);
    out[m[1]!.trim()] = Number(m[2]);
  }
  return out;
}

/** `--input name=1x3x224x224` (repeatable); dims may be symbols: `--input ids=batchx128`. */
export function parseInputFlags(values: readonly string[] | undefined): Record<string, Dim[]> {
  const out: Record<string, Dim[]> = {};
  for (const v of values ?? []) {
    const eq = v.lastIndexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--input ${JSON.stringify(v)}: expected name=shape, e.g. --input pixel_values=1x3x224x224`);
    const name = v.slice(0, eq).trim();
    const dims = v
      .slice(eq + 1)
      .split(/[x,]/)
      .map((d) => d.trim());
    if (dims.some((d) => d === '' || (/^-?\d+$/.test(d) && Number(d) < 0))) throw new UsageError(`--input ${JSON.stringify(v)}: every dim must be a non-negative integer or a name`);
    out[name] = dims.map((d) => parseDim(d));
  }
  return out;
}

/** `--convention exact` (default macs+flops). */
export function parseConvention(v: string | undefined): Convention {
  if (v === undefined || v === 'macs+flops' || v === 'default') return 'macs+flops';
  if (v === 'exact') return 'exact';
  throw new UsageError(`--convention ${JSON.stringify(v)}: expected "exact" or "macs+flops"`);
}

/** `--precision fp16`: the what-if precision of latency estimates. */
export function parsePrecisionFlag(v: string | undefined): 'fp32' | 'fp16' | 'bf16' | 'int8' | undefined {
  if (v === undefined) return undefined;
  if (v === 'fp32' || v === 'fp16' || v === 'bf16' || v === 'int8') return v;
  throw new UsageError(`--precision ${JSON.stringify(v)}: expected fp32, fp16, bf16 or int8`);
}

/**
 * User profiles from a JSON file: one profile, a list, or `{ "profiles": [...] }` (what
 * `modelcost calibrate --out` writes). Problems name the file and the dot path.
 */
export async function readHardwareFile(path: string, io: CliIO): Promise<UserHardware[]> {
  // The presets and their parsers load only when hardware is asked for (start-up time of `profile`).
  const { parseUserHardware } = await import('@modelcost/core/hardware');
  const full = resolve(io.cwd, path);
  if (!io.fs.exists(full)) throw new InputError(path, 'no such hardware profile file');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(io.fs.readFile(full)));
  } catch (e) {
    throw new InputError(path, `not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null && Array.isArray((raw as { profiles?: unknown }).profiles) ? (raw as { profiles: unknown[] }).profiles : [raw];
  return list.map((p, i) => {
    const r = parseUserHardware(p, list.length === 1 && !Array.isArray(raw) ? 'profile' : `profiles[${i}]`);
    if (!r.value) throw new InputError(path, r.errors.join('; '));
    return r.value;
  });
}

/**
 * `--hardware a100,./ours.json`: preset ids, and JSON files of user profiles (every profile in a file
 * is selected). `extra` are profiles from the config, usable by id.
 */
export async function parseHardwareFlag(v: string | undefined, io: CliIO, extra: readonly UserHardware[] = []): Promise<HardwareProfile[]> {
  if (v === undefined || v.trim() === '') return [];
  const { findHardware, hardwareCatalog, HardwareError } = await import('@modelcost/core/hardware');
  const user = [...extra];
  const ids: string[] = [];
  for (const item of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item.endsWith('.json') || item.includes('/')) {
      const profiles = await readHardwareFile(item, io);
      user.push(...profiles);
      ids.push(...profiles.map((p) => p.id));
    } else ids.push(item);
  }
  try {
    return findHardware(ids, hardwareCatalog(user));
  } catch (e) {
    if (e instanceof HardwareError) throw new UsageError(`--hardware: ${e.message}`);
    throw e;
  }
}

/** `--depth N`: how deep the module tree goes (0 = no tree); undefined when not given. */
export function parseDepthFlag(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,3}$/.test(v.trim())) throw new UsageError(`--depth ${JSON.stringify(v)}: expected a whole number of levels, e.g. --depth 2 (0 hides the module tree)`);
  return Number(v.trim());
}
