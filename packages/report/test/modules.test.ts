/**
 * Costs by module (issue 21) on real exports: the module tree in `profile`, the module-level diff and
 * its rows in the PR comment and the terminal, checked against hand-derived figures and published
 * numbers, with golden files for what a reviewer reads. The ONNX files are TorchScript exports written
 * by tools/fixtures/module_exports.py (weights stripped); the Keras model is a real Teachable Machine
 * export (tf.js) whose MobileNet base is a nested model.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReport, countNumber, moduleTreeProblem, Poly, type AnalyzedNode, type Report } from '@modelcost/core';
import { bytesSource } from '@modelcost/onnx';
import { describe, expect, it } from 'vitest';
import { diffModules, modelChange, profileModel, renderComment, renderDiffText, renderModuleCsv, renderProfileTable, selectModuleChanges } from '../src/index.js';
import { golden } from './support/golden.js';

const FIX = resolve(import.meta.dirname, 'fixtures/modules');
const SHARED = resolve(import.meta.dirname, '../../../../shared');
const load = (file: string, bytes: Uint8Array = readFileSync(join(FIX, file))): Report => profileModel(bytesSource(bytes), { file });

const r18 = load('resnet18.onnx');
const r34 = load('resnet34.onnx');
const mb100 = load('mobilenet_v2_1.0.onnx');
const mb075 = load('mobilenet_v2_0.75.onnx');
const bert6 = load('bert6.onnx');
const bert12 = load('bert12.onnx');

const TM = join(SHARED, 'keras-fixtures/tfjs/teachable-machine_image_nested_mobilenet_model.json');
const tmBytes = readFileSync(TM);
/** The same Teachable Machine model with its head's hidden Dense widened 100 -> 256 units (topology and weights manifest). */
function widenedHead(): Uint8Array {
  const j = JSON.parse(tmBytes.toString('utf8'));
  const head = j.modelTopology.config.layers[1].config.layers;
  head[0].config.units = 256;
  for (const g of j.weightsManifest)
    for (const w of g.weights) {
      if (w.name === 'dense_Dense5/kernel') w.shape = [1280, 256];
      if (w.name === 'dense_Dense5/bias') w.shape = [256];
      if (w.name === 'dense_Dense6/kernel') w.shape = [256, 18];
    }
  return new TextEncoder().encode(JSON.stringify(j));
}
const tm = load('teachable_machine.json', tmBytes);
const tmWide = load('teachable_machine.json', widenedHead());

const mod = (r: Report, path: string) => r.modules!.find((m) => m.path === path)!;

