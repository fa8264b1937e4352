#!/usr/bin/env node
// The ImageNet classifier (models/dist/classifier.onnx), side by side in one
// run: onnxruntime-web 1 and 2 threads vs onnxruntime-node 2 threads.
//  1. session creation, and inference at batch 1 and 4 (the core's 1 or 4
//     views of an image): median of --runs after 3 warm-ups;
//  2. analyze(bytes, {features: ['tags', 'description']}) on a few dev
//     photos, every model given (tags need the classifier): median per image
//     of --analyses after one warm-up.
//   node bench/classifier.mjs [--runs 15] [--analyses 7]
// Needs: bash scripts/build.sh, npm run models and ../shared/eval-dev.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DIST_DIR, modelPath, readManifest } from '../models/assemble.mjs';
import { imageToInput, readImageRgb } from '../models/tools/images.mjs';
import { evalDevDir } from '../tests/node/eval-dev.mjs';
import { createAnalyzer } from '../web/node.js';
import { median } from './median.mjs';

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: {
  runs: { type: 'string', default: '15' },
  analyses: { type: 'string', default: '7' },
  config: { type: 'string' },
} });
const runs = Number(values.runs), analyses = Number(values.analyses);
const WARMUPS = 3;
// Two squarish (1 view) and two wide or tall (4 views: long side >= 1.2x the short).
const IMAGES = ['cartoon_family_drawing.jpg', 'white_duck.jpg', 'cows_in_pasture.jpg', 'kingfisher_on_branch.jpg'];


async function timeRuns(once, n, warmups = WARMUPS) {
  for (let i = 0; i < warmups; i++) await once();
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return median(times);
}

// 1. The bare model, with the session options web/models.js uses.
async function measureModel(ort, sessionOptions) {
  const card = readManifest().models.find((c) => c.id === 'classifier');
  const bytes = readFileSync(modelPath(card));
  const create = () => ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all', logSeverityLevel: 3, ...sessionOptions });
  const createMs = await timeRuns(async () => (await create()).release(), runs);
  const session = await create();
  const { data, dims } = imageToInput(readImageRgb(path.join(evalDevDir, IMAGES[0])), card.input);
  const batchMs = {};
  for (const batch of [1, 4]) {
    const tiled = new Float32Array(batch * data.length);
    for (let b = 0; b < batch; b++) tiled.set(data, b * data.length);
    const feeds = { [card.input.name]: new ort.Tensor('float32', tiled, [batch, ...dims.slice(1)]) };
    batchMs[batch] = await timeRuns(() => session.run(feeds), runs);
  }
  await session.release();
  return { createMs, batchMs };
}

// 2. A whole tags + description analysis per image, every model given: what
// an app pays for tags (they need the classifier, and run what they fuse:
// objects, faces, adult, text recognition).
async function measureAnalyses(ort, numThreads) {
  const analyzer = await createAnalyzer({ ort, numThreads, models: DIST_DIR });
  await analyzer.preload();
  const options = { features: ['tags', 'description'] };
  const rows = [];
  for (const file of IMAGES) {
    const bytes = readFileSync(path.join(evalDevDir, file));
    const { width, height } = readImageRgb(path.join(evalDevDir, file));
    rows.push({ file, size: `${width}x${height}`, views: Math.max(width, height) >= 1.2 * Math.min(width, height) ? 4 : 1,
      ms: await timeRuns(() => analyzer.analyze(bytes, options), analyses, 1) });
  }
  analyzer.dispose();
  return rows;
}

// ORT-web fixes its thread count when it first initialises: each runtime
// configuration runs in its own process.
const CONFIGS = {
  web1: ['ort-web 1t', () => import('onnxruntime-web'), 1],
  web2: ['ort-web 2t', () => import('onnxruntime-web'), 2],
  node: ['ort-node 2t', async () => require('onnxruntime-node'), 2],
};

async function child(config) {
  const [label, load, threads] = CONFIGS[config];
  const ort = await load();
  const native = config === 'node';
  if (!native) ort.env.wasm.numThreads = threads;
  const model = await measureModel(ort, native ? { executionProviders: ['cpu'], intraOpNumThreads: threads } : { executionProviders: ['wasm'] });
  const rows = await measureAnalyses(ort, threads);
  process.stdout.write(`\nRESULT ${JSON.stringify({ label, model, rows })}\n`);
  process.exit(0);  // ort-web's worker threads would otherwise keep Node alive
}

function table(header, rows, left = 1) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i < left ? ':---' : '---:'))), ...rows.map(line)].join('\n');
}

function parent() {
  const results = Object.keys(CONFIGS).map((config) => {
    console.error(`measuring ${CONFIGS[config][0]}...`);
    const stdout = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--config', config, '--runs', String(runs), '--analyses', String(analyses)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    return JSON.parse(stdout.split('\nRESULT ').pop());
  });
  const ms = (x) => x.toFixed(1);
  console.log(`classifier.onnx (MobileNet v2 int8, 3x224x224): median of ${runs} after ${WARMUPS} warm-ups\n`);
  console.log(table(['runtime', 'create ms', 'batch 1 ms', 'batch 4 ms', 'b4 / b1'],
    results.map(({ label, model: m }) => [label, ms(m.createMs), ms(m.batchMs[1]), ms(m.batchMs[4]), (m.batchMs[4] / m.batchMs[1]).toFixed(2)])));
  console.log(`\nanalyze(bytes, {features: ['tags', 'description']}), every model: median of ${analyses} after one warm-up\n`);
  const images = results[0].rows.map((r) => `${r.file} ${r.size}, ${r.views} view${r.views > 1 ? 's' : ''}`);
  console.log(table(['image', ...results.map((r) => `${r.label} ms`)], images.map((image, i) => [image, ...results.map((r) => ms(r.rows[i].ms))])));
}

if (values.config) await child(values.config);
else parent();
