// Times one model in a fresh process (run.ts spawns one per model and thread count): onnxruntime's
// thread pools from earlier sessions in the same process disturbed the 2-thread timings.
// Usage: node tools/bench/latency/time-one.mjs <model.onnx> <threads> <runs> <warmup> '<dims json>'
import process from 'node:process';
import { loadOrt, timeModel } from 'modelcost';
import { openFileSource } from '@modelcost/onnx/node';
import { profileModel } from '@modelcost/report';

const [file, threads, runs, warmup, dims] = process.argv.slice(2);
const src = openFileSource(file);
let report;
try {
  report = profileModel(src, { file, dims: JSON.parse(dims) });
} finally {
  src.close();
}
const ort = await loadOrt();
const t = await timeModel(ort, file, report, { threads: Number(threads), runs: Number(runs), warmup: Number(warmup) });
process.stdout.write(`${JSON.stringify({ medianMs: t.medianMs })}\n`);
