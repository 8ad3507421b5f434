/**
 * onnxruntime's text-generation loops (com.microsoft BeamSearch, GreedySearch, Sampling): one node
 * that runs a decoder sub-graph once per generated token (onnxruntime's ContribOperators.md). Their
 * cost is the decoder's, times the steps, in the symbols of the loop's inputs: `max_length`,
 * `num_beams` (the decoder sees `batch_size * num_beams` rows), the prompt's `sequence_length`.
 *
 * Steps, for a decoder-only model (model_type 0, GPT-2): the first run reads the prompt (S tokens,
 * an empty past) through `init_decoder` when present, else `decoder`; then at most `max_length - S - 1`
 * runs read one token each. Encoder-decoder models (model_type 1 T5/BART, 2 Whisper): the `encoder`
 * sub-graph runs once on the prompt, then the decoder at most `max_length - 1` times. Early stopping
 * can end sooner and each step's past grows by one, so every later step is counted at its longest past
 * (`max_length - 1` tokens): the figures are an upper bound, exact for all but the attention over the
 * cache, and a diagnostic says so. The decoder's weights (its initializers, and the outer ones it reads)
 * are params, counted once.
 *
 * The sub-graph's dims are named by the tool that built it (onnxruntime's convert_generation:
 * `batch_size`, `seq_len`, `past_seq_len`, `total_seq_len`; T5's `encode_sequence_length`,
 * `past_decode_sequence_length`). A dim whose name says batch, past, total, encode or sequence length
 * gets that value; any other keeps its own symbol.
 */
import { dim, dimPoly, elementCost, Poly, softmaxCost, type Dim, type OpCost } from '@modelcost/core';
import type { NodeContext } from '../infer/context.js';
import type { GraphDef } from '../infer/model.js';
import type { OpRule } from '../infer/rule.js';
import { isTensor, tensorVal, type Val } from '../infer/values.js';

type Kind = 'beam' | 'greedy' | 'sampling';

/** Input positions per op (onnxruntime's schemas): the loop's scalar controls. */
const INPUTS: Record<Kind, { readonly maxLength: number; readonly beams?: number; readonly returns?: number; readonly count: number }> = {
  beam: { maxLength: 1, beams: 3, returns: 4, count: 14 },
  greedy: { maxLength: 1, count: 7 },
  sampling: { maxLength: 1, count: 9 },
};

/** A scalar control input: its known value, else a symbol named as the op's input (`max_length`). */
function control(ctx: NodeContext, i: number | undefined, name: string): Dim {
  if (i === undefined) return 1;
  const v = ctx.hasInput(i) ? ctx.dims(i)?.[0] : undefined;
  if (typeof v === 'number' && v < 1) ctx.fail(`input ${i} (${name}) is ${v}: expected a positive integer`, i);
  return v ?? Poly.sym(name);
}

/** How each named dim of a sub-graph input is set for one run of the loop. */
interface RunDims {
  readonly batch: Dim;
  /** Tokens the run reads. */
  readonly step: Dim;
  /** Tokens already in the cache. */
  readonly past: Dim;
  /** The prompt's length (the encoder's input length). */
  readonly prompt: Dim;
}

function dimFor(name: string, r: RunDims): Dim | undefined {
  const n = name.toLowerCase();
  if (n.includes('batch')) return r.batch;
  if (n.includes('total')) return dim(dimPoly(r.past).add(dimPoly(r.step)));
  if (n.includes('past')) return r.past;
  if (n.includes('encode')) return r.prompt;
  if (n.includes('seq') || n.includes('length')) return r.step;
  return undefined;
}

/** The formal inputs of sub-graph `g` for one run: declared types with the run's dims substituted. */
function runInputs(ctx: NodeContext, g: GraphDef, r: RunDims): (Val | undefined)[] {
  return g.inputs.map((vi) => {
    const t = vi.type;
    if (!t || t.kind !== 'tensor' || !t.shape) return undefined;
    const shape = t.shape.map((d): Dim => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? (dimFor(d, r) ?? Poly.sym(d)) : ctx.fresh()));
    return tensorVal(t.elemType, shape);
  });
}

/** Vocabulary size: the last dim of the decoder's first output (logits). */
function vocabOf(outs: readonly (Val | undefined)[]): Dim | undefined {
  const logits = outs[0];
  return isTensor(logits) && logits.shape && logits.shape.length > 0 ? logits.shape[logits.shape.length - 1] : undefined;
}

/** What `infer` learned, for `cost` (the rule object is shared, so keyed by node). */
const STEPS = new WeakMap<object, { readonly rows: Poly; readonly steps: Poly; readonly vocab: Dim }>();

