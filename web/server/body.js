// The image of a POST to `localvision serve`, as Azure takes it:
// application/octet-stream (or image/*) bytes, application/json
// {"url": "..."} (fetched only with --allow-url), or multipart/form-data
// (the first file part, parsed by busboy). Every chunk read is copied once
// into the image buffer and zeroed.
import busboy from 'busboy';
import { fetchPublicImage, concatZeroing } from './image-url.js';
import { RequestError } from './responses.js';

// Room for what a body carries besides the image: multipart framing, or a JSON {"url"} (the whole body).
const FRAMING_BYTES = 64 * 1024;

// The largest body of each kind, for images of at most maxImageBytes.
const BODY_LIMITS = {
  bytes: (maxImageBytes) => maxImageBytes,
  multipart: (maxImageBytes) => maxImageBytes + FRAMING_BYTES,
  json: () => FRAMING_BYTES,
};

const tooLarge = (what, limit) => new RequestError(413, 'InvalidImageSize', `The ${what} is larger than ${limit} bytes.`);

/** 'bytes' | 'json' | 'multipart' for a request's Content-Type; throws 415 UnsupportedMediaType otherwise. */
export function bodyKind(req) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/octet-stream' || type.startsWith('image/')) return 'bytes';
  if (type === 'application/json') return 'json';
  if (type === 'multipart/form-data') return 'multipart';
  throw new RequestError(415, 'UnsupportedMediaType',
    'Supported media types: application/octet-stream, application/json and multipart/form-data.');
}

/** Throws 413 when the declared Content-Length is over the limit of the body's kind: the body is refused unread. */
export function checkDeclaredLength(req, kind, maxImageBytes) {
  const limit = BODY_LIMITS[kind](maxImageBytes);
  if (Number(req.headers['content-length']) > limit) throw tooLarge(kind === 'bytes' ? 'image' : 'request body', limit);
}

// The raw body, at most maxBytes (a chunked body is cut off when it passes them).
function readAll(req, maxBytes, what) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let length = 0;
    const onData = (chunk) => {
      length += chunk.length;
      if (length <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Over the limit: what was kept is zeroed, the rest flows unread.
      req.off('data', onData);
      chunks.forEach((c) => c.fill(0));
      reject(tooLarge(what, maxBytes));
    };
    req.on('data', onData);
    req.on('end', () => resolve(concatZeroing(chunks, length)));
    req.on('error', reject);
  });
}

// The first file part of a multipart body, at most maxImageBytes.
function readMultipart(req, maxImageBytes) {
  return new Promise((resolve, reject) => {
    let parser;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxImageBytes, fields: 20, parts: 21 } });
    } catch (error) {
      reject(new RequestError(400, 'BadArgument', `The multipart body cannot be parsed: ${error.message}`));
      return;
    }
    let image;
    parser.on('file', (name, stream) => {
      const chunks = [];
      let length = 0;
      stream.on('data', (chunk) => { chunks.push(chunk); length += chunk.length; });
      stream.on('limit', () => {
        chunks.forEach((c) => c.fill(0));
        reject(tooLarge('image', maxImageBytes));
      });
      stream.on('end', () => { image = concatZeroing(chunks, length); });
    });
    parser.on('error', () => reject(new RequestError(400, 'BadArgument', 'The multipart body is malformed.')));
    parser.on('close', () => (image
      ? resolve(image)
      : reject(new RequestError(400, 'InvalidImageFormat', 'The multipart body has no file part with the image.'))));
    req.pipe(parser);
  });
}

async function readUrl(req, maxImageBytes, allowUrl) {
  const text = new TextDecoder().decode(await readAll(req, BODY_LIMITS.json(), 'request body'));
  let url;
  try {
    ({ url } = JSON.parse(text));
  } catch {
    throw new RequestError(400, 'InvalidImageUrl', 'The JSON body must be {"url": "<image URL>"}.');
  }
  if (typeof url !== 'string') throw new RequestError(400, 'InvalidImageUrl', 'The JSON body must be {"url": "<image URL>"}.');
  if (!allowUrl) {
    throw new RequestError(400, 'InvalidImageUrl',
      'This server does not fetch image URLs (start it with --allow-url), send the image bytes instead.');
  }
  return fetchPublicImage(url, maxImageBytes);
}

/**
 * The image bytes of a request whose kind bodyKind() gave (a fresh
 * Uint8Array, transferable). Throws RequestError / AnalysisError: 413
 * InvalidImageSize (an image over maxImageBytes, or a body over its kind's
 * limit), 400 InvalidImageSize (a URL's image over maxImageBytes),
 * InvalidImageUrl, InvalidImageFormat (no file part), BadArgument
 * (malformed multipart).
 */
export function readImage(req, kind, { maxImageBytes, allowUrl }) {
  if (kind === 'json') return readUrl(req, maxImageBytes, allowUrl);
  if (kind === 'multipart') return readMultipart(req, maxImageBytes);
  return readAll(req, maxImageBytes, 'image');
}
