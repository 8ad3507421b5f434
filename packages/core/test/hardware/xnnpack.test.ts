/**
 * The XNNPACK runtime on a CPU: only clamps fuse into the operator before them, and the micro-kernel
 * GEMMs read their weights once per register tile of rows, from DRAM when the weights do not stay in
 * the last-level cache (docs/latency-model.md, section 4). Each figure against a hand derivation.
 */
import { describe, expect, it } from 'vitest';
import { estimateLatency, findHardware, findRuntime, groupKernels, hardwareCatalog, parseUserHardware, weightRereads, type Report } from '../../src/index.js';
import { node, report } from './helpers.js';

/** One biased 1x1 convolution of `cin` -> `cout` channels at h x w, fp32: an implicit GEMM of M = h*w, N = cout, K = cin. */
function pointwise(h: number, w: number, cin: number, cout: number): Report {
  const inBytes = cin * h * w * 4;
  const outBytes = cout * h * w * 4;
  const weights = (cout * cin + cout) * 4;
  const macs = h * w * cout * cin;
  return report(
    [node('pw', 'Conv', ['x', 'w', 'b'], { name: 'y', shape: [1, cout, h, w] }, { params: cout * cin + cout, macs, flops: 2 * macs, bytesRead: inBytes + weights, bytesWritten: outBytes })],
    [{ name: 'x', shape: [1, cin, h, w], dtype: 'float32' }],
    [{ name: 'y', shape: [1, cout, h, w], dtype: 'float32' }],
    { params: cout * cin + cout, weightBytes: weights, peakMemoryBytes: inBytes + outBytes },
  );
}

describe('XNNPACK fusion: a clamp is the output range of the operator before it, nothing else fuses', () => {
  it('runs residual adds, HardSwish and layout ops as operators of their own; BatchNormalization folds into the conv', () => {
    const s = [1, 16, 8, 8];
    const r = report(
      [
        node('conv1', 'Conv', ['x', 'w1'], { name: 'c1', shape: s }, { macs: 64 * 16 * 16, flops: 2 * 64 * 16 * 16 }),
        node('bn1', 'BatchNormalization', ['c1', 'g', 'bb', 'mu', 'var'], { name: 'n1', shape: s }),
        node('relu1', 'Relu', ['n1'], { name: 'r1', shape: s }),
        node('conv2', 'Conv', ['r1', 'w2'], { name: 'c2', shape: s }, { macs: 64 * 16 * 16, flops: 2 * 64 * 16 * 16 }),
        node('hs', 'HardSwish', ['c2'], { name: 'h', shape: s }),
        node('add', 'Add', ['h', 'r1'], { name: 'a', shape: s }),
        node('clip', 'Clip', ['a'], { name: 'q', shape: s }),
        node('t', 'Transpose', ['q'], { name: 'o', shape: [1, 8, 8, 16] }),
      ],
      [{ name: 'x', shape: s, dtype: 'float32' }],
      [{ name: 'o', shape: [1, 8, 8, 16], dtype: 'float32' }],
    );
    const ops = (policy: 'clamp' | 'pointwise'): string[] => groupKernels(r, policy).map((k) => k.nodes.map((n) => n.op).join('+'));
    // XNNPACK's MobileNet v2 / v3 (models/*.cc at the README's commit): add_nc, hardswish_nc and
    // transpose are operators; a clamp joins whatever produced its input, the Add included.
    expect(ops('clamp')).toEqual(['Conv+BatchNormalization+Relu', 'Conv', 'HardSwish', 'Add+Clip', 'Transpose']);
    // A pointwise compiler (TorchInductor) fuses the whole elementwise chain and the layout into the conv.
    expect(ops('pointwise')).toEqual(['Conv+BatchNormalization+Relu', 'Conv+HardSwish+Add+Clip+Transpose']);
    expect(findRuntime('tflite-xnnpack').fusion).toBe('clamp');
  });
});

