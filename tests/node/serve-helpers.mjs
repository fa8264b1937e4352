// A real `localvision serve` for the server tests: spawned from the CLI on
// an ephemeral loopback port, with the package's models and onnxruntime-node.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cli } from './helpers.mjs';

export const KEY = 'test-key-0123456789';

/** Spawns `localvision serve --port 0 ...args`; resolves to {url, child, stderr()} once it prints its address. */
export async function spawnServer(args = [], env = {}) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], {
    env: { ...process.env, LOCALVISION_KEY: KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let stdout = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = /^listening on (https?:\/\/\S+)\n/.exec(stdout);
      if (line) resolve(line[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
  return { url, child, stdout: () => stdout, stderr: () => stderr };
}

/** SIGTERM, then the exit code. */
export async function stopServer({ child }) {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code;
}
