#!/usr/bin/env node
// Writes src/features/tags/wordnet_concepts.inc: for each ImageNet-1k class
// (models/labels/imagenet1k.txt), its tag words from WordNet 3.0: its common
// name, the useful hypernyms on its chain (golden retriever -> dog -> animal),
// the scene words it implies (alp -> mountain, outdoor) and its Azure
// category; and for every word it can emit, the names in five languages
// (models/vocabulary/names.tsv, curated).
//
// Sources: Debian's wordnet-base (WordNet 3.0: data.noun for synsets and
// hypernym pointers, cntlist.rev for SemCor tag counts) and
// models/vocabulary/curation.json (stop list, keep list, scene tags, categories).
//
//   node models/tools/wordnet-vocabulary.mjs            write the .inc (fails on a word without names)
//   node models/tools/wordnet-vocabulary.mjs --check    exit 1 when the .inc is not what the sources give
//   node models/tools/wordnet-vocabulary.mjs --terms    list the words that need names (TSV: key, kind, gloss)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORDNET = process.env.LOCALVISION_WORDNET || '/usr/share/wordnet';
const LABELS = path.join(ROOT, 'models/labels/imagenet1k.txt');
const CURATION = path.join(ROOT, 'models/vocabulary/curation.json');
const NAMES = path.join(ROOT, 'models/vocabulary/names.tsv');
const HAND_TABLE = path.join(ROOT, 'src/features/tags/vocabulary.cpp');
const OUT = path.join(ROOT, 'src/features/tags/wordnet_concepts.inc');

// WordNet's lexicographer files that hold living things (for counters and captions).
const LEX_ANIMAL = 5, LEX_PERSON = 18;

/** data.noun -> Map offset -> {offset, lex, words, hypernyms, gloss}. */
export function readSynsets(file) {
  const synsets = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const bar = line.indexOf(' | ');
    const t = line.slice(0, bar).split(' ');
    const words = [];
    let i = 4;
    for (let k = parseInt(t[3], 16); k > 0; k--, i += 2) words.push({ lemma: t[i], lexId: t[i + 1] });
    const hypernyms = [];
    for (let k = Number(t[i++]); k > 0; k--, i += 4) if ((t[i] === '@' || t[i] === '@i') && t[i + 2] === 'n') hypernyms.push(t[i + 1]);
    synsets.set(t[0], { offset: t[0], lex: Number(t[1]), words, hypernyms, gloss: line.slice(bar + 3).trim() });
  }
  return synsets;
}

/** SemCor tag count of each synset: the sum over its words (cntlist.rev). */
export function readTagCounts(file, synsets) {
  const bySenseKey = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [key, , count] = line.split(' ');
    if (key) bySenseKey.set(key, Number(count));
  }
  const counts = new Map();
  for (const s of synsets.values()) {
    let n = 0;
    for (const w of s.words) {
      const lemma = w.lemma.replace(/\(.*\)$/, '').toLowerCase();
      n += bySenseKey.get(`${lemma}%1:${String(s.lex).padStart(2, '0')}:${w.lexId.padStart(2, '0')}::`) || 0;
    }
    counts.set(s.offset, n);
  }
  return counts;
}

const wordOf = (lemma) => lemma.replace(/\(.*\)$/, '').replace(/_/g, ' ');
const tagName = (s) => wordOf(s.words[0].lemma).toLowerCase();

/** Every hypernym of `offset`, nearest first (breadth-first over both parents of a synset). */
function hypernymChain(synsets, offset) {
  const chain = [], seen = new Set([offset]);
  for (let queue = [...synsets.get(offset).hypernyms]; queue.length;) {
    const o = queue.shift();
    if (seen.has(o)) continue;
    seen.add(o);
    chain.push(o);
    queue.push(...synsets.get(o).hypernyms);
  }
  return chain;
}

