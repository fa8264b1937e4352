// localvision against the peer @vladmandic/human, side by side in one run:
// the same 32 dev photos (../shared/eval-dev), the same task (objects and
// faces), end to end from the file bytes (decode included for both).
//   node bench/peer.mjs [--skip-node] [--skip-browser]
//     [--configs lv-web1,lv-web2,lv-node,human-wasm1,human-wasm2] [--libs localvision,human,ort] [--threads 2]
// The peer is not a dependency of this package: this script installs it,
// pinned, into .cache/bench-peer with npm, and loads its models from disk.
// Needs: bash scripts/build.sh, npm run models, and /usr/bin/chromium for
// the browser half.
//
// Node: each configuration runs in its own process (ORT-web and tfjs-wasm
// fix their thread count when they start). The processes start one after
// the other (the cold first result is measured alone), then the images are
// run interleaved: image i in every configuration before image i+1.
// Chromium: a page per library and visit, served by this script with
// COOP/COEP; a second visit in the same profile finds the HTTP cache warm.
// There `ort` is the floor onnxruntime-web sets (ort-alone.mjs: its import
// and start, the detectors' sessions and one run of each on our inputs for
// the first photo), in a worker as localvision's; its first visit runs those
// inputs once per photo (V8 then caches as much of ORT's code as for the
// others), so its per-image figure is ORT's runs alone, without a decode.
import { execFileSync, fork } from 'node:child_process';
import fs, { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './median.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);
const PEER = {
  human: '3.3.6',            // @vladmandic/human: ships blazeface and centernet in its models/
  tfjs: '4.22.0',            // the tfjs that human 3.3.6 was built against (its dist/tfjs.version.js)
};
const peerDir = path.join(root, '.cache/bench-peer');
const peerModules = path.join(peerDir, 'node_modules');
const evalDev = process.env.LOCALVISION_EVAL_DEV || path.join(root, '../shared/eval-dev');
const FEATURES = ['objects', 'faces'];

const { values } = parseArgs({ options: {
  child: { type: 'string' }, first: { type: 'string' },
  'skip-node': { type: 'boolean' },
  'skip-browser': { type: 'boolean' },
  configs: { type: 'string' },  // Node configurations to run (default: all)
  libs: { type: 'string', default: 'localvision,human,ort' },  // libraries in Chromium
  threads: { type: 'string', default: '2' },  // threads in Chromium
} });

const images = () => readdirSync(evalDev).filter((f) => /\.jpe?g$/i.test(f)).sort();
const mb = (bytes) => (bytes / 1e6).toFixed(1);

// The peer, pinned, in its own folder: never in package.json.
function installPeer() {
  const have = (name, version) => {
    try { return JSON.parse(readFileSync(path.join(peerModules, name, 'package.json'), 'utf8')).version === version; } catch { return false; }
  };
  const wanted = { '@vladmandic/human': PEER.human, '@tensorflow/tfjs-core': PEER.tfjs, '@tensorflow/tfjs-converter': PEER.tfjs, '@tensorflow/tfjs-backend-wasm': PEER.tfjs };
  if (Object.entries(wanted).every(([n, v]) => have(n, v))) return;
  fs.mkdirSync(peerDir, { recursive: true });
  if (!existsSync(path.join(peerDir, 'package.json'))) fs.writeFileSync(path.join(peerDir, 'package.json'), '{ "private": true }\n');
  console.error(`installing the peer into ${path.relative(root, peerDir)} ...`);
  execFileSync('npm', ['install', '--prefix', peerDir, '--no-audit', '--no-fund', '--save-exact',
    ...Object.entries(wanted).map(([n, v]) => `${n}@${v}`)], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// ---------------------------------------------------------------- Node child

const shortName = (file) => (file.includes('node_modules/') ? file.slice(file.lastIndexOf('node_modules/')) : path.relative(root, file));

// Counts the bytes of model and wasm files this process reads.
function countReads() {
  const counted = { bytes: 0, files: new Set() };
  const note = (file, size) => {
    const name = String(file instanceof URL ? fileURLToPath(file) : file);
    if (!/\.(onnx|ort|wasm|bin|json|txt)$/.test(name) || name.endsWith('package.json')) return;
    counted.bytes += size;
    counted.files.add(shortName(name));
  };
  const { readFile, readFileSync: readSync } = fs;
  const readP = fs.promises.readFile;
  fs.readFileSync = function (file, ...rest) { const out = readSync.call(this, file, ...rest); if (typeof file !== 'number') note(file, out.length); return out; };
  fs.promises.readFile = async function (file, ...rest) { const out = await readP.call(this, file, ...rest); if (typeof file !== 'number' && typeof file?.fd !== 'number') note(file, out.length); return out; };
  fs.readFile = function (file, ...rest) {
    const cb = rest.pop();
    return readFile.call(this, file, ...rest, (err, out) => { if (!err && typeof file !== 'number') note(file, out.length); cb(err, out); });
  };
  syncBuiltinESMExports();
  return counted;
}

// localvision: bytes in, JSON out (decode inside, in our wasm).
async function localvisionRunner({ ortName, numThreads }) {
  const { createAnalyzer } = await import('../web/node.js');
  const ort = ortName === 'node' ? require('onnxruntime-node') : undefined;
  const analyzer = await createAnalyzer({ ...(ort ? { ort } : {}), numThreads });
  return async (bytes) => {
    const r = await analyzer.analyze(bytes, { features: FEATURES });
    return { objects: (r.objects ?? []).map((o) => o.object), objectResult: r.objects ?? [], faces: (r.faces ?? []).length };
  };
}

// human: tfjs-backend-wasm; in Node its input must be a tensor, so the JPEG
// is decoded with jpeg-js (pure JS: human's own Node decode needs tfjs-node).
async function humanRunner({ numThreads }) {
  const peerRequire = createRequire(path.join(peerModules, 'index.js'));
  const tf = peerRequire('@tensorflow/tfjs-core');
  const wasm = peerRequire('@tensorflow/tfjs-backend-wasm');
  const { Human } = peerRequire(path.join(peerModules, '@vladmandic/human/dist/human.node-wasm.js'));
  const jpeg = require('jpeg-js');
  // Without tfjs-node, tfjs has no file:// loader: models are read from disk here.
  tf.io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    return {
      async load() {
        const file = fileURLToPath(url);
        const json = JSON.parse(fs.readFileSync(file, 'utf8'));
        const weightSpecs = [], parts = [];
        for (const group of json.weightsManifest) {
          weightSpecs.push(...group.weights);
          for (const p of group.paths) parts.push(fs.readFileSync(path.join(path.dirname(file), p)));
        }
        const all = Buffer.concat(parts);
        return { modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
          signature: json.signature, userDefinedMetadata: json.userDefinedMetadata, weightSpecs,
          weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.length) };
      },
    };
  });
  // tfjs-backend-wasm turns threads off under Node (its flag answers false
  // there). Asked for more, the flag is forced on, and the Blob URLs its
  // threaded build makes for its workers (Node's workers cannot load blob:
  // URLs) become temporary files.
  if (numThreads > 1) {
    // tfjs caps XNNPACK's threads at half the logical cores (1 on a 2-core
    // machine): it is told of twice as many so that it may use the threads asked.
    const os = require('node:os'), cpus = os.cpus;
    os.cpus = () => { const real = cpus(); return real.length >= 2 * numThreads ? real : [...real, ...real]; };
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    const dir = mkdtempSync(path.join(tmpdir(), 'lv-peer-blobs-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    let n = 0, mainScript;
    const toFile = (source) => { const file = path.join(dir, `blob-${n++}.js`); fs.writeFileSync(file, source); return file; };
    globalThis.Blob = class TextBlob extends Blob {
      constructor(parts = [], options) {
        super(parts, options);
        if (!parts.every((p) => typeof p === 'string')) return;
        this.source = parts.join('');
        // The main script, which each worker loads from a Blob of its own.
        // It was cut out of tfjs's Node bundle: the bundle's names it uses are given back.
        if (this.source.startsWith('var WasmBackendModuleThreadedSimd')) {
          mainScript = toFile(`var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), require$$4 = require('os');
var __filename = ${JSON.stringify(path.join(dir, 'main.js'))}, __dirname = ${JSON.stringify(dir)}, commonjsGlobal = globalThis;
${this.source}`);
        }
      }
    };
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob) => (blob.source === undefined ? createObjectURL(blob)
      : toFile(blob.source.replace('URL.createObjectURL(e.data.urlOrBlob)', JSON.stringify(mainScript)).replace('URL.revokeObjectURL(objectUrl)', '0')));
  }
  wasm.setThreadsCount(numThreads);
  const human = new Human(humanConfig({
    wasmPath: path.join(peerModules, '@tensorflow/tfjs-backend-wasm/dist') + '/',
    modelBasePath: pathToFileURL(path.join(peerModules, '@vladmandic/human/models')).href + '/',
  }));
  await human.load();
  const run = async (bytes) => {
    const t0 = performance.now();
    const { data, width, height } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 2048 });
    const decodeMs = performance.now() - t0;
    const input = tf.tensor4d(data, [1, height, width, 3], 'int32');
    const r = await human.detect(input);
    tf.dispose(input);
    if (r.error) throw new Error(`human: ${r.error}`);
    return { objects: r.object.map((o) => o.label), faces: r.face.length, decodeMs };
  };
  run.note = `tfjs reports ${wasm.getThreadsCount()} thread(s), ${human.tf.getBackend()}`;
  return run;
}

