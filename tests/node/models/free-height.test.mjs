// models/tools/free-height.mjs on the real CenterNet graph (the objects
// card's source, converted as `npm run models` converts it) in ONNX Runtime:
// freed, it computes the same at the full height, and a wide photo without
// its padding rows finds the same objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readManifest, readSourceGraphModel } from '../../../models/assemble.mjs';
import { freeInputHeight } from '../../../models/tools/free-height.mjs';
import { imageToInput, readImageRgb } from '../../../models/tools/images.mjs';
import { convertGraphModel } from '../../../models/tools/tfjs-to-onnx.mjs';
import { OnnxGraphBuilder } from '../../../models/tools/onnx-writer.mjs';
import { iou, root } from '../helpers.mjs';
import { evalDevDir, haveEvalDev } from '../eval-dev.mjs';

const ort = createRequire(import.meta.url)('onnxruntime-node');
const card = readManifest().models.find((c) => c.id === 'objects');
const fixedGraph = () => convertGraphModel(readSourceGraphModel(card), { outputs: card.source.convertOutputs, graphName: card.id });
const MIN_SCORE = 0.4;  // kObjectMinScore in src/features/objects

// orchestra_concert.jpg is 1024 x 613: 307 rows of image in the 512 px letterbox, 320 with the step of 32.
const full = haveEvalDev && imageToInput(readImageRgb(path.join(evalDevDir, 'orchestra_concert.jpg')), { ...card.input, size: [512, 512] });
const topRows = (rows) => new ort.Tensor('float32', full.data.subarray(0, rows * 512 * 3), [1, rows, 512, 3]);
const needsPhoto = { skip: !haveEvalDev && `no labelled photos at ${evalDevDir}` };

async function detect(session, tensor, minScore = MIN_SCORE) {
  const { data } = (await session.run({ [card.input.name]: tensor }))[card.outputs[0].name];
  return Array.from({ length: data.length / 6 }, (_, i) => Array.from(data.subarray(6 * i, 6 * i + 6))).filter((d) => d[4] >= minScore);
}

// IoU of two detection rows [x1, y1, x2, y2, score, class].
const rowIou = (a, b) => {
  const rect = (d) => ({ x: d[0], y: d[1], w: d[2] - d[0], h: d[3] - d[1] });
  return iou(rect(a), rect(b));
};

test('CenterNet with a free height: the same detections at 512 rows; a wide photo cut to 320 rows finds the same objects', needsPhoto, async () => {
  const fixed = fixedGraph();
  const freed = freeInputHeight(fixed, card.input.letterboxHeightStep);
  const [fixedSession, freeSession] = await Promise.all([fixed, freed].map((bytes) => ort.InferenceSession.create(bytes)));
  assert.deepEqual(freeSession.inputMetadata[0].shape, [1, 'height', 512, 3]);

  const reference = await detect(fixedSession, topRows(512));
  assert.ok(reference.length >= 2, `the orchestra has people to find (found ${reference.length})`);
  const same = await detect(freeSession, topRows(512));
  assert.equal(same.length, reference.length);
  // Not bit for bit: ORT picks its kernels' blocking by shape, known or not.
  same.forEach((d, i) => d.forEach((v, k) => assert.ok(Math.abs(v - reference[i][k]) < 1e-3, `detection ${i} value ${k}: ${v} vs ${reference[i][k]}`)));

  // The SE gates' means no longer average black rows; below the image deep layers see zero padding.
  const SCORE_DRIFT = 0.08;
  const cut = await detect(freeSession, topRows(320), MIN_SCORE - SCORE_DRIFT);
  for (const d of reference) {
    const match = cut.find((c) => c[5] === d[5] && rowIou(c, d) > 0.8);
    assert.ok(match, `class ${d[5]} at [${d.slice(0, 4).map(Math.round)}] is found without the padding rows`);
    assert.ok(Math.abs(match[4] - d[4]) < SCORE_DRIFT, `its score ${match[4].toFixed(2)} is near ${d[4].toFixed(2)}`);
  }
  const confident = cut.filter((c) => c[4] >= MIN_SCORE + SCORE_DRIFT);
  assert.ok(confident.every((c) => reference.some((d) => c[5] === d[5] && rowIou(c, d) > 0.8)), 'nothing confident that the full letterbox did not find');
});

test('the graph that npm run models ships is the freed one', needsPhoto, async () => {
  const session = await ort.InferenceSession.create(readFileSync(path.join(root, 'models/dist', card.file)));
  assert.deepEqual(session.inputMetadata[0].shape, [1, 'height', 512, 3]);
  const out = await session.run({ [card.input.name]: topRows(320) });
  assert.deepEqual(out[card.outputs[0].name].dims, card.outputs[0].shape);
});

test('a graph whose size it cannot account for is refused, not half-freed', () => {
  const sized = new OnnxGraphBuilder();
  sized.addInput('x', 'float32', [1, 64, 64, 3]);
  sized.addNode('Transpose', ['x'], ['nchw'], { perm: [0, 3, 1, 2] });
  sized.addInitializer('sizes', 'int64', [4], [1, 3, 128, 128]);
  sized.addNode('Resize', ['nchw', '', '', 'sizes'], ['y'], { mode: 'linear' });
  sized.addOutput('y', 'float32', [1, 3, 128, 128]);
  const bytes = sized.toBytes({ graphName: 'sized', opset: 13, producer: 'test' });
  assert.throws(() => freeInputHeight(bytes, 32), /Resize y is by sizes/);
  // x (64 x 64 x 3) unflattened to its rows, or flattened with its height kept: no single dim to free.
  for (const target of [[1, 64, -1], [1, 2, 2, 3072]]) {
    const reshaped = new OnnxGraphBuilder();
    reshaped.addInput('x', 'float32', [1, 64, 64, 3]);
    reshaped.addInitializer('target', 'int64', [target.length], target);
    reshaped.addNode('Reshape', ['x', 'target'], ['y']);
    reshaped.addOutput('y', 'float32', target.map((d) => (d < 0 ? 192 : d)));
    assert.throws(() => freeInputHeight(reshaped.toBytes({ graphName: 'reshaped', opset: 13, producer: 'test' }), 32), /no single dim to free/);
  }
  const padded = new OnnxGraphBuilder();
  padded.addInput('x', 'float32', [1, 64, 64, 3]);
  padded.addInitializer('shape', 'int64', [4], [1, 64, 64, 1]);
  padded.addNode('ConstantOfShape', ['shape'], ['zeros']);
  padded.addNode('Concat', ['x', 'zeros'], ['y'], { axis: 3 });
  padded.addOutput('y', 'float32', [1, 64, 64, 4]);
  assert.throws(() => freeInputHeight(padded.toBytes({ graphName: 'padded', opset: 13, producer: 'test' }), 32), /ConstantOfShape/);
  assert.throws(() => freeInputHeight(fixedGraph(), 48), /multiples of 48/);
});
