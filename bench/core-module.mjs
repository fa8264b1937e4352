// The core alone: web/wasm's Embind module (no onnxruntime) and an Analyzer
// over the assembled manifest and the objects labels, as the core-only
// benchmarks (core.mjs, preprocess.mjs, first-result.mjs) time it, and the
// inputs the "ORT alone" floors replay (first-result.mjs, peer.mjs).
// Needs: bash scripts/build.sh and npm run models.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packFirstRequests, unpackRequests } from './ort-alone.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * Loads one build of the core module and makes an Analyzer with default options.
 * @param {{dir?: string, build?: 'st'|'mt'}} options dir: a folder holding
 *   localvision-st/-mt .mjs + .wasm (default web/wasm); build: single-threaded or threaded.
 * @returns {Promise<{module: object, analyzer: object}>} the caller deletes the analyzer;
 *   the threaded build's pool workers are unref'd so they do not hold Node open.
 */
export async function loadCoreAnalyzer({ dir = path.join(root, 'web/wasm'), build = 'st' } = {}) {
  if (build !== 'st' && build !== 'mt') throw new Error(`build must be 'st' or 'mt', not ${build}`);
  const base = path.resolve(dir, `localvision-${build}`);
  const { default: create } = await import(pathToFileURL(`${base}.mjs`).href);
  const module = await create({ wasmBinary: readFileSync(`${base}.wasm`), locateFile: (f) => path.resolve(dir, f) });
  for (const worker of module.PThread?.unusedWorkers ?? []) worker.unref?.();
  const manifest = readFileSync(path.join(root, 'models/manifest.json'), 'utf8');
  return { module, analyzer: new module.Analyzer('{}', manifest, coreLabels()) };
}

/** The Analyzer's labels argument: {"objects": <coco80.txt>} as JSON text (also lv_bench's argv). */
export function coreLabels() {
  return JSON.stringify({ objects: readFileSync(path.join(root, 'models/labels/coco80.txt'), 'utf8') });
}

/**
 * Writes what the "ORT alone" floors read (ort-alone.mjs) into `dir`:
 * requests.bin, the core's first-stage model requests for `photo`, packed,
 * and <model id>.onnx for each model they name, its weights expanded.
 * @param {string} dir an existing folder
 * @param {string} photo path of an image file
 * @param {string[]} features Azure feature names
 */
export async function writeOrtAloneInputs(dir, photo, features) {
  const { analyzer } = await loadCoreAnalyzer();
  let packed;
  try {
    packed = packFirstRequests(analyzer, readFileSync(photo), features);
  } finally {
    analyzer.delete();
  }
  writeFileSync(path.join(dir, 'requests.bin'), packed);
  const { expandCompactWeights } = await import('../web/expand-weights.js');
  const manifest = JSON.parse(readFileSync(path.join(root, 'models/manifest.json'), 'utf8'));
  for (const id of new Set(unpackRequests(packed).map((r) => r.model))) {
    const card = manifest.models.find((c) => c.id === id);
    writeFileSync(path.join(dir, `${id}.onnx`), expandCompactWeights(new Uint8Array(readFileSync(path.join(root, 'models/dist', card.file)))));
  }
}
