/**
 * Neural-network ops beyond conv/matmul: Resize / Upsample, GridSample, RoiAlign, NonMaxSuppression,
 * RNN / LSTM / GRU, QuantizeLinear / DequantizeLinear / DynamicQuantizeLinear, the loss ops, signal
 * ops (DFT, STFT, windows, MelWeightMatrix, Det), random generators, and ai.onnx.preview.training.
 */
import {
  attentionCost,
  dequantizeCost, dim, dimEq, dimPoly, elementwiseCost, numElements, Poly, quantizeCost, resizeCost, rnnCost, softmaxCost, type Dim, type DType,
} from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';
import { onnxTypeCode } from './shape.js';
import { dtypeAttr } from './tensor.js';
import { NO_COMPUTE } from './util.js';

/** Scale a dim by a float factor: exact for integral factors and 1/k, floor(d * s) for numbers. */
function scaleDim(ctx: NodeContext, d: Dim, s: number): Dim {
  if (s === 1) return d;
  if (typeof d === 'number') return Math.floor(d * s + 1e-9);
  if (Number.isInteger(s)) return dim(d.mul(s));
  const inv = 1 / s;
  if (Number.isInteger(Math.round(inv)) && Math.abs(Math.round(inv) - inv) < 1e-9) return dim(d.floorDiv(Math.round(inv)));
  return ctx.fresh();
}

const resize: OpRule = {
  nonParamInputs: [1, 2, 3],
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    let scales: readonly number[] | undefined;
    let sizes: readonly Dim[] | undefined;
    if (ctx.opset < 11) scales = ctx.numbers(1);
    else {
      if (ctx.hasInput(3)) sizes = ctx.dims(3);
      if (!sizes && ctx.hasInput(2)) {
        const sc = ctx.numbers(2);
        if (sc && sc.length > 0) scales = sc;
      }
      if (!sizes && !scales && !(ctx.hasInput(2) && ctx.shape(2)[0] !== 0) && !ctx.hasInput(3)) ctx.fail('one of scales (input 2) or sizes (input 3) is required');
    }
    const axes = ctx.opset >= 18 && ctx.hasAttr('axes') ? ctx.attrInts('axes')!.map((a) => ctx.axis(a, s.length)) : s.map((_, i) => i);
    const out = [...s];
    if (sizes) {
      if (sizes.length !== axes.length) ctx.fail(`sizes has ${sizes.length} entries for ${axes.length} axes`, 3);
      const policy = ctx.attrString('keep_aspect_ratio_policy', 'stretch');
      if (policy !== 'stretch' && axes.every((a, i) => typeof s[a] === 'number' && typeof sizes![i] === 'number')) {
        const ratios = axes.map((a, i) => (sizes![i] as number) / (s[a] as number));
        const r = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
        axes.forEach((a) => (out[a] = Math.round((s[a] as number) * r)));
      } else axes.forEach((a, i) => (out[a] = sizes![i]!));
    } else if (scales) {
      if (scales.length !== axes.length) ctx.fail(`scales has ${scales.length} entries for ${axes.length} axes`);
      axes.forEach((a, i) => (out[a] = scaleDim(ctx, s[a]!, scales![i]!)));
    } else {
      axes.forEach((a) => (out[a] = ctx.fresh()));
    }
    ctx.output(0, ctx.dtype(0), out);
  },
  cost(ctx: NodeContext) {
    const mode = ctx.attrString('mode', 'nearest');
    const s = ctx.shape(0);
    const o = ctx.outShape(0);
    // Resized axes: those whose size changes (a symbolic batch that stays batch is not resized).
    const rank = o.filter((d, i) => s[i] === undefined || !dimEq(d, s[i]!)).length;
    const m = mode === 'linear' || mode === 'bilinear' ? 'linear' : mode === 'cubic' ? 'cubic' : 'nearest';
    return resizeCost({ mode: m, outElements: numElements(o), spatialRank: Math.max(rank, 1) }, ctx.kernelOptions);
  },
};

const upsample: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const scales = ctx.opset >= 9 ? ctx.numbers(1) : ctx.attrFloats('scales');
    if (!scales) {
      ctx.output(0, ctx.dtype(0), s.map(() => ctx.fresh()));
      return;
    }
    ctx.output(0, ctx.dtype(0), s.map((d, i) => scaleDim(ctx, d, scales[i] ?? 1)));
  },
  cost: resize.cost,
};

