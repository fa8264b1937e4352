#!/usr/bin/env node
// A small static server for the demo and the browser tests. It sends what a
// host of localvision should send: COOP/COEP (so the threaded build can run),
// CORP on every file, a strict CSP, and the right MIME types.
//   node demo/server.js [--port 8080] [--no-isolation]
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif',
  '.bmp': 'image/bmp', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.cur': 'image/x-icon', '.webp': 'image/webp',
  '.tif': 'image/tiff', '.tiff': 'image/tiff', '.mpo': 'image/jpeg',
};

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' blob: data:; style-src 'self'";

// Only these folders are served: the package, the models, the demo, tests' pages and samples.
const SERVED = ['web/', 'models/', 'demo/', 'tests/browser/pages/', '.cache/samples/', '.cache/fixtures/', 'node_modules/onnxruntime-web/dist/'];

function headersFor(file, { isolated }) {
  const headers = {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
  if (isolated) {
    headers['cross-origin-opener-policy'] = 'same-origin';
    headers['cross-origin-embedder-policy'] = 'require-corp';
  }
  if (file.endsWith('.html')) headers['content-security-policy'] = STRICT_CSP;
  return headers;
}

// `mounts` serves more folders: {'/app/': '/abs/folder'} (e.g. a bundled example app).
export function startServer({ port = 0, isolated = true, host = '127.0.0.1', mounts = {} } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let relative = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (relative === '' || relative === 'demo') {
      res.writeHead(302, { location: '/demo/', 'cross-origin-resource-policy': 'same-origin' });
      res.end();
      return;
    }
    if (relative.endsWith('/')) relative += 'index.html';
    const mount = Object.keys(mounts).find((prefix) => relative.startsWith(prefix.replace(/^\/+/, '')));
    const base = mount ? path.resolve(mounts[mount]) + path.sep : root;
    const file = path.join(base, mount ? relative.slice(mount.replace(/^\/+/, '').length) : relative);
    const allowed = file.startsWith(base) && (mount !== undefined || SERVED.some((dir) => relative.startsWith(dir)));
    const info = allowed ? await stat(file).catch(() => null) : null;
    if (!info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain', 'cross-origin-resource-policy': 'same-origin' });
      res.end('not found');
      return;
    }
    // A second visit revalidates (no-cache) and gets 304 for what did not change.
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...headersFor(file, { isolated }), etag });
      res.end();
      return;
    }
    res.writeHead(200, { ...headersFor(file, { isolated }), etag, 'content-length': info.size });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, 'no-isolation': { type: 'boolean' } } });
  const server = await startServer({ port: Number(values.port), isolated: !values['no-isolation'] });
  console.log(`localvision demo: http://127.0.0.1:${server.address().port}/demo/`);
}
