// One converter per TF op: (context, node, inputValues) -> output Values.
// See tfjs-to-onnx.mjs for what a Value's `perm` means.
import { attrBool, attrDtype, attrFloat, attrInt, attrInts, attrString, attrStrings } from './tf-attrs.mjs';
import { floatAttr, ONNX_DTYPE } from './onnx-writer.mjs';
import {
  broadcastBinary, broadcastShapes, concatData, identityPerm, invertPerm, resolveStridedSlice, sizeOf,
  stridedSliceData, transposeData,
} from './tensor-math.mjs';

const NCHW = [0, 3, 1, 2];
const TYPED = { float32: Float32Array, int32: Int32Array, bool: Uint8Array };

// ---------------------------------------------------------------- helpers

function fail(node, message) {
  throw new Error(`${node.op} ${node.name}: ${message}`);
}

function constData(node, value, what) {
  if (!value || !value.data) fail(node, `${what} must be a constant`);
  return Array.from(value.data);
}

const normalizeAxis = (axis, rank) => (axis < 0 ? axis + rank : axis);

/** Physical axis of a logical axis under perm. */
const physicalAxis = (perm, axis) => (perm ? perm.indexOf(axis) : axis);

/** Perm left after dropping logical `axes` (e.g. reduce without keep_dims, squeeze). */
function permAfterDropping(perm, axes) {
  if (!perm) return null;
  const kept = perm.filter((a) => !axes.includes(a));
  const renumber = [...kept].sort((a, b) => a - b);
  return kept.map((a) => renumber.indexOf(a));
}

/**
 * Picks the layout an n-ary element-wise op runs in: the perm of its
 * first permuted operand when every non-constant operand has that rank
 * (constants are re-laid out for free), else the logical layout.
 */
function sharedPerm(values) {
  const variables = values.filter((v) => !v.data);
  const rank = Math.max(...values.map((v) => v.shape.length));
  const permuted = variables.find((v) => v.perm && v.shape.length === rank);
  if (!permuted || variables.some((v) => v.shape.length !== rank)) return { perm: null, rank };
  return { perm: permuted.perm, rank };
}

function namesIn(ctx, values, perm, rank) {
  return values.map((v) => ctx.nameAs(v, perm, perm ? rank : v.shape.length));
}

const DTYPE_CONVERT = { float32: Math.fround, int32: (x) => x | 0, bool: (x) => (x ? 1 : 0) };

// ---------------------------------------------------------------- element-wise

function elementwise(onnxOp, outDtype) {
  return (ctx, node, inputs) => {
    const { perm, rank } = sharedPerm(inputs);
    const shape = inputs.map((v) => v.shape).reduce(broadcastShapes);
    const [name] = ctx.emit(onnxOp, namesIn(ctx, inputs, perm, rank), {}, node.name);
    return [ctx.result(name, shape, outDtype || inputs[0].dtype, perm)];
  };
}

/** TF FloorDiv / FloorMod: floor semantics for ints and floats alike. */
function floorDivision(kind) {
  return (ctx, node, inputs) => {
    const { perm, rank } = sharedPerm(inputs);
    const [a, b] = namesIn(ctx, inputs, perm, rank);
    const shape = broadcastShapes(inputs[0].shape, inputs[1].shape);
    const base = node.name;
    let out;
    if (inputs[0].dtype === 'float32') {
      const [quotient] = ctx.emit('Floor', ctx.emit('Div', [a, b], {}, `${base}/div`), {}, kind === 'div' ? base : `${base}/floor`);
      out = kind === 'div' ? quotient : ctx.emit('Sub', [a, ctx.emit('Mul', [quotient, b], {}, `${base}/mul`)[0]], {}, base)[0];
    } else {
      // Integer Mod with fmod=0 takes the divisor's sign (= floor mod); a - mod is an exact multiple of b.
      const [mod] = ctx.emit('Mod', [a, b], { fmod: 0 }, kind === 'mod' ? base : `${base}/mod`);
      out = kind === 'mod' ? mod : ctx.emit('Div', [ctx.emit('Sub', [a, mod], {}, `${base}/sub`)[0], b], {}, base)[0];
    }
    return [ctx.result(out, shape, inputs[0].dtype, perm)];
  };
}

