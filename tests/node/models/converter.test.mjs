// Op-by-op checks of the TFJS -> ONNX converter: each case is a tiny graph
// run by tfjs (cpu) and by ONNX Runtime on the converted model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { attr, compareArrays, runBothWays, seededValues, writeTinyGraph } from './helpers.mjs';
import { readGraphModelFiles } from '../../../models/tools/tfjs-graph.mjs';
import { convertGraphModel } from '../../../models/tools/tfjs-to-onnx.mjs';
import onnxProto from 'onnx-proto';

const int32 = attr.type('DT_INT32');
const size = (shape) => shape.reduce((a, b) => a * b, 1);
const weight = (name, shape, seed, extra = {}) => ({ name, shape, values: seededValues(size(shape), seed), ...extra });
const intConst = (name, values, shape = [values.length]) => ({ name, shape, values, dtype: 'int32' });
const window = (strides, padding) => ({ strides: attr.ints(strides), padding: attr.str(padding), data_format: attr.str('NHWC'), dilations: attr.ints([1, 1, 1, 1]) });
const fused = (ops, extra = {}) => ({ fused_ops: attr.strs(ops), num_args: attr.int(1), ...extra });
const slice = (masks) => Object.fromEntries(['begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'].map((k) => [k, attr.int(masks[k] ?? 0)]));

// x resized to `size` in each of TF's three coordinate modes.
const resizeBilinearCase = (shape, size) => ({
  inputs: [{ name: 'x', shape }],
  consts: [intConst('size', size)],
  nodes: [[false, false], [true, false], [false, true]].map(([alignCorners, halfPixel], i) => ({
    name: i ? `y${i}` : 'y', op: 'ResizeBilinear', input: ['x', 'size'],
    attr: { align_corners: attr.bool(alignCorners), half_pixel_centers: attr.bool(halfPixel) },
  })),
  outputs: ['y', 'y1', 'y2'],
});

