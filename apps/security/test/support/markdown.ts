/**
 * What a reviewer's browser would see in a comment, checked with a real CommonMark + GFM parser
 * (micromark / mdast, the parser behind remark) instead of regexes: no injected HTML, no live mention,
 * reference or link, one marker as the first line, balanced `<details>`, table rows with the header's
 * number of cells, no bidi or control characters.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** Hostile strings a pull request can put in names, paths and configs. */
export const HOSTILE = [
  'pipe|in|name',
  'new\nline',
  'tick`one ``two``',
  '@octocat',
  'see #123',
  'GH-77',
  'owner/repo#9',
  '<img src=x onerror=alert(1)>',
  '<a href="https://evil.example/">click</a>',
  '<h1>BIG</h1>',
  '</details></details>',
  '<!-- hidden',
  '<!-- modelcost:report key=default -->',
  '\u202egnp.exe',
  '\u001b[31mred\u001b[0m\u0007',
  'https://evil.example/x',
  'www.evil.example',
  ':smile:',
  '$x^2$',
  '**bold** _it_ [link](https://evil.example) ![img](https://evil.example/i.png)',
  '~~strike~~ > quote',
  'back\\slash &amp; &lt;x&gt;',
];

/** The comment's own HTML: these tags, without attributes, and the marker comment. */
const ALLOWED_TAGS = new Set(['details', 'summary', 'code', 'sub']);
const MARKER = /^<!-- modelcost:report key=[A-Za-z0-9._-]+ -->$/;
/** The bold text the comment itself writes. */
const OWN_STRONG = new Set(['modelcost', 'This pull request changes budgets or waivers']);

/** Visit every node (code spans and code blocks are leaves: their text is `value`, never a `text` node). */
function walk(n: Nodes, f: (n: Nodes) => void): void {
  f(n);
  if ('children' in n) for (const c of n.children as Nodes[]) walk(c, f);
}

/** Every problem found in a comment body (an empty list: it is safe). */
export function commentProblems(body: string): string[] {
  const problems: string[] = [];
  const markers = body.split('<!-- modelcost:report').length - 1;
  if (markers !== 1) problems.push(`${markers} markers (expected exactly 1)`);
  if (!MARKER.test(body.split('\n')[0] ?? '')) problems.push(`the first line is not the marker: ${JSON.stringify(body.split('\n')[0]?.slice(0, 80))}`);
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.exec(body);
  if (bad) problems.push(`raw control or bidi character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index}`);

  const tree: Root = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  let depth = 0;
  walk(tree, (n) => {
    if (n.type === 'html') {
      for (const m of n.value.matchAll(/<!--[\s\S]*?(?:-->|$)|<\/?([A-Za-z][\w-]*)([^>]*)>/g)) {
        const tag = m[0];
        if (tag.startsWith('<!--')) {
          if (!MARKER.test(tag)) problems.push(`HTML comment ${JSON.stringify(tag.slice(0, 60))}`);
          continue;
        }
        const name = m[1]!.toLowerCase();
        if (!ALLOWED_TAGS.has(name)) problems.push(`injected tag ${JSON.stringify(tag.slice(0, 60))}`);
        else if (m[2]!.trim() !== '') problems.push(`attributes on <${name}>: ${JSON.stringify(tag.slice(0, 60))}`);
        if (name === 'details') depth += tag.startsWith('</') ? -1 : 1;
        if (depth < 0) problems.push('a </details> without its <details>');
      }
    }
    if (n.type === 'link' || n.type === 'linkReference' || n.type === 'image' || n.type === 'imageReference') problems.push(`live ${n.type}`);
    if (n.type === 'heading' || n.type === 'blockquote' || n.type === 'delete' || n.type === 'strong' || n.type === 'emphasis') {
      // The comment's own bold phrases and nothing else of these: anything more came from a model.
      const own =
        (n.type === 'strong' && n.children.length === 1 && n.children[0]!.type === 'text' && OWN_STRONG.has(n.children[0]!.value)) ||
        // The note on what was left out for length.
        (n.type === 'emphasis' && n.children[0]?.type === 'text' && n.children[0].value.startsWith('Left out to stay under '));
      if (!own) problems.push(`injected ${n.type}`);
    }
    if (n.type === 'text') {
      const t = n.value;
      if (/(^|[^A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*/.test(t)) problems.push(`live mention in ${JSON.stringify(t.slice(0, 80))}`);
      if (/(^|[^&\w])#\d/.test(t) || /\bGH-\d/i.test(t)) problems.push(`live reference in ${JSON.stringify(t.slice(0, 80))}`);
      if (/:[a-z0-9_+-]+:/.test(t)) problems.push(`emoji shortcode in ${JSON.stringify(t.slice(0, 80))}`);
      if (/\$[^$\s][^$]*\$/.test(t)) problems.push(`math in ${JSON.stringify(t.slice(0, 80))}`);
    }
  });
  if (depth !== 0) problems.push(`${depth} <details> left open`);

  // GFM splits table rows on unescaped pipes (inside code spans too): each row must have the header's count.
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\| --- \|/.test(lines[i + 1] ?? '') || !lines[i]!.startsWith('|')) continue;
    const cells = (l: string): number => l.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 2;
    const want = cells(lines[i]!);
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) if (cells(lines[j]!) !== want) problems.push(`table row ${j + 1} has ${cells(lines[j]!)} cells, the header ${want}: ${JSON.stringify(lines[j]!.slice(0, 100))}`);
  }
  return problems;
}

/** Problems of a short markdown fragment (a Danger message): the comment checks without the marker ones. */
export function fragmentProblems(md: string): string[] {
  return commentProblems(`<!-- modelcost:report key=x -->\n${md}\n`).filter((p) => !p.includes('marker'));
}