function unary(onnxOp, attributes = () => ({})) {
  return (ctx, node, [x]) => {
    const [name] = ctx.emit(onnxOp, [ctx.nameAs(x, x.perm)], attributes(node), node.name);
    return [ctx.result(name, x.shape, x.dtype, x.perm)];
  };
}

function relu6(ctx, node, [x]) {
  const name = clip(ctx, ctx.nameAs(x, x.perm), node.name, 0, 6);
  return [ctx.result(name, x.shape, x.dtype, x.perm)];
}

function clip(ctx, input, base, min, max) {
  return ctx.emit('Clip', [input, ctx.scalar(`${base}/min`, 'float32', min), ctx.scalar(`${base}/max`, 'float32', max)], {}, base)[0];
}

function square(ctx, node, [x]) {
  const input = ctx.nameAs(x, x.perm);
  const [name] = ctx.emit('Mul', [input, input], {}, node.name);
  return [ctx.result(name, x.shape, x.dtype, x.perm)];
}

function rsqrt(ctx, node, [x]) {
  const [root] = ctx.emit('Sqrt', [ctx.nameAs(x, x.perm)], {}, `${node.name}/sqrt`);
  const [name] = ctx.emit('Reciprocal', [root], {}, node.name);
  return [ctx.result(name, x.shape, x.dtype, x.perm)];
}

function cast(ctx, node, [x]) {
  const dtype = attrDtype(node, 'DstT');
  const [name] = ctx.emit('Cast', [ctx.nameAs(x, x.perm)], { to: ONNX_DTYPE[dtype] }, node.name);
  return [ctx.result(name, x.shape, dtype, x.perm)];
}

// ---------------------------------------------------------------- conv / pool

/** TF activation fused after a conv/matmul, applied to an ONNX tensor. */
function applyActivation(ctx, node, input, activation, extraArgs, perm, rank) {
  const base = node.name;
  switch (activation) {
    case undefined: return input;
    case 'Relu': return ctx.emit('Relu', [input], {}, base)[0];
    case 'Relu6': return clip(ctx, input, base, 0, 6);
    case 'Sigmoid': return ctx.emit('Sigmoid', [input], {}, base)[0];
    case 'Tanh': return ctx.emit('Tanh', [input], {}, base)[0];
    case 'Elu': return ctx.emit('Elu', [input], { alpha: floatAttr(1) }, base)[0];
    case 'LeakyRelu': return ctx.emit('LeakyRelu', [input], { alpha: floatAttr(attrFloat(node, 'leakyrelu_alpha', 0.2)) }, base)[0];
    case 'Prelu': return ctx.emit('PRelu', [input, ctx.nameAs(extraArgs[1], perm, rank)], {}, base)[0];
    default: return fail(node, `unsupported fused activation ${activation}`);
  }
}

/** Splits fused_ops into the bias flag and the activation name. */
function fusedParts(node) {
  const ops = attrStrings(node, 'fused_ops');
  if (ops.length === 0) return { bias: false, activation: undefined };
  if (ops[0] !== 'BiasAdd') fail(node, `unsupported fused op ${ops[0]}`);
  if (ops.length > 2) fail(node, `unsupported fused ops ${ops.join(',')}`);
  return { bias: true, activation: ops[1] };
}

function requireNhwc(node) {
  const format = attrString(node, 'data_format', 'NHWC');
  if (format !== 'NHWC') fail(node, `data_format ${format} is not supported`);
}

/**
 * ONNX pads [top, left, bottom, right] and output size for a TF window op.
 * SAME puts the odd pixel at the end, like TF.
 */
