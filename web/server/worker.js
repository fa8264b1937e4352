// One analysis worker thread of `localvision serve`: one analyzer (the
// single-thread WebAssembly build, onnxruntime-node with one inference
// thread: the server's parallelism is its workers), with the app's
// classifiers of workerData.plugins (createAnalyzer's `plugins`: their files
// are checked against their sha256 as they load, before the worker is ready)
// and the known people of workerData.people (an exported gallery) if given.
// Protocol with pool.js:
//   in:  {id, op: 'analyze' | 'thumbnail', bytes: Uint8Array (transferred), options}
//   out: {ready: true, details: the details the analyzer can answer} once; per job, {id, decoded: true} once an analysis's
//        image is decoded and its options accepted (a thumbnail has no such
//        step), then {id, ok: true, value} or {id, ok: false, error: Azure's envelope}
// The image bytes are zeroed when the job ends; nothing is logged.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { AnalysisError } from '../errors.js';
import { createAnalyzer } from '../node.js';

const ort = createRequire(import.meta.url)('onnxruntime-node');
const analyzer = await createAnalyzer({ ort, models: workerData.models, plugins: workerData.plugins, build: 'single', numThreads: 1 });
await analyzer.preload();
if (workerData.people) analyzer.people.import(workerData.people);

// Each op resolves to its value; `decoded()` tells the pool the image is good before the models run.
const OPS = {
  async analyze(bytes, options, decoded) {
    const { result } = await analyzer.start(bytes, options);
    decoded();
    return result;
  },
  thumbnail: (bytes, options) => analyzer.thumbnail(bytes, options),
};

function envelope(error) {
  if (error instanceof AnalysisError) return error.toJSON();
  // Not ours to describe: no message or stack leaves the worker.
  return new AnalysisError('InternalServerError', 'The analysis failed unexpectedly.').toJSON();
}

parentPort.on('message', async ({ id, op, bytes, options }) => {
  try {
    const value = await OPS[op](bytes, options, () => parentPort.postMessage({ id, decoded: true }));
    parentPort.postMessage({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: envelope(error) });
  } finally {
    bytes.fill(0);
  }
});
parentPort.postMessage({ ready: true, details: analyzer.details });
