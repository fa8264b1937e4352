#!/usr/bin/env node
// Where onnxruntime-web spends its time, per operator, from ORT's own
// profiler (session option enableProfiling; its wasm build prints the JSON
// trace to stdout on session.endProfiling(), which this script captures).
//   node bench/profile-ops.mjs [--models objects,faces,classifier,adult] [--threads 1,2]
//     [--warmup 10] [--runs 5] [--image file] [--top 10] [--tfjs]
// Per model: session creation as the analyzer does it (file read, weights
// expanded, InferenceSession.create; and ORT's own session_initialization);
// the wall time of each run in order (V8 compiles ORT's wasm with its
// baseline compiler first and optimises hot functions in the background, so
// the first runs are slower); then, over the last --runs runs, per operator
// (convolutions by kernel size, depthwise apart): nodes, ms per run, share.
// Input: a dev photo prepared as the card says (models/tools/images.mjs).
// Each thread count runs in its own process (ORT-web fixes its threads when
// its wasm starts), which first starts ORT on a one-node model so that no
// model's figure includes the wasm start.
// --tfjs: the same for objects' source TFJS model (the CenterNet file human
// ships) on tfjs-backend-wasm (XNNPACK), 1 thread, with tf.profile; it uses
// the peer that bench/peer.mjs installs into .cache/bench-peer.
// Needs: npm run models.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DIST_DIR, modelPath, readManifest, REPO_ROOT } from '../models/assemble.mjs';
import { sha256 } from '../models/tools/packages.mjs';
import { imageToInput, readImageRgb } from '../models/tools/images.mjs';
import { expandCompactWeights } from '../web/expand-weights.js';
import { ONE_NODE_MODEL } from '../web/models.js';
import { median } from './median.mjs';

const { values } = parseArgs({ options: {
  models: { type: 'string', default: 'objects,faces,classifier,adult' },  // what objects + faces + tags run
  threads: { type: 'string', default: '1,2' },
  warmup: { type: 'string', default: '10' },
  runs: { type: 'string', default: '5' },
  image: { type: 'string', default: path.join(REPO_ROOT, '../shared/eval-dev/orchestra_concert.jpg') },
  top: { type: 'string', default: '10' },
  tfjs: { type: 'boolean' },
  child: { type: 'string' },  // internal: a thread count, or 'tfjs'
} });
const PEER_MODULES = path.join(REPO_ROOT, '.cache/bench-peer/node_modules');

// The trace ORT's wasm writes to stdout (fs.writeSync(1, ...)) during fn.
function captureStdout(fn) {
  const write = fs.writeSync;
  let text = '';
  fs.writeSync = (fd, data, ...rest) => (fd === 1 ? (text += data, data.length) : write(fd, data, ...rest));
  try { fn(); } finally { fs.writeSync = write; }
  return text;
}

// Convolutions split by kind: depthwise and pointwise ones run very
// differently. ORT's weights are [M, C/group, kh, kw], TFJS's [kh, kw, C, M].
const convKind = (op, [kh, kw], depthwise) => `${op} ${kh}x${kw}${depthwise ? ' depthwise' : ''}`;
function ortKind({ op_name: op, input_type_shape: shapes }) {
  const [input, weight] = (shapes ?? []).map((s) => Object.values(s)[0]);
  if (!op.endsWith('Conv') || weight?.length !== 4) return op;
  return convKind(op, weight.slice(2), weight[1] === 1 && weight[0] === input[1] && weight[0] > 1);
}
function tfjsKind({ name, inputShapes: [, weight] }) {
  return /Conv/.test(name) && weight?.length === 4 ? convKind(name, weight, /Depthwise/.test(name)) : name;
}

// Adds one kernel execution to a { kind: { count, ms } } table, per run.
function add(table, kind, ms, runs) {
  const op = (table[kind] ??= { count: 0, ms: 0 });
  op.count += 1 / runs;
  op.ms += ms / runs;
}

// ORT's kernel events of the last `runs` runs, summed per op kind.
function ortOpTable(trace, runs) {
  const events = JSON.parse(trace);
  const windows = events.filter((e) => e.name === 'model_run').slice(-runs).map((e) => [e.ts, e.ts + e.dur]);
  const inWindow = (e) => windows.some(([from, to]) => e.ts >= from && e.ts <= to);
  const ops = {};
  for (const e of events) if (e.cat === 'Node' && e.name.endsWith('_kernel_time') && inWindow(e)) add(ops, ortKind(e.args), e.dur / 1000, runs);
  return { ops, sessionInit: events.find((e) => e.name === 'session_initialization')?.dur / 1000 };
}

// Wall ms of warm-up + profiled runs, in order.
async function timeRuns(run) {
  const wall = [];
  for (let i = 0; i < Number(values.warmup) + Number(values.runs); i++) {
    const t0 = performance.now();
    await run();
    wall.push(performance.now() - t0);
  }
  return wall;
}

async function ortChild(threads) {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = threads;
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 };
  let t0 = performance.now();
  await (await ort.InferenceSession.create(ONE_NODE_MODEL, options)).release();
  const ortStart = performance.now() - t0;
  const image = readImageRgb(values.image);
  const models = {};
  for (const id of values.models.split(',')) {
    const card = readManifest().models.find((c) => c.id === id);
    t0 = performance.now();
    const bytes = expandCompactWeights(fs.readFileSync(modelPath(card, DIST_DIR)));  // as web/models.js does
    const session = await ort.InferenceSession.create(bytes, { ...options, enableProfiling: true });
    const create = performance.now() - t0;
    const { data, dims } = imageToInput(image, card.input);
    const feeds = { [card.input.name]: new ort.Tensor('float32', data, dims) };
    const wall = await timeRuns(() => session.run(feeds));
    const trace = captureStdout(() => session.endProfiling());
    models[id] = { create, wall, ...ortOpTable(trace, Number(values.runs)) };
    await session.release();
  }
  return { ortStart, models };
}

