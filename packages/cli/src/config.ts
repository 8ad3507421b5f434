/**
 * Reading `.modelcost.yml` for the commands that use it: warnings go to stderr, errors end the command
 * with exit 2 naming the file and every dot-path that is wrong.
 */
import { resolve } from 'node:path';
import { parseConfig, type ModelcostConfig } from '@modelcost/report';
import { parseRuntimeFlag } from './args.js';
import { InputError, UsageError } from './errors.js';
import type { CliIO } from './io.js';

/**
 * Load the config at `configPath` (default `.modelcost.yml` under `root`). When it is absent: an error
 * if `required` or a path was given, else the defaults.
 */
export function loadConfig(io: CliIO, root: string, configPath: string | undefined, required: boolean): ModelcostConfig {
  const label = configPath ?? '.modelcost.yml';
  const path = resolve(root, label);
  if (!io.fs.exists(path)) {
    if (required || configPath) throw new InputError(label, 'no such file: create one (see the README) or pass --config');
    return parseConfig('').value!;
  }
  const parsed = parseConfig(new TextDecoder().decode(io.fs.readFile(path)), label);
  for (const w of parsed.warnings) io.stderr.write(`modelcost: ${label}: warning: ${w}\n`);
  if (!parsed.value) throw new InputError(label, parsed.errors.join(`\nmodelcost: ${label}: `));
  return parsed.value;
}

/**
 * The config with `--runtime` (check, pr) in place of its `runtime`, checked against the config's
 * hardware: each runtime must run on the hardware it is used for (exit 2 naming both otherwise).
 */
export async function withRuntimeFlag(config: ModelcostConfig, flag: string | undefined): Promise<ModelcostConfig> {
  const runtime = await parseRuntimeFlag(flag);
  if (runtime === undefined) return config;
  const { findHardware, hardwareCatalog, runtimeOf, RuntimeError } = await import('@modelcost/core');
  const ids = new Set([...config.hardware, ...config.budgets.flatMap((b) => [...Object.keys(b.max.latencyMs ?? {}), ...Object.keys(b.min?.throughput ?? {})])]);
  const profiles = findHardware([...ids], hardwareCatalog(config.hardwareProfiles));
  if (typeof runtime !== 'string') for (const id of Object.keys(runtime)) if (!ids.has(id)) throw new UsageError(`--runtime: ${JSON.stringify(id)} is not among the config's hardware (${[...ids].join(', ') || 'none'})`);
  for (const p of profiles) {
    try {
      runtimeOf(p, { runtime });
    } catch (e) {
      if (e instanceof RuntimeError) throw new UsageError(`--runtime: ${e.message}`);
      throw e;
    }
  }
  return { ...config, runtime };
}
