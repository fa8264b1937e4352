// Compact weight storage (models/tools/compact-weights.mjs): a tiny model
// Y = X + W with a 2048-element W, run by ONNX Runtime before and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { OnnxGraphBuilder } from '../../../models/tools/onnx-writer.mjs';
import onnxProto from 'onnx-proto';
import { compactWeights, toFloat16 } from '../../../models/tools/compact-weights.mjs';
import { expandCompactWeights } from '../../../web/expand-weights.js';

const ort = createRequire(import.meta.url)('onnxruntime-node');
const N = 2048;

function addModel(weights) {
  const b = new OnnxGraphBuilder();
  b.addInput('X', 'float32', [1, N]);
  b.addInitializer('W', 'float32', [1, N], weights);
  b.addNode('Add', ['X', 'W'], ['Y']);
  b.addOutput('Y', 'float32', [1, N]);
  return b.toBytes({ graphName: 'add', opset: 13, producer: 'test' });
}

async function run(bytes) {
  const session = await ort.InferenceSession.create(bytes);
  const { Y } = await session.run({ X: new ort.Tensor('float32', new Float32Array(N), [1, N]) });
  return Float32Array.from(Y.data);
}

const f32 = (values) => Float32Array.from(values);
const quantized = f32(Array.from({ length: N }, (_, i) => 0.0123 * ((i * 37) % 256) - 1.5));  // 256 levels, as TFJS uint8
const halfExact = f32(Array.from({ length: N }, (_, i) => (i % 1000) / 64 - 7));              // all exact in binary16
const arbitrary = f32(Array.from({ length: N }, (_, i) => Math.sin(i) * 3.3));

test('256 levels: uint8 codes and a 1 KB table, the same floats, fewer bytes', async () => {
  const before = addModel(quantized), after = compactWeights(before);
  assert.ok(after.length < before.length * 0.45, `${after.length} of ${before.length} bytes`);
  assert.deepEqual(await run(after), quantized);
});

test('binary16-exact weights: half the bytes, the same floats', async () => {
  const before = addModel(halfExact), after = compactWeights(before);
  assert.ok(after.length < before.length * 0.6, `${after.length} of ${before.length} bytes`);
  assert.deepEqual(await run(after), halfExact);
});

test('other weights stay byte for byte unless rounding to float16 is asked for', async () => {
  const before = addModel(arbitrary);
  assert.equal(compactWeights(before), before);
  const rounded = await run(compactWeights(before, { roundToFloat16: true }));
  for (let i = 0; i < N; i++) assert.ok(Math.abs(rounded[i] - arbitrary[i]) <= Math.abs(arbitrary[i]) * 2 ** -11, `element ${i}`);
});

test('expandCompactWeights (the runtime, before ORT): the float32 initializer back, bit for bit, and no Cast/Gather left', async () => {
  const { onnx } = onnxProto;
  for (const weights of [quantized, halfExact]) {
    const expanded = expandCompactWeights(compactWeights(addModel(weights)));
    const { graph } = onnx.ModelProto.decode(expanded);
    assert.deepEqual(graph.node.map((n) => n.opType), ['Add']);
    assert.deepEqual(graph.initializer.map((t) => [t.name, t.dataType, t.dims.map(Number)]), [['W', onnx.TensorProto.DataType.FLOAT, [1, N]]]);
    assert.deepEqual(new Float32Array(Uint8Array.from(graph.initializer[0].rawData).buffer), weights);
    assert.deepEqual(await run(expanded), weights);
  }
  const plain = addModel(arbitrary);
  assert.equal(expandCompactWeights(plain), plain);
});

test('expandCompactWeights leaves a Gather whose codes reach past its table to ONNX Runtime', () => {
  const { onnx } = onnxProto;
  const model = onnx.ModelProto.decode(compactWeights(addModel(quantized)));
  const table = model.graph.initializer.find((t) => t.dataType === onnx.TensorProto.DataType.FLOAT);
  table.rawData = table.rawData.subarray(0, 16 * 4);  // 16 entries; the codes go up to 255
  table.dims = [16];
  const truncated = onnx.ModelProto.encode(model).finish();
  const expanded = expandCompactWeights(truncated);
  assert.deepEqual(onnx.ModelProto.decode(expanded).graph.node.map((n) => n.opType).sort(), ['Add', 'Cast', 'Gather']);
});

test('toFloat16: nearest binary16, ties to even; exact mode refuses what it would round', () => {
  const decode = (h) => (h >> 15 ? -1 : 1) * ((h >> 10) & 31 ? 2 ** (((h >> 10) & 31) - 15) * (1 + (h & 1023) / 1024) : 2 ** -14 * ((h & 1023) / 1024));
  const values = [1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 0.1, 1 / 3, 1 + 2 ** -11, 1 + 3 * 2 ** -11];
  const expected = [1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 0.0999755859375, 0.333251953125, 1, 1 + 2 ** -9];
  assert.deepEqual([...toFloat16(values, true)].map(decode), expected);
  assert.equal(toFloat16([0.1], false), null);
  assert.equal(toFloat16([70000], true), null);
  assert.equal(toFloat16([NaN], true), null);
});
