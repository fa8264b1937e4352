// `localvision serve`: Azure Image Analysis's REST API (routes.js) on
// node:http (node:https with a certificate), over a pool of analysis
// worker threads (pool.js). Stateless but for pending Read results.
// Nothing about a request's image or result is logged.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { bodyKind, checkDeclaredLength, readImage } from './body.js';
import { keyChecker } from './auth.js';
import { QueueFullError, WorkerPool } from './pool.js';
import { ReadResults } from './read-results.js';
import { AnalysisError } from '../errors.js';
import { errorReply, gatewayReply, invalidRequestReply, sendJson } from './responses.js';
import { findRoute } from './routes.js';

const KEY_HEADER = 'ocp-apim-subscription-key';
// How long, and how much of, an unread body is discarded after an early answer (see bodyDiscarded).
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
  // awaitingContinue: the client sent `Expect: 100-continue` and waits for
  // it before sending its body (handle() sends it once the body is wanted).
  const answer = (req, res, awaitingContinue = false) => {
    setRequestId(res);
    // In flight until the response closes: an early answer ends only once
    // the body is discarded, so shutdown waits for an upload still lingering.
    state.inFlight += 1;
    res.once('close', () => { state.inFlight -= 1; });
    handle(state, req, res, awaitingContinue).catch((error) => {
      process.stderr.write(`localvision serve: an unexpected ${error?.name ?? 'error'} while answering.\n`);  // the class only
      if (!res.headersSent) sendJson(res, errorReply(error), { close: true });
      else res.destroy();
    });
  };
  const server = createHttpServer(options, (req, res) => answer(req, res));
  server.on('checkContinue', (req, res) => answer(req, res, true));
  server.on('checkExpectation', (req, res) => {
    setRequestId(res);
    answerEarly(req, res, invalidRequestReply(417, `Expect: ${req.headers.expect} is not supported; only 100-continue is.`), true);
  });
  server.on('clientError', answerClientError);
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

// Azure's request id, on every response.
const setRequestId = (res) => res.setHeader('apim-request-id', randomUUID());

// A node:http server, or node:https with options.tls: the same limits on slow clients either way.
function createHttpServer(options, onRequest) {
  const limits = {
    requireHostHeader: false,  // refusal() answers a missing Host, in Azure's envelope
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs),
    keepAliveTimeout: 5000,
  };
  if (!options.tls) return http.createServer(limits, onRequest);
  // A TLS handshake comes before the headers: it gets their time limit, not tls's 120 s.
  return https.createServer({ ...limits, handshakeTimeout: options.headersTimeoutMs, cert: options.tls.cert, key: options.tls.key }, onRequest);
}

// Node's answers to requests it cannot parse or that come too slowly, by
// the error's code (node:http's own choices); any other is 400.
const CLIENT_ERRORS = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'The chunk extensions of the request body are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time.'],
};

