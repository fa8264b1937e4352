// peer.mjs's `ort` in Chromium: ORT alone (ort-alone.mjs) in a module
// worker, as localvision runs in one. ?threads=N. Reads /inputs/ (made by
// writeOrtAloneInputs): the page's first photo stands in as requests.bin,
// the packed inputs our core made for it (fetched from the start, like a
// photo), and the models, expanded. Posts {phases} in ms, or {error}; then
// answers each message with one more run of the inputs ({} or {error}).
import { ONE_NODE_MODEL } from '/web/models.js';
import { ortAlone, unpackRequests } from './ort-alone.mjs';

const bytesOf = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};

try {
  const start = performance.now();
  const inputs = Promise.all([bytesOf('/inputs/requests.bin'), bytesOf('/models/manifest.json')])
    .then(([requests, manifest]) => ({ requests: unpackRequests(requests), manifest: JSON.parse(new TextDecoder().decode(manifest)) }));
  const alone = await ortAlone({
    ort: import('/ort/ort.wasm.bundle.min.mjs'), inputs, startWith: ONE_NODE_MODEL,
    threads: Number(new URL(import.meta.url).searchParams.get('threads')),
    readModel: (id) => bytesOf(`/inputs/${id}.onnx`),
  });
  postMessage({ phases: { 'worker start': performance.timeOrigin + start, ...alone.phases } });
  // Each later "image" of the visit: the same inputs again, so that V8 tiers
  // up and caches ORT's code as it does for a visit of localvision or human.
  onmessage = async () => postMessage(await alone.runAgain().then(() => ({}), (e) => ({ error: String(e) })));
} catch (e) {
  postMessage({ error: String(e?.stack ?? e) });
}
