#pragma once
// Objects (Azure v3.2 `objects`, 4.0 `objectsResult`): the shared detection
// run (object_detection.hpp), threshold, class-wise NMS, Azure names and
// parents; then, when the classifier is loaded, a second stage that rechecks
// weak animal detections on their surroundings (animal_recheck.hpp).
#include <vector>

#include "features/objects/object_detection.hpp"
#include "features/objects/objects.hpp"

namespace lv {

// Score an object must reach. Measured with the `objects` model on the
// sample images (letterboxed 512): true objects scored cat 0.477 (chelsea;
// 0.474 mirrored), cup 0.574 (coffee), horse 0.598, person 0.61 (astronaut;
// 0.50 mirrored) and 0.59 (camera), motorcycle 0.72; the best wrong or
// doubtful ones were dining table 0.35 (coffee), kite 0.33 (logo.png, a
// drawing), a second person box 0.26 (astronaut, removed by NMS anyway),
// book 0.23 (motorcycle). 0.40 sits between the two groups.
constexpr double kObjectMinScore = 0.40;

class ObjectsFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) override;
  void supply(JobState& state, std::vector<NamedTensors> outputs) override;
  void finish(JobState& state) override;

 private:
  void detect(JobState& state, const NamedTensors& run);

  enum class Stage { Detect, Recheck, Done } stage_ = Stage::Detect;
  InputTransform transform_;  // model pixels -> image pixels of the detector run
  std::vector<DetectedObject> objects_;
  std::vector<std::size_t> rechecked_;  // indices into objects_ of the recheck crops, in order
  std::vector<Rect> squares_;           // the square the classifier sees for each, same order
};

}  // namespace lv
