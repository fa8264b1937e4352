#pragma once
// brands: reads what the read stages recognised (the registry runs a
// ReadFeature before this one whenever brands is asked for).
#include "features/brands/brands.hpp"
#include "features/plugins/plugins.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class BrandsFeature : public Feature {
 public:
  void finish(JobState& state) override {
    state.results.brands = state.results.read ? findBrands(*state.results.read) : std::vector<DetectedBrand>{};
    // Brand classifiers see the whole image: their brands cover it.
    if (state.results.plugins)
      for (const auto& label : labelsForTask(*state.results.plugins, "brands"))
        state.results.brands->push_back(
            {label.name, label.confidence, 0, 0, state.decoded.image.width, state.decoded.image.height});
  }
};

}  // namespace lv
