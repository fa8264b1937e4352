// Node and Electron entry: loads the WebAssembly build from this package's
// folder with fs (Node's fetch cannot load file paths).
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { createAnalyzerWith, noModels } from './analyzer.js';

export { AnalysisError } from './errors.js';

const wasmDir = fileURLToPath(new URL('./wasm/', import.meta.url));
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

/** Creates an analyzer; see index.d.ts. Node always has threads. */
export function createAnalyzer(options = {}) {
  return createAnalyzerWith({ loadModule, defaultBuild: () => 'threaded', runModel: noModels }, options);
}
