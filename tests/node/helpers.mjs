// Shared paths and loaders for the Node tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

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
