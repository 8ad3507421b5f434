/**
 * The registry: one line per Keras layer class name (Keras 1 aliases included; their configs are
 * translated to Keras 2 keys by read/keras1.ts before a rule sees them). Adding a layer = one rule in
 * its family file + one line here + a test row.
 */
import { ATTENTION_RULES as A } from './attention.js';
import { CONV_RULES as CV } from './conv.js';
import { CORE_RULES as C } from './core.js';
import { MERGE_RULES as M } from './merge.js';
import { NORMALIZATION_RULES as N } from './normalization.js';
import { POOLING_RULES as P } from './pooling.js';
import { PREPROCESSING_RULES as PP } from './preprocessing.js';
import { RESHAPING_RULES as RS } from './reshaping.js';
import type { LayerRule } from './rule.js';
import { RNN_RULES as R } from './rnn.js';
import { WRAPPER_RULES as W } from './wrappers.js';

/** Every supported Keras layer class, alphabetical. */
export const LAYER_RULES: Readonly<Record<string, LayerRule>> = {
  Activation: C['Activation']!,
  ActivityRegularization: C['ActivityRegularization']!,
  Add: M['Add']!,
  AdditiveAttention: A['AdditiveAttention']!,
  AlphaDropout: C['AlphaDropout']!,
  AtrousConvolution1D: CV['Conv1D']!, // Keras 1
  AtrousConvolution2D: CV['Conv2D']!, // Keras 1
  Attention: A['Attention']!,
  Average: M['Average']!,
  AveragePooling1D: P['AveragePooling1D']!,
  AveragePooling2D: P['AveragePooling2D']!,
  AveragePooling3D: P['AveragePooling3D']!,
  AvgPool1D: P['AveragePooling1D']!,
  AvgPool2D: P['AveragePooling2D']!,
  AvgPool3D: P['AveragePooling3D']!,
  BatchNormalization: N['BatchNormalization']!,
  Bidirectional: W['Bidirectional']!,
  CenterCrop: PP['CenterCrop']!,
  Concatenate: M['Concatenate']!,
  Conv1D: CV['Conv1D']!,
  Conv1DTranspose: CV['Conv1DTranspose']!,
  Conv2D: CV['Conv2D']!,
  Conv2DTranspose: CV['Conv2DTranspose']!,
  Conv3D: CV['Conv3D']!,
  Conv3DTranspose: CV['Conv3DTranspose']!,
  ConvLSTM1D: R['ConvLSTM1D']!,
  ConvLSTM2D: R['ConvLSTM2D']!,
  ConvLSTM3D: R['ConvLSTM3D']!,
  Convolution1D: CV['Conv1D']!, // Keras 1
  Convolution2D: CV['Conv2D']!, // Keras 1
  Convolution2DTranspose: CV['Conv2DTranspose']!,
  Convolution3D: CV['Conv3D']!, // Keras 1
  Cropping1D: RS['Cropping1D']!,
  Cropping2D: RS['Cropping2D']!,
  Cropping3D: RS['Cropping3D']!,
  CuDNNGRU: R['CuDNNGRU']!,
  CuDNNLSTM: R['CuDNNLSTM']!,
  Deconvolution2D: CV['Conv2DTranspose']!, // Keras 1
  Deconvolution3D: CV['Conv3DTranspose']!, // Keras 1
  Dense: C['Dense']!,
  DepthwiseConv1D: CV['DepthwiseConv1D']!,
  DepthwiseConv2D: CV['DepthwiseConv2D']!,
  Dot: M['Dot']!,
  Dropout: C['Dropout']!,
  ELU: C['ELU']!,
  EinsumDense: C['EinsumDense']!,
  Embedding: C['Embedding']!,
  Flatten: C['Flatten']!,
  GRU: R['GRU']!,
  GaussianDropout: C['GaussianDropout']!,
  GaussianNoise: C['GaussianNoise']!,
  GlobalAveragePooling1D: P['GlobalAveragePooling1D']!,
  GlobalAveragePooling2D: P['GlobalAveragePooling2D']!,
  GlobalAveragePooling3D: P['GlobalAveragePooling3D']!,
  GlobalAvgPool1D: P['GlobalAveragePooling1D']!,
  GlobalAvgPool2D: P['GlobalAveragePooling2D']!,
  GlobalAvgPool3D: P['GlobalAveragePooling3D']!,
  GlobalMaxPool1D: P['GlobalMaxPooling1D']!,
  GlobalMaxPool2D: P['GlobalMaxPooling2D']!,
  GlobalMaxPool3D: P['GlobalMaxPooling3D']!,
  GlobalMaxPooling1D: P['GlobalMaxPooling1D']!,
  GlobalMaxPooling2D: P['GlobalMaxPooling2D']!,
  GlobalMaxPooling3D: P['GlobalMaxPooling3D']!,
  GroupNormalization: N['GroupNormalization']!,
  Identity: C['Identity']!,
  LSTM: R['LSTM']!,
  LayerNormalization: N['LayerNormalization']!,
  LeakyReLU: C['LeakyReLU']!,
  Masking: C['Masking']!,
  MaxPool1D: P['MaxPooling1D']!,
  MaxPool2D: P['MaxPooling2D']!,
  MaxPool3D: P['MaxPooling3D']!,
  MaxPooling1D: P['MaxPooling1D']!,
  MaxPooling2D: P['MaxPooling2D']!,
  MaxPooling3D: P['MaxPooling3D']!,
  Maximum: M['Maximum']!,
  Merge: M['Merge']!, // Keras 1
  Minimum: M['Minimum']!,
  MultiHeadAttention: A['MultiHeadAttention']!,
  Multiply: M['Multiply']!,
  Normalization: PP['Normalization']!,
  PReLU: C['PReLU']!,
  Permute: C['Permute']!,
  RandomBrightness: PP['RandomBrightness']!,
  RandomContrast: PP['RandomContrast']!,
  RandomCrop: PP['RandomCrop']!,
  RandomFlip: PP['RandomFlip']!,
  RandomHeight: PP['RandomHeight']!,
  RandomRotation: PP['RandomRotation']!,
  RandomTranslation: PP['RandomTranslation']!,
  RandomWidth: PP['RandomWidth']!,
  RandomZoom: PP['RandomZoom']!,
  ReLU: C['ReLU']!,
  RepeatVector: C['RepeatVector']!,
  Rescaling: PP['Rescaling']!,
  Reshape: C['Reshape']!,
  Resizing: PP['Resizing']!,
  SeparableConv1D: CV['SeparableConv1D']!,
  SeparableConv2D: CV['SeparableConv2D']!,
  SeparableConvolution1D: CV['SeparableConv1D']!,
  SeparableConvolution2D: CV['SeparableConv2D']!, // Keras 1
  SimpleRNN: R['SimpleRNN']!,
  Softmax: C['Softmax']!,
  SpatialDropout1D: C['SpatialDropout1D']!,
  SpatialDropout2D: C['SpatialDropout2D']!,
  SpatialDropout3D: C['SpatialDropout3D']!,
  Subtract: M['Subtract']!,
  ThresholdedReLU: C['ThresholdedReLU']!,
  TimeDistributed: W['TimeDistributed']!,
  UnitNormalization: N['UnitNormalization']!,
  UpSampling1D: RS['UpSampling1D']!,
  UpSampling2D: RS['UpSampling2D']!,
  UpSampling3D: RS['UpSampling3D']!,
  ZeroPadding1D: RS['ZeroPadding1D']!,
  ZeroPadding2D: RS['ZeroPadding2D']!,
  ZeroPadding3D: RS['ZeroPadding3D']!,
};

/** The rule of a class name; tf.js and Keras 3 prefixes (`keras.layers>`, module paths) are not part of it. */
export function ruleFor(className: string): LayerRule | undefined {
  return Object.prototype.hasOwnProperty.call(LAYER_RULES, className) ? LAYER_RULES[className] : undefined;
}
