/**
 * Timing ONNX models with onnxruntime-node, for `modelcost calibrate` and tools/bench/latency.
 * onnxruntime-node is an optional peer dependency: loaded here only, on demand, with a clear message
 * when it is not installed. Inputs are random tensors of the shapes the report inferred.
 */
import { createRequire } from 'node:module';
import { boundShape, seededRandom, type Report, type ReportTensor } from '@modelcost/core';

/** The slice of onnxruntime-node's API used here (declared locally: the package is optional). */
export interface OrtModule {
  InferenceSession: { create(path: string, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => unknown;
}
interface OrtSession {
  readonly inputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<unknown>;
  release?(): Promise<void>;
}

/** Raised when onnxruntime-node cannot be loaded; the message says how to install it. */
export class OrtMissingError extends Error {
  override readonly name = 'OrtMissingError';
}

/** Load onnxruntime-node (an optional peer dependency). */
export async function loadOrt(): Promise<OrtModule> {
  try {
    // A CommonJS package, required (not imported): the CLI runs as one CommonJS bundle, and a
    // require() keeps the ES-module loader out of the process.
    const m = createRequire(import.meta.url)('onnxruntime-node') as { default?: OrtModule } & Partial<OrtModule>;
    return (m.InferenceSession ? m : m.default) as OrtModule;
  } catch (e) {
    throw new OrtMissingError(`onnxruntime-node is not installed (${(e as Error).message.split('\n')[0]}); calibration times real runs with it: npm install --save-dev onnxruntime-node@1.23.2 (ONNXRUNTIME_NODE_INSTALL=skip: the CPU binary ships in the package)`);
  }
}

function randomTensor(ort: OrtModule, t: ReportTensor, dims: Readonly<Record<string, number>>, rand: () => number): unknown {
  const shape = boundShape(t, dims) ?? [];
  const n = shape.reduce((a, b) => a * b, 1);
  switch (t.dtype) {
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from({ length: n }, () => rand() * 2 - 1), shape);
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from({ length: n }, () => rand() * 2 - 1), shape);
    case 'float16':
      // 0x3c00 = 1.0 in IEEE half precision.
      return new ort.Tensor('float16', new Uint16Array(n).fill(0x3c00), shape);
    case 'int64':
      // Token ids / indices: 1 is valid for any vocabulary or axis.
      return new ort.Tensor('int64', new BigInt64Array(n).fill(1n), shape);
    case 'int32':
      return new ort.Tensor('int32', new Int32Array(n).fill(1), shape);
    case 'uint8':
      return new ort.Tensor('uint8', Uint8Array.from({ length: n }, () => Math.floor(rand() * 256)), shape);
    case 'int8':
      return new ort.Tensor('int8', Int8Array.from({ length: n }, () => Math.floor(rand() * 256) - 128), shape);
    case 'bool':
      return new ort.Tensor('bool', new Uint8Array(n).fill(1), shape);
    default:
      throw new Error(`input ${t.name}: cannot make a random ${t.dtype} tensor`);
  }
}

/** Options of {@link timeModel}. */
export interface TimingOptions {
  /** Intra-op threads (default 1). */
  readonly threads?: number;
  /** Timed runs (default 10); the median is reported. */
  readonly runs?: number;
  /** Untimed runs first (default 3). */
  readonly warmup?: number;
  /** Clock in milliseconds (injected for tests; default performance.now). */
  readonly now?: () => number;
}

/** Median of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Time a model file with onnxruntime-node: median wall time of `runs` runs after `warmup` runs. */
export async function timeModel(ort: OrtModule, path: string, report: Report, options: TimingOptions = {}): Promise<{ medianMs: number; runsMs: number[] }> {
  const session = await ort.InferenceSession.create(path, {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const rand = seededRandom(42);
  const feeds: Record<string, unknown> = {};
  for (const name of session.inputNames) {
    const t = report.inputs.find((i) => i.name === name);
    if (!t) throw new Error(`${path}: onnxruntime expects input ${JSON.stringify(name)} that the report does not list`);
    feeds[name] = randomTensor(ort, t, report.dims, rand);
  }
  const now = options.now ?? (() => performance.now());
  for (let i = 0; i < (options.warmup ?? 3); i++) await session.run(feeds);
  const runsMs: number[] = [];
  for (let i = 0; i < (options.runs ?? 10); i++) {
    const t0 = now();
    await session.run(feeds);
    runsMs.push(now() - t0);
  }
  await session.release?.();
  return { medianMs: median(runsMs), runsMs };
}
