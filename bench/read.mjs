#!/usr/bin/env node
// OCR latency of features=['read'] on page.png: detection, orientation,
// recognition (summed over the lines) and the whole analysis, for
// onnxruntime-web (wasm) with 1 and 2 threads and onnxruntime-node, in one
// run. Model time is measured by wrapping the ORT sessions' run(); the rest
// of "total" is decoding, pre/post-processing in the core and JS glue.
// Median of N analyses after one warm-up.
//
//   node bench/read.mjs [--runs 10] [--image .cache/samples/page.png]
//
// ort-web fixes its thread count when its wasm starts, so every backend
// runs in its own child process (this file, with --backend).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './median.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const BACKENDS = [
  { title: 'ort-web 1t', args: ['--backend', 'web', '--threads', '1'] },
  { title: 'ort-web 2t', args: ['--backend', 'web', '--threads', '2'] },
  { title: 'ort-node 2t', args: ['--backend', 'node', '--threads', '2'] },
];
const STAGES = [['ocr-det', 'detection'], ['ocr-cls', 'orientation'], ['ocr-rec', 'recognition']];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

// An ORT module whose sessions add each run's wall time to `times[model]`.
function timedOrt(ort, times) {
  const wrapped = Object.create(ort);  // onnxruntime-node's exports are getters: define, not assign
  Object.defineProperty(wrapped, 'InferenceSession', { value: {
    create: async (bytes, options) => {
      const session = await ort.InferenceSession.create(bytes, options);
      const model = session.outputNames.includes('sigmoid_0.tmp_0') ? 'ocr-det'
        : session.outputNames.includes('softmax_0.tmp_0') ? 'ocr-cls'
          : session.outputNames.includes('softmax_11.tmp_0') ? 'ocr-rec' : 'other';
      return new Proxy(session, {
        get(target, key) {
          if (key !== 'run') return Reflect.get(target, key, target);
          return async (...args) => {
            const t = performance.now();
            try {
              return await target.run(...args);
            } finally {
              times[model] = (times[model] ?? 0) + performance.now() - t;
              times[`${model}#`] = (times[`${model}#`] ?? 0) + 1;
            }
          };
        },
      });
    },
  } });
  return wrapped;
}

async function child() {
  const backend = option('backend'), threads = Number(option('threads', '1')), runs = Number(option('runs', '10'));
  const bytes = readFileSync(path.resolve(ROOT, option('image', '.cache/samples/page.png')));
  const require = createRequire(import.meta.url);
  const ort = backend === 'node' ? require('onnxruntime-node') : await import('onnxruntime-web');
  const { createAnalyzer } = await import('../web/node.js');
  let times = {};
  const analyzer = await createAnalyzer({ models: path.join(ROOT, 'models/dist'), ort: timedOrt(ort, new Proxy({}, { get: (_, k) => times[k], set: (_, k, v) => ((times[k] = v), true) })), numThreads: threads });
  const rows = [];
  let lines = 0;
  try {
    for (let i = 0; i <= runs; i++) {
      times = {};
      const t = performance.now();
      const result = await analyzer.analyze(bytes, { features: ['read'], format: 'azure-v4.0' });
      const total = performance.now() - t;
      lines = result.readResult.blocks.reduce((n, b) => n + b.lines.length, 0);
      if (i > 0) rows.push({ ...times, total });
    }
  } finally {
    analyzer.dispose();
  }
  const out = { lines, total: median(rows.map((r) => r.total)) };
  for (const [model] of STAGES) {
    out[model] = median(rows.map((r) => r[model] ?? 0));
    out[`${model}#`] = rows[0][`${model}#`] ?? 0;
  }
  process.stdout.write(JSON.stringify(out));
}

function parent() {
  const runs = option('runs', '10'), image = option('image', '.cache/samples/page.png');
  const results = BACKENDS.map((b) =>
    JSON.parse(execFileSync(process.execPath, [SELF, ...b.args, '--runs', runs, '--image', image], { encoding: 'utf8' })));
  const pad = (s, n) => String(s).padEnd(n);
  const lines = results[0].lines;
  console.log(`read on ${image} (${lines} lines), median of ${runs} analyses, ms`);
  console.log(pad('stage', 30) + BACKENDS.map((b) => pad(b.title, 13)).join(''));
  for (const [model, label] of STAGES)
    console.log(pad(`${label} (${model}, ${results[0][`${model}#`]} runs)`, 30) + results.map((r) => pad(r[model].toFixed(1), 13)).join(''));
  console.log(pad('models total', 30) + results.map((r) => pad(STAGES.reduce((s, [m]) => s + r[m], 0).toFixed(1), 13)).join(''));
  console.log(pad('analysis total', 30) + results.map((r) => pad(r.total.toFixed(1), 13)).join(''));
}

if (process.argv.includes('--backend')) await child();
else parent();
