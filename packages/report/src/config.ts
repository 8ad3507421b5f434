/**
 * `.modelcost.yml`: which files are models, which hardware and dims to use, and the budgets that fail a
 * check. Parsing collects every problem with its dot-path (`budgets[0].max.flops: ...`) instead of
 * stopping at the first, and returns `{value, warnings, errors}`.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { dict, findHardware, hardwareCatalog, HardwareError, parseUserHardware, type UserHardware } from '@modelcost/core';
import { globProblem } from './glob.js';
import { MESSAGES } from './messages.js';

/** Metrics a budget can limit. */
export const BUDGET_METRICS = ['params', 'macs', 'flops', 'weightBytes', 'peakMemoryBytes'] as const;
/** One limited metric. */
export type BudgetMetric = (typeof BUDGET_METRICS)[number];

/** Absolute limits. `latencyMs` is per hardware profile id. */
export interface Limits {
  readonly params?: number;
  readonly macs?: number;
  readonly flops?: number;
  readonly weightBytes?: number;
  readonly peakMemoryBytes?: number;
  readonly latencyMs?: Readonly<Record<string, number>>;
}

/** An allowed increase over the base: relative (`5%` -> 0.05) or absolute (`10M`). */
export type Increase = { readonly relative: number } | { readonly absolute: number };

/** One budget rule. */
export interface BudgetRule {
  /** Glob of model paths the rule applies to (picomatch syntax, relative to the repository root). */
  readonly match: string;
  readonly max: Limits;
  readonly maxIncrease: Readonly<Partial<Record<BudgetMetric, Increase>>>;
  /** Fail when a matched model has ops without a cost rule. */
  readonly failOnUnsupported?: boolean;
  /** What-if precision for this rule's latency limits (default: the config's `precision`). */
  readonly precision?: Precision;
  /** Optional name, used in messages and waivers. */
  readonly name?: string;
  /** Globs of paths the rule does not apply to, although `match` covers them. */
  readonly except?: readonly string[];
}

/** What-if precisions for latency. */
export const PRECISIONS = ['fp32', 'fp16', 'bf16', 'int8'] as const;
/** One what-if precision. */
export type Precision = (typeof PRECISIONS)[number];

/** The parsed configuration. */
export interface ModelcostConfig {
  /** Globs selecting model files. */
  readonly models: readonly string[];
  readonly hardware: readonly string[];
  /** User hardware profiles (new ones, or presets extended / overridden), in the order given. */
  readonly hardwareProfiles: readonly UserHardware[];
  /** What-if precision for latency estimates (`fp16`: as deployed with TensorRT / on a phone). */
  readonly precision?: Precision;
  readonly dims: Readonly<Record<string, number>>;
  readonly budgets: readonly BudgetRule[];
  /** Budget names waived, with the reason (a waived breach is reported, not failed). */
  readonly waivers: Readonly<Record<string, string>>;
  readonly failOnUnsupported: boolean;
  readonly comment: { readonly perLayer: boolean; readonly minChange: number };
}

/** Result of {@link parseConfig}. `value` is absent when there are errors. */
export interface ParseResult<T> {
  readonly value?: T;
  readonly warnings: string[];
  readonly errors: string[];
}

const SUFFIX: Readonly<Record<string, number>> = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/**
 * A size: a non-negative number, or text with an SI suffix (`10G`, `25M`, `1.5K`, `512Mi`), optionally
 * followed by `B` for bytes (`60MB`). Returns undefined when it is not one.
 */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|K|M|G|T|P)?B?\s*$/.exec(v);
  if (!m) return undefined;
  const n = Math.round(Number(m[1]) * SUFFIX[m[2] ?? '']!);
  return Number.isFinite(n) ? n : undefined;
}

