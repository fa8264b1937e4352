#pragma once
// Detector scores -> tag confidences. The detectors' raw scores are not
// probabilities: the objects model (CenterNet) scores true objects on the
// sample images 0.48..0.72 and its best wrong ones 0.23..0.35 (objects_feature.hpp).
// A logistic through the best wrong score (0.35 -> 0.5) with slope 12 maps
// the reported objects (>= 0.40) to 0.65.., the sample cat (0.477) to 0.82,
// the sample people (0.59..0.61) to 0.95, the motorcycle (0.72) to 0.99.
// Eight sample images are all this rests on: it orders and scales, it is not
// a measured calibration curve.
#include <algorithm>
#include <cmath>
#include <vector>

#include "features/classification/classification.hpp"
#include "features/tags/signals.hpp"

namespace lv {

constexpr double kObjectScoreMidpoint = 0.35;
constexpr double kObjectScoreSlope = 12;
// A face without a score: the face detector only keeps faces over 0.75 and
// scored the sample faces 0.81..0.88.
constexpr double kFaceDefaultConfidence = 0.85;

// The classifier's probability mass under a broad concept (several classes:
// dog, bird, vehicle) -> tag confidence. Fitted on the dev set: 204
// concept/image pairs of mass >= 0.1, judged against truth.json and by hand;
// mass under-states accuracy (0.57 right at 0.2..0.3, 0.82 at 0.5..0.6, 0.97
// at >= 0.9) and the exponent with the lowest log-loss was 0.55 (README,
// "Tags, captions, categories").
constexpr double kClassifierMassExponent = 0.55;

inline double calibratedClassifierConfidence(double mass) {
  return std::min(0.99, std::pow(std::clamp(mass, 0.0, 1.0), kClassifierMassExponent));
}

// A concept's tag confidence (0 when it should not be named). One class's
// own name (goose, church, bee eater) is as right as its softmax probability
// says, not more: on the dev set, such names at mass >= 0.9 were right 4 of 5
// times, at 0.65..0.9 6 of 8, at 0.45..0.65 2 of 4 and under 0.45 2 of 9; the
// broad exponent above would have shown the last group at 0.55..0.63, hence
// kMinClassNameProbability (classification.hpp). Broad concepts use the curve above.
inline double conceptConfidence(const ConceptMass& m) {
  if (m.classes != 1) return calibratedClassifierConfidence(m.mass);
  return m.mass >= kMinClassNameProbability ? std::min(0.99, m.mass) : 0.0;
}

inline double calibratedObjectConfidence(double score) {
  return std::min(0.99, 1 / (1 + std::exp(-kObjectScoreSlope * (score - kObjectScoreMidpoint))));
}

// Noisy-OR over the faces: the chance at least one is a face.
inline double faceTagConfidence(const std::vector<FaceSignal>& faces) {
  double none = 1;
  for (const auto& f : faces) none *= 1 - std::clamp(f.confidence > 0 ? f.confidence : kFaceDefaultConfidence, 0.0, 0.99);
  return faces.empty() ? 0 : std::min(0.99, 1 - none);
}

}  // namespace lv
