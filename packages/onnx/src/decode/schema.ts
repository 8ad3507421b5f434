/**
 * Message and field names of onnx.proto / onnx-data.proto (IR 13), used to name what was expected
 * in error messages. The field numbers here are the ones the decoders switch on; both follow
 * https://github.com/onnx/onnx/blob/main/onnx/onnx.in.proto.
 */
import type { MessageInfo } from './reader.js';

const m = (name: string, fields: Record<number, string>): MessageInfo => ({ name, fields });

export const MODEL = m('ModelProto', {
  1: 'ir_version', 2: 'producer_name', 3: 'producer_version', 4: 'domain', 5: 'model_version', 6: 'doc_string',
  7: 'graph', 8: 'opset_import', 14: 'metadata_props', 20: 'training_info', 25: 'functions', 26: 'configuration',
});
export const GRAPH = m('GraphProto', {
  1: 'node', 2: 'name', 5: 'initializer', 10: 'doc_string', 11: 'input', 12: 'output', 13: 'value_info',
  14: 'quantization_annotation', 15: 'sparse_initializer', 16: 'metadata_props',
});
export const NODE = m('NodeProto', {
  1: 'input', 2: 'output', 3: 'name', 4: 'op_type', 5: 'attribute', 6: 'doc_string', 7: 'domain', 8: 'overload',
  9: 'metadata_props', 10: 'device_configurations',
});
export const ATTRIBUTE = m('AttributeProto', {
  1: 'name', 2: 'f', 3: 'i', 4: 's', 5: 't', 6: 'g', 7: 'floats', 8: 'ints', 9: 'strings', 10: 'tensors', 11: 'graphs',
  13: 'doc_string', 14: 'tp', 15: 'type_protos', 20: 'type', 21: 'ref_attr_name', 22: 'sparse_tensor', 23: 'sparse_tensors',
});
export const TENSOR = m('TensorProto', {
  1: 'dims', 2: 'data_type', 3: 'segment', 4: 'float_data', 5: 'int32_data', 6: 'string_data', 7: 'int64_data', 8: 'name',
  9: 'raw_data', 10: 'double_data', 11: 'uint64_data', 12: 'doc_string', 13: 'external_data', 14: 'data_location',
  16: 'metadata_props',
});
export const SEGMENT = m('TensorProto.Segment', { 1: 'begin', 2: 'end' });
export const SPARSE_TENSOR = m('SparseTensorProto', { 1: 'values', 2: 'indices', 3: 'dims' });
export const VALUE_INFO = m('ValueInfoProto', { 1: 'name', 2: 'type', 3: 'doc_string', 4: 'metadata_props' });
export const TYPE = m('TypeProto', {
  1: 'tensor_type', 4: 'sequence_type', 5: 'map_type', 6: 'denotation', 7: 'opaque_type', 8: 'sparse_tensor_type',
  9: 'optional_type',
});
export const TYPE_TENSOR = m('TypeProto.Tensor', { 1: 'elem_type', 2: 'shape' });
export const TYPE_SPARSE = m('TypeProto.SparseTensor', { 1: 'elem_type', 2: 'shape' });
export const TYPE_SEQUENCE = m('TypeProto.Sequence', { 1: 'elem_type' });
export const TYPE_MAP = m('TypeProto.Map', { 1: 'key_type', 2: 'value_type' });
export const TYPE_OPTIONAL = m('TypeProto.Optional', { 1: 'elem_type' });
export const TYPE_OPAQUE = m('TypeProto.Opaque', { 1: 'domain', 2: 'name' });
export const SHAPE = m('TensorShapeProto', { 1: 'dim' });
export const DIMENSION = m('TensorShapeProto.Dimension', { 1: 'dim_value', 2: 'dim_param', 3: 'denotation' });
export const OPSET = m('OperatorSetIdProto', { 1: 'domain', 2: 'version' });
export const STRING_ENTRY = m('StringStringEntryProto', { 1: 'key', 2: 'value' });
export const TENSOR_ANNOTATION = m('TensorAnnotation', { 1: 'tensor_name', 2: 'quant_parameter_tensor_names' });
export const TRAINING_INFO = m('TrainingInfoProto', {
  1: 'initialization', 2: 'algorithm', 3: 'initialization_binding', 4: 'update_binding',
});
export const FUNCTION = m('FunctionProto', {
  1: 'name', 4: 'input', 5: 'output', 6: 'attribute', 7: 'node', 8: 'doc_string', 9: 'opset_import', 10: 'domain',
  11: 'attribute_proto', 12: 'value_info', 13: 'overload', 14: 'metadata_props',
});
export const DEVICE_CONFIGURATION = m('DeviceConfigurationProto', { 1: 'name', 2: 'num_devices', 3: 'device' });
export const NODE_DEVICE_CONFIGURATION = m('NodeDeviceConfigurationProto', {
  1: 'configuration_id', 2: 'sharding_spec', 3: 'pipeline_stage',
});
export const SHARDING_SPEC = m('ShardingSpecProto', {
  1: 'tensor_name', 2: 'device', 3: 'index_to_device_group_map', 4: 'sharded_dim',
});
export const INT_INT_LIST_ENTRY = m('IntIntListEntryProto', { 1: 'key', 2: 'value' });
export const SHARDED_DIM = m('ShardedDimProto', { 1: 'axis', 2: 'simple_sharding' });
export const SIMPLE_SHARDED_DIM = m('SimpleShardedDimProto', { 1: 'dim_value', 2: 'dim_param', 3: 'num_shards' });
export const SEQUENCE = m('SequenceProto', {
  1: 'name', 2: 'elem_type', 3: 'tensor_values', 4: 'sparse_tensor_values', 5: 'sequence_values', 6: 'map_values',
  7: 'optional_values',
});
export const MAP = m('MapProto', { 1: 'name', 2: 'key_type', 3: 'keys', 4: 'string_keys', 5: 'values' });
export const OPTIONAL = m('OptionalProto', {
  1: 'name', 2: 'elem_type', 3: 'tensor_value', 4: 'sparse_tensor_value', 5: 'sequence_value', 6: 'map_value',
  7: 'optional_value',
});
