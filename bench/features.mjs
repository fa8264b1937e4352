// Per-feature latency on a 1 MP JPEG (or on every JPEG of a folder, summed), side by side in one run:
// onnxruntime-web with 1 and 2 threads vs onnxruntime-node; our overhead
// (decode + pre/post-processing + JSON + copies = total - inference) as a
// share of the total; and cold start (module + sessions) per runtime.
//   node bench/features.mjs [--runs 7] [--features objects,faces,adult] [--images DIR] [--build auto|threaded|single]
// Needs: bash scripts/build.sh and npm run models.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createAnalyzer } from '../web/node.js';
import { median } from './median.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: {
  runs: { type: 'string', default: '7' },
  features: { type: 'string', default: 'objects,faces,adult' },
  config: { type: 'string' },
  images: { type: 'string' },  // a folder: its JPEGs instead of the 1 MP image
  build: { type: 'string', default: 'auto' },  // createAnalyzer's build: auto, threaded or single
} });
const runs = Number(values.runs);
const features = values.features.split(',');

// astronaut.png scaled to ~1 MP (1152x1152... kept square) and encoded as JPEG.
function onePixelMegaJpeg() {
  const png = PNG.sync.read(readFileSync(path.join(root, '.cache/samples/astronaut.png')));
  const side = 1024, scale = png.width / side;
  const data = Buffer.alloc(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const s = (Math.floor(y * scale) * png.width + Math.floor(x * scale)) * 4;
      png.data.copy(data, (y * side + x) * 4, s, s + 4);
    }
  }
  return jpeg.encode({ data, width: side, height: side }, 90).data;
}

// Wraps an ORT module so the time during which any session.run is under way
// is counted (the inference share; overlapping runs count once).
function timedOrt(ort, clock) {
  let active = 0, since = 0;
  const InferenceSession = {
    async create(...args) {
      const session = await ort.InferenceSession.create(...args);
      return {
        run: async (...runArgs) => {
          if (active++ === 0) since = performance.now();
          try { return await session.run(...runArgs); } finally { if (--active === 0) clock.inference += performance.now() - since; }
        },
        release: () => session.release?.(),
      };
    },
  };
  return { ...ort, InferenceSession, Tensor: ort.Tensor, env: ort.env, listSupportedBackends: ort.listSupportedBackends };
}


async function measure(label, ort, numThreads) {
  const clock = { inference: 0 };
  const coldStart = performance.now();
  const analyzer = await createAnalyzer({ ort: timedOrt(ort, clock), numThreads, build: values.build });
  await analyzer.preload(['objects', 'faces', 'adult'].filter((m) => analyzer.models.includes(m)));
  const cold = performance.now() - coldStart;
  const images = values.images
    ? readdirSync(values.images).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => readFileSync(path.join(values.images, f)))
    : [onePixelMegaJpeg()];
  const rows = [];
  for (const feature of [...features, features.join('+')]) {
    const options = { features: feature.split('+') };
    for (const image of images) await analyzer.analyze(image, options);  // warm-up
    const totals = [], inferences = [];
    for (let i = 0; i < runs; i++) {
      clock.inference = 0;
      const start = performance.now();
      for (const image of images) await analyzer.analyze(image, options);
      totals.push(performance.now() - start);
      inferences.push(clock.inference);
    }
    const total = median(totals), inference = median(inferences);
    rows.push({ label: `${label}, ${analyzer.build}`, feature, total, overhead: total - inference, share: (total - inference) / total });
  }
  analyzer.dispose();
  return { rows, cold };
}

// ORT-web fixes its thread count when it first initialises: each runtime
// configuration runs in its own process.
const CONFIGS = {
  web1: ['ort-web 1 thread', () => import('onnxruntime-web'), 1],
  web2: ['ort-web 2 threads', () => import('onnxruntime-web'), 2],
  node: ['ort-node 2 threads', async () => require('onnxruntime-node'), 2],
};

if (values.config) {
  const [label, load, threads] = CONFIGS[values.config];
  console.log(JSON.stringify(await measure(label, await load(), threads)));
  process.exit(0);  // ort-web's worker threads would otherwise keep Node alive
} else {
  const results = Object.keys(CONFIGS).map((config) => JSON.parse(execFileSync(process.execPath,
    [fileURLToPath(import.meta.url), '--config', config, '--runs', String(runs), '--features', values.features, '--build', values.build,
      ...(values.images ? ['--images', values.images] : [])], { encoding: 'utf8' })));
  const what = values.images ? `every JPEG of ${values.images}, summed` : '1 MP JPEG (1024x1024)';
  console.log(`${what}, median of ${runs}; overhead = total - time while any session.run is under way`);
  console.log('runtime, build                feature                   total ms  overhead ms  overhead %');
  for (const { rows } of results) {
    for (const r of rows) {
      console.log(`${r.label.padEnd(29)} ${r.feature.padEnd(25)} ${r.total.toFixed(1).padStart(8)} ${r.overhead.toFixed(1).padStart(12)} ${(100 * r.share).toFixed(1).padStart(10)}`);
    }
  }
  console.log('\ncold start (wasm module + sessions for objects, faces, adult):');
  results.forEach(({ rows, cold }) => console.log(`  ${rows[0].label.padEnd(29)} ${cold.toFixed(0)} ms`));
}
