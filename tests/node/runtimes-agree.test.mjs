// onnxruntime-web and onnxruntime-node must give the same analysis (within
// float tolerance), and an analysis can be cancelled and run concurrently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createAnalyzer } from '../../web/node.js';
import { sample } from './helpers.mjs';

const require = createRequire(import.meta.url);
const FEATURES = ['objects', 'faces', 'adult'];
let web, native;

before(async () => {
  web = await createAnalyzer();
  native = await createAnalyzer({ ort: require('onnxruntime-node') });
});
after(() => { web.dispose(); native.dispose(); });

// Numbers within `tolerance` (boxes in pixels, scores in 0..1); all else equal.
function assertClose(a, b, path = '$') {
  if (typeof a === 'number' && typeof b === 'number') {
    const tolerance = Number.isInteger(a) && Number.isInteger(b) ? 2 : 0.02;
    assert.ok(Math.abs(a - b) <= tolerance, `${path}: ${a} vs ${b}`);
  } else if (Array.isArray(a)) {
    assert.equal(a.length, b.length, `${path}: lengths`);
    a.forEach((x, i) => assertClose(x, b[i], `${path}[${i}]`));
  } else if (a && typeof a === 'object') {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${path}: keys`);
    for (const key of Object.keys(a)) if (key !== 'requestId') assertClose(a[key], b[key], `${path}.${key}`);
  } else {
    assert.equal(a, b, path);
  }
}

for (const name of ['astronaut.png', 'chelsea.png', 'motorcycle_left.png']) {
  test(`${name}: onnxruntime-web and onnxruntime-node agree`, async () => {
    const options = { features: FEATURES };
    assertClose(await web.analyze(sample(name), options), await native.analyze(sample(name), options));
  });
}

test('an analysis aborted while its models run rejects with CancelledRequest', async () => {
  // onnxruntime-node, with the abort fired from inside the first inference:
  // the moment is exact, the model and runtime are real.
  const ort = require('onnxruntime-node');
  const controller = new AbortController();
  const abortingOrt = {
    ...ort,
    InferenceSession: {
      async create(...args) {
        const session = await ort.InferenceSession.create(...args);
        return { run: async (...runArgs) => { const out = await session.run(...runArgs); controller.abort(); return out; }, release: () => session.release() };
      },
    },
  };
  const analyzer = await createAnalyzer({ ort: abortingOrt });
  try {
    await assert.rejects(analyzer.analyze(sample('astronaut.png'), { features: FEATURES, signal: controller.signal }),
      (e) => e.innerCode === 'CancelledRequest');
    const after = await analyzer.analyze(sample('astronaut.png'), { features: ['color'] });
    assert.ok(after.color, 'the analyzer still works');
  } finally {
    analyzer.dispose();
  }
});

test('concurrent analyses with models each get their own, correct result', async () => {
  const names = ['chelsea.png', 'astronaut.png', 'motorcycle_left.png', 'astronaut.png'];
  const results = await Promise.all(names.map((n) => web.analyze(sample(n), { features: ['faces', 'objects'] })));
  const alone = await Promise.all(names.map(async (n) => web.analyze(sample(n), { features: ['faces', 'objects'] })));
  results.forEach((r, i) => {
    assert.equal(r.metadata.width, alone[i].metadata.width);
    assert.deepEqual(r.faces, alone[i].faces, names[i]);
    assert.deepEqual(r.objects.map((o) => o.object), alone[i].objects.map((o) => o.object), names[i]);
  });
  assert.equal(results[0].faces.length, 0);
  assert.equal(results[1].faces.length, 1);
});
