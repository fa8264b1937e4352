// Shared paths and loaders for the Node tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { PNG } from 'pngjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const samples = path.join(root, '.cache/samples');
export const fixtures = path.join(root, '.cache/fixtures');
export const cli = path.join(root, 'web/cli.js');

export const sample = (name) => readFileSync(path.join(samples, name));
export const fixture = (name) => readFileSync(path.join(fixtures, name));

// Every file of the fixtures that the core must refuse, with the code.
export const BAD_INPUTS = {
  'empty.png': 'InvalidImageFormat',
  'not-an-image.png': 'InvalidImageFormat',
  'truncated.png': 'InvalidImageFormat',
  'truncated.jpg': 'InvalidImageFormat',
  'truncated.gif': 'InvalidImageFormat',
  'truncated.bmp': 'InvalidImageFormat',
  'too-small.png': 'InvalidImageSize',
  'too-wide.png': 'InvalidImageSize',
  'bomb.png': 'InvalidImageSize',
  'too-many-pixels.png': 'InvalidImageSize',
};

// A sample as ImageData-like RGBA pixels, for transformed copies made in JS.
export const decode = (name) => {
  const png = PNG.sync.read(sample(name));
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
};

// The pixels mirrored left-right.
export function mirrored(img) {
  const out = new Uint8ClampedArray(img.data.length);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++)
      for (let c = 0; c < 4; c++) out[(y * img.width + x) * 4 + c] = img.data[(y * img.width + img.width - 1 - x) * 4 + c];
  return { data: out, width: img.width, height: img.height };
}
