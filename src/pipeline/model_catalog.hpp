#pragma once
// The model cards the core plans with, parsed from models/manifest.json and
// the label files the runtime hands over.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/model_spec.hpp"

namespace lv {

class ModelCatalog {
 public:
  ModelCatalog() = default;
  // manifestJson: the manifest's text; labelsJson: {"<model id>": "<label file text>", ...}.
  // Throws AnalysisError(InvalidModel) for a card that cannot be used.
  ModelCatalog(std::string_view manifestJson, std::string_view labelsJson);

  bool has(const std::string& id) const { return models_.count(id) > 0; }
  // Throws AnalysisError(InvalidModel) naming the missing model.
  const ModelSpec& get(const std::string& id) const;
  // The app's plugin cards (ModelSpec::task set), by id.
  std::vector<const ModelSpec*> plugins() const;
  bool hasPluginTask(const std::string& task) const;

 private:
  std::map<std::string, ModelSpec> models_;
};

}  // namespace lv
