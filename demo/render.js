// Renders one analysis: the image with its overlays, the facts (caption,
// tags, colours, adult scores, ...) and the raw JSON. Renders whatever
// members the result has, in either output format.
import { h, s } from './dom.js';
import { KINDS, captionsOf, percent, shapesOf, tagsOf } from './shapes.js';

/** Draws the decoded image (an ImageBitmap) on the canvas at its own size. */
export function drawImage(canvas, bitmap) {
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
}

function labelOf(shape) {
  const confidence = percent(shape.confidence);
  return [shape.label, confidence].filter(Boolean).join(' ');
}

/** Boxes and polygons over the image; `visible` is a Set of kind ids. */
export function drawOverlay(svg, shapes, { width, height }, visible) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const font = Math.max(11, Math.round(Math.max(width, height) / 45));
  for (const { id } of KINDS) {
    if (!visible.has(id)) continue;
    for (const shape of shapes.filter((x) => x.kind === id)) {
      const group = s('g', { class: id, 'data-kind': id });
      let anchor;
      if (shape.rect) {
        const { x, y, w, h: height_ } = shape.rect;
        group.append(s('rect', { class: `box ${id}`, x, y, width: w, height: height_ }));
        anchor = { x, y };
      } else {
        group.append(s('polygon', { class: `box ${id}`, points: shape.points.map((p) => `${p.x},${p.y}`).join(' ') }));
        anchor = shape.points.reduce((a, p) => ({ x: Math.min(a.x, p.x), y: Math.min(a.y, p.y) }), { x: Infinity, y: Infinity });
      }
      const text = labelOf(shape);
      if (text && id !== 'text') {
        // Label above the box when there is room, inside it otherwise.
        const top = anchor.y - font * 1.3 >= 0 ? anchor.y - font * 1.3 : anchor.y;
        const widthGuess = text.length * font * 0.6 + font * 0.6;
        const left = Math.min(Math.max(0, anchor.x), Math.max(0, width - widthGuess));
        group.append(
          s('rect', { class: `label-bg ${id}`, x: left, y: top, width: widthGuess, height: font * 1.3 }),
          s('text', { x: left + font * 0.3, y: top + font, 'font-size': font, text }),
        );
      }
      group.append(s('title', { text: `${KINDS.find((k) => k.id === id).name}: ${text}` }));
      svg.append(group);
    }
  }
}

/** One checkbox per overlay kind the result has. */
export function renderToggles(fieldset, shapes, visible, onChange) {
  const legend = fieldset.querySelector('legend');
  fieldset.replaceChildren(legend);
  const present = KINDS.filter((k) => shapes.some((x) => x.kind === k.id));
  fieldset.hidden = present.length === 0;
  for (const kind of present) {
    const count = shapes.filter((x) => x.kind === kind.id).length;
    const box = h('input', { type: 'checkbox', name: 'show', value: kind.id, 'data-testid': `toggle-${kind.id}` });
    box.checked = visible.has(kind.id);
    box.addEventListener('change', () => { if (box.checked) visible.add(kind.id); else visible.delete(kind.id); onChange(); });
    fieldset.append(h('label', { class: 'check' }, box, h('span', { class: `swatch-key ${kind.id}` }), ` ${kind.name} (${count})`));
  }
}

const section = (title, testid, ...content) => h('section', { 'data-testid': testid }, h('h3', { text: title }), ...content);

function colorSection(color) {
  const chip = (name, css) => {
    const element = h('span', { class: 'chip', role: 'img', 'aria-label': name });
    element.style.setProperty('background', css);
    return element;
  };
  const names = [...new Set([color.dominantColorForeground, color.dominantColorBackground, ...(color.dominantColors ?? [])])].filter(Boolean);
  return section('Colour', 'color',
    h('ul', { class: 'swatches' },
      names.map((name) => h('li', {}, chip(name, name.toLowerCase()), name)),
      color.accentColor ? h('li', {}, chip(`accent #${color.accentColor}`, `#${color.accentColor}`), `#${color.accentColor}`) : null),
    h('dl', {},
      h('dt', { text: 'Foreground' }), h('dd', { text: color.dominantColorForeground ?? '—' }),
      h('dt', { text: 'Background' }), h('dd', { text: color.dominantColorBackground ?? '—' }),
      h('dt', { text: 'Black & white' }), h('dd', { text: (color.isBWImg ?? color.isBwImg) ? 'yes' : 'no' })));
}

