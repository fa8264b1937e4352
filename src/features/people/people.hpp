#pragma once
// The result of the people feature (Azure 4.0 peopleResult).
#include <vector>

#include "imgproc/model_input.hpp"

namespace lv {

struct DetectedPerson {
  Rect boundingBox;  // image pixels, inside the image
  double confidence = 0;
};

}  // namespace lv
