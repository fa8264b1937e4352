// What to draw on the image: every box and polygon an Azure result holds, in
// either format, as {kind, label, confidence, points | rect}. Pure data in,
// pure data out (no DOM): the page renders whatever members the JSON has.

/** The kinds of overlay, in drawing order (big outlines first). */
export const KINDS = [
  { id: 'smartCrops', name: 'Smart crops' },
  { id: 'objects', name: 'Objects' },
  { id: 'people', name: 'People' },
  { id: 'faces', name: 'Faces' },
  { id: 'brands', name: 'Brands' },
  { id: 'text', name: 'Text lines' },
];

const fromXywh = (r) => r && { x: r.x, y: r.y, w: r.w, h: r.h };
const fromLtwh = (r) => r && { x: r.left, y: r.top, w: r.width, h: r.height };
const list = (v) => (Array.isArray(v) ? v : []);

// "person" with its parents: "person < mammal < animal" is too long for a box.
const objectName = (o) => o.object ?? o.name ?? o.tags?.[0]?.name ?? 'object';
const objectConfidence = (o) => o.confidence ?? o.tags?.[0]?.confidence;

function faceLabel(face) {
  const known = face.name ?? face.recognizedName ?? face.person?.name;
  if (known) return known;
  const bits = [face.gender, face.age !== undefined ? `${face.age}` : undefined].filter(Boolean);
  return bits.length ? bits.join(', ') : 'face';
}

function readLines(read, out) {
  for (const block of list(read?.blocks)) {
    for (const line of list(block.lines)) {
      const polygon = list(line.boundingPolygon ?? line.boundingBox);
      // Azure gives [{x,y},...] (4.0) or a flat [x0,y0,x1,y1,...] (3.2 read).
      const points = typeof polygon[0] === 'number'
        ? polygon.reduce((acc, v, i) => (i % 2 ? acc : [...acc, { x: v, y: polygon[i + 1] }]), [])
        : polygon.map((p) => ({ x: p.x, y: p.y }));
      if (points.length >= 3) out.push({ kind: 'text', label: line.text ?? '', points });
    }
  }
}

/** Every overlay of a v3.2 or 4.0 result. */
export function shapesOf(result) {
  const out = [];
  const push = (kind, rect, label, confidence) => { if (rect) out.push({ kind, rect, label, confidence }); };
  if (!result || typeof result !== 'object') return out;

  for (const crop of list(result.smartCropsResult?.values)) {
    push('smartCrops', fromXywh(crop.boundingBox), `crop ${crop.aspectRatio}`);
  }
  // v3.2
  for (const o of list(result.objects)) push('objects', fromXywh(o.rectangle), objectName(o), objectConfidence(o));
  for (const f of list(result.faces)) push('faces', fromLtwh(f.faceRectangle), faceLabel(f), f.confidence);
  for (const b of list(result.brands)) push('brands', fromXywh(b.rectangle), b.name, b.confidence);
  for (const p of list(result.people)) push('people', fromXywh(p.rectangle ?? p.boundingBox), 'person', p.confidence);
  // Known people (details: celebrities) name the face box they share.
  for (const c of list(result.categories)) {
    for (const celebrity of list(c.detail?.celebrities)) {
      const rect = fromLtwh(celebrity.faceRectangle);
      const face = out.find((x) => x.kind === 'faces' && x.rect && ['x', 'y', 'w', 'h'].every((k) => x.rect[k] === rect?.[k]));
      if (face) Object.assign(face, { label: celebrity.name, confidence: celebrity.confidence });
      else push('faces', rect, celebrity.name, celebrity.confidence);
    }
  }
  // 4.0
  for (const o of list(result.objectsResult?.values)) push('objects', fromXywh(o.boundingBox), objectName(o), objectConfidence(o));
  for (const p of list(result.peopleResult?.values)) push('people', fromXywh(p.boundingBox), 'person', p.confidence);
  for (const f of list(result.facesResult?.values)) push('faces', fromXywh(f.boundingBox), faceLabel(f), f.confidence);
  for (const d of list(result.denseCaptionsResult?.values)) push('objects', fromXywh(d.boundingBox), d.text, d.confidence);
  readLines(result.readResult, out);
  return out;
}

/** The tags of either format: [{name, confidence}]. */
export function tagsOf(result) {
  return list(result?.tags ?? result?.tagsResult?.values ?? result?.description?.tags?.map((name) => ({ name })));
}

/** The captions of either format: [{text, confidence}]. */
export function captionsOf(result) {
  if (result?.captionResult) return [result.captionResult];
  return list(result?.description?.captions);
}

/** "87%" for a 0..1 confidence, '' without one. */
export const percent = (confidence) => (typeof confidence === 'number' ? `${Math.round(confidence * 100)}%` : '');
