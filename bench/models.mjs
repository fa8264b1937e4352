#!/usr/bin/env node
// Single-image latency per model of models/dist, side by side:
// onnxruntime-web (wasm) 1 and 2 threads, onnxruntime-node, and the TFJS
// original on the pure-JS cpu backend. Median of N runs after one warm-up.
//
//   node bench/models.mjs [--runs 10] [--tfjs-runs 3] [--only objects,adult]
//
// ort-web fixes its thread count when its wasm starts, so every backend
// runs in its own child process (this file, with --backend).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureModels, modelPath, readManifest, readSourceGraphModel, REPO_ROOT } from '../models/assemble.mjs';
import { imageToInput, readImageRgb } from '../models/tools/images.mjs';
import { median } from './median.mjs';

const SELF = fileURLToPath(import.meta.url);
const BACKENDS = [
  { key: 'web1', title: 'ort-web 1t', args: ['--backend', 'ort-web', '--threads', '1'] },
  { key: 'web2', title: 'ort-web 2t', args: ['--backend', 'ort-web', '--threads', '2'] },
  { key: 'node', title: `ort-node ${Math.min(2, os.cpus().length)}t`, args: ['--backend', 'ort-node', '--threads', String(Math.min(2, os.cpus().length))] },
  { key: 'tfjs', title: 'tfjs cpu', args: ['--backend', 'tfjs'] },
];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}


function selectedCards() {
  const only = option('only', '');
  const cards = readManifest().models;
  return only ? cards.filter((c) => only.split(',').includes(c.id)) : cards;
}

/** The model input for one real image (chelsea), at the card's default size. */
function benchInput(card) {
  const image = readImageRgb(path.join(REPO_ROOT, '.cache', 'samples', 'chelsea.png'));
  return imageToInput(image, card.input);
}

async function timeRuns(runOnce, runs) {
  await runOnce(); // warm-up: first run allocates and plans
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await runOnce();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function measureOrt(ort, threads, runs, sessionOptions) {
  const results = {};
  for (const card of selectedCards()) {
    const session = await ort.InferenceSession.create(fs.readFileSync(modelPath(card)), sessionOptions(threads));
    const { data, dims } = benchInput(card);
    const feeds = { [card.input.name]: new ort.Tensor('float32', data, dims) };
    results[card.id] = await timeRuns(() => session.run(feeds), runs);
    await session.release();
  }
  return results;
}

async function measureTfjs(runs) {
  const { loadTfjsModel, runTfjs } = await import('../models/tools/tfjs-reference.mjs');
  const results = {};
  for (const card of selectedCards().filter((c) => c.source.format !== 'onnx')) {
    const model = await loadTfjsModel(readSourceGraphModel(card));
    const input = benchInput(card);
    results[card.id] = await timeRuns(() => runTfjs(model, { [card.input.name]: input }, card.source.convertOutputs), runs);
    model.dispose();
  }
  return results;
}

async function child() {
  const backend = option('backend');
  const threads = Number(option('threads', '1'));
  const runs = Number(option('runs', '10'));
  let results;
  if (backend === 'ort-web') {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = threads;
    results = await measureOrt(ort, threads, runs, () => ({ executionProviders: ['wasm'] }));
  } else if (backend === 'ort-node') {
    const ort = await import('onnxruntime-node');
    results = await measureOrt(ort, threads, runs, (n) => ({ intraOpNumThreads: n, interOpNumThreads: 1 }));
  } else {
    results = await measureTfjs(Number(option('tfjs-runs', '3')));
  }
  process.stdout.write(`\nRESULT ${JSON.stringify(results)}\n`);
  process.exit(0); // ort-web's worker threads would otherwise keep Node alive
}

function parent() {
  ensureModels({ log: (line) => console.error(line) });
  execFileSync(path.join(REPO_ROOT, 'scripts', 'samples.sh'), { stdio: 'inherit' });
  const passthrough = ['runs', 'tfjs-runs', 'only'].flatMap((k) => (option(k) ? [`--${k}`, option(k)] : []));
  const columns = {};
  for (const backend of BACKENDS) {
    console.error(`measuring ${backend.title}...`);
    const stdout = execFileSync(process.execPath, [SELF, ...backend.args, ...passthrough], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 });
    columns[backend.key] = JSON.parse(stdout.split('\nRESULT ').pop());
  }
  printTable(columns);
}

function printTable(columns) {
  const header = ['model', 'input', 'MB', ...BACKENDS.map((b) => `${b.title} ms`)];
  const rows = selectedCards().map((card) => [
    card.id,
    card.input.size.join('x'),
    (card.size / 1e6).toFixed(1),
    ...BACKENDS.map((b) => (columns[b.key][card.id] === undefined ? '-' : columns[b.key][card.id].toFixed(1))),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
  console.log(`\nmedian of ${option('runs', '10')} runs (tfjs: ${option('tfjs-runs', '3')}), one warm-up run each; input: chelsea.png at the card size; ${os.cpus().length} cores, Node ${process.version}`);
}

if (process.argv.includes('--backend')) await child();
else parent();
