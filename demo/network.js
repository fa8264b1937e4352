// Counts the network requests this page makes (Resource Timing entries:
// scripts, fetches, images...) since a moment the page chooses — the moment
// an image is chosen. The analyzer's worker has its own timeline; the
// browser tests watch it too, from outside.

export class RequestCounter {
  #since = Infinity;
  #entries = [];
  #listeners = new Set();

  constructor() {
    const observer = new PerformanceObserver((list) => {
      this.#entries.push(...list.getEntries());
      this.#notify();
    });
    observer.observe({ type: 'resource', buffered: true });
  }

  /** Starts counting from now. */
  reset() {
    this.#since = performance.now();
    this.#notify();
  }

  /** Requests since the last reset: [{name, initiatorType}]. */
  get requests() {
    return this.#entries.filter((e) => e.startTime >= this.#since).map((e) => ({ name: e.name, initiatorType: e.initiatorType }));
  }

  onChange(listener) { this.#listeners.add(listener); }

  #notify() {
    const requests = this.requests;
    for (const listener of this.#listeners) listener(requests);
  }
}
