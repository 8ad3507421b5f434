/**
 * String ops: StringNormalizer, StringConcat, StringSplit, RegexFullMatch, TfIdfVectorizer. String
 * work is not floating-point arithmetic: these count one operation per element touched.
 */
import { elementwiseCost, maxOf, numElements, type Dim } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { OpRule } from '../infer/rule.js';

const perElement = (ctx: NodeContext) => elementwiseCost('Equal', numElements(ctx.shape(0)), ctx.kernelOptions);

const stringNormalizer: OpRule = {
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const data = ctx.data(0);
    const stop = ctx.attrStrings('stopwords') ?? [];
    const sensitive = ctx.attrInt('is_case_sensitive', 0) === 1;
    let n: Dim;
    if (stop.length === 0) n = s[s.length - 1]!;
    else if (data && data.every((v) => typeof v === 'string')) {
      const norm = (w: string): string => (sensitive ? w : w.toLowerCase());
      const set = new Set(stop.map(norm));
      // All words removed: ONNX returns one empty string.
      n = Math.max(1, (data as string[]).filter((w) => !set.has(norm(w))).length);
    } else n = ctx.dataDependent('kept');
    ctx.output(0, 'string', s.length === 2 ? [s[0]!, n] : [n]);
  },
  cost: perElement,
};

const stringConcat: OpRule = {
  infer: (ctx: NodeContext) => ctx.output(0, 'string', ctx.broadcast(ctx.shape(0), ctx.shape(1))),
  cost: (ctx: NodeContext) => elementwiseCost('Add', numElements(ctx.outShape(0)), ctx.kernelOptions),
};

const regexFullMatch: OpRule = {
  infer: (ctx: NodeContext) => ctx.output(0, 'bool', ctx.shape(0)),
  cost: perElement,
};

const stringSplit: OpRule = {
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    ctx.output(0, 'string', [...s, ctx.dataDependent('tokens')]);
    ctx.output(1, 'int64', s);
  },
  cost: perElement,
};

const tfIdf: OpRule = {
  infer(ctx: NodeContext) {
    const s = ctx.shape(0);
    const idx = ctx.attrInts('ngram_indexes');
    if (!idx || idx.length === 0) ctx.fail('attribute ngram_indexes is required');
    const width = maxOf(idx) + 1;
    ctx.output(0, 'float32', s.length === 2 ? [s[0]!, width] : [width]);
  },
  // Every input position starts up to max_gram_length n-gram lookups.
  cost: (ctx: NodeContext) => elementwiseCost('Equal', numElements(ctx.shape(0)).mul(ctx.attrInt('max_gram_length', 1)), ctx.kernelOptions),
};

/** Rules of this family, by op type (default domain). */
export const textRules: Record<string, OpRule> = {
  RegexFullMatch: regexFullMatch,
  StringConcat: stringConcat,
  StringNormalizer: stringNormalizer,
  StringSplit: stringSplit,
  TfIdfVectorizer: tfIdf,
};
