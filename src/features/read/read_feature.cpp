#include "features/read/read_feature.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "features/read/fine_detection.hpp"
#include "features/read/text_detection.hpp"
#include "features/read/text_layout.hpp"
#include "features/read/text_recognition.hpp"
#include "features/read/text_skew.hpp"
#include "pipeline/single_run.hpp"

namespace lv {
namespace {

constexpr const char* kDetector = "ocr-det";
constexpr const char* kClassifier = "ocr-cls";
constexpr const char* kRecognizer = "ocr-rec";

ModelRequest request(const ModelSpec& spec, Tensor tensor) {
  NamedTensors inputs;
  inputs.emplace_back(spec.input.name, std::move(tensor));
  return {spec.id, std::move(inputs)};
}

}  // namespace

bool ReadFeature::imageUpsideDown(const std::vector<Candidate>& lines, const std::vector<double>& turned) {
  double up = 0, down = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const double weight = quadWidth(lines[i].polygon);
    if (turned[i] > kClsRotateScore) down += weight;
    else up += weight;
  }
  return down > up;
}

bool needsTextRecognition(const AnalyzeOptions& options) { return options.wants("read") || options.wants("brands"); }

Quad detectorToImage(const Quad& box, const InputTransform& transform, const Affine& frameToImage, int imageWidth,
                     int imageHeight) {
  Quad out;
  for (int i = 0; i < 4; ++i) {
    const PointD p = frameToImage.apply({transform.toImageX(box[i].x + 0.5), transform.toImageY(box[i].y + 0.5)});
    out[i] = {std::clamp(p.x, 0.0, static_cast<double>(imageWidth)), std::clamp(p.y, 0.0, static_cast<double>(imageHeight))};
  }
  return out;
}

std::vector<ModelRequest> ReadFeature::requests(JobState& state) {
  const Image& image = state.decoded.image;
  switch (stage_) {
    case Stage::Detect: {
      const ModelSpec& spec = state.models->get(kDetector);
      std::vector<ModelRequest> out;
      auto detectOn = [&](const Image& frame, const Affine& toImage) {
        const DetectionSize size = detectionSize(frame.width, frame.height);
        ModelInput input = prepareModelInput(frame, spec.input, {}, size.height, size.width);
        detFrames_.push_back({input.transform, toImage});
        out.push_back(request(spec, std::move(input.tensor)));
      };
      detectOn(image, Affine{});
      for (const double degrees : skewCandidates(image)) {
        // Near-vertical lines may read either way up, and the detector sees
        // upside-down text less well than the vertical text itself: both
        // turns are tried, the upright one wins (page.png turned -90).
        std::vector<double> turns = {degrees};
        if (std::abs(degrees) > 45) turns.push_back(degrees > 0 ? degrees - 180 : degrees + 180);
        for (const double turn : turns) {
          const StraightenedImage straight = straighten(image, turn, 2 * kDetMaxSide);
          detectOn(straight.image, straight.toImage);
        }
      }
      stage_ = Stage::AwaitDetect;
      return out;
    }
    case Stage::DetectFine: {
      const ModelSpec& spec = state.models->get(kDetector);
      std::vector<ModelRequest> out;
      for (const DetectionStrip& strip : strips_) {
        ModelInput input = prepareModelInput(image, spec.input, strip.region, strip.height, strip.width);
        stripTransforms_.push_back(input.transform);
        out.push_back(request(spec, std::move(input.tensor)));
      }
      stage_ = Stage::AwaitDetectFine;
      return out;
    }
    case Stage::Classify: {
      if (lines_.empty()) break;
      const ModelSpec& spec = state.models->get(kClassifier);
      std::vector<ModelRequest> out;
      for (std::size_t first = 0; first < lines_.size(); first += kClsBatch) {
        std::vector<Tensor> batch;
        for (std::size_t i = first; i < std::min(lines_.size(), first + kClsBatch); ++i)
          batch.push_back(lineTensor(lines_[i].crop, spec.input, kClsHeight, kClsWidth, kClsWidth, true).tensor);
        out.push_back(request(spec, stackBatch(batch)));
      }
      stage_ = Stage::AwaitClassify;
      return out;
    }
    case Stage::Recognize: {
      if (lines_.empty()) break;
      const ModelSpec& spec = state.models->get(kRecognizer);
      std::vector<ModelRequest> out;
      std::vector<int> widths;
      for (const auto& line : lines_) widths.push_back(recognitionWidth(line.crop));
      recBatches_ = recognitionBatches(widths, kRecBatch);
      for (const auto& batch : recBatches_) {
        // Every line of a batch is padded to the widest one's width.
        int width = kRecMinWidth;
        for (const std::size_t i : batch) width = std::max(width, widths[i]);
        width = (width + 7) / 8 * 8;
        std::vector<Tensor> tensors;
        for (const std::size_t i : batch) {
          LineTensor t = lineTensor(lines_[i].crop, spec.input, kRecHeight, kRecMaxWidth, width, true);
          // Time steps are input columns / 8 (the tensor's width is a multiple of 8).
          lines_[i].contentSteps = t.contentWidth / 8.0;
          tensors.push_back(std::move(t.tensor));
        }
        out.push_back(request(spec, stackBatch(tensors)));
      }
      stage_ = Stage::AwaitRecognize;
      return out;
    }
    default:
      break;
  }
  stage_ = Stage::Done;
  return {};
}

