// Runs a TFJS graph model with the pure-JS cpu backend: the oracle that
// converted models are checked against.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { toTfjsArtifacts } from './tfjs-graph.mjs';

let backendReady;
async function ensureCpuBackend() {
  backendReady ??= tf.setBackend('cpu').then(() => tf.ready());
  return backendReady;
}

export async function loadTfjsModel(model) {
  await ensureCpuBackend();
  const artifacts = toTfjsArtifacts(model);
  return loadGraphModel({ load: async () => artifacts });
}

/**
 * Runs the model on named float32 inputs; returns { name: {data, dims} } for
 * the requested TF tensor names.
 */
export async function runTfjs(graphModel, inputs, outputNames) {
  const feeds = Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, tf.tensor(t.data, t.dims, 'float32')]));
  const results = await graphModel.executeAsync(feeds, outputNames);
  const list = Array.isArray(results) ? results : [results];
  const out = {};
  for (const [i, tensor] of list.entries()) {
    out[outputNames[i]] = { data: await tensor.data(), dims: tensor.shape };
    tensor.dispose();
  }
  Object.values(feeds).forEach((t) => t.dispose());
  return out;
}
