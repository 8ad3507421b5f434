/**
 * `--json` output of reports, written in pieces. A report of 10^6 nodes is a few hundred MB of
 * JSON: built as one string (and copied once more into the bytes written) it doubled the process's
 * memory. Here everything but the nodes is `JSON.stringify(value, null, 2)`, and each node is one
 * line of compact JSON, written in chunks of about a megabyte as they are made.
 */
import type { Report } from '@modelcost/core';
import { collectAfterBigGraph } from '@modelcost/report/profile';
import type { TextSink } from './io.js';
import type { ProfileJson } from './json.js';

/** Characters gathered before a write. */
const CHUNK = 1 << 20;
/** Nodes stringified and joined into one piece. */
const BATCH = 2048;

/**
 * Write one report, a list of them, or `profile`'s document holding them ({@link ProfileJson}), as
 * JSON followed by a newline.
 */
export function writeReportJson(value: Report | readonly Report[] | ProfileJson, sink: TextSink): void {
  const doc = !Array.isArray(value) && 'reports' in value ? (value as ProfileJson) : undefined;
  const reports = doc ? doc.reports : Array.isArray(value) ? (value as readonly Report[]) : [value as Report];
  // What building the reports left behind goes before the output's own garbage piles on it.
  collectAfterBigGraph(reports.reduce((n, r) => n + r.nodes.length, 0));
  // A placeholder for each report's nodes that no name in a model can be (a file chooses its names,
  // but not this process's random number); the count of pieces is checked all the same.
  const mark = `\u0000nodes:${Math.random()}\u0000`;
  const stub = (r: Report): Report => ({ ...r, nodes: mark as unknown as Report['nodes'] });
  const text = JSON.stringify(doc ? { ...doc, reports: doc.reports.map(stub) } : Array.isArray(value) ? reports.map(stub) : stub(value as Report), null, 2);
  const parts = text.split(JSON.stringify(mark));
  if (parts.length !== reports.length + 1) {
    sink.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  // Pieces joined once per chunk (appending to one string builds a rope that is flattened on write).
  let pending: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (pending.length) sink.write(pending.join(''));
    pending = [];
    size = 0;
  };
  const put = (s: string): void => {
    pending.push(s);
    size += s.length;
    if (size >= CHUNK) flush();
  };
  parts.forEach((part, k) => {
    put(part);
    if (k === parts.length - 1) return;
    const nodes = reports[k]!.nodes;
    if (nodes.length === 0) {
      put('[]');
      return;
    }
    // The indent of the line the array opens on, plus one level for its items.
    const indent = part.slice(part.lastIndexOf('\n') + 1).match(/^ */)![0];
    put('[\n');
    const lead = `${indent}  `;
    const between = `,\n${lead}`;
    // Nodes stringified a batch at a time and joined natively: one piece per batch, not three per node.
    const lines: string[] = [];
    for (let i = 0; i < nodes.length; i += BATCH) {
      const n = Math.min(BATCH, nodes.length - i);
      lines.length = n;
      for (let j = 0; j < n; j++) lines[j] = JSON.stringify(nodes[i + j]);
      put(lead + lines.join(between) + (i + n === nodes.length ? '\n' : ',\n'));
    }
    put(`${indent}]`);
  });
  put('\n');
  flush();
}
