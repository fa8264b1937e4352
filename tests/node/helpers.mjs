// Shared paths, loaders and measures for the Node tests (and the browser tests).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { PNG } from 'pngjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const samples = path.join(root, '.cache/samples');
export const fixtures = path.join(root, '.cache/fixtures');
export const cli = path.join(root, 'web/cli.js');

/** Intersection over union of two boxes {x, y, w, h} (Azure v3.2's rectangle), 0..1. */
export function iou(a, b) {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (ix * iy) / (a.w * a.h + b.w * b.h - ix * iy);
}

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
  'truncated.webp': 'InvalidImageFormat',
  'truncated.tiff': 'InvalidImageFormat',
  'truncated.ico': 'InvalidImageFormat',
  'too-small.png': 'InvalidImageSize',
  'too-wide.png': 'InvalidImageSize',
  'bomb.png': 'InvalidImageSize',
  'too-many-pixels.png': 'InvalidImageSize',
};

// The WebP, TIFF, ICO and MPO fixtures of the two colours (blue left,
// yellow right; 160x120 but the ICO of 2 entries, whose largest is that), with
// the metadata.format each must report.
export const NEW_FORMATS = {
  'two-colours-lossy.webp': 'Webp',
  'two-colours-lossless.webp': 'Webp',
  'two-colours-none.tiff': 'Tiff',
  'two-colours-packbits.tiff': 'Tiff',
  'two-colours-lzw.tiff': 'Tiff',
  'two-colours-deflate.tiff': 'Tiff',
  'two-colours-tiled.tiff': 'Tiff',
  'two-colours-palette.tiff': 'Tiff',
  'two-colours-png.ico': 'Ico',
  'two-colours-bmp.ico': 'Ico',
  'two-colours.mpo': 'Mpo',
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

// What page.png says (transcribed from the image).
export const PAGE = [
  'Region-based segmentation',
  'Let us first determine markers of the coins and the',
  'background. These markers are pixels that we can label',
  'unambiguously as either object or background. Here,',
  'the markers are found at the two extreme parts of the',
  'histogram of grey values:',
  '>>> markers = np.zeros_like(coins)',
];

function levenshtein(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

// Character error rate of the recognised lines against the expected lines
// (joined by newlines, runs of spaces as one).
export function cer(lines, expected) {
  const norm = (l) => l.map((s) => s.replace(/\s+/g, ' ').trim()).join('\n');
  const want = norm(expected);
  return levenshtein(norm(lines), want) / want.length;
}

// The text of every line of a readResult, in reading order.
export const linesOf = (result) => result.readResult.blocks.flatMap((b) => b.lines.map((l) => l.text));

// Black text on white, rendered by ImageMagick (scripts/setup.sh test installs it).
export function renderText(dir, text) {
  const file = path.join(dir, `${text.replace(/\W/g, '_')}.png`);
  execFileSync('convert', ['-background', 'white', '-fill', 'black', '-font', 'DejaVu-Sans', '-pointsize', '72',
    `label:${text}`, '-bordercolor', 'white', '-border', '40', file]);
  return readFileSync(file);
}
