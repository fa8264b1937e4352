// Browser and Web Worker entry. The threaded build needs SharedArrayBuffer,
// which browsers give only to cross-origin isolated pages (COOP + COEP).
import { createAnalyzerWith } from './analyzer.js';
import { fetchBytes } from './fetch.js';
import { WorkerAnalyzer } from './worker-client.js';

export { AnalysisError } from './errors.js';

const FILE = { threaded: 'localvision-mt', single: 'localvision-st' };
const isolated = () => globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
// Logical cores; a browser that does not say counts as one, the choice that
// is safe on any machine.
const cores = () => navigator.hardwareConcurrency || 1;

async function loadModule(build, { wasmBaseUrl = new URL('./wasm/', import.meta.url) } = {}) {
  const base = new URL(wasmBaseUrl, globalThis.location?.href);
  const script = new URL(`${FILE[build]}.mjs`, base).href;
  const { default: create } = await import(/* @vite-ignore */ script);
  return create({ locateFile: (file) => new URL(file, base).href, mainScriptUrlOrBlob: script });
}

async function loadManifest({ manifestUrl = new URL('../models/manifest.json', import.meta.url) } = {}) {
  return JSON.parse(new TextDecoder().decode(await fetchBytes(new URL(manifestUrl, globalThis.location?.href))));
}

// onnxruntime-web's wasm-only build; `ortUrl` for pages without a bundler or import map.
async function loadOrt({ ortUrl } = {}) {
  return ortUrl ? import(/* @vite-ignore */ new URL(ortUrl, globalThis.location?.href).href) : import('onnxruntime-web/wasm');
}

const platform = {
  loadModule,
  loadManifest,
  loadOrt,
  // The threaded build's helper thread pays only on a core of its own: ORT's
  // pool threads spin between runs on theirs (README, Performance).
  defaultBuild: (numThreads) => (isolated() && cores() > numThreads ? 'threaded' : 'single'),
  defaultModels: () => undefined,
  read: (source, onBytes) => fetchBytes(new URL(source, globalThis.location?.href), onBytes),
  packageLabels: (labels) => (labels.repoPath ? new URL(`../${labels.repoPath}`, import.meta.url).href : undefined),
  // Without cross-origin isolation ONNX Runtime cannot use threads either.
  numThreads: () => (isolated() ? Math.min(4, cores()) : 1),
  // The worker mostly waits on fetches and off-thread compiles while it
  // starts: ONNX Runtime's start fills that wait (Node's busy main thread
  // showed no gain, and a model-free analysis would pay for it there).
  startOrtEarly: true,
};

const inWorkerScope = () => typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope;

/**
 * Creates an analyzer; see index.d.ts. On a page it runs in a Web Worker
 * (the page stays responsive); `worker: false` runs it on the calling thread.
 */
export function createAnalyzer({ inWorker, ...options } = {}) {
  const useWorker = options.worker ?? !inWorkerScope();
  if (useWorker && !inWorker && typeof Worker === 'function') return WorkerAnalyzer.create(options);
  return createAnalyzerWith(platform, options);
}
