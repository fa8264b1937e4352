// The Ocp-Apim-Subscription-Key check of `localvision serve`. Both keys are
// hashed first so the comparison takes the same time whatever their
// lengths and contents (crypto.timingSafeEqual needs equal lengths).
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text) => createHash('sha256').update(text, 'utf8').digest();

/** A function telling whether a request's key header value matches `key`; with no key every request passes. */
export function keyChecker(key) {
  if (!key) return () => true;
  const expected = digest(key);
  return (given) => typeof given === 'string' && timingSafeEqual(digest(given), expected);
}
