#pragma once
// read (OCR) with PaddleOCR PP-OCRv4, in three stages:
//   1. ocr-det on the whole image (text_detection.hpp: size, DB post-processing)
//   2. ocr-cls on every line crop, one batched run. The image's orientation
//      is decided by a vote (lines weighted by length): only when the lines
//      called upside down (score > kClsRotateScore) outweigh the others are
//      they turned 180 degrees. A per-line decision turned single upright
//      lines of page.png (0.96 "upside down"); the cost: one upside-down
//      line among upright ones stays unread.
//   3. ocr-rec on every line crop (one run per line, height 48, aspect kept),
//      CTC-decoded over the catalog's keys; lines into blocks in reading order.
// The same stages serve 'brands' (one set of runs when both are asked for).
#include <vector>

#include "features/read/read.hpp"
#include "imgproc/model_input.hpp"
#include "pipeline/feature.hpp"

namespace lv {

// At most this many lines (highest detection score first) are recognised.
constexpr std::size_t kMaxTextLines = 300;
// Lines per ocr-cls run.
constexpr std::size_t kClsBatch = 32;

// Whether `options` needs OCR: read or brands.
bool needsTextRecognition(const AnalyzeOptions& options);

// Detector boxes (detector pixels, tl/tr/br/bl) -> image polygons, clipped.
Quad detectorToImage(const Quad& box, const InputTransform& transform, int imageWidth, int imageHeight);

class ReadFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) override;
  void supply(JobState& state, std::vector<NamedTensors> outputs) override;
  void finish(JobState& state) override;

 private:
  enum class Stage { Detect, AwaitDetect, Classify, AwaitClassify, Recognize, AwaitRecognize, Done };
  struct Candidate {
    Quad polygon;  // as the text reads (turned when upside down)
    Image crop;    // upright line image
    double detScore = 0;
    double contentSteps = 0;
  };
  static bool imageUpsideDown(const std::vector<Candidate>& lines, const std::vector<double>& turned);
  Stage stage_ = Stage::Detect;
  InputTransform detTransform_;
  std::vector<Candidate> lines_;
  std::vector<TextLine> recognised_;
};

}  // namespace lv