describe('XNNPACK weight re-reads: the packed weights are read once per 4 output rows', () => {
  const [pi4] = findHardware(['rpi4-cpu']);
  const [pi5] = findHardware(['rpi5-cpu']);
  const xnn = findRuntime('tflite-xnnpack');
  const one = (r: Report) => groupKernels(r, 'clamp')[0]!;

  it('7x7 1024 -> 1024 on a Raspberry Pi 4: 13 row tiles, columns split over 4 threads: 13 sweeps of 4 MiB from DRAM', () => {
    const r = pointwise(7, 7, 1024, 1024);
    const k = one(r);
    const W = (1024 * 1024 + 1024) * 4; // 4,198,400 B of weights and bias
    const A = 2 * 49 * 1024 * 4; // 401,408 B of activations in and out
    expect(k.bytes - k.activationBytes).toBe(W);
    // 49 rows / 4 = 13 row tiles < 5 tiles x 4 threads: XNNPACK splits the 1024 columns too, each
    // thread starts its range of tiles at another column and sweeps all 4 MiB for each of its tiles.
    // The sweep (4 MiB) exceeds the 1 MiB L2: each of the 13 sweeps comes from DRAM, 12 more than once.
    const rr = weightRereads(k, W, A, 2 ** 20, 4, xnn);
    expect(rr).toEqual({ bytes: 12 * W, passes: 13, rows: 4, shared: false });
    const l = estimateLatency(r, pi4!, { runtime: 'tflite-xnnpack', throughput: false });
    // Memory: (in + W + out + 12 W) bytes, the 401,408 activation bytes within the 512 KiB cache share
    // at 3x, at the STREAM-measured 0.38 x 12.8 GB/s, plus the 2 us / 0.38 latency term: 11.25 ms.
    const memory = (A + 13 * W - A + A / 3) / (12.8e9 * 0.38) + 2e-6 / 0.38;
    // Compute: 2 x 49 x 1024^2 flops at 0.6 x 47.9 GFLOPS plus 20 us / 0.6: 3.61 ms. Memory-bound.
    const compute = (2 * 49 * 1024 * 1024) / (47.9e9 * 0.6) + 20e-6 / 0.6;
    expect(memory).toBeGreaterThan(compute);
    expect(l.ms).toBeCloseTo((memory + 4e-6) * 1e3, 9);
    expect(l.boundBy.memory).toBe(1);
    expect(l.top![0]!.detail).toBe('GEMM 49x1024x1024 fp32: 4.0 MiB of weights do not stay in the 1.0 MiB cache, read 13x from DRAM (4-row tiles, columns split over the threads)');
    // ONNX Runtime's MLAS packs a panel of the weights into cache and streams every row past it:
    // the weights leave DRAM once, and the same kernel is compute-bound.
    const ort = estimateLatency(r, pi4!, { runtime: 'onnxruntime-cpu', throughput: false });
    expect(ort.ms).toBeCloseTo((compute + 4e-6) * 1e3, 9);
  });

  it('14x14 512 -> 512: 49 row tiles, every tile spans all columns and the 4 threads sweep the weights together', () => {
    const k = one(pointwise(14, 14, 512, 512));
    const W = (512 * 512 + 512) * 4; // 1,050,624 B: just over the 1 MiB L2
    const A = 2 * 196 * 512 * 4;
    // 49 >= 20 row tiles: nc = all 512 columns, the threads start together on equal tiles and one
    // DRAM fetch serves all four: ceil(49 / 4) = 13 sweeps.
    expect(weightRereads(k, W, A, 2 ** 20, 4, xnn)).toEqual({ bytes: 12 * W, passes: 13, rows: 4, shared: true });
    // On one thread every tile's sweep is its own: 49.
    expect(weightRereads(k, W, A, 2 ** 20, 1, xnn)).toEqual({ bytes: 48 * W, passes: 49, rows: 4, shared: false });
  });

  it('28x28 256 -> 256: 257 KiB of weights stay in the 1 MiB L2, no DRAM re-reads', () => {
    const k = one(pointwise(28, 28, 256, 256));
    // 263,168 B of weights plus four threads' 4-row slices of the 1.6 MB of activations (4/196 of them) fit.
    expect(weightRereads(k, k.bytes - k.activationBytes, k.activationBytes, 2 ** 20, 4, xnn).bytes).toBe(0);
    // Other runtimes have no micro-kernel schedule: nothing is re-read.
    expect(weightRereads(k, 8 * 2 ** 20, 0, 2 ** 20, 4, findRuntime('onnxruntime-cpu')).bytes).toBe(0);
  });

  it("takes the core's register tile from its profile: the Pi 5's Cortex-A76 runs 6x8 tiles, ceil(49 / 6) = 9 sweeps", () => {
    const r = pointwise(7, 7, 1024, 1024);
    const k = one(r);
    const W = (1024 * 1024 + 1024) * 4;
    expect(pi5!.cpu).toEqual({ cores: 4, llcBytes: 2 * 2 ** 20, gemmTileRows: 6 });
    expect(pi4!.cpu).toEqual({ cores: 4, llcBytes: 2 ** 20 });
    // 9 row tiles < 20: the columns are split, every sweep its own; 4 MiB over the 2 MiB L3.
    expect(weightRereads(k, W, k.activationBytes, pi5!.cpu!.llcBytes, 4, xnn, 6)).toEqual({ bytes: 8 * W, passes: 9, rows: 6, shared: false });
    expect(estimateLatency(r, pi5!, { runtime: 'tflite-xnnpack', throughput: false }).top![0]!.detail).toContain('read 9x from DRAM (6-row tiles');
    // A user profile may give its core's tile (an A76 board other than the Pi 5).
    const user = parseUserHardware({ id: 'a76-board', extends: 'rpi4-cpu', cpu: { gemmTileRows: 6 } }, 'hardwareProfiles[0]');
    expect(user.errors).toEqual([]);
    expect(findHardware(['a76-board'], hardwareCatalog([user.value!]))[0]!.cpu).toEqual({ cores: 4, llcBytes: 2 ** 20, gemmTileRows: 6 });
  });
});
