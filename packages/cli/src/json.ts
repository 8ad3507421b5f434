/**
 * The `--json` output of each command: one shape per command, whatever the arguments, each a JSON
 * object with its own `schemaVersion`. JSON Schemas are generated from these types into
 * packages/cli/schemas/ (`npm run generate-schemas -w modelcost`; a test fails when one is stale);
 * docs/cli-json.md describes them. A change that a reader ignoring unknown fields would not notice
 * keeps the version; any other change raises it.
 */
import type { Count, HardwarePreset, HardwareProfile, Report, Runtime } from '@modelcost/core';
import type { Breach, ReportDiff } from '@modelcost/report';

/** The version of every CLI JSON document below (the Report inside `profile`'s keeps its own, 2). */
export const CLI_JSON_VERSION = 1;

/** A file the command could not read, and why. */
export interface FileError {
  readonly path: string;
  readonly message: string;
}

/**
 * `modelcost profile --json`: the reports of the models that could be read, in argument order, and an
 * error for each one that could not (also printed to stderr; the exit code is then 2).
 */
export interface ProfileJson {
  readonly schemaVersion: 1;
  readonly reports: readonly Report[];
  readonly errors: readonly FileError[];
}

/** `modelcost diff --json`: base -> head of one model. */
export interface DiffJson {
  readonly schemaVersion: 1;
  /** The head model's path, as given. */
  readonly path: string;
  /** The base model's path, as given. */
  readonly base: string;
  readonly status: 'changed' | 'unchanged';
  readonly diff: ReportDiff;
}

/** One model `check` looked at: its totals, or why it could not be profiled. */
export interface CheckModel {
  readonly path: string;
  readonly params?: Count;
  readonly flops?: Count;
  /** Milliseconds per hardware (`id` or `id@runtime`), when the config names hardware. */
  readonly latencyMs?: Readonly<Record<string, number>>;
  readonly error?: string;
}

/** A file the config's globs match that `check` did not profile, and why (ignored by git, say). */
export interface CheckSkipped {
  readonly path: string;
  readonly reason: string;
}

/** `modelcost check --json`. */
export interface CheckJson {
  readonly schemaVersion: 1;
  readonly models: readonly CheckModel[];
  /** Every broken limit; a waived one carries `waived` and does not fail the check. */
  readonly breaches: readonly Breach[];
  /** Files matched by the globs but left out (git-ignored files; `models` may name them to include them). */
  readonly skipped: readonly CheckSkipped[];
}

/** `modelcost hardware list --json`: presets, then the config's and `--hardware` files' profiles. */
export interface HardwareListJson {
  readonly schemaVersion: 1;
  readonly profiles: readonly HardwarePreset[];
}

/** `modelcost hardware show <id> --json`: the profile as written, and with every default filled in. */
export interface HardwareShowJson {
  readonly schemaVersion: 1;
  readonly preset: HardwarePreset;
  readonly resolved: HardwareProfile;
}

/** `modelcost hardware runtimes --json`: the runtimes latency can be estimated for. */
export interface HardwareRuntimesJson {
  readonly schemaVersion: 1;
  readonly runtimes: readonly Runtime[];
}

/** Write a document as indented JSON and a newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
