// A small ONNX graph builder on top of onnx-proto (protobufjs static code).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;
export const ONNX_DTYPE = { float32: DataType.FLOAT, int32: DataType.INT32, int64: DataType.INT64, bool: DataType.BOOL, uint8: DataType.UINT8 };

/** Marks a number as a float attribute (plain numbers are written as ints). */
export const floatAttr = (value) => ({ float: value });

export class OnnxGraphBuilder {
  constructor() {
    this.nodes = [];
    this.initializers = [];
    this.inputs = [];
    this.outputs = [];
    this.usedNames = new Set();
  }

  /** A name not used before, derived from base (deterministic). */
  uniqueName(base) {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  addNode(opType, inputs, outputs, attributes = {}) {
    this.nodes.push({
      opType,
      name: outputs[0],
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).filter(([, v]) => v !== undefined).map(([k, v]) => toAttribute(k, v)),
    });
    return outputs;
  }

  addInitializer(name, dtype, dims, data) {
    const bytes = toLittleEndianBytes(dtype, data);
    this.initializers.push({ name, dataType: ONNX_DTYPE[dtype], dims, rawData: bytes });
    return name;
  }

  addInput(name, dtype, dims) { this.inputs.push(valueInfo(name, dtype, dims)); }

  addOutput(name, dtype, dims) { this.outputs.push(valueInfo(name, dtype, dims)); }

  /** Serialises the model. Same graph in, same bytes out. */
  toBytes({ graphName, opset, producer, docString }) {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: producer,
      docString,
      opsetImport: [{ domain: '', version: opset }],
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name, dtype, dims) {
  return {
    name,
    type: { tensorType: { elemType: ONNX_DTYPE[dtype], shape: { dim: dims.map((d) => (d >= 0 ? { dimValue: d } : { dimParam: 'batch' })) } } },
  };
}

function toAttribute(name, value) {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return { name, type: A.INT, i: value };
  if (Array.isArray(value)) return { name, type: A.INTS, ints: value };
  if (value && typeof value.float === 'number') return { name, type: A.FLOAT, f: value.float };
  throw new Error(`attribute ${name}: unsupported value ${JSON.stringify(value)}`);
}

function toLittleEndianBytes(dtype, data) {
  const count = data.length;
  switch (dtype) {
    case 'float32': return writeEach(count, 4, (v, i) => v.setFloat32(4 * i, data[i], true));
    case 'int32': return writeEach(count, 4, (v, i) => v.setInt32(4 * i, data[i], true));
    case 'int64': return writeEach(count, 8, (v, i) => v.setBigInt64(8 * i, BigInt(data[i]), true));
    case 'bool':
    case 'uint8': return Uint8Array.from(data, (x) => (dtype === 'bool' ? (x ? 1 : 0) : x));
    default: throw new Error(`initializer dtype ${dtype} is not supported`);
  }
}

function writeEach(count, width, write) {
  const bytes = new Uint8Array(count * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) write(view, i);
  return bytes;
}
