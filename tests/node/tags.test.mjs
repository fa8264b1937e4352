// tags, description and categories with the real models (models/dist),
// through the package: what the samples get, and that no tag or caption
// names an object the detectors did not find in the same image.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../../web/node.js';
import { root, sample, samples } from './helpers.mjs';
import { INPUT, makeClassifier } from './plugins/classifiers.mjs';

const require = createRequire(import.meta.url);
const haveModels = existsSync(path.join(root, 'models/dist/objects.onnx'));
const FEATURES = ['tags', 'description', 'categories', 'objects', 'faces'];

// Azure's names of the 80 COCO classes, and their parents, as the objects
// feature reports them: the words only a detection may put in a tag or caption.
const COCO = readFileSync(path.join(root, 'models/labels/coco80.txt'), 'utf8').split('\n').filter(Boolean);
const ALIASES = { tv: 'television', mouse: 'computer mouse', remote: 'remote control', keyboard: 'computer keyboard',
  'cell phone': 'mobile phone', microwave: 'microwave oven', 'potted plant': 'houseplant', 'dining table': 'table',
  donut: 'doughnut', 'hair drier': 'hair dryer', 'sports ball': 'ball', cow: 'cattle', skis: 'ski', person: 'people' };
const PARENTS = ['animal', 'mammal', 'vehicle', 'land vehicle', 'aircraft', 'watercraft', 'food', 'fruit', 'vegetable',
  'furniture', 'seating', 'tableware', 'drinkware', 'cutlery', 'electronic device', 'computer', 'kitchen appliance',
  'home appliance', 'sports equipment', 'bag', 'luggage', 'toy', 'clothing', 'traffic sign', 'plant', 'tool'];
const OBJECT_WORDS = [...new Set([...COCO, ...Object.values(ALIASES), ...PARENTS])];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (w) => new RegExp(`\\b${escape(w)}s?\\b`, 'i');

// Words the image's detections allow: each object's name and parents, and
// person/people/face when objects or faces found a person.
function allowedWords(result) {
  const allowed = new Set();
  for (const o of result.objects ?? []) {
    allowed.add(o.object);
    for (let p = o.parent; p; p = p.parent) allowed.add(p.object);
  }
  if (allowed.has('person') || (result.faces ?? []).length > 0) ['person', 'people', 'human face', 'face'].forEach((w) => allowed.add(w));
  const coco = COCO.find((c) => allowed.has(ALIASES[c] ?? c));
  if (coco) allowed.add(coco);
  return allowed;
}

function undetectedNamed(text, allowed) {
  // Blank out what was detected first ("hot dog" holds "dog").
  // A colour is not the fruit: "an orange and white drawing".
  let rest = text.replace(/\borange and\b|\band orange\b/gi, '_');
  for (const w of [...allowed].sort((a, b) => b.length - a.length)) rest = rest.replace(new RegExp(`\\b${escape(w)}(s|es)?\\b`, 'gi'), '_');
  return OBJECT_WORDS.filter((w) => !allowed.has(w) && word(w).test(rest));
}

