#pragma once
// A single-channel float image: the working format of the model-free
// analyses (gray levels, gradient magnitudes, interest maps).
#include <cstddef>

#include "core/secure_buffer.hpp"

namespace lv {

struct Plane {
  int width = 0;
  int height = 0;
  SecureVector<float> data;  // width * height, row-major; zeroed when freed

  Plane() = default;
  Plane(int w, int h) : width(w), height(h), data(static_cast<std::size_t>(w) * h, 0.0f) {}

  float& at(int x, int y) { return data[static_cast<std::size_t>(y) * width + x]; }
  float at(int x, int y) const { return data[static_cast<std::size_t>(y) * width + x]; }
  float* row(int y) { return data.data() + static_cast<std::size_t>(y) * width; }
  const float* row(int y) const { return data.data() + static_cast<std::size_t>(y) * width; }
};

}  // namespace lv