function windowGeometry(node, inputHW, kernelHW, strideHW, dilationHW) {
  const padding = attrString(node, 'padding', 'VALID');
  const explicit = attrInts(node, 'explicit_paddings', []);
  const begin = [];
  const end = [];
  const out = [];
  for (let d = 0; d < 2; d++) {
    const extent = (kernelHW[d] - 1) * dilationHW[d] + 1;
    let before = 0;
    let after = 0;
    if (padding === 'SAME') {
      const total = Math.max((Math.ceil(inputHW[d] / strideHW[d]) - 1) * strideHW[d] + extent - inputHW[d], 0);
      before = Math.floor(total / 2);
      after = total - before;
    } else if (padding === 'EXPLICIT') {
      [before, after] = [explicit[2 + 2 * d], explicit[3 + 2 * d]];
    } else if (padding !== 'VALID') {
      fail(node, `padding ${padding} is not supported`);
    }
    begin.push(before);
    end.push(after);
    out.push(Math.floor((inputHW[d] + before + after - extent) / strideHW[d]) + 1);
  }
  return { pads: [...begin, ...end], outHW: out };
}

function conv2d({ depthwise }) {
  return (ctx, node, [x, filter, ...args]) => {
    requireNhwc(node);
    constData(node, filter, 'filter');
    const strides = attrInts(node, 'strides', [1, 1, 1, 1]);
    const dilations = attrInts(node, 'dilations', [1, 1, 1, 1]);
    const [kh, kw, filterIn, multiplier] = filter.shape;
    const inChannels = x.shape[3];
    const { pads, outHW } = windowGeometry(node, x.shape.slice(1, 3), [kh, kw], strides.slice(1, 3), dilations.slice(1, 3));
    const outChannels = depthwise ? filterIn * multiplier : multiplier;
    // ONNX weights are [out, in/group, kh, kw]; a depthwise output channel is c * multiplier + m.
    const permuted = transposeData(filter.data, filter.shape, depthwise ? [2, 3, 0, 1] : [3, 2, 0, 1]);
    const weightDims = depthwise ? [outChannels, 1, kh, kw] : permuted.shape;
    const group = depthwise ? inChannels : inChannels / filterIn;
    if (!Number.isInteger(group)) fail(node, `input has ${inChannels} channels, filter expects ${filterIn}`);
    const { bias, activation } = fusedParts(node);
    const inputs = [ctx.nameAs(x, NCHW), ctx.initializer(`${node.name}/weights`, 'float32', weightDims, permuted.data)];
    if (bias) inputs.push(ctx.nameAs(args[0], null));
    const attributes = { kernel_shape: [kh, kw], strides: strides.slice(1, 3), dilations: dilations.slice(1, 3), pads, group };
    const [conv] = ctx.emit('Conv', inputs, attributes, activation ? `${node.name}/conv` : node.name);
    const out = applyActivation(ctx, node, conv, activation, args, NCHW, 4);
    return [ctx.result(out, [x.shape[0], ...outHW, outChannels], 'float32', NCHW)];
  };
}

function pool(onnxOp) {
  return (ctx, node, [x]) => {
    requireNhwc(node);
    const ksize = attrInts(node, 'ksize');
    const strides = attrInts(node, 'strides');
    const { pads, outHW } = windowGeometry(node, x.shape.slice(1, 3), ksize.slice(1, 3), strides.slice(1, 3), [1, 1]);
    // TF averages over the valid pixels only.
    const extra = onnxOp === 'AveragePool' ? { count_include_pad: 0 } : {};
    const [name] = ctx.emit(onnxOp, [ctx.nameAs(x, NCHW)], { kernel_shape: ksize.slice(1, 3), strides: strides.slice(1, 3), pads, ...extra }, node.name);
    return [ctx.result(name, [x.shape[0], ...outHW, x.shape[3]], x.dtype, NCHW)];
  };
}

