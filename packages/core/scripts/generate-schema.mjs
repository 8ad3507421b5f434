/**
 * Generate report.schema.json from the Report type (src/report/report.ts).
 * `node scripts/generate-schema.mjs` writes it; `--check` exits 1 when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const root = resolve(import.meta.dirname, '..');
export const SCHEMA_PATH = resolve(root, 'report.schema.json');

/** The schema text, deterministic. */
export function generateSchema() {
  const schema = createGenerator({
    path: resolve(root, 'src/report/report.ts'),
    tsconfig: resolve(root, 'tsconfig.json'),
    type: 'Report',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    skipTypeCheck: true,
  }).createSchema('Report');
  schema.$comment = 'GENERATED - regenerate with npm run generate-schema -w @modelcost/core';
  schema.$id = 'https://modelcost.dev/schemas/report-v2.json';
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = generateSchema();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_PATH, 'utf8');
    if (current !== text) {
      console.error('report.schema.json is stale: run npm run generate-schema -w @modelcost/core');
      process.exit(1);
    }
    console.log('report.schema.json is up to date');
  } else {
    writeFileSync(SCHEMA_PATH, text);
    console.log(`wrote ${SCHEMA_PATH}`);
  }
}