/** name -> { inputs, consts, nodes, outputs } */
const UPSAMPLE_CASE = 'resize bilinear by whole factors (written as scales): asymmetric, align_corners, half_pixel_centers';
const CASES = {
  'fused conv SAME stride 2 + relu6 (odd size)': {
    inputs: [{ name: 'x', shape: [1, 9, 9, 3] }],
    consts: [weight('w', [3, 3, 3, 4], 2), weight('b', [4], 3)],
    nodes: [{ name: 'y', op: '_FusedConv2D', input: ['x', 'w', 'b'], attr: { ...window([1, 2, 2, 1], 'SAME'), ...fused(['BiasAdd', 'Relu6']) } }],
  },
  'fused conv VALID stride 2 + bias + relu': {
    inputs: [{ name: 'x', shape: [1, 10, 8, 3] }],
    consts: [weight('w', [3, 2, 3, 5], 4), weight('b', [5], 5)],
    nodes: [{ name: 'y', op: '_FusedConv2D', input: ['x', 'w', 'b'], attr: { ...window([1, 2, 2, 1], 'VALID'), ...fused(['BiasAdd', 'Relu']) } }],
  },
  'fused conv + leaky relu, plain Conv2D': {
    inputs: [{ name: 'x', shape: [1, 6, 6, 2] }],
    consts: [weight('w', [1, 1, 2, 3], 6), weight('b', [3], 7), weight('w2', [3, 3, 3, 2], 8)],
    nodes: [
      { name: 'c', op: '_FusedConv2D', input: ['x', 'w', 'b'], attr: { ...window([1, 1, 1, 1], 'SAME'), ...fused(['BiasAdd', 'LeakyRelu'], { leakyrelu_alpha: attr.float(0.1) }) } },
      { name: 'y', op: 'Conv2D', input: ['c', 'w2'], attr: window([1, 1, 1, 1], 'SAME') },
    ],
  },
  'depthwise SAME stride 2 (multiplier 2) and fused depthwise': {
    inputs: [{ name: 'x', shape: [1, 7, 7, 3] }],
    consts: [weight('w', [3, 3, 3, 2], 9), weight('w2', [5, 5, 6, 1], 10), weight('b', [6], 11)],
    nodes: [
      { name: 'd', op: 'DepthwiseConv2dNative', input: ['x', 'w'], attr: window([1, 2, 2, 1], 'SAME') },
      { name: 'y', op: 'FusedDepthwiseConv2dNative', input: ['d', 'w2', 'b'], attr: { ...window([1, 1, 1, 1], 'SAME'), ...fused(['BiasAdd', 'Relu']) } },
    ],
  },
  'fp16 weights': {
    inputs: [{ name: 'x', shape: [1, 5, 5, 2] }],
    consts: [weight('w', [3, 3, 2, 3], 12, { quantize: 'float16' }), weight('b', [3], 13, { quantize: 'float16' })],
    nodes: [{ name: 'y', op: '_FusedConv2D', input: ['x', 'w', 'b'], attr: { ...window([1, 1, 1, 1], 'SAME'), ...fused(['BiasAdd']) } }],
  },
  'uint8 min/scale quantized weights': {
    inputs: [{ name: 'x', shape: [1, 5, 5, 2] }],
    consts: [weight('w', [3, 3, 2, 3], 14, { quantize: 'uint8' }), weight('b', [3], 15, { quantize: 'uint8' })],
    nodes: [{ name: 'y', op: '_FusedConv2D', input: ['x', 'w', 'b'], attr: { ...window([1, 1, 1, 1], 'SAME'), ...fused(['BiasAdd', 'Relu6']) } }],
  },
  'matmul: fused with transpose_b + bias + relu, and plain': {
    inputs: [{ name: 'x', shape: [2, 6] }],
    consts: [weight('w', [4, 6], 16), weight('b', [4], 17), weight('w2', [4, 3], 18)],
    nodes: [
      { name: 'h', op: '_FusedMatMul', input: ['x', 'w', 'b'], attr: { transpose_a: attr.bool(false), transpose_b: attr.bool(true), ...fused(['BiasAdd', 'Relu']) } },
      { name: 'y', op: 'MatMul', input: ['h', 'w2'], attr: { transpose_a: attr.bool(false), transpose_b: attr.bool(false) } },
    ],
  },
  'resize bilinear: asymmetric, align_corners, half_pixel_centers': resizeBilinearCase([1, 5, 7, 2], [9, 4]),
  [UPSAMPLE_CASE]: resizeBilinearCase([1, 3, 4, 2], [6, 12]),
  'strided slice: masks, negative stride, shrink, ellipsis (on an NCHW-held tensor)': {
    inputs: [{ name: 'x', shape: [1, 6, 8, 4] }],
    consts: [
      weight('w', [1, 1, 4, 4], 19),
      intConst('b0', [0, 1, -1, 1]), intConst('e0', [0, 5, 0, 3]), intConst('s0', [1, 2, -2, 1]),
      intConst('b1', [0, 2]), intConst('e1', [0, 3]), intConst('s1', [1, 1]),
    ],
    nodes: [
      { name: 'c', op: 'Conv2D', input: ['x', 'w'], attr: window([1, 1, 1, 1], 'SAME') },
      { name: 'y', op: 'StridedSlice', input: ['c', 'b0', 'e0', 's0'], attr: { Index: int32, ...slice({ begin_mask: 1, end_mask: 5 }) } },
      { name: 'y1', op: 'StridedSlice', input: ['c', 'b1', 'e1', 's1'], attr: { Index: int32, ...slice({ ellipsis_mask: 1, shrink_axis_mask: 2 }) } },
    ],
    outputs: ['y', 'y1'],
  },
  'pools SAME/VALID, mean, concat, pad, depth-to-space, softmax': {
    inputs: [{ name: 'x', shape: [1, 7, 7, 4] }],
    consts: [
      weight('w', [1, 1, 4, 4], 20), intConst('axes', [1, 2]), intConst('axis', [3], []), intConst('pads', [0, 0, 1, 2, 0, 1, 0, 0], [4, 2]),
    ],
    nodes: [
      { name: 'c', op: 'Conv2D', input: ['x', 'w'], attr: window([1, 1, 1, 1], 'SAME') },
      { name: 'mp', op: 'MaxPool', input: ['c'], attr: { ...window([1, 2, 2, 1], 'SAME'), ksize: attr.ints([1, 3, 3, 1]) } },
      { name: 'ap', op: 'AvgPool', input: ['c'], attr: { ...window([1, 2, 2, 1], 'SAME'), ksize: attr.ints([1, 3, 3, 1]) } },
      { name: 'mean', op: 'Mean', input: ['c', 'axes'], attr: { keep_dims: attr.bool(true), Tidx: int32 } },
      { name: 'scaled', op: 'Mul', input: ['mp', 'mean'] },
      { name: 'cat', op: 'ConcatV2', input: ['scaled', 'ap', 'axis'], attr: { N: attr.int(2), Tidx: int32 } },
      { name: 'padded', op: 'Pad', input: ['cat', 'pads'], attr: { Tpaddings: int32 } },
      { name: 'd2s', op: 'DepthToSpace', input: ['padded'], attr: { block_size: attr.int(2), data_format: attr.str('NHWC') } },
      { name: 'y', op: 'Softmax', input: ['d2s'] },
    ],
  },
  'NCHW input with transposes (nanodet style), split, leaky relu, reshape': {
    inputs: [{ name: 'x', shape: [1, 4, 6, 6] }],
    consts: [weight('w', [3, 3, 4, 6], 21), intConst('toNhwc', [0, 2, 3, 1]), intConst('toNchw', [0, 3, 1, 2]), intConst('sizes', [2, -1]), intConst('axis', [1], []), intConst('shape', [1, -1])],
    nodes: [
      { name: 't', op: 'Transpose', input: ['x', 'toNhwc'], attr: { Tperm: int32 } },
      { name: 'c', op: 'Conv2D', input: ['t', 'w'], attr: window([1, 1, 1, 1], 'SAME') },
      { name: 'l', op: 'LeakyRelu', input: ['c'], attr: { alpha: attr.float(0.1) } },
      { name: 'back', op: 'Transpose', input: ['l', 'toNchw'], attr: { Tperm: int32 } },
      { name: 'split', op: 'SplitV', input: ['back', 'sizes', 'axis'], attr: { num_split: attr.int(2), Tlen: int32 } },
      { name: 'y', op: 'Reshape', input: ['split:1', 'shape'], attr: { Tshape: int32 } },
      { name: 'y1', op: 'Sigmoid', input: ['split'] },
    ],
    outputs: ['y', 'y1'],
  },
  'topk + floordiv/floormod on indices + gather + cast + expand dims': {
    inputs: [{ name: 'x', shape: [1, 24] }],
    consts: [intConst('k', [5], []), intConst('three', [3], []), intConst('zero', [0], []), intConst('flat', [-1]), intConst('dim', [-1], [])],
    nodes: [
      { name: 'top', op: 'TopKV2', input: ['x', 'k'], attr: { sorted: attr.bool(true) } },
      { name: 'div', op: 'FloorDiv', input: ['top:1', 'three'], attr: { T: int32 } },
      { name: 'mod', op: 'FloorMod', input: ['top:1', 'three'], attr: { T: int32 } },
      { name: 'xf', op: 'Reshape', input: ['x', 'flat'], attr: { Tshape: int32 } },
      { name: 'g', op: 'GatherV2', input: ['xf', 'div', 'zero'], attr: { Tparams: attr.type('DT_FLOAT'), Tindices: int32, Taxis: int32, batch_dims: attr.int(0) } },
      { name: 'modf', op: 'Cast', input: ['mod'], attr: { SrcT: int32, DstT: attr.type('DT_FLOAT') } },
      { name: 'sum', op: 'AddV2', input: ['g', 'modf'] },
      { name: 'y', op: 'ExpandDims', input: ['sum', 'dim'], attr: { Tdim: int32 } },
      { name: 'y1', op: 'Identity', input: ['top'] },
    ],
    outputs: ['y', 'y1'],
  },
  'element-wise: abs, maximum, minimum, rsqrt, square, sum, squeeze, sub, equal': {
    inputs: [{ name: 'x', shape: [1, 3, 3, 4] }],
    consts: [weight('w', [1, 1, 4, 4], 22), weight('v', [4], 23), intConst('axes', [3]), intConst('hw', [1, 2])],
    nodes: [
      { name: 'c', op: 'Conv2D', input: ['x', 'w'], attr: window([1, 1, 1, 1], 'SAME') },
      { name: 'a', op: 'Abs', input: ['c'] },
      { name: 'mx', op: 'Maximum', input: ['a', 'v'] },
      { name: 'mn', op: 'Minimum', input: ['mx', 'c'] },
      { name: 'sq', op: 'Square', input: ['mn'] },
      { name: 'sum', op: 'Sum', input: ['sq', 'axes'], attr: { keep_dims: attr.bool(true), Tidx: int32 } },
      { name: 'r', op: 'Rsqrt', input: ['sum'] },
      { name: 'd', op: 'Sub', input: ['c', 'r'] },
      { name: 'm', op: 'Mean', input: ['d', 'hw'], attr: { keep_dims: attr.bool(true), Tidx: int32 } },
      { name: 'y', op: 'Squeeze', input: ['m'], attr: { squeeze_dims: attr.ints([1, 2]) } },
      { name: 'eq', op: 'Equal', input: ['mx', 'a'], attr: { incompatible_shape_error: attr.bool(true) } },
      { name: 'y1', op: 'Cast', input: ['eq'], attr: { SrcT: attr.type('DT_BOOL'), DstT: attr.type('DT_FLOAT') } },
    ],
    outputs: ['y', 'y1'],
  },
  'sparse-to-dense folds; PadV2, relu6, relu and a non-constant pack': {
    inputs: [{ name: 'x', shape: [1, 3, 3, 2] }],
    consts: [
      intConst('idx', [1, 0, 1, 1, 2, 1], [3, 2]), intConst('dense', [4, 2]), intConst('one', [1], []), intConst('zero', [0], []),
      { name: 'fill', shape: [], values: [-0.5] },
    ],
    nodes: [
      { name: 'pads', op: 'SparseToDense', input: ['idx', 'dense', 'one', 'zero'], attr: { Tindices: int32, T: int32, validate_indices: attr.bool(true) } },
      { name: 'padded', op: 'PadV2', input: ['x', 'pads', 'fill'], attr: { Tpaddings: int32 } },
      { name: 'r6', op: 'Relu6', input: ['padded'] },
      { name: 'r', op: 'Relu', input: ['padded'] },
      { name: 'y', op: 'Pack', input: ['r6', 'r'], attr: { N: attr.int(2), axis: attr.int(1) } },
    ],
  },
  'shape/strided slice/pack fold to constants (facemesh style)': {
    inputs: [{ name: 'x', shape: [1, 4, 4, 8] }],
    consts: [intConst('b', [0]), intConst('e', [1]), intConst('s', [1]), intConst('two', [2], []), intConst('eight', [8], []), intConst('minus', [-1], [])],
    nodes: [
      { name: 'shape', op: 'Shape', input: ['x'], attr: { out_type: int32 } },
      { name: 'batch', op: 'StridedSlice', input: ['shape', 'b', 'e', 's'], attr: { Index: int32, T: int32, ...slice({ shrink_axis_mask: 1 }) } },
      { name: 'target', op: 'Pack', input: ['batch', 'minus', 'eight'], attr: { N: attr.int(3), T: int32, axis: attr.int(0) } },
      { name: 'y', op: 'Reshape', input: ['x', 'target'], attr: { Tshape: int32 } },
    ],
  },
};

