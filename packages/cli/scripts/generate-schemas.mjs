/**
 * Generate schemas/*.schema.json, the JSON Schemas of the CLI's `--json` documents, from their types
 * (src/json.ts). `node scripts/generate-schemas.mjs` writes them; `--check` exits 1 when a committed
 * one is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const root = resolve(import.meta.dirname, '..');

/** Schema file name -> the type in src/json.ts it is generated from. */
export const SCHEMAS = {
  'profile.schema.json': 'ProfileJson',
  'diff.schema.json': 'DiffJson',
  'check.schema.json': 'CheckJson',
  'hardware-list.schema.json': 'HardwareListJson',
  'hardware-show.schema.json': 'HardwareShowJson',
  'hardware-runtimes.schema.json': 'HardwareRuntimesJson',
};

export const schemaPath = (file) => resolve(root, 'schemas', file);

/** Every schema's text, deterministic. */
export function generateSchemas() {
  const generator = createGenerator({
    path: resolve(root, 'src/json.ts'),
    tsconfig: resolve(root, 'tsconfig.json'),
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    skipTypeCheck: true,
  });
  return Object.fromEntries(
    Object.entries(SCHEMAS).map(([file, type]) => {
      const schema = generator.createSchema(type);
      schema.$comment = 'GENERATED - regenerate with npm run generate-schemas -w modelcost';
      schema.$id = `https://modelcost.dev/schemas/cli/${file.replace('.schema.json', '')}-v1.json`;
      return [file, `${JSON.stringify(schema, null, 2)}\n`];
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const texts = generateSchemas();
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of Object.entries(texts)) {
    if (!check) writeFileSync(schemaPath(file), text);
    else if (readFileSync(schemaPath(file), 'utf8') !== text) {
      console.error(`schemas/${file} is stale: run npm run generate-schemas -w modelcost`);
      stale++;
    }
  }
  if (stale) process.exit(1);
  console.log(check ? 'schemas are up to date' : `wrote ${Object.keys(texts).length} schemas`);
}