const gridSample: OpRule = {
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const g = ctx.shape(1);
    ctx.output(0, ctx.dtype(0), [x[0]!, x[1]!, ...g.slice(1, -1)]);
  },
  cost(ctx: NodeContext) {
    const mode = ctx.attrString('mode', ctx.opset >= 20 ? 'linear' : 'bilinear');
    const o = ctx.outShape(0);
    return resizeCost({ mode: mode === 'nearest' ? 'nearest' : mode === 'cubic' || mode === 'bicubic' ? 'cubic' : 'linear', outElements: numElements(o), spatialRank: o.length - 2 }, ctx.kernelOptions);
  },
};

const roiAlign: OpRule = {
  nonParamInputs: [1, 2],
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const r = ctx.shape(1);
    ctx.output(0, ctx.dtype(0), [r[0]!, x[1]!, ctx.attrInt('output_height', 1), ctx.attrInt('output_width', 1)]);
  },
  // Each output bin averages sampling_ratio^2 bilinear samples (7 flops each); default ratio 2 when adaptive.
  cost(ctx: NodeContext) {
    const ratio = Math.max(1, ctx.attrInt('sampling_ratio', 0) || 2);
    return elementwiseCost('Add', numElements(ctx.outShape(0)).mul(ratio * ratio * 7 + 1), ctx.kernelOptions);
  },
};

const maxRoiPool: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const r = ctx.shape(1);
    const ps = ctx.attrInts('pooled_shape');
    if (!ps || ps.length !== 2) ctx.fail('attribute pooled_shape [h, w] is required');
    ctx.output(0, ctx.dtype(0), [r[0]!, x[1]!, ps[0]!, ps[1]!]);
  },
  cost: () => NO_COMPUTE,
};

const nms: OpRule = {
  nonParamInputs: [2, 3, 4],
  infer(ctx: NodeContext) {
    // [num_selected, 3]: how many boxes survive depends on the scores.
    ctx.output(0, 'int64', [ctx.dataDependent('selected'), 3]);
  },
  // Pairwise IoU of the boxes of each class: about 10 flops per pair (areas, intersection, division).
  cost(ctx: NodeContext) {
    const b = ctx.shape(0);
    const s = ctx.shape(1);
    const n = dimPoly(b[1]!);
    return elementwiseCost('Add', numElements([s[0]!, s[1]!]).mul(n).mul(10), ctx.kernelOptions);
  },
};

type Cell = 'rnn' | 'gru' | 'lstm';
const GATES: Record<Cell, number> = { rnn: 1, gru: 3, lstm: 4 };

function recurrent(cell: Cell): OpRule {
  return {
    nonParamInputs: [4],
    weightInputs: [1, 2, 3],
    infer(ctx: NodeContext) {
      const x = ctx.shape(0);
      const w = ctx.shape(1);
      const layout = ctx.attrInt('layout', 0);
      const dirs = ctx.attrString('direction', 'forward') === 'bidirectional' ? 2 : 1;
      const hidden: Dim = ctx.attrInt('hidden_size') ?? dimPoly(w[1]!).floorDiv(GATES[cell]);
      const [seq, batch] = layout === 0 ? [x[0]!, x[1]!] : [x[1]!, x[0]!];
      const t = ctx.dtype(0);
      ctx.output(0, t, layout === 0 ? [seq, dirs, batch, hidden] : [batch, seq, dirs, hidden]);
      const state = layout === 0 ? [dirs, batch, hidden] : [batch, dirs, hidden];
      ctx.output(1, t, state);
      if (cell === 'lstm') ctx.output(2, t, state);
    },
    cost(ctx: NodeContext) {
      const x = ctx.shape(0);
      const w = ctx.shape(1);
      const layout = ctx.attrInt('layout', 0);
      const dirs = ctx.attrString('direction', 'forward') === 'bidirectional' ? 2 : 1;
      const hidden = ctx.attrInt('hidden_size') ?? dimPoly(w[1]!).floorDiv(GATES[cell]);
      const c = rnnCost(
        { cell, seqLen: layout === 0 ? x[0]! : x[1]!, batch: layout === 0 ? x[1]! : x[0]!, inputSize: x[2]!, hiddenSize: dim(hidden), directions: dirs, biasVectors: ctx.hasInput(3) ? 2 : 0 },
        ctx.kernelOptions,
      );
      return c;
    },
  };
}

