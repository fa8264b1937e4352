#pragma once
// What the app's plugin classifiers (createAnalyzer({ plugins })) found: the
// labels each kept, tagged with the plugin's task. The tags, categories and
// brands features merge these into their results.
#include <span>
#include <string>
#include <vector>

#include "core/model_spec.hpp"

namespace lv {

struct PluginLabel {
  std::string model;  // the plugin's id
  std::string task;   // "tags", "landmarks" or "brands"
  std::string name;   // the label
  double confidence = 0;
};

// One plugin's output -> its kept labels: the card's activation, then the
// labels at or above its threshold, best first, at most maxResults. Throws
// InvalidModel when the output and the labels differ in length.
std::vector<PluginLabel> pluginLabels(const ModelSpec& spec, std::span<const float> output);

// The labels of one task, in the order found.
std::vector<PluginLabel> labelsForTask(const std::vector<PluginLabel>& all, const std::string& task);

}  // namespace lv
