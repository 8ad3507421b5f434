/**
 * Contractions: MatMul (numpy semantics), MatMulInteger, QLinearMatMul, Gemm, Einsum.
 */
import { einsumCost, gemmCost, matmulCost, type Dim, type DType } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';

/** numpy.matmul output shape: 1-D operands are promoted and the promoted axis dropped; batch dims broadcast. */
export function matmulShape(ctx: NodeContext, a: readonly Dim[], b: readonly Dim[], ai = 0, bi = 1): Dim[] {
  if (a.length === 0 || b.length === 0) ctx.fail('MatMul operands must have rank >= 1', a.length === 0 ? ai : bi);
  const A = a.length === 1 ? [1, a[0]!] : a;
  const B = b.length === 1 ? [b[0]!, 1] : b;
  const k1 = A[A.length - 1]!;
  const k2 = B[B.length - 2]!;
  if (typeof k1 === 'number' && typeof k2 === 'number' && k1 !== k2) ctx.fail(`inner dims differ: input ${ai} has K=${k1}, input ${bi} has K=${k2}`, bi);
  const batch = ctx.broadcast(A.slice(0, -2), B.slice(0, -2));
  const out: Dim[] = [...batch];
  if (a.length > 1) out.push(A[A.length - 2]!);
  if (b.length > 1) out.push(B[B.length - 1]!);
  return out;
}

function matmulLike(ai: number, bi: number, outType: (ctx: NodeContext) => DType): OpRule {
  return {
    // The right operand is the weight (PyTorch's Linear exports x @ W^T); a constant left operand is data.
    weightInputs: [bi],
    infer(ctx: NodeContext) {
      ctx.output(0, outType(ctx), matmulShape(ctx, ctx.shape(ai), ctx.shape(bi), ai, bi));
    },
    cost(ctx: NodeContext) {
      return matmulCost({ a: ctx.shape(ai), b: ctx.shape(bi) }, ctx.kernelOptions);
    },
  };
}

const gemm: OpRule = {
  weightInputs: [1, 2],
  infer(ctx: NodeContext) {
    const a = ctx.shape(0);
    const b = ctx.shape(1);
    if (a.length !== 2) ctx.fail(`input 0: expected rank 2, got rank ${a.length}`, 0);
    if (b.length !== 2) ctx.fail(`input 1: expected rank 2, got rank ${b.length}`, 1);
    const ta = ctx.attrInt('transA', 0) === 1;
    const tb = ctx.attrInt('transB', 0) === 1;
    const m = ta ? a[1]! : a[0]!;
    const k1 = ta ? a[0]! : a[1]!;
    const k2 = tb ? b[1]! : b[0]!;
    const n = tb ? b[0]! : b[1]!;
    if (typeof k1 === 'number' && typeof k2 === 'number' && k1 !== k2) ctx.fail(`inner dims differ: A gives K=${k1}, B gives K=${k2}`, 1);
    if (ctx.hasInput(2)) ctx.broadcast(ctx.shape(2), [m, n]);
    ctx.output(0, ctx.dtype(0), [m, n]);
  },
  cost(ctx: NodeContext) {
    // Y = alpha*A'*B' + beta*C: M*N*K macs; C is the bias.
    const a = ctx.shape(0);
    const ta = ctx.attrInt('transA', 0) === 1;
    const [m, n] = ctx.outShape(0) as [Dim, Dim];
    return gemmCost({ m, k: ta ? a[0]! : a[1]!, n, bias: ctx.hasInput(2) }, ctx.kernelOptions);
  },
};

/** Parse an einsum equation and infer the output shape (implicit output = sorted letters that occur once). */
function einsumShape(ctx: NodeContext, equation: string, shapes: readonly (readonly Dim[])[]): Dim[] {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhsGiven] = eq.split('->') as [string, string | undefined];
  const terms = lhs.split(',');
  if (terms.length !== shapes.length) ctx.fail(`equation ${JSON.stringify(equation)} has ${terms.length} operands, the node has ${shapes.length} inputs`);
  const sizes = new Map<string, Dim>();
  let ellipsis: Dim[] | undefined;
  const counts = new Map<string, number>();
  terms.forEach((t, k) => {
    const s = shapes[k]!;
    const hasEll = t.includes('...');
    const letters = t.replace('...', '').split('');
    const ellRank = hasEll ? s.length - letters.length : 0;
    if (ellRank < 0 || (!hasEll && letters.length !== s.length)) ctx.fail(`operand ${k} has rank ${s.length}, the equation term ${JSON.stringify(t)} expects ${letters.length}`, k);
    let axis = 0;
    for (let i = 0; i < t.length; i++) {
      if (t.startsWith('...', i)) {
        const e = s.slice(axis, axis + ellRank);
        ellipsis = ellipsis ? ctx.broadcast(ellipsis, e) : [...e];
        axis += ellRank;
        i += 2;
        continue;
      }
      const c = t[i]!;
      const d = s[axis++]!;
      const prev = sizes.get(c);
      if (prev === undefined || prev === 1) sizes.set(c, d);
      else if (typeof prev === 'number' && typeof d === 'number' && d !== 1 && d !== prev) ctx.fail(`index ${c}: sizes ${prev} and ${d} differ`, k);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  });
  const rhs = rhsGiven ?? [...counts.entries()].filter(([, n]) => n === 1).map(([c]) => c).sort().join('');
  const out: Dim[] = [];
  if (rhsGiven === undefined && ellipsis) out.push(...ellipsis);
  for (let i = 0; i < rhs.length; i++) {
    if (rhs.startsWith('...', i)) {
      out.push(...(ellipsis ?? []));
      i += 2;
      continue;
    }
    const d = sizes.get(rhs[i]!);
    if (d === undefined) ctx.fail(`output index ${rhs[i]} appears in no operand`);
    out.push(d);
  }
  return out;
}

const einsum: OpRule = {
  // Any operand after the first may be a weight ('bij,jk->bik').
  weightInputs: [1, 2, 3, 4, 5, 6, 7],
  infer(ctx: NodeContext) {
    const eq = ctx.attrString('equation');
    if (eq === undefined) ctx.fail('attribute equation is required');
    const shapes = ctx.presentInputs().map((i) => ctx.shape(i));
    ctx.output(0, ctx.dtype(0), einsumShape(ctx, eq, shapes));
  },
  cost(ctx: NodeContext) {
    return einsumCost(ctx.attrString('equation')!, ctx.presentInputs().map((i) => ctx.shape(i)), ctx.kernelOptions);
  },
};

/** Rules of this family, by op type (default domain). */
export const matmulRules: Record<string, OpRule> = {
  Einsum: einsum,
  Gemm: gemm,
  MatMul: matmulLike(0, 1, (ctx) => ctx.dtype(0)),
  MatMulInteger: matmulLike(0, 1, () => 'int32'),
  // QLinearMatMul(a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp): integer macs like MatMul.
  QLinearMatMul: matmulLike(0, 3, (ctx) => ctx.dtype(7)),
};
