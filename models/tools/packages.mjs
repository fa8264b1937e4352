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
 * Packs the exact version with npm and refuses any other version. Work
 * happens in a private temp folder renamed into place, so concurrent
 * callers (parallel test files) never see a half-extracted package.
 */
export function ensurePackageFiles(cacheDir, name, version, files, log) {
  const dir = packageDir(cacheDir, name, version);
  const wanted = ['package.json', ...files];
  const complete = (root) => wanted.every((f) => fs.existsSync(path.join(root, 'package', f)));
  if (complete(dir)) return dir;
  fs.mkdirSync(cacheDir, { recursive: true });
  const work = fs.mkdtempSync(`${dir}.tmp-`);
  try {
    log(`fetching ${name}@${version}`);
    extractPackage(work, name, version, wanted);
    fs.rmSync(dir, { recursive: true, force: true }); // an older, partial extraction
    fs.renameSync(work, dir);
  } catch (error) {
    if (!complete(dir)) throw error; // else another process finished the same package first
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

function extractPackage(work, name, version, wanted) {
  const packed = npmPack(`${name}@${version}`, work);
  if (packed.name !== name || packed.version !== version) {
    throw new Error(`package ${name}: asked for version ${version}, npm returned ${packed.name}@${packed.version}`);
  }
  const tarball = path.join(work, packed.filename);
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...wanted.map((f) => `package/${f}`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`package ${name}@${version}: cannot extract ${wanted.join(', ')}: ${error.stderr || error.message}`);
  } finally {
    fs.rmSync(tarball, { force: true });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(work, 'package', 'package.json'), 'utf8'));
  if (manifest.version !== version) throw new Error(`package ${name}: package.json says version ${manifest.version}, expected ${version}`);
}

/** Writes a file via a temp name + rename, so readers never see a partial file. */
export function writeFileAtomic(filePath, bytes) {
  const temp = `${filePath}.tmp-${process.pid}`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, filePath);
}

function npmPack(spec, destination) {
  let stdout;
  try {
    stdout = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', destination], {
      cwd: destination, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new Error(`npm pack ${spec} failed (the model packages come from npm's registry, or its cache): ${(error.stderr || error.message).trim().split('\n').slice(-3).join(' ')}`);
  }
  const [result] = JSON.parse(stdout);
  return result;
}
