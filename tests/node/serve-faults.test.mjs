// `localvision serve` under hostile or unlucky clients, over raw HTTP and
// TCP: malformed HTTP, slow-loris headers, a 1 GB Content-Length (with and
// without Expect: 100-continue), a full queue, SSRF URLs, wrong keys,
// paths, methods and media types, then SIGTERM with a request in flight. One spawned server (1 worker, queue of 1) for the whole file;
// the SIGTERM test is last.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { sample } from './helpers.mjs';
import { KEY, spawnServer, stopServer } from './serve-helpers.mjs';

let server;
const chelsea = sample('chelsea.png');
const astronaut = sample('astronaut.png');
const ALL_V32 = 'Categories,Tags,Description,Faces,ImageType,Color,Adult,Objects,Brands';

before(async () => {
  server = await spawnServer(['--workers', '1', '--max-queue', '1', '--headers-timeout', '2', '--request-timeout', '4', '--allow-url']);
});

after(async () => {
  if (server) await stopServer(server);
});

function request(path, { body, key = KEY, type = 'application/octet-stream', method = 'POST', headers = {} } = {}) {
  return fetch(`${server.url}${path}`, {
    method, body, headers: { ...(type ? { 'content-type': type } : {}), ...(key ? { 'ocp-apim-subscription-key': key } : {}), ...headers },
  });
}

async function envelope(response) {
  const text = await response.text();
  assert.doesNotMatch(text, /\n\s+at |node:internal|\.js:\d+/, 'no stack trace');
  return JSON.parse(text).error;
}

// Sends raw bytes on a new connection; resolves with everything the server wrote once it closes.
function rawExchange(text) {
  const socket = net.connect(new URL(server.url).port, '127.0.0.1');
  socket.write(text);
  let received = '';
  socket.on('data', (d) => { received += d; });
  return { socket, closed: once(socket, 'close').then(() => received) };
}

// The head of a POST of image bytes to /tag with the key, declaring `length` bytes; `extra`: more header lines.
const postHead = (length, extra = '') => `POST /vision/v3.2/tag HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: ${KEY}\r\n` +
  `Content-Type: application/octet-stream\r\nContent-Length: ${length}\r\n${extra}\r\n`;

// The JSON body of one raw HTTP response.
const bodyOf = (response) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

test('every response carries a fresh apim-request-id, errors included', async () => {
  const responses = [await request('/vision/v3.2/tag', { body: chelsea }), await request('/vision/v3.2/tag', { body: chelsea, key: 'nope' })];
  const ids = responses.map((r) => r.headers.get('apim-request-id'));
  for (const id of ids) assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(ids[0], ids[1]);
  await Promise.all(responses.map((r) => r.arrayBuffer()));
});

