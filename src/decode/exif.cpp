#include "decode/exif.hpp"

#include <cstring>
#include <utility>

#include "decode/bytes.hpp"

namespace lv {

using namespace decode_detail;

int parseExifOrientation(Bytes tiff) {
  if (!has(tiff, 0, 8)) return 1;
  bool little;
  if (std::memcmp(tiff.data(), "II*\0", 4) == 0) little = true;
  else if (std::memcmp(tiff.data(), "MM\0*", 4) == 0) little = false;
  else return 1;
  auto u16 = [&](std::size_t at) { return little ? le16(tiff.data() + at) : be16(tiff.data() + at); };
  auto u32 = [&](std::size_t at) { return little ? le32(tiff.data() + at) : be32(tiff.data() + at); };

  std::size_t ifd = u32(4);
  if (!has(tiff, ifd, 2)) return 1;
  std::size_t count = u16(ifd);
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t entry = ifd + 2 + i * 12;
    if (!has(tiff, entry, 12)) return 1;
    if (u16(entry) != 0x0112) continue;
    std::uint16_t type = u16(entry + 2);
    std::uint32_t n = u32(entry + 4);
    if (n < 1) return 1;
    std::uint32_t value;
    if (type == 3) value = u16(entry + 8);        // SHORT, the standard type
    else if (type == 4) value = u32(entry + 8);   // LONG, seen from some writers
    else return 1;
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

Image applyOrientation(Image image, int orientation) {
  if (orientation < 2 || orientation > 8) return image;
  const int w = image.width, h = image.height;
  const bool swap = orientation >= 5;
  Image out(swap ? h : w, swap ? w : h);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sx = x, sy = y;
      switch (orientation) {
        case 2: sx = w - 1 - x; break;                    // mirror horizontally
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;    // rotate 180
        case 4: sy = h - 1 - y; break;                    // mirror vertically
        case 5: sx = y; sy = x; break;                    // transpose
        case 6: sx = y; sy = h - 1 - x; break;            // rotate 90 clockwise
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;    // transverse
        case 8: sx = w - 1 - y; sy = x; break;            // rotate 90 counter-clockwise
      }
      std::memcpy(out.pixel(x, y), image.pixel(sx, sy), 3);
    }
  }
  return out;
}

}  // namespace lv
