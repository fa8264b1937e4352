// Browser and Web Worker entry. The threaded build needs SharedArrayBuffer,
// which browsers give only to cross-origin isolated pages (COOP + COEP).
import { createAnalyzerWith, noModels } from './analyzer.js';

export { AnalysisError } from './errors.js';

const FILE = { threaded: 'localvision-mt', single: 'localvision-st' };

function defaultBuild() {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' ? 'threaded' : 'single';
}

async function loadModule(build, { wasmBaseUrl = new URL('./wasm/', import.meta.url) } = {}) {
  const base = new URL(wasmBaseUrl, globalThis.location?.href);
  const script = new URL(`${FILE[build]}.mjs`, base).href;
  const { default: create } = await import(/* @vite-ignore */ script);
  return create({ locateFile: (file) => new URL(file, base).href, mainScriptUrlOrBlob: script });
}

/** Creates an analyzer; see index.d.ts. */
export function createAnalyzer(options = {}) {
  return createAnalyzerWith({ loadModule, defaultBuild, runModel: noModels }, options);
}
