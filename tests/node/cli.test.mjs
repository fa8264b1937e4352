// The `localvision analyze` command, as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BAD_INPUTS, cli, fixtures, samples } from './helpers.mjs';
import { P_WIN, solidPng, writeLandmarksPlugin } from './plugins/classifiers.mjs';

function run(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr, documents: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) });
    });
  });
}

test('analyze chelsea.png prints Azure v3.2 JSON', async () => {
  const { code, documents, stderr } = await run('analyze', path.join(samples, 'chelsea.png'));
  assert.equal(code, 0, stderr);
  assert.equal(documents.length, 1);
  const [result] = documents;
  assert.deepEqual(result.metadata, { width: 451, height: 300, format: 'Png' });
  assert.ok(result.color && result.imageType);
  assert.equal(stderr, '', 'no progress bar for one image');
});

test('camera.png gives isBWImg true', async () => {
  const { documents } = await run('analyze', path.join(samples, 'camera.png'), '--features', 'color');
  assert.equal(documents[0].color.isBWImg, true);
});

test('--format azure-v4.0 --features smartCrops gives a smartCropsResult', async () => {
  const { code, documents } = await run('analyze', path.join(samples, 'chelsea.png'), '--format', 'azure-v4.0', '--features', 'smartCrops');
  assert.equal(code, 0);
  assert.equal(documents[0].smartCropsResult.values.length, 1);
  assert.equal(documents[0].metadata.format, undefined);
});

test('every bad input gets its typed error; the good ones are still analysed; exit code 1', async () => {
  const names = ['two-colours.png', ...Object.keys(BAD_INPUTS), 'two-colours.jpg'];
  const { code, documents, stderr } = await run('analyze', ...names.map((n) => path.join(fixtures, n)));
  assert.equal(code, 1);
  assert.equal(documents.length, names.length);
  assert.equal(documents[0].metadata.format, 'Png');
  assert.equal(documents.at(-1).metadata.format, 'Jpeg');
  Object.values(BAD_INPUTS).forEach((innerCode, i) => {
    assert.equal(documents[i + 1].error.innererror.code, innerCode, names[i + 1]);
  });
  assert.match(stderr, new RegExp(`${names.length}/${names.length}`), 'progress reaches the end');
  assert.match(stderr, /truncated\.jpg: InvalidImageFormat/);
});

test('a folder is walked for images, in name order, with progress on stderr', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'lv-cli-'));
  for (const name of ['two-colours.png', 'blue.gif', 'two-colours.bmp']) copyFileSync(path.join(fixtures, name), path.join(folder, name));
  const { code, documents, stderr } = await run('analyze', folder, '--features', 'color');
  assert.equal(code, 0);
  assert.deepEqual(documents.map((d) => d.metadata.format), ['Gif', 'Bmp', 'Png']);
  assert.match(stderr, /3\/3/);
});

test('the folder walk finds WebP, TIFF, ICO and MPO files by extension', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'lv-cli-'));
  const names = { 'a.webp': 'two-colours-lossy.webp', 'b.tif': 'two-colours-lzw.tiff', 'c.ico': 'two-colours-png.ico', 'd.mpo': 'two-colours.mpo' };
  for (const [name, source] of Object.entries(names)) copyFileSync(path.join(fixtures, source), path.join(folder, name));
  const { code, documents } = await run('analyze', folder, '--features', 'color');
  assert.equal(code, 0);
  assert.deepEqual(documents.map((d) => d.metadata.format), ['Webp', 'Tiff', 'Ico', 'Mpo']);
});

test('options are checked: a bad language fails every image with NotSupportedLanguage', async () => {
  const { code, documents } = await run('analyze', path.join(samples, 'chelsea.png'), '--language', 'xx');
  assert.equal(code, 1);
  assert.equal(documents[0].error.innererror.code, 'NotSupportedLanguage');
});

test('usage errors exit 2 and print the usage', async () => {
  const { code, stderr } = await run('analyse', 'x.png');
  assert.equal(code, 2);
  assert.match(stderr, /Usage: localvision analyze/);
  assert.equal((await run('analyze', '--bogus', 'x')).code, 2);
});

