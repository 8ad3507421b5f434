/**
 * The latency estimator. A Report's nodes are grouped into the kernels the runtime would launch (its
 * fusion policy decides which nodes run together), each kernel is timed on the device, and the
 * runtime's launch costs are added on top:
 * - GPUs with their structure known (SMs, clock, L2): contractions as implicit GEMMs cut into tiles
 *   that run in waves over the SMs, other kernels bound by DRAM or L2 bandwidth, a fixed ramp-up and
 *   drain per kernel in SM cycles (gpu.ts);
 * - CPUs, NPUs and GPUs without structure: a roofline with size-dependent efficiency, thread
 *   splitting and a per-kernel overhead (the factors `modelcost calibrate` fits).
 * It also gives the throughput (samples/s) at the batch that maximises it within device memory.
 * It reads only the Report, so it serves every importer and cached reports alike.
 * docs/latency-model.md derives every term.
 */
import { dimPoly, parseDim } from '../symbolic/dim.js';
import { DTYPE_BITS, type DType } from '../ir/dtype.js';
import { tensorBytes } from '../memory/memory.js';
import type { Report, ReportKernel, ReportLatency, ReportModule, ReportNode, ReportTensor } from '../report/report.js';
import { countNumber } from '../report/count.js';
import { NameTable } from '../util/name-table.js';
import { ARCH_SPECS, gemmSeconds, GPU_PHYSICS, kernelFixedSeconds, type GemmShape, type GpuPhysics, type GpuSpec } from './gpu.js';
import type { HardwareKind, HardwareProfile, PeakDType, Sourced } from './profile.js';
import { DEFAULT_RUNTIME, runtimeFor, type FusionPolicy, type Runtime } from './runtime.js';

