/**
 * Recurrent layers: LSTM, GRU, SimpleRNN (and the Keras 2 CuDNN variants), ConvLSTM1D/2D/3D
 * (docs/cost-conventions.md#recurrent-cells). Input [batch, timesteps, features].
 */
import { convCost, numElements, rnnCost, type Dim, type RnnCell } from '@modelcost/core';
import { joinChannels } from './conv.js';
import { bool, channelsFirst, inRank, num, str, sumCosts, tuple, windowOut, type LayerCall, type LayerRule, type WeightSpec } from './rule.js';

interface CellSpec {
  readonly cell: RnnCell;
  readonly gates: number;
  /** Recurrent states returned with return_state (LSTM: h and c). */
  readonly states: number;
  /** Bias vectors per gate: Keras 1 (one), GRU reset_after (two), CuDNN (two). */
  readonly biasVectors: (c: LayerCall) => number;
}

/** GRU `reset_after` defaults to true from Keras 2.3 (tf.keras) on, false before. */
function resetAfter(c: LayerCall): boolean {
  return bool(c.config, 'reset_after', !c.legacy);
}

const CELLS: Readonly<Record<string, CellSpec>> = {
  LSTM: { cell: 'lstm', gates: 4, states: 2, biasVectors: (c) => (bool(c.config, 'use_bias', true) ? 1 : 0) },
  GRU: { cell: 'gru', gates: 3, states: 1, biasVectors: (c) => (bool(c.config, 'use_bias', true) ? (resetAfter(c) ? 2 : 1) : 0) },
  SimpleRNN: { cell: 'rnn', gates: 1, states: 1, biasVectors: (c) => (bool(c.config, 'use_bias', true) ? 1 : 0) },
  CuDNNLSTM: { cell: 'lstm', gates: 4, states: 2, biasVectors: () => 2 },
  CuDNNGRU: { cell: 'gru', gates: 3, states: 1, biasVectors: () => 2 },
};

function recurrent(spec: CellSpec): LayerRule {
  return {
    outputs(c) {
      const [batch, steps] = inRank(c, 3, '[batch, timesteps, features]');
      const units = num(c.config, 'units', 0);
      const y: Dim[] = bool(c.config, 'return_sequences', false) ? [batch!, steps!, units] : [batch!, units];
      const states: Dim[][] = bool(c.config, 'return_state', false) ? new Array(spec.states).fill(0).map(() => [batch!, units]) : [];
      return [y, ...states];
    },
    outputCount: (c) => 1 + (bool(c.config, 'return_state', false) ? spec.states : 0),
    weights(c) {
      const s = inRank(c, 3, '[batch, timesteps, features]');
      const units = num(c.config, 'units', 0);
      const g = spec.gates * units;
      const w: WeightSpec[] = [
        { name: 'kernel', shape: [s[2]!, g], trainable: true },
        { name: 'recurrent_kernel', shape: [units, g], trainable: true },
      ];
      const bv = spec.biasVectors(c);
      // GRU reset_after and CuDNN keep the input and recurrent biases as two rows.
      if (bv) w.push({ name: 'bias', shape: bv === 1 ? [g] : [bv, g], trainable: true });
      return w;
    },
    cost(c) {
      const [batch, steps, features] = inRank(c, 3, '[batch, timesteps, features]');
      // Per step: gates * H * (I + H) macs plus the cell's element flops.
      return rnnCost({ cell: spec.cell, seqLen: steps!, batch: batch!, inputSize: features!, hiddenSize: num(c.config, 'units', 0), biasVectors: spec.biasVectors(c) }, { convention: c.convention });
    },
  };
}

/** ConvLSTM{rank}D: four gates computed by convolutions of the input and of the hidden state. */
function convLstm(rank: number): LayerRule {
  const shapes = (c: LayerCall) => {
    const first = channelsFirst(c.config);
    const s = inRank(c, rank + 3, first ? '[batch, time, channels, ...spatial]' : '[batch, time, ...spatial, channels]');
    const spatial = first ? s.slice(3) : s.slice(2, -1);
    const channels = first ? s[2]! : s[s.length - 1]!;
    const kernel = tuple(c.config, 'kernel_size', rank, 1);
    const strides = tuple(c.config, 'strides', rank, 1);
    const dilation = tuple(c.config, 'dilation_rate', rank, 1);
    const padding = str(c.config, 'padding', 'valid');
    const out = spatial.map((d, i) => windowOut(d, kernel[i]!, strides[i]!, padding, dilation[i]!));
    return { batch: s[0]!, steps: s[1]!, channels, kernel, out };
  };
  return {
    outputs(c) {
      const { batch, steps, out } = shapes(c);
      const f = num(c.config, 'filters', 0);
      const frame = joinChannels(c, batch, out, f);
      const y = bool(c.config, 'return_sequences', false) ? [frame[0]!, steps, ...frame.slice(1)] : frame;
      return bool(c.config, 'return_state', false) ? [y, frame, frame] : [y];
    },
    outputCount: (c) => (bool(c.config, 'return_state', false) ? 3 : 1),
    weights(c) {
      const { channels, kernel } = shapes(c);
      const f = num(c.config, 'filters', 0);
      const w: WeightSpec[] = [
        { name: 'kernel', shape: [...kernel, channels, 4 * f], trainable: true },
        { name: 'recurrent_kernel', shape: [...kernel, f, 4 * f], trainable: true },
      ];
      if (bool(c.config, 'use_bias', true)) w.push({ name: 'bias', shape: [4 * f], trainable: true });
      return w;
    },
    cost(c) {
      const { batch, steps, channels, kernel, out } = shapes(c);
      const f = num(c.config, 'filters', 0);
      const bias = bool(c.config, 'use_bias', true);
      const perStep = sumCosts(
        convCost({ batch, inChannels: channels, outChannels: 4 * f, outSpatial: out, kernel, bias }, { convention: c.convention }),
        // The recurrent convolution runs with 'same' padding and stride 1 over the output grid.
        convCost({ batch, inChannels: f, outChannels: 4 * f, outSpatial: out, kernel, bias: false }, { convention: c.convention }),
      );
      // Cell element work as in LSTM: 18 per hidden unit.
      const cell = numElements([batch, f, ...out]).mul(18);
      return { macs: perStep.macs.mul(steps), flops: perStep.flops.add(cell).mul(steps), params: perStep.params };
    },
  };
}

/** Rules of this family, by Keras class name. */
export const RNN_RULES: Readonly<Record<string, LayerRule>> = {
  ConvLSTM1D: convLstm(1),
  ConvLSTM2D: convLstm(2),
  ConvLSTM3D: convLstm(3),
  CuDNNGRU: recurrent(CELLS['CuDNNGRU']!),
  CuDNNLSTM: recurrent(CELLS['CuDNNLSTM']!),
  GRU: recurrent(CELLS['GRU']!),
  LSTM: recurrent(CELLS['LSTM']!),
  SimpleRNN: recurrent(CELLS['SimpleRNN']!),
};

