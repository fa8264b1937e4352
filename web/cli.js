#!/usr/bin/env node
// localvision analyze <files or folders...> [--features a,b] [--details a,b] [--format azure-v3.2|azure-v4.0] [--language xx] [--max-candidates n] [--models DIR] [--plugin FILE]...
// localvision serve [options]: Azure's REST API on this machine (server/cli.js).
// localvision models [--out DIR]: gets the model set (models-cli.js).
// One JSON document per image on stdout (one line each, in input order; a
// failed image prints Azure's error envelope in its place), progress on
// stderr, exit code 1 if any image failed.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { requireModelFolder } from './model-folder.js';
import { createAnalyzer, AnalysisError } from './node.js';
import { checkOnnxRuntimeNode, loadOnnxRuntimeNode, onnxRuntimeNodeInstalled } from './ort-node.js';
import { readPluginFiles } from './plugin-files.js';

const USAGE = `Usage: localvision analyze <files or folders...> [options]
       localvision serve [options]   (Azure's REST API on this machine: localvision serve --help)
       localvision models [--out DIR]   (gets the models, once: localvision models --help)

Analyses images on this machine (nothing is uploaded) and prints Azure
Image Analysis JSON, one document per line, in input order.

Options:
  --features a,b       visual features (default: those of the format the models allow)
  --details a,b        celebrities (the analyzer's known people), landmarks (from a
                       --plugin of task landmarks; without one, ignored with a warning)
  --format f           azure-v3.2 (default) or azure-v4.0
  --language xx        en, es, ja, pt or zh
  --max-candidates n   captions in description (1..10, default 1)
  --models dir         the model folder (default: the package's models/dist, which
                       \`npx localvision models\` fills)
  --model-version v    latest (default) or a date YYYY-MM-DD
  --aspect-ratios r,s  smart-crop aspect ratios (width/height, 0.75..1.8)
  --plugin f           a JSON file declaring an ONNX classifier of yours (tags, landmarks
                       or brands) as an entry of createAnalyzer's plugins (README,
                       "Pluggable models"); repeatable
  --pretty             indent the JSON
  --runtime r          auto (default: onnxruntime-node when installed, else
                       onnxruntime-web), node or web
  --build b            auto (default), threaded or single
  -h, --help           this help`;

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.gif', '.bmp', '.dib', '.webp', '.tif', '.tiff',
  '.ico', '.cur', '.mpo']);

// Folders are walked for image files (by extension, sorted); files named
// explicitly are always analysed, whatever their name.
async function expand(inputs) {
  const files = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(input, { recursive: true, withFileTypes: true });
      files.push(...entries
        .filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
        .map((e) => path.join(e.parentPath ?? e.path, e.name))
        .sort());
    } else {
      files.push(input);
    }
  }
  return files;
}

