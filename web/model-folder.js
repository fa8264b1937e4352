// The package's own model folder: where `localvision models` writes by default.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));

/** The package's own model folder. */
export const PACKAGE_MODELS = path.join(packageRoot, 'models/dist');
