// A fully convolutional ONNX graph whose input height and width are left
// free, so that a letterboxed image runs without its padding: a 4:3 photo in
// CenterNet's 512 px square is 384 rows of image and 128 of black (a 3:4 one
// 384 columns), and the padding costs a quarter of the run.
//
// Convolutions, pools and whole-number Resizes (written with scales by
// tfjs-to-onnx) do not depend on the input size. A graph's size shows up in:
// - flattened feature grids: the grid-sized Reshape dim becomes -1, and an
//   output's grid-sized dim (BlazeFace's anchor lists) unknown;
// - constants the converter folded from a tensor's shape (TF's Shape ->
//   StridedSlice, e.g. the grid width CenterNet's decoding divides by): the
//   card names them and they are computed at run time;
// - zeros concatenated as padding (BlazeFace's channel pads, ConstantOfShape
//   [1, C, H, W]): they become a Pad.
// What else may hold a size is refused, so such a graph is not half-freed: a
// Reshape target holding -1 beside a grid size, a second grid size, or a
// grid's side before it; any other ConstantOfShape; a Resize by sizes; an
// integer initializer or Constant equal to a grid's side. Not caught: sizes
// in float constants, and a grid side after the flattened dim ([1, C*H, W]
// reads like BlazeFace's [1, anchors, 16]). So each card that uses this
// needs a test like CenterNet's and BlazeFace's, which run the freed graph
// cut to real photos against the full square.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const { INT64, INT32, FLOAT } = onnx.TensorProto.DataType;

/**
 * @param {Uint8Array} bytes ONNX model with one NHWC input [1, H, W, C]
 * @param {object} options
 * @param {number} options.step the card's letterboxStep, which must be the
 *   network's largest stride (32 for MobileNet backbones) so that every size
 *   it is run at gives whole grids: H and W must be multiples of it, and a
 *   flattened grid then has a multiple of (H / step) x (W / step) cells
 * @param {{name: string, shapeOf: string, axis: number}[]} [options.sizeConstants]
 *   scalar integer initializers that hold dim `axis` of tensor `shapeOf`;
 *   each becomes Shape -> Gather -> Cast after the node making `shapeOf`
 * @returns {Uint8Array} the model with input [1, 'height', 'width', C]
 * @throws {Error} naming what holds a size this cannot free
 */
export function freeInputSize(bytes, { step, sizeConstants = [] }) {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  const fail = (what) => { throw new Error(`freeInputSize: ${what}`); };
  const dims = (valueInfo) => valueInfo.type.tensorType.shape.dim;
  const initializers = new Map(graph.initializer.map((t) => [t.name, t]));
  const [input, ...others] = graph.input.filter((i) => !initializers.has(i.name));
  if (!input || others.length) fail('wants a graph with exactly one input');
  const [height, width] = [1, 2].map((axis) => Number(dims(input)[axis]?.dimValue));
  if (dims(input).length !== 4 || !(height % step === 0 && width % step === 0)) {
    fail(`wants an NHWC input whose height and width are multiples of ${step} (input ${input.name})`);
  }
  const coarsestCells = (height / step) * (width / step);
  const isGridSized = (n) => n >= coarsestCells && n % coarsestCells === 0;
  // A grid's own rows or columns: input side / stride.
  const sides = new Set();
  for (let stride = 1; stride <= step; stride *= 2) sides.add(height / stride).add(width / stride);

  for (const constant of sizeConstants) computeAtRunTime(graph, initializers, constant, sides, fail);
  padChannelsWithoutShapes(graph, initializers, sides);  // their shapes, now unread, are dropped below
  const reshapeTargets = new Set();
  for (const node of graph.node) {
    if (node.opType === 'ConstantOfShape') fail(`ConstantOfShape ${node.name} may hold the input size`);
    if (node.opType === 'Resize' && node.input[3]) fail(`Resize ${node.name} is by sizes, not scales`);
    if (node.opType === 'Reshape') {
      freeGridDim(initializers.get(node.input[1]), isGridSized, sides, fail);
      reshapeTargets.add(node.input[1]);
    }
  }
  // Initializers no node reads (BlazeFace ships two; the rewrites above leave
  // some) make ORT warn as it drops them, and hold no size a run would use.
  const read = new Set(graph.node.flatMap((n) => n.input));
  graph.initializer = graph.initializer.filter((t) => read.has(t.name));
  graph.input = graph.input.filter((i) => read.has(i.name) || i === input);
  const constantNodes = graph.node.filter((n) => n.opType === 'Constant').map((n) => ({ ...n.attribute.find((a) => a.name === 'value')?.t, name: n.output[0] }));
  for (const tensor of [...graph.initializer, ...constantNodes]) {
    if (!reshapeTargets.has(tensor.name) && isInteger(tensor) && integers(tensor).some((v) => sides.has(v))) {
      fail(`integer constant ${tensor.name} [${integers(tensor)}] equals a grid's side: name it in sizeConstants if it is one`);
    }
  }
  // An output with a flattened grid (BlazeFace's anchors) gets an unknown dim there.
  for (const output of graph.output) {
    dims(output).forEach((d, axis) => { if (isGridSized(Number(d.dimValue))) dims(output)[axis] = {}; });
  }
  dims(input)[1] = { dimParam: 'height' };
  dims(input)[2] = { dimParam: 'width' };
  graph.valueInfo = [];  // shapes inferred at the fixed size
  return onnx.ModelProto.encode(model).finish();
}