// human with objects (centernet) and face detection (blazeface) only.
function humanConfig(paths) {
  const off = { enabled: false };
  return {
    backend: 'wasm', ...paths, debug: false, warmup: 'none', async: true, cacheSensitivity: 0,
    filter: off, gesture: off, body: off, hand: off, segmentation: off,
    face: { enabled: true, detector: { rotation: false, maxDetected: 20, skipFrames: 0, skipTime: 0, return: false },
      mesh: off, iris: off, emotion: off, description: off, antispoof: off, liveness: off, attention: off },
    object: { enabled: true, skipFrames: 0, skipTime: 0 },
  };
}

const NODE_CONFIGS = {
  'lv-web1': { lib: 'localvision', label: 'localvision, ort-web, 1 thread', ortName: 'web', numThreads: 1 },
  'lv-web2': { lib: 'localvision', label: 'localvision, ort-web, 2 threads', ortName: 'web', numThreads: 2 },
  'lv-node': { lib: 'localvision', label: 'localvision, onnxruntime-node (2 threads)', ortName: 'node', numThreads: 2 },
  'human-wasm1': { lib: 'human', label: 'human, tfjs-backend-wasm, 1 thread', numThreads: 1 },
  'human-wasm2': { lib: 'human', label: 'human, tfjs-backend-wasm, 2 threads', numThreads: 2 },
};

