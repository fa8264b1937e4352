#!/usr/bin/env node
// Converts one TFJS graph model to ONNX:
//   node models/tools/convert-cli.mjs <model.json | model.min.js> <out.onnx> [--outputs name,name]
// Without --outputs, the model signature's outputs are used.
import fs from 'node:fs';
import { readGraphModelFiles, readUmdGraphModel } from './tfjs-graph.mjs';
import { convertGraphModel } from './tfjs-to-onnx.mjs';

function signatureOutputs(modelJson) {
  const outputs = modelJson.signature?.outputs ?? {};
  const names = Object.values(outputs).map((o) => o.name.replace(/:0$/, ''));
  if (!names.length) throw new Error('the model has no signature outputs: pass --outputs');
  return names.sort();
}

function main([source, target, ...rest]) {
  if (!source || !target) {
    console.error('usage: convert-cli.mjs <model.json | model.min.js> <out.onnx> [--outputs name,name]');
    process.exitCode = 2;
    return;
  }
  const model = source.endsWith('.js') ? readUmdGraphModel(source) : readGraphModelFiles(source);
  const flag = rest.indexOf('--outputs');
  const outputs = flag >= 0 ? rest[flag + 1].split(',') : signatureOutputs(model.modelJson);
  const bytes = convertGraphModel(model, { outputs });
  fs.writeFileSync(target, bytes);
  console.log(`${target}: ${(bytes.length / 1e6).toFixed(1)} MB, outputs ${outputs.join(', ')}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`convert: ${error.message}`);
  process.exitCode = 1;
}
