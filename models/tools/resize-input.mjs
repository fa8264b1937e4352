// A fully convolutional ONNX graph on a larger square input. Convolutions do
// not care about the input size, but some exporters bake it into a few shape
// constants: BlazeFace (face_detection_back, 256 px) holds it in its channel
// pads (ConstantOfShape [1, C, H, W]) and in its head Reshapes ([1, anchors,
// values], anchors growing with the grid area). This scales exactly those,
// and the graph's input and output shapes, by to / from; anything it cannot
// account for is an error, so a graph it does not know is never half-resized.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * @param {Uint8Array} bytes ONNX model whose one input is [1, from, from, 3] (NHWC)
 * @param {number} to new side in pixels: a multiple of the graph's largest stride (32 for BlazeFace)
 * @returns {Uint8Array} the model with input [1, to, to, 3]
 */
export function resizeSquareInput(bytes, to) {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  const dims = (valueInfo) => valueInfo.type.tensorType.shape.dim;
  const [input] = graph.input.filter((i) => !graph.initializer.some((t) => t.name === i.name));
  const from = Number(dims(input)[1].dimValue);
  if (dims(input).length !== 4 || Number(dims(input)[2].dimValue) !== from || to % 32 || to <= from) {
    throw new Error(`resizeSquareInput: wants an NHWC square input and a larger side, a multiple of 32 (input ${from}, asked ${to})`);
  }
  const linear = (n) => (n * to) / from, area = (n) => (n * to * to) / (from * from);
  dims(input)[1].dimValue = to;
  dims(input)[2].dimValue = to;
  const initializers = new Map(graph.initializer.map((t) => [t.name, t]));
  const scaleConstant = (name, scale) => {
    const tensor = initializers.get(name);
    const values = int64Values(tensor).map((v, i) => scale(v, i));
    if (values.some((v) => !Number.isInteger(v))) throw new Error(`resizeSquareInput: ${name} does not scale to whole numbers`);
    tensor.rawData = new Uint8Array(BigInt64Array.from(values, BigInt).buffer);
    tensor.int64Data = [];
  };
  const anchorCounts = new Set();
  for (const node of graph.node) {
    if (node.opType === 'ConstantOfShape') scaleConstant(node.input[0], (v, i) => (i >= 2 ? linear(v) : v));
    if (node.opType === 'Reshape') {
      scaleConstant(node.input[1], (v, i) => (i === 1 ? area(v) : v));
      anchorCounts.add(int64Values(initializers.get(node.input[1]))[1]);
    }
  }
  for (const output of graph.output) {
    const count = area(Number(dims(output)[1].dimValue));
    if (!anchorCounts.has(count)) throw new Error(`resizeSquareInput: output ${output.name} comes from no resized Reshape`);
    dims(output)[1].dimValue = count;
  }
  graph.valueInfo = [];  // inferred shapes of the old size
  return onnx.ModelProto.encode(model).finish();
}

function int64Values(tensor) {
  if (!tensor || tensor.dataType !== onnx.TensorProto.DataType.INT64) throw new Error('resizeSquareInput: a shape is not an int64 initializer');
  if (tensor.rawData?.length) {
    const copy = Uint8Array.from(tensor.rawData);
    return Array.from(new BigInt64Array(copy.buffer), Number);
  }
  return tensor.int64Data.map((v) => (typeof v === 'object' ? v.toNumber() : Number(v)));
}