test('--runtime: onnxruntime-node (auto picks it here, where it is installed) and onnxruntime-web give the same analysis; a bad --runtime or --build exits 2 with one line', async () => {
  const photo = path.join(samples, 'astronaut.png');
  const analyses = [];
  for (const runtime of [[], ['--runtime', 'node'], ['--runtime', 'web']]) {
    const { code, documents, stderr } = await run('analyze', photo, '--features', 'objects,faces,tags', ...runtime);
    assert.equal(code, 0, stderr);
    const { requestId, ...analysis } = documents[0];
    analyses.push(analysis);
  }
  assert.ok(analyses[0].objects.some((o) => o.object === 'person') && analyses[0].faces.length === 1, JSON.stringify(analyses[0]));
  const names = (a) => ({ objects: a.objects.map((o) => o.object), faces: a.faces.length, tags: a.tags.slice(0, 5).map((t) => t.name) });
  assert.deepEqual(names(analyses[2]), names(analyses[0]));
  assert.deepEqual(analyses[1], analyses[0]);
  const bad = await run('analyze', photo, '--runtime', 'gpu');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--runtime must be auto, node or web \(got "gpu"\)/);
  const badBuild = await run('analyze', photo, '--build', 'fast');
  assert.deepEqual([badBuild.code, badBuild.stderr], [2, '\'build\' must be "auto", "threaded" or "single", not "fast".\n']);
});

test('a missing file is reported and does not stop the others', async () => {
  const { code, documents } = await run('analyze', '/nonexistent/a.png', path.join(samples, 'chelsea.png'));
  assert.equal(code, 1);
  assert.equal(documents[0].error.innererror.code, 'InvalidImageUrl');
  assert.match(documents[0].error.message, /\/nonexistent\/a\.png: no such file \(ENOENT\)\. Check the path\./);
  assert.equal(documents[1].metadata.width, 451);
});

test('--max-candidates and --details reach the analysis', async () => {
  const three = await run('analyze', path.join(samples, 'camera.png'), '--features', 'description', '--max-candidates', '3');
  assert.equal(three.code, 0);
  assert.equal(three.documents[0].description.captions.length, 3);
  const landmarks = await run('analyze', path.join(samples, 'camera.png'), '--features', 'categories', '--details', 'landmarks');
  assert.equal(landmarks.code, 0, 'no landmarks plugin: analysed without landmarks, with a warning');
  assert.match(landmarks.documents[0].warnings.join(' '), /'landmarks' was ignored.*--plugin FILE/);
  const bad = await run('analyze', path.join(samples, 'camera.png'), '--features', 'description', '--max-candidates', 'many');
  assert.equal(bad.documents[0].error.innererror.code, 'BadArgument');
});

test('--plugin: a landmarks plugin declared in a JSON file (paths relative to it) names the landmark', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lv-cli-'));
  const { json } = writeLandmarksPlugin(dir);
  const image = path.join(dir, 'blue.png');
  writeFileSync(image, solidPng(0, 0, 255));
  const { code, documents, stderr } = await run('analyze', image, '--features', 'categories', '--details', 'landmarks', '--plugin', json);
  assert.equal(code, 0, stderr);
  const landmarks = documents[0].categories.flatMap((c) => c.detail?.landmarks ?? []);
  assert.equal(landmarks.length, 1, JSON.stringify(documents[0]));
  assert.equal(landmarks[0].name, 'Big Ben');
  assert.ok(Math.abs(landmarks[0].confidence - P_WIN) < 1e-3);
});

test('--plugin with a bad declaration: one line naming the file and the field, exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lv-cli-'));
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ id: 'mine', task: 'faces', file: 'mine.onnx', sha256: '0'.repeat(64), labelsText: 'a' }));
  const refusals = [
    [bad, /`task` must be "tags", "landmarks" or "brands", not "faces"/],
    [path.join(dir, 'missing.json'), /cannot read it \(ENOENT/],
    [path.join(samples, 'chelsea.png'), /not JSON/],
  ];
  for (const [file, message] of refusals) {
    const { code, stdout, stderr } = await run('analyze', path.join(samples, 'chelsea.png'), '--plugin', file);
    assert.equal(code, 2, file);
    assert.equal(stdout, '');
    assert.match(stderr, new RegExp(`^--plugin ${file}: [^\\n]*${message.source}[^\\n]*\\n$`), 'one line');
  }
});
