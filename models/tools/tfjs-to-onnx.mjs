// TFJS graph model -> ONNX.
//
// Every TF tensor is tracked by its *logical* shape (TF semantics, NHWC)
// plus a `perm`: the ONNX tensor actually holding it is
// transpose(logical, perm) (perm null = same layout). Convolutions ask for
// NCHW, element-wise ops keep whatever layout their inputs have, and TF
// Transposes only change the perm. So layout changes happen at the graph
// edges and before layout-sensitive ops (Reshape, Gather, ...), never
// back-to-back. Constant-only subgraphs are evaluated at conversion time.
import { OnnxGraphBuilder } from './onnx-writer.mjs';
import { decodeWeights } from './tfjs-graph.mjs';
import { attrDtype, attrShape } from './tf-attrs.mjs';
import { OP_CONVERTERS, CONSTANT_FOLDERS } from './tf-ops.mjs';
import { identityPerm, invertPerm, isIdentityPerm, transposeData } from './tensor-math.mjs';

export const OPSET = 13;

export class UnsupportedOpError extends Error {
  constructor(op, nodeName) {
    super(`unsupported TF op "${op}" (node ${nodeName}): conversion stopped`);
    this.op = op;
  }
}

/**
 * @param {{modelJson: object, weightData: Uint8Array}} model
 * @param {{outputs: string[], batch?: number, graphName?: string}} options
 *   outputs: TF tensor names ("node" or "node:1") that become ONNX outputs,
 *   named as given.
 * @returns {Uint8Array} the ONNX model bytes
 */
export function convertGraphModel(model, { outputs, batch = 1, graphName = 'localvision' }) {
  const context = new ConversionContext(model, batch);
  // Reserved so that only the final node of each output carries its TF name.
  for (const name of outputs) context.builder.usedNames.add(name);
  for (const name of outputs) context.addGraphOutput(name);
  return context.builder.toBytes({ graphName, opset: OPSET, producer: 'localvision-tfjs-to-onnx' });
}

class ConversionContext {
  constructor({ modelJson, weightData }, batch) {
    this.builder = new OnnxGraphBuilder();
    this.weights = decodeWeights(modelJson.weightsManifest, weightData);
    this.nodes = new Map(modelJson.modelTopology.node.map((n) => [n.name, n]));
    this.batch = batch;
    this.values = new Map(); // TF tensor name -> Value
    this.physicalNames = new Map(); // cache of re-layouts: value key + perm -> ONNX name
  }

  addGraphOutput(tensorName) {
    const value = this.valueOf(tensorName);
    if (value.data) throw new Error(`output ${tensorName} is a constant`);
    if (value.perm) this.builder.addNode('Transpose', [value.name], [tensorName], { perm: invertPerm(value.perm) });
    else this.builder.addNode('Identity', [value.name], [tensorName]);
    this.builder.addOutput(tensorName, value.dtype, value.shape);
  }

  /** The Value of a TF tensor reference ("node", "node:1"), converting on demand. */
  valueOf(ref) {
    const [nodeName, index] = splitRef(ref);
    const key = `${nodeName}:${index}`;
    if (!this.values.has(key)) this.convertNode(nodeName);
    const value = this.values.get(key);
    if (!value) throw new Error(`tensor ${ref} has no value (node has fewer outputs)`);
    return value;
  }

  convertNode(nodeName) {
    const node = this.nodes.get(nodeName);
    if (!node) throw new Error(`graph has no node ${nodeName}`);
    const outputs = this.produce(node);
    outputs.forEach((value, i) => this.values.set(`${nodeName}:${i}`, value));
  }

  produce(node) {
    if (node.op === 'Const') return [this.constFromWeights(node)];
    if (node.op === 'Placeholder') return [this.graphInput(node)];
    const inputs = (node.input || []).filter((ref) => !ref.startsWith('^')).map((ref) => this.valueOf(ref));
    if (node.op === 'Identity') return [inputs[0]];
    const fold = CONSTANT_FOLDERS[node.op];
    if (fold && inputs.every((v) => v.data)) return fold(node, inputs).map((t) => this.constant(t.data, t.shape, t.dtype));
    const convert = OP_CONVERTERS[node.op];
    if (!convert) throw new UnsupportedOpError(node.op, node.name);
    return convert(this, node, inputs);
  }

