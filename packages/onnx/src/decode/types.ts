/**
 * The decoded form of an ONNX file: plain data mirroring onnx.proto (IR 3 through 13), with three
 * deliberate changes that make it convenient for building the IR:
 *
 * - weights are layouts, never bytes: every TensorProto becomes an {@link OnnxTensor} (a core
 *   `Weight`) whose `location` says where its payload lies; small numeric tensors also carry
 *   `values` (shape computation needs Reshape shapes, Slice starts, Constant scalars);
 * - the default operator-set domain (`''` in the file) is spelled `ai.onnx` everywhere;
 * - element types are core dtype names (`float32`), with the raw ONNX code kept beside them.
 *
 * Field-for-field: every onnx.proto field is here except the deprecated ones onnx.proto reserves
 * (AttributeProto.v, FunctionProto.since_version/status). Absent strings are `''`, absent
 * repeated fields `[]`. Key-value lists (`metadata_props`, `external_data`...) become records
 * with null prototypes; a repeated key keeps its last value.
 */
import type { DType, Weight } from '@modelcost/core';

/** One dim of a declared shape: a size, a symbol (`dim_param`), or `null` when the file gives neither. */
export type OnnxDim = number | string | null;

/** A declared type (`TypeProto`). */
export type OnnxType =
  | OnnxTensorType
  | OnnxSparseTensorType
  | OnnxSequenceType
  | OnnxMapType
  | OnnxOptionalType
  | OnnxOpaqueType
  | OnnxUnsetType;

interface OnnxTypeBase {
  /** `TypeProto.denotation` (`IMAGE`, `TEXT`...), `''` when absent. */
  readonly denotation: string;
}

/** `tensor_type`: element type and, when declared, a shape. */
export interface OnnxTensorType extends OnnxTypeBase {
  readonly kind: 'tensor';
  readonly elemType: DType;
  /** Raw `elem_type` code (0 when absent). */
  readonly elemTypeCode: number;
  /** One entry per axis; `undefined` when the type has no shape at all (rank unknown). */
  readonly shape: readonly OnnxDim[] | undefined;
  /** `Dimension.denotation` per axis (`DATA_BATCH`...), only when some axis has one. */
  readonly dimDenotations?: readonly string[];
}

/** `sparse_tensor_type`. */
export interface OnnxSparseTensorType extends OnnxTypeBase {
  readonly kind: 'sparse_tensor';
  readonly elemType: DType;
  readonly elemTypeCode: number;
  readonly shape: readonly OnnxDim[] | undefined;
  readonly dimDenotations?: readonly string[];
}

/** `sequence_type`: `elemType` undefined when the file omits it. */
export interface OnnxSequenceType extends OnnxTypeBase {
  readonly kind: 'sequence';
  readonly elemType: OnnxType | undefined;
}

/** `map_type`: integer or string keys. */
export interface OnnxMapType extends OnnxTypeBase {
  readonly kind: 'map';
  readonly keyType: DType;
  readonly keyTypeCode: number;
  readonly valueType: OnnxType | undefined;
}

/** `optional_type`. */
export interface OnnxOptionalType extends OnnxTypeBase {
  readonly kind: 'optional';
  readonly elemType: OnnxType | undefined;
}

/** `opaque_type` (onnx-ml). */
export interface OnnxOpaqueType extends OnnxTypeBase {
  readonly kind: 'opaque';
  readonly domain: string;
  readonly name: string;
}

/** A TypeProto with none of its `value` oneof set. */
export interface OnnxUnsetType extends OnnxTypeBase {
  readonly kind: 'unset';
}

/** Where a tensor's elements were stored in the file. */
export type OnnxTensorStorage =
  | 'raw_data'
  | 'float_data'
  | 'int32_data'
  | 'string_data'
  | 'int64_data'
  | 'double_data'
  | 'uint64_data'
  | 'external'
  /** No data field at all (an empty tensor, or a TensorProto used as a type carrier). */
  | 'none';

