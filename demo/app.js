// The demo page: loads the analyzer (in a Web Worker, models from this
// site), takes images from the picker, drops and pastes, and shows what the
// analyzer says. Every byte stays in this tab.
import { createAnalyzer } from '../web/browser.js';
import { $ } from './dom.js';
import { ALL_FEATURES } from './features.js';
import { RequestCounter } from './network.js';
import { ImageQueue } from './queue.js';
import { drawImage, drawOverlay, renderError, renderFacts, renderJson, renderToggles, shapesOf } from './render.js';
import { KINDS } from './shapes.js';
import { LoadProgress } from './progress.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || undefined;
const params = new URLSearchParams(location.search);
const config = {
  models: params.get('models') ?? meta('localvision-models'),
  ortUrl: params.get('ort') ?? meta('localvision-ort'),
};

const state = {
  analyzer: null,
  features: [],
  visible: new Set(KINDS.map((k) => k.id)),
  current: null,       // the queue item on screen
  analyses: 0,         // finished analyses (ok or failed), for tests
};
document.body.dataset.state = 'loading';

// --- network counter -------------------------------------------------------
const counter = new RequestCounter();
counter.onChange((requests) => {
  $('#net-count').textContent = String(requests.length);
  $('.privacy').classList.toggle('leak', requests.length > 0);
  $('.privacy').title = requests.map((r) => r.name).join('\n');
});

// --- options ---------------------------------------------------------------
function renderFeaturePicker(supported) {
  const fieldset = $('#features');
  fieldset.replaceChildren(fieldset.querySelector('legend'));
  for (const feature of ALL_FEATURES) {
    const available = supported.includes(feature.id);
    const box = document.createElement('input');
    Object.assign(box, { type: 'checkbox', name: 'feature', value: feature.id, checked: available, disabled: !available });
    box.addEventListener('change', () => reanalyse());
    const label = document.createElement('label');
    label.className = available ? 'check' : 'check unavailable';
    label.title = available ? '' : 'Not available with this build and model set';
    label.append(box, ` ${feature.name}`);
    fieldset.append(label);
  }
}

function analyzeOptions() {
  const features = [...document.querySelectorAll('#features input:checked')].map((box) => box.value);
  const details = $('#celebrities').checked ? ['celebrities'] : undefined;
  return { features, format: $('#format').value, language: $('#language').value, ...(details && { details }) };
}
$('#celebrities').addEventListener('change', () => reanalyse());
$('#format').addEventListener('change', () => reanalyse());
$('#language').addEventListener('change', () => reanalyse());
$('#options').addEventListener('submit', (e) => e.preventDefault());

// --- loading -----------------------------------------------------------------
const progress = new LoadProgress($('#load-progress'), $('#load-label'), $('#load-detail'));

async function load() {
  try {
    state.analyzer = await createAnalyzer({ ...config, onProgress: (p) => progress.update(p) });
    progress.phase('Loading and verifying the models…');
    await state.analyzer.preload();
  } catch (error) {
    // Without the models, the model-free features still work.
    state.analyzer?.dispose();
    progress.failed(error);
    state.analyzer = await createAnalyzer({});
  }
  state.features = state.analyzer.features;  // what its models allow
  renderFeaturePicker(state.features);
  progress.done(state.analyzer);
  $('#enroll').hidden = true;
  $('#celebrities-row').hidden = !state.analyzer.people;
  counter.reset();
  $('#net-label').textContent = 'network requests since the models loaded';
  document.body.dataset.state = 'ready';
  return state.analyzer;
}
const ready = load();

// --- analysis ----------------------------------------------------------------
const queue = new ImageQueue($('#queue'), (item) => show(item));

async function analyse(item) {
  const analyzer = await ready;
  const options = analyzeOptions();
  item.error = null;
  document.body.dataset.state = 'busy';
  $('#timing').textContent = `Analysing ${item.name}…`;
  const started = performance.now();
  try {
    item.result = await analyzer.analyze(item.file, options);
  } catch (error) {
    item.result = null;
    item.error = { name: error.name, code: error.code, innerCode: error.innerCode, message: error.message };
  }
  item.ms = performance.now() - started;
  state.analyses += 1;
  document.body.dataset.analyses = String(state.analyses);
  queue.update(item);
  if (state.current === item || !state.current) show(item);
  document.body.dataset.state = 'done';
}

