/**
 * Per-layer-family rules, table-driven: a one-layer model per row with hand-derived params, output
 * shape and MACs (derivation in the comment). Batch is 1 so counts are plain numbers.
 */
import { describe, expect, it } from 'vitest';
import { layer, nodeNamed, profile, sequential, type Json } from './helpers.js';

interface Row {
  /** What the row checks, with the derivation. */
  title: string;
  input: number[];
  className: string;
  config: Json;
  params: number;
  trainable?: number;
  out: (number | string)[] | (number | string)[][];
  macs?: number;
  flops?: number;
  inputDtype?: string;
}

function check(rows: Row[]): void {
  for (const r of rows) {
    it(r.title, () => {
      const report = profile(sequential(r.input, [layer(r.className, 'l', r.config)], r.inputDtype));
      const n = nodeNamed(report, 'l');
      expect(n.status).toBeUndefined();
      expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(report.totals.params).toBe(r.params);
      expect(n.params).toBe(r.params);
      if (r.trainable !== undefined) expect(report.totals.trainableParams).toBe(r.trainable);
      const outs = Array.isArray(r.out[0]) ? (r.out as (number | string)[][]) : [r.out as (number | string)[]];
      expect(n.outputs.map((o) => o.shape)).toEqual(outs);
      if (r.macs !== undefined) expect(n.macs).toBe(r.macs);
      if (r.flops !== undefined) expect(n.flops).toBe(r.flops);
    });
  }
}

describe('conv', () => {
  check([
    // params 3*3*3*32 + 32 = 896; MACs 224*224*32 outputs * 27 = 43,352,064.
    { title: 'Conv2D 3->32 k3 same on 224x224', input: [1, 224, 224, 3], className: 'Conv2D', config: { filters: 32, kernel_size: [3, 3], padding: 'same' }, params: 896, out: [1, 224, 224, 32], macs: 43352064 },
    // out floor((32-3)/2)+1 = 15; params 27*8 + 8 = 224; MACs 15*15*8*27 = 48,600; fused relu +1800 flops.
    { title: 'Conv2D stride 2 valid + relu', input: [1, 32, 32, 3], className: 'Conv2D', config: { filters: 8, kernel_size: 3, strides: 2, activation: 'relu' }, params: 224, out: [1, 15, 15, 8], macs: 48600, flops: 2 * 48600 + 1800 },
    // channels_first: params 27*4 + 4 = 112; MACs 32*32*4*27 = 110,592.
    { title: 'Conv2D channels_first', input: [1, 3, 32, 32], className: 'Conv2D', config: { filters: 4, kernel_size: 3, padding: 'same', data_format: 'channels_first' }, params: 112, out: [1, 4, 32, 32], macs: 110592 },
    // dilation 2: effective kernel 5, 16-5+1 = 12; params 9 (no bias); MACs 12*12*9 = 1296.
    { title: 'Conv2D dilation 2, no bias', input: [1, 16, 16, 1], className: 'Conv2D', config: { filters: 1, kernel_size: 3, dilation_rate: 2, use_bias: false }, params: 9, out: [1, 12, 12, 1], macs: 1296 },
    // causal keeps length 10; params 3*4*2 + 2 = 26; MACs 10*2*12 = 240.
    { title: 'Conv1D causal', input: [1, 10, 4], className: 'Conv1D', config: { filters: 2, kernel_size: 3, padding: 'causal' }, params: 26, out: [1, 10, 2], macs: 240 },
    // groups 2: kernel [1,1,2,6] + bias 6 = 18; MACs 8*8*6*2 = 768.
    { title: 'Conv2D groups 2', input: [1, 8, 8, 4], className: 'Conv2D', config: { filters: 6, kernel_size: 1, groups: 2 }, params: 18, out: [1, 8, 8, 6], macs: 768 },
    // 8-3+1 = 6 per axis; params 27*2*4 + 4 = 220; MACs 6^3*4*54 = 46,656.
    { title: 'Conv3D valid', input: [1, 8, 8, 8, 2], className: 'Conv3D', config: { filters: 4, kernel_size: 3 }, params: 220, out: [1, 6, 6, 6, 4], macs: 46656 },
    // depthwise_kernel 3*3*8*2 = 144 + bias 16 = 160; MACs 16*16*16 outputs * 9 = 36,864.
    { title: 'DepthwiseConv2D depth_multiplier 2', input: [1, 16, 16, 8], className: 'DepthwiseConv2D', config: { kernel_size: 3, padding: 'same', depth_multiplier: 2 }, params: 160, out: [1, 16, 16, 16], macs: 36864 },
    // depthwise 9*8 = 72, pointwise 8*32 = 256, bias 32: 360; MACs 16*16*8*9 + 16*16*32*8 = 18,432 + 65,536 = 83,968.
    { title: 'SeparableConv2D', input: [1, 16, 16, 8], className: 'SeparableConv2D', config: { filters: 32, kernel_size: 3, padding: 'same' }, params: 360, out: [1, 16, 16, 32], macs: 83968 },
    // same: 7*2 = 14; kernel 3*3*8*16 + 8 = 1160; MACs 7*7*16 inputs * 8*9 = 56,448.
    { title: 'Conv2DTranspose stride 2 same', input: [1, 7, 7, 16], className: 'Conv2DTranspose', config: { filters: 8, kernel_size: 3, strides: 2, padding: 'same' }, params: 1160, out: [1, 14, 14, 8], macs: 56448 },
    // valid: 7*2 + max(3-2, 0) = 15.
    { title: 'Conv2DTranspose stride 2 valid', input: [1, 7, 7, 16], className: 'Conv2DTranspose', config: { filters: 8, kernel_size: 3, strides: 2, padding: 'valid' }, params: 1160, out: [1, 15, 15, 8] },
    // output_padding 1, same: (7-1)*2 + 3 - 2*1 + 1 = 14... with k 4: (7-1)*2 + 4 - 2*2 + 1 = 13.
    { title: 'Conv2DTranspose output_padding', input: [1, 7, 7, 16], className: 'Conv2DTranspose', config: { filters: 8, kernel_size: 4, strides: 2, padding: 'same', output_padding: 1 }, params: 4 * 4 * 8 * 16 + 8, out: [1, 13, 13, 8] },
  ]);
});