/**
 * A `TensorProto` as a core `Weight`: layout, never payload.
 *
 * - `dims` are the declared dims; `elementCount` their product (1 for a scalar).
 * - `byteLength` is the in-memory size, `ceil(elementCount * bits / 8)` (strings: 8 bytes each),
 *   whichever field stored the data; the file's own bytes are `location.length`.
 * - `location`: `inline` with the absolute offset and length of the payload (for unpacked repeated
 *   fields, the span from the first element to the end of the last); `external` with the
 *   `external_data` location (never opened), offset and length (`byteLength` when the file
 *   gives none); `none` when the tensor holds no data.
 * - `values` holds the decoded elements when the tensor is small (see {@link OnnxDecodeOptions}):
 *   integers as numbers (int64/uint64 as bigint when beyond 2^53), bool as 0/1, float16/bfloat16
 *   widened, int4/uint4/int2/uint2 unpacked. fp8/fp4 and complex tensors never carry values.
 */
export interface OnnxTensor extends Weight {
  /** Raw `data_type` code (0 when absent). */
  readonly dataType: number;
  readonly elementCount: number;
  readonly storage: OnnxTensorStorage;
  /** UTF-8 elements of a small string tensor. */
  readonly strings?: readonly string[];
  /** `external_data` key-value pairs (`location`, `offset`, `length`, `checksum`...). */
  readonly externalData?: Readonly<Record<string, string>>;
  /** `segment` of a chunked tensor. */
  readonly segment?: { readonly begin: number; readonly end: number };
  readonly docString: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** Absolute offset of the TensorProto message itself. */
  readonly offset: number;
}

/** A `SparseTensorProto`: `dims` is the dense shape; `values` (shape [NNZ]) names it. */
export interface OnnxSparseTensor {
  readonly name: string;
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly values: OnnxTensor | undefined;
  /** Shape [NNZ] (linearized) or [NNZ, rank]. */
  readonly indices: OnnxTensor | undefined;
  /** Payload bytes of values plus indices. */
  readonly byteLength: number;
}

/** Attribute type names, as onnx.proto's `AttributeType` enum in lower case. */
export type OnnxAttributeType =
  | 'undefined'
  | 'float'
  | 'int'
  | 'string'
  | 'tensor'
  | 'graph'
  | 'sparse_tensor'
  | 'type_proto'
  | 'floats'
  | 'ints'
  | 'strings'
  | 'tensors'
  | 'graphs'
  | 'sparse_tensors'
  | 'type_protos';

interface AttrBase {
  readonly name: string;
  readonly docString: string;
}

/**
 * An `AttributeProto`, discriminated by `type`. When the file omits `type` (IR 1), it is inferred
 * from the value field present. Inside functions, `type: 'ref'` stands for an attribute taken from
 * the calling node (`ref_attr_name`), with the declared type in `refType`.
 */
export type OnnxAttribute =
  | (AttrBase & { readonly type: 'float'; readonly value: number })
  | (AttrBase & { readonly type: 'int'; readonly value: number | bigint })
  | (AttrBase & { readonly type: 'string'; readonly value: string })
  | (AttrBase & { readonly type: 'tensor'; readonly value: OnnxTensor })
  | (AttrBase & { readonly type: 'graph'; readonly value: OnnxGraph })
  | (AttrBase & { readonly type: 'sparse_tensor'; readonly value: OnnxSparseTensor })
  | (AttrBase & { readonly type: 'type_proto'; readonly value: OnnxType })
  | (AttrBase & { readonly type: 'floats'; readonly value: readonly number[] })
  | (AttrBase & { readonly type: 'ints'; readonly value: readonly (number | bigint)[] })
  | (AttrBase & { readonly type: 'strings'; readonly value: readonly string[] })
  | (AttrBase & { readonly type: 'tensors'; readonly value: readonly OnnxTensor[] })
  | (AttrBase & { readonly type: 'graphs'; readonly value: readonly OnnxGraph[] })
  | (AttrBase & { readonly type: 'sparse_tensors'; readonly value: readonly OnnxSparseTensor[] })
  | (AttrBase & { readonly type: 'type_protos'; readonly value: readonly OnnxType[] })
  | (AttrBase & { readonly type: 'ref'; readonly refAttrName: string; readonly refType: OnnxAttributeType })
  | (AttrBase & { readonly type: 'undefined' });