/** A duration in milliseconds: a number, `30ms`, or `1.5s`. */
export function parseMs(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(v);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

/** An increase: `5%` (relative) or a size (absolute). */
export function parseIncrease(v: unknown): Increase | undefined {
  if (typeof v === 'string' && v.length <= 64) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
    if (m) return { relative: Number(m[1]) / 100 };
  }
  const abs = parseSize(v);
  return abs === undefined ? undefined : { absolute: abs };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A short, quoted snippet of a config value for a message (never more than 60 characters of it: the config may be hostile). */
const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  const t = String(v);
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
};
/** A key from the config, quoted when it is not a plain name, and cut short (it lands in messages). */
const key = (k: string): string => (/^[A-Za-z0-9_.-]{1,60}$/.test(k) ? k : JSON.stringify(k.length > 60 ? `${k.slice(0, 60)}…` : k));

/** Largest config accepted, in characters: a real one is a few KB; a 50 MB one costs the parser seconds and gigabytes. */
export const MAX_CONFIG_CHARS = 1 << 20;

const TOP_KEYS = ['models', 'hardware', 'hardwareProfiles', 'precision', 'dims', 'budgets', 'waivers', 'failOnUnsupported', 'comment'];

/** Parse `.modelcost.yml` text. Never throws: YAML syntax errors become errors with their line. */
export function parseConfig(text: string, file = '.modelcost.yml'): ParseResult<ModelcostConfig> {
  const warnings: string[] = [];
  const errors: string[] = [];
  let doc: unknown;
  if (text.length > MAX_CONFIG_CHARS) return { warnings, errors: [MESSAGES.configTooLarge(file, text.length, MAX_CONFIG_CHARS)] };
  try {
    // The YAML library's alias limit (100) already stops billion-laughs expansion.
    doc = parseYaml(text, { prettyErrors: true, maxAliasCount: 100, uniqueKeys: true });
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line : undefined;
    // The parser's first line, without its own "at line L, column C:" suffix (the line is in our prefix).
    const detail = (e as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:$/, '');
    return { warnings, errors: [MESSAGES.yamlSyntax(file, line, detail)] };
  }
  if (doc === null || doc === undefined) doc = {};
  if (!isRecord(doc)) return { warnings, errors: [MESSAGES.notMapping(file, show(doc))] };
  for (const k of Object.keys(doc)) if (!TOP_KEYS.includes(k)) warnings.push(MESSAGES.unknownKey(key(k), TOP_KEYS));

  const strings = (path: string, v: unknown, dflt: string[]): string[] => {
    if (v === undefined) return dflt;
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x === '')) {
      errors.push(MESSAGES.expected(path, 'a list of non-empty strings', show(v)));
      return dflt;
    }
    return list as string[];
  };
  const globs = (path: string, v: unknown, dflt: string[]): string[] => {
    const list = strings(path, v, dflt);
    list.forEach((g, i) => {
      const problem = globProblem(g);
      if (problem) errors.push(`${path}${typeof v === 'string' ? '' : `[${i}]`}: ${problem}`);
    });
    return list;
  };
  const models = globs('models', doc.models, ['**/*.onnx', '**/*.h5', '**/*.hdf5', '**/*.keras']);
  const hardware = strings('hardware', doc.hardware, []);
  const hardwareProfiles: UserHardware[] = [];
  if (doc.hardwareProfiles !== undefined) {
    if (!Array.isArray(doc.hardwareProfiles)) errors.push(MESSAGES.expected('hardwareProfiles', 'a list of hardware profiles', show(doc.hardwareProfiles)));
    else
      doc.hardwareProfiles.forEach((h, i) => {
        const r = parseUserHardware(h, `hardwareProfiles[${i}]`);
        if (r.value) hardwareProfiles.push(r.value);
        errors.push(...r.errors);
      });
  }
  if (errors.length === 0) {
    try {
      findHardware(hardware, hardwareCatalog(hardwareProfiles));
    } catch (e) {
      if (!(e instanceof HardwareError)) throw e;
      errors.push(`hardware: ${e.message}`);
    }
  }
  const precision = parsePrecision(doc.precision, 'precision', errors);

  const dims = dict<number>();
  if (doc.dims !== undefined) {
    if (!isRecord(doc.dims)) errors.push(MESSAGES.expected('dims', 'a mapping of symbol names to positive integers', show(doc.dims)));
    else
      for (const [k, v] of Object.entries(doc.dims)) {
        if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) dims[k] = v;
        else errors.push(MESSAGES.expected(`dims.${key(k)}`, 'a positive integer', show(v)));
      }
  }

  const budgets: BudgetRule[] = [];
  if (doc.budgets !== undefined) {
    if (!Array.isArray(doc.budgets)) errors.push(MESSAGES.expected('budgets', 'a list of rules', show(doc.budgets)));
    else doc.budgets.forEach((b, i) => {
      const r = parseRule(b, `budgets[${i}]`, errors, warnings);
      if (r) budgets.push(r);
    });
  }

  // A dictionary without a prototype: a budget named `constructor` or `toString` is not waived by Object.prototype.
  const waivers = dict<string>();
  if (doc.waivers !== undefined) {
    if (!isRecord(doc.waivers)) errors.push(MESSAGES.expected('waivers', 'a mapping of budget names to reasons', show(doc.waivers)));
    else
      for (const [k, v] of Object.entries(doc.waivers)) {
        if (typeof v === 'string' && v.trim()) waivers[k] = v;
        else errors.push(MESSAGES.expected(`waivers.${key(k)}`, 'a reason (non-empty text)', show(v)));
        if (!budgets.some((b) => b.name === k)) warnings.push(MESSAGES.unknownWaiver(key(k)));
      }
  }

  let failOnUnsupported = false;
  if (doc.failOnUnsupported !== undefined) {
    if (typeof doc.failOnUnsupported === 'boolean') failOnUnsupported = doc.failOnUnsupported;
    else errors.push(MESSAGES.expected('failOnUnsupported', 'true or false', show(doc.failOnUnsupported)));
  }

  const comment = { perLayer: true, minChange: 0.001 };
  if (doc.comment !== undefined) {
    if (!isRecord(doc.comment)) errors.push(MESSAGES.expected('comment', 'a mapping', show(doc.comment)));
    else {
      if (doc.comment.perLayer !== undefined) {
        if (typeof doc.comment.perLayer === 'boolean') comment.perLayer = doc.comment.perLayer;
        else errors.push(MESSAGES.expected('comment.perLayer', 'true or false', show(doc.comment.perLayer)));
      }
      if (doc.comment.minChange !== undefined) {
        const inc = parseIncrease(doc.comment.minChange);
        if (inc && 'relative' in inc) comment.minChange = inc.relative;
        else errors.push(MESSAGES.expected('comment.minChange', 'a percentage like 0.1%', show(doc.comment.minChange)));
      }
    }
  }

  if (errors.length) return { warnings, errors };
  return { value: { models, hardware, hardwareProfiles, ...(precision ? { precision } : {}), dims, budgets, waivers, failOnUnsupported, comment }, warnings, errors };
}

