import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { generateSchema, SCHEMA_PATH } from '../../scripts/generate-schema.mjs';
import { buildReport, countBig, InvalidCountError, Poly, tensorBytes, type AnalyzedNode, type ReportInput } from '../../src/index.js';

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
  it('counts nodes whose shapes or cost were not inferred as unknown, not supported (unknown is never zero)', () => {
    const r = buildReport(
      input([
        { name: 'mm', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: cost(Poly.const(10)) },
        { name: 'bad', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], status: 'error' },
        { name: 'dyn', op: 'Conv', domain: 'ai.onnx', inputs: [], outputs: [], status: 'unknown-shape' },
        { name: 'odd', op: 'Weird', domain: 'x', inputs: [], outputs: [], status: 'unsupported' },
      ]),
    );
    // Only mm's 10 MACs are counted; the three others are listed, each under its own kind.
    expect(r.totals.macs).toBe(10);
    expect(r.coverage).toEqual({ nodes: 4, supported: 1, unsupported: { Weird: 1 }, unknown: { MatMul: 1, Conv: 1 } });
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
  it('keeps counts beyond 2^53 exact, as digit strings the schema accepts', () => {
    // 2^60 macs, flops 2 * 2^60 = 2^61; 2^53 - 1 stays a number.
    const huge = Poly.const(2n ** 60n);
    const r = buildReport(
      input(
        [
          { name: 'big', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: cost(huge) },
          { name: 'edge', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: { ...cost(Poly.ZERO), params: Poly.const(2n ** 53n - 1n) } },
        ],
        { dims: { seq: 1 } },
      ),
    );
    expect(r.totals.macs).toBe('1152921504606846976');
    expect(r.totals.flops).toBe('2305843009213693952');
    expect(r.nodes[1]!.params).toBe(9007199254740991);
    expect(countBig(r.totals.flops)).toBe(2n ** 61n);
    const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const json = JSON.parse(JSON.stringify(r));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // A rounded double or a non-digit string is not a count.
    expect(validate({ ...json, totals: { ...json.totals, macs: 2 ** 60 } })).toBe(false);
    expect(validate({ ...json, totals: { ...json.totals, macs: '1e18' } })).toBe(false);
    expect(validate({ ...json, totals: { ...json.totals, macs: null } })).toBe(false);
  });
  it('refuses a negative count, naming the node and the field', () => {
    // A weight with a negative dim (-2 x 4) makes params and macs negative: never a report.
    const neg = Poly.const(-8);
    expect(() => buildReport(input([{ name: 'w', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: { ...cost(neg), params: neg } }], { dims: { seq: 1 } }))).toThrow(
      new InvalidCountError('m.onnx', 'node "w" params', -8n),
    );
    expect(() => buildReport(input([{ name: 'w', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: cost(neg) }], { dims: { seq: 1 } }))).toThrow(
      'm.onnx: node "w" macs is negative (-8): the model\'s sizes are inconsistent (a negative dim, or a size the shapes make impossible); the model was not profiled',
    );
    let err: unknown;
    try {
      buildReport(input([], { weights: [{ name: 'w', byteLength: Number.NaN }] }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidCountError);
    expect((err as InvalidCountError).code).toBe('invalid-count');
  });
  it('looks up dims without the prototype: a symbol named constructor is unbound, not a function', () => {
    const ctor = Poly.sym('constructor');
    const r = buildReport(input([{ name: 'mm', op: 'MatMul', domain: 'ai.onnx', inputs: [], outputs: [], cost: cost(ctor.mul(3)) }]));
    expect(r.totals.macs).toBe(3);
    expect(r.dims).toEqual({ constructor: 1, seq: 1 });
  });
});
