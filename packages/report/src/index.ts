/**
 * @modelcost/report: what a person reads. The diff of two Reports and its renderers (PR comment
 * markdown, terminal table), shared by the CLI, the GitHub Action and the Danger plugin.
 */
export { delta, diffReports, latencyKey, DIFF_METRICS, type Delta, type DiffMetric, type LayerChange, type ReportDiff, type TensorChange } from './diff.js';
export { commentMarker, flopsChart, human, modelChange, percent, renderComment, renderDiffText, type CommentOptions, type ModelChange } from './render.js';
export { BUDGET_METRICS, PRECISIONS, parseConfig, parseIncrease, parseMs, parseSize, type BudgetMetric, type BudgetRule, type Increase, type Limits, type ModelcostConfig, type ParseResult, type Precision } from './config.js';
export { evaluateBudgets, rulesFor, type Breach } from './budgets.js';
export { MESSAGES } from './messages.js';
export { review, type FileChange, type ReadAt, type ReviewOptions, type ReviewResult } from './review.js';
export { loadReportsDir, type ReportsIndexEntry, type StoredReports } from './reports-dir.js';
export { renderCsv, renderProfileTable, type TableOptions } from './profile-render.js';
export {
  importerFor,
  MODEL_FORMATS,
  ModelReadError,
  profileModel,
  profileWith,
  sniffFormat,
  sniffSource,
  type Importer,
  type ImporterName,
  type ModelFormat,
  type ModelFormatEntry,
  type ProfileModelOptions,
} from './profile-model.js';
export { addLatency, latencyPlan, type LatencyPlan } from './latency.js';
