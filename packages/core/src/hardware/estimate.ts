/**
 * The latency estimator: a Report's nodes are grouped into the kernels a runtime would run (a
 * contraction with the elementwise ops it fuses, elementwise chains), and each kernel is timed by a
 * roofline with size-dependent efficiency plus a fixed overhead. docs/latency-model.md derives it.
 * It reads only the Report, so it serves every importer and cached reports alike.
 */
import { dimPoly, parseDim } from '../symbolic/dim.js';
import { DTYPE_BITS, type DType } from '../ir/dtype.js';
import { tensorBytes } from '../memory/memory.js';
import type { Report, ReportKernel, ReportLatency, ReportModule, ReportNode, ReportTensor } from '../report/report.js';
import { countNumber } from '../report/count.js';
import type { HardwareProfile, PeakDType, Sourced } from './profile.js';

/** Options of {@link estimateLatency}. */
export interface LatencyOptions {
  /**
   * What-if precision: estimate as if weights and activations ran at this dtype (a deployment on
   * TensorRT / a phone runs fp16 or int8 while the repository holds fp32). Float tensors' bytes scale
   * with it; integer and shape tensors do not.
   */
  readonly precision?: 'fp32' | 'fp16' | 'bf16' | 'int8';
}

/** Ops that run as no kernel at all: views, metadata, constants, inference no-ops. */
const FREE_OPS = new Set([
  'Constant', 'Shape', 'Size', 'Identity', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Dropout', 'Optional',
  'InputLayer', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'ActivityRegularization',
]);

/**
 * Ops a runtime fuses into the kernel that produced their input (ONNX Runtime's Conv+Add+Relu,
 * MatMul+Add, Gelu and elementwise fusions; TensorRT's pointwise fusion; BatchNormalization folded
 * into the preceding convolution's weights at graph optimisation).
 */
const FUSABLE_OPS = new Set([
  'Add', 'Sub', 'Mul', 'Div', 'Relu', 'LeakyRelu', 'PRelu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Elu', 'Selu', 'Celu',
  'Gelu', 'FastGelu', 'BiasGelu', 'Erf', 'Exp', 'Log', 'Sqrt', 'Pow', 'Neg', 'Abs', 'Softplus', 'Softsign', 'Mish', 'ThresholdedRelu',
  'BatchNormalization', 'Cast', 'QuantizeLinear', 'DequantizeLinear', 'Where', 'Max', 'Min', 'Sum', 'Mean',
  // Keras layers that are elementwise.
  'Activation', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'ThresholdedReLU', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Rescaling',
]);

/**
 * Elementwise sequences that ONNX Runtime's CPU provider fuses into one activation kernel at graph
 * optimisation although it runs other elementwise chains op by op: `x * Sigmoid(x)` (QuickGeluFusion,
 * i.e. SiLU/Swish) and the erf form of GELU, `0.5 * x * (1 + Erf(x / sqrt 2))` (GeluFusion).
 */
const CPU_FUSED_SEQUENCES: readonly (readonly string[])[] = [
  ['Sigmoid', 'Mul'],
  ['Div', 'Erf', 'Add', 'Mul', 'Mul'],
  ['Mul', 'Erf', 'Add', 'Mul', 'Mul'],
];

/** True when appending `op` to a kernel of `ops` stays within one of {@link CPU_FUSED_SEQUENCES}. */
function cpuFusedActivation(ops: readonly ReportNode[], op: string): boolean {
  return CPU_FUSED_SEQUENCES.some((seq) => seq.length > ops.length && seq[ops.length] === op && ops.every((n, i) => n.op === seq[i]));
}

/** Matrix-product ops whose output rows are the GEMM's M (see {@link Kernel.rows}). */
const MATMUL_OPS = new Set(['MatMul', 'Gemm', 'FusedMatMul', 'FusedGemm', 'QLinearMatMul', 'MatMulInteger', 'MatMulIntegerToFloat', 'DynamicQuantizeMatMul', 'QGemm', 'MatMulNBits', 'Dense', 'EinsumDense']);

