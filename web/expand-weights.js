// Gives a model back its float32 weights before ONNX Runtime sees it.
//
// `npm run models` stores large float32 initializers compactly
// (models/tools/compact-weights.mjs): uint8 codes -> Cast(int32) ->
// Gather(1-D float table), or float16 -> Cast(float). ONNX Runtime folds
// those nodes when it creates the session; onnxruntime-web does it in wasm
// that V8 has not optimised yet (its Cast and Gather kernels run for the first
// time), which made adult's first session 392 ms instead of 116 ms, this pass
// included (bench/session-create.mjs, 1 thread). Here the same folding is a
// table lookup in JS on the verified bytes: the download stays small and ORT
// starts from plain float32 weights. (onnxruntime-node folds faster natively:
// web/models.js uses this for onnxruntime-web only.)
//
// It reads and rewrites the protobuf wire format directly (no protobuf
// library): only the top-level graph's nodes and raw_data initializers are
// looked at; every other field is copied byte for byte. It folds only
// Cast(float16 -> float) and Gather(axis 0) of a 1-D float table by
// Cast(uint8 -> int32) codes, all from initializers: exact constant folding,
// so any model (plugins too) keeps its meaning. A model with nothing to fold
// is returned as is.
// This is byte moving on the way to ONNX Runtime, not analysis logic: doing
// it in the C++ core would copy the model in and out of its heap and grow
// that heap (which never shrinks) by the expanded size.

const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 };
const MODEL = { graph: 7 };
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12 };
const NODE = { input: 1, output: 2, opType: 4, attribute: 5 };
const ATTRIBUTE = { name: 1, i: 3 };
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 };
const VALUE_INFO = { name: 1 };
const TYPE = { float: 1, uint8: 2, int32: 6, float16: 10 };

const utf8 = new TextDecoder();

function readVarint(bytes, at) {
  let value = 0, scale = 1, byte;
  do {
    byte = bytes[at++];
    if (byte === undefined) throw new RangeError('truncated varint');
    value += (byte & 0x7f) * scale;
    scale *= 128;
  } while (byte & 0x80);
  return [value, at];
}

// The fields of one message: { field, wire, from, to (the whole field), value (varint) | start, end (payload) }.
function fieldsOf(bytes, start, end) {
  const fields = [];
  for (let at = start; at < end;) {
    const entry = { from: at };
    let key, length;
    [key, at] = readVarint(bytes, at);
    entry.field = Math.floor(key / 8);
    entry.wire = key & 7;
    if (entry.wire === WIRE.varint) [entry.value, at] = readVarint(bytes, at);
    else if (entry.wire === WIRE.fixed64) at += 8;
    else if (entry.wire === WIRE.fixed32) at += 4;
    else if (entry.wire === WIRE.bytes) {
      [length, at] = readVarint(bytes, at);
      entry.start = at;
      entry.end = at += length;
    } else throw new RangeError(`unsupported wire type ${entry.wire}`);
    if (at > end) throw new RangeError('truncated field');
    entry.to = at;
    fields.push(entry);
  }
  return fields;
}

const fieldsIn = (bytes, entry) => fieldsOf(bytes, entry.start, entry.end);
const stringsOf = (bytes, fields, number) => fields.filter((f) => f.field === number).map((f) => utf8.decode(bytes.subarray(f.start, f.end)));
const nameOf = (bytes, entry, number) => stringsOf(bytes, fieldsIn(bytes, entry), number)[0];

// Repeated int64 dims: one varint per field, or packed into one bytes field.
function rankOf(bytes, dimFields) {
  let rank = 0;
  for (const f of dimFields) {
    if (f.wire === WIRE.varint) rank++;
    else for (let at = f.start; at < f.end; rank++) [, at] = readVarint(bytes, at);
  }
  return rank;
}

function readTensor(bytes, entry) {
  const fields = fieldsIn(bytes, entry);
  const dims = fields.filter((f) => f.field === TENSOR.dims);
  const raw = fields.find((f) => f.field === TENSOR.rawData);
  return {
    entry,
    name: stringsOf(bytes, fields, TENSOR.name)[0],
    dataType: fields.find((f) => f.field === TENSOR.dataType)?.value,
    dims: dims.map((f) => bytes.subarray(f.from, f.to)),  // as encoded, to be copied
    rank: rankOf(bytes, dims),
    raw: raw ? bytes.subarray(raw.start, raw.end) : null,  // null: data in other fields or external: left alone
  };
}

