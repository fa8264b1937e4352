// The plugin tests' classifiers, written by make_classifier.py beside this
// file: their logits are the mean of each prepared input channel times a
// fixed matrix, so a result shows how the input was prepared.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const script = new URL('./make_classifier.py', import.meta.url).pathname;
export const IDENTITY = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

// Inputs in -1..1: x' = (x / 255 - 0.5) / 0.5; a red image gives means (1, -1, -1).
export const INPUT = { name: 'image', layout: 'NHWC', size: [8, 8], resize: 'stretch', colorOrder: 'RGB', scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };
export const P_WIN = Math.exp(1) / (Math.exp(1) + 2 * Math.exp(-1));  // softmax of (1, -1, -1)

/** Writes an ONNX file: input "image" [1,8,8,3] (or [1,3,8,8]) -> "logits" = channel means x matrix. */
export function makeClassifier(file, matrix = IDENTITY, layout = 'NHWC') {
  execFileSync('/usr/bin/python3', [script, file, '8', '8', JSON.stringify(matrix), layout]);
  const bytes = readFileSync(file);
  return { file, bytes: new Uint8Array(bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * A --plugin file in `dir`: a landmarks classifier naming an image's
 * dominant colour (red: Eiffel Tower, green: Colosseum, blue: Big Ben),
 * declared with paths relative to the JSON file. Returns {json (its path),
 * declaration (the same plugin with absolute paths, for createAnalyzer)}.
 */
export function writeLandmarksPlugin(dir) {
  const model = makeClassifier(path.join(dir, 'landmarks.onnx'));
  writeFileSync(path.join(dir, 'landmarks.txt'), 'Eiffel Tower\nColosseum\nBig Ben\n');
  const relative = { id: 'colour-landmarks', task: 'landmarks', file: 'landmarks.onnx', sha256: model.sha256, labels: 'landmarks.txt',
    input: INPUT, output: { name: 'logits', activation: 'softmax' } };
  const json = path.join(dir, 'landmarks.json');
  writeFileSync(json, JSON.stringify(relative));
  return { json, declaration: { ...relative, file: model.file, labels: path.join(dir, 'landmarks.txt') } };
}

/** A PNG of one colour. */
export function solidPng(r, g, b, size = 64) {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r, g, b, 255], i);
  return PNG.sync.write(png);
}
