#pragma once
// A few rows of floats kept by the resamplers (downscale.cpp, model_input.cpp).
#include <cstddef>
#include <vector>

#include "core/secure_buffer.hpp"

namespace lv {

// The last few rows a resampler made from its source (a horizontal pass
// each), so that an output row reuses the rows the one before it made.
// Asked for in increasing order, at most `slots` rows at a time, a row is
// made once; a row returned stays valid until `slots` other rows have been
// asked for. Zeroed on free: the rows are the image's.
class RowRing {
 public:
  RowRing(int slots, std::size_t floatsPerRow)
      : stride_(floatsPerRow + 1), held_(static_cast<std::size_t>(slots), -1), data_(stride_ * slots) {}

  // Row `y`: make(y, row) fills it the first time. A slot has one float
  // more than a row, for a last pixel written as four floats.
  template <class Make>
  const float* row(int y, Make&& make) {
    const std::size_t slot = static_cast<std::size_t>(y) % held_.size();
    float* at = data_.data() + slot * stride_;
    if (held_[slot] != y) {
      make(y, at);
      held_[slot] = y;
    }
    return at;
  }

 private:
  std::size_t stride_;
  std::vector<int> held_;
  SecureVector<float> data_;
};

}  // namespace lv
