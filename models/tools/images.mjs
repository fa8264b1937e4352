// Minimal image I/O for model-level tests and benchmarks (not the product
// pipeline): decode PNG/JPEG to RGB, stretch-resize, lay out as a tensor.
import fs from 'node:fs';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';

/** Decodes a PNG or JPEG file to { width, height, rgb: Uint8Array (HWC) }. */
export function readImageRgb(filePath) {
  const bytes = fs.readFileSync(filePath);
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
  const { width, height, data } = isPng ? PNG.sync.read(bytes) : jpeg.decode(bytes, { useTArray: true });
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    rgb[3 * i] = data[4 * i];
    rgb[3 * i + 1] = data[4 * i + 1];
    rgb[3 * i + 2] = data[4 * i + 2];
  }
  return { width, height, rgb };
}

/** Bilinear stretch to [height, width] (half-pixel centres), float RGB HWC. */
export function resizeRgb(image, height, width) {
  const out = new Float32Array(height * width * 3);
  const sy = image.height / height;
  const sx = image.width / width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const at = (yy, xx) => image.rgb[(yy * image.width + xx) * 3 + c];
        const top = at(y0, x0) * (1 - wx) + at(y0, x1) * wx;
        const bottom = at(y1, x0) * (1 - wx) + at(y1, x1) * wx;
        out[(y * width + x) * 3 + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}

/**
 * Letterbox: keeps the aspect ratio, image at the top-left, zero padding
 * right/bottom. Returns the float HWC canvas and the scale applied.
 */
export function letterboxRgb(image, height, width) {
  const scale = Math.min(height / image.height, width / image.width);
  const h = Math.max(1, Math.round(image.height * scale));
  const w = Math.max(1, Math.round(image.width * scale));
  const small = resizeRgb(image, h, w);
  const out = new Float32Array(height * width * 3);
  for (let y = 0; y < h; y++) out.set(small.subarray(y * w * 3, (y + 1) * w * 3), y * width * 3);
  return { hwc: out, scale };
}

/**
 * Builds a model input from an image following a manifest card's `input`:
 * x' = (x * scale - mean[c]) / std[c], in colorOrder, NHWC or NCHW, after
 * a stretch or letterbox resize.
 */
export function imageToInput(image, input) {
  const [height, width] = input.size;
  const hwc = input.resize === 'letterbox' ? letterboxRgb(image, height, width).hwc : resizeRgb(image, height, width);
  const order = input.colorOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const data = new Float32Array(height * width * 3);
  const planar = input.layout === 'NCHW';
  for (let i = 0; i < height * width; i++) {
    for (let c = 0; c < 3; c++) {
      const value = (hwc[3 * i + order[c]] * input.scale - input.mean[c]) / input.std[c];
      data[planar ? c * height * width + i : 3 * i + c] = value;
    }
  }
  const dims = planar ? [1, 3, height, width] : [1, height, width, 3];
  return { data, dims };
}
