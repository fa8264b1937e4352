// A one-node (Identity) ONNX model: creating its session starts ONNX Runtime
// (for onnxruntime-web: its wasm), so that no model's figure includes that.
import onnxProto from 'onnx-proto';

export function identityModel() {
  const { onnx } = onnxProto;
  const value = (name) => ({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 1 }] } } } });
  return onnx.ModelProto.encode({ irVersion: 8, opsetImport: [{ version: 13 }], graph: {
    name: 'start', node: [{ opType: 'Identity', input: ['x'], output: ['y'] }], input: [value('x')], output: [value('y')] } }).finish();
}
