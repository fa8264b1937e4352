// `--plugin FILE` of `localvision analyze` and `localvision serve`: each FILE
// is one JSON plugin declaration, an entry of createAnalyzer's `plugins`
// with the same fields (README, "Pluggable models"). Relative `file` and
// `labels` paths are taken from the JSON file's folder, so a model, its
// labels and its declaration can be kept and moved together.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AnalysisError } from './errors.js';
import { planPlugins } from './plugins.js';

const MANIFEST = new URL('../models/manifest.json', import.meta.url);

// A relative path as seen from `dir`; URLs, absolute paths and non-strings (refused later, by name) as given.
function fromFolder(dir, source) {
  if (typeof source !== 'string' || /^(https?|file):/i.test(source)) return source;
  return path.resolve(dir, source);
}

function readDeclaration(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // "ENOENT: no such file or directory, open 'f'": the part before the syscall.
    throw new Error(`--plugin ${file}: cannot read it (${error.message.split(',')[0]}).`);
  }
  let declaration;
  try {
    declaration = JSON.parse(text);
  } catch (error) {
    // JSON.parse may quote the text, line breaks and all: kept to one line.
    throw new Error(`--plugin ${file}: not JSON (${error.message.replace(/[\s\x00-\x1f\x7f]+/g, ' ')}).`);
  }
  if (!declaration || typeof declaration !== 'object' || Array.isArray(declaration)) return declaration;
  const dir = path.dirname(path.resolve(file));
  return { ...declaration, file: fromFolder(dir, declaration.file), labels: fromFolder(dir, declaration.labels) };
}

/**
 * The plugin declarations of --plugin FILEs (undefined without any), checked
 * by createAnalyzer's own validation (planPlugins). Throws an Error whose
 * one-line message names the file and the field.
 */
export function readPluginFiles(files) {
  if (!files?.length) return undefined;
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));  // ids may not reuse a built-in model's
  const declarations = [];
  for (const file of files) {
    declarations.push(readDeclaration(file));
    // All the files so far: an id used twice is blamed on the file that repeats it.
    try {
      planPlugins(declarations, manifest);
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      throw new Error(`--plugin ${file}: ${error.message}`);
    }
  }
  return declarations;
}
