// The demo page in real Chromium: it shows what the analyzer finds, the image
// never leaves (no request after load, works offline), the strict CSP holds,
// the build it loads (auto's choice when isolated, single when not) agrees
// with Node, the page stays responsive and the worker's heap stays flat.
// Screenshots go to test-results/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { autoBuild, openPage, realErrors, withoutRequestId } from './browser.mjs';
import { createAnalyzer } from '../../web/node.js';
import { KINDS, shapesOf, tagsOf, captionsOf } from '../../demo/shapes.js';
import { sample } from '../node/helpers.mjs';
import { readManifest } from '../../models/assemble.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLES = `${ROOT}.cache/samples/`;
const FIXTURES = `${ROOT}.cache/fixtures/`;
const ARTIFACTS = `${ROOT}test-results/`;
mkdirSync(ARTIFACTS, { recursive: true });


// Opens the demo recording every request of the context (page, its worker and
// their threads) and every CSP violation, then waits for the models.
async function openDemo({ isolated = true } = {}) {
  const requests = [];
  const browser = await openPage('demo/', {
    isolated,
    async setup({ context, page }) {
      context.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
      });
    },
  });
  await browser.page.setViewportSize({ width: 1280, height: 960 });
  await browser.page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 120_000 });
  return { ...browser, requests };
}

// Does `action` and waits for the analysis it starts.
async function afterAnalysis(page, action) {
  const before = Number(await page.evaluate(() => document.body.dataset.analyses ?? 0));
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.analyses ?? 0) > n, before, { timeout: 120_000 });
}

// Gives the page a file through its picker and waits for that analysis.
const analyseFile = (page, file) => afterAnalysis(page, () => page.setInputFiles('#file', file));

const pageJson = (page) => page.evaluate(() => JSON.parse(document.querySelector('#json').textContent));
const checkedFeatures = (page) => page.evaluate(() => [...document.querySelectorAll('#features input:checked')].map((b) => b.value));

async function nodeAnalysis(file, options) {
  const analyzer = await createAnalyzer();
  try { return await analyzer.analyze(sample(file), options); } finally { analyzer.dispose(); }
}

