/**
 * The config's glob matcher: the picomatch subset configs use, agreeing with picomatch itself on a
 * table of patterns and paths, in time bounded by pattern x path (no regex, no backtracking), and
 * refusing extglobs with a message.
 */
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, globProblem, parseConfig } from '../src/index.js';

// `[!a]` is left out of the comparison: picomatch 4 reads it as the class of `!` and `a`; we read it as
// POSIX, bash, git and minimatch do (not `a`), tested on its own below.
const PATTERNS = ['**/*.onnx', 'models/**', 'models/*.onnx', 'models/**/*.onnx', '*.onnx', '**', 'a/*/c/*.json', 'm?del.onnx', '[ab]*.onnx', '[^a]*.onnx', '{models,keras}/**/*.{onnx,json}', 'x/{1..3}.onnx', '**/.hidden/*.onnx', 'models/**/big-*', 'a\\*b.onnx', '!models/skip.onnx'];
const PATHS = [
  'm.onnx', 'model.onnx', 'mxdel.onnx', 'a.onnx', 'b.onnx', 'c.onnx', 'models/a.onnx', 'models/skip.onnx', 'models/x/y/z.onnx', 'models/x/big-1.onnx', 'keras/k.json', 'keras/sub/k.onnx',
  'a/b/c/d.json', 'a/b/c/e/d.json', 'x/2.onnx', 'x/4.onnx', '.hidden/a.onnx', 'p/.hidden/a.onnx', 'models/.cache/a.onnx', '.git/a.onnx', 'a*b.onnx', 'axb.onnx', 'models', 'README.md',
];

describe('compileGlob', () => {
  it('agrees with picomatch (dot: false and dot: true) on every pattern and path of the table', () => {
    for (const dot of [false, true])
      for (const p of PATTERNS) {
        const ours = compileGlob(p, { dot });
        const theirs = picomatch(p, { dot });
        for (const path of PATHS) expect(ours(path), `${p} ${path} dot=${dot}`).toBe(theirs(path));
      }
  });
  it('[!a] and [^a] are negated classes, as in POSIX globs', () => {
    expect(['m.onnx', 'a.onnx', '!.onnx'].map(compileGlob('[!a]*.onnx'))).toEqual([true, false, true]);
    expect(['m.onnx', 'a.onnx'].map(compileGlob('[^a]*.onnx'))).toEqual([true, false]);
  });
  it('a list matches any positive pattern and no ! pattern', () => {
    const m = compileGlob(['models/**/*.onnx', '!models/skip/**']);
    expect([m('models/a.onnx'), m('models/skip/a.onnx'), m('other/a.onnx')]).toEqual([true, false, false]);
  });
  it('matches what backtracks in a regex at once: 30 stars against a 4,000-character name', () => {
    const p = `${'*a'.repeat(30)}*b`;
    // A regex of lazy stars takes exponential time to fail this; the two-pointer match is O(pattern x path).
    expect(compileGlob(p)('a'.repeat(4000))).toBe(false);
    expect(compileGlob(p)(`${'a'.repeat(4000)}b`)).toBe(true);
  });
  it('refuses extglobs, huge patterns and huge expansions with the reason', () => {
    expect(globProblem('**/+(+(a|aa|aaa))+(b|bb)!(c).onnx')).toBe('"**/+(+(a|aa|aaa))+(b|bb)!(c).onnx": extglob "+(" is not supported (extglobs can take exponential time to match); use *, ?, [...] or {a,b}');
    expect(globProblem('@(a|b).onnx')).toContain('extglob "@(" is not supported');
    expect(globProblem('x'.repeat(2000))).toBe('pattern of 2000 characters: at most 1024');
    expect(globProblem('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}.onnx')).toContain('braces expand to more than 256 patterns');
    expect(globProblem('{1..100000}.onnx')).toContain('expands to more than 256 patterns');
    expect(globProblem('models/**/*.onnx')).toBeUndefined();
  });
  it('the config names the glob that is refused', () => {
    const r = parseConfig('models: ["ok/*.onnx", "bad/!(x).onnx"]\nbudgets:\n  - match: "*(a)"\n    max: { params: 1 }\n    except: ["+(b)"]\n');
    expect(r.errors).toEqual([
      'models[1]: "bad/!(x).onnx": extglob "!(" is not supported (extglobs can take exponential time to match); use *, ?, [...] or {a,b}',
      'budgets[0].match: "*(a)": extglob "*(" is not supported (extglobs can take exponential time to match); use *, ?, [...] or {a,b}',
      'budgets[0].except[0]: "+(b)": extglob "+(" is not supported (extglobs can take exponential time to match); use *, ?, [...] or {a,b}',
    ]);
  });
});
