#pragma once
// read (OCR) with PaddleOCR PP-OCRv4, in three stages:
//   1. ocr-det on the whole image, and on straightened copies when its
//      lines may be skewed (text_skew.hpp; text_detection.hpp: size, DB
//      post-processing); then, for large pages, on strips at a finer scale
//      (fine_detection.hpp)
//   2. ocr-cls on every line crop, one batched run. The image's orientation
//      is decided by a vote (lines weighted by length): only when the lines
//      called upside down (score > kClsRotateScore) outweigh the others are
//      they turned 180 degrees. A per-line decision turned single upright
//      lines of page.png (0.96 "upside down"); the cost: one upside-down
//      line among upright ones stays unread.
//   3. ocr-rec on the line crops (height 48, aspect kept), in batches of
//      lines of similar width padded to the widest (kRecBatch lines a run),
//      CTC-decoded over the catalog's keys; lines into blocks in reading order.
// The same stages serve 'brands' (one set of runs when both are asked for).
#include <vector>

#include "features/read/fine_detection.hpp"
#include "features/read/read.hpp"
#include "features/read/text_detection.hpp"
#include "imgproc/model_input.hpp"
#include "imgproc/warp.hpp"
#include "pipeline/feature.hpp"

namespace lv {

// At most this many lines (highest detection score first) are recognised.
constexpr std::size_t kMaxTextLines = 300;
// Lines per ocr-cls run, and per ocr-rec run. One line per recogniser run:
// batches of equal-width lines took 1.02-1.27x the time of the same lines
// run one by one on onnxruntime-web 1 thread, 0.80-1.05x on 2 threads,
// 1.02-1.22x on onnxruntime-node (`node bench/read-batch.mjs`). A backend
// where batching pays (a GPU) only needs this raised.
constexpr std::size_t kClsBatch = 32;
constexpr std::size_t kRecBatch = 1;

// Whether `options` needs OCR: read or brands.
bool needsTextRecognition(const AnalyzeOptions& options);

// Detector boxes (detector pixels, tl/tr/br/bl) -> image polygons, clipped:
// `transform` maps to the frame detection saw, `frameToImage` from that
// (straightened) frame to the image.
Quad detectorToImage(const Quad& box, const InputTransform& transform, const Affine& frameToImage, int imageWidth,
                     int imageHeight);

class ReadFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) override;
  void supply(JobState& state, std::vector<NamedTensors> outputs) override;
  void finish(JobState& state) override;

 private:
  enum class Stage { Detect, AwaitDetect, DetectFine, AwaitDetectFine, Classify, AwaitClassify, Recognize, AwaitRecognize, Done };
  struct Candidate {
    Quad polygon;  // as the text reads (turned when upside down)
    Image crop;    // upright line image
    double detScore = 0;
    double contentSteps = 0;
  };
  void supplyDetection(JobState& state, const std::vector<NamedTensors>& outputs);
  void supplyFineDetection(JobState& state, const std::vector<NamedTensors>& outputs);
  // Boxes (image pixels) become line candidates with their crops; on to Classify.
  void addLines(const Image& image, std::vector<TextBox> boxes);
  static bool imageUpsideDown(const std::vector<Candidate>& lines, const std::vector<double>& turned);
  Stage stage_ = Stage::Detect;
  // What each detection run saw: detector pixels -> frame -> image.
  struct DetectionFrame {
    InputTransform transform;
    Affine toImage;  // identity for the image itself, else a straightened copy's
  };
  std::vector<DetectionFrame> detFrames_;
  // The finer pass (fine_detection.hpp): its strips, what each run saw, and
  // the whole-image boxes waiting to be merged with its own.
  std::vector<DetectionStrip> strips_;
  std::vector<InputTransform> stripTransforms_;
  std::vector<TextBox> wholeBoxes_;
  std::vector<Candidate> lines_;
  std::vector<std::vector<std::size_t>> recBatches_;
  std::vector<TextLine> recognised_;
};

}  // namespace lv