/** Ops whose arithmetic runs on integer units whatever their output dtype. */
const INT8_OPS = new Set(['QLinearConv', 'QLinearMatMul', 'ConvInteger', 'MatMulInteger', 'QGemm', 'QAttention', 'DynamicQuantizeMatMul', 'MatMulIntegerToFloat', 'QLinearAdd', 'QLinearMul']);

/** A group of nodes run as one kernel. */
export interface Kernel {
  readonly nodes: readonly ReportNode[];
  /** Operations (the nodes' flops times multiplicity). */
  readonly flops: number;
  /** Bytes read and written outside the kernel (intermediates kept in registers/cache are not counted). */
  readonly bytes: number;
  /** The part of `bytes` that is activations (tensors produced by nodes or fed as inputs), the rest being weights. */
  readonly activationBytes: number;
  /** dtype of the arithmetic (before any what-if precision). */
  readonly dtype: PeakDType;
  /** Bits of the kernel's float data (for what-if byte scaling); 0 when its data is not float. */
  readonly floatBits: number;
  /** Runs per inference. */
  readonly multiplicity: number;
  /** True when the kernel holds a contraction (MACs > 0): GEMM-like work whose efficiency grows with size. */
  readonly contraction: boolean;
  /**
   * Rows (M) of the kernel's matrix product when it is a MatMul/Gemm-like op: the output's elements
   * over its last dim. Infinity for convolutions and kernels without one. Few rows (batch-1 or
   * batch-8 dense layers) cannot fill a GEMM micro-kernel's register tile.
   */
  readonly rows: number;
  /** Steps per run: a recurrent layer runs one small matmul per time step inside one dispatched op. */
  readonly launches: number;
}

/**
 * Which fusions the runtime makes. `contraction`: an activation / bias / residual add / folded
 * BatchNormalization joins the convolution or matmul before it (ONNX Runtime's CPU EP: FusedConv,
 * FusedGemm, Conv+BN folding), other ops run alone. `pointwise`: elementwise chains fuse too
 * (TensorRT, ONNX Runtime's CUDA EP, NPU compilers).
 */
export type FusionPolicy = 'contraction' | 'pointwise';

/** The fusion a device class gets by default. */
export function fusionFor(kind: 'cpu' | 'gpu' | 'npu'): FusionPolicy {
  return kind === 'cpu' ? 'contraction' : 'pointwise';
}

/** Recurrent ops and the axis of their input that counts time steps (ONNX layout 0: [seq, batch, in]; Keras: [batch, seq, in]). */
const RECURRENT: Readonly<Record<string, { onnx: number; keras: number }>> = {
  LSTM: { onnx: 0, keras: 1 }, GRU: { onnx: 0, keras: 1 }, RNN: { onnx: 0, keras: 1 }, SimpleRNN: { onnx: 0, keras: 1 }, ConvLSTM2D: { onnx: 0, keras: 1 },
};

const FLOAT_BITS: Partial<Record<string, number>> = { float32: 32, float16: 16, bfloat16: 16, float64: 64 };

function dtypeOf(n: ReportNode): PeakDType {
  if (INT8_OPS.has(n.op)) return 'int8';
  const t = n.outputs[0]?.dtype ?? 'float32';
  if (t === 'float16') return 'fp16';
  if (t === 'bfloat16') return 'bf16';
  if (t.startsWith('float8')) return 'fp8';
  if (t === 'int8' || t === 'uint8') return 'int8';
  if (t === 'int4' || t === 'uint4') return 'int4';
  return 'fp32';
}

/** A report tensor's shape under dim bindings (unbound symbols count as 1, as in the totals); undefined when its rank is unknown. */
export function boundShape(t: ReportTensor, dims: Readonly<Record<string, number>>): number[] | undefined {
  return t.shape?.map((d) => (typeof d === 'number' ? d : Number(dimPoly(parseDim(d)).evaluate(dims, 1))));
}

