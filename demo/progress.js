// The model-loading progress bar: bytes of every model and label file, as
// createAnalyzer's onProgress reports them.
export class LoadProgress {
  #files = new Map();   // "model/file" -> {loaded, total}

  constructor(bar, label, detail) {
    Object.assign(this, { bar, label, detail });
  }

  update({ model, file, loaded, total }) {
    this.#files.set(`${model}/${file}`, { loaded, total });
    let sum = 0; let all = 0;
    for (const f of this.#files.values()) { sum += f.loaded; all += f.total || f.loaded; }
    this.bar.max = Math.max(all, 1);
    this.bar.value = sum;
    const mb = (n) => (n / 1048576).toFixed(1);
    this.detail.textContent = `${mb(sum)} of ${mb(all)} MB from this site (${this.#files.size} files)`;
  }

  phase(text) { this.label.textContent = text; }

  failed(error) {
    this.label.textContent = 'The models could not be loaded: only the model-free features are available.';
    this.detail.textContent = `${error.innerCode ?? error.name}: ${error.message}`;
  }

  done(analyzer) {
    if (!this.label.textContent.startsWith('The models could not')) {
      const count = analyzer.models.length;
      this.label.textContent = count ? `Ready: ${count} models loaded and verified (sha256).` : 'Ready (no models configured).';
    }
    this.bar.max = 1;
    this.bar.value = 1;
    this.detail.textContent = `${this.detail.textContent}${this.detail.textContent ? ' — ' : ''}${analyzer.build} WebAssembly build, analysis in a Web Worker.`;
  }
}
