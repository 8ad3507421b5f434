/**
 * Module scopes the ONNX importer gives core's module tree beyond node names: model-local function
 * calls (a call is a module), the dynamo exporter's `metadata_props`, and the bodies of If / Loop.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Report } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { bytesSource, dynamoScope, parsePyStrList, profileOnnx } from '../src/index.js';
import { ModelProto } from './decode/reference.js';

const REAL = resolve(import.meta.dirname, '../../../../shared/onnx-real');
const TORCH = resolve(import.meta.dirname, 'fixtures/torch');
const profile = (path: string): Report => profileOnnx(bytesSource(readFileSync(path)), { file: path });
const tree = (r: Report) => r.modules!.map((m) => [m.path, m.type ?? null, m.nodes, m.macs]);

describe('model-local functions are modules', () => {
  it('TorchScript export_modules_as_functions: the call `/blocks/blocks.0/Block` is the module blocks.0, of class Block', () => {
    const r = profile(resolve(TORCH, 'modules_as_functions_opset17.onnx'));
    // stem: 3 -> 8, 3x3 on 16x16 -> 14x14: 14*14*8*3*9 = 42,336 MACs. Each Block: two 8 -> 8 3x3 convs on
    // 14x14 (padding 1): 2 * 14*14*8*8*9 = 225,792 MACs, and its Conv, Relu, Conv, Add (4 nodes); head 8 -> 4: 32.
    expect(tree(r)).toEqual([
      ['', null, 11, 42336 + 2 * 225792 + 32],
      ['stem', null, 1, 42336],
      ['blocks', null, 8, 2 * 225792],
      ['blocks.0', 'Block', 4, 225792],
      ['blocks.1', 'Block', 4, 225792],
      ['head', null, 1, 32],
    ]);
  });
  it('tf2onnx: a call named `CONV__8` of ai.nhwc_exp::CONV gets a module of its own', () => {
    const r = profile(resolve(REAL, 'occ_conv2d_local_function_tf2onnx.onnx'));
    expect(tree(r)).toEqual([
      ['', null, 3, r.totals.macs],
      ['CONV__8', 'CONV', 3, r.totals.macs],
    ]);
  });
  it('PyTorch 2.2 dynamo: the torch_lib function call holds its body and the If branches inside it', () => {
    const r = profile(resolve(REAL, 'ort_dynamo_local_functions.onnx'));
    const fn = r.modules!.find((m) => m.path === '_aten_linalg_vector_norm_no_dim_onnx_2')!;
    expect(fn.type).toBe('_aten_linalg_vector_norm_no_dim_onnx');
    // Every node but the top-level Constant and Reshape is in the call (nested calls of Rank / IsScalar and If branches included).
    expect(fn.nodes).toBe(r.nodes.length - 2);
    expect(r.nodes.filter((n) => n.name.startsWith('_aten_linalg_vector_norm_no_dim_onnx_2/')).every((n) => r.modules![n.module!]!.path.startsWith('_aten_linalg_vector_norm_no_dim_onnx_2'))).toBe(true);
  });
});

describe("the dynamo exporter's metadata_props", () => {
  it('parses Python list reprs, quotes and escapes included, and refuses anything else', () => {
    expect(parsePyStrList("['', 'layer1', 'layer1.0']")).toEqual(['', 'layer1', 'layer1.0']);
    expect(parsePyStrList(`["it's", 'a\\'b', 'tab\\there', '\\u00e9']`)).toEqual(["it's", "a'b", 'tab\there', 'é']);
    expect(parsePyStrList('[]')).toEqual([]);
    for (const bad of ["['a'", "['a' 'b']", '[1, 2]', "['a\\q']", 'layer1']) expect(parsePyStrList(bad)).toBeUndefined();
  });
  it('reads module paths and classes; the last entry is the node itself', () => {
    // The format as torch.onnx.export(dynamo=True) writes it (cumulative paths; classes alongside, the aten op last).
    expect(
      dynamoScope({
        'pkg.torch.onnx.name_scopes': "['', 'network', 'network.0', 'linear']",
        'pkg.torch.onnx.class_hierarchy': "['__main__.GestureNN', 'torch.nn.modules.container.Sequential', 'torch.nn.modules.linear.Linear', 'aten.linear.default']",
      }),
    ).toEqual({ names: ['network', 'network.0'], types: ['Sequential', 'Linear'], rootType: 'GestureNN' });
    expect(dynamoScope({})).toBeUndefined();
    expect(dynamoScope({ 'pkg.torch.onnx.name_scopes': 'not a list' })).toBeUndefined();
  });

  it('builds the tree of a model whose node names carry no scope, from metadata alone', () => {
    const vi = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
    const meta = (scopes: string[], classes: string[]) => [
      { key: 'pkg.torch.onnx.name_scopes', value: `[${scopes.map((s) => `'${s}'`).join(', ')}]` },
      { key: 'pkg.torch.onnx.class_hierarchy', value: `[${classes.map((s) => `'${s}'`).join(', ')}]` },
    ];
    const bytes = ModelProto.encode(
      ModelProto.fromObject({
        irVersion: 10,
        producerName: 'pytorch',
        opsetImport: [{ domain: '', version: 18 }],
        graph: {
          name: 'g',
          input: [vi('x', [1, 8])],
          output: [vi('y', [1, 2])],
          initializer: [
            { name: 'w0', dims: [8, 4], dataType: 1, rawData: new Uint8Array(128) },
            { name: 'w1', dims: [4, 2], dataType: 1, rawData: new Uint8Array(32) },
          ],
          node: [
            { name: 'node_MatMul_0', opType: 'MatMul', input: ['x', 'w0'], output: ['h'], metadataProps: meta(['', 'net', 'net.0', 'matmul'], ['m.Net', 'torch.nn.modules.container.Sequential', 'torch.nn.modules.linear.Linear', 'aten.mm.default']) },
            { name: 'node_Relu_1', opType: 'Relu', input: ['h'], output: ['r'], metadataProps: meta(['', 'net', 'net.1', 'relu'], ['m.Net', 'torch.nn.modules.container.Sequential', 'torch.nn.modules.activation.ReLU', 'aten.relu.default']) },
            { name: 'node_MatMul_2', opType: 'MatMul', input: ['r', 'w1'], output: ['y'], metadataProps: meta(['', 'head', 'matmul_1'], ['m.Net', 'torch.nn.modules.linear.Linear', 'aten.mm.default']) },
          ],
        },
      }),
    ).finish();
    const r = profileOnnx(bytesSource(bytes), { file: 'dynamo.onnx' });
    // net.0: 1x8 @ 8x4 = 32 MACs; head: 1x4 @ 4x2 = 8.
    expect(tree(r)).toEqual([
      ['', 'Net', 3, 40],
      ['net', 'Sequential', 2, 32],
      ['net.0', 'Linear', 1, 32],
      ['net.1', 'ReLU', 1, 0],
      ['head', 'Linear', 1, 8],
    ]);
    expect(r.modules![1]!.outputs).toEqual([{ name: 'r', shape: [1, 4], dtype: 'float32' }]);
  });
});

describe('TorchScript names', () => {
  it('ResNet-50: torchvision module paths, bottlenecks under their stage, downsample inside the first block', () => {
    const r = profile(resolve(TORCH, 'resnet50_opset17.onnx'));
    const paths = r.modules!.map((m) => m.path);
    expect(paths.filter((p) => /^layer\d$/.test(p))).toEqual(['layer1', 'layer2', 'layer3', 'layer4']);
    expect(paths.filter((p) => p.startsWith('layer3.') && !p.slice(7).includes('.'))).toEqual(['layer3.0', 'layer3.1', 'layer3.2', 'layer3.3', 'layer3.4', 'layer3.5']);
    expect(paths).toContain('layer1.0.downsample.0');
    // Every node is in some module and the root holds the whole model.
    expect(r.nodes.every((n) => n.module !== undefined)).toBe(true);
    expect(r.modules![0]!.macs).toBe(r.totals.macs);
  });
});
