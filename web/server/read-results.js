// The v3.2 Read operations of `localvision serve`, the only state it keeps:
// in memory, each running until its analysis settles, then held as bytes
// that are zeroed when the result is delivered or when the operation
// expires (its TTL counts from the POST), whichever comes first.
import { randomUUID } from 'node:crypto';
import { readOperationResult } from './text-results.js';

// A ReadOperationResult with no analyzeResult: 'running', or 'failed' (Azure's shape has no room for the reason).
const statusOnly = (status, createdDateTime, lastUpdatedDateTime) => ({ status, createdDateTime, lastUpdatedDateTime });

export class ReadResults {
  #operations = new Map();  // operation id -> {createdDateTime, bytes: Buffer (null while running), timer}
  #ttlMs;

  /** ttlMs: how long an operation's result is kept after its POST. */
  constructor({ ttlMs }) { this.#ttlMs = ttlMs; }

  /**
   * Starts an operation on `analysis` (a promise of a v3.2 analysis with
   * features ['read']) and returns its new id (a UUID). The operation
   * succeeds with the text once it resolves, and fails if it rejects.
   */
  start(analysis) {
    const id = randomUUID();
    const createdDateTime = new Date().toISOString();
    const timer = setTimeout(() => this.#forget(id), this.#ttlMs).unref();
    this.#operations.set(id, { createdDateTime, bytes: null, timer });
    analysis
      .then((value) => readOperationResult(value, createdDateTime, new Date().toISOString()))
      .catch(() => statusOnly('failed', createdDateTime, new Date().toISOString()))
      .then((result) => this.#settle(id, result));
    return id;
  }

  /**
   * An operation's state as JSON bytes (a Buffer the caller zeroes once
   * sent), or null when the id is unknown, expired or already delivered.
   * A settled operation is delivered once, then forgotten.
   */
  take(id) {
    const operation = this.#operations.get(id);
    if (!operation) return null;
    const { createdDateTime } = operation;
    if (!operation.bytes) return Buffer.from(JSON.stringify(statusOnly('running', createdDateTime, createdDateTime)));
    clearTimeout(operation.timer);
    this.#operations.delete(id);
    return operation.bytes;
  }

  /** Operations held now, running or settled. */
  get size() { return this.#operations.size; }

  /** Forgets (zeroes) every operation. */
  clear() { for (const id of [...this.#operations.keys()]) this.#forget(id); }

  // An operation that expired while it ran is not brought back.
  #settle(id, result) {
    const operation = this.#operations.get(id);
    if (operation) operation.bytes = Buffer.from(JSON.stringify(result));
  }

  #forget(id) {
    const operation = this.#operations.get(id);
    if (!operation) return;
    clearTimeout(operation.timer);
    operation.bytes?.fill(0);
    this.#operations.delete(id);
  }
}