/** Multi-device sharding of one dim (`SimpleShardedDimProto`, IR 11). */
export interface OnnxSimpleShardedDim {
  readonly dim: OnnxDim;
  readonly numShards: number;
}

/** `ShardingSpecProto` (IR 11). */
export interface OnnxShardingSpec {
  readonly tensorName: string;
  readonly devices: readonly number[];
  readonly indexToDeviceGroupMap: readonly { readonly key: number; readonly value: readonly number[] }[];
  readonly shardedDims: readonly { readonly axis: number; readonly simpleSharding: readonly OnnxSimpleShardedDim[] }[];
}

/** `NodeDeviceConfigurationProto` (IR 11). */
export interface OnnxNodeDeviceConfiguration {
  readonly configurationId: string;
  readonly shardingSpecs: readonly OnnxShardingSpec[];
  readonly pipelineStage: number | undefined;
}

/** `DeviceConfigurationProto` (IR 11). */
export interface OnnxDeviceConfiguration {
  readonly name: string;
  readonly numDevices: number;
  readonly devices: readonly string[];
}

/** A `NodeProto`. */
export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  /** `ai.onnx` for the default domain. */
  readonly domain: string;
  /** Selects a model-local function overload (IR 10), `''` when absent. */
  readonly overload: string;
  /** Input value names; `''` marks an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** By attribute name (null prototype). */
  readonly attributes: Readonly<Record<string, OnnxAttribute>>;
  readonly docString: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly deviceConfigurations: readonly OnnxNodeDeviceConfiguration[];
}

