// The platform-neutral analyzer: starts a job in the core, runs the model
// requests it plans, supplies the outputs, and returns the core's JSON.
// No analysis logic lives here: thresholds, labels and boxes are C++.
import { AnalysisError } from './errors.js';
import { cancelled, normalizeInput } from './inputs.js';

function parseEnvelope(text) {
  const json = JSON.parse(text);
  if (json.error) throw AnalysisError.fromEnvelope(json);
  return json;
}

// Runs one staged job to the end. `runModel(model, inputs)` resolves to the
// outputs of one inference: {name: {data: Float32Array, dims}}.
async function runJob(job, runModel, signal) {
  try {
    while (!job.done()) {
      const requests = job.requests();
      const outputs = await Promise.all(requests.map((r) => runModel(r.model, r.inputs)));
      if (signal?.aborted) job.cancel(cancelled(signal).message);
      else job.supply(outputs);
    }
    return parseEnvelope(job.result());
  } finally {
    job.release();
    job.delete();
  }
}

function coreOptions(options) {
  const { signal, ...rest } = options;
  return JSON.stringify(rest);
}

export class Analyzer {
  #module;
  #core;
  #runModel;
  #disposed = false;

  constructor(module, core, runModel, info) {
    this.#module = module;
    this.#core = core;
    this.#runModel = runModel;
    /** Which WebAssembly build runs: 'threaded' or 'single'. */
    this.build = info.build;
  }

  async analyze(input, options = {}) {
    if (this.#disposed) throw new AnalysisError('BadArgument', 'This analyzer was disposed: create a new one with createAnalyzer().');
    const { signal } = options;
    if (signal?.aborted) throw cancelled(signal);
    const source = await normalizeInput(input, signal);
    if (signal?.aborted) throw cancelled(signal);
    const json = coreOptions(options);
    const job = source.bytes
      ? this.#core.begin(source.bytes, json)
      : this.#core.beginPixels(source.pixels, source.width, source.height, json);
    return runJob(job, this.#runModel, signal);
  }

  /** Frees the WebAssembly instance and its threads. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#core.delete();
    this.#module.PThread?.terminateAllThreads();
  }
}

// `loadModule(build)` resolves to an Emscripten module of the 'threaded' or
// 'single' build; `runModel` runs inference (see runJob).
export async function createAnalyzerWith({ loadModule, defaultBuild, runModel }, options = {}) {
  const build = options.build ?? 'auto';
  if (!['auto', 'threaded', 'single'].includes(build)) {
    throw new AnalysisError('BadArgument', `'build' must be "auto", "threaded" or "single", not ${JSON.stringify(build)}.`);
  }
  const chosen = build === 'auto' ? defaultBuild() : build;
  const module = await loadModule(chosen, options);
  const core = new module.Analyzer(JSON.stringify(options.limits ?? {}));
  const limitsError = core.limitsError();
  if (limitsError) {
    core.delete();
    module.PThread?.terminateAllThreads();
    parseEnvelope(limitsError);
  }
  return new Analyzer(module, core, runModel, { build: chosen });
}

// Until a model runtime is configured, a feature that needs a model cannot run.
export function noModels(model) {
  throw new AnalysisError('InvalidModel', `The model "${model}" is needed but no models were configured. Pass createAnalyzer({ models }) .`);
}
