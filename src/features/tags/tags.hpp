#pragma once
// Azure "tags": every signal the job has becomes tags with a confidence:
// detected objects and their parents, faces and people, text, image type,
// colour, the adult model's Drawing class and conservative scene detectors.
// Nothing is tagged that no signal found.
#include <string>
#include <vector>

#include "features/tags/signals.hpp"
#include "features/tags/vocabulary.hpp"

namespace lv {

// Tags under this confidence are not reported.
constexpr double kMinTagConfidence = 0.5;

struct Tag {
  std::string term;  // vocabulary key (English), e.g. "cat"
  std::string name;     // in the requested language
  double confidence = 0;
};

struct TagsResult {
  std::vector<Tag> values;  // best first
  Signals signals;          // what they were computed from (read by description and categories)
};

// Evidence per term before the confidence floor: term key -> confidence.
// Exposed for tests.
std::vector<std::pair<std::string, double>> tagEvidence(const Signals& signals);

// Tags sorted by confidence (best first), at least kMinTagConfidence each.
std::vector<Tag> computeTags(const Signals& signals, Language language);

// Whether the image is a photograph as far as imageType can tell (scene
// detectors only run on photographs).
bool looksLikePhoto(const Signals& signals);

// Noisy-OR of detection scores: the chance at least one is right.
double noisyOr(const std::vector<double>& scores);

}  // namespace lv