describe('core', () => {
  check([
    // Dense on the last axis of a 3-D input: 16*8 + 8 = 136; MACs 5*16*8 = 640; relu 40 flops.
    { title: 'Dense on [1,5,16] + relu', input: [1, 5, 16], className: 'Dense', config: { units: 8, activation: 'relu' }, params: 136, out: [1, 5, 8], macs: 640, flops: 1320 },
    // softmax 5 flops per output: 2*32*10 + 50.
    { title: 'Dense softmax', input: [1, 32], className: 'Dense', config: { units: 10, activation: 'softmax', use_bias: false }, params: 320, out: [1, 10], macs: 320, flops: 690 },
    // table 1000*64 = 64,000; no arithmetic.
    { title: 'Embedding', input: [1, 10], inputDtype: 'int32', className: 'Embedding', config: { input_dim: 1000, output_dim: 64, mask_zero: true }, params: 64000, out: [1, 10, 64], macs: 0 },
    // kernel 32*64 + bias 64 = 2112; MACs 7*32*64 = 14,336.
    { title: 'EinsumDense abc,cd->abd', input: [1, 7, 32], className: 'EinsumDense', config: { equation: 'abc,cd->abd', output_shape: [null, 64], bias_axes: 'd' }, params: 2112, out: [1, 7, 64], macs: 14336 },
    // alpha over [8,8,3] with axes 1,2 shared -> [1,1,3] = 3.
    { title: 'PReLU shared_axes', input: [1, 8, 8, 3], className: 'PReLU', config: { shared_axes: [1, 2] }, params: 3, out: [1, 8, 8, 3], flops: 384 },
    { title: 'PReLU full', input: [1, 8, 8, 3], className: 'PReLU', config: {}, params: 192, out: [1, 8, 8, 3] },
    { title: 'Reshape with -1', input: [1, 4, 6], className: 'Reshape', config: { target_shape: [-1, 3] }, params: 0, out: [1, 8, 3] },
    { title: 'Flatten', input: [1, 4, 6, 2], className: 'Flatten', config: {}, params: 0, out: [1, 48] },
    { title: 'Permute', input: [1, 4, 6], className: 'Permute', config: { dims: [2, 1] }, params: 0, out: [1, 6, 4] },
    { title: 'RepeatVector', input: [1, 5], className: 'RepeatVector', config: { n: 3 }, params: 0, out: [1, 3, 5] },
    // ReLU(max_value=6): comparison + cap = 2 per element.
    { title: 'ReLU6', input: [1, 10], className: 'ReLU', config: { max_value: 6 }, params: 0, out: [1, 10], flops: 20 },
    { title: 'Softmax layer 5/element', input: [1, 10], className: 'Softmax', config: {}, params: 0, out: [1, 10], flops: 50 },
    { title: 'Dropout identity', input: [1, 10], className: 'Dropout', config: { rate: 0.5 }, params: 0, out: [1, 10], flops: 0 },
    { title: 'SpatialDropout2D identity', input: [1, 4, 4, 2], className: 'SpatialDropout2D', config: { rate: 0.5 }, params: 0, out: [1, 4, 4, 2] },
    { title: 'GaussianNoise identity', input: [1, 10], className: 'GaussianNoise', config: { stddev: 0.1 }, params: 0, out: [1, 10] },
  ]);
});

