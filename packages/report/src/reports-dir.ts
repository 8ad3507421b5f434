/**
 * Reports produced ahead of time (by the Nx plugin's `modelcost` target, or any job of a matrix) so
 * that `modelcost pr --reports <dir>` and the Action's `reports` input post one merged comment
 * without profiling again. Every `index.json` under the directory lists reports with the sha256 of
 * the model bytes they describe; the review uses a stored report only for a blob with that hash.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '@modelcost/core';

/** One entry of an `index.json` (schemaVersion 1). */
export interface ReportsIndexEntry {
  /** Model path relative to the workspace root. */
  readonly path: string;
  /** Report file relative to the index. */
  readonly report: string;
  /** sha256 (hex) of the model bytes. */
  readonly sha256: string;
}

/** Stored reports by model-content sha256, and what could not be read (with the file named). */
export interface StoredReports {
  readonly reports: Map<string, Report>;
  readonly errors: string[];
}

/** Read every `index.json` under `dir` (recursively, skipping node_modules). */
export function loadReportsDir(dir: string): StoredReports {
  const reports = new Map<string, Report>();
  const errors: string[] = [];
  let st;
  try {
    st = statSync(dir);
  } catch {
    return { reports, errors: [`${dir}: no such directory`] };
  }
  if (!st.isDirectory()) return { reports, errors: [`${dir}: not a directory`] };
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'node_modules') walk(join(d, e.name));
      else if (e.isFile() && e.name === 'index.json') readIndex(join(d, e.name), d);
    }
  };
  const readIndex = (file: string, base: string): void => {
    let idx: { schemaVersion?: unknown; reports?: unknown };
    try {
      idx = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      errors.push(`${file}: not valid JSON (${(e as Error).message})`);
      return;
    }
    if (idx.schemaVersion !== 1 || !Array.isArray(idx.reports)) {
      errors.push(`${file}: expected {"schemaVersion": 1, "reports": [...]}`);
      return;
    }
    for (const [i, entry] of (idx.reports as ReportsIndexEntry[]).entries()) {
      if (typeof entry?.report !== 'string' || typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
        errors.push(`${file}: reports[${i}]: expected {path, report, sha256}`);
        continue;
      }
      try {
        const r = JSON.parse(readFileSync(join(base, entry.report), 'utf8')) as Report;
        if (r.schemaVersion !== 1) throw new Error(`schemaVersion ${String(r.schemaVersion)}, expected 1`);
        reports.set(entry.sha256, r);
      } catch (e) {
        errors.push(`${join(base, entry.report)}: ${(e as Error).message}`);
      }
    }
  };
  walk(dir);
  return { reports, errors };
}
