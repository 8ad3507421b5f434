/**
 * Keras model files for tools/bench/keras/bench.mjs, written at bench time (never committed): the
 * sizes issue 16 measured, and the hostile shapes it names.
 */

/** A Keras 2 Functional model of `n` Dense layers in a chain (a 300k-layer model is ~60 MB of JSON). */
export function denseChain(n, units = 4) {
  const layers = [{ class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_input_shape: [null, units], dtype: 'float32' }, inbound_nodes: [] }];
  let prev = 'x';
  for (let i = 0; i < n; i++) {
    const name = `d${i}`;
    layers.push({ class_name: 'Dense', name, config: { name, units, activation: 'relu', use_bias: true }, inbound_nodes: [[[prev, 0, 0, {}]]] });
    prev = name;
  }
  return { class_name: 'Functional', keras_version: '2.15.0', backend: 'tensorflow', config: { name: 'chain', layers, input_layers: [['x', 0, 0]], output_layers: [[prev, 0, 0]] } };
}

/** A model nested `depth` levels deep: each level a Functional holding the next one, called once. */
export function nestedDeep(depth) {
  let inner = { class_name: 'Functional', config: { name: `m${depth}`, layers: [{ class_name: 'InputLayer', name: `i${depth}`, config: { name: `i${depth}`, batch_input_shape: [null, 4] }, inbound_nodes: [] }, { class_name: 'Dense', name: `d${depth}`, config: { name: `d${depth}`, units: 4 }, inbound_nodes: [[[`i${depth}`, 0, 0, {}]]] }], input_layers: [[`i${depth}`, 0, 0]], output_layers: [[`d${depth}`, 0, 0]] } };
  for (let level = depth - 1; level >= 0; level--) {
    const child = { ...inner, name: `m${level + 1}`, inbound_nodes: [[[`i${level}`, 0, 0, {}]]] };
    inner = { class_name: 'Functional', config: { name: `m${level}`, layers: [{ class_name: 'InputLayer', name: `i${level}`, config: { name: `i${level}`, batch_input_shape: [null, 4] }, inbound_nodes: [] }, child], input_layers: [[`i${level}`, 0, 0]], output_layers: [[`m${level + 1}`, 1, 0]] } };
  }
  return { ...inner, keras_version: '2.15.0', backend: 'tensorflow' };
}

/**
 * Functional models nested `levels` deep, each level calling the one below `calls` times in a
 * chain (issue 16: 10 calls per level took 25 s and 3 GB when every call was expanded).
 */
export function reusedNested(levels, calls) {
  let inner = { class_name: 'Functional', config: { name: 'leaf', layers: [{ class_name: 'InputLayer', name: 'leaf_in', config: { name: 'leaf_in', batch_input_shape: [null, 8] }, inbound_nodes: [] }, { class_name: 'Dense', name: 'leaf_dense', config: { name: 'leaf_dense', units: 8 }, inbound_nodes: [[['leaf_in', 0, 0, {}]]] }], input_layers: [['leaf_in', 0, 0]], output_layers: [['leaf_dense', 0, 0]] } };
  let innerName = 'leaf';
  for (let level = 0; level < levels; level++) {
    const name = `level${level}`;
    const input = `${name}_in`;
    // The nested model's calls: call k reads call k-1's output (Keras 2 numbers them from 1).
    const nodes = [];
    for (let k = 0; k < calls; k++) nodes.push([[k === 0 ? input : innerName, k === 0 ? 0 : k, 0, {}]]);
    const child = { ...inner, name: innerName, inbound_nodes: nodes };
    inner = { class_name: 'Functional', config: { name, layers: [{ class_name: 'InputLayer', name: input, config: { name: input, batch_input_shape: [null, 8] }, inbound_nodes: [] }, child], input_layers: [[input, 0, 0]], output_layers: [[innerName, calls, 0]] } };
    innerName = name;
  }
  return { ...inner, keras_version: '2.15.0', backend: 'tensorflow' };
}

/** A Dense layer whose config holds `depth` nested lists (issue 18: a stack overflow before). */
export function deepLists(depth) {
  const deep = '['.repeat(depth) + ']'.repeat(depth);
  return `{"class_name":"Sequential","keras_version":"2.13.1","config":{"name":"s","layers":[{"class_name":"InputLayer","config":{"name":"in","batch_input_shape":[null,8]}},{"class_name":"Dense","config":{"name":"d","units":4,"junk":${deep}}}]}}`;
}
