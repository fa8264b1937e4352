// The model files an analyzer uses: where each comes from, its integrity
// (sha256 against models/manifest.json, before any session exists), and one
// ONNX Runtime session per model, created on first use.
import { AnalysisError } from './errors.js';
import { expandCompactWeights } from './expand-weights.js';

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256(bytes) {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}

// A one-node (Identity) ONNX model: creating its session starts ONNX Runtime.
export const ONE_NODE_MODEL = Uint8Array.from(
  atob('CAg6OwoQCgF4EgF5IghJZGVudGl0eRIFc3RhcnRaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgIQDQ=='), (c) => c.charCodeAt(0));

export function isBytes(value) {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

// Where each model's file and labels come from, from the `models` option:
// a base URL/folder for every file, or a map {id: url | path | bytes}.
// A folder that lacks a card's file (as far as platform.hasFile can tell)
// lacks that model: the core then offers no feature that needs it.
export function planSources(manifest, models, platform) {
  const plan = new Map();
  const isBase = typeof models === 'string' || models instanceof URL;
  for (const card of manifest.models) {
    let file;
    if (isBase) file = joinBase(models, card.file);
    else if (models && typeof models === 'object') file = models[card.id];
    if (file === undefined || file === null) continue;
    if (isBase && platform.hasFile && !platform.hasFile(file)) continue;
    let labels = models?.labels?.[card.id];
    if (labels === undefined && card.labels) {
      labels = isBytes(file) ? platform.packageLabels(card.labels) : siblingOf(file, card.labels.file);
    }
    plan.set(card.id, { card, file, labels });
  }
  if (models && typeof models === 'object' && !(models instanceof URL)) {
    for (const id of Object.keys(models)) {
      if (id !== 'labels' && !plan.has(id)) {
        throw new AnalysisError('InvalidModel', `"${id}" is not a model of this version of localvision. Known: ${manifest.models.map((c) => c.id).join(', ')}.`);
      }
    }
  }
  return plan;
}

function joinBase(base, file) {
  const text = String(base);
  return text.endsWith('/') ? text + file : `${text}/${file}`;
}

function siblingOf(file, name) {
  const text = String(file);
  return text.slice(0, text.lastIndexOf('/') + 1) + name;
}

// onnxruntime-web's runs must not overlap, not even runs of different
// sessions or analyzers: a run keeps its tensor pointers in wasm stack space
// across awaits, and a run that ends first hands that space back (three runs
// in flight ended in a TypeError inside ORT 1.30). Its wasm runs one model at
// a time anyway, so one queue per ORT module costs nothing.
// onnxruntime-node's sessions run natively and may overlap.
const webRunQueues = new WeakMap();  // ORT module -> its RunQueue

// A task boundary before each queued run: a run of onnxruntime-web holds the
// thread, and runs chained by promises alone kept timers, I/O and abort
// signals waiting until a whole batch had finished (a 10 ms interval did
// not fire once in a 1 s batch). MessageChannel where there is no
// setImmediate: browsers clamp chained setTimeouts to 4 ms.
function nextTask() {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = () => { port1.close(); resolve(); };
    port2.postMessage(null);
  });
}

// Runs one task at a time, in order, each after a task boundary.
class RunQueue {
  #tail = Promise.resolve();

  add(task) {
    const next = this.#tail.then(nextTask).then(task);
    this.#tail = next.catch(() => {});
    return next;
  }
}

export class ModelRuntime {
  #ort; #plan; #read; #onProgress; #holdEventLoop; #sessionOptions; #sessionOptionsFor; #modelBytesForOrt; #sessions = new Map(); #queueOf;
  #pending = 0; #releaseEventLoop; #disposed = false;
  // Tiered sessions, onnxruntime-web only: id -> {bytes, ran} for each model
  // whose first session is below 'all' (#tierUp).
  #tierUps = new Map(); #levels = new Map();
  // Model id -> the id whose session it uses: cards that name the same file
  // with the same sha256 and session options (faces and faces-448, one
  // network run at two input sizes) share one load, one session and one run
  // queue.
  #sessionIds = new Map();

