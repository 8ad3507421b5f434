/**
 * @modelcost/core: pure TypeScript (no fs, process or network), runs in Node and browsers.
 * Symbolic dims and polynomials, the IR, cost kernels and conventions, memory analysis,
 * hardware profiles, the latency estimator and the Report type.
 */
export * from './symbolic/poly.js';
export * from './symbolic/dim.js';
export * from './symbolic/defaults.js';
export * from './symbolic/facts.js';
export * from './ir/dtype.js';
export * from './ir/graph.js';
export * from './cost/types.js';
export * from './cost/conventions.js';
export * from './cost/conv.js';
export * from './cost/matmul.js';
export * from './cost/elementwise.js';
export * from './cost/layers.js';
export * from './memory/memory.js';
export * from './report/report.js';
export * from './report/build.js';
export * from './report/dims.js';
export * from './report/count.js';
export * from './report/modules.js';
export * from './io/byte-source.js';
export * from './hardware/profile.js';
export * from './hardware/index.js';
export * from './hardware/estimate.js';
export * from './hardware/fit.js';
export * from './io/hdf5-signature.js';
export * from './io/import-error.js';
export * from './io/lfs.js';
export * from './io/random.js';
export * from './io/work-budget.js';
export * from './util/text.js';
export * from './util/dict.js';
export * from './util/arrays.js';
export * from './util/name-table.js';
export * from './util/exact-sum.js';