// A whole HTTP response, for a connection node:http has given up parsing.
function clientErrorResponse(code) {
  const { status, body } = invalidRequestReply(...(CLIENT_ERRORS[code] ?? [400, 'The request is not valid HTTP/1.1.']));
  const text = JSON.stringify(body);
  return [`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`, 'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`, 'Connection: close', `apim-request-id: ${randomUUID()}`, '', text].join('\r\n');
}

// node:http's 'clientError' (a malformed request, a timeout, a reset): Azure's
// envelope instead of node's bare status line, then the connection closes.
// Nothing is written on a socket that cannot take it, nor where a response
// has begun (node's own test, on its private _httpMessage).
function answerClientError(error, socket) {
  if (socket.writableEnded) return;  // answered already: more bytes of the same request
  if (!socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(error.code), () => socket.destroy());
}

// Whether body bytes are still to come: a body is declared and not all read.
function bodyUnread(req) {
  return !req.complete && (Number(req.headers['content-length']) > 0 || req.headers['transfer-encoding'] !== undefined);
}

// Discards (never keeps) a request's body while it keeps coming; resolves at
// its end. The connection is destroyed after LINGER_IDLE_MS without data or
// LINGER_MAX_BYTES discarded (node's requestTimeout bounds the rest).
function bodyDiscarded(req) {
  return new Promise((resolve) => {
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
    req.on('end', () => {
      clearTimeout(idle);
      resolve();
    }).on('error', () => {});
  });
}

// Answers before the body is read, or all of it. A body still to come
// closes the connection: bytes the client sends after this answer must not
// be read as its next request. Closing on unread data would reset the
// connection under the client before it reads the answer, so the answer is
// written whole and the response ends (node then closes) once the rest of
// the body is discarded. A client awaiting a 100 Continue never sent sends
// no body: its answer closes at once.
function answerEarly(req, res, reply, awaitingContinue) {
  if (awaitingContinue) sendJson(res, reply, { close: true });
  else if (bodyUnread(req)) sendJson(res, reply, { close: true, until: bodyDiscarded(req) });
  else sendJson(res, reply);
}

// The reply to a request refused before its body is read (no Host,
// shutdown, path, method, key); null when the request may go on.
function refusal(state, req, found) {
  if (req.httpVersion === '1.1' && req.headers.host === undefined) return invalidRequestReply(400, 'An HTTP/1.1 request needs a Host header.');
  if (state.closing) {
    return gatewayReply(503, 'The server is shutting down; retry on another instance.', { 'retry-after': '1', connection: 'close' });
  }
  if (!found) return gatewayReply(404, 'Resource not found');
  if (found.allow) return gatewayReply(405, `Method ${req.method} is not allowed here.`, { allow: found.allow.join(', ') });
  if (!state.keyMatches(req.headers[KEY_HEADER])) {
    return gatewayReply(401,
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.');
  }
  return null;
}

async function handle(state, req, res, awaitingContinue) {
  const url = new URL(req.url, 'http://localhost');
  const found = findRoute(req.method, url.pathname);
  const refused = refusal(state, req, found);
  if (refused) {
    answerEarly(req, res, refused, awaitingContinue);
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
    req, query: url.searchParams, params: found.params, readResults: state.readResults,
    details: state.pool.details, run: submitImage('run'), start: submitImage('start'),
  };
  if (found.route.image) {
    try {
      const kind = bodyKind(req);
      checkDeclaredLength(req, kind, state.options.maxImageBytes);
      if (awaitingContinue) {
        res.writeContinue();  // the checks that need no body passed: send it
        awaitingContinue = false;
      }
      ctx.image = await readImage(req, kind, state.options);
    } catch (error) {
      answerEarly(req, res, errorReply(error), awaitingContinue);
      return;
    }
  }
  try {
    respond(res, await found.route.answer(ctx));
  } catch (error) {
    if (error instanceof QueueFullError) {
      sendJson(res, gatewayReply(429, `Rate limit is exceeded. Try again in ${error.retryAfter} seconds.`, { 'retry-after': String(error.retryAfter) }));
    } else {
      // Only the error's class is logged: its message might quote the request.
      if (!(error instanceof AnalysisError)) process.stderr.write(`localvision serve: an unexpected ${error?.name ?? 'error'} was answered with 500.\n`);
      sendJson(res, errorReply(error));
    }
  } finally {
    // An image never handed to the pool (a refused request's, or one the queue had no room for).
    ctx.image?.fill(0);
  }
}

// Sends a route's answer; bytes (a thumbnail, a Read result) are zeroed once sent.
function respond(res, { status = 200, json, bytes, contentType, headers = {} }) {
  if (json !== undefined) {
    sendJson(res, { status, body: json, headers });
  } else if (bytes) {
    res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.byteLength, ...headers });
    res.end(bytes, () => bytes.fill(0));
  } else {
    res.writeHead(status, { 'content-length': 0, ...headers });
    res.end();
  }
}
