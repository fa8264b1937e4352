#pragma once
// categories (v3.2): depends on tags (registry.cpp).
#include "features/categories/categories.hpp"
#include "features/plugins/plugins.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class CategoriesFeature : public Feature {
 public:
  void finish(JobState& state) override {
    // Without tags (a landmarks classifier alone) the landmarks make the categories.
    state.results.categories = state.results.tags ? categorize(*state.results.tags) : std::vector<CategoryScore>{};
    if (state.results.categories && state.results.plugins && state.options.wantsDetail("landmarks")) {
      std::vector<Landmark> landmarks;
      for (const auto& label : labelsForTask(*state.results.plugins, "landmarks"))
        landmarks.push_back({label.name, label.confidence});
      addLandmarks(*state.results.categories, landmarks);
    }
  }
};

}  // namespace lv
