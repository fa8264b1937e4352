// The app's own ONNX classifiers (createAnalyzer({ plugins })): each plugin
// is validated and becomes a model card like those of models/manifest.json,
// with `task`, `outputs[0].activation`, `threshold` and `maxResults`; the
// core runs it on the whole image and merges its labels into tags,
// categories[].detail.landmarks or brands.
import { AnalysisError } from './errors.js';
import { isBytes, sha256 } from './models.js';

const TASKS = ['tags', 'landmarks', 'brands'];
const ACTIVATIONS = ['softmax', 'sigmoid', 'none'];

function bad(index, id, message) {
  const who = typeof id === 'string' && id ? `Plugin "${id}"` : `Plugin #${index}`;
  return new AnalysisError('BadArgument', `${who}: ${message} See README, "Pluggable models".`);
}

function isSource(value) {
  return isBytes(value) || value instanceof URL || (typeof value === 'string' && value.length > 0);
}

function numberList(value, what, fail) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw fail(`input.${what} must be three numbers (one per channel, in R, G, B order).`);
  }
  return value;
}

function cardOf(plugin, index, builtInIds) {
  if (!plugin || typeof plugin !== 'object') throw bad(index, '', 'must be an object { id, task, file, sha256, labels, input, output }.');
  const { id } = plugin;
  const fail = (message) => bad(index, id, message);
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id)) {
    throw fail('`id` must be a name of letters, digits, ".", "_" or "-" (at most 64).');
  }
  if (builtInIds.has(id)) throw fail(`the id "${id}" is a built-in model's; choose another.`);
  if (!TASKS.includes(plugin.task)) throw fail(`\`task\` must be "tags", "landmarks" or "brands", not ${JSON.stringify(plugin.task)}.`);
  if (!isSource(plugin.file)) throw fail('`file` must be the model\'s URL, path, Uint8Array or ArrayBuffer.');
  if (plugin.sha256 === undefined) {
    throw new AnalysisError('InvalidModel', `Plugin "${id}": \`sha256\` is required so the model file can be checked before it runs. Compute it with \`sha256sum model.onnx\` (macOS: \`shasum -a 256 model.onnx\`) and pass the 64 hex digits.`);
  }
  if (typeof plugin.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(plugin.sha256)) throw fail('`sha256` must be 64 hex digits.');
  if (plugin.labelsSha256 !== undefined && (typeof plugin.labelsSha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(plugin.labelsSha256))) {
    throw fail('`labelsSha256` must be 64 hex digits (the labels file\'s `sha256sum`).');
  }
  if (plugin.labelsText === undefined && !isSource(plugin.labels)) {
    throw fail('give the class names as `labels` (URL, path or bytes of a text file, one label per line) or as `labelsText`.');
  }
  if (plugin.labelsText !== undefined && typeof plugin.labelsText !== 'string') throw fail('`labelsText` must be a string, one label per line.');
  const input = plugin.input;
  if (!input || typeof input !== 'object') throw fail('`input` must describe the model input: { name, size: [h, w], ... }.');
  if (typeof input.name !== 'string' || !input.name) throw fail('`input.name` must be the model input\'s name.');
  const size = input.size;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && v > 0 && v <= 4096)) {
    throw fail('`input.size` must be [height, width], two whole numbers from 1 to 4096.');
  }
  const layout = input.layout ?? 'NHWC';
  if (!['NHWC', 'NCHW'].includes(layout)) throw fail('`input.layout` must be "NHWC" or "NCHW".');
  const resize = input.resize ?? 'stretch';
  if (!['stretch', 'letterbox'].includes(resize)) throw fail('`input.resize` must be "stretch" or "letterbox".');
  const colorOrder = input.colorOrder ?? 'RGB';
  if (!['RGB', 'BGR'].includes(colorOrder)) throw fail('`input.colorOrder` must be "RGB" or "BGR".');
  const scale = input.scale ?? 1;
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw fail('`input.scale` must be a number.');
  const mean = numberList(input.mean, 'mean', fail) ?? [0, 0, 0];
  const std = numberList(input.std, 'std', fail) ?? [1, 1, 1];
  if (std.includes(0)) throw fail('`input.std` must not contain 0.');
  const output = plugin.output;
  if (!output || typeof output !== 'object' || typeof output.name !== 'string' || !output.name) {
    throw fail('`output` must name the model output holding the class scores: { name, activation }.');
  }
  const activation = output.activation ?? 'softmax';
  if (!ACTIVATIONS.includes(activation)) throw fail('`output.activation` must be "softmax", "sigmoid" or "none".');
  const threshold = plugin.threshold ?? 0.5;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) throw fail('`threshold` must be a number from 0 to 1.');
  const maxResults = plugin.maxResults ?? 5;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) throw fail('`maxResults` must be a whole number from 1 to 1000.');
  return {
    id,
    task: plugin.task,
    plugin: true,
    file: isBytes(plugin.file) ? `${id}.onnx` : String(plugin.file),
    sha256: plugin.sha256.toLowerCase(),
    input: { name: input.name, layout, size: [...size], resize, colorOrder, scale, mean: [...mean], std: [...std] },
    outputs: [{ name: output.name, activation }],
    threshold,
    maxResults,
  };
}

// Validates the `plugins` option against the built-in manifest; returns
// [{ card, file, labels, labelsText }].
export function planPlugins(plugins, manifest) {
  if (plugins === undefined || plugins === null) return [];
  if (!Array.isArray(plugins)) throw new AnalysisError('BadArgument', '`plugins` must be an array of plugin declarations. See README, "Pluggable models".');
  const builtIn = new Set((manifest?.models ?? []).map((card) => card.id));
  const ids = new Set();
  return plugins.map((plugin, index) => {
    const card = cardOf(plugin, index, builtIn);
    if (ids.has(card.id)) throw bad(index, card.id, `the id "${card.id}" is used twice.`);
    ids.add(card.id);
    return { card, file: plugin.file, labels: plugin.labels, labelsText: plugin.labelsText, labelsSha256: plugin.labelsSha256?.toLowerCase() };
  });
}

// {"<plugin id>": "<labels text>"}; read(source) -> Uint8Array. Labels
// with a declared labelsSha256 are checked like model files.
export async function pluginLabelTexts(planned, read) {
  const texts = {};
  await Promise.all(planned.map(async ({ card, labels, labelsText, labelsSha256 }) => {
    let bytes;
    try {
      bytes = labelsText !== undefined ? new TextEncoder().encode(labelsText)
        : isBytes(labels) ? new Uint8Array(labels) : await read(labels);
    } catch (cause) {
      throw new AnalysisError('InvalidModel', `The labels for plugin "${card.id}" could not be loaded from ${String(labels).slice(0, 200)} (${cause.message}).`);
    }
    const digest = labelsSha256 && await sha256(bytes);
    if (digest && digest !== labelsSha256) {
      throw new AnalysisError('InvalidModel', `The labels of plugin "${card.id}" do not match their labelsSha256 (got ${digest}, declared ${labelsSha256}). Check the file, or declare the sha256 of the labels you mean to use.`);
    }
    texts[card.id] = labelsText ?? new TextDecoder().decode(bytes);
  }));
  return texts;
}
