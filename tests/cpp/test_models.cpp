#include "test_models.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace lvtest {

std::string readText(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

lv::AnalyzerConfig realModelsConfig() {
  const nlohmann::json labels = {{"objects", readText(LV_MODELS_DIR "/labels/coco80.txt")},
                                 {"adult", readText(LV_MODELS_DIR "/labels/nsfw5.txt")},
                                 {"classifier", readText(LV_MODELS_DIR "/labels/imagenet1k.txt")}};
  return lv::AnalyzerConfig(lv::Limits{}, lv::ModelCatalog(readText(LV_MODELS_DIR "/manifest.json"), labels.dump()));
}

}  // namespace lvtest
