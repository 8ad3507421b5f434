/**
 * Element-wise ops: unary math and activations, binary arithmetic with numpy broadcasting, logical
 * and comparison ops, variadic Sum/Mean/Max/Min, Where, Clip. Arithmetic on small integer tensors
 * is evaluated (with symbolic dims) so that shape computations resolve.
 */
import { dim, dimPoly, elementwiseCost, isIntDType, numElements, type Dim, type DType, type OpCost, type PolyOrder } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import type { TensorData } from '../infer/values.js';
import { broadcastData } from './util.js';

type Scalar = Dim | string;

/** Cost of an element-wise op over output 0's elements, through core's per-op constants. */
function ewCost(op: string) {
  return (ctx: NodeContext): OpCost => elementwiseCost(op, numElements(ctx.outShape(0)), ctx.kernelOptions);
}

/** Cost of a variadic op (Sum/Max/Min/Mean): n inputs need n-1 pairwise operations per output element. */
function variadicCost(op: string) {
  return (ctx: NodeContext): OpCost => {
    const n = ctx.presentInputs().length;
    // Mean: n - 1 additions and 1 division per element.
    return elementwiseCost(op, numElements(ctx.outShape(0)).mul(op === 'Mean' ? n : Math.max(1, n - 1)), ctx.kernelOptions);
  };
}

function asNumberOrPoly(x: Scalar): Dim | undefined {
  return typeof x === 'string' ? undefined : x;
}

/** Integer/float arithmetic on scalars that may be symbolic. Undefined when the result is not representable. */
function arith(op: string, a: Scalar, b: Scalar, intType: boolean): Dim | undefined {
  const x = asNumberOrPoly(a);
  const y = asNumberOrPoly(b);
  if (x === undefined || y === undefined) return undefined;
  if (typeof x === 'number' && typeof y === 'number') {
    switch (op) {
      case 'Add':
        return x + y;
      case 'Sub':
        return x - y;
      case 'Mul':
        return x * y;
      case 'Div':
        if (y === 0) return undefined;
        return intType ? Math.trunc(x / y) : x / y;
      case 'Mod':
        if (y === 0) return undefined;
        return intType ? ((x % y) + y) % y : x % y;
      case 'Pow':
        return x ** y;
      case 'Max':
        return Math.max(x, y);
      case 'Min':
        return Math.min(x, y);
    }
    return undefined;
  }
  // Symbolic operands: only integral results are representable.
  if ((typeof x === 'number' && !Number.isInteger(x)) || (typeof y === 'number' && !Number.isInteger(y))) {
    if (op === 'Mul' && typeof y === 'number' && y === 1) return x;
    if (op === 'Mul' && typeof x === 'number' && x === 1) return y;
    return undefined;
  }
  const px = dimPoly(x);
  const py = dimPoly(y);
  switch (op) {
    case 'Add':
      return dim(px.add(py));
    case 'Sub':
      return dim(px.sub(py));
    case 'Mul':
      return dim(px.mul(py));
    case 'Div':
      // ONNX integer Div truncates; sizes are non-negative so truncation is floor division.
      if (!intType) {
        const ex = py.isConst ? px.divExact(py.constValue) : undefined;
        return ex ? dim(ex) : undefined;
      }
      return dim(px.floorDiv(py));
    case 'Mod':
      return intType ? dim(px.mod(py)) : undefined;
    case 'Max':
      return dim(px.max(py));
    case 'Min':
      return dim(px.min(py));
  }
  return undefined;
}

/** Comparison results (1 true, 0 false) by order of the operands; absent: not decided by it. */
const SYMBOLIC_COMPARE: Record<string, Partial<Record<PolyOrder, number>>> = {
  Equal: { eq: 1, lt: 0, gt: 0 },
  Less: { lt: 1, eq: 0, ge: 0, gt: 0 },
  LessOrEqual: { lt: 1, le: 1, eq: 1, gt: 0 },
  Greater: { gt: 1, eq: 0, le: 0, lt: 0 },
  GreaterOrEqual: { gt: 1, ge: 1, eq: 1, lt: 0 },
};

