#!/usr/bin/env node
// Does batching OCR recognition pay? The recogniser (models/dist/ocr-rec.onnx)
// on N lines of one width: N runs of one line against one run of N lines,
// side by side, for onnxruntime-web with 1 and 2 threads and onnxruntime-node.
// The model's cost does not depend on the pixels, so the lines are blank.
// Median of 5 after a warm-up. This is what set kRecBatch
// (src/features/read/read_feature.hpp).
//
//   node bench/read-batch.mjs
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './median.mjs';

const SELF = fileURLToPath(import.meta.url);
const MODEL = path.resolve(path.dirname(SELF), '../models/dist/ocr-rec.onnx');
const BACKENDS = [['ort-web 1t', 'web', 1], ['ort-web 2t', 'web', 2], ['ort-node 2t', 'node', 2]];
const CASES = [[320, 4], [1000, 2], [1000, 6]];  // [line width in input pixels, lines]


async function timed(run) {
  await run();
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function child(backend, threads) {
  const ort = backend === 'node' ? createRequire(import.meta.url)('onnxruntime-node') : await import('onnxruntime-web');
  if (backend === 'web') ort.env.wasm.numThreads = threads;
  const session = await ort.InferenceSession.create(MODEL, backend === 'node' ? { intraOpNumThreads: threads } : {});
  const lines = (n, width) => ({ x: new ort.Tensor('float32', new Float32Array(n * 3 * 48 * width), [n, 3, 48, width]) });
  const out = [];
  for (const [width, n] of CASES) {
    const single = await timed(async () => { for (let i = 0; i < n; i++) await session.run(lines(1, width)); });
    const batch = await timed(() => session.run(lines(n, width)));
    out.push({ single, batch });
  }
  process.stdout.write(JSON.stringify(out));
}

function parent() {
  const results = BACKENDS.map(([, backend, threads]) =>
    JSON.parse(execFileSync(process.execPath, [SELF, '--backend', backend, String(threads)], { encoding: 'utf8' })));
  const pad = (s, n) => String(s).padEnd(n);
  console.log('ocr-rec: N single-line runs vs one N-line run, ms (batch/single)');
  console.log(pad('lines', 18) + BACKENDS.map(([title]) => pad(title, 26)).join(''));
  CASES.forEach(([width, n], i) => {
    const cells = results.map((r) => {
      const { single, batch } = r[i];
      return pad(`${single.toFixed(0)} vs ${batch.toFixed(0)} (${(batch / single).toFixed(2)}x)`, 26);
    });
    console.log(pad(`${n} x 48x${width}`, 18) + cells.join(''));
  });
}

const at = process.argv.indexOf('--backend');
if (at >= 0) await child(process.argv[at + 1], Number(process.argv[at + 2]));
else parent();
