// The page side of the worker: the same Analyzer API, every call a message.
import { AnalysisError } from './errors.js';
import { enrollEach } from './analyzer.js';
import { cancelled } from './inputs.js';

// Options a worker can receive (functions and ORT modules stay on the page).
function cloneableOptions({ onProgress, ort, worker, ...rest }) {
  if (ort) throw new AnalysisError('BadArgument', "The 'ort' option cannot cross into a worker: pass ortUrl, or createAnalyzer({ worker: false, ort }).");
  for (const key of ['wasmBaseUrl', 'manifestUrl', 'ortUrl']) if (rest[key] instanceof URL) rest[key] = rest[key].href;
  if (rest.models instanceof URL) rest.models = rest.models.href;
  return rest;
}

// Inputs are copied into the worker (the caller's buffers stay untouched).
async function portableInput(input) {
  if (typeof Blob !== 'undefined' && input instanceof Blob) return new Uint8Array(await input.arrayBuffer());
  if (input instanceof ArrayBuffer) return new Uint8Array(input.slice(0));
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength));
  if (input && typeof input === 'object' && input.data && Number.isInteger(input.width)) {
    return { data: new Uint8ClampedArray(input.data), width: input.width, height: input.height };
  }
  return input instanceof URL ? input.href : input;
}

export class WorkerAnalyzer {
  #worker; #pending = new Map(); #nextId = 0; #disposed = false;

  static async create(options) {
    const analyzer = new WorkerAnalyzer(options);
    Object.assign(analyzer, await analyzer.#call('create', { options: cloneableOptions(options) }));
    return analyzer;
  }

  constructor(options) {
    this.#worker = new Worker(options.workerUrl ?? new URL('./worker.js', import.meta.url), { type: 'module' });
    this.#worker.onmessage = ({ data }) => {
      if (data.type === 'progress') { options.onProgress?.(data.progress); return; }
      const pending = this.#pending.get(data.id);
      if (!pending) return;
      this.#pending.delete(data.id);
      if (data.ok) pending.resolve(data.value);
      else pending.reject(new AnalysisError(data.error.innerCode, data.error.message, data.error.code));
    };
    this.#worker.onerror = (event) => {
      const error = new AnalysisError('InternalServerError', `The analysis worker failed: ${event.message ?? 'unknown error'}`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
  }

  #call(type, message, transfer) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id, type }, transfer ?? []);
    });
  }

  analyze(input, options = {}) { return this.#withInput('analyze', input, options); }

  /** See Analyzer.thumbnail: the encoded bytes come back from the worker. */
  thumbnail(input, options = {}) { return this.#withInput('thumbnail', input, options); }

  // A call that carries an image (copied into the worker) and may be aborted.
  async #withInput(type, input, options) {
    if (this.#disposed) throw new AnalysisError('BadArgument', 'This analyzer was disposed: create a new one with createAnalyzer().');
    const { signal, ...rest } = options;
    if (signal?.aborted) throw cancelled(signal);
    const portable = await portableInput(input);
    const transfer = portable instanceof Uint8Array ? [portable.buffer] : portable?.data ? [portable.data.buffer] : [];
    const id = this.#nextId;
    const onAbort = () => this.#worker.postMessage({ type: 'abort', target: id, reason: cancelled(signal).message });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#call(type, { input: portable, options: rest }, transfer);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  preload(ids) { return this.#call('preload', { ids }); }

  /** The known-people gallery (lives in the worker); every method returns a promise here. */
  people = {
    enroll: (name, images, options) => enrollEach(this, name, images, options),
    list: () => this.#call('people', { method: 'list', args: [] }),
    remove: (name) => this.#call('people', { method: 'remove', args: [name] }),
    clear: () => this.#call('people', { method: 'clear', args: [] }),
    export: () => this.#call('people', { method: 'export', args: [] }),
    import: (json) => this.#call('people', { method: 'import', args: [typeof json === 'string' ? json : JSON.stringify(json)] }),
  };

  /** Debug: the worker's WebAssembly heap size. */
  memory() { return this.#call('memory', {}); }

  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#worker.postMessage({ type: 'dispose' });
    this.#worker.terminate();
    const error = new AnalysisError('BadArgument', 'The analyzer was disposed.');
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