async function child(name) {
  const config = NODE_CONFIGS[name];
  const counted = countReads();
  const first = values.first;
  const run = await (config.lib === 'human' ? humanRunner(config) : localvisionRunner(config));
  const firstBytes = readFileSync(first);
  await run(firstBytes);
  // performance.now() counts from this process's start: nothing was loaded then.
  const cold = performance.now();
  let extra = 0;
  if (config.ortName === 'node') {
    // onnxruntime-node's native libraries are mapped, not read: count the files mapped.
    const mapped = new Set(readFileSync('/proc/self/maps', 'utf8').split('\n').map((l) => l.split(/\s+/)[5]).filter((f) => f?.includes('onnxruntime-node')));
    for (const f of mapped) { extra += statSync(f).size; counted.files.add(`${shortName(f)} (mapped)`); }
  }
  process.send({ type: 'ready', cold, note: run.note });
  process.on('message', async (msg) => {
    if (msg.type === 'run') {
      const bytes = readFileSync(path.join(evalDev, msg.file));
      const t0 = performance.now();
      const out = await run(bytes);
      const ms = performance.now() - t0;
      delete out.objectResult;
      process.send({ type: 'result', ms, ...out });
    } else if (msg.type === 'end') {
      process.send({ type: 'stats', peakRss: process.resourceUsage().maxRSS * 1024, bytes: counted.bytes + extra, files: [...counted.files] });
      process.exit(0);  // ORT-web's worker threads would keep Node alive
    }
  });
}

