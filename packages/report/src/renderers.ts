/**
 * `@modelcost/report/renderers`: the renderers and the diff without the config parser (no YAML), for
 * callers that only print (the CLI's `profile` and `diff` load this at start-up).
 */
export { delta, diffModules, diffReports, DIFF_METRICS, msDelta, selectModuleChanges, type Delta, type DiffMetric, type LayerChange, type ModuleChange, type ModuleSelection, type MsDelta, type ReportDiff, type TensorChange } from './diff.js';
export { commentMarker, flopsChart, human, isOwnComment, modelChange, percent, renderComment, renderDiffText, type CommentOptions, type ConfigChangeNote, type DiffTextOptions, type ModelChange } from './render.js';
export { cellCode, code, csvCell, sanitize, summary, term, text } from './escape.js';
export { defaultTreeDepth, DEFAULT_TREE_ROWS, renderCsv, renderModuleCsv, renderProfileTable, type TableOptions } from './profile-render.js';
