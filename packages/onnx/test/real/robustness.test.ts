/**
 * 2,000 seeded random mutations and truncations of real models, each run through the whole profile
 * pipeline (decode, infer, cost, report): every one must end in a Report or a clean import error
 * (OnnxImportError, or core's refusal of inconsistent sizes) within 2 s. Nothing else may escape (no TypeError from a rule, no hang, no stack overflow).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ModelImportError, seededRandom } from '@modelcost/core';
import { describe, expect, it } from 'vitest';
import { bytesSource, OnnxImportError, profileOnnx } from '../../src/index.js';

const REAL = resolve(import.meta.dirname, '../../../../../shared/onnx-real');
const MODELS = ['ort_mnist_cntk.onnx', 'ort_conv_int4_weights_qdq.onnx', 'ort_gelu_opset20_tf2onnx.onnx', 'ort_three_layer_nested_if_ir11.onnx', 'ort_loop_sub_one_ir12.onnx', 'occ_conv2d_local_function_tf2onnx.onnx', 'ort_whisper_fp16_decoder_mha_with_past.onnx', 'ort_gpt2_megatron_opt_skiplayernorm.onnx'];
const PER_MODEL = 250;

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const kind = r();
  if (kind < 0.25) return src.slice(0, Math.floor(r() * src.length)); // truncation
  const b = src.slice();
  const n = 1 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * b.length);
    // Flip bits, or write a byte that often lands on a varint length or a tag.
    b[at] = kind < 0.6 ? b[at]! ^ (1 << Math.floor(r() * 8)) : Math.floor(r() * 256);
  }
  return b;
}

describe('robustness: mutated real models', () => {
  it(`${MODELS.length * PER_MODEL} mutations end in a report or a clean error within 2 s`, () => {
    let reports = 0;
    let errors = 0;
    let slowest = 0;
    let internal = 0;
    MODELS.forEach((file, m) => {
      const src = new Uint8Array(readFileSync(join(REAL, file)));
      const r = seededRandom(1000 + m);
      for (let i = 0; i < PER_MODEL; i++) {
        const bytes = mutate(src, r);
        const t = performance.now();
        try {
          const rep = profileOnnx(bytesSource(bytes), { file });
          expect(rep.schemaVersion).toBe(2);
          internal += rep.diagnostics.filter((d) => d.code === 'internal-error').length;
          reports++;
        } catch (e) {
          // A clean refusal: a file the decoder rejects (OnnxImportError), or one whose sizes core finds
          // inconsistent once assembled (InvalidCountError: a negative count or byte length;
          // ImpossibleSizeError: no value of its symbols makes a size positive), both ModelImportErrors.
          if (!(e instanceof OnnxImportError || e instanceof ModelImportError)) throw new Error(`${file} mutation ${i}: ${(e as Error).stack}`);
          expect(e.message.length).toBeGreaterThan(0);
          errors++;
        }
        slowest = Math.max(slowest, performance.now() - t);
      }
    });
    console.log(`robustness: ${reports} reports, ${errors} clean errors, ${internal} internal-error diagnostics, slowest ${slowest.toFixed(1)} ms`);
    expect(reports + errors).toBe(MODELS.length * PER_MODEL);
    expect(slowest).toBeLessThan(2000);
    // A rule crashing on odd but decodable input is a bug even though the report survives it.
    expect(internal).toBe(0);
  }, 120_000);
});
