// Emscripten 3.1.6's ES module output still calls require() and reads
// __dirname when it runs on Node. Give it both there, and only there.
var __lvNode = typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string';
var require = __lvNode ? (globalThis.require || ((name) => process.getBuiltinModule(name))) : undefined;
var __dirname = __lvNode ? (globalThis.__localvisionWasmDir || '.') : undefined;
