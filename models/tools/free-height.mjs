// A fully convolutional ONNX graph whose input height is left free, so that
// a letterboxed image that is wider than high runs without its bottom
// padding: a 4:3 photo in CenterNet's 512 px square is 384 rows of image and
// 128 of black, and those 128 rows cost a quarter of the run.
//
// Convolutions, pools and whole-number Resizes (written with scales by
// tfjs-to-onnx) do not depend on the input size; a graph's size shows up only
// where a flattened feature grid is reshaped. Those Reshape dims become -1.
// A Reshape target that may hold the grid in another way (a grid's side, a
// -1 beside a grid size), a Resize by sizes, ConstantOfShape and an output
// with a grid-sized dim are errors, so a graph this does not understand is
// not half-freed. Sizes in other constants (Slice ends, Pad amounts) are not
// inspected: a card that uses this needs a test like CenterNet's, which runs
// the freed graph at two heights against the source. The width stays fixed: CenterNet's in-graph
// decoding divides cell indices by the grid width.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const INT64 = onnx.TensorProto.DataType.INT64;

/**
 * @param {Uint8Array} bytes ONNX model with one NHWC input [1, S, W, 3]
 * @param {number} step the card's letterboxHeightStep, which must be the
 *   network's largest stride (32 for MobileNet backbones) so that every
 *   height it is run at gives whole grids: the input's height and width must
 *   be multiples of it, and a flattened grid then has a multiple of
 *   (S / step) x (W / step) cells
 * @returns {Uint8Array} the model with input [1, 'height', W, 3]
 */
export function freeInputHeight(bytes, step) {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  const fail = (what) => { throw new Error(`freeInputHeight: ${what}`); };
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
  // A grid's own rows or columns (input side / stride) in a target can only be an unflattened grid.
  const sides = new Set();
  for (let stride = 1; stride <= step; stride *= 2) sides.add(height / stride).add(width / stride);

  for (const node of graph.node) {
    if (node.opType === 'ConstantOfShape') fail(`ConstantOfShape ${node.name} may hold the input size`);
    if (node.opType === 'Resize' && node.input[3]) fail(`Resize ${node.name} is by sizes, not scales`);
    if (node.opType === 'Reshape') freeGridDim(initializers.get(node.input[1]), isGridSized, sides, fail);
  }
  for (const output of graph.output) {
    if (dims(output).some((d) => isGridSized(Number(d.dimValue)))) fail(`output ${output.name} has a size that depends on the input's`);
  }
  dims(input)[1] = { dimParam: 'height' };
  graph.valueInfo = [];  // shapes inferred at the fixed height
  return onnx.ModelProto.encode(model).finish();
}

// The one grid-sized dim of a Reshape's target shape (a flattened grid)
// becomes -1. A target that also holds -1, a grid side or a second grid-sized
// dim (an unflattened grid, or one flattened with a fixed height) is refused.
function freeGridDim(shape, isGridSized, sides, fail) {
  if (!shape || shape.dataType !== INT64 || !shape.rawData?.length) fail('a Reshape target is not a raw int64 initializer');
  const values = Array.from(new BigInt64Array(Uint8Array.from(shape.rawData).buffer), Number);
  const grid = values.filter(isGridSized).length;
  const gridSides = values.filter((v) => sides.has(v)).length;
  if (!grid && !gridSides) return;
  if (grid !== 1 || gridSides || values.includes(-1)) fail(`Reshape target ${shape.name} [${values}] has no single dim to free`);
  shape.rawData = new Uint8Array(BigInt64Array.from(values, (v) => BigInt(isGridSized(v) ? -1 : v)).buffer);
}
