// The package in real Chromium: both builds, strict CSP, model-free features.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { autoBuild, loadBuildUnderTest, openPage, withoutRequestId } from './browser.mjs';
import { createAnalyzer } from '../../web/node.js';
import { sample } from '../node/helpers.mjs';

const PAGE = 'tests/browser/pages/analyze.html';

// The model-free features: this page loads no models.
const MODEL_FREE = { features: ['color', 'imageType', 'smartCrops'] };
let nodeResult;
before(async () => {
  const analyzer = await createAnalyzer();
  nodeResult = await analyzer.analyze(sample('chelsea.png'), MODEL_FREE);
  analyzer.dispose();
});

for (const isolated of [true, false]) {
  describe(isolated ? 'cross-origin isolated page' : 'page without COOP/COEP', () => {
    let browser;
    before(async () => {
      browser = await openPage(PAGE, { isolated });
      await browser.page.waitForFunction(() => window.localvision);
    });
    after(() => browser.close());

    test('picks its build by itself: threaded only where a core is left over for the helper thread', async () => {
      // One inference thread leaves a core on 2 or more; the default takes min(4, cores).
      for (const numThreads of [1, undefined]) {
        const loaded = await browser.page.evaluate((n) => window.localvision.load({ numThreads: n }), numThreads);
        assert.deepEqual(loaded, { build: await autoBuild(browser.page, numThreads), crossOriginIsolated: isolated }, `numThreads ${numThreads}`);
      }
      // The tests below run on the threaded build where the page allows it.
      await loadBuildUnderTest(browser.page, isolated);
    });

    test('chelsea.png gives the same JSON as Node (but the requestId)', async () => {
      const result = await browser.page.evaluate((options) => window.localvision.analyze('/.cache/samples/chelsea.png', options), MODEL_FREE);
      assert.deepEqual(withoutRequestId(result), withoutRequestId(nodeResult));
    });

    test('a Blob input and the 4.0 smartCrops', async () => {
      const result = await browser.page.evaluate(() => window.localvision.analyzeBlob('/.cache/samples/chelsea.png',
        { format: 'azure-v4.0', features: ['smartCrops'] }));
      assert.equal(result.smartCropsResult.values.length, 1);
    });

    test('a bad file is a typed error and the next good one still works', async () => {
      const bad = await browser.page.evaluate(() => window.localvision.analyze('/.cache/fixtures/truncated.png'));
      assert.equal(bad.thrown.name, 'AnalysisError');
      assert.equal(bad.thrown.innerCode, 'InvalidImageFormat');
      const good = await browser.page.evaluate(() => window.localvision.analyze('/.cache/fixtures/two-colours.jpg'));
      assert.equal(good.metadata.format, 'Jpeg');
    });

    test('no CSP violation and no page error under the strict policy', async () => {
      assert.deepEqual(await browser.page.evaluate(() => window.localvision.violations), []);
      assert.deepEqual(browser.errors, []);
    });
  });
}

describe('in a Web Worker, with models', () => {
  let browser;
  before(async () => {
    browser = await openPage(PAGE, { isolated: true });
    await browser.page.waitForFunction(() => window.localvision);
  });
  after(() => browser.close());

  test('the analyzer runs in a worker by default and loads ONNX models there', async () => {
    const loaded = await browser.page.evaluate(() => window.localvision.load({
      models: '/models/dist/', ortUrl: '/node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs',
    }));
    assert.equal(loaded.build, await autoBuild(browser.page));
    assert.deepEqual(await browser.page.evaluate(() => window.localvision.preload(['faces'])), { ok: true });
    const progress = await browser.page.evaluate(() => window.localvision.progress.filter((p) => p.model === 'faces'));
    assert.ok(progress.length > 0 && progress.at(-1).loaded === progress.at(-1).total);
    const result = await browser.page.evaluate(() => window.localvision.analyze('/.cache/samples/chelsea.png'));
    assert.equal(result.metadata.width, 451);
  });

  test('a missing model file is InvalidModel in the page', async () => {
    await browser.page.evaluate(() => window.localvision.load({
      models: { faces: '/models/dist/nope.onnx' }, ortUrl: '/node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs',
    }));
    const result = await browser.page.evaluate(() => window.localvision.preload(['faces']));
    assert.equal(result.thrown.innerCode, 'InvalidModel');
    browser.errors.length = 0;  // the 404 of nope.onnx is expected
  });

  test('no CSP violation while loading models and analysing', async () => {
    assert.deepEqual(await browser.page.evaluate(() => window.localvision.violations), []);
  });
});
