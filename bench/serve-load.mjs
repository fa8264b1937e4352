#!/usr/bin/env node
// Load on `localvision serve` with autocannon: --duration s at --connections
// concurrent connections, POST /vision/v3.2/analyze (Tags, Description,
// Objects) of a sample photo, every 10th body a truncated JPEG (400
// expected). Samples the server's RSS (/proc, Linux) each second.
// Reports throughput, p50/p99 latency, status counts, dropped connections
// (errors + timeouts) and the RSS drift from its level after --warmup s.
//   node bench/serve-load.mjs [--duration 60] [--connections 16] [--warmup 10] [--workers 2]
// Needs: bash scripts/build.sh, npm run models, the test fixtures (scripts/test.sh).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { fixture, sample } from '../tests/node/helpers.mjs';
import { KEY, spawnServer, stopServer } from '../tests/node/serve-helpers.mjs';

const { values } = parseArgs({ options: {
  duration: { type: 'string', default: '60' }, connections: { type: 'string', default: '16' },
  warmup: { type: 'string', default: '10' }, workers: { type: 'string', default: '2' },
} });
const duration = Number(values.duration), connections = Number(values.connections), warmup = Number(values.warmup);

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

// Every connection can wait in the queue: the load measures throughput, not 429s.
const server = await spawnServer(['--workers', values.workers, '--max-queue', String(connections)]);
const good = sample('chelsea.png'), bad = fixture('truncated.jpg');
let sent = 0;
const rss = [];
const sampler = setInterval(() => rss.push({ t: rss.length + 1, mb: rssMb(server.child.pid) }), 1000);

const result = await autocannon({
  url: `${server.url}/vision/v3.2/analyze?visualFeatures=Tags,Description,Objects`,
  method: 'POST', connections, duration, timeout: 120,  // 16 queued requests on a shared 2-core machine can wait tens of seconds
  headers: { 'content-type': 'application/octet-stream', 'ocp-apim-subscription-key': KEY },
  requests: [{ setupRequest: (request) => ({ ...request, body: ++sent % 10 === 0 ? bad : good }) }],
});
clearInterval(sampler);
await stopServer(server);

const base = rss.find((s) => s.t >= warmup)?.mb ?? rss[0].mb;
const after = rss.filter((s) => s.t >= warmup).map((s) => s.mb);
const drift = Math.max(...after.map((mb) => Math.abs(mb - base) / base));
const report = {
  seconds: duration, connections, workers: Number(values.workers),
  requestsPerSecond: result.requests.average, requests: result.requests.total,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  status: { '2xx': result['2xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
  droppedConnections: result.errors + result.timeouts,
  rssMb: { afterWarmup: Math.round(base), min: Math.round(Math.min(...after)), max: Math.round(Math.max(...after)), end: Math.round(after.at(-1)) },
  rssDriftPercent: Math.round(drift * 1000) / 10,
};
console.log(JSON.stringify(report, null, 2));
const ok = report.status['5xx'] === 0 && report.droppedConnections === 0 && drift <= 0.10;
console.log(ok ? 'PASS: no 5xx, no dropped connections, RSS within 10%' : 'FAIL');
process.exitCode = ok ? 0 : 1;
