/**
 * Every real model in ../shared/onnx-real profiles: no throw, output shapes as expected.json says
 * (numbers must match), no unsupported op unless
 * expected.json marks it exotic, and params equal to expected.json's weight count:
 *   initializer elements - those used only as shape operands
 *   + Constant-node elements - those used only as shape operands
 *   + ConstantOfShape outputs generated from constant shapes + initializers inside sub-graphs.
 * Models whose count differs are listed in PARAMS_DIFFER with the difference and why; the list can only shrink.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, profileOnnx } from '../../src/index.js';
import { countNumber } from '@modelcost/core';

const DIR = resolve(import.meta.dirname, '../../../../../shared/onnx-real');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')).models as Record<string, ExpectedModel>;

interface ExpectedModel {
  params: Record<string, number>;
  exotic_ops?: Record<string, unknown>;
  graph_outputs: { name: string; shape: (number | string | null)[] | null }[];
  inferred_graph_outputs?: { name: string; shape: (number | string | null)[] | null }[];
}

/** Known differences from the expected.json formula: model -> [ours - expected, reason]. */
const PARAMS_DIFFER: Record<string, [number, string]> = {
  'ort_crop_and_resize_tf2onnx_loop.onnx': [-9, 'Loop-body initializers used only as Slice/Reshape/Range operands are constants here; expected.json counts every sub-graph initializer'],
  'ort_dynamo_local_functions.onnx': [6, 'function bodies are inlined per call, so a constant inside a function called 6 times feeds data inputs 6 times (expected.json counts the Constant node once)'],
  'ort_sparse_initializer.onnx': [60, 'a sparse initializer stands for its dense [3,4,5] tensor; expected.json counts only dense initializers'],
  'ort_tiny_gpt2_beamsearch_fp16.onnx': [-78112, "BeamSearch (exotic) is unsupported: its decoder sub-graph's weights are not analysed"],
  'tract_qlstm_scan_qlinearconv.onnx': [-4, 'the Scan body initializers lstm1.proj.slice-0-2.start/end (2 + 2 elements) are Slice operands, constants here'],
};

function expectedParams(p: Record<string, number>): number {
  return (
    p.initializer_elements! -
    p.initializer_elements_shape_operand_only! +
    p.constant_node_elements! -
    p.constant_node_elements_shape_operand_only! +
    p.constant_of_shape_output_elements! +
    p.initializer_elements_in_subgraphs!
  );
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
  });
});