/** Bytes of a report tensor under the report's dim bindings (0 when its rank is unknown). */
export function reportTensorBytes(t: ReportTensor, dims: Readonly<Record<string, number>>): number {
  const shape = boundShape(t, dims);
  return shape ? Number(tensorBytes(shape, (t.dtype in DTYPE_BITS ? t.dtype : 'unknown') as DType).constValue) : 0;
}

/**
 * Group a report's nodes (in their topological order) into kernels. A node joins the kernel that
 * produced one of its inputs when it is fusable (elementwise, activation, BatchNormalization...),
 * that input has no other consumer, and the node has one output; views and constants run as no
 * kernel; unsupported nodes are skipped (their cost is unknown, and coverage says so).
 */
export function groupKernels(report: Report, fusion: FusionPolicy = 'pointwise'): Kernel[] {
  const consumers = new Map<string, number>();
  for (const n of report.nodes) for (const i of n.inputs) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  for (const o of report.outputs) consumers.set(o.name, (consumers.get(o.name) ?? 0) + 1);
  const tensors = new Map<string, ReportTensor>(report.inputs.map((t) => [t.name, t]));
  for (const n of report.nodes) for (const o of n.outputs) tensors.set(o.name, o);
  // Activations: graph inputs and node outputs other than constants (whatever else a node reads is a weight).
  const produced = new Set<string>(report.inputs.map((t) => t.name));
  for (const n of report.nodes) if (n.op !== 'Constant') for (const o of n.outputs) produced.add(o.name);
  interface Open { nodes: ReportNode[]; internal: number; tail: string }
  const groups: Open[] = [];
  const byTail = new Map<string, Open>();
  for (const n of report.nodes) {
    if (n.status === 'unsupported' || n.multiplicity === 0 || n.multiplicity === '0') continue;
    if (FREE_OPS.has(n.op) || (countNumber(n.flops) === 0 && n.outputs.every((o) => o.dtype === 'int64' || o.dtype === 'int32'))) continue;
    let joined: Open | undefined;
    if (FUSABLE_OPS.has(n.op) && n.outputs.length === 1 && countNumber(n.macs) === 0) {
      for (const i of n.inputs) {
        const g = byTail.get(i);
        if (g && consumers.get(i) === 1 && (fusion === 'pointwise' || countNumber(g.nodes[0]!.macs) > 0 || cpuFusedActivation(g.nodes, n.op))) {
          joined = g;
          byTail.delete(i);
          const produced = g.nodes[g.nodes.length - 1]!.outputs.find((o) => o.name === i);
          if (produced) g.internal += reportTensorBytes(produced, report.dims);
          break;
        }
      }
    }
    const g = joined ?? { nodes: [], internal: 0, tail: '' };
    if (!joined) groups.push(g);
    g.nodes.push(n);
    if (n.outputs.length === 1) {
      g.tail = n.outputs[0]!.name;
      byTail.set(g.tail, g);
    }
  }
  return groups.map((g) => {
    const mult = countNumber(g.nodes[0]!.multiplicity ?? 1);
    let flops = 0;
    let moved = 0;
    let act = 0;
    for (const n of g.nodes) {
      flops += countNumber(n.flops);
      moved += countNumber(n.bytesRead) + countNumber(n.bytesWritten);
      act += countNumber(n.bytesWritten);
      for (const i of n.inputs) if (produced.has(i)) act += reportTensorBytes(tensors.get(i)!, report.dims);
    }
    const bytes = Math.max(0, moved - 2 * g.internal);
    const anchor = g.nodes.reduce((a, b) => (countNumber(b.flops) > countNumber(a.flops) ? b : a), g.nodes[0]!);
    const floatBits = FLOAT_BITS[anchor.outputs[0]?.dtype ?? ''] ?? 0;
    // Each intermediate was written by one node and read by the next: both transfers stay on chip.
    const rec = RECURRENT[anchor.op];
    let launches = 1;
    if (rec) {
      const x = tensors.get(anchor.inputs[0] ?? '');
      const steps = x ? boundShape(x, report.dims)?.[anchor.domain === 'keras' ? rec.keras : rec.onnx] : undefined;
      launches = steps !== undefined && steps > 0 ? steps : 1;
    }
    let rows = Infinity;
    for (const n of g.nodes) {
      if (!MATMUL_OPS.has(n.op) || countNumber(n.macs) === 0) continue;
      const shape = n.outputs[0] ? boundShape(n.outputs[0], report.dims) : undefined;
      const cols = shape?.[shape.length - 1] ?? 0;
      const elems = shape?.reduce((a, b) => a * b, 1) ?? 0;
      if (cols > 0 && elems > 0) rows = Math.min(rows, elems / cols);
    }
    return { nodes: g.nodes, rows, flops: flops * mult, bytes: bytes * mult, activationBytes: Math.min(bytes, Math.max(0, act - 2 * g.internal)) * mult, dtype: dtypeOf(anchor), floatBits, multiplicity: mult, contraction: g.nodes.some((n) => countNumber(n.macs) > 0), launches };
  });
}

