/**
 * Reading `.modelcost.yml` for the commands that use it: warnings go to stderr, errors end the command
 * with exit 2 naming the file and every dot-path that is wrong.
 */
import { resolve } from 'node:path';
import { parseConfig, type ModelcostConfig } from '@modelcost/report';
import { InputError } from './errors.js';
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