describe('pooling and reshaping', () => {
  check([
    // 16*16*3 windows of 4: 3 comparisons each = 2304.
    { title: 'MaxPooling2D 2x2', input: [1, 32, 32, 3], className: 'MaxPooling2D', config: { pool_size: [2, 2] }, params: 0, out: [1, 16, 16, 3], flops: 2304 },
    // same: ceil(7/2) = 4.
    { title: 'MaxPooling2D 3x3 s2 same', input: [1, 7, 7, 3], className: 'MaxPooling2D', config: { pool_size: 3, strides: 2, padding: 'same' }, params: 0, out: [1, 4, 4, 3] },
    { title: 'AveragePooling1D', input: [1, 10, 4], className: 'AveragePooling1D', config: { pool_size: 2 }, params: 0, out: [1, 5, 4] },
    { title: 'GlobalAveragePooling2D keepdims', input: [1, 7, 7, 8], className: 'GlobalAveragePooling2D', config: { keepdims: true }, params: 0, out: [1, 1, 1, 8] },
    { title: 'GlobalMaxPooling1D', input: [1, 7, 8], className: 'GlobalMaxPooling1D', config: {}, params: 0, out: [1, 8] },
    { title: 'Cropping2D pairs', input: [1, 10, 10, 3], className: 'Cropping2D', config: { cropping: [[1, 2], [3, 4]] }, params: 0, out: [1, 7, 3, 3] },
    { title: 'ZeroPadding2D 1', input: [1, 10, 10, 3], className: 'ZeroPadding2D', config: { padding: 1 }, params: 0, out: [1, 12, 12, 3] },
    { title: 'ZeroPadding1D pair', input: [1, 10, 3], className: 'ZeroPadding1D', config: { padding: [1, 2] }, params: 0, out: [1, 13, 3] },
    // bilinear: 2^2 neighbours, 7 flops per output: 20*20*3*7 = 8400.
    { title: 'UpSampling2D bilinear', input: [1, 10, 10, 3], className: 'UpSampling2D', config: { size: [2, 2], interpolation: 'bilinear' }, params: 0, out: [1, 20, 20, 3], flops: 8400 },
    { title: 'Resizing', input: [1, 10, 10, 3], className: 'Resizing', config: { height: 5, width: 6, interpolation: 'nearest' }, params: 0, out: [1, 5, 6, 3] },
  ]);
});

