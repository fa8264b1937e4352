// Our own share of an analysis, without the models: the core's begin()
// (decode, the small copy, every model input of the first stage) over the
// dev photos, per feature set. With --against DIR (a copy of another
// build's web/wasm), both builds run side by side, photo by photo in
// alternating order, and the ratio is printed.
//   node bench/core.mjs [--build st|mt] [--features objects,faces] [--passes 7] [--images DIR] [--against DIR]
// --build: st (localvision-st, no threads) or mt (localvision-mt, the default).
// Needs: bash scripts/build.sh and npm run models (for the manifest's cards).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadCoreAnalyzer } from './core-module.mjs';
import { median } from './median.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: {
  build: { type: 'string', default: 'mt' },
  features: { type: 'string', default: 'objects,faces' },
  passes: { type: 'string', default: '7' },
  images: { type: 'string', default: process.env.LOCALVISION_EVAL_DEV || path.join(root, '../shared/eval-dev') },
  against: { type: 'string' },
} });
const load = async (dir) => (await loadCoreAnalyzer({ dir, build: values.build })).analyzer;

const builds = { 'this build': await load(path.join(root, 'web/wasm')) };
if (values.against) builds[`against ${path.basename(path.resolve(values.against))}`] = await load(values.against);
const photos = readdirSync(values.images).filter((f) => /\.jpe?g$/i.test(f)).sort()
  .map((f) => new Uint8Array(readFileSync(path.join(values.images, f))));
const options = JSON.stringify({ features: values.features.split(',') });
const names = Object.keys(builds);
if (!(Number(values.passes) >= 1)) throw new Error('--passes must be at least 1');
const sums = Object.fromEntries(names.map((n) => [n, []]));
for (let pass = 0; pass <= Number(values.passes); pass++) {
  const sum = Object.fromEntries(names.map((n) => [n, 0]));
  for (const [index, bytes] of photos.entries()) {
    for (const name of (pass + index) % 2 ? [...names].reverse() : names) {
      const start = performance.now();
      const job = builds[name].begin(bytes, options);
      job.requests();
      sum[name] += performance.now() - start;
      job.release();
      job.delete();
    }
  }
  if (pass > 0) for (const n of names) sums[n].push(sum[n]);  // pass 0 warms up
}
console.log(`core begin() for ${values.features} over ${photos.length} photos, ${values.build} build, median of ${values.passes} passes:`);
for (const n of names) console.log(`  ${n.padEnd(24)} ${median(sums[n]).toFixed(0).padStart(6)} ms  (${(median(sums[n]) / photos.length).toFixed(2)} ms a photo)`);
if (values.against) console.log(`  ratio this / against: ${(median(sums[names[0]]) / median(sums[names[1]])).toFixed(2)}`);
process.exit(0);  // the threaded build's pool workers
