// The model runtime: sources, integrity, sessions, progress, both ORT flavours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readManifest } from '../../models/assemble.mjs';
import { createAnalyzer } from '../../web/node.js';
import { decode, root } from './helpers.mjs';

const dist = path.join(root, 'models/dist');
const require = createRequire(import.meta.url);

test('a model file with a wrong sha256 is refused before any session exists', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(dist, 'faces.onnx')));
  bytes[bytes.length - 1] ^= 0xff;
  const analyzer = await createAnalyzer({ models: { faces: bytes } });
  try {
    await assert.rejects(analyzer.preload(['faces']), (e) => e.innerCode === 'InvalidModel' && /sha256/.test(e.message));
  } finally {
    analyzer.dispose();
  }
});

test('an unknown model id or a missing file is InvalidModel', async () => {
  await assert.rejects(createAnalyzer({ models: { detector9000: new Uint8Array(4) } }), (e) => e.innerCode === 'InvalidModel');
  const analyzer = await createAnalyzer({ models: { faces: '/nonexistent/faces.onnx' } });
  try {
    await assert.rejects(analyzer.preload(), (e) => e.innerCode === 'InvalidModel' && /could not be loaded/.test(e.message));
  } finally {
    analyzer.dispose();
  }
});

test('a folder of models: progress is reported in bytes up to each file size, sessions load once', async () => {
  const events = [];
  const analyzer = await createAnalyzer({ models: dist, onProgress: (e) => events.push(e) });
  try {
    assert.ok(analyzer.models.includes('objects') && analyzer.models.includes('faces'));
    await analyzer.preload(['faces']);
    const last = events.filter((e) => e.model === 'faces' && e.file === 'model').at(-1);
    assert.equal(last.loaded, last.total);
    const before = events.length;
    await analyzer.preload(['faces']);
    assert.equal(events.length, before, 'a second preload loads nothing');
  } finally {
    analyzer.dispose();
  }
});

test('onnxruntime-node plugs in with no other change', async () => {
  const analyzer = await createAnalyzer({ models: dist, ort: require('onnxruntime-node') });
  try {
    await analyzer.preload(['faces', 'adult']);
  } finally {
    analyzer.dispose();
  }
});

test('onnxruntime-web: analyses in flight at once, in two analyzers, give what each gives alone', async () => {
  // Four sessions (objects, faces, faces-448, adult) per job, six jobs and two analyzers at once:
  // onnxruntime-web's runs must be queued across all of them (web/models.js, webRunQueues).
  const images = ['astronaut.png', 'chelsea.png', 'coffee.png'].map((name) => doubled(decode(name)));
  const options = { features: ['objects', 'faces', 'adult'] };
  const [first, second] = [await createAnalyzer({ models: dist, numThreads: 1 }), await createAnalyzer({ models: dist, numThreads: 1 })];
  try {
    const analysis = ({ requestId, ...rest }) => rest;  // each call has its own request id
    const alone = [];
    for (const image of images) alone.push(analysis(await first.analyze(image, options)));
    const together = await Promise.all(images.flatMap((image) => [first.analyze(image, options), second.analyze(image, options)]));
    together.forEach((result, i) => assert.deepEqual(analysis(result), alone[Math.floor(i / 2)]));
  } finally {
    first.dispose();
    second.dispose();
  }
});

// An RGBA image at twice the size (each pixel 2x2): large enough for the 448 px face pass.
function doubled({ data, width, height }) {
  const out = new Uint8ClampedArray(width * height * 16);
  for (let y = 0; y < 2 * height; y++)
    for (let x = 0; x < 2 * width; x++) out.set(data.subarray(((y >> 1) * width + (x >> 1)) * 4, ((y >> 1) * width + (x >> 1)) * 4 + 4), (y * 2 * width + x) * 4);
  return { data: out, width: 2 * width, height: 2 * height };
}

// Active timers: the Node entry's event-loop hold is one.
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

