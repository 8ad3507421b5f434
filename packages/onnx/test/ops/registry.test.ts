/**
 * Meta-tests keeping the registry honest: every ai.onnx operator of opsets 1-21 (ONNX's Operators.md, plus
 * the deprecated ones real files still carry) has a rule; entries are unique, alphabetical, and complete
 * objects (infer and cost).
 */
import { describe, expect, it } from 'vitest';
import { ALL_RULES, ONNX_RULES } from '../../src/ops/index.js';

/** ai.onnx operators of opsets 1-21 (onnx/docs/Operators.md), deprecated Scatter/Upsample included. */
const OPERATORS_MD = `Abs Acos Acosh Add AffineGrid And ArgMax ArgMin Asin Asinh Atan Atanh AveragePool BatchNormalization Bernoulli
BitShift BitwiseAnd BitwiseNot BitwiseOr BitwiseXor BlackmanWindow Cast CastLike Ceil Celu CenterCropPad Clip Col2Im Compress
Concat ConcatFromSequence Constant ConstantOfShape Conv ConvInteger ConvTranspose Cos Cosh CumSum DFT DeformConv DepthToSpace
DequantizeLinear Det Div Dropout DynamicQuantizeLinear Einsum Elu Equal Erf Exp Expand EyeLike Flatten Floor GRU Gather
GatherElements GatherND Gelu Gemm GlobalAveragePool GlobalLpPool GlobalMaxPool Greater GreaterOrEqual GridSample
GroupNormalization HammingWindow HannWindow HardSigmoid HardSwish Hardmax Identity If ImageDecoder InstanceNormalization IsInf
IsNaN LRN LSTM LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax Loop LpNormalization LpPool MatMul MatMulInteger
Max MaxPool MaxRoiPool MaxUnpool Mean MeanVarianceNormalization MelWeightMatrix Min Mish Mod Mul Multinomial Neg
NegativeLogLikelihoodLoss NonMaxSuppression NonZero Not OneHot Optional OptionalGetElement OptionalHasElement Or PRelu Pad Pow
QLinearConv QLinearMatMul QuantizeLinear RNN RandomNormal RandomNormalLike RandomUniform RandomUniformLike Range Reciprocal
ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceMax ReduceMean ReduceMin ReduceProd ReduceSum ReduceSumSquare
RegexFullMatch Relu Reshape Resize ReverseSequence RoiAlign Round STFT Scan Scatter ScatterElements ScatterND Selu SequenceAt
SequenceConstruct SequenceEmpty SequenceErase SequenceInsert SequenceLength SequenceMap Shape Shrink Sigmoid Sign Sin Sinh Size
Slice Softmax SoftmaxCrossEntropyLoss Softplus Softsign SpaceToDepth Split SplitToSequence Sqrt Squeeze StringConcat
StringNormalizer StringSplit Sub Sum Tan Tanh TfIdfVectorizer ThresholdedRelu Tile TopK Transpose Trilu Unique Unsqueeze Upsample
Where Xor`.split(/\s+/);

describe('operator registry', () => {
  it('has a rule for every ai.onnx operator of opsets 1-21', () => {
    const have = new Set(ONNX_RULES.map((e) => e.op));
    expect(OPERATORS_MD.length).toBeGreaterThan(180);
    expect(OPERATORS_MD.filter((op) => !have.has(op))).toEqual([]);
  });
  it('lists each (domain, op, since) once, alphabetically within a domain table', () => {
    const keys = ALL_RULES.map((e) => `${e.domain}::${e.op}::${e.since}`);
    expect(new Set(keys).size).toBe(keys.length);
    const names = ONNX_RULES.map((e) => e.op);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });
  it('every entry is a complete rule object', () => {
    for (const e of ALL_RULES) {
      expect(typeof e.rule.infer, `${e.domain}::${e.op}`).toBe('function');
      expect(typeof e.rule.cost, `${e.domain}::${e.op}`).toBe('function');
    }
  });
});
