/**
 * `modelcost hardware`, `--hardware` / `--precision` on profile, and `calibrate` (with onnxruntime-node,
 * a dev dependency of the workspace, timing the bundled example models).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, run } from '../src/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');

async function cli(argv: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await run({ argv, cwd, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, fs: nodeFs, env: {} });
  return { code, out, err };
}

describe('modelcost hardware', () => {
  it('lists the presets with dense peaks', async () => {
    const r = await cli(['hardware', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^nvidia-a100-sxm-80gb\s+gpu\s+NVIDIA A100 SXM4 80GB\s+19\.5\s+312\s+624\s+2039$/m);
    expect(r.out).toMatch(/\n40 profiles\. Dense peaks/);
  });

  it('shows every value of one profile with its provenance and source', async () => {
    const r = await cli(['hardware', 'show', 'nvidia-t4']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('nvidia-t4: NVIDIA T4 16GB (gpu, NVIDIA)');
    expect(r.out).toMatch(/peakTflops\.fp16\s+65\s+\[datasheet\]/);
    expect(r.out).toMatch(/kernelOverheadUs\s+6\s+\[estimate\] default for GPUs/);
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
});

describe('profile --hardware --precision', () => {
  it('adds latency per profile to the JSON report; fp16 is faster than fp32 on a T4', async () => {
    const model = join(ROOT, 'examples/models/tiny-cnn.onnx');
    const fp32 = JSON.parse((await cli(['profile', model, '--hardware', 'nvidia-t4,rpi5-cpu', '--json'])).out);
    const fp16 = JSON.parse((await cli(['profile', model, '--hardware', 'nvidia-t4', '--precision', 'fp16', '--json'])).out);
    expect(fp32.latency.map((l: { hardware: string }) => l.hardware)).toEqual(['nvidia-t4', 'rpi5-cpu']);
    expect(fp16.latency[0].precision).toBe('fp16');
    expect(fp16.latency[0].ms).toBeLessThan(fp32.latency[0].ms);
    expect(fp32.latency[0].top.length).toBe(5);
    const bad = await cli(['profile', model, '--precision', 'fp4']);
    expect(bad.err).toContain('--precision "fp4": expected fp32, fp16, bf16 or int8');
  });
});

describe('modelcost calibrate', () => {
  it('needs three models', async () => {
    const r = await cli(['calibrate', 'examples/models/tiny-cnn.onnx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('calibrate: give at least 3 ONNX models');
  });

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
    expect(JSON.parse(p.out).latency[0].hardware).toBe('local');
  }, 60_000);
});
