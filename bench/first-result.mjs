// The first result in Node (onnxruntime-web, 1 thread), from process start,
// against the floor onnxruntime-web sets by itself: fresh processes,
// alternating, each timed from its own start (performance.now()):
//   localvision  createAnalyzer() and analyze() of the first dev photo,
//                objects + faces (as bench/peer.mjs times it);
//   ORT alone    import onnxruntime-web, read the detectors' files and
//                expand their weights (what ORT-web needs, web/expand-weights.js),
//                create their sessions as localvision does and run each once
//                on the inputs our core made for that photo (made by the
//                parent and read from a file: of ours, only the weight
//                expansion ORT-web needs runs in it). The phases leave out
//                reading the manifest and importing the expansion.
//   node bench/first-result.mjs [--runs 5] [--threads 1]
// Needs: bash scripts/build.sh and npm run models.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: {
  runs: { type: 'string', default: '5' },
  threads: { type: 'string', default: '1' },
  child: { type: 'string' }, photo: { type: 'string' }, inputs: { type: 'string' },  // internal
} });
const FEATURES = ['objects', 'faces'];
const threads = Number(values.threads);
const evalDev = process.env.LOCALVISION_EVAL_DEV || path.join(root, '../shared/eval-dev');

async function localvisionChild() {
  const { createAnalyzer } = await import('../web/node.js');
  const analyzer = await createAnalyzer({ numThreads: threads });
  await analyzer.analyze(readFileSync(values.photo), { features: FEATURES });
  return { total: performance.now() };
}

// The requests as written by saveRequests: a JSON header, then the float32 data.
function loadRequests(file) {
  const bytes = readFileSync(file);
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8'));
  let at = 4 + headerLength;
  for (const request of header) {
    for (const input of Object.values(request.inputs)) {
      const length = input.dims.reduce((a, b) => a * b, 1);
      input.data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + length * 4));
      at += length * 4;
    }
  }
  return header;
}

async function ortAloneChild() {
  const readStart = performance.now();
  const requests = loadRequests(values.inputs);
  const inputsMs = performance.now() - readStart;  // ours: not counted
  const start = performance.now();
  const ort = await import('onnxruntime-web');
  const imported = performance.now();
  ort.env.wasm.numThreads = threads;
  const { expandCompactWeights } = await import('../web/expand-weights.js');
  const manifest = JSON.parse(readFileSync(path.join(root, 'models/manifest.json'), 'utf8'));
  const hold = setInterval(() => {}, 2 ** 30);  // as web/node.js holds the event loop (README, Performance)
  const phases = { 'Node start': start - inputsMs, 'import ORT': imported - start, 'read + expand': 0 };
  const sessions = {};
  for (const { model } of requests) {
    if (sessions[model]) continue;
    const card = manifest.models.find((c) => c.id === model);
    const read = performance.now();
    const bytes = expandCompactWeights(new Uint8Array(readFileSync(path.join(root, 'models/dist', card.file))));
    const t = performance.now();
    phases['read + expand'] += t - read;
    sessions[model] = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'], graphOptimizationLevel: card.webGraphOptimizationLevel ?? 'all', logSeverityLevel: 3 });
    phases[`${model} session${model === requests[0].model ? ' (ORT starts)' : ''}`] = performance.now() - t;
  }
  for (const { model, inputs } of requests) {
    const t = performance.now();
    const feeds = Object.fromEntries(Object.entries(inputs).map(([name, { data, dims }]) => [name, new ort.Tensor('float32', data, dims)]));
    await sessions[model].run(feeds);
    phases[`${model} run`] = (phases[`${model} run`] ?? 0) + performance.now() - t;
  }
  clearInterval(hold);
  return { total: performance.now() - inputsMs, phases };
}

// Writes the first stage's model requests our core makes for the photo (see loadRequests).
async function saveRequests(photo, file) {
  const { loadCoreAnalyzer } = await import('./core-module.mjs');  // in the parent only: the children time their own
  const { analyzer: core } = await loadCoreAnalyzer();
  const job = core.begin(readFileSync(photo), JSON.stringify({ features: FEATURES }));
  const header = [], data = [];
  for (const { model, inputs } of job.requests()) {
    header.push({ model, inputs: Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, { dims: [...t.dims] }])) });
    for (const t of Object.values(inputs)) data.push(Buffer.from(new Float32Array(t.data).buffer));
  }
  job.release(); job.delete(); core.delete();
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  writeFileSync(file, Buffer.concat([length, json, ...data]));
}

if (values.child) {
  const result = await (values.child === 'ort' ? ortAloneChild() : localvisionChild());
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const photo = path.join(evalDev, readdirSync(evalDev).filter((f) => /\.jpe?g$/i.test(f)).sort()[0]);
const dir = mkdtempSync(path.join(tmpdir(), 'lv-first-'));
const inputs = path.join(dir, 'inputs.bin');
await saveRequests(photo, inputs);
const runChild = (kind) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind,
  '--photo', photo, '--inputs', inputs, '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const results = { localvision: [], ort: [] };
try {
  runChild('ort');  // warms the file cache for both
  for (let i = 0; i < Number(values.runs); i++) {
    for (const kind of i % 2 ? ['ort', 'localvision'] : ['localvision', 'ort']) results[kind].push(runChild(kind));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`first result in Node, onnxruntime-web, ${threads} thread(s), ${path.basename(photo)}, objects + faces, ${values.runs} fresh processes each, from process start:`);
console.log(`  localvision: median ${ms(median(results.localvision.map((r) => r.total)))} (${results.localvision.map((r) => r.total.toFixed(0)).join(', ')})`);
console.log(`  ORT alone:   median ${ms(median(results.ort.map((r) => r.total)))} (${results.ort.map((r) => r.total.toFixed(0)).join(', ')})`);
for (const phase of Object.keys(results.ort[0].phases)) {
  console.log(`    ${phase.padEnd(30)} median ${ms(median(results.ort.map((r) => r.phases[phase])))}`);
}
console.log(`  localvision / ORT alone: ${(median(results.localvision.map((r) => r.total)) / median(results.ort.map((r) => r.total))).toFixed(2)}`);
