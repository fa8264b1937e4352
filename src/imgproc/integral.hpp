#pragma once
// Summed-area table over a Plane: the sum of any rectangle in O(1).
#include <algorithm>
#include <vector>

#include "imgproc/plane.hpp"

namespace lv {

class IntegralImage {
 public:
  explicit IntegralImage(const Plane& p) : w_(p.width), h_(p.height), s_(static_cast<std::size_t>(w_ + 1) * (h_ + 1), 0.0) {
    for (int y = 0; y < h_; ++y) {
      double rowSum = 0;
      const float* src = p.row(y);
      double* above = &s_[static_cast<std::size_t>(y) * (w_ + 1)];
      double* cur = above + (w_ + 1);
      for (int x = 0; x < w_; ++x) {
        rowSum += src[x];
        cur[x + 1] = above[x + 1] + rowSum;
      }
    }
  }
  int width() const { return w_; }
  int height() const { return h_; }
  // Sum over [x0, x1) x [y0, y1), clamped to the plane.
  double sum(int x0, int y0, int x1, int y1) const {
    x0 = std::clamp(x0, 0, w_);
    x1 = std::clamp(x1, 0, w_);
    y0 = std::clamp(y0, 0, h_);
    y1 = std::clamp(y1, 0, h_);
    if (x1 <= x0 || y1 <= y0) return 0.0;
    return at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0);
  }
  double total() const { return at(w_, h_); }

 private:
  double at(int x, int y) const { return s_[static_cast<std::size_t>(y) * (w_ + 1) + x]; }
  int w_, h_;
  std::vector<double> s_;
};

}  // namespace lv
