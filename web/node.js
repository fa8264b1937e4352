// Node and Electron entry: loads the WebAssembly build and the model files
// with fs (Node's fetch cannot read file paths).
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAnalyzerWith } from './analyzer.js';
import { fetchBytes } from './fetch.js';
import { PACKAGE_MODELS } from './model-folder.js';

export { AnalysisError } from './errors.js';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const wasmDir = path.join(packageRoot, 'web/wasm');
const FILE = { threaded: 'localvision-mt', single: 'localvision-st' };

async function loadModule(build) {
  const base = path.join(wasmDir, FILE[build]);
  const { default: create } = await import(pathToFileURL(`${base}.mjs`).href);
  const module = await create({
    wasmBinary: await readFile(`${base}.wasm`),
    locateFile: (file) => path.join(wasmDir, file),
  });
  // Idle pool threads must not keep a Node process alive.
  for (const worker of module.PThread?.unusedWorkers ?? []) worker.unref?.();
  return module;
}

const isHttp = (text) => /^https?:\/\//i.test(text);
const localPath = (text) => (text.startsWith('file:') ? fileURLToPath(text) : text);

async function read(source, onBytes) {
  const text = String(source);
  if (isHttp(text)) return fetchBytes(text, onBytes);
  const file = await readFile(localPath(text));
  // A plain view, not a copy (17 ms for objects' 4 MB): Buffer's own subarray is slow.
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}

// The cores this process may use (os.availableParallelism: Node >= 18.14).
const cores = () => os.availableParallelism();

const platform = {
  loadModule,
  read,
  // The threaded build's helper thread pays only on a core of its own: ORT's
  // pool threads spin between runs on theirs (README, Performance).
  defaultBuild: (numThreads) => (cores() > numThreads ? 'threaded' : 'single'),
  loadManifest: () => JSON.parse(readFileSync(path.join(packageRoot, 'models/manifest.json'), 'utf8')),
  // Where `localvision models` (`npm run models` in a clone) writes, when it is there.
  defaultModels: () => (existsSync(PACKAGE_MODELS) ? PACKAGE_MODELS : undefined),
  // A URL's file is not looked for here: a missing one fails as it loads.
  hasFile: (source) => isHttp(String(source)) || existsSync(localPath(String(source))),
  loadOrt: () => import('onnxruntime-web'),
  packageLabels: (labels) => (labels.repoPath ? path.join(packageRoot, labels.repoPath) : undefined),
  numThreads: () => Math.min(4, cores()),
  // Node, finding its event loop empty while an onnxruntime-web run is
  // under way, blocks until V8's background tasks (optimising compiles of
  // ORT's wasm) have all finished: 0.7-1.2 s before the first result.
  // A ref'd timer keeps the loop open, so the run's completion is handled
  // as soon as it comes.
  holdEventLoop: () => {
    const timer = setInterval(() => {}, 2 ** 30);
    return () => clearInterval(timer);
  },
};

/** Creates an analyzer; see index.d.ts. */
export function createAnalyzer(options = {}) {
  return createAnalyzerWith(platform, options);
}
