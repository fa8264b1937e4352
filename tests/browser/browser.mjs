// Launches Debian's Chromium through playwright-core on a served page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.js';

// A result without its requestId (new for every analysis): for comparing runs.
export const withoutRequestId = ({ requestId, ...rest }) => rest;
// Page errors but ONNX Runtime's graph-optimisation warnings (logged with console.error).
export const realErrors = (errors) => errors.filter((e) => !/\[W:onnxruntime/.test(e));

// The build `build: 'auto'` must pick on `page` (web/index.d.ts): threaded
// on a cross-origin isolated page with more cores than inference threads
// (`numThreads`, default min(4, cores) there, 1 without isolation).
export async function autoBuild(page, numThreads) {
  const { cores, isolated } = await page.evaluate(() => ({ cores: navigator.hardwareConcurrency || 1, isolated: crossOriginIsolated }));
  const threads = numThreads ?? (isolated ? Math.min(4, cores) : 1);
  return isolated && cores > threads ? 'threaded' : 'single';
}

// Loads the page's analyzer on the build a test of this isolation covers:
// threaded on a cross-origin isolated page (asked for, since `auto` may pick
// single there), single without; fails if another one loaded.
export async function loadBuildUnderTest(page, isolated) {
  const { build } = await page.evaluate((b) => window.localvision.load({ build: b }), isolated ? 'threaded' : 'auto');
  assert.equal(build, isolated ? 'threaded' : 'single');
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// Opens `page` of a fresh server (isolated or not) in a fresh profile.
// `setup({context, page, origin})` runs before the page loads (listeners,
// init scripts); `mounts` serves more folders (see demo/server.js).
export async function openPage(pagePath, { isolated = true, setup, mounts } = {}) {
  const server = await startServer({ isolated, mounts });
  const profile = mkdtempSync(path.join(tmpdir(), 'lv-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const origin = `http://127.0.0.1:${server.address().port}`;
  await setup?.({ context, page, origin });
  await page.goto(`${origin}/${pagePath}`);
  return {
    page, context, origin, errors,
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
