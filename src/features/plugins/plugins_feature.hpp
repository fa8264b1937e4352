#pragma once
// plugins (internal): one whole-image run per plugin card of the catalog,
// all in one stage; tags, categories and brands depend on it (registry.cpp)
// and merge its labels. Runs nothing when the analyzer has no plugins.
#include <string>
#include <vector>

#include "features/plugins/plugins.hpp"
#include "pipeline/feature.hpp"

namespace lv {

class PluginsFeature : public Feature {
 public:
  std::vector<ModelRequest> requests(JobState& state) override;
  void supply(JobState& state, std::vector<NamedTensors> outputs) override;
  void finish(JobState& state) override { state.results.plugins = std::move(labels_); }

 private:
  bool asked_ = false;
  std::vector<std::string> models_;  // the plugin ids asked, in request order
  std::vector<PluginLabel> labels_;
};

}  // namespace lv
