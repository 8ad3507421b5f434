/**
 * Glob matching for `models` and budget `match` patterns, in time bounded by the pattern and path
 * lengths. The config is written by whoever opens a pull request, and a regex-based matcher
 * (picomatch, minimatch) turns some 46-byte patterns into regexes that backtrack for minutes on a
 * 24-character file name (`**\/+(+(a|aa|aaa))+(b|bb)!(c).onnx`). Here a pattern is compiled to
 * segments of tokens and matched with the two-pointer wildcard algorithm, O(pattern x path) per
 * segment and per globstar: no regex, no backtracking blow-up.
 *
 * Syntax (the picomatch subset configs use): `*` (within one path segment), `**` (a whole segment:
 * zero or more segments), `?`, `[abc]` / `[a-z]` / `[!a]` / `[^a]`, `{a,b}` and `{1..3}` alternation
 * (expanded, at most 256 patterns), `\` escapes, a leading `!` to exclude. Like picomatch with
 * `dot: false`, wildcards do not match a segment's leading `.` unless the pattern spells the dot.
 * Extglobs (`+(a|b)`, `!(a)`, `@(a)`, `*(a)`, `?(a)`) are refused with an error: they are what
 * makes regex globbing exponential, and no config needs them.
 */

/** A pattern that cannot be used; the message says why. */
export class GlobError extends Error {
  override readonly name = 'GlobError';
}

/** Longest pattern accepted, in characters. */
export const MAX_GLOB_LENGTH = 1024;
/** Most patterns one `{...}` expansion may produce. */
export const MAX_GLOB_EXPANSIONS = 256;

type Token = { readonly t: 'lit'; readonly c: string } | { readonly t: 'any' } | { readonly t: 'star' } | { readonly t: 'class'; readonly neg: boolean; readonly ranges: readonly (readonly [number, number])[] };
type Segment = { readonly globstar: true } | { readonly globstar: false; readonly tokens: readonly Token[]; readonly literalDot: boolean };

/** Options of {@link compileGlob}. */
export interface GlobOptions {
  /** Let wildcards match a leading `.` of a segment (picomatch `dot`). Default false. */
  readonly dot?: boolean;
}

/** Split on `,` at brace depth 0, honouring escapes. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[++i]!;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Expand `{a,b}` and `{1..5}` (innermost-first is not needed: alternatives are expanded recursively), bounded. */
function expandBraces(p: string, budget: { n: number }): string[] {
  let depth = 0;
  let start = -1;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // Braces inside a character class are literal.
      const end = p.indexOf(']', i + 2);
      if (end > 0) i = end;
      continue;
    }
    if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const inner = p.slice(start + 1, i);
      const pre = p.slice(0, start);
      const post = p.slice(i + 1);
      let alts = splitTop(inner);
      const range = /^(-?\d+)\.\.(-?\d+)$/.exec(inner);
      if (range) {
        const a = Number(range[1]);
        const b = Number(range[2]);
        if (Math.abs(b - a) >= MAX_GLOB_EXPANSIONS) throw new GlobError(`the range {${inner}} expands to more than ${MAX_GLOB_EXPANSIONS} patterns`);
        alts = [];
        for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) alts.push(String(v));
      } else if (alts.length === 1) {
        // `{a}` is literal in picomatch; keep the braces.
        return expandBraces(`${pre}\\{${inner}\\}${post}`, budget);
      }
      const out: string[] = [];
      for (const alt of alts) {
        for (const x of expandBraces(`${pre}${alt}${post}`, budget)) {
          if (++budget.n > MAX_GLOB_EXPANSIONS) throw new GlobError(`braces expand to more than ${MAX_GLOB_EXPANSIONS} patterns`);
          out.push(x);
        }
      }
      return out;
    }
  }
  return [p];
}

function compileSegment(seg: string, where: string): Segment {
  if (seg === '**') return { globstar: true };
  const tokens: Token[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if ((c === '+' || c === '!' || c === '@' || c === '*' || c === '?') && seg[i + 1] === '(') {
      throw new GlobError(`${where}: extglob ${JSON.stringify(`${c}(`)} is not supported (extglobs can take exponential time to match); use *, ?, [...] or {a,b}`);
    }
    if (c === '\\') {
      if (i + 1 < seg.length) tokens.push({ t: 'lit', c: seg[++i]! });
      continue;
    }
    if (c === '*') {
      // `**` inside a segment (a**b) is one star, as in picomatch.
      if (tokens[tokens.length - 1]?.t !== 'star') tokens.push({ t: 'star' });
      continue;
    }
    if (c === '?') {
      tokens.push({ t: 'any' });
      continue;
    }
    if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close > 0) {
        let body = seg.slice(i + 1, close);
        const neg = body.startsWith('!') || body.startsWith('^');
        if (neg) body = body.slice(1);
        const ranges: [number, number][] = [];
        const cps = Array.from(body);
        for (let k = 0; k < cps.length; k++) {
          const a = cps[k]!.codePointAt(0)!;
          if (cps[k + 1] === '-' && k + 2 < cps.length) {
            ranges.push([a, cps[k + 2]!.codePointAt(0)!]);
            k += 2;
          } else ranges.push([a, a]);
        }
        tokens.push({ t: 'class', neg, ranges });
        i = close;
        continue;
      }
    }
    tokens.push({ t: 'lit', c });
  }
  return { globstar: false, tokens, literalDot: tokens[0]?.t === 'lit' && tokens[0].c === '.' };
}

