/**
 * Every user-facing message of the report package, in one place.
 */
export const MESSAGES = {
  yamlSyntax: (file: string, line: number | undefined, detail: string): string => `${file}${line ? `:${line}` : ''}: not valid YAML: ${detail}`,
  configTooLarge: (file: string, size: number, max: number): string => `${file}: ${size} characters, more than the ${max} a config may have`,
  notMapping: (file: string, got: string): string => `${file}: expected a mapping (models, budgets, ...), got ${got}`,
  expected: (path: string, what: string, got: string): string => `${path}: expected ${what}, got ${got}`,
  unknownKey: (path: string, known: readonly string[]): string => `${path}: unknown key, ignored (known: ${known.join(', ')})`,
  unknownMetric: (path: string, known: readonly string[]): string => `${path}: unknown metric (known: ${known.join(', ')})`,
  emptyRule: (path: string): string => `${path}: a rule needs max, maxIncrease or failOnUnsupported`,
  unknownWaiver: (name: string): string => `waivers.${name}: no budget is named ${JSON.stringify(name)}`,
  breachMax: (rule: string, metric: string, actual: string, limit: string): string => `${rule}: ${metric} ${actual} exceeds max ${limit}`,
  latencyNotEstimated: (rule: string, what: string): string => `${rule}: ${what} was not estimated, so its limit cannot be checked (is the hardware id in the config's hardware or hardwareProfiles?)`,
  breachIncrease: (rule: string, metric: string, change: string, limit: string): string => `${rule}: ${metric} grew ${change}, more than the allowed ${limit}`,
  breachUnprofiled: (rule: string, reason: string): string => `${rule}: the model could not be profiled, so its budget cannot pass (${reason})`,
  breachUnsupported: (rule: string, ops: string): string => `${rule}: ops without a cost rule: ${ops}`,
} as const;
