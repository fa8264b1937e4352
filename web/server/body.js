// The image of a POST to `localvision serve`, as Azure takes it:
// application/octet-stream (or image/*) bytes, application/json
// {"url": "..."} (fetched only with --allow-url), or multipart/form-data
// (the first file part, parsed by busboy). Every chunk read is copied once
// into the image buffer and zeroed.
import busboy from 'busboy';
import { fetchPublicImage, concatZeroing } from './image-url.js';
import { RequestError } from './responses.js';

const tooLarge = (maxBytes) => new RequestError(413, 'InvalidImageSize', `The request body is larger than ${maxBytes} bytes.`);

/** 'bytes' | 'json' | 'multipart' for a request's Content-Type; throws 415 UnsupportedMediaType otherwise. */
export function bodyKind(req) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/octet-stream' || type.startsWith('image/')) return 'bytes';
  if (type === 'application/json') return 'json';
  if (type === 'multipart/form-data') return 'multipart';
  throw new RequestError(415, 'UnsupportedMediaType',
    'Supported media types: application/octet-stream, application/json and multipart/form-data.');
}

/** Throws 413 when the declared Content-Length is over maxBytes: the body is refused unread. */
export function checkDeclaredLength(req, maxBytes) {
  if (Number(req.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
}

// The raw body, at most maxBytes (a chunked body is cut off when it passes them).
function readAll(req, maxBytes) {
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
      reject(tooLarge(maxBytes));
    };
    req.on('data', onData);
    req.on('end', () => resolve(concatZeroing(chunks, length)));
    req.on('error', reject);
  });
}

// The first file part of a multipart body.
function readMultipart(req, maxBytes) {
  return new Promise((resolve, reject) => {
    let parser;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, parts: 21 } });
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
        reject(tooLarge(maxBytes));
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

async function readUrl(req, maxBytes, allowUrl) {
  const text = new TextDecoder().decode(await readAll(req, maxBytes));
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
  return fetchPublicImage(url, maxBytes);
}

/**
 * The image bytes of a request whose kind bodyKind() gave (a fresh
 * Uint8Array, transferable). Throws RequestError / AnalysisError: 413
 * InvalidImageSize (over maxBytes), InvalidImageUrl, InvalidImageFormat
 * (no file part), BadArgument (malformed multipart).
 */
export function readImage(req, kind, { maxBytes, allowUrl }) {
  if (kind === 'json') return readUrl(req, maxBytes, allowUrl);
  if (kind === 'multipart') return readMultipart(req, maxBytes);
  return readAll(req, maxBytes);
}
