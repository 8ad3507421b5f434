/**
 * The one place where text from a model, a path, a config or an error meets an output. A pull request
 * writes all of it (node names, op types, file names, error messages that quote them), so every such
 * string goes through the function for where it lands, as Go's html/template escapes per context:
 *
 * - {@link code} / {@link cellCode}: inline code in a paragraph / in a GFM table cell. Inside a code
 *   span GitHub renders no markdown, no HTML, no mention (`@user`), no reference (`#12`) and no autolink.
 * - {@link text}: plain text, in a paragraph or a cell: inline markdown punctuation backslash-escaped,
 *   HTML entities, and mentions, references, emoji codes and autolinks broken with an invisible WORD JOINER.
 * - {@link summary}: inside `<summary>...</summary>` (an HTML block, where markdown is not parsed):
 *   HTML-escaped in a `<code>` element.
 * - {@link mermaidLabel}: a label inside a mermaid chart's code block.
 * - {@link term}: a terminal line (no escape sequences reach the terminal).
 * - {@link csvCell}: a CSV cell (quoted, and no spreadsheet formula).
 *
 * Every function first {@link sanitize}s: it caps the length, makes control characters and bidi
 * overrides visible (`\u{202e}`) rather than active, and breaks `<!--` so nothing from a model can
 * open an HTML comment or forge the comment's hidden marker.
 */

/** Longest model-derived string (in code points) shown by default; longer ones end in `…`. */
export const MAX_SHOWN = 160;

/** Bidi controls (embedding, override, isolate, marks): they reorder what a reviewer reads. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** C0 and C1 controls and DEL, but not tab (made a space below). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

const hex = (c: string): string => `\\u{${c.codePointAt(0)!.toString(16)}}`;

/**
 * The common first step: at most `max` code points (then `…`), newlines and tabs as spaces, control
 * characters and bidi controls as visible `\u{..}` escapes, and `<!--` broken with a WORD JOINER.
 */
export function sanitize(s: string, max: number = MAX_SHOWN): string {
  let t = String(s);
  // Cap first (by code points, so a surrogate pair is never split), then escape: escapes only add text.
  const cps = Array.from(t.length > max * 2 + 8 ? t.slice(0, max * 2 + 8) : t);
  if (cps.length > max) t = `${cps.slice(0, max).join('')}…`;
  return t.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ').replace(CONTROL, hex).replace(BIDI, hex).replace(/<!--/g, '<!\u2060--');
}

/** Inline code, safe in a paragraph or a list item: the fence is longer than any backtick run inside. */
export function code(s: string, max: number = MAX_SHOWN): string {
  return codeSpan(sanitize(s, max));
}

/** Inline code inside a GFM table cell: as {@link code}, with `|` escaped (GFM unescapes it inside code in cells). */
export function cellCode(s: string, max: number = MAX_SHOWN): string {
  return codeSpan(sanitize(s, max)).replace(/\|/g, '\\|');
}

function codeSpan(t: string): string {
  if (t.trim() === '') return t === '' ? '_(empty)_' : `\`${'\u2423'.repeat(Math.min(t.length, 8))}\``;
  let run = 0;
  for (const m of t.matchAll(/`+/g)) run = Math.max(run, m[0].length);
  const fence = '`'.repeat(run + 1);
  // A span that starts or ends with a backtick (or a space at both ends) needs one space of padding, which CommonMark strips.
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Word joiner (U+2060): invisible, breaks `@user`, `#12`, `GH-12`, `http://` and `www.` so GitHub links none of them. */
const WJ = '\u2060';

/**
 * Plain text in a paragraph or a table cell: ASCII punctuation that markdown or GFM gives meaning is
 * backslash-escaped, `<`, `>` and `&` become entities, and mentions, issue references and autolinks are
 * broken (GitHub finds them in the rendered text, so escaping alone would not stop them).
 */
export function text(s: string, max: number = MAX_SHOWN): string {
  return (
    sanitize(s, max)
      // Inline constructs only: the text never starts a line, so block syntax (#, -, 1., >) cannot apply.
      .replace(/[\\`*_[\]!~|$]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/@/g, `@${WJ}`)
      .replace(/#/g, `#${WJ}`)
      .replace(/\b(GH)-/gi, `$1${WJ}-`)
      // Breaks `https://` autolinks and `:emoji:` shortcodes.
      .replace(/:(?=\/\/|[A-Za-z0-9_+-]+:)/g, `:${WJ}`)
      .replace(/\b(www)\./gi, `$1${WJ}.`)
  );
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text inside an HTML element such as `<summary>`: HTML-escaped inside `<code>` (no markdown is parsed there, and GitHub links nothing in code). */
export function summary(s: string, max: number = MAX_SHOWN): string {
  return `<code>${sanitize(s, max).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)}</code>`;
}

/** A label inside a mermaid chart's code block: letters, digits and `._/-` kept, anything else `_`, quoted. */
export function mermaidLabel(s: string, max = 40): string {
  return `"${sanitize(s, max).replace(/[^A-Za-z0-9._/\- …]/g, '_')}"`;
}

/** Text for a terminal: no escape sequence, control character or bidi override reaches it. */
export function term(s: string, max: number = Number.POSITIVE_INFINITY): string {
  return sanitize(s, max);
}

/**
 * A CSV cell: quoted when it holds `"`, `,` or a line break, and a cell that a spreadsheet would read
 * as a formula (`=`, `+`, `-`, `@`, tab or CR first) is prefixed with `'` (OWASP's CSV-injection advice).
 * Numbers pass as they are.
 */
export function csvCell(v: string | number): string {
  if (typeof v === 'number') return String(v);
  let s = v.replace(CONTROL, hex).replace(BIDI, hex);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
