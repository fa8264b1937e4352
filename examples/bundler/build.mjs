// Bundles src/app.js with esbuild into dist/ and copies what the package
// needs at run time next to it:
//   dist/app.js, dist/chunks/    the bundle (localvision inside; onnxruntime-web a lazy chunk)
//   dist/wasm/                   localvision's WebAssembly builds (found next to the bundle by default)
//   dist/chunks/ort-wasm-simd-threaded.wasm  onnxruntime-web's wasm (found next to its chunk)
//   dist/models/                 manifest.json (from the package) + the model files
//   node build.mjs [--models <folder written by `npm run models`>]
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { models: { type: 'string' } } });
const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(here, 'dist');
const require = createRequire(path.join(here, 'package.json'));
const packageDir = path.dirname(require.resolve('localvision/package.json'));
// onnxruntime-web exports no package.json: its main entry is in its dist/ folder.
const ortDist = path.dirname(require.resolve('onnxruntime-web', { paths: [packageDir] }));

rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, 'models'), { recursive: true });
await build({
  absWorkingDir: here,
  entryPoints: ['src/app.js'],
  bundle: true,
  format: 'esm',
  // onnxruntime-web starts its threads' workers from its own module URL
  // (import.meta.url): it must be a chunk of its own, not the app bundle.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'browser',
  target: 'es2022',
  outdir: dist,
  logLevel: 'warning',
});
cpSync(path.join(here, 'src/index.html'), path.join(dist, 'index.html'));
cpSync(path.join(packageDir, 'web/wasm'), path.join(dist, 'wasm'), { recursive: true });
for (const file of readdirSync(ortDist).filter((f) => /^ort-wasm-simd-threaded\.wasm$/.test(f))) {
  cpSync(path.join(ortDist, file), path.join(dist, 'chunks', file));
}
cpSync(path.join(packageDir, 'models/manifest.json'), path.join(dist, 'models/manifest.json'));
if (values.models && existsSync(values.models)) cpSync(values.models, path.join(dist, 'models'), { recursive: true });
console.log(`bundled into ${dist}`);
