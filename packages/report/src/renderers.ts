/**
 * `@modelcost/report/renderers`: the renderers and the diff without the config parser (no YAML), for
 * callers that only print (the CLI's `profile` and `diff` load this at start-up).
 */
export { delta, diffReports, DIFF_METRICS, type Delta, type DiffMetric, type LayerChange, type ReportDiff, type TensorChange } from './diff.js';
export { commentMarker, flopsChart, human, modelChange, percent, renderComment, renderDiffText, type CommentOptions, type ModelChange } from './render.js';
export { renderCsv, renderProfileTable, type TableOptions } from './profile-render.js';