namespace {

const Tensor& probabilityMap(const JobState& state, const NamedTensors& outputs) {
  const Tensor& prob = firstOutput(state, kDetector, outputs);
  if (prob.dims.size() != 4 || prob.dims[0] != 1 || prob.dims[1] != 1)
    throw AnalysisError(ErrorCode::InvalidArgument, "The ocr-det output is not [1, 1, H, W].");
  return prob;
}

// DB boxes of a probability map, in image pixels.
std::vector<TextBox> boxesOf(const Tensor& prob, const InputTransform& transform, const Affine& toImage, const Image& image) {
  const int h = static_cast<int>(prob.dims[2]), w = static_cast<int>(prob.dims[3]);
  std::vector<TextBox> boxes = dbPostProcess({prob.data.data(), prob.data.size()}, w, h);
  for (TextBox& box : boxes) box.corners = detectorToImage(box.corners, transform, toImage, image.width, image.height);
  return boxes;
}

}  // namespace

void ReadFeature::supplyDetection(JobState& state, const std::vector<NamedTensors>& outputs) {
  if (outputs.size() != detFrames_.size()) throw AnalysisError(ErrorCode::InvalidArgument, "Expected one ocr-det output per frame.");
  // The frame read is the one where the detector sees the most text in
  // lines: its probability mass (in image pixels) times the share of its
  // boxes' area in line-shaped boxes. Mass alone is close between a sideways
  // page and its straightened copies (within 2%), and a barcode's bars,
  // turned level, are mass without lines.
  const Image& image = state.decoded.image;
  std::size_t chosen = 0;
  double most = -1;
  std::vector<std::vector<TextBox>> boxes;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& prob = probabilityMap(state, outputs[i]);
    const DetectionFrame& f = detFrames_[i];
    boxes.push_back(boxesOf(prob, f.transform, f.toImage, image));
    const double pixelArea = f.transform.scaleX * f.transform.scaleY * std::abs(f.toImage.a * f.toImage.e - f.toImage.b * f.toImage.d);
    const double score = textMass({prob.data.data(), prob.data.size()}) * pixelArea * lineShare(boxes.back());
    if (score > most) chosen = i, most = score;
  }
  // Small print on a large page: a finer pass over strips (level text only).
  if (chosen == 0) strips_ = fineStrips(image);
  if (!strips_.empty()) {
    wholeBoxes_ = std::move(boxes[chosen]);
    stage_ = Stage::DetectFine;
    return;
  }
  addLines(image, std::move(boxes[chosen]));
}