function readNode(bytes, entry) {
  const fields = fieldsIn(bytes, entry);
  const attributes = {};
  for (const a of fields.filter((f) => f.field === NODE.attribute)) {
    const attribute = fieldsIn(bytes, a);
    attributes[stringsOf(bytes, attribute, ATTRIBUTE.name)[0]] = attribute.find((f) => f.field === ATTRIBUTE.i)?.value;
  }
  const [opType] = stringsOf(bytes, fields, NODE.opType);
  return { entry, opType, inputs: stringsOf(bytes, fields, NODE.input), outputs: stringsOf(bytes, fields, NODE.output), attributes };
}

let halfBits;
// The float32 bits of every binary16 bit pattern (built once, 256 KB), by
// moving sign, exponent and mantissa bits; subnormal halves are normal floats.
function halfToFloatBits() {
  if (halfBits) return halfBits;
  const bits = new Uint32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = (h & 0x8000) << 16, exponent = (h >> 10) & 31, mantissa = h & 1023;
    if (exponent === 31) bits[h] = sign | 0x7f800000 | (mantissa << 13);  // Inf, NaN
    else if (exponent) bits[h] = sign | ((exponent + 112) << 23) | (mantissa << 13);
    else if (mantissa) {
      const shift = Math.clz32(mantissa) - 21;  // to put the leading 1 at bit 10
      bits[h] = sign | ((113 - shift) << 23) | (((mantissa << shift) & 1023) << 13);
    } else bits[h] = sign;
  }
  return (halfBits = bits);
}

// The folded values as a piece of the output ({length, fill(view, at)}): they
// are written straight into the rewritten model, little-endian float32 as
// ONNX stores them, so no float32 copy of the weights exists besides it
// (allocating and copying 8 MB took ~25 ms on our 2-core machines).
// DataView: a raw_data payload need not start 4-byte aligned. Two loops, not
// one over any index array: one loop for both (Uint16 halves and uint8 codes)
// made the expansion 20-40 ms slower in a fresh Node process.

// float16 -> float32 of every half in `raw`.
function halvesAsFloats(raw) {
  const count = raw.byteLength >> 1;
  return {
    length: count * 4,
    fill(out, at) {
      const bits = halfToFloatBits(), halves = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < count; i++, at += 4) out.setUint32(at, bits[halves.getUint16(2 * i, true)], true);
    },
  };
}

// table[code] for each uint8 code; null when a code is past the table.
function lookedUp(codes, tableRaw) {
  const table = view(tableRaw, Uint32Array);  // float32 bits
  let top = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] > top) top = codes[i];
  if (codes.length && top >= table.length) return null;
  return {
    length: codes.length * 4,
    fill(out, at) {
      for (let i = 0; i < codes.length; i++, at += 4) out.setUint32(at, table[codes[i]], true);
    },
  };
}

// raw_data as typed values (little-endian, as ONNX stores them; copied when not aligned).
function view(raw, Type) {
  const aligned = raw.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? raw : new Uint8Array(raw);  // a copy (Buffer.slice would not be)
  return new Type(aligned.buffer, aligned.byteOffset, aligned.byteLength / Type.BYTES_PER_ELEMENT);
}

// Cast(uint8 -> int32) of an initializer: the codes of a Gather.
const isCodesCast = (node, tensors) => node.opType === 'Cast' && node.attributes.to === TYPE.int32
  && tensors.get(node.inputs[0])?.dataType === TYPE.uint8 && Boolean(tensors.get(node.inputs[0]).raw);

// { dims, values (a piece of the output) } a node computes from initializers alone, or null when it is not a compact-weight node.
function fold(node, tensors, codeCasts) {
  const source = tensors.get(node.inputs[0]);
  if (!source?.raw || node.outputs.length !== 1) return null;
  if (node.opType === 'Cast' && node.attributes.to === TYPE.float && source.dataType === TYPE.float16) {
    return { dims: source.dims, values: halvesAsFloats(source.raw) };
  }
  const codes = codeCasts.get(node.inputs[1]);
  if (node.opType === 'Gather' && codes && (node.attributes.axis ?? 0) === 0 && source.dataType === TYPE.float && source.rank === 1) {
    const values = lookedUp(codes.raw, source.raw);
    return values && { dims: codes.dims, values };
  }
  return null;
}

