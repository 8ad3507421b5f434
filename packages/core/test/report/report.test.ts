import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { generateSchema, SCHEMA_PATH } from '../../scripts/generate-schema.mjs';
import { buildReport, Poly, tensorBytes, type AnalyzedNode, type ReportInput } from '../../src/index.js';

const seq = Poly.sym('seq');
const cost = (macs: Poly, bytes = Poly.ZERO) => ({ macs, flops: macs.mul(2), params: Poly.ZERO, bytesRead: bytes, bytesWritten: bytes });

function input(nodes: AnalyzedNode[], extra: Partial<ReportInput> = {}): ReportInput {
  return {
    tool: { name: 'modelcost', version: '0.0.0' },
    model: { path: 'm.onnx', format: 'onnx', producer: 'test', opsets: { 'ai.onnx': 17 } },
    convention: 'macs+flops',
    dims: {},
    inputs: [{ name: 'x', dtype: 'float32', shape: [seq, 4], bytes: tensorBytes([seq, 4], 'float32') }],
    outputs: [{ name: 'y', dtype: 'float32', shape: [seq, 4], bytes: tensorBytes([seq, 4], 'float32') }],
    nodes,
    weights: [],
    diagnostics: [],
    ...extra,
  };
}

describe('JSON Schema', () => {
  it('report.schema.json is generated from the Report type and up to date', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8'), 'stale: run npm run generate-schema -w @modelcost/core').toBe(generateSchema());
  });
  it('validates a built report', () => {
    const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const r = buildReport(input([{ name: 'n', op: 'Relu', domain: 'ai.onnx', inputs: ['x'], outputs: [{ name: 'y', dtype: 'float32', shape: [seq, 4], bytes: tensorBytes([seq, 4], 'float32') }], cost: cost(seq.mul(4)) }]));
    expect(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('buildReport', () => {
  it('evaluates symbolic totals under bindings and keeps the polynomial', () => {
    const r = buildReport(input([{ name: 'mm', op: 'MatMul', domain: 'ai.onnx', inputs: ['x'], outputs: [], cost: cost(seq.mul(768)) }], { dims: { seq: 128 } }));
    // 768 * 128 = 98304 macs; flops 2x
    expect([r.totals.macs, r.totals.flops]).toEqual([98304, 196608]);
    expect(r.symbolic).toEqual({ macs: '768*seq', flops: '1536*seq' });
    expect(r.dims).toEqual({ seq: 128 });
    expect(r.diagnostics).toEqual([]);
  });
  it('counts unbound symbols as 1 with one diagnostic naming them', () => {
    const r = buildReport(input([{ name: 'mm', op: 'MatMul', domain: 'ai.onnx', inputs: ['x'], outputs: [], cost: cost(seq.mul(768)) }]));
    expect(r.totals.macs).toBe(768);
    expect(r.diagnostics).toEqual([{ severity: 'warning', code: 'unbound-symbol', message: 'symbolic dims seq have no value: counted as 1. Bind them with --dim seq=N' }]);
  });
  it('multiplies Loop bodies by their multiplicity and lists unsupported ops in coverage', () => {
    const r = buildReport(
      input(
        [
          { name: 'body/mm', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: cost(Poly.const(10)), multiplicity: Poly.const(3) },
          { name: 'odd', op: 'Weird', domain: 'x', inputs: [], outputs: [], status: 'unsupported' },
        ],
        { dims: { seq: 1 } },
      ),
    );
    // 10 macs x 3 trips
    expect(r.totals.macs).toBe(30);
    expect(r.nodes[0]!.multiplicity).toBe(3);
    expect(r.coverage).toEqual({ nodes: 2, supported: 1, unsupported: { Weird: 1 } });
  });
  it('orders diagnostics by severity, code, node in code-unit order (the same on every locale) and dims by name', () => {
    const d = (severity: 'error' | 'warning' | 'info', code: string, node: string) => ({ severity, code, node, message: `${code} at ${node}` });
    const r = buildReport(
      input([], {
        dims: { seq: 1, Batch: 2, a: 3 },
        diagnostics: [d('info', 'z', 'n'), d('warning', 'b-code', 'n'), d('warning', 'B-code', 'n'), d('warning', 'b-code', 'N'), d('error', 'x', 'n')],
      }),
    );
    // Upper case before lower case by code unit ('B' 66 < 'b' 98); ICU collation would put b-code first.
    expect(r.diagnostics.map((x) => `${x.severity} ${x.code} ${x.node}`)).toEqual(['error x n', 'warning B-code n', 'warning b-code N', 'warning b-code n', 'info z n']);
    expect(Object.keys(r.dims)).toEqual(['Batch', 'a', 'seq']);
  });
  it('flags counts beyond 2^53', () => {
    const huge = Poly.const(2n ** 60n);
    const r = buildReport(input([{ name: 'big', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: cost(huge) }], { dims: { seq: 1 } }));
    expect(r.diagnostics.map((d) => d.code)).toContain('count-overflow');
  });
});
