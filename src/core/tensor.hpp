#pragma once
// A dense float tensor: what the core hands to a model and gets back.
#include <cstdint>
#include <numeric>
#include <vector>

#include "core/secure_buffer.hpp"

namespace lv {

struct Tensor {
  std::vector<std::int64_t> dims;
  SecureVector<float> data;  // model inputs are derived from the image: zeroed on free

  Tensor() = default;
  explicit Tensor(std::vector<std::int64_t> shape) : dims(std::move(shape)), data(elementCount(dims)) {}

  static std::size_t elementCount(const std::vector<std::int64_t>& shape) {
    return std::accumulate(shape.begin(), shape.end(), std::size_t{1},
                           [](std::size_t a, std::int64_t d) { return a * static_cast<std::size_t>(d); });
  }
};

}  // namespace lv