const int64Bytes = (values) => new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer);
const isInteger = (tensor) => tensor.dataType === INT64 || tensor.dataType === INT32;
const integers = (tensor) => {
  const raw = Uint8Array.from(tensor.rawData ?? []);
  if (raw.length) return Array.from(tensor.dataType === INT64 ? new BigInt64Array(raw.buffer) : new Int32Array(raw.buffer), Number);
  return Array.from(tensor.dataType === INT64 ? tensor.int64Data : tensor.int32Data, Number);
};

// A scalar integer initializer replaced by the same value read from a tensor's shape at run time.
function computeAtRunTime(graph, initializers, { name, shapeOf, axis }, sides, fail) {
  const constant = initializers.get(name);
  if (!constant || !isInteger(constant) || constant.dims.length) fail(`sizeConstants: ${name} is not a scalar integer initializer`);
  if (!sides.has(integers(constant)[0])) fail(`sizeConstants: ${name} (${integers(constant)[0]}) is no grid side`);
  const producer = graph.node.findIndex((n) => n.output.includes(shapeOf));
  if (producer < 0) fail(`sizeConstants: no node makes ${shapeOf}`);
  const axisName = `${name}/axis`;
  const nodes = [
    { opType: 'Shape', name: `${name}/shape`, input: [shapeOf], output: [`${name}/shape`] },
    { opType: 'Gather', name: `${name}/gather`, input: [`${name}/shape`, axisName], output: [`${name}/int64`], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
    { opType: 'Cast', name: `${name}/cast`, input: [`${name}/int64`], output: [name], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: constant.dataType }] },
  ];
  graph.node.splice(producer + 1, 0, ...nodes.map((n) => onnx.NodeProto.create(n)));
  graph.initializer.splice(graph.initializer.indexOf(constant), 1,
    onnx.TensorProto.create({ name: axisName, dataType: INT64, dims: [], rawData: int64Bytes([axis]) }));
}

// The one grid-sized dim of a Reshape's target shape (a flattened grid)
// becomes -1. A target that also holds -1, a second grid-sized dim, or a grid
// side before the grid-sized dim (an unflattened grid, or one flattened with
// a fixed height) is refused; a value after it is what each cell holds
// (BlazeFace's [1, anchors, 16]).
function freeGridDim(shape, isGridSized, sides, fail) {
  if (!shape || shape.dataType !== INT64 || !shape.rawData?.length) fail('a Reshape target is not a raw int64 initializer');
  const values = integers(shape);
  const grid = values.findIndex(isGridSized);
  const sideAt = values.findIndex((v) => sides.has(v));
  if (grid < 0 && sideAt < 0) return;
  if (grid < 0 || values.filter(isGridSized).length > 1 || (sideAt >= 0 && sideAt < grid) || values.includes(-1)) {
    fail(`Reshape target ${shape.name} [${values}] has no single dim to free`);
  }
  shape.rawData = int64Bytes(values.map((v, i) => (i === grid ? -1 : v)));
}

// Zeros concatenated along one axis (BlazeFace's channel pads:
// Concat(x, ConstantOfShape [1, C, H, W])) become Pad(x) by C on that axis:
// the same tensor, with no H and W in the graph. Concat already requires the
// zeros' other dims to be x's.
function padChannelsWithoutShapes(graph, initializers, sides) {
  const consumers = (name) => graph.node.filter((n) => n.input.includes(name));
  for (const zeros of graph.node.filter((n) => n.opType === 'ConstantOfShape')) {
    const shape = initializers.get(zeros.input[0]);
    const [concat, ...more] = consumers(zeros.output[0]);
    const value = zeros.attribute.find((a) => a.name === 'value')?.t;
    const zero = !value || (value.dataType === FLOAT && [...new Float32Array(Uint8Array.from(value.rawData ?? []).buffer), ...(value.floatData ?? [])].every((v) => v === 0));
    if (!shape || !isInteger(shape) || more.length || concat?.opType !== 'Concat' || concat.input.length !== 2 || !zero) continue;
    const dims = integers(shape);
    const axis = (Number(concat.attribute.find((a) => a.name === 'axis')?.i ?? 0) + dims.length) % dims.length;
    if (!dims.some((d, i) => i !== axis && sides.has(d))) continue;
    const after = concat.input[1] === zeros.output[0];
    const pads = dims.map(() => 0).concat(dims.map(() => 0));
    pads[after ? dims.length + axis : axis] = dims[axis];
    const padsName = `${concat.output[0]}/pads`;
    graph.initializer.push(onnx.TensorProto.create({ name: padsName, dataType: INT64, dims: [pads.length], rawData: int64Bytes(pads) }));
    const x = concat.input[after ? 0 : 1];
    graph.node.splice(graph.node.indexOf(concat), 1, onnx.NodeProto.create({ opType: 'Pad', name: concat.name || `${concat.output[0]}/pad`, input: [x, padsName], output: concat.output }));
    graph.node.splice(graph.node.indexOf(zeros), 1);
  }
}