  constFromWeights(node) {
    const weight = this.weights.get(node.name);
    if (!weight) throw new Error(`Const ${node.name} has no weight data`);
    return { ...this.constant(weight.data, weight.shape, weight.dtype), name: node.name };
  }

  graphInput(node) {
    const dtype = attrDtype(node, 'dtype', 'float32');
    const shape = attrShape(node, this.batch);
    this.builder.addInput(node.name, dtype, shape);
    this.builder.usedNames.add(node.name);
    return { name: node.name, shape, dtype, perm: null };
  }

  // ---- helpers for op converters ----

  /** A constant Value (becomes an initializer only when an ONNX node uses it). */
  constant(data, shape, dtype) {
    this.constantCount = (this.constantCount || 0) + 1;
    return { name: null, id: this.constantCount, shape, dtype, perm: null, data };
  }

  /** Adds an ONNX node; returns its output names. */
  emit(opType, inputNames, attributes, baseName, outputCount = 1) {
    const outputs = Array.from({ length: outputCount }, (_, i) => this.builder.uniqueName(i ? `${baseName}:${i}` : baseName));
    return this.builder.addNode(opType, inputNames, outputs, attributes);
  }

  /** A Value for the first output of an ONNX node. */
  result(name, shape, dtype, perm) {
    return { name, shape, dtype, perm: perm && !isIdentityPerm(perm) ? perm : null };
  }

  /** An int64 initializer (shapes, axes, pads...). */
  int64(baseName, values) {
    return this.builder.addInitializer(this.builder.uniqueName(baseName), 'int64', [values.length], values);
  }

  scalar(baseName, dtype, value) {
    return this.builder.addInitializer(this.builder.uniqueName(baseName), dtype, [], [value]);
  }

  /** Float tensor initializer with explicit dims (already laid out). */
  initializer(baseName, dtype, dims, data) {
    return this.builder.addInitializer(this.builder.uniqueName(baseName), dtype, dims, data);
  }

  /**
   * ONNX name of `value` laid out as transpose(logical, perm) (perm null =
   * logical). A constant of lower rank is first broadcast-aligned to
   * `rank` (leading 1s) so it lines up with a permuted operand.
   */
  nameAs(value, perm, rank = value.shape.length) {
    const target = perm && !isIdentityPerm(perm) ? perm : null;
    if (value.data) return this.constantAs(value, target, rank);
    const current = value.perm;
    if (samePerm(current, target)) return value.name;
    const key = `${value.name}|${target}`;
    if (!this.physicalNames.has(key)) {
      // physical_target[i] = logical[target[i]] = physical_current[inv(current)[target[i]]]
      const currentInverse = invertPerm(current || identityPerm(value.shape.length));
      const onnxPerm = (target || identityPerm(value.shape.length)).map((axis) => currentInverse[axis]);
      const suffix = target ? target.join('') : 'logical';
      this.physicalNames.set(key, this.emit('Transpose', [value.name], { perm: onnxPerm }, `${value.name}/to_${suffix}`)[0]);
    }
    return this.physicalNames.get(key);
  }

  constantAs(value, perm, rank) {
    const key = `${value.name || `#${value.id}`}|${perm}|${rank}`;
    if (this.physicalNames.has(key)) return this.physicalNames.get(key);
    const aligned = [...new Array(Math.max(0, rank - value.shape.length)).fill(1), ...value.shape];
    const laidOut = perm ? transposeData(value.data, aligned, perm) : { shape: aligned, data: value.data };
    const dims = perm ? laidOut.shape : value.shape;
    const name = this.initializer(value.name || 'const', value.dtype, dims, laidOut.data);
    this.physicalNames.set(key, name);
    return name;
  }
}

function samePerm(a, b) {
  if (!a || !b) return !a && !b;
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

function splitRef(ref) {
  const match = /^(.*):(\d+)$/.exec(ref);
  return match ? [match[1], Number(match[2])] : [ref, 0];
}

