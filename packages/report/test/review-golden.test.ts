/**
 * The PR comment and terminal outputs for a change touching many models at once (golden files):
 * a model added, one removed, one changed, one corrupt, one Git LFS pointer, one with an op that
 * has no cost rule, a Keras model, with a budget breach and latency estimates on two hardware profiles.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { parseConfig, renderComment, renderDiffText, renderProfileTable, review, type FileChange } from '../src/index.js';
import { golden } from './support/golden.js';

const EX = resolve(import.meta.dirname, '../../../examples');
const read = (rel: string): Uint8Array => readFileSync(join(EX, rel));

/** A small ONNX model with an op from a custom domain (no cost rule): X -> Relu -> com.example:Fancy -> Y. */
function customOpModel(): Uint8Array {
  const { onnx } = onnxProto;
  const vi = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 16 }] } } } });
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'test',
    opsetImport: [{ domain: '', version: 17 }, { domain: 'com.example', version: 1 }],
    graph: {
      name: 'custom',
      node: [
        { name: 'relu', opType: 'Relu', input: ['X'], output: ['r'] },
        { name: 'fancy', opType: 'Fancy', domain: 'com.example', input: ['r'], output: ['Y'] },
      ],
      input: [vi('X')],
      output: [vi('Y')],
    },
  }).finish();
}

const LFS = new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n');

const files: Record<string, { base?: Uint8Array; head?: Uint8Array }> = {
  'models/cnn.onnx': { base: read('models/tiny-cnn.onnx'), head: read('pr/tiny-cnn.onnx') },
  'models/encoder.onnx': { head: read('models/tiny-encoder.onnx') },
  'models/old.onnx': { base: read('models/tiny-cnn.onnx') },
  'models/broken.onnx': { base: read('models/tiny-cnn.onnx'), head: read('models/tiny-cnn.onnx').subarray(0, 700) },
  'models/big.onnx': { base: LFS, head: LFS },
  'models/custom.onnx': { head: customOpModel() },
  // A Keras (tf.js layers) model next to the ONNX ones: tensorflow/tfjs-examples, Apache-2.0.
  'models/abalone.json': { head: new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../../shared/keras-fixtures/tfjs/tfjs-examples_abalone_sequential_tfjs1.3.2_model.json'))) },
};
const changes: FileChange[] = [
  { path: 'models/cnn.onnx', status: 'modified' },
  { path: 'models/encoder.onnx', status: 'added' },
  { path: 'models/old.onnx', status: 'removed' },
  { path: 'models/broken.onnx', status: 'modified' },
  { path: 'models/big.onnx', status: 'modified' },
  { path: 'models/custom.onnx', status: 'added' },
  { path: 'models/abalone.json', status: 'added' },
  { path: 'README.md', status: 'modified' },
];
const config = parseConfig(`
models: ["models/**/*.onnx", "models/**/*.json"]
hardware: [nvidia-t4, rpi5-cpu]
dims: { batch: 1, seq: 128 }
budgets:
  - name: cnn-growth
    match: "models/cnn.onnx"
    maxIncrease: { flops: 50% }
    max: { latencyMs: { rpi5-cpu: 0.5ms } }
  - name: no-unknown-ops
    match: "models/**"
    failOnUnsupported: true
`).value!;

describe('review of a change touching seven models (six ONNX, one Keras)', async () => {
  const result = await review(changes, async (side, path) => files[path]?.[side], config);

  it('rows: changed, added, removed, two errors, and the custom-op model', () => {
    expect(result.models.map((m) => `${m.path}:${m.status}`)).toEqual([
      'models/cnn.onnx:changed',
      'models/encoder.onnx:added',
      'models/old.onnx:removed',
      'models/broken.onnx:error',
      'models/big.onnx:error',
      'models/custom.onnx:added',
      'models/abalone.json:added',
    ]);
    // expected.json of the fixture: 3,051 params, all trainable.
    const keras = result.models.find((m) => m.path === 'models/abalone.json')!.head!;
    expect([keras.model.format, keras.totals.params, keras.totals.trainableParams]).toEqual(['keras', 3051, 3051]);
    expect(result.models.find((m) => m.path === 'models/big.onnx')!.error).toMatch(/^Git LFS pointer/);
    expect(result.models.find((m) => m.path === 'models/custom.onnx')!.head!.coverage.unsupported).toEqual({ Fancy: 1 });
  });

  it('breaches: FLOPs growth, latency on rpi5-cpu, the unsupported op, and the two models no-unknown-ops covers but that could not be profiled', () => {
    expect(result.breaches.map((b) => `${b.path} ${b.rule} ${b.metric}`).sort()).toEqual([
      'models/big.onnx no-unknown-ops unprofiled',
      'models/broken.onnx no-unknown-ops unprofiled',
      'models/cnn.onnx cnn-growth flops increase',
      'models/cnn.onnx cnn-growth latencyMs.rpi5-cpu',
      'models/custom.onnx no-unknown-ops unsupported',
    ]);
    expect(result.failed).toBe(true);
  });

  it('estimates latency on both profiles for every readable model', () => {
    const cnn = result.models[0]!;
    expect(cnn.head!.latency.map((l) => l.hardware)).toEqual(['nvidia-t4', 'rpi5-cpu']);
    expect(cnn.head!.latency[1]!.ms).toBeGreaterThan(cnn.base!.latency[1]!.ms);
  });

  it('PR comment (golden)', () => golden('review-many-models.md', renderComment(result.models, { baseSha: 'aaaaaaaaaaaaaaaa', headSha: 'bbbbbbbbbbbbbbbb', breaches: result.breaches })));
  it('terminal diff with latency rows (golden)', () => golden('review-cnn-diff.txt', renderDiffText(result.models[0]!)));
  it('terminal profile with latency and top kernels (golden)', () => golden('review-cnn-profile.txt', renderProfileTable(result.models[0]!.head!)));
});
