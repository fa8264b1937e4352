#pragma once
// categories (v3.2): depends on tags (registry.cpp).
#include "features/categories/categories.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class CategoriesFeature : public Feature {
 public:
  void finish(JobState& state) override {
    if (state.results.tags) state.results.categories = categorize(*state.results.tags);
  }
};

}  // namespace lv