function varint(number) {
  const out = [];
  do { out.push((number % 128) | (number >= 128 ? 0x80 : 0)); number = Math.floor(number / 128); } while (number);
  return out;
}

// A piece of the output is bytes to copy or {length, fill(view, at)}.
const bytesField = (field, parts) => [
  Uint8Array.from([...varint(field * 8 + WIRE.bytes), ...varint(parts.reduce((n, p) => n + p.length, 0))]), ...parts];

// A float32 TensorProto with raw_data, as a field of the graph.
const initializerField = (name, dims, values) => bytesField(GRAPH.initializer, [
  ...dims,
  Uint8Array.from([...varint(TENSOR.dataType * 8 + WIRE.varint), TYPE.float]),
  ...bytesField(TENSOR.name, [new TextEncoder().encode(name)]),
  ...bytesField(TENSOR.rawData, [values]),
]);

// The pieces, one after another, in one allocation.
function assemble(pieces) {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  const asView = new DataView(out.buffer);
  let at = 0;
  for (const p of pieces) {
    if (p instanceof Uint8Array) out.set(p, at);
    else p.fill(asView, at);
    at += p.length;
  }
  return out;
}

/** @returns {Uint8Array} the ONNX model with its compact weights folded back into float32 initializers (`model` itself when it has none) */
export function expandCompactWeights(model) {
  const bytes = new Uint8Array(model.buffer, model.byteOffset, model.byteLength);  // a plain view: Buffer's subarray is slow
  const graphField = fieldsOf(bytes, 0, bytes.length).find((f) => f.field === MODEL.graph && f.wire === WIRE.bytes);
  if (!graphField) return model;
  const graph = fieldsIn(bytes, graphField);
  const tensors = new Map(graph.filter((f) => f.field === GRAPH.initializer).map((f) => readTensor(bytes, f)).map((t) => [t.name, t]));
  const nodes = graph.filter((f) => f.field === GRAPH.node).map((f) => readNode(bytes, f));
  // Names the graph itself exposes stay as they are.
  const exposed = new Set(graph.filter((f) => f.field === GRAPH.input || f.field === GRAPH.output).map((f) => nameOf(bytes, f, VALUE_INFO.name)));

  const codeCasts = new Map(nodes.filter((n) => isCodesCast(n, tensors)).map((n) => [n.outputs[0], tensors.get(n.inputs[0])]));
  const folded = new Map(nodes.filter((n) => !exposed.has(n.outputs[0])).map((n) => [n, fold(n, tensors, codeCasts)]).filter(([, r]) => r));
  if (!folded.size) return model;

  // Code casts no remaining node reads go too; then every initializer only they read.
  const readBy = (list) => new Set([...exposed, ...list.flatMap((n) => n.inputs)]);
  const unfolded = nodes.filter((n) => !folded.has(n));
  const readByUnfolded = readBy(unfolded);
  const kept = unfolded.filter((n) => !(codeCasts.has(n.outputs[0]) && !readByUnfolded.has(n.outputs[0])));
  const stillRead = readBy(kept);
  const keptSet = new Set(kept);
  const removed = nodes.filter((n) => !keptSet.has(n));
  const orphans = new Set(removed.flatMap((n) => n.inputs).filter((name) => tensors.has(name) && !stillRead.has(name)));
  const dropped = new Set([...removed.map((n) => n.entry), ...[...orphans].map((name) => tensors.get(name).entry)]);

  const graphParts = graph.filter((f) => !dropped.has(f)).map((f) => bytes.subarray(f.from, f.to));
  for (const [node, { dims, values }] of folded) graphParts.push(...initializerField(node.outputs[0], dims, values));
  return assemble([bytes.subarray(0, graphField.from), ...bytesField(MODEL.graph, graphParts), bytes.subarray(graphField.to)]);
}
