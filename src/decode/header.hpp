#pragma once
// The dimensions a file declares, read from its header alone, so that size
// limits are enforced before any pixel memory is allocated (decompression
// bombs: a few hundred bytes can declare 60000x60000).
#include <cstdint>
#include <span>

#include "core/image.hpp"
#include "core/limits.hpp"

namespace lv {

struct DeclaredSize {
  std::uint64_t width = 0;
  std::uint64_t height = 0;
};

// JPEG and MPO: first SOFn; PNG: IHDR; GIF: the canvas (gif.hpp: the logical
// screen, or a larger first frame); BMP: DIB header (|height|); WebP: canvas
// (webp.hpp); TIFF: first IFD (tiff.hpp); ICO: the largest entry (ico.hpp).
// Orientation is not applied.
// Throws InvalidImageFormat when the header is missing, truncated, or
// declares a zero side.
DeclaredSize readDeclaredSize(std::span<const std::uint8_t> bytes, ImageFormat format);

// Throws InvalidImageSize when a side is outside limits.minSide..maxSide or
// width*height exceeds limits.maxPixels. The message gives the size and the limit.
void checkImageSize(std::uint64_t width, std::uint64_t height, const Limits& limits);

}  // namespace lv
