// An app that uses localvision the way any app would: a bare import,
// resolved by the bundler through the package's `exports`.
import { createAnalyzer, AnalysisError } from 'localvision';

const out = document.querySelector('#out');
const status = document.querySelector('#status');

const params = new URLSearchParams(location.search);

// The files build.mjs copied next to this bundle: the package's wasm/ (found
// by default, next to the bundle), the manifest and the model files.
// ?build=threaded|single overrides the default choice ('auto').
const analyzerReady = createAnalyzer({
  build: params.get('build') ?? 'auto',
  models: new URL('./models/', import.meta.url).href,
  manifestUrl: new URL('./models/manifest.json', import.meta.url).href,
  // onnxruntime-web is bundled in (a lazy chunk); its own .wasm sits next to that chunk.
  // A bundled app runs the analyzer on its own thread (the package's worker
  // entry is not a bundler entry yet): put this whole app in a worker if needed.
  worker: false,
});

async function analyse(input) {
  const analyzer = await analyzerReady;
  status.textContent = `Analysing (${analyzer.build} build)…`;
  try {
    const result = await analyzer.analyze(input, { features: ['color', 'imageType', 'smartCrops'] });
    out.textContent = JSON.stringify(result, null, 2);
    status.textContent = 'Done.';
  } catch (error) {
    out.textContent = JSON.stringify(error instanceof AnalysisError ? error.toJSON() : { error: String(error) }, null, 2);
    status.textContent = 'Failed.';
  }
  document.body.dataset.state = 'done';
}

document.querySelector('#file').addEventListener('change', (e) => { if (e.target.files[0]) analyse(e.target.files[0]); });

// ?image=<same-origin URL> analyses that image at start (used by the test),
// and ?preload=<model id> loads and verifies one model through the bundled ONNX Runtime.
(async () => {
  const analyzer = await analyzerReady;
  document.body.dataset.build = analyzer.build;
  if (params.get('preload')) {
    await analyzer.preload([params.get('preload')]);
    document.body.dataset.preloaded = params.get('preload');
  }
  if (params.get('image')) {
    const response = await fetch(params.get('image'));
    await analyse(await response.blob());
  }
})().catch((error) => { status.textContent = `${error.innerCode ?? error.name}: ${error.message}`; document.body.dataset.state = 'failed'; });
