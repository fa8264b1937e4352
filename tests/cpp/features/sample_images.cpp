// Samples are decoded by the library's own decoder (src/decode); JPEG
// round trips use the shared test encoder (tests/cpp/test_images).
#include "features/sample_images.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/limits.hpp"
#include "decode/decode.hpp"
#include "test_images.hpp"

namespace lv::test {

Image loadSample(const std::string& name) {
  std::ifstream in(std::string(LV_SAMPLES_DIR) + "/" + name, std::ios::binary);
  if (!in) return {};
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return decodeImage(bytes, Limits{}).image;  // alpha composited on white
}

Image jpegRoundTrip(const Image& img, int quality) {
  lvtest::Pixels px;
  px.width = img.width;
  px.height = img.height;
  px.channels = 3;
  px.data.assign(img.rgb.begin(), img.rgb.begin() + static_cast<std::ptrdiff_t>(img.pixelCount() * 3));
  Limits any;
  any.minSide = 1;
  return decodeImage(lvtest::encodeJpeg(px, quality), any).image;
}

Image solidImage(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  Image img(w, h);
  fillRect(img, 0, 0, w, h, r, g, b);
  return img;
}

static void put(Image& img, int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  std::uint8_t* p = img.pixel(x, y);
  p[0] = r, p[1] = g, p[2] = b;
}

void fillRect(Image& img, int x, int y, int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  for (int yy = y; yy < y + h; ++yy)
    for (int xx = x; xx < x + w; ++xx) put(img, xx, yy, r, g, b);
}

Image grayWithCheckerPatch(int w, int h, int px, int py, int size, int cell) {
  Image img = solidImage(w, h, 128, 128, 128);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const bool red = ((x / cell) + (y / cell)) % 2 == 0;
      put(img, px + x, py + y, red ? 240 : 20, red ? 30 : 20, red ? 30 : 200);
    }
  return img;
}

void fillCircle(Image& img, int cx, int cy, int radius, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  for (int y = cy - radius; y <= cy + radius; ++y)
    for (int x = cx - radius; x <= cx + radius; ++x)
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) put(img, x, y, r, g, b);
}

void drawRing(Image& img, int cx, int cy, int radius, int thickness, std::uint8_t r, std::uint8_t g,
              std::uint8_t b) {
  const double lo = radius - thickness / 2.0, hi = radius + thickness / 2.0;
  for (int y = cy - radius - thickness; y <= cy + radius + thickness; ++y)
    for (int x = cx - radius - thickness; x <= cx + radius + thickness; ++x) {
      const double d = std::hypot(x - cx, y - cy);
      if (d >= lo && d <= hi) put(img, x, y, r, g, b);
    }
}

void drawLine(Image& img, int x0, int y0, int x1, int y1, int thickness, std::uint8_t r, std::uint8_t g,
              std::uint8_t b) {
  const int steps = std::max(std::abs(x1 - x0), std::abs(y1 - y0)) + 1;
  for (int i = 0; i <= steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    const int x = static_cast<int>(std::lround(x0 + t * (x1 - x0)));
    const int y = static_cast<int>(std::lround(y0 + t * (y1 - y0)));
    fillRect(img, x - thickness / 2, y - thickness / 2, thickness, thickness, r, g, b);
  }
}

}  // namespace lv::test
