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
  std::string hint;  // Azure's `hint` for an ambiguous name ("bird" for crane), English; empty when none
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

// A page of text: this many lines, or text boxes over this share of the image.
constexpr int kPageLines = 5;
constexpr double kPageTextArea = 0.15;
bool isTextPage(const Signals& signals);

// The chance the read feature's lines are text: their mean confidence,
// likelier with more lines.
double textConfidence(const Signals& signals);

// What the detections say about one class, fused with the classifier.
struct ObjectEvidence {
  std::string key;        // concept key (COCO class as vocabulary.cpp names it)
  double confidence = 0;  // see objectEvidence
  int count = 0;          // detections with a calibrated confidence of at least kInstanceMinConfidence
  double area = 0;        // share of the image its largest box covers, 0..1
  bool sure = false;      // every instance reaches kSureInstanceConfidence: the count can be said as a number
};

// Calibrated confidence a detection must reach to count as an instance.
constexpr double kInstanceMinConfidence = 0.6;
// And to be counted aloud ("two people"). Where the detector finds two of a
// crowd it is unsure of them: the dev set's orchestra (about fifty musicians)
// and Taj Mahal crowd gave two people at 0.41-0.48 (raw score); its two
// giraffes scored 0.65 and 0.81. Raw 0.5 calibrates to 0.86.
constexpr double kSureInstanceConfidence = 0.85;

// Per detected class: the noisy-OR of its calibrated detections, times a size
// factor (0.8 for boxes of a tiny share of the image, up to 1 from 5%: small
// boxes are where the detector mislabels most), times the classifier's
// objection where the classifier knows the class (ImageNet covers umbrella,
// clock, sheep, but has no person class) and gives it under 5% of its mass
// while being sure of a class that is not it: 1 - p(that class). Four
// "umbrellas" on sliced lemons (lemon 0.75) keep a quarter.
std::vector<ObjectEvidence> objectEvidence(const Signals& signals);

// The classifier's objection factor to a detected class named `name` (1: none;
// see objectEvidence).
double classifierAgreement(const Signals& signals, const std::string& name);

// One detection on its own: calibrated, its box's size factor, and the
// classifier's objection to its class (dense captions score each region so).
double detectionConfidence(const Signals& signals, const ObjectSignal& object);

// The classifier's probability mass per concept (empty without a
// classification), each class discounted where a confident animal detection
// contradicts it: with a giraffe detected at 0.9, a "cheetah" class keeps a
// tenth of its probability, a "German shepherd" class under a detected dog
// keeps all of it.
std::vector<ConceptMass> classifierMasses(const Signals& signals);

}  // namespace lv
