#include "decode/pixels.hpp"

#include <cstring>

namespace lv::decode_detail {

void compositeOnWhite(const std::uint8_t* rgba, Image& out) {
  std::uint8_t* dst = out.rgb.data();
  for (std::size_t i = 0, n = out.pixelCount(); i < n; ++i, rgba += 4, dst += 3) {
    unsigned a = rgba[3];
    for (int c = 0; c < 3; ++c) dst[c] = static_cast<std::uint8_t>((rgba[c] * a + 255u * (255u - a) + 127u) / 255u);
  }
}

void dropAlpha(const std::uint8_t* rgba, Image& out) {
  // Four pixels at a time in one SIMD register (GCC/Clang vector extension).
  using Bytes16 = std::uint8_t __attribute__((vector_size(16)));
  std::uint8_t* dst = out.rgb.data();
  std::size_t i = 0;
  const std::size_t n = out.pixelCount();
  for (; i + 4 <= n; i += 4, rgba += 16, dst += 12) {
    Bytes16 pixels;
    std::memcpy(&pixels, rgba, sizeof pixels);
    const Bytes16 rgb = __builtin_shufflevector(pixels, pixels, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 3, 7, 11, 15);
    std::memcpy(dst, &rgb, 12);
  }
  for (; i < n; ++i, rgba += 4, dst += 3) {
    dst[0] = rgba[0];
    dst[1] = rgba[1];
    dst[2] = rgba[2];
  }
}

void compositePremultipliedOnWhite(const std::uint8_t* rgba, Image& out) {
  std::uint8_t* dst = out.rgb.data();
  for (std::size_t i = 0, n = out.pixelCount(); i < n; ++i, rgba += 4, dst += 3) {
    unsigned background = 255u - rgba[3];
    for (int c = 0; c < 3; ++c) {
      unsigned v = rgba[c] + background;
      dst[c] = static_cast<std::uint8_t>(v > 255u ? 255u : v);
    }
  }
}

}  // namespace lv::decode_detail