function startChild(name, first) {
  const proc = fork(fileURLToPath(import.meta.url), ['--child', name, '--first', first], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  proc.stdout.on('data', (d) => { if (process.env.PEER_DEBUG) process.stdout.write(d); });  // human's log lines
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (process.env.PEER_DEBUG) process.stderr.write(d); });
  const waiting = [];
  proc.on('message', (msg) => waiting.shift()?.resolve(msg));
  proc.on('exit', (code) => { for (const w of waiting.splice(0)) w.reject(new Error(`${name} exited with ${code}`)); });
  const next = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  // The first line of the error a child died of.
  const firstError = () => (stderr.match(/^\w*Error.*$/m)?.[0] ?? stderr.trim().split('\n').pop() ?? '').slice(0, 200);
  return { name, pid: proc.pid, next, stderr: firstError, ask: (msg) => { const p = next(); proc.send(msg); return p; } };
}

// Resolves once process `pid` has used under 20 ms of CPU in 0.5 s (at
// most 30 s): a ready process still compiles its wasm in the background
// (V8 tiering up), which took a core from the next one's cold start.
async function quiet(pid) {
  const cpuMs = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
  const until = Date.now() + 30000;
  for (let last = cpuMs(); Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuMs();
    if (now - last < 20) return;
    last = now;
  }
}

async function benchNode(files) {
  const out = {};
  const procs = [];
  for (const name of values.configs?.split(',') ?? Object.keys(NODE_CONFIGS)) {  // one at a time: cold start alone on the machine
    const p = startChild(name, path.join(evalDev, files[0]));
    const ready = await p.next().catch((e) => ({ error: e.message }));
    if (ready.error) { out[name] = { error: p.stderr() }; console.error(`  ${name}: ${ready.error}`); continue; }
    out[name] = { cold: ready.cold, note: ready.note, ms: [], decode: [], perImage: {} };
    procs.push(p);
    console.error(`  ${name}: first result ${ready.cold.toFixed(0)} ms`);
    await quiet(p.pid);
  }
  for (const [i, file] of files.entries()) {  // interleaved, starting at a different configuration each image
    for (let k = 0; k < procs.length; k++) {
      const p = procs[(i + k) % procs.length];
      const r = await p.ask({ type: 'run', file });
      out[p.name].ms.push(r.ms);
      if (r.decodeMs !== undefined) out[p.name].decode.push(r.decodeMs);
      out[p.name].perImage[file] = { objects: r.objects, faces: r.faces };
    }
  }
  for (const p of procs) Object.assign(out[p.name], await p.ask({ type: 'end' }));
  return out;
}

// ---------------------------------------------------------------- Chromium

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
  '.wasm': 'application/wasm', '.jpg': 'image/jpeg', '.bin': 'application/octet-stream', '.onnx': 'application/octet-stream' };

// Serves the repo's web/, models/, onnxruntime-web, the peer, the photos and
// `inputs` (ORT alone's, writeOrtAloneInputs),
// cacheable (max-age) and cross-origin isolated; counts the bytes it sends.
function startBenchServer(inputs) {
  const mounts = {
    '/inputs/': inputs,
    '/web/': path.join(root, 'web'), '/models/': path.join(root, 'models'), '/bench/': path.join(root, 'bench'),
    '/ort/': path.join(root, 'node_modules/onnxruntime-web/dist'), '/peer/': peerModules, '/photos/': evalDev,
  };
  const stats = { bytes: 0, requests: 0 };
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(mounts).find((m) => pathname.startsWith(m));
    const file = prefix && path.join(mounts[prefix], pathname.slice(prefix.length));
    let size = -1;
    try { if (file.startsWith(mounts[prefix])) size = statSync(file).isFile() ? statSync(file).size : -1; } catch {}
    const common = { 'cross-origin-resource-policy': 'same-origin', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    if (size < 0) { res.writeHead(404, common); res.end(); return; }
    // Photos are the input, not the download: they are not counted, nor
    // ORT alone's stand-in for one (its models, float32, are).
    if (prefix !== '/photos/' && pathname !== '/inputs/requests.bin') { stats.bytes += size; stats.requests++; }
    if (process.env.PEER_DEBUG) console.error(`    served ${pathname} ${size}`);
    res.writeHead(200, { ...common, 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'content-length': size,
      'cache-control': pathname.endsWith('.html') ? 'no-cache' : 'max-age=3600' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, stats, port: server.address().port })));
}

async function benchBrowser(files) {
  const libs = values.libs.split(',');
  const inputs = mkdtempSync(path.join(tmpdir(), 'lv-peer-inputs-'));
  try {
    if (libs.includes('ort')) {
      const { writeOrtAloneInputs } = await import('./core-module.mjs');
      await writeOrtAloneInputs(inputs, path.join(evalDev, files[0]), FEATURES);
    }
    return await visitAll(libs, files, inputs);
  } finally {
    rmSync(inputs, { recursive: true, force: true });
  }
}

