// `localvision serve --plugin FILE`: the workers run the app's classifier,
// so Azure's v3.2 SDK gets landmarks from models/landmarks/analyze and
// details=Landmarks, equal to analyzer.analyze with the same plugin. A bad
// declaration stops serve before it listens. (Without a landmarks plugin:
// serve-sdk.test.mjs.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import computerVision from '@azure/cognitiveservices-computervision';
import msRest from '@azure/ms-rest-js';
import { createAnalyzer } from '../../web/node.js';
import { solidPng, writeLandmarksPlugin } from './plugins/classifiers.mjs';
import { KEY, spawnServer, stopServer } from './serve-helpers.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'lv-serve-plugins-'));
const blue = solidPng(0, 0, 255);
let server, v32, analyzer;

before(async () => {
  const { json, declaration } = writeLandmarksPlugin(dir);
  analyzer = await createAnalyzer({ ort: createRequire(import.meta.url)('onnxruntime-node'), build: 'single', numThreads: 1, plugins: [declaration] });
  server = await spawnServer(['--workers', '1', '--plugin', json]);
  v32 = new computerVision.ComputerVisionClient(new msRest.ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': KEY } }), server.url);
});

after(async () => {
  analyzer?.dispose();
  if (server) assert.equal(await stopServer(server), 0);
});

// What the SDK deserialised, as plain JSON, without the SDK's _response and the per-request id.
const plain = (value) => JSON.parse(JSON.stringify(value, (key, v) => (key === '_response' || key === 'requestId' ? undefined : v)));

test('v3.2 landmarks from the --plugin model: listed, by domain and as a detail, as the analyzer gives them', async () => {
  const models = await v32.listModels();
  assert.deepEqual(models.modelsProperty.map((m) => m.name), ['celebrities', 'landmarks']);
  const expected = plain(await analyzer.analyze(blue, { format: 'azure-v3.2', features: ['categories'], details: ['landmarks'] }));
  const landmarks = expected.categories.flatMap((c) => c.detail?.landmarks ?? []);
  assert.equal(landmarks[0]?.name, 'Big Ben', JSON.stringify(expected));
  const byDomain = await v32.analyzeImageByDomainInStream('landmarks', blue);
  assert.deepEqual(plain(byDomain.result), { landmarks });
  const analysis = await v32.analyzeImageInStream(blue, { visualFeatures: ['Categories'], details: ['Landmarks'] });
  assert.deepEqual(plain(analysis), expected);
});

test('a bad --plugin declaration: serve exits 2 before listening, one line naming the file and the field', async () => {
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ id: 'mine', task: 'landmarks', file: 'landmarks.onnx', sha256: 'abc', labelsText: 'a' }));
  const error = await spawnServer(['--plugin', bad]).then(async (s) => { await stopServer(s); assert.fail('it served'); }, (e) => e);
  assert.match(error.message, new RegExp(`^serve exited \\(2\\) before listening: --plugin ${bad}: Plugin "mine": \`sha256\` must be 64 hex digits[^\\n]*\\n$`));
});
