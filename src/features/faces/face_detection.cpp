#include "features/faces/face_detection.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <utility>

#include "core/error.hpp"

namespace lv {

namespace {

std::vector<Anchor> makeAnchors(int height, int width) {
  const int strides[] = {16, 32, 32, 32};
  std::vector<Anchor> out;
  std::size_t layer = 0;
  const std::size_t layers = std::size(strides);
  while (layer < layers) {
    // Consecutive layers with the same stride share one grid.
    std::size_t last = layer;
    while (last < layers && strides[last] == strides[layer]) ++last;
    const int perCell = 2 * static_cast<int>(last - layer);
    const int stride = strides[layer];
    for (int y = 0; y < height / stride; ++y)
      for (int x = 0; x < width / stride; ++x)
        for (int k = 0; k < perCell; ++k) out.push_back({(x + 0.5) * stride, (y + 0.5) * stride});
    layer = last;
  }
  return out;
}

}  // namespace

const std::vector<Anchor>& blazeFaceBackAnchors(int height, int width) {
  // Every input of a size has the same table: built once per size.
  static std::mutex mutex;
  static std::map<std::pair<int, int>, std::vector<Anchor>> tables;
  std::lock_guard lock(mutex);
  auto it = tables.find({height, width});
  if (it == tables.end()) it = tables.emplace(std::pair{height, width}, makeAnchors(height, width)).first;
  return it->second;
}

double sigmoid(double logit) { return 1.0 / (1.0 + std::exp(-std::clamp(logit, -100.0, 100.0))); }

std::vector<FaceDetection> decodeBlazeFace(std::span<const float> scores, std::span<const float> regressors,
                                           std::span<const Anchor> anchors, double minScore, const InputTransform& t) {
  if (scores.size() != anchors.size() || regressors.size() != anchors.size() * 16)
    throw AnalysisError(ErrorCode::InvalidArgument,
                        "Face detector outputs do not match its anchors: expected " + std::to_string(anchors.size()) +
                            " scores and " + std::to_string(anchors.size() * 16) + " box values.");
  std::vector<FaceDetection> out;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const double score = sigmoid(scores[i]);
    if (!(score >= minScore)) continue;
    const float* r = regressors.data() + i * 16;
    const double ax = anchors[i].x, ay = anchors[i].y;
    const double cx = r[0] + ax, cy = r[1] + ay, w = r[2], h = r[3];
    if (!(w > 0 && h > 0) || !std::isfinite(cx) || !std::isfinite(cy)) continue;
    FaceDetection d;
    d.score = score;
    d.x = t.toImageX(cx - w / 2);
    d.y = t.toImageY(cy - h / 2);
    d.w = w * t.scaleX;
    d.h = h * t.scaleY;
    for (int k = 0; k < 6; ++k) d.keypoints[k] = {t.toImageX(r[4 + 2 * k] + ax), t.toImageY(r[5 + 2 * k] + ay)};
    out.push_back(d);
  }
  return out;
}

namespace {

double intersectionArea(const FaceDetection& a, const FaceDetection& b) {
  const double ix = std::max(0.0, std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x));
  const double iy = std::max(0.0, std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y));
  return ix * iy;
}

}  // namespace

double iou(const FaceDetection& a, const FaceDetection& b) {
  const double inter = intersectionArea(a, b), uni = a.w * a.h + b.w * b.h - inter;
  return uni > 0 ? inter / uni : 0.0;
}

std::vector<FaceDetection> weightedNms(std::vector<FaceDetection> remaining, double iouThreshold) {
  std::stable_sort(remaining.begin(), remaining.end(),
                   [](const FaceDetection& a, const FaceDetection& b) { return a.score > b.score; });
  std::vector<FaceDetection> kept;
  while (!remaining.empty()) {
    const FaceDetection best = remaining.front();
    std::vector<FaceDetection> rest;
    FaceDetection sum{};
    double weight = 0;
    for (const auto& d : remaining) {
      if (iou(best, d) > iouThreshold || &d == &remaining.front()) {
        weight += d.score;
        sum.x += d.x * d.score;
        sum.y += d.y * d.score;
        sum.w += d.w * d.score;
        sum.h += d.h * d.score;
        for (int k = 0; k < 6; ++k) {
          sum.keypoints[k].x += d.keypoints[k].x * d.score;
          sum.keypoints[k].y += d.keypoints[k].y * d.score;
        }
      } else {
        rest.push_back(d);
      }
    }
    FaceDetection merged = best;
    if (weight > 0) {
      merged.x = sum.x / weight;
      merged.y = sum.y / weight;
      merged.w = sum.w / weight;
      merged.h = sum.h / weight;
      for (int k = 0; k < 6; ++k) merged.keypoints[k] = {sum.keypoints[k].x / weight, sum.keypoints[k].y / weight};
    }
    kept.push_back(merged);
    remaining = std::move(rest);
  }
  return kept;
}

std::vector<FaceDetection> withoutNestedFaces(std::vector<FaceDetection> faces, double inside) {
  std::stable_sort(faces.begin(), faces.end(),
                   [](const FaceDetection& a, const FaceDetection& b) { return a.w * a.h > b.w * b.h; });
  std::vector<FaceDetection> kept;
  for (const auto& face : faces) {
    const bool nested = std::any_of(kept.begin(), kept.end(), [&](const FaceDetection& larger) {
      return intersectionArea(face, larger) >= inside * face.w * face.h;
    });
    if (!nested) kept.push_back(face);
  }
  return kept;
}

}  // namespace lv
