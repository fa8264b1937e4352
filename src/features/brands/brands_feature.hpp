#pragma once
// brands: reads what the read stages recognised (the registry runs a
// ReadFeature before this one whenever brands is asked for).
#include "features/brands/brands.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class BrandsFeature : public Feature {
 public:
  void finish(JobState& state) override {
    state.results.brands = state.results.read ? findBrands(*state.results.read) : std::vector<DetectedBrand>{};
  }
};

}  // namespace lv