function feedsFor(inputs) {
  return Object.fromEntries(inputs.map(({ name, shape }, i) => [name, { data: Float32Array.from(seededValues(size(shape), 100 + i, -2, 2)), dims: shape }]));
}

for (const [name, spec] of Object.entries(CASES)) {
  test(`converter: ${name}`, async () => {
    const dir = writeTinyGraph(spec);
    const outputs = spec.outputs ?? ['y'];
    for (const result of await runBothWays(dir, feedsFor(spec.inputs), outputs)) {
      assert.deepEqual(result.onnx.dims.map(Number), result.tfjs.dims, `${result.name} shape`);
      const diff = compareArrays(result.onnx.data, result.tfjs.data, 1e-4);
      assert.equal(diff.failures, 0, `${result.name}: ${diff.failures}/${diff.count} elements off, max abs ${diff.maxAbs}`);
    }
  });
}

test('converter: an unsupported op stops conversion with its name', () => {
  const dir = writeTinyGraph({
    inputs: [{ name: 'x', shape: [1, 4] }],
    nodes: [{ name: 'y', op: 'Erfinv', input: ['x'] }],
  });
  const model = readGraphModelFiles(path.join(dir, 'model.json'));
  assert.throws(() => convertGraphModel(model, { outputs: ['y'] }), /unsupported TF op "Erfinv"/);
});

test('converter: same model in, same bytes out', () => {
  const dir = writeTinyGraph(CASES['fused conv SAME stride 2 + relu6 (odd size)']);
  const model = readGraphModelFiles(path.join(dir, 'model.json'));
  assert.deepEqual(convertGraphModel(model, { outputs: ['y'] }), convertGraphModel(model, { outputs: ['y'] }));
});

test('converter: a whole-number upsampling is a Resize by scales, other sizes by sizes', () => {
  const resizeInputs = (spec) => {
    const model = readGraphModelFiles(path.join(writeTinyGraph(spec), 'model.json'));
    const { graph } = onnxProto.onnx.ModelProto.decode(convertGraphModel(model, { outputs: spec.outputs }));
    return graph.node.filter((n) => n.opType === 'Resize').map((n) => n.input.slice(2).map(Boolean));
  };
  // Resize's [scales, sizes] inputs present: scales leave no spatial size in the graph (tools/free-size.mjs needs that).
  assert.deepEqual(resizeInputs(CASES[UPSAMPLE_CASE]), [[true], [true], [true]]);
  assert.deepEqual(resizeInputs(resizeBilinearCase([1, 5, 7, 2], [9, 4])), Array(3).fill([false, true]));
});
