// The WordNet vocabulary the core compiles in (src/features/tags/wordnet_concepts.inc)
// is what models/tools/wordnet-vocabulary.mjs makes from Debian's WordNet 3.0
// and the curated files, and a word without names in the five languages stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildVocabulary, renderInc } from '../../../models/tools/wordnet-vocabulary.mjs';
import { root } from '../helpers.mjs';

const tool = path.join(root, 'models/tools/wordnet-vocabulary.mjs');

test('the compiled vocabulary is the generated one', () => {
  execFileSync(process.execPath, [tool, '--check'], { stdio: 'pipe' });
});

test('WordNet chains: a breed is a dog, a mammal and an animal; abstract hypernyms are left out', () => {
  const { classes, terms } = buildVocabulary();
  const retriever = classes.find((c) => c.wnid === 'n02099601');
  assert.deepEqual(retriever.tags.map((k) => terms.get(k).name).sort(), ['animal', 'dog', 'golden retriever', 'mammal']);
  assert.equal(retriever.category, 'animal_dog');
  const words = new Set([...terms.values()].map((t) => t.name));
  for (const abstract of ['entity', 'whole', 'artifact', 'instrumentality', 'organism', 'placental']) assert.ok(!words.has(abstract), abstract);
  const seashore = classes.find((c) => c.wnid === 'n09428293');
  for (const scene of ['beach', 'water', 'outdoor']) assert.ok(seashore.tags.includes(scene), scene);
});

test('a word without names stops the generation, naming it', () => {
  const vocabulary = buildVocabulary();
  const { missing } = renderInc(vocabulary, new Map(), new Map());
  assert.ok(missing.includes('golden retriever'));
  const result = (() => { try { execFileSync(process.execPath, [tool, '--check'], { env: { ...process.env, LOCALVISION_WORDNET: '/nonexistent' }, stdio: 'pipe' }); return null; } catch (e) { return e; } })();
  assert.ok(result && result.status !== 0, 'a missing WordNet fails');
});