describe('tags, description, categories on the samples', { skip: !haveModels && 'run npm run models first' }, () => {
  let analyzer;
  const results = {};
  before(async () => {
    analyzer = await createAnalyzer({ ort: require('onnxruntime-node') });
  });
  after(() => analyzer?.dispose());
  const analyze = async (name, options = {}) => {
    const key = name + JSON.stringify(options);
    results[key] ??= await analyzer.analyze(sample(name), { features: FEATURES, maxCandidates: 3, ...options });
    return results[key];
  };

  test('chelsea.png: tags cat and animal, a caption about a cat, category animal_cat', async () => {
    const r = await analyze('chelsea.png');
    const tags = r.tags.map((t) => t.name);
    assert.ok(tags.includes('cat'), tags.join());
    assert.ok(tags.includes('animal'), tags.join());
    assert.match(r.description.captions[0].text, /\bcat\b/);
    assert.ok(r.categories.some((c) => c.name === 'animal_cat'), JSON.stringify(r.categories));
    for (let i = 1; i < r.tags.length; i++) assert.ok(r.tags[i - 1].confidence >= r.tags[i].confidence);
    assert.ok(!tags.includes('drawing'), 'a photograph is no drawing');
  });

  test('camera.png: a black and white photo of a person', async () => {
    const r = await analyze('camera.png');
    assert.ok(r.objects.some((o) => o.object === 'person'), 'the objects model finds the man');
    assert.equal(r.description.captions[0].text, 'a black and white photo of a person');
    const tags = r.tags.map((t) => t.name);
    assert.ok(tags.includes('person') && tags.includes('black and white'), tags.join());
  });

  test('page.png: a page of text', async () => {
    const r = await analyze('page.png');
    assert.equal(r.description.captions[0].text, 'a page of text');
    assert.ok(r.tags.some((t) => t.name === 'text'));
    assert.ok(r.categories.some((c) => c.name === 'text_'));
  });

  // The classifier names things the detectors do not (tests/node/eval-dev.test.mjs
  // measures those on labelled photos): without it, nothing else may. Tags
  // without the classifier need an app's tags classifier in its place: one
  // that finds nothing (equal logits, 1/3 each, under its 0.5 threshold).
  test('without the classifier, no tag or caption names an object the detectors did not find', async () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'models/manifest.json'), 'utf8'));
    const others = Object.fromEntries(manifest.models.filter((c) => c.id !== 'classifier').map((c) => [c.id, path.join(root, 'models/dist', c.file)]));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lv-tags-'));
    const silent = makeClassifier(path.join(dir, 'silent.onnx'), [[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    const plugin = { id: 'silent', task: 'tags', file: silent.bytes, sha256: silent.sha256, labelsText: 'a\nb\nc\n',
      input: INPUT, output: { name: 'logits', activation: 'softmax' } };
    rmSync(dir, { recursive: true, force: true });
    const detectorsOnly = await createAnalyzer({ ort: require('onnxruntime-node'), models: others, plugins: [plugin] });
    for (const name of ['astronaut.png', 'camera.png', 'chelsea.png', 'coffee.png', 'horse.png', 'logo.png',
      'motorcycle_left.png', 'page.png', 'rocket.jpg', 'text.png']) {
      if (!existsSync(path.join(samples, name))) continue;
      const r = await detectorsOnly.analyze(sample(name), { features: FEATURES, maxCandidates: 3 });
      const allowed = allowedWords(r);
      // The colour orange says so in its hint; it is not the fruit.
      for (const t of r.tags.filter((tag) => tag.hint !== 'color')) assert.deepEqual(undetectedNamed(t.name, allowed), [], `${name}: tag ${t.name}`);
      for (const c of r.description.captions)
        assert.deepEqual(undetectedNamed(c.text, allowed), [], `${name}: caption "${c.text}"`);
      const colors = new Set(r.tags.filter((tag) => tag.hint === 'color').map((tag) => tag.name));
      for (const t of r.description.tags.filter((word) => !colors.has(word)))
        assert.deepEqual(undetectedNamed(t, allowed), [], `${name}: description tag ${t}`);
    }
    detectorsOnly.dispose();
  });

  test('tags alone: no objects, faces or adult members, same tags', async () => {
    const alone = await analyzer.analyze(sample('chelsea.png'), { features: ['tags'] });
    for (const member of ['objects', 'faces', 'adult', 'readResult', 'description', 'categories', 'color']) assert.ok(!(member in alone), member);
    const full = await analyze('chelsea.png');
    assert.deepEqual(alone.tags, full.tags);
  });

  test('languages and the 4.0 shape', async () => {
    const es = await analyze('chelsea.png', { language: 'es' });
    assert.ok(es.tags.some((t) => t.name === 'gato'));
    assert.match(es.description.captions[0].text, /\bgato\b/);
    const ja = await analyze('chelsea.png', { language: 'ja' });
    assert.ok(ja.tags.some((t) => t.name === '猫'));
    const v4 = await analyzer.analyze(sample('chelsea.png'), { format: 'azure-v4.0', features: ['tags', 'caption'] });
    assert.ok(v4.tagsResult.values.some((t) => t.name === 'cat'));
    assert.match(v4.captionResult.text, /\bcat\b/);
    assert.equal(typeof v4.captionResult.confidence, 'number');
  });

  test('maxCandidates bounds the captions', async () => {
    const one = await analyzer.analyze(sample('camera.png'), { features: ['description'], maxCandidates: 1 });
    assert.equal(one.description.captions.length, 1);
    const r = await analyze('camera.png');
    assert.equal(r.description.captions.length, 3);
  });
});
