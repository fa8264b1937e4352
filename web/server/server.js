// `localvision serve`: Azure Image Analysis's REST API (routes.js) on
// node:http (node:https with a certificate), over a pool of analysis
// worker threads (pool.js). Stateless but for pending Read results.
// Nothing about a request's image or result is logged.
import http from 'node:http';
import https from 'node:https';
import { bodyKind, checkDeclaredLength, readImage } from './body.js';
import { keyChecker } from './auth.js';
import { QueueFullError, WorkerPool } from './pool.js';
import { ReadResults } from './read-results.js';
import { AnalysisError } from '../errors.js';
import { sendError, sendGatewayError, sendJson } from './responses.js';
import { findRoute } from './routes.js';

const KEY_HEADER = 'ocp-apim-subscription-key';
// How long, and how much of, an unread body is discarded after an early answer (see answerEarly).
const LINGER_IDLE_MS = 5000;
const LINGER_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Starts the server. Options:
 *   host, port          where to listen (port 0: any free port)
 *   key                 the Ocp-Apim-Subscription-Key clients must send (none: no check)
 *   tls                 {cert, key} (PEM) to serve HTTPS; absent: plain HTTP
 *   workers, maxQueue   analysis threads, and requests that may wait for one
 *   models              the model folder each worker loads
 *   plugins             createAnalyzer's `plugins` for each worker (declarations of --plugin files)
 *   people              known people (JSON text of analyzer.people.export()) for Celebrities
 *   allowUrl            fetch {"url"} bodies (public addresses only)
 *   maxImageBytes       largest image a request may carry, in bytes (see body.js)
 *   headersTimeoutMs, requestTimeoutMs   node:http's limits on a slow client
 *   readTtlMs           how long a Read result is kept after its POST, unless read first
 * Resolves to {url, server, pool, shutdown()} once every worker is ready;
 * shutdown() answers new requests 503, lets running ones finish, then stops.
 */
export async function startServer(options) {
  const pool = await WorkerPool.start({
    size: options.workers, maxQueue: options.maxQueue, models: options.models, plugins: options.plugins, people: options.people,
  });
  const readResults = new ReadResults({ ttlMs: options.readTtlMs });
  const state = { closing: false, inFlight: 0, keyMatches: keyChecker(options.key), pool, readResults, options };
  const server = createHttpServer(options, (req, res) => {
    // In flight until both the answer is sent and the body is consumed (or
    // the connection dropped): shutdown waits for an upload still lingering.
    state.inFlight += 1;
    let open = 2;
    const settled = () => { open -= 1; if (open === 0) state.inFlight -= 1; };
    res.once('close', settled);
    req.once('close', settled);
    handle(state, req, res).catch((error) => {
      process.stderr.write(`localvision serve: an unexpected ${error?.name ?? 'error'} while answering.\n`);  // the class only
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    });
  });
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, resolve);
    });
  } catch (error) {
    await pool.close();
    throw error;
  }
  const { address, port } = server.address();
  const host = address.includes(':') ? `[${address}]` : address;

  async function shutdown() {
    state.closing = true;
    while (state.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    server.close();
    server.closeAllConnections();
    await pool.close();  // Read operations still running finish first, then are forgotten with the rest
    readResults.clear();
  }
  return { url: `${options.tls ? 'https' : 'http'}://${host}:${port}`, server, pool, shutdown };
}

// A node:http server, or node:https with options.tls: the same limits on slow clients either way.
function createHttpServer(options, onRequest) {
  const limits = {
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs),
    keepAliveTimeout: 5000,
  };
  if (!options.tls) return http.createServer(limits, onRequest);
  // A TLS handshake comes before the headers: it gets their time limit, not tls's 120 s.
  return https.createServer({ ...limits, handshakeTimeout: options.headersTimeoutMs, cert: options.tls.cert, key: options.tls.key }, onRequest);
}