const quantizeLinear: OpRule = {
  infer(ctx: NodeContext) {
    let t: DType = 'uint8';
    if (ctx.hasInput(2)) t = ctx.dtype(2);
    else if (ctx.hasAttr('output_dtype') && ctx.attrInt('output_dtype') !== 0) t = onnxTypeCode(ctx, ctx.attrInt('output_dtype'), 'attribute output_dtype');
    ctx.output(0, t, ctx.shape(0));
  },
  cost: (ctx: NodeContext) => quantizeCost(numElements(ctx.shape(0)), ctx.kernelOptions),
};

const dequantizeLinear: OpRule = {
  // A stored quantized weight with its scale and zero point (an int32 bias and its int32 zero point
  // included): what the op dequantizes is a weight; its output carries it into the consumer.
  weightInputs: [0, 1, 2],
  infer(ctx: NodeContext) {
    const t: DType = ctx.opset >= 19 ? ctx.dtype(1) : 'float32';
    const out = ctx.attrInt('output_dtype');
    ctx.output(0, out ? onnxTypeCode(ctx, out, 'attribute output_dtype') : t, ctx.shape(0));
  },
  cost: (ctx: NodeContext) => dequantizeCost(numElements(ctx.shape(0)), ctx.kernelOptions),
};

const dynamicQuantizeLinear: OpRule = {
  infer(ctx: NodeContext) {
    ctx.output(0, 'uint8', ctx.shape(0));
    ctx.output(1, 'float32', []);
    ctx.output(2, 'uint8', []);
  },
  // min and max reductions (2 per element) then quantize (5 per element).
  cost: (ctx: NodeContext) => {
    const n = numElements(ctx.shape(0));
    return { macs: Poly.ZERO, flops: n.mul(7), params: Poly.ZERO };
  },
};

/** Reduced loss shape: [] for mean/sum, the target's shape for none. */
function lossShape(ctx: NodeContext, target: readonly Dim[]): readonly Dim[] {
  return ctx.attrString('reduction', 'mean') === 'none' ? target : [];
}

const nllLoss: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    ctx.output(0, ctx.dtype(0), lossShape(ctx, ctx.shape(1)));
  },
  // Per target element: pick, negate, weight (2 flops); a mean/sum adds one more per element.
  cost: (ctx: NodeContext) => elementwiseCost('Mul', numElements(ctx.shape(1)).mul(3), ctx.kernelOptions),
};

const sceLoss: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    ctx.output(0, ctx.dtype(0), lossShape(ctx, ctx.shape(1)));
    if (ctx.hasOutput(1)) ctx.output(1, ctx.dtype(0), ctx.shape(0));
  },
  // LogSoftmax over the class axis (5 per score) and the NLL pick (3 per target element).
  cost(ctx: NodeContext) {
    const s = ctx.shape(0);
    const ls = softmaxCost({ op: 'LogSoftmax', elements: numElements(s), axisSize: s[1] ?? 1 }, ctx.kernelOptions);
    return { macs: Poly.ZERO, flops: ls.flops.add(numElements(ctx.shape(1)).mul(3)), params: Poly.ZERO };
  },
};

/** Radix-2 FFT: 5 * n * log2(n) flops per complex transform of length n (the classic Cooley-Tukey count). */
function fftFlops(n: Dim, transforms: Poly): Poly {
  if (typeof n !== 'number') return transforms.mul(dimPoly(n)).mul(5);
  return transforms.mul(Math.round(5 * n * Math.max(1, Math.log2(Math.max(n, 2)))));
}

