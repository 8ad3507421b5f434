/**
 * `modelcost hardware`, `--hardware` / `--precision` on profile, and `calibrate` (with onnxruntime-node,
 * a dev dependency of the workspace, timing the bundled example models).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './support/cli.js';

const ROOT = resolve(import.meta.dirname, '../../..');

const cli = (argv: string[], cwd = ROOT): Promise<CliRun> => runCli(argv, cwd);

describe('modelcost hardware', () => {
  it('lists the presets with dense peaks', async () => {
    const r = await cli(['hardware', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^nvidia-a100-sxm-80gb\s+gpu\s+NVIDIA A100 SXM4 80GB\s+19\.5\s+312\s+624\s+2039$/m);
    expect(r.out).toMatch(/\n51 profiles\. Dense peaks/);
  });

  it('shows every value of one profile with its provenance and source', async () => {
    const r = await cli(['hardware', 'show', 'nvidia-t4']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('nvidia-t4: NVIDIA T4 16GB (gpu, NVIDIA)');
    expect(r.out).toMatch(/peakTflops\.fp16\s+65\s+\[datasheet\]/);
    expect(r.out).toMatch(/kernelOverheadUs\s+6\s+\[estimate\] default for GPUs/);
    // The structure the GPU model runs on, and the runtime the preset defaults to.
    expect(r.out).toMatch(/gpu\.sms\s+40\s+\[datasheet\]/);
    expect(r.out).toMatch(/gpu\.sustainedClockGHz\s+1\.1\s+\[estimate\]/);
    expect(r.out).toContain('  runtime tensorrt (default for the device class)');
    expect(r.out).toMatch(/gpuPhysics\.kernelCycles\s+\d+\s+\[derived\] fitted to the fitting set/);
  });

  it('lists the runtimes with their launch costs, fusion policy and sources', async () => {
    const r = await cli(['hardware', 'runtimes']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('tensorrt: TensorRT (gpu; NVIDIA only), fusion graph, dtypes fp32 tf32 fp16 bf16 fp8 int8 int4, TF32 for fp32');
    expect(r.out).toMatch(/^pytorch-eager: PyTorch eager \(gpu, cpu\), fusion none/m);
    expect(r.out).toMatch(/^ {2}hostLaunchUs\s+20\s+\[estimate\] PyTorch eager/m);
    // XNNPACK: clamps only, and its micro-kernel GEMM schedule with the XNNPACK source of each value.
    expect(r.out).toMatch(/^tflite-xnnpack: TFLite XNNPACK \(cpu\), fusion clamp, dtypes fp32 fp16 int8$/m);
    expect(r.out).toMatch(/^ {2}microKernelGemm\.rows +4 {2}\[datasheet\] google\/XNNPACK src\/init\.c/m);
    expect(r.out).toMatch(/^ {2}microKernelGemm\.tilesPerThread +5 {2}\[datasheet\] google\/XNNPACK src\/convolution-nhwc\.c/m);
    // The values and their provenance line up under the longest path.
    const cols = r.out.split('\n').filter((l) => /^ {2}\S+ +[\d.]+ {2}\[/.test(l)).map((l) => l.indexOf('  ['));
    expect(cols.length).toBeGreaterThan(30);
    expect(new Set(cols)).toEqual(new Set([2 + 'microKernelGemm.tilesPerThread'.length + 1 + 6]));
  });

  it('reads user profiles from a JSON file and rejects unknown ids with a suggestion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-hw-'));
    writeFileSync(join(dir, 'ours.json'), JSON.stringify({ id: 'our-box', extends: 'rpi5-cpu', bandwidthGBps: 10 }));
    const r = await cli(['hardware', 'show', 'our-box', '--hardware', './ours.json'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bandwidthGBps\s+10\s+\[estimate\] user profile \(profile\)/);
    const bad = await cli(['profile', join(ROOT, 'examples/models/tiny-cnn.onnx'), '--hardware', 'nvidia-t5']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('modelcost: --hardware: unknown hardware "nvidia-t5"; did you mean nvidia-h100-sxm, nvidia-h100-pcie, nvidia-a100-sxm-80gb, nvidia-a100-pcie-40gb, nvidia-a100-pcie-80gb? (`modelcost hardware list` shows them all)\nRun modelcost profile --help for usage.\n');
    const badFile = await cli(['hardware', 'list', '--hardware', './missing.json'], dir);
    expect(badFile.code).toBe(2);
    expect(badFile.err).toBe('modelcost: ./missing.json: no such hardware profile file\n');
  });

  it('a profile whose name carries terminal escapes lists and shows them as text, not as escapes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-hw-'));
    // A config's hardwareProfiles are the config author's text: an ESC sequence must not reach the terminal.
    writeFileSync(join(dir, 'ours.json'), JSON.stringify({ id: 'evil-box', extends: 'rpi5-cpu', name: 'Box \u001b]0;owned\u0007\u001b[2J', bandwidthGBps: 10 }));
    for (const argv of [['hardware', 'list', '--hardware', './ours.json'], ['hardware', 'show', 'evil-box', '--hardware', './ours.json']]) {
      const r = await cli(argv, dir);
      expect(r.code).toBe(0);
      expect(r.out).toContain('evil-box');
      expect([r.out.includes('\u001b'), r.out.includes('\u0007')]).toEqual([false, false]);
    }
  });
});

describe('profile --hardware --precision', () => {
  it('adds latency per profile to the JSON report; fp16 is faster than fp32 on a T4', async () => {
    const model = join(ROOT, 'examples/models/tiny-cnn.onnx');
    const fp32 = JSON.parse((await cli(['profile', model, '--hardware', 'nvidia-t4,rpi5-cpu', '--json'])).out).reports[0];
    const fp16 = JSON.parse((await cli(['profile', model, '--hardware', 'nvidia-t4', '--precision', 'fp16', '--json'])).out).reports[0];
    expect(fp32.latency.map((l: { hardware: string }) => l.hardware)).toEqual(['nvidia-t4', 'rpi5-cpu']);
    expect(fp16.latency[0].precision).toBe('fp16');
    expect(fp16.latency[0].ms).toBeLessThan(fp32.latency[0].ms);
    expect(fp32.latency[0].top.length).toBe(5);
    const bad = await cli(['profile', model, '--precision', 'fp4']);
    expect(bad.err).toContain('--precision "fp4": expected fp32, fp16, bf16 or int8');
  });
});

describe('profile --runtime --throughput-batch', () => {
  const model = join(ROOT, 'examples/models/tiny-cnn.onnx');
  it('labels each estimate with its runtime, and PyTorch eager at batch 1 is host-bound, slower than TensorRT', async () => {
    const trt = JSON.parse((await cli(['profile', model, '--hardware', 'nvidia-l4', '--json'])).out).reports[0].latency[0];
    const eager = JSON.parse((await cli(['profile', model, '--hardware', 'nvidia-l4', '--runtime', 'pytorch-eager', '--json'])).out).reports[0].latency[0];
    expect(trt.runtime).toBe('tensorrt');
    expect(eager.runtime).toBe('pytorch-eager');
    // 9 ATen ops (conv, relu and pool x3, pool, flatten-free gemm...) at 20 us of host time each outweigh the GPU's microseconds.
    expect(eager.ms).toBeGreaterThan(trt.ms);
    expect(trt.throughput.samplesPerSec).toBeGreaterThan(0);
    const per = JSON.parse((await cli(['profile', model, '--hardware', 'nvidia-l4,rpi5-cpu', '--runtime', 'rpi5-cpu=tflite-xnnpack', '--throughput-batch', '8', '--json'])).out).reports[0].latency;
    expect(per.map((l: { runtime: string }) => l.runtime)).toEqual(['tensorrt', 'tflite-xnnpack']);
    expect(per[0].throughput.batch).toBe(8);
    const text = (await cli(['profile', model, '--hardware', 'nvidia-l4', '--precision', 'int8'])).out;
    expect(text).toContain('latency on nvidia-l4 · TensorRT · int8: ');
    expect(text).toMatch(/throughput [\d.]+ [KM] samples\/s at batch \d+ \([\d.]+ ms per batch\)/);
  });
  it('rejects a runtime that does not run on the hardware, an unknown one and a bad batch, with exit 2', async () => {
    const cpu = await cli(['profile', model, '--hardware', 'rpi5-cpu', '--runtime', 'tensorrt']);
    expect(cpu.code).toBe(2);
    expect(cpu.err).toBe('modelcost: --runtime: runtime "tensorrt" does not run on cpu hardware ("rpi5-cpu"); it runs on gpu\nRun modelcost profile --help for usage.\n');
    const amd = await cli(['profile', model, '--hardware', 'amd-mi300x', '--runtime', 'tensorrt']);
    expect(amd.err).toContain('--runtime: runtime "tensorrt" does not run on AMD hardware ("amd-mi300x"); it runs on NVIDIA devices');
    const unknown = await cli(['profile', model, '--hardware', 'nvidia-l4', '--runtime', 'tensorflow']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--runtime "tensorflow": unknown runtime; expected one of tensorrt, onnxruntime-cuda, onnxruntime-cpu');
    const stray = await cli(['profile', model, '--hardware', 'nvidia-l4', '--runtime', 'nvidia-t4=tensorrt']);
    expect(stray.err).toContain('--runtime: "nvidia-t4" is not among the --hardware profiles (nvidia-l4)');
    const batch = await cli(['profile', model, '--hardware', 'nvidia-l4', '--throughput-batch', '0']);
    expect(batch.err).toContain('--throughput-batch "0": expected an integer from 1 to 65536');
  });
});

describe('modelcost calibrate', () => {
  it('needs three models, or none for the built-in suite', async () => {
    const r = await cli(['calibrate', 'examples/models/tiny-cnn.onnx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('calibrate: give at least 3 ONNX models (more, and of different kinds, fit better), or none for the built-in suite');
  });

  it('with no models, times the built-in suite of generated models and fits a profile on it', async () => {
    const r = await cli(['calibrate', '--runs', '1', '--warmup', '0', '--threads', '1', '--json']);
    expect(r.err).toContain('calibrate: no models given; timing the built-in suite of 13 generated models');
    expect(r.err).toContain('[13/13] timing ');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.models.map((m: { path: string }) => m.path)).toContain('resnet-small.onnx');
    for (const m of res.models) expect(m.measuredMs).toBeGreaterThan(0);
    expect(res.profile.efficiency.computeMax.provenance).toBe('measured');
  }, 120_000);

  it('times the example models with onnxruntime-node, fits a profile and writes it for --hardware', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-cal-'));
    const out = join(dir, 'local.json');
    const r = await cli(['calibrate', 'examples/models/tiny-cnn.onnx', 'examples/models/tiny-encoder.onnx', 'examples/pr/tiny-cnn.onnx', '--dim', 'seq=16', '--runs', '3', '--warmup', '1', '--threads', '1', '--out', out, '--json']);
    expect(r.err).toContain('[3/3] timing examples/pr/tiny-cnn.onnx (1 thread, 1 warm-up + 3 runs)');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    // Timings are machine-dependent: check they are real (positive) and the fit's bookkeeping, not values.
    expect(res.models).toHaveLength(3);
    for (const m of res.models) expect(m.measuredMs).toBeGreaterThan(0);
    expect(res.profile.id).toBe('local');
    expect(res.profile.efficiency.computeMax.provenance).toBe('measured');
    // One thread: the thread count is recorded; the parallel split was never taken, so grain and sync are not claimed as fitted.
    expect(res.profile.efficiency.threads.value).toBe(1);
    expect(res.profile.efficiency.parallelGrainSec).toBeUndefined();
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.profiles[0].id).toBe('local');
    const p = await cli(['profile', 'examples/models/tiny-cnn.onnx', '--hardware', out, '--json']);
    expect(p.err).toBe('');
    expect(JSON.parse(p.out).reports[0].latency[0].hardware).toBe('local');
  }, 60_000);
});