/** Fallback order when a device has no peak for a dtype (an fp32 model on an fp16-only NPU runs in fp16). */
const PEAK_FALLBACK: Readonly<Record<PeakDType, readonly PeakDType[]>> = {
  fp32: ['fp32', 'tf32', 'fp16', 'bf16'],
  tf32: ['tf32', 'fp32', 'fp16'],
  fp16: ['fp16', 'bf16', 'fp32'],
  bf16: ['bf16', 'fp16', 'fp32'],
  fp8: ['fp8', 'fp16', 'bf16', 'fp32'],
  int8: ['int8', 'fp16', 'fp32'],
  int4: ['int4', 'int8', 'fp16', 'fp32'],
};

/** The peak a kernel of `dtype` runs at on `hw` (ops/s), following {@link PEAK_FALLBACK}; 0 when none. */
export function peakFor(hw: HardwareProfile, dtype: PeakDType): number {
  for (const t of PEAK_FALLBACK[dtype]) {
    const v: Sourced | undefined = hw.peakFlopsPerSec[t];
    if (v && v.value > 0) return v.value;
  }
  return 0;
}

/** Parameters of the kernel time model, separated so calibration can vary them cheaply. */
export interface TimeModel {
  readonly computeMax: number;
  readonly computeHalfSec: number;
  readonly vectorMax: number;
  readonly memoryMax: number;
  readonly memoryHalfSec: number;
  readonly cacheBytes: number;
  readonly cacheSpeedup: number;
  /** GEMM rows at which a matrix product reaches half of `computeMax` (0: no row effect). */
  readonly rowsHalf: number;
  /** Fixed cost of each time step of a recurrent op (the step loop's synchronisation). */
  readonly stepSec: number;
  readonly overheadSec: number;
  /** Threads a kernel may be split over (the peaks are reached with all of them). */
  readonly threads: number;
  /** Smallest single-thread work handed to a thread. */
  readonly grainSec: number;
  /** Cost of a parallel section that uses every thread. */
  readonly syncSec: number;
}

/** The time model a profile describes. */
export function timeModelOf(hw: HardwareProfile): TimeModel {
  const e = hw.efficiency;
  return { computeMax: e.computeMax.value, computeHalfSec: e.computeHalfSec.value, vectorMax: e.vectorMax.value, memoryMax: e.memoryMax.value, memoryHalfSec: e.memoryHalfSec.value, cacheBytes: e.cacheBytes.value, cacheSpeedup: e.cacheSpeedup.value, rowsHalf: e.rowsHalf.value, stepSec: e.recurrentStepSec.value, overheadSec: hw.kernelOverheadSec.value, threads: e.threads.value, grainSec: e.parallelGrainSec.value, syncSec: e.parallelSyncSec.value };
}

/**
 * One kernel launch's time: compute and memory sides of the roofline, and the overhead. A
 * contraction's achieved rate is `peak * computeMax * f / (f + peak * half)` (small GEMMs cannot fill
 * the machine), so its time is `f / (peak * computeMax) + half / computeMax`; other kernels'
 * arithmetic runs at `peak * vectorMax`.
 */