/** Keys of the hand-written table in vocabulary.cpp (and its aliases): words already named there. */
function handKeys() {
  const src = fs.readFileSync(HAND_TABLE, 'utf8');
  const keys = new Map();
  const add = (name, key) => { if (!keys.has(name)) keys.set(name, key); };
  for (const m of src.matchAll(/^\s*\{"([^"]+)", (?:N|"[^"]*"), \{"([^"]+)"/gm)) { add(m[1], m[1]); add(m[2], m[1]); }
  for (const m of src.matchAll(/\{"([^"]+)", "([^"]+)"\}/g)) add(m[1], m[2]);
  return keys;
}

/** names.tsv -> Map key -> row (columns in NAME_COLUMNS). */
const NAME_COLUMNS = ['key', 'en_sg', 'en_pl', 'es', 'es_sg', 'es_pl', 'ja', 'pt', 'pt_sg', 'pt_pl', 'zh'];
function readNames() {
  const rows = new Map();
  if (!fs.existsSync(NAMES)) return rows;
  for (const line of fs.readFileSync(NAMES, 'utf8').split('\n').slice(1)) {
    if (!line.trim()) continue;
    const cells = line.split('\t');
    rows.set(cells[0], Object.fromEntries(NAME_COLUMNS.map((c, i) => [c, (cells[i] || '').trim()])));
  }
  return rows;
}