// The page shows every member the JSON has: one overlay per box, tags, caption, facts.
async function assertRendered(page, json) {
  const shapes = shapesOf(json);
  for (const { id } of KINDS) {
    const expected = shapes.filter((x) => x.kind === id).length;
    assert.equal(await page.locator(`#overlay g[data-kind="${id}"]`).count(), expected, `${id} overlays`);
    assert.equal(await page.locator(`[data-testid="toggle-${id}"]`).count(), expected ? 1 : 0, `${id} toggle`);
  }
  if (json.color) {
    assert.equal(await page.locator('[data-testid="color"] .chip').count() > 0, true);
    assert.match(await page.textContent('[data-testid="color"]'), new RegExp(json.color.dominantColorForeground));
  }
  if (json.imageType) assert.match(await page.textContent('[data-testid="imageType"]'), new RegExp(`${json.imageType.clipArtType} \\(`));
  const tags = tagsOf(json);
  assert.equal(await page.locator('[data-testid="tags"] li').count(), tags.length, 'tags');
  for (const caption of captionsOf(json)) assert.match(await page.textContent('[data-testid="caption"]'), new RegExp(caption.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  if (json.adult) assert.equal(await page.locator('[data-testid="adult"] meter').count(), 3);
  assert.match(await page.textContent('[data-testid="metadata"]'), new RegExp(`${json.metadata.width} × ${json.metadata.height}`));
}

describe('the demo, cross-origin isolated', () => {
  let demo;
  before(async () => { demo = await openDemo(); });
  after(() => demo?.close());

  test('loads isolated, picks its build (threaded where a core is left over) and loads every model with a progress bar', async () => {
    const info = await demo.page.evaluate(() => ({
      isolated: crossOriginIsolated,
      build: window.localvisionDemo.state.analyzer.build,
      models: window.localvisionDemo.state.analyzer.models,
      bar: [document.querySelector('#load-progress').value, document.querySelector('#load-progress').max],
      label: document.querySelector('#load-label').textContent,
    }));
    assert.equal(info.isolated, true);
    assert.equal(info.build, await autoBuild(demo.page));
    const [used, unused] = info.build === 'threaded' ? ['mt', 'st'] : ['st', 'mt'];
    assert.ok(demo.requests.includes(`/web/wasm/localvision-${used}.wasm`));
    assert.ok(!demo.requests.some((r) => r.includes(`localvision-${unused}`)), `no localvision-${unused} file loaded`);
    assert.deepEqual(info.bar, [1, 1]);
    // The worker fetched the models, each file once (faces-448 runs faces.onnx): context-level recording sees workers.
    const files = new Set(readManifest().models.filter((card) => info.models.includes(card.id)).map((card) => `/models/dist/${card.file}`));
    for (const file of files) assert.equal(demo.requests.filter((r) => r === file).length, 1, `${file} fetched once`);
    assert.match(info.label, /Ready/);
  });

  test('astronaut.png: the page shows what the JSON has, and the JSON is what Node says', async () => {
    demo.requests.length = 0;
    await analyseFile(demo.page, `${SAMPLES}astronaut.png`);
    const json = await pageJson(demo.page);
    const features = await checkedFeatures(demo.page);
    assert.deepEqual(withoutRequestId(json), withoutRequestId(await nodeAnalysis('astronaut.png', { features, format: 'azure-v3.2', language: 'en' })));
    assert.equal(json.metadata.width, 512);
    assert.equal(await demo.page.locator('#error').isHidden(), true);
    assert.match(await demo.page.textContent('#timing'), /analysed in \d+ ms/);
    await assertRendered(demo.page, json);
    // Today's features always, the model-backed ones as they land.
    assert.ok(json.color && json.imageType && json.smartCropsResult);
    if (features.includes('faces')) assert.equal(json.faces.length, 1, 'one face');
    if (features.includes('objects')) assert.ok(json.objects.some((o) => /person/.test(JSON.stringify(o))), 'a person');
    if (features.includes('tags')) assert.ok(json.tags.length > 0, 'tags');
    await demo.page.screenshot({ path: `${ARTIFACTS}demo-astronaut.png`, fullPage: true });
  });

  test('the 4.0 format: same JSON as Node, overlays from the 4.0 members', async () => {
    await afterAnalysis(demo.page, () => demo.page.selectOption('#format', 'azure-v4.0'));
    const json = await pageJson(demo.page);
    const features = await checkedFeatures(demo.page);
    assert.deepEqual(withoutRequestId(json), withoutRequestId(await nodeAnalysis('astronaut.png', { features, format: 'azure-v4.0', language: 'en' })));
    await assertRendered(demo.page, json);
    await afterAnalysis(demo.page, () => demo.page.selectOption('#format', 'azure-v3.2'));
  });

  test('zero egress: analysing makes no request; the counter says 0; offline it still analyses', async () => {
    // Everything since the astronaut was chosen (3 analyses, two formats).
    assert.deepEqual(demo.requests, []);
    assert.equal(await demo.page.textContent('#net-count'), '0');
    assert.deepEqual(await demo.page.evaluate(() => window.localvisionDemo.requests()), []);
    // Cut the network: every request fails, and the browser is offline.
    await demo.context.route('**/*', (route) => route.abort());
    await demo.context.setOffline(true);
    await analyseFile(demo.page, `${SAMPLES}chelsea.png`);
    const json = await pageJson(demo.page);
    assert.equal(json.metadata.width, 451);
    await assertRendered(demo.page, json);
    assert.deepEqual(demo.requests, []);
    assert.equal(await demo.page.textContent('#net-count'), '0');
    await demo.context.setOffline(false);
    await demo.context.unroute('**/*');
  });

  test('the main thread stays responsive while the worker analyses', async () => {
    await demo.page.evaluate(() => {
      window.__frames = [];
      const tick = (t) => { window.__frames.push(t); window.__raf = requestAnimationFrame(tick); };
      window.__raf = requestAnimationFrame(tick);
    });
    const started = Date.now();
    await analyseFile(demo.page, `${SAMPLES}astronaut.png`);
    // Five analyses back to back, so the test also means something while analyses are fast.
    for (let i = 0; i < 5; i++) await demo.page.evaluate(() => window.localvisionDemo.reanalyse());
    const elapsed = Date.now() - started;
    const frames = await demo.page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames; });
    const gaps = frames.slice(1).map((t, i) => t - frames[i]);
    const longest = Math.max(...gaps);
    assert.ok(frames.length >= elapsed / 100, `${frames.length} frames in ${elapsed} ms`);
    assert.ok(longest < 250, `longest frame gap ${longest.toFixed(0)} ms`);
  });

  test('50 analyses in a row: the worker heap returns to a flat line', async () => {
    const sizes = [];
    for (let i = 0; i < 50; i++) {
      await demo.page.evaluate(() => window.localvisionDemo.reanalyse());
      sizes.push((await demo.page.evaluate(() => window.localvisionDemo.memory())).wasmHeapBytes);
    }
    assert.ok(sizes.every((n) => Number.isInteger(n) && n > 0));
    // Warm after ten: no growth in the next forty.
    assert.equal(sizes.at(-1), sizes[9], `heap ${sizes.join(',')}`);
    assert.equal(await demo.page.locator('#error').isHidden(), true);
  });

  test('bad files show the typed error; the next good file still works', async () => {
    for (const [file, code] of [['truncated.png', 'InvalidImageFormat'], ['not-an-image.png', 'InvalidImageFormat'], ['too-small.png', 'InvalidImageSize']]) {
      await analyseFile(demo.page, `${FIXTURES}${file}`);
      assert.equal(await demo.page.locator('#error').isVisible(), true, file);
      assert.equal(await demo.page.textContent('[data-testid="error-code"]'), code, file);
      assert.equal(JSON.parse(await demo.page.textContent('#json')).error.innererror.code, code);
    }
    await demo.page.screenshot({ path: `${ARTIFACTS}demo-error.png` });
    await analyseFile(demo.page, `${FIXTURES}two-colours.jpg`);
    assert.equal(await demo.page.locator('#error').isHidden(), true);
    assert.equal((await pageJson(demo.page)).metadata.format, 'Jpeg');
  });

  test('no CSP violation and no console error while loading and analysing', async () => {
    assert.deepEqual(await demo.page.evaluate(() => window.__violations), []);
    assert.deepEqual(realErrors(demo.errors), []);
  });

  test('keyboard: the picker button is reachable and focus is visible', async () => {
    await demo.page.keyboard.press('Tab');  // skip link
    assert.equal(await demo.page.evaluate(() => document.activeElement.className), 'skip');
    await demo.page.keyboard.press('Enter');
    await demo.page.keyboard.press('Tab');
    const focused = await demo.page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
    assert.ok(['choose', 'queue', 'BUTTON'].includes(focused), focused);
  });

  test('a second visit downloads no model or wasm again (the server answers 304)', async () => {
    const finished = [];  // [path, body bytes that came over the network]
    const onFinished = (r) => {
      const file = new URL(r.url()).pathname;
      if (/\.(onnx|wasm)$/.test(file)) finished.push(r.sizes().then((sizes) => [file, sizes.responseBodySize]));
    };
    demo.context.on('requestfinished', onFinished);
    await demo.page.reload();
    await demo.page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 120_000 });
    demo.context.off('requestfinished', onFinished);
    const received = new Map(await Promise.all(finished));
    const wasm = `/web/wasm/localvision-${await autoBuild(demo.page) === 'threaded' ? 'mt' : 'st'}.wasm`;
    assert.ok(received.has(wasm) && received.has('/models/dist/objects.onnx'), [...received.keys()].join(', '));
    for (const [file, bytes] of received) assert.equal(bytes, 0, file);
  });
});

