#pragma once
#include "pipeline/feature.hpp"

namespace lv {

// Model-free: clip-art and line-drawing scores from the pixels.
class ImageTypeFeature : public Feature {
 public:
  void finish(JobState& state) override { state.results.imageType = analyzeImageType(state.decoded.image); }
};

}  // namespace lv