export function buildVocabulary() {
  if (!fs.existsSync(path.join(WORDNET, 'data.noun')))
    throw new Error(`wordnet-vocabulary: WordNet 3.0 is not at ${WORDNET}: apt-get install wordnet-base, or set LOCALVISION_WORDNET to its folder.`);
  const synsets = readSynsets(path.join(WORDNET, 'data.noun'));
  const counts = readTagCounts(path.join(WORDNET, 'cntlist.rev'), synsets);
  const curation = JSON.parse(fs.readFileSync(CURATION, 'utf8'));
  const stop = new Set(curation.ancestors.stop), keep = new Set(curation.ancestors.keep);
  const classes = fs.readFileSync(LABELS, 'utf8').trim().split('\n').map((line) => {
    const wnid = line.slice(0, 9);
    const s = synsets.get(wnid.slice(1));
    if (!s) throw new Error(`${wnid} is not a WordNet 3.0 noun synset`);
    return { wnid, synset: s, label: line.slice(10).split(',')[0].trim() };
  });
  const byLabel = new Map();
  for (const c of classes) byLabel.set(c.label, byLabel.has(c.label) ? null : c);

  // The words each synset is tagged with; two synsets with one word get a hint (crane: bird / device).
  const usefulAncestor = (o) => {
    const name = tagName(synsets.get(o));
    return !stop.has(name) && (keep.has(name) || counts.get(o) >= curation.ancestors.minSemcorCount);
  };
  const terms = new Map();  // key -> {key, name, hint, synset, kind}
  const keyOf = new Map();  // offset -> key
  const kindOf = (s, chain) => (s.lex === LEX_PERSON || chain.some((o) => tagName(synsets.get(o)) === 'person') ? 'person'
    : s.lex === LEX_ANIMAL ? 'animal' : chain.some((o) => tagName(synsets.get(o)) === 'vehicle') ? 'vehicle' : 'thing');
  // Two senses of a word get a hint where one is a class itself (crane: bird
  // or lifting device); two hypernyms that share a word are one tag (flower).
  const termFor = (offset, preferredName, isClass) => {
    if (keyOf.has(offset)) return keyOf.get(offset);
    const s = synsets.get(offset);
    const chain = hypernymChain(synsets, offset);
    const name = preferredName || tagName(s);
    let key = name, hint = null;
    const same = terms.get(key);
    if (same && same.synset !== s && !isClass && !same.isClass) {
      keyOf.set(offset, key);
      return key;
    }
    const hintOf = (synset, hypernyms) => tagName(synsets.get(hypernyms.find(usefulAncestor) || hypernyms[0]));
    if (same && same.synset !== s) {
      hint = hintOf(s, chain);
      key = `${name} (${hint})`;
      same.hint ??= hintOf(same.synset, hypernymChain(synsets, same.synset.offset));  // both senses say which they are
    }
    if (!terms.has(key)) terms.set(key, { key, name, hint, synset: s, kind: kindOf(s, chain), isClass });
    keyOf.set(offset, key);
    return key;
  };
  // Scene words name the WordNet term of that name when a class already brought one in.
  const sceneTerm = (word) => {
    const same = [...terms.values()].find((t) => t.name === word);
    if (same) return same.key;
    terms.set(word, { key: word, name: word, hint: null, synset: null, kind: 'scene' });
    return word;
  };

  for (const label of [...Object.keys(curation.sceneTags), ...Object.keys(curation.classStop)])
    if (!byLabel.get(label)) throw new Error(`curation.json: class "${label}" is ${byLabel.has(label) ? 'ambiguous' : 'not a class label'}`);
  const categoryOf = (names) => names.map((n) => curation.categories[n]).find(Boolean) || null;
  // A class renamed to one of its own hypernyms' words is tagged as that hypernym (alp -> mountain).
  // A class "as" another's word is tagged as that word's term, found once every other class has brought its terms in.
  const tagsOf = (c) => {
    const ancestors = hypernymChain(synsets, c.synset.offset).filter(usefulAncestor);
    const renamedTo = ancestors.find((o) => tagName(synsets.get(o)) === curation.names[c.wnid]);
    const as = curation.as[c.wnid] && [...terms.values()].find((t) => t.name === curation.as[c.wnid]);
    if (curation.as[c.wnid] && !as) throw new Error(`curation.json: "as" word "${curation.as[c.wnid]}" of ${c.wnid} is no other class's tag`);
    const own = as ? as.key : renamedTo ? termFor(renamedTo) : termFor(c.synset.offset, curation.names[c.wnid], true);
    const dropped = new Set(curation.classStop[c.label] || []);
    return [...new Set([own, ...ancestors.map((o) => termFor(o))])].filter((k) => !dropped.has(terms.get(k).name));
  };
  const wordnetTags = classes.map((c) => (curation.as[c.wnid] ? null : tagsOf(c)));
  classes.forEach((c, i) => { wordnetTags[i] ??= tagsOf(c); });
  const out = classes.map((c, i) => {
    const tags = wordnetTags[i];
    const chainNames = hypernymChain(synsets, c.synset.offset).map((o) => tagName(synsets.get(o)));
    const habitat = chainNames.some((n) => curation.ancestorSceneTagsExcept.includes(n)) ? []
      : chainNames.flatMap((n) => curation.ancestorSceneTags[n] || []);
    const sceneWords = [...(curation.sceneTags[c.label] || []), ...habitat];
    // The category: the class or its nearest hypernym that curation.json maps, tags or not.
    const names = [c.label, tagName(c.synset), ...tags.map((k) => terms.get(k).name), ...chainNames];
    const category = categoryOf(names) || sceneWords.map((w) => curation.sceneCategories[w]).find(Boolean) || null;
    // A thing (WordNet's instrumentality: furniture, instruments) says it is
    // in a room only where it is there: "indoor" is its surroundings, apart
    // from its tags, unless its category names the room (Azure's indoor_room,
    // indoor_venue, indoor_marketstore: a dining table, a theater curtain).
    // (Things outdoors, boats and benches, come in groups of classes that
    // agree; an organ's 0.23 in a staircase's railings stands alone.)
    const scene = [...new Set(sceneWords.map(sceneTerm))];
    const thing = chainNames.includes('instrumentality') && !/^indoor_(room|venue|marketstore)$/.test(category || '');
    const surrounding = (k) => thing && terms.get(k).name === 'indoor';
    const surroundings = scene.filter(surrounding);
    return { wnid: c.wnid, own: tags[0], tags: [...new Set([...tags, ...scene.filter((k) => !surrounding(k))])], category,
      surroundings: surroundings.length ? surroundings : null };
  });
  return { classes: out, terms };
}

function cString(s) { return s === null || s === undefined ? 'N' : JSON.stringify(s); }

