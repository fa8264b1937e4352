#!/usr/bin/env node
// Where onnxruntime-web spends its time, per operator type, from ORT's own
// profiler (session option enableProfiling; its wasm build prints the JSON
// trace to stdout on session.endProfiling(), which this script captures).
//   node bench/profile-ops.mjs [--models objects,faces,classifier,adult] [--threads 1,2] [--runs 5] [--image file] [--top 10]
// Per model: session creation (wall, and ORT's own session_initialization),
// then one warm-up run and --runs profiled runs on a dev photo prepared as the
// card says (models/tools/images.mjs); per op type: nodes run, ms per run,
// share of the kernel time. Each thread count runs in its own process (ORT-web
// fixes its threads when its wasm starts), which first starts ORT on a
// one-node model so that no model's figure includes the wasm start.
// Needs: npm run models.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { DIST_DIR, modelPath, readManifest, REPO_ROOT } from '../models/assemble.mjs';
import { imageToInput, readImageRgb } from '../models/tools/images.mjs';

const { values } = parseArgs({ options: {
  models: { type: 'string', default: 'objects,faces,classifier,adult' },  // what objects + faces + tags run
  threads: { type: 'string', default: '1,2' },
  runs: { type: 'string', default: '5' },
  image: { type: 'string', default: path.join(REPO_ROOT, '../shared/eval-dev/orchestra_concert.jpg') },
  top: { type: 'string', default: '10' },
  child: { type: 'string' },  // thread count, internal
} });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A one-node (Identity) model: creating its session starts ORT's wasm.
function identityModel() {
  const { onnx } = onnxProto;
  const value = (name) => ({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 1 }] } } } });
  return onnx.ModelProto.encode({ irVersion: 8, opsetImport: [{ version: 13 }], graph: {
    name: 'start', node: [{ opType: 'Identity', input: ['x'], output: ['y'] }], input: [value('x')], output: [value('y')] } }).finish();
}

// The trace ORT's wasm writes to stdout (fs.writeSync(1, ...)) during fn.
function captureStdout(fn) {
  const write = fs.writeSync;
  let text = '';
  fs.writeSync = (fd, data, ...rest) => (fd === 1 ? (text += data, data.length) : write(fd, data, ...rest));
  try { fn(); } finally { fs.writeSync = write; }
  return text;
}

// Kernel events of the profiled runs (not the warm-up), summed per op type.
function opTable(trace, runs) {
  const events = JSON.parse(trace);
  const windows = events.filter((e) => e.name === 'model_run').slice(1).map((e) => [e.ts, e.ts + e.dur]);
  const inProfiledRun = (e) => windows.some(([from, to]) => e.ts >= from && e.ts <= to);
  const ops = {};
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || !inProfiledRun(e)) continue;
    const op = (ops[e.args.op_name] ??= { count: 0, ms: 0 });
    op.count += 1 / runs;
    op.ms += e.dur / 1000 / runs;
  }
  const sessionInit = events.find((e) => e.name === 'session_initialization')?.dur / 1000;
  return { ops, sessionInit };
}

async function profileChild(threads) {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = threads;
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 };
  let t0 = performance.now();
  await (await ort.InferenceSession.create(identityModel(), options)).release();
  const ortStart = performance.now() - t0;
  const image = readImageRgb(values.image);
  const runs = Number(values.runs);
  const cards = readManifest().models;
  const models = {};
  for (const id of values.models.split(',')) {
    const card = cards.find((c) => c.id === id);
    const bytes = fs.readFileSync(modelPath(card, DIST_DIR));
    t0 = performance.now();
    const session = await ort.InferenceSession.create(bytes, { ...options, enableProfiling: true });
    const create = performance.now() - t0;
    const { data, dims } = imageToInput(image, card.input);
    const feeds = { [card.input.name]: new ort.Tensor('float32', data, dims) };
    const wall = [];
    for (let i = 0; i <= runs; i++) {
      t0 = performance.now();
      await session.run(feeds);
      if (i > 0) wall.push(performance.now() - t0);
    }
    const trace = captureStdout(() => session.endProfiling());
    models[id] = { create, runMs: median(wall), ...opTable(trace, runs) };
    await session.release();
  }
  return { ortStart, models };
}

function printReport(byThreads) {
  const threads = Object.keys(byThreads);
  const cell = (x, digits = 1) => (x === undefined ? '–' : x.toFixed(digits));
  console.log(`onnxruntime-web, Node ${process.version}; ${path.basename(values.image)}; ${values.runs} profiled runs after one warm-up.`);
  console.log(`ORT wasm start (one-node model): ${threads.map((t) => `${t} thread(s) ${byThreads[t].ortStart.toFixed(0)} ms`).join(', ')}\n`);
  for (const id of values.models.split(',')) {
    const per = threads.map((t) => byThreads[t].models[id]);
    console.log(`### ${id}: session created in ${per.map((m, i) => `${m.create.toFixed(0)} ms (${threads[i]}t; ORT session_initialization ${m.sessionInit.toFixed(0)})`).join(', ')}`);
    console.log(`| op type | nodes | ${threads.map((t) => `${t}t ms | ${t}t %`).join(' | ')} |`);
    console.log(`|---|---:|${threads.map(() => '---:|---:').join('|')}|`);
    const totals = per.map((m) => Object.values(m.ops).reduce((a, o) => a + o.ms, 0));
    const names = Object.keys(per[0].ops).sort((a, b) => per[0].ops[b].ms - per[0].ops[a].ms);
    const shown = names.slice(0, Number(values.top));
    const rest = names.slice(shown.length);
    const row = (label, count, msOf) => console.log(`| ${label} | ${count} | ${per.map((m, i) => `${cell(msOf(m))} | ${cell(100 * msOf(m) / totals[i], 0)}`).join(' | ')} |`);
    for (const op of shown) row(op, Math.round(per[0].ops[op].count), (m) => m.ops[op]?.ms);
    if (rest.length) row(`other (${rest.join(', ')})`, Math.round(rest.reduce((a, op) => a + per[0].ops[op].count, 0)), (m) => rest.reduce((a, op) => a + (m.ops[op]?.ms ?? 0), 0));
    console.log(`| **kernels / wall per run** | | ${per.map((m, i) => `${totals[i].toFixed(1)} / ${m.runMs.toFixed(1)} | 100`).join(' | ')} |\n`);
  }
}

if (values.child) {
  console.log(`\nRESULT ${JSON.stringify(await profileChild(Number(values.child)))}`);
  process.exit(0);  // ORT-web's worker threads would keep Node alive
} else {
  const self = fileURLToPath(import.meta.url);
  const passed = ['models', 'runs', 'image'].flatMap((k) => [`--${k}`, values[k]]);
  const byThreads = {};
  for (const t of values.threads.split(',')) {
    const stdout = execFileSync(process.execPath, [self, '--child', t, ...passed], { encoding: 'utf8', maxBuffer: 1 << 26 });
    byThreads[t] = JSON.parse(stdout.split('\nRESULT ').pop());
  }
  printReport(byThreads);
}
