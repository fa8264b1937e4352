// models/tools/free-size.mjs on the real CenterNet graph (the objects
// card's source, converted as `npm run models` converts it) in ONNX Runtime:
// freed, it computes the same on the full square, and a wide photo without
// its padding rows, or a tall one without its padding columns, finds the same
// objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readManifest, readSourceGraphModel, sourceDir } from '../../../models/assemble.mjs';
import { freeInputSize } from '../../../models/tools/free-size.mjs';
import { imageToInput, readImageRgb } from '../../../models/tools/images.mjs';
import { convertGraphModel } from '../../../models/tools/tfjs-to-onnx.mjs';
import { OnnxGraphBuilder } from '../../../models/tools/onnx-writer.mjs';
import { iou, root } from '../helpers.mjs';
import { evalDevDir, haveEvalDev } from '../eval-dev.mjs';

const ort = createRequire(import.meta.url)('onnxruntime-node');
const card = readManifest().models.find((c) => c.id === 'objects');
const fixedGraph = () => convertGraphModel(readSourceGraphModel(card), { outputs: card.source.convertOutputs, graphName: card.id });
const freeOptions = { step: card.input.letterboxStep, sizeConstants: card.source.sizeConstants };
const MIN_SCORE = 0.4;  // kObjectMinScore in src/features/objects
const FACE_MIN_SCORE = 0.75;  // kFaceMinScore in src/features/faces
const needsPhotos = { skip: !haveEvalDev && `no labelled photos at ${evalDevDir}` };

// The rows x cols window at (x0, y0) of an HWC RGB array `width` pixels wide, of the same type.
function cropHwc(data, width, x0, y0, cols, rows) {
  const out = new data.constructor(rows * cols * 3);
  for (let y = 0; y < rows; y++) out.set(data.subarray(((y0 + y) * width + x0) * 3, ((y0 + y) * width + x0 + cols) * 3), y * cols * 3);
  return out;
}

// A photo in the 512 px letterbox, and its top-left rows x cols (the image and up to a step of padding).
function letterboxed(file) {
  const square = imageToInput(readImageRgb(path.join(evalDevDir, file)), { ...card.input, size: [512, 512] }).data;
  return (rows = 512, cols = 512) => new ort.Tensor('float32', cropHwc(square, 512, 0, 0, cols, rows), [1, rows, cols, 3]);
}

async function detect(session, tensor, minScore = MIN_SCORE) {
  const { data } = (await session.run({ [card.input.name]: tensor }))[card.outputs[0].name];
  return Array.from({ length: data.length / 6 }, (_, i) => Array.from(data.subarray(6 * i, 6 * i + 6))).filter((d) => d[4] >= minScore);
}

// IoU of two detection rows [x1, y1, x2, y2, score, class].
const rowIou = (a, b) => {
  const rect = (d) => ({ x: d[0], y: d[1], w: d[2] - d[0], h: d[3] - d[1] });
  return iou(rect(a), rect(b));
};

test('CenterNet with a free size: the same detections on the full square; cut to the photo it finds the same objects', needsPhotos, async () => {
  const fixed = fixedGraph();
  const [fixedSession, freeSession] = await Promise.all([fixed, freeInputSize(fixed, freeOptions)].map((bytes) => ort.InferenceSession.create(bytes)));
  assert.deepEqual(freeSession.inputMetadata[0].shape, [1, 'height', 'width', 3]);
  // orchestra_concert.jpg (1024 x 613) is 307 rows in the letterbox, 320 with the step of 32;
  // wine_bottle_and_glass_on_pallet_table.jpg (683 x 1024) is 342 columns, 352.
  for (const [file, rows, cols] of [['orchestra_concert.jpg', 320, 512], ['wine_bottle_and_glass_on_pallet_table.jpg', 512, 352]]) {
    const input = letterboxed(file);
    const reference = await detect(fixedSession, input());
    assert.ok(reference.length >= 2, `${file} has objects to find (found ${reference.length})`);
    const same = await detect(freeSession, input());
    assert.equal(same.length, reference.length);
    // Not bit for bit: ORT picks its kernels' blocking by shape, known or not.
    same.forEach((d, i) => d.forEach((v, k) => assert.ok(Math.abs(v - reference[i][k]) < 1e-3, `${file} detection ${i} value ${k}: ${v} vs ${reference[i][k]}`)));

    // The SE gates' means no longer average padding; next to the image deep layers see zero padding.
    const SCORE_DRIFT = 0.08;
    const cut = await detect(freeSession, input(rows, cols), MIN_SCORE - SCORE_DRIFT);
    for (const d of reference) {
      const match = cut.find((c) => c[5] === d[5] && rowIou(c, d) > 0.8);
      assert.ok(match, `${file}: class ${d[5]} at [${d.slice(0, 4).map(Math.round)}] is found without the padding`);
      assert.ok(Math.abs(match[4] - d[4]) < SCORE_DRIFT, `${file}: its score ${match[4].toFixed(2)} is near ${d[4].toFixed(2)}`);
    }
    const confident = cut.filter((c) => c[4] >= MIN_SCORE + SCORE_DRIFT);
    assert.ok(confident.every((c) => reference.some((d) => c[5] === d[5] && rowIou(c, d) > 0.8)), `${file}: nothing confident that the full letterbox did not find`);
  }
});

