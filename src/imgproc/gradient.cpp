#include "imgproc/gradient.hpp"

#include <algorithm>
#include <cmath>

namespace lv {

Plane sobelMagnitude(const Plane& in) {
  Plane out(in.width, in.height);
  const int w = in.width, h = in.height;
  if (w == 0 || h == 0) return out;
  for (int y = 0; y < h; ++y) {
    const float* up = in.row(std::max(0, y - 1));
    const float* mid = in.row(y);
    const float* dn = in.row(std::min(h - 1, y + 1));
    float* o = out.row(y);
    for (int x = 0; x < w; ++x) {
      const int l = std::max(0, x - 1), r = std::min(w - 1, x + 1);
      const float gx = (up[r] + 2 * mid[r] + dn[r]) - (up[l] + 2 * mid[l] + dn[l]);
      const float gy = (dn[l] + 2 * dn[x] + dn[r]) - (up[l] + 2 * up[x] + up[r]);
      o[x] = (std::fabs(gx) + std::fabs(gy)) * 0.25f;
    }
  }
  return out;
}

}  // namespace lv
