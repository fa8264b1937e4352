// The analysis worker threads of `localvision serve` and their bounded
// queue. A job waits for a free worker; when every worker is busy and the
// queue is full, run() refuses at once (the server answers 429). A worker
// that dies fails only the job it was running (500) and is replaced.
import { Worker } from 'node:worker_threads';
import { AnalysisError } from '../errors.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Thrown by run() when the queue is full; retryAfter in whole seconds. */
export class QueueFullError extends Error {
  constructor(retryAfter) {
    super('The request queue is full.');
    this.name = 'QueueFullError';
    this.retryAfter = retryAfter;
  }
}

export class WorkerPool {
  #idle = [];
  #busy = new Map();  // Worker -> job
  #queue = [];
  #options;
  #closing = false;
  #meanSeconds = 1;   // running mean of a job's duration, for Retry-After
  #nextId = 0;
  #details = [];

  /**
   * size: worker threads; maxQueue: jobs that may wait for one;
   * models: the model folder each worker's analyzer loads; plugins: its
   * createAnalyzer `plugins`; people: an exported known-people gallery
   * (JSON text) each analyzer imports.
   * Resolves once every worker has its models loaded; rejects if one fails to start.
   */
  static async start({ size, maxQueue, models, plugins, people }) {
    const pool = new WorkerPool({ size, maxQueue, models, plugins, people });
    try {
      await Promise.all(Array.from({ length: size }, () => pool.#spawn()));
    } catch (error) {
      await pool.close();  // the workers that did start must not keep the process alive
      throw error;
    }
    return pool;
  }

  constructor(options) { this.#options = options; }

  /** The details the workers' analyzers can answer (the same for each: one folder, the same plugins). */
  get details() { return this.#details; }

  /** Jobs running or waiting. */
  get pending() { return this.#busy.size + this.#queue.length; }

  /** The worker threads running a job now (for operators and tests). */
  get busyWorkers() { return [...this.#busy.keys()]; }

  /**
   * Runs op ('analyze' | 'thumbnail') on a worker. `bytes` is transferred
   * (detached here); `signal` (optional) drops the job while it still waits. Resolves to the analyzer's value; rejects with
   * AnalysisError (the worker's envelope, or InternalServerError if the
   * worker died) or QueueFullError.
   */
  run(op, bytes, options, signal) {
    return this.#submit(op, bytes, options, signal, () => {});
  }

  /**
   * run() for an answer that comes before the value: resolves as soon as
   * the worker has decoded the image and accepted the options, to {result}
   * (run()'s promise, still pending). Fails as run() does when the job
   * ends before that point (a refused image or option, a worker that died,
   * a full queue).
   */
  start(op, bytes, options, signal) {
    let decoded;
    const whenDecoded = new Promise((resolve) => { decoded = resolve; });
    const result = this.#submit(op, bytes, options, signal, decoded);
    // An op without a decoding step (a thumbnail) only has its result.
    return Promise.race([whenDecoded, result]).then(() => ({ result }));
  }

  // Queues a job (QueueFullError, thrown here, leaves `bytes` to the caller); onDecoded: see worker.js.
  #submit(op, bytes, options, signal, onDecoded) {
    if (this.#idle.length === 0 && this.#queue.length >= this.#options.maxQueue) {
      throw new QueueFullError(Math.max(1, Math.ceil((this.#meanSeconds * (this.#queue.length + 1)) / this.#options.size)));
    }
    return new Promise((resolve, reject) => {
      const job = { id: this.#nextId++, op, bytes, options, onDecoded, resolve, reject };
      this.#queue.push(job);
      // A job whose client left while it waited is dropped (its bytes zeroed), not analysed for nobody.
      signal?.addEventListener('abort', () => {
        const at = this.#queue.indexOf(job);
        if (at < 0) return;
        this.#queue.splice(at, 1);
        bytes.fill(0);
        reject(new AnalysisError('CancelledRequest', 'The client closed the connection.'));
      }, { once: true });
      this.#dispatch();
    });
  }

  /** Lets queued and running jobs finish, then stops every worker. */
  async close() {
    this.#closing = true;
    while (this.pending > 0) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(this.#idle.map((w) => w.terminate()));
    this.#idle = [];
  }

  #spawn() {
    return new Promise((resolve, reject) => {
      const { models, plugins, people } = this.#options;
      const worker = new Worker(WORKER_URL, { workerData: { models, plugins, people } });
      const failed = (error) => reject(error ?? new Error('An analysis worker exited while starting.'));
      worker.once('error', failed);
      worker.once('exit', failed);
      worker.once('message', ({ details }) => {
        this.#details = details;
        if (this.#closing) {
          worker.terminate().then(resolve);
          return;
        }
        // Ready: from now on an exit (error events end in one) is a lost worker.
        worker.off('error', failed).off('exit', failed).on('error', () => {});
        worker.on('message', (reply) => this.#receive(worker, reply));
        worker.once('exit', () => this.#lost(worker));
        this.#idle.push(worker);
        this.#dispatch();
        resolve();
      });
    });
  }

  #dispatch() {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop();
      const job = this.#queue.shift();
      job.started = performance.now();
      this.#busy.set(worker, job);
      worker.postMessage({ id: job.id, op: job.op, bytes: job.bytes, options: job.options }, [job.bytes.buffer]);
    }
  }

  // A worker's message about its job: decoded (the job goes on), or its end.
  #receive(worker, reply) {
    const job = this.#busy.get(worker);
    if (!job || job.id !== reply.id) return;
    if (reply.decoded) job.onDecoded();
    else this.#settle(worker, job, reply);
  }

  #settle(worker, job, { ok, value, error }) {
    this.#busy.delete(worker);
    this.#meanSeconds = 0.9 * this.#meanSeconds + 0.1 * ((performance.now() - job.started) / 1000);
    this.#idle.push(worker);
    this.#dispatch();
    if (ok) job.resolve(value);
    else job.reject(AnalysisError.fromEnvelope(error));
  }

  // A worker exited: fail its job, replace it (unless the pool is closing).
  #lost(worker) {
    this.#idle = this.#idle.filter((w) => w !== worker);
    const job = this.#busy.get(worker);
    this.#busy.delete(worker);
    job?.reject(new AnalysisError('InternalServerError', 'The analysis worker stopped while processing this request. Please retry.'));
    if (!this.#closing) this.#spawn().catch(() => {});  // a replacement that cannot start leaves the pool smaller
  }
}
