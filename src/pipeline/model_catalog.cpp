#include "pipeline/model_catalog.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"

namespace lv {
namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::string& id, const std::string& what) {
  throw AnalysisError(ErrorCode::InvalidModel, "Model card '" + id + "' " + what + ". Check models/manifest.json.");
}

std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream stream{std::string(text)};
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

ModelInputSpec parseInput(const std::string& id, const json& input) {
  ModelInputSpec spec;
  try {
    spec.name = input.at("name").get<std::string>();
    spec.layout = input.at("layout") == "NCHW" ? TensorLayout::NCHW : TensorLayout::NHWC;
    spec.height = input.at("size").at(0).get<int>();
    spec.width = input.at("size").at(1).get<int>();
    spec.resize = input.at("resize") == "letterbox" ? ResizeMode::Letterbox : ResizeMode::Stretch;
    spec.letterboxStep = input.value("letterboxStep", 0);
    spec.colorOrder = input.at("colorOrder") == "BGR" ? ColorOrder::BGR : ColorOrder::RGB;
    spec.scale = input.at("scale").get<float>();
    for (int c = 0; c < 3; ++c) {
      spec.mean[c] = input.at("mean").at(c).get<float>();
      spec.std[c] = input.at("std").at(c).get<float>();
      if (spec.std[c] == 0) invalid(id, "has a zero std");
    }
  } catch (const json::exception& e) {
    invalid(id, std::string("has an unusable input description (") + e.what() + ")");
  }
  if (spec.height <= 0 || spec.width <= 0) invalid(id, "has no input size");
  const int step = spec.letterboxStep;
  if (step < 0 || (step > 0 && (spec.resize != ResizeMode::Letterbox || spec.height % step != 0 || spec.width % step != 0)))
    invalid(id, "has a letterboxStep that is negative, not on a letterbox input, or does not divide the input size");
  return spec;
}

// Plugin cards carry one of the plugin tasks; built-in cards describe theirs in
// prose, which leaves `task` empty.
void parsePlugin(ModelSpec& spec, const json& card) {
  const json task = card.value("task", json());
  if (!task.is_string()) return;
  const std::string name = task.get<std::string>();
  if (name != "tags" && name != "landmarks" && name != "brands") return;
  spec.task = name;
  try {
    const json outputs = card.value("outputs", json::array());
    spec.activation = outputs.empty() ? "none" : outputs.at(0).value("activation", "none");
    spec.threshold = card.value("threshold", 0.5);
    spec.maxResults = card.value("maxResults", 5);
  } catch (const json::exception& e) {
    invalid(spec.id, std::string("has an unusable plugin description (") + e.what() + ")");
  }
  if (spec.activation != "softmax" && spec.activation != "sigmoid" && spec.activation != "none")
    invalid(spec.id, "has activation '" + spec.activation + "' (use softmax, sigmoid or none)");
  if (!(spec.threshold >= 0 && spec.threshold <= 1)) invalid(spec.id, "has a threshold outside 0..1");
  if (spec.maxResults < 1) invalid(spec.id, "has maxResults below 1");
}

}  // namespace

ModelCatalog::ModelCatalog(std::string_view manifestJson, std::string_view labelsJson) {
  const json manifest = json::parse(manifestJson, nullptr, false);
  const json labels = labelsJson.empty() ? json::object() : json::parse(labelsJson, nullptr, false);
  if (manifest.is_discarded() || !manifest.contains("models") || !manifest["models"].is_array())
    throw AnalysisError(ErrorCode::InvalidModel, "The model manifest is not valid JSON with a \"models\" list.");
  if (labels.is_discarded() || !labels.is_object())
    throw AnalysisError(ErrorCode::InvalidModel, "The label files must be given as a JSON object of model id to text.");
  for (const auto& card : manifest["models"]) {
    ModelSpec spec;
    spec.id = card.value("id", "");
    if (spec.id.empty()) throw AnalysisError(ErrorCode::InvalidModel, "A model card has no id. Check models/manifest.json.");
    if (!card.contains("input")) invalid(spec.id, "has no input");
    spec.input = parseInput(spec.id, card["input"]);
    for (const auto& output : card.value("outputs", json::array())) spec.outputs.push_back(output.value("name", ""));
    parsePlugin(spec, card);
    if (labels.contains(spec.id)) {
      if (!labels[spec.id].is_string()) invalid(spec.id, "was given labels that are not text");
      spec.labels = splitLines(labels[spec.id].get<std::string>());
      const auto& card_labels = card.value("labels", json());
      if (card_labels.is_object() && card_labels.contains("count") &&
          card_labels["count"].get<std::size_t>() != spec.labels.size())
        invalid(spec.id, "expects " + std::to_string(card_labels["count"].get<std::size_t>()) + " labels but got " +
                             std::to_string(spec.labels.size()));
    }
    if (spec.isPlugin() && spec.labels.empty()) invalid(spec.id, "is a plugin without labels");
    if (spec.isPlugin() && spec.outputs.empty()) invalid(spec.id, "is a plugin without an output name");
    models_[spec.id] = std::move(spec);
  }
}

const ModelSpec& ModelCatalog::get(const std::string& id) const {
  auto it = models_.find(id);
  if (it == models_.end())
    throw AnalysisError(ErrorCode::InvalidModel,
                        "The model '" + id + "' is needed but was not configured. Pass it in createAnalyzer({ models }).");
  return it->second;
}

std::vector<const ModelSpec*> ModelCatalog::plugins() const {
  std::vector<const ModelSpec*> out;
  for (const auto& [id, spec] : models_)
    if (spec.isPlugin()) out.push_back(&spec);
  return out;
}

bool ModelCatalog::hasPluginTask(const std::string& task) const {
  for (const auto& [id, spec] : models_)
    if (spec.task == task) return true;
  return false;
}

}  // namespace lv