function progress(done, total, name) {
  if (total < 2) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name}`;
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
}

function analyzeOptions(values) {
  const list = (text) => text?.split(',').map((s) => s.trim()).filter(Boolean);
  const options = {};
  if (values.features) options.features = list(values.features);
  if (values.details) options.details = list(values.details);
  // A number as a number; anything else as given, for the core to refuse by name.
  const maxCandidates = values['max-candidates'];
  if (maxCandidates !== undefined) options.maxCandidates = Number.isFinite(Number(maxCandidates)) ? Number(maxCandidates) : maxCandidates;
  if (values.format) options.format = values.format;
  if (values.language) options.language = values.language;
  if (values['model-version']) options.modelVersion = values['model-version'];
  if (values['aspect-ratios']) options.smartCropsAspectRatios = list(values['aspect-ratios']).map(Number);
  return options;
}

async function analyzeFile(analyzer, file, options) {
  let bytes;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    const why = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a folder' }[cause.code];
    throw new AnalysisError('InvalidImageUrl', `Cannot read ${file}: ${why ? `${why} (${cause.code})` : cause.message}. Check the path.`);
  }
  return analyzer.analyze(bytes, options);
}

// onnxruntime-node where it is installed (auto) or asked for: the same
// results, ~3x less time per image and a first result ~2x sooner than
// onnxruntime-web (README, Performance). undefined: onnxruntime-web.
function loadOrt(runtime) {
  if (!['auto', 'node', 'web'].includes(runtime)) throw new Error(`--runtime must be auto, node or web (got "${runtime}").`);
  if (runtime === 'node') checkOnnxRuntimeNode('--runtime node');
  if (runtime !== 'web' && onnxRuntimeNodeInstalled()) {
    try {
      return loadOnnxRuntimeNode();
    } catch (error) {  // installed but unusable here, e.g. built for another libc
      if (runtime === 'node') throw new Error(`--runtime node: onnxruntime-node is installed but does not load (${error.message}). Reinstall it, or use --runtime web.`);
      process.stderr.write(`onnxruntime-node is installed but does not load (${error.message}): running onnxruntime-web (--runtime web skips this message).\n`);
    }
  }
  // This process is ours: V8 optimises a wasm function once it has run
  // this much (default 1.8M), and ORT's first run was then 0.15-0.3 s
  // shorter (one photo, shell to shell: 2.65-2.76 against 2.93-2.96 s),
  // later runs as fast (README, Performance).
  v8.setFlagsFromString('--wasm-tiering-budget=20000000');
  return undefined;
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        features: { type: 'string' }, details: { type: 'string' }, format: { type: 'string' }, language: { type: 'string' },
        'max-candidates': { type: 'string' },
        'model-version': { type: 'string' }, 'aspect-ratios': { type: 'string' }, pretty: { type: 'boolean' },
        models: { type: 'string' }, plugin: { type: 'string', multiple: true }, build: { type: 'string' }, runtime: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, ...inputs] = parsed.positionals;
  if (parsed.values.help) { process.stdout.write(`${USAGE}\n`); return 0; }
  if (command !== 'analyze' || inputs.length === 0) { process.stderr.write(`${USAGE}\n`); return 2; }

  let plugins, models, ort;
  try {
    models = requireModelFolder(parsed.values.models);
    plugins = readPluginFiles(parsed.values.plugin);
    ort = loadOrt(parsed.values.runtime ?? 'auto');
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const files = await expand(inputs);
  if (files.length === 0) { process.stderr.write('No image files found.\n'); return 1; }
  const options = analyzeOptions(parsed.values);
  let analyzer;
  try {
    analyzer = await createAnalyzer({ build: parsed.values.build, models, plugins, ...(ort ? { ort } : {}) });
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    // It could not be created (a bad --build, a model or plugin file failing its check): one line, exit 2.
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const indent = parsed.values.pretty ? 2 : undefined;
  let failures = 0;
  try {
    for (const [i, file] of files.entries()) {
      let document;
      try {
        document = await analyzeFile(analyzer, file, options);
      } catch (error) {
        if (!(error instanceof AnalysisError)) throw error;
        failures += 1;
        document = error.toJSON();
        process.stderr.write(`${process.stderr.isTTY && files.length > 1 ? '\r\x1b[K' : ''}${file}: ${error.innerCode}: ${error.message}\n`);
      }
      process.stdout.write(`${JSON.stringify(document, null, indent)}\n`);
      progress(i + 1, files.length, path.basename(file));
    }
  } finally {
    analyzer.dispose();
  }
  return failures > 0 ? 1 : 0;
}

// serve and models load their own modules only when asked for.
const COMMANDS = {
  serve: async (argv) => (await import('./server/cli.js')).serve(argv),
  models: async (argv) => (await import('./models-cli.js')).models(argv),
};
const [command, ...rest] = process.argv.slice(2);
process.exitCode = COMMANDS[command] ? await COMMANDS[command](rest) : await main(process.argv.slice(2));
