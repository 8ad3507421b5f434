/**
 * The packages as their users meet them: packs every public workspace package with `npm pack`, lints
 * each tarball with publint and are-the-types-wrong, installs all the tarballs into a fresh consumer
 * project, and there imports each package from an ES module, require()s it from CommonJS, and runs
 * `npx modelcost` from the installed tarball. Prints what it checked; exits 1 on the first class of
 * failure it finds (all problems of that step are printed first).
 *
 * Needs a build (`npm run build`). Third-party dependencies of the tarballs install from the npm
 * registry or npm's cache (--prefer-offline); @modelcost packages only ever from the tarballs (the
 * consumer's `overrides` pin every one of them to its tarball, so none can come from the registry).
 *
 * Usage: node tools/pack-check/run.mjs [--keep]   (--keep leaves the temp directory and prints it)
 */
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = resolve(import.meta.dirname, '../..');
const keep = process.argv.includes('--keep');
const started = Date.now();
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const failures = [];
const fail = (msg) => {
  failures.push(msg);
  console.log(`  FAIL ${msg}`);
};
const step = (title) => {
  if (failures.length) finish();
  console.log(`\n${title}`);
};
function finish() {
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (keep) console.log(`\nkept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  if (failures.length) {
    console.log(`\npack-check: ${failures.length} problem(s), ${secs} s`);
    process.exit(1);
  }
  console.log(`\npack-check: all clean, ${secs} s`);
  process.exit(0);
}

/**
 * are-the-types-wrong problems accepted, per package, each with its reason. The profile is node16
 * (node10 resolution, which ignores `exports`, is not checked: every package needs Node >= 20.19).
 */
const ATTW_IGNORE = {
  // ES-module-only packages: require() of them works on Node 20.19+ and 22.12+ (require(esm), the
  // engines floor), and TypeScript >= 5.8 under `module: node18/node20/nodenext` types it; attw 0.18
  // predates require(esm) and still reports the CommonJS view as "ESM (dynamic import only)".
  '@modelcost/core': ['CJSResolvesToESM'],
  '@modelcost/onnx': ['CJSResolvesToESM'],
  '@modelcost/keras': ['CJSResolvesToESM'],
  '@modelcost/report': ['CJSResolvesToESM'],
  '@modelcost/nx': ['CJSResolvesToESM'],
};

const tmp = mkdtempSync(join(tmpdir(), 'modelcost-pack-check-'));
const tarballs = join(tmp, 'tarballs');
mkdirSync(tarballs);

// 1. Pack every public workspace package (lifecycle scripts off: the build is already there); each
// tarball has a LICENSE and a README whose links work on npm, and any source map in it points at
// files in it.
step('npm pack (LICENSE, README links, source maps)');
const dirs = rootPkg.workspaces.flatMap((w) => {
  const base = w.replace(/\/\*$/, '');
  return readdirNames(join(root, base)).map((d) => join(root, base, d));
});
const packages = [];
for (const dir of dirs) {
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  if (pkg.private) continue;
  const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(out);
  packages.push({ name: pkg.name, version: pkg.version, dir, pkg, tarball: join(tarballs, info.filename), files: info.files.map((f) => f.path) });
  const maps = info.files.filter((f) => f.path.endsWith('.map')).length;
  console.log(`  ${`${pkg.name}@${pkg.version}`.padEnd(32)} ${String(info.files.length).padStart(4)} files ${(info.size / 1024).toFixed(0).padStart(5)} KB packed${maps ? `, ${maps} maps` : ''}`);
  if (!info.files.some((f) => f.path === 'LICENSE')) fail(`${pkg.name}: the tarball has no LICENSE`);
  if (!info.files.some((f) => f.path === 'README.md')) fail(`${pkg.name}: the tarball has no README.md`);
  // npm shows the README on the package page, where a link relative to the repository breaks.
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  for (const [, href] of readme.matchAll(/\]\(([^)\s]+)[^)]*\)/g)) if (!/^(https?:|mailto:|#)/.test(href)) fail(`${pkg.name}: README.md links to ${href}, which breaks on npm (use an absolute URL)`);
  for (const f of info.files.filter((x) => x.path.endsWith('.map'))) {
    // A shipped source map must point at shipped sources.
    const map = JSON.parse(readFileSync(join(dir, f.path), 'utf8'));
    for (const s of map.sources ?? []) {
      const target = join(f.path, '..', s).replace(/\\/g, '/');
      if (!info.files.some((x) => x.path === target)) fail(`${pkg.name}: ${f.path} points at ${target}, which is not in the tarball`);
    }
  }
}

// 2. publint on each tarball (every message, suggestions included, counts).
step('publint (level suggestion)');
for (const p of packages) {
  const { messages, pkg } = await publint({ pack: { tarball: readFileSync(p.tarball).buffer }, level: 'suggestion', strict: true });
  if (!messages.length) console.log(`  ${p.name.padEnd(32)} clean`);
  for (const m of messages) fail(`${p.name}: publint ${m.type} ${m.code}: ${formatMessage(m, pkg)}`);
}

// 3. are-the-types-wrong on each tarball.
step('are-the-types-wrong (profile node16: node16-cjs, node16-esm, bundler)');
for (const p of packages) {
  const result = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(p.tarball))));
  if (!result.types) {
    fail(`${p.name}: attw: no types`);
    continue;
  }
  const ignore = ATTW_IGNORE[p.name] ?? [];
  const problems = result.problems.filter((x) => x.resolutionKind !== 'node10');
  const real = problems.filter((x) => !ignore.includes(x.kind));
  const ignored = problems.length - real.length;
  const entrypoints = Object.keys(result.entrypoints).join(' ');
  if (!real.length) console.log(`  ${p.name.padEnd(32)} clean (${entrypoints})${ignored ? `; ${ignored} accepted: ${ignore.join(', ')}` : ''}`);
  for (const x of real) fail(`${p.name}: attw ${x.kind}${x.entrypoint ? ` at ${x.entrypoint}` : ''}${x.resolutionKind ? ` (${x.resolutionKind})` : ''}${x.fileName ? ` in ${x.fileName}` : ''}`);
}

// 4. A consumer project with every tarball installed.
step('install the tarballs into a consumer project');
const consumer = join(tmp, 'consumer');
mkdirSync(consumer);
const spec = (p) => `file:${p.tarball}`;
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify(
    {
      name: 'modelcost-pack-check-consumer',
      private: true,
      dependencies: {
        ...Object.fromEntries(packages.map((p) => [p.name, spec(p)])),
        // @modelcost/nx's peer, at the workspace's version (npm would otherwise pick the newest in range).
        nx: rootPkg.devDependencies.nx,
      },
      // Dependencies among the packages resolve to the tarballs, never to the registry.
      overrides: Object.fromEntries(packages.map((p) => [p.name, `$${p.name}`])),
    },
    null,
    2,
  ),
);
const t0 = Date.now();
const install = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel', 'error'], { cwd: consumer, encoding: 'utf8' });
if (install.status !== 0) {
  fail(`npm install in the consumer: exit ${install.status}\n${install.stderr}`);
  finish();
}
const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8'));
const fromTarballs = Object.entries(lock.packages).filter(([k]) => /node_modules\/(@modelcost\/[^/]+|modelcost|danger-plugin-modelcost)$/.test(k));
for (const [k, v] of fromTarballs) if (!String(v.resolved).startsWith('file:')) fail(`consumer: ${k} resolved to ${v.resolved}, not a tarball`);
const nested = fromTarballs.filter(([k]) => k.split('node_modules/').length > 2).map(([k]) => k);
if (nested.length) fail(`consumer: duplicate nested copies ${nested.join(', ')}`);
console.log(`  ${packages.length} tarballs installed in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${fromTarballs.length} @modelcost entries in the lockfile, all file: tarballs, none nested`);

// 5. The example model, copied (nothing in the consumer points back into the repository).
copyFileSync(join(root, 'examples/models/tiny-cnn.onnx'), join(consumer, 'tiny-cnn.onnx'));
writeFileSync(join(consumer, '.modelcost.yml'), 'models: ["*.onnx"]\nbudgets:\n  - max: { params: 1M }\n');
const node = (file, ...args) => {
  const r = spawnSync(process.execPath, [file, ...args], { cwd: consumer, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const npx = (...args) => {
  const r = spawnSync(npm, ['exec', '--offline', '--no', '--', ...args], { cwd: consumer, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

step('npx modelcost (the bin from the installed tarball)');
const version = npx('modelcost', '--version');
if (version.status !== 0 || version.stdout.trim() !== packages.find((p) => p.name === 'modelcost').version) fail(`npx modelcost --version: exit ${version.status}, ${JSON.stringify(version.stdout)} ${version.stderr}`);
else console.log(`  npx modelcost --version                   ${version.stdout.trim()}`);
const profiled = npx('modelcost', 'profile', 'tiny-cnn.onnx', '--json');
let cliMacs;
try {
  // profile --json prints one document: {schemaVersion, reports, errors} (docs/cli-json.md).
  cliMacs = JSON.parse(profiled.stdout).reports[0].totals.macs;
  console.log(`  npx modelcost profile tiny-cnn.onnx --json   totals.macs ${cliMacs}`);
} catch {
  fail(`npx modelcost profile: exit ${profiled.status}: ${profiled.stderr}`);
}
// `check` profiles each model in the worker thread the bundle ships (dist/bundle/profile-worker.js).
const checked = npx('modelcost', 'check');
if (checked.status !== 0 || !checked.stdout.includes('tiny-cnn.onnx')) fail(`npx modelcost check: exit ${checked.status}: ${checked.stdout}${checked.stderr}`);
else console.log(`  npx modelcost check                       exit 0, ${checked.stdout.trim().split('\n').length} lines`);

// 6. ES-module and CommonJS consumers: every package and every subpath, one real call each.
const expected = { macs: cliMacs, kerasParams: 144, version: version.stdout.trim() };
const calls = (load) => `
const fs = ${load('node:fs')};
const core = ${load('@modelcost/core')};
const hardware = ${load('@modelcost/core/hardware')};
const onnx = ${load('@modelcost/onnx')};
const onnxNode = ${load('@modelcost/onnx/node')};
const keras = ${load('@modelcost/keras')};
const report = ${load('@modelcost/report')};
const renderers = ${load('@modelcost/report/renderers')};
const profile = ${load('@modelcost/report/profile')};
const cli = ${load('modelcost')};
const danger = ${load('danger-plugin-modelcost')};
const nx = ${load('@modelcost/nx')};
const expected = ${JSON.stringify(expected)};
const results = [];
const check = (what, got, want) => { results.push([what, got, want]); };
check('@modelcost/core parseDim("seq*2")', core.dimToString(core.parseDim('seq*2')), '2*seq');
check('@modelcost/core/hardware has nvidia-t4', hardware.HARDWARE_IDS.includes('nvidia-t4'), true);
const bytes = new Uint8Array(fs.readFileSync('tiny-cnn.onnx'));
const r = onnx.profileOnnx(core.bytesSource(bytes), { file: 'tiny-cnn.onnx' });
check('@modelcost/onnx profileOnnx macs (= modelcost profile --json)', r.totals.macs, expected.macs);
const src = onnxNode.openFileSource('tiny-cnn.onnx');
try { check('@modelcost/onnx/node openFileSource size', src.size, bytes.length); } finally { src.close(); }
const k = keras.profileKeras(core.bytesSource(new TextEncoder().encode(JSON.stringify({ class_name: 'Sequential', keras_version: '1.2.2', config: [{ class_name: 'Dense', config: { name: 'd1', output_dim: 16, input_dim: 8, bias: true, activation: 'relu' } }] }))), { file: 'm.json' });
check('@modelcost/keras profileKeras params (Dense 8->16)', k.totals.params, expected.kerasParams);
const d = report.diffReports(r, r);
check('@modelcost/report diffReports(r, r) macs delta', String(d.totals.macs.delta), '0');
check('@modelcost/report parseConfig errors', report.parseConfig('budgets:\\n  - max: { params: 1M }\\n').errors.length, 0);
check('@modelcost/report/renderers renderComment', renderers.renderComment([renderers.modelChange('m.onnx', r, r)]).includes('no model cost changed'), true);
check('@modelcost/report/profile sniffFormat', profile.sniffFormat(bytes.subarray(0, 64)), 'onnx');
check('modelcost VERSION', cli.VERSION, expected.version);
check('danger-plugin-modelcost modelcost', typeof danger.modelcost, 'function');
check('@modelcost/nx createNodesV2 glob', Array.isArray(nx.createNodesV2) && typeof nx.createNodesV2[0], 'string');
`;
const runCli = `
let out = '';
const code = await cli.run({ argv: ['profile', '--json', 'tiny-cnn.onnx'], cwd: process.cwd(), stdout: { write: (s) => (out += s, true) }, stderr: { write: () => true }, fs: cli.nodeFs, env: {} });
check('modelcost run(profile --json) macs, in-process', code === 0 && JSON.parse(out).reports[0].totals.macs, expected.macs);
`;
const report_ = `
let bad = 0;
for (const [what, got, want] of results) {
  const ok = JSON.stringify(got) === JSON.stringify(want);
  if (!ok) bad++;
  console.log((ok ? 'ok   ' : 'FAIL ') + what + ': ' + JSON.stringify(got) + (ok ? '' : ' (expected ' + JSON.stringify(want) + ')'));
}
process.exitCode = bad ? 1 : 0;
`;
writeFileSync(join(consumer, 'esm.mjs'), `${calls((m) => `await import(${JSON.stringify(m)})`)}${runCli}${report_}`);
writeFileSync(join(consumer, 'cjs.cjs'), `(async () => {${calls((m) => `require(${JSON.stringify(m)})`)}${runCli}${report_}})();`);
for (const [label, file] of [
  ['ES-module consumer (import)', 'esm.mjs'],
  ['CommonJS consumer (require)', 'cjs.cjs'],
]) {
  step(label);
  const r = node(file);
  for (const line of r.stdout.trim().split('\n')) {
    if (line.startsWith('FAIL')) fail(line.slice(5));
    else if (line) console.log(`  ${line}`);
  }
  if (r.status !== 0 && !failures.length) fail(`${file}: exit ${r.status}\n${r.stderr}`);
  // Node 20 prints an ExperimentalWarning for require(esm); anything else on stderr is a problem.
  const stderr = r.stderr.split('\n').filter((l) => l && !/ExperimentalWarning: (CommonJS module .* is loading ES Module|Support for loading ES Module in require)|--trace-warnings/.test(l));
  if (stderr.length) fail(`${file}: stderr: ${stderr.join('\n')}`);
}

// 7. TypeScript consumers: an ES module (.mts) and a CommonJS one (.cts, import = require()) typecheck
// against the installed types under module nodenext, with skipLibCheck off so errors inside our .d.ts /
// .d.cts files count. Errors inside third-party declarations (nx's own, which @modelcost/nx's types
// pull in) are counted and printed but are not ours to fix.
step('TypeScript consumers (tsc, module nodenext, skipLibCheck off)');
const tsTypes = (imp) => `${imp}
const r: core.Report = onnx.profileOnnx(core.bytesSource(new Uint8Array()), { file: 'x.onnx' });
const ids: readonly string[] = hardware.HARDWARE_IDS;
const code: Promise<number> = cli.run({ argv: ['--version'], cwd: '.', stdout: { write: () => true }, stderr: { write: () => true }, fs: cli.nodeFs, env: {} });
const k: core.Report = keras.profileKeras(core.bytesSource(new Uint8Array()), {});
const c: string = renderers.renderComment([renderers.modelChange('m.onnx', r, k)]);
const review: Promise<report.ReviewResult> = danger.modelcost({ config: '.modelcost.yml' });
const glob: string = nx.createNodesV2[0];
void [ids, code, c, review, glob];
`;
const names = { core: '@modelcost/core', hardware: '@modelcost/core/hardware', onnx: '@modelcost/onnx', keras: '@modelcost/keras', report: '@modelcost/report', renderers: '@modelcost/report/renderers', cli: 'modelcost', danger: 'danger-plugin-modelcost', nx: '@modelcost/nx' };
writeFileSync(join(consumer, 'types.mts'), tsTypes(Object.entries(names).map(([k, m]) => `import * as ${k} from '${m}';`).join('\n')));
writeFileSync(join(consumer, 'types.cts'), tsTypes(Object.entries(names).map(([k, m]) => `import ${k} = require('${m}');`).join('\n')));
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types'), 'types.mts', 'types.cts'], { cwd: consumer, encoding: 'utf8' });
const tsErrors = tsc.stdout.split('\n').filter((l) => /^\S.*error TS\d+/.test(l));
const thirdParty = tsErrors.filter((l) => /^node_modules\/(?!@modelcost\/|modelcost\/|danger-plugin-modelcost\/)/.test(l));
for (const l of tsErrors.filter((x) => !thirdParty.includes(x))) fail(`tsc: ${l}`);
const tsVersion = JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')).version;
if (tsErrors.length === thirdParty.length) console.log(`  types.mts, types.cts: clean with TypeScript ${tsVersion} (${thirdParty.length} errors inside third-party declarations: ${[...new Set(thirdParty.map((l) => l.split('/').slice(1, 2).join('')))].join(', ')})`);

// 8. Each README's first JavaScript example, run as written against the installed tarballs, beside the
// files it names (model.onnx, big.onnx, model.json, examples/...). Danger's examples need Danger's
// globals (schedule) and @modelcost/nx's are nx.json snippets: those two are exercised by the consumers.
step('README examples (the first JavaScript block of each package README)');
mkdirSync(join(consumer, 'examples/models'), { recursive: true });
mkdirSync(join(consumer, 'examples/pr'), { recursive: true });
copyFileSync(join(root, 'examples/models/tiny-cnn.onnx'), join(consumer, 'examples/models/tiny-cnn.onnx'));
copyFileSync(join(root, 'examples/pr/tiny-cnn.onnx'), join(consumer, 'examples/pr/tiny-cnn.onnx'));
copyFileSync(join(root, 'examples/models/tiny-encoder.onnx'), join(consumer, 'model.onnx'));
copyFileSync(join(root, 'examples/models/tiny-cnn.onnx'), join(consumer, 'big.onnx'));
writeFileSync(join(consumer, 'model.json'), JSON.stringify({ class_name: 'Sequential', keras_version: '1.2.2', config: [{ class_name: 'Dense', config: { name: 'd1', output_dim: 16, input_dim: 8, bias: true, activation: 'relu' } }] }));
for (const p of packages) {
  const readme = readFileSync(join(p.dir, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/^```(?:js|ts|javascript)\n([\s\S]*?)^```/gm)].map((m) => m[1]).find((b) => /^import /m.test(b));
  if (!block) {
    console.log(`  ${p.name.padEnd(32)} no ES-module example (${/schedule\(/.test(readme) ? 'Dangerfile snippets' : 'configuration snippets'})`);
    continue;
  }
  const file = join(consumer, `readme-${p.name.replace(/[@/]/g, '_')}.mjs`);
  writeFileSync(file, block);
  const r = node(file);
  if (r.status !== 0) fail(`${p.name}: README example exits ${r.status}: ${r.stderr.trim().split('\n').slice(0, 6).join('\n')}`);
  else console.log(`  ${p.name.padEnd(32)} ok (${block.trim().split('\n').length} lines, ${r.stdout.trim().split('\n').length} lines of output)`);
}
finish();

function readdirNames(dir) {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
