#!/usr/bin/env node
// Session creation on onnxruntime-web (--runtime node: onnxruntime-node),
// per model: from the file as stored (compact weights, which ORT folds
// itself) vs. after web/expand-weights.js gave the weights back as float32
// (the expansion counted in). Each figure
// is a fresh process that starts ORT on a one-node model first, so it is
// a model's first session, as in an app; the variants alternate. Besides
// wall time, the main thread's own CPU time (Linux schedstat), which other
// work on a busy machine disturbs less (with 1 thread, ORT-web creates the
// session on the main thread).
//   node bench/session-create.mjs [--models objects,faces,classifier,adult] [--threads 1] [--reps 3] [--runtime web|node]
// Needs: npm run models.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DIST_DIR, modelPath, readManifest } from '../models/assemble.mjs';
import { expandCompactWeights } from '../web/expand-weights.js';
import { ONE_NODE_MODEL } from '../web/models.js';
import { median } from './median.mjs';

const { values } = parseArgs({ options: {
  models: { type: 'string', default: 'objects,faces,classifier,adult' },
  threads: { type: 'string', default: '1' },
  reps: { type: 'string', default: '3' },
  runtime: { type: 'string', default: 'web' },
  child: { type: 'string' }, variant: { type: 'string' },  // internal
} });
const VARIANTS = ['stored', 'expanded'];
// ms this (main) thread has run on a CPU.
const cpuMs = () => Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;

async function child(id, variant) {
  const threads = Number(values.threads);
  const web = values.runtime === 'web';
  const ort = web ? await import('onnxruntime-web') : createRequire(import.meta.url)('onnxruntime-node');
  if (web) ort.env.wasm.numThreads = threads;
  const options = { executionProviders: [web ? 'wasm' : 'cpu'], graphOptimizationLevel: 'all', logSeverityLevel: 3, ...(web ? {} : { intraOpNumThreads: threads }) };
  await (await ort.InferenceSession.create(ONE_NODE_MODEL, options)).release();
  const bytes = fs.readFileSync(modelPath(readManifest().models.find((c) => c.id === id), DIST_DIR));
  const t0 = performance.now(), cpu0 = cpuMs();
  const model = variant === 'expanded' ? expandCompactWeights(bytes) : bytes;
  const expandMs = performance.now() - t0;
  await ort.InferenceSession.create(model, options);
  return { ms: performance.now() - t0, cpu: cpuMs() - cpu0, expandMs };
}

if (values.child) {
  console.log(`\nRESULT ${JSON.stringify(await child(values.child, values.variant))}`);
  process.exit(0);  // ORT-web's worker threads would keep Node alive
} else {
  const ids = values.models.split(',');
  const results = Object.fromEntries(ids.map((id) => [id, { stored: [], expanded: [], storedCpu: [], expandedCpu: [], expandMs: [] }]));
  const passed = ['threads', 'runtime'].flatMap((k) => [`--${k}`, values[k]]);
  for (let rep = 0; rep < Number(values.reps); rep++) {
    for (const id of ids) {
      for (const variant of rep % 2 ? [...VARIANTS].reverse() : VARIANTS) {
        const stdout = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', id, '--variant', variant, ...passed], { encoding: 'utf8' });
        const r = JSON.parse(stdout.split('\nRESULT ').pop());
        results[id][variant].push(r.ms);
        results[id][`${variant}Cpu`].push(r.cpu);
        if (variant === 'expanded') results[id].expandMs.push(r.expandMs);
      }
    }
  }
  console.log(`onnxruntime-${values.runtime}, ${values.threads} thread(s): first session of each model, median of ${values.reps} fresh processes (ms)`);
  console.log('| model | stored (compact): wall / main-thread CPU | expanded first: wall / main-thread CPU | of which expansion (wall) |');
  console.log('|---|---:|---:|---:|');
  for (const id of ids) {
    const r = results[id], m = (xs) => median(xs).toFixed(0);
    console.log(`| ${id} | ${m(r.stored)} / ${m(r.storedCpu)} | ${m(r.expanded)} / ${m(r.expandedCpu)} | ${m(r.expandMs)} |`);
  }
}
