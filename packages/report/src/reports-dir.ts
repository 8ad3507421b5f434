/**
 * Reports produced ahead of time (by the Nx plugin's `modelcost` target, or any job of a matrix) so
 * that `modelcost pr --reports <dir>` and the Action's `reports` input post one merged comment
 * without profiling again. Every `index.json` under the directory lists reports with the sha256 of
 * the model bytes they describe; the review uses a stored report only for a blob with that hash, and
 * (unless told the reports are trusted) only for models no budget covers.
 *
 * The folder may hold what a pull request wrote, so reading it is defensive: nothing outside the
 * folder is opened (no `..`, no absolute paths, no symbolic links), files are size-capped, and a report
 * that is not a well-formed Report (exact non-negative counts) is refused with its file named.
 */
import { lstatSync, openSync, readdirSync, readSync, closeSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isCount, moduleTreeProblem, type Report } from '@modelcost/core';

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

/** Largest `index.json` or report file read, in bytes. */
export const MAX_STORED_FILE_BYTES = 256 << 20;
/** Deepest folder level searched for `index.json` files. */
const MAX_DEPTH = 16;
/** Most index files and reports read. */
const MAX_FILES = 10_000;

/** Read a regular file (not a link) of at most `max` bytes, or say why not. */
function readCapped(file: string, max: number): string | { error: string } {
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return { error: 'no such file' };
  }
  if (st.isSymbolicLink()) return { error: 'a symbolic link (not followed)' };
  if (!st.isFile()) return { error: 'not a regular file' };
  if (st.size > max) return { error: `${st.size} bytes, more than the ${max} allowed` };
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const COUNT_FIELDS = ['params', 'macs', 'flops', 'weightBytes', 'activationBytes', 'peakMemoryBytes', 'bytesMoved'] as const;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a stored report, or undefined when it has the Report's shape and exact, non-negative counts. */
export function storedReportProblem(r: unknown): string | undefined {
  if (!isObj(r)) return 'not a JSON object';
  if (r.schemaVersion !== 2) return `schemaVersion ${JSON.stringify(r.schemaVersion)?.slice(0, 20)}, expected 2 (regenerate the reports with this modelcost)`;
  if (!isObj(r.model) || typeof r.model.path !== 'string' || (r.model.format !== 'onnx' && r.model.format !== 'keras')) return 'model: expected {path, format}';
  if (!isObj(r.totals)) return 'totals: expected an object';
  for (const k of COUNT_FIELDS) if (!isCount(r.totals[k])) return `totals.${k}: expected an exact non-negative count`;
  if (r.totals.trainableParams !== undefined && !isCount(r.totals.trainableParams)) return 'totals.trainableParams: expected an exact non-negative count';
  if (!Array.isArray(r.nodes) || !Array.isArray(r.latency) || !Array.isArray(r.inputs) || !Array.isArray(r.outputs) || !Array.isArray(r.diagnostics)) return 'expected nodes, latency, inputs, outputs and diagnostics lists';
  for (const [i, n] of r.nodes.entries()) {
    if (!isObj(n) || typeof n.name !== 'string' || typeof n.op !== 'string' || !['params', 'macs', 'flops', 'bytesRead', 'bytesWritten'].every((k) => isCount(n[k]))) return `nodes[${i}]: expected {name, op} with exact non-negative counts`;
  }
  for (const [i, l] of r.latency.entries()) if (!isObj(l) || typeof l.hardware !== 'string' || typeof l.ms !== 'number' || !Number.isFinite(l.ms) || l.ms < 0) return `latency[${i}]: expected {hardware, ms} with a finite, non-negative ms`;
  if (!isObj(r.coverage) || !isObj(r.coverage.unsupported) || (r.coverage.unknown !== undefined && !isObj(r.coverage.unknown))) return 'coverage: expected {nodes, supported, unsupported, unknown?}';
  // The module tree (optional): renderers walk it by index.
  const modules = moduleTreeProblem(r);
  if (modules) return modules;
  return undefined;
}

/**
 * Read every `index.json` under `dir` (recursively, skipping node_modules and symbolic links). A
 * report path that leaves the folder, a link, an oversized or malformed file is an error naming it.
 */
export function loadReportsDir(dir: string): StoredReports {
  const reports = new Map<string, Report>();
  const errors: string[] = [];
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return { reports, errors: [`${dir}: no such directory`] };
  }
  if (st.isSymbolicLink()) return { reports, errors: [`${dir}: a symbolic link (not followed)`] };
  if (!st.isDirectory()) return { reports, errors: [`${dir}: not a directory`] };
  const root = realpathSync(dir);
  let files = 0;
  const inside = (p: string): boolean => {
    const rel = relative(root, p);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
  };
  const walk = (d: string, depth: number): void => {
    if (depth > MAX_DEPTH) {
      errors.push(`${d}: deeper than ${MAX_DEPTH} levels, not searched`);
      return;
    }
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isSymbolicLink()) continue;
      if (e.isDirectory() && e.name !== 'node_modules') walk(join(d, e.name), depth + 1);
      else if (e.isFile() && e.name === 'index.json') readIndex(join(d, e.name), d);
    }
  };
  const readIndex = (file: string, base: string): void => {
    if (++files > MAX_FILES) return;
    const text = readCapped(file, MAX_STORED_FILE_BYTES);
    if (typeof text !== 'string') {
      errors.push(`${file}: ${text.error}`);
      return;
    }
    let idx: { schemaVersion?: unknown; reports?: unknown };
    try {
      idx = JSON.parse(text);
    } catch (e) {
      errors.push(`${file}: not valid JSON (${(e as Error).message.slice(0, 120)})`);
      return;
    }
    if (!isObj(idx) || idx.schemaVersion !== 1 || !Array.isArray(idx.reports)) {
      errors.push(`${file}: expected {"schemaVersion": 1, "reports": [...]}`);
      return;
    }
    for (const [i, entry] of (idx.reports as unknown[]).entries()) {
      if (!isObj(entry) || typeof entry.report !== 'string' || typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
        errors.push(`${file}: reports[${i}]: expected {path, report, sha256}`);
        continue;
      }
      const target = resolve(base, entry.report);
      if (isAbsolute(entry.report) || !inside(target) || entry.report.includes('\0')) {
        errors.push(`${file}: reports[${i}]: the report path leaves the reports folder, not read`);
        continue;
      }
      if (++files > MAX_FILES) {
        errors.push(`${file}: more than ${MAX_FILES} files, the rest not read`);
        return;
      }
      const label = relative(root, target);
      let real: string;
      try {
        real = realpathSync(target);
      } catch {
        errors.push(`${label}: no such file`);
        continue;
      }
      // A folder on the way may be a link out of the reports folder: the resolved path must stay inside.
      if (!inside(real)) {
        errors.push(`${file}: reports[${i}]: the report path leaves the reports folder, not read`);
        continue;
      }
      const body = readCapped(target, MAX_STORED_FILE_BYTES);
      if (typeof body !== 'string') {
        errors.push(`${label}: ${body.error}`);
        continue;
      }
      let r: unknown;
      try {
        r = JSON.parse(body);
      } catch (e) {
        errors.push(`${label}: not valid JSON (${(e as Error).message.slice(0, 120)})`);
        continue;
      }
      const problem = storedReportProblem(r);
      if (problem) errors.push(`${label}: ${problem}`);
      else reports.set(entry.sha256, r as Report);
    }
  };
  walk(root, 0);
  return { reports, errors };
}
