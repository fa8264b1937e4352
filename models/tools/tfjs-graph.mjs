// Reads a TFJS graph model (model.json + weight shards) into plain JS:
// the node list and a Map of constant tensors, dequantized to float32.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const RAW_BYTES = { float32: 4, int32: 4, uint8: 1, bool: 1, float16: 2, uint16: 2, int16: 2, int8: 1 };

/** Loads model.json and its shards from a folder on disk. */
export function readGraphModelFiles(modelJsonPath) {
  const modelJson = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
  const dir = path.dirname(modelJsonPath);
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  return { modelJson, weightData: concatBytes(shards) };
}

/**
 * nsfwjs ships each file as a UMD bundle whose export is the model.json
 * object or a base64 string of one shard. Evaluate it in an empty context
 * (no require, no globals) and take the export.
 */
export function readUmdBundle(filePath) {
  const module = { exports: {} };
  vm.runInNewContext(fs.readFileSync(filePath, 'utf8'), { module, exports: module.exports }, { timeout: 10000 });
  return module.exports;
}

/** Loads a graph model shipped as UMD bundles: model.min.js + <shard>.min.js. */
export function readUmdGraphModel(modelBundlePath) {
  const modelJson = readUmdBundle(modelBundlePath);
  const dir = path.dirname(modelBundlePath);
  const shards = modelJson.weightsManifest.flatMap((group) =>
    group.paths.map((p) => Buffer.from(readUmdBundle(path.join(dir, `${p}.min.js`)), 'base64')));
  return { modelJson, weightData: concatBytes(shards) };
}

export function concatBytes(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.byteLength; }
  return out;
}

/** Decodes every weight of the manifest into { dtype, shape, data }. */
export function decodeWeights(weightsManifest, weightData) {
  const weights = new Map();
  const bytes = weightData instanceof Uint8Array ? weightData : new Uint8Array(weightData);
  let offset = 0;
  for (const spec of weightsManifest.flatMap((group) => group.weights)) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const storedDtype = spec.quantization ? spec.quantization.dtype : spec.dtype;
    if (!(storedDtype in RAW_BYTES)) throw new Error(`weight ${spec.name}: unsupported stored dtype ${storedDtype}`);
    const byteLength = count * RAW_BYTES[storedDtype];
    const raw = bytes.slice(offset, offset + byteLength);
    offset += byteLength;
    weights.set(spec.name, { dtype: spec.dtype, shape: spec.shape, data: decodeWeight(spec, raw, count) });
  }
  if (offset !== bytes.byteLength) throw new Error(`weights: manifest covers ${offset} bytes, shards hold ${bytes.byteLength}`);
  return weights;
}

function decodeWeight(spec, raw, count) {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const q = spec.quantization;
  if (q && (q.dtype === 'uint8' || q.dtype === 'uint16')) {
    // Affine quantization: value = q * scale + min.
    const read = q.dtype === 'uint8' ? (i) => view.getUint8(i) : (i) => view.getUint16(2 * i, true);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = read(i) * q.scale + q.min;
    return castTo(spec.dtype, out);
  }
  if (q && q.dtype === 'float16') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
    return castTo(spec.dtype, out);
  }
  if (q) throw new Error(`weight ${spec.name}: unsupported quantization ${q.dtype}`);
  switch (spec.dtype) {
    case 'float32': return readArray(Float32Array, view, count, (i) => view.getFloat32(4 * i, true));
    case 'int32': return readArray(Int32Array, view, count, (i) => view.getInt32(4 * i, true));
    case 'bool': return Uint8Array.from(raw, (b) => (b ? 1 : 0));
    default: throw new Error(`weight ${spec.name}: unsupported dtype ${spec.dtype}`);
  }
}

function readArray(Type, view, count, read) {
  const out = new Type(count);
  for (let i = 0; i < count; i++) out[i] = read(i);
  return out;
}

function castTo(dtype, floats) {
  if (dtype === 'float32') return floats;
  if (dtype === 'int32') return Int32Array.from(floats, Math.round);
  throw new Error(`quantized weight of dtype ${dtype} is not supported`);
}

/** IEEE 754 half -> float. */
export function halfToFloat(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** tfjs-converter wants one ArrayBuffer and the flat weight specs. */
export function toTfjsArtifacts({ modelJson, weightData }) {
  return {
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
    weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
    signature: modelJson.signature,
    userDefinedMetadata: modelJson.userDefinedMetadata,
  };
}