function matMul(ctx, node, [a, b, ...args]) {
  if (a.shape.length !== 2 || b.shape.length !== 2) fail(node, 'only 2-D operands are supported');
  const transA = attrBool(node, 'transpose_a') ? 1 : 0;
  const transB = attrBool(node, 'transpose_b') ? 1 : 0;
  const { bias, activation } = fusedParts(node);
  const inputs = [ctx.nameAs(a, null), ctx.nameAs(b, null)];
  if (bias) inputs.push(ctx.nameAs(args[0], null));
  const [gemm] = ctx.emit('Gemm', inputs, { transA, transB }, activation ? `${node.name}/gemm` : node.name);
  const out = applyActivation(ctx, node, gemm, activation, args, null, 2);
  const shape = [a.shape[transA ? 1 : 0], b.shape[transB ? 0 : 1]];
  return [ctx.result(out, shape, 'float32', null)];
}

// ---------------------------------------------------------------- layout and shape ops

function transpose(ctx, node, [x, permValue]) {
  const tfPerm = constData(node, permValue, 'perm');
  const shape = tfPerm.map((p) => x.shape[p]);
  // Same ONNX tensor, new logical view: physical[i] = newLogical[inv(tfPerm)[current[i]]].
  const inverse = invertPerm(tfPerm);
  const current = x.perm || identityPerm(x.shape.length);
  const name = ctx.nameAs(x, x.perm);
  return [ctx.result(name, shape, x.dtype, current.map((axis) => inverse[axis]))];
}

function reshape(ctx, node, [x, shapeValue]) {
  const shape = resolveReshape(node, x.shape, constData(node, shapeValue, 'shape'));
  const [name] = ctx.emit('Reshape', [ctx.nameAs(x, null), ctx.int64(`${node.name}/shape`, shape)], {}, node.name);
  return [ctx.result(name, shape, x.dtype, null)];
}

function resolveReshape(node, inShape, requested) {
  const known = requested.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const shape = requested.map((d) => (d === -1 ? sizeOf(inShape) / known : d));
  if (sizeOf(shape) !== sizeOf(inShape) || shape.some((d) => !Number.isInteger(d) || d <= 0)) {
    fail(node, `cannot reshape [${inShape}] to [${requested}]`);
  }
  return shape;
}

function expandDims(ctx, node, [x, axisValue]) {
  const axis = normalizeAxis(constData(node, axisValue, 'axis')[0], x.shape.length + 1);
  const shape = [...x.shape.slice(0, axis), 1, ...x.shape.slice(axis)];
  const [name] = ctx.emit('Unsqueeze', [ctx.nameAs(x, null), ctx.int64(`${node.name}/axes`, [axis])], {}, node.name);
  return [ctx.result(name, shape, x.dtype, null)];
}

function squeezeAxes(node, shape) {
  const requested = attrInts(node, 'squeeze_dims', attrInts(node, 'axis', []));
  const axes = requested.length ? requested.map((a) => normalizeAxis(a, shape.length)) : shape.flatMap((d, i) => (d === 1 ? [i] : []));
  if (axes.some((a) => shape[a] !== 1)) fail(node, `cannot squeeze axes [${axes}] of [${shape}]`);
  return axes;
}

function squeeze(ctx, node, [x]) {
  const axes = squeezeAxes(node, x.shape);
  const physical = axes.map((a) => physicalAxis(x.perm, a));
  const [name] = ctx.emit('Squeeze', [ctx.nameAs(x, x.perm), ctx.int64(`${node.name}/axes`, physical)], {}, node.name);
  return [ctx.result(name, x.shape.filter((_, i) => !axes.includes(i)), x.dtype, permAfterDropping(x.perm, axes))];
}

