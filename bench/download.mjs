#!/usr/bin/env node
// What a browser downloads for localvision, file by file: raw, gzip -9 and
// brotli at quality 9, as a server with compression on would send it.
//   node bench/download.mjs [--models id,id]   (default: every card of models/manifest.json)
// Counted: the chosen models (models/dist), onnxruntime-web's threaded SIMD
// wasm, its API bundle and loader, our threaded and single-thread wasm builds and
// their JS glue. The single-thread files are listed but not added: a page
// loads one build.
// Needs: bash scripts/build.sh and npm run models.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DIST_DIR, modelPath, readManifest } from '../models/assemble.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ortDist = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
const { values } = parseArgs({ options: { models: { type: 'string' } } });
const cards = readManifest().models.filter((c) => !values.models || values.models.split(',').includes(c.id));

const sizes = (file) => {
  const bytes = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length, brotli: brotli.length };
};
const rows = [
  // One row a file: cards that share one (faces, faces-448) are fetched once.
  ...[...new Set(cards.map((c) => c.file))].map((file) => cards.filter((c) => c.file === file))
    .map((shared) => ({ what: `model ${shared.map((c) => c.id).join(' + ')}`, file: modelPath(shared[0], DIST_DIR), counted: true })),
  { what: 'onnxruntime-web wasm', file: path.join(ortDist, 'ort-wasm-simd-threaded.wasm'), counted: true },
  { what: 'onnxruntime-web API', file: path.join(ortDist, 'ort.wasm.min.mjs'), counted: true },
  { what: 'onnxruntime-web loader', file: path.join(ortDist, 'ort-wasm-simd-threaded.mjs'), counted: true },
  { what: 'localvision threaded wasm', file: path.join(root, 'web/wasm/localvision-mt.wasm'), counted: true },
  { what: 'localvision threaded glue', file: path.join(root, 'web/wasm/localvision-mt.mjs'), counted: true },
  { what: 'localvision single wasm', file: path.join(root, 'web/wasm/localvision-st.wasm'), counted: false },
].map((r) => ({ ...r, ...sizes(r.file) }));
const mb = (n) => (n / 1e6).toFixed(2).padStart(7);
console.log(`${'file'.padEnd(30)} ${'raw MB'.padStart(7)} ${'gzip'.padStart(7)} ${'brotli'.padStart(7)}`);
for (const r of rows) console.log(`${(r.what + (r.counted ? '' : ' (not counted)')).padEnd(30)} ${mb(r.raw)} ${mb(r.gzip)} ${mb(r.brotli)}`);
const sum = (k) => rows.filter((r) => r.counted).reduce((a, r) => a + r[k], 0);
console.log(`${'total'.padEnd(30)} ${mb(sum('raw'))} ${mb(sum('gzip'))} ${mb(sum('brotli'))}`);
