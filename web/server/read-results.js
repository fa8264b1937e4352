// The results of v3.2 Read operations, the only state `localvision serve`
// keeps: in memory, as bytes that are zeroed when the result is delivered
// in a terminal state or when it expires, whichever comes first.
import { randomUUID } from 'node:crypto';

export class ReadResults {
  #results = new Map();  // operation id -> {bytes: Buffer, timer}
  #ttlMs;

  /** ttlMs: how long an unread result is kept. */
  constructor({ ttlMs }) { this.#ttlMs = ttlMs; }

  /** Keeps `result` (a JSON value) and returns its new operation id (a UUID). */
  add(result) {
    const id = randomUUID();
    const bytes = Buffer.from(JSON.stringify(result));
    const timer = setTimeout(() => this.#forget(id), this.#ttlMs).unref();
    this.#results.set(id, { bytes, timer });
    return id;
  }

  /**
   * Removes and returns an operation's result as JSON bytes (a Buffer the
   * caller zeroes once sent), or null when the id is unknown, expired or
   * already delivered.
   */
  take(id) {
    const entry = this.#results.get(id);
    if (!entry) return null;
    clearTimeout(entry.timer);
    this.#results.delete(id);
    return entry.bytes;
  }

  /** Results held now. */
  get size() { return this.#results.size; }

  /** Forgets (zeroes) every result. */
  clear() { for (const id of [...this.#results.keys()]) this.#forget(id); }

  #forget(id) {
    const entry = this.#results.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.bytes.fill(0);
    this.#results.delete(id);
  }
}
