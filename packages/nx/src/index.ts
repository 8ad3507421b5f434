/**
 * @modelcost/nx: an Nx plugin inferring a cached `modelcost` target (executor `@modelcost/nx:profile`)
 * for every project holding models selected by `.modelcost.yml`, and the `init` generator.
 */
import { createNodesV2 } from './plugin.js';

export { createNodesV2 };
/** Nx 21+ reads `createNodes` (same signature as `createNodesV2`, which older Nx versions read). */
export const createNodes = createNodesV2;
export { createModelcostNodes, modelcostTarget, PROJECT_FILES_GLOB, type ModelcostPluginOptions } from './plugin.js';
export { default as profileExecutor, type ProfileExecutorOptions, type ReportsIndex, INDEX_FILE, outputDir } from './executors/profile/executor.js';
export { default as initGenerator, type InitGeneratorOptions } from './generators/init/generator.js';
export { CONFIG_FILE, findConfig, findProjectModels, modelInputs } from './models.js';
export type { ReportsIndexEntry } from '@modelcost/report';