const CLIP_ART = ['not clip art', 'ambiguous', 'normal clip art', 'good clip art'];

function adultSection(adult) {
  const row = (label, score, flag) => [
    h('dt', { text: label }),
    h('dd', {}, h('meter', { min: 0, max: 1, value: score ?? 0, 'aria-label': `${label} score` }), ` ${percent(score)}${flag ? ' — flagged' : ''}`),
  ];
  return section('Adult content', 'adult', h('dl', {},
    row('Adult', adult.adultScore, adult.isAdultContent),
    row('Racy', adult.racyScore, adult.isRacyContent),
    row('Gory', adult.goreScore, adult.isGoryContent)));
}

/** Caption, tags, categories, colours, image type, adult scores, metadata. */
export function renderFacts(container, result) {
  const parts = [];
  const captions = captionsOf(result);
  if (captions.length) {
    parts.push(section('Caption', 'caption', captions.map((c) => h('p', { class: 'caption' }, c.text, ' ', h('span', { class: 'small', text: percent(c.confidence) })))));
  }
  const tags = tagsOf(result);
  if (tags.length) {
    parts.push(section('Tags', 'tags', h('ul', { class: 'tags' },
      tags.map((t) => h('li', {}, t.name, t.confidence !== undefined ? h('span', { class: 'conf', text: percent(t.confidence) }) : null)))));
  }
  if (Array.isArray(result.categories) && result.categories.length) {
    parts.push(section('Categories', 'categories', h('ul', { class: 'tags' },
      result.categories.map((c) => h('li', {}, c.name, h('span', { class: 'conf', text: percent(c.score) }))))));
  }
  if (result.adult) parts.push(adultSection(result.adult));
  if (result.color) parts.push(colorSection(result.color));
  if (result.imageType) {
    parts.push(section('Image type', 'imageType', h('dl', {},
      h('dt', { text: 'Clip art' }), h('dd', { text: `${result.imageType.clipArtType} (${CLIP_ART[result.imageType.clipArtType] ?? '?'})` }),
      h('dt', { text: 'Line drawing' }), h('dd', { text: result.imageType.lineDrawingType ? 'yes' : 'no' }))));
  }
  const read = result.readResult?.content ?? result.readResult?.blocks?.flatMap((b) => b.lines ?? []).map((l) => l.text).join('\n');
  if (read) parts.push(section('Text', 'read', h('pre', { text: read })));
  const { metadata = {} } = result;
  parts.push(section('Image', 'metadata', h('dl', {},
    h('dt', { text: 'Size' }), h('dd', { text: `${metadata.width} × ${metadata.height}` }),
    metadata.format ? [h('dt', { text: 'Format' }), h('dd', { text: metadata.format })] : null,
    h('dt', { text: 'Model version' }), h('dd', { text: result.modelVersion ?? '—' }),
    result.warnings?.length ? [h('dt', { text: 'Warnings' }), h('dd', { text: result.warnings.join('; ') })] : null)));
  container.replaceChildren(...parts);
}

/** The raw JSON, exactly as the analyzer returned it. */
export function renderJson(pre, result) {
  pre.textContent = JSON.stringify(result, null, 2);
}

/** An AnalysisError in the page: its Azure codes and message. */
export function renderError(element, error) {
  if (!error) { element.hidden = true; element.replaceChildren(); return; }
  element.hidden = false;
  element.replaceChildren(
    h('p', {}, h('code', { 'data-testid': 'error-code', text: error.innerCode ?? error.name ?? 'Error' }), ' ', error.code ? `(${error.code})` : ''),
    h('p', { 'data-testid': 'error-message', text: error.message }),
  );
}

export { shapesOf };