describe('normalization', () => {
  check([
    // gamma, beta trainable (16 + 16), moving mean / variance not: 64 params, 32 trainable; 2 flops per element.
    { title: 'BatchNormalization', input: [1, 8, 8, 16], className: 'BatchNormalization', config: { axis: -1 }, params: 64, trainable: 32, out: [1, 8, 8, 16], flops: 2048 },
    // center=false drops beta: 48, 16 trainable.
    { title: 'BatchNormalization center=false', input: [1, 8, 8, 16], className: 'BatchNormalization', config: { center: false }, params: 48, trainable: 16, out: [1, 8, 8, 16] },
    // Keras 2 saves axis as a list.
    { title: 'BatchNormalization axis [1] channels_first', input: [1, 16, 8, 8], className: 'BatchNormalization', config: { axis: [1] }, params: 64, trainable: 32, out: [1, 16, 8, 8] },
    { title: 'LayerNormalization', input: [1, 5, 16], className: 'LayerNormalization', config: { axis: [2] }, params: 32, out: [1, 5, 16] },
    { title: 'GroupNormalization', input: [1, 8, 8, 16], className: 'GroupNormalization', config: { groups: 4 }, params: 32, out: [1, 8, 8, 16] },
    // mean 19 + variance 19 + count 1 = 39, none trainable.
    { title: 'Normalization adapted', input: [1, 19], className: 'Normalization', config: { axis: [-1], mean: null, variance: null }, params: 39, trainable: 0, out: [1, 19] },
    { title: 'Rescaling', input: [1, 4, 4, 3], className: 'Rescaling', config: { scale: 0.0039, offset: 0 }, params: 0, out: [1, 4, 4, 3], flops: 96 },
    { title: 'UnitNormalization', input: [1, 8], className: 'UnitNormalization', config: { axis: -1 }, params: 0, out: [1, 8], flops: 24 },
  ]);
});

describe('recurrent', () => {
  check([
    // 4 * (8*16 + 16*16 + 16) = 1600; MACs 10 steps * 4*16*(8+16) = 15,360.
    { title: 'LSTM', input: [1, 10, 8], className: 'LSTM', config: { units: 16 }, params: 1600, out: [1, 16], macs: 15360 },
    { title: 'LSTM return_sequences + return_state', input: [1, 10, 8], className: 'LSTM', config: { units: 16, return_sequences: true, return_state: true }, params: 1600, out: [[1, 10, 16], [1, 16], [1, 16]] },
    // reset_after: 3 * (16*(8+16) + 2*16) = 1248.
    { title: 'GRU reset_after true', input: [1, 10, 8], className: 'GRU', config: { units: 16, reset_after: true }, params: 1248, out: [1, 16], macs: 10 * 3 * 16 * 24 },
    // 3 * (16*(8+16) + 16) = 1200.
    { title: 'GRU reset_after false', input: [1, 10, 8], className: 'GRU', config: { units: 16, reset_after: false }, params: 1200, out: [1, 16] },
    // 16*(8+16) + 16 = 400.
    { title: 'SimpleRNN', input: [1, 10, 8], className: 'SimpleRNN', config: { units: 16 }, params: 400, out: [1, 16] },
    // kernel 3*3*3*16 = 432, recurrent 3*3*4*16 = 576, bias 16: 1024.
    { title: 'ConvLSTM2D', input: [1, 5, 8, 8, 3], className: 'ConvLSTM2D', config: { filters: 4, kernel_size: 3, padding: 'same' }, params: 1024, out: [1, 8, 8, 4] },
    // Two LSTMs of 1600, outputs concatenated: 32.
    { title: 'Bidirectional LSTM concat', input: [1, 10, 8], className: 'Bidirectional', config: { merge_mode: 'concat', layer: { class_name: 'LSTM', config: { name: 'lstm', units: 16 } } }, params: 3200, out: [1, 32], macs: 2 * 15360 },
    { title: 'Bidirectional GRU sum', input: [1, 10, 8], className: 'Bidirectional', config: { merge_mode: 'sum', layer: { class_name: 'GRU', config: { name: 'gru', units: 16, reset_after: true } } }, params: 2496, out: [1, 16] },
    { title: 'Bidirectional merge_mode None', input: [1, 10, 8], className: 'Bidirectional', config: { merge_mode: null, layer: { class_name: 'SimpleRNN', config: { name: 'rnn', units: 16 } } }, params: 800, out: [[1, 16], [1, 16]] },
    // Dense 8->4 per timestep: 36 params; MACs 10*8*4 = 320.
    { title: 'TimeDistributed Dense', input: [1, 10, 8], className: 'TimeDistributed', config: { layer: { class_name: 'Dense', config: { name: 'd', units: 4 } } }, params: 36, out: [1, 10, 4], macs: 320 },
  ]);
});
