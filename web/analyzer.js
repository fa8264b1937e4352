// The platform-neutral analyzer: starts a job in the core, runs the model
// requests it plans, supplies the outputs, and returns the core's JSON.
// No analysis logic lives here: thresholds, labels and boxes are C++.
import { AnalysisError } from './errors.js';
import { cancelled, normalizeInput } from './inputs.js';
import { ModelRuntime, planSources } from './models.js';
import { planPlugins, pluginLabelTexts } from './plugins.js';

function parseEnvelope(text) {
  const json = JSON.parse(text);
  if (json.error) throw AnalysisError.fromEnvelope(json);
  return json;
}

// The inputs of a stage, copied out of the WebAssembly heap before anything
// else can touch (or grow) it.
function snapshot(requests) {
  return requests.map(({ model, inputs }) => ({
    model,
    inputs: Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, { data: t.data.slice(), dims: t.dims }])),
  }));
}

// Settles with `promise`, or rejects with CancelledRequest as soon as the
// signal aborts (a model still loading or running finishes unobserved).
function untilAborted(promise, signal) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelled(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// Runs one staged job to the end.
async function runJob(job, runtime, signal) {
  try {
    while (!job.done()) {
      const requests = snapshot(job.requests());
      if (!runtime) throw new AnalysisError('InvalidModel', `The model "${requests[0].model}" is needed but no models were configured. Pass createAnalyzer({ models }).`);
      let outputs;
      try {
        outputs = await untilAborted(Promise.all(requests.map((r) => runtime.run(r.model, r.inputs))), signal);
      } catch (error) {
        job.cancel(error.message);
        throw error;
      }
      job.supply(outputs);
    }
    return parseEnvelope(job.result());
  } finally {
    job.release();
    job.delete();
    runtime?.tierUp();
  }
}

function coreOptions(options) {
  const { signal, ...rest } = options;
  return JSON.stringify(rest);
}

function parseOrThrow(text) {
  if (text) parseEnvelope(text);
}

// One enrolment job per image (the same loop on a page and in a worker).
export async function enrollEach(analyzer, name, images, { signal } = {}) {
  let enrolled;
  for (const image of Array.isArray(images) ? images : [images]) {
    enrolled = (await analyzer.analyze(image, { enroll: name, signal })).enrolled;
  }
  return enrolled;
}

// The app's own "celebrities" (Azure's details: ['celebrities']). Each image
// enrols the largest face under the name; nothing leaves memory unless the
// app exports it.
class PeopleGallery {
  #analyzer; #core;
  constructor(analyzer, core) { this.#analyzer = analyzer; this.#core = core; }

  /** Enrols the largest face of each image under `name`; resolves to {name, faceRectangle, descriptors}. */
  enroll(name, images, options) { return enrollEach(this.#analyzer, name, images, options); }

  /** [{name, descriptors}] in enrolment order. */
  list() { return JSON.parse(this.#core.peopleList()); }
  /** Forgets a person; false when the name is unknown. */
  remove(name) { return this.#core.peopleRemove(name); }
  clear() { this.#core.peopleClear(); }
  /** The gallery as JSON text (face descriptors, not images): store it only where your users agreed to. */
  export() { return this.#core.peopleExport(); }
  /** Adds the people of an exported gallery; throws AnalysisError (nothing imported) when it is not valid. */
  import(json) { parseOrThrow(this.#core.peopleImport(typeof json === 'string' ? json : JSON.stringify(json))); }
}

export class Analyzer {
  #module;
  #core;
  #runtime;
  #disposed = false;

  constructor(module, core, runtime, info) {
    this.#module = module;
    this.#core = core;
    this.#runtime = runtime;
    /** Which WebAssembly build runs: 'threaded' or 'single'. */
    this.build = info.build;
    /** The model ids this analyzer can use. */
    this.models = Object.freeze(runtime?.modelIds ?? []);
    /** The visual features this analyzer can compute with those models. */
    this.features = Object.freeze(JSON.parse(core.features()));
    /** The details (Azure's domain models) this analyzer can answer. */
    this.details = Object.freeze(JSON.parse(core.details()));
    /** The known-people gallery: in memory, per analyzer; export/import are the app's. */
    this.people = new PeopleGallery(this, core);
  }

  // The caller's input as the core takes it ({bytes} or {pixels, width, height}).
  async #source(input, signal) {
    if (this.#disposed) throw new AnalysisError('BadArgument', 'This analyzer was disposed: create a new one with createAnalyzer().');
    if (signal?.aborted) throw cancelled(signal);
    const source = await normalizeInput(input, signal);
    if (signal?.aborted) throw cancelled(signal);
    return source;
  }

  // The core's entry `name` for encoded bytes, or `${name}Pixels` for RGBA pixels.
  #callCore(name, source, json) {
    return source.bytes
      ? this.#core[name](source.bytes, json)
      : this.#core[`${name}Pixels`](source.pixels, source.width, source.height, json);
  }

  async analyze(input, options = {}) {
    const { result } = await this.start(input, options);
    return result;
  }

  /**
   * analyze() in two steps, for callers that answer before the models run
   * (`localvision serve`'s Read): resolves once the core has decoded the
   * image and accepted the options, to {result}, the promise analyze()
   * would return. Rejects as analyze() does when the image or the options
   * are refused.
   */
  async start(input, options = {}) {
    const source = await this.#source(input, options.signal);
    const json = coreOptions(options);
    // The core decodes the image and parses the options in begin().
    const job = this.#callCore('begin', source, json);
    // A job with no model run ahead was refused (or needs no model): a refusal rejects here.
    const settled = job.done();
    // dispose() frees the core under a running job: its next call fails inside Embind.
    const result = runJob(job, this.#runtime, options.signal).catch((error) => {
      throw this.#disposed ? new AnalysisError('CancelledRequest', 'The analyzer was disposed while this analysis ran: finish or cancel analyses before dispose(), or create a new analyzer.') : error;
    });
    if (settled) await result;
    return { result };
  }

  /**
   * Azure's generateThumbnail: a width x height crop of the image (where its
   * interest is with smartCropping, else the centre), encoded as JPEG (default)
   * or PNG. Resolves to the encoded bytes (Uint8Array). Sides are whole pixels,
   * 1..1024. Throws AnalysisError: InvalidThumbnailSize (a side), BadArgument
   * (smartCropping or format), InvalidImageFormat / InvalidImageSize (the image).
   */
  async thumbnail(input, options = {}) {
    const source = await this.#source(input, options.signal);
    const json = coreOptions(options);
    const encoded = this.#callCore('thumbnail', source, json);
    if (typeof encoded === 'string') parseEnvelope(encoded);
    return encoded;
  }

  /** Loads and verifies the given models (default: all configured) ahead of the first analysis. */
  async preload(ids) {
    await this.#runtime?.preload(ids);
  }

  /** Debug: the byte length of this analyzer's WebAssembly heap (grows, never shrinks; flat once warm). */
  async memory() {
    return { wasmHeapBytes: this.#module.wasmMemory?.buffer.byteLength ?? this.#module.HEAPU8.length };
  }

  /** Frees the WebAssembly instance, its threads and the model sessions. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#core.delete();
    this.#module.PThread?.terminateAllThreads();
    this.#runtime?.dispose();
  }
}

// What a platform (Node, browser) provides:
//   loadModule(build, options)  -> the Emscripten module of that build
//   defaultBuild(numThreads)    -> 'threaded' | 'single' for that many inference threads
//   loadManifest(options)       -> models/manifest.json as an object
//   defaultModels()             -> the `models` option when the caller gives none
//   loadOrt(options)            -> the onnxruntime module
//   read(source, onBytes)       -> Uint8Array of a URL or path
//   packageLabels(labelsCard)   -> where the package keeps a label file, if it does
//   hasFile(source)             -> optional: false when a model folder's file is known to be absent
//   numThreads()                -> inference threads
//   holdEventLoop()             -> optional: keeps the process alive while models work; returns its release
//   startOrtEarly               -> true: onnxruntime-web starts with the analyzer, not at its first model
export async function createAnalyzerWith(platform, options = {}) {
  const build = options.build ?? 'auto';
  if (!['auto', 'threaded', 'single'].includes(build)) {
    throw new AnalysisError('BadArgument', `'build' must be "auto", "threaded" or "single", not ${JSON.stringify(build)}.`);
  }
  // What ORT does not take (0, negative, a fraction) counts as unset, as ORT counts it.
  const numThreads = Number.isInteger(options.numThreads) && options.numThreads > 0 ? options.numThreads : platform.numThreads();
  const chosen = build === 'auto' ? platform.defaultBuild(numThreads) : build;
  // Our module loads while the models' side does (manifest, ONNX Runtime, labels).
  const [loaded, configured] = await Promise.allSettled([
    platform.loadModule(chosen, options), configureModels(platform, options, numThreads)]);
  if (loaded.status === 'rejected' || configured.status === 'rejected') {
    if (loaded.status === 'fulfilled') loaded.value.PThread?.terminateAllThreads();
    throw configured.reason ?? loaded.reason;
  }
  const module = loaded.value;
  const { manifest, runtime, labels } = configured.value;
  const core = new module.Analyzer(JSON.stringify(options.limits ?? {}), manifest ? JSON.stringify(manifest) : '', JSON.stringify(labels));
  const configError = core.configError();
  if (configError) {
    core.delete();
    module.PThread?.terminateAllThreads();
    parseEnvelope(configError);
  }
  return new Analyzer(module, core, runtime, { build: chosen });
}

// The models an analyzer has: {manifest (its cards: the configured models',
// then the plugins'), runtime (their ModelRuntime), labels ({id: text})};
// no manifest and no runtime when neither models nor plugins are configured.
async function configureModels(platform, options, numThreads) {
  const models = options.models ?? platform.defaultModels();
  if (!models && !options.plugins) return { manifest: null, runtime: null, labels: {} };
  const [manifest, ort] = await Promise.all([options.manifest ?? platform.loadManifest(options), options.ort ?? platform.loadOrt(options)]);
  const plugins = planPlugins(options.plugins, manifest);
  const plan = models ? planSources(manifest, models, platform) : new Map();
  // Plugins are cards like the manifest's (same integrity check), after them.
  for (const { card, file } of plugins) plan.set(card.id, { card, file });
  const runtime = new ModelRuntime({
    ort,
    plan,
    read: platform.read,
    holdEventLoop: platform.holdEventLoop,
    onProgress: options.onProgress,
    numThreads,
    startOrt: platform.startOrtEarly,
  });
  const [labels, pluginLabels] = await Promise.all([runtime.labelTexts(), pluginLabelTexts(plugins, platform.read)]);
  return {
    // The core plans with the models this analyzer has: a feature whose
    // dependency's model was left out runs without that dependency.
    manifest: { ...manifest, models: [...manifest.models.filter((card) => plan.has(card.id)), ...plugins.map((p) => p.card)] },
    runtime,
    labels: { ...labels, ...pluginLabels },
  };
}
