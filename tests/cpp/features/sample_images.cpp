// stb_image for the feature tests. STB_IMAGE_STATIC gives every stb function
// internal linkage here, so this copy cannot clash with src/decode's.
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "features/sample_images.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace lv::test {

Image loadSample(const std::string& name) {
  const std::string path = std::string(LV_SAMPLES_DIR) + "/" + name;
  int w = 0, h = 0, channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
  if (!data) return {};
  Image img(w, h);
  for (std::size_t i = 0; i < img.pixelCount(); ++i) {
    // Composite alpha on white, as the decoder does.
    const unsigned a = data[i * 4 + 3];
    for (int c = 0; c < 3; ++c)
      img.rgb[i * 3 + c] = static_cast<std::uint8_t>((data[i * 4 + c] * a + 255 * (255 - a) + 127) / 255);
  }
  stbi_image_free(data);
  return img;
}

Image jpegRoundTrip(const Image& img, int quality) {
  std::vector<unsigned char> bytes;
  stbi_write_jpg_to_func(
      [](void* ctx, void* data, int size) {
        auto* out = static_cast<std::vector<unsigned char>*>(ctx);
        out->insert(out->end(), static_cast<unsigned char*>(data), static_cast<unsigned char*>(data) + size);
      },
      &bytes, img.width, img.height, 3, img.rgb.data(), quality);
  int w = 0, h = 0, channels = 0;
  unsigned char* data = stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &channels, 3);
  if (!data) return {};
  Image out(w, h);
  std::memcpy(out.rgb.data(), data, out.pixelCount() * 3);
  stbi_image_free(data);
  return out;
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