const dft: OpRule = {
  nonParamInputs: [1, 2],
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const axisIn = ctx.opset >= 20 ? ctx.ints(2)?.[0] : undefined;
    const axis = ctx.axis(axisIn ?? ctx.attrInt('axis', ctx.opset >= 20 ? -2 : 1), s.length);
    const len = ctx.hasInput(1) ? (ctx.dims(1)?.[0] ?? ctx.fresh()) : s[axis]!;
    const onesided = ctx.attrInt('onesided', 0) === 1;
    const out = [...s];
    out[axis] = onesided ? dim(dimPoly(len).floorDiv(2).add(1)) : len;
    out[out.length - 1] = 2;
    ctx.output(0, ctx.dtype(0), out);
  },
  cost(ctx: NodeContext) {
    const s = ctx.shape(0);
    const axis = ctx.axis(ctx.attrInt('axis', 1), s.length);
    const n = s[axis]!;
    const transforms = numElements(s.filter((_, i) => i !== axis && i !== s.length - 1));
    return { macs: Poly.ZERO, flops: fftFlops(n, transforms), params: Poly.ZERO };
  },
};

const stft: OpRule = {
  nonParamInputs: [1, 2, 3],
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const step = ctx.dims(1)?.[0];
    const frameLen = ctx.hasInput(3) ? ctx.dims(3)?.[0] : ctx.hasInput(2) ? ctx.shape(2)[0] : undefined;
    const onesided = ctx.attrInt('onesided', 1) === 1;
    if (step === undefined || frameLen === undefined) {
      ctx.output(0, ctx.dtype(0), [s[0]!, ctx.fresh(), ctx.fresh(), 2]);
      return;
    }
    const frames = dim(dimPoly(s[1]!).sub(dimPoly(frameLen)).floorDiv(dimPoly(step)).add(1));
    const bins = onesided ? dim(dimPoly(frameLen).floorDiv(2).add(1)) : frameLen;
    ctx.output(0, ctx.dtype(0), [s[0]!, frames, bins, 2]);
  },
  cost(ctx: NodeContext) {
    const o = ctx.outShape(0);
    const frameLen = ctx.hasInput(3) ? (ctx.dims(3)?.[0] ?? 1) : ctx.hasInput(2) ? ctx.shape(2)[0]! : 1;
    return { macs: Poly.ZERO, flops: fftFlops(frameLen, numElements([o[0]!, o[1]!])), params: Poly.ZERO };
  },
};

function windowOp(): OpRule {
  return {
    infer(ctx: NodeContext) {
      const n = ctx.dims(0)?.[0] ?? ctx.dataDependent('size');
      ctx.output(0, dtypeAttrOr(ctx, 'output_datatype', 'float32'), [n]);
    },
    // A cosine or two per sample: counted as 3 flops (mul, cos, fused add) per element.
    cost: (ctx: NodeContext) => elementwiseCost('Cos', numElements(ctx.outShape(0)).mul(3), ctx.kernelOptions),
  };
}

function dtypeAttrOr(ctx: NodeContext, name: string, dflt: DType): DType {
  const code = ctx.attrInt(name);
  return code === undefined ? dflt : onnxTypeCode(ctx, code, `attribute ${name}`);
}

const melWeightMatrix: OpRule = {
  infer(ctx: NodeContext) {
    const bins = ctx.dims(0)?.[0] ?? ctx.fresh();
    const dftLen = ctx.dims(1)?.[0];
    const rows = dftLen === undefined ? ctx.fresh() : dim(dimPoly(dftLen).floorDiv(2).add(1));
    ctx.output(0, dtypeAttrOr(ctx, 'output_datatype', 'float32'), [rows, bins]);
  },
  // Triangular filter weights: one division and a comparison per matrix element.
  cost: (ctx: NodeContext) => elementwiseCost('Div', numElements(ctx.outShape(0)).mul(2), ctx.kernelOptions),
};

const det: OpRule = {
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    if (s.length < 2) ctx.fail(`input 0: expected rank >= 2, got ${s.length}`, 0);
    ctx.output(0, ctx.dtype(0), s.slice(0, -2));
  },
  // LU decomposition: about 2/3 n^3 flops per matrix.
  cost(ctx: NodeContext) {
    const s = ctx.shape(0);
    const n = dimPoly(s[s.length - 1]!);
    return { macs: Poly.ZERO, flops: numElements(s.slice(0, -2)).mul(n.pow(3).mul(2).floorDiv(3)), params: Poly.ZERO };
  },
};

