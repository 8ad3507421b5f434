/**
 * Every real model in ../shared/onnx-real profiles: no throw, output shapes as expected.json says
 * (numbers must match), no unsupported op unless expected.json marks it exotic, and params by the
 * convention of docs/cost-conventions.md ("What counts as a parameter": what PyTorch's
 * `sum(p.numel() for p in model.parameters())` counts), derived from expected.json's fields:
 *   initializer elements - int64 / bool / string ones (shape data: never params)
 *   - the other initializer elements used only as shape operands (int32 shape operands)
 *   + ConstantOfShape outputs generated from constant shapes + initializers inside sub-graphs.
 * expected.json's own weight formula also adds every Constant-node element read as data: under the
 * convention those are constants (masks, scalars of shape arithmetic, tables), counted in
 * `constantElements`, unless they reach a weight input (one file here). And every stored element is
 * one or the other: params + constantElements = initializer (all graphs) + Constant-node +
 * ConstantOfShape elements.
 * Models whose count differs from the derivation are listed in PARAMS_DIFFER with the difference and
 * why (dtypes and uses expected.json does not record); the list can only shrink.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, profileOnnx } from '../../src/index.js';
import { countNumber } from '@modelcost/core';

const DIR = resolve(import.meta.dirname, '../../../../../shared/onnx-real');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')).models as Record<string, ExpectedModel>;

interface ExpectedModel {
  params: Record<string, number> & { initializer_elements_by_dtype: Record<string, number> };
  exotic_ops?: Record<string, unknown>;
  graph_outputs: { name: string; shape: (number | string | null)[] | null }[];
  inferred_graph_outputs?: { name: string; shape: (number | string | null)[] | null }[];
}

/** Known differences from the derivation above: model -> [ours - derived, reason]. */
const PARAMS_DIFFER: Record<string, [number, string]> = {
  'occ_onnxmltools_unsorted.onnx': [-13, "13 int32 scalars of TensorFlow's shape arithmetic (Unsqueeze / Sub operands of strided-slice bounds) are shape data, constants here"],
  'ort_crop_and_resize_tf2onnx_loop.onnx': [-11, 'of the 15 Loop-body initializer elements, 11 are int64 / int32 / bool shape data or an empty Resize operand (constants); expected.json does not split sub-graph initializers by type'],
  'ort_if_sequence.onnx': [-1, 'its one sub-graph initializer is an int64 scalar (shape data, a constant); expected.json does not split sub-graph initializers by type'],
  'ort_sparse_initializer.onnx': [60, 'a sparse initializer stands for its dense [3,4,5] tensor; expected.json counts only dense initializers'],
  'ort_tf_bert_qa_keras2onnx.onnx': [-409, '409 int32 initializer elements are shape data read as data (Gather indices into shapes, Concat of shape vectors, Range bounds): constants here'],
  'superres_pre_post_processing_op18.onnx': [18, "two 3x3 colour-conversion matrices of the pre/post-processing are Constant nodes feeding MatMul's weight input: params by the convention"],
  'tract_qlstm_scan_qlinearconv.onnx': [-5, 'Scan-body int32 initializers: lstm1.proj.slice-0-2.start/end (2 + 2 elements, Slice operands) and lstm1.r_scale.scale (a fixed-point factor read by Mul) are shape-typed data outside weight inputs: constants here'],
};

/** Models where params + constantElements differ from the stored elements: model -> [difference, reason]. */
const STORED_DIFFER: Record<string, [number, string]> = {
  'ort_dynamo_local_functions.onnx': [6, "a Constant inside a model-local function takes its tensor from each call's attribute, so the function's 6 calls make 6 more constant tensors than the file's one Constant node"],
  'ort_sparse_initializer.onnx': [60, 'the sparse initializer (dense [3,4,5]) is not among the dense initializers expected.json counts'],
};

function expectedParams(p: Record<string, number> & { initializer_elements_by_dtype: Record<string, number> }): number {
  const d = p.initializer_elements_by_dtype;
  const int64 = d.int64 ?? 0;
  // int64 / bool / string initializers are shape data whatever reads them; the shape-operand-only
  // count beyond the int64 ones are int32 shape operands (Reshape / Slice / Gather in TF exports).
  const shapeTyped = int64 + (d.uint64 ?? 0) + (d.bool ?? 0) + (d.string ?? 0);
  return p.initializer_elements! - shapeTyped - Math.max(0, p.initializer_elements_shape_operand_only! - int64) + p.constant_of_shape_output_elements! + p.initializer_elements_in_subgraphs!;
}

