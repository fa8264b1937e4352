#include "features/objects/object_detection.hpp"

#include "pipeline/single_run.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace lv {

double intersectionOverUnion(const Detection& a, const Detection& b) {
  const double iw = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
  const double ih = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  if (iw <= 0 || ih <= 0) return 0;
  const double inter = iw * ih;
  const double uni = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return uni > 0 ? inter / uni : 0;
}

std::vector<Detection> decodeDetections(const Tensor& detections, const InputTransform& transform, int imageWidth,
                                        int imageHeight, double minScore, std::size_t classCount) {
  if (detections.dims.empty() || detections.dims.back() != 6 || detections.data.size() % 6 != 0)
    throw AnalysisError(ErrorCode::InvalidArgument,
                        "The 'objects' model output must be [1, N, 6] (x1, y1, x2, y2, score, class).");
  const double w = imageWidth, h = imageHeight;
  const double minW = kMinBoxSideModelPx * transform.scaleX, minH = kMinBoxSideModelPx * transform.scaleY;
  std::vector<Detection> out;
  for (std::size_t row = 0; row < detections.data.size() / 6; ++row) {
    const float* v = detections.data.data() + row * 6;
    if (!std::all_of(v, v + 6, [](float x) { return std::isfinite(x); })) continue;
    const double score = v[4];
    if (score < minScore || v[5] < 0 || v[5] >= static_cast<double>(classCount)) continue;
    Detection d;
    d.score = score;
    d.classIndex = static_cast<int>(std::lround(v[5]));
    if (d.classIndex >= static_cast<int>(classCount)) continue;
    d.x1 = std::clamp(transform.toImageX(std::min(v[0], v[2])), 0.0, w);
    d.x2 = std::clamp(transform.toImageX(std::max(v[0], v[2])), 0.0, w);
    d.y1 = std::clamp(transform.toImageY(std::min(v[1], v[3])), 0.0, h);
    d.y2 = std::clamp(transform.toImageY(std::max(v[1], v[3])), 0.0, h);
    if (d.x2 - d.x1 < minW || d.y2 - d.y1 < minH) continue;
    out.push_back(d);
  }
  return out;
}

std::vector<Detection> classwiseNms(std::vector<Detection> detections, double iou) {
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  std::vector<Detection> kept;
  for (const Detection& d : detections) {
    const bool duplicate = std::any_of(kept.begin(), kept.end(), [&](const Detection& k) {
      return k.classIndex == d.classIndex && intersectionOverUnion(k, d) > iou;
    });
    if (!duplicate) kept.push_back(d);
  }
  return kept;
}

Rect toRect(const Detection& d) {
  Rect r;
  r.x = static_cast<int>(std::lround(d.x1));
  r.y = static_cast<int>(std::lround(d.y1));
  r.w = std::max(0, static_cast<int>(std::lround(d.x2)) - r.x);
  r.h = std::max(0, static_cast<int>(std::lround(d.y2)) - r.y);
  return r;
}

ModelRequest objectDetectionRequest(const JobState& state, InputTransform& transform) {
  if (state.models->get(kObjectsModel).labels.empty())
    throw AnalysisError(ErrorCode::InvalidModel, "The 'objects' model needs its labels file (one class name a line).");
  return wholeImageRequest(state, kObjectsModel, &transform);
}

const Tensor& objectDetectionOutput(const JobState& state, const NamedTensors& outputs) {
  return firstOutput(state, kObjectsModel, outputs);
}

}  // namespace lv