// Two visits per library, each library in a Chromium profile of its own.
async function visitAll(libs, files, inputs) {
  const { chromium } = await import('playwright-core');
  const { server, stats, port } = await startBenchServer(inputs);
  const origin = `http://127.0.0.1:${port}`;
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const out = {};
  const profiles = {};
  const contexts = {};
  try {
    for (const lib of libs) {
      profiles[lib] = mkdtempSync(path.join(tmpdir(), 'lv-peer-'));
      contexts[lib] = await chromium.launchPersistentContext(profiles[lib], { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args });
      out[lib] = {};
    }
    // Visit 1 of each (cold, all photos), then visit 2 of each (HTTP cache warm, first photo).
    for (const visit of [1, 2]) {
      for (const lib of libs) {
        const page = await contexts[lib].newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        const before = stats.bytes;
        const list = visit === 1 ? files : files.slice(0, 1);
        await page.goto(`${origin}/bench/peer.html?lib=${lib}&threads=${values.threads}&files=${encodeURIComponent(list.join(','))}`);
        const result = await page.waitForFunction(() => window.benchDone, null, { timeout: 15 * 60_000, polling: 500 })
          .then((h) => h.jsonValue()).catch((e) => ({ error: `${e.message}; ${errors.join('; ')}` }));
        if (result.error) throw new Error(`${lib} visit ${visit}: ${result.error}`);
        out[lib][`visit${visit}`] = { ...result, served: stats.bytes - before };
        await page.close();
        const steps = result.phases.steps ? `; ${Object.entries(result.phases.steps).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}` : '';
        const started = lib === 'ort' ? '' : `imported ${result.phases.imported.toFixed(0)} ms, models ready ${result.phases.ready.toFixed(0)} ms, `;
        console.error(`  chromium ${lib} visit ${visit}: ${started}first result ${result.cold.toFixed(0)} ms${steps}`);
      }
    }
  } finally {
    for (const lib of Object.keys(contexts)) await contexts[lib].close();
    for (const p of Object.values(profiles)) rmSync(p, { recursive: true, force: true });
    server.close();
  }
  return out;
}

// ---------------------------------------------------------------- report

function quality(perImage, files, { scoreImage, readTruth }) {
  const truth = readTruth();
  let objectsMet = 0, objectsTotal = 0, facesMet = 0, nObjects = 0, nFaces = 0;
  const detail = {};
  for (const file of files) {
    const t = truth[file];
    const r = perImage[file];
    if (!t || !r) continue;
    const shaped = { objects: r.objects.map((o) => ({ object: o })), faces: Array.from({ length: r.faces }), tags: [] };
    const { core } = scoreImage(shaped, t);
    for (const c of core) {
      if (c.fact.startsWith('object')) { objectsTotal++; if (c.holds) objectsMet++; }
      if (c.fact.startsWith('faces') && c.holds) facesMet++;
    }
    nObjects += r.objects.length;
    nFaces += r.faces;
    detail[file] = { objects: r.objects.length, faces: r.faces, facesRange: [t.core.faces_min, t.core.faces_max] };
  }
  return { objectsMet, objectsTotal, facesMet, nObjects, nFaces, detail };
}

