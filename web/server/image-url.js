// Fetches an image URL for `localvision serve --allow-url`, never from this
// machine's own network: every address a name resolves to (and every IP
// literal) must be public, checked on the address actually connected to, so
// DNS rebinding cannot slip past. Redirects are followed (at most 3), each
// hop checked the same way.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AnalysisError } from '../errors.js';

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 10_000;

// Loopback, private, link-local, carrier-grade NAT, multicast, reserved and
// documentation ranges, IPv4 and IPv6.
const NOT_PUBLIC = new net.BlockList();
for (const [prefix, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]]) NOT_PUBLIC.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8]]) NOT_PUBLIC.addSubnet(prefix, bits, 'ipv6');

const refused = (message) => new AnalysisError('InvalidImageUrl', message);

/** True for an address a fetched URL may connect to. IPv4-mapped IPv6 is judged by its IPv4 address. */
export function isPublicAddress(address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = net.isIP(address);
  return family !== 0 && !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

// dns.lookup that answers only with public addresses.
function publicLookup(hostname, options, callback) {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error);
    if (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))) {
      return callback(refused('The image URL points to a private, loopback or link-local address, which this server does not fetch.'));
    }
    return options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family);
  });
}

function get(url, maxBytes) {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { lookup: publicLookup, timeout: TIMEOUT_MS, headers: { accept: 'image/*' } }, (response) => {
      if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
        response.resume();
        resolve({ redirect: new URL(response.headers.location, url) });
        return;
      }
      if (response.statusCode !== 200) {
        response.resume();
        reject(refused(`The image URL answered HTTP ${response.statusCode}.`));
        return;
      }
      if (Number(response.headers['content-length']) > maxBytes) {
        response.destroy();
        reject(new AnalysisError('InvalidImageSize', `The image at the URL is larger than ${maxBytes} bytes.`));
        return;
      }
      const chunks = [];
      let length = 0;
      response.on('data', (chunk) => {
        length += chunk.length;
        if (length > maxBytes) {
          response.destroy();
          reject(new AnalysisError('InvalidImageSize', `The image at the URL is larger than ${maxBytes} bytes.`));
        } else chunks.push(chunk);
      });
      response.on('end', () => resolve({ bytes: concatZeroing(chunks, length) }));
      response.on('error', (error) => reject(refused(`The image URL could not be read (${error.code ?? 'error'}).`)));
    });
    request.on('timeout', () => request.destroy(refused('The image URL did not answer in time.')));
    request.on('error', (error) => reject(error instanceof AnalysisError ? error : refused(`The image URL could not be fetched (${error.code ?? 'error'}).`)));
  });
}

/** Copies chunks into one fresh Uint8Array (its own ArrayBuffer, transferable) and zeroes the chunks. */
export function concatZeroing(chunks, length) {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
    chunk.fill(0);
  }
  return bytes;
}

/**
 * The bytes of an http(s) image URL, at most maxBytes. Throws AnalysisError:
 * InvalidImageUrl (not http(s), a non-public address, an HTTP error, too many
 * redirects, a timeout) or InvalidImageSize (larger than maxBytes).
 */
export async function fetchPublicImage(text, maxBytes) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw refused('The image URL is not a valid URL.');
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused('The image URL must be http or https.');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && !isPublicAddress(host)) {
      throw refused('The image URL points to a private, loopback or link-local address, which this server does not fetch.');
    }
    const { redirect, bytes } = await get(url, maxBytes);
    if (bytes) return bytes;
    url = redirect;
  }
  throw refused('The image URL redirected too many times.');
}
