// Azure's response bodies for `localvision serve`. Analysis errors use the
// envelope of ../errors.js ({"error": {code, message, innererror}}); errors
// raised before a request reaches an analysis (key, path, throttling) use
// the gateway's shorter {"error": {code: "<status>", message}}, as Azure's do.
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

/** Sends `body` as JSON. `close` ends the connection after it. */
export function sendJson(res, status, body, { headers = {}, close = false } = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(text);
}

/** Azure's envelope for any error; anything that is not an AnalysisError becomes a bare 500 (no message, no stack). */
export function sendError(res, error, options) {
  const known = error instanceof AnalysisError ? error : new AnalysisError('InternalServerError', 'An internal error occurred.');
  sendJson(res, statusOf(known), known.toJSON(), options);
}

/** The gateway's error body: {"error": {"code": "401", "message": ...}}. */
export function sendGatewayError(res, status, message, options) {
  sendJson(res, status, { error: { code: String(status), message } }, options);
}