async function main() {
  installPeer();
  const files = images();
  const node = values['skip-node'] ? null : (console.error('Node:'), await benchNode(files));
  let browser = null, browserError = null;
  if (!values['skip-browser']) {
    console.error('Chromium:');
    try { browser = await benchBrowser(files); } catch (e) { browserError = e.message; }
  }
  const scoring = await import('../tests/node/eval-dev.mjs');
  console.log(`\n${files.length} photos of eval-dev, objects + faces, end to end from the JPEG bytes; human ${PEER.human} on tfjs ${PEER.tfjs}.\n`);
  const rows = [];
  if (node) {
    console.log('| Node | median ms / image | first result after start | peak RSS | model + wasm bytes read |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, r] of Object.entries(node)) {
      if (r.error) { console.log(`| ${NODE_CONFIGS[name].label} | failed: ${r.error} | | | |`); continue; }
      const decode = r.decode.length ? ` (decode ${median(r.decode).toFixed(0)})` : '';
      console.log(`| ${NODE_CONFIGS[name].label}${r.note ? ` (${r.note})` : ''} | ${median(r.ms).toFixed(0)}${decode} | ${(r.cold / 1000).toFixed(2)} s | ${mb(r.peakRss)} MB | ${mb(r.bytes)} MB |`);
      rows.push([NODE_CONFIGS[name].label, r.perImage]);
    }
    console.log('\nDecode: localvision decodes the JPEG in its own wasm; human is given pixels decoded by jpeg-js (pure JS; human\'s own Node'
      + ' decoder needs tfjs-node), its share of the median in brackets. tfjs-backend-wasm answers WASM_HAS_MULTITHREAD_SUPPORT=false'
      + ' under Node and caps XNNPACK at half the logical cores;'
      + ' for the 2-thread row the script forces the flag on and reports twice the cores.');
  }
  if (browser) {
    console.log(`\n| Chromium (${values.threads} threads asked, COOP/COEP) | median ms / image | first result, cold | first result, 2nd visit | bytes served: 1st / 2nd visit |`);
    console.log('|---|---:|---:|---:|---:|');
    for (const [lib, r] of Object.entries(browser)) {
      const perImage = r.visit1.ms.length ? median(r.visit1.ms).toFixed(0) : '';
      const name = lib === 'ort' ? 'ORT alone' : lib;
      console.log(`| ${name}${r.visit1.note ? ` (${r.visit1.note})` : ''} | ${perImage} | ${(r.visit1.cold / 1000).toFixed(2)} s | ${(r.visit2.cold / 1000).toFixed(2)} s | ${mb(r.visit1.served)} / ${mb(r.visit2.served)} MB |`);
      if (lib !== 'ort') rows.push([`${lib}, Chromium`, r.visit1.perImage]);
    }
    console.log('\nDecode: localvision in its wasm; human with createImageBitmap (the browser\'s decoder) and a canvas.'
      + ' Bytes served = everything but the photos (JS, wasm, models); 2nd visit = new page, same profile, HTTP cache warm'
      + ' (max-age; human also keeps its models in IndexedDB, its default).'
      + (browser.ort ? ' ORT alone: ORT and the detectors as float32 files, our inputs for the first photo in place of a decode;'
        + ' its sessions stay at the cards\' first level, where localvision\'s tier up to "all" after an analysis.' : ''));
  } else if (browserError) console.log(`\nChromium: not measured: ${browserError}`);
  // Quality: the same facts as the suite's dev-set check (objects_all, faces range).
  console.log('\n| quality on the same run | object facts met | face-count facts met | objects found | faces found |');
  console.log('|---|---:|---:|---:|---:|');
  const q = rows.map(([label, perImage]) => [label, quality(perImage, files, scoring)]);
  for (const [label, s] of q) console.log(`| ${label} | ${s.objectsMet}/${s.objectsTotal} | ${s.facesMet}/${files.length} | ${s.nObjects} | ${s.nFaces} |`);
  // Photos where the peer's counts differ a lot from ours (first localvision and first human rows).
  const ours = q.find(([l]) => l.startsWith('localvision'))?.[1], theirs = q.find(([l]) => l.startsWith('human'))?.[1];
  if (ours && theirs) {
    const differ = files.filter((f) => ours.detail[f] && theirs.detail[f]
      && (Math.abs(ours.detail[f].objects - theirs.detail[f].objects) >= 3 || Math.abs(ours.detail[f].faces - theirs.detail[f].faces) >= 2));
    if (differ.length) {
      console.log('\n| photo (counts differ a lot) | faces expected | faces: localvision / human | objects: localvision / human |');
      console.log('|---|---:|---:|---:|');
      for (const f of differ) {
        const a = ours.detail[f], b = theirs.detail[f];
        console.log(`| ${f} | ${a.facesRange[0]}..${a.facesRange[1]} | ${a.faces} / ${b.faces} | ${a.objects} / ${b.objects} |`);
      }
    }
  }
  if (node) {
    console.log('\nfiles read per Node configuration:');
    for (const [name, r] of Object.entries(node)) if (r.files) console.log(`  ${name}: ${r.files.join(', ')}`);
  }
}

if (values.child) await child(values.child);
else await main();
