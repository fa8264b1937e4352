#pragma once
#include "pipeline/feature.hpp"

namespace lv {

// Crops around what is interesting; later features add faces and objects as hints.
class SmartCropsFeature : public Feature {
 public:
  void finish(JobState& state) override {
    state.results.smartCrops = smartCrops(state.decoded.image, state.options.smartCropsAspectRatios);
  }
};

}  // namespace lv
