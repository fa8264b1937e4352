// Cards whose source is a URL (the classifier): `npm run models` takes the
// file from LOCALVISION_MODEL_MIRROR, else from the download cache, else
// downloads it; every copy is checked against the manifest before use.
// Downloads go to a local server only (never the real URL). ensureModels is
// synchronous (it downloads in a child process), so the server runs in a
// worker thread and counts requests in shared memory.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ensureModels, formatJson, readManifest, REPO_ROOT } from '../../../models/assemble.mjs';

const card = readManifest().models.find((c) => c.id === 'classifier');
/** The real file, from the shared mirror beside the repo (read only; copied where needed). */
const PAYLOAD = path.join(process.env.LOCALVISION_MODEL_MIRROR || path.join(REPO_ROOT, '..', 'shared', 'models'), card.source.mirrorPath);
const skip = !fs.existsSync(PAYLOAD) && `needs ${PAYLOAD}`;
const temps = [];

after(() => { for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true }); });

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lv-url-'));
  temps.push(dir);
  return dir;
}

/** A temp manifest with only the classifier card (url replaced), its own dist and cache. */
function tempSetup(url = 'http://127.0.0.1:9/unused.onnx') {
  const dir = tempDir();
  const edited = structuredClone(card);
  edited.source.url = url;
  const paths = { manifest: path.join(dir, 'manifest.json'), dist: path.join(dir, 'dist'), cache: path.join(dir, 'cache') };
  fs.writeFileSync(paths.manifest, formatJson({ schemaVersion: 1, models: [edited] }));
  return paths;
}