test('malformed HTTP gets Azure\'s envelope (400 InvalidRequest) and the connection closes', async () => {
  const response = await rawExchange(postHead('99999999999999999999999')).closed;
  assert.match(response, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.match(response, /\r\nConnection: close\r\n/i);
  assert.match(response, /\r\napim-request-id: [0-9a-f-]{36}\r\n/);
  const { error } = bodyOf(response);
  assert.equal(error.code, 'InvalidRequest');
  assert.ok(error.message.length > 0);
});

test('a wrong or missing key gets 401, unknown paths 404, wrong methods 405, other media types 415', async () => {
  const wrong = await request('/vision/v3.2/tag', { body: chelsea, key: 'nope' });
  assert.equal(wrong.status, 401);
  assert.equal((await envelope(wrong)).code, '401');
  assert.equal((await request('/vision/v3.2/tag', { body: chelsea, key: null })).status, 401);
  const missing = await request('/vision/v3.2/nothing', { body: chelsea });
  assert.equal(missing.status, 404);
  assert.equal((await envelope(missing)).code, '404');
  const method = await request('/vision/v3.2/tag', { method: 'GET', type: null });
  assert.equal(method.status, 405);
  assert.equal(method.headers.get('allow'), 'POST');
  const media = await request('/vision/v3.2/tag', { body: 'x', type: 'text/plain' });
  assert.equal(media.status, 415);
  assert.equal((await envelope(media)).innererror.code, 'UnsupportedMediaType');
});

test('multipart/form-data carries the image; a JSON URL to this machine or a private network is refused (SSRF)', async () => {
  const form = new FormData();
  form.append('file', new Blob([chelsea]), 'chelsea.png');
  const tagged = await request('/vision/v3.2/tag', { body: form, type: null });
  assert.equal(tagged.status, 200);
  assert.ok((await tagged.json()).tags.some((t) => t.name === 'cat'));
  for (const url of [`${server.url}/vision/v3.2/models`, 'http://localhost:9/a.jpg', 'http://169.254.169.254/latest/meta-data',
    'http://[::1]/a.jpg', 'http://10.0.0.1/a.jpg', 'http://[::ffff:127.0.0.1]/a.jpg', 'file:///etc/passwd']) {
    const response = await request('/vision/v3.2/tag', { body: JSON.stringify({ url }), type: 'application/json' });
    assert.equal(response.status, 400, url);
    assert.equal((await envelope(response)).innererror.code, 'InvalidImageUrl', url);
  }
});

test('a 1 GB Content-Length is refused with 413 before its body is read; the connection closes', async () => {
  const started = performance.now();
  const { socket, closed } = rawExchange(postHead(1073741824));
  const head = await new Promise((resolve) => socket.once('data', (d) => resolve(String(d))));
  assert.match(head, /^HTTP\/1\.1 413 /);
  assert.match(head, /\r\nConnection: close\r\n/i);
  assert.match(head, /"innererror":\{"code":"InvalidImageSize"/);
  assert.ok(performance.now() - started < 1000, 'answered at once');
  socket.write(Buffer.alloc(64 * 1024));  // body bytes still coming are discarded, never read as a request
  socket.end();
  assert.doesNotMatch(await closed, /HTTP\/1\.1 (?!413)/, 'one answer only');
});

test('Expect: 100-continue: an oversize body gets 413 and no 100 Continue; a good one gets 100, then its answer', async () => {
  const refused = await rawExchange(postHead(1073741824, 'Expect: 100-continue\r\n')).closed;
  assert.match(refused, /^HTTP\/1\.1 413 /);
  assert.doesNotMatch(refused, /100 Continue/);
  assert.equal(bodyOf(refused).error.innererror.code, 'InvalidImageSize');

  const { socket, closed } = rawExchange(postHead(chelsea.length, 'Expect: 100-continue\r\nConnection: close\r\n'));
  const interim = await new Promise((resolve) => socket.once('data', (d) => resolve(String(d))));
  assert.equal(interim, 'HTTP/1.1 100 Continue\r\n\r\n');
  socket.write(chelsea);
  const answer = await closed;
  assert.match(answer, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
  assert.ok(bodyOf(answer.slice(interim.length)).tags.some((t) => t.name === 'cat'));
});

test('a slow-loris client trickling headers is cut off and never holds the worker', async () => {
  const { socket, closed } = rawExchange('POST /vision/v3.2/tag HTTP/1.1\r\nHost: x\r\n');
  const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 300);
  const started = performance.now();
  try {
    const meanwhile = await request('/vision/v3.2/tag', { body: chelsea });
    assert.equal(meanwhile.status, 200, 'the worker stays free');
    const answer = await closed;
    assert.ok(performance.now() - started < 5000, `closed after ${performance.now() - started} ms`);
    assert.match(answer, /^(HTTP\/1\.1 408 |$)/);
  } finally {
    clearInterval(trickle);
  }
});

test('a full queue gets 429 with Retry-After; the rest are answered', async () => {
  const responses = await Promise.all(Array.from({ length: 5 }, () => request(`/vision/v3.2/analyze?visualFeatures=${ALL_V32}`, { body: astronaut })));
  const statuses = responses.map((r) => r.status);
  assert.ok(statuses.filter((s) => s === 200).length >= 2, String(statuses));
  const throttled = responses.filter((r) => r.status === 429);
  assert.ok(throttled.length >= 1, String(statuses));
  assert.match(throttled[0].headers.get('retry-after'), /^[1-9]\d*$/);
  assert.equal((await envelope(throttled[0])).code, '429');
  assert.ok(statuses.every((s) => s === 200 || s === 429), String(statuses));
});

test('nothing about requests or images was logged', () => {
  assert.equal(server.stderr(), '');
  assert.equal(server.stdout(), `listening on ${server.url}\n`);
});

test('SIGTERM: the request in flight finishes, new ones get 503, then the process exits 0', async () => {
  const inFlight = request(`/vision/v3.2/analyze?visualFeatures=${ALL_V32}`, { body: astronaut });
  await new Promise((r) => setTimeout(r, 150));
  server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 50));
  const late = await request('/vision/v3.2/tag', { body: chelsea });
  assert.equal(late.status, 503);
  assert.equal((await envelope(late)).code, '503');
  const finished = await inFlight;
  assert.equal(finished.status, 200);
  assert.ok((await finished.json()).tags.length > 0);
  const [code] = await once(server.child, 'exit');
  assert.equal(code, 0);
});
