// The analyzer's home in the browser: a module Web Worker, so decoding,
// analysis and inference never block the page. Speaks a small request/reply
// protocol with worker-client.js.
import { createAnalyzer } from './browser.js';
import { AnalysisError } from './errors.js';

let analyzer;
const running = new Map();  // id -> AbortController

const reply = (message, transfer) => self.postMessage(message, transfer ?? []);
const errorFields = (e) => (e instanceof AnalysisError
  ? { innerCode: e.innerCode, code: e.code, message: e.message }
  : { innerCode: 'InternalServerError', code: 'InternalServerError', message: String(e?.message ?? e) });

// analyze or thumbnail, abortable by id; the image copy is zeroed after.
async function withInput(method, { id, input, options }) {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    return await analyzer[method](input, { ...options, signal: controller.signal });
  } finally {
    running.delete(id);
    // This copy of the caller's image is ours: leave nothing of it behind.
    if (input instanceof Uint8Array) input.fill(0);
    else if (input?.data instanceof Uint8ClampedArray || input?.data instanceof Uint8Array) input.data.fill(0);
  }
}

const handlers = {
  async create({ options }) {
    analyzer = await createAnalyzer({
      ...options,
      inWorker: true,
      onProgress: (progress) => reply({ type: 'progress', progress }),
    });
    return { build: analyzer.build, models: analyzer.models, features: analyzer.features, details: analyzer.details };
  },
  analyze: (message) => withInput('analyze', message),
  thumbnail: (message) => withInput('thumbnail', message),
  async preload({ ids }) { await analyzer.preload(ids); },
  memory() { return analyzer.memory(); },
  people({ method, args }) { return analyzer.people[method](...args); },
  abort({ target, reason }) { running.get(target)?.abort(new AnalysisError('CancelledRequest', reason ?? 'The analysis was cancelled.')); },
  dispose() { analyzer?.dispose(); analyzer = undefined; },
};

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const value = await handlers[type](data);
    if (id !== undefined) reply({ id, ok: true, value });
  } catch (error) {
    if (id !== undefined) reply({ id, ok: false, error: errorFields(error) });
  }
};