/** A mirror folder holding `bytes` at the card's mirrorPath. */
function tempMirror(bytes) {
  const dir = tempDir();
  const file = path.join(dir, card.source.mirrorPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return dir;
}

const SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const counts = new Int32Array(workerData.counts);
const good = fs.readFileSync(workerData.payload);
const wrong = Buffer.from(good); wrong[wrong.length >> 1] ^= 0xff;
const server = http.createServer((req, res) => {
  Atomics.add(counts, 0, 1);
  if (req.url === '/model.onnx') return res.end(good);
  if (req.url === '/wrong.onnx') return res.end(wrong);
  if (req.url === '/longer.onnx') return res.end(Buffer.concat([good, Buffer.alloc(10)]));
  if (req.url === '/chunked-longer.onnx') { res.write(good); return res.end(Buffer.alloc(10)); }
  if (req.url === '/redirect') { res.writeHead(302, { location: '/model.onnx' }); return res.end(); }
  res.writeHead(404); res.end();
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

/** { url(path), requests(), close() } for a server in a worker thread. */
async function startServer() {
  const counts = new SharedArrayBuffer(4);
  const worker = new Worker(SERVER, { eval: true, workerData: { payload: PAYLOAD, counts } });
  const port = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    requests: () => Atomics.load(new Int32Array(counts), 0),
    close: () => new Promise((resolve) => { worker.once('exit', resolve); worker.postMessage('close'); }),
  };
}

/** A URL nothing listens on. */
async function deadUrl() {
  const server = await startServer();
  const url = server.url('/model.onnx');
  await server.close();
  return url;
}

const sameFile = (a, b) => fs.readFileSync(a).equals(fs.readFileSync(b));
const distFile = (paths) => path.join(paths.dist, card.file);

test('url source: the card is in the manifest with url, mirrorPath and one file', () => {
  assert.ok(card, 'no classifier card');
  assert.equal(card.source.format, 'onnx');
  assert.match(card.source.url, /^https:\/\//);
  assert.equal(card.source.files.length, 1);
  assert.equal(card.source.files[0].sha256, card.sha256);
});

test('url source: a mirror holding the file is used and verified, no download', { skip }, async () => {
  const paths = tempSetup(await deadUrl());
  const mirror = tempMirror(fs.readFileSync(PAYLOAD));
  assert.deepEqual(ensureModels({ paths, mirror }), ['classifier']);
  assert.ok(sameFile(distFile(paths), PAYLOAD));
  assert.ok(fs.existsSync(path.join(paths.dist, card.labels.file)));
  assert.equal(fs.existsSync(path.join(paths.cache, 'downloads')), false);
  assert.deepEqual(ensureModels({ paths, mirror }), []);
});

test('url source: a mirror file with a wrong sha256 is refused, naming the card', { skip }, () => {
  const paths = tempSetup();
  const bytes = fs.readFileSync(PAYLOAD);
  bytes[100] ^= 1;
  const mirror = tempMirror(bytes);
  assert.throws(() => ensureModels({ paths, mirror }), /^Error: classifier: mirror file \(LOCALVISION_MODEL_MIRROR\) .*imagenet\/mobilenetv2-12-int8\.onnx has sha256 [0-9a-f]{64} \(3655640 bytes\), manifest expects 83530ad8/);
  assert.equal(fs.existsSync(distFile(paths)), false);
});

test('url source: without a mirror the file is downloaded (redirects followed), verified and cached', { skip }, async () => {
  const server = await startServer();
  try {
    const paths = tempSetup(server.url('/redirect'));
    const emptyMirror = tempDir();
    assert.deepEqual(ensureModels({ paths, mirror: emptyMirror }), ['classifier']);
    assert.equal(server.requests(), 2, 'redirect + file');
    assert.ok(sameFile(distFile(paths), PAYLOAD));
    const cached = fs.readdirSync(path.join(paths.cache, 'downloads'));
    assert.deepEqual(cached, [`${card.sha256.slice(0, 16)}-mobilenetv2-12-int8.onnx`], 'one cached file, no temp files left');

    assert.deepEqual(ensureModels({ paths, mirror: null }), [], 'dist up to date');
    fs.rmSync(paths.dist, { recursive: true });
    assert.deepEqual(ensureModels({ paths, mirror: null }), ['classifier'], 'rebuilt from the cache');
    assert.equal(server.requests(), 2, 'no new request');
    assert.ok(sameFile(distFile(paths), PAYLOAD));
  } finally {
    await server.close();
  }
});

test('url source: a plain download works too', { skip }, async () => {
  const server = await startServer();
  try {
    const paths = tempSetup(server.url('/model.onnx'));
    assert.deepEqual(ensureModels({ paths, mirror: null }), ['classifier']);
    assert.equal(server.requests(), 1);
    assert.ok(sameFile(distFile(paths), PAYLOAD));
  } finally {
    await server.close();
  }
});

test('url source: wrong or too many bytes from the server are refused, nothing written', { skip }, async () => {
  const server = await startServer();
  try {
    for (const [file, reason] of [
      ['/wrong.onnx', /got sha256 [0-9a-f]{64} \(3655640 bytes\), the manifest expects 83530ad8/], ['/longer.onnx', /server announces 3655650 bytes, the manifest expects 3655640/],
      ['/chunked-longer.onnx', /more than the 3655640 bytes the manifest expects/],
      ['/missing.onnx', /HTTP 404/]]) {
      const paths = tempSetup(server.url(file));
      assert.throws(() => ensureModels({ paths, mirror: null }), (error) => {
        if (file === '/wrong.onnx') console.log(error.message);
        assert.match(error.message, /^classifier: cannot get mobilenetv2-12-int8\.onnx\./);
        assert.match(error.message, reason);
        return true;
      });
      assert.equal(fs.existsSync(distFile(paths)), false, `${file}: dist`);
      assert.deepEqual(fs.readdirSync(path.join(paths.cache, 'downloads')), [], `${file}: cache`);
    }
  } finally {
    await server.close();
  }
});

test('url source: neither mirror nor download is a clear error naming card, mirror path and URL', async () => {
  const url = await deadUrl();
  const paths = tempSetup(url);
  const mirror = tempDir();
  const expectedMirrorFile = path.join(mirror, card.source.mirrorPath);
  assert.throws(() => ensureModels({ paths, mirror }), (error) => {
    console.log(error.message);
    assert.match(error.message, /^classifier: cannot get mobilenetv2-12-int8\.onnx\./);
    assert.ok(error.message.includes(`Mirror: ${expectedMirrorFile} does not exist.`), error.message);
    assert.ok(error.message.includes(`Download from ${url} failed: fetch failed: ECONNREFUSED`), error.message);
    assert.match(error.message, /Set LOCALVISION_MODEL_MIRROR to a folder holding imagenet\/mobilenetv2-12-int8\.onnx .*or give this machine internet access\.$/);
    return true;
  });
  assert.throws(() => ensureModels({ paths, mirror: null }), /Mirror: LOCALVISION_MODEL_MIRROR is not set\./);
  assert.equal(fs.existsSync(distFile(paths)), false);
});
