/**
 * One rule object per ONNX operator: shape inference (`infer`) and cost (`cost`) side by side, the way
 * an ONNX schema keeps type inference beside the op's definition.
 */
import type { OpCost } from '@modelcost/core';
import type { NodeContext } from './context.js';

/** What a rule's `cost` returns. `bytesRead` overrides the default (all input bytes) for ops that touch only part of an input (Gather, Slice). */
export interface RuleCost extends OpCost {
  readonly bytesRead?: OpCost['macs'];
}

/** Shape inference and cost of one operator. */
export interface OpRule {
  /**
   * Input positions that are shape / axes / index operands: a weight consumed only there is a
   * `constant`, not a param (Reshape shape, Slice starts, Gather indices, ConstantOfShape input...).
   */
  readonly nonParamInputs?: readonly number[];
  /**
   * Input positions that hold learned weights (Conv W and B, Gemm B and C, MatMul B, an embedding
   * Gather's table, RNN W / R / B): a Constant node's tensor read there (directly or re-typed /
   * re-laid) is a param; read anywhere else it is a constant (see infer/params.ts).
   */
  readonly weightInputs?: readonly number[];
  /** Set output values from input values and attributes; throw InferenceError (ctx.fail) on misuse. */
  infer(ctx: NodeContext): void;
  /** Cost through @modelcost/core kernels. Data-movement ops return {@link NO_COMPUTE} with a comment why. */
  cost(ctx: NodeContext): RuleCost;
}

/** A registry entry: the rule for `op` in `domain` for opset versions `[since, until]`. */
export interface RuleEntry {
  readonly op: string;
  /** '' for ai.onnx. */
  readonly domain: string;
  readonly since: number;
  readonly until?: number;
  readonly rule: OpRule;
}
