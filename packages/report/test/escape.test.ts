/**
 * The escaping module, context by context, on hostile strings. (The rendered comments are checked
 * with a real CommonMark + GFM parser in apps/security; these pin the exact output.)
 */
import { describe, expect, it } from 'vitest';
import { cellCode, code, csvCell, mermaidLabel, sanitize, summary, term, text } from '../src/index.js';

const WJ = '\u2060';

describe('sanitize', () => {
  it('caps by code points, makes controls and bidi overrides visible, flattens lines, breaks <!--', () => {
    expect(sanitize('x'.repeat(200), 10)).toBe(`${'x'.repeat(10)}…`);
    // A surrogate pair (an emoji) is never split.
    expect(sanitize('😀😀😀', 2)).toBe('😀😀…');
    expect(sanitize('\u202eevil\u2066')).toBe('\\u{202e}evil\\u{2066}');
    expect(sanitize('\u001b[31mred\u0007')).toBe('\\u{1b}[31mred\\u{7}');
    expect(sanitize('a\nb\r\nc\td')).toBe('a b c d');
    expect(sanitize('<!-- modelcost:report key=x -->')).toBe(`<!${WJ}-- modelcost:report key=x -->`);
  });
});

describe('markdown contexts', () => {
  it('code: a fence longer than any backtick run, padded when the text starts or ends with one', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('``x``')).toBe('``` ``x`` ```');
    expect(code('')).toBe('_(empty)_');
    expect(code('   ')).toBe('`␣␣␣`');
    expect(code('@octocat #1 <img src=x>')).toBe('`@octocat #1 <img src=x>`');
  });
  it('cellCode: pipes escaped (GFM unescapes them inside code in a cell)', () => {
    expect(cellCode('a|b')).toBe('`a\\|b`');
    expect(cellCode('a\\|b')).toBe('`a\\\\|b`');
  });
  it('text: inline punctuation escaped, HTML entities, mentions, references, autolinks and emoji broken', () => {
    expect(text('**x** _y_ [l](u) ![i](u) ~~s~~ `c` | $m$')).toBe('\\*\\*x\\*\\* \\_y\\_ \\[l\\](u) \\!\\[i\\](u) \\~\\~s\\~\\~ \\`c\\` \\| \\$m\\$');
    expect(text('<img src=x> & co')).toBe('&lt;img src=x&gt; &amp; co');
    expect(text('@octocat see #12, GH-3, owner/repo#4')).toBe(`@${WJ}octocat see #${WJ}12, GH${WJ}-3, owner/repo#${WJ}4`);
    expect(text('https://evil.example and www.evil.example :smile:')).toBe(`https:${WJ}//evil.example and www${WJ}.evil.example :${WJ}smile:`);
    expect(text('rule: params 1 K exceeds max')).toBe('rule: params 1 K exceeds max');
  });
  it('summary: HTML-escaped inside <code>', () => {
    expect(summary('</summary><img src=x>"\'&')).toBe('<code>&lt;/summary&gt;&lt;img src=x&gt;&quot;&#39;&amp;</code>');
  });
  it('mermaidLabel: a quoted label of safe characters', () => {
    expect(mermaidLabel('a"b]\n```x')).toBe('"a_b_ ___x"');
  });
});

describe('terminal and CSV', () => {
  it('term keeps escape sequences off the terminal', () => {
    expect(term('\u001b]0;title\u0007name\u009b2J')).toBe('\\u{1b}]0;title\\u{7}name\\u{9b}2J');
  });
  it('csvCell quotes and defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(7)).toBe('7');
  });
});
