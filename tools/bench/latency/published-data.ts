/**
 * Published end-to-end inference results the latency model is validated on (docs/latency-model.md,
 * section 6). Each point names the device preset, the runtime and precision it ran with, the model
 * (built by published.ts), the batch, the published figure and where it comes from.
 *
 * The split into a fitting set and a held-out set was fixed here, before any constant was fitted,
 * and holds out whole devices: the fitted GPU constants (gpu.ts, GPU_PHYSICS) see only the `fit`
 * points; every CPU point is held out (no CPU constant is fitted to published data).
 * - fit: A100 (MLPerf ResNet-50, TensorRT BERT tables), T4 (TensorRT BERT tables), Jetson AGX Orin
 *   (MLPerf ResNet-50): three GPU generations and a Jetson;
 * - held out: L4 (Ada) and H100 SXM / PCIe (Hopper), architectures the fit never sees; A30 (Ampere,
 *   half the SMs of an A100, HBM2 at 933 GB/s); Jetson Orin NX (8 SMs at 918 MHz); a Sapphire Rapids
 *   Xeon (AMX) and a Raspberry Pi 4 (Cortex-A72).
 */

/** Which side of the split a point is on. */
export type PointSet = 'fit' | 'held-out';

/** One published result. */
export interface PublishedPoint {
  /** Hardware preset id. */
  readonly device: string;
  /** Runtime id. */
  readonly runtime: string;
  readonly precision: 'fp32' | 'fp16' | 'int8';
  /** Model key in published.ts's suite. */
  readonly model: string;
  /** Symbol bindings (seq for BERT). */
  readonly dims: Readonly<Record<string, number>>;
  /** `latency`: milliseconds per run at `batch`; `throughput`: samples per second at the best batch. */
  readonly metric: 'latency' | 'throughput';
  readonly batch: number;
  readonly value: number;
  /** The published figure excludes the per-call overhead and host copies (CUDA-event timing). */
  readonly deviceOnly?: boolean;
  readonly set: PointSet;
  readonly source: string;
}

const MLPERF31 = (system: string, scenario: string, stat: string): string => `MLPerf Inference v3.1 closed, NVIDIA, ${system}, resnet50 ${scenario} (${stat}): github.com/mlcommons/inference_results_v3.1 closed/NVIDIA/results/${system}/resnet50/${scenario}/performance/run_1/mlperf_log_summary.txt`;
const MLPERF30 = (system: string, scenario: string, stat: string): string => `MLPerf Inference v3.0 closed, NVIDIA, ${system}, resnet50 ${scenario} (${stat}): github.com/mlcommons/inference_results_v3.0 closed/NVIDIA/results/${system}/resnet50/${scenario}/performance/run_1/mlperf_log_summary.txt`;
const TRT_BERT = (gpu: string): string => `NVIDIA TensorRT demo/BERT README, "Inference performance: NVIDIA ${gpu}", average latency column (github.com/NVIDIA/TensorRT commit 007c34702bc7878285e3123eb39829a1f9aef3f0; inference_benchmark.sh, timings exclude host copies)`;

const rn50 = (device: string, set: PointSet, scenario: 'SingleStream' | 'MultiStream' | 'Offline', value: number, source: string): PublishedPoint => ({
  device, runtime: 'tensorrt', precision: 'int8', model: 'resnet50', dims: {}, metric: scenario === 'Offline' ? 'throughput' : 'latency', batch: scenario === 'MultiStream' ? 8 : 1, value, set, source,
});

/** The TensorRT BERT tables: BERT-base/large at seq 128/384, int8 and fp16, batch 1 and 128 (average ms). */
function bertTable(device: string, gpu: string, set: PointSet, ms: Readonly<Record<string, readonly [number, number, number, number]>>): PublishedPoint[] {
  const out: PublishedPoint[] = [];
  for (const [key, [i1, f1, i128, f128]] of Object.entries(ms)) {
    const [model, seq] = key.split('@') as [string, string];
    for (const [precision, batch, value] of [['int8', 1, i1], ['fp16', 1, f1], ['int8', 128, i128], ['fp16', 128, f128]] as const)
      out.push({ device, runtime: 'tensorrt', precision, model, dims: { seq: Number(seq) }, metric: 'latency', batch, value, deviceOnly: true, set, source: TRT_BERT(gpu) });
  }
  return out;
}

