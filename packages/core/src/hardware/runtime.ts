/**
 * Runtimes: what runs the model changes its latency as much as the device does. A runtime decides
 * which nodes run as one kernel (its fusion policy), what each kernel launch costs on the host and
 * between kernels on the device, which dtypes it runs, and whether fp32 contractions use TF32 tensor
 * cores or CPU matrix units (AMX, SME). Every value carries a source; docs/latency-model.md explains
 * the model that uses them.
 */
import type { HardwareKind, PeakDType, Sourced } from './profile.js';

/**
 * Which nodes a runtime runs as one kernel:
 * - `none`: every op is its own kernel (PyTorch eager: one ATen call, one or more launches per op);
 * - `contraction`: an activation, bias, residual add or folded BatchNormalization joins the conv /
 *   matmul before it, other ops run alone (ONNX Runtime's CPU and CUDA providers: FusedConv,
 *   FusedGemm, BiasGelu, SkipLayerNorm);
 * - `clamp`: only a clamp (ReLU, ReLU6 / Clip) joins the op before it, as its output range, and a
 *   BatchNormalization folds into the convolution before it; every other op, residual adds,
 *   HardSwish and the squeeze-excite multiply included, runs as its own operator (XNNPACK: an
 *   operator's output_min / output_max is its only fused activation);
 * - `pointwise`: elementwise chains fuse too, and into the contraction before them (TorchInductor,
 *   NPU compilers);
 * - `graph`: `pointwise`, plus attention (QK^T, scale/mask, Softmax, x V) as one kernel and
 *   normalisations joining the elementwise kernel before them (TensorRT's Myelin fMHA and
 *   SkipLayerNorm, OpenVINO, Core ML).
 */
export type FusionPolicy = 'none' | 'contraction' | 'clamp' | 'pointwise' | 'graph';

/** One runtime's behaviour, each number with its source. */
export interface Runtime {
  /** Stable id used in config and on the command line (`tensorrt`). */
  readonly id: string;
  /** Label in reports and the PR comment header (`TensorRT`). */
  readonly name: string;
  /** Device classes it runs on. */
  readonly kinds: readonly HardwareKind[];
  /** Device vendors it runs on (TensorRT: NVIDIA only); absent: any. */
  readonly vendors?: readonly string[];
  readonly fusion: FusionPolicy;
  /**
   * Host (CPU) time to issue one kernel, microseconds. Kernels are issued asynchronously, so a
   * kernel costs `max(device time + device gap, host issue)`: a runtime whose host cost exceeds its
   * kernels' device time is host-bound (PyTorch eager at batch 1). 0 when a graph is replayed.
   */
  readonly hostLaunchUs: Sourced;
  /** Idle time on the device between two back-to-back kernels, microseconds. */
  readonly deviceGapUs: Sourced;
  /** Fixed cost of one inference call (enqueue, synchronisation, result hand-back), microseconds. */
  readonly inferenceUs: Sourced;
  /** dtypes its kernels run in; a what-if precision outside them runs at the widest one it has. */
  readonly dtypes: readonly PeakDType[];
  /** fp32 contractions run on TF32 tensor cores where the GPU has them. */
  readonly tf32: boolean;
  /** Uses CPU matrix units (AMX, SME, Apple AMX) for the dtypes they take. */
  readonly matrixUnits: boolean;
  /**
   * How a CPU runtime whose GEMMs are register-tile micro-kernels with no cache blocking of the
   * weights (XNNPACK) schedules them, for the weight re-reads they cost (docs/latency-model.md,
   * section 4). Absent: the runtime packs a panel of the weights into cache and streams every row
   * past it (MLAS, oneDNN), so the weights leave DRAM once per run.
   */
  readonly microKernelGemm?: MicroKernelGemm;
  readonly notes?: string;
}

/** See {@link Runtime.microKernelGemm}. */
export interface MicroKernelGemm {
  /**
   * Output rows one micro-kernel call computes against the whole packed weight matrix (its register
   * tile's height, mr): the weights are read once per `rows` rows of the output.
   */
  readonly rows: Sourced;
  /**
   * Row tiles per thread from which every tile spans all output columns; below it the columns are
   * split over the threads too, and each thread sweeps a different part of the weights at a time.
   */
  readonly tilesPerThread: Sourced;
}

const src = (value: number, provenance: Sourced['provenance'], source: string): Sourced => ({ value, provenance, source });

const ORT_CPU_DISPATCH = 'ONNX Runtime CPU EP: a node\'s dispatch is a virtual Compute() call plus the thread-pool hand-off, a few microseconds (onnxruntime docs "Performance: tune performance"; the profile of tools/bench/latency\'s elementwise graph: 16 kernels of ~18 us at 50k floats); the CPU time model fits it per machine (`kernelOverheadUs`)';

