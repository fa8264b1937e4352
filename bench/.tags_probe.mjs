import { createAnalyzer } from '/work/main/web/node.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire('/work/main/package.json');
const a = await createAnalyzer({ ort: require('onnxruntime-node') });
for (const name of process.argv.slice(2)) {
  const bytes = readFileSync('/work/main/.cache/samples/' + name);
  try {
    const r = await a.analyze(bytes, { features: ['tags', 'description', 'categories', 'objects', 'imageType', 'color'], maxCandidates: 3 });
    console.log(name, JSON.stringify({ tags: r.tags, description: r.description, categories: r.categories, objects: r.objects?.map(o => [o.object, o.confidence]), it: r.imageType, bw: r.color.isBWImg, dc: r.color.dominantColors, warnings: r.warnings }));
  } catch (e) { console.log(name, 'ERR', e.code, e.message); }
}
a.dispose();