/** Does one path segment match one compiled segment? Two-pointer wildcard match: O(|seg| x |tokens|) at worst. */
function matchSegment(s: Segment & { globstar: false }, name: string, dot: boolean): boolean {
  if (!dot && name.startsWith('.') && !s.literalDot) return false;
  const cs = Array.from(name);
  const ts = s.tokens;
  let i = 0;
  let j = 0;
  let starJ = -1;
  let starI = 0;
  const one = (tok: Token, ch: string): boolean => {
    if (tok.t === 'lit') return tok.c === ch;
    if (tok.t === 'any') return true;
    if (tok.t === 'class') {
      const cp = ch.codePointAt(0)!;
      const inside = tok.ranges.some(([a, b]) => cp >= a && cp <= b);
      return inside !== tok.neg;
    }
    return false;
  };
  while (i < cs.length) {
    const tok = ts[j];
    if (tok && tok.t !== 'star' && one(tok, cs[i]!)) {
      i++;
      j++;
    } else if (tok && tok.t === 'star') {
      starJ = j++;
      starI = i;
    } else if (starJ >= 0) {
      j = starJ + 1;
      i = ++starI;
    } else return false;
  }
  while (j < ts.length && ts[j]!.t === 'star') j++;
  return j === ts.length;
}

/** Match path segments against pattern segments, `**` spanning any number of segments (dot segments only with `dot`). */
function matchSegments(ps: readonly Segment[], names: readonly string[], dot: boolean): boolean {
  // The same two-pointer scheme one level up, with `**` as the star: O(|ps| x |names|) segment comparisons.
  let i = 0;
  let j = 0;
  let starJ = -1;
  let starI = 0;
  while (i < names.length) {
    const p = ps[j];
    if (p && !p.globstar && matchSegment(p, names[i]!, dot)) {
      i++;
      j++;
    } else if (p && p.globstar) {
      // Zero segments first; a later mismatch makes it take names[starI] (never a dot segment without `dot`).
      starJ = j++;
      starI = i;
    } else if (starJ >= 0 && (dot || !names[starI]!.startsWith('.'))) {
      j = starJ + 1;
      i = ++starI;
    } else return false;
  }
  while (j < ps.length && ps[j]!.globstar) j++;
  return j === ps.length;
}

/**
 * Compile a glob (or several: a path matches when it matches any positive pattern, or there is none, and no `!` one).
 * Throws {@link GlobError} naming the pattern for a pattern that is too long, expands too far, or uses
 * an extglob.
 */
export function compileGlob(patterns: string | readonly string[], options: GlobOptions = {}): (path: string) => boolean {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  const dot = options.dot === true;
  const pos: Segment[][] = [];
  const neg: Segment[][] = [];
  for (const raw of list) {
    if (raw.length > MAX_GLOB_LENGTH) throw new GlobError(`pattern of ${raw.length} characters: at most ${MAX_GLOB_LENGTH}`);
    const negated = raw.startsWith('!') && !raw.startsWith('!(');
    const body = (negated ? raw.slice(1) : raw).replace(/^(\.\/)+/, '');
    const where = JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
    let expanded: string[];
    try {
      expanded = expandBraces(body, { n: 0 });
    } catch (e) {
      throw e instanceof GlobError ? new GlobError(`${where}: ${e.message}`) : e;
    }
    for (const p of expanded) (negated ? neg : pos).push(p.split('/').filter((s, k, a) => s !== '' || k === a.length - 1).map((s) => compileSegment(s, where)));
  }
  return (path: string): boolean => {
    const names = path.replace(/^(\.\/)+/, '').split('/');
    // Only `!` patterns: everything they do not exclude (as picomatch reads a lone negation).
    return (pos.length === 0 || pos.some((p) => matchSegments(p, names, dot))) && !neg.some((p) => matchSegments(p, names, dot));
  };
}

/** Check a pattern without matching: the error message, or undefined when it compiles. */
export function globProblem(pattern: string): string | undefined {
  try {
    compileGlob(pattern);
    return undefined;
  } catch (e) {
    if (e instanceof GlobError) return e.message;
    throw e;
  }
}