export function kernelTime(flops: number, bytes: number, peak: number, bandwidth: number, m: TimeModel, contraction = true, activationBytes = 0): { compute: number; memory: number; total: number } {
  // Activation traffic that fits in cache moves at cacheSpeedup times the DRAM rate; weights come from DRAM.
  const cached = activationBytes > 0 && activationBytes <= m.cacheBytes ? Math.min(activationBytes, bytes) : 0;
  const effective = bytes - cached + cached / m.cacheSpeedup;
  const compute = flops > 0 && peak > 0 ? (contraction ? flops / (peak * m.computeMax) + m.computeHalfSec / m.computeMax : flops / (peak * m.vectorMax)) : 0;
  const memory = bytes > 0 && bandwidth > 0 ? effective / (bandwidth * m.memoryMax) + m.memoryHalfSec / m.memoryMax : 0;
  return { compute, memory, total: parallelTime(Math.max(compute, memory), m) + m.overheadSec };
}

/**
 * Time of work that takes `t` spread over all `threads`: the runtime splits it into tasks of at least
 * `grainSec` of single-thread work, so it runs on `n = clamp(t * threads / grainSec, 1, threads)`
 * threads and takes `t * threads / n`, plus the parallel section's cost `syncSec * (n - 1) / (threads - 1)`
 * (waking and joining the extra threads). One thread, or a device whose threads are 1: `t`.
 */
export function parallelTime(t: number, m: TimeModel): number {
  const T = m.threads;
  if (T <= 1 || t <= 0) return t;
  const single = t * T;
  const n = Math.min(T, Math.max(1, m.grainSec > 0 ? single / m.grainSec : T));
  return single / n + (m.syncSec * (n - 1)) / (T - 1);
}

/** Few GEMM rows: the achieved rate scales by rows / (rows + rowsHalf). */
function rowEfficiency(rows: number, m: TimeModel): number {
  return Number.isFinite(rows) && m.rowsHalf > 0 ? rows / (rows + m.rowsHalf) : 1;
}

/** A kernel's time over all its steps (a recurrent layer: one small matmul per time step, one dispatch). */
export function launchesTime(k: Kernel, bytes: number, peak: number, bandwidth: number, m: TimeModel, activationBytes = 0): { compute: number; memory: number; total: number } {
  const L = k.launches;
  if (L <= 1) {
    return kernelTime(k.flops, bytes, peak * rowEfficiency(k.rows, m), bandwidth, m, k.contraction, activationBytes);
  }
  // A recurrent op: one dispatch, then per step a small matmul that re-reads the recurrent weights
  // (from cache when they fit) and its share of the activations, plus a fixed step cost (the loop's
  // synchronisation, which grows with threads). The size penalty is paid once: the runtime batches
  // the input projection over all steps and keeps the step loop inside the kernel.
  const weights = Math.max(0, bytes - activationBytes);
  const stepAct = activationBytes / L;
  const cached = (weights <= m.cacheBytes ? weights : 0) + (stepAct <= m.cacheBytes ? stepAct : 0);
  const stepBytes = weights + stepAct;
  const stepMemory = (stepBytes - cached + cached / m.cacheSpeedup) / (bandwidth * m.memoryMax);
  const stepCompute = peak > 0 ? k.flops / L / (peak * m.computeMax) : 0;
  // Each step is split over the threads as far as its own size allows (a small hidden state is not).
  const compute = parallelTime(stepCompute, m) * L + m.computeHalfSec / m.computeMax;
  const memory = parallelTime(stepMemory, m) * L + m.memoryHalfSec / m.memoryMax;
  return { compute, memory, total: Math.max(compute, memory) + L * m.stepSec + m.overheadSec };
}

