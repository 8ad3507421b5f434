/**
 * Contraction kernels: batched matmul with numpy semantics, Gemm / Linear / Dense, einsum
 * (docs/cost-conventions.md#matmul).
 */
import { broadcastShapes, dimPoly, numElements, type Dim, type Shape } from '../symbolic/dim.js';
import { Poly } from '../symbolic/poly.js';
import { checkSizes, contractionCost, type OpCost } from './conventions.js';
import type { KernelOptions } from './types.js';

/**
 * numpy.matmul: `[..., M, K] x [..., K, N]` with broadcast batch dims; 1-D operands are promoted
 * (`[K]` -> `[1, K]` on the left, `[K, 1]` on the right). macs = prod(batch) * M * K * N.
 * Params are 0: which operand is a weight is the importer's business.
 */
export function matmulCost(p: { a: Shape; b: Shape }, opts: KernelOptions = {}): OpCost {
  if (p.a.length === 0 || p.b.length === 0) throw new RangeError('matmul operands must have rank >= 1');
  const A: readonly Dim[] = p.a.length === 1 ? [1, p.a[0]!] : p.a;
  const B: readonly Dim[] = p.b.length === 1 ? [p.b[0]!, 1] : p.b;
  const m = A[A.length - 2]!;
  const k = A[A.length - 1]!;
  const n = B[B.length - 1]!;
  const batch = broadcastShapes(A.slice(0, -2), B.slice(0, -2)).shape;
  const outputs = numElements([...batch, m, n]);
  return contractionCost(outputs.mul(dimPoly(k)), outputs, false, Poly.ZERO, opts);
}

/**
 * Gemm / Linear / Dense: Y = A * B (+ C): M * N outputs of K products each (times `batch`).
 * Params = K * N (+ N bias): the weight matrix the layer owns.
 */
export function gemmCost(p: { m: Dim; k: Dim; n: Dim; bias: boolean; batch?: Dim }, opts: KernelOptions = {}): OpCost {
  checkSizes('gemmCost', { m: p.m, k: p.k, n: p.n, batch: p.batch });
  const outputs = numElements([p.batch ?? 1, p.m, p.n]);
  const params = dimPoly(p.k).mul(dimPoly(p.n)).add(p.bias ? dimPoly(p.n) : Poly.ZERO);
  return contractionCost(outputs.mul(dimPoly(p.k)), outputs, p.bias, params, opts);
}

/**
 * Einsum: every combination of all distinct indices is one product, accumulated into the output;
 * macs = prod(size of every distinct index). For one operand (a transpose / trace / sum) there are
 * no products: macs = 0 and the reduction's additions are counted as flops.
 */
export function einsumCost(equation: string, shapes: readonly Shape[], opts: KernelOptions = {}): OpCost {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->') as [string, string | undefined];
  const terms = lhs.split(',');
  if (terms.length !== shapes.length) throw new RangeError(`einsumCost: equation ${JSON.stringify(equation)} has ${terms.length} operands, got ${shapes.length} shapes`);
  const sizes = new Map<string, Dim>();
  let ellipsis: Dim[] = [];
  terms.forEach((t, i) => {
    const s = shapes[i] ?? [];
    const letters = t.replace('...', '');
    const ellRank = t.includes('...') ? s.length - letters.length : 0;
    let axis = 0;
    for (let j = 0; j < t.length; j++) {
      if (t.startsWith('...', j)) {
        const e = s.slice(axis, axis + ellRank);
        ellipsis = broadcastShapes(ellipsis, e).shape;
        axis += ellRank;
        j += 2;
        continue;
      }
      const d = s[axis++];
      const prev = sizes.get(t[j]!);
      if (d !== undefined && (prev === undefined || prev === 1)) sizes.set(t[j]!, d);
    }
  });
  const all = numElements([...sizes.values(), ...ellipsis]);
  const outLetters = rhs ?? [...sizes.keys()].filter((c) => lhs.split(c).length - 1 === 1).join('');
  const outDims = [...outLetters.replace('...', '')].map((c) => sizes.get(c) ?? 1);
  const outputs = numElements([...outDims, ...ellipsis]);
  if (terms.length === 1) return { macs: Poly.ZERO, flops: all.sub(outputs), params: Poly.ZERO };
  return contractionCost(all, outputs, false, Poly.ZERO, opts);
}
