/**
 * Hostile and honest ONNX models, built at test time (nothing large is committed): names carrying
 * markdown, HTML, mentions and terminal escapes; negative and enormous dims; functions that call
 * themselves; nested Loops.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Dims = readonly (number | string)[];

const FLOAT = 1;
const INT64 = 7;
const BOOL = 9;

function vi(name: string, dims: Dims, elemType = FLOAT) {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

function encode(graph: object, extra: object = {}): Uint8Array {
  return onnx.ModelProto.encode({ irVersion: 8, producerName: 'modelcost-security-tests', opsetImport: [{ domain: '', version: 17 }], graph, ...extra }).finish();
}

/** A float32 initializer of the given dims, every byte `fill` (0xff: NaNs, and bytes that are not UTF-8). */
function weight(name: string, dims: readonly number[], fill = 0) {
  const n = dims.reduce((a, b) => a * b, 1);
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(Math.max(0, n) * 4).fill(fill) };
}

/** Options of {@link namedModel}: every string lands in the report (node, tensor, op names). */
export interface NamedModelOptions {
  /** The MatMul node's name. */
  readonly node?: string;
  /** The graph input and output names. */
  readonly input?: string;
  readonly output?: string;
  /** Columns of the weight: change it to make a head that differs from its base. */
  readonly width?: number;
  /** An op without a cost rule (custom domain), with this op type, after the MatMul. */
  readonly customOp?: string;
  /** Producer name (shown in the terminal table). */
  readonly producer?: string;
}

/** X[1,8] -> MatMul(W[8,width]) -> [custom op] -> Y: 8*width MACs, 8*width params. */
export function namedModel(o: NamedModelOptions = {}): Uint8Array {
  const width = o.width ?? 4;
  const input = o.input ?? 'X';
  const output = o.output ?? 'Y';
  const mm = o.customOp ? 'mm_out' : output;
  const nodes: object[] = [{ name: o.node ?? 'matmul', opType: 'MatMul', input: [input, 'W'], output: [mm] }];
  if (o.customOp) nodes.push({ name: `${o.node ?? 'custom'}_custom`, opType: o.customOp, domain: 'com.example', input: [mm], output: [output] });
  return encode(
    { name: 'g', node: nodes, initializer: [weight('W', [8, width])], input: [vi(input, [1, 8])], output: [vi(output, [1, width])] },
    { producerName: o.producer ?? 'modelcost-security-tests', opsetImport: [{ domain: '', version: 17 }, ...(o.customOp ? [{ domain: 'com.example', version: 1 }] : [])] },
  );
}

/** An initializer whose dims are negative ([-4, 1000000]: -4 M elements), feeding a MatMul. */
export function negativeDimsModel(): Uint8Array {
  return encode({
    name: 'neg',
    node: [{ name: 'mm', opType: 'MatMul', input: ['X', 'W'], output: ['Y'] }],
    initializer: [{ name: 'W', dims: [-4, 1_000_000], dataType: FLOAT }],
    input: [vi('X', [1, -4])],
    output: [vi('Y', [1, 1_000_000])],
  });
}

/** MatMul of two graph inputs of 2^31 x 2^31: 2^93 MACs, far beyond 2^53. */
export function hugeDimsModel(): Uint8Array {
  const n = 2 ** 31;
  return encode({
    name: 'huge',
    node: [{ name: 'mm', opType: 'MatMul', input: ['A', 'B'], output: ['Y'] }],
    input: [vi('A', [n, n]), vi('B', [n, n])],
    output: [vi('Y', [n, n])],
  });
}

