// The model runtime: sources, integrity, sessions, progress, both ORT flavours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createAnalyzer } from '../../web/node.js';
import { root } from './helpers.mjs';

const dist = path.join(root, 'models/dist');
const require = createRequire(import.meta.url);

test('a model file with a wrong sha256 is refused before any session exists', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(dist, 'faces.onnx')));
  bytes[bytes.length - 1] ^= 0xff;
  const analyzer = await createAnalyzer({ models: { faces: bytes } });
  try {
    await assert.rejects(analyzer.preload(['faces']), (e) => e.innerCode === 'InvalidModel' && /sha256/.test(e.message));
  } finally {
    analyzer.dispose();
  }
});

test('an unknown model id or a missing file is InvalidModel', async () => {
  await assert.rejects(createAnalyzer({ models: { detector9000: new Uint8Array(4) } }), (e) => e.innerCode === 'InvalidModel');
  const analyzer = await createAnalyzer({ models: { faces: '/nonexistent/faces.onnx' } });
  try {
    await assert.rejects(analyzer.preload(), (e) => e.innerCode === 'InvalidModel' && /could not be loaded/.test(e.message));
  } finally {
    analyzer.dispose();
  }
});

test('a folder of models: progress is reported in bytes up to each file size, sessions load once', async () => {
  const events = [];
  const analyzer = await createAnalyzer({ models: dist, onProgress: (e) => events.push(e) });
  try {
    assert.ok(analyzer.models.includes('objects') && analyzer.models.includes('faces'));
    await analyzer.preload(['faces']);
    const last = events.filter((e) => e.model === 'faces' && e.file === 'model').at(-1);
    assert.equal(last.loaded, last.total);
    const before = events.length;
    await analyzer.preload(['faces']);
    assert.equal(events.length, before, 'a second preload loads nothing');
  } finally {
    analyzer.dispose();
  }
});

test('onnxruntime-node plugs in with no other change', async () => {
  const analyzer = await createAnalyzer({ models: dist, ort: require('onnxruntime-node') });
  try {
    await analyzer.preload(['faces', 'adult']);
  } finally {
    analyzer.dispose();
  }
});
