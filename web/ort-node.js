// onnxruntime-node, localvision's optional peer dependency (native kernels):
// `localvision serve` needs it, `localvision analyze` uses it when installed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function onnxRuntimeNodeInstalled() {
  try {
    require.resolve('onnxruntime-node');
    return true;
  } catch {
    return false;
  }
}

/** The module; throws what loading it threw (e.g. a native library built for another libc). */
export function loadOnnxRuntimeNode() {
  return require('onnxruntime-node');
}

/** Throws an Error naming the install command when onnxruntime-node is missing. */
export function checkOnnxRuntimeNode(neededBy) {
  if (onnxRuntimeNodeInstalled()) return;
  const version = require('../package.json').peerDependencies['onnxruntime-node'];
  throw new Error(`${neededBy} needs onnxruntime-node: npm install onnxruntime-node@${version} (offline: ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@${version}).`);
}
