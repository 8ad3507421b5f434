/**
 * The Report: what `modelcost profile --json` prints and every renderer, diff and budget reads.
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
  /** Elements of weight tensors (trainable and not). */
  params: Count;
  /** Trainable part of `params`, when the format says (Keras). */
  trainableParams?: Count;
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
}

/** Estimated latency on one hardware profile. */
export interface ReportLatency {
  /** Hardware profile id. */
  hardware: string;
  ms: number;
  /** Share of the estimated time (0..1) spent in compute-bound and memory-bound kernels. */
  boundBy: { compute: number; memory: number };
  /** The what-if precision the estimate assumed, when not the model's own. */
  precision?: 'fp32' | 'fp16' | 'bf16' | 'int8';
  /** Kernels the nodes were grouped into. */
  kernels?: number;
  /** The slowest kernels (at most 5), slowest first. */
  top?: ReportKernel[];
}

/** One estimated kernel: nodes a runtime runs as one launch. */
export interface ReportKernel {
  /** Node names, producer first. */
  nodes: string[];
  /** Op types joined with `+` (`Conv+Relu`). */
  ops: string;
  ms: number;
  boundBy: 'compute' | 'memory';
  flops: number;
  /** Bytes moved to and from memory (intermediates fused away). */
  bytes: number;
  /** dtype of the arithmetic (`fp32`, `fp16`, `int8`...). */
  dtype: string;
}

/** Coverage of the model by modelcost's rules. */
export interface ReportCoverage {
  nodes: number;
  supported: number;
  /** Op type -> count of nodes with no rule. Their costs are not in the totals. */
  unsupported: Record<string, number>;
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
  latency: ReportLatency[];
  coverage: ReportCoverage;
  diagnostics: ReportDiagnostic[];
}
