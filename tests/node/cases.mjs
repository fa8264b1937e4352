// The files of ../shared/cases and what each must give (README.md there):
// shared by the Node and the browser tests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { root } from './helpers.mjs';

export const casesDir = path.resolve(root, '../shared/cases');
export const haveCases = existsSync(path.join(casesDir, 'README.md'));

// Colour, a 1:1 smart crop and metadata: everything the README's probes read.
export const CASE_OPTIONS = { features: ['color', 'smartCrops'], smartCropsAspectRatios: [1] };

// "Red" is (220, 30, 30): accentColor about DC1E1E.
function assertRed(result, name) {
  const accent = result.color.accentColor;
  const channels = [0, 2, 4].map((i) => parseInt(accent.slice(i, i + 2), 16));
  [220, 30, 30].forEach((want, i) => assert.ok(Math.abs(channels[i] - want) <= 16, `${name}: accentColor ${accent}`));
  assert.deepEqual(result.color.dominantColors, ['Red'], name);
}

function assertSize(result, name, width, height, format) {
  assert.deepEqual(result.metadata, { width, height, format }, name);
}

// name -> check(result)
export const CASES = {
  'jpeg_cmyk_no_app14_red.jpg': (r, name) => {
    assertRed(r, name);
    assert.equal(r.metadata.format, 'Jpeg');
  },
  'jpeg_missing_eoi.jpg': (r, name) => {
    assertSize(r, name, 120, 400, 'Jpeg');
    assert.match((r.warnings ?? []).join(' '), /end-of-image marker/, name);
  },
  'png_exif_chunk_orient6.png': (r, name) => {
    assertSize(r, name, 100, 400, 'Png');
    const [crop] = r.smartCropsResult.values;
    assert.ok(crop.boundingBox.y <= 40, `${name}: the patch is at the top (crop y ${crop.boundingBox.y})`);
  },
  'gif_frame_larger_than_logical_screen.gif': (r, name) => assertSize(r, name, 120, 80, 'Gif'),
  'bmp_rle8.bmp': (r, name) => assertSize(r, name, 120, 400, 'Bmp'),
};
