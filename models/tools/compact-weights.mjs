// Smaller ONNX files with the same weights: float32 initializers stored in
// fewer bytes, with the nodes that give the float32 tensors back in front of
// the graph (ONNX Runtime folds them when it creates a session, so inference
// runs on float32 as before).
//
//  - at most 256 distinct values (TFJS uint8-quantized weights, after any
//    transpose): uint8 codes into a float32 table -> Cast, Gather. Exact.
//  - every value exact in IEEE binary16 (TFJS float16 weights): FLOAT16 -> Cast. Exact.
//  - `roundToFloat16`: any other float32 weights rounded to the nearest
//    binary16 (relative error <= 2^-11), for cards whose facts were measured
//    to hold with them (models/manifest.json "weightStorage": "float16").
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;

// Initializers smaller than this stay as they are (biases, scales, shapes).
const MIN_ELEMENTS = 1024;

/** @returns {Uint8Array} the model with its large float32 initializers stored compactly (`bytes` itself when none is) */
export function compactWeights(bytes, { roundToFloat16 = false } = {}) {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  const front = [], kept = [], replaced = new Set();
  const used = new Set([...graph.node.flatMap((n) => [...n.input, ...n.output]), ...graph.initializer.map((t) => t.name)]);
  const fresh = (base) => {
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
  const compactOf = (tensor) => {
    const values = tensor.dataType === DataType.FLOAT ? floatsOf(tensor) : null;
    const compact = values && values.length >= MIN_ELEMENTS ? compactTensor(tensor, values, roundToFloat16, fresh) : null;
    if (compact) {
      kept.push(...compact.initializers);
      front.push(...compact.nodes);
      replaced.add(tensor.name);
    }
    return compact;
  };
  for (const tensor of graph.initializer) if (!compactOf(tensor)) kept.push(tensor);
  // Older exporters (Paddle2ONNX at opset 9) hold weights in Constant nodes.
  const nodes = graph.node.filter((n) => {
    const value = n.opType === 'Constant' && n.attribute.length === 1 && n.attribute[0].name === 'value' ? n.attribute[0].t : null;
    return !(value && compactOf({ ...value, name: n.output[0] }));
  });
  if (!replaced.size) return bytes;  // a file as shipped stays byte for byte
  graph.initializer = kept;
  graph.node = [...front, ...nodes];
  graph.input = graph.input.filter((i) => !replaced.has(i.name));  // IR < 4 lists initializers as inputs too
  return onnx.ModelProto.encode(model).finish();
}

function floatsOf(tensor) {
  if (tensor.rawData?.length) {
    const copy = Uint8Array.from(tensor.rawData);
    return new Float32Array(copy.buffer, 0, copy.length / 4);
  }
  return Float32Array.from(tensor.floatData);
}

function compactTensor(tensor, values, roundToFloat16, fresh) {
  const { name, dims } = tensor;
  const table = [...new Set(values)];
  if (table.length <= 256) {
    const index = new Map(table.map((v, i) => [v, i]));
    const codes = fresh(`${name}/codes`), codes32 = fresh(`${name}/codes_i32`), table32 = fresh(`${name}/table`);
    return {
      initializers: [
        { name: codes, dataType: DataType.UINT8, dims, rawData: Uint8Array.from(values, (v) => index.get(v)) },
        { name: table32, dataType: DataType.FLOAT, dims: [table.length], rawData: new Uint8Array(Float32Array.from(table).buffer) },
      ],
      nodes: [castNode(codes, codes32, DataType.INT32), { opType: 'Gather', name, input: [table32, codes32], output: [name], attribute: [intAttr('axis', 0)] }],
    };
  }
  const halves = toFloat16(values, roundToFloat16);
  if (!halves) return null;
  const stored = fresh(`${name}/float16`);
  return {
    initializers: [{ name: stored, dataType: DataType.FLOAT16, dims, rawData: new Uint8Array(halves.buffer) }],
    nodes: [castNode(stored, name, DataType.FLOAT)],
  };
}

const intAttr = (name, i) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const castNode = (input, output, to) => ({ opType: 'Cast', name: output, input: [input], output: [output], attribute: [intAttr('to', to)] });

/**
 * IEEE 754 binary16 bits of each value, or null when `round` is false and a
 * value is not exactly representable. Rounding is to nearest, ties to even;
 * magnitudes past the binary16 range (65504) or NaN give null either way.
 */
export function toFloat16(values, round) {
  const f32 = Float32Array.from(values);
  const bits = new Uint32Array(f32.buffer);
  const out = new Uint16Array(f32.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    const sign = (b >>> 16) & 0x8000, exp = (b >>> 23) & 0xff, mant = b & 0x7fffff;
    if (exp === 0xff) return null;
    if (exp === 0 && mant === 0) { out[i] = sign; continue; }
    // The value as an integer multiple of 2^-24 (the smallest binary16 step), before rounding.
    const e = exp - 127;
    const shift = e >= -14 ? 13 : 13 + (-14 - e);  // mantissa bits binary16 cannot keep
    if (shift > 24) { if (!round) return null; out[i] = sign; continue; }  // under half the smallest subnormal
    const full = exp === 0 ? mant : mant | 0x800000;
    const dropped = full & ((1 << shift) - 1), half = 1 << (shift - 1);
    if (dropped && !round) return null;
    let kept = full >>> shift;
    if (dropped > half || (dropped === half && (kept & 1))) kept += 1;
    // Normal: kept holds the implicit 1 at bit 10; subnormal: no implicit bit.
    let h = e >= -14 ? ((e + 15) << 10) + (kept - 0x400) : kept;
    if (h >= 0x7c00) return null;  // overflow past 65504
    out[i] = sign | h;
  }
  return out;
}
