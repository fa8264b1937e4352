// Model-level checks of models/dist: every converted model against its TFJS
// original on real images, the objects model on known scenes, the shipped
// ONNX models' I/O against the manifest, and the ONNX checker.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import * as ortNode from 'onnxruntime-node';
import { ensureModels, modelPath, readManifest, readSourceGraphModel, REPO_ROOT } from '../../../models/assemble.mjs';
import { imageToInput, readImageRgb } from '../../../models/tools/images.mjs';
import { loadTfjsModel, runTfjs } from '../../../models/tools/tfjs-reference.mjs';
import { compareArrays } from './helpers.mjs';

const SAMPLES = ['astronaut', 'chelsea', 'motorcycle_left'];
const SAMPLE_DIR = path.join(REPO_ROOT, '.cache', 'samples');
const manifest = readManifest();
const cards = Object.fromEntries(manifest.models.map((c) => [c.id, c]));
const convertedCards = manifest.models.filter((c) => c.source.format !== 'onnx');

ort.env.wasm.numThreads = 1;
const images = {};
const tfjsResults = {}; // id -> sample -> outputs, shared with the objects test

before(() => {
  execFileSync(path.join(REPO_ROOT, 'scripts', 'samples.sh'), { stdio: 'inherit' });
  ensureModels({ log: (line) => console.log(line) });
  for (const name of SAMPLES) images[name] = readImageRgb(path.join(SAMPLE_DIR, `${name}.png`));
});

async function runOrtWeb(card, feeds) {
  const session = await ort.InferenceSession.create(fs.readFileSync(modelPath(card)), { executionProviders: ['wasm'] });
  const names = card.outputs.map((o) => o.name);
  const results = [];
  for (const feed of feeds) {
    const out = await session.run({ [card.input.name]: new ort.Tensor('float32', feed.data, feed.dims) });
    results.push(Object.fromEntries(names.map((n) => [n, { data: out[n].data, dims: out[n].dims }])));
  }
  await session.release();
  return results;
}

for (const card of convertedCards) {
  test(`${card.id}: ONNX (ort-web) matches the TFJS original on ${SAMPLES.length} images within 1e-3 abs or rel`, async () => {
    const feeds = SAMPLES.map((name) => imageToInput(images[name], card.input));
    const onnxResults = await runOrtWeb(card, feeds);
    const graphModel = await loadTfjsModel(readSourceGraphModel(card));
    tfjsResults[card.id] = {};
    for (const [i, name] of SAMPLES.entries()) {
      const expected = await runTfjs(graphModel, { [card.input.name]: feeds[i] }, card.source.convertOutputs);
      tfjsResults[card.id][name] = expected;
      for (const [k, output] of card.outputs.entries()) {
        const actual = onnxResults[i][output.name];
        const reference = expected[card.source.convertOutputs[k]];
        assert.deepEqual(actual.dims.map(Number), reference.dims, `${name} ${output.name} shape`);
        const diff = compareArrays(actual.data, reference.data, 1e-3);
        console.log(`${card.id} ${name} ${output.name}: max abs ${diff.maxAbs.toExponential(2)}, max rel (where abs > 1e-3) ${diff.maxRel.toExponential(2)}`);
        assert.equal(diff.failures, 0, `${name} ${output.name}: ${diff.failures}/${diff.count} elements off`);
      }
    }
    graphModel.dispose();
  });
}

test('objects: finds a cat, a motorcycle and a person, with the TFJS boxes (±1 px)', async () => {
  const card = cards.objects;
  const labels = fs.readFileSync(modelPath({ file: card.labels.file }), 'utf8').trim().split('\n');
  const expectations = { chelsea: 'cat', motorcycle_left: 'motorcycle', astronaut: 'person' };
  const feeds = SAMPLES.map((name) => imageToInput(images[name], card.input));
  const onnxResults = await runOrtWeb(card, feeds);
  for (const [i, name] of SAMPLES.entries()) {
    const detections = rows(onnxResults[i][card.outputs[0].name].data, 6);
    const best = detections.find((d) => labels[d[5]] === expectations[name]);
    assert.ok(best && best[4] >= 0.3, `${name}: no ${expectations[name]} with score >= 0.3 (top: ${describe(detections.slice(0, 3), labels)})`);
    assert.equal(labels[detections[0][5]], expectations[name], `${name}: top detection is ${describe(detections.slice(0, 1), labels)}`);
    const reference = tfjsResults.objects?.[name] ?? await referenceDetections(card, feeds[i]);
    const tfjsDetections = rows(reference[card.source.convertOutputs[0]].data, 6);
    for (const [k, d] of detections.filter((row) => row[4] >= 0.3).entries()) {
      d.slice(0, 4).forEach((v, j) => assert.ok(Math.abs(v - tfjsDetections[k][j]) <= 1, `${name} detection ${k} coordinate ${j}: ${v} vs ${tfjsDetections[k][j]}`));
      assert.equal(d[5], tfjsDetections[k][5], `${name} detection ${k} class`);
    }
  }
});

async function referenceDetections(card, feed) {
  const graphModel = await loadTfjsModel(readSourceGraphModel(card));
  return runTfjs(graphModel, { [card.input.name]: feed }, card.source.convertOutputs);
}

const rows = (data, width) => Array.from({ length: data.length / width }, (_, i) => Array.from(data.slice(i * width, (i + 1) * width)));
const describe = (detections, labels) => detections.map((d) => `${labels[d[5]]} ${d[4].toFixed(2)}`).join(', ');

test('every model file has the input and output names and shapes of its card', async () => {
  for (const card of manifest.models) {
    const session = await ortNode.InferenceSession.create(modelPath(card));
    const inputs = session.inputMetadata;
    assert.deepEqual(inputs.map((m) => m.name), [card.input.name], `${card.id} inputs`);
    assert.deepEqual(staticDims(inputs[0].shape), card.input.shape, `${card.id} input shape`);
    assert.deepEqual(session.outputMetadata.map((m) => m.name), card.outputs.map((o) => o.name), `${card.id} outputs`);
    session.outputMetadata.forEach((m, i) => assert.deepEqual(staticDims(m.shape), card.outputs[i].shape, `${card.id} ${m.name} shape`));
    await session.release();
  }
});

/** Symbolic (dynamic) dimensions are written as -1 in the manifest. */
const staticDims = (shape) => shape.map((d) => (typeof d === 'number' ? d : -1));

test('blazeface and PaddleOCR models run in ort-web with the card shapes', async () => {
  for (const id of ['faces', 'ocr-det', 'ocr-rec', 'ocr-cls']) {
    const card = cards[id];
    const [height, width] = card.input.size;
    const dims = card.input.layout === 'NCHW' ? [1, 3, height, width] : [1, height, width, 3];
    const [result] = await runOrtWeb(card, [{ data: new Float32Array(dims.reduce((a, b) => a * b)), dims }]);
    for (const output of card.outputs) {
      const got = result[output.name].dims.map(Number);
      assert.equal(got.length, output.shape.length, `${id} ${output.name} rank`);
      output.shape.forEach((d, i) => d >= 0 && assert.equal(got[i], d, `${id} ${output.name} dim ${i}`));
    }
  }
});

test('every model passes the ONNX checker with shape inference (python3-onnx)', () => {
  const files = manifest.models.map((c) => modelPath(c));
  const script = 'import onnx, sys\nfor p in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(p), full_check=True)\nprint("checked", len(sys.argv) - 1)';
  const out = execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' });
  assert.match(out, new RegExp(`checked ${files.length}`));
});
