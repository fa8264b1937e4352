// The core alone: web/wasm's Embind module (no onnxruntime) and an Analyzer
// over the assembled manifest and the objects labels, as the core-only
// benchmarks (core.mjs, preprocess.mjs, first-result.mjs) time it.
// Needs: bash scripts/build.sh and npm run models.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
