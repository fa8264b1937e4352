// Every file of ../shared/cases through the JS API as a Blob, on both
// WebAssembly builds, and through the CLI: the results its README names.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createAnalyzer } from '../../web/node.js';
import { cli } from './helpers.mjs';
import { CASES, CASE_OPTIONS, casesDir, haveCases } from './cases.mjs';

const skip = haveCases ? false : `no cases folder at ${casesDir}`;

test('every file of the cases folder has an expectation here', { skip }, () => {
  const files = readdirSync(casesDir).filter((f) => f !== 'README.md').sort();
  assert.deepEqual(files, Object.keys(CASES).sort());
});

for (const build of ['threaded', 'single']) {
  describe(`cases, ${build} build, Blob input`, { skip }, () => {
    let analyzer;
    before(async () => { analyzer = await createAnalyzer({ build }); });
    after(() => analyzer?.dispose());
    for (const [name, check] of Object.entries(CASES)) {
      test(name, async () => {
        const blob = new Blob([readFileSync(path.join(casesDir, name))]);
        check(await analyzer.analyze(blob, CASE_OPTIONS), name);
      });
    }
  });
}

test('cases through the CLI', { skip }, async () => {
  const names = Object.keys(CASES);
  const { stdout } = await promisify(execFile)(process.execPath,
    [cli, 'analyze', '--features', 'color,smartCrops', '--aspect-ratios', '1', ...names.map((n) => path.join(casesDir, n))],
    { maxBuffer: 1 << 24 });
  const documents = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(documents.length, names.length);
  names.forEach((name, i) => CASES[name](documents[i], name));
});