/** The built-in runtimes. */
export const RUNTIMES: readonly Runtime[] = [
  {
    id: 'tensorrt',
    vendors: ['NVIDIA'],
    name: 'TensorRT',
    kinds: ['gpu'],
    fusion: 'graph',
    hostLaunchUs: src(0, 'datasheet', 'TensorRT engines are replayed as CUDA graphs by the deployment harnesses (MLPerf Inference NVIDIA code: use_graphs=True for SingleStream/MultiStream, closed/NVIDIA/configs/resnet50/MultiStream); `trtexec --useCudaGraph`'),
    deviceGapUs: src(1, 'estimate', 'NVIDIA "Getting Started with CUDA Graphs" (developer.nvidia.com/blog/cuda-graphs): a graph launches back-to-back kernels about 1 us apart, against 3-4 us for stream launches (recalled, not re-read this session)'),
    inferenceUs: src(20, 'estimate', 'one cudaGraphLaunch + cudaStreamSynchronize + the result copy: ~10-30 us per inference on a discrete GPU (MLPerf SingleStream ResNet-50 min vs mean latency spread on L4: 333-346 us)'),
    dtypes: ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'],
    tf32: true,
    matrixUnits: false,
    notes: 'TF32 is enabled by default for fp32 layers (TensorRT developer guide, BuilderFlag.TF32). Kernel selection times every tactic and keeps the fastest: the estimator does the same over tile shapes.',
  },
  {
    id: 'onnxruntime-cuda',
    vendors: ['NVIDIA'],
    name: 'ONNX Runtime CUDA',
    kinds: ['gpu'],
    fusion: 'contraction',
    hostLaunchUs: src(8, 'estimate', 'ONNX Runtime CUDA EP: per node a kernel Compute() call, allocator and cudaLaunchKernel (~3 us) on the host, ~5-10 us in all (onnxruntime issue threads on CUDA EP CPU overhead; the CUDA graph option enable_cuda_graph exists to remove it)'),
    deviceGapUs: src(2, 'estimate', 'stream launches leave ~1-3 us between dependent kernels (NVIDIA CUDA graphs blog; recalled)'),
    inferenceUs: src(40, 'estimate', 'session.Run: input binding, H2D copy issue, synchronisation and output copy, tens of microseconds'),
    dtypes: ['fp32', 'tf32', 'fp16', 'bf16', 'int8'],
    tf32: true,
    matrixUnits: false,
    notes: 'CUDA EP option use_tf32 defaults to 1 (onnxruntime CUDA EP docs). Fuses Conv+Add+Relu (FusedConv), Gemm/MatMul+bias, BiasGelu, SkipLayerNormalization at graph optimisation.',
  },
  {
    id: 'onnxruntime-cpu',
    name: 'ONNX Runtime CPU',
    kinds: ['cpu', 'npu'],
    fusion: 'contraction',
    hostLaunchUs: src(0, 'derived', 'on a CPU the dispatch runs on the device itself: it is the profile\'s kernelOverheadUs, not a host cost'),
    deviceGapUs: src(0, 'derived', 'part of the profile\'s kernelOverheadUs (fitted by `modelcost calibrate`)'),
    inferenceUs: src(0, 'derived', ORT_CPU_DISPATCH),
    dtypes: ['fp32', 'fp16', 'bf16', 'int8', 'int4'],
    tf32: false,
    matrixUnits: true,
    notes: 'MLAS uses AMX for int8 GEMM on Sapphire Rapids and later (onnxruntime 1.16 release notes); fp16 runs at the fp32 rate where the CPU has no fp16 arithmetic.',
  },
  {
    id: 'pytorch-eager',
    name: 'PyTorch eager',
    kinds: ['gpu', 'cpu'],
    fusion: 'none',
    hostLaunchUs: src(20, 'estimate', 'PyTorch eager: Python nn.Module call + ATen dispatcher + cudaLaunchKernel is ~10-30 us of host time per op (PyTorch blog "Accelerating PyTorch with CUDA Graphs", 2021: CPU launch overhead dominates small batches); NVIDIA DeepLearningExamples ResNet-50 v1.5 PyTorch inference: 10.7 ms at batch 1 vs 12.8 ms at batch 4 on T4 (host-bound)'),
    deviceGapUs: src(2, 'estimate', 'stream launches leave ~1-3 us between dependent kernels (NVIDIA CUDA graphs blog; recalled)'),
    inferenceUs: src(50, 'estimate', 'torch.no_grad context, input copy and torch.cuda.synchronize per call, tens of microseconds'),
    dtypes: ['fp32', 'tf32', 'fp16', 'bf16', 'int8'],
    tf32: true,
    matrixUnits: true,
    notes: 'cuDNN convolutions use TF32 by default (torch.backends.cudnn.allow_tf32 = True); matmuls do not unless set (torch.backends.cuda.matmul.allow_tf32, default False since 1.12): modelled as TF32 for both. BatchNormalization is not folded in eager mode, but ONNX exports fold it.',
  },
  {
    id: 'pytorch-cuda-graphs',
    vendors: ['NVIDIA'],
    name: 'PyTorch CUDA graphs',
    kinds: ['gpu'],
    fusion: 'pointwise',
    hostLaunchUs: src(0, 'datasheet', 'torch.compile(mode="reduce-overhead") / torch.cuda.CUDAGraph replay the captured kernels with one launch (PyTorch docs, CUDA Graphs)'),
    deviceGapUs: src(1, 'estimate', 'graph replay launches back-to-back kernels about 1 us apart (NVIDIA CUDA graphs blog; recalled)'),
    inferenceUs: src(20, 'estimate', 'graph replay + synchronisation, ~10-30 us'),
    dtypes: ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8'],
    tf32: true,
    matrixUnits: false,
    notes: 'TorchInductor fuses pointwise ops and reductions into Triton kernels and into matmul epilogues (max-autotune).',
  },
  {
    id: 'tflite-xnnpack',
    name: 'TFLite XNNPACK',
    kinds: ['cpu'],
    fusion: 'clamp',
    hostLaunchUs: src(0, 'derived', 'XNNPACK runs on the CPU it is dispatched from: the dispatch is the profile\'s kernelOverheadUs'),
    deviceGapUs: src(0, 'derived', 'part of the profile\'s kernelOverheadUs'),
    inferenceUs: src(0, 'derived', 'Interpreter::Invoke fixed cost is part of the per-op dispatch'),
    dtypes: ['fp32', 'fp16', 'int8'],
    tf32: false,
    matrixUnits: false,
    microKernelGemm: {
      rows: src(4, 'datasheet', 'google/XNNPACK src/init.c at commit 74427b5 (the February 2020 Raspberry Pi table, AArch32): Cortex-A57/A72/A73 get xnn_f32_gemm_ukernel_4x8__aarch32_neon_pld_cortex_a75, A53/A55 4x8__aarch32_neon_cortex_a53, other NEON cores 4x8__neon_lane_ld128 (mr = 4, nr = 8); src/configs/gemm-config.c at HEAD keeps 4x8 for AArch64 Cortex-A53/A55/A72 (6x8 on A75/A76: a profile gives its own as cpu.gemmTileRows); src/convolution-nhwc.c xnn_compute_gemm runs one micro-kernel call per mr rows over the full K and all nc columns of the packed weights'),
      tilesPerThread: src(5, 'datasheet', 'google/XNNPACK src/convolution-nhwc.c (commit 74427b5): target_tiles_per_thread = 5; nc = output channels unless channels x row tiles < threads x 5, when the columns are split too; pthreadpool_parallelize_2d_tile_2d hands each thread a contiguous range of (row tile, column tile) indices'),
    },
    notes: 'XNNPACK fuses only clamps (output_min / output_max) into its operators: the February 2020 end2end models (google/XNNPACK models/mobilenet-v2.cc, mobilenet-v3-small.cc at commit 74427b5) run residual adds as add_nc, HardSwish as hardswish_nc and the squeeze-excite product as multiply_nd operators; TFLite folds BatchNorm into the convolution weights. fp16 inference on ARMv8.2-FP16 cores.',
  },
  {
    id: 'coreml',
    name: 'Core ML',
    kinds: ['npu', 'gpu', 'cpu'],
    fusion: 'graph',
    hostLaunchUs: src(0, 'derived', 'Core ML compiles the model to one program per compute unit: no per-layer host launch'),
    deviceGapUs: src(0, 'derived', 'the per-layer cost on the ANE is the profile\'s kernelOverheadUs'),
    inferenceUs: src(100, 'estimate', 'MLModel.prediction fixed cost, ~0.1 ms (Apple ml-ane-transformers README reports end-to-end latencies of a few ms for distilbert; recalled)'),
    dtypes: ['fp32', 'fp16', 'int8'],
    tf32: false,
    matrixUnits: true,
    notes: 'The ANE computes in fp16: fp32 models run as fp16 on it.',
  },
  {
    id: 'openvino',
    name: 'OpenVINO',
    kinds: ['cpu', 'gpu', 'npu'],
    fusion: 'graph',
    hostLaunchUs: src(0, 'derived', 'on a CPU the dispatch runs on the device itself: the profile\'s kernelOverheadUs'),
    deviceGapUs: src(0, 'derived', 'part of the profile\'s kernelOverheadUs'),
    inferenceUs: src(10, 'estimate', 'InferRequest.infer fixed cost, ~10 us'),
    dtypes: ['fp32', 'bf16', 'fp16', 'int8'],
    tf32: false,
    matrixUnits: true,
    notes: 'OpenVINO CPU plugin runs bf16 and int8 on AMX on Sapphire Rapids and later (OpenVINO docs, "CPU device: supported inference data types").',
  },
  {
    id: 'migraphx',
    name: 'MIGraphX',
    vendors: ['AMD'],
    kinds: ['gpu'],
    fusion: 'graph',
    hostLaunchUs: src(5, 'estimate', 'MIGraphX runs its compiled program by launching each kernel with hipModuleLaunchKernel, ~5 us of host time per launch on ROCm (ROCm HIP performance guide: launch latency higher than CUDA\'s)'),
    deviceGapUs: src(2, 'estimate', 'stream launches leave ~1-3 us between dependent kernels'),
    inferenceUs: src(30, 'estimate', 'program.eval: argument binding and synchronisation, tens of microseconds'),
    dtypes: ['fp32', 'fp16', 'bf16', 'fp8', 'int8'],
    tf32: false,
    matrixUnits: false,
    notes: 'AMD\'s graph compiler for ROCm: fuses pointwise ops, attention and normalisations (MIGraphX docs).',
  },
  {
    id: 'npu-compiler',
    name: 'NPU compiler',
    kinds: ['npu'],
    fusion: 'pointwise',
    hostLaunchUs: src(0, 'derived', 'a compiled NPU graph runs without per-layer host launches'),
    deviceGapUs: src(0, 'derived', 'the per-layer scheduling cost is the profile\'s kernelOverheadUs'),
    inferenceUs: src(100, 'estimate', 'submitting one inference to an NPU driver and waiting for it, ~0.1 ms (QNN / NNAPI / Core ML)'),
    dtypes: ['fp16', 'int8', 'int4'],
    tf32: false,
    matrixUnits: false,
    notes: 'A generic vendor NPU toolchain (QNN, Hailo, RKNN): fp32 models run in fp16.',
  },
];

