/**
 * CommonJS declaration files (.d.cts) from tsc's .d.ts output, for entries whose JavaScript is
 * CommonJS. In a "type": "module" package every .d.ts is read as an ES module, so a `require`
 * condition (or a CommonJS bundle) typed by .d.ts "masquerades as ESM" (are-the-types-wrong): a
 * TypeScript user under node16 resolution gets ESM types for a CommonJS module. Each .d.ts is copied
 * to .d.cts with its relative specifiers ('./x.js') pointing at the .cjs twins ('./x.cjs', which
 * TypeScript maps to './x.d.cts'); the declaration-map comment is dropped (the maps describe the .d.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} dir the tsc output directory (walked recursively)
 * @param {(relativePath: string) => boolean} [skip] directories or files to leave out (e.g. a bundle folder)
 * @returns {number} how many .d.cts files were written
 */
export function writeCjsTypes(dir, skip = () => false) {
  let n = 0;
  const walk = (sub) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.d.ts')) {
        const text = readFileSync(join(dir, rel), 'utf8')
          .replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.js(['"])/g, '$1$2.cjs$3')
          .replace(/^\/\/# sourceMappingURL=.*\n?/m, '');
        writeFileSync(join(dir, rel.replace(/\.d\.ts$/, '.d.cts')), text);
        n++;
      }
    }
  };
  walk('');
  return n;
}