// Answers early (before the body is read, or before all of it). Closing on
// unread data would reset the connection under the client before it reads
// the answer, so the rest of the body is discarded (never kept) while it
// keeps coming: the connection closes after LINGER_IDLE_MS without data or
// LINGER_MAX_BYTES discarded (node's requestTimeout bounds the rest).
function answerEarly(req, res, send) {
  send();
  if (req.complete) return;
  let discarded = 0;
  // Timers run before pending socket reads: after a stall of the event loop,
  // let those reads in (setImmediate) before calling the client idle.
  const idle = setTimeout(() => {
    const seen = discarded;
    setImmediate(() => (discarded === seen ? req.destroy() : idle.refresh()));
  }, LINGER_IDLE_MS).unref();
  req.on('data', (chunk) => {
    discarded += chunk.length;
    if (discarded > LINGER_MAX_BYTES) req.destroy();
    else idle.refresh();
  });
  req.on('end', () => clearTimeout(idle)).on('error', () => {});
}

// The answer to a request refused before its body is read (shutdown, path,
// method, key), as a function sending it; null when the request may go on.
function refusal(state, req, res, found) {
  if (state.closing) {
    return () => sendGatewayError(res, 503, 'The server is shutting down; retry on another instance.', { headers: { 'retry-after': '1' }, close: true });
  }
  if (!found) return () => sendGatewayError(res, 404, 'Resource not found');
  if (found.allow) {
    return () => sendGatewayError(res, 405, `Method ${req.method} is not allowed here.`, { headers: { allow: found.allow.join(', ') } });
  }
  if (!state.keyMatches(req.headers[KEY_HEADER])) {
    return () => sendGatewayError(res, 401,
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.');
  }
  return null;
}

async function handle(state, req, res) {
  const url = new URL(req.url, 'http://localhost');
  const found = findRoute(req.method, url.pathname);
  const refuse = refusal(state, req, res, found);
  if (refuse) {
    answerEarly(req, res, refuse);
    return;
  }
  const left = new AbortController();
  res.once('close', () => left.abort());
  // The pool's run or start of the request's image. The image is the
  // pool's once submitted (a worker gets it, or it is zeroed if dropped);
  // a QueueFullError leaves it here.
  const submitImage = (method) => (op, options) => {
    const job = state.pool[method](op, ctx.image, options, left.signal);
    ctx.image = undefined;
    return job;
  };
  const ctx = {
    req, query: url.searchParams, params: found.params, readResults: state.readResults, plugins: state.options.plugins,
    run: submitImage('run'), start: submitImage('start'),
  };
  if (found.route.image) {
    try {
      const kind = bodyKind(req);
      checkDeclaredLength(req, kind, state.options.maxImageBytes);
      ctx.image = await readImage(req, kind, state.options);
    } catch (error) {
      answerEarly(req, res, () => sendError(res, error));
      return;
    }
  }
  try {
    respond(res, await found.route.answer(ctx));
  } catch (error) {
    if (error instanceof QueueFullError) {
      sendGatewayError(res, 429, `Rate limit is exceeded. Try again in ${error.retryAfter} seconds.`, { headers: { 'retry-after': String(error.retryAfter) } });
    } else {
      // Only the error's class is logged: its message might quote the request.
      if (!(error instanceof AnalysisError)) process.stderr.write(`localvision serve: an unexpected ${error?.name ?? 'error'} was answered with 500.\n`);
      sendError(res, error);
    }
  } finally {
    // An image never handed to the pool (a refused request's, or one the queue had no room for).
    ctx.image?.fill(0);
  }
}

// Sends a route's answer; bytes (a thumbnail, a Read result) are zeroed once sent.
function respond(res, { status = 200, json, bytes, contentType, headers = {} }) {
  if (json !== undefined) {
    sendJson(res, status, json, { headers });
  } else if (bytes) {
    res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.byteLength, ...headers });
    res.end(bytes, () => bytes.fill(0));
  } else {
    res.writeHead(status, { 'content-length': 0, ...headers });
    res.end();
  }
}
