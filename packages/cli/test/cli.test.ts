/**
 * The CLI run in-process with injected I/O against real models from ../shared.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './support/cli.js';

const REAL = resolve(import.meta.dirname, '../../../../shared/onnx-real');

const cli = (argv: string[], cwd = REAL): Promise<CliRun> => runCli(argv, cwd);

const MODULES = resolve(import.meta.dirname, '../../report/test/fixtures/modules');

describe('modelcost profile --depth and modelcost diff on module trees', () => {
  it('prints the module tree to the depth asked, one row per module', async () => {
    const r = await cli(['profile', 'resnet18.onnx', '--depth', '1'], MODULES);
    expect(r.code).toBe(0);
    const rows = r.out.split('\n');
    // torchvision ResNet-18's top-level modules, each with its MACs: layer3 = 2 blocks, 179,830,784 + 231,211,008.
    expect(rows.find((l) => l.startsWith('  layer3 '))).toMatch(/^ {2}layer3 +\[1, 256, 14, 14\] +2,098,432 +411,041,792 +22\.7%$/);
    expect(rows.some((l) => l.startsWith('    0 '))).toBe(false);
    // Below depth 1: 8 BasicBlocks, each with conv1, relu, conv2, relu_1 (BatchNorm folded into the convs by
    // the exporter: no module of its own), and `downsample` > `0` in layer2.0, layer3.0, layer4.0: 8 + 32 + 6 = 46.
    expect(r.out).toContain('(tree shown to depth 1 of 4: 46 deeper modules; --depth N shows them)');
    const deeper = await cli(['profile', 'resnet18.onnx', '--depth', '2'], MODULES);
    expect(deeper.out.split('\n').filter((l) => /^ {4}[01] /.test(l))).toHaveLength(8);
  });
  it('--csv --depth prints one row per module; --json carries the whole tree', async () => {
    const csv = (await cli(['profile', 'resnet18.onnx', '--csv', '--depth', '1'], MODULES)).out.trim().split('\n');
    expect(csv[0]).toBe('model,module,depth,type,calls,nodes,output_shape,params,macs,flops,bytes_moved,unsupported');
    // The root and its 9 children.
    expect(csv).toHaveLength(11);
    expect(csv[1]).toBe('resnet18.onnx,,0,,1,49,"[1, 1000]",11684712,1814073344,3632838144,97027392,0');
    const json = JSON.parse((await cli(['profile', 'resnet18.onnx', '--json', '--depth', '1'], MODULES)).out).reports[0];
    // The root, its 9 children and the 46 modules below them (counted above).
    expect(json.modules).toHaveLength(56);
    expect(json.nodes[0].module).toBe(1);
  });
  it('refuses a --depth that is not a number of levels', async () => {
    const r = await cli(['profile', 'resnet18.onnx', '--depth', 'deep'], MODULES);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--depth "deep": expected a whole number of levels');
  });
  it('diff lists the modules that changed most: `layer3: 2 -> 6 blocks`', async () => {
    const r = await cli(['diff', 'resnet18.onnx', 'resnet34.onnx'], MODULES);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  layer3: 2 -> 6 blocks, MACs +924,844,032, params +4,720,640\n  layer3.2-layer3.5: 4 added, MACs +924,844,032, params +4,720,640\n');
    const md = (await cli(['diff', 'resnet18.onnx', 'resnet34.onnx', '--markdown', '--depth', '1'], MODULES)).out;
    expect(md).toContain('| `layer3` |  | 2 → 6 blocks | +925 M (+225.0%) | +4.72 M |  |');
    // --depth 1 leaves out the added blocks (depth 2) of the comment.
    expect(md).not.toContain('`layer3.2`–`layer3.5`');
    const json = JSON.parse((await cli(['diff', 'resnet18.onnx', 'resnet34.onnx', '--json'], MODULES)).out);
    expect(json.diff.modules[0]).toMatchObject({ kind: 'changed', path: 'layer3', blocks: { base: 2, head: 6 } });
  });
});

describe('modelcost profile', () => {
  it('profiles a real model: Ultraface RFB-320', async () => {
    const r = await cli(['profile', 'ultraface_rfb_320.onnx']);
    expect(r.code).toBe(0);
    // 300,412 float32 weight elements (expected.json: initializer elements by dtype); input 1x3x240x320.
    expect(r.out).toContain('params 300,412');
    expect(r.out).toContain('input float32[1, 3, 240, 320]');
    expect(r.out).toContain('coverage: 126/126 nodes');
    expect(r.err).toBe('');
  });

  it('--json prints the Report contract', async () => {
    const r = await cli(['profile', 'ultraface_rfb_320.onnx', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    // One document whatever the number of models: the CLI's own version, the reports, the files that failed.
    expect(doc.schemaVersion).toBe(1);
    expect(doc.errors).toEqual([]);
    const rep = doc.reports[0];
    expect(rep.schemaVersion).toBe(2);
    expect(rep.model).toEqual({ path: 'ultraface_rfb_320.onnx', format: 'onnx', producer: 'pytorch 1.2', opsets: expect.objectContaining({ 'ai.onnx': 9 }) });
    expect(rep.totals.params).toBe(300412);
    expect(rep.outputs).toEqual([
      { name: 'scores', shape: [1, 4420, 2], dtype: 'float32' },
      { name: 'boxes', shape: [1, 4420, 4], dtype: 'float32' },
    ]);
    expect(rep.nodes).toHaveLength(126);
  });

  it('--csv prints one row per node', async () => {
    const r = await cli(['profile', 'ultraface_rfb_320.onnx', '--csv']);
    const rows = r.out.trim().split('\n');
    expect(rows[0]).toBe('model,node,op,domain,output_shape,params,macs,flops,bytes_read,bytes_written,status,module');
    // 126 nodes (expected.json nodes_main_graph) + header
    expect(rows).toHaveLength(127);
  });

  it('binds symbolic dims with --dim and keeps the polynomial', async () => {
    // MobileNetV3 QDQ has a symbolic batch: MACs scale linearly with it.
    const one = JSON.parse((await cli(['profile', 'ort_mobilenet_v3_qdq.onnx', '--json', '--dim', 'batch=1'])).out).reports[0];
    const four = JSON.parse((await cli(['profile', 'ort_mobilenet_v3_qdq.onnx', '--json', '--dim', 'batch=4'])).out).reports[0];
    expect(four.totals.macs).toBe(4 * one.totals.macs);
    expect(one.symbolic.macs).toBe(`${one.totals.macs}*batch`);
    expect(one.dims).toEqual({ batch: 1 });
  });

  it('--input overrides an input shape', async () => {
    const r = JSON.parse((await cli(['profile', 'ort_mobilenet_v3_qdq.onnx', '--json', '--input', 'image=2x3x244x244'])).out).reports[0];
    expect(r.inputs[0].shape).toEqual([2, 3, 244, 244]);
    expect(r.outputs[0].shape).toEqual([2, 1000]);
  });

  // Issue 19: --input binds the symbols an input declares; disagreements and impossible sizes are exit 2.
  const MODERN = resolve(import.meta.dirname, '../../onnx/test/fixtures/torch/modern');
  it('--input past_key_0=2x2x511x64 binds batch and past for every input of a KV-cache decoder', async () => {
    const r = JSON.parse((await cli(['profile', 'kv_decoder_opset17.onnx', '--json', '--input', 'past_key_0=2x2x511x64'], MODERN)).out).reports[0];
    expect(r.dims).toEqual({ batch: 2, past: 511, seq: 1 });
    expect(r.inputs[3].shape).toEqual([2, 2, 511, 64]);
  });
  it('two --input shapes that disagree on a symbol are exit 2, naming both inputs', async () => {
    const r = await cli(['profile', 'kv_decoder_opset17.onnx', '--input', 'past_key_0=2x2x511x64', '--input', 'past_value_1=2x2x500x64'], MODERN);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe(
      'modelcost: kv_decoder_opset17.onnx: --input past_key_0 and --input past_value_1 disagree on "past": past_key_0 gives 511, past_value_1 gives 500; both inputs declare that dim as "past", so give them the same size\n',
    );
  });
  it('a --dim that leaves a speech CNN no frame is exit 2 naming the smallest valid value', async () => {
    const r = await cli(['profile', 'wav2vec2_feature_encoder_opset17.onnx', '--dim', 'samples=100'], MODERN);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^modelcost: wav2vec2_feature_encoder_opset17\.onnx: --dim samples=100 makes a size impossible: .* the smallest valid value is samples=400\n$/);
    expect(r.err).not.toMatch(/\n {4}at /);
  });

  it('--input naming no graph input is an input error', async () => {
    const r = await cli(['profile', 'ort_mobilenet_v3_qdq.onnx', '--input', 'input=2x3x244x244']);
    expect([r.code, r.err]).toEqual([2, 'modelcost: ort_mobilenet_v3_qdq.onnx: --input input: the model has no input named "input"; its inputs are "image"\n']);
  });
});

describe('modelcost diff', () => {
  const EX = resolve(import.meta.dirname, '../../../examples');
  it('prints totals base -> head and the layers that changed most', async () => {
    const r = await cli(['diff', 'models/tiny-cnn.onnx', 'pr/tiny-cnn.onnx'], EX);
    expect(r.code).toBe(0);
    // params 24,234 -> 53,626 (see packages/report/test/diff.test.ts for the derivation)
    expect(r.out).toMatch(/Params\s+24,234\s+53,626\s+\+29,392\s+\+121\.3%/);
    expect(r.out).toContain('changed  conv_12 (Conv): FLOPs +11,796,480');
  });
  it('--markdown prints the pull-request comment with its marker', async () => {
    const r = await cli(['diff', 'models/tiny-cnn.onnx', 'pr/tiny-cnn.onnx', '--markdown'], EX);
    expect(r.out.split('\n').slice(0, 2)).toEqual(['<!-- modelcost:report key=default -->', '**modelcost**: 1 model changed']);
  });
  it('needs exactly two files', async () => {
    const r = await cli(['diff', 'models/tiny-cnn.onnx'], EX);
    expect([r.code, r.err]).toEqual([2, 'modelcost: diff: give exactly two model files, base then head\nRun modelcost diff --help for usage.\n']);
  });
});

describe('modelcost check', () => {
  const EX = resolve(import.meta.dirname, '../../../examples');
  function repo(config: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'modelcost-check-'));
    mkdirSync(join(dir, 'models'));
    copyFileSync(join(EX, 'pr/tiny-cnn.onnx'), join(dir, 'models/cnn.onnx'));
    copyFileSync(join(EX, 'models/tiny-encoder.onnx'), join(dir, 'models/encoder.onnx'));
    writeFileSync(join(dir, '.modelcost.yml'), config);
    return dir;
  }
  it('passes the bundled examples against their own budgets', async () => {
    const r = await cli(['check'], EX);
    expect([r.code, r.out.trim().split('\n').pop()]).toEqual([0, '2 models checked, 0 budget breaches']);
  });
  it('exits 1 on a breach and names the rule', async () => {
    // The widened CNN has 53,626 params (see packages/report/test/diff.test.ts), over a 50K budget.
    const r = await cli(['check'], repo('models: ["models/*.onnx"]\nbudgets:\n  - name: cnn\n    match: "models/cnn.onnx"\n    max: { params: 50K }\n'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('  breach: models/cnn.onnx: cnn: params 53.6 K exceeds max 50 K');
    expect(r.out).toContain('2 models checked, 1 budget breach');
  });
  it('a waiver prints the breach without failing', async () => {
    const r = await cli(['check'], repo('budgets:\n  - name: cnn\n    match: "models/cnn.onnx"\n    max: { params: 50K }\nwaivers: { cnn: "approved in #42" }\n'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('waived: models/cnn.onnx: cnn: params 53.6 K exceeds max 50 K (approved in #42)');
  });
  it('an invalid config exits 2 with dot-path messages', async () => {
    const r = await cli(['check'], repo('budgets:\n  - match: "x"\n    max: { flops: lots }\n'));
    expect([r.code, r.err]).toEqual([2, 'modelcost: .modelcost.yml: budgets[0].max.flops: expected a number or a size like 10G, got "lots"\n']);
  });
  it('a missing config exits 2', async () => {
    const r = await cli(['check', '--config', 'nope.yml'], EX);
    expect([r.code, r.err]).toEqual([2, 'modelcost: nope.yml: no such file: create one (see the README) or pass --config\n']);
  });
  it('an unreadable model gets its own line; the others are still checked', async () => {
    const dir = repo('models: ["models/*.onnx"]\n');
    writeFileSync(join(dir, 'models/broken.onnx'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 1\n');
    const r = await cli(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/✗ models\/broken\.onnx: .*Git LFS/);
    expect(r.out).toContain('3 models checked, 0 budget breaches');
  });
});

describe('errors: exit 2, one line naming the file, no stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelcost-cli-'));
  writeFileSync(join(dir, 'empty.onnx'), '');
  writeFileSync(join(dir, 'lfs.onnx'), 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n');

  it('missing file', async () => {
    const r = await cli(['profile', 'nope.onnx'], dir);
    expect([r.code, r.err]).toEqual([2, 'modelcost: nope.onnx: no such file\n']);
  });
  it('empty file', async () => {
    const r = await cli(['profile', 'empty.onnx'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^modelcost: empty\.onnx: .*empty/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('Git LFS pointer', async () => {
    const r = await cli(['profile', 'lfs.onnx'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^modelcost: lfs\.onnx: .*Git LFS/);
  });
  it('one bad model does not stop the others', async () => {
    const r = await cli(['profile', 'empty.onnx', join(REAL, 'ort_mnist_cntk.onnx')], dir);
    expect(r.code).toBe(2);
    // MNIST (CNTK): 5,994 weights.
    expect(r.out).toContain('params 5,994');
    expect(r.err).toMatch(/empty\.onnx/);
  });
  it('bad --dim', async () => {
    const r = await cli(['profile', 'x.onnx', '--dim', 'seq'], dir);
    expect([r.code, r.err]).toEqual([2, 'modelcost: --dim "seq": expected name=positive integer, e.g. --dim seq=128\nRun modelcost profile --help for usage.\n']);
  });
  it('unknown command and unknown option', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    const r = await cli(['profile', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("profile: Unknown option '--bogus'");
  });
  it('--help lists commands and examples', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('profile');
    expect((await cli(['profile', '--help'])).out).toContain('Examples:');
  });
});