function storedElements(p: Record<string, number>): number {
  return p.initializer_elements! + p.initializer_elements_in_subgraphs! + p.constant_node_elements! + p.constant_of_shape_output_elements!;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.onnx')).sort();

describe('onnx-real models', () => {
  it('are all present (40 models)', () => {
    expect(files.length).toBe(40);
  });

  it.each(files)('%s', (file) => {
    const e = expected[file]!;
    const r = profileOnnx(bytesSource(readFileSync(join(DIR, file))), { file });
    // Output shapes: every numeric dim matches. A symbolic expected dim may come out as a number: the
    // file's declared symbol can be less specific than what the inputs imply (gpt2_past declares
    // last_state [batch_size, seq_len_plus_1, 4] for input_ids [batch_size, 1]; inference gives 1).
    const want = e.inferred_graph_outputs ?? e.graph_outputs;
    r.outputs.forEach((o, i) => {
      const w = want[i]!;
      expect(o.name).toBe(w.name);
      if (!w.shape || !o.shape) return;
      expect(o.shape.length, `${o.name} rank`).toBe(w.shape.length);
      w.shape.forEach((d, k) => {
        if (typeof d === 'number' && d >= 0) expect(o.shape![k], `${o.name} axis ${k}`).toBe(d);
      });
    });
    // Unsupported ops only where expected.json calls them exotic.
    const exotic = new Set(Object.keys(e.exotic_ops ?? {}).map((k) => k.split('::').pop()!));
    expect(Object.keys(r.coverage.unsupported).filter((op) => !exotic.has(op))).toEqual([]);
    // Params.
    const diff = countNumber(r.totals.params) - expectedParams(e.params);
    expect(diff, PARAMS_DIFFER[file]?.[1] ?? 'params').toBe(PARAMS_DIFFER[file]?.[0] ?? 0);
    // Every stored element is a param or a constant.
    const stored = countNumber(r.totals.params) + countNumber(r.totals.constantElements!) - storedElements(e.params);
    expect(stored, STORED_DIFFER[file]?.[1] ?? 'params + constantElements').toBe(STORED_DIFFER[file]?.[0] ?? 0);
  });
});

describe('com.microsoft BeamSearch around a GPT-2 decoder (ort_tiny_gpt2_beamsearch_fp16.onnx)', () => {
  const file = 'ort_tiny_gpt2_beamsearch_fp16.onnx';
  const profile = (dims: Record<string, number> = {}) => profileOnnx(bytesSource(readFileSync(join(DIR, file))), { file, dims });

  it("counts the decoder's weights and its per-step cost, symbolically in max_length and num_beams", () => {
    const r = profile();
    expect(r.coverage.unsupported).toEqual({});
    // Params: the decoder's 78,112 initializer elements and the two outer ones it reads (wte 1000x32 and
    // the tied head 32x1000): expected.json's initializer_elements_in_subgraphs + initializer_elements.
    expect(r.totals.params).toBe(expected[file]!.params.initializer_elements_in_subgraphs! + expected[file]!.params.initializer_elements!);
    // The decoder (hidden 32, 5 layers, 4 heads of 8, MLP 128, vocab 1000), per token: QKV 32*96 +
    // out 32*32 + MLP 2*32*128 = 12,288 per layer, 5 layers 61,440, head 32*1000: 93,440 MACs; attention
    // QK^T and AV 2*32 per key per layer: 320*total_seq_len. With R = batch_size*num_beams rows, the prompt
    // run (S tokens, no past) costs R*(93,440*S + 320*S^2); then max_length - S - 1 runs of one token,
    // each counted at the longest past (total max_length): R*(93,440 + 320*max_length). Summed:
    // R*(320*S^2 + 320*max_length^2 - 320*max_length*S + 93,120*max_length - 93,440).
    expect(r.symbolic?.macs).toBe(
      '-320*batch_size*max_length*num_beams*sequence_length + 320*batch_size*max_length^2*num_beams + 320*batch_size*num_beams*sequence_length^2 + 93120*batch_size*max_length*num_beams - 93440*batch_size*num_beams',
    );
    // At least one generated token: max_length defaults to sequence_length + 1 = 2, not 1.
    expect(r.dims.max_length).toBe(2);
    expect(r.outputs[0]!.shape).toEqual(['batch_size', 'num_return_sequences', 'max_length']);
    // batch 1, 4 beams, prompt 8, max_length 32: R = 4; 4*(320*64 + 320*1024 - 320*256 + 93,120*32 - 93,440)
    // = 4*(20,480 + 327,680 - 81,920 + 2,979,840 - 93,440) = 4*3,152,640 = 12,610,560.
    expect(profile({ batch_size: 1, num_beams: 4, sequence_length: 8, max_length: 32 }).totals.macs).toBe(12610560);
    expect(r.diagnostics.find((d) => d.code === 'generation-upper-bound')!.message).toBe(
      'BeamSearch: the decoder runs at most max_length - sequence_length times on batch_size*num_beams rows (the batch times num_beams); runs after the first are each counted at the longest past (max_length - 1 tokens): an upper bound',
    );
  });
});