const RULE_KEYS = ['match', 'except', 'name', 'max', 'maxIncrease', 'failOnUnsupported', 'precision'];

function parsePrecision(v: unknown, path: string, errors: string[]): Precision | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string' && (PRECISIONS as readonly string[]).includes(v)) return v as Precision;
  errors.push(MESSAGES.expected(path, `one of ${PRECISIONS.join(', ')}`, show(v)));
  return undefined;
}

function parseRule(b: unknown, path: string, errors: string[], warnings: string[]): BudgetRule | undefined {
  if (!isRecord(b)) {
    errors.push(MESSAGES.expected(path, 'a rule with match and max / maxIncrease', show(b)));
    return undefined;
  }
  for (const k of Object.keys(b)) if (!RULE_KEYS.includes(k)) warnings.push(MESSAGES.unknownKey(`${path}.${key(k)}`, RULE_KEYS));
  const n = errors.length;
  const match = typeof b.match === 'string' && b.match !== '' ? b.match : '**';
  if (b.match !== undefined && match !== b.match) errors.push(MESSAGES.expected(`${path}.match`, 'a glob such as "models/**/*.onnx"', show(b.match)));
  else {
    const problem = globProblem(match);
    if (problem) errors.push(`${path}.match: ${problem}`);
  }
  const max: Record<string, unknown> = {};
  if (b.max !== undefined) {
    if (!isRecord(b.max)) errors.push(MESSAGES.expected(`${path}.max`, 'a mapping of metrics to limits', show(b.max)));
    else
      for (const [k, v] of Object.entries(b.max)) {
        if (k === 'latencyMs') {
          if (!isRecord(v)) {
            errors.push(MESSAGES.expected(`${path}.max.latencyMs`, 'a mapping of hardware ids to durations like 30ms', show(v)));
            continue;
          }
          const lat = dict<number>();
          for (const [hw, ms] of Object.entries(v)) {
            const t = parseMs(ms);
            if (t === undefined) errors.push(MESSAGES.expected(`${path}.max.latencyMs.${key(hw)}`, 'a duration like 30ms or 1.5s', show(ms)));
            else lat[hw] = t;
          }
          max.latencyMs = lat;
        } else if ((BUDGET_METRICS as readonly string[]).includes(k)) {
          const size = parseSize(v);
          if (size === undefined) errors.push(MESSAGES.expected(`${path}.max.${k}`, 'a number or a size like 10G', show(v)));
          else max[k] = size;
        } else errors.push(MESSAGES.unknownMetric(`${path}.max.${key(k)}`, [...BUDGET_METRICS, 'latencyMs']));
      }
  }
  const maxIncrease: Record<string, Increase> = {};
  if (b.maxIncrease !== undefined) {
    if (!isRecord(b.maxIncrease)) errors.push(MESSAGES.expected(`${path}.maxIncrease`, 'a mapping of metrics to increases', show(b.maxIncrease)));
    else
      for (const [k, v] of Object.entries(b.maxIncrease)) {
        if (!(BUDGET_METRICS as readonly string[]).includes(k)) {
          errors.push(MESSAGES.unknownMetric(`${path}.maxIncrease.${key(k)}`, BUDGET_METRICS));
          continue;
        }
        const inc = parseIncrease(v);
        if (inc === undefined) errors.push(MESSAGES.expected(`${path}.maxIncrease.${k}`, 'a percentage like 5% or a size like 10M', show(v)));
        else maxIncrease[k] = inc;
      }
  }
  if (b.max === undefined && b.maxIncrease === undefined && b.failOnUnsupported === undefined) errors.push(MESSAGES.emptyRule(path));
  if (b.failOnUnsupported !== undefined && typeof b.failOnUnsupported !== 'boolean') errors.push(MESSAGES.expected(`${path}.failOnUnsupported`, 'true or false', show(b.failOnUnsupported)));
  if (b.name !== undefined && (typeof b.name !== 'string' || b.name === '')) errors.push(MESSAGES.expected(`${path}.name`, 'a non-empty string', show(b.name)));
  let except: string[] | undefined;
  if (b.except !== undefined) {
    const list = typeof b.except === 'string' ? [b.except] : b.except;
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x === '')) errors.push(MESSAGES.expected(`${path}.except`, 'a list of globs', show(b.except)));
    else {
      except = list as string[];
      except.forEach((g, i) => {
        const problem = globProblem(g);
        if (problem) errors.push(`${path}.except[${i}]: ${problem}`);
      });
    }
  }
  const precision = parsePrecision(b.precision, `${path}.precision`, errors);
  if (errors.length > n) return undefined;
  return {
    match,
    max: max as Limits,
    maxIncrease,
    ...(typeof b.failOnUnsupported === 'boolean' ? { failOnUnsupported: b.failOnUnsupported } : {}),
    ...(typeof b.name === 'string' ? { name: b.name } : {}),
    ...(precision ? { precision } : {}),
    ...(except ? { except } : {}),
  };
}
