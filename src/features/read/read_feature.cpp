#include "features/read/read_feature.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "features/read/text_detection.hpp"
#include "features/read/text_layout.hpp"
#include "features/read/text_recognition.hpp"

namespace lv {
namespace {

constexpr const char* kDetector = "ocr-det";
constexpr const char* kClassifier = "ocr-cls";
constexpr const char* kRecognizer = "ocr-rec";

const Tensor& firstOutput(const NamedTensors& outputs, const ModelSpec& spec) {
  const std::string name = spec.outputs.empty() ? std::string() : spec.outputs.front();
  for (const auto& [n, t] : outputs)
    if (n == name || name.empty()) return t;
  throw AnalysisError(ErrorCode::InvalidArgument, "The '" + spec.id + "' model run lacks output '" + name + "'.");
}

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

Quad detectorToImage(const Quad& box, const InputTransform& transform, int imageWidth, int imageHeight) {
  Quad out;
  for (int i = 0; i < 4; ++i)
    out[i] = {std::clamp(transform.toImageX(box[i].x + 0.5), 0.0, static_cast<double>(imageWidth)),
              std::clamp(transform.toImageY(box[i].y + 0.5), 0.0, static_cast<double>(imageHeight))};
  return out;
}

std::vector<ModelRequest> ReadFeature::requests(JobState& state) {
  const Image& image = state.decoded.image;
  switch (stage_) {
    case Stage::Detect: {
      const ModelSpec& spec = state.models->get(kDetector);
      const DetectionSize size = detectionSize(image.width, image.height);
      ModelInput input = prepareModelInput(image, spec.input, {}, size.height, size.width);
      detTransform_ = input.transform;
      stage_ = Stage::AwaitDetect;
      std::vector<ModelRequest> out;
      out.push_back(request(spec, std::move(input.tensor)));
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
      for (auto& line : lines_) {
        LineTensor t = lineTensor(line.crop, spec.input, kRecHeight, kRecMaxWidth, kRecMinWidth);
        // Time steps are input columns / 8 (the tensor's width is a multiple of 8).
        line.contentSteps = t.contentWidth / 8.0;
        out.push_back(request(spec, std::move(t.tensor)));
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

void ReadFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  const Image& image = state.decoded.image;
  if (stage_ == Stage::AwaitDetect) {
    const ModelSpec& spec = state.models->get(kDetector);
    if (outputs.size() != 1) throw AnalysisError(ErrorCode::InvalidArgument, "Expected one ocr-det output.");
    const Tensor& prob = firstOutput(outputs[0], spec);
    if (prob.dims.size() != 4) throw AnalysisError(ErrorCode::InvalidArgument, "The ocr-det output is not [1, 1, H, W].");
    const int h = static_cast<int>(prob.dims[2]), w = static_cast<int>(prob.dims[3]);
    auto boxes = dbPostProcess({prob.data.data(), prob.data.size()}, w, h);
    if (boxes.size() > kMaxTextLines) {
      std::stable_sort(boxes.begin(), boxes.end(), [](const TextBox& a, const TextBox& b) { return a.score > b.score; });
      boxes.resize(kMaxTextLines);
    }
    for (const auto& box : boxes) {
      Candidate c;
      c.polygon = detectorToImage(box.corners, detTransform_, image.width, image.height);
      if (quadWidth(c.polygon) < 2 || quadHeight(c.polygon) < 2) continue;
      c.crop = cropLine(image, c.polygon);
      c.detScore = box.score;
      lines_.push_back(std::move(c));
    }
    stage_ = Stage::Classify;
    return;
  }
  if (stage_ == Stage::AwaitClassify) {
    const ModelSpec& spec = state.models->get(kClassifier);
    std::vector<double> turned;  // probability that each line is upside down
    for (const auto& o : outputs) {
      const Tensor& t = firstOutput(o, spec);
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
    if (outputs.size() != lines_.size()) throw AnalysisError(ErrorCode::InvalidArgument, "Expected one ocr-rec output per text line.");
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      const Tensor& t = firstOutput(outputs[i], spec);
      if (t.dims.size() != 3) throw AnalysisError(ErrorCode::InvalidArgument, "The ocr-rec output is not [1, T, classes].");
      const int steps = static_cast<int>(t.dims[1]), classes = static_cast<int>(t.dims[2]);
      const auto chars = insertMissingSpaces(ctcDecode({t.data.data(), t.data.size()}, steps, classes, spec.labels));
      TextLine line = assembleLine(chars, lines_[i].contentSteps, lines_[i].polygon);
      if (line.text.empty() || line.confidence < kMinLineConfidence) continue;
      recognised_.push_back(std::move(line));
    }
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
