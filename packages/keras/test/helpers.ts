/**
 * Test helpers: build small Keras configs in memory, profile them, and build zip archives by hand
 * (stored or deflated with node:zlib) for `.keras` and error cases.
 */
import { deflateRawSync } from 'node:zlib';
import { bytesSource, type Report } from '@modelcost/core';
import { analyzeKeras, profileKeras, type KerasAnalysis, type KerasProfileOptions } from '../src/index.js';

export type Json = Record<string, unknown>;

/** A layer entry `{class_name, config: {name, ...}}`. */
export function layer(className: string, name: string, config: Json = {}): Json {
  return { class_name: className, config: { name, trainable: true, ...config } };
}

/** A Keras 2 Sequential model: InputLayer with `batch_input_shape`, then the layers. */
export function sequential(batchInputShape: (number | null)[], layers: Json[], dtype = 'float32'): Json {
  return {
    class_name: 'Sequential',
    keras_version: '2.13.1',
    backend: 'tensorflow',
    config: { name: 'sequential', layers: [layer('InputLayer', 'input_1', { batch_input_shape: batchInputShape, dtype }), ...layers] },
  };
}

/** A Keras 2 functional layer entry: `inbound` lists the tensors of its single call by layer name. */
export function node(className: string, name: string, config: Json, inbound: (string | [string, number, number])[], kwargs: Json = {}): Json {
  return {
    class_name: className,
    name,
    config: { name, trainable: true, ...config },
    inbound_nodes: inbound.length ? [inbound.map((r) => (typeof r === 'string' ? [r, 0, 0, kwargs] : [...r, kwargs]))] : [],
  };
}

/** A Keras 2 functional model. */
export function functional(layers: Json[], inputs: string[], outputs: (string | [string, number, number])[], name = 'model'): Json {
  return {
    class_name: 'Functional',
    keras_version: '2.13.1',
    backend: 'tensorflow',
    config: { name, layers, input_layers: inputs.map((i) => [i, 0, 0]), output_layers: outputs.map((o) => (typeof o === 'string' ? [o, 0, 0] : o)) },
  };
}

/** An InputLayer entry for a functional model. */
export function input(name: string, batchInputShape: (number | null)[], dtype = 'float32'): Json {
  return { class_name: 'InputLayer', name, config: { name, batch_input_shape: batchInputShape, dtype }, inbound_nodes: [] };
}

export function bytesOf(json: unknown): Uint8Array {
  return new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json));
}

export function profile(json: unknown, options: KerasProfileOptions = {}): Report {
  return profileKeras(bytesSource(bytesOf(json)), options);
}

export function analyze(json: unknown, options: KerasProfileOptions = {}): KerasAnalysis {
  return analyzeKeras(bytesSource(bytesOf(json)), options);
}

/** The report node of a layer. */
export function nodeNamed(report: Report, name: string): Report['nodes'][number] {
  const n = report.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name} in ${report.nodes.map((x) => x.name).join(', ')}`);
  return n;
}

export interface ZipMember {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflate (default). */
  method?: number;
  /** Override the uncompressed size written to the headers (zip bomb tests). */
  declaredSize?: number;
}

/** Build a zip archive (no zip64, no data descriptors, CRC left 0: the reader does not check it). */
export function makeZip(members: ZipMember[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const enc = new TextEncoder();
  for (const m of members) {
    const method = m.method ?? 8;
    const data = method === 8 ? new Uint8Array(deflateRawSync(m.data)) : m.data;
    const name = enc.encode(m.name);
    const size = m.declaredSize ?? m.data.length;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, data);
    central.push(cd);
    offset += local.length + data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, eocd];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
