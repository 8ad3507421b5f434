/**
 * Convolution and pooling kernels (docs/cost-conventions.md#convolution, #pooling), N-d, with groups,
 * dilation, stride, padding and transposed convolution. Every size may be symbolic.
 */
import { dim, dimPoly, numElements, type Dim } from '../symbolic/dim.js';
import { Poly } from '../symbolic/poly.js';
import { checkSizes, contractionCost, elementCost, type OpCost } from './conventions.js';
import type { KernelOptions } from './types.js';

/**
 * Output size of a window sweep along one axis:
 * `floor((in + padBegin + padEnd - ((k - 1) * dilation + 1)) / stride) + 1` (ceil with `ceilMode`).
 * With `ceilMode`, a last window that would start inside the end padding is dropped (ONNX / PyTorch rule).
 */
export function convOutputDim(inDim: Dim, kernel: Dim, stride = 1, padBegin = 0, padEnd = 0, dilation = 1, ceilMode = false): Dim {
  if (stride <= 0) throw new RangeError(`stride must be positive, got ${stride}`);
  if (typeof inDim === 'number' && typeof kernel === 'number' && smallInts(inDim, kernel, stride, padBegin, padEnd, dilation)) {
    // Concrete sizes (most models): the same formula on numbers, no polys (exact: every value is
    // an integer below 2^31, so the sums are exact and a quotient below 2^33 floors correctly).
    const span = inDim + padBegin + padEnd - ((kernel - 1) * dilation + 1);
    if (!ceilMode) return Math.floor(span / stride) + 1;
    const out = Math.ceil(span / stride) + 1;
    return (out - 1) * stride >= inDim + padBegin ? out - 1 : out;
  }
  const effK = dimPoly(kernel).sub(1).mul(dilation).add(1);
  const span = dimPoly(inDim).add(padBegin + padEnd).sub(effK);
  if (!ceilMode) return dim(span.floorDiv(stride).add(1));
  let out = span.ceilDiv(stride).add(1);
  // Drop a last window that starts in the end padding: (out - 1) * stride >= in + padBegin.
  const lastStart = out.sub(1).mul(stride);
  const limit = dimPoly(inDim).add(padBegin);
  const over = lastStart.sub(limit);
  if (over.isConst && over.constValue >= 0n) out = out.sub(1);
  return dim(out);
}

function smallInts(...xs: number[]): boolean {
  for (const x of xs) if (!Number.isInteger(x) || Math.abs(x) >= 2 ** 31) return false;
  return true;
}

/** Total padding for Keras / TF "same" (and ONNX SAME_*) so that out = ceil(in / stride); split begin/end. */
export function samePadding(inDim: number, kernel: number, stride = 1, dilation = 1, upper = true): [number, number] {
  const out = Math.ceil(inDim / stride);
  const total = Math.max(0, (out - 1) * stride + (kernel - 1) * dilation + 1 - inDim);
  const small = Math.floor(total / 2);
  return upper ? [small, total - small] : [total - small, small];
}

/** Parameters of {@link convCost}. */
export interface ConvParams {
  readonly batch: Dim;
  readonly inChannels: Dim;
  readonly outChannels: Dim;
  /** Output spatial sizes (after stride/padding). */
  readonly outSpatial: readonly Dim[];
  /** Kernel spatial sizes. */
  readonly kernel: readonly Dim[];
  /** Default 1; `inChannels` for depthwise. */
  readonly groups?: number;
  readonly bias: boolean;
}

/**
 * Convolution: each of the N * Cout * prod(outSpatial) outputs accumulates Cin/groups * prod(kernel)
 * products. Params: Cout * Cin/groups * prod(kernel) (+ Cout bias).
 */
export function convCost(p: ConvParams, opts: KernelOptions = {}): OpCost {
  const g = p.groups ?? 1;
  checkGroups('convCost', p, g);
  const cinPerGroup = dimPoly(p.inChannels).floorDiv(g);
  const k = numElements(p.kernel);
  const outputs = numElements([p.batch, p.outChannels, ...p.outSpatial]);
  const macs = outputs.mul(cinPerGroup).mul(k);
  const params = dimPoly(p.outChannels).mul(cinPerGroup).mul(k).add(p.bias ? dimPoly(p.outChannels) : Poly.ZERO);
  return contractionCost(macs, outputs, p.bias, params, opts);
}

