// Where the command line and `localvision serve` find the models: --models
// DIR, else the package's models/dist (where `localvision models` writes by
// default). A folder holding none of the manifest's model files is refused:
// without models most features cannot run, and answering with empty tags
// would read as "nothing found".
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));

/** The package's own model folder. */
export const PACKAGE_MODELS = path.join(packageRoot, 'models/dist');

/** `dir` (default: the package's models/dist) when it holds a model file of the manifest; else throws Error saying how to get them. */
export function requireModelFolder(dir = PACKAGE_MODELS) {
  const { models } = JSON.parse(readFileSync(path.join(packageRoot, 'models/manifest.json'), 'utf8'));
  if (models.some((card) => existsSync(path.join(dir, card.file)))) return dir;
  throw new Error(`No models in ${dir}: get them with \`npx localvision models\` (or \`npx localvision models --out DIR\`, then pass --models DIR).`);
}
