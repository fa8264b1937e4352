// The labelled dev photos (../shared/eval-dev) through the package with
// onnxruntime-node: the share of truth.json's tags_any groups the tags meet,
// printed per image with its misses, top tags and caption; and every core
// fact (objects, faces, black and white, adult) that held before the
// classifier still holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createAnalyzer } from '../../web/node.js';
import { evalDevDir, haveEvalDev, report, scoreDevSet } from './eval-dev.mjs';

const require = createRequire(import.meta.url);

// Measured with this build: 68 of 80 groups (85.0%), what issue 10 asks for.
const MIN_SHARE = 0.85;
// Core facts the objects model missed before tags had a classifier (it finds
// no cup among the colourful cups, ...): they are the detector's, and stay
// listed until it finds them. (Its distant sheep, once called cattle, are now
// rechecked by the classifier: sheep_grazing_in_field must hold.)
const KNOWN_CORE_MISSES = new Set([
  'colorful_cups.jpg: object cup', 'orchestra_concert.jpg: object chair',
  'people_on_stairs_bw.jpg: object backpack',
]);

test('dev set: tags meet the labelled concept groups; core facts hold', { skip: !haveEvalDev && `no labelled photos at ${evalDevDir}` }, async () => {
  const analyzer = await createAnalyzer({ ort: require('onnxruntime-node') });
  try {
    const scored = await scoreDevSet(analyzer);
    console.log(report(scored));
    const share = scored.met / scored.total;
    assert.ok(share >= MIN_SHARE, `tags met ${scored.met}/${scored.total} groups (${(100 * share).toFixed(1)}%), under ${100 * MIN_SHARE}%`);
    const broken = scored.images.flatMap(({ file, core }) => core.filter((c) => !c.holds).map((c) => `${file}: ${c.fact}`))
      .filter((miss) => !KNOWN_CORE_MISSES.has(miss));
    assert.deepEqual(broken, []);
  } finally {
    analyzer.dispose();
  }
});