/** A `ValueInfoProto`: `type` undefined when the file gives none. */
export interface OnnxValueInfo {
  readonly name: string;
  readonly type: OnnxType | undefined;
  readonly docString: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** A `TensorAnnotation`: quantization parameters (`SCALE_TENSOR`, `ZERO_POINT_TENSOR`) of a tensor. */
export interface OnnxTensorAnnotation {
  readonly tensorName: string;
  readonly quantParameterTensorNames: Readonly<Record<string, string>>;
}

/** A `GraphProto` (the main graph or a subgraph held by an attribute). */
export interface OnnxGraph {
  readonly name: string;
  readonly docString: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly sparseInitializers: readonly OnnxSparseTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly valueInfo: readonly OnnxValueInfo[];
  readonly quantizationAnnotations: readonly OnnxTensorAnnotation[];
  readonly metadata: Readonly<Record<string, string>>;
}

/** An operator set import. */
export interface OnnxOpset {
  /** `ai.onnx` for the default domain. */
  readonly domain: string;
  readonly version: number;
}

/** A model-local `FunctionProto` (IR 8+), called by nodes whose (domain, opType, overload) match. */
export interface OnnxFunction {
  readonly name: string;
  /** `ai.onnx` when empty in the file, as for nodes. */
  readonly domain: string;
  readonly overload: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Attribute parameters without defaults (`attribute`). */
  readonly attributes: readonly string[];
  /** Attribute parameters with defaults (`attribute_proto`, IR 9), by name. */
  readonly attributeDefaults: Readonly<Record<string, OnnxAttribute>>;
  readonly nodes: readonly OnnxNode[];
  readonly opsets: readonly OnnxOpset[];
  readonly valueInfo: readonly OnnxValueInfo[];
  readonly docString: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** A `TrainingInfoProto` (IR 7): decoded for completeness; inference ignores it. */
export interface OnnxTrainingInfo {
  readonly initialization: OnnxGraph | undefined;
  readonly algorithm: OnnxGraph | undefined;
  readonly initializationBinding: Readonly<Record<string, string>>;
  readonly updateBinding: Readonly<Record<string, string>>;
}

/** A non-fatal oddity found while decoding (surfaced as a diagnostic by the importer). */
export interface OnnxDecodeWarning {
  readonly code: 'data-size' | 'data-count' | 'negative-dim' | 'duplicate-attribute' | 'unknown-data-type';
  readonly message: string;
  /** Absolute byte offset of the message concerned. */
  readonly offset: number;
}

/** A decoded `ModelProto`. */
export interface OnnxModel {
  /** `ir_version` (0 when absent). */
  readonly irVersion: number;
  readonly opsets: readonly OnnxOpset[];
  readonly producer: { readonly name: string; readonly version: string };
  readonly domain: string;
  readonly modelVersion: number | bigint;
  readonly docString: string;
  readonly graph: OnnxGraph;
  readonly functions: readonly OnnxFunction[];
  /** `metadata_props`. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly trainingInfo: readonly OnnxTrainingInfo[];
  /** `configuration` (IR 11 multi-device). */
  readonly deviceConfigurations: readonly OnnxDeviceConfiguration[];
  readonly warnings: readonly OnnxDecodeWarning[];
  /** Size of the input in bytes. */
  readonly sizeBytes: number;
}

/** Options of every decode entry point. */
export interface OnnxDecodeOptions {
  /** Label naming the input in messages and errors (usually its path). Default `input`. */
  readonly file?: string;
  /**
   * Decode `values` of integer and bool tensors with at most this many elements. Default 4096:
   * every shape operand real models carry, while a weight matrix is never read.
   */
  readonly maxValueElements?: number;
  /** Same for floating-point tensors (Resize scales, Constant scalars, Clip bounds). Default 256. */
  readonly maxFloatValueElements?: number;
  /** Deepest message nesting accepted. Default 100. */
  readonly maxDepth?: number;
  /** Most entries in one repeated field. Default 50,000,000. */
  readonly maxListEntries?: number;
  /**
   * Most dims one tensor or tensor type may list (its rank). Default 1,024: real tensors have a
   * handful, and a hostile 40,000,000-dim initializer is refused before its dims are held.
   */
  readonly maxRank?: number;
  /** Called for each non-fatal oddity (`decodeModel` also returns them in `OnnxModel.warnings`). */
  readonly onWarning?: (warning: OnnxDecodeWarning) => void;
  /**
   * A work budget ticked as nodes, initializers and value infos are read (core's `WorkBudget.tick`,
   * every 256 entries: its clock and memory limits end the read of a huge file with a `WorkLimitError`).
   */
  readonly budget?: { tick(where?: string, n?: number): void };
}

/** A value from a test-data file (`input_N.pb` / `output_N.pb`): onnx-data.proto messages. */
export type OnnxValue =
  | { readonly kind: 'tensor'; readonly name: string; readonly tensor: OnnxTensor }
  | { readonly kind: 'sparse_tensor'; readonly name: string; readonly tensor: OnnxSparseTensor }
  | {
      readonly kind: 'sequence';
      readonly name: string;
      /** `SequenceProto.elem_type`: which kind the elements are (`undefined` when 0/absent). */
      readonly elemKind: OnnxValueKind | undefined;
      readonly elements: readonly OnnxValue[];
    }
  | {
      readonly kind: 'map';
      readonly name: string;
      readonly keyType: DType;
      readonly keyTypeCode: number;
      /** Integer keys (`keys`) or string keys (`string_keys`), in file order. */
      readonly keys: readonly (number | bigint | string)[];
      /** `MapProto.values`: a sequence as long as `keys`. */
      readonly values: OnnxValue | undefined;
    }
  | {
      readonly kind: 'optional';
      readonly name: string;
      readonly elemKind: OnnxValueKind | undefined;
      /** `undefined` for an empty optional. */
      readonly value: OnnxValue | undefined;
    };

/** Kinds of {@link OnnxValue}. */
export type OnnxValueKind = OnnxValue['kind'];
