// Turns whatever the caller passed into what the core takes: encoded bytes,
// or RGBA pixels with their size. Only an http(s) URL causes a request.
import { AnalysisError } from './errors.js';

const ACCEPTED = 'a Uint8Array, ArrayBuffer, Blob/File, ImageData or an http(s) URL';

function isImageDataLike(input) {
  return input && typeof input === 'object' && Number.isInteger(input.width) && Number.isInteger(input.height) &&
    (input.data instanceof Uint8ClampedArray || input.data instanceof Uint8Array);
}

async function fetchImage(url, signal) {
  let response;
  try {
    response = await fetch(url, { signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch (cause) {
    if (signal?.aborted) throw cancelled(signal);
    throw new AnalysisError('InvalidImageUrl', `The image URL could not be fetched (${cause.message}). Check the URL and that the server allows this origin (CORS).`);
  }
  if (!response.ok) {
    throw new AnalysisError('InvalidImageUrl', `The image URL answered HTTP ${response.status}. Check that the URL points to an image that can be downloaded.`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

export function cancelled(signal) {
  const reason = signal?.reason instanceof Error ? signal.reason.message : 'The analysis was cancelled.';
  return new AnalysisError('CancelledRequest', reason);
}

// Returns {bytes} or {pixels, width, height}.
export async function normalizeInput(input, signal) {
  if (input instanceof Uint8Array) return { bytes: input };
  if (input instanceof ArrayBuffer) return { bytes: new Uint8Array(input) };
  if (ArrayBuffer.isView(input)) return { bytes: new Uint8Array(input.buffer, input.byteOffset, input.byteLength) };
  if (typeof Blob !== 'undefined' && input instanceof Blob) return { bytes: new Uint8Array(await input.arrayBuffer()) };
  if (isImageDataLike(input)) return { pixels: input.data, width: input.width, height: input.height };
  const url = input instanceof URL ? input.href : input;
  if (typeof url === 'string') {
    if (!/^https?:\/\//i.test(url)) {
      throw new AnalysisError('InvalidImageUrl', `"${url.slice(0, 80)}" is not an http(s) URL. Pass ${ACCEPTED}.`);
    }
    return { bytes: await fetchImage(url, signal) };
  }
  throw new AnalysisError('InvalidImageFormat', `analyze() cannot read a ${input === null ? 'null' : typeof input}. Pass ${ACCEPTED}.`);
}
