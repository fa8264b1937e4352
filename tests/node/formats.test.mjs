// WebP, TIFF, ICO and MPO through the package's JS API, as Blobs, on both
// WebAssembly builds: size, format and colours as the C++ tests find them.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer, AnalysisError } from '../../web/node.js';
import { NEW_FORMATS, fixture } from './helpers.mjs';

const COLOR = { features: ['color'] };

for (const build of ['threaded', 'single']) {
  describe(`${build} build`, () => {
    let analyzer;
    before(async () => { analyzer = await createAnalyzer({ build }); });
    after(() => analyzer.dispose());

    for (const [name, format] of Object.entries(NEW_FORMATS)) {
      test(`${name}: ${format}, 160x120, blue and yellow`, async () => {
        const result = await analyzer.analyze(new Blob([fixture(name)]), COLOR);
        assert.deepEqual(result.metadata, { width: 160, height: 120, format });
        assert.deepEqual([...result.color.dominantColors].sort(), ['Blue', 'Yellow']);
        assert.equal(result.warnings, undefined);
      });
    }

    test('WebP alpha is composited on white', async () => {
      const result = await analyzer.analyze(new Blob([fixture('two-colours-alpha.webp')]), COLOR);
      assert.equal(result.color.dominantColorBackground, 'White');
    });

    test('WebP EXIF orientation 6: metadata reports the upright size', async () => {
      const result = await analyzer.analyze(new Blob([fixture('red-quadrant-exif6.webp')]), COLOR);
      assert.deepEqual(result.metadata, { width: 60, height: 80, format: 'Webp' });
    });

    test('an animated WebP is analysed on its first frame and says so', async () => {
      const result = await analyzer.analyze(new Blob([fixture('animated.webp')]), COLOR);
      assert.deepEqual([...result.color.dominantColors].sort(), ['Blue', 'Yellow']);
      assert.match(result.warnings.join(' '), /animated WebP: only its first frame/);
    });

    test('a grey TIFF is black and white', async () => {
      const result = await analyzer.analyze(new Blob([fixture('grey.tiff')]), COLOR);
      assert.equal(result.metadata.format, 'Tiff');
      assert.equal(result.color.isBWImg, true);
    });

    for (const name of ['truncated.webp', 'truncated.tiff', 'truncated.ico']) {
      test(`${name} is InvalidImageFormat with Azure's body`, async () => {
        await assert.rejects(analyzer.analyze(new Blob([fixture(name)])), (error) => {
          assert.ok(error instanceof AnalysisError);
          assert.equal(error.code, 'InvalidRequest');
          assert.equal(error.innerCode, 'InvalidImageFormat');
          assert.match(error.message, /Send /);
          return true;
        });
      });
    }
  });
}