// objects' source TFJS model on tfjs-backend-wasm, from the peer's copy (checked to be the same bytes).
async function tfjsChild() {
  const peer = createRequire(path.join(PEER_MODULES, 'index.js'));
  const tf = peer('@tensorflow/tfjs-core'), wasm = peer('@tensorflow/tfjs-backend-wasm'), { loadGraphModel } = peer('@tensorflow/tfjs-converter');
  wasm.setWasmPaths(`${path.join(PEER_MODULES, '@tensorflow/tfjs-backend-wasm/dist')}/`);
  await tf.setBackend('wasm');
  const card = readManifest().models.find((c) => c.id === 'objects');
  const dir = path.join(PEER_MODULES, '@vladmandic/human/models');
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'centernet.json'), 'utf8'));
  const weights = fs.readFileSync(path.join(dir, 'centernet.bin'));
  if (sha256(weights) !== card.source.files.find((f) => f.path.endsWith('.bin')).sha256) throw new Error('the peer\'s centernet.bin is not objects\' source');
  const model = await loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: new Uint8Array(weights).buffer }));
  const { data, dims } = imageToInput(readImageRgb(values.image), card.input);
  const input = tf.tensor(data, dims);
  const run = () => { const out = model.execute(input); out.dataSync(); out.dispose(); };
  const wall = await timeRuns(run);
  const ops = {};
  for (let i = 0; i < Number(values.runs); i++) {
    // Kernels only: '...__op' entries are the ops around them.
    for (const k of (await tf.profile(run)).kernels) if (!k.name.endsWith('__op')) add(ops, tfjsKind(k), k.kernelTimeMs, Number(values.runs));
  }
  return { threads: wasm.getThreadsCount(), wall, ops };
}

const ms = (x) => (x === undefined ? '–' : x.toFixed(1));
const runsLine = (wall) => `runs in order (ms): ${wall.map((w) => w.toFixed(0)).join(' ')}`;

// | op | nodes | ms | % | per column ({ ops, wall }), ops sorted by the first column.
function printOpTable(columns, titles) {
  const totals = columns.map((c) => Object.values(c.ops).reduce((a, o) => a + o.ms, 0));
  const names = Object.keys(columns[0].ops).sort((a, b) => columns[0].ops[b].ms - columns[0].ops[a].ms);
  const shown = names.slice(0, Number(values.top)), rest = names.slice(shown.length);
  const row = (label, count, msOf) => console.log(`| ${label} | ${count} | ${columns.map((c, i) => `${ms(msOf(c))} | ${(100 * (msOf(c) ?? 0) / totals[i]).toFixed(0)}`).join(' | ')} |`);
  console.log(`| op | nodes | ${titles.map((t) => `${t} ms | ${t} %`).join(' | ')} |`);
  console.log(`|---|---:|${titles.map(() => '---:|---:').join('|')}|`);
  for (const op of shown) row(op, Math.round(columns[0].ops[op].count), (c) => c.ops[op]?.ms);
  if (rest.length) row(`other (${rest.join(', ')})`, Math.round(rest.reduce((a, op) => a + columns[0].ops[op].count, 0)), (c) => rest.reduce((a, op) => a + (c.ops[op]?.ms ?? 0), 0));
  console.log(`| **kernels / wall, median of the last ${values.runs}** | | ${columns.map((c, i) => `${ms(totals[i])} / ${ms(median(c.wall.slice(-Number(values.runs))))} | 100`).join(' | ')} |\n`);
}

function printReport(byThreads, tfjs) {
  const threads = Object.keys(byThreads);
  console.log(`onnxruntime-web, Node ${process.version}, ${path.basename(values.image)}; ${values.warmup} warm-up runs, then ${values.runs} profiled.`);
  console.log(`ORT wasm start (one-node model): ${threads.map((t) => `${byThreads[t].ortStart.toFixed(0)} ms (${t}t)`).join(', ')}\n`);
  for (const id of values.models.split(',')) {
    const per = threads.map((t) => byThreads[t].models[id]);
    console.log(`### ${id}`);
    per.forEach((m, i) => console.log(`${threads[i]}t: session created in ${m.create.toFixed(0)} ms (ORT session_initialization ${m.sessionInit.toFixed(0)}); ${runsLine(m.wall)}`));
    console.log();
    printOpTable(per, threads.map((t) => `${t}t`));
  }
  if (tfjs) {
    console.log(`### objects' TFJS source on tfjs-backend-wasm (XNNPACK), ${tfjs.threads} thread (tf.profile)`);
    console.log(`${runsLine(tfjs.wall)}\n`);
    printOpTable([tfjs], ['tfjs 1t']);
  }
}

const childResult = (args) => {
  const stdout = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(stdout.split('\nRESULT ').pop());
};

if (values.child) {
  const result = values.child === 'tfjs' ? await tfjsChild() : await ortChild(Number(values.child));
  console.log(`\nRESULT ${JSON.stringify(result)}`);
  process.exit(0);  // ORT-web's worker threads would keep Node alive
} else {
  const passed = ['models', 'warmup', 'runs', 'image'].flatMap((k) => [`--${k}`, values[k]]);
  const byThreads = Object.fromEntries(values.threads.split(',').map((t) => [t, childResult(['--child', t, ...passed])]));
  printReport(byThreads, values.tfjs ? childResult(['--child', 'tfjs', ...passed]) : null);
}
