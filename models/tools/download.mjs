// Fetches one model file from its public URL with Node's fetch, for cards
// whose source is a URL (not an npm package). The body is streamed to a
// temp file beside the destination, hashed on the way, refused past the
// expected size, and renamed into place only when sha256 and size match:
// the destination never holds a partial or wrong file.
//
// assemble.mjs is synchronous (like `npm pack` there), so it runs this file
// as a child process through downloadSync(); run by hand:
//   node models/tools/download.mjs <url> <destination> <size> <sha256>
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const THIS_FILE = fileURLToPath(import.meta.url);
/** Whole-download limit; a stalled connection fails instead of hanging `npm run models`. */
const TIMEOUT_MS = 15 * 60 * 1000;

/**
 * Downloads `url` (following redirects) to `destination` if its bytes have
 * expected.sha256 and expected.size. Throws with the reason otherwise.
 */
export async function download(url, destination, expected, { timeoutMs = TIMEOUT_MS } = {}) {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  let response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error(describeFetchError(error));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  const announced = Number(response.headers.get('content-length'));
  if (announced > expected.size) {
    await response.body?.cancel();
    throw new Error(`server announces ${announced} bytes, the manifest expects ${expected.size}`);
  }
  const temp = `${destination}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const hash = crypto.createHash('sha256');
  let size = 0;
  const handle = await fs.promises.open(temp, 'w');
  try {
    try {
      for await (const chunk of response.body) {
        size += chunk.length;
        if (size > expected.size) throw new Error(`more than the ${expected.size} bytes the manifest expects`);
        hash.update(chunk);
        await handle.write(chunk);
      }
    } catch (error) {
      if (error.message.startsWith('more than')) throw error;
      throw new Error(`download interrupted after ${size} bytes: ${describeFetchError(error)}`);
    } finally {
      await handle.close();
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== expected.sha256 || size !== expected.size) {
      throw new Error(`got sha256 ${sha256} (${size} bytes), the manifest expects ${expected.sha256} (${expected.size} bytes)`);
    }
    fs.renameSync(temp, destination);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function describeFetchError(error) {
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = error.cause;
  return cause ? `${error.message}: ${cause.code || cause.message}${cause.hostname ? ` ${cause.hostname}` : ''}` : error.message;
}

/** download() from synchronous code: runs this file in a child Node process. */
export function downloadSync(url, destination, expected) {
  try {
    execFileSync(process.execPath, [THIS_FILE, url, destination, String(expected.size), expected.sha256], {
      stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8',
    });
  } catch (error) {
    const reason = (error.stderr || '').trim().split('\n').filter(Boolean).pop() || error.message;
    throw new Error(reason);
  }
}

async function main() {
  const [url, destination, size, sha256] = process.argv.slice(2);
  if (!url || !destination || !size || !sha256) {
    console.error('usage: node models/tools/download.mjs <url> <destination> <size> <sha256>');
    process.exit(2);
  }
  try {
    await download(url, destination, { size: Number(size), sha256 });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