describe('the module tree of real exports', () => {
  it('ResNet-18: torchvision module paths with per-module totals that add up to the model', () => {
    expect(moduleTreeProblem(r18)).toBeUndefined();
    expect(r18.modules!.filter((m) => m.depth === 1).map((m) => m.path)).toEqual(['conv1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc']);
    // A BasicBlock at layer3 without downsampling: two 3x3 convs 256 -> 256 on 14x14:
    // 2 * 14*14*256*256*9 = 231,211,008 MACs; params 2 * (256*256*9 + 256) = 1,180,160 (BatchNorm folded into the conv bias).
    expect(mod(r18, 'layer3.1')).toMatchObject({ macs: 231211008, params: 1180160, depth: 2, name: '1' });
    expect(mod(r18, 'layer3.1').outputs).toEqual([{ name: '/layer3/layer3.1/relu_1/Relu_output_0', shape: [1, 256, 14, 14], dtype: 'float32' }]);
    expect(mod(r18, 'layer3.1').inputs!.map((t) => t.shape)).toEqual([[1, 256, 14, 14]]);
    // The root is the model: its MACs are the report's, 1.814 G (torchvision publishes 1.81 GFLOPS, i.e. GMACs, for ResNet-18).
    expect(r18.modules![0]!.macs).toBe(r18.totals.macs);
    expect(countNumber(r18.totals.macs) / 1e9).toBeCloseTo(1.814, 3);
    const top = r18.modules!.filter((m) => m.depth === 1).reduce((s, m) => s + countNumber(m.macs), 0);
    expect(top).toBe(countNumber(r18.totals.macs));
  });

  it('BERT-like encoder: `encoder.layer.N` blocks under one `layer` container, each 6,553,600 MACs', () => {
    // seq 32, hidden 128, 4 heads of 32, FF 512. Q, K, V and the attention output: 4 * 32*128*128 = 2,097,152;
    // scores and weighted values: 2 * 4 heads * 32*32*32 = 262,144; FF: 2 * 32*128*512 = 4,194,304. Sum 6,553,600.
    const layer = mod(bert6, 'encoder.layer');
    expect(bert6.modules!.filter((m) => m.parent === bert6.modules!.indexOf(layer)).map((m) => m.name)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(mod(bert6, 'encoder.layer.3')).toMatchObject({ macs: 6553600 });
    // Weights per layer: 4 * (128*128 + 128) + 128*512 + 512 + 512*128 + 128 + 2 LayerNorms * 256 = 198,272, PyTorch's
    // parameters(). The four one-element Constant nodes (attention's divisor and GELU's 1/sqrt 2, 1 and 0.5) are
    // constants, not params (docs/cost-conventions.md, "What counts as a parameter").
    expect(mod(bert6, 'encoder.layer.3').params).toBe(198272);
    expect(mod(bert6, 'encoder.layer.3.attention.self.query')).toMatchObject({ macs: 32 * 128 * 128, params: 128 * 128 + 128 });
  });

  it('Keras: the nested MobileNet base is a module of its own, its layers inside it, with their classes', () => {
    expect(tm.totals.params).toBe(540108); // shared/keras-fixtures/expected.json: the weights manifest's sum
    expect(tm.modules!.filter((m) => m.depth <= 2).map((m) => [m.path, m.type])).toEqual([
      ['', 'Sequential'],
      ['sequential_9', 'Sequential'],
      ['sequential_9.model3', 'Model'],
      ['sequential_9.global_average_pooling2d_GlobalAveragePooling2D3', 'GlobalAveragePooling2D'],
      ['sequential_11', 'Sequential'],
      ['sequential_11.dense_Dense5', 'Dense'],
      ['sequential_11.dense_Dense6', 'Dense'],
    ]);
    // Dense 1280 -> 100 on one row: 128,000 MACs, 128,100 params; 100 -> 18 without bias: 1,800 and 1,800.
    expect(mod(tm, 'sequential_11')).toMatchObject({ macs: 129800, params: 129900, nodes: 2 });
    expect(countNumber(mod(tm, 'sequential_9').params) + countNumber(mod(tm, 'sequential_11').params)).toBe(540108);
  });

  it('profile tree at the default depth (golden)', () => {
    golden('modules-resnet18-profile.txt', renderProfileTable(r18));
    golden('modules-keras-nested-profile.txt', renderProfileTable(tm));
  });
  it('profile tree at an explicit depth, and without it (golden)', () => {
    golden('modules-bert6-profile-depth4.txt', renderProfileTable(bert6, { depth: 4 }));
    expect(renderProfileTable(r18, { depth: 0 })).not.toContain('module ');
  });
  it('CSV carries the tree: one row per module to the depth asked (golden)', () => {
    golden('modules-resnet18.csv', renderModuleCsv(r18, 2));
  });
});

describe('module-level diff', () => {
  it('ResNet-18 -> ResNet-34: each stage gains blocks, ranked by MACs, each followed by its added blocks', () => {
    const d = diffModules(r18, r34)!;
    expect(d.map((c) => [c.kind, c.path, c.through ?? null, c.blocks ? `${c.blocks.base} -> ${c.blocks.head}` : null, c.macs.delta, c.params.delta])).toEqual([
      // layer3: 2 -> 6 BasicBlocks of 2 * 14*14*256*256*9 = 231,211,008 MACs: +4 * 231,211,008 = +924,844,032 (0.925 G)
      // and +4 * 2 * (256*256*9 + 256) = +4,720,640 params.
      ['changed', 'layer3', null, '2 -> 6', 924844032, 4720640],
      ['added', 'layer3.2', 'layer3.5', null, 924844032, 4720640],
      // layer2: 2 -> 4 blocks of 2 * 28*28*128*128*9 = 231,211,008: +462,422,016; params +2 * 2 * (128*128*9 + 128) = +590,336
      ['changed', 'layer2', null, '2 -> 4', 462422016, 590336],
      ['added', 'layer2.2', 'layer2.3', null, 462422016, 590336],
      // layer4: 2 -> 3 blocks of 2 * 7*7*512*512*9 = 231,211,008; params 2 * (512*512*9 + 512) = 4,719,616
      ['changed', 'layer4', null, '2 -> 3', 231211008, 4719616],
      ['added', 'layer4.2', null, null, 231211008, 4719616],
      // layer1: 2 -> 3 blocks of 2 * 56*56*64*64*9 = 231,211,008; params 2 * (64*64*9 + 64) = 73,856
      ['changed', 'layer1', null, '2 -> 3', 231211008, 73856],
      ['added', 'layer1.2', null, null, 231211008, 73856],
    ]);
    // The eight added blocks are the whole change: 8 * 231,211,008 = 1,849,688,064 MACs.
    expect(countNumber(r34.totals.macs) - countNumber(r18.totals.macs)).toBe(8 * 231211008);
    // torchvision publishes 3.66 GMACs for ResNet-34.
    expect(countNumber(r34.totals.macs) / 1e9).toBeCloseTo(3.664, 3);
  });

  it('MobileNetV2 1.0 -> 0.75: every block narrower, the last one changing most', () => {
    const d = diffModules(mb100, mb075)!;
    // The published figures (Sandler et al. 2018, Table 6, 224x224): 300 M MACs at width 1.0, 209 M at 0.75.
    expect(Math.round(countNumber(mb100.totals.macs) / 1e6)).toBe(301);
    expect(Math.round(countNumber(mb075.totals.macs) / 1e6)).toBe(209);
    // torchvision keeps the last channel at 1280 below width 1.0, so the classifier is unchanged and the whole change is in `features`.
    expect(d[0]).toMatchObject({ kind: 'changed', path: 'features', macs: { delta: countNumber(mb075.totals.macs) - countNumber(mb100.totals.macs) } });
    expect(d.some((c) => c.path.startsWith('classifier'))).toBe(false);
    // features.17 (160 -> 320, expansion 6, 7x7): 1.0: 7*7*(160*960 + 960*9 + 960*320) = 23,002,560 MACs;
    // 0.75 (120 -> 240, hidden 720): 7*7*(120*720 + 720*9 + 720*240) = 13,018,320. Delta -9,984,240.
    expect(d[1]).toMatchObject({ kind: 'changed', path: 'features.17', macs: { base: 23002560, head: 13018320, delta: -9984240 }, shape: { base: 'float32[1, 320, 7, 7]', head: 'float32[1, 240, 7, 7]' } });
    expect(d.every((c) => c.kind === 'changed')).toBe(true);
    // The comment's module view shows 3 levels at most and skips a child that repeats its parent's change.
    const { rows } = selectModuleChanges(d);
    expect(rows.map((c) => c.path)).not.toContain('features.12.conv');
    expect(rows.every((c) => c.depth <= 3)).toBe(true);
  });

  it('BERT 6 -> 12 layers: `encoder.layer: 6 -> 12 blocks` and the range of added layers', () => {
    const d = diffModules(bert6, bert12)!;
    // 6 more layers of 6,553,600 MACs (derived above) = +39,321,600; params 6 * 198,272 = 1,189,632.
    expect(d.map((c) => [c.kind, c.path, c.through ?? null, c.blocks ?? null, c.count, c.macs.delta, c.params.delta])).toEqual([
      ['changed', 'encoder.layer', null, { base: 6, head: 12 }, 1, 39321600, 1189632],
      ['added', 'encoder.layer.6', 'encoder.layer.11', null, 6, 39321600, 1189632],
    ]);
  });

  it('Keras: the widened head is the change, the nested base untouched', () => {
    const d = diffModules(tm, tmWide)!;
    // dense_Dense5 1280 -> 100 becomes 1280 -> 256: MACs 128,000 -> 327,680 (+199,680), params 128,100 -> 327,936 (+199,836);
    // dense_Dense6 (no bias) reads 256 instead of 100: 1,800 -> 4,608 (+2,808). sequential_11: +202,488 MACs, +202,644 params.
    expect(d.map((c) => [c.path, c.type, c.macs.delta, c.params.delta])).toEqual([
      ['sequential_11', 'Sequential', 202488, 202644],
      ['sequential_11.dense_Dense5', 'Dense', 199680, 199836],
      ['sequential_11.dense_Dense6', 'Dense', 2808, 2808],
    ]);
    expect(d.some((c) => c.path.startsWith('sequential_9'))).toBe(false);
  });

  it('matches renamed modules and merges removed blocks', () => {
    const node = (name: string, macs: number): AnalyzedNode => ({ name, op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: { macs: Poly.const(macs), flops: Poly.const(2 * macs), params: Poly.const(macs), bytesRead: Poly.ZERO, bytesWritten: Poly.ZERO } });
    const rep = (names: [string, number][]): Report =>
      buildReport({ tool: { name: 'modelcost', version: '0' }, model: { path: 'm.onnx', format: 'onnx', producer: '', opsets: {} }, convention: 'macs+flops', dims: {}, inputs: [], outputs: [], nodes: names.map(([n, m]) => node(n, m)), weights: [], diagnostics: [] });
    const base = rep([['/blocks/blocks.0/fc/MatMul', 10], ['/blocks/blocks.1/fc/MatMul', 10], ['/blocks/blocks.2/fc/MatMul', 10], ['/head/MatMul', 5], ['/neck/MatMul', 7]]);
    const head = rep([['/blocks/blocks.0/fc/MatMul', 10], ['/classifier/MatMul', 5], ['/neck/MatMul', 9]]);
    const d = diffModules(base, head)!;
    expect(d.map((c) => [c.kind, c.path, c.through ?? null, c.renamedTo ?? null, c.macs.delta])).toEqual([
      ['changed', 'blocks', null, null, -20],
      ['removed', 'blocks.1', 'blocks.2', null, -20],
      ['changed', 'neck', null, null, 2],
    ]);
    // `head` -> `classifier` with the same costs: a rename, not news.
    expect(d.some((c) => c.path === 'head')).toBe(false);
  });

  it('is absent when a side has no tree, or a malformed one (a stored report is untrusted)', () => {
    const { modules: _, ...plain } = r18;
    expect(diffModules(plain as Report, r34)).toBeUndefined();
    const broken = { ...r18, modules: r18.modules!.map((m, i) => (i === 3 ? { ...m, parent: 99 } : m)) };
    expect(diffModules(broken, r34)).toBeUndefined();
  });
});

describe('module rows in the PR comment and the terminal', () => {
  it('ResNet-18 -> ResNet-34 comment: the module view before the node view (golden)', () => {
    const text = renderComment([modelChange('models/resnet.onnx', r18, r34)], { baseSha: '1111111111111111', headSha: '2222222222222222' });
    golden('modules-resnet18-34.md', text);
    expect(text).toContain('| `layer3` |  | 2 → 6 blocks | +925 M (+225.0%) | +4.72 M |  |');
    expect(text).toContain('| `layer3.2`–`layer3.5` |  | 4 added | +925 M | +4.72 M |  |');
    expect(text.indexOf('| module |')).toBeLessThan(text.indexOf('| layer |'));
  });
  it('terminal diffs (golden)', () => {
    golden('modules-resnet18-34.txt', renderDiffText(modelChange('models/resnet.onnx', r18, r34)));
    golden('modules-bert6-12.txt', renderDiffText(modelChange('models/bert.onnx', bert6, bert12)));
  });
  it('MobileNetV2 and Keras comments (golden)', () => {
    golden('modules-mobilenet-v2.md', renderComment([modelChange('models/mobilenet.onnx', mb100, mb075)], { baseSha: 'aaaaaaaaaaaa', headSha: 'bbbbbbbbbbbb', chart: false }));
    golden('modules-keras-nested.md', renderComment([modelChange('models/teachable.json', tm, tmWide)], { baseSha: 'aaaaaaaaaaaa', headSha: 'bbbbbbbbbbbb', chart: false }));
  });

  it('stays under GitHub 65,536 characters by dropping whole detail blocks, never leaving one open', () => {
    const changes = Array.from({ length: 60 }, (_, i) => modelChange(`models/resnet-${i}.onnx`, r18, r34));
    const text = renderComment(changes);
    expect(text.length).toBeLessThanOrEqual(65536);
    expect(text.split('<details>').length).toBe(text.split('</details>').length);
    expect(text).toMatch(/_Left out to stay under 65,000 characters: \d+ detail sections; the full report is in the job summary/);
    // Every table line is a whole row.
    for (const line of text.split('\n')) if (line.startsWith('|')) expect(line.endsWith('|')).toBe(true);
  });

  it('escapes module names from the model wherever they are shown', () => {
    const hostile = '<img src=x onerror=alert(1)>|@admin #1 \u202e\u001b[31m';
    const mk = (macs: number): Report =>
      buildReport({
        tool: { name: 'modelcost', version: '0' },
        model: { path: 'm.onnx', format: 'onnx', producer: '', opsets: {} },
        convention: 'macs+flops',
        dims: {},
        inputs: [],
        outputs: [],
        nodes: [{ name: `/${hostile}/MatMul`, op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: { macs: Poly.const(macs), flops: Poly.const(2 * macs), params: Poly.ZERO, bytesRead: Poly.ZERO, bytesWritten: Poly.ZERO } }],
        weights: [],
        diagnostics: [],
      });
    const change = modelChange('m.onnx', mk(1), mk(2));
    const md = renderComment([change]);
    const row = md.split('\n').find((l) => l.includes('img src'))!;
    // In a code span with `|` escaped: the row keeps its 7 cell borders, no HTML, mention or bidi override is live.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    expect(row).toContain('`<img src=x onerror=alert(1)>\\|@admin #1 \\u{202e}\\u{1b}[31m`');
    const txt = renderDiffText(change) + renderProfileTable(mk(1));
    // eslint-disable-next-line no-control-regex -- the point: no raw ESC or RLO reaches the terminal
    expect(txt).not.toMatch(/[\u001b\u202e]/);
    expect(txt).toContain('\\u{1b}[31m');
  });
});