function generationRule(kind: Kind): OpRule {
  const at = INPUTS[kind];
  return {
    // Every input is a control value, a mask or token ids: none is a weight.
    nonParamInputs: Array.from({ length: at.count }, (_, i) => i),
    infer(ctx: NodeContext) {
      const ids = ctx.shape(0);
      if (ids.length !== 2) ctx.fail(`input 0 (input_ids): expected rank 2 [batch_size, sequence_length], got rank ${ids.length}`, 0);
      const decoder = ctx.attrGraph('decoder');
      if (!decoder) ctx.fail('attribute decoder (the decoder sub-graph) is required');
      const [batch, prompt] = [ids[0]!, ids[1]!];
      const maxLength = control(ctx, at.maxLength, 'max_length');
      const beams = control(ctx, at.beams, 'num_beams');
      const returns = control(ctx, at.returns, 'num_return_sequences');
      const rows = dim(dimPoly(batch).mul(dimPoly(beams)));
      const modelType = ctx.attrInt('model_type', 0);
      const m = dimPoly(maxLength);
      const longestPast = dim(m.sub(1));
      let vocab: Dim | undefined;
      let steps: Poly;
      if (modelType === 0) {
        // The prompt run, then one token per run: at most max_length - S - 1 more.
        const later = m.sub(dimPoly(prompt)).sub(1);
        ctx.assume(later, `max_length - sequence_length - 1 >= 0 (the loop generates at least one token)`);
        const first = ctx.attrGraph('init_decoder') ?? decoder;
        const r0 = ctx.subgraph(first, runInputs(ctx, first, { batch: rows, step: prompt, past: 0, prompt }), first === decoder ? 'decoder[prompt]' : 'init_decoder', Poly.ONE);
        const r1 = ctx.subgraph(decoder, runInputs(ctx, decoder, { batch: rows, step: 1, past: longestPast, prompt }), 'decoder', later);
        vocab = vocabOf(r0.outputs) ?? vocabOf(r1.outputs);
        steps = later.add(1);
      } else {
        const encoder = ctx.attrGraph('encoder');
        if (!encoder) ctx.fail(`attribute encoder is required for model_type ${modelType} (encoder-decoder)`);
        const later = m.sub(1);
        ctx.assume(m.sub(2), `max_length - 2 >= 0 (the loop generates at least one token after the start token)`);
        const r0 = ctx.subgraph(encoder, runInputs(ctx, encoder, { batch: rows, step: 1, past: 0, prompt }), 'encoder', Poly.ONE);
        const r1 = ctx.subgraph(decoder, runInputs(ctx, decoder, { batch: rows, step: 1, past: longestPast, prompt }), 'decoder', later);
        vocab = vocabOf(r1.outputs) ?? vocabOf(r0.outputs);
        steps = later;
      }
      const v = ctx.attrInt('vocab_size', -1);
      const vocabSize: Dim = v > 0 ? v : (vocab ?? ctx.fresh());
      STEPS.set(ctx.node, { rows: dimPoly(rows), steps, vocab: vocabSize });
      ctx.note(
        'generation-upper-bound',
        `${ctx.node.opType}: the decoder runs at most ${steps.toString()} times on ${dimPoly(rows).toString()} rows (the batch times num_beams); runs after the first are each counted at the longest past (${dimPoly(longestPast).toString()} tokens): an upper bound`,
      );
      if (kind === 'beam') {
        ctx.output(0, 'int32', [batch, returns, maxLength]);
        if (ctx.hasOutput(1)) ctx.output(1, ctx.tensor(0).dtype === 'float16' ? 'float16' : 'float32', [batch, returns]);
        if (ctx.hasOutput(2)) ctx.output(2, 'float32', [dim(m.sub(dimPoly(prompt))), batch, beams, vocabSize]);
      } else {
        ctx.output(0, 'int32', [batch, maxLength]);
        if (kind === 'sampling' && ctx.hasOutput(1)) ctx.output(1, 'float32', [batch, vocabSize]);
      }
    },
    cost(ctx: NodeContext): OpCost {
      const s = STEPS.get(ctx.node);
      // Only reached after infer succeeded, which records the steps; never a silent zero.
      if (!s) ctx.fail('the loop was not inferred: its cost is unknown');
      // The loop's own work per step, over rows x vocab logits: beam search and sampling normalise them
      // (log-softmax / softmax, core's 5 flops per element); greedy search takes an argmax (1 per element).
      // The decoder's cost is on its own nodes.
      const elements = s.rows.mul(dimPoly(s.vocab)).mul(s.steps);
      return kind === 'greedy' ? elementCost(elements) : softmaxCost({ op: kind === 'beam' ? 'LogSoftmax' : 'Softmax', elements }, ctx.kernelOptions);
    },
  };
}

/** Rules of this family (domain com.microsoft), by op type. */
export const generationRules: Record<string, OpRule> = {
  BeamSearch: generationRule('beam'),
  GreedySearch: generationRule('greedy'),
  Sampling: generationRule('sampling'),
};