/** Options of {@link estimateLatency}. */
export interface LatencyOptions {
  /**
   * What-if precision: estimate as if weights and activations ran at this dtype (a deployment on
   * TensorRT / a phone runs fp16 or int8 while the repository holds fp32). Float tensors' bytes scale
   * with it; integer and shape tensors do not.
   */
  readonly precision?: 'fp32' | 'fp16' | 'bf16' | 'int8';
  /**
   * The runtime (a `RUNTIMES` id), for every profile or per hardware id; default: the profile's own
   * (`runtime` in the preset, else by device class). Throws RuntimeError when it does not run on the device.
   */
  readonly runtime?: string | Readonly<Record<string, string>>;
  /** Batch for the throughput figure; default: the batch (a power of two up to 1024) that maximises it within device memory. */
  readonly throughputBatch?: number;
  /**
   * Device time only: leave out the runtime's per-call overhead and the host copies of inputs and
   * outputs (what a CUDA-event timer around the enqueue measures). Default false: end to end.
   */
  readonly deviceOnly?: boolean;
  /** Compute the throughput figure (default true; it re-times the model at up to 11 batch sizes). */
  readonly throughput?: boolean;
  /** Override the fitted GPU constants (GPU_PHYSICS), e.g. to fit them: values only. */
  readonly gpuPhysics?: Partial<Readonly<Record<keyof GpuPhysics, number>>>;
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
 * What a `clamp` runtime (XNNPACK) fuses: a clamp is the output range (output_min / output_max) of
 * the operator before it, whatever that operator is; a BatchNormalization after a convolution is
 * folded into its weights by the converter (TFLite). Nothing else fuses.
 */
const CLAMP_OPS = new Set(['Relu', 'Clip', 'ReLU']);

/**
 * Layout ops a `pointwise` or `graph` runtime folds into the addressing of the kernel that produced
 * their input (TensorRT and TorchInductor write a GEMM's output straight in the permuted layout).
 */
const LAYOUT_OPS = new Set(['Transpose']);

/** Normalisations a `graph` runtime runs in the elementwise kernel before them (TensorRT's SkipLayerNorm: residual add + LayerNorm). */
const NORM_OPS = new Set(['LayerNormalization', 'SkipLayerNormalization', 'SimplifiedLayerNormalization', 'SkipSimplifiedLayerNormalization', 'RMSNormalization', 'GroupNormalization', 'InstanceNormalization']);

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
/** Input index of a matrix product's second operand (activation x activation products are batched GEMMs; x weight folds the leading dims into M). */
const SECOND_OPERAND: Readonly<Record<string, number>> = { QLinearMatMul: 3, QGemm: 3 };
/** Convolutions: an implicit GEMM of M = N * output pixels, N = Cout, K = Cin / groups * kernel area. */
const CONV_OPS = new Set([
  'Conv', 'FusedConv', 'QLinearConv', 'ConvInteger', 'NhwcConv', 'NhwcFusedConv', 'ConvTranspose', 'QLinearConvTranspose',
  'Conv1D', 'Conv2D', 'Conv3D', 'SeparableConv1D', 'SeparableConv2D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose', 'Convolution1D', 'Convolution2D',
]);
/** Depthwise layers by name (Keras): always the CUDA-core / vector path. */
const DEPTHWISE_OPS = new Set(['DepthwiseConv1D', 'DepthwiseConv2D']);
/** Implicit GEMMs with K below this (a 3x3 depthwise has K = 9, a ResNeXt 32x4d group K = 36) cannot fill a tensor-core K tile: they run as direct convolutions on the CUDA cores. */
const MIN_TENSOR_K = 64;

/** Ops whose arithmetic runs on integer units whatever their output dtype. */
const INT8_OPS = new Set(['QLinearConv', 'QLinearMatMul', 'ConvInteger', 'MatMulInteger', 'QGemm', 'QAttention', 'DynamicQuantizeMatMul', 'MatMulIntegerToFloat', 'QLinearAdd', 'QLinearMul']);

/** A group of nodes run as one kernel. */
export interface Kernel {
  readonly nodes: readonly ReportNode[];
  /** Operations (the nodes' flops times multiplicity). */
  readonly flops: number;
  /** Multiply-accumulates of its contractions (times multiplicity). */
  readonly macs: number;
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
  /**
   * The contraction as an implicit GEMM (per run; per time step for a recurrent kernel), when it
   * runs on matrix units; absent for kernels without one and for depthwise / few-channel grouped
   * convolutions, which run as direct convolutions on vector units.
   */
  readonly gemm?: GemmShape;
  /**
   * How the GEMM grows with more samples: `m` (a convolution's pixels, a dense layer's rows) or
   * `batch` (attention: one product per sample and head).
   */
  readonly gemmScales?: 'm' | 'batch';
  /**
   * Samples the kernel's activations hold at once, 1 unless scaled by {@link atBatch}. A CPU runtime
   * serving a batch keeps each sample's activations in cache (one stream per core group), so its
   * cache test is per sample.
   */
  readonly samples?: number;
}

/** The fusion a device class gets by default (the fusion policy of its default runtime). */
export function fusionFor(kind: HardwareKind): FusionPolicy {
  return runtimeFor(DEFAULT_RUNTIME[kind], kind, kind).fusion;
}

/** Recurrent ops and the axis of their input that counts time steps (ONNX layout 0: [seq, batch, in]; Keras: [batch, seq, in]). */
const RECURRENT: Readonly<Record<string, { onnx: number; keras: number; gates: number }>> = {
  LSTM: { onnx: 0, keras: 1, gates: 4 }, GRU: { onnx: 0, keras: 1, gates: 3 }, RNN: { onnx: 0, keras: 1, gates: 1 }, SimpleRNN: { onnx: 0, keras: 1, gates: 1 }, ConvLSTM2D: { onnx: 0, keras: 1, gates: 4 },
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
  // Reports share one shape array between the tensors of one shape (10^6 nodes, a handful of shapes):
  // the last few answers are kept, keyed by that array, the dtype and the bindings.
  const shapeKey = t.shape;
  if (shapeKey) for (let i = 0; i < BYTES_WAYS; i++) if (bytesShapes[i] === shapeKey && bytesDtypes[i] === t.dtype && bytesDims[i] === dims) return bytesValues[i]!;
  const shape = boundShape(t, dims);
  const b = shape ? Number(tensorBytes(shape, (t.dtype in DTYPE_BITS ? t.dtype : 'unknown') as DType).constValue) : 0;
  if (shapeKey) {
    bytesShapes[bytesNext] = shapeKey;
    bytesDtypes[bytesNext] = t.dtype;
    bytesDims[bytesNext] = dims;
    bytesValues[bytesNext] = b;
    bytesNext = (bytesNext + 1) % BYTES_WAYS;
  }
  return b;
}

const BYTES_WAYS = 8;
const bytesShapes: (ReportTensor['shape'] | undefined)[] = new Array<ReportTensor['shape'] | undefined>(BYTES_WAYS);
const bytesDtypes: (string | undefined)[] = new Array<string | undefined>(BYTES_WAYS);
const bytesDims: (Readonly<Record<string, number>> | undefined)[] = new Array<Readonly<Record<string, number>> | undefined>(BYTES_WAYS);
const bytesValues: number[] = new Array<number>(BYTES_WAYS).fill(0);
let bytesNext = 0;

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/**
 * A contraction node as an implicit GEMM, from its output shape and MAC count (the report carries no
 * weight shapes, and needs none): a convolution's M is the batch times its output pixels, N its
 * output channels and K = MACs / (M * N), i.e. Cin / groups * kernel area; a matrix product's N is
 * its last output dim and M the rest, folded into M when the second operand is a weight, or a batch
 * of products when both operands are activations (attention). `undefined` for a convolution whose K
 * is too small for a tensor-core tile (depthwise, few channels per group): a direct convolution.
 */
function gemmOf(n: ReportNode, tensors: TensorLookup, activations: NameSet, dims: Readonly<Record<string, number>>): GemmShape | undefined {
  const out = n.outputs[0] ? boundShape(n.outputs[0], dims) : undefined;
  const macs = countNumber(n.macs);
  if (!out || out.length === 0 || macs <= 0) return undefined;
  const elems = prod(out);
  if (!(elems > 0)) return undefined;
  if (DEPTHWISE_OPS.has(n.op)) return undefined;
  if (CONV_OPS.has(n.op)) {
    const channelsLast = n.domain === 'keras' || n.op.startsWith('Nhwc');
    const cout = out.length >= 2 ? out[channelsLast ? out.length - 1 : 1]! : 1;
    const m = elems / cout;
    const k = macs / (m * cout);
    const x = tensors.get(n.inputs[0] ?? '');
    const xs = x ? boundShape(x, dims) : undefined;
    const cin = xs && xs.length >= 2 ? xs[channelsLast ? xs.length - 1 : 1]! : k;
    if (k < MIN_TENSOR_K && k < cin) return undefined;
    // K = Cin / groups * kernel area. Dense when K is a multiple of Cin; otherwise grouped, with the
    // groups from the first usual kernel area that divides evenly (3x3 first: ResNeXt, RegNet).
    let groups = 1;
    if (k % cin !== 0) {
      for (const area of [9, 1, 25, 49, 3, 5, 7, 27]) {
        const g = (cin * area) / k;
        if (Number.isInteger(g) && g > 1 && cin % g === 0 && cout % g === 0) {
          groups = g;
          break;
        }
      }
    }
    return { batch: groups, m, n: cout / groups, k };
  }
  const cols = out[out.length - 1]!;
  if (MATMUL_OPS.has(n.op) && out.length >= 2) {
    const rows = out[out.length - 2]!;
    const lead = prod(out.slice(0, -2));
    const second = n.inputs[SECOND_OPERAND[n.op] ?? 1];
    const activationProduct = n.domain !== 'keras' && second !== undefined && activations.has(second);
    const batch = activationProduct ? lead : 1;
    const m = activationProduct ? rows : rows * lead;
    return { batch, m, n: cols, k: macs / (batch * m * cols) };
  }
  // Other contractions (attention ops, Einsum, Dense layers): N = last dim, M = the rest.
  const m = elems / cols;
  return { batch: 1, m, n: cols, k: macs / (m * cols) };
}

/** True for a matrix product of two activations (attention's QK^T and scores x V). */
function activationProduct(n: ReportNode, activations: NameSet): boolean {
  if (!(n.op === 'MatMul' || n.op === 'FusedMatMul') || countNumber(n.macs) === 0) return false;
  return n.inputs.length >= 2 && activations.has(n.inputs[0]!) && activations.has(n.inputs[1]!);
}

/** A report's tensors by name (what groupKernels and the kernel shapes read of them). */
interface TensorLookup {
  get(name: string): ReportTensor | undefined;
}

/** A set of names. */
interface NameSet {
  has(name: string): boolean;
}

/**
 * Group a report's nodes (in their topological order) into kernels under a runtime's fusion policy.
 * A node joins the kernel that produced one of its inputs when that input has no other consumer, the
 * node has one output and the policy fuses it there: an elementwise node into a contraction
 * (`contraction`), a clamp into any kernel and a BatchNormalization into a convolution (`clamp`),
 * any elementwise node into any kernel (`pointwise`, `graph`); under `graph` also a normalisation into an
 * elementwise kernel, and attention's Softmax and scores x V product into the kernel of its QK^T
 * (one fused attention kernel). Views and constants run as no kernel; unsupported nodes are skipped
 * (their cost is unknown, and coverage says so).
 */
export function groupKernels(report: Report, fusion: FusionPolicy = 'pointwise'): Kernel[] {
  // Every name numbered once (10^6-node reports: one table, not three maps and a set), and per number
  // its readers, its tensor (the last writer's) and whether it is an activation: a graph input or the
  // output of a node other than a Constant (whatever else a node reads is a weight).
  const ids = new NameTable();
  const readers: number[] = [];
  const tensorAt: (ReportTensor | undefined)[] = [];
  const activation: boolean[] = [];
  const id = (name: string): number => {
    const i = ids.getOrSet(name, readers.length);
    if (i === readers.length) {
      readers.push(0);
      tensorAt.push(undefined);
      activation.push(false);
    }
    return i;
  };
  for (const t of report.inputs) {
    const i = id(t.name);
    tensorAt[i] = t;
    activation[i] = true;
  }
  for (const n of report.nodes) {
    for (const x of n.inputs) readers[id(x)]!++;
    for (const o of n.outputs) {
      const i = id(o.name);
      tensorAt[i] = o;
      if (n.op !== 'Constant') activation[i] = true;
    }
  }
  for (const o of report.outputs) readers[id(o.name)]!++;
  const consumers = { get: (name: string): number | undefined => { const i = ids.get(name); return i === undefined ? undefined : readers[i]; } };
  const tensors: TensorLookup = { get: (name) => { const i = ids.get(name); return i === undefined ? undefined : tensorAt[i]; } };
  const produced: NameSet = { has: (name) => { const i = ids.get(name); return i !== undefined && activation[i]!; } };
  interface Open { nodes: ReportNode[]; internal: number; tail: string }
  const groups: Open[] = [];
  const byTail = new Map<string, Open>();
  const elementwise = (n: ReportNode): boolean => FUSABLE_OPS.has(n.op) && countNumber(n.macs) === 0;
  /** Does `n` join the kernel `g` under this policy? */
  const joins = (g: Open, n: ReportNode): boolean => {
    const first = g.nodes[0]!;
    if (fusion === 'none') return false;
    if (elementwise(n)) {
      if (fusion === 'contraction') return countNumber(first.macs) > 0 || cpuFusedActivation(g.nodes, n.op);
      if (fusion === 'clamp') return CLAMP_OPS.has(n.op) || (n.op === 'BatchNormalization' && countNumber(first.macs) > 0 && g.nodes.length === 1);
      return true;
    }
    if (LAYOUT_OPS.has(n.op)) return fusion === 'pointwise' || fusion === 'graph';
    if (fusion !== 'graph') return false;
    const rest = g.nodes.slice(1);
    if (NORM_OPS.has(n.op)) return g.nodes.every(elementwise);
    // Attention: QK^T, then scale / mask (elementwise), then Softmax, then x V, as one kernel.
    const attention = activationProduct(first, produced) && rest.every((x) => elementwise(x) || x.op === 'Softmax');
    if (n.op === 'Softmax') return attention && !rest.some((x) => x.op === 'Softmax');
    if (activationProduct(n, produced)) return attention && g.nodes[g.nodes.length - 1]!.op === 'Softmax';
    return false;
  };
  for (const n of report.nodes) {
    if (n.status === 'unsupported' || countNumber(n.multiplicity ?? 1) === 0) continue;
    if (FREE_OPS.has(n.op)) {
      // A view (Reshape, Squeeze...) leaves its input in place: the kernel that wrote the input also
      // wrote the view, so what consumes the view may fuse into that kernel.
      const src = n.inputs[0];
      const g = src !== undefined ? byTail.get(src) : undefined;
      if (g && consumers.get(src!) === 1 && n.outputs.length === 1) {
        byTail.delete(src!);
        byTail.set(n.outputs[0]!.name, g);
      }
      continue;
    }
    if (countNumber(n.flops) === 0 && n.outputs.every((o) => o.dtype === 'int64' || o.dtype === 'int32')) continue;
    let joined: Open | undefined;
    if (n.outputs.length === 1) {
      for (const i of n.inputs) {
        const g = byTail.get(i);
        if (g && consumers.get(i) === 1 && joins(g, n)) {
          joined = g;
          byTail.delete(i);
          // The intermediate was written by one node and read by the next: both transfers stay on chip.
          const out = tensors.get(i);
          if (out) g.internal += reportTensorBytes(out, report.dims);
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
  const kernels = groups.map((g) => kernelOf(g.nodes, g.internal, report, tensors, produced));
  return fusion === 'graph' ? mergeSiblings(kernels, report, tensors) : kernels;
}

/**
 * Horizontal fusion (TensorRT fuses "layers that take the same source tensor and apply the same
 * operations with similar parameters"): matrix products of one activation by different weights
 * with the same M and K (attention's Q, K and V projections) run as one GEMM of the summed N, and
 * read their shared input once.
 */
function mergeSiblings(kernels: readonly Kernel[], report: Report, tensors: TensorLookup): Kernel[] {
  const key = (k: Kernel): string | undefined => {
    const a = k.nodes[0]!;
    if (!k.gemm || k.gemmScales !== 'm' || !MATMUL_OPS.has(a.op) || k.launches > 1) return undefined;
    return `${a.inputs[0]} ${k.gemm.batch} ${k.gemm.m} ${k.gemm.k} ${k.dtype} ${k.multiplicity}`;
  };
  const byKey = new Map<string, Kernel[]>();
  for (const k of kernels) {
    const id = key(k);
    if (id !== undefined) byKey.set(id, [...(byKey.get(id) ?? []), k]);
  }
  const merged = new Map<Kernel, Kernel | null>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const input = tensors.get(group[0]!.nodes[0]!.inputs[0]!);
    const shared = (input ? reportTensorBytes(input, report.dims) : 0) * group[0]!.multiplicity * (group.length - 1);
    const sum = (f: (k: Kernel) => number): number => finite(group.reduce((s, k) => s + f(k), 0));
    const first = group[0]!;
    const one: Kernel = {
      ...first,
      nodes: group.flatMap((k) => k.nodes),
      flops: sum((k) => k.flops),
      macs: sum((k) => k.macs),
      bytes: Math.max(0, sum((k) => k.bytes) - shared),
      activationBytes: Math.max(0, sum((k) => k.activationBytes) - shared),
      gemm: { ...first.gemm!, n: sum((k) => k.gemm!.n) },
    };
    merged.set(first, one);
    for (const k of group.slice(1)) merged.set(k, null);
  }
  return kernels.flatMap((k) => {
    const m = merged.get(k);
    return m === undefined ? [k] : m === null ? [] : [m];
  });
}

/**
 * A reported figure kept finite and non-negative: counts beyond 2^53 arrive saturated (countNumber),
 * and sums of such can overflow to Infinity; the Report never carries NaN or Infinity.
 */
function finite(x: number): number {
  return Number.isNaN(x) || x < 0 ? 0 : Math.min(x, Number.MAX_VALUE);
}

function kernelOf(nodes: readonly ReportNode[], internal: number, report: Report, tensors: TensorLookup, produced: NameSet): Kernel {
  const mult = countNumber(nodes[0]!.multiplicity ?? 1);
  let flops = 0;
  let macs = 0;
  let moved = 0;
  let act = 0;
  for (const n of nodes) {
    flops += countNumber(n.flops);
    macs += countNumber(n.macs);
    moved += countNumber(n.bytesRead) + countNumber(n.bytesWritten);
    act += countNumber(n.bytesWritten);
    for (const i of n.inputs) if (produced.has(i)) act += reportTensorBytes(tensors.get(i)!, report.dims);
  }
  const bytes = Math.max(0, moved - 2 * internal);
  const anchor = nodes.reduce((a, b) => (countNumber(b.flops) > countNumber(a.flops) ? b : a), nodes[0]!);
  const floatBits = FLOAT_BITS[anchor.outputs[0]?.dtype ?? ''] ?? 0;
  const rec = RECURRENT[anchor.op];
  let launches = 1;
  let gemm: GemmShape | undefined;
  let gemmScales: 'm' | 'batch' = 'm';
  if (rec) {
    const x = tensors.get(anchor.inputs[0] ?? '');
    const xs = x ? boundShape(x, report.dims) : undefined;
    const steps = xs?.[anchor.domain === 'keras' ? rec.keras : rec.onnx];
    launches = steps !== undefined && steps > 0 ? steps : 1;
    // One step: rows = the batch, cols = gates x hidden (the output's last dim), K from the MACs.
    const y = anchor.outputs[0] ? boundShape(anchor.outputs[0], report.dims) : undefined;
    const hidden = y?.[y.length - 1] ?? 0;
    const batch = xs ? (anchor.domain === 'keras' ? xs[0] : xs[1]) ?? 1 : 1;
    const cols = hidden * rec.gates;
    const anchorMacs = countNumber(anchor.macs);
    if (cols > 0 && batch > 0 && anchorMacs > 0) gemm = { batch: 1, m: batch, n: cols, k: anchorMacs / launches / (batch * cols) };
  } else if (macs > 0) {
    const first = nodes[0]!;
    const second = nodes.find((n, i) => i > 0 && activationProduct(n, produced));
    if (second && activationProduct(first, produced)) {
      // Fused attention (flash-attention style): per (batch x head) and block of query rows, both
      // products: M = queries, N = head dim, K = 2 x keys (the FLOPs of QK^T and scores x V).
      const a = gemmOf(first, tensors, produced, report.dims);
      const b = gemmOf(second, tensors, produced, report.dims);
      if (a && b) gemm = { batch: a.batch, m: a.m, n: b.n, k: macs / (a.batch * a.m * b.n) };
      gemmScales = 'batch';
    } else {
      const top = nodes.reduce((x, y) => (countNumber(y.macs) > countNumber(x.macs) ? y : x), nodes[0]!);
      const one = gemmOf(top, tensors, produced, report.dims);
      if (activationProduct(top, produced)) gemmScales = 'batch';
      // The other contractions of the kernel (rare: a fused pair) count as more K.
      if (one) gemm = { ...one, k: (one.k * macs) / countNumber(top.macs) };
    }
  }
  let rows = Infinity;
  for (const n of nodes) {
    if (!MATMUL_OPS.has(n.op) || countNumber(n.macs) === 0) continue;
    const shape = n.outputs[0] ? boundShape(n.outputs[0], report.dims) : undefined;
    const cols = shape?.[shape.length - 1] ?? 0;
    const elems = shape?.reduce((a, b) => a * b, 1) ?? 0;
    if (cols > 0 && elems > 0) rows = Math.min(rows, elems / cols);
  }
  const valid = gemm && [gemm.batch, gemm.m, gemm.n, gemm.k].every((v) => Number.isFinite(v) && v > 0);
  return {
    nodes,
    rows,
    // Saturated, never Infinity: a hostile file's counts beyond Number.MAX_VALUE stay finite through the sums.
    flops: finite(flops * mult),
    macs: finite(macs * mult),
    bytes: finite(bytes * mult),
    activationBytes: finite(Math.min(bytes, Math.max(0, act - 2 * internal)) * mult),
    dtype: dtypeOf(anchor),
    floatBits,
    multiplicity: mult,
    contraction: macs > 0,
    launches,
    ...(valid ? { gemm: { ...gemm!, batch: gemm!.batch * (rec ? 1 : mult) }, gemmScales } : {}),
  };
}

/** Fallback order when a device has no peak for a dtype, or a runtime no kernels for it (an fp32 model on an fp16-only NPU runs in fp16). */
const PEAK_FALLBACK: Readonly<Record<PeakDType, readonly PeakDType[]>> = {
  fp32: ['fp32', 'tf32', 'fp16', 'bf16'],
  tf32: ['tf32', 'fp32', 'fp16'],
  fp16: ['fp16', 'bf16', 'fp32'],
  bf16: ['bf16', 'fp16', 'fp32'],
  fp8: ['fp8', 'fp16', 'bf16', 'fp32'],
  int8: ['int8', 'fp16', 'fp32'],
  int4: ['int4', 'int8', 'fp16', 'fp32'],
};

/**
 * The peak a kernel of `dtype` runs at on `hw` (ops/s), following {@link PEAK_FALLBACK}; 0 when none.
 * With `matrixUnits` (a runtime that uses AMX / SME), a CPU matrix unit's peak for the dtype wins.
 */
export function peakFor(hw: HardwareProfile, dtype: PeakDType, matrixUnits = false): number {
  for (const t of PEAK_FALLBACK[dtype]) {
    const m = matrixUnits ? hw.matrixFlopsPerSec?.[t] : undefined;
    const v: Sourced | undefined = hw.peakFlopsPerSec[t];
    const best = Math.max(m?.value ?? 0, v?.value ?? 0);
    if (best > 0) return best;
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
export function kernelTime(flops: number, bytes: number, peak: number, bandwidth: number, m: TimeModel, contraction = true, activationBytes = 0, samples = 1): { compute: number; memory: number; total: number } {
  // Activation traffic that fits in cache moves at cacheSpeedup times the DRAM rate; weights come from DRAM.
  const cached = activationBytes > 0 && activationBytes / samples <= m.cacheBytes ? Math.min(activationBytes, bytes) : 0;
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
    return kernelTime(k.flops, bytes, peak * rowEfficiency(k.rows, m), bandwidth, m, k.contraction, activationBytes, k.samples ?? 1);
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

/** The device-time of one kernel and what it ran with. */
export interface KernelTiming {
  readonly t: { readonly compute: number; readonly memory: number; readonly total: number };
  readonly bytes: number;
  readonly dtype: PeakDType;
  /** How the GPU model ran it (`GEMM 196x256x2304: 64x64 tiles, split-K 6, 96 tiles, 1 wave`). */
  readonly detail?: string;
}

/**
 * One kernel on a profile under the roofline time model (CPUs, NPUs, GPUs without structure) and a
 * what-if precision: its time and the bytes and dtype it ran with. `runtime` picks the dtypes it
 * runs and whether CPU matrix units are used.
 */
export function kernelSeconds(k: Kernel, hw: HardwareProfile, m: TimeModel, options: LatencyOptions = {}, runtime?: Runtime): KernelTiming {
  const { dtype, bytes, activationBytes } = kernelAt(k, options.precision, runtime);
  const weights = bytes - activationBytes;
  const reread = weightRereads(k, weights, activationBytes, hw.cpu?.llcBytes ?? 2 * m.cacheBytes, hw.cpu?.cores ?? 1, runtime, hw.cpu?.gemmTileRows);
  const t = launchesTime(k, bytes + reread.bytes, peakFor(hw, dtype, runtime?.matrixUnits ?? false), hw.memoryBandwidthBytesPerSec.value, m, activationBytes);
  if (reread.bytes === 0) return { t, bytes, dtype };
  const { m: rows, n, k: depth } = k.gemm!;
  const mib = (x: number): string => `${(x / 2 ** 20).toPrecision(2)} MiB`;
  const how = reread.shared ? 'the threads sweep them together' : 'columns split over the threads';
  return { t, bytes, dtype, detail: `GEMM ${Math.round(rows)}x${Math.round(n)}x${Math.round(depth)} ${dtype}: ${mib(weights)} of weights do not stay in the ${mib(hw.cpu?.llcBytes ?? 2 * m.cacheBytes)} cache, read ${reread.passes}x from DRAM (${reread.rows}-row tiles, ${how})` };
}

/**
 * Weight re-reads of a micro-kernel GEMM runtime (XNNPACK, {@link Runtime.microKernelGemm}): each
 * micro-kernel call computes `rows` output rows (the core's `tileRows` when its profile gives them)
 * against the whole packed weight matrix, so the weights are read once per `rows` rows, ceil(M /
 * rows) times in all. A weight line is read again
 * after one sweep of the weights, plus the activation rows the threads stream meanwhile: when that
 * fits the last-level cache the re-reads hit it, else (LRU) every one of them goes to DRAM. With at
 * least `tilesPerThread` row tiles per thread every tile spans all columns and the threads, started
 * together on equal tiles, sweep the weights in step: one fetch serves them all, ceil(row tiles /
 * cores) sweeps. With fewer, the columns are split too and each thread's range of tiles starts at a
 * different column: every row tile's sweep is its own.
 * Returns the DRAM bytes beyond the kernel's one read of its weights (0 for other runtimes, grouped
 * and batched products, recurrent steps and weights that stay in cache).
 */
export function weightRereads(k: Kernel, weightBytes: number, activationBytes: number, llcBytes: number, cores: number, runtime?: Runtime, tileRows?: number): { bytes: number; passes: number; rows: number; shared: boolean } {
  const mk = runtime?.microKernelGemm;
  const none = { bytes: 0, passes: 1, rows: 0, shared: false };
  if (!mk || !k.gemm || k.gemm.batch !== 1 || k.launches > 1 || !(weightBytes > 0)) return none;
  const rows = Math.max(1, tileRows ?? mk.rows.value);
  const tiles = Math.ceil(k.gemm.m / rows);
  const threads = Math.max(1, Math.round(cores));
  // Between two reads of a weight line: the whole matrix, and the threads' activation rows of one tile each.
  if (weightBytes + (activationBytes * Math.min(threads, tiles)) / tiles <= llcBytes) return none;
  const shared = threads > 1 && tiles >= mk.tilesPerThread.value * threads;
  const passes = shared ? Math.ceil(tiles / threads) : tiles;
  return { bytes: finite((passes - 1) * weightBytes), passes, rows, shared };
}

const PEAK_BITS: Readonly<Record<PeakDType, number>> = { fp32: 32, tf32: 32, fp16: 16, bf16: 16, fp8: 8, int8: 8, int4: 4 };

/**
 * A kernel under a what-if precision and a runtime: the dtype it runs in (the precision, or the
 * kernel's own, moved to the nearest the runtime runs) and the bytes it moves (float data scaled by
 * the dtype's width; integer kernels keep theirs).
 */
export function kernelAt(k: Kernel, precision: LatencyOptions['precision'], runtime?: Runtime): { dtype: PeakDType; bytes: number; activationBytes: number } {
  const wanted: PeakDType = precision && k.floatBits !== 0 ? precision : k.dtype;
  // The nearest dtype the runtime runs, in the same order as a device's missing peaks (an NPU compiler runs fp32 as fp16).
  const dtype = runtime ? (PEAK_FALLBACK[wanted].find((t) => runtime.dtypes.includes(t)) ?? wanted) : wanted;
  if (k.floatBits === 0 || (dtype === k.dtype && !precision)) return { dtype, bytes: k.bytes, activationBytes: k.activationBytes };
  const f = PEAK_BITS[dtype] / k.floatBits;
  return { dtype, bytes: k.bytes * f, activationBytes: k.activationBytes * f };
}

/** The GPU constants under `options` (the fitted ones unless overridden). */
function physicsOf(options: LatencyOptions): Readonly<Record<keyof GpuPhysics, number>> {
  const o = options.gpuPhysics ?? {};
  const v = (k: keyof GpuPhysics): number => o[k] ?? GPU_PHYSICS[k].value;
  return { tensorEfficiency: v('tensorEfficiency'), vectorEfficiency: v('vectorEfficiency'), memoryEfficiency: v('memoryEfficiency'), kernelCycles: v('kernelCycles'), l2ActivationShare: v('l2ActivationShare') };
}

/** Per-model context of the GPU model. */
interface GpuContext {
  readonly gpu: GpuSpec & { readonly peakScale: number };
  readonly runtime: Runtime;
  /** Share of the model's weights that stays in L2 from one inference to the next (0..1). */
  readonly weightsResident: number;
}

/**
 * One kernel's device time on a GPU with known structure. Compute: an implicit GEMM on tensor cores
 * (TF32 for fp32 when the runtime allows it and the GPU has it) by {@link gemmSeconds}, or, for other
 * kernels and direct convolutions, their FLOPs at the CUDA-core rate (fp32 peak, times 2 for 16-bit
 * and 4 for 8-bit types where the architecture pairs them); non-MAC FLOPs of a fused kernel (the
 * softmax of fused attention) run on the CUDA cores too. Memory: bytes through L2 at L2 bandwidth,
 * and those that miss L2 at DRAM bandwidth (activations that fit the L2 share stay on chip between
 * kernels; weights stay when the whole model's fit). The kernel takes the larger of compute and
 * memory plus its fixed ramp-up and drain.
 */
function gpuKernelSeconds(k: Kernel, hw: HardwareProfile, ctx: GpuContext, options: LatencyOptions): KernelTiming {
  const { gpu, runtime } = ctx;
  const phys = physicsOf(options);
  const { dtype, bytes, activationBytes } = kernelAt(k, options.precision, runtime);
  const spec = ARCH_SPECS[gpu.arch];
  const bits = PEAK_BITS[dtype];
  const fp32 = (hw.peakFlopsPerSec.fp32?.value ?? peakFor(hw, 'fp32')) * gpu.peakScale;
  const vectorPeak = fp32 * (bits <= 8 ? spec.vector8 : bits <= 16 ? spec.vector16 : 1) * phys.vectorEfficiency;
  const steps = Math.max(1, k.launches);
  let compute = 0;
  let detail: string | undefined;
  if (k.gemm) {
    const tensorType: PeakDType = dtype === 'fp32' && runtime.tf32 && hw.peakFlopsPerSec.tf32 ? 'tf32' : dtype;
    const peak = peakFor(hw, tensorType) * gpu.peakScale;
    const g = gemmSeconds(k.gemm, bits, peak, gpu, phys.tensorEfficiency);
    const rest = k.flops > 2 * k.macs ? (k.flops - 2 * k.macs) / steps : 0;
    compute = (g.sec + rest / vectorPeak) * steps;
    const { batch, m, n, k: kk } = k.gemm;
    detail = `GEMM ${batch > 1 ? `${batch}x ` : ''}${Math.round(m)}x${Math.round(n)}x${Math.round(kk)} ${tensorType}: ${g.tile[0]}x${g.tile[1]} tiles${g.splitK > 1 ? `, split-K ${g.splitK}` : ''}, ${g.tiles} tiles in ${g.waves} wave${g.waves > 1 ? 's' : ''}${steps > 1 ? `, ${steps} steps` : ''}`;
  } else {
    compute = k.flops / vectorPeak;
  }
  const weights = Math.max(0, bytes - activationBytes);
  const l2Activations = gpu.l2Bytes * phys.l2ActivationShare;
  // A recurrent kernel re-reads its weights every step (from L2 when they fit there).
  const stepWeights = steps > 1 && weights <= gpu.l2Bytes ? 0 : weights * (steps - 1);
  // Activations up to the L2 share stay on chip between kernels; what exceeds it goes to DRAM.
  const dram = weights * (1 - ctx.weightsResident) + stepWeights + Math.max(0, activationBytes - l2Activations);
  const l2 = bytes + weights * (steps - 1);
  const memory = Math.max(dram / (hw.memoryBandwidthBytesPerSec.value * phys.memoryEfficiency), l2 / gpu.l2BytesPerSec);
  const stepCost = steps > 1 ? (steps - 1) * hw.efficiency.recurrentStepSec.value : 0;
  const total = Math.max(compute, memory) + kernelFixedSeconds(gpu, phys.kernelCycles) + stepCost;
  return { t: { compute, memory, total }, bytes, dtype, ...(detail ? { detail } : {}) };
}

/** The runtime an estimate on `hw` uses under `options` (throws RuntimeError when it does not run there). */
export function runtimeOf(hw: HardwareProfile, options: LatencyOptions = {}): Runtime {
  const r = options.runtime;
  const id = typeof r === 'string' ? r : (r?.[hw.id] ?? hw.runtime ?? DEFAULT_RUNTIME[hw.kind]);
  return runtimeFor(id, hw.kind, hw.id, hw.vendor);
}

/** A kernel as it runs at `batch` times the report's batch: FLOPs, activations and GEMM rows scale; weights do not. */
export function atBatch(k: Kernel, batch: number): Kernel {
  if (batch === 1) return k;
  const weights = k.bytes - k.activationBytes;
  // Attention's products batch over (samples x heads): more samples are more GEMMs, not taller ones.
  const gemm = k.gemm ? (k.gemmScales === 'batch' ? { ...k.gemm, batch: k.gemm.batch * batch } : { ...k.gemm, m: k.gemm.m * batch }) : undefined;
  return { ...k, flops: k.flops * batch, macs: k.macs * batch, activationBytes: k.activationBytes * batch, bytes: weights + k.activationBytes * batch, rows: k.rows * batch, samples: (k.samples ?? 1) * batch, ...(gemm ? { gemm } : {}) };
}

/** One model's time on one profile, split into what the report shows. */
interface ModelTiming {
  readonly sec: number;
  readonly timed: readonly (KernelTiming & { readonly kernel: Kernel; readonly sec: number })[];
}

/**
 * Device time of a set of kernels: each kernel's device time plus the runtime's gap between kernels;
 * on a GPU the host issues kernels asynchronously, so the total is the larger of the device's and
 * the host's sum (a host-bound runtime, PyTorch eager at batch 1, is as slow as its dispatch); on a
 * CPU or NPU the dispatch runs in line with the kernels.
 */
function timeKernels(kernels: readonly Kernel[], hw: HardwareProfile, runtime: Runtime, options: LatencyOptions, weightsResident: number): ModelTiming {
  const m = timeModelOf(hw);
  const gap = runtime.deviceGapUs.value * 1e-6;
  const host = runtime.hostLaunchUs.value * 1e-6;
  const gpu = hw.kind === 'gpu' && hw.gpu ? { gpu: hw.gpu, runtime, weightsResident } : undefined;
  let device = 0;
  let hostSum = 0;
  const timed = kernels.map((k) => {
    const t = gpu ? gpuKernelSeconds(k, hw, gpu, options) : kernelSeconds(k, hw, m, options, runtime);
    const sec = hw.kind === 'gpu' ? t.t.total + gap : t.t.total + gap + host;
    device += sec;
    hostSum += host;
    return { ...t, kernel: k, sec };
  });
  return { sec: hw.kind === 'gpu' ? Math.max(device, hostSum) : device, timed };
}

const PRECISION_SCALE = (options: LatencyOptions, report: Report): number => {
  const bits: Record<string, number> = { fp32: 32, fp16: 16, bf16: 16, int8: 8 };
  const own = FLOAT_BITS[report.inputs[0]?.dtype ?? ''] ?? 32;
  return options.precision ? bits[options.precision]! / own : 1;
};

/** Samples per run of the report as bound: the first input's leading dim (1 when it has none). */
function samplesOf(report: Report): number {
  const x = report.inputs[0];
  const s = x ? boundShape(x, report.dims) : undefined;
  return s && s.length > 1 && s[0]! > 0 ? s[0]! : 1;
}

/**
 * Throughput: samples per second at the batch that maximises it (powers of two up to 1024, or
 * `options.throughputBatch`), among batches whose weights and peak activations fit in 90% of device
 * memory. Kernels are scaled to the batch ({@link atBatch}); a batch's time excludes the per-call
 * overhead and the input copy (serving overlaps them with compute on other streams).
 */
function throughputOf(report: Report, kernels: readonly Kernel[], hw: HardwareProfile, runtime: Runtime, options: LatencyOptions): { batch: number; samplesPerSec: number; ms: number } {
  const samples = samplesOf(report);
  const scale = PRECISION_SCALE(options, report);
  const weights = countNumber(report.totals.weightBytes) * scale;
  const activations = countNumber(report.totals.peakMemoryBytes) * scale;
  const limit = hw.memoryBytes ? hw.memoryBytes.value * 0.9 : Infinity;
  const batches = options.throughputBatch ? [options.throughputBatch] : [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
  let best = { batch: 1, samplesPerSec: 0, ms: 0 };
  for (const b of batches) {
    if (b > 1 && weights + activations * b > limit && !options.throughputBatch) break;
    const t = timeKernels(kernels.map((k) => atBatch(k, b)), hw, runtime, options, 0).sec;
    const sps = t > 0 ? (b * samples) / t : 0;
    if (sps > best.samplesPerSec * 1.0001) best = { batch: b * samples, samplesPerSec: sps, ms: finite(t * 1e3) };
  }
  return best;
}

/** Estimate a report's latency (and throughput) on one profile. Pure. */
export function estimateLatency(report: Report, hw: HardwareProfile, options: LatencyOptions = {}, kernels?: readonly Kernel[]): ReportLatency {
  const runtime = runtimeOf(hw, options);
  const ks = kernels ?? groupKernels(report, runtime.fusion);
  const scale = PRECISION_SCALE(options, report);
  // Weights stay in L2 across inferences as far as they fit in the share activations leave free.
  const weightBytes = countNumber(report.totals.weightBytes) * scale;
  const weightsResident = hw.gpu && weightBytes > 0 ? Math.min(1, (hw.gpu.l2Bytes * (1 - physicsOf(options).l2ActivationShare)) / weightBytes) : 0;
  const { sec: deviceSec, timed } = timeKernels(ks, hw, runtime, options, weightsResident);
  // Per inference: the runtime's call overhead, and on a discrete GPU the input and output copies over the host link.
  const link = hw.gpu?.hostLinkBytesPerSec;
  const io = link && !options.deviceOnly ? [...report.inputs, ...report.outputs].reduce((s, t) => s + reportTensorBytes(t, report.dims) * (FLOAT_BITS[t.dtype] ? scale : 1), 0) / link : 0;
  const total = deviceSec + (options.deviceOnly ? 0 : runtime.inferenceUs.value * 1e-6) + io;
  let computeTime = 0;
  let memoryTime = 0;
  const ms: number[] = timed.map(({ t, sec }) => {
    if (t.compute >= t.memory) computeTime += sec;
    else memoryTime += sec;
    return finite(sec * 1e3);
  });
  // Rows for the slowest five only: a kernel that fuses 10^6 nodes lists its first MAX_KERNEL_NODES.
  const top = ms
    .map((_, i) => i)
    .sort((a, b) => ms[b]! - ms[a]!)
    .slice(0, 5)
    .map((i): ReportKernel => {
      const { t, bytes, dtype, detail, kernel } = timed[i]!;
      const shown = kernel.nodes.length > MAX_KERNEL_NODES ? kernel.nodes.slice(0, MAX_KERNEL_NODES) : kernel.nodes;
      const more = kernel.nodes.length > MAX_KERNEL_NODES;
      return {
        nodes: shown.map((n) => n.name),
        ...(more ? { nodeCount: kernel.nodes.length } : {}),
        ops: shown.map((n) => n.op).join('+') + (more ? '+...' : ''),
        ms: ms[i]!,
        boundBy: t.compute >= t.memory ? 'compute' : 'memory',
        flops: finite(kernel.flops),
        bytes: finite(Math.round(bytes)),
        dtype,
        ...(detail ? { detail } : {}),
      };
    });
  const modules = report.modules ? moduleMs(report.modules, ks, ms) : undefined;
  // What no kernel holds (the per-call overhead, the host copies, a host-bound runtime's wait) is the whole model's: the root module's.
  if (modules?.length) modules[0] = Math.round((modules[0]! + Math.max(0, total * 1e3 - ms.reduce((s, r) => s + r, 0))) * 1e6) / 1e6;
  const kernelSum = computeTime + memoryTime;
  const throughput = options.throughput === false ? { batch: 0, samplesPerSec: 0, ms: 0 } : throughputOf(report, ks, hw, runtime, options);
  return {
    hardware: hw.id,
    runtime: runtime.id,
    ms: finite(total * 1e3),
    boundBy: { compute: kernelSum > 0 ? computeTime / kernelSum : 0, memory: kernelSum > 0 ? memoryTime / kernelSum : 0 },
    ...(options.precision ? { precision: options.precision } : {}),
    kernels: ks.length,
    top,
    ...(modules ? { modules } : {}),
    ...(throughput.samplesPerSec > 0 && Number.isFinite(throughput.samplesPerSec) ? { throughput: { batch: throughput.batch, samplesPerSec: throughput.samplesPerSec, ms: throughput.ms } } : {}),
  };
}

/** Node names a top kernel lists (and op types its `ops` joins); `nodeCount` says how many it fuses when more. */
export const MAX_KERNEL_NODES = 64;

/**
 * Milliseconds per module (in the order of `modules`, each including its descendants): a kernel counts
 * in the module of its first node, the one that launches it. Rounded to 1e-6 ms.
 */
function moduleMs(modules: readonly ReportModule[], kernels: readonly Kernel[], timed: readonly number[]): number[] {
  const ms = new Array<number>(modules.length).fill(0);
  kernels.forEach((k, i) => {
    const m = k.nodes[0]?.module;
    if (m !== undefined && m >= 0 && m < ms.length) ms[m]! += timed[i]!;
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
  return { ...report, latency: sets.flatMap((o) => profiles.map((hw) => estimateLatency(report, hw, o, kernelsFor(runtimeOf(hw, o).fusion)))) };
}