test('BlazeFace with a free size: bit for bit on its 256 px square; at 448 px and cut, the heads follow the grids', async () => {
  const facesCard = readManifest().models.find((c) => c.id === 'faces');
  const source = readFileSync(path.join(sourceDir(facesCard), facesCard.source.path));
  const fixed = await ort.InferenceSession.create(source);
  const freed = await ort.InferenceSession.create(freeInputSize(source, { step: facesCard.input.letterboxStep }));
  const feed = (h, w) => ({ [facesCard.input.name]: new ort.Tensor('float32', Float32Array.from({ length: h * w * 3 }, (_, i) => Math.sin(i * 0.37)), [1, h, w, 3]) });
  const [before, after] = [await fixed.run(feed(256, 256)), await freed.run(feed(256, 256))];
  for (const name of fixed.outputNames) assert.deepEqual(after[name].data, before[name].data, `${name}: the channel pads as Pad compute the same`);
  const anchors = async (h, w) => Object.values(await freed.run(feed(h, w))).map((t) => t.dims[1]);
  // (h/16)(w/16) x 2 anchors at stride 16, (h/32)(w/32) x 6 at stride 32, for scores and boxes.
  for (const [h, w] of [[448, 448], [192, 256], [448, 320]]) {
    const [n16, n32] = [(h / 16) * (w / 16) * 2, (h / 32) * (w / 32) * 6];
    assert.deepEqual(await anchors(h, w), [n16, n32, n16, n32], `${h} x ${w}`);
  }
});

// The best-scoring anchor of each head: its sigmoid score and its box centre in input pixels.
function bestFaces(outputs, names, width) {
  return [[0, 2, 16, 2], [1, 3, 32, 6]].map(([score, box, stride, perCell]) => {
    const logits = outputs[names[score]].data;
    let best = 0;
    logits.forEach((v, i) => { if (v > logits[best]) best = i; });
    const cell = Math.floor(best / perCell);
    const [x, y] = [cell % (width / stride), Math.floor(cell / (width / stride))].map((c) => (c + 0.5) * stride);
    const r = outputs[names[box]].data.subarray(best * 16, best * 16 + 2);
    return { score: 1 / (1 + Math.exp(-logits[best])), x: x + r[0], y: y + r[1] };
  });
}

