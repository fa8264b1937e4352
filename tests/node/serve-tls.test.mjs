// `localvision serve --tls-cert --tls-key`: HTTPS, so the 4.0 SDK needs no
// allowInsecureConnection and the user's code changes only its endpoint.
// A throwaway self-signed certificate for localhost and 127.0.0.1 is made
// with openssl; the SDK clients run in a child process that trusts it
// through NODE_EXTRA_CA_CERTS, as a user would.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createAnalyzer } from '../../web/node.js';
import { linesOf, samples, sample } from './helpers.mjs';
import { KEY, spawnServer, stopServer } from './serve-helpers.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'lv-serve-tls-'));
const cert = path.join(dir, 'cert.pem'), key = path.join(dir, 'key.pem');
const CLIENT = new URL('./serve-sdk-client.mjs', import.meta.url).pathname;
let server, analyzer;

// A certificate and key that do not match, made on demand.
function otherKey() {
  const other = path.join(dir, 'other-key.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', other], { stdio: 'ignore' });
  return other;
}

before(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  server = await spawnServer(['--workers', '1', '--tls-cert', cert, '--tls-key', key]);
  analyzer = await createAnalyzer({ ort: createRequire(import.meta.url)('onnxruntime-node'), build: 'single', numThreads: 1 });
});

after(async () => {
  analyzer?.dispose();
  if (server) assert.equal(await stopServer(server), 0);
});

// Runs serve-sdk-client.mjs (v4.0 or v3.2) on a sample image; resolves to what the SDK returned.
async function sdkClient(version, image) {
  const { stdout } = await promisify(execFile)(process.execPath, [CLIENT, version, server.url, path.join(samples, image)], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: cert, AZURE_VISION_KEY: KEY },
  });
  return JSON.parse(stdout);
}

const withoutRequestId = ({ requestId, ...rest }) => rest;

test('serve prints an https address and nothing else; an untrusting client refuses the certificate', async () => {
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(server.stdout(), `listening on ${server.url}\n`);
  await assert.rejects(fetch(`${server.url}/vision/v3.2/models`), (error) => /CERT/.test(error.cause?.code));
});

test('4.0 SDK, without allowInsecureConnection: the same result as analyzer.analyze', async () => {
  const { status, body } = await sdkClient('v4.0', 'chelsea.png');
  assert.equal(status, '200');
  const expected = await analyzer.analyze(sample('chelsea.png'), { format: 'azure-v4.0', features: ['tags', 'caption'] });
  assert.deepEqual(withoutRequestId(body), withoutRequestId(expected));
  assert.match(body.captionResult.text, /cat/);
});

test('v3.2 SDK: tags, and a Read operation whose Operation-Location is https', async () => {
  const result = await sdkClient('v3.2', 'page.png');
  const image = sample('page.png');
  assert.deepEqual(result.tags, (await analyzer.analyze(image, { format: 'azure-v3.2', features: ['tags'] })).tags);
  assert.match(result.operationLocation, new RegExp(`^${server.url}/vision/v3.2/read/analyzeResults/`));
  assert.equal(result.status, 'succeeded');
  assert.deepEqual(result.lines, linesOf(await analyzer.analyze(image, { features: ['read'] })));
  assert.equal(server.stderr(), '', 'nothing logged');
});

test('--tls-cert without --tls-key, an unreadable or wrong file, a key of another certificate: a usage error naming it', async () => {
  const refusals = [
    [['--tls-cert', cert], /--tls-cert and --tls-key go together/],
    [['--tls-key', key], /--tls-cert and --tls-key go together/],
    [['--tls-cert', path.join(dir, 'missing.pem'), '--tls-key', key], /--tls-cert \S*missing\.pem: cannot read it \(ENOENT/],
    [['--tls-cert', key, '--tls-key', key], new RegExp(`--tls-cert ${key}: not a PEM certificate`)],
    [['--tls-cert', cert, '--tls-key', cert], new RegExp(`--tls-key ${cert}: not a PEM private key`)],
    [['--tls-cert', cert, '--tls-key', otherKey()], /other-key\.pem is not the private key of --tls-cert/],
  ];
  for (const [args, message] of refusals) {
    const error = await spawnServer(args).then(async (s) => { await stopServer(s); assert.fail(`served with ${args}`); }, (e) => e);
    assert.match(error.message, /^serve exited \(2\) before listening/);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n\s+at |PRIVATE KEY/, 'no stack trace, no key material');
  }
});