/** Ids of the built-in runtimes. */
export const RUNTIME_IDS: readonly string[] = RUNTIMES.map((r) => r.id);

/** The runtime a device of this class uses when its profile names none. */
export const DEFAULT_RUNTIME: Readonly<Record<HardwareKind, string>> = { gpu: 'tensorrt', cpu: 'onnxruntime-cpu', npu: 'npu-compiler' };

/** Thrown for an unknown runtime id or one that does not run on the device; the message names both. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}

/** The runtime with this id; throws {@link RuntimeError} naming the known ones. */
export function findRuntime(id: string): Runtime {
  const r = RUNTIMES.find((x) => x.id === id);
  if (!r) throw new RuntimeError(`unknown runtime ${JSON.stringify(id)}; expected one of ${RUNTIME_IDS.join(', ')}`);
  return r;
}

/** The runtime `id` for a device of `kind` (and `vendor`), checking that it runs there. */
export function runtimeFor(id: string, kind: HardwareKind, hardwareId: string, vendor?: string): Runtime {
  const r = findRuntime(id);
  if (!r.kinds.includes(kind)) throw new RuntimeError(`runtime ${JSON.stringify(id)} does not run on ${kind} hardware (${JSON.stringify(hardwareId)}); it runs on ${r.kinds.join(', ')}`);
  if (r.vendors && vendor && !r.vendors.some((v) => vendor.includes(v))) throw new RuntimeError(`runtime ${JSON.stringify(id)} does not run on ${vendor} hardware (${JSON.stringify(hardwareId)}); it runs on ${r.vendors.join(', ')} devices`);
  return r;
}

/** Every sourced value of a runtime with its field name (for the source meta-test and `hardware runtimes`). */
export function runtimeValues(r: Runtime): { path: string; value: Sourced }[] {
  return [
    { path: 'hostLaunchUs', value: r.hostLaunchUs },
    { path: 'deviceGapUs', value: r.deviceGapUs },
    { path: 'inferenceUs', value: r.inferenceUs },
    ...(r.microKernelGemm ? [{ path: 'microKernelGemm.rows', value: r.microKernelGemm.rows }, { path: 'microKernelGemm.tilesPerThread', value: r.microKernelGemm.tilesPerThread }] : []),
  ];
}