// Runs one analysis at a time, in the order images arrive.
let chain = Promise.resolve();
const enqueue = (item) => { chain = chain.then(() => analyse(item)); return chain; };

function reanalyse() {
  if (state.current) return enqueue(state.current);
  return chain;
}

function redrawOverlay() {
  const item = state.current;
  if (!item?.result) { $('#overlay').replaceChildren(); return; }
  drawOverlay($('#overlay'), shapesOf(item.result), item.result.metadata, state.visible);
}

function show(item) {
  state.current = item;
  queue.select(item);
  $('#result').hidden = false;
  $('#stage').hidden = !item.bitmap;
  if (item.bitmap) drawImage($('#canvas'), item.bitmap);
  $('#canvas').setAttribute('aria-label', `The image ${item.name}`);
  renderError($('#error'), item.error);
  if (item.ms !== undefined) {
    $('#timing').textContent = `${item.name}: analysed in ${Math.round(item.ms)} ms, on this device (${state.analyzer?.build ?? '?'} build).`;
  }
  const shapes = item.result ? shapesOf(item.result) : [];
  renderToggles($('#toggles'), shapes, state.visible, redrawOverlay);
  redrawOverlay();
  if (item.result) {
    renderFacts($('#facts'), item.result);
    renderJson($('#json'), item.result);
    $('#facts').hidden = false;
  } else {
    $('#facts').replaceChildren();
    $('#facts').hidden = true;
    $('#json').textContent = item.error ? JSON.stringify({ error: { code: item.error.code, innererror: { code: item.error.innerCode, message: item.error.message } } }, null, 2) : '';
  }
  $('#enroll').hidden = !state.analyzer?.people || !item.result;
}

async function addFiles(files) {
  const images = [...files].filter((f) => f instanceof Blob);
  if (!images.length) return;
  counter.reset();
  $('#net-label').textContent = 'network requests since you chose an image';
  let first = true;
  for (const file of images) {
    const item = await queue.add(file);
    if (first) { show(item); first = false; }
    enqueue(item);
  }
}

// --- inputs: picker, drop, paste ----------------------------------------------
const fileInput = $('#file');
$('#choose').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => { addFiles(fileInput.files); fileInput.value = ''; });

const drop = $('#drop');
document.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) drop.classList.remove('over'); });
document.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  addFiles(e.dataTransfer?.files ?? []);
});
document.addEventListener('paste', (e) => {
  const files = [...(e.clipboardData?.items ?? [])].filter((i) => i.kind === 'file').map((i) => i.getAsFile());
  if (files.length) { e.preventDefault(); addFiles(files); }
});

// --- JSON copy ----------------------------------------------------------------
$('#copy').addEventListener('click', async () => {
  const status = $('#copy-status');
  try {
    await navigator.clipboard.writeText($('#json').textContent);
    status.textContent = 'Copied.';
  } catch {
    getSelection().selectAllChildren($('#json'));
    status.textContent = 'Selected: press Ctrl+C to copy.';
  }
});

// --- known people -------------------------------------------------------------
$('#enroll').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = $('#enroll-name').value.trim();
  const item = state.current;
  if (!name || !item || !state.analyzer?.people) return;
  const status = $('#enroll-status');
  status.textContent = `Enrolling ${name}…`;
  try {
    await state.analyzer.people.enroll(name, item.file);
    const people = await state.analyzer.people.list();
    status.textContent = `${name} is in this tab's gallery (${people.map((p) => p.name).join(', ')}): kept in memory only, gone when you close the tab.`;
    $('#enroll-name').value = '';
    $('#celebrities').checked = true;
    await reanalyse();
  } catch (error) {
    status.textContent = `${error.innerCode ?? error.name}: ${error.message}`;
  }
});

// --- for the browser tests ---------------------------------------------------------
window.localvisionDemo = {
  ready,
  get state() { return state; },
  requests: () => counter.requests,
  memory: () => state.analyzer?.memory?.(),
  reanalyse,
};
