// Issue 5's acceptance in real Chromium: the package (web/browser.js, its
// default Web Worker, the threaded build on a cross-origin isolated page) with
// the real models in models/dist reads page.png, tags, captions and
// categorises chelsea.png and camera.png, finds the brand in a rendered
// "Drink Coca-Cola", and each JSON is the one Node gives (onnxruntime-web,
// same options, requestId aside). One browser and one analyzer for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPage, realErrors, withoutRequestId } from './browser.mjs';
import { createAnalyzer } from '../../web/node.js';
import { PAGE, cer, linesOf, renderText, sample } from '../node/helpers.mjs';

const TEST_PAGE = 'tests/browser/pages/analyze.html';
const OPTIONS = { features: ['read', 'tags', 'description', 'categories', 'brands'] };
const COKE = 'Drink Coca-Cola';


let browser, node, dir;
const requests = [];
const images = {};   // name -> bytes
const results = {};  // name -> Promise<{ browser, node }>

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lv-content-'));
  for (const name of ['page.png', 'chelsea.png', 'camera.png']) images[name] = sample(name);
  images[COKE] = renderText(dir, COKE);
  browser = await openPage(TEST_PAGE, {
    isolated: true,
    setup: ({ context }) => context.on('request', (r) => requests.push(new URL(r.url()).pathname)),
  });
  await browser.page.waitForFunction(() => window.localvision);
  node = await createAnalyzer();
});
after(async () => {
  node?.dispose();
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The same bytes, the same options, in the page and in Node (once per image).
function analyse(name) {
  results[name] ??= (async () => {
    const base64 = Buffer.from(images[name]).toString('base64');
    const inBrowser = await browser.page.evaluate(([b64, options]) => window.localvision.analyzeBase64(b64, options), [base64, OPTIONS]);
    assert.ok(!inBrowser.thrown, `${name} in Chromium: ${JSON.stringify(inBrowser.thrown)}`);
    return { browser: inBrowser, node: await node.analyze(images[name], OPTIONS) };
  })();
  return results[name];
}

test('the page is isolated, the analyzer runs in a Web Worker on the threaded build with the real models', async () => {
  const loaded = await browser.page.evaluate(() => window.localvision.load({
    models: '/models/dist/', ortUrl: '/node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs', build: 'threaded',
  }));
  assert.deepEqual(loaded, { build: 'threaded', crossOriginIsolated: true });
  assert.deepEqual(await browser.page.evaluate(() => window.localvision.preload(['ocr-det', 'ocr-rec', 'objects'])), { ok: true });
  assert.ok(requests.includes('/web/worker.js'), 'the worker script was loaded');
  assert.ok(requests.includes('/web/wasm/localvision-mt.wasm'));
  assert.ok(!requests.some((r) => r.includes('localvision-st')));
  for (const id of ['ocr-det', 'ocr-rec', 'objects']) assert.ok(requests.includes(`/models/dist/${id}.onnx`), `${id} fetched`);
});

test('page.png: the lines read with a character error rate of at most 5%; same JSON as Node', async () => {
  const r = await analyse('page.png');
  const lines = linesOf(r.browser);
  const rate = cer(lines, PAGE);
  assert.ok(rate <= 0.05, `CER ${(rate * 100).toFixed(1)}%: ${JSON.stringify(lines)}`);
  assert.deepEqual(withoutRequestId(r.browser), withoutRequestId(r.node));
});

test('chelsea.png: tags cat and animal, a caption about a cat, category animal_cat; same JSON as Node', async () => {
  const r = await analyse('chelsea.png');
  const tags = r.browser.tags.map((t) => t.name);
  assert.ok(tags.includes('cat') && tags.includes('animal'), tags.join());
  assert.match(r.browser.description.captions[0].text, /\bcat\b/);
  assert.ok(r.browser.categories.some((c) => c.name === 'animal_cat'), JSON.stringify(r.browser.categories));
  assert.deepEqual(withoutRequestId(r.browser), withoutRequestId(r.node));
});

test('camera.png: a black and white caption with a person; same JSON as Node', async () => {
  const r = await analyse('camera.png');
  const caption = r.browser.description.captions[0].text;
  assert.match(caption, /\bblack and white\b/);
  assert.match(caption, /\bperson\b/);
  assert.deepEqual(withoutRequestId(r.browser), withoutRequestId(r.node));
});

test('a rendered "Drink Coca-Cola": the brand Coca-Cola with its box on the word; same JSON as Node', async () => {
  const r = await analyse(COKE);
  assert.deepEqual(r.browser.brands.map((b) => b.name), ['Coca-Cola'], JSON.stringify(r.browser));
  const { rectangle } = r.browser.brands[0];
  const word = r.browser.readResult.blocks[0].lines[0].words.find((w) => /coca/i.test(w.text));
  const xs = word.boundingPolygon.map((p) => p.x);
  assert.ok(Math.abs(rectangle.x - Math.min(...xs)) <= 2 && Math.abs(rectangle.x + rectangle.w - Math.max(...xs)) <= 2,
    `${JSON.stringify(rectangle)} vs ${JSON.stringify(word.boundingPolygon)}`);
  assert.ok(rectangle.x > 200, 'the box is on "Coca-Cola", not on "Drink"');
  assert.ok(rectangle.y >= 20 && rectangle.y + rectangle.h <= 145 && rectangle.h > 40, JSON.stringify(rectangle));
  assert.deepEqual(withoutRequestId(r.browser), withoutRequestId(r.node));
});

test('no CSP violation and no page error while loading the models and analysing', async () => {
  assert.deepEqual(await browser.page.evaluate(() => window.localvision.violations), []);
  assert.deepEqual(realErrors(browser.errors), []);
});

test('dense captions: the whole image and each object, the same JSON as Node', async () => {
  const options = { format: 'azure-v4.0', features: ['denseCaptions'] };
  for (const name of ['astronaut.png', 'chelsea.png', 'motorcycle_left.png']) {
    const bytes = sample(name);
    const inBrowser = await browser.page.evaluate(([b64, o]) => window.localvision.analyzeBase64(b64, o), [Buffer.from(bytes).toString('base64'), options]);
    assert.ok(!inBrowser.thrown, `${name} in Chromium: ${JSON.stringify(inBrowser.thrown)}`);
    const inNode = await node.analyze(bytes, options);
    assert.deepEqual(withoutRequestId(inBrowser), withoutRequestId(inNode), name);
    const values = inNode.denseCaptionsResult.values;
    assert.deepEqual(values[0].boundingBox, { x: 0, y: 0, w: inNode.metadata.width, h: inNode.metadata.height });
    assert.ok(values.length >= 2, `${name}: ${JSON.stringify(values)}`);
  }
});
