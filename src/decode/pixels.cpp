#include "decode/pixels.hpp"

namespace lv::decode_detail {

void compositeOnWhite(const std::uint8_t* rgba, Image& out) {
  std::uint8_t* dst = out.rgb.data();
  for (std::size_t i = 0, n = out.pixelCount(); i < n; ++i, rgba += 4, dst += 3) {
    unsigned a = rgba[3];
    for (int c = 0; c < 3; ++c) dst[c] = static_cast<std::uint8_t>((rgba[c] * a + 255u * (255u - a) + 127u) / 255u);
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