export function renderInc({ classes, terms }, names, hand, draft = false) {
  const missing = [];
  const conceptRows = [];
  for (const t of terms.values()) {
    if (hand.has(t.key) || (!t.hint && hand.has(t.name))) continue;
    let n = names.get(t.key);
    if (!n || NAME_COLUMNS.some((col) => !n[col])) {
      missing.push(t.key);
      if (!draft) continue;
      n = { en_sg: `a ${t.name}`, en_pl: `${t.name}s`, es: t.name, es_sg: `un ${t.name}`, es_pl: t.name, ja: t.name, pt: t.name, pt_sg: `um ${t.name}`, pt_pl: t.name, zh: t.name };
    }
    const fem = /^uma /.test(n.pt_sg);
    const [ja, zh] = { animal: ['匹', '只'], person: ['人', '个'], vehicle: ['台', '辆'] }[t.kind] || ['つ', '个'];
    // Scene words are places and qualities, never a caption's subject: no noun phrases.
    const phrases = t.kind === 'scene' ? 'NOPHRASE'
      : `{${cString(n.en_sg)}, ${cString(n.en_pl)}}, {${cString(n.es_sg)}, ${cString(n.es_pl)}}, {${cString(n.pt_sg)}, ${cString(n.pt_pl)}}, ${fem}, ${cString(ja)}, ${cString(zh)}`;
    conceptRows.push(`    {${cString(t.key)}, N, {${[t.name, n.es, n.ja, n.pt, n.zh].map(cString).join(', ')}}, ${phrases}, ${cString(t.hint)}},`);
  }
  const canonical = (k) => hand.get(k) || (hand.has(terms.get(k)?.name) && !terms.get(k).hint ? hand.get(terms.get(k).name) : k);
  const classRows = classes.map((c) =>
    `    {${cString(c.wnid)}, ${cString(canonical(c.own))}, ${cString(c.tags.map(canonical).join('|'))}, ${cString(c.category)}, ${cString(c.surroundings?.map(canonical).join('|'))}},`);
  const text = `// Generated by models/tools/wordnet-vocabulary.mjs from WordNet 3.0 (Debian wordnet-base),
// models/labels/imagenet1k.txt and models/vocabulary/{curation.json,names.tsv}. Do not edit.
#define N nullptr
#define NOPHRASE {N, N}, {N, N}, {N, N}, false, N, N
// The words WordNet adds to the hand-written table (vocabulary.cpp).
const Concept kWordNetConcepts[] = {
${conceptRows.join('\n')}
};

// Each ImageNet class: WordNet id, its own tag, all its tags ('|'-separated: itself, hypernyms, scene words), Azure category,
// and a thing's surroundings (scene words that hold only where the thing is named).
const ImageNetClass kImageNetClasses[] = {
${classRows.join('\n')}
};
#undef NOPHRASE
#undef N
`;
  return { text, missing };
}

function main() {
  const vocab = buildVocabulary();
  const hand = handKeys();
  if (process.argv.includes('--terms')) {
    const names = readNames();
    for (const t of vocab.terms.values()) {
      if (hand.has(t.key) || (!t.hint && hand.has(t.name)) || names.has(t.key)) continue;
      console.log([t.key, t.kind, t.synset ? t.synset.gloss.replace(/\t/g, ' ') : '(scene word)'].join('\t'));
    }
    return;
  }
  // --draft (development only): English stands in for missing names.
  const draft = process.argv.includes('--draft');
  const { text, missing } = renderInc(vocab, readNames(), hand, draft);
  if (missing.length && !draft) {
    console.error(`wordnet-vocabulary: ${missing.length} words have no names in models/vocabulary/names.tsv: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) { console.error(`wordnet-vocabulary: ${path.relative(ROOT, OUT)} is stale; run node models/tools/wordnet-vocabulary.mjs`); process.exit(1); }
    return;
  }
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(ROOT, OUT)}: ${vocab.classes.length} classes, ${vocab.terms.size} words`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
