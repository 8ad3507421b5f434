/**
 * `--json` writes reports in pieces (a report of 10^6 nodes is hundreds of MB): the text must parse
 * to exactly the report, with the nodes one compact line each, for one report and for a list.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bytesSource, profileOnnx } from '@modelcost/onnx';
import { describe, expect, it } from 'vitest';
import { writeReportJson } from '../src/report-json.js';

const REAL = resolve(import.meta.dirname, '../../../../shared/onnx-real');
const report = (file: string) => profileOnnx(bytesSource(readFileSync(resolve(REAL, file))), { file });

function written(value: Parameters<typeof writeReportJson>[0]): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  writeReportJson(value, {
    write: (s: string) => {
      text += s;
      writes++;
    },
  });
  return { text, writes };
}

describe('--json output', () => {
  it('one report: the same data as JSON.stringify, each node on one line', () => {
    const r = report('ultraface_rfb_320.onnx');
    const { text } = written(r);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(r)));
    expect(text.endsWith('}\n')).toBe(true);
    const lines = text.split('\n');
    // Everything but the nodes is indented as JSON.stringify(r, null, 2) would be.
    expect(lines.slice(0, 3)).toEqual(['{', '  "schemaVersion": 2,', '  "tool": {']);
    const first = lines.findIndex((l) => l === '  "nodes": [');
    expect(lines[first + 1]).toBe(`    ${JSON.stringify(r.nodes[0])},`);
    expect(lines[first + r.nodes.length]).toBe(`    ${JSON.stringify(r.nodes.at(-1))}`);
    expect(lines[first + r.nodes.length + 1]).toBe('  ],');
  });

  it('a list of reports, and a report with no nodes', () => {
    const a = report('ultraface_rfb_320.onnx');
    const empty = { ...a, nodes: [] };
    const { text } = written([a, empty]);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify([a, empty])));
    expect(text).toContain(`\n      ${JSON.stringify(a.nodes[0])},\n`);
    expect(text).toContain('"nodes": [],');
  });

  it("profile's document: {schemaVersion, reports, errors}, the nodes still one line each", () => {
    const a = report('ultraface_rfb_320.onnx');
    const doc = { schemaVersion: 1 as const, reports: [a, a], errors: [{ path: 'x.onnx', message: 'no such file' }] };
    const { text } = written(doc);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(text).toContain(`\n        ${JSON.stringify(a.nodes[0])},\n`);
  });

  it('a model name that looks like the placeholder cannot split the output', () => {
    const a = report('ultraface_rfb_320.onnx');
    const tricky = { ...a, model: { ...a.model, path: '\u0000nodes:0.5\u0000' }, inputs: a.inputs.map((i) => ({ ...i, name: '\u0000nodes\u0000' })) };
    expect(JSON.parse(written(tricky).text)).toEqual(JSON.parse(JSON.stringify(tricky)));
  });

  it('writes a big report in chunks, not as one string', () => {
    const a = report('ultraface_rfb_320.onnx');
    const big = { ...a, nodes: Array.from({ length: 100 }, () => a.nodes).flat() };
    const { text, writes } = written(big);
    expect(text.length).toBeGreaterThan(2 << 20);
    expect(writes).toBeGreaterThan(1);
    expect(JSON.parse(text).nodes.length).toBe(big.nodes.length);
  });
});
