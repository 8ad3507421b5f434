/**
 * The Report: what `modelcost profile --json` prints (one per model, in its `reports`) and every renderer, diff and budget reads.
 * schemaVersion 2 (2 since exact counts may be digit strings; see docs/report-schema.md); a JSON Schema generated from these types ships as `report.schema.json`.
 * All counts are exact non-negative integers ({@link Count}: a JSON number while exact, a decimal
 * string beyond 2^53); bytes in bytes, times in milliseconds.
 */
import type { Count } from './count.js';

/** A dim in a reported shape: a size, or a symbol / expression such as `batch` or `2*seq`. */
export type ReportDim = number | string;

/** A named, typed tensor. `shape` is null when even the rank is unknown. */
export interface ReportTensor {
  name: string;
  shape: ReportDim[] | null;
  /** Element type (`float32`, `int8`...); `sequence`, `map` or `optional` for non-tensor values. */
  dtype: string;
}

/** A diagnostic about the model or one of its nodes. */
export interface ReportDiagnostic {
  severity: 'error' | 'warning' | 'info';
  /** Stable machine-readable code (`unsupported-op`, `unbound-symbol`, `value-info-conflict`...). */
  code: string;
  /** The node concerned, when there is one. */
  node?: string;
  message: string;
}

/** Totals over the whole model. */
export interface ReportTotals {
  /**
   * Elements of weight tensors (trainable and not): initializers, and constant tensors that feed a
   * weight input (Conv / Gemm / MatMul weights, embedding tables): what PyTorch's
   * `sum(p.numel() for p in model.parameters())` counts. See docs/cost-conventions.md.
   */
  params: Count;
  /** Trainable part of `params`, when the format says (Keras). */
  trainableParams?: Count;
  /**
   * Elements of constant tensors that are not params: masks, position tables, int64 shape arithmetic,
   * axes and index operands (ONNX Constant nodes and integer initializers). Absent when the format has none (Keras).
   */
  constantElements?: Count;
  /** Multiply-accumulates of contraction ops. */
  macs: Count;
  /** Operations under the report's convention. */
  flops: Count;
  /** Bytes of all weights at their stored dtype. */
  weightBytes: Count;
  /** Bytes of every intermediate tensor written by a node (each counted once). */
  activationBytes: Count;
  /** Peak bytes of activations alive at once over a topological order (weights excluded). */
  peakMemoryBytes: Count;
  /** Bytes read plus bytes written by every node (memory traffic without fusion). */
  bytesMoved: Count;
}

/** One node (ONNX) or layer call (Keras). */
export interface ReportNode {
  name: string;
  /** Op type (`Conv`) or layer class (`Conv2D`). */
  op: string;
  /** `ai.onnx`, `com.microsoft`, `ai.onnx.ml`, `keras`... */
  domain: string;
  /** Framework layer the node came from, when known. */
  layer?: string;
  inputs: string[];
  outputs: ReportTensor[];
  params: Count;
  macs: Count;
  flops: Count;
  bytesRead: Count;
  bytesWritten: Count;
  /** Times the node runs per inference when not 1 (Loop bodies; 0 for an If branch not taken). */
  multiplicity?: Count;
  /** `unsupported` (no rule: costs unknown, not zero), `error` or `unknown-shape`; absent when ok. */
  status?: 'unsupported' | 'error' | 'unknown-shape';
  /**
   * Index in the report's `modules` of the innermost module holding the node; present exactly when the report has `modules`.
   * @asType integer
   * @minimum 0
   */
  module?: number;
}

/**
 * One module of the model's module tree: a scope the file records (a PyTorch submodule, a Keras nested
 * model or layer, an ONNX local function call, a TensorFlow name scope) with the totals of every node
 * in it and in its descendants. See docs/report-schema.md, "Modules".
 */
export interface ReportModule {
  /** Path from the root, names joined with `.` (`layer3.1.conv2`); `''` for the root, which is the model itself. */
  path: string;
  /** The module's own name (the last part of `path`); `''` for the root. */
  name: string;
  /**
   * Index of the enclosing module in `modules` (always lower than this module's own); absent on the root.
   * @asType integer
   * @minimum 0
   */
  parent?: number;
  /**
   * 0 for the root, its parent's depth + 1 otherwise.
   * @asType integer
   * @minimum 0
   */
  depth: number;
  /** Class of the module where the file says: a PyTorch class (`BasicBlock`), an ONNX function (`Block`), a Keras layer or model class (`Conv2D`, `Functional`). */
  type?: string;
  /** Op of the module's only node, when it holds exactly one (`conv1` holding one `Conv`). */
  op?: string;
  /**
   * Times the module is called per inference, when more than once (a shared Keras layer or nested model; one module, its cost summed over the calls, its weights counted once).
   * @asType integer
   * @minimum 2
   */
  calls?: number;
  /**
   * Nodes in the module and its descendants.
   * @asType integer
   * @minimum 0
   */
  nodes: number;
  /**
   * Nodes among them without a cost rule: their MACs and FLOPs are not in the module's totals (unknown, not zero).
   * @asType integer
   * @minimum 1
   */
  unsupported?: number;
  /** Elements of the weights the module's nodes read (each weight counted once, where the model first reads it). */
  params: Count;
  /** Multiply-accumulates of the module's nodes, times their multiplicity (so the root's equals `totals.macs`). */
  macs: Count;
  /** Operations of the module's nodes under the report's convention, times their multiplicity. */
  flops: Count;
  /** Bytes read plus written by the module's nodes, times their multiplicity. */
  bytesMoved: Count;
  /** Activations that enter the module from outside it (graph inputs or other modules' outputs; weights, constants and shape tensors left out), when there are at most 4; absent when the boundary is not clear (more, or no `outputs`). */
  inputs?: ReportTensor[];
  /** Tensors the module produces that are read outside it or are graph outputs, when there are 1 to 4; absent when the boundary is not clear. */
  outputs?: ReportTensor[];
}

