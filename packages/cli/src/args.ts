/**
 * Parsing of the options every model command shares: --dim k=v, --input name=1x3x224x224,
 * --convention, --hardware, output format flags.
 */
import { resolve } from 'node:path';
import { parseDim, type Convention, type Dim, type HardwareProfile, type Report, type UserHardware } from '@modelcost/core';
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

/**
 * The `--dim` names that no shape or formula of any of `reports` mentions: each is likely a typo
 * (`--dim seq_len=128` for a model whose symbol is `seq`), and was ignored.
 */
export function unusedDims(dims: Readonly<Record<string, number>>, reports: readonly Report[]): string[] {
  const names = Object.keys(dims);
  if (names.length === 0 || reports.length === 0) return [];
  const used = new Set<string>();
  const scan = (d: unknown): void => {
    if (typeof d === 'string') for (const m of d.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) used.add(m[0]);
  };
  for (const r of reports) {
    for (const t of [...r.inputs, ...r.outputs]) t.shape?.forEach(scan);
    for (const n of r.nodes) for (const t of n.outputs) t.shape?.forEach(scan);
    Object.values(r.symbolic ?? {}).forEach(scan);
  }
  return names.filter((n) => !used.has(n));
}

/** A warning (one line, no newline; symbols come from the model: escape it for where it goes) for each `--dim` no model uses. */
export function warnUnusedDims(dims: Readonly<Record<string, number>>, reports: readonly Report[], warn: (line: string) => void): void {
  const unused = unusedDims(dims, reports);
  if (unused.length === 0) return;
  const symbols = [...new Set(reports.flatMap((r) => Object.keys(r.dims)))].filter((s) => !unused.includes(s));
  for (const name of unused) warn(`modelcost: warning: --dim ${JSON.stringify(name)}: no dimension of ${reports.length === 1 ? 'the model' : 'these models'} is named so; ignored (${symbols.length ? `its symbols: ${symbols.join(', ')}` : 'the model has no symbolic dimensions'})`);
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
 * `--runtime tensorrt` (every hardware) or `--runtime nvidia-l4=tensorrt,rpi5-cpu=tflite-xnnpack` (per
 * hardware id). Ids are checked against the runtimes; whether each runs on its hardware is checked by
 * {@link checkRuntime} once the profiles are known.
 */
export async function parseRuntimeFlag(v: string | undefined): Promise<string | Record<string, string> | undefined> {
  if (v === undefined || v.trim() === '') return undefined;
  const { RUNTIME_IDS } = await import('@modelcost/core/hardware');
  const known = (id: string): string => {
    if (!RUNTIME_IDS.includes(id)) throw new UsageError(`--runtime ${JSON.stringify(id)}: unknown runtime; expected one of ${RUNTIME_IDS.join(', ')}`);
    return id;
  };
  if (!v.includes('=')) return known(v.trim());
  const out: Record<string, string> = {};
  for (const item of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw new UsageError(`--runtime ${JSON.stringify(item)}: expected a runtime id or hardware=runtime pairs, e.g. --runtime nvidia-l4=tensorrt`);
    out[item.slice(0, eq).trim()] = known(item.slice(eq + 1).trim());
  }
  return out;
}

/**
 * Check that a `--runtime` choice runs on each profile it applies to, and names only those profiles
 * (exit 2 naming both otherwise); `among` says where the profiles come from in the message.
 */
export async function checkRuntime(runtime: string | Readonly<Record<string, string>> | undefined, profiles: readonly HardwareProfile[], among = 'the --hardware profiles'): Promise<void> {
  if (runtime === undefined) return;
  const { runtimeOf, RuntimeError } = await import('@modelcost/core');
  if (typeof runtime !== 'string') {
    for (const id of Object.keys(runtime)) if (!profiles.some((p) => p.id === id)) throw new UsageError(`--runtime: ${JSON.stringify(id)} is not among ${among} (${profiles.map((p) => p.id).join(', ') || 'none given'})`);
  }
  for (const p of profiles) {
    try {
      runtimeOf(p, { runtime });
    } catch (e) {
      if (e instanceof RuntimeError) throw new UsageError(`--runtime: ${e.message}`);
      throw e;
    }
  }
}

/** `--throughput-batch 64`: the batch of the throughput figure (default: the best within device memory). */
export function parseThroughputBatch(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65536) throw new UsageError(`--throughput-batch ${JSON.stringify(v)}: expected an integer from 1 to 65536`);
  return Number(v);
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
