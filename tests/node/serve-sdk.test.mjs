// Azure's own SDK clients against a spawned `localvision serve`: v3.2
// (@azure/cognitiveservices-computervision) and 4.0
// (@azure-rest/ai-vision-image-analysis), unchanged but for the endpoint.
// Each result must equal what analyzer.analyze gives for the same image
// and options (the server's workers run the same build and runtime).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AzureKeyCredential } from '@azure/core-auth';
import computerVision from '@azure/cognitiveservices-computervision';
import msRest from '@azure/ms-rest-js';
import imageAnalysis from '@azure-rest/ai-vision-image-analysis';
import jpeg from 'jpeg-js';
import { createAnalyzer } from '../../web/node.js';
import { PAGE, cer, fixture, linesOf, sample } from './helpers.mjs';
import { KEY, spawnServer, stopServer } from './serve-helpers.mjs';

const { ComputerVisionClient } = computerVision;
const { ApiKeyCredentials } = msRest;
const createImageAnalysisClient = imageAnalysis.default;
const { isUnexpected } = imageAnalysis;

let server, v32, v40, analyzer;
// The 4.0 client sends a key over plain http only when told to (loopback here).
const HTTP = { allowInsecureConnection: true };
const chelsea = sample('chelsea.png');
const astronaut = sample('astronaut.png');
const page = sample('page.png');

before(async () => {
  analyzer = await createAnalyzer({ ort: createRequire(import.meta.url)('onnxruntime-node'), build: 'single', numThreads: 1 });
  // A known person, for the celebrities routes: enrolled here, loaded by the server.
  await analyzer.people.enroll('Eileen Collins', astronaut);
  const gallery = path.join(mkdtempSync(path.join(tmpdir(), 'lv-serve-')), 'people.json');
  writeFileSync(gallery, analyzer.people.export());
  server = await spawnServer(['--workers', '2', '--people', gallery]);
  v32 = new ComputerVisionClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': KEY } }), server.url);
  v40 = createImageAnalysisClient(server.url, new AzureKeyCredential(KEY), HTTP);
});

after(async () => {
  analyzer?.dispose();
  if (server) assert.equal(await stopServer(server), 0);
});

// The members a result shares with the local analysis (requestId differs by design).
function withoutRequestId({ requestId, _response, ...rest }) {
  return rest;
}

// What the SDK deserialised, as plain JSON (without the SDK's _response).
const plain = (value) => JSON.parse(JSON.stringify(value, (key, v) => (key === '_response' ? undefined : v)));

async function local(image, options) {
  return withoutRequestId(await analyzer.analyze(image, { format: 'azure-v3.2', ...options }));
}

async function v32Error(promise) {
  const error = await promise.then(() => assert.fail('expected an error'), (e) => e);
  return { status: error.statusCode, code: error.body?.error?.code ?? error.code, inner: error.body?.error?.innererror?.code };
}

