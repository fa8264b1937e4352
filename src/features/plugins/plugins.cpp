#include "features/plugins/plugins.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace lv {

std::vector<PluginLabel> pluginLabels(const ModelSpec& spec, std::span<const float> output) {
  if (output.size() != spec.labels.size())
    throw AnalysisError(ErrorCode::InvalidModel, "The plugin '" + spec.id + "' outputs " + std::to_string(output.size()) +
                                                     " values for " + std::to_string(spec.labels.size()) +
                                                     " labels: its labels file must have one line per output value.");
  std::vector<double> p(output.begin(), output.end());
  for (double& v : p)
    if (!std::isfinite(v)) v = spec.activation == "softmax" ? -1e30 : 0;
  if (spec.activation == "softmax" && !p.empty()) {
    const double top = *std::max_element(p.begin(), p.end());
    double sum = 0;
    for (double& v : p) sum += (v = std::exp(v - top));
    for (double& v : p) v /= sum;
  } else if (spec.activation == "sigmoid") {
    for (double& v : p) v = 1 / (1 + std::exp(-v));
  }
  std::vector<PluginLabel> kept;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double confidence = std::clamp(p[i], 0.0, 1.0);
    if (confidence >= spec.threshold && !spec.labels[i].empty())
      kept.push_back({spec.id, spec.task, spec.labels[i], confidence});
  }
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  if (kept.size() > static_cast<std::size_t>(spec.maxResults)) kept.resize(spec.maxResults);
  return kept;
}

std::vector<PluginLabel> labelsForTask(const std::vector<PluginLabel>& all, const std::string& task) {
  std::vector<PluginLabel> out;
  for (const auto& label : all)
    if (label.task == task) out.push_back(label);
  return out;
}

}  // namespace lv
