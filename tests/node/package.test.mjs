// The npm package in Node, on both WebAssembly builds: inputs, outputs, errors.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import os from 'node:os';
import { createAnalyzer, AnalysisError } from '../../web/node.js';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { BAD_INPUTS, decode, fixture, sample } from './helpers.mjs';

async function rejectsWith(promise, innerCode) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof AnalysisError, `expected AnalysisError, got ${error}`);
    assert.equal(error.innerCode, innerCode, error.message);
    assert.equal(error.code, 'InvalidRequest');
    assert.ok(error.message.length > 20, 'the message says what to do');
    return true;
  });
}

test("build 'auto' is threaded only where a core is left over for its helper thread", async () => {
  // One inference thread leaves a core on 2 or more; the default takes min(4, cores).
  const cores = os.availableParallelism();
  for (const numThreads of [1, undefined]) {
    const analyzer = await createAnalyzer({ numThreads });
    try {
      assert.equal(analyzer.build, cores > (numThreads ?? Math.min(4, cores)) ? 'threaded' : 'single', `numThreads ${numThreads}, ${cores} cores`);
    } finally {
      analyzer.dispose();
    }
  }
});

for (const build of ['threaded', 'single']) {
  describe(`${build} build`, () => {
    let analyzer;
    before(async () => { analyzer = await createAnalyzer({ build }); });
    after(() => analyzer.dispose());

    test('loads the build it was asked for', () => assert.equal(analyzer.build, build));

    test('chelsea.png: Azure v3.2 JSON with metadata, color and imageType', async () => {
      const result = await analyzer.analyze(sample('chelsea.png'));
      assert.deepEqual(result.metadata, { width: 451, height: 300, format: 'Png' });
      assert.equal(result.color.isBWImg, false);
      assert.match(result.color.accentColor, /^[0-9A-F]{6}$/);
      assert.ok(result.color.dominantColors.length > 0);
      assert.deepEqual(result.imageType, { clipArtType: 0, lineDrawingType: 0 });
      assert.match(result.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4/);
      assert.equal(typeof result.modelVersion, 'string');
    });

    test('camera.png is black and white', async () => {
      const result = await analyzer.analyze(sample('camera.png'), { features: ['color'] });
      assert.equal(result.color.isBWImg, true);
    });

    test('thumbnail: JPEG or PNG bytes of the asked size, from bytes or pixels; Azure\'s size rules', async () => {
      const png = await analyzer.thumbnail(sample('chelsea.png'), { width: 64, height: 32, smartCropping: true, format: 'png' });
      const { width, height } = PNG.sync.read(Buffer.from(png));
      assert.deepEqual([width, height], [64, 32]);
      const fromPixels = jpeg.decode(await analyzer.thumbnail(decode('chelsea.png'), { width: 20, height: 30 }));
      assert.deepEqual([fromPixels.width, fromPixels.height], [20, 30]);
      await rejectsWith(analyzer.thumbnail(sample('chelsea.png'), { width: 1025, height: 10 }), 'InvalidThumbnailSize');
      await rejectsWith(analyzer.thumbnail(fixture('truncated.png'), { width: 10, height: 10 }), 'InvalidImageFormat');
    });

    test('every format decodes to the same colours', async () => {
      for (const name of ['two-colours.png', 'two-colours.jpg', 'two-colours.bmp']) {
        const { color, metadata } = await analyzer.analyze(fixture(name), { features: ['color'] });
        assert.deepEqual([...color.dominantColors].sort(), ['Blue', 'Yellow'], name);
        assert.equal(metadata.width, 160, name);
      }
      const gif = await analyzer.analyze(fixture('blue.gif'));
      assert.equal(gif.metadata.format, 'Gif');
      assert.equal(gif.color.dominantColorBackground, 'Blue');
    });

    test('an animated GIF is analysed on its first frame and says so', async () => {
      const result = await analyzer.analyze(fixture('animated.gif'), { features: ['color'] });
      assert.equal(result.color.dominantColorBackground, 'Blue');
      assert.match(result.warnings.join(' '), /first frame/);
    });

    test('EXIF orientation 6: metadata reports the upright size', async () => {
      const result = await analyzer.analyze(fixture('red-quadrant-exif6.jpg'));
      assert.deepEqual([result.metadata.width, result.metadata.height], [60, 80]);
    });

    test('azure-v4.0 smartCrops gives a smartCropsResult per ratio', async () => {
      const result = await analyzer.analyze(sample('chelsea.png'), {
        format: 'azure-v4.0', features: ['smartCrops'], smartCropsAspectRatios: [1, 1.5],
      });
      assert.equal(result.smartCropsResult.values.length, 2);
      for (const { aspectRatio, boundingBox: b } of result.smartCropsResult.values) {
        assert.ok(Math.abs(b.w / b.h - aspectRatio) < 0.02, `${b.w}x${b.h} vs ${aspectRatio}`);
        assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= 451 && b.y + b.h <= 300);
      }
      assert.deepEqual(result.metadata, { width: 451, height: 300 });
    });

    test('inputs: ArrayBuffer, Blob, ImageData-like pixels', async () => {
      const png = fixture('two-colours.png');
      const fromBuffer = await analyzer.analyze(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength));
      const fromBlob = await analyzer.analyze(new Blob([png]));
      assert.deepEqual(fromBlob.color, fromBuffer.color);
      const width = 64, height = 64;
      const data = new Uint8ClampedArray(width * height * 4);
      for (let i = 0; i < data.length; i += 4) data.set([230, 20, 20, 255], i);
      const fromPixels = await analyzer.analyze({ data, width, height }, { features: ['color'] });
      assert.equal(fromPixels.color.dominantColorBackground, 'Red');
      assert.equal(fromPixels.metadata?.format, 'Raw');
    });

    test('every bad input yields its typed error', async () => {
      for (const [name, code] of Object.entries(BAD_INPUTS)) {
        await rejectsWith(analyzer.analyze(fixture(name)), code);
      }
    });

    test('the analyzer keeps working after errors', async () => {
      await rejectsWith(analyzer.analyze(fixture('truncated.jpg')), 'InvalidImageFormat');
      const result = await analyzer.analyze(fixture('two-colours.jpg'));
      assert.equal(result.metadata.format, 'Jpeg');
    });

    test('bad options yield Azure codes', async () => {
      const png = fixture('two-colours.png');
      await rejectsWith(analyzer.analyze(png, { features: ['colour'] }), 'NotSupportedVisualFeature');
      await rejectsWith(analyzer.analyze(png, { language: 'fr' }), 'NotSupportedLanguage');
      await rejectsWith(analyzer.analyze(png, { modelVersion: 'newest' }), 'InvalidModel');
      await rejectsWith(analyzer.analyze(png, { format: 'azure-v9' }), 'BadArgument');
    });

    test('concurrent analyses each get their own result', async () => {
      const names = ['two-colours.png', 'blue.gif', 'two-colours.bmp', 'red-quadrant-exif6.jpg'];
      const results = await Promise.all(names.map((n) => analyzer.analyze(fixture(n), { features: ['color'] })));
      assert.deepEqual(results.map((r) => r.metadata.format), ['Png', 'Gif', 'Bmp', 'Jpeg']);
      assert.equal(new Set(results.map((r) => r.requestId)).size, names.length);
    });
  });
}