function compare(op: string, a: Scalar, b: Scalar): number | undefined {
  if (typeof a === 'string' || typeof b === 'string') {
    if (op === 'Equal') return a === b ? 1 : 0;
    return undefined;
  }
  if (typeof a !== 'number' || typeof b !== 'number') {
    // Symbolic shape data: symbols are sizes (>= 0), so `batch == -1` is false (torch's expand(n, -1)
    // export compares its shape with -1 and picks entries with Where).
    const order = dimPoly(a).compare(dimPoly(b));
    if (order === undefined) return undefined;
    return SYMBOLIC_COMPARE[op]?.[order];
  }
  switch (op) {
    case 'Equal':
      return a === b ? 1 : 0;
    case 'Less':
      return a < b ? 1 : 0;
    case 'LessOrEqual':
      return a <= b ? 1 : 0;
    case 'Greater':
      return a > b ? 1 : 0;
    case 'GreaterOrEqual':
      return a >= b ? 1 : 0;
  }
  return undefined;
}

function logical(op: string, a: Scalar, b: Scalar): number | undefined {
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  switch (op) {
    case 'And':
      return a && b ? 1 : 0;
    case 'Or':
      return a || b ? 1 : 0;
    case 'Xor':
      return !!a !== !!b ? 1 : 0;
  }
  return undefined;
}

/** Binary broadcasting op; `outType` gives the output dtype from the input dtype. */
function binary(op: string, outType: (t: DType) => DType, evaluate?: (a: Scalar, b: Scalar, t: DType) => Scalar | undefined): OpRule {
  return {
    infer(ctx: NodeContext) {
      const a = ctx.tensor(0);
      const b = ctx.tensor(1);
      const shape = ctx.broadcast(ctx.shape(0), ctx.shape(1));
      let data: TensorData | undefined;
      if (evaluate && a.data && b.data) data = broadcastData([a.shape!, b.shape!], [a.data, b.data], shape, ([x, y]) => evaluate(x!, y!, a.dtype));
      ctx.output(0, outType(a.dtype), shape, data);
    },
    cost: ewCost(op),
  };
}

const same = (t: DType): DType => t;
const bool = (): DType => 'bool';

/** Unary op keeping shape and dtype; `evaluate` propagates known contents. */
function unary(op: string, evaluate?: (x: Scalar, t: DType) => Scalar | undefined, outType: (t: DType) => DType = same): OpRule {
  return {
    infer(ctx: NodeContext) {
      const x = ctx.tensor(0);
      let data: TensorData | undefined;
      if (evaluate && x.data) {
        const out: Scalar[] = [];
        for (const v of x.data) {
          const r = evaluate(v, x.dtype);
          if (r === undefined) {
            data = undefined;
            break;
          }
          out.push(r);
        }
        if (out.length === x.data.length) data = out;
      }
      ctx.output(0, outType(x.dtype), x.shape, data);
    },
    cost: ewCost(op),
  };
}

const num = (f: (x: number) => number) => (x: Scalar): Scalar | undefined => (typeof x === 'number' ? f(x) : undefined);

/** Variadic broadcasting op (Sum, Mean, Max, Min). */
function variadic(op: string): OpRule {
  return {
    infer(ctx: NodeContext) {
      const idx = ctx.presentInputs();
      if (idx.length === 0) ctx.fail('expected at least one input');
      const shapes = idx.map((i) => ctx.shape(i));
      const ins = idx.map((i) => ctx.tensor(i));
      const shape = ctx.broadcastList(shapes);
      const first = ctx.tensor(0);
      let data: TensorData | undefined;
      if ((op === 'Max' || op === 'Min' || op === 'Sum') && ins.every((v) => v.data)) {
        const datas = ins.map((v) => v.data);
        const inner = op === 'Sum' ? 'Add' : op;
        data = broadcastData(shapes, datas, shape, (args) => {
          let acc: Dim | undefined = asNumberOrPoly(args[0]!);
          for (let k = 1; k < args.length && acc !== undefined; k++) acc = arith(inner, acc, args[k]!, isIntDType(first.dtype));
          return acc;
        });
      }
      ctx.output(0, first.dtype, shape, data);
    },
    cost: variadicCost(op),
  };
}

const arithmetic = (op: string): OpRule => binary(op, same, (a, b, t) => arith(op, a, b, isIntDType(t)));

