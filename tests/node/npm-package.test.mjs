// The npm tarball as a user installs it: `npm pack`, unpacked into an app's
// node_modules beside its declared dependencies only (links to this repo's;
// the optional peer onnxruntime-node left out). Without models the CLI
// refuses to start; `localvision models` then assembles the whole model set
// from the tarball's own files (the classifier from the shared mirror, the
// packages with npm) and every file matches the manifest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root, samples } from './helpers.mjs';

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(root, 'models/manifest.json'), 'utf8'));
const classifierCard = manifest.models.find((c) => c.id === 'classifier');
const mirror = process.env.LOCALVISION_MODEL_MIRROR || path.join(root, '..', 'shared', 'models');
const noMirror = !existsSync(path.join(mirror, classifierCard.source.mirrorPath)) && `needs the classifier in ${mirror}`;

let work, installed, shipped;

// The package names a file imports or requires (bare specifiers only; also
// createRequire(...)('x') and require.resolve('x')).
function importedPackages(file) {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\(|require(?:\.resolve)?\(|\)\()\s*['"]([^'"./][^'"]*)['"]/g)].map((m) => m[1]);
  return specifiers.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'));
}

function cli(args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(installed, 'web/cli.js'), ...args],
      { cwd: work, env: { ...process.env, ...env }, timeout: 300_000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

before(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'lv-npm-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
  shipped = packed.files.map((f) => f.path);
  installed = path.join(work, 'node_modules/localvision');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', installed, '--strip-components=1']);
  for (const name of Object.keys(pkg.dependencies)) {
    mkdirSync(path.dirname(path.join(work, 'node_modules', name)), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', name), path.join(work, 'node_modules', name));
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball ships assemble and its tools, no models; every package its code imports is declared', () => {
  assert.ok(shipped.includes('models/assemble.mjs') && shipped.includes('models/manifest.json'));
  assert.ok(!shipped.some((f) => f.startsWith('models/dist/') || f.startsWith('models/.cache/')));
  const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
  const code = shipped.filter((f) => /\.m?js$/.test(f) && !f.startsWith('web/wasm/'));
  for (const file of code) {
    assert.deepEqual(importedPackages(path.join(installed, file)).filter((name) => !declared.has(name)), [], file);
  }
  assert.equal(pkg.peerDependenciesMeta['onnxruntime-node'].optional, true);
});

test('without models, analyze refuses to start (exit 2) and says how to get them', async () => {
  const { code, stdout, stderr } = await cli(['analyze', path.join(samples, 'chelsea.png')]);
  assert.equal(code, 2, stderr);
  assert.equal(stdout, '');
  assert.match(stderr, /^No models in .*node_modules\/localvision\/models\/dist: get them with `npx localvision models`/);
});

test('localvision models assembles the manifest\'s files; analyze then tags; serve and analyze --runtime node name onnxruntime-node, analyze falls back from a broken one', { skip: noMirror }, async () => {
  const out = path.join(work, 'my-models');
  const built = await cli(['models', '--out', out], { LOCALVISION_MODEL_MIRROR: mirror });
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stdout, /localvision models: built objects, .*classifier in/);
  for (const entry of manifest.models.flatMap((card) => [card, card.labels].filter(Boolean))) {
    assert.equal(sha256(path.join(out, entry.file)), entry.sha256, entry.file);
  }
  assert.equal(existsSync(path.join(installed, 'models/.cache')), false, 'no download cache left in the package');

  const analyzed = await cli(['analyze', path.join(samples, 'chelsea.png'), '--features', 'tags', '--models', out]);
  assert.equal(analyzed.code, 0, analyzed.stderr);
  assert.ok(JSON.parse(analyzed.stdout).tags.some((t) => t.name === 'cat'), analyzed.stdout);

  for (const args of [['serve', '--port', '0'], ['analyze', path.join(samples, 'chelsea.png'), '--runtime', 'node']]) {
    const refused = await cli([...args, '--models', out]);
    assert.equal(refused.code, 2, args[0]);
    assert.match(refused.stderr, /needs onnxruntime-node: npm install onnxruntime-node@1\.30\.0 \(offline: ONNXRUNTIME_NODE_INSTALL=skip /, args[0]);
  }

  // An onnxruntime-node that is installed but does not load (as one built for another libc):
  // analyze says so and runs onnxruntime-web; --runtime node refuses.
  const broken = path.join(work, 'node_modules/onnxruntime-node');
  mkdirSync(broken);
  writeFileSync(path.join(broken, 'package.json'), '{ "name": "onnxruntime-node", "version": "1.30.0", "main": "index.js" }\n');
  writeFileSync(path.join(broken, 'index.js'), "throw new Error('GLIBC_2.38 not found');\n");
  try {
    const fallback = await cli(['analyze', path.join(samples, 'chelsea.png'), '--features', 'objects', '--models', out]);
    assert.equal(fallback.code, 0, fallback.stderr);
    assert.match(fallback.stderr, /^onnxruntime-node is installed but does not load \(GLIBC_2\.38 not found\): running onnxruntime-web/);
    assert.ok(JSON.parse(fallback.stdout).objects.some((o) => o.object === 'cat'), fallback.stdout);
    const refused = await cli(['analyze', path.join(samples, 'chelsea.png'), '--runtime', 'node', '--models', out]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--runtime node: onnxruntime-node is installed but does not load \(GLIBC_2\.38 not found\)\. Reinstall it, or use --runtime web\./);
  } finally {
    rmSync(broken, { recursive: true });
  }
});
