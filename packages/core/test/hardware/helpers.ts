/** Reports built by hand for the latency tests: nodes with their counts, and a Report around them. */
import type { Report, ReportNode } from '../../src/index.js';

/** A node with one fp32 output (counts default to 0). */
export function node(name: string, op: string, inputs: string[], out: { name: string; shape: number[]; dtype?: string }, c: Partial<ReportNode> = {}): ReportNode {
  return { name, op, domain: '', inputs, outputs: [{ dtype: 'float32', ...out }], params: 0, macs: 0, flops: 0, bytesRead: 0, bytesWritten: 0, ...c };
}

/** A Report around `nodes` (totals default to 0). */
export function report(nodes: ReportNode[], inputs: Report['inputs'], outputs: Report['outputs'], totals: Partial<Report['totals']> = {}): Report {
  return {
    schemaVersion: 2,
    tool: { name: 'modelcost', version: 't' },
    model: { path: 'm.onnx', format: 'onnx', producer: '', opsets: {} },
    convention: 'macs+flops',
    dims: {},
    inputs,
    outputs,
    totals: { params: 0, macs: 0, flops: 0, weightBytes: 0, activationBytes: 0, peakMemoryBytes: 0, bytesMoved: 0, ...totals },
    nodes,
    latency: [],
    coverage: { nodes: nodes.length, supported: nodes.length, unsupported: {} },
    diagnostics: [],
  };
}
