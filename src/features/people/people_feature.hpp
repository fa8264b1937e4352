#pragma once
// People (Azure 4.0 `peopleResult`): the person boxes of the shared
// detection run (features/objects/object_detection.hpp) — asked for
// together with objects, the model runs once.
#include <vector>

#include "features/objects/object_detection.hpp"

namespace lv {

// Lower than objects' 0.40, as Azure's people model reports more (and less
// certain) people than its objects do. On the samples real people scored
// 0.50..0.62; the best non-person "person" was 0.25 (logo.png, a drawing;
// 0.247 mirrored), then 0.16 (a sliver at motorcycle_left's edge).
constexpr double kPersonMinScore = 0.30;

class PeopleFeature : public DetectorFeature {
 public:
  void finish(JobState& state) override;

 protected:
  void take(JobState& state, const NamedTensors& run) override;

 private:
  std::vector<DetectedPerson> people_;
};

}  // namespace lv
