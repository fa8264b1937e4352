// Pluggable models: the app's own ONNX classifiers (createAnalyzer({ plugins }))
// merge into tags, categories[].detail.landmarks and brands. The classifiers
// are written here by tests/node/plugins/ (classifiers.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../../web/node.js';
import { IDENTITY, INPUT, P_WIN, makeClassifier } from './plugins/classifiers.mjs';

let dir;

const classifier = (name, matrix, layout) => makeClassifier(path.join(dir, `${name}.onnx`), matrix, layout);

function image(r, g, b, size = 64) {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
  return { data, width: size, height: size };
}

const ONLY_PLUGINS = { models: [] };  // no built-in models: the plugins alone

function plugin(model, extra = {}) {
  return { id: 'colours', task: 'tags', file: model.bytes, sha256: model.sha256, labelsText: 'redish\ngreenish\nblueish\n',
    input: INPUT, output: { name: 'logits', activation: 'softmax' }, ...extra };
}

async function withAnalyzer(options, body) {
  const analyzer = await createAnalyzer({ manifest: ONLY_PLUGINS, ...options });
  try {
    return await body(analyzer);
  } finally {
    analyzer.dispose();
  }
}

before(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'lv-plugins-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

test('a tags plugin adds its tag with the softmax probability', async () => {
  const model = classifier('tags');
  await withAnalyzer({ plugins: [plugin(model)] }, async (analyzer) => {
    const result = await analyzer.analyze(image(255, 0, 0), { features: ['tags'] });
    const tag = result.tags.find((t) => t.name === 'redish');
    assert.ok(tag, JSON.stringify(result.tags));
    assert.ok(Math.abs(tag.confidence - P_WIN) < 1e-3, `${tag.confidence} vs ${P_WIN}`);
    assert.ok(!result.tags.some((t) => t.name === 'greenish' || t.name === 'blueish'), 'under the threshold');
  });
});

test('colour order and normalisation are honoured as declared', async () => {
  const model = classifier('order');
  // BGR: the red channel comes last, so the third label wins.
  await withAnalyzer({ plugins: [plugin(model, { input: { ...INPUT, colorOrder: 'BGR' } })] }, async (analyzer) => {
    const { tags } = await analyzer.analyze(image(255, 0, 0), { features: ['tags'] });
    assert.ok(tags.some((t) => t.name === 'blueish') && !tags.some((t) => t.name === 'redish'), JSON.stringify(tags));
  });
  // Green image, sigmoid without normalisation: logits (0, 255, 0) -> (0.5, 1, 0.5).
  const raw = { ...INPUT, scale: 1, mean: [0, 0, 0], std: [1, 1, 1] };
  await withAnalyzer({ plugins: [plugin(model, { input: raw, output: { name: 'logits', activation: 'sigmoid' }, threshold: 0.4 })] }, async (analyzer) => {
    const { tags } = await analyzer.analyze(image(0, 255, 0), { features: ['tags'] });
    const byName = Object.fromEntries(tags.map((t) => [t.name, t.confidence]));
    assert.equal(byName.greenish, 1);
    assert.equal(byName.redish, 0.5);
    assert.equal(byName.blueish, 0.5);
  });
  // NCHW and maxResults: only the best one is kept.
  const nchw = classifier('nchw', IDENTITY, 'NCHW');
  await withAnalyzer({ plugins: [plugin(nchw, { input: { ...raw, layout: 'NCHW' }, output: { name: 'logits', activation: 'sigmoid' }, threshold: 0.4, maxResults: 1 })] }, async (analyzer) => {
    const { tags } = await analyzer.analyze(image(0, 0, 255), { features: ['tags'] });
    assert.deepEqual(tags.filter((t) => /ish$/.test(t.name)), [{ name: 'blueish', confidence: 1 }]);
  });
});

test('a landmarks plugin fills categories[].detail.landmarks when details: landmarks', async () => {
  const model = classifier('landmarks');
  const landmarks = plugin(model, { id: 'landmarks-eu', task: 'landmarks', labelsText: 'Eiffel Tower\nColosseum\nBig Ben' });
  await withAnalyzer({ plugins: [landmarks] }, async (analyzer) => {
    const result = await analyzer.analyze(image(0, 0, 255), { features: ['categories'], details: ['landmarks'] });
    const holder = result.categories.find((c) => c.detail?.landmarks);
    assert.ok(holder, JSON.stringify(result.categories));
    assert.ok(/^(building|outdoor)_/.test(holder.name));
    assert.equal(holder.detail.landmarks.length, 1);
    assert.equal(holder.detail.landmarks[0].name, 'Big Ben');
    assert.ok(Math.abs(holder.detail.landmarks[0].confidence - P_WIN) < 1e-3);
    // Without the detail, no landmarks.
    const plain = await analyzer.analyze(image(0, 0, 255), { features: ['categories'] });
    assert.ok(!(plain.categories ?? []).some((c) => c.detail?.landmarks));
  });
  // No landmarks plugin: the analysis runs without landmarks, and says why and how to get them.
  await withAnalyzer({ plugins: [plugin(model)] }, async (analyzer) => {
    const result = await analyzer.analyze(image(0, 0, 255), { features: ['categories'], details: ['landmarks'] });
    assert.ok(result.categories.length > 0 && !result.categories.some((c) => c.detail?.landmarks));
    assert.match(result.warnings.join(' '), /'landmarks' was ignored: this analyzer has no landmarks classifier.*plugin/);
  });
});

test('a brands plugin adds a brand covering the whole image', async () => {
  const model = classifier('brands');
  const brands = plugin(model, { id: 'logos', task: 'brands', labelsText: 'Acme\nGlobex\nInitech' });
  await withAnalyzer({ plugins: [brands] }, async (analyzer) => {
    assert.ok(analyzer.features.includes('brands') && !analyzer.features.includes('plugins'));
    const result = await analyzer.analyze(image(0, 255, 0, 80), { features: ['brands'] });
    assert.equal(result.brands.length, 1);
    assert.equal(result.brands[0].name, 'Globex');
    assert.deepEqual(result.brands[0].rectangle, { x: 0, y: 0, w: 80, h: 80 });
    assert.ok(Math.abs(result.brands[0].confidence - P_WIN) < 1e-3);
  });
});

test('plugins run beside the built-in models; labels from a file path', async () => {
  const model = classifier('beside');
  const labels = path.join(dir, 'labels.txt');
  writeFileSync(labels, 'redish\ngreenish\nblueish\n');
  const analyzer = await createAnalyzer({ plugins: [plugin(model, { file: model.file, labelsText: undefined, labels })] });
  try {
    const { tags } = await analyzer.analyze(image(255, 0, 0), { features: ['tags'] });
    assert.ok(tags.some((t) => t.name === 'redish'), JSON.stringify(tags));
  } finally {
    analyzer.dispose();
  }
});

test('a plugin file with a wrong sha256 is refused (InvalidModel)', async () => {
  const model = classifier('wrong');
  const declared = plugin(model, { sha256: '0'.repeat(64) });
  await withAnalyzer({ plugins: [declared] }, async (analyzer) => {
    await assert.rejects(analyzer.analyze(image(255, 0, 0), { features: ['tags'] }),
      (e) => e.innerCode === 'InvalidModel' && /sha256/.test(e.message) && /colours/.test(e.message));
  });
});

test('labels with a labelsSha256 are checked: the right digest runs, a wrong one is refused (InvalidModel)', async () => {
  const model = classifier('labels-digest');
  const labels = path.join(dir, 'digest-labels.txt');
  writeFileSync(labels, 'redish\ngreenish\nblueish\n');
  const digest = createHash('sha256').update(readFileSync(labels)).digest('hex');
  await withAnalyzer({ plugins: [plugin(model, { labelsText: undefined, labels, labelsSha256: digest.toUpperCase() })] }, async (analyzer) => {
    const { tags } = await analyzer.analyze(image(255, 0, 0), { features: ['tags'] });
    assert.ok(tags.some((t) => t.name === 'redish'), JSON.stringify(tags));
  });
  writeFileSync(labels, 'redish\ngreenish\nbluish\n');  // changed after the digest was taken
  await assert.rejects(createAnalyzer({ manifest: ONLY_PLUGINS, plugins: [plugin(model, { labelsText: undefined, labels, labelsSha256: digest })] })
    .then((analyzer) => analyzer.analyze(image(255, 0, 0), { features: ['tags'] }).finally(() => analyzer.dispose())),
  (e) => e.innerCode === 'InvalidModel' && /labelsSha256/.test(e.message) && /colours/.test(e.message));
});

test('bad plugin declarations are refused with a clear message', async () => {
  const model = classifier('bad');
  const refuse = (extra, innerCode, pattern, options = { manifest: ONLY_PLUGINS }) => assert.rejects(
    createAnalyzer({ ...options, plugins: [plugin(model, extra)] }),
    (e) => e.innerCode === innerCode && pattern.test(e.message), JSON.stringify(extra));
  await refuse({ sha256: undefined }, 'InvalidModel', /sha256sum/);
  await refuse({ task: 'objects' }, 'BadArgument', /`task` must be "tags", "landmarks" or "brands"/);
  await refuse({ input: { ...INPUT, size: [8] } }, 'BadArgument', /`input.size` must be \[height, width\]/);
  await refuse({ output: { name: 'logits', activation: 'relu' } }, 'BadArgument', /activation/);
  await refuse({ labelsText: undefined }, 'BadArgument', /labels/);
  await refuse({ threshold: 2 }, 'BadArgument', /threshold/);
  await refuse({ labelsSha256: 'abc' }, 'BadArgument', /labelsSha256/);
  await refuse({ id: 'objects' }, 'BadArgument', /built-in/, {});
  await assert.rejects(createAnalyzer({ manifest: ONLY_PLUGINS, plugins: [plugin(model), plugin(model)] }),
    (e) => e.innerCode === 'BadArgument' && /used twice/.test(e.message));
  // Labels that do not match the output: refused when it runs.
  await withAnalyzer({ plugins: [plugin(model, { labelsText: 'one\ntwo' })] }, async (analyzer) => {
    await assert.rejects(analyzer.analyze(image(255, 0, 0), { features: ['tags'] }),
      (e) => e.innerCode === 'InvalidModel' && /3 values for 2 labels/.test(e.message));
  });
});
