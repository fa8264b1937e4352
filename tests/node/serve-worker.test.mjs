// The worker pool of `localvision serve`, in this process so a test can
// kill a worker thread from outside (Worker.terminate(), as a crash would
// end it): the request it was running gets a 500 envelope, the worker is
// replaced and the next request is answered; a Read whose worker is killed
// before its 202 gets a 500 envelope. Also: Read results expire. (A worker
// killed while onnxruntime-node runs can abort the whole process, so the
// kills here land before any model runs.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { sample } from './helpers.mjs';
import { startServer } from '../../web/server/server.js';

let server;
const astronaut = sample('astronaut.png');
const chelsea = sample('chelsea.png');

before(async () => {
  server = await startServer({
    host: '127.0.0.1', port: 0, key: '', workers: 1, maxQueue: 2, allowUrl: false, maxImageBytes: 1 << 24,
    headersTimeoutMs: 5000, requestTimeoutMs: 10000, readTtlMs: 300,
  });
});

after(async () => {
  await server?.shutdown();
});

// A 2000x2000 PNG of a fine pattern: decoding it (and preparing the Read's
// first stage) keeps a worker busy for about a second before its 202.
function slowToDecode() {
  const png = new PNG({ width: 2000, height: 2000 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 7919) & 255;
  return PNG.sync.write(png);
}

// Terminates the worker running the one job in flight, as a crash would.
async function killBusyWorker() {
  while (server.pool.busyWorkers.length === 0) await new Promise((r) => setTimeout(r, 2));
  await server.pool.busyWorkers[0].terminate();
}

const post = (path, body) => fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });

test('a worker killed mid-request: that request gets a 500 envelope, the worker is replaced, the next request is answered', async () => {
  const dying = post('/vision/v3.2/analyze?visualFeatures=Tags,Description,Objects,Faces', astronaut);
  await killBusyWorker();
  const response = await dying;
  assert.equal(response.status, 500);
  const { error } = await response.json();
  assert.equal(error.code, 'InternalServerError');
  assert.doesNotMatch(error.message, /\bat\b.*\.js/);
  const next = await post('/vision/v3.2/tag', chelsea);
  assert.equal(next.status, 200);
  assert.ok((await next.json()).tags.some((t) => t.name === 'cat'));
});

test('an unread Read result expires', async () => {
  const started = await post('/vision/v3.2/read/analyze', chelsea);
  assert.equal(started.status, 202);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal((await fetch(started.headers.get('operation-location'))).status, 404);
});

test('a Read whose worker is killed before the 202: a 500 envelope', async () => {
  const dying = post('/vision/v3.2/read/analyze', slowToDecode());
  await killBusyWorker();
  const response = await dying;
  assert.equal(response.status, 500);
  assert.equal((await response.json()).error.code, 'InternalServerError');
});