/** A model-local function that calls itself (or, with `mutual`, F calls G calls F). */
export function recursiveFunctionModel(mutual = false): Uint8Array {
  const fn = (name: string, callee: string) => ({ name, domain: 'local', input: ['x'], output: ['y'], node: [{ opType: callee, domain: 'local', input: ['x'], output: ['y'] }], opsetImport: [{ domain: '', version: 17 }, { domain: 'local', version: 1 }] });
  return encode(
    { name: 'rec', node: [{ name: 'call', opType: 'F', domain: 'local', input: ['X'], output: ['Y'] }], input: [vi('X', [1, 8])], output: [vi('Y', [1, 8])] },
    { opsetImport: [{ domain: '', version: 17 }, { domain: 'local', version: 1 }], functions: mutual ? [fn('F', 'G'), fn('G', 'F')] : [fn('F', 'F')] },
  );
}

/** `levels` nested Loops of `trips` iterations around a 1x1 MatMul (the 595-byte bomb of issue 16 at 4 x 64). */
export function loopBombModel(levels = 4, trips = 64): Uint8Array {
  const tensor = (name: string, dataType: number, dims: number[], bytes: number[]) => ({ name, dataType, dims, rawData: new Uint8Array(bytes) });
  const tripBytes = [...new Uint8Array(new BigInt64Array([BigInt(trips)]).buffer)];
  let body: object = {
    name: 'inner',
    node: [
      { opType: 'Identity', input: ['cond_in'], output: ['cond_out'] },
      { opType: 'MatMul', input: ['v_in', 'v_in'], output: ['v_out'] },
    ],
    input: [vi('i', [], INT64), vi('cond_in', [], BOOL), vi('v_in', [1, 1])],
    output: [vi('cond_out', [], BOOL), vi('v_out', [1, 1])],
  };
  for (let l = 1; l < levels; l++) {
    body = {
      name: `level${l}`,
      node: [
        { opType: 'Identity', input: ['cond_in'], output: ['cond_out'] },
        { opType: 'Constant', output: ['M'], attribute: [{ name: 'value', type: 4, t: tensor('M', INT64, [], tripBytes) }] },
        { opType: 'Constant', output: ['T'], attribute: [{ name: 'value', type: 4, t: tensor('T', BOOL, [], [1]) }] },
        { opType: 'Loop', input: ['M', 'T', 'v_in'], output: ['v_out'], attribute: [{ name: 'body', type: 5, g: body }] },
      ],
      input: [vi('i', [], INT64), vi('cond_in', [], BOOL), vi('v_in', [1, 1])],
      output: [vi('cond_out', [], BOOL), vi('v_out', [1, 1])],
    };
  }
  return encode({
    name: 'bomb',
    node: [{ name: 'outer', opType: 'Loop', input: ['M', 'T', 'X'], output: ['Y'], attribute: [{ name: 'body', type: 5, g: body }] }],
    initializer: [tensor('M', INT64, [], tripBytes), tensor('T', BOOL, [], [1])],
    input: [vi('X', [1, 1])],
    output: [vi('Y', [1, 1])],
  });
}

/**
 * A chain of MatMuls X[1,w] -> ... -> Y, one per name: node `name`, output tensor `${name}:out`,
 * weight `${name}:w` of w x w. w^2 MACs and w^2 params per node. With `customOp`, an op of that type
 * (custom domain, no cost rule) ends the chain.
 */
export function chainModel(names: readonly string[], width: number, customOp?: string, fill = 0): Uint8Array {
  const nodes: object[] = [];
  const inits: object[] = [];
  let prev = 'X';
  names.forEach((name, i) => {
    const out = i === names.length - 1 && !customOp ? 'Y' : `${name}:out`;
    nodes.push({ name, opType: 'MatMul', input: [prev, `${name}:w`], output: [out] });
    inits.push(weight(`${name}:w`, [width, width], fill));
    prev = out;
  });
  if (customOp) nodes.push({ name: `${customOp}-node`, opType: customOp, domain: 'com.example', input: [prev], output: ['Y'] });
  return encode(
    { name: 'chain', node: nodes, initializer: inits, input: [vi('X', [1, width])], output: [vi('Y', [1, width])] },
    { opsetImport: [{ domain: '', version: 17 }, ...(customOp ? [{ domain: 'com.example', version: 1 }] : [])] },
  );
}