/** Rules of this family, by op type (default domain). */
export const elementwiseRules: Record<string, OpRule> = {
  Abs: unary('Abs', (x) => (typeof x === 'number' ? Math.abs(x) : undefined)),
  Acos: unary('Acos'),
  Acosh: unary('Acosh'),
  Add: arithmetic('Add'),
  And: binary('And', bool, (a, b) => logical('And', a, b)),
  Asin: unary('Asin'),
  Asinh: unary('Asinh'),
  Atan: unary('Atan'),
  Atanh: unary('Atanh'),
  BitShift: binary('BitShift', same),
  BitwiseAnd: binary('BitwiseAnd', same),
  BitwiseNot: unary('BitwiseNot'),
  BitwiseOr: binary('BitwiseOr', same),
  BitwiseXor: binary('BitwiseXor', same),
  Ceil: unary('Ceil', num(Math.ceil)),
  Celu: unary('Celu'),
  Cos: unary('Cos'),
  Cosh: unary('Cosh'),
  Div: arithmetic('Div'),
  Elu: unary('Elu'),
  Equal: binary('Equal', bool, (a, b) => compare('Equal', a, b)),
  Erf: unary('Erf'),
  Exp: unary('Exp'),
  Floor: unary('Floor', (x) => (typeof x === 'number' ? Math.floor(x) : x)),
  Gelu: unary('Gelu'),
  Greater: binary('Greater', bool, (a, b) => compare('Greater', a, b)),
  GreaterOrEqual: binary('GreaterOrEqual', bool, (a, b) => compare('GreaterOrEqual', a, b)),
  HardSigmoid: unary('HardSigmoid'),
  HardSwish: unary('HardSwish'),
  IsInf: unary('IsInf', undefined, bool),
  IsNaN: unary('IsNaN', undefined, bool),
  LeakyRelu: unary('LeakyRelu'),
  Less: binary('Less', bool, (a, b) => compare('Less', a, b)),
  LessOrEqual: binary('LessOrEqual', bool, (a, b) => compare('LessOrEqual', a, b)),
  Log: unary('Log'),
  Max: variadic('Max'),
  Mean: variadic('Mean'),
  Min: variadic('Min'),
  Mish: unary('Mish'),
  Mod: arithmetic('Mod'),
  Mul: arithmetic('Mul'),
  Neg: unary('Neg', (x) => (typeof x === 'string' ? undefined : typeof x === 'number' ? -x : dim(x.neg()))),
  Not: unary('Not', (x) => (typeof x === 'number' ? (x ? 0 : 1) : undefined)),
  Or: binary('Or', bool, (a, b) => logical('Or', a, b)),
  Pow: binary('Pow', same, (a, b, t) => arith('Pow', a, b, isIntDType(t))),
  PRelu: binary('PRelu', same),
  Reciprocal: unary('Reciprocal', num((x) => 1 / x)),
  Relu: unary('Relu', num((x) => Math.max(0, x))),
  Round: unary('Round', num((x) => {
    // Round half to even, as ONNX specifies.
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  })),
  Selu: unary('Selu'),
  Shrink: unary('Shrink'),
  Sigmoid: unary('Sigmoid'),
  Sign: unary('Sign', num(Math.sign)),
  Sin: unary('Sin'),
  Sinh: unary('Sinh'),
  Softplus: unary('Softplus'),
  Softsign: unary('Softsign'),
  Sqrt: unary('Sqrt', num(Math.sqrt)),
  Sub: arithmetic('Sub'),
  Sum: variadic('Sum'),
  Tan: unary('Tan'),
  Tanh: unary('Tanh'),
  ThresholdedRelu: unary('ThresholdedRelu'),
  Xor: binary('Xor', bool, (a, b) => logical('Xor', a, b)),
};

/** Where(condition, X, Y): three-way broadcast, selects; propagates known contents. */
export const whereRule: OpRule = {
  infer(ctx: NodeContext) {
    const c = ctx.tensor(0);
    const x = ctx.tensor(1);
    const y = ctx.tensor(2);
    const shape = ctx.broadcast(ctx.shape(0), ctx.shape(1), ctx.shape(2));
    let data: TensorData | undefined;
    if (c.data && x.data && y.data) data = broadcastData([c.shape!, x.shape!, y.shape!], [c.data, x.data, y.data], shape, ([k, a, b]) => (typeof k === 'number' ? (k ? a : b) : undefined));
    ctx.output(0, x.dtype, shape, data);
  },
  cost: ewCost('Where'),
};

/** Clip(x, min?, max?) (min/max attributes before opset 11, inputs after). */
export const clipRule: OpRule = {
  infer(ctx: NodeContext) {
    const x = ctx.tensor(0);
    ctx.output(0, x.dtype, x.shape, undefined);
  },
  cost: ewCost('Clip'),
};
