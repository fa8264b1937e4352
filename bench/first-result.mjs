// The first result in Node (onnxruntime-web, 1 thread), from process start,
// against the floor onnxruntime-web sets by itself: fresh processes,
// alternating, each timed from its own start (performance.now()):
//   localvision  createAnalyzer() and analyze() of the first dev photo,
//                objects + faces (as bench/peer.mjs times it);
//   ORT alone    ort-alone.mjs, on the inputs our core made for that photo
//                and the models with their weights expanded (both made by
//                the parent and read from files: nothing of ours runs in
//                it). Its phases leave out reading the manifest.
//   node bench/first-result.mjs [--runs 5] [--threads 1]
// Needs: bash scripts/build.sh and npm run models.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeOrtAloneInputs } from './core-module.mjs';
import { ortAlone, unpackRequests } from './ort-alone.mjs';
import { median } from './median.mjs';

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

async function ortAloneChild() {
  const readStart = performance.now();
  const requests = unpackRequests(new Uint8Array(readFileSync(path.join(values.inputs, 'requests.bin'))));
  const inputsMs = performance.now() - readStart;  // ours: not counted
  const start = performance.now();
  const manifest = JSON.parse(readFileSync(path.join(root, 'models/manifest.json'), 'utf8'));
  const hold = setInterval(() => {}, 2 ** 30);  // as web/node.js holds the event loop (README, Performance)
  const { phases } = await ortAlone({
    ort: import('onnxruntime-web'), threads, inputs: Promise.resolve({ requests, manifest }),
    readModel: async (id) => new Uint8Array(await readFile(path.join(values.inputs, `${id}.onnx`))),
  });
  clearInterval(hold);
  return { total: performance.now() - inputsMs, phases: { 'Node start': start - inputsMs, ...phases } };
}

if (values.child) {
  const result = await (values.child === 'ort' ? ortAloneChild() : localvisionChild());
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const photo = path.join(evalDev, readdirSync(evalDev).filter((f) => /\.jpe?g$/i.test(f)).sort()[0]);
const dir = mkdtempSync(path.join(tmpdir(), 'lv-first-'));
const runChild = (kind) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind,
  '--photo', photo, '--inputs', dir, '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const results = { localvision: [], ort: [] };
try {
  await writeOrtAloneInputs(dir, photo, FEATURES);  // in the parent only: the children time their own
  for (const kind of ['ort', 'localvision']) runChild(kind);  // warm the file cache: what each reads
  for (let i = 0; i < Number(values.runs); i++) {
    for (const kind of i % 2 ? ['ort', 'localvision'] : ['localvision', 'ort']) results[kind].push(runChild(kind));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`first result in Node, onnxruntime-web, ${threads} thread(s), ${path.basename(photo)}, objects + faces, ${values.runs} fresh processes each, from process start:`);
console.log(`  localvision: median ${ms(median(results.localvision.map((r) => r.total)))} (${results.localvision.map((r) => r.total.toFixed(0)).join(', ')})`);
console.log(`  ORT alone:   median ${ms(median(results.ort.map((r) => r.total)))} (${results.ort.map((r) => r.total.toFixed(0)).join(', ')})`);
for (const phase of Object.keys(results.ort[0].phases)) {
  console.log(`    ${phase.padEnd(30)} median ${ms(median(results.ort.map((r) => r.phases[phase])))}`);
}
console.log(`  localvision / ORT alone: ${(median(results.localvision.map((r) => r.total)) / median(results.ort.map((r) => r.total))).toFixed(2)}`);
