/**
 * Parsing of the options every model command shares: --dim k=v, --input name=1x3x224x224,
 * --convention, --hardware, output format flags.
 */
import { parseDim, type Convention, type Dim } from '@modelcost/core';
import { UsageError } from './errors.js';

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