// Model work an analysis left behind (a cancelled analysis's queued runs, a
// session being created at dispose()) ends, and the hold with it.
async function holdLetGo(before) {
  for (let waited = 0; timers() !== before && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(timers(), before, 'the event-loop hold is let go');
}

test('onnxruntime-web: timers and abort signals get their turn while a batch of analyses runs', async () => {
  const before = timers();
  const analyzer = await createAnalyzer({ models: dist, numThreads: 1 });
  try {
    const image = doubled(decode('astronaut.png'));
    const options = { features: ['objects', 'faces', 'adult'] };
    await analyzer.analyze(image, options);  // sessions loaded
    let ticks = 0;
    const timer = setInterval(() => { ticks += 1; }, 5);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const batch = [analyzer.analyze(image, options), analyzer.analyze(image, options), analyzer.analyze(image, { ...options, signal: controller.signal })];
    const settled = await Promise.allSettled(batch);
    clearInterval(timer);
    assert.ok(ticks >= 3, `the interval fired ${ticks} times`);
    assert.equal(settled[0].status, 'fulfilled');
    assert.equal(settled[2].status, 'rejected');
    assert.equal(settled[2].reason.innerCode, 'CancelledRequest', settled[2].reason.message);
  } finally {
    analyzer.dispose();
  }
  await holdLetGo(before);
});

test('dispose() during an analysis: it finishes or is cancelled, never an internal error, and the event loop is let go', async () => {
  const before = timers();
  const analyzer = await createAnalyzer({ models: dist, numThreads: 1 });
  const running = analyzer.analyze(decode('astronaut.png'), { features: ['objects', 'faces'] });
  await new Promise((resolve) => setTimeout(resolve, 0));
  analyzer.dispose();
  const outcome = await running.then(() => 'finished', (error) => error);
  assert.ok(outcome === 'finished' || (outcome.innerCode === 'CancelledRequest' && /disposed/.test(outcome.message)), String(outcome?.stack ?? outcome));
  await holdLetGo(before);
});

// Without the hold, Node found its loop empty during the first run and
// waited for all of V8's background compiles: +0.7-1.2 s to the first
// result (bench/peer.mjs). A hold left behind would keep the process alive.
test('Node: a timer holds the event loop while models load or run, and is let go when they finish or fail', async () => {
  const before = timers();
  const models = { objects: path.join(dist, 'objects.onnx'), faces: path.join(dist, 'faces.onnx'), 'faces-448': '/nonexistent/faces-448.onnx' };
  const analyzer = await createAnalyzer({ models, numThreads: 1 });
  try {
    const running = analyzer.analyze(decode('astronaut.png'), { features: ['objects', 'faces'] });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(timers(), before + 1, 'held while the models load and run');
    await running;
    assert.equal(timers(), before, 'let go with the result');
    await assert.rejects(analyzer.preload(['faces-448']), (e) => e.innerCode === 'InvalidModel');
    assert.equal(timers(), before, 'let go after a failed load');
  } finally {
    analyzer.dispose();
  }
});

const pause = () => new Promise((resolve) => setTimeout(resolve, 10));

// A ModelRuntime over two one-node models (a detector whose card asks for an
// unoptimised first session, and a classifier) and an ORT that records each
// session's level, runs and releases: for tests of our plumbing, not of ORT.
async function recordingRuntime(backend) {
  const { ModelRuntime, ONE_NODE_MODEL, sha256 } = await import('../../web/models.js');
  const digest = await sha256(ONE_NODE_MODEL);
  const card = (id, extra) => ({ id, file: `${id}.onnx`, sha256: digest, size: ONE_NODE_MODEL.length, ...extra });
  const plan = new Map([
    ['detector', { card: card('detector', { webGraphOptimizationLevel: 'disabled' }), file: ONE_NODE_MODEL }],
    ['classifier', { card: card('classifier'), file: ONE_NODE_MODEL }],
  ]);
  const log = [];
  const ort = {
    env: { wasm: {} },
    listSupportedBackends: () => [{ name: backend }],
    InferenceSession: {
      create: async (bytes, { graphOptimizationLevel: level }) => {
        log.push(`create ${level}`);
        return { run: async () => { log.push(`run ${level}`); return {}; }, release: async () => { log.push(`release ${level}`); } };
      },
    },
  };
  return { log, runtime: new ModelRuntime({ ort, plan, read: async () => { throw new Error('not read'); } }) };
}

test('onnxruntime-web: a card\'s webGraphOptimizationLevel sets its first session\'s level, and after the job that ran it an "all" session takes over; onnxruntime-node always uses "all"', async () => {
  const job = async (runtime, ids) => {
    await Promise.all(ids.map((id) => runtime.run(id, {})));
    runtime.tierUp();  // what the analyzer does when a job ends
  };
  for (const [backend, expected] of [
    ['wasm', { detector: ['disabled', 'disabled', 'all'], classifier: ['all', 'all', 'all'] }],
    ['cpu', { detector: ['all', 'all', 'all'], classifier: ['all', 'all', 'all'] }],
  ]) {
    const { log, runtime } = await recordingRuntime(backend);
    const levels = { detector: [], classifier: [] };
    const look = () => { for (const id of Object.keys(levels)) levels[id].push(runtime.graphOptimizationLevel(id)); };
    await runtime.preload();
    runtime.tierUp();
    await pause();
    look();  // a preloaded session that has not run stays as it is
    await job(runtime, ['detector', 'classifier']);
    look();  // the job's result comes first: the tier-up starts from a timer
    await pause();  // the app pauses; the next job's runs wait for the tier-up
    await job(runtime, ['detector', 'classifier']);
    look();
    assert.deepEqual(levels, expected, backend);
    const released = log.filter((line) => line.startsWith('release'));
    assert.deepEqual(released, backend === 'wasm' ? ['release disabled'] : [], `${backend}: the replaced session is released`);
    await runtime.dispose();
  }
});

test('dispose(): every session is released, and a run still to come is cancelled instead of creating a new one', async () => {
  const { log, runtime } = await recordingRuntime('wasm');
  await runtime.run('detector', {});
  runtime.tierUp();  // its timer fires after dispose()
  const late = runtime.run('detector', {});
  await runtime.dispose();
  await assert.rejects(late, (e) => e.innerCode === 'CancelledRequest');
  await pause();
  assert.deepEqual(log, ['create disabled', 'run disabled', 'release disabled'], 'no tier-up, no new session, after dispose()');
});

test('onnxruntime-web: the faces model answers the same on its first (unoptimised) session and on the optimised one that replaces it', async () => {
  const { ModelRuntime } = await import('../../web/models.js');
  const card = readManifest().models.find((c) => c.id === 'faces');
  assert.equal(card.webGraphOptimizationLevel, 'disabled');
  const ort = await import('onnxruntime-web');
  const runtime = new ModelRuntime({ ort, plan: new Map([['faces', { card, file: path.join(dist, card.file) }]]), read: async (file) => new Uint8Array(readFileSync(file)), numThreads: 1 });
  try {
    // The astronaut (512x512) as the card's input: 256x256 RGB scaled to [-1, 1], NHWC.
    const { data, width } = decode('astronaut.png');
    const input = new Float32Array(256 * 256 * 3);
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) for (let c = 0; c < 3; c++) {
      input[(y * 256 + x) * 3 + c] = data[(2 * y * width + 2 * x) * 4 + c] * card.input.scale - card.input.mean[c];
    }
    const run = () => runtime.run('faces', { [card.input.name]: { data: input, dims: [1, ...card.input.size, 3] } });
    const first = await run();
    assert.equal(runtime.graphOptimizationLevel('faces'), 'disabled');
    runtime.tierUp();
    await pause();
    const optimised = await run();
    assert.equal(runtime.graphOptimizationLevel('faces'), 'all');
    for (const name of Object.keys(first)) {
      const [a, b] = [first[name].data, optimised[name].data];
      const worst = a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
      assert.ok(worst < 1e-3, `${name}: outputs differ by up to ${worst}`);
    }
    // The astronaut's face is found: the best anchor scores above the card's 0.75 (logit ln 3).
    const best = Math.max(...first[card.outputs[0].name].data);
    assert.ok(best > Math.log(3), `best face logit ${best}`);
  } finally {
    await runtime.dispose();
  }
});