function checkGroups(kernel: string, p: ConvParams, g: number): void {
  checkSizes(kernel, { batch: p.batch, inChannels: p.inChannels, outChannels: p.outChannels, outSpatial: p.outSpatial, kernel: p.kernel });
  if (!Number.isInteger(g) || g < 1) throw new RangeError(`${kernel}: groups must be a positive integer, got ${g}`);
  for (const [name, c] of [['inChannels', p.inChannels], ['outChannels', p.outChannels]] as const)
    if (typeof c === 'number' && c % g !== 0) throw new RangeError(`${kernel}: ${name} ${c} is not divisible by groups ${g}`);
}

/** Parameters of {@link convTransposeCost}. */
export interface ConvTransposeParams extends ConvParams {
  readonly inSpatial: readonly Dim[];
}

/**
 * Transposed convolution: every input element scatters Cout/groups * prod(kernel) products, so
 * macs = N * Cin * prod(inSpatial) * Cout/groups * prod(kernel). A bias adds once per output element.
 * Params: Cin * Cout/groups * prod(kernel) (+ Cout).
 */
export function convTransposeCost(p: ConvTransposeParams, _opts: KernelOptions = {}): OpCost {
  const g = p.groups ?? 1;
  checkGroups('convTransposeCost', p, g);
  checkSizes('convTransposeCost', { inSpatial: p.inSpatial });
  const coutPerGroup = dimPoly(p.outChannels).floorDiv(g);
  const k = numElements(p.kernel);
  const macs = numElements([p.batch, p.inChannels, ...p.inSpatial]).mul(coutPerGroup).mul(k);
  const outputs = numElements([p.batch, p.outChannels, ...p.outSpatial]);
  const params = dimPoly(p.inChannels).mul(coutPerGroup).mul(k).add(p.bias ? dimPoly(p.outChannels) : Poly.ZERO);
  // Scatter-accumulate has no fixed products-per-output, so `exact` counts one addition per product
  // (2 * macs) and the bias as one more per output.
  const flops = macs.mul(2).add(p.bias ? outputs : Poly.ZERO);
  return { macs, flops, params };
}

/** Pooling kinds. */
export type PoolKind = 'max' | 'avg' | 'lp';

/**
 * Per-window flops: max takes k - 1 comparisons; avg k - 1 additions and 1 division = k;
 * lp (p-norm) k powers, k - 1 additions and 1 root = 2k.
 */
function windowFlops(kind: PoolKind, k: Poly): Poly {
  switch (kind) {
    case 'max':
      return k.sub(1);
    case 'avg':
      return k;
    case 'lp':
      return k.mul(2);
  }
}

/** Sliding-window pooling over `kernel` per output element. No params. */
export function poolCost(p: { kind: PoolKind; batch: Dim; channels: Dim; outSpatial: readonly Dim[]; kernel: readonly Dim[] }, _opts: KernelOptions = {}): OpCost {
  if (p.kernel.length === 0) throw new RangeError('poolCost: kernel must have at least one axis');
  checkSizes('poolCost', { batch: p.batch, channels: p.channels, outSpatial: p.outSpatial, kernel: p.kernel });
  const outputs = numElements([p.batch, p.channels, ...p.outSpatial]);
  return elementCost(outputs.mul(windowFlops(p.kind, numElements(p.kernel))));
}

/** Global pooling: one window covering all of `inSpatial` per (batch, channel). */
export function globalPoolCost(p: { kind: PoolKind; batch: Dim; channels: Dim; inSpatial: readonly Dim[] }, _opts: KernelOptions = {}): OpCost {
  const outputs = numElements([p.batch, p.channels]);
  return elementCost(outputs.mul(windowFlops(p.kind, numElements(p.inSpatial))));
}
