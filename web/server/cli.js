// localvision serve [--host 127.0.0.1] [--port 5000] [--key KEY | --key-file F] [--tls-cert F --tls-key F] [--workers N] [--max-queue N] [--models DIR] [--plugin FILE]... [--allow-url] [--people FILE]
// Prints one line, "listening on http(s)://HOST:PORT", on stdout when ready;
// SIGTERM or SIGINT drains it (running requests finish, new ones get 503).
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { requireModelFolder } from '../model-folder.js';
import { checkOnnxRuntimeNode } from '../ort-node.js';
import { readPluginFiles } from '../plugin-files.js';
import { startServer } from './server.js';

const USAGE = `Usage: localvision serve [options]

Azure AI Vision Image Analysis's REST API (v3.2 and 4.0) on this machine:
point an Azure SDK or app at http://HOST:PORT (https:// with --tls-cert and
--tls-key) instead of the Azure endpoint.

Options:
  --host h              address to listen on (default 127.0.0.1)
  --port n              port (default 5000; 0: any free port)
  --key k               the Ocp-Apim-Subscription-Key clients must send; prefer
                        LOCALVISION_KEY or --key-file (a command line is visible to ps)
  --key-file f          read the key from this file (surrounding whitespace ignored)
  --tls-cert f          serve HTTPS with this certificate (PEM, leaf first if a chain)
  --tls-key f           and this private key (PEM, unencrypted); both or neither
  --workers n           analysis threads (default: the number of cores)
  --max-queue n         requests that may wait for a thread before 429 (default: 4 per thread)
  --models dir          the model folder (default: the package's models/dist, which
                        \`npx localvision models\` fills)
  --plugin f            a JSON file declaring an ONNX classifier of yours (tags, landmarks
                        or brands) as an entry of createAnalyzer's plugins (README,
                        "Pluggable models"); repeatable. A landmarks plugin is what
                        details=Landmarks and models/landmarks/analyze answer with
  --allow-url           fetch {"url": ...} bodies (public addresses only)
  --people f            known people for details=Celebrities and models/celebrities:
                        a gallery saved from analyzer.people.export()
  --headers-timeout s   seconds a client may take to send its headers (default 10)
  --request-timeout s   seconds a client may take to send its whole request (default 60)
  --read-ttl s          seconds a Read result is kept after its POST, unless read first (default 600)
  -h, --help            this help`;

// Azure's limit on an image (the analyzer's default maxBytes too).
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function positiveInteger(text, name, { allowZero = false } = {}) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`--${name} must be a whole number${allowZero ? '' : ' above 0'}, not "${text}".`);
  return n;
}

// --key, else LOCALVISION_KEY, else --key-file; never printed.
function resolveKey(values) {
  if (values.key) return values.key;
  if (process.env.LOCALVISION_KEY) return process.env.LOCALVISION_KEY;
  if (values['key-file']) return readOptionFile(values['key-file'], 'key-file').toString('utf8').trim();
  return '';
}

// A file's bytes; an unreadable one is an Error naming the option and the file.
function readOptionFile(file, option) {
  try {
    return readFileSync(file);
  } catch (error) {
    // "ENOENT: no such file or directory, open 'f'": the part before the syscall.
    throw new Error(`--${option} ${file}: cannot read it (${error.message.split(',')[0]}).`);
  }
}

// parse()'s value; when it throws, an Error with `message` (OpenSSL's own text names no file).
function parsedOr(message, parse) {
  try {
    return parse();
  } catch {
    throw new Error(message);
  }
}

// {cert, key} (PEM bytes) from --tls-cert and --tls-key, checked here so a
// bad file is named before any worker starts; undefined without them
// (plain HTTP). The key's bytes never reach a message.
function tlsFiles(values) {
  const certFile = values['tls-cert'], keyFile = values['tls-key'];
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error('--tls-cert and --tls-key go together: pass both for HTTPS, or neither for HTTP.');
  const cert = readOptionFile(certFile, 'tls-cert'), key = readOptionFile(keyFile, 'tls-key');
  const certificate = parsedOr(`--tls-cert ${certFile}: not a PEM certificate.`, () => new X509Certificate(cert));
  const privateKey = parsedOr(`--tls-key ${keyFile}: not a PEM private key (encrypted keys are not supported).`, () => createPrivateKey(key));
  if (!certificate.checkPrivateKey(privateKey)) throw new Error(`--tls-key ${keyFile} is not the private key of --tls-cert ${certFile}.`);
  return { cert, key };
}

/** The startServer() options of a serve command line (argv after "serve"). Throws Error with a message for the user. */
export function serveOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '5000' },
      key: { type: 'string' }, 'key-file': { type: 'string' },
      'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' },
      workers: { type: 'string' }, 'max-queue': { type: 'string' }, models: { type: 'string' }, people: { type: 'string' },
      plugin: { type: 'string', multiple: true },
      'allow-url': { type: 'boolean', default: false },
      'headers-timeout': { type: 'string', default: '10' }, 'request-timeout': { type: 'string', default: '60' },
      'read-ttl': { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const workers = values.workers ? positiveInteger(values.workers, 'workers') : os.availableParallelism();
  const key = resolveKey(values);
  if (!key && !LOOPBACK.has(values.host)) {
    throw new Error(`Listening on ${values.host} needs a key: pass LOCALVISION_KEY, --key-file or --key.`);
  }
  return {
    host: values.host,
    port: positiveInteger(values.port, 'port', { allowZero: true }),
    key,
    tls: tlsFiles(values),
    workers,
    maxQueue: values['max-queue'] ? positiveInteger(values['max-queue'], 'max-queue', { allowZero: true }) : 4 * workers,
    models: requireModelFolder(values.models),
    plugins: readPluginFiles(values.plugin),
    people: values.people ? readOptionFile(values.people, 'people').toString('utf8') : undefined,
    allowUrl: values['allow-url'],
    maxImageBytes: MAX_IMAGE_BYTES,
    headersTimeoutMs: 1000 * positiveInteger(values['headers-timeout'], 'headers-timeout'),
    requestTimeoutMs: 1000 * positiveInteger(values['request-timeout'], 'request-timeout'),
    readTtlMs: 1000 * positiveInteger(values['read-ttl'], 'read-ttl'),
  };
}

/** Runs `localvision serve`; resolves to the exit code once the server has stopped. */
export async function serve(argv) {
  let options;
  try {
    options = serveOptions(argv);
    if (!options.help) checkOnnxRuntimeNode('localvision serve');
  } catch (error) {
    // A command line of the wrong shape gets the usage; a bad value or file, the one line naming it.
    const usage = error.code?.startsWith('ERR_PARSE_ARGS') ? `\n${USAGE}\n` : '';
    process.stderr.write(`${error.message}\n${usage}`);
    return 2;
  }
  if (options.help) { process.stdout.write(`${USAGE}\n`); return 0; }
  if (!options.key) process.stderr.write('localvision serve: no key set, so every request is accepted (loopback only).\n');
  let server;
  try {
    server = await startServer(options);
  } catch (error) {
    process.stderr.write(`localvision serve: cannot start: ${error.message}\n`);
    return 1;
  }
  process.stdout.write(`listening on ${server.url}\n`);
  await new Promise((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, resolve);
  });
  await server.shutdown();
  return 0;
}
