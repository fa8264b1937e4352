// Shared by the model tests: build tiny TFJS graph models on disk, run
// them through tfjs (cpu) and through ONNX Runtime, compare outputs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { readGraphModelFiles } from '../../../models/tools/tfjs-graph.mjs';
import { convertGraphModel } from '../../../models/tools/tfjs-to-onnx.mjs';
import { loadTfjsModel, runTfjs } from '../../../models/tools/tfjs-reference.mjs';

// ---- TF attribute values as they appear in model.json
export const attr = {
  int: (v) => ({ i: String(v) }),
  float: (v) => ({ f: v }),
  bool: (v) => ({ b: v }),
  str: (v) => ({ s: Buffer.from(v).toString('base64') }),
  ints: (v) => ({ list: { i: v.map(String) } }),
  strs: (v) => ({ list: { s: v.map((x) => Buffer.from(x).toString('base64')) } }),
  type: (v) => ({ type: v }),
};

const float32 = attr.type('DT_FLOAT');

/**
 * Writes model.json + weights.bin for a tiny graph and returns the folder.
 * consts: [{ name, shape, values, dtype = 'float32', quantize?: 'uint8' | 'float16' }]
 */
export function writeTinyGraph({ inputs, consts = [], nodes }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lv-tiny-'));
  const weights = consts.map(encodeWeight);
  const modelJson = {
    format: 'graph-model',
    generatedBy: 'localvision-tests',
    convertedBy: 'hand',
    modelTopology: {
      node: [
        ...inputs.map(({ name, shape }) => ({
          name, op: 'Placeholder', attr: { dtype: float32, shape: { shape: { dim: shape.map((d) => ({ size: String(d) })) } } },
        })),
        ...consts.map(({ name, dtype = 'float32' }) => ({ name, op: 'Const', attr: { dtype: attr.type(dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT') } })),
        ...nodes.map((n) => ({ attr: {}, ...n, attr: { T: float32, ...n.attr } })),
      ],
      versions: {},
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: weights.map((w) => w.spec) }],
  };
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
  fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat(weights.map((w) => w.bytes)));
  return dir;
}

function encodeWeight({ name, shape, values, dtype = 'float32', quantize }) {
  const spec = { name, shape, dtype };
  if (quantize === 'uint8') {
    const min = Math.min(...values);
    const scale = (Math.max(...values) - min) / 255 || 1;
    spec.quantization = { dtype: 'uint8', min, scale };
    return { spec, bytes: Buffer.from(values.map((v) => Math.round((v - min) / scale))) };
  }
  if (quantize === 'float16') {
    spec.quantization = { dtype: 'float16' };
    const bytes = Buffer.alloc(values.length * 2);
    values.forEach((v, i) => bytes.writeUInt16LE(floatToHalf(v), 2 * i));
    return { spec, bytes };
  }
  const Type = dtype === 'int32' ? Int32Array : Float32Array;
  return { spec, bytes: Buffer.from(Type.from(values).buffer) };
}

/** float -> IEEE half (round to nearest; enough for test weights in normal range). */
function floatToHalf(value) {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >> 16) & 0x8000;
  const exponent = ((bits >> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7c00;
  return sign | (exponent << 10) | Math.round(mantissa / 0x2000);
}

/** Deterministic pseudo-random values in [lo, hi). */
export function seededValues(count, seed = 1, lo = -1, hi = 1) {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return lo + (hi - lo) * (state / 2 ** 32);
  });
}

/** Converts a tiny graph folder and runs both sides on the same inputs. */
export async function runBothWays(dir, feeds, outputs) {
  const model = readGraphModelFiles(path.join(dir, 'model.json'));
  const onnxBytes = convertGraphModel(model, { outputs });
  const session = await ortNode.InferenceSession.create(onnxBytes);
  const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ortNode.Tensor('float32', t.data, t.dims)]));
  const ortOut = await session.run(ortFeeds);
  const tfjsOut = await runTfjs(await loadTfjsModel(model), feeds, outputs);
  return outputs.map((name) => ({ name, onnx: ortOut[name], tfjs: tfjsOut[name] }));
}

/**
 * Largest absolute and relative errors, and how many elements miss both
 * tolerances (an element passes when within abs OR rel).
 */
export function compareArrays(actual, expected, tolerance = 1e-3) {
  let maxAbs = 0;
  let maxRel = 0;
  let failures = 0;
  for (let i = 0; i < expected.length; i++) {
    const abs = Math.abs(Number(actual[i]) - Number(expected[i]));
    const rel = abs / Math.max(Math.abs(Number(expected[i])), 1e-30);
    maxAbs = Math.max(maxAbs, abs);
    if (abs > tolerance) maxRel = Math.max(maxRel, rel);
    if (abs > tolerance && rel > tolerance) failures++;
  }
  return { maxAbs, maxRel, failures, count: expected.length };
}
