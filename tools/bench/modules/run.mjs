/**
 * Module-tree benchmark (issue 21): time and heap of core's `buildModuleTree` and report's
 * `diffModules` on synthetic reports of 10^4 to 10^6 nodes named as the TorchScript exporter names
 * them (`/encoder/layer.7/attention/self/query/MatMul`: 8 nodes per leaf module, 6 leaves per block),
 * each node reading the one before. The time per node should stay flat as the size grows (linear);
 * prints figures, asserts nothing (tests stay deterministic).
 * Usage: npx nx run-many -t build --projects=@modelcost/report && node --expose-gc tools/bench/modules/run.mjs [--max 1000000]
 */
import { buildModuleTree } from '@modelcost/core';
import { diffModules } from '@modelcost/report';

const max = Number(process.argv[process.argv.indexOf('--max') + 1]) || 1_000_000;
const LEAVES = ['attention/self/query', 'attention/self/key', 'attention/self/value', 'attention/output/dense', 'intermediate/dense', 'output/dense'];
const OPS = ['MatMul', 'Add', 'Reshape', 'Transpose', 'Constant', 'Mul', 'Div', 'Softmax'];

/** A report-shaped object with `n` nodes (the fields the tree and the diff read). */
function report(n) {
  const nodes = new Array(n);
  for (let i = 0; i < n; i++) {
    const block = Math.floor(i / (LEAVES.length * OPS.length));
    const leaf = LEAVES[Math.floor(i / OPS.length) % LEAVES.length];
    const op = OPS[i % OPS.length];
    const name = `/encoder/layer.${block}/${leaf}/${op}_${i}`;
    nodes[i] = { name, op, domain: 'ai.onnx', inputs: i ? [`t${i - 1}`] : ['x'], outputs: [{ name: `t${i}`, shape: [1, 128, 768], dtype: 'float32' }], params: op === 'MatMul' ? 589824 : 0, macs: op === 'MatMul' ? 75497472 : 0, flops: op === 'MatMul' ? 150994944 : 98304, bytesRead: 393216, bytesWritten: 393216 };
  }
  return { nodes, inputs: [{ name: 'x', shape: [1, 128, 768], dtype: 'float32' }], outputs: [{ name: `t${n - 1}`, shape: [1, 128, 768], dtype: 'float32' }] };
}

const mb = (b) => (b / 2 ** 20).toFixed(1);
console.log('nodes      modules   tree ms   ns/node   diff ms   heap MB (tree)');
for (let n = 10_000; n <= max; n *= 10) {
  const r = report(n);
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const tree = buildModuleTree(r.nodes, () => undefined, r.inputs, r.outputs);
  const t1 = performance.now();
  const heap1 = process.memoryUsage().heapUsed;
  // The head drops the last block: the diff matches every module by name and finds one removed block.
  const base = { ...r, modules: tree.modules, nodes: r.nodes.map((x, i) => ({ ...x, module: tree.nodeModules[i] })) };
  const headTree = buildModuleTree(r.nodes.slice(0, n - LEAVES.length * OPS.length), () => undefined, r.inputs, []);
  const head = { ...r, modules: headTree.modules, nodes: r.nodes.slice(0, n - LEAVES.length * OPS.length).map((x, i) => ({ ...x, module: headTree.nodeModules[i] })) };
  const t2 = performance.now();
  const d = diffModules(base, head);
  const t3 = performance.now();
  console.log(
    `${String(n).padEnd(10)} ${String(tree.modules.length).padEnd(9)} ${(t1 - t0).toFixed(0).padStart(7)}   ${(((t1 - t0) * 1e6) / n).toFixed(0).padStart(7)}   ${(t3 - t2).toFixed(0).padStart(7)}   ${mb(heap1 - heap0).padStart(7)}   (${d.length} module changes)`,
  );
}
