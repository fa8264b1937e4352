// Test page: exposes the package to the Playwright tests, records CSP
// violations, and nothing else.
import { createAnalyzer } from '/web/browser.js';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));

let analyzer;
window.localvision = {
  violations,
  progress: [],
  async load(options = {}) {
    await analyzer?.dispose();  // a new load replaces the analyzer (and its worker)
    analyzer = await createAnalyzer({ ...options, onProgress: (p) => window.localvision.progress.push(p) });
    return { build: analyzer.build, crossOriginIsolated: globalThis.crossOriginIsolated === true };
  },
  async preload(ids) {
    try {
      await analyzer.preload(ids);
      return { ok: true };
    } catch (error) {
      return { thrown: { name: error.name, innerCode: error.innerCode, message: error.message } };
    }
  },
  // Analyses a same-origin file; returns the JSON or the error's fields.
  async analyze(url, options) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    try {
      return await analyzer.analyze(bytes, options);
    } catch (error) {
      return { thrown: { name: error.name, code: error.code, innerCode: error.innerCode, message: error.message } };
    }
  },
  // Analyses bytes the test sends as base64 (images the server does not serve,
  // e.g. rendered by the test); returns the JSON or the error's fields.
  async analyzeBase64(base64, options) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      return await analyzer.analyze(bytes, options);
    } catch (error) {
      return { thrown: { name: error.name, code: error.code, innerCode: error.innerCode, message: error.message } };
    }
  },
  async analyzeBlob(url, options) {
    return analyzer.analyze(await (await fetch(url)).blob(), options);
  },
};
window.dispatchEvent(new Event('localvision-ready'));
