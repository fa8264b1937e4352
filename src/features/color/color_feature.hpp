#pragma once
#include "pipeline/feature.hpp"

namespace lv {

// Model-free: dominant, accent and black-and-white analysis of the pixels.
class ColorFeature : public Feature {
 public:
  void finish(JobState& state) override { state.results.color = analyzeColor(state.decoded.image); }
};

}  // namespace lv
