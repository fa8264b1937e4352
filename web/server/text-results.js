// Azure v3.2's two text shapes, made from the core's readResult
// (blocks -> lines -> words, each with a 4-point boundingPolygon):
// the Read operation's analyzeResult and the legacy OCR result.

const flat = (polygon) => polygon.flatMap((p) => [p.x, p.y]);

// OCR's "x,y,w,h": the upright box around every point.
function rectangle(points) {
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const x = Math.min(...xs), y = Math.min(...ys);
  return `${x},${y},${Math.max(...xs) - x},${Math.max(...ys) - y}`;
}

const linesOf = (analysis) => (analysis.readResult?.blocks ?? []).flatMap((block) => block.lines);

/**
 * Azure v3.2 ReadOperationResult ({status: 'succeeded', createdDateTime,
 * lastUpdatedDateTime, analyzeResult: {version, modelVersion, readResults:
 * [one page: {page, angle, width, height, unit: 'pixel', lines: [{boundingBox:
 * [8 numbers], text, words: [{boundingBox, text, confidence}]}]}]}}) from a
 * v3.2 analysis with features ['read']. Dates are ISO strings.
 */
export function readOperationResult(analysis, createdDateTime, lastUpdatedDateTime) {
  const lines = linesOf(analysis).map((line) => ({
    boundingBox: flat(line.boundingPolygon),
    text: line.text,
    words: line.words.map((word) => ({ boundingBox: flat(word.boundingPolygon), text: word.text, confidence: word.confidence })),
  }));
  const { width, height } = analysis.metadata;
  return {
    status: 'succeeded',
    createdDateTime,
    lastUpdatedDateTime,
    analyzeResult: {
      version: '3.2.0',
      modelVersion: analysis.modelVersion,
      readResults: [{ page: 1, angle: 0, width, height, unit: 'pixel', lines }],
    },
  };
}

/**
 * Azure v3.2 OcrResult ({language, textAngle, orientation, regions: [{boundingBox:
 * "x,y,w,h", lines: [{boundingBox, words: [{boundingBox, text}]}]}], modelVersion})
 * from a v3.2 analysis with features ['read']: one region per block.
 */
export function ocrResult(analysis, language) {
  const regions = (analysis.readResult?.blocks ?? []).map((block) => ({
    boundingBox: rectangle(block.lines.flatMap((line) => line.boundingPolygon)),
    lines: block.lines.map((line) => ({
      boundingBox: rectangle(line.boundingPolygon),
      words: line.words.map((word) => ({ boundingBox: rectangle(word.boundingPolygon), text: word.text })),
    })),
  }));
  return { language, textAngle: 0, orientation: 'Up', regions, modelVersion: analysis.modelVersion };
}