function reduce(onnxOp) {
  return (ctx, node, [x, axesValue]) => {
    const axes = constData(node, axesValue, 'reduction axes').map((a) => normalizeAxis(a, x.shape.length));
    // TF reduces nothing over an empty axis list; ONNX would reduce everything.
    if (axes.length === 0) return [x];
    const keepDims = attrBool(node, 'keep_dims');
    const physical = axes.map((a) => physicalAxis(x.perm, a));
    const input = ctx.nameAs(x, x.perm);
    // ReduceSum takes axes as an input since opset 13, the others as an attribute.
    const [name] = onnxOp === 'ReduceSum'
      ? ctx.emit(onnxOp, [input, ctx.int64(`${node.name}/axes`, physical)], { keepdims: keepDims ? 1 : 0 }, node.name)
      : ctx.emit(onnxOp, [input], { axes: physical, keepdims: keepDims ? 1 : 0 }, node.name);
    const shape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
    return [ctx.result(name, shape, x.dtype, keepDims ? x.perm : permAfterDropping(x.perm, axes))];
  };
}

function concat(ctx, node, inputs) {
  const parts = inputs.slice(0, -1);
  const axis = normalizeAxis(constData(node, inputs.at(-1), 'axis')[0], parts[0].shape.length);
  const { perm, rank } = sharedPerm(parts);
  const shape = [...parts[0].shape];
  shape[axis] = parts.reduce((n, v) => n + v.shape[axis], 0);
  const [name] = ctx.emit('Concat', namesIn(ctx, parts, perm, rank), { axis: physicalAxis(perm, axis) }, node.name);
  return [ctx.result(name, shape, parts[0].dtype, perm)];
}

function splitV(ctx, node, [x, sizesValue, axisValue]) {
  const axis = normalizeAxis(constData(node, axisValue, 'axis')[0], x.shape.length);
  const requested = constData(node, sizesValue, 'size_splits');
  const known = requested.filter((s) => s !== -1).reduce((a, b) => a + b, 0);
  const sizes = requested.map((s) => (s === -1 ? x.shape[axis] - known : s));
  const names = ctx.emit('Split', [ctx.nameAs(x, x.perm), ctx.int64(`${node.name}/split`, sizes)], { axis: physicalAxis(x.perm, axis) }, node.name, sizes.length);
  return names.map((name, i) => ctx.result(name, x.shape.map((d, k) => (k === axis ? sizes[i] : d)), x.dtype, x.perm));
}

function pad(ctx, node, [x, paddingsValue, constantValue]) {
  const paddings = constData(node, paddingsValue, 'paddings');
  const rank = x.shape.length;
  if (paddings.length !== 2 * rank) fail(node, `paddings [${paddingsValue.shape}] do not match rank ${rank}`);
  const order = x.perm || identityPerm(rank);
  const pads = [...order.map((a) => paddings[2 * a]), ...order.map((a) => paddings[2 * a + 1])];
  const value = constantValue ? constData(node, constantValue, 'constant_values')[0] : 0;
  const inputs = [ctx.nameAs(x, x.perm), ctx.int64(`${node.name}/pads`, pads)];
  if (value !== 0) inputs.push(ctx.scalar(`${node.name}/value`, x.dtype, value));
  const [name] = ctx.emit('Pad', inputs, { mode: 'constant' }, node.name);
  const shape = x.shape.map((d, i) => d + paddings[2 * i] + paddings[2 * i + 1]);
  return [ctx.result(name, shape, x.dtype, x.perm)];
}