void ReadFeature::supplyFineDetection(JobState& state, const std::vector<NamedTensors>& outputs) {
  if (outputs.size() != strips_.size()) throw AnalysisError(ErrorCode::InvalidArgument, "Expected one ocr-det output per strip.");
  const Image& image = state.decoded.image;
  std::vector<TextBox> fine;
  for (std::size_t i = 0; i < outputs.size(); ++i)
    for (TextBox& box : boxesOf(probabilityMap(state, outputs[i]), stripTransforms_[i], Affine{}, image))
      if (ownedByStrip(box.corners, strips_[i], image.height)) fine.push_back(std::move(box));
  addLines(image, mergeFineBoxes(wholeBoxes_, fine));
  wholeBoxes_.clear();
}

void ReadFeature::addLines(const Image& image, std::vector<TextBox> boxes) {
  if (boxes.size() > kMaxTextLines) {
    std::stable_sort(boxes.begin(), boxes.end(), [](const TextBox& a, const TextBox& b) { return a.score > b.score; });
    boxes.resize(kMaxTextLines);
  }
  for (const TextBox& box : boxes) {
    if (quadWidth(box.corners) < 2 || quadHeight(box.corners) < 2) continue;
    Candidate c;
    c.polygon = box.corners;
    c.crop = cropLine(image, c.polygon, kRecHeight);
    c.detScore = box.score;
    lines_.push_back(std::move(c));
  }
  stage_ = Stage::Classify;
}

void ReadFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  if (stage_ == Stage::AwaitDetect) {
    supplyDetection(state, outputs);
    return;
  }
  if (stage_ == Stage::AwaitDetectFine) {
    supplyFineDetection(state, outputs);
    return;
  }
  if (stage_ == Stage::AwaitClassify) {
    std::vector<double> turned;  // probability that each line is upside down
    for (const auto& o : outputs) {
      const Tensor& t = firstOutput(state, kClassifier, o);
      const std::size_t n = t.dims.empty() ? 0 : static_cast<std::size_t>(t.dims[0]);
      if (t.data.size() < n * 2) throw AnalysisError(ErrorCode::InvalidArgument, "The ocr-cls output is not [N, 2].");
      for (std::size_t i = 0; i < n; ++i) turned.push_back(t.data[i * 2 + 1]);
    }
    if (turned.size() != lines_.size()) throw AnalysisError(ErrorCode::InvalidArgument, "Expected one ocr-cls result per text line.");
    if (imageUpsideDown(lines_, turned))
      for (std::size_t i = 0; i < lines_.size(); ++i) {
        if (turned[i] <= 0.5) continue;
        Candidate& c = lines_[i];
        c.crop = rotate180(c.crop);
        const Quad p = c.polygon;
        c.polygon = {p[2], p[3], p[0], p[1]};
      }
    stage_ = Stage::Recognize;
    return;
  }
  if (stage_ == Stage::AwaitRecognize) {
    const ModelSpec& spec = state.models->get(kRecognizer);
    if (outputs.size() != recBatches_.size()) throw AnalysisError(ErrorCode::InvalidArgument, "Expected one ocr-rec output per batch of lines.");
    std::vector<TextLine> read(lines_.size());
    for (std::size_t b = 0; b < outputs.size(); ++b) {
      const Tensor& t = firstOutput(state, kRecognizer, outputs[b]);
      const std::size_t n = recBatches_[b].size();
      if (t.dims.size() != 3 || t.dims[0] != static_cast<std::int64_t>(n))
        throw AnalysisError(ErrorCode::InvalidArgument, "The ocr-rec output is not [lines, T, classes].");
      const int steps = static_cast<int>(t.dims[1]), classes = static_cast<int>(t.dims[2]);
      const std::size_t perLine = static_cast<std::size_t>(steps) * classes;
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = recBatches_[b][k];
        const auto chars = insertMissingSpaces(ctcDecode({t.data.data() + k * perLine, perLine}, steps, classes, spec.labels));
        read[i] = assembleLine(chars, lines_[i].contentSteps, lines_[i].polygon);
      }
    }
    for (auto& line : read)
      if (!line.text.empty() && line.confidence >= kMinLineConfidence) recognised_.push_back(std::move(line));
    for (auto& line : lines_) line.crop = Image();
    stage_ = Stage::Done;
  }
}

void ReadFeature::finish(JobState& state) {
  ReadResult result;
  result.blocks = groupIntoBlocks(std::move(recognised_));
  state.results.read = std::move(result);
}

}  // namespace lv