/** Estimated latency on one hardware profile. */
export interface ReportLatency {
  /** Hardware profile id. */
  hardware: string;
  /** Runtime id the estimate assumed (`tensorrt`, `onnxruntime-cpu`...); absent in reports written before runtimes. */
  runtime?: string;
  /** Milliseconds per inference at the report's batch: kernels, launch costs, the per-call overhead and input/output copies. */
  ms: number;
  /** Share of the estimated time (0..1) spent in compute-bound and memory-bound kernels. */
  boundBy: { compute: number; memory: number };
  /** The what-if precision the estimate assumed, when not the model's own. */
  precision?: 'fp32' | 'fp16' | 'bf16' | 'int8';
  /** Kernels the nodes were grouped into. */
  kernels?: number;
  /** The slowest kernels (at most 5), slowest first. */
  top?: ReportKernel[];
  /**
   * Estimated milliseconds per module, in the order of the report's `modules`, each including its
   * descendants (a kernel counts in the module of its first node); present when the report has `modules`.
   */
  modules?: number[];
  /** Serving throughput: samples per second at the batch that maximises it within device memory (or the configured batch). */
  throughput?: ReportThroughput;
}

/** Throughput at one batch. */
export interface ReportThroughput {
  /** Samples per run. */
  batch: number;
  samplesPerSec: number;
  /** Milliseconds per run at that batch (device time, per-call overhead overlapped). */
  ms: number;
}

/** One estimated kernel: nodes a runtime runs as one launch. */
export interface ReportKernel {
  /** Node names, producer first: all of them, or the first 64 of a kernel fusing more (see `nodeCount`). */
  nodes: string[];
  /**
   * How many nodes the kernel fuses, present when `nodes` lists only the first 64 (a runtime that fuses
   * a chain of 10^6 elementwise nodes into one kernel).
   * @asType integer
   * @minimum 65
   */
  nodeCount?: number;
  /** Op types of the nodes listed, joined with `+` (`Conv+Relu`); `+...` ends it when `nodes` is cut. */
  ops: string;
  ms: number;
  boundBy: 'compute' | 'memory';
  flops: number;
  /** Bytes moved to and from memory (intermediates fused away). */
  bytes: number;
  /** dtype of the arithmetic (`fp32`, `fp16`, `int8`...). */
  dtype: string;
  /** How the device model ran it (GPU: the implicit GEMM, its tiles, split-K and waves). */
  detail?: string;
}

/** Coverage of the model by modelcost's rules. */
export interface ReportCoverage {
  nodes: number;
  supported: number;
  /** Op type -> count of nodes with no rule. Their costs are not in the totals. */
  unsupported: Record<string, number>;
  /**
   * Op type -> count of nodes that have a rule but whose shapes or cost could not be inferred (status
   * `error` or `unknown-shape`). Their costs are not in the totals either; absent when there are none.
   * `supported` counts neither these nor the unsupported ones.
   */
  unknown?: Record<string, number>;
}

/** The profile of one model (schemaVersion 2). */
export interface Report {
  schemaVersion: 2;
  tool: { name: string; version: string };
  model: {
    path: string;
    format: 'onnx' | 'keras';
    producer: string;
    /** Operator set per domain (ONNX) or Keras version (`keras`). */
    opsets: Record<string, number>;
  };
  convention: 'macs+flops' | 'exact';
  /** Symbol bindings used for the numbers (user-given, and 1 for unbound symbols). */
  dims: Record<string, number>;
  inputs: ReportTensor[];
  outputs: ReportTensor[];
  totals: ReportTotals;
  /** Exact polynomials of the totals over the model's symbols, when it has any (`2359296*batch*seq`). */
  symbolic?: Record<string, string>;
  nodes: ReportNode[];
  /**
   * The module tree recovered from the file, in pre-order (a parent before its children, siblings in
   * the order the graph first reaches them); `modules[0]` is the root. Absent when the file records no
   * module structure. See docs/report-schema.md, "Modules".
   */
  modules?: ReportModule[];
  latency: ReportLatency[];
  coverage: ReportCoverage;
  diagnostics: ReportDiagnostic[];
}