// getReadResult until the operation stops running, as Azure's quickstart polls.
async function readUntilDone(operationId) {
  for (;;) {
    const result = await v32.getReadResult(operationId);
    if (result.status !== 'running') return result;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A raw POST of image bytes with the key, for what the SDKs check before sending.
const post = (path, body) => fetch(`${server.url}${path}`, {
  method: 'POST', body, headers: { 'content-type': 'application/octet-stream', 'ocp-apim-subscription-key': KEY },
});

async function v40Analyze(image, queryParameters, key) {
  const client = key ? createImageAnalysisClient(server.url, new AzureKeyCredential(key), HTTP) : v40;
  return client.path('/imageanalysis:analyze').post({ body: image, queryParameters, contentType: 'application/octet-stream' });
}

test('v3.2 analyzeImageInStream: every visual feature, as the analyzer gives them', async () => {
  const visualFeatures = ['Categories', 'Tags', 'Description', 'Faces', 'ImageType', 'Color', 'Adult', 'Objects', 'Brands'];
  const result = await v32.analyzeImageInStream(astronaut, { visualFeatures, language: 'en' });
  const expected = await local(astronaut, { features: visualFeatures, language: 'en' });
  assert.ok(result.requestId);
  for (const member of ['categories', 'tags', 'description', 'faces', 'imageType', 'color', 'adult', 'objects', 'brands', 'metadata', 'modelVersion']) {
    assert.deepEqual(plain(result[member]), expected[member], member);
  }
  assert.ok(result.tags.some((t) => t.name === 'person'), 'the astronaut is a person');
  assert.ok(result.faces.length >= 1);
  assert.equal(result.metadata.width, 512);
});

test('v3.2 describe, tag, detect: the single-feature routes', async () => {
  const described = await v32.describeImageInStream(chelsea, { maxCandidates: 2 });
  const { description } = await local(chelsea, { features: ['description'], maxCandidates: 2 });
  assert.deepEqual(plain({ tags: described.tags, captions: described.captions }), description);
  assert.match(described.captions[0].text, /cat/);
  const tagged = await v32.tagImageInStream(chelsea);
  assert.deepEqual(plain(tagged.tags), (await local(chelsea, { features: ['tags'] })).tags);
  assert.ok(tagged.tags.some((t) => t.name === 'cat'));
  const detected = await v32.detectObjectsInStream(chelsea);
  assert.deepEqual(plain(detected.objects), (await local(chelsea, { features: ['objects'] })).objects);
  assert.equal(detected.objects[0].object, 'cat');
});

test('v3.2 areaOfInterest and generateThumbnail', async () => {
  const area = await v32.getAreaOfInterestInStream(chelsea);
  const crops = await analyzer.analyze(chelsea, { features: ['smartCrops'] });
  assert.deepEqual(plain(area.areaOfInterest), crops.smartCropsResult.values[0].boundingBox);
  const stream = await v32.generateThumbnailInStream(100, 60, chelsea, { smartCropping: true });
  const chunks = [];
  for await (const chunk of stream.readableStreamBody) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  const decoded = jpeg.decode(bytes);
  assert.equal(decoded.width, 100);
  assert.equal(decoded.height, 60);
  assert.deepEqual(new Uint8Array(bytes), await analyzer.thumbnail(chelsea, { width: 100, height: 60, smartCropping: true }));
  // The SDK itself refuses sides over 1024; the server's answer, for other clients:
  const sized = await post('/vision/v3.2/generateThumbnail?width=2000&height=60', chelsea);
  assert.equal(sized.status, 400);
  assert.equal((await sized.json()).error.innererror.code, 'InvalidThumbnailSize');
});

test('v3.2 models: listed; celebrities names the known person (--people) as the analyzer does', async () => {
  const models = await v32.listModels();
  assert.deepEqual(models.modelsProperty.map((m) => m.name), ['celebrities'], 'no landmarks without a landmarks --plugin');
  const celebrities = await v32.analyzeImageByDomainInStream('celebrities', astronaut);
  const expected = await local(astronaut, { features: ['categories'], details: ['celebrities'] });
  assert.deepEqual(plain(celebrities.result), { celebrities: expected.categories.flatMap((c) => c.detail?.celebrities ?? []) });
  assert.equal(celebrities.result.celebrities[0].name, 'Eileen Collins');
  assert.equal(celebrities.metadata.width, 512);
});

test('v3.2 quickstart details Celebrities and Landmarks without a landmarks --plugin: analysed, with a warning', async () => {
  const visualFeatures = ['Categories', 'Tags'];
  const result = await v32.analyzeImageInStream(astronaut, { visualFeatures, details: ['Celebrities', 'Landmarks'] });
  const expected = await local(astronaut, { features: visualFeatures, details: ['Celebrities', 'Landmarks'] });
  assert.deepEqual(plain(result.categories), expected.categories);
  assert.ok(expected.categories.some((c) => c.detail?.celebrities?.[0]?.name === 'Eileen Collins'), 'celebrities still answered');
  assert.ok(!expected.categories.some((c) => c.detail?.landmarks));
  // The v3.2 SDK's model has no `warnings`: they are in the body it received.
  const { warnings } = JSON.parse(result._response.bodyAsText);
  assert.deepEqual(warnings, expected.warnings);
  assert.match(warnings.join(' '), /'landmarks' was ignored: this analyzer has no landmarks classifier.*--plugin FILE/);
});

test('v3.2 the landmarks domain model without a landmarks --plugin: refused (InvalidDetails), saying how to serve it', async () => {
  assert.deepEqual(await v32Error(v32.analyzeImageByDomainInStream('landmarks', chelsea)), { status: 400, code: 'InvalidRequest', inner: 'InvalidDetails' });
  const refused = await post('/vision/v3.2/models/landmarks/analyze', chelsea);
  assert.equal(refused.status, 400);
  assert.match((await refused.json()).error.innererror.message, /start localvision serve with --plugin FILE/);
});

test('v3.2 read: readInStream, then getReadResult until it succeeds; the result is read once', async () => {
  const started = await v32.readInStream(page);
  const operationId = started.operationLocation.split('/').pop();
  assert.match(started.operationLocation, new RegExp(`^${server.url}/vision/v3.2/read/analyzeResults/`));
  const running = await v32.getReadResult(operationId);
  assert.equal(running.status, 'running', 'the 202 comes before the analysis');
  const result = await readUntilDone(operationId);
  assert.equal(result.status, 'succeeded');
  assert.equal(result.createdDateTime, running.createdDateTime);
  const [pageResult] = result.analyzeResult.readResults;
  assert.equal(pageResult.unit, 'pixel');
  assert.ok(pageResult.lines.every((l) => l.boundingBox.length === 8 && l.words.length > 0));
  assert.ok(cer(pageResult.lines.map((l) => l.text), PAGE) < 0.05);
  const expected = await analyzer.analyze(page, { features: ['read'] });
  assert.deepEqual(pageResult.lines.map((l) => l.text), linesOf(expected));
  assert.deepEqual(pageResult.lines[0].boundingBox, expected.readResult.blocks[0].lines[0].boundingPolygon.flatMap((p) => [p.x, p.y]));
  const again = await v32Error(v32.getReadResult(operationId));
  assert.equal(again.status, 404);
});

test('v3.2 read of a corrupt image: refused on the POST, as Azure does', async () => {
  assert.deepEqual(await v32Error(v32.readInStream(fixture('truncated.jpg'))),
    { status: 400, code: 'InvalidRequest', inner: 'InvalidImageFormat' });
});

test('v3.2 recognizePrintedTextInStream: the legacy OCR shape', async () => {
  const result = await v32.recognizePrintedTextInStream(true, page, { language: 'en' });
  assert.equal(result.language, 'en');
  const lines = result.regions.flatMap((r) => r.lines.map((l) => l.words.map((w) => w.text).join(' ')));
  assert.ok(cer(lines, PAGE) < 0.05);
  assert.match(result.regions[0].boundingBox, /^\d+,\d+,\d+,\d+$/);
});

test('v3.2 errors reach the SDK as Azure\'s: wrong key, corrupt image, unknown feature, oversize body', async () => {
  const wrongKey = new ComputerVisionClient(new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': 'wrong' } }), server.url);
  assert.deepEqual(await v32Error(wrongKey.tagImageInStream(chelsea)), { status: 401, code: '401', inner: undefined });
  assert.deepEqual(await v32Error(v32.tagImageInStream(fixture('truncated.jpg'))),
    { status: 400, code: 'InvalidRequest', inner: 'InvalidImageFormat' });
  // The SDK checks visualFeatures against its enum before sending; the server's answer, for other clients:
  await assert.rejects(v32.analyzeImageInStream(chelsea, { visualFeatures: ['Landscapes'] }), /not a valid value for options.visualFeatures/);
  const unknown = await post('/vision/v3.2/analyze?visualFeatures=Landscapes', chelsea);
  assert.equal(unknown.status, 400);
  assert.equal((await unknown.json()).error.innererror.code, 'NotSupportedVisualFeature');
  assert.deepEqual(await v32Error(v32.tagImageInStream(Buffer.alloc(21 * 1024 * 1024))),
    { status: 413, code: 'InvalidRequest', inner: 'InvalidImageSize' });
});

test('4.0 analyze: every feature, as the analyzer gives them', async () => {
  const features = ['tags', 'caption', 'denseCaptions', 'objects', 'read', 'smartCrops', 'people'];
  const response = await v40Analyze(astronaut, { features, 'smartcrops-aspect-ratios': [0.9, 1.33], 'gender-neutral-caption': true, language: 'en' });
  assert.equal(response.status, '200');
  assert.ok(!isUnexpected(response));
  const expected = withoutRequestId(await analyzer.analyze(astronaut, { format: 'azure-v4.0', features, smartCropsAspectRatios: [0.9, 1.33], language: 'en' }));
  assert.deepEqual(withoutRequestId(response.body), expected);
  assert.ok(response.body.peopleResult.values.length >= 1);
  assert.ok(response.body.captionResult.text.length > 0);
  assert.equal(response.body.smartCropsResult.values.length, 2);
});

test('4.0 errors: wrong key, corrupt image, unknown feature, oversize body', async () => {
  const wrongKey = await v40Analyze(chelsea, { features: ['tags'] }, 'wrong');
  assert.equal(wrongKey.status, '401');
  assert.equal(wrongKey.body.error.code, '401');
  const corrupt = await v40Analyze(fixture('truncated.png'), { features: ['tags'] });
  assert.equal(corrupt.status, '400');
  assert.deepEqual([corrupt.body.error.code, corrupt.body.error.innererror.code], ['InvalidRequest', 'InvalidImageFormat']);
  const unknown = await v40Analyze(chelsea, { features: ['landscapes'] });
  assert.equal(unknown.status, '400');
  assert.equal(unknown.body.error.innererror.code, 'NotSupportedVisualFeature');
  const oversize = await v40Analyze(Buffer.alloc(21 * 1024 * 1024), { features: ['tags'] });
  assert.equal(oversize.status, '413');
  assert.equal(oversize.body.error.innererror.code, 'InvalidImageSize');
});
