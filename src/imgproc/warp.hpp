#pragma once
// Affine warps with bilinear sampling: face alignment (eyes to a template)
// and any other rotated/scaled crop.
#include <cstdint>

#include "core/image.hpp"

namespace lv {

struct PointD {
  double x = 0, y = 0;
};

// Maps output pixel coordinates (u, v) to source coordinates:
// x = a*u + b*v + c, y = d*u + e*v + f. Coordinates are continuous, pixel
// (i, j) covering [i, i+1) x [j, j+1), so its centre is (i + 0.5, j + 0.5).
struct Affine {
  double a = 1, b = 0, c = 0, d = 0, e = 1, f = 0;
  PointD apply(PointD p) const { return {a * p.x + b * p.y + c, d * p.x + e * p.y + f}; }
  Affine inverse() const;
};

// The similarity (rotation, uniform scale, translation) that takes src0 to
// dst0 and src1 to dst1. Throws InternalError when src0 == src1.
Affine similarityFromTwoPoints(PointD src0, PointD src1, PointD dst0, PointD dst1);

// The RGB value at pixel-centre coordinates (x, y), bilinear, edges clamped
// (x and y are clamped to the image first), written to rgb[0..2].
void sampleBilinear(const Image& src, double x, double y, std::uint8_t* rgb);

// out(u, v) = src(dstToSrc(u + 0.5, v + 0.5)) sampled bilinearly, edges
// clamped (samples outside the image repeat its border, or take the RGB
// colour `outside` when one is given).
Image warpAffine(const Image& src, const Affine& dstToSrc, int outWidth, int outHeight,
                 const std::uint8_t* outside = nullptr);

}  // namespace lv
