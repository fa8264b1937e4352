#include "imgproc/colorspace.hpp"

#include <cmath>

namespace lv {
namespace {

float srgbToLinear(std::uint8_t v8) {
  const float v = v8 * (1.0f / 255);
  return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
}

float labF(float t) {
  constexpr float d = 6.0f / 29.0f;
  return t > d * d * d ? std::cbrt(t) : t / (3 * d * d) + 4.0f / 29.0f;
}

}  // namespace

Lab rgbToLab(std::uint8_t r8, std::uint8_t g8, std::uint8_t b8) {
  const float r = srgbToLinear(r8), g = srgbToLinear(g8), b = srgbToLinear(b8);
  const float x = (0.4124564f * r + 0.3575761f * g + 0.1804375f * b) / 0.95047f;
  const float y = 0.2126729f * r + 0.7151522f * g + 0.0721750f * b;
  const float z = (0.0193339f * r + 0.1191920f * g + 0.9503041f * b) / 1.08883f;
  const float fx = labF(x), fy = labF(y), fz = labF(z);
  return {116.0f * fy - 16.0f, 500.0f * (fx - fy), 200.0f * (fy - fz)};
}

float deltaE(const Lab& p, const Lab& q) {
  const float dl = p.L - q.L, da = p.a - q.a, db = p.b - q.b;
  return std::sqrt(dl * dl + da * da + db * db);
}

Plane toGray(const Image& image) {
  Plane out(image.width, image.height);
  const std::uint8_t* p = image.rgb.data();
  float* d = out.data.data();
  const std::size_t n = image.pixelCount();
  for (std::size_t i = 0; i < n; ++i, p += 3) d[i] = luma(p[0], p[1], p[2]);
  return out;
}

}  // namespace lv
