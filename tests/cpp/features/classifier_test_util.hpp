#pragma once
// A classification with chosen probabilities, for tests of what tags,
// captions and dense captions make of the classifier.
#include <fstream>
#include <map>
#include <string>

#include "features/classification/classification.hpp"

namespace lvtest {

// Probabilities on classes named by WordNet id (labels order of
// models/labels/imagenet1k.txt), 0 elsewhere.
inline lv::Classification classification(const std::map<std::string, double>& probabilities) {
  std::ifstream file(LV_MODELS_DIR "/labels/imagenet1k.txt");
  lv::Classification c;
  for (std::string line; std::getline(file, line);) {
    if (line.empty()) continue;
    auto it = probabilities.find(line.substr(0, 9));
    c.classes.push_back({lv::findImageNetClass(line.substr(0, 9)), it == probabilities.end() ? 0.0 : it->second});
  }
  return c;
}

}  // namespace lvtest
