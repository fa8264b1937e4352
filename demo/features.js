// Which features the feature picker offers: the ones this analyzer computes
// (model-free ones always; model-backed ones when their models are configured).

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
