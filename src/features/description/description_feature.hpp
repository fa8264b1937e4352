#pragma once
// description (v3.2) and caption (4.0): both depend on tags (registry.cpp).
#include "features/description/description.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class DescriptionFeature : public Feature {
 public:
  void finish(JobState& state) override {
    if (!state.results.tags) return;
    state.results.description =
        describe(*state.results.tags, languageFromCode(state.options.language), state.options.maxCandidates);
  }
};

class CaptionFeature : public Feature {
 public:
  void finish(JobState& state) override {
    if (!state.results.tags) return;
    auto captions = composeCaptions(state.results.tags->signals, languageFromCode(state.options.language), 1);
    state.results.caption = captions.empty() ? Caption{} : captions.front();
  }
};

}  // namespace lv
