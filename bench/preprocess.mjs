// Decode + resize + normalise of a 12 MP JPEG into the objects model's input,
// measured side by side in one run: native (g++), WebAssembly threaded and
// single, and a pure-JavaScript path (jpeg-js + a JS area/bilinear resize).
//   node bench/preprocess.mjs [--runs 7] [--feature objects]
// Needs: bash scripts/build.sh (native lv_bench and web/wasm).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { coreLabels, loadCoreAnalyzer } from './core-module.mjs';
import { median } from './median.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, feature: { type: 'string', default: 'objects' } } });
const runs = Number(values.runs);
const manifestPath = path.join(root, 'models/manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const card = manifest.models.find((m) => m.id === (values.feature === 'faces' ? 'faces' : 'objects'));

// A 4000x3000 photo-like JPEG (gradients, shapes and noise), made once.
function photo12mp() {
  const file = path.join(root, '.cache/bench/photo-12mp.jpg');
  if (existsSync(file)) return readFileSync(file);
  const width = 4000, height = 3000;
  const data = Buffer.alloc(width * height * 4);
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 32) - 16;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const disc = (x - 2600) ** 2 + (y - 1200) ** 2 < 700 ** 2;
      data[i] = Math.max(0, Math.min(255, (disc ? 220 : (x / width) * 180) + noise()));
      data[i + 1] = Math.max(0, Math.min(255, (disc ? 120 : (y / height) * 200) + noise()));
      data[i + 2] = Math.max(0, Math.min(255, (disc ? 40 : 90 + 60 * Math.sin(x / 90)) + noise()));
      data[i + 3] = 255;
    }
  }
  const encoded = jpeg.encode({ data, width, height }, 90).data;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encoded);
  return encoded;
}


function timeRuns(fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function wasm(build, bytes) {
  const { module, analyzer } = await loadCoreAnalyzer({ build: build === 'threaded' ? 'mt' : 'st' });
  const options = JSON.stringify({ features: [values.feature] });
  const ms = timeRuns(() => {
    const job = analyzer.begin(bytes, options);
    if (job.done()) throw new Error(`no model run planned: ${job.result()}`);
    job.requests();
    job.release();
    job.delete();
  });
  const heapMB = module.HEAPU8.length / 2 ** 20;
  analyzer.delete();
  module.PThread?.terminateAllThreads();
  return { ms, heapMB };
}

// The same steps in plain JavaScript: decode, area-average to at most twice
// the input size, bilinear to the letterboxed size, normalise into NHWC.
function pureJs(bytes) {
  const [H, W] = card.input.size;
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048, maxResolutionInMP: 200 });
  const fit = Math.min(W / image.width, H / image.height);
  const cw = Math.round(image.width * fit), ch = Math.round(image.height * fit);
  // The letterbox cut to the image, as the core cuts it (the card's input.letterboxStep).
  const step = card.input.letterboxStep ?? 0;
  const cut = (extent, side) => (step ? Math.min(side, Math.ceil(Math.ceil(extent - 1e-9) / step) * step) : side);
  const outH = cut(image.height * fit, H), outW = cut(image.width * fit, W);
  const factor = Math.max(1, Math.floor(Math.max(image.width, image.height) / (2 * Math.max(W, H))));
  const sw = Math.floor(image.width / factor), sh = Math.floor(image.height / factor);
  const small = new Float32Array(sw * sh * 3);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) {
          const row = ((y * factor + dy) * image.width + x * factor) * 3 + c;
          for (let dx = 0; dx < factor; dx++) sum += image.data[row + dx * 3];
        }
        small[(y * sw + x) * 3 + c] = sum / (factor * factor);
      }
    }
  }
  const out = new Float32Array(outH * outW * 3);
  const { scale, mean, std } = card.input;
  for (let y = 0; y < ch; y++) {
    const v = Math.min(Math.max((y + 0.5) * (sh / ch) - 0.5, 0), sh - 1), y0 = Math.floor(v), y1 = Math.min(y0 + 1, sh - 1), fy = v - y0;
    for (let x = 0; x < cw; x++) {
      const u = Math.min(Math.max((x + 0.5) * (sw / cw) - 0.5, 0), sw - 1), x0 = Math.floor(u), x1 = Math.min(x0 + 1, sw - 1), fx = u - x0;
      for (let c = 0; c < 3; c++) {
        const a = small[(y0 * sw + x0) * 3 + c] * (1 - fx) + small[(y0 * sw + x1) * 3 + c] * fx;
        const b = small[(y1 * sw + x0) * 3 + c] * (1 - fx) + small[(y1 * sw + x1) * 3 + c] * fx;
        out[(y * outW + x) * 3 + c] = ((a * (1 - fy) + b * fy) * scale - mean[c]) / std[c];
      }
    }
  }
  return out;
}

const bytes = photo12mp();
const imagePath = path.join(root, '.cache/bench/photo-12mp.jpg');
const native = JSON.parse(execFileSync(path.join(root, 'build/native/lv_bench'), [imagePath, manifestPath, values.feature, String(runs), coreLabels()], { encoding: 'utf8' }));
const threaded = await wasm('threaded', bytes);
const single = await wasm('single', bytes);
const js = timeRuns(() => pureJs(bytes));

const rows = [
  ['native (g++ -O3)', native.medianMs, ''],
  ['wasm threaded', threaded.ms, `${threaded.heapMB.toFixed(0)} MB`],
  ['wasm single', single.ms, `${single.heapMB.toFixed(0)} MB`],
  ['pure JS (jpeg-js)', js, ''],
];
console.log(`12 MP JPEG (${(bytes.length / 2 ** 20).toFixed(1)} MB) -> ${values.feature} input ${card.input.size.join('x')}, median of ${runs}`);
console.log('path                 ms      x native   JS / this   wasm heap');
for (const [name, ms, heap] of rows) {
  console.log(`${name.padEnd(20)} ${ms.toFixed(1).padStart(7)}  ${(ms / native.medianMs).toFixed(2).padStart(8)}  ${(js / ms).toFixed(2).padStart(9)}   ${heap}`);
}