/** Random generators: one draw per element, counted as 1 flop (the generator's arithmetic is not modelled). */
function randomLike(): OpRule {
  return {
    infer: (ctx: NodeContext) => ctx.output(0, dtypeAttr(ctx), ctx.shape(0)),
    cost: (ctx: NodeContext) => elementwiseCost('Mul', numElements(ctx.outShape(0)), ctx.kernelOptions),
  };
}

function randomFromShape(): OpRule {
  return {
    infer(ctx: NodeContext) {
      const shape = ctx.attrInts('shape');
      if (!shape) ctx.fail('attribute shape is required');
      ctx.output(0, dtypeAttrOr(ctx, 'dtype', 'float32'), shape);
    },
    cost: (ctx: NodeContext) => elementwiseCost('Mul', numElements(ctx.outShape(0)), ctx.kernelOptions),
  };
}

const multinomial: OpRule = {
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    ctx.output(0, dtypeAttrOr(ctx, 'dtype', 'int32'), [s[0]!, ctx.attrInt('sample_size', 1)]);
  },
  cost: (ctx: NodeContext) => elementwiseCost('Less', numElements(ctx.shape(0)).mul(ctx.attrInt('sample_size', 1)), ctx.kernelOptions),
};

/** ai.onnx.preview.training optimisers: updated tensors keep their shapes. */
function optimizer(kind: 'Adagrad' | 'Adam' | 'Momentum'): OpRule {
  const groups = kind === 'Adam' ? 4 : kind === 'Adagrad' ? 3 : 3;
  const perElem = kind === 'Adam' ? 12 : kind === 'Adagrad' ? 7 : 4;
  return {
    infer(ctx: NodeContext) {
      const n = (ctx.inputCount - 2) / groups;
      if (!Number.isInteger(n)) ctx.fail(`expected R, T and ${groups} groups of tensors, got ${ctx.inputCount} inputs`);
      // Outputs: new X for every X, then the state tensors (Adam: V and H; Adagrad: H; Momentum: V).
      const states = groups - 2;
      for (let i = 0; i < n; i++) ctx.output(i, ctx.dtype(2 + i), ctx.shape(2 + i));
      for (let k = 0; k < states; k++)
        for (let i = 0; i < n; i++) ctx.output(n + k * n + i, ctx.dtype(2 + (2 + k) * n + i), ctx.shape(2 + (2 + k) * n + i));
    },
    // Per parameter element: Adagrad ~7 (square, add, sqrt, add eps, div, mul, sub), Adam ~12, Momentum ~4.
    cost(ctx: NodeContext) {
      const n = (ctx.inputCount - 2) / groups;
      let total = Poly.ZERO;
      for (let i = 0; i < n; i++) total = total.add(numElements(ctx.shape(2 + i)));
      return { macs: Poly.ZERO, flops: total.mul(perElem), params: Poly.ZERO };
    },
  };
}

/**
 * Gradient (ai.onnx.preview.training): output i is dY/dX_i for the tensors named in `xs`, so it has
 * X_i's shape and type. Computing a gradient costs about as much as the forward pass it differentiates;
 * that pass is not identified here, so the op itself counts one multiply-add per gradient element.
 */
const gradient: OpRule = {
  infer(ctx: NodeContext) {
    const xs = ctx.attrStrings('xs');
    if (!xs) ctx.fail('attribute xs is required');
    xs.forEach((name, i) => {
      const v = ctx.valueOf(name);
      if (!v) ctx.fail(`xs[${i}] names ${JSON.stringify(name)}, which is not a value in scope`);
      ctx.setOutput(i, v.kind === 'tensor' ? { kind: 'tensor', dtype: v.dtype, shape: v.shape } : v);
    });
  },
  cost(ctx: NodeContext) {
    let n = Poly.ZERO;
    for (let i = 0; i < ctx.outputCount; i++) n = n.add(numElements(ctx.outShape(i)));
    return { macs: Poly.ZERO, flops: n.mul(2), params: Poly.ZERO };
  },
};

/** ImageScaler (experimental, opsets 1-8): y = scale * x + bias per channel, 2 flops per element. */
const imageScaler: OpRule = {
  infer: (ctx: NodeContext) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx: NodeContext) => elementwiseCost('Mul', numElements(ctx.shape(0)).mul(2), ctx.kernelOptions),
};