function stridedSlice(ctx, node, [x, beginValue, endValue, stridesValue]) {
  const resolved = resolveSlice(node, x.shape, beginValue, endValue, stridesValue);
  if (resolved.outputLayout.includes('new')) fail(node, 'new_axis_mask is not supported on tensors');
  const order = x.perm || identityPerm(x.shape.length);
  const axes = order.map((a) => resolved.axes[a]);
  // ONNX reads a negative end as counting from the back: "before index 0" must be written as -(dim + 1).
  const ends = axes.map((a, i) => (a.end < 0 ? -(x.shape[order[i]] + 1) : a.end));
  const inputs = [
    ctx.nameAs(x, x.perm),
    ctx.int64(`${node.name}/starts`, axes.map((a) => a.begin)),
    ctx.int64(`${node.name}/ends`, ends),
    ctx.int64(`${node.name}/axes`, identityPerm(axes.length)),
    ctx.int64(`${node.name}/steps`, axes.map((a) => a.step)),
  ];
  const shrunk = resolved.axes.flatMap((a, i) => (a.shrink ? [i] : []));
  const [sliced] = ctx.emit('Slice', inputs, {}, shrunk.length ? `${node.name}/slice` : node.name);
  if (!shrunk.length) return [ctx.result(sliced, resolved.outShape, x.dtype, x.perm)];
  const physical = shrunk.map((a) => physicalAxis(x.perm, a));
  const [name] = ctx.emit('Squeeze', [sliced, ctx.int64(`${node.name}/squeeze_axes`, physical)], {}, node.name);
  return [ctx.result(name, resolved.outShape, x.dtype, permAfterDropping(x.perm, shrunk))];
}

function resolveSlice(node, shape, beginValue, endValue, stridesValue) {
  const masks = {
    begin: attrInt(node, 'begin_mask', 0),
    end: attrInt(node, 'end_mask', 0),
    ellipsis: attrInt(node, 'ellipsis_mask', 0),
    newAxis: attrInt(node, 'new_axis_mask', 0),
    shrink: attrInt(node, 'shrink_axis_mask', 0),
  };
  return resolveStridedSlice(shape, constData(node, beginValue, 'begin'), constData(node, endValue, 'end'), constData(node, stridesValue, 'strides'), masks);
}

function resizeBilinear(ctx, node, [x, sizeValue]) {
  const [height, width] = constData(node, sizeValue, 'size');
  const alignCorners = attrBool(node, 'align_corners');
  const halfPixel = attrBool(node, 'half_pixel_centers');
  const mode = alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric';
  // A whole-number upsampling is written as scales, not sizes, so that the
  // graph holds no spatial size and can run on other input sizes
  // (tools/free-size.mjs); ORT's output and sampling are the same either way.
  const factors = [height / x.shape[1], width / x.shape[2]];
  const byScales = factors.every((f) => Number.isInteger(f) && f >= 1);
  const target = byScales
    ? ['', ctx.initializer(`${node.name}/scales`, 'float32', [4], [1, 1, ...factors])]
    : ['', '', ctx.int64(`${node.name}/sizes`, [x.shape[0], x.shape[3], height, width])];
  const [name] = ctx.emit('Resize', [ctx.nameAs(x, NCHW), ...target], { mode: 'linear', coordinate_transformation_mode: mode }, node.name);
  return [ctx.result(name, [x.shape[0], height, width, x.shape[3]], x.dtype, NCHW)];
}

function depthToSpace(ctx, node, [x]) {
  requireNhwc(node);
  const block = attrInt(node, 'block_size');
  // TF's channel order (i * block + j) * C + c is ONNX's DCR mode.
  const [name] = ctx.emit('DepthToSpace', [ctx.nameAs(x, NCHW)], { blocksize: block, mode: 'DCR' }, node.name);
  const [n, h, w, c] = x.shape;
  return [ctx.result(name, [n, h * block, w * block, c / (block * block)], x.dtype, NCHW)];
}

function softmax(ctx, node, [x]) {
  const axis = physicalAxis(x.perm, x.shape.length - 1);
  const [name] = ctx.emit('Softmax', [ctx.nameAs(x, x.perm)], { axis }, node.name);
  return [ctx.result(name, x.shape, x.dtype, x.perm)];
}

function shapeOf(ctx, node, [x]) {
  const dtype = attrDtype(node, 'out_type', 'int32');
  return [ctx.constant(TYPED[dtype].from(x.shape), [x.shape.length], dtype)];
}

