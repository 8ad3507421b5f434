/**
 * @modelcost/report: what a person reads. The diff of two Reports and its renderers (PR comment
 * markdown, terminal table), shared by the CLI, the GitHub Action and the Danger plugin.
 */
export { absDelta, delta, deltaSign, diffModules, diffReports, latencyKey, latencyLabel, msDelta, selectModuleChanges, DIFF_METRICS, type Delta, type DiffMetric, type LayerChange, type ModuleChange, type ModuleSelection, type MsDelta, type ReportDiff, type TensorChange } from './diff.js';
export { commentMarker, flopsChart, human, isOwnComment, modelChange, percent, renderComment, renderDiffText, type CommentOptions, type ConfigChangeNote, type DiffTextOptions, type ModelChange } from './render.js';
export { cellCode, code, csvCell, MAX_SHOWN, mermaidLabel, sanitize, summary, term, text } from './escape.js';
export { compileGlob, globProblem, GlobError, MAX_GLOB_EXPANSIONS, MAX_GLOB_LENGTH, type GlobOptions } from './glob.js';
export { createIsolatedProfiler, defaultWorkerUrl, inProcessProfiler, InternalProfileError, type IsolationOptions, type ModelProfiler } from './isolate.js';
export { finishReport, profileInput, type ModelInput, type ProfileFinish } from './profile-input.js';
export { BUDGET_METRICS, MAX_CONFIG_CHARS, PRECISIONS, parseConfig, parseIncrease, parseMs, parseRate, parseRuntimeSetting, parseSize, type BudgetMetric, type BudgetRule, type Increase, type Limits, type MinLimits, type ModelcostConfig, type ParseResult, type Precision } from './config.js';
export { evaluateBudgets, rulesFor, unprofiledBreaches, type Breach } from './budgets.js';
export { MESSAGES } from './messages.js';
export { review, type FileChange, type ReadAt, type ReviewOptions, type ReviewResult } from './review.js';
export { loadReportsDir, MAX_STORED_FILE_BYTES, storedReportProblem, type ReportsIndexEntry, type StoredReports } from './reports-dir.js';
export { defaultTreeDepth, DEFAULT_TREE_ROWS, renderCsv, renderModuleCsv, renderProfileTable, type TableOptions } from './profile-render.js';
// profileModel and the format registry (model-read.ts: sniffing, importerFor, ModelReadError, profileWith).
export * from './profile-model.js';
export { addLatency, latencyPlan, type LatencyPlan } from './latency.js';
export { trustedConfig, type ConfigTrust, type TrustedConfig } from './config-trust.js';
export { readGitBlob, type GitRun } from './git.js';