/** AffineGrid(theta [N, 2|3, 3|4], size [N, C, H, W(, D)]) -> grid [N, H, W(, D), 2|3]: one small matmul per point. */
const affineGrid: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const size = ctx.dims(1);
    const r = ctx.shape(1)[0];
    if (!size) {
      ctx.output(0, ctx.dtype(0), typeof r === 'number' ? [ctx.fresh(), ...Array.from({ length: r - 2 }, () => ctx.fresh()), r - 2] : undefined);
      return;
    }
    ctx.output(0, ctx.dtype(0), [size[0]!, ...size.slice(2), size.length - 2]);
  },
  // Each grid point is theta (k x (k+1)) times a homogeneous coordinate: k*(k+1) macs.
  cost(ctx: NodeContext) {
    const o = ctx.outShape(0);
    const k = o[o.length - 1] as number;
    const macs = numElements(o.slice(0, -1)).mul(k * (k + 1));
    return { macs, flops: macs.mul(2), params: Poly.ZERO };
  },
};

/** CenterCropPad(input, shape, axes?): the given sizes on the given axes; copies only. */
const centerCropPad: OpRule = {
  nonParamInputs: [1],
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const target = ctx.dims(1);
    const axes = (ctx.attrInts('axes') ?? s.map((_, i) => i)).map((a) => ctx.axis(a, s.length));
    if (!target) {
      ctx.output(0, ctx.dtype(0), s.map((d, i) => (axes.includes(i) ? ctx.fresh() : d)));
      return;
    }
    if (target.length !== axes.length) ctx.fail(`shape has ${target.length} entries for ${axes.length} axes`, 1);
    const out = [...s];
    axes.forEach((a, i) => (out[a] = target[i]!));
    ctx.output(0, ctx.dtype(0), out);
  },
  cost: () => NO_COMPUTE,
};

/** Col2Im(input [N, C*prod(block), L], image_shape, block_shape) -> [N, C, ...image_shape]: scatter-add of blocks. */
const col2Im: OpRule = {
  nonParamInputs: [1, 2],
  infer(ctx: NodeContext) {
    const x = ctx.shape(0);
    const image = ctx.dims(1);
    const block = ctx.dims(2);
    if (!image || !block) ctx.fail('image_shape and block_shape must be constants');
    const c = dim(dimPoly(x[1]!).floorDiv(numElements(block)));
    ctx.output(0, ctx.dtype(0), [x[0]!, c, ...image]);
  },
  // One addition per input element (overlapping blocks accumulate).
  cost: (ctx: NodeContext) => elementwiseCost('Add', numElements(ctx.shape(0)), ctx.kernelOptions),
};

/** ImageDecoder(encoded bytes) -> [H, W, C]: the image size is in the bytes. */
const imageDecoder: OpRule = {
  infer(ctx: NodeContext) {
    const fmt = ctx.attrString('pixel_format', 'RGB');
    ctx.output(0, 'uint8', [ctx.dataDependent('height'), ctx.dataDependent('width'), fmt === 'Grayscale' ? 1 : 3]);
  },
  // Decoding cost depends on the codec; counted as one operation per output byte.
  cost: (ctx: NodeContext) => elementwiseCost('Add', numElements(ctx.outShape(0)), ctx.kernelOptions),
};

