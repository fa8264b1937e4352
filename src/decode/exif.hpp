#pragma once
// EXIF orientation: read tag 0x0112 from IFD0 of a TIFF block (the payload
// of a JPEG APP1 "Exif\0\0" segment, or of a PNG eXIf chunk) and turn an image
// upright.
#include <cstdint>
#include <span>

#include "core/image.hpp"

namespace lv {

// The orientation 1..8 from a TIFF block ("II*\0" or "MM\0*" onward).
// Returns 1 when the block is absent, malformed, or holds a value outside
// 1..8. Never throws; every read is bounds-checked.
int parseExifOrientation(std::span<const std::uint8_t> tiff);

// The image as it should be displayed for an EXIF orientation. 5..8 swap
// width and height. 1 (or any invalid value) returns the image unchanged.
Image applyOrientation(Image image, int orientation);

}  // namespace lv
