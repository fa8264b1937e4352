#pragma once
// A decoded, upright, 8-bit RGB image (alpha already composited on white).
#include <cstdint>
#include <string>
#include <vector>

#include "core/secure_buffer.hpp"

namespace lv {

// Mpo: a JPEG whose APP2 MPF segment indexes further images (stereo or
// multi-frame cameras); Ico covers CUR cursors too (the same container).
enum class ImageFormat { Jpeg, Png, Gif, Bmp, Webp, Tiff, Ico, Mpo, Raw };

// Azure's metadata.format spelling ("Jpeg", "Png", ...; "Webp", "Tiff",
// "Ico", "Mpo" in the same style).
const char* formatName(ImageFormat format);

struct Image {
  int width = 0;
  int height = 0;
  SecureVector<std::uint8_t> rgb;  // width * height * 3, row-major

  Image() = default;
  Image(int w, int h) : width(w), height(h), rgb(static_cast<std::size_t>(w) * h * 3) {}

  std::uint8_t* pixel(int x, int y) { return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3; }
  const std::uint8_t* pixel(int x, int y) const {
    return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3;
  }
  std::size_t pixelCount() const { return static_cast<std::size_t>(width) * height; }
};

// A rectangle of pixels: top-left (x, y), size w x h.
struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Rect&) const = default;
};

// What the decoder learned besides the pixels.
struct DecodedImage {
  Image image;
  ImageFormat format = ImageFormat::Raw;
  int exifOrientation = 1;      // 1..8 as found in the file, already applied
  bool animated = false;        // GIF with more than one frame: first frame analysed
  std::vector<std::string> warnings;  // what was repaired or ignored to decode the file (result "warnings")
};

}  // namespace lv