test('BlazeFace cut to a wide or a tall photo finds its face where the square does, though the cut pads with 0 (grey), not -1 (black)', async () => {
  const facesCard = readManifest().models.find((c) => c.id === 'faces');
  const source = readFileSync(path.join(sourceDir(facesCard), facesCard.source.path));
  const [fixed, freed] = await Promise.all([source, freeInputSize(source, { step: facesCard.input.letterboxStep })].map((b) => ort.InferenceSession.create(b)));
  const astronaut = readImageRgb(path.join(root, '.cache/samples/astronaut.png'));
  const crop = ({ rgb, width }, x0, y0, w, h) => ({ width: w, height: h, rgb: cropHwc(rgb, width, x0, y0, w, h) });
  // Around the face (x 180-300, y 80-230): 512 x 320 (160 rows in the 256 px box) and 320 x 512 (160 columns).
  for (const [image, rows, cols] of [[crop(astronaut, 0, 0, 512, 320), 160, 256], [crop(astronaut, 80, 0, 320, 512), 256, 160]]) {
    const square = imageToInput(image, facesCard.input).data;
    const cut = cropHwc(square, 256, 0, 0, cols, rows);
    const run = (session, data, h, w) => session.run({ [facesCard.input.name]: new ort.Tensor('float32', data, [1, h, w, 3]) });
    const reference = bestFaces(await run(fixed, square, 256, 256), fixed.outputNames, 256);
    const found = bestFaces(await run(freed, cut, rows, cols), freed.outputNames, cols);
    const what = `${image.width} x ${image.height}`;
    assert.ok(reference[0].score > FACE_MIN_SCORE, `${what}: the square finds the face at the feature's threshold (${reference[0].score.toFixed(2)})`);
    found.forEach((f, head) => {
      const ref = reference[head];
      const scores = `${what} head ${head}: score ${f.score.toFixed(3)} vs ${ref.score.toFixed(3)}`;
      if (ref.score < FACE_MIN_SCORE) return assert.ok(f.score < FACE_MIN_SCORE, `${scores}: no face there in the square`);
      assert.ok(Math.abs(f.score - ref.score) < 0.05, scores);
      assert.ok(Math.hypot(f.x - ref.x, f.y - ref.y) < 3, `${what} head ${head}: centre (${f.x.toFixed(1)}, ${f.y.toFixed(1)}) vs (${ref.x.toFixed(1)}, ${ref.y.toFixed(1)})`);
    });
  }
});

test('the graph that npm run models ships is the freed one', async () => {
  const session = await ort.InferenceSession.create(readFileSync(path.join(root, 'models/dist', card.file)));
  assert.deepEqual(session.inputMetadata[0].shape, [1, 'height', 'width', 3]);
  const out = await session.run({ [card.input.name]: new ort.Tensor('float32', new Float32Array(320 * 352 * 3), [1, 320, 352, 3]) });
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
  assert.throws(() => freeInputSize(bytes, { step: 32 }), /Resize y is by sizes/);
  // x (64 x 64 x 3) unflattened to its rows, or flattened with its height kept: no single dim to free.
  for (const target of [[1, 64, -1], [1, 2, 2, 3072]]) {
    const reshaped = new OnnxGraphBuilder();
    reshaped.addInput('x', 'float32', [1, 64, 64, 3]);
    reshaped.addInitializer('target', 'int64', [target.length], target);
    reshaped.addNode('Reshape', ['x', 'target'], ['y']);
    reshaped.addOutput('y', 'float32', target.map((d) => (d < 0 ? 192 : d)));
    assert.throws(() => freeInputSize(reshaped.toBytes({ graphName: 'reshaped', opset: 13, producer: 'test' }), { step: 32 }), /no single dim to free/);
  }
  const padded = new OnnxGraphBuilder();
  padded.addInput('x', 'float32', [1, 64, 64, 3]);
  padded.addInitializer('shape', 'int64', [4], [1, 64, 64, 3]);
  padded.addNode('ConstantOfShape', ['shape'], ['zeros']);
  padded.addNode('Add', ['x', 'zeros'], ['y']);  // not a Concat's padding: no Pad can replace it
  padded.addOutput('y', 'float32', [1, 64, 64, 3]);
  assert.throws(() => freeInputSize(padded.toBytes({ graphName: 'padded', opset: 13, producer: 'test' }), { step: 32 }), /ConstantOfShape/);
  const centerNet = fixedGraph();
  assert.throws(() => freeInputSize(centerNet, { step: 48 }), /multiples of 48/);
  // The grid width CenterNet's decoding divides by, left a constant, or named wrongly.
  assert.throws(() => freeInputSize(centerNet, { step: 32 }), /tower_0\/strided_slice_6 \[128\] equals a grid's side/);
  const misnamed = [{ ...card.source.sizeConstants[0], name: 'tower_0/strided_slice_7' }];
  assert.throws(() => freeInputSize(centerNet, { step: 32, sizeConstants: misnamed }), /strided_slice_7 \(80\) is no grid side/);
});