describe('the demo without COOP/COEP', () => {
  let demo;
  before(async () => { demo = await openDemo({ isolated: false }); });
  after(() => demo?.close());

  test('uses the single-thread build and gives the same JSON as Node', async () => {
    const info = await demo.page.evaluate(() => ({ isolated: crossOriginIsolated, build: window.localvisionDemo.state.analyzer.build }));
    assert.deepEqual(info, { isolated: false, build: 'single' });
    assert.ok(demo.requests.includes('/web/wasm/localvision-st.wasm'));
    assert.ok(!demo.requests.some((r) => r.includes('localvision-mt')));
    demo.requests.length = 0;
    await analyseFile(demo.page, `${SAMPLES}astronaut.png`);
    const json = await pageJson(demo.page);
    const features = await checkedFeatures(demo.page);
    assert.deepEqual(withoutRequestId(json), withoutRequestId(await nodeAnalysis('astronaut.png', { features, format: 'azure-v3.2', language: 'en' })));
    await assertRendered(demo.page, json);
    assert.deepEqual(demo.requests, []);
    assert.deepEqual(await demo.page.evaluate(() => window.__violations), []);
    assert.deepEqual(realErrors(demo.errors), []);
    if (features.includes('faces')) {
      // Known people: enrol the astronaut's face, and the next analysis names it.
      assert.equal(await demo.page.locator('#enroll').isVisible(), true);
      await demo.page.fill('#enroll-name', 'Eileen');
      await afterAnalysis(demo.page, () => demo.page.click('#enroll button[type="submit"]'));
      const named = await pageJson(demo.page);
      const people = named.categories?.find((c) => c.detail?.celebrities);
      assert.equal(people?.detail.celebrities[0]?.name, 'Eileen');
      assert.match(await demo.page.textContent('#overlay g[data-kind="faces"]'), /Eileen \d+%/);
      assert.match(await demo.page.textContent('#enroll-status'), /Eileen/);
    }
    await demo.page.setViewportSize({ width: 420, height: 900 });
    await demo.page.screenshot({ path: `${ARTIFACTS}demo-narrow.png`, fullPage: true });
  });
});
