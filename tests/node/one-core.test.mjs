// A machine that reports one core: both builds load and agree, and 'auto'
// picks the single-thread build. The threaded module once sized its thread
// pool at cores - 1 = 0 there, and Emscripten never finished loading it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';
import { evalDevDir, haveEvalDev } from './eval-dev.mjs';

const haveModels = existsSync(path.join(root, 'models/dist/objects.onnx'));

// Runs in a child process that reports one core before our package loads
// (web/node.js counts cores with os.availableParallelism alone).
const child = `
import os from 'node:os';
os.availableParallelism = () => 1;
const { readFileSync } = await import('node:fs');
const { createAnalyzer } = await import(${JSON.stringify(path.join(root, 'web/node.js'))});
const image = readFileSync(process.argv[1]);
const results = {};
for (const build of ['auto', 'threaded']) {
  const analyzer = await createAnalyzer({ build });
  try {
    const result = await analyzer.analyze(image, { features: ['objects', 'color', 'smartCrops'] });
    const { requestId, ...rest } = result;
    results[build] = { build: analyzer.build, result: rest };
  } finally {
    analyzer.dispose();
  }
}
process.stdout.write(JSON.stringify(results));
`;

const missing = (!haveEvalDev && `no labelled photos at ${evalDevDir}`) || (!haveModels && 'run npm run models first');

test('one core: auto runs the single build, threaded loads too, and both give the same analysis', { skip: missing }, () => {
  const photo = path.join(evalDevDir, 'two_giraffes_in_savanna.jpg');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', child, photo], { cwd: root, timeout: 60_000 });
  const { auto, threaded } = JSON.parse(output);
  assert.equal(auto.build, 'single');
  assert.equal(threaded.build, 'threaded');
  assert.ok(auto.result.objects.some((o) => o.object === 'giraffe'), JSON.stringify(auto.result.objects));
  assert.ok(auto.result.smartCropsResult.values.length > 0 && auto.result.color.dominantColors.length > 0);
  assert.deepEqual(threaded.result, auto.result);
});
