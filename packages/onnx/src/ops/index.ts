/**
 * The operator registry: one alphabetical table, one line per op, with the opset version each rule
 * applies from (and until, where a later version changed semantics enough to need its own rule).
 * Adding an op = one rule in its family file + one line here + its spec + its docs row
 * (docs/adding-an-operator.md).
 */
import { RuleTable } from '../infer/engine.js';
import type { OpRule, RuleEntry } from '../infer/rule.js';
import { clipRule, elementwiseRules as ew, whereRule } from './elementwise.js';
import { controlFlowRules as cf } from './control-flow.js';
import { shapeRules as shape } from './shape.js';

function e(op: string, since: number, rule: OpRule | undefined, domain = '', until?: number): RuleEntry {
  if (!rule) throw new Error(`registry: no rule object for ${domain ? `${domain}.` : ''}${op}`);
  return until === undefined ? { op, domain, since, rule } : { op, domain, since, until, rule };
}

/** ai.onnx (default domain) operators. */
export const ONNX_RULES: readonly RuleEntry[] = [
  e('Abs', 1, ew.Abs),
  e('Acos', 7, ew.Acos),
  e('Acosh', 9, ew.Acosh),
  e('Add', 1, ew.Add),
  e('And', 1, ew.And),
  e('Asin', 7, ew.Asin),
  e('Asinh', 9, ew.Asinh),
  e('Atan', 7, ew.Atan),
  e('Atanh', 9, ew.Atanh),
  e('BitShift', 11, ew.BitShift),
  e('BitwiseAnd', 18, ew.BitwiseAnd),
  e('BitwiseNot', 18, ew.BitwiseNot),
  e('BitwiseOr', 18, ew.BitwiseOr),
  e('BitwiseXor', 18, ew.BitwiseXor),
  e('Cast', 1, shape.Cast),
  e('CastLike', 15, shape.CastLike),
  e('Ceil', 1, ew.Ceil),
  e('Celu', 12, ew.Celu),
  e('Clip', 1, clipRule),
  e('Concat', 1, shape.Concat),
  e('ConcatFromSequence', 11, cf.ConcatFromSequence),
  e('Constant', 1, shape.Constant),
  e('ConstantOfShape', 9, shape.ConstantOfShape),
  e('Cos', 7, ew.Cos),
  e('Cosh', 9, ew.Cosh),
  e('Div', 1, ew.Div),
  e('Elu', 1, ew.Elu),
  e('Equal', 1, ew.Equal),
  e('Erf', 9, ew.Erf),
  e('Exp', 1, ew.Exp),
  e('Expand', 8, shape.Expand),
  e('Flatten', 1, shape.Flatten),
  e('Floor', 1, ew.Floor),
  e('Gather', 1, shape.Gather),
  e('Gelu', 20, ew.Gelu),
  e('Greater', 1, ew.Greater),
  e('GreaterOrEqual', 12, ew.GreaterOrEqual),
  e('HardSigmoid', 1, ew.HardSigmoid),
  e('HardSwish', 14, ew.HardSwish),
  e('Identity', 1, shape.Identity),
  e('If', 1, cf.If),
  e('IsInf', 10, ew.IsInf),
  e('IsNaN', 9, ew.IsNaN),
  e('LeakyRelu', 1, ew.LeakyRelu),
  e('Less', 1, ew.Less),
  e('LessOrEqual', 12, ew.LessOrEqual),
  e('Log', 1, ew.Log),
  e('Loop', 1, cf.Loop),
  e('Max', 1, ew.Max),
  e('Mean', 1, ew.Mean),
  e('Min', 1, ew.Min),
  e('Mish', 18, ew.Mish),
  e('Mod', 10, ew.Mod),
  e('Mul', 1, ew.Mul),
  e('Neg', 1, ew.Neg),
  e('Not', 1, ew.Not),
  e('Optional', 15, cf.Optional),
  e('OptionalGetElement', 15, cf.OptionalGetElement),
  e('OptionalHasElement', 15, cf.OptionalHasElement),
  e('Or', 1, ew.Or),
  e('Pow', 1, ew.Pow),
  e('PRelu', 1, ew.PRelu),
  e('Range', 11, shape.Range),
  e('Reciprocal', 1, ew.Reciprocal),
  e('Relu', 1, ew.Relu),
  e('Reshape', 1, shape.Reshape),
  e('Round', 11, ew.Round),
  e('Scan', 8, cf.Scan),
  e('Selu', 1, ew.Selu),
  e('SequenceAt', 11, cf.SequenceAt),
  e('SequenceConstruct', 11, cf.SequenceConstruct),
  e('SequenceEmpty', 11, cf.SequenceEmpty),
  e('SequenceErase', 11, cf.SequenceErase),
  e('SequenceInsert', 11, cf.SequenceInsert),
  e('SequenceLength', 11, cf.SequenceLength),
  e('SequenceMap', 17, cf.SequenceMap),
  e('Shape', 1, shape.Shape),
  e('Shrink', 9, ew.Shrink),
  e('Sigmoid', 1, ew.Sigmoid),
  e('Sign', 9, ew.Sign),
  e('Sin', 7, ew.Sin),
  e('Sinh', 9, ew.Sinh),
  e('Size', 1, shape.Size),
  e('Slice', 1, shape.Slice),
  e('Softplus', 1, ew.Softplus),
  e('Softsign', 1, ew.Softsign),
  e('SplitToSequence', 11, cf.SplitToSequence),
  e('Sqrt', 1, ew.Sqrt),
  e('Squeeze', 1, shape.Squeeze),
  e('Sub', 1, ew.Sub),
  e('Sum', 1, ew.Sum),
  e('Tan', 7, ew.Tan),
  e('Tanh', 1, ew.Tanh),
  e('ThresholdedRelu', 10, ew.ThresholdedRelu),
  e('Transpose', 1, shape.Transpose),
  e('Unsqueeze', 1, shape.Unsqueeze),
  e('Where', 9, whereRule),
  e('Xor', 1, ew.Xor),
];

/** Every rule modelcost knows, all domains. */
export const ALL_RULES: readonly RuleEntry[] = [...ONNX_RULES];

/** The default rule table. */
export const defaultRules = new RuleTable(ALL_RULES);
