// Which features the feature picker offers: the ones this analyzer computes
// (model-free ones always; model-backed ones when their models are configured
// and the build has them).

/** Every feature the package knows, Azure names, in display order. */
export const ALL_FEATURES = [
  { id: 'color', name: 'Colour' },
  { id: 'imageType', name: 'Image type' },
  { id: 'smartCrops', name: 'Smart crops' },
  { id: 'objects', name: 'Objects' },
  { id: 'people', name: 'People' },
  { id: 'faces', name: 'Faces' },
  { id: 'adult', name: 'Adult content' },
  { id: 'read', name: 'Text (OCR)' },
  { id: 'brands', name: 'Brands' },
  { id: 'tags', name: 'Tags' },
  { id: 'caption', name: 'Caption' },
  { id: 'description', name: 'Description' },
  { id: 'categories', name: 'Categories' },
];

const MODEL_FREE = ['color', 'imageType', 'smartCrops'];

// The smallest image the analyzer accepts, for asking it what it supports.
const probeImage = () => ({ data: new Uint8ClampedArray(64 * 64 * 4), width: 64, height: 64 });

/**
 * The feature ids this analyzer supports. Uses `analyzer.features` when the
 * package has it; otherwise asks the core with an unknown feature name: its
 * NotSupportedVisualFeature message lists the features it computes.
 */
export async function supportedFeatures(analyzer) {
  if (Array.isArray(analyzer.features)) return analyzer.features;
  try {
    await analyzer.analyze(probeImage(), { features: ['__which__'] });
  } catch (error) {
    const list = /(?:Use one of|Available):\s*([\w, ]+)/.exec(error?.message ?? '')?.[1];
    if (error?.innerCode === 'NotSupportedVisualFeature' && list) {
      const names = list.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
      const known = ALL_FEATURES.map((f) => f.id).filter((id) => names.includes(id.toLowerCase()));
      if (known.length) return known;
    }
  }
  return MODEL_FREE;
}