/** One kernel on a profile under a time model and what-if precision: its time and the bytes and dtype it ran with. */
export function kernelSeconds(k: Kernel, hw: HardwareProfile, m: TimeModel, options: LatencyOptions = {}): { t: { compute: number; memory: number; total: number }; bytes: number; dtype: PeakDType } {
  const { dtype, bytes, activationBytes } = kernelAt(k, options.precision);
  return { t: launchesTime(k, bytes, peakFor(hw, dtype), hw.memoryBandwidthBytesPerSec.value, m, activationBytes), bytes, dtype };
}

const PRECISION_BITS = { fp32: 32, fp16: 16, bf16: 16, int8: 8 } as const;

/** A kernel under a what-if precision: its dtype and the bytes it moves. */
export function kernelAt(k: Kernel, precision: LatencyOptions['precision']): { dtype: PeakDType; bytes: number; activationBytes: number } {
  if (!precision || k.floatBits === 0) return { dtype: k.dtype, bytes: k.bytes, activationBytes: k.activationBytes };
  const f = PRECISION_BITS[precision] / k.floatBits;
  return { dtype: precision, bytes: k.bytes * f, activationBytes: k.activationBytes * f };
}

/** Estimate a report's latency on one profile. Pure. */
export function estimateLatency(report: Report, hw: HardwareProfile, options: LatencyOptions = {}, kernels: readonly Kernel[] = groupKernels(report, fusionFor(hw.kind))): ReportLatency {
  const m = timeModelOf(hw);
  let total = 0;
  let computeTime = 0;
  let memoryTime = 0;
  const timed: ReportKernel[] = kernels.map((k) => {
    const { t, bytes, dtype } = kernelSeconds(k, hw, m, options);
    const sec = t.total;
    total += sec;
    if (t.compute >= t.memory) computeTime += sec;
    else memoryTime += sec;
    return { nodes: k.nodes.map((n) => n.name), ops: k.nodes.map((n) => n.op).join('+'), ms: sec * 1e3, boundBy: t.compute >= t.memory ? 'compute' : 'memory', flops: k.flops, bytes: Math.round(bytes), dtype };
  });
  const top = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const modules = report.modules ? moduleMs(report.modules, kernels, timed) : undefined;
  return {
    hardware: hw.id,
    ms: total * 1e3,
    boundBy: { compute: total > 0 ? computeTime / total : 0, memory: total > 0 ? memoryTime / total : 0 },
    ...(options.precision ? { precision: options.precision } : {}),
    kernels: kernels.length,
    top,
    ...(modules ? { modules } : {}),
  };
}

/**
 * Milliseconds per module (in the order of `modules`, each including its descendants): a kernel counts
 * in the module of its first node, the one that launches it. Rounded to 1e-6 ms.
 */
function moduleMs(modules: readonly ReportModule[], kernels: readonly Kernel[], timed: readonly ReportKernel[]): number[] {
  const ms = new Array<number>(modules.length).fill(0);
  kernels.forEach((k, i) => {
    const m = k.nodes[0]?.module;
    if (m !== undefined && m >= 0 && m < ms.length) ms[m]! += timed[i]!.ms;
  });
  for (let i = ms.length - 1; i > 0; i--) {
    const p = modules[i]!.parent;
    if (p !== undefined && p >= 0 && p < i) ms[p]! += ms[i]!;
  }
  return ms.map((v) => Math.round(v * 1e6) / 1e6);
}

/**
 * The report with `latency` filled for each profile, once per set of options when several are given
 * (a config's own precision and a budget's what-if one); kernels are grouped once per fusion policy.
 */
export function withLatency(report: Report, profiles: readonly HardwareProfile[], options: LatencyOptions | readonly LatencyOptions[] = {}): Report {
  if (profiles.length === 0) return report;
  const byFusion = new Map<FusionPolicy, Kernel[]>();
  const kernelsFor = (f: FusionPolicy): Kernel[] => byFusion.get(f) ?? byFusion.set(f, groupKernels(report, f)).get(f)!;
  const sets: readonly LatencyOptions[] = Array.isArray(options) ? options : [options as LatencyOptions];
  return { ...report, latency: sets.flatMap((o) => profiles.map((hw) => estimateLatency(report, hw, o, kernelsFor(fusionFor(hw.kind))))) };
}