function pack(ctx, node, inputs) {
  const axis = normalizeAxis(attrInt(node, 'axis', 0), inputs[0].shape.length + 1);
  const axes = ctx.int64(`${node.name}/axes`, [axis]);
  const parts = inputs.map((v, i) => ctx.emit('Unsqueeze', [ctx.nameAs(v, null), axes], {}, `${node.name}/unsqueeze${i}`)[0]);
  const [name] = ctx.emit('Concat', parts, { axis }, node.name);
  const shape = [...inputs[0].shape.slice(0, axis), inputs.length, ...inputs[0].shape.slice(axis)];
  return [ctx.result(name, shape, inputs[0].dtype, null)];
}

function gather(ctx, node, [params, indices, axisValue]) {
  if (attrInt(node, 'batch_dims', 0) !== 0) fail(node, 'batch_dims other than 0 is not supported');
  const axis = normalizeAxis(constData(node, axisValue, 'axis')[0], params.shape.length);
  const [name] = ctx.emit('Gather', [ctx.nameAs(params, null), ctx.nameAs(indices, null)], { axis }, node.name);
  const shape = [...params.shape.slice(0, axis), ...indices.shape, ...params.shape.slice(axis + 1)];
  return [ctx.result(name, shape, params.dtype, null)];
}

function topK(ctx, node, [x, kValue]) {
  const k = constData(node, kValue, 'k')[0];
  if (!attrBool(node, 'sorted', true)) fail(node, 'unsorted TopK is not supported');
  const [values, indices64] = ctx.emit('TopK', [ctx.nameAs(x, null), ctx.int64(`${node.name}/k`, [k])], { axis: -1, largest: 1, sorted: 1 }, node.name, 2);
  // TF returns int32 indices; ONNX int64.
  const [indices] = ctx.emit('Cast', [indices64], { to: ONNX_DTYPE.int32 }, `${node.name}:1/int32`);
  const shape = [...x.shape.slice(0, -1), k];
  return [ctx.result(values, shape, x.dtype, null), ctx.result(indices, shape, 'int32', null)];
}

function leakyRelu(node) {
  return { alpha: floatAttr(attrFloat(node, 'alpha', 0.2)) };
}

export const OP_CONVERTERS = {
  Add: elementwise('Add'),
  AddV2: elementwise('Add'),
  BiasAdd: elementwise('Add'),
  Sub: elementwise('Sub'),
  Mul: elementwise('Mul'),
  RealDiv: elementwise('Div'),
  Maximum: elementwise('Max'),
  Minimum: elementwise('Min'),
  Equal: elementwise('Equal', 'bool'),
  Greater: elementwise('Greater', 'bool'),
  Less: elementwise('Less', 'bool'),
  FloorDiv: floorDivision('div'),
  FloorMod: floorDivision('mod'),
  Abs: unary('Abs'),
  Neg: unary('Neg'),
  Exp: unary('Exp'),
  Log: unary('Log'),
  Sqrt: unary('Sqrt'),
  Tanh: unary('Tanh'),
  Floor: unary('Floor'),
  Relu: unary('Relu'),
  Sigmoid: unary('Sigmoid'),
  Elu: unary('Elu'),
  LeakyRelu: unary('LeakyRelu', leakyRelu),
  Relu6: relu6,
  Square: square,
  Rsqrt: rsqrt,
  Cast: cast,
  Conv2D: conv2d({ depthwise: false }),
  _FusedConv2D: conv2d({ depthwise: false }),
  DepthwiseConv2dNative: conv2d({ depthwise: true }),
  FusedDepthwiseConv2dNative: conv2d({ depthwise: true }),
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AveragePool'),
  MatMul: matMul,
  _FusedMatMul: matMul,
  Transpose: transpose,
  Reshape: reshape,
  ExpandDims: expandDims,
  Squeeze: squeeze,
  Mean: reduce('ReduceMean'),
  Sum: reduce('ReduceSum'),
  Max: reduce('ReduceMax'),
  ConcatV2: concat,
  SplitV: splitV,
  Pad: pad,
  PadV2: pad,
  StridedSlice: stridedSlice,
  ResizeBilinear: resizeBilinear,
  DepthToSpace: depthToSpace,
  Softmax: softmax,
  Shape: shapeOf,
  Pack: pack,
  GatherV2: gather,
  TopKV2: topK,
};

