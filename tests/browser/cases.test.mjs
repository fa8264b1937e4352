// Every file of ../shared/cases in real Chromium, as a Blob, on both builds
// (threaded, asked for, on a cross-origin isolated page; single-thread without).
import { test, describe, before, after } from 'node:test';
import { loadBuildUnderTest, openPage } from './browser.mjs';
import { CASES, CASE_OPTIONS, casesDir, haveCases } from '../node/cases.mjs';

const skip = haveCases ? false : `no cases folder at ${casesDir}`;

for (const isolated of [true, false]) {
  describe(`cases in Chromium, ${isolated ? 'threaded' : 'single-thread'} build`, { skip }, () => {
    let browser;
    before(async () => {
      browser = await openPage('tests/browser/pages/analyze.html', { isolated, mounts: { '/cases/': casesDir } });
      await browser.page.waitForFunction(() => window.localvision);
      await loadBuildUnderTest(browser.page, isolated);
    });
    after(() => browser?.close());
    for (const [name, check] of Object.entries(CASES)) {
      test(name, async () => {
        const result = await browser.page.evaluate(([url, options]) => window.localvision.analyzeBlob(url, options),
          [`/cases/${name}`, CASE_OPTIONS]);
        check(result, name);
      });
    }
  });
}
