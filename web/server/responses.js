// Azure's response bodies for `localvision serve`. Analysis errors use the
// envelope of ../errors.js ({"error": {code, message, innererror}}); errors
// raised before a request reaches an analysis (key, path, throttling) use
// the gateway's shorter {"error": {code: "<status>", message}}, as Azure's do.
// A reply is {status, body, headers?}: what sendJson sends.
import { AnalysisError } from '../errors.js';

/** An AnalysisError with the HTTP status it must be sent with (415, 413, ...). */
export class RequestError extends AnalysisError {
  constructor(status, innerCode, message) {
    super(innerCode, message);
    this.status = status;
  }
}

// Inner codes that are the server's fault; every other code is the caller's (400).
const SERVER_CODES = new Set(['InternalServerError', 'CancelledRequest']);

/** The HTTP status of an error thrown while serving a request. */
export function statusOf(error) {
  if (error instanceof RequestError) return error.status;
  if (error instanceof AnalysisError && !SERVER_CODES.has(error.innerCode)) return 400;
  return 500;
}

/**
 * Sends a reply as JSON. `close` ends the connection after it. `until` (a
 * promise) holds the response open, its body already written in full,
 * until it settles: the connection closes only then.
 */
export function sendJson(res, { status, body, headers = {} }, { close = false, until } = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
    ...headers,
  });
  if (!until) {
    res.end(text);
    return;
  }
  res.write(text);
  until.then(() => res.end());
}

/** Azure's envelope for any error; anything that is not an AnalysisError becomes a bare 500 (no message, no stack). */
export function errorReply(error) {
  const known = error instanceof AnalysisError ? error : new AnalysisError('InternalServerError', 'An internal error occurred.');
  return { status: statusOf(known), body: known.toJSON() };
}

/** The reply to a request that is not valid HTTP: {"error": {"code": "InvalidRequest", "message": ...}}, closing the connection. */
export function invalidRequestReply(status, message) {
  return { status, body: { error: { code: 'InvalidRequest', message } }, headers: { connection: 'close' } };
}

/** The gateway's error reply: {"error": {"code": "401", "message": ...}}. */
export function gatewayReply(status, message, headers) {
  return { status, body: { error: { code: String(status), message } }, headers };
}
