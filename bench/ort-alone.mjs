// "ORT alone": the floor onnxruntime-web sets for a first result by itself,
// in Node (first-result.mjs) and in a browser worker (peer.mjs's `ort`, via
// ort-alone-worker.mjs). It imports ORT, reads the detectors' files (weights
// already expanded), creates their sessions as localvision does and runs each
// once on the inputs our core made for the photo. Those inputs travel packed
// (packFirstRequests): a little-endian uint32 header length, the JSON header
// [{model, inputs: {name: {dims}}}], then each input's float32 data in header
// order. No Node API here, so a browser worker imports it too.

/**
 * The first stage's requests of the core for one photo, packed.
 * @param {object} core a core Analyzer (core-module.mjs)
 * @param {Uint8Array} photo the encoded image
 * @param {string[]} features Azure feature names
 * @returns {Uint8Array}
 */
export function packFirstRequests(core, photo, features) {
  const job = core.begin(photo, JSON.stringify({ features }));
  const header = [], data = [];
  try {
    for (const { model, inputs } of job.requests()) {
      header.push({ model, inputs: Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, { dims: [...t.dims] }])) });
      for (const t of Object.values(inputs)) data.push(new Uint8Array(new Float32Array(t.data).buffer));
    }
  } finally {
    job.release(); job.delete();
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const packed = new Uint8Array(4 + json.length + data.reduce((n, d) => n + d.length, 0));
  new DataView(packed.buffer).setUint32(0, json.length, true);
  packed.set(json, 4);
  let at = 4 + json.length;
  for (const d of data) { packed.set(d, at); at += d.length; }
  return packed;
}

/**
 * Unpacks what packFirstRequests made.
 * @param {Uint8Array} packed
 * @returns {{model: string, inputs: Object<string, {dims: number[], data: Float32Array}>}[]}
 */
export function unpackRequests(packed) {
  const headerLength = new DataView(packed.buffer, packed.byteOffset).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + headerLength)));
  let at = packed.byteOffset + 4 + headerLength;
  for (const request of header) {
    for (const input of Object.values(request.inputs)) {
      const length = input.dims.reduce((a, b) => a * b, 1);
      input.data = new Float32Array(packed.buffer.slice(at, at + length * 4));
      at += length * 4;
    }
  }
  return header;
}

/**
 * Times ORT alone from the call. ORT's import and start (`startWith`) and
 * the inputs begin at once, the model files' reads as soon as the inputs
 * name the models (an app that knows its models would start both at once);
 * each phase is how long the sequence then waited.
 * @param {object} o
 * @param {Promise<object>} o.ort onnxruntime-web's import, under way
 * @param {number} o.threads ORT's env.wasm.numThreads
 * @param {Promise<{requests: ReturnType<typeof unpackRequests>, manifest: {models: object[]}}>} o.inputs
 *   what to run, in order, and models/manifest.json
 * @param {(id: string) => Promise<Uint8Array>} o.readModel reads a model
 *   with its weights already expanded (writeOrtAloneInputs, core-module.mjs):
 *   the expansion is ours, the price of a small download
 * @param {Uint8Array} [o.startWith] a one-node model whose session starts ORT
 *   at once (as localvision does in a browser: ORT's threads are up before
 *   the first run); without it the first model's session starts ORT
 * @returns {Promise<{phases: Object<string, number>, runAgain: () => Promise<void>}>}
 *   ms per phase, in order; runAgain runs the requests once more
 */
export async function ortAlone({ ort: importing, threads, inputs, readModel, startWith }) {
  let t = performance.now();
  const phases = {};
  const lap = (name) => { const now = performance.now(); phases[name] = (phases[name] ?? 0) + now - t; t = now; };
  const started = importing.then(async (ort) => {
    ort.env.wasm.numThreads = threads;
    if (startWith) await (await ort.InferenceSession.create(startWith, { executionProviders: ['wasm'] })).release();
    return ort;
  });
  started.catch(() => {});  // awaited below
  const { requests, manifest } = await inputs;
  lap('inputs');
  const cards = new Map(manifest.models.map((card) => [card.id, card]));
  const ids = [...new Set(requests.map((r) => r.model))];
  const reads = new Map(ids.map((id) => [id, readModel(id)]));
  for (const read of reads.values()) read.catch(() => {});  // awaited below
  const ort = await started;
  lap(startWith ? 'import ORT, ORT starts' : 'import ORT');
  const sessions = {};
  for (const id of ids) {
    const bytes = await reads.get(id);
    lap('read');
    sessions[id] = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'], graphOptimizationLevel: cards.get(id).webGraphOptimizationLevel ?? 'all', logSeverityLevel: 3 });
    lap(`${id} session${id === ids[0] && !startWith ? ' (ORT starts)' : ''}`);
  }
  const run = async (each = () => {}) => {
    for (const { model, inputs: feedsOf } of requests) {
      const feeds = Object.fromEntries(Object.entries(feedsOf).map(([name, { data, dims }]) => [name, new ort.Tensor('float32', data, dims)]));
      await sessions[model].run(feeds);
      each(model);
    }
  };
  await run((model) => lap(`${model} run`));
  return { phases, runAgain: run };
}
