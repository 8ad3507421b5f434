/**
 * Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot, and the
 * Keras 1 `Merge(mode=...)` layer.
 */
import { broadcastShapeList, dimAdd, numElements, own, Poly, unifyDim, type Dim } from '@modelcost/core';
import { bool, elements, flopsOnly, fmt, inShape, normAxis, num, ShapeError, str, type LayerCall, type LayerRule } from './rule.js';

function allShapes(c: LayerCall, min = 2): (readonly Dim[])[] {
  if (c.inputs.length < min) throw new ShapeError(`expected at least ${min} inputs, got ${c.inputs.length}`);
  return c.inputs.map((_, i) => inShape(c, i));
}

function broadcastAll(c: LayerCall): Dim[] {
  const shapes = allShapes(c);
  const r = broadcastShapeList(shapes);
  if (r.conflict) throw new ShapeError(`inputs do not match: ${shapes.map((s) => `[${s.map(fmt).join(', ')}]`).join(' vs ')} (axis ${r.conflict.axis}: ${fmt(r.conflict.dims[0])} vs ${fmt(r.conflict.dims[1])})`);
  return r.shape;
}

/**
 * Element-wise merge of n inputs: Add / Multiply / Maximum / Minimum n - 1 operations per output
 * element, Subtract 1, Average n (n - 1 additions + 1 division).
 */
function elementMerge(perElement: (n: number) => number, exactly?: number): LayerRule {
  return {
    outputs(c) {
      if (exactly !== undefined && c.inputs.length !== exactly) throw new ShapeError(`expected exactly ${exactly} inputs, got ${c.inputs.length}`);
      return [broadcastAll(c)];
    },
    cost: (c, [out]) => flopsOnly(elements(out!).mul(perElement(c.inputs.length))),
  };
}

function concatShape(c: LayerCall, axisValue: number): Dim[] {
  const shapes = allShapes(c, 1);
  const rank = shapes[0]!.length;
  const axis = normAxis(axisValue, rank);
  const out = [...shapes[0]!];
  for (const s of shapes.slice(1)) {
    if (s.length !== rank) throw new ShapeError(`inputs have different ranks: ${shapes.map((x) => x.length).join(', ')}`);
    for (let i = 0; i < rank; i++) {
      if (i === axis) out[i] = dimAdd(out[i]!, s[i]!);
      else {
        const u = unifyDim(out[i]!, s[i]!);
        if (u.conflict) throw new ShapeError(`inputs do not match on axis ${i} (concatenating on axis ${axis}): ${fmt(u.conflict[0])} vs ${fmt(u.conflict[1])}`);
        out[i] = u.dim;
      }
    }
  }
  return out;
}

const concatenate: LayerRule = { outputs: (c) => [concatShape(c, num(c.config, 'axis', -1))] };

/** Axes of Dot: an int (same for both) or a pair. */
function dotAxes(c: LayerCall, key: string, ranks: [number, number]): [number, number] {
  const raw = c.config[key] ?? -1;
  const list = (typeof raw === 'number' ? [raw, raw] : Array.isArray(raw) ? raw : [-1, -1]) as number[];
  return [normAxis(list[0]!, ranks[0]), normAxis(list[1] ?? list[0]!, ranks[1])];
}

/** batch_dot: contract axis a of x with axis b of y; output = x without a, y without batch and b. */
function dotShape(c: LayerCall, key: string): { out: Dim[]; contracted: Dim } {
  const [x, y] = allShapes(c, 2) as [readonly Dim[], readonly Dim[]];
  if (c.inputs.length !== 2) throw new ShapeError(`expected exactly 2 inputs, got ${c.inputs.length}`);
  const [a, b] = dotAxes(c, key, [x.length, y.length]);
  if (a === 0 || b === 0) throw new ShapeError('cannot contract over the batch axis');
  const u = unifyDim(x[a]!, y[b]!);
  if (u.conflict) throw new ShapeError(`contracted axes differ: ${fmt(x[a]!)} (input 0 axis ${a}) vs ${fmt(y[b]!)} (input 1 axis ${b})`);
  const out = [...x.filter((_, i) => i !== a), ...y.filter((_, i) => i !== 0 && i !== b)];
  return { out: out.length === 1 ? [out[0]!, 1] : out, contracted: u.dim };
}

function dotRule(key: string, normalizeKey: (c: LayerCall) => boolean): LayerRule {
  return {
    outputs: (c) => [dotShape(c, key).out],
    cost(c) {
      const { out, contracted } = dotShape(c, key);
      const macs = numElements(out).mul(contracted);
      // normalize: L2-normalise both inputs first, 3 flops per input element.
      const norm = normalizeKey(c) ? elements(inShape(c, 0)).add(elements(inShape(c, 1))).mul(3) : Poly.ZERO;
      return { macs, flops: macs.mul(2).add(norm), params: Poly.ZERO };
    },
  };
}

const dot = dotRule('axes', (c) => bool(c.config, 'normalize', false));

/** Keras 1 Merge(mode): sum, mul, ave, max, concat, dot, cos. */
const MERGE_MODES: Readonly<Record<string, LayerRule>> = {
  sum: elementMerge((n) => n - 1),
  mul: elementMerge((n) => n - 1),
  ave: elementMerge((n) => n),
  max: elementMerge((n) => n - 1),
  concat: { outputs: (c) => [concatShape(c, num(c.config, 'concat_axis', -1))] },
  dot: dotRule('dot_axes', () => false),
  cos: dotRule('dot_axes', () => true),
};

function mergeRule(c: LayerCall): LayerRule {
  const mode = str(c.config, 'mode', '');
  const r = own(MERGE_MODES, mode);
  if (!r) throw new ShapeError(`Merge mode ${JSON.stringify(c.config['mode'])} is not supported (a Python function, or not one of ${Object.keys(MERGE_MODES).join(', ')})`);
  return r;
}

const merge: LayerRule = {
  outputs: (c) => mergeRule(c).outputs(c),
  cost: (c, out) => mergeRule(c).cost?.(c, out) ?? flopsOnly(Poly.ZERO),
};

/** Rules of this family, by Keras class name. */
export const MERGE_RULES: Readonly<Record<string, LayerRule>> = {
  Add: elementMerge((n) => n - 1),
  Average: elementMerge((n) => n),
  Concatenate: concatenate,
  Dot: dot,
  Maximum: elementMerge((n) => n - 1),
  Merge: merge,
  Minimum: elementMerge((n) => n - 1),
  Multiply: elementMerge((n) => n - 1),
  Subtract: elementMerge(() => 1, 2),
};

