// objects, people and adult with the real models (models/dist), through the
// package, with onnxruntime-web (the default) and onnxruntime-node.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { createAnalyzer } from '../../web/node.js';
import { decode, iou, mirrored, root, sample } from './helpers.mjs';

const require = createRequire(import.meta.url);
const dist = path.join(root, 'models/dist');
const haveModels = existsSync(path.join(dist, 'objects.onnx')) && existsSync(path.join(dist, 'adult.onnx'));

// Rotated 90° counter-clockwise: pixel (x, y) goes to (y, W-1-x).
function rotatedCcw(img) {
  const W = img.width, H = img.height, out = new Uint8ClampedArray(img.data.length);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < 4; c++) out[((W - 1 - x) * H + y) * 4 + c] = img.data[(y * W + x) * 4 + c];
  return { data: out, width: H, height: W };
}
// Pixels upscaled by an integer factor (nearest), onto the top-left of a grey canvas.
function upscaledOnCanvas(img, k, W, H) {
  const out = new Uint8ClampedArray(W * H * 4).fill(128);
  for (let y = 0; y < img.height * k; y++)
    for (let x = 0; x < img.width * k; x++)
      for (let c = 0; c < 4; c++) out[(y * W + x) * 4 + c] = img.data[(Math.floor(y / k) * img.width + Math.floor(x / k)) * 4 + c];
  return { data: out, width: W, height: H };
}
// A JPEG of `img` with an EXIF Orientation tag (APP1 inserted after SOI).
function jpegWithOrientation(img, orientation) {
  const encoded = jpeg.encode({ data: Buffer.from(img.data), width: img.width, height: img.height }, 95).data;
  const tiff = Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);
  return new Uint8Array(Buffer.concat([encoded.subarray(0, 2), app1, encoded.subarray(2)]));
}

const only = (result, name) => result.objects.filter((o) => o.object === name);

for (const runtime of ['onnxruntime-web', 'onnxruntime-node']) {
  describe(`objects, people, adult (real models, ${runtime})`, { skip: !haveModels && 'run npm run models first' }, () => {
    let analyzer;
    before(async () => {
      analyzer = await createAnalyzer({ models: dist, build: 'single', ...(runtime === 'onnxruntime-node' ? { ort: require('onnxruntime-node') } : {}) });
    });
    after(() => analyzer?.dispose());

    test('chelsea.png: one cat (mammal, animal), nothing else; not adult, not racy', async () => {
      const result = await analyzer.analyze(sample('chelsea.png'), { features: ['objects', 'adult'] });
      assert.deepEqual(result.objects.map((o) => o.object), ['cat'], JSON.stringify(result.objects));
      const cat = result.objects[0];
      assert.equal(cat.parent.object, 'mammal');
      assert.equal(cat.parent.parent.object, 'animal');
      assert.ok(cat.rectangle.w > 0.8 * 451 && cat.rectangle.h > 0.8 * 300, JSON.stringify(cat.rectangle));
      assert.equal(result.adult.isAdultContent, false);
      assert.equal(result.adult.isRacyContent, false);
      assert.ok(result.adult.adultScore < 0.1 && result.adult.racyScore < 0.1, JSON.stringify(result.adult));
      assert.ok(result.warnings.some((w) => /goreScore is always 0/.test(w)));
    });

    test('motorcycle_left.png: a motorcycle (land vehicle, vehicle) covering the bike', async () => {
      const result = await analyzer.analyze(sample('motorcycle_left.png'), { features: ['objects'] });
      const bikes = only(result, 'motorcycle');
      assert.equal(bikes.length, 1, JSON.stringify(result.objects));
      assert.equal(bikes[0].parent.object, 'land vehicle');
      assert.ok(iou(bikes[0].rectangle, { x: 118, y: 35, w: 559, h: 411 }) > 0.8, JSON.stringify(bikes[0].rectangle));
      assert.ok(!result.objects.some((o) => o.object === 'person'), JSON.stringify(result.objects));
    });

    test('astronaut.png: a person in objects and in peopleResult, one inference', async () => {
      const v4 = await analyzer.analyze(sample('astronaut.png'), { features: ['objects', 'people'], format: 'azure-v4.0' });
      const persons = v4.objectsResult.values.filter((v) => v.tags[0].name === 'person');
      assert.equal(persons.length, 1, JSON.stringify(v4.objectsResult));
      assert.equal(v4.peopleResult.values.length, 1, JSON.stringify(v4.peopleResult));
      assert.deepEqual(v4.peopleResult.values[0].boundingBox, persons[0].boundingBox);
      const v32 = await analyzer.analyze(sample('astronaut.png'), { features: ['objects'] });
      const person = only(v32, 'person');
      assert.equal(person.length, 1);
      assert.equal(person[0].parent, undefined);
    });

    test('mirrored, EXIF-rotated, rescaled and padded copies give the same boxes', async () => {
      const img = decode('motorcycle_left.png');
      const base = only(await analyzer.analyze(img, { features: ['objects'] }), 'motorcycle')[0].rectangle;

      const m = only(await analyzer.analyze(mirrored(img), { features: ['objects'] }), 'motorcycle');
      assert.equal(m.length, 1);
      const unmirrored = { ...m[0].rectangle, x: img.width - m[0].rectangle.x - m[0].rectangle.w };
      assert.ok(iou(unmirrored, base) > 0.85, `${JSON.stringify(unmirrored)} vs ${JSON.stringify(base)}`);

      // Stored rotated counter-clockwise, EXIF orientation 6 (rotate 90° clockwise to view): upright again.
      const exif = await analyzer.analyze(jpegWithOrientation(rotatedCcw(img), 6), { features: ['objects'] });
      assert.deepEqual([exif.metadata.width, exif.metadata.height], [img.width, img.height]);
      const e = only(exif, 'motorcycle');
      assert.equal(e.length, 1, JSON.stringify(exif.objects));
      assert.ok(iou(e[0].rectangle, base) > 0.85, `${JSON.stringify(e[0].rectangle)} vs ${JSON.stringify(base)}`);

      // On a tall canvas (letterbox pads on the right): the same box.
      const tall = only(await analyzer.analyze(upscaledOnCanvas(img, 1, 760, 1300), { features: ['objects'] }), 'motorcycle');
      assert.equal(tall.length, 1);
      assert.ok(iou(tall[0].rectangle, base) > 0.8, `${JSON.stringify(tall[0].rectangle)} vs ${JSON.stringify(base)}`);

      // Twice the size, on a larger canvas of another aspect ratio.
      const big = only(await analyzer.analyze(upscaledOnCanvas(img, 2, 1700, 1100), { features: ['objects'] }), 'motorcycle');
      assert.equal(big.length, 1);
      const half = { x: big[0].rectangle.x / 2, y: big[0].rectangle.y / 2, w: big[0].rectangle.w / 2, h: big[0].rectangle.h / 2 };
      assert.ok(iou(half, base) > 0.8, `${JSON.stringify(half)} vs ${JSON.stringify(base)}`);
    });

    test('coffee.png: a cup; no object on rocket.jpg or page.png', async () => {
      const coffee = await analyzer.analyze(sample('coffee.png'), { features: ['objects'] });
      assert.equal(only(coffee, 'cup').length, 1, JSON.stringify(coffee.objects));
      for (const name of ['rocket.jpg', 'page.png', 'text.png']) {
        const result = await analyzer.analyze(sample(name), { features: ['objects', 'people'] });
        assert.deepEqual(result.objects, [], name);
        assert.deepEqual(result.peopleResult.values, [], name);
      }
    });
  });
}
