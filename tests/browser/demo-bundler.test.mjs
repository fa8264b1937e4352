// The package as an app gets it: `npm pack` of this repository, installed
// into a copy of examples/bundler (outside the repo), bundled with esbuild
// (`import { createAnalyzer } from 'localvision'`), served with the wasm and
// model files next to the bundle, and run in Chromium. Proves that the
// published `exports` and `files` are enough.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { autoBuild, openPage, realErrors, withoutRequestId } from './browser.mjs';
import { createAnalyzer } from '../../web/node.js';
import { sample } from '../node/helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package in a bundled app', () => {
  let dir;
  let app;
  let packed;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lv-bundler-'));
    [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], ROOT));
    app = path.join(dir, 'app');
    cpSync(path.join(ROOT, 'examples/bundler'), app, { recursive: true, filter: (f) => !/node_modules|dist$/.test(f) });
    // The example's own dependencies (esbuild, onnxruntime-web via the package) come from npm's cache when it has them.
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', path.join(dir, packed.filename)], app);
    run('node', ['build.mjs', '--models', path.join(ROOT, 'models/dist')], app);
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  test('the tarball holds the package and nothing of the sources', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of ['web/browser.js', 'web/node.js', 'web/worker.js', 'web/index.d.ts', 'web/wasm/localvision-mt.wasm',
      'web/wasm/localvision-st.wasm', 'web/wasm/localvision-mt.mjs', 'models/manifest.json', 'package.json']) {
      assert.ok(files.includes(f), f);
    }
    assert.ok(!files.some((f) => /^(src|tests|bindings|demo|build)\//.test(f)), 'no sources or tests');
  });

  test('esbuild resolved the bare import and bundled onnxruntime-web in', () => {
    assert.ok(existsSync(path.join(app, 'dist/app.js')));
    assert.ok(existsSync(path.join(app, 'dist/wasm/localvision-st.wasm')));
    assert.ok(existsSync(path.join(app, 'node_modules/localvision/web/browser.js')));
  });

  // Isolated, the app asks for the threaded build (auto picks it only where a
  // core is left over, and CI has 2): the bundled module, its pthread worker
  // and its pool load from the app's folder. Not isolated, auto: single.
  for (const isolated of [true, false]) {
    test(`the bundle runs in Chromium (${isolated ? 'isolated, threaded' : 'not isolated, auto'}), loads a model and gives Node's JSON`, async () => {
      const requests = [];
      const browser = await openPage(`app/?image=/.cache/samples/chelsea.png&preload=faces${isolated ? '&build=threaded' : ''}`, {
        isolated,
        mounts: { '/app/': path.join(app, 'dist') },
        setup: ({ context }) => context.on('request', (r) => requests.push(new URL(r.url()).pathname)),
      });
      try {
        await browser.page.waitForFunction(() => document.body.dataset.state, null, { timeout: 60_000 });
        const state = await browser.page.evaluate(() => ({ ...document.body.dataset, status: document.querySelector('#status').textContent }));
        assert.equal(state.state, 'done', state.status);
        const build = isolated ? 'threaded' : await autoBuild(browser.page);
        assert.equal(state.build, build);
        assert.ok(requests.includes(`/app/wasm/localvision-${build === 'threaded' ? 'mt' : 'st'}.wasm`), requests.join(' '));
        assert.equal(state.preloaded, 'faces');
        const json = JSON.parse(await browser.page.textContent('#out'));
        const analyzer = await createAnalyzer();
        const nodeJson = await analyzer.analyze(sample('chelsea.png'), { features: ['color', 'imageType', 'smartCrops'] });
        analyzer.dispose();
        assert.deepEqual(withoutRequestId(json), withoutRequestId(nodeJson));
        // Everything came from the app's own folder (and the test image).
        assert.deepEqual(requests.filter((r) => !r.startsWith('/app/') && r !== '/.cache/samples/chelsea.png'), []);
        assert.ok(requests.includes('/app/models/faces.onnx'));
        assert.deepEqual(realErrors(browser.errors), []);
      } finally {
        await browser.close();
      }
    });
  }
});
