/**
 * `modelcost hardware [list|show <id>]`: the hardware profiles latency can be estimated on, built-in
 * presets plus the config's `hardwareProfiles` and any `--hardware ./file.json`.
 */
import { maxOf, PEAK_DTYPES, resolveProfile, sourcedValues, type HardwarePreset, type UserHardware } from '@modelcost/core';
import { readHardwareFile } from '../args.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { Command } from './index.js';
import { CLI_JSON_VERSION, jsonText, type HardwareListJson, type HardwareRuntimesJson, type HardwareShowJson } from '../json.js';
import { SHARED_HELP } from './options.js';
import { term } from '@modelcost/report/renderers';

function table(rawRows: string[][]): string {
  // Ids, names and sources of the config's own profiles are the config author's text: no escape sequence reaches the terminal.
  const rows = rawRows.map((r) => r.map((c) => term(c, 200)));
  const widths = rows[0]!.map((_, i) => maxOf(rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const num = (v: number | undefined): string => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2));

export const hardwareCommand: Command = {
  summary: 'List the hardware profiles latency is estimated on, or show one with every value and its source; `runtimes` lists the runtimes.',
  usage: 'modelcost hardware [list|show <id>|runtimes] [--config .modelcost.yml] [--hardware ./profile.json] [--json]',
  examples: ['modelcost hardware list', 'modelcost hardware show jetson-orin-nano-8gb', 'modelcost hardware show local --hardware ./local-profile.json', 'modelcost hardware runtimes', 'modelcost hardware list --json'],
  options: {
    config: { type: 'string' },
    hardware: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  optionHelp: {
    config: { arg: 'path', text: "Add the config's hardwareProfiles to the list (default: .modelcost.yml when there is one)." },
    hardware: { arg: './file.json,...', text: 'Add the profiles in these JSON files (what `modelcost calibrate --out` writes), comma separated.' },
    json: { text: 'Print JSON: {schemaVersion, profiles} for list, {schemaVersion, preset, resolved} for show, {schemaVersion, runtimes} for runtimes (docs/cli-json.md).' },
    help: SHARED_HELP.help,
  },
  async run(args, io: CliIO) {
    const [sub = 'list', id, ...extra] = args.positionals;
    if (extra.length || ((sub === 'list' || sub === 'runtimes') && id !== undefined)) throw new UsageError('hardware: expected `list`, `show <id>` or `runtimes`');
    if (sub === 'runtimes') {
      const { RUNTIMES, runtimeValues } = await import('@modelcost/core/hardware');
      if (args.values.json) {
        io.stdout.write(jsonText({ schemaVersion: CLI_JSON_VERSION, runtimes: RUNTIMES } satisfies HardwareRuntimesJson));
        return EXIT.ok;
      }
      const lines: string[] = [];
      // One column for every value's path, the longest (microKernelGemm.tilesPerThread) included.
      const pathWidth = Math.max(...RUNTIMES.flatMap((r) => runtimeValues(r).map((v) => v.path.length)));
      for (const r of RUNTIMES) {
        lines.push(`${r.id}: ${r.name} (${r.kinds.join(', ')}${r.vendors ? `; ${r.vendors.join(', ')} only` : ''}), fusion ${r.fusion}, dtypes ${r.dtypes.join(' ')}${r.tf32 ? ', TF32 for fp32' : ''}${r.matrixUnits ? ', CPU matrix units' : ''}`);
        for (const { path, value } of runtimeValues(r)) lines.push(`  ${path.padEnd(pathWidth)} ${String(value.value).padStart(6)}  [${value.provenance}] ${value.source}`);
        if (r.notes) lines.push(`  notes: ${r.notes}`);
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }
    const user: UserHardware[] = [];
    const configPath = args.values.config as string | undefined;
    if (configPath !== undefined || io.fs.exists(`${io.cwd}/.modelcost.yml`)) {
      const { loadConfig } = await import('../config.js');
      user.push(...loadConfig(io, io.cwd, configPath, false).hardwareProfiles);
    }
    const files = (args.values.hardware as string | undefined)?.split(',').filter(Boolean) ?? [];
    for (const f of files) user.push(...(await readHardwareFile(f, io)));
    const { hardwareCatalog, HardwareError } = await import('@modelcost/core/hardware');
    let catalog: HardwarePreset[];
    try {
      catalog = hardwareCatalog(user);
    } catch (e) {
      if (e instanceof HardwareError) throw new UsageError(`hardware: ${e.message}`);
      throw e;
    }
    if (sub === 'list') {
      if (args.values.json) {
        io.stdout.write(jsonText({ schemaVersion: CLI_JSON_VERSION, profiles: catalog } satisfies HardwareListJson));
        return EXIT.ok;
      }
      const rows = [['id', 'kind', 'name', 'fp32 TF', 'fp16 TF', 'int8 TOPS', 'GB/s']];
      for (const p of catalog) rows.push([p.id, p.kind, p.name, num(p.peakTflops.fp32?.value), num(p.peakTflops.fp16?.value), num(p.peakTflops.int8?.value), num(p.bandwidthGBps.value)]);
      io.stdout.write(`${table(rows)}\n\n${catalog.length} profiles. Dense peaks (no sparsity). \`modelcost hardware show <id>\` lists each value's source.\n`);
      return EXIT.ok;
    }
    if (sub !== 'show' || id === undefined) throw new UsageError('hardware: expected `list`, `show <id>` or `runtimes`');
    const p = catalog.find((x) => x.id === id);
    if (!p) throw new UsageError(`hardware: unknown hardware ${JSON.stringify(id)} (\`modelcost hardware list\` shows them all)`);
    const r = resolveProfile(p);
    if (args.values.json) {
      io.stdout.write(jsonText({ schemaVersion: CLI_JSON_VERSION, preset: p, resolved: r } satisfies HardwareShowJson));
      return EXIT.ok;
    }
    const lines = [`${p.id}: ${p.name} (${p.kind}${p.vendor ? `, ${p.vendor}` : ''})`];
    for (const { path, value } of sourcedValues(p)) lines.push(`  ${path.padEnd(26)} ${String(value.value).padStart(10)}  [${value.provenance}] ${value.source}`);
    const own = new Set(sourcedValues(p).map((v) => v.path));
    if (!own.has('kernelOverheadUs')) lines.push(`  ${'kernelOverheadUs'.padEnd(26)} ${String(r.kernelOverheadSec.value * 1e6).padStart(10)}  [${r.kernelOverheadSec.provenance}] ${r.kernelOverheadSec.source}`);
    for (const [k, v] of Object.entries(r.efficiency)) if (!own.has(`efficiency.${k}`)) lines.push(`  ${`efficiency.${k}`.padEnd(26)} ${String(v.value).padStart(10)}  [${v.provenance}] ${v.source}`);
    lines.push(`  runtime ${r.runtime}${p.runtime ? '' : ' (default for the device class)'}`);
    if (r.gpu) {
      // GPUs with their structure run the tile-and-wave model: these fitted constants apply (gpu.ts).
      const { GPU_PHYSICS } = await import('@modelcost/core/hardware');
      for (const [k, v] of Object.entries(GPU_PHYSICS)) lines.push(`  ${`gpuPhysics.${k}`.padEnd(26)} ${String(v.value).padStart(10)}  [${v.provenance}] ${v.source}`);
    }
    const missing = PEAK_DTYPES.filter((t) => !p.peakTflops[t]);
    if (missing.length) lines.push(`  no peak for ${missing.join(', ')}: such kernels run at the next wider dtype's peak`);
    if (p.notes) lines.push(`  notes: ${p.notes}`);
    io.stdout.write(`${lines.map((l) => term(l, 4000)).join('\n')}\n`);
    return EXIT.ok;
  },
};