/** Attention (opset 23): Q [B, Hq, S, D] (or [B, S, Hq*D]), K, V [B, Hkv, L, Dv]; past K/V concatenate. */
const onnxAttention: OpRule = {
  nonParamInputs: [3],
  infer(ctx: NodeContext) {
    const q = ctx.shape(0);
    const k = ctx.shape(1);
    const v = ctx.shape(2);
    let y: Dim[];
    if (q.length === 4) y = [q[0]!, q[1]!, q[2]!, v[3]!];
    else {
      const qHeads = ctx.attrInt('q_num_heads');
      const kvHeads = ctx.attrInt('kv_num_heads');
      if (!qHeads || !kvHeads) ctx.fail('3-D inputs need attributes q_num_heads and kv_num_heads');
      y = [q[0]!, q[1]!, dim(dimPoly(v[2]!).floorDiv(kvHeads).mul(qHeads))];
    }
    ctx.output(0, ctx.dtype(0), y);
    const kv4 = (s: readonly Dim[], heads: number | undefined): Dim[] => (s.length === 4 ? [...s] : [s[0]!, heads ?? 1, s[1]!, dim(dimPoly(s[2]!).floorDiv(heads ?? 1))]);
    const past = (i: number, cur: Dim[]): Dim[] => (ctx.hasInput(i) ? [cur[0]!, cur[1]!, dim(dimPoly(ctx.shape(i)[2]!).add(dimPoly(cur[2]!))), cur[3]!] : cur);
    const kvHeads = ctx.attrInt('kv_num_heads');
    if (ctx.hasOutput(1)) ctx.output(1, ctx.dtype(1), past(4, kv4(k, kvHeads)));
    if (ctx.hasOutput(2)) ctx.output(2, ctx.dtype(2), past(5, kv4(v, kvHeads)));
    // qk_matmul_output: the scores [B, Hq, S, total length].
    if (ctx.hasOutput(3)) ctx.output(3, ctx.dtype(0), [q[0]!, q.length === 4 ? q[1]! : (ctx.attrInt('q_num_heads') ?? 1), q.length === 4 ? q[2]! : q[1]!, past(4, kv4(k, kvHeads))[2]!]);
  },
  cost(ctx: NodeContext) {
    const q = ctx.shape(0);
    const heads = q.length === 4 ? q[1]! : (ctx.attrInt('q_num_heads') ?? 1);
    const seqQ = q.length === 4 ? q[2]! : q[1]!;
    const kOut = ctx.hasOutput(1) ? ctx.outShape(1) : undefined;
    const k = ctx.shape(1);
    const seqK = kOut ? kOut[2]! : k.length === 4 ? k[2]! : k[1]!;
    const y = ctx.outShape(0);
    const headDim = q.length === 4 ? q[3]! : dim(dimPoly(q[2]!).floorDiv(heads));
    const headDimV = y.length === 4 ? y[3]! : dim(dimPoly(y[2]!).floorDiv(heads));
    return attentionCost({ batch: q[0]!, heads, seqQ, seqK, headDim, headDimV }, ctx.kernelOptions);
  },
};

/** RotaryEmbedding (opset 23): rotate pairs of the head dim: 2 muls and 1 add per element. */
const onnxRotary: OpRule = {
  nonParamInputs: [3],
  infer: (ctx: NodeContext) => ctx.output(0, ctx.dtype(0), ctx.shape(0)),
  cost: (ctx: NodeContext) => elementwiseCost('Mul', numElements(ctx.shape(0)).mul(3), ctx.kernelOptions),
};

/** Rules of this family, by op type (default domain unless noted in the registry). */
export const nnRules: Record<string, OpRule> = {
  Adagrad: optimizer('Adagrad'),
  AffineGrid: affineGrid,
  Attention: onnxAttention,
  CenterCropPad: centerCropPad,
  Col2Im: col2Im,
  ImageDecoder: imageDecoder,
  RotaryEmbedding: onnxRotary,
  Adam: optimizer('Adam'),
  Bernoulli: randomLike(),
  BlackmanWindow: windowOp(),
  DequantizeLinear: dequantizeLinear,
  Det: det,
  DFT: dft,
  DynamicQuantizeLinear: dynamicQuantizeLinear,
  Gradient: gradient,
  GridSample: gridSample,
  GRU: recurrent('gru'),
  HammingWindow: windowOp(),
  HannWindow: windowOp(),
  ImageScaler: imageScaler,
  LSTM: recurrent('lstm'),
  MaxRoiPool: maxRoiPool,
  MelWeightMatrix: melWeightMatrix,
  Momentum: optimizer('Momentum'),
  Multinomial: multinomial,
  NegativeLogLikelihoodLoss: nllLoss,
  NonMaxSuppression: nms,
  QuantizeLinear: quantizeLinear,
  RandomNormal: randomFromShape(),
  RandomNormalLike: randomLike(),
  RandomUniform: randomFromShape(),
  RandomUniformLike: randomLike(),
  Resize: resize,
  RNN: recurrent('rnn'),
  RoiAlign: roiAlign,
  SoftmaxCrossEntropyLoss: sceLoss,
  STFT: stft,
  Upsample: upsample,
};

