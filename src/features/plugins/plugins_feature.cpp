#include "features/plugins/plugins_feature.hpp"

#include "pipeline/single_run.hpp"

namespace lv {

std::vector<ModelRequest> PluginsFeature::requests(JobState& state) {
  std::vector<ModelRequest> out;
  if (asked_) return out;
  asked_ = true;
  for (const ModelSpec* spec : state.models->plugins()) {
    models_.push_back(spec->id);
    out.push_back(wholeImageRequest(state, spec->id));
  }
  return out;
}

void PluginsFeature::supply(JobState& state, std::vector<NamedTensors> outputs) {
  for (std::size_t i = 0; i < models_.size() && i < outputs.size(); ++i) {
    const Tensor& output = firstOutput(state, models_[i], outputs[i]);
    for (auto& label : pluginLabels(state.models->get(models_[i]), {output.data.data(), output.data.size()}))
      labels_.push_back(std::move(label));
  }
}

}  // namespace lv
