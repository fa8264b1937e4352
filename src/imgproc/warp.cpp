#include "imgproc/warp.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace lv {

Affine Affine::inverse() const {
  const double det = a * e - b * d;
  if (std::abs(det) < 1e-12) throw AnalysisError(ErrorCode::InternalError, "A degenerate affine transform has no inverse.");
  Affine inv;
  inv.a = e / det;
  inv.b = -b / det;
  inv.d = -d / det;
  inv.e = a / det;
  inv.c = -(inv.a * c + inv.b * f);
  inv.f = -(inv.d * c + inv.e * f);
  return inv;
}

Affine similarityFromTwoPoints(PointD src0, PointD src1, PointD dst0, PointD dst1) {
  // As complex numbers: dst = k * (src - src0) + dst0, k = (dst1 - dst0) / (src1 - src0).
  const double sx = src1.x - src0.x, sy = src1.y - src0.y, dx = dst1.x - dst0.x, dy = dst1.y - dst0.y;
  const double n = sx * sx + sy * sy;
  if (n < 1e-12) throw AnalysisError(ErrorCode::InternalError, "Two identical points define no similarity transform.");
  const double kr = (dx * sx + dy * sy) / n, ki = (dy * sx - dx * sy) / n;
  Affine t;
  t.a = kr;
  t.b = -ki;
  t.d = ki;
  t.e = kr;
  t.c = dst0.x - (kr * src0.x - ki * src0.y);
  t.f = dst0.y - (ki * src0.x + kr * src0.y);
  return t;
}

void sampleBilinear(const Image& src, double x, double y, std::uint8_t* rgb) {
  x = std::clamp(x, 0.0, src.width - 1.0);
  y = std::clamp(y, 0.0, src.height - 1.0);
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, src.width - 1), y1 = std::min(y0 + 1, src.height - 1);
  const double fx = x - x0, fy = y - y0;
  const std::uint8_t *p00 = src.pixel(x0, y0), *p10 = src.pixel(x1, y0), *p01 = src.pixel(x0, y1),
                     *p11 = src.pixel(x1, y1);
  for (int c = 0; c < 3; ++c) {
    const double top = p00[c] + (p10[c] - p00[c]) * fx, bottom = p01[c] + (p11[c] - p01[c]) * fx;
    rgb[c] = static_cast<std::uint8_t>(std::lround(top + (bottom - top) * fy));
  }
}

Image warpAffine(const Image& src, const Affine& m, int outWidth, int outHeight, const std::uint8_t* outside) {
  if (src.width <= 0 || src.height <= 0 || outWidth <= 0 || outHeight <= 0)
    throw AnalysisError(ErrorCode::InternalError, "warpAffine needs a non-empty source and output.");
  Image out(outWidth, outHeight);
  for (int v = 0; v < outHeight; ++v) {
    std::uint8_t* dst = out.pixel(0, v);
    for (int u = 0; u < outWidth; ++u) {
      const PointD p = m.apply({u + 0.5, v + 0.5});
      if (outside && (p.x < 0 || p.y < 0 || p.x > src.width || p.y > src.height)) std::copy_n(outside, 3, dst + u * 3);
      else sampleBilinear(src, p.x - 0.5, p.y - 0.5, dst + u * 3);
    }
  }
  return out;
}

}  // namespace lv
