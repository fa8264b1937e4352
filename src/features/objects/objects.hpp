#pragma once
// The result of the objects feature: boxes in original image pixels, with
// Azure's object names and their chain of parent categories.
#include <string>
#include <vector>

#include "imgproc/model_input.hpp"

namespace lv {

struct DetectedObject {
  Rect rectangle;                    // x, y, w, h in image pixels, inside the image
  std::string name;                  // Azure's object name, e.g. "cat"
  double confidence = 0;
  std::vector<std::string> parents;  // nearest first, e.g. {"mammal", "animal"}
};

}  // namespace lv
