// Models the user has not got: a folder without some files offers only what
// the others allow and names what is missing (library, CLI and serve alike);
// analyze and serve refuse to start with no model at all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../../web/node.js';
import { cli, root, sample, samples } from './helpers.mjs';
import { KEY, spawnServer, stopServer } from './serve-helpers.mjs';

const dist = path.join(root, 'models/dist');
const manifest = JSON.parse(readFileSync(path.join(root, 'models/manifest.json'), 'utf8'));
// What every refusal tells the caller to do.
const HOW_TO_GET = [/npx localvision models/, /--models DIR/];
const WORDED_FROM_TAGS = ['tags', 'categories', 'description', 'caption', 'denseCaptions'];
const folders = [];

// A model folder linking to models/dist's files, but those of the cards left out.
function folderWithout(...leftOut) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lv-missing-'));
  folders.push(dir);
  const kept = manifest.models.filter((c) => !leftOut.includes(c.id));
  for (const file of new Set(kept.flatMap((card) => [card.file, card.labels?.file].filter(Boolean)))) {
    symlinkSync(path.join(dist, file), path.join(dir, file));
  }
  return dir;
}

function run(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 60_000 }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

const assertSaysHowToGet = (message) => HOW_TO_GET.forEach((pattern) => assert.match(message, pattern));

let empty, partial;
before(() => {
  empty = folderWithout(...manifest.models.map((c) => c.id));
  partial = folderWithout('classifier', 'face-embedding');
});
after(() => { for (const dir of folders) rmSync(dir, { recursive: true, force: true }); });

test('a folder without classifier.onnx: features worded from tags are not offered; asking is InvalidModel naming it', async () => {
  const analyzer = await createAnalyzer({ models: partial });
  try {
    assert.ok(['color', 'objects', 'faces', 'read'].every((f) => analyzer.features.includes(f)), analyzer.features.join());
    assert.deepEqual(WORDED_FROM_TAGS.filter((f) => analyzer.features.includes(f)), []);
    assert.ok(!analyzer.models.includes('classifier'));
    assert.deepEqual(analyzer.details, [], 'no celebrities without face-embedding');
    for (const feature of WORDED_FROM_TAGS) {
      await assert.rejects(analyzer.analyze(sample('chelsea.png'), { features: [feature] }), (e) => {
        assert.equal(e.innerCode, 'InvalidModel');
        assert.match(e.message, new RegExp(`'${feature}' needs the models? .*'classifier'`));
        assert.match(e.message, /createAnalyzer\(\{ models \}\)/);
        assertSaysHowToGet(e.message);
        return true;
      });
    }
    await assert.rejects(analyzer.analyze(sample('chelsea.png'), { details: ['celebrities'] }),
      (e) => e.innerCode === 'InvalidModel' && /'celebrities' needs the model 'face-embedding'/.test(e.message));
    assert.equal((await analyzer.analyze(sample('chelsea.png'), { features: ['color'] })).color.isBWImg, false);
  } finally {
    analyzer.dispose();
  }
});

test('with no model at all, an analyzer offers the model-free features', async () => {
  const analyzer = await createAnalyzer({ models: empty });
  try {
    assert.deepEqual(analyzer.features, ['color', 'imageType', 'smartCrops']);
  } finally {
    analyzer.dispose();
  }
});

test('analyze and serve refuse to start without models (exit 2), in one line saying how to get them', async () => {
  for (const args of [['analyze', path.join(samples, 'chelsea.png')], ['serve', '--port', '0']]) {
    const { code, stdout, stderr } = await run(...args, '--models', empty);
    assert.equal(code, 2, `${args[0]}: ${stderr}`);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, new RegExp(`No models in ${empty}`));
    assertSaysHowToGet(stderr);
  }
});

test('serve with some models: /models lists celebrities only with the face models; a missing one is a 400 naming it', async () => {
  const server = await spawnServer(['--models', partial, '--workers', '1']);
  try {
    const headers = { 'ocp-apim-subscription-key': KEY };
    const listed = await fetch(`${server.url}/vision/v3.2/models`, { headers });
    assert.deepEqual(await listed.json(), { models: [] });
    const tag = await fetch(`${server.url}/vision/v3.2/tag`, {
      method: 'POST', body: sample('chelsea.png'), headers: { ...headers, 'content-type': 'application/octet-stream' } });
    assert.equal(tag.status, 400);
    const { error } = await tag.json();
    assert.deepEqual([error.code, error.innererror.code], ['InvalidRequest', 'InvalidModel']);
    assert.match(error.innererror.message, /'tags' needs the model 'classifier'/);
    assertSaysHowToGet(error.innererror.message);
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});
