import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Report, ReportNode } from '@modelcost/core';
import { bytesSource, profileOnnx } from '@modelcost/onnx';
import { describe, expect, it } from 'vitest';
import { golden } from './support/golden.js';
import { diffReports, evaluateBudgets, human, modelChange, parseConfig, percent, renderComment, renderDiffText, delta } from '../src/index.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples');
const load = (rel: string): Report => profileOnnx(bytesSource(readFileSync(join(EXAMPLES, rel))), { file: rel });
const base = load('models/tiny-cnn.onnx');
const head = load('pr/tiny-cnn.onnx');

describe('diffReports on the example CNN widened 16/32/64 -> 24/48/96 channels', () => {
  const d = diffReports(base, head);
  it('totals: params 24,234 -> 53,626', () => {
    // base: 16*3*9+16 = 448, 32*16*9+32 = 4640, 64*32*9+64 = 18496, fc 10*64+10 = 650 -> 24,234
    // head: 24*3*9+24 = 672, 48*24*9+48 = 10416, 96*48*9+96 = 41568, fc 10*96+10 = 970 -> 53,626
    expect(d.totals.params).toEqual({ base: 24234, head: 53626, delta: 29392, relative: 29392 / 24234 });
  });
  it('ranks the layers by |delta FLOPs|: the last conv first', () => {
    // conv3 MACs: 16*16*64*32*9 = 4,718,592 -> 16*16*96*48*9 = 10,616,832: +5,898,240 MACs = +11,796,480 FLOPs
    expect(d.layers[0]).toMatchObject({ kind: 'changed', name: 'conv_12', op: 'Conv', flops: { delta: 11796480 } });
    expect(d.layers).toHaveLength(12);
    expect(d.tensors).toEqual([]);
    expect(d.newUnsupported).toEqual({});
  });
});

describe('layer matching', () => {
  const node = (name: string, op: string, flops: number): ReportNode => ({ name, op, domain: 'ai.onnx', inputs: [], outputs: [], params: 0, macs: flops / 2, flops, bytesRead: 0, bytesWritten: 0 });
  const rep = (nodes: ReportNode[]): Report => ({ ...base, nodes, coverage: { nodes: nodes.length, supported: nodes.length, unsupported: {} } });
  it('falls back to op-type alignment when an exporter renamed every node', () => {
    const d = diffReports(rep([node('Conv_0', 'Conv', 100), node('Relu_1', 'Relu', 10), node('Gemm_2', 'Gemm', 50)]), rep([node('conv1', 'Conv', 100), node('relu1', 'Relu', 10), node('gemm1', 'Gemm', 80)]));
    // Conv and Relu renamed with equal costs are not news; Gemm renamed and +30 FLOPs is.
    expect(d.layers.map((l) => [l.kind, l.name, l.renamedTo, l.flops.delta])).toEqual([['changed', 'Gemm_2', 'gemm1', 30]]);
  });
  it('reports added and removed layers', () => {
    const d = diffReports(rep([node('a', 'Conv', 100), node('b', 'Relu', 10)]), rep([node('a', 'Conv', 100), node('c', 'Softmax', 40)]));
    expect(d.layers.map((l) => [l.kind, l.name, l.flops.delta])).toEqual([
      ['added', 'c', 40],
      ['removed', 'b', -10],
    ]);
  });
});

describe('renderers', () => {
  it('formats numbers and percentages', () => {
    expect([human(4089184256), human(524288, true), human(12), percent(delta(200, 250)), percent(delta(0, 5)), percent(delta(3, 3))]).toEqual(['4.09 G', '524 KB', '12', '+25.0%', 'new', '0%']);
  });
  it('PR comment (golden)', () => {
    golden('tiny-cnn-pr.md', renderComment([modelChange('examples/models/tiny-cnn.onnx', base, head)], { baseSha: '1111111111111111', headSha: '2222222222222222' }));
  });
  it('terminal diff (golden)', () => {
    golden('tiny-cnn-pr.txt', renderDiffText(modelChange('examples/models/tiny-cnn.onnx', base, head)));
  });
  it('a head whose nodes lost their shapes: MACs marked + ?, the ops listed, failOnUnsupported fails', () => {
    // Same tiny CNN, but one conv's shapes could not be inferred: its cost is unknown, not zero.
    const broken: Report = {
      ...head,
      nodes: head.nodes.map((n) => (n.name === 'conv_12' ? { ...n, status: 'unknown-shape' as const } : n)),
      coverage: { ...head.coverage, supported: head.coverage.supported - 1, unknown: { Conv: 1 } },
    };
    const c = modelChange('examples/models/tiny-cnn.onnx', base, broken);
    expect(c.diff?.newUnknown).toEqual({ Conv: 1 });
    const text = renderComment([c]);
    expect(text).toMatch(/\| `examples\/models\/tiny-cnn\.onnx` \| [^|]+ \| [^|]+ \+ \? /);
    expect(text).toContain('nodes whose shapes could not be inferred (not counted): `Conv` ×1');
    const cfg = parseConfig('budgets:\n  - { name: cnn, match: "**", max: { params: 1G }, failOnUnsupported: true }\n').value!;
    expect(evaluateBudgets(cfg, 'examples/models/tiny-cnn.onnx', broken, base).map((b) => b.message)).toEqual(['cnn: ops without a cost rule: Conv (shapes unknown) x1']);
  });
  it('no change says so; an unreadable model gets its own row', () => {
    expect(renderComment([modelChange('m.onnx', base, base)])).toContain('**modelcost**: no model cost changed');
    // No commit on either side (a local run): the footer leaves the range out instead of "base ? → head ?".
    expect(renderComment([modelChange('m.onnx', base, base)])).toContain('<sub>counts per docs/cost-conventions.md');
    expect(renderComment([modelChange('m.onnx', base, base)], { headSha: 'abcdef1234567' })).toContain('<sub>base ? → head abcdef123456 · counts');
    const text = renderComment([{ path: 'broken.onnx', status: 'error', error: 'Git LFS pointer: run git lfs pull' }, modelChange('examples/models/tiny-cnn.onnx', base, head)]);
    expect(text).toContain('⚠️ **modelcost**: 2 models changed, 1 could not be read');
    expect(text).toContain('| `broken.onnx` | ❌ `Git LFS pointer: run git lfs pull` | | | |');
  });
  it('stays under the character limit by leaving out whole sections, and says so', () => {
    const text = renderComment([modelChange('examples/models/tiny-cnn.onnx', base, head)], { maxChars: 1000 });
    expect(text.length).toBeLessThanOrEqual(1001);
    // The table row and the chart fit; the details section (about 2 KB) does not, and nothing is cut mid-way.
    expect(text).toContain('| `examples/models/tiny-cnn.onnx` | 24.2 K → 53.6 K');
    expect(text).not.toContain('<details>');
    expect(text).toContain('_Left out to stay under 1,000 characters: 1 detail section; the full report is in the job summary, or run `modelcost pr` locally._');
  });
});
