// Emscripten 3.1.6's ES6 output still uses __dirname and require on Node.
// Define them there, and only there, so the same module loads in browsers.
var __lvIsNode = typeof process === 'object' && typeof process.versions === 'object' && typeof process.versions.node === 'string';
