// The labelled dev photos (../shared/eval-dev, or LOCALVISION_EVAL_DEV): each
// image analysed through the package, scored the way truth.json's README
// says: each `tags_any` group is met when one of its words is a tag name
// (lower case, whole names); the `core` facts hold when every `objects_all`
// class is detected (Azure's names and parents count), the face count is in
// range, `bw` matches color.isBWImg and `adult` matches adult.isAdultContent.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';

export const evalDevDir = process.env.LOCALVISION_EVAL_DEV || path.join(root, '../shared/eval-dev');
export const haveEvalDev = existsSync(path.join(evalDevDir, 'truth.json'));

export const DEV_FEATURES = ['tags', 'description', 'categories', 'objects', 'faces', 'color', 'adult'];

// Azure's names of COCO classes that differ from the COCO names (truth uses COCO's).
const AZURE_NAMES = { cow: 'cattle', tv: 'television', 'sports ball': 'ball', 'dining table': 'table', 'potted plant': 'houseplant',
  'cell phone': 'mobile phone', donut: 'doughnut', microwave: 'microwave oven', skis: 'ski', 'hair drier': 'hair dryer' };

export function readTruth() {
  const truth = JSON.parse(readFileSync(path.join(evalDevDir, 'truth.json'), 'utf8'));
  delete truth._about;
  return truth;
}

function objectNames(result) {
  const names = new Set();
  for (const o of result.objects ?? []) for (let p = o; p; p = p.parent) names.add(p.object.toLowerCase());
  return names;
}

/** Score one analysis against its truth entry. */
export function scoreImage(result, truth) {
  const tags = new Set((result.tags ?? []).map((t) => t.name.toLowerCase()));
  const groups = truth.tags.tags_any.map((words) => ({ words, met: words.some((w) => tags.has(w.toLowerCase())) }));
  const objects = objectNames(result);
  const core = [];
  for (const name of truth.core.objects_all ?? [])
    core.push({ fact: `object ${name}`, holds: objects.has(name) || objects.has(AZURE_NAMES[name] ?? name) });
  const faces = (result.faces ?? []).length;
  core.push({ fact: `faces ${truth.core.faces_min}..${truth.core.faces_max}`, holds: faces >= truth.core.faces_min && faces <= truth.core.faces_max });
  if (truth.core.bw !== undefined) core.push({ fact: `bw ${truth.core.bw}`, holds: result.color?.isBWImg === truth.core.bw });
  if (truth.core.adult !== undefined) core.push({ fact: `adult ${truth.core.adult}`, holds: result.adult?.isAdultContent === truth.core.adult });
  return { groups, core };
}

/** Analyses every dev image; returns per-image results and scores, and the share of groups met. */
export async function scoreDevSet(analyzer, options = {}) {
  const truth = readTruth();
  const images = [];
  for (const file of readdirSync(evalDevDir).filter((f) => truth[f]).sort()) {
    const result = await analyzer.analyze(readFileSync(path.join(evalDevDir, file)), { features: DEV_FEATURES, ...options });
    images.push({ file, result, ...scoreImage(result, truth[file]) });
  }
  const groups = images.flatMap((i) => i.groups);
  return { images, met: groups.filter((g) => g.met).length, total: groups.length };
}

/** One line per image: its misses (groups and core facts), top tags and caption. */
export function report({ images, met, total }) {
  const lines = images.map(({ file, result, groups, core }) => {
    const misses = [...groups.filter((g) => !g.met).map((g) => `[${g.words.join('/')}]`), ...core.filter((c) => !c.holds).map((c) => c.fact)];
    const top = (result.tags ?? []).slice(0, 5).map((t) => `${t.name} ${t.confidence.toFixed(2)}`).join(', ');
    return `${file}: ${misses.length ? `misses ${misses.join(' ')}` : 'all met'} | ${top} | "${result.description?.captions?.[0]?.text ?? ''}"`;
  });
  return `${lines.join('\n')}\ntags_any groups met: ${met}/${total} (${((100 * met) / total).toFixed(1)}%)`;
}
