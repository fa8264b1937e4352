// Faces and known people with the real models (models/dist), through the
// package: the detector's threshold, box and the gallery's calibration.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from '../../web/node.js';
import { decode, iou, mirrored, root, sample } from './helpers.mjs';

const haveModels = existsSync(path.join(root, 'models/dist/faces.onnx'));

// The astronaut's face in astronaut.png, marked by hand (hairline to chin,
// cheek to cheek).
const ASTRONAUT_FACE = { left: 178, top: 72, width: 94, height: 108 };

// IoU of two faceRectangles {left, top, width, height}.
const faceIou = (a, b) => {
  const rect = (f) => ({ x: f.left, y: f.top, w: f.width, h: f.height });
  return iou(rect(a), rect(b));
};

function rescaled(img, k) {
  const W = Math.round(img.width * k), H = Math.round(img.height * k);
  const out = new Uint8ClampedArray(W * H * 4);
  const at = (x, y, c) => img.data[(Math.min(img.height - 1, y) * img.width + Math.min(img.width - 1, x)) * 4 + c];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const sx = Math.max(0, (x + 0.5) / k - 0.5), sy = Math.max(0, (y + 0.5) / k - 0.5);
      const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
      for (let c = 0; c < 4; c++)
        out[(y * W + x) * 4 + c] = (at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx) * (1 - fy) +
          (at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx) * fy;
    }
  return { data: out, width: W, height: H };
}
function brightened(img, gain, offset) {
  const out = new Uint8ClampedArray(img.data);
  for (let i = 0; i < out.length; i++) if (i % 4 !== 3) out[i] = img.data[i] * gain + offset;
  return { data: out, width: img.width, height: img.height };
}

async function enroll(analyzer, name, image) {
  if (analyzer.people?.enroll) return analyzer.people.enroll(name, image);
  return analyzer.analyze(image, { enroll: name });  // the core's enrolment job, before the JS wrapper
}