export const PUBLISHED: readonly PublishedPoint[] = [
  // ---- fitting set ----
  rn50('nvidia-a100-sxm-80gb', 'fit', 'SingleStream', 0.453428, MLPERF30('DGX-A100_A100-SXM-80GBx1_TRT', 'SingleStream', '50th percentile latency 453428 ns')),
  rn50('nvidia-a100-sxm-80gb', 'fit', 'MultiStream', 0.642645, MLPERF30('DGX-A100_A100-SXM-80GBx1_TRT', 'MultiStream', '8 samples per query, 50th percentile latency 642645 ns')),
  rn50('nvidia-a100-sxm-80gb', 'fit', 'Offline', 42379.3, MLPERF30('DGX-A100_A100-SXM-80GBx1_TRT', 'Offline', '42379.3 samples/s')),
  rn50('jetson-agx-orin-64gb', 'fit', 'SingleStream', 0.636227, MLPERF31('Orin_TRT', 'SingleStream', '50th percentile latency 636227 ns; GPU only')),
  rn50('jetson-agx-orin-64gb', 'fit', 'MultiStream', 2.162887, MLPERF31('Orin_TRT', 'MultiStream', '8 samples per query, 50th percentile latency 2162887 ns')),
  ...bertTable('nvidia-a100-sxm-40gb', 'A100 (40GB)', 'fit', {
    'bert-base@128': [0.58, 0.67, 8.18, 16.14], 'bert-base@384': [1.15, 1.31, 29.34, 51.26],
    'bert-large@128': [1.25, 1.64, 25.45, 51.61], 'bert-large@384': [2.81, 3.12, 89.01, 163.7],
  }),
  ...bertTable('nvidia-t4', 'T4 (16GB)', 'fit', {
    'bert-base@128': [1.69, 1.95, 73.15, 144.2], 'bert-base@384': [2.52, 4.04, 242.14, 458.76],
    'bert-large@128': [3.65, 5.53, 241.11, 482.84], 'bert-large@384': [7.29, 12.45, 755.5, 1518.35],
  }),
  // ---- held-out set ----
  rn50('nvidia-l4', 'held-out', 'SingleStream', 0.345894, MLPERF31('L4x1_TRT', 'SingleStream', '50th percentile latency 345894 ns')),
  rn50('nvidia-l4', 'held-out', 'MultiStream', 0.806088, MLPERF31('L4x1_TRT', 'MultiStream', '8 samples per query, 50th percentile latency 806088 ns')),
  rn50('nvidia-l4', 'held-out', 'Offline', 12881.7, MLPERF31('L4x1_TRT', 'Offline', '12881.7 samples/s')),
  rn50('jetson-orin-nx-16gb', 'held-out', 'SingleStream', 1.078494, MLPERF31('Orin_NX_TRT', 'SingleStream', '50th percentile latency 1078494 ns')),
  rn50('jetson-orin-nx-16gb', 'held-out', 'MultiStream', 5.07849, MLPERF31('Orin_NX_TRT', 'MultiStream', '8 samples per query, 50th percentile latency 5078490 ns')),
  rn50('nvidia-h100-sxm', 'held-out', 'Offline', 88526, MLPERF31('DGX-H100_H100-SXM-80GBx1_TRT', 'Offline', '88526 samples/s')),
  rn50('nvidia-h100-pcie', 'held-out', 'Offline', 54851.4, MLPERF31('H100-PCIe-80GBx1_TRT', 'Offline', '54851.4 samples/s')),
  ...bertTable('nvidia-a30', 'A30', 'held-out', {
    'bert-base@128': [0.63, 0.89, 16.5, 33.58], 'bert-base@384': [1.33, 1.7, 60.2, 107.15],
    'bert-large@128': [1.75, 2.14, 51.73, 108.52], 'bert-large@384': [3.47, 4.57, 179.78, 342.3],
  }),
  {
    device: 'intel-xeon-8480plus', runtime: 'openvino', precision: 'int8', model: 'resnet50', dims: {}, metric: 'throughput', batch: 1, value: 20565.5 / 2, set: 'held-out',
    source: 'MLPerf Inference v3.1 closed, Intel, 1-node-2S-SPR-PyTorch-INT8 (2x Xeon Platinum 8480+), resnet50 Offline 20565.5 samples/s, halved for one socket: github.com/mlcommons/inference_results_v3.1 closed/Intel/results/1-node-2S-SPR-PyTorch-INT8/resnet50/Offline/performance/run_1/mlperf_log_summary.txt (PyTorch + oneDNN AMX kernels: modelled with the openvino runtime, the same AMX path)',
  },
  ...(
    [['mobilenet-v1', 75], ['mobilenet-v2', 44], ['mobilenet-v3-small', 14]] as const
  ).map(([model, ms]): PublishedPoint => ({
    device: 'rpi4-cpu', runtime: 'tflite-xnnpack', precision: 'fp32', model, dims: {}, metric: 'latency', batch: 1, value: ms, set: 'held-out',
    source: 'google/XNNPACK README, "Raspberry Pi" table: multi-threaded (4 threads) fp32 end2end_bench on RPi 4 (BCM2711), February 2020 (github.com/google/XNNPACK README.md)',
  })),
];
