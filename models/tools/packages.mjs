// Fetches pinned npm packages with the ordinary npm client and extracts
// only the files a manifest names.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

export function fileDigest(filePath) {
  if (!fs.existsSync(filePath)) return null;
  const bytes = fs.readFileSync(filePath);
  return { sha256: sha256(bytes), size: bytes.length };
}

/** Folder of the extracted package (its files live under <dir>/package/). */
export function packageDir(cacheDir, name, version) {
  return path.join(cacheDir, `${name.replace('@', '').replace('/', '__')}-${version}`);
}

/**
 * Makes sure `files` of name@version exist under packageDir(...)/package.
 * Packs the exact version with npm and refuses any other version.
 */
export function ensurePackageFiles(cacheDir, name, version, files, log) {
  const dir = packageDir(cacheDir, name, version);
  const wanted = ['package.json', ...files];
  if (wanted.every((f) => fs.existsSync(path.join(dir, 'package', f)))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  log(`fetching ${name}@${version}`);
  const packed = npmPack(`${name}@${version}`, dir);
  if (packed.name !== name || packed.version !== version) {
    throw new Error(`package ${name}: asked for version ${version}, npm returned ${packed.name}@${packed.version}`);
  }
  const tarball = path.join(dir, packed.filename);
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir, ...wanted.map((f) => `package/${f}`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`package ${name}@${version}: cannot extract ${wanted.join(', ')}: ${error.stderr || error.message}`);
  } finally {
    fs.rmSync(tarball, { force: true });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'package.json'), 'utf8'));
  if (manifest.version !== version) throw new Error(`package ${name}: package.json says version ${manifest.version}, expected ${version}`);
  return dir;
}

function npmPack(spec, destination) {
  let stdout;
  try {
    stdout = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', destination], {
      cwd: destination, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new Error(`npm pack ${spec} failed: ${(error.stderr || error.message).trim().split('\n').slice(-3).join(' ')}`);
  }
  const [result] = JSON.parse(stdout);
  return result;
}