test('limits are configurable per analyzer', async () => {
  const strict = await createAnalyzer({ limits: { minSide: 200, maxBytes: 100_000 } });
  try {
    await rejectsWith(strict.analyze(fixture('two-colours.png')), 'InvalidImageSize');
    await rejectsWith(strict.analyze(sample('chelsea.png')), 'InvalidImageSize');  // 240 KB > 100 KB
  } finally {
    strict.dispose();
  }
  await assert.rejects(createAnalyzer({ limits: { maxSides: 5 } }), (e) => e.innerCode === 'BadArgument');
});

describe('inputs that need no file', () => {
  let analyzer, server, base;
  before(async () => {
    analyzer = await createAnalyzer();
    server = http.createServer((req, res) => {
      if (req.url === '/chelsea.png') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(sample('chelsea.png')); }
      else { res.writeHead(404); res.end(); }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => { analyzer.dispose(); server.close(); });

  test('an http URL is fetched and analysed', async () => {
    const result = await analyzer.analyze(`${base}/chelsea.png`);
    assert.equal(result.metadata.width, 451);
  });

  test('a URL that fails is InvalidImageUrl', async () => {
    await rejectsWith(analyzer.analyze(`${base}/missing.png`), 'InvalidImageUrl');
    await rejectsWith(analyzer.analyze('file:///etc/passwd'), 'InvalidImageUrl');
    await rejectsWith(analyzer.analyze('chelsea.png'), 'InvalidImageUrl');
  });

  test('something that is not an image input is refused', async () => {
    await rejectsWith(analyzer.analyze(42), 'InvalidImageFormat');
    await rejectsWith(analyzer.analyze(null), 'InvalidImageFormat');
  });

  test('an aborted signal cancels', async () => {
    const controller = new AbortController();
    controller.abort();
    await rejectsWith(analyzer.analyze(sample('chelsea.png'), { signal: controller.signal }), 'CancelledRequest');
  });

  test('a disposed analyzer says so', async () => {
    const short = await createAnalyzer({ build: 'single' });
    short.dispose();
    await assert.rejects(short.analyze(sample('chelsea.png')), /disposed/);
  });
});