  // read(source, onBytes) -> Uint8Array: the platform's way to load a URL or path.
  // holdEventLoop() -> release(): optional, keeps the platform's event loop
  // open while sessions load or runs are under way.
  // startOrt: start onnxruntime-web now rather than at the first session.
  constructor({ ort, plan, read, onProgress, holdEventLoop, numThreads, startOrt }) {
    this.#ort = ort;
    this.#plan = plan;
    const firstWith = new Map();  // a path or URL, sha256 and level -> model id (bytes given in code are never shared)
    for (const [id, { file, card }] of plan) {
      const key = isBytes(file) ? id : `${String(file)} ${card.sha256} ${card.webGraphOptimizationLevel ?? 'all'}`;
      if (!firstWith.has(key)) firstWith.set(key, id);
      this.#sessionIds.set(id, firstWith.get(key));
    }
    this.#read = read;
    this.#onProgress = onProgress;
    this.#holdEventLoop = holdEventLoop;
    const backends = ort.listSupportedBackends?.().map((b) => b.name) ?? [];
    const native = backends.includes('cpu') && !backends.includes('wasm');
    if (!native && ort.env?.wasm && numThreads) ort.env.wasm.numThreads = numThreads;
    if (!native && !webRunQueues.has(ort)) webRunQueues.set(ort, new RunQueue());
    const sessionQueues = new Map();
    this.#queueOf = native
      ? (id) => sessionQueues.get(id) ?? sessionQueues.set(id, new RunQueue()).get(id)
      : () => webRunQueues.get(ort);
    this.#sessionOptions = {
      executionProviders: [native ? 'cpu' : 'wasm'],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,  // errors only: ORT's optimiser notes are not the app's business
      ...(native && numThreads ? { intraOpNumThreads: numThreads } : {}),
    };
    // A card's webGraphOptimizationLevel overrides 'all' for the first
    // session in onnxruntime-web (models/README.md): the detectors' first
    // session and run come sooner unoptimised; #tierUp then optimises.
    this.#sessionOptionsFor = native
      ? () => this.#sessionOptions
      : (card) => ({ ...this.#sessionOptions, graphOptimizationLevel: card.webGraphOptimizationLevel ?? 'all' });
    // onnxruntime-web folds compact weights slowly, onnxruntime-node faster
    // than JS expands them (bench/session-create.mjs; README, Performance).
    this.#modelBytesForOrt = native ? (bytes) => bytes : expandCompactWeights;
    // Starting onnxruntime-web (fetching and compiling its 14 MB wasm, its
    // threads) takes 0.3-0.9 s: started now, it overlaps our module's load and
    // the first decode. A failure to start is reported by the first session
    // that needs it.
    if (startOrt && !native) ort.InferenceSession.create(ONE_NODE_MODEL, this.#sessionOptions).then((s) => s.release(), () => {});
  }

  get modelIds() { return [...this.#plan.keys()]; }

  async #load(source, expected, what) {
    let bytes;
    try {
      bytes = isBytes(source) ? new Uint8Array(source) : await this.#read(source, (loaded) => this.#onProgress?.({ ...what, loaded, total: expected.size }));
    } catch (cause) {
      throw new AnalysisError('InvalidModel', `The ${what.file} for "${what.model}" could not be loaded from ${String(source).slice(0, 200)} (${cause.message}). Check the models option and that the file is served.`);
    }
    this.#onProgress?.({ ...what, loaded: bytes.byteLength, total: expected.size });
    const digest = await sha256(bytes);
    if (digest !== expected.sha256 && expected.plugin) {
      throw new AnalysisError('InvalidModel', `The model file of plugin "${what.model}" does not match its sha256 (got ${digest}, declared ${expected.sha256}). Check the file, or declare the sha256 of the file you mean to run.`);
    }
    if (digest !== expected.sha256) {
      throw new AnalysisError('InvalidModel', `The ${what.file} for "${what.model}" does not match models/manifest.json (sha256 ${digest}, expected ${expected.sha256}). Use the files that \`npx localvision models\` writes.`);
    }
    return bytes;
  }

  // {"<model id>": "<labels text>"} for every configured model that has labels.
  async labelTexts() {
    const texts = {};
    await Promise.all([...this.#plan].filter(([, p]) => p.card.labels).map(async ([id, p]) => {
      const bytes = await this.#load(p.labels, p.card.labels, { model: id, file: 'labels' });
      texts[id] = new TextDecoder().decode(bytes);
    }));
    return texts;
  }

  #session(modelId) {
    const id = this.#sessionIds.get(modelId) ?? modelId;
    // A run still queued at dispose() must not create a session nobody frees.
    if (this.#disposed) return Promise.reject(new AnalysisError('CancelledRequest', 'The analyzer was disposed: create a new one with createAnalyzer().'));
    if (!this.#sessions.has(id)) {
      const planned = this.#plan.get(id);
      if (!planned) {
        return Promise.reject(new AnalysisError('InvalidModel', `The model "${id}" is needed for this feature but was not configured. Pass createAnalyzer({ models }) a folder or URL holding it, or a map with "${id}".`));
      }
      const session = this.#load(planned.file, planned.card, { model: id, file: 'model' })
        .then(async (bytes) => {
          const modelBytes = this.#modelBytesForOrt(bytes);
          const options = this.#sessionOptionsFor(planned.card);
          const created = await this.#ort.InferenceSession.create(modelBytes, options);
          this.#levels.set(id, options.graphOptimizationLevel);
          const tiered = options.graphOptimizationLevel !== this.#sessionOptions.graphOptimizationLevel;
          if (tiered && !this.#disposed) this.#tierUps.set(id, { bytes: modelBytes, ran: false });
          return created;
        })
        .catch((error) => {
          this.#sessions.delete(id);  // a later call may retry (e.g. after a network error)
          throw error instanceof AnalysisError ? error : new AnalysisError('InvalidModel', `ONNX Runtime could not load "${id}": ${error.message}`);
        });
      this.#sessions.set(id, this.#underWay(session));
    }
    return this.#sessions.get(id);
  }

  // Holds the event loop from the first model work under way to the last.
  #underWay(promise) {
    if (this.#pending++ === 0) this.#releaseEventLoop = this.#holdEventLoop?.();
    const settled = () => { if (--this.#pending === 0) this.#releaseEventLoop?.(); };
    promise.then(settled, settled);
    return promise;
  }

  // Loads and verifies models before the first analysis needs them.
  async preload(ids = this.modelIds) {
    await Promise.all(ids.map((id) => this.#session(id)));
  }

  // inputs: {name: {data: Float32Array, dims}} -> {name: {data, dims}}.
  // Runs are queued: per session (a session runs one inference at a time) in
  // onnxruntime-node, all of them in onnxruntime-web (webRunQueues).
  run(modelId, inputs) {
    const id = this.#sessionIds.get(modelId) ?? modelId;
    // The session loads (read, verify, create) now, while earlier runs are under way.
    this.#session(id).catch(() => {});  // its error is the queued run's
    return this.#underWay(this.#queueOf(id).add(() => this.#runNow(id, inputs)));
  }

  async #runNow(id, inputs) {
    const session = await this.#session(id);
    const feeds = {};
    for (const [name, { data, dims }] of Object.entries(inputs)) feeds[name] = new this.#ort.Tensor('float32', data, dims);
    const results = await session.run(feeds);
    if (this.#tierUps.has(id)) this.#tierUps.get(id).ran = true;
    const outputs = {};
    for (const [name, tensor] of Object.entries(results)) {
      const data = tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data, Number);
      outputs[name] = { data, dims: [...tensor.dims] };
      tensor.dispose?.();
    }
    return outputs;
  }

  // Tiered sessions (onnxruntime-web): a model's unoptimised first session
  // gives the first result sooner; after the analysis it served (the
  // analyzer calls this when a job ends), a session at 'all' is created from
  // the same bytes and takes over: objects ran 12-19% faster per run, faces
  // ~30% (README, Performance). It is queued like a run, so no run sees it
  // half done, and a run queued after it waits for it once (0.3-0.45 s in
  // Node); an app that pauses between analyses never waits for it. It
  // starts from an unref'd timer and holds no event loop: a Node script
  // with nothing left to do exits without it.
  tierUp() {
    const ready = [...this.#tierUps].filter(([, waiting]) => waiting.ran);
    if (ready.length === 0) return;
    for (const [id] of ready) this.#tierUps.delete(id);
    const timer = setTimeout(() => {
      for (const [id, { bytes }] of ready) this.#queueOf(id).add(() => this.#tierUp(id, bytes)).catch(() => {});
    }, 0);
    timer.unref?.();
  }

  async #tierUp(id, bytes) {
    if (this.#disposed) return;
    const optimised = await this.#ort.InferenceSession.create(bytes, this.#sessionOptions).catch(() => null);
    if (!optimised) return;  // the first session stays
    if (this.#disposed) { await optimised.release?.(); return; }
    // No await between the check above and the swap: a dispose() from here
    // on releases the optimised session, and this releases the first.
    const first = this.#sessions.get(id);
    this.#sessions.set(id, Promise.resolve(optimised));
    this.#levels.set(id, this.#sessionOptions.graphOptimizationLevel);
    await (await first).release?.();
  }

  // The graphOptimizationLevel of a model's current session, once it exists.
  graphOptimizationLevel(modelId) {
    return this.#levels.get(this.#sessionIds.get(modelId) ?? modelId);
  }

  async dispose() {
    this.#disposed = true;
    this.#tierUps.clear();
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map((s) => s.then((x) => x.release?.(), () => {})));
  }
}
