/**
 * The licence notices of the third-party packages an esbuild bundle inlines. MIT, ISC, BSD and
 * Apache-2.0 all require their notice to travel with copies of the code, and a bundle (minified, or
 * with legalComments 'none') drops the copies the packages ship; this file puts them back beside it.
 *
 * Derived, not hand-kept: esbuild's metafile lists every input file; each one under node_modules
 * belongs to the package whose package.json is nearest above it, and that package's LICENSE
 * (LICENCE, COPYING, with or without an extension) is copied verbatim. Workspace packages
 * (@modelcost/*) resolve to packages/ through their symlinks, so they are not third-party here;
 * their own LICENSE ships beside the bundle. Deterministic: sorted by name and version, LF endings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * @param {import('esbuild').Metafile[]} metafiles the metafiles of the builds whose outputs ship together
 * @param {string} absWorkingDir the builds' working directory (metafile paths are relative to it)
 * @param {string} bundled what the notices are for, named in the header (e.g. "dist/index.js")
 * @returns {string} the notices file text
 */
export function thirdPartyNotices(metafiles, absWorkingDir, bundled) {
  /** @type {Map<string, {name: string, version: string, license: string, text: string}>} */
  const packages = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const file = resolve(absWorkingDir, input.replace(/^[a-z-]+:/, ''));
      if (!file.includes(`${sep}node_modules${sep}`)) continue;
      const dir = packageDir(file);
      if (!dir || packages.has(dir)) continue;
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      packages.set(dir, { name: pkg.name, version: pkg.version, license: licenseOf(pkg), text: licenseText(dir, pkg) });
    }
  }
  const rows = [...packages.values()].sort((a, b) => (a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1));
  const rule = '='.repeat(80);
  const head = [
    `Third-party software bundled in ${bundled}`,
    `(generated from esbuild's metafile by the bundle script; do not edit). ${rows.length} packages:`,
    '',
    ...rows.map((r) => `  ${r.name}@${r.version} (${r.license})`),
    '',
  ];
  const body = rows.flatMap((r) => [rule, `${r.name}@${r.version} (${r.license})`, rule, '', r.text, '']);
  return [...head, ...body].join('\n');
}

/** The nearest directory above `file` holding a package.json with a name (the package root; a nested
 * package.json such as dist/esm/package.json with only "type" is skipped). */
function packageDir(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8'));
      if (pkg.name && pkg.version) return dir;
    }
    if (dir.endsWith(`${sep}node_modules`)) return undefined;
  }
  return undefined;
}

function licenseOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
}

function licenseText(dir, pkg) {
  const names = readdirSync(dir).filter((f) => /^(licen[cs]e|copying)([.-].*)?$/i.test(f)).sort();
  if (!names.length) return `(${pkg.name} ships no licence file; its package.json declares ${licenseOf(pkg)})`;
  return names.map((f) => readFileSync(join(dir, f), 'utf8').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim()).join('\n\n');
}