// ---------------------------------------------------------------- constant folding

function foldBinary(fn, outDtype) {
  return (node, [a, b]) => {
    const dtype = outDtype || a.dtype;
    const { shape, data } = broadcastBinary(a, b, (x, y) => DTYPE_CONVERT[dtype](fn(x, y)), TYPED[dtype]);
    return [{ shape, data, dtype }];
  };
}

const floorMod = (x, y) => x - Math.floor(x / y) * y;

function foldReshapeLike(shapeOfResult) {
  return (node, inputs) => [{ shape: shapeOfResult(node, inputs), data: inputs[0].data, dtype: inputs[0].dtype }];
}

export const CONSTANT_FOLDERS = {
  Add: foldBinary((x, y) => x + y),
  AddV2: foldBinary((x, y) => x + y),
  Sub: foldBinary((x, y) => x - y),
  Mul: foldBinary((x, y) => x * y),
  RealDiv: foldBinary((x, y) => x / y),
  FloorDiv: foldBinary((x, y) => Math.floor(x / y)),
  FloorMod: foldBinary(floorMod),
  Maximum: foldBinary(Math.max),
  Minimum: foldBinary(Math.min),
  Equal: foldBinary((x, y) => x === y, 'bool'),
  Cast: (node, [x]) => {
    const dtype = attrDtype(node, 'DstT');
    return [{ shape: x.shape, data: TYPED[dtype].from(x.data, DTYPE_CONVERT[dtype]), dtype }];
  },
  Reshape: foldReshapeLike((node, [x, s]) => resolveReshape(node, x.shape, Array.from(s.data))),
  ExpandDims: foldReshapeLike((node, [x, a]) => {
    const axis = normalizeAxis(a.data[0], x.shape.length + 1);
    return [...x.shape.slice(0, axis), 1, ...x.shape.slice(axis)];
  }),
  Squeeze: foldReshapeLike((node, [x]) => {
    const axes = squeezeAxes(node, x.shape);
    return x.shape.filter((_, i) => !axes.includes(i));
  }),
  Pack: (node, inputs) => {
    const axis = normalizeAxis(attrInt(node, 'axis', 0), inputs[0].shape.length + 1);
    const expanded = inputs.map((v) => ({ shape: [...v.shape.slice(0, axis), 1, ...v.shape.slice(axis)], data: v.data }));
    return [{ ...concatData(expanded, axis), dtype: inputs[0].dtype }];
  },
  ConcatV2: (node, inputs) => {
    const parts = inputs.slice(0, -1);
    const axis = normalizeAxis(inputs.at(-1).data[0], parts[0].shape.length);
    return [{ ...concatData(parts, axis), dtype: parts[0].dtype }];
  },
  StridedSlice: (node, [x, b, e, s]) => [{ ...stridedSliceData(x.data, x.shape, resolveSlice(node, x.shape, b, e, s)), dtype: x.dtype }],
  Transpose: (node, [x, p]) => [{ ...transposeData(x.data, x.shape, Array.from(p.data)), dtype: x.dtype }],
  SparseToDense: (node, [indices, outputShape, values, defaultValue]) => {
    const shape = Array.from(outputShape.data);
    const dense = TYPED[values.dtype].from({ length: sizeOf(shape) }, () => defaultValue.data[0]);
    const rank = shape.length;
    const strides = shape.map((_, i) => sizeOf(shape.slice(i + 1)));
    const count = indices.data.length / rank;
    for (let n = 0; n < count; n++) {
      let offset = 0;
      for (let d = 0; d < rank; d++) offset += indices.data[n * rank + d] * strides[d];
      dense[offset] = values.data.length === 1 ? values.data[0] : values.data[n];
    }
    return [{ shape, data: dense, dtype: values.dtype }];
  },
};
