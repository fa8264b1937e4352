// denseCaptions (4.0) with the real models through the package: the whole
// image first with its full box, then each detected object captioned from its
// own crop, with its box; the region captions name what the detector found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createAnalyzer } from '../../web/node.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evalDevDir, haveEvalDev } from './eval-dev.mjs';
import { sample } from './helpers.mjs';

const require = createRequire(import.meta.url);
const DENSE = { format: 'azure-v4.0', features: ['denseCaptions', 'objects'] };
let analyzer;
before(async () => { analyzer = await createAnalyzer({ ort: require('onnxruntime-node') }); });
after(() => analyzer?.dispose());

for (const [name, word] of [['astronaut.png', /\bperson\b/], ['chelsea.png', /\bcat\b/], ['motorcycle_left.png', /\bmotorcycle\b/]]) {
  test(`${name}: the whole image, then its objects from their crops`, async () => {
    const r = await analyzer.analyze(sample(name), DENSE);
    const [whole, ...regions] = r.denseCaptionsResult.values;
    assert.deepEqual(whole.boundingBox, { x: 0, y: 0, w: r.metadata.width, h: r.metadata.height });
    assert.ok(whole.text.length > 0 && whole.confidence > 0 && whole.confidence <= 1);
    assert.ok(regions.length >= 1 && regions.length <= 9, JSON.stringify(r.denseCaptionsResult));
    // Regions are detected objects (those the tags would keep), on their boxes.
    assert.ok(regions.length <= Math.min(9, r.objectsResult.values.length));
    const boxes = r.objectsResult.values.map((o) => JSON.stringify(o.boundingBox));
    for (const region of regions) {
      assert.ok(boxes.includes(JSON.stringify(region.boundingBox)), `${region.text} has a detected object's box`);
      assert.ok(region.confidence > 0 && region.confidence <= 1);
    }
    assert.ok(regions.some((region) => word.test(region.text)), JSON.stringify(regions));
  });
}

test('a region the classifier contradicts is left out: sliced lemons hold no umbrellas', { skip: !haveEvalDev && `no labelled photos at ${evalDevDir}` }, async () => {
  const r = await analyzer.analyze(readFileSync(path.join(evalDevDir, 'citrus_fruit_slices.jpg')), DENSE);
  assert.ok(r.objectsResult.values.some((o) => o.tags[0].name === 'umbrella'), 'the detector still sees umbrellas');
  assert.ok(!r.denseCaptionsResult.values.some((v) => /umbrella/.test(v.text)), JSON.stringify(r.denseCaptionsResult));
});

test('dense captions in Spanish, and only when asked', async () => {
  const es = await analyzer.analyze(sample('chelsea.png'), { ...DENSE, language: 'es' });
  assert.ok(es.denseCaptionsResult.values.slice(1).some((v) => /\bgato\b/.test(v.text)), JSON.stringify(es.denseCaptionsResult));
  const plain = await analyzer.analyze(sample('chelsea.png'), { format: 'azure-v4.0', features: ['caption'] });
  assert.ok(!('denseCaptionsResult' in plain));
});
