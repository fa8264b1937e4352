// WebP, TIFF, ICO and MPO in real Chromium, on both builds, as Blobs: the
// same metadata and colours as in Node; damaged files are typed errors.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuildUnderTest, openPage } from './browser.mjs';
import { NEW_FORMATS } from '../node/helpers.mjs';

const PAGE = 'tests/browser/pages/analyze.html';
const COLOR = { features: ['color'] };

for (const isolated of [true, false]) {
  describe(isolated ? 'threaded build (cross-origin isolated)' : 'single-thread build', () => {
    let browser;
    before(async () => {
      browser = await openPage(PAGE, { isolated });
      await browser.page.waitForFunction(() => window.localvision);
      await loadBuildUnderTest(browser.page, isolated);
    });
    after(() => browser.close());

    test('every new format decodes from a Blob to its size, format and colours', async () => {
      for (const [name, format] of Object.entries(NEW_FORMATS)) {
        const result = await browser.page.evaluate(([url, options]) => window.localvision.analyzeBlob(url, options),
          [`/.cache/fixtures/${name}`, COLOR]);
        assert.deepEqual(result.metadata, { width: 160, height: 120, format }, name);
        assert.deepEqual([...result.color.dominantColors].sort(), ['Blue', 'Yellow'], name);
      }
    });

    test('WebP EXIF orientation and animation', async () => {
      const rotated = await browser.page.evaluate((options) => window.localvision.analyzeBlob('/.cache/fixtures/red-quadrant-exif6.webp', options), COLOR);
      assert.deepEqual(rotated.metadata, { width: 60, height: 80, format: 'Webp' });
      const animated = await browser.page.evaluate((options) => window.localvision.analyzeBlob('/.cache/fixtures/animated.webp', options), COLOR);
      assert.match(animated.warnings.join(' '), /first frame/);
    });

    test('truncated WebP, TIFF and ICO files are InvalidImageFormat', async () => {
      for (const name of ['truncated.webp', 'truncated.tiff', 'truncated.ico']) {
        const result = await browser.page.evaluate(([url, options]) => window.localvision.analyze(url, options),
          [`/.cache/fixtures/${name}`, COLOR]);
        assert.equal(result.thrown?.innerCode, 'InvalidImageFormat', name);
        assert.equal(result.thrown.code, 'InvalidRequest', name);
      }
    });

    test('no page error', () => assert.deepEqual(browser.errors, []));
  });
}