test('faces and faces-448, one file: one read, one session, and each size runs on it; a map that gives faces-448 other bytes keeps two', async () => {
  const { ModelRuntime, planSources } = await import('../../web/models.js');
  const manifest = readManifest();
  const ort = await import('onnxruntime-web');
  const counted = (reads, creates) => ({
    ort: { ...ort, InferenceSession: { create: (...args) => { creates.push(args[0].byteLength); return ort.InferenceSession.create(...args); } } },
    read: async (file) => { reads.push(path.basename(file)); return new Uint8Array(readFileSync(file)); },
  });
  const cards = Object.fromEntries(['faces', 'faces-448'].map((id) => [id, manifest.models.find((c) => c.id === id)]));
  const zeros = (id, side) => ({ [cards[id].input.name]: { data: new Float32Array(side * side * 3), dims: [1, side, side, 3] } });

  const reads = [], creates = [];
  const plan = planSources({ models: Object.values(cards) }, dist, { hasFile: () => true });
  const shared = new ModelRuntime({ plan, numThreads: 1, ...counted(reads, creates) });
  try {
    const [small, large] = await Promise.all([shared.run('faces', zeros('faces', 256)), shared.run('faces-448', zeros('faces-448', 448))]);
    // BlazeFace's stride-16 head: 2 anchors a cell, (side / 16)^2 cells.
    assert.deepEqual([small[cards.faces.outputs[0].name].dims, large[cards.faces.outputs[0].name].dims], [[1, 512, 1], [1, 1568, 1]]);
    assert.deepEqual(reads, ['faces.onnx']);
    assert.equal(creates.length, 1);
    assert.equal(shared.graphOptimizationLevel('faces-448'), shared.graphOptimizationLevel('faces'));
  } finally {
    await shared.dispose();
  }

  // Bytes given for one id are not a file the other shares.
  const bytesReads = [], bytesCreates = [];
  const bytes = new Uint8Array(readFileSync(path.join(dist, cards.faces.file)));
  const apart = new ModelRuntime({
    plan: planSources({ models: Object.values(cards) }, { faces: path.join(dist, cards.faces.file), 'faces-448': bytes }, {}),
    numThreads: 1, ...counted(bytesReads, bytesCreates),
  });
  try {
    await apart.preload();
    assert.deepEqual([bytesReads, bytesCreates.length], [['faces.onnx'], 2]);
  } finally {
    await apart.dispose();
  }
});
