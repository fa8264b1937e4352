#pragma once
// Per-pixel colour conversions shared by the model-free features. Inline and
// branch-light so loops over pixels vectorise.
#include <algorithm>
#include <cstdint>

#include "core/image.hpp"
#include "imgproc/plane.hpp"

namespace lv {

struct Hsv {
  float h;  // hue in degrees, [0, 360); 0 for grays
  float s;  // saturation max-min / max, [0, 1]
  float v;  // value max, [0, 1]
};

inline Hsv rgbToHsv(std::uint8_t r8, std::uint8_t g8, std::uint8_t b8) {
  const float r = r8 * (1.0f / 255), g = g8 * (1.0f / 255), b = b8 * (1.0f / 255);
  const float mx = std::max(r, std::max(g, b));
  const float mn = std::min(r, std::min(g, b));
  const float c = mx - mn;
  Hsv out{0.0f, mx > 0 ? c / mx : 0.0f, mx};
  if (c <= 0) return out;
  float h;
  if (mx == r)
    h = (g - b) / c;
  else if (mx == g)
    h = 2.0f + (b - r) / c;
  else
    h = 4.0f + (r - g) / c;
  h *= 60.0f;
  if (h < 0) h += 360.0f;
  out.h = h;
  return out;
}

// Chroma max(r,g,b) - min(r,g,b) in [0, 1]: how far a pixel is from gray.
inline float chroma(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  return (std::max(r, std::max(g, b)) - std::min(r, std::min(g, b))) * (1.0f / 255);
}

struct Lab {
  float L, a, b;  // CIE L*a*b*, D65 white, sRGB input
};

Lab rgbToLab(std::uint8_t r, std::uint8_t g, std::uint8_t b);
// Euclidean distance in Lab (CIE76 delta E).
float deltaE(const Lab& x, const Lab& y);

// Rec. 601 luma in [0, 1].
inline float luma(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  return (0.299f * r + 0.587f * g + 0.114f * b) * (1.0f / 255);
}

// Luma of every pixel.
Plane toGray(const Image& image);

// Plausible skin tone (a YCbCr box, lit and not too saturated), 0 or 1.
inline float skinLikelihood(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  const float y = 0.299f * r + 0.587f * g + 0.114f * b;
  const float cb = 128.0f - 0.168736f * r - 0.331264f * g + 0.5f * b;
  const float cr = 128.0f + 0.5f * r - 0.418688f * g - 0.081312f * b;
  return (y > 60 && cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173 && r > g && r > b) ? 1.0f : 0.0f;
}

}  // namespace lv