describe('faces and known people (real models)', { skip: !haveModels && 'run npm run models first' }, () => {
  let analyzer;
  before(async () => { analyzer = await createAnalyzer({ build: 'single' }); });
  after(() => analyzer?.dispose());

  test('chelsea.png (a cat) has no face', async () => {
    const result = await analyzer.analyze(sample('chelsea.png'), { features: ['faces'] });
    assert.deepEqual(result.faces, []);
  });

  test('astronaut.png has exactly one face, on the hand-marked box, and no attributes', async () => {
    const result = await analyzer.analyze(sample('astronaut.png'), { features: ['faces'] });
    assert.equal(result.faces.length, 1, JSON.stringify(result.faces));
    assert.deepEqual(Object.keys(result.faces[0]), ['faceRectangle']);
    const box = result.faces[0].faceRectangle;
    assert.ok(faceIou(box, ASTRONAUT_FACE) >= 0.5, `IoU ${faceIou(box, ASTRONAUT_FACE)} for ${JSON.stringify(box)}`);
  });

  test('a face small in a large image is found (the 448 px pass)', async () => {
    // astronaut.png at the top-left of a 2000x1500 grey canvas: the face is ~100 px in 2000.
    const img = decode('astronaut.png');
    const W = 2000, H = 1500, data = new Uint8ClampedArray(W * H * 4).fill(128);
    for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4), ((y + 900) * W + 1300) * 4);
    const result = await analyzer.analyze({ data, width: W, height: H }, { features: ['faces'] });
    assert.equal(result.faces.length, 1, JSON.stringify(result.faces));
    const box = result.faces[0].faceRectangle;
    const shifted = { ...ASTRONAUT_FACE, left: ASTRONAUT_FACE.left + 1300, top: ASTRONAUT_FACE.top + 900 };
    assert.ok(faceIou(box, shifted) >= 0.5, JSON.stringify(box));
  });

  test('a whole figure small in a large image is no face (the 448 px pass sees it at the size of one)', async () => {
    // astronaut.png 98 px tall (its face ~20 px, below what the detector finds) on a flat 2000x1500 background.
    const small = rescaled(decode('astronaut.png'), 98 / 512);
    const W = 2000, H = 1500, data = new Uint8ClampedArray(W * H * 4);
    for (let i = 0; i < W * H; i++) data.set([0x60, 0x80, 0xa0, 255], i * 4);
    for (let y = 0; y < small.height; y++) data.set(small.data.subarray(y * small.width * 4, (y + 1) * small.width * 4), ((y + 561) * W + 951) * 4);
    const result = await analyzer.analyze({ data, width: W, height: H }, { features: ['faces'] });
    assert.deepEqual(result.faces, []);
  });

  test('a face filling most of a large frame is one face, not also its eyes and nose', async () => {
    // astronaut.png around its face, scaled so the face is 800 px wide in a 1280x1024 frame.
    const img = decode('astronaut.png');
    const W = 1280, H = 1024, k = 800 / ASTRONAUT_FACE.width, data = new Uint8ClampedArray(W * H * 4);
    const cx = ASTRONAUT_FACE.left + ASTRONAUT_FACE.width / 2, cy = ASTRONAUT_FACE.top + ASTRONAUT_FACE.height / 2;
    const clamp = (v, n) => Math.min(n - 1, Math.max(0, Math.round(v)));
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const s = (clamp(cy + (y - H / 2) / k, img.height) * img.width + clamp(cx + (x - W / 2) / k, img.width)) * 4;
        data.set(img.data.subarray(s, s + 4), (y * W + x) * 4);
      }
    const result = await analyzer.analyze({ data, width: W, height: H }, { features: ['faces'] });
    assert.equal(result.faces.length, 1, JSON.stringify(result.faces));
    assert.ok(result.faces[0].faceRectangle.width > 600, JSON.stringify(result.faces));
  });

  // The celebrities Azure-style: in the detail of the result's people category.
  const celebritiesOf = (result) => {
    const people = result.categories.filter((c) => c.name.startsWith('people_') && c.detail?.celebrities);
    assert.equal(people.length, 1, JSON.stringify(result.categories));
    return people[0].detail.celebrities;
  };

  test('celebrities with an empty gallery: the people category, no names', async () => {
    const result = await analyzer.analyze(sample('astronaut.png'), { details: ['celebrities'] });
    assert.deepEqual(celebritiesOf(result), []);
    const alone = await analyzer.analyze(sample('astronaut.png'), { features: ['faces'], details: ['celebrities'] });
    assert.equal(alone.categories[0].name, 'people_', 'without the categories feature: a people_ category of its own');
  });

  test('a person enrolled from astronaut.png is recognised in a mirrored, rescaled, brightened copy, not in camera.png', async () => {
    const enrolled = await enroll(analyzer, 'Eileen', sample('astronaut.png'));
    if (enrolled?.enrolled) assert.equal(enrolled.enrolled.name, 'Eileen');
    const copy = brightened(rescaled(mirrored(decode('astronaut.png')), 0.7), 1.25, 15);
    const seen = await analyzer.analyze(copy, { details: ['celebrities'] });
    const celebrities = celebritiesOf(seen);
    assert.equal(celebrities.length, 1, JSON.stringify(seen.categories));
    assert.equal(celebrities[0].name, 'Eileen');
    assert.ok(celebrities[0].confidence > 0.8, JSON.stringify(celebrities));
    for (const k of [0.5, 1.5]) {
      const scaled = await analyzer.analyze(rescaled(decode('astronaut.png'), k), { details: ['celebrities'] });
      assert.equal(celebritiesOf(scaled)[0]?.name, 'Eileen', `scale ${k}`);
    }

    const other = await analyzer.analyze(sample('camera.png'), { details: ['celebrities'] });
    assert.deepEqual(celebritiesOf(other), [], 'a face, but not Eileen');
  });

  test('enrolling an image without a face is refused with BadArgument', async () => {
    await assert.rejects(enroll(analyzer, 'Nobody', sample('coffee.png')), (e) => e.innerCode === 'BadArgument' && /No face/.test(e.message));
  });
});
