// models/tools/resize-input.mjs on the real BlazeFace graph (models/dist/faces.onnx):
// the resized graph runs in ONNX Runtime with the grids of its new size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { resizeSquareInput } from '../../../models/tools/resize-input.mjs';
import { root } from '../helpers.mjs';

const ort = createRequire(import.meta.url)('onnxruntime-node');
const faces = path.join(root, 'models/dist/faces.onnx');

test('BlazeFace at 448 px: input [1,448,448,3], heads of 28x28x2 and 14x14x6 anchors', { skip: !existsSync(faces) && 'run npm run models' }, async () => {
  const session = await ort.InferenceSession.create(resizeSquareInput(readFileSync(faces), 448));
  const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', new Float32Array(448 * 448 * 3), [1, 448, 448, 3]) });
  assert.deepEqual(session.outputNames.map((name) => out[name].dims), [[1, 1568, 1], [1, 1176, 1], [1, 1568, 16], [1, 1176, 16]]);
});

test('a size that is smaller, or no multiple of the largest stride, is refused', { skip: !existsSync(faces) && 'run npm run models' }, () => {
  const bytes = readFileSync(faces);
  for (const size of [224, 300]) assert.throws(() => resizeSquareInput(bytes, size), /multiple of 32/);
});
